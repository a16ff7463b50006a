"""``fazhi matrix``, ``fazhi graph`` and ``fazhi duties``."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import networkx as nx
import openpyxl
import pytest

import fazhi_model as fm
from fazhi_model.cli import main
from fazhi_model.export.xlsx import SHEETS
from fazhi_model.store.load import load_document
from fazhi_model.views import graph as G
from fazhi_model.views.matrix import matrix, to_dataframe


@pytest.fixture(scope="module")
def county_names(registry: fm.Registry) -> set[str]:
    """The 18 county-level governments (the list itself is checked in test_matrix)."""
    names = {u.name for u in registry.expand("各县(市、区)政府")}
    assert len(names) == 18
    return names


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("xlsx") / "m.xlsx"
    assert main(["matrix", "--format", "xlsx", "-o", str(path)]) == 0
    return openpyxl.load_workbook(path)


def test_xlsx_reads_back_with_eighteen_task_rows(
    workbook: openpyxl.Workbook, county_names: set[str]
) -> None:
    assert workbook.sheetnames == list(SHEETS)
    sheet = workbook["分工表"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("任务", "任务名称", "各县(市、区)政府")
    assert [r[0] for r in rows[1:]] == list(range(1, 19))
    assert rows[6][1] == "提升政府立法质效" and rows[6][3] == "责任"  # task 6, 市司法局
    cells = {
        v
        for sheet in ("分工表", "分工表(展开)", "说明")
        for r in workbook[sheet].iter_rows(values_only=True)
        for v in r
    }
    assert not any("牵头" in str(v) for v in cells if v is not None)
    expanded = next(workbook["分工表(展开)"].iter_rows(max_row=1, values_only=True))
    assert set(expanded) >= county_names
    provisions = list(workbook["条款"].iter_rows(values_only=True))
    assert provisions[0][0] == "编号" and len(provisions) == 1 + 99


def test_xlsx_prints_on_a4_landscape_with_a_frozen_wrapped_header(
    workbook: openpyxl.Workbook,
) -> None:
    for name in SHEETS:
        sheet = workbook[name]
        assert sheet.freeze_panes in ("A2", "C2")
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.print_title_rows == "$1:$1"
        if name == "分工表(展开)":  # too wide for A4: A3, split across pages, task columns repeated
            assert int(sheet.page_setup.paperSize) == 8  # A3 in the OOXML paper-size table
            assert not sheet.sheet_properties.pageSetUpPr.fitToPage
            assert sheet.print_title_cols == "$A:$B"
            continue
        assert int(sheet.page_setup.paperSize) == 9  # A4 in the OOXML paper-size table
        assert int(sheet.page_setup.fitToWidth) == 1
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    sheet = workbook["分工表"]
    assert sheet["B2"].alignment.wrap_text
    assert sheet.column_dimensions["B"].width == 22
    source = workbook["条款"]
    assert source.column_dimensions["L"].width == 60  # 原文 is wrapped, not a mile wide


def test_xlsx_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "matrix", "--format", "xlsx")
    assert status == 1 and out == ""
    assert "-o FILE.xlsx" in err


def test_xlsx_opens_on_the_expanded_sheet_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "zones.xlsx"
    assert run(capsys, "matrix", "-f", "xlsx", "--expand", "--zones", "-o", str(path))[0] == 0
    book = openpyxl.load_workbook(path)
    assert book.active.title == "分工表(展开)"
    header = next(book.active.iter_rows(max_row=1, values_only=True))
    assert "赣州经开区" in header


def test_csv_on_stdout_follows_the_contract(
    capsys: pytest.CaptureFixture[str], county_names: set[str]
) -> None:
    status, out, _ = run(capsys, "matrix", "--expand", "--format", "csv")
    assert status == 0 and out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out[1:])))
    assert rows[0][0] == "任务" and set(rows[0]) >= county_names
    assert len(rows) == 19 and rows[18][0] == "18"
    justice = rows[0].index("市司法局")
    assert rows[4][justice] == ""  # task 4 does not reach it
    assert rows[15][justice] == "组内"


def test_csv_file_has_a_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.csv"
    assert run(capsys, "matrix", "--format", "csv", "-o", str(path))[0] == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbf\xe4\xbb\xbb\xe5\x8a\xa1")  # BOM, 任务


def test_zones_need_the_expanded_view(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "matrix", "--zones")
    assert status == 1 and "--expand" in err


def test_markdown_json_and_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "matrix")
    assert status == 0 and "| 6 | 提升政府立法质效 |  | 责任 |" in out
    data = json.loads(run(capsys, "matrix", "--format", "json")[1])
    assert data["rows"][0]["cells"]["各县(市、区)政府"] == {
        "how": "named",
        "label": "责任",
        "via": None,
        "order": 1,
    }
    page = tmp_path / "m.html"
    assert run(capsys, "matrix", "--format", "html", "-o", str(page))[0] == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.count("<tr>") == 19


def test_graphml_loads_in_networkx_with_the_relations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "g.graphml"
    assert run(capsys, "graph", "--format", "graphml", "-o", str(path))[0] == 0
    graph = nx.read_graphml(path)
    assert {d["relation"] for *_, d in graph.edges(data=True)} == set(G.RELATIONS)
    assert graph.nodes["unit:gz-justice"]["label"] == "市司法局"
    edges = graph.get_edge_data("unit:gz-justice", "task:6")
    edge = edges if "relation" in edges else next(iter(edges.values()))
    assert (edge["role"], edge["order"]) == ("named", 1)


def test_graph_json_and_dot_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(capsys, "graph", "--format", "json")[1])
    assert {n["type"] for n in data["nodes"]} >= {"unit", "group", "role", "task", "step"}
    dot = run(capsys, "graph", "--format", "dot")[1]
    assert dot.startswith('digraph "ganzhou-2024" {') and dot.rstrip().endswith("}")
    assert '"unit:gz-justice" -> "task:6" [relation="responsible", role="named"' in dot


def test_duties_of_the_justice_bureau(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "duties", "市司法局")
    assert status == 0
    lines = out.splitlines()
    tasks = [x for x in lines if x.startswith("任务")]
    assert len(tasks) == 17
    assert "任务15  组内  推进基层综合行政执法改革  ← 任务15: 市政府行政执法部门 (单位组" in out
    assert "任务1  责任  强化党委统一领导  ← 任务1: 市司法局 (注中第2个, 共3个)" in lines
    assert not any("其他市政府部门 (兜底" in x for x in lines)
    assert any(x.startswith("  t10.p04  角色") and "司法行政部门 (角色)" in x for x in lines)
    assert lines[-1].startswith("市司法局: 17项任务, ")


def test_duties_of_a_department_through_the_catch_all(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "duties", "市财政局", "--json")[1]
    rows = json.loads(out)
    first = rows[0]
    assert first["task"] == 1 and first["how"] == "through-catch-all"
    assert "市司法局已在注中另列, 故除外" in first["reason"]
    assert first["path"] == ["unit:gz-finance", "group:other-city-departments", "task:1"]


def test_duties_rejects_a_group_and_an_unknown_name(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "duties", "各县(市、区)政府")
    assert status == 1 and out == "" and "is a group, not a unit" in err
    status, _, err = run(capsys, "duties", "市司法")
    assert status == 1 and "did you mean 市司法局" in err


def test_duties_checklist_needs_a_year(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "duties", "市教育局", "--checklist")
    assert status == 1 and "--year" in err
    status, out, _ = run(capsys, "duties", "市教育局", "--checklist", "--year", "2025")
    assert status == 0 and out.startswith("# 赣州市教育局 2025年工作清单")
    assert "| 18 |  | 任务 | 责任 | 完善公共法律服务 |" in out


def test_missing_optional_packages_give_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now fails
    status, _, err = run(capsys, "matrix", "-f", "xlsx", "-o", str(tmp_path / "m.xlsx"))
    assert status == 1 and "fazhi_model[xlsx]" in err
    assert not (tmp_path / "m.xlsx").exists()
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(fm.MissingDependencyError, match=r"fazhi_model\[pandas\]"):
        to_dataframe(matrix(load_document()))


def test_an_unwritable_output_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ("csv", "xlsx"):
        status, _, err = run(capsys, "matrix", "-f", fmt, "-o", str(tmp_path / "no" / "m"))
        assert status == 1 and err.startswith("fazhi: 错误: ") and err.count("\n") == 1


def test_validate_reports_a_role_that_reaches_no_unit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "validate")
    assert status == 0  # a gap in the registry is a warning, not an error in the data
    warnings = [x for x in out.splitlines() if x.startswith("提示 (warning)")]
    assert any("备案审查部门" in x for x in warnings)
    assert any("市属〔驻市〕各高校" in x for x in warnings)
    assert not any("法治政府建设牵头部门" in x or "政府分管领导" in x for x in warnings)
    assert run(capsys, "validate", "--strict")[0] == 1
    rows = json.loads(run(capsys, "validate", "--json")[1])
    assert {r["level"] for r in rows} == {"warning"}


def test_duties_json_shows_uncertain_bearers(capsys: pytest.CaptureFixture[str]) -> None:
    rows = json.loads(run(capsys, "duties", "市司法局", "--json")[1])
    by_id = {r["provision"]: r for r in rows if r["provision"]}
    assert by_id["t14.p03"]["certainty"] == "uncertain" and by_id["t14.p03"]["note"]
    assert by_id["t08.p05"]["how"] == "unresolved"
    assert by_id["t01.p07"]["how"] == "through-role"
    text = run(capsys, "duties", "市司法局")[1]
    assert "t14.p03  角色 [存疑]" in text
