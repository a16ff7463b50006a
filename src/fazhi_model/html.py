"""HTML rendering (网页表格) for Jupyter and ``--format html``: small, escaped, valid tables.

A leaf module: it imports only :mod:`fazhi_model.rows` when loaded, so that any module may
use :func:`table`.

Every text from the data goes through :func:`html.escape`; the markup is plain ``<table>``
with ``class`` names (``fazhi-…``) for styling and no scripts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from fazhi_model.rows import summary

if TYPE_CHECKING:
    from fazhi_model.document import Document, Task
    from fazhi_model.matrix import Matrix

_STYLE = "border-collapse:collapse"


def table(
    head: Sequence[object],
    body: Iterable[Sequence[object]],
    *,
    css: str,
    titles: Iterable[Sequence[str | None]] | None = None,
) -> str:
    """A ``<table>`` with a header row and body rows, every cell escaped.

    ``titles`` gives, per body cell, an optional tooltip (``title`` attribute).
    """
    tips = iter(titles) if titles is not None else None
    lines = [f'<table class="{escape(css)}" style="{_STYLE}">', "<thead><tr>"]
    lines += [f"<th>{escape(str(h))}</th>" for h in head]
    lines.append("</tr></thead>")
    lines.append("<tbody>")
    for row in body:
        tip_row: Sequence[str | None] = next(tips) if tips is not None else [None] * len(row)
        cells = "".join(
            f'<td title="{escape(tip)}">{escape(str(v))}</td>'
            if tip
            else f"<td>{escape(str(v))}</td>"
            for v, tip in zip(row, tip_row, strict=True)
        )
        lines.append(f"<tr>{cells}</tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def document_html(doc: Document) -> str:
    """A document: its title line, then one row per task (number, title, 责任单位, provisions)."""
    meta = doc.metadata
    facts = [meta.issuer, meta.issued.isoformat(), *([meta.number] if meta.number else [])]
    count = sum(1 for _ in doc.provisions())
    caption = (
        f"<p><strong>{escape(meta.title)}</strong> — {escape(' · '.join(facts))}; "
        f"{len(doc.tasks)} tasks, {count} provisions</p>"
    )
    body = [(t.number, t.title, "、".join(t.responsible), len(t.provisions)) for t in doc.tasks]
    rows = table(("任务", "标题", "责任单位", "条款数"), body, css="fazhi-document")
    return f'<div class="fazhi-document">\n{caption}\n{rows}\n</div>'


def task_html(task: Task) -> str:
    """A task: its number, title and 责任单位, then one row per provision."""
    from fazhi_model.matrix import KIND_LABELS

    caption = (
        f"<p><strong>{task.number}. {escape(task.title)}</strong><br>"
        f"责任单位: {escape('、'.join(task.responsible))}</p>"
    )
    body = [(p.id, KIND_LABELS[p.kind], p.bearer, summary(p)) for p in task.provisions]
    rows = table(("编号", "类型", "承担者", "要求"), body, css="fazhi-task")
    return f'<div class="fazhi-task">\n{caption}\n{rows}\n</div>'


def matrix_html(matrix: Matrix) -> str:
    """A responsibility matrix: a row per task, a column per reference or unit.

    Each label cell carries a tooltip saying the group it comes through, where it does.
    """
    from fazhi_model.matrix import LEGEND, header
    from fazhi_model.matrix import table as matrix_table

    titles = [
        [None, None, *((c.via if c is not None else None) for c in row.cells)]
        for row in matrix.rows
    ]
    view = "展开到单位" if matrix.expanded else "按责任单位注"
    caption = f"<p><strong>{escape(matrix.title)}</strong> 任务分工表 ({view})</p>"
    rows = table(
        header(matrix, titles=True),
        matrix_table(matrix, titles=True),
        css="fazhi-matrix",
        titles=titles,
    )
    legend = "; ".join(f"{escape(label)}: {escape(text)}" for label, text in LEGEND)
    return f'<div class="fazhi-matrix">\n{caption}\n{rows}\n<p>{legend}</p>\n</div>'


def page(title: str, body: str) -> str:
    """A complete HTML5 page around ``body`` (for ``--format html`` files)."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        "<style>th,td{border:1px solid #999;padding:2px 6px}td{text-align:center}</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
