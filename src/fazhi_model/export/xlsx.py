"""The responsibility matrix as an Excel workbook (任务分工表.xlsx), for Excel and WPS.

Sheets: 分工表 (the collapsed view: a column per reference as written), 分工表(展开) (the
expanded view: a column per unit), 条款 (every provision with its quota and time limit) and
说明 (the legend and the sources). Each sheet has its header row frozen, Chinese text wrapped,
column widths fitted to the text, and prints on A4 landscape, one page wide, the header row
repeated on every page; the body is set in 仿宋, the header in 黑体 (never Calibri). The
expanded view is too wide for one page: it prints on A3 landscape at its natural size, split
across pages, with the task columns repeated on every page (print titles).

:func:`write_table` writes the conventional 任务分工表 (or one unit's table) of
:mod:`fazhi_model.views.division_table` as a workbook ready to print: a merged title row, the
header row repeated on every page, the headings as merged rows, borders, A4 landscape, and
``第 N 页 共 M 页`` in the footer.

Every write is atomic (:func:`fazhi_model.store.files.atomic_path`) and every cell passes
through :func:`fazhi_model.export._safe.cell`.

Needs the ``xlsx`` extra (``pip install fazhi_model[xlsx]``): openpyxl is imported only here,
only when a workbook is written.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from fazhi_model._display import display_width
from fazhi_model.errors import InputError, require
from fazhi_model.export._layout import BODY, HEADER, TITLE, FontSpec
from fazhi_model.export._safe import cell
from fazhi_model.model.document import Document
from fazhi_model.store.files import atomic_path
from fazhi_model.views.division_table import Band, DivisionTable
from fazhi_model.views.matrix import (
    Matrix,
    header,
    legend,
    matrix,
    table,
)
from fazhi_model.views.provision_table import PROVISION_HEADER, provision_table
from fazhi_model.wording import page_footer

__all__ = [
    "SHEETS",
    "TABLE_SHEET",
    "table_sheet",
    "width",
    "write",
    "write_table",
]

SHEETS = ("分工表", "分工表(展开)", "条款", "说明")
"""The sheet names, in order."""

TABLE_SHEET = "任务分工表"
"""The sheet name of :func:`write_table`'s workbook."""

_WIDTHS = {"任务": 6, "任务名称": 22, "原文": 60, "要求": 36, "承担者": 16}
_UNIT_WIDTH = 9
_LINE_HEIGHT = 15.0


def _openpyxl() -> Any:
    return require("openpyxl", "xlsx", feature="XLSX")


def width(text: object) -> int:
    """The display width of a text: 2 for each wide (CJK) character, 1 for the others."""
    return display_width(text)


def _font(spec: FontSpec, *, bold: bool = False, size: float | None = None) -> Any:
    styles = importlib.import_module("openpyxl.styles")
    return styles.Font(name=spec.sheet, size=size or spec.size, bold=bold)


def _footer(sheet: Any) -> None:
    """``第 &P 页 共 &N 页`` (page N of M) centred in the footer of every page."""
    footer = sheet.oddFooter.center
    footer.text = page_footer("&P", "&N")
    footer.font = BODY.sheet
    footer.size = 10


def write(
    doc: Document,
    path: str | Path,
    *,
    zones: bool = False,
    active: str = "collapsed",
    inputs: Iterable[str | Path] = (),
) -> Path:
    """Write the workbook to ``path``; ``active`` (``collapsed`` or ``expanded``) is the sheet
    it opens on; ``zones`` adds the functional zones to the expanded view; ``inputs`` are files
    the output may not replace. Returns the path.
    """
    if active not in ("collapsed", "expanded"):
        raise InputError(f"active 应为 collapsed 或 expanded (active sheet), 而非 {active!r}")
    openpyxl = _openpyxl()
    book = openpyxl.Workbook()
    collapsed = matrix(doc)
    expanded = matrix(doc, expand=True, zones=zones)
    sheets = [
        _matrix_sheet(book.active, SHEETS[0], collapsed),
        _matrix_sheet(book.create_sheet(), SHEETS[1], expanded),
    ]
    _split_pages(sheets[1])
    provisions = book.create_sheet()
    provisions.title = SHEETS[2]
    _fill(provisions, list(PROVISION_HEADER), provision_table(doc), widths=_WIDTHS)
    notes = book.create_sheet()
    notes.title = SHEETS[3]
    _notes(notes, doc, expanded)
    book.active = 1 if active == "expanded" else 0
    for sheet in sheets:
        sheet.sheet_view.tabSelected = sheet is book.active
    target = Path(path)
    with atomic_path(target, inputs=inputs) as temp:
        book.save(temp)
    return target


