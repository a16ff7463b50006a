"""任务分工表: a task table flattened to text, and the same table as .xlsx and .docx.

The table is made up for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from fazhi_model.cli import main
from fazhi_model.errors import InputError
from fazhi_model.model.document import LeadBasis, Task
from fazhi_model.parse.reader import parse_text
from fazhi_model.parse.tables import CELL, find_tables, header_roles, table_text

HEADER = ["序号", "工作任务", "主 要 内 容", "牵头单位", "配合单位", "完成时限"]
ROWS: list[list[str]] = [
    ["一、数据共享（共2项）"],
    ["1", "建立共享目录", "编制目录，按季度更新。", "市数据局", "市财政局、市司法局", "2025年底前"],
    ["2", "开放公共数据", "分批开放数据。", "", "市统计局", ""],  # merged: lead and time
    ["二、基层治理（共2项）"],
    ["5", "推进网格管理", "统一网格划分。", "市民政局", "各区、县级市政府", "长期坚持"],
    ["6", "规范村务公开", "公开村级事务。", "市民政局", "", ""],
]
TEXT = "附件\n任务分工表\n" + "\n".join(CELL.join(r) for r in [HEADER, *ROWS]) + "\n"


def summary(tasks: tuple[Task, ...]) -> list[tuple[object, ...]]:
    return [
        (t.number, t.title, t.heading, t.responsible, t.lead, t.cooperating, t.guiding)
        for t in tasks
    ]


EXPECTED = [
    (1, "建立共享目录", 1, ("市数据局", "市财政局", "市司法局"), ("市数据局",),
     ("市财政局", "市司法局"), ()),
    (2, "开放公共数据", 1, ("市数据局", "市统计局"), ("市数据局",), ("市统计局",), ()),
    (5, "推进网格管理", 2, ("市民政局", "各区、县级市政府"), ("市民政局",),
     ("各区、县级市政府",), ()),
    (6, "规范村务公开", 2, ("市民政局", "各区、县级市政府"), ("市民政局",),
     ("各区、县级市政府",), ()),
]  # fmt: skip


def test_table_as_text() -> None:
    result = parse_text(TEXT)
    doc = result.document
    assert summary(doc.tasks) == EXPECTED
    assert [(h.number, h.title) for h in doc.headings] == [
        (1, "数据共享（共2项）"),
        (2, "基层治理（共2项）"),
    ]
    assert all(t.lead_from is LeadBasis.NAMED for t in doc.tasks)
    assert all(t.text in TEXT for t in doc.tasks)
    assert doc.tasks[0].provisions[0].source == "编制目录，按季度更新"
    deadlines = [i.text for i in result.report.of("table-deadline")]
    assert deadlines == ["2025年底前", "2025年底前", "长期坚持", "长期坚持"]


def test_guiding_column_and_no_lead() -> None:
    text = "序号 | 改革举措 | 指导部门 | 推广范围\n1 | 甲举措 | 科技部、财政部 | 全国\n"
    (task,) = parse_text(text).document.tasks
    assert (task.guiding, task.lead, task.lead_from) == (("科技部", "财政部"), (), None)


def test_table_without_a_number_column() -> None:
    text = "重点任务 | 牵头单位 | 责任单位\n甲任务 | 市司法局 | 市财政局\n乙任务 | 市民政局 | \n"
    doc = parse_text(text).document
    assert [(t.number, t.title, t.lead, t.responsible) for t in doc.tasks] == [
        (1, "甲任务", ("市司法局",), ("市司法局", "市财政局")),
        (2, "乙任务", ("市民政局",), ("市民政局", "市财政局")),
    ]


def test_header_roles() -> None:
    assert header_roles(["序号", "重点任务", "责任单位"]) == ("number", "title", "responsible")
    assert header_roles(["序号", "内容"]) is None  # no unit column: not a task table
    assert header_roles(["内容", "牵头单位"]) is None  # neither a number nor a title column
    assert len(find_tables(TEXT)) == 1


def test_table_ends_at_a_blank_line() -> None:
    text = TEXT + "\n一、其他事项\n各地要加强领导。"
    doc = parse_text(text).document
    assert [t.number for t in doc.tasks] == [1, 2, 5, 6]
    assert [p.title for p in doc.parts] == ["其他事项"]


def _xlsx(path: Path) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["任务分工表"])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append([int(c) if c.isdigit() else (c or None) for c in row])
    # category rows span the table; the lead and time of row 2 are merged with row 1
    sheet.merge_cells("A3:F3")
    sheet.merge_cells("A6:F6")
    sheet.merge_cells("D4:D5")
    sheet.merge_cells("F4:F5")
    sheet.merge_cells("E7:E8")
    sheet.merge_cells("F7:F8")
    book.save(path)
    return path


def _docx(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("任务分工表")
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for c, value in enumerate(HEADER):
        table.cell(0, c).text = value
    for r, row in enumerate(ROWS, 1):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for r in (1, 4):
        table.cell(r, 0).merge(table.cell(r, len(HEADER) - 1))
    for r, c in ((2, 3), (2, 5), (5, 4), (5, 5)):
        table.cell(r, c).merge(table.cell(r + 1, c))
    document.save(str(path))
    return path


def test_xlsx_gives_the_same_tasks_as_the_text(tmp_path: Path) -> None:
    flat = table_text(_xlsx(tmp_path / "tasks.xlsx"))
    assert summary(parse_text(flat).document.tasks) == summary(parse_text(TEXT).document.tasks)


def test_docx_gives_the_same_tasks_as_the_text(tmp_path: Path) -> None:
    flat = table_text(_docx(tmp_path / "tasks.docx"))
    assert summary(parse_text(flat).document.tasks) == EXPECTED


def test_other_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="xlsx"):
        table_text(tmp_path / "tasks.csv")


def test_cli_reads_an_xlsx_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _xlsx(tmp_path / "tasks.xlsx")
    assert main(["parse", str(path), "--json"]) == 0
    out = capsys.readouterr().out
    assert '"开放公共数据"' in out and '"guiding"' in out
