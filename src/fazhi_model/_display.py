"""Display support (显示): HTML tables for Jupyter, depending on nothing in the package.

Like pydantic's ``_repr.py``: a model object says *what* to show (a caption and a table), and
this module says *how*. Nothing here imports the model, so the model never imports its
presentation; the export layer reuses the same helpers for whole pages.

Every text goes through :func:`html.escape`; the markup is a plain ``<table>`` with ``class``
names (``fazhi-…``) for styling and no scripts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

__all__ = ["block", "markdown_table", "page", "table"]

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


def block(css: str, caption: Sequence[str], body: str, *, notes: Sequence[str] = ()) -> str:
    """A ``<div>``: a caption (its first line bold, the others below it), a body, then notes.

    ``caption`` and ``notes`` are plain text and are escaped here; ``body`` is markup already
    (a :func:`table`).
    """
    head, *rest = caption
    lines = "".join(f"<br>{escape(line)}" for line in rest)
    parts = [f'<div class="{escape(css)}">', f"<p><strong>{escape(head)}</strong>{lines}</p>"]
    parts.append(body)
    parts += [f"<p>{escape(note)}</p>" for note in notes]
    parts.append("</div>")
    return "\n".join(parts)


def page(title: str, body: str) -> str:
    """A complete HTML5 page around ``body`` (for ``--format html`` files)."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        "<style>th,td{border:1px solid #999;padding:2px 6px}td{text-align:center}</style>\n"
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _md(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown_table(head: Sequence[object], body: Sequence[Sequence[object]]) -> str:
    """A Markdown (GFM) table; ``|`` in the text is escaped."""
    lines = ["| " + " | ".join(_md(h) for h in head) + " |"]
    lines.append("|" + "|".join("---" for _ in head) + "|")
    lines += ["| " + " | ".join(_md(v) for v in row) + " |" for row in body]
    return "\n".join(lines) + "\n"
