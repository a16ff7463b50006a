"""The division-of-tasks table (任务分工表) as offices circulate it, and one unit's own table.

:func:`division_table` gives the conventional layout a 司法局 attaches to a 通知: a title
(the document's title + 任务分工表), then one row per task, 序号 | 重点任务 | 主要内容 |
牵头单位 | 责任单位 | 完成时限, under the headings (一)…(七) as rows across the table, and the
组织保障 sections at the end.

* 主要内容: the task's provisions, one per line, each the verbatim quote of its source
  sentence (the document's words; a sentence quoted by two provisions is listed once).
* 牵头单位: only the units the document itself marks as leading (:attr:`Task.lead`); empty
  where it names none. The first unit of an annotation is *not* read as the lead.
* 责任单位: the responsibility annotation as written, without its brackets.
* 完成时限: the time limits the text sets (deadlines, recurring dates, target years, each by
  :func:`~fazhi_model.model.summary.when`); 持续推进 where it sets none. A quota's period
  (每年) is how often, not a time limit, so it is not listed here.

:func:`unit_table` gives one unit's own table (单位任务清单), the document a county office
circulates internally: every provision :func:`~fazhi_model.views.graph.queries.duties` gives
the unit, in the same order, grouped under the task it comes through, with the reference
that reaches the unit (承担依据), the time limit and, for a year, the due dates.

Both are :class:`DivisionTable` values: a title, a header and rows that are either a
:class:`Band` (a row across the whole table) or a :class:`DivisionRow` of cells. The exports (XLSX,
DOCX, HTML) and the terminal render the same value.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from fazhi_model import _display
from fazhi_model.dates.estimating import AnyCalendar
from fazhi_model.model.document import Document, Section, Task
from fazhi_model.model.provisions import (
    Deadline,
    Provision,
    Quota,
    RecurringDueDate,
    Staffing,
    Target,
)
from fazhi_model.model.summary import when
from fazhi_model.model.units import RESPONSIBLE
from fazhi_model.views.graph.build import node_id, task_id
from fazhi_model.views.graph.queries import Assignment, duties
from fazhi_model.wording import (
    DIVISION_HEADER,
    DIVISION_TITLE,
    KIND_LABELS,
    ONGOING,
    SECTION_PART,
    UNIT_TABLE_HEADER,
    UNIT_TABLE_TITLE,
    chinese_number,
)

__all__ = [
    "DIVISION_WIDTHS",
    "UNIT_WIDTHS",
    "Band",
    "DivisionRow",
    "DivisionTable",
    "division_table",
    "table_data",
    "time_limits",
    "unit_table",
]

DIVISION_WIDTHS = (4, 9, 35, 7, 13, 9)
"""Relative widths of the 任务分工表 columns, in CJK characters (A4 landscape holds ~76)."""

UNIT_WIDTHS = (4, 5, 5, 5, 27, 15, 8, 7)
"""Relative widths of a unit's table columns, in CJK characters."""


@attrs.frozen
class Band:
    """A row across the whole table (通栏): a heading such as ``(一)坚持…`` or a task."""

    text: str


@attrs.frozen(kw_only=True)
class DivisionRow:
    """A row of cells (表格行); a cell with several lines has them joined by ``\\n``.

    ``task`` is the task number (``None`` for 组织保障); ``provision`` the provision id in a
    unit's table (``None`` in the 任务分工表).
    """

    cells: tuple[str, ...]
    task: int | None = None
    provision: str | None = None


