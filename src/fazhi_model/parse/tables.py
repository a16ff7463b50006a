"""任务分工表: a task table, flattened to text or read from an .xlsx or .docx file (分工表).

A table in a text has one row per line, cells joined by `` | ``; its header row names the
columns (序号, 工作任务/改革举措, 主要内容, 牵头单位, 责任单位, 配合单位, 指导部门, 完成时限…,
see :data:`~fazhi_model.parse.styles.COLUMN_ROLES`). After it:

* a line without `` | `` (or a row whose only filled cell is the first) is a category row
  spanning the table (一、知识产权保护方面(共5项)): a heading for the rows below;
* a row with a number in its 序号 cell is a task with that number (numbering may jump);
* an empty cell takes the value of the cell above (a merged cell), except 序号;
* the table ends at a blank line or a line that is neither a row nor a category row.

:func:`table_text` turns the first table of an .xlsx sheet or a .docx file into that text
form (merged cells become empty cells), so that both read exactly alike.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from fazhi_model.errors import InputError, require
from fazhi_model.parse.norm import number
from fazhi_model.parse.styles import COLUMN_ROLES

__all__ = [
    "CELL",
    "TABLE_SUFFIXES",
    "TextTable",
    "TextTableRow",
    "find_tables",
    "header_roles",
    "table_text",
]

TABLE_SUFFIXES = (".xlsx", ".docx")
"""File kinds :func:`table_text` reads."""

CELL = " | "
"""The cell separator of a table flattened to text."""

_CATEGORY = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+[类部分])"
)
_NUMBER = re.compile(r"^\d{1,4}$")
_MAX_CATEGORY = 60


@attrs.frozen
class TextTableRow:
    """One task row: its line span, number, cells by role (inherited where empty), category."""

    start: int
    end: int
    number: int | None
    cells: dict[str, str]
    """Role → cell text (normalised), after inheriting empty cells from above."""
    spans: dict[str, tuple[int, int]]
    """Role → where the cell's own text is in the normalised text (absent when inherited)."""
    category: int | None


@attrs.frozen
class TextTable:
    """A task table found in a text (文中分工表): its span, column roles, categories and task rows.

    Not a ledger being read (:class:`fazhi_model.store.tables.Table`).
    """

    start: int
    end: int
    roles: tuple[str, ...]
    """The role of each column (``number``, ``title``, ``lead``…; ``other`` otherwise)."""
    categories: tuple[tuple[int, str, int, int], ...]
    """(number, title, start, end) of each category row."""
    rows: tuple[TextTableRow, ...]


def header_roles(cells: list[str]) -> tuple[str, ...] | None:
    """The roles of a header row's cells, or ``None`` when it is not a task table's header.

    A header names a number or a title column and at least one unit column (牵头/责任/配合/
    指导…); without a number column the rows are numbered 1, 2, … in order.
    """
    roles = tuple(COLUMN_ROLES.get(re.sub(r"\s+", "", c), "other") for c in cells)
    units = {"lead", "responsible", "cooperating", "guiding"}
    if not units.intersection(roles) or not {"number", "title"}.intersection(roles):
        return None
    return roles


def _category_number(text: str) -> int | None:
    match = re.match(r"^\(?([一二三四五六七八九十]+)", text)
    return number(match.group(1)) if match else None


def find_tables(text: str) -> list[TextTable]:
    """Every task table of a normalised ``text`` (linear in its length)."""
    tables: list[TextTable] = []
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw), raw))
        pos += len(raw) + 1
    i = 0
    while i < len(lines):
        raw = lines[i][2]
        roles = header_roles(raw.split(CELL)) if CELL in raw else None
        if roles is None:
            i += 1
            continue
        table, i = _read_table(lines, i, roles)
        tables.append(table)
    return tables