def _matrix_sheet(sheet: Any, title: str, m: Matrix) -> Any:
    sheet.title = title
    widths = dict(_WIDTHS)
    widths.update({c.name: _UNIT_WIDTH for c in m.columns})
    _fill(sheet, header(m, titles=True), table(m, titles=True), widths=widths, centre_from=2)
    bold = _font(BODY, bold=True, size=10)
    for row in sheet.iter_rows(min_row=2, min_col=3):
        for c in row:
            if c.value == "牵头":
                c.font = bold
    return sheet


def _split_pages(sheet: Any) -> None:
    """A3 landscape at natural size, split across pages, the task columns and the header row
    repeated on every page: a column per unit stays legible on paper.
    """
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A3
    setup.orientation = "landscape"
    setup.fitToWidth = 0
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = False
    setup.pageOrder = "overThenDown"
    sheet.print_title_cols = "A:B"


def _fill(
    sheet: Any,
    head: Sequence[str],
    body: Sequence[Sequence[object]],
    *,
    widths: dict[str, int],
    centre_from: int | None = None,
) -> None:
    """Header, body, wrapping, widths, row heights, frozen header and A4 landscape printing."""
    styles = importlib.import_module("openpyxl.styles")
    utils = importlib.import_module("openpyxl.utils")
    thin = styles.Side(style="thin", color="999999")
    border = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.append([cell(h) for h in head])
    for row in body:
        sheet.append([cell(v) for v in row])
    fitted = []
    for index, name in enumerate(head):
        values = [name, *(row[index] for row in body)]
        natural = max(width(v) for v in values) + 2
        fitted.append(max(4, min(widths.get(name, natural), natural, 60)))
        sheet.column_dimensions[utils.get_column_letter(index + 1)].width = fitted[-1]
    fill = styles.PatternFill("solid", fgColor="DDEBF7")
    for row in sheet.iter_rows():
        lines = 1
        for c in row:
            centre = centre_from is not None and c.column > centre_from
            c.alignment = styles.Alignment(
                wrap_text=True,
                vertical="center" if c.row == 1 or centre else "top",
                horizontal="center" if c.row == 1 or centre else None,
            )
            c.border = border
            if c.row == 1:
                c.font = _font(HEADER, size=10)
                c.fill = fill
            else:
                c.font = _font(BODY, size=10)
            if c.value not in (None, ""):
                lines = max(lines, math.ceil(width(c.value) / max(fitted[c.column - 1] - 1, 1)))
        sheet.row_dimensions[row[0].row].height = _LINE_HEIGHT * lines
    sheet.freeze_panes = "C2" if centre_from is not None else "A2"
    sheet.print_title_rows = "1:1"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.auto_filter.ref = sheet.dimensions
    _footer(sheet)


def _notes(sheet: Any, doc: Document, expanded: Matrix) -> None:
    meta = doc.metadata
    rows: list[list[object]] = [
        ["文件", meta.title],
        ["发文机关", meta.issuer],
        ["成文日期", meta.issued.isoformat()],
    ]
    rows += [[label, text] for label, text in legend(expanded)]
    rows.append(["展开视图", "含功能区" if expanded.zones else "不含功能区(赣州经开区、蓉江新区)"])
    rows += [["单位名录说明", text] for text in doc.registry.limitations]
    rows += [["单位名录来源", text] for text in doc.registry.references]
    _fill(sheet, ["项目", "说明"], rows, widths={"项目": 14, "说明": 90})
    sheet.auto_filter.ref = None


# -- the 任务分工表 as offices print it ---------------------------------------------------------

_CJK_UNITS = 2.1
"""Excel column-width units per CJK character of the body font."""