@attrs.frozen(kw_only=True)
class DivisionTable:
    """A table ready to print (分工表): title, subtitle, header, rows, column widths, notes.

    ``widths`` are relative column widths in CJK characters; ``unit`` is the unit's id for a
    unit's own table, ``None`` for the whole document's.
    """

    title: str
    subtitle: str
    header: tuple[str, ...]
    rows: tuple[Band | DivisionRow, ...]
    widths: tuple[int, ...]
    notes: tuple[str, ...] = ()
    unit: str | None = None
    year: int | None = None

    @property
    def body(self) -> tuple[DivisionRow, ...]:
        """The rows of cells, without the bands."""
        return tuple(r for r in self.rows if isinstance(r, DivisionRow))

    def lines(self) -> list[str]:
        """The table for a terminal: title, the short columns lined up by display width, the
        widest column (主要内容 or 工作要求) below each row, one line per item, and the bands
        as ``【…】`` lines.
        """
        out = [self.title, *([self.subtitle] if self.subtitle else [])]
        long = self.widths.index(max(self.widths))
        short = [i for i in range(len(self.header)) if i != long]
        laid = iter(
            _display.text_table(
                [
                    [row[i].replace("\n", "、") for i in short]
                    for row in [self.header, *(r.cells for r in self.body)]
                ]
            )
        )
        out.append(next(laid))
        for row in self.rows:
            if isinstance(row, Band):
                out.append(f"【{row.text}】")
                continue
            out.append(next(laid))
            out += [f"    · {line}" for line in row.cells[long].split("\n") if line]
        out += list(self.notes)
        return out

    def to_markdown(self) -> str:
        """The table as Markdown: title, then a table whose bands are bold rows."""
        width = len(self.header)
        body: list[tuple[str, ...]] = []
        for row in self.rows:
            if isinstance(row, Band):
                body.append((f"**{row.text}**", *[""] * (width - 1)))
            else:
                body.append(tuple(c.replace("\n", "<br>") for c in row.cells))
        notes = "".join(f"\n{n}\n" for n in self.notes)
        sub = f"{self.subtitle}\n\n" if self.subtitle else ""
        return f"# {self.title}\n\n{sub}" + _display.markdown_table(self.header, body) + notes

    def _repr_html_(self) -> str:
        """The table for Jupyter and HTML pages; bands as rows spanning every column."""
        return _display.block(
            "fazhi-division",
            (self.title, *([self.subtitle] if self.subtitle else [])),
            _display.banded_table(
                self.header,
                [(r.text if isinstance(r, Band) else r.cells) for r in self.rows],
                css="fazhi-division",
            ),
            notes=self.notes,
        )


# -- the 任务分工表 -----------------------------------------------------------------------------


def _requirements(provisions: Sequence[Provision]) -> str:
    seen: list[str] = []
    for p in provisions:
        if p.source not in seen:
            seen.append(p.source)
    return "\n".join(seen)


def _timed(p: Provision) -> bool:
    if isinstance(p, Target | Staffing):
        return p.by_year is not None
    return isinstance(p, Deadline | RecurringDueDate)


def _what(p: Provision) -> str:
    if isinstance(p, Deadline | RecurringDueDate):
        return p.action
    if isinstance(p, Target):
        return p.metric
    if isinstance(p, Staffing):
        return p.role
    return ""


def time_limits(provisions: Sequence[Provision]) -> tuple[str, ...]:
    """The time limits the text sets for these provisions (完成时限), or ``(持续推进,)``.

    Deadlines, recurring dates and target years, each as
    :func:`~fazhi_model.model.summary.when` words it; where there are several, each says
    what it limits in brackets. A quota's period is not a time limit.
    """
    timed = [p for p in provisions if _timed(p)]
    if not timed:
        return (ONGOING,)
    found: list[str] = []
    for p in timed:
        text = when(p) if len(timed) == 1 else f"{when(p)}({_what(p)})"
        if text not in found:
            found.append(text)
    return tuple(found)


def _annotation(task: Task) -> str:
    text = task.annotation
    if not text:
        return "、".join(task.responsible)
    text = text.strip().removeprefix("〔").removesuffix("〕")
    for prefix in (f"{RESPONSIBLE}:", f"{RESPONSIBLE}:"):
        text = text.removeprefix(prefix)
    return text


