"""The supervision bulletin (督办通报): counts by state and the items to chase, per unit.

One content, two forms: :func:`blocks` lays the bulletin out as headings, paragraphs, list
items and a table; :func:`markdown` writes them as Markdown and :func:`write_docx` as a Word
document (needs the ``docx`` extra: python-docx). The bulletin says only what the report
says: the counts, then the overdue, due-soon, behind and late-done items grouped by unit, each
with its dates; then the rules of the states. It adds no judgement or instruction of its own:
the supervisor writes those.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from fazhi_model._display import markdown_table
from fazhi_model.compliance.status import STATE_RULES, ItemStatus, State, StatusReport
from fazhi_model.errors import InputError
from fazhi_model.export._layout import BODY, HEADER, TITLE
from fazhi_model.export.docx import Docx, run_in
from fazhi_model.store.files import atomic_path, atomic_write
from fazhi_model.wording import BULLETIN_TITLE, chinese_number, day_with_weekday

__all__ = ["Block", "blocks", "build_docx", "markdown", "write", "write_docx"]

_SECTIONS = (
    (State.OVERDUE, "逾期事项"),
    (State.DUE_SOON, "临期事项"),
    (State.BEHIND, "进度滞后事项"),
    (State.DONE_LATE, "逾期完成事项"),
)


@attrs.frozen
class Block:
    """One piece of the bulletin: ``kind`` is ``title``, ``heading``, ``subheading``,
    ``paragraph``, ``item`` (a numbered list item) or ``table`` (``head`` and ``rows``).
    """

    kind: str
    text: str = ""
    head: tuple[str, ...] = ()
    rows: tuple[tuple[object, ...], ...] = ()


def _line(r: ItemStatus) -> str:
    i = r.item
    text = f"{i.provision} {i.action}: 截止{day_with_weekday(i.due)}"
    if r.state is State.OVERDUE:
        text += f", 已逾期{r.workdays_overdue}个工作日({r.days_overdue}天)"
    elif r.state is State.DUE_SOON:
        text += f", 此后剩余{r.workdays_left}个工作日"
    elif r.state is State.DONE_LATE and r.reported_on is not None:
        text += f", {r.reported_on}完成"
    if r.state is State.BEHIND and r.pace is not None:
        text += f"; {r.explanation.split(': ', 1)[-1].split(', 截止日')[0]}"
    if r.reported is not None and r.state is not State.DONE_LATE:
        text += f"; 最近上报: {r.reported.label}({r.reported_on})"
    return text + "。"


def blocks(report: StatusReport, *, title: str | None = None) -> list[Block]:
    """The bulletin's content, in order."""
    counts = report.counts()
    found = [
        Block("title", title or BULLETIN_TITLE),
        Block("paragraph", f"(截至{day_with_weekday(report.today)}, {report.year}年度)"),
        Block("heading", f"{chinese_number(1)}、总体情况"),
        Block(
            "paragraph",
            f"本次共督办 {len(report.rows)} 项: "
            + ", ".join(f"{s.label} {counts[s]} 项" for s in State)
            + "。",
        ),
    ]
    chase = (State.OVERDUE, State.DUE_SOON, State.BEHIND)
    units = [u for u in report.by_unit() if any(u.counts[s] for s in chase)]
    if units:
        found.append(
            Block(
                "table",
                head=("单位", *(s.label for s in chase), "合计"),
                rows=tuple((u.unit, *(u.counts[s] for s in chase), u.total) for u in units),
            )
        )
    number = 2
    for state, heading in _SECTIONS:
        rows = [r for r in report.rows if r.state is state]
        if not rows:
            continue
        found.append(Block("heading", f"{chinese_number(number)}、{heading}({len(rows)}项)"))
        number += 1
        by_unit: dict[str, list[ItemStatus]] = {}
        for r in rows:
            by_unit.setdefault(r.item.unit_name, []).append(r)
        for unit, its in by_unit.items():
            found.append(Block("subheading", f"{unit}({len(its)}项)"))
            found += [Block("item", _line(r)) for r in its]
    found.append(Block("heading", f"{chinese_number(number)}、说明"))
    found.append(
        Block(
            "paragraph",
            f"工作日按国务院办公厅放假通知计算; 临期指截止日前{report.warn_workdays}个工作日内。",
        )
    )
    found += [Block("item", f"{s.label}: {STATE_RULES[s.value][0]}。") for s in State]
    found += [Block("paragraph", n) for n in report.notes]
    return found


def markdown(report: StatusReport, *, title: str | None = None) -> str:
    """The bulletin as Markdown."""
    lines: list[str] = []
    counter = 0
    for b in blocks(report, title=title):
        if b.kind == "item":
            counter += 1
            lines.append(f"{counter}. {b.text}")
            continue
        if counter:
            lines.append("")
            counter = 0
        if b.kind == "title":
            lines += [f"# {b.text}", ""]
        elif b.kind == "heading":
            lines += [f"## {b.text}", ""]
        elif b.kind == "subheading":
            lines += [f"### {b.text}", ""]
        elif b.kind == "paragraph":
            lines += [b.text, ""]
        else:
            lines += [markdown_table(b.head, [list(r) for r in b.rows]).rstrip("\n"), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def build_docx(report: StatusReport, *, title: str | None = None) -> Any:
    """The bulletin as a python-docx ``Document`` (needs the ``docx`` extra)."""
    d = Docx()
    document = d.docx.Document()
    counter = 0
    for b in blocks(report, title=title):
        counter = counter + 1 if b.kind == "item" else 0
        if b.kind == "table":
            table = document.add_table(rows=1, cols=len(b.head))
            table.style = "Table Grid"
            for c, h in zip(table.rows[0].cells, b.head, strict=True):
                c.text = ""
                run_in(d, c.paragraphs[0], h, attrs.evolve(HEADER, size=11))
            for row in b.rows:
                cells = table.add_row().cells
                for c, v in zip(cells, row, strict=True):
                    c.text = ""
                    run_in(d, c.paragraphs[0], str(v), BODY)
            continue
        paragraph = document.add_paragraph()
        text = f"{counter}. {b.text}" if b.kind == "item" else b.text
        if b.kind == "title":
            paragraph.alignment = d.WD_ALIGN.CENTER
            run_in(d, paragraph, text, TITLE)
        elif b.kind in ("heading", "subheading"):
            size = 14 if b.kind == "heading" else 12
            run_in(d, paragraph, text, attrs.evolve(HEADER, size=size), bold=b.kind == "subheading")
        else:
            run_in(d, paragraph, text, attrs.evolve(BODY, size=12))
    return document


def write_docx(
    report: StatusReport,
    path: str | Path,
    *,
    title: str | None = None,
    inputs: Iterable[str | Path] = (),
) -> Path:
    """Write the bulletin as a Word document (atomically)."""
    document = build_docx(report, title=title)
    target = Path(path)
    with atomic_path(target, inputs=inputs) as temp:
        document.save(str(temp))
    return target


def write(
    report: StatusReport,
    path: str | Path,
    *,
    title: str | None = None,
    inputs: Sequence[str | Path] = (),
) -> Path:
    """Write the bulletin as Markdown (``.md``, ``.markdown``, ``.txt``) or DOCX (``.docx``)."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".docx":
        return write_docx(report, target, title=title, inputs=inputs)
    if suffix in (".md", ".markdown", ".txt"):
        atomic_write(target, markdown(report, title=title), inputs=inputs)
        return target
    raise InputError(f"通报格式应为 .md 或 .docx (bulletin: expected .md or .docx, got {suffix!r})")