def _read_table(
    lines: list[tuple[int, int, str]], head: int, roles: tuple[str, ...]
) -> tuple[TextTable, int]:
    categories: list[tuple[int, str, int, int]] = []
    rows: list[TextTableRow] = []
    above: dict[str, str] = {}
    category: int | None = None
    end = lines[head][1]
    i = head + 1
    while i < len(lines):
        start, stop, raw = lines[i]
        body = raw.strip()
        if not body:
            break
        cells = raw.split(CELL) if CELL in raw else [raw]
        filled = [c for c in cells if c.strip()]
        if len(filled) == 1 and cells[0].strip() and not _NUMBER.match(cells[0].strip()):
            title = cells[0].strip()
            if len(title) > _MAX_CATEGORY or (CELL not in raw and not _CATEGORY.match(title)):
                break
            label = _category_number(title) or len(categories) + 1
            categories.append((label, title, start, stop))
            category = label
            above = {}
            end = stop
            i += 1
            continue
        if CELL not in raw:
            break
        values: dict[str, str] = {}
        spans: dict[str, tuple[int, int]] = {}
        offset = start
        for k, cell in enumerate(cells):
            role = roles[k] if k < len(roles) else "other"
            lead = len(cell) - len(cell.lstrip())
            value = cell.strip()
            if value:
                values.setdefault(role, value)
                spans.setdefault(role, (offset + lead, offset + lead + len(value)))
            offset += len(cell) + len(CELL)
        for role, value in above.items():
            if role != "number" and role not in values:
                values[role] = value
        above = dict(values)
        raw_number = values.get("number", "") if "number" in spans else ""
        task = int(raw_number) if _NUMBER.match(raw_number) else None
        if "number" not in roles:
            task = len(rows) + 1
        rows.append(TextTableRow(start, stop, task, values, spans, category))
        end = stop
        i += 1
    return TextTable(lines[head][0], end, roles, tuple(categories), tuple(rows)), i


def table_text(path: str | Path) -> str:
    """The first task table of an .xlsx (first sheet) or .docx file, flattened to text.

    One row per line, cells joined by :data:`CELL`; a row whose only filled cell is the first
    (a category row spanning the table) is written as that cell alone. Cells lose their line
    breaks and ``|`` (written ``｜``). Raises :class:`~fazhi_model.errors.InputError` for
    another kind of file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        rows = _xlsx_rows(path)
    elif suffix == ".docx":
        rows = _docx_rows(path)
    else:
        raise InputError(
            f"不是 .xlsx 或 .docx 文件: {path} (expected an .xlsx or .docx task table)"
        )
    lines: list[str] = []
    for row in rows:
        cells = [re.sub(r"\s*\n\s*", "", c).replace("|", "｜").strip() for c in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            lines.append("")
        elif len([c for c in cells if c]) == 1 and cells[0]:
            lines.append(cells[0])
        else:
            lines.append(CELL.join(cells))
    return "\n".join(lines).strip("\n") + "\n"


def _xlsx_rows(path: Path) -> list[list[str]]:
    openpyxl = require("openpyxl", "xlsx", feature="reading an .xlsx task table")
    book = openpyxl.load_workbook(path, read_only=False, data_only=True)
    try:
        sheet = book.worksheets[0]
        rows: list[list[str]] = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(["" if v is None else str(v) for v in row])
        return rows
    finally:
        book.close()


def _docx_rows(path: Path) -> list[list[str]]:
    docx = require("docx", "docx", feature="reading a .docx task table")
    document = docx.Document(str(path))
    for table in document.tables:
        rows: list[list[str]] = []
        for row in table.rows:
            cells: list[str] = []
            previous = None
            for cell in row.cells:
                # a merged cell repeats the same cell object: write it once, then empty
                cells.append("" if cell._tc is previous else cell.text)
                previous = cell._tc
            rows.append(cells)
        # a cell merged downwards repeats the text above: empty it (it is inherited)
        for r in range(len(rows) - 1, 0, -1):
            for c, value in enumerate(rows[r]):
                if c < len(rows[r - 1]) and value and _same_cell(table, r, c):
                    rows[r][c] = ""
        for k, row in enumerate(rows):
            if header_roles(row) is not None:
                return rows[k:]
    raise InputError(f"{path}: 没有找到任务分工表 (no table with a 序号 column and a unit column)")


def _same_cell(table: object, r: int, c: int) -> bool:
    rows = table.rows  # type: ignore[attr-defined]
    try:
        return bool(rows[r].cells[c]._tc is rows[r - 1].cells[c]._tc)
    except IndexError:
        return False