def _task_row(task: Task) -> DivisionRow:
    return DivisionRow(
        cells=(
            str(task.number),
            task.title,
            _requirements(task.provisions),
            "、".join(task.lead),
            _annotation(task),
            "\n".join(time_limits(task.provisions)),
        ),
        task=task.number,
    )


def _section_row(section: Section) -> DivisionRow:
    bearers: list[str] = []
    for p in section.provisions:
        if p.bearer not in bearers:
            bearers.append(p.bearer)
    return DivisionRow(
        cells=(
            section.label,
            section.title,
            _requirements(section.provisions),
            "",
            "、".join(bearers),
            "\n".join(time_limits(section.provisions)),
        )
    )


def _numeral(number: int) -> str:
    """一 … 九十九 as headings write them; a larger number as digits."""
    return chinese_number(number) if 1 <= number <= 99 else str(number)


def _part_title(doc: Document, number: int, default: str) -> str:
    part = next((p for p in doc.parts if p.number == number), None)
    return f"{_numeral(number)}、{part.title if part else default}"


def division_table(doc: Document) -> DivisionTable:
    """The conventional 任务分工表 of a document: every task under its heading, then 组织保障.

    Tasks without a heading (or with one the document does not have) come first, under no
    band; every task is listed exactly once. The 组织保障 sections follow under a band with
    their part's title; their 责任单位 are the bearers their provisions name.
    """
    placed: set[int] = set()
    known = {h.number for h in doc.headings}
    rows: list[Band | DivisionRow] = []
    for index, task in enumerate(doc.tasks):
        if task.heading not in known:
            rows.append(_task_row(task))
            placed.add(index)
    for heading in doc.headings:
        rows.append(Band(f"({_numeral(heading.number)}){heading.title}"))
        for index, task in enumerate(doc.tasks):
            if index not in placed and task.heading == heading.number:
                rows.append(_task_row(task))
                placed.add(index)
    if doc.sections:
        part = doc.sections[0].part
        rows.append(Band(_part_title(doc, part, SECTION_PART)))
        rows += [_section_row(s) for s in doc.sections]
    meta = doc.metadata
    number = f" {meta.number}" if meta.number else ""
    issued = f"{meta.issued.year}年{meta.issued.month}月{meta.issued.day}日"
    return DivisionTable(
        title=f"《{meta.title}》{DIVISION_TITLE}",
        subtitle=f"{meta.issuer}{number} {issued}",
        header=DIVISION_HEADER,
        rows=tuple(rows),
        widths=DIVISION_WIDTHS,
        notes=(
            "主要内容为原文摘录; 牵头单位仅在原文明确牵头时填写; "
            "完成时限未在原文规定的, 记为“持续推进”。",
        ),
    )


# -- one unit's table ----------------------------------------------------------------------


def _labels(doc: Document) -> dict[str, str]:
    labels = {node_id(e): e.name for e in doc.registry.entries()}
    labels.update({task_id(t.number): f"任务{t.number}" for t in doc.tasks})
    return labels


def _basis(a: Assignment, labels: dict[str, str]) -> str:
    """How the provision reaches the unit, from its bearer down: ``各级政府 → 各县(市、区)政府``."""
    middle = [n for n in a.path[1:-1] if not n.startswith("task:")]
    if a.how == "annotation":
        chain = [RESPONSIBLE, *(labels.get(n, n) for n in middle)]
        return " → ".join(chain) if middle else f"{RESPONSIBLE}(本单位)"
    if a.how == "bearer":
        return "本单位"
    return " → ".join(labels.get(n, n) for n in reversed(middle))


def _unit_groups(
    doc: Document, found: Sequence[Assignment]
) -> Iterator[tuple[Task | None, Assignment | None, list[Assignment]]]:
    tasks = {a.task: a for a in found if a.provision is None}
    order: list[int | None] = []
    for a in found:
        if a.task not in order:
            order.append(a.task)
    for number in order:
        task = doc.task(number) if number is not None else None
        yield task, tasks.get(number), [a for a in found if a.task == number and a.provision]