_CENTRED = frozenset({"序号", "牵头单位", "完成时限", "条款", "类型", "到期日"})
_BAND_FILL = "F2F2F2"
_HEADER_ROW = 3


def _lines(text: str, columns: float) -> int:
    """Printed lines of a wrapped cell ``columns`` CJK characters wide."""
    per_line = max(columns * 2 - 1, 1)
    return sum(max(1, math.ceil(width(line) / per_line)) for line in text.split("\n"))


def table_sheet(sheet: Any, table: DivisionTable) -> Any:
    """Fill ``sheet`` with the table: title and subtitle rows merged across the table, the
    header row (repeated on every printed page), the bands as merged rows, borders, fonts,
    row heights for the wrapped text, A4 landscape, ``第 N 页 共 M 页`` in the footer.
    """
    styles = importlib.import_module("openpyxl.styles")
    utils = importlib.import_module("openpyxl.utils")
    count = len(table.header)
    last = utils.get_column_letter(count)
    thin = styles.Side(style="thin", color="000000")
    border = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = styles.Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = styles.Alignment(horizontal="left", vertical="center", wrap_text=True)
    sheet.title = TABLE_SHEET
    for index, chars in enumerate(table.widths, start=1):
        sheet.column_dimensions[utils.get_column_letter(index)].width = round(
            chars * _CJK_UNITS + 1, 1
        )

    def merged(row: int, text: str, font: Any, align: Any, height: float) -> None:
        sheet.cell(row=row, column=1, value=cell(text))
        sheet.merge_cells(f"A{row}:{last}{row}")
        first = sheet.cell(row=row, column=1)
        first.font = font
        first.alignment = align
        sheet.row_dimensions[row].height = height

    merged(1, table.title, _font(TITLE), centre, 40)
    merged(2, table.subtitle, _font(BODY, size=11), centre, 20)
    for index, name in enumerate(table.header, start=1):
        c = sheet.cell(row=_HEADER_ROW, column=index, value=cell(name))
        c.font = _font(HEADER)
        c.alignment = centre
        c.border = border
        c.fill = styles.PatternFill("solid", fgColor="D9D9D9")
    sheet.row_dimensions[_HEADER_ROW].height = 24
    band_fill = styles.PatternFill("solid", fgColor=_BAND_FILL)
    row_no = _HEADER_ROW
    for row in table.rows:
        row_no += 1
        if isinstance(row, Band):
            merged(row_no, row.text, _font(HEADER), left, 22)
            for index in range(1, count + 1):
                c = sheet.cell(row=row_no, column=index)
                c.border = border
                c.fill = band_fill
            continue
        lines = 1
        for index, (name, text) in enumerate(zip(table.header, row.cells, strict=True), start=1):
            c = sheet.cell(row=row_no, column=index, value=cell(text))
            c.font = _font(BODY)
            c.alignment = centre if name in _CENTRED else left
            c.border = border
            lines = max(lines, _lines(text, table.widths[index - 1]))
        sheet.row_dimensions[row_no].height = 15.5 * lines + 6
    for note_no, note in enumerate(table.notes, start=row_no + 2):
        sheet.cell(row=note_no, column=1, value=cell(note)).font = _font(BODY, size=10)
        sheet.merge_cells(f"A{note_no}:{last}{note_no}")
        sheet.cell(row=note_no, column=1).alignment = left
    sheet.freeze_panes = f"A{_HEADER_ROW + 1}"
    sheet.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    sheet.print_area = f"A1:{last}{row_no}"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left = margins.right = 0.5
    margins.top = 0.6
    margins.bottom = 0.7
    margins.footer = 0.3
    _footer(sheet)
    return sheet


def write_table(
    table: DivisionTable, path: str | Path, *, inputs: Iterable[str | Path] = ()
) -> Path:
    """Write a 任务分工表 (or one unit's table) as a one-sheet workbook to ``path``, atomically;
    ``inputs`` are files the output may not replace. Returns the path.
    """
    openpyxl = _openpyxl()
    book = openpyxl.Workbook()
    table_sheet(book.active, table)
    book.properties.title = table.title
    target = Path(path)
    with atomic_path(target, inputs=inputs) as temp:
        book.save(temp)
    return target
