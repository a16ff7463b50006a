"""The responsibility matrix as an Excel workbook (任务分工表.xlsx), for Excel and WPS.

Sheets: 分工表 (the collapsed view: a column per reference as written), 分工表(展开) (the
expanded view: a column per unit), 条款 (every provision with its quota and time limit) and
说明 (the legend and the sources). Each sheet has its header row frozen, Chinese text wrapped,
column widths fitted to the text, and prints on A4 landscape, one page wide, the header row
repeated on every page.

Needs the ``xlsx`` extra (``pip install fazhi_model[xlsx]``): openpyxl is imported only here,
only when a workbook is written.
"""

from __future__ import annotations

import importlib
import math
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fazhi_model.errors import FazhiError
from fazhi_model.model.document import Document
from fazhi_model.views.matrix import (
    LEGEND,
    Matrix,
    header,
    matrix,
    table,
)
from fazhi_model.views.provision_table import PROVISION_HEADER, provision_table

SHEETS = ("分工表", "分工表(展开)", "条款", "说明")
"""The sheet names, in order."""

_WIDTHS = {"任务": 6, "任务名称": 22, "原文": 60, "要求": 36, "承担者": 16}
_UNIT_WIDTH = 9
_LINE_HEIGHT = 15.0


def _openpyxl() -> Any:
    try:
        return importlib.import_module("openpyxl")
    except ImportError:
        raise FazhiError("writing XLSX needs openpyxl: install fazhi_model[xlsx]") from None


def width(text: object) -> int:
    """The display width of a text: 2 for each wide (CJK) character, 1 for the others."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def write(
    doc: Document,
    path: str | Path,
    *,
    zones: bool = False,
    active: str = "collapsed",
) -> Path:
    """Write the workbook to ``path``; ``active`` (``collapsed`` or ``expanded``) is the sheet
    it opens on; ``zones`` adds the functional zones to the expanded view. Returns the path.
    """
    if active not in ("collapsed", "expanded"):
        raise FazhiError(f"active sheet: expected 'collapsed' or 'expanded', got {active!r}")
    openpyxl = _openpyxl()
    book = openpyxl.Workbook()
    collapsed = matrix(doc)
    expanded = matrix(doc, expand=True, zones=zones)
    sheets = [
        _matrix_sheet(book.active, SHEETS[0], collapsed),
        _matrix_sheet(book.create_sheet(), SHEETS[1], expanded),
    ]
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
    try:
        book.save(target)
    except OSError as exc:
        raise FazhiError(f"{target}: cannot write the workbook: {exc.strerror}") from None
    return target


def _matrix_sheet(sheet: Any, title: str, m: Matrix) -> Any:
    sheet.title = title
    widths = dict(_WIDTHS)
    widths.update({c.name: _UNIT_WIDTH for c in m.columns})
    _fill(sheet, header(m, titles=True), table(m, titles=True), widths=widths, centre_from=2)
    bold = importlib.import_module("openpyxl.styles").Font(bold=True)
    for row in sheet.iter_rows(min_row=2, min_col=3):
        for cell in row:
            if cell.value == "牵头":
                cell.font = bold
    return sheet


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
    sheet.append(list(head))
    for row in body:
        sheet.append(list(row))
    fitted = []
    for index, name in enumerate(head):
        values = [name, *(row[index] for row in body)]
        natural = max(width(v) for v in values) + 2
        fitted.append(max(4, min(widths.get(name, natural), natural, 60)))
        sheet.column_dimensions[utils.get_column_letter(index + 1)].width = fitted[-1]
    fill = styles.PatternFill("solid", fgColor="DDEBF7")
    for row in sheet.iter_rows():
        lines = 1
        for cell in row:
            centre = centre_from is not None and cell.column > centre_from
            cell.alignment = styles.Alignment(
                wrap_text=True,
                vertical="center" if cell.row == 1 or centre else "top",
                horizontal="center" if cell.row == 1 or centre else None,
            )
            cell.border = border
            if cell.row == 1:
                cell.font = styles.Font(bold=True)
                cell.fill = fill
            if cell.value not in (None, ""):
                lines = max(
                    lines, math.ceil(width(cell.value) / max(fitted[cell.column - 1] - 1, 1))
                )
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


def _notes(sheet: Any, doc: Document, expanded: Matrix) -> None:
    meta = doc.metadata
    rows: list[list[object]] = [
        ["文件", meta.title],
        ["发文机关", meta.issuer],
        ["成文日期", meta.issued.isoformat()],
    ]
    rows += [[label, text] for label, text in LEGEND]
    rows.append(["展开视图", "含功能区" if expanded.zones else "不含功能区(赣州经开区、蓉江新区)"])
    rows += [["单位名录说明", text] for text in doc.registry.limitations]
    rows += [["单位名录来源", text] for text in doc.registry.references]
    _fill(sheet, ["项目", "说明"], rows, widths={"项目": 14, "说明": 90})
    sheet.auto_filter.ref = None