def unit_table(
    doc: Document,
    year: int | None = None,
    *,
    unit: str,
    zones: bool = False,
    calendar: AnyCalendar | None = None,
) -> DivisionTable:
    """One unit's own table (单位任务清单): every provision ``duties`` gives it, in order.

    A band per task says which task it comes through and by which reference of the
    annotation; each row gives the provision id, kind, the document's words, how it reaches
    the unit (承担依据), its time limit (持续推进 where the text sets none; a quota's period)
    and, with ``year``, the due dates in that year on ``calendar``.
    """
    found = duties(doc, year, unit=unit, zones=zones, calendar=calendar)
    provisions = {p.id: p for _, p in doc.provisions()}
    labels = _labels(doc)
    rows: list[Band | DivisionRow] = []
    count = 0
    for task, through, items in _unit_groups(doc, found):
        if task is None:
            rows.append(Band(SECTION_PART))
        else:
            via = [labels.get(n, n) for n in (through.path[1:-1] if through else ())]
            reach = f"(责任单位注: {'、'.join(via)})" if via else ""
            rows.append(Band(f"{task.number}. {task.title}{reach}"))
        for a in items:
            assert a.provision is not None
            p = provisions[a.provision]
            count += 1
            limit = when(p) if isinstance(p, Quota) or _timed(p) else ONGOING
            rows.append(
                DivisionRow(
                    cells=(
                        str(count),
                        f"任务{a.task}" if a.task is not None else SECTION_PART,
                        p.id,
                        KIND_LABELS.get(p.kind, p.kind),
                        p.source,
                        _basis(a, labels),
                        limit or ONGOING,
                        "\n".join(d.isoformat() for d in a.due),
                    ),
                    task=a.task,
                    provision=p.id,
                )
            )
    name = found[0].unit_label if found else unit
    uid = found[0].unit.removeprefix("unit:") if found else unit
    span = f"({year}年)" if year is not None else ""
    meta = doc.metadata
    header = UNIT_TABLE_HEADER if year is not None else UNIT_TABLE_HEADER[:-1]
    widths = UNIT_WIDTHS if year is not None else UNIT_WIDTHS[:-1]
    return DivisionTable(
        title=f"{name}落实《{meta.title}》{UNIT_TABLE_TITLE}{span}",
        subtitle=f"共 {count} 项工作要求; 责任单位注涉及本单位的任务 "
        f"{sum(1 for a in found if a.provision is None)} 项",
        header=header,
        rows=tuple(rows if year is not None else [_drop_due(r) for r in rows]),
        widths=widths,
        notes=(
            "工作要求为原文摘录; 承担依据自原文所列承担者起, 逐级至本单位; "
            "到期日为原文规定的日期, 未因休息日调整。",
        ),
        unit=uid,
        year=year,
    )


def _drop_due(row: Band | DivisionRow) -> Band | DivisionRow:
    return row if isinstance(row, Band) else attrs.evolve(row, cells=row.cells[:-1])


def table_data(table: DivisionTable) -> dict[str, Any]:
    """The table as JSON-ready data (the ``fazhi table --format json`` contract).

    Keys are English: ``title``, ``subtitle``, ``unit``, ``year``, ``header``, ``notes`` and
    ``rows``, each row either ``{"band": text}`` or ``{"cells": [...], "task": n,
    "provision": id}``; a cell's lines are joined by ``\\n``.
    """
    rows: list[dict[str, Any]] = [
        {"band": r.text}
        if isinstance(r, Band)
        else {"cells": list(r.cells), "task": r.task, "provision": r.provision}
        for r in table.rows
    ]
    return {
        "title": table.title,
        "subtitle": table.subtitle,
        "unit": table.unit,
        "year": table.year,
        "header": list(table.header),
        "rows": rows,
        "notes": list(table.notes),
    }
