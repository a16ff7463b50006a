"""Display support (显示): HTML tables for Jupyter and aligned terminal tables, depending on
nothing in the package.

Like pydantic's ``_repr.py``: a model object says *what* to show (a caption and a table), and
this module says *how*. Nothing here imports the model, so the model never imports its
presentation; the export layer reuses the same helpers for whole pages.

Every text goes through :func:`html.escape`; the markup is a plain ``<table>`` with ``class``
names (``fazhi-…``) for styling and no scripts.

Terminal tables (:func:`text_table`) pad by *display width*, not by characters: a CJK
character takes two terminal columns, a combining mark none. The widths come from
:mod:`wcwidth` (Unicode's East Asian Width and zero-width data).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from wcwidth import wcswidth, wcwidth

__all__ = [
    "banded_table",
    "block",
    "display_width",
    "ljust",
    "markdown_table",
    "page",
    "rjust",
    "table",
    "text_table",
]

_STYLE = "border-collapse:collapse"


def table(
    head: Sequence[object],
    body: Iterable[Sequence[object]],
    *,
    css: str,
    titles: Iterable[Sequence[str | None]] | None = None,
    styles: Iterable[Sequence[str | None]] | None = None,
) -> str:
    """A ``<table>`` with a header row and body rows, every cell escaped.

    ``titles`` gives, per body cell, an optional tooltip (``title`` attribute); ``styles``
    per body cell an optional inline CSS (``background:#F8696B``), e.g. a state's colour.
    """
    tips = iter(titles) if titles is not None else None
    looks = iter(styles) if styles is not None else None
    lines = [f'<table class="{escape(css)}" style="{_STYLE}">', "<thead><tr>"]
    lines += [f"<th>{escape(str(h))}</th>" for h in head]
    lines.append("</tr></thead>")
    lines.append("<tbody>")
    for row in body:
        tip_row: Sequence[str | None] = next(tips) if tips is not None else [None] * len(row)
        look_row: Sequence[str | None] = next(looks) if looks is not None else [None] * len(row)
        cells = "".join(
            "<td"
            + (f' title="{escape(tip)}"' if tip else "")
            + (f' style="{escape(look)}"' if look else "")
            + f">{escape(str(v))}</td>"
            for v, tip, look in zip(row, tip_row, look_row, strict=True)
        )
        lines.append(f"<tr>{cells}</tr>")
    lines.append("</tbody></table>")
    return "\n".join(lines)


def banded_table(
    head: Sequence[object],
    rows: Iterable[str | Sequence[object]],
    *,
    css: str,
) -> str:
    """A ``<table>`` whose rows are cells, or a text (a band) spanning every column.

    A newline inside a cell becomes ``<br>``; every text is escaped.
    """

    def text(value: object) -> str:
        return "<br>".join(escape(line) for line in str(value).split("\n"))

    lines = [f'<table class="{escape(css)}" style="{_STYLE}">', "<thead><tr>"]
    lines += [f"<th>{escape(str(h))}</th>" for h in head]
    lines.append("</tr></thead>")
    lines.append("<tbody>")
    for row in rows:
        if isinstance(row, str):
            lines.append(
                f'<tr class="band"><th colspan="{len(head)}" style="text-align:left">'
                f"{text(row)}</th></tr>"
            )
        else:
            lines.append("<tr>" + "".join(f"<td>{text(v)}</td>" for v in row) + "</tr>")
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


def display_width(text: object) -> int:
    """The number of terminal columns ``text`` takes: 2 per wide (CJK) character, 0 per
    combining mark, 1 otherwise; a control character counts as 0 rather than failing.
    """
    s = str(text)
    total = wcswidth(s)
    if total >= 0:
        return total
    return sum(max(wcwidth(ch), 0) for ch in s)


def ljust(text: object, width: int) -> str:
    """``text`` padded with spaces on the right to ``width`` display columns."""
    s = str(text)
    return s + " " * max(width - display_width(s), 0)


def rjust(text: object, width: int) -> str:
    """``text`` padded with spaces on the left to ``width`` display columns."""
    s = str(text)
    return " " * max(width - display_width(s), 0) + s


def text_table(
    rows: Iterable[Sequence[object]],
    *,
    head: Sequence[object] | None = None,
    right: Iterable[int] = (),
    gap: str = "  ",
) -> list[str]:
    """Lines of a plain-text table whose columns line up on a terminal, CJK or not.

    Every column but the last is padded to its widest cell by display width; the last is
    left as it is (no trailing spaces). ``right`` lists the columns aligned right (numbers).
    A newline in a cell is shown as a space.
    """
    body = [[str(v).replace("\n", " ") for v in row] for row in rows]
    if head is not None:
        body.insert(0, [str(h) for h in head])
    if not body:
        return []
    count = max(len(row) for row in body)
    widths = [
        max((display_width(row[i]) for row in body if i < len(row)), default=0)
        for i in range(count)
    ]
    align_right = set(right)
    lines = []
    for row in body:
        cells = []
        for i, value in enumerate(row):
            if i == len(row) - 1 and i not in align_right:
                cells.append(value)
            elif i in align_right:
                cells.append(rjust(value, widths[i]))
            else:
                cells.append(ljust(value, widths[i]))
        lines.append(gap.join(cells).rstrip())
    return lines
