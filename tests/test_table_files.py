"""The 任务分工表 as XLSX and DOCX, read back: cells, merged heading rows, fonts, print
titles, page setup and the footer; the matrix workbook printable; writes atomic and safe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import fazhi_model as fm
from fazhi_model.cli import main
from fazhi_model.errors import WriteError
from fazhi_model.export import docx as DX
from fazhi_model.export import xlsx as XL
from fazhi_model.views.division_table import (
    Band,
    DivisionRow,
    DivisionTable,
    division_table,
    unit_table,
)
from fazhi_model.wording import DIVISION_HEADER

openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def table(doc: fm.Document) -> DivisionTable:
    return division_table(doc)


@pytest.fixture(scope="module")
def workbook(table: DivisionTable, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("xlsx") / "分工表.xlsx"
    XL.write_table(table, path)
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def document(table: DivisionTable, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("docx") / "分工表.docx"
    DX.write_table(table, path)
    return docx.Document(str(path))


# -- XLSX ---------------------------------------------------------------------------------


def test_xlsx_cells_and_merged_headings(workbook: Any, table: DivisionTable) -> None:
    sheet = workbook[XL.TABLE_SHEET]
    assert sheet["A1"].value == table.title
    assert [c.value for c in sheet[3]] == list(DIVISION_HEADER)
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A1:F1" in merged and "A2:F2" in merged
    row_no = 3
    tasks = []
    for source in table.rows:
        row_no += 1
        if isinstance(source, Band):
            assert f"A{row_no}:F{row_no}" in merged
            assert sheet.cell(row=row_no, column=1).value == source.text
        else:
            assert tuple(c.value or "" for c in sheet[row_no]) == source.cells
            if source.task is not None:
                tasks.append(source.task)
    assert tasks == list(range(1, 19))
    bands = [
        sheet.cell(row=int(r.split(":")[0][1:]), column=1).value
        for r in merged
        if r not in ("A1:F1", "A2:F2") and int(r.split(":")[0][1:]) <= row_no
    ]
    assert len(bands) == 8 and "(一)坚持党对法治政府建设的领导" in bands
    task8 = next(r for r in range(4, row_no + 1) if sheet.cell(row=r, column=1).value == "8")
    assert "每年1月底前、7月底前" in sheet.cell(row=task8, column=6).value


def test_xlsx_fonts_print_titles_footer(workbook: Any) -> None:
    sheet = workbook[XL.TABLE_SHEET]
    assert sheet["A1"].font.name == "黑体" and sheet["A1"].font.sz == 18
    assert {c.font.name for c in sheet[3]} == {"黑体"}
    assert sheet["C5"].font.name == "仿宋"
    assert "Calibri" not in {c.font.name for row in sheet.iter_rows() for c in row if c.value}
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert sheet.freeze_panes == "A4"
    assert sheet["A5"].border.left.style == "thin"
    widths = [sheet.column_dimensions[c].width for c in "ABCDEF"]
    assert widths[2] == max(widths) and min(widths) >= 8


def test_xlsx_rows_tall_enough_for_their_lines(workbook: Any) -> None:
    sheet = workbook[XL.TABLE_SHEET]
    for row in sheet.iter_rows(min_row=4):
        text = row[2].value
        if isinstance(text, str) and row[1].value:
            assert sheet.row_dimensions[row[0].row].height >= 15 * (text.count("\n") + 1)


def test_matrix_workbook_printable(doc: fm.Document, tmp_path: Path) -> None:
    path = XL.write(doc, tmp_path / "m.xlsx")
    book = openpyxl.load_workbook(path)
    expanded = book[XL.SHEETS[1]]
    assert expanded.print_title_cols == "$A:$B"
    assert int(expanded.page_setup.paperSize) == int(expanded.PAPERSIZE_A3)
    assert expanded.page_setup.orientation == "landscape"
    assert not expanded.sheet_properties.pageSetUpPr.fitToPage
    for sheet in book.worksheets:
        fonts = {c.font.name for row in sheet.iter_rows() for c in row if c.value is not None}
        assert "Calibri" not in fonts, sheet.title
        assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"


# -- DOCX ---------------------------------------------------------------------------------


def _east_asian(element: Any) -> set[str]:
    return {f.get(f"{W}eastAsia") for f in element.iter(f"{W}rFonts") if f.get(f"{W}eastAsia")}


def test_docx_page_title_and_fonts(document: Any, table: DivisionTable) -> None:
    section = document.sections[0]
    assert section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE
    assert abs(section.page_width.mm - 297) < 1 and abs(section.page_height.mm - 210) < 1
    title = document.paragraphs[0]
    assert title.text == table.title
    assert _east_asian(title._p) == {"方正小标宋简体"}
    grid = document.tables[0]
    assert _east_asian(grid.rows[0]._tr) == {"黑体"}
    body = next(
        r for r, s in zip(grid.rows[1:], table.rows, strict=True) if isinstance(s, DivisionRow)
    )
    assert _east_asian(body._tr) == {"仿宋"}
    normal = document.styles["Normal"].element
    assert _east_asian(normal) == {"仿宋"}
    fonts = next(
        p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"
    )
    text = fonts.blob.decode("utf-8")
    assert 'w:name="方正小标宋简体"' in text
    assert '<w:altName w:val="黑体"/>' in text


def test_docx_cells_merged_headings_repeated_header(document: Any, table: DivisionTable) -> None:
    grid = document.tables[0]
    assert len(grid.rows) == 1 + len(table.rows)
    assert [c.text for c in grid.rows[0].cells] == list(DIVISION_HEADER)
    tr_pr = grid.rows[0]._tr.trPr
    assert tr_pr is not None and tr_pr.find(f"{W}tblHeader") is not None
    bands = 0
    for row, source in zip(grid.rows[1:], table.rows, strict=True):
        cells = row._tr.findall(f"{W}tc")
        if isinstance(source, Band):
            bands += 1
            assert len(cells) == 1
            span = cells[0].find(f"{W}tcPr/{W}gridSpan")
            assert span is not None and span.get(f"{W}val") == "6"
            assert row.cells[0].text == source.text
            assert row._tr.trPr is None or row._tr.trPr.find(f"{W}tblHeader") is None
        else:
            assert tuple(c.text for c in row.cells) == source.cells
    assert bands == 8


def test_docx_footer_page_n_of_m(document: Any) -> None:
    footer = document.sections[0].footer._element
    fields = [t.text.strip() for t in footer.iter(f"{W}instrText")]
    assert fields == ["PAGE", "NUMPAGES"]
    text = "".join(t.text or "" for t in footer.iter(f"{W}t"))
    assert text.startswith("第 ") and " 页 共 " in text and text.endswith(" 页")
    kinds = [f.get(f"{W}fldCharType") for f in footer.iter(f"{W}fldChar")]
    assert kinds == ["begin", "separate", "end"] * 2


def test_unit_table_files(doc: fm.Document, tmp_path: Path) -> None:
    table = unit_table(doc, 2025, unit="章贡区人民政府")
    XL.write_table(table, tmp_path / "u.xlsx")
    DX.write_table(table, tmp_path / "u.docx")
    sheet = openpyxl.load_workbook(tmp_path / "u.xlsx")[XL.TABLE_SHEET]
    ids = [sheet.cell(row=r, column=3).value for r in range(4, sheet.max_row + 1)]
    assert [i for i in ids if i and i[0] in "ts"] == [r.provision for r in table.body]
    grid = docx.Document(str(tmp_path / "u.docx")).tables[0]
    assert [r.cells[2].text for r in grid.rows[1:] if len(r._tr.findall(f"{W}tc")) > 1] == [
        r.provision for r in table.body
    ]


# -- safety ---------------------------------------------------------------------------------


def _hostile() -> DivisionTable:
    row = DivisionRow(cells=("=1+1", "@SUM(A1)", "-2", "+3", "a\x00b\x1fc", ""), task=1)
    return DivisionTable(
        title='=HYPERLINK("x")',
        subtitle="s",
        header=DIVISION_HEADER,
        rows=(Band("(一)x"), row),
        widths=(4, 9, 35, 7, 13, 9),
    )


def test_formulas_neutralised_and_forbidden_characters_dropped(tmp_path: Path) -> None:
    XL.write_table(_hostile(), tmp_path / "h.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "h.xlsx")[XL.TABLE_SHEET]
    assert sheet["A1"].value == '\'=HYPERLINK("x")'
    assert [c.value for c in sheet[5]][:5] == ["'=1+1", "'@SUM(A1)", "'-2", "'+3", "abc"]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    DX.write_table(_hostile(), tmp_path / "h.docx")
    grid = docx.Document(str(tmp_path / "h.docx")).tables[0]
    assert grid.rows[2].cells[4].text == "abc"


def test_writes_are_atomic(tmp_path: Path, table: DivisionTable) -> None:
    with pytest.raises(WriteError):
        XL.write_table(table, tmp_path / "missing" / "x.xlsx")
    with pytest.raises(WriteError):
        DX.write_table(table, tmp_path / "missing" / "x.docx")
    target = tmp_path / "keep.docx"
    target.write_bytes(b"old")
    with pytest.raises(WriteError):
        DX.write_table(table, target, inputs=[target])
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.docx"]


def test_cli_writes_both(tmp_path: Path) -> None:
    xlsx, docx_path = tmp_path / "分工表.xlsx", tmp_path / "分工表.docx"
    assert main(["table", "--format", "xlsx", "-o", str(xlsx)]) == 0
    assert main(["table", "--format", "docx", "-o", str(docx_path)]) == 0
    assert openpyxl.load_workbook(xlsx)[XL.TABLE_SHEET]["A3"].value == "序号"
    assert docx.Document(str(docx_path)).tables[0].rows[0].cells[0].text == "序号"
