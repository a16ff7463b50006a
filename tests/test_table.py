"""The 任务分工表 view and one unit's table: rows, headings, time limits, and the unit's
table agreeing with ``duties``."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.strategies import lists

import fazhi_model as fm
from fazhi_model.cli import main
from fazhi_model.model.provisions import Deadline, RecurringDueDate, Staffing, Target
from fazhi_model.views.division_table import (
    Band,
    DivisionRow,
    division_table,
    table_data,
    time_limits,
    unit_table,
)
from fazhi_model.views.graph import duties
from fazhi_model.wording import DIVISION_HEADER, ONGOING, UNIT_TABLE_HEADER
from strategies import documents, provisions

HEADINGS = ["(一)", "(二)", "(三)", "(四)", "(五)", "(六)", "(七)"]


def test_every_task_once_under_its_heading(doc: fm.Document) -> None:
    table = division_table(doc)
    assert table.header == DIVISION_HEADER
    assert table.title == f"《{doc.metadata.title}》任务分工表"
    bands = [r.text for r in table.rows if isinstance(r, Band)]
    assert [b[:3] for b in bands[:7]] == HEADINGS
    assert [b[3:] for b in bands[:7]] == [h.title for h in doc.headings]
    assert bands[7] == "三、组织保障"
    heading = None
    numbers = []
    for row in table.rows:
        if isinstance(row, Band):
            heading = HEADINGS.index(row.text[:3]) + 1 if row.text[:3] in HEADINGS else None
            continue
        if row.task is not None:
            numbers.append(row.task)
            assert doc.task(row.task).heading == heading
            assert row.cells[0] == str(row.task)
            assert row.cells[1] == doc.task(row.task).title
    assert numbers == list(range(1, 19))


def test_contents_are_the_documents_words(doc: fm.Document, source_text: str) -> None:
    for row in division_table(doc).body:
        lines = row.cells[2].split("\n")
        assert lines and all(line in source_text for line in lines)
        assert len(lines) == len(set(lines))
        if row.task is not None:  # the annotation as written
            assert row.cells[4] and f"〔责任单位:{row.cells[4]}〕" in source_text
    task3 = next(r for r in division_table(doc).body if r.task == 3)
    assert "各级政府常务会议每年学法不少于1次" in task3.cells[2].split("\n")
    assert task3.cells[4] == "各县(市、区)政府,市政府办公室、市司法局及其他市政府部门"


def test_lead_only_where_the_document_names_one(doc: fm.Document) -> None:
    rows = {r.task: r for r in division_table(doc).body if r.task is not None}
    for task in doc.tasks:
        assert rows[task.number].cells[3] == "、".join(task.lead)
    # Ganzhou marks no lead: the first unit of an annotation is not read as one
    assert all(r.cells[3] == "" for r in rows.values())


def test_time_limits_from_the_model(doc: fm.Document) -> None:
    rows = {r.task: r.cells[5] for r in division_table(doc).body if r.task is not None}
    assert rows[1] == ONGOING
    assert rows[10] == "到2025年底"
    assert rows[8].split("\n") == [
        "行政规范性文件公布起15日内(向备案审查机关报送备案)",
        "每年1月底前、7月底前(提交发文目录)",
    ]
    assert rows[5] == "权责清单调整起5个工作日内"
    sections = [r for r in division_table(doc).body if r.task is None]
    assert [r.cells[0] for r in sections] == [s.label for s in doc.sections]
    assert all(r.cells[5] == ONGOING for r in sections)


@given(lists(provisions, max_size=6))
def test_time_limits_property(provisions: list[fm.Provision]) -> None:
    limits = time_limits(provisions)
    timed = [
        p
        for p in provisions
        if isinstance(p, Deadline | RecurringDueDate)
        or (isinstance(p, Target | Staffing) and p.by_year is not None)
    ]
    assert limits  # never empty
    assert (limits == (ONGOING,)) == (not timed)
    assert len(limits) == len(set(limits)) <= max(len(timed), 1)
    for p in timed:
        if isinstance(p, Target | Staffing):
            assert any(line.startswith(f"到{p.by_year}年底") for line in limits)
        elif isinstance(p, Deadline):
            assert any(line.startswith(f"{p.trigger_label}起{p.amount}") for line in limits)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_any_document_every_task_once(document: fm.Document) -> None:
    table = division_table(document)
    assert len(table.body) == len(document.tasks) + len(document.sections)
    titles = sorted(r.cells[1] for r in table.body if r.task is not None)
    assert titles == sorted(t.title for t in document.tasks)
    bands = [r for r in table.rows if isinstance(r, Band)]
    assert len(bands) == len(document.headings) + (1 if document.sections else 0)
    assert all(len(r.cells) == len(DIVISION_HEADER) for r in table.body)
    json.dumps(table_data(table), ensure_ascii=False)
    assert table.lines()[0] == table.title
    assert table.to_markdown().startswith(f"# {table.title}")
    assert table._repr_html_().count("<tr") == 1 + len(table.rows)


@pytest.mark.parametrize(
    ("unit", "year"),
    [
        ("章贡区人民政府", 2025),
        ("章贡区人民政府", None),
        ("市司法局", 2025),
        ("市政府办公室", None),
    ],
)
def test_unit_table_lists_exactly_what_duties_lists(
    doc: fm.Document, unit: str, year: int | None
) -> None:
    table = unit_table(doc, year, unit=unit)
    found = duties(doc, year, unit=unit)
    expected = [a.provision for a in found if a.provision is not None]
    assert [r.provision for r in table.body] == expected
    assert table.header == (UNIT_TABLE_HEADER if year else UNIT_TABLE_HEADER[:-1])
    by_id = {a.provision: a for a in found if a.provision}
    for row in table.body:
        assert row.cells[0] == str(table.body.index(row) + 1)
        assert row.cells[4] == doc.provision(str(row.provision))[1].source
        if year is not None:
            due = by_id[str(row.provision)].due
            assert row.cells[7] == "\n".join(d.isoformat() for d in due)


def test_unit_table_dates_and_bands(doc: fm.Document) -> None:
    table = unit_table(doc, 2025, unit="章贡区人民政府")
    assert table.title.startswith("章贡区人民政府落实《") and table.title.endswith("(2025年)")
    rows = {r.provision: r for r in table.body}
    assert rows["t08.p03"].cells[7].split("\n") == ["2025-01-31", "2025-07-31"]
    assert rows["t01.p01"].cells[5] == "责任单位 → 各县(市、区)政府"
    assert rows["t03.p02"].cells[5] == "各级政府 → 各县(市、区)政府"
    bands = [r.text for r in table.rows if isinstance(r, Band)]
    assert bands[0] == "1. 强化党委统一领导(责任单位注: 各县(市、区)政府)"
    # every row sits under the band of its own task
    current = None
    for row in table.rows:
        if isinstance(row, Band):
            match = re.match(r"(\d+)\. ", row.text)
            current = int(match.group(1)) if match else None
        else:
            assert isinstance(row, DivisionRow) and row.task == current


def test_cli_unit_table_equals_duties(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["duties", "章贡区人民政府", "--year", "2025", "--json"]) == 0
    listed = [a["provision"] for a in json.loads(capsys.readouterr().out) if a["provision"]]
    assert main(["table", "--unit", "章贡区人民政府", "--year", "2025", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["provision"] for r in data["rows"] if "cells" in r] == listed
    assert data["unit"] == "zhanggong-gov" and data["year"] == 2025


def test_json_keys_stay_english(doc: fm.Document) -> None:
    data = table_data(division_table(doc))
    assert set(data) == {"title", "subtitle", "unit", "year", "header", "rows", "notes"}
    assert {"band"} in [set(r) for r in data["rows"]]
    assert {"cells", "task", "provision"} in [set(r) for r in data["rows"]]


def test_cli_text_and_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["table"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("《关于进一步推进法治政府建设的实施意见》任务分工表")
    assert "【(七)坚持提升公共法律服务】" in text and "【三、组织保障】" in text
    assert main(["table", "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# 《") and "| 序号 | 重点任务 | 主要内容 |" in md
    assert main(["table", "--format", "html"]) == 0
    html = capsys.readouterr().out
    assert html.count('colspan="6"') == 8 and "<th>完成时限</th>" in html


def test_cli_refuses_binary_to_stdout_and_year_without_unit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["table", "--format", "xlsx"]) == 1
    err = capsys.readouterr().err
    assert "-o" in err and "文件" in err
    assert main(["table", "--year", "2025"]) == 1
    assert "--unit" in capsys.readouterr().err


def test_cli_unit_table_years_follow_the_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["table", "--unit", "市司法局", "--year", "2027"]) == 1
    assert "2027" in capsys.readouterr().err
    argv = ["table", "--unit", "市司法局", "--year", "2027", "--estimate", "--format", "json"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert "2027" in captured.err  # the estimate is flagged
    rows = {r["provision"]: r for r in json.loads(captured.out)["rows"] if "cells" in r}
    assert rows["t08.p03"]["cells"][-1].split("\n") == ["2027-01-31", "2027-07-31"]
    assert main(["table", "--unit", "市司法局", "--estimate"]) == 1
    assert "--year" in capsys.readouterr().err
