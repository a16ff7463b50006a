"""Outputs of the supervision status: the HTML page, the XLSX 督办台账, the 督办通报 and
``fazhi status``."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import docx
import openpyxl
import pytest

import fazhi_model as fm
from fazhi_model.cli import main
from fazhi_model.compliance.items import Event
from fazhi_model.compliance.progress import ProgressEntry, Reported
from fazhi_model.compliance.status import State, StatusReport, status
from fazhi_model.export import bulletin, status_html, status_xlsx

D = dt.date
TODAY = D(2025, 7, 25)


@pytest.fixture(scope="module")
def report(doc: fm.Document) -> StatusReport:
    """2025-07-25: a late January report, one on time, an open filing deadline."""
    progress = [
        ProgressEntry(
            item="t08.p03/gz-justice/2025-01-31",
            status=Reported.DONE,
            date=D(2025, 1, 20),
            note="<script>alert(1)</script>",
        ),
        ProgressEntry(
            item="t08.p03",
            unit="章贡区人民政府",
            occurrence="2025-01-31",
            status=Reported.DONE,
            date=D(2025, 2, 6),
        ),
    ]
    events = [
        Event(kind="行政规范性文件公布", unit="市财政局", date=D(2025, 7, 1), reference="=1+1")
    ]
    return status(doc, 2025, TODAY, progress=progress, events=events)


def test_html_page_is_self_contained_and_says_what_the_report_says(
    report: StatusReport, tmp_path: Path
) -> None:
    path = status_html.write(report, tmp_path / "status.html")
    page = path.read_text(encoding="utf-8")
    assert not re.search(r"https?://", page)
    assert "<script" not in page  # the note's markup is escaped
    assert "&lt;script&gt;" in page
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=|@import|url\(", page)
    assert "<style>" in page
    counts = report.counts()
    for state in State:
        assert f"{state.label}<b>{counts[state]}</b>" in page
    # the overdue items come before the others, and each carries its explanation
    overdue = report.filter(state="overdue").rows[0]
    assert page.index("需督办事项") < page.index(overdue.item.action) < page.index("其他事项")
    assert overdue.explanation in page
    assert "<details>" in page and 'title="' in page
    assert "县(市、区)及市政府" in page and "市直部门" in page
    assert State.OVERDUE.colour in page


def test_xlsx_ledger_reads_back(report: StatusReport, tmp_path: Path) -> None:
    path = status_xlsx.write(report, tmp_path / "status.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == list(status_xlsx.SHEETS)
    ledger = book["督办台账"]
    assert ledger.freeze_panes == "A2"
    assert ledger.auto_filter.ref == f"A1:M{len(report) + 1}"
    rows = list(ledger.iter_rows(values_only=True))
    assert len(rows) == len(report) + 1
    assert rows[0][0] == "状态"
    for r, row, cells in zip(report.rows, rows[1:], ledger.iter_rows(min_row=2), strict=True):
        assert row[0] == r.state.label
        assert row[12] == r.item.id
        assert cells[0].fill.fgColor.rgb.endswith(r.state.colour.lstrip("#").upper())
    summary = book["单位汇总"]
    body = list(summary.iter_rows(values_only=True))
    assert body[-1][0] == "合计"
    assert body[-1][-1] == len(report)
    by_unit = {row[0]: row for row in body[1:-1]}
    justice = by_unit["赣州市司法局"]
    counts = {s: 0 for s in State}
    for r in report.filter(unit="市司法局"):
        counts[r.state] += 1
    assert list(justice[1:-1]) == [counts[s] for s in State]
    assert summary.freeze_panes == "A2"


def test_bulletin_markdown_and_docx(report: StatusReport, tmp_path: Path) -> None:
    text = bulletin.markdown(report)
    assert text.startswith("# 法治政府建设督办通报")
    n = report.counts()[State.OVERDUE]
    assert f"逾期 {n} 项" in text
    assert f"## 二、逾期事项({n}项)" in text
    assert "### 赣州市财政局" in text
    late = report.filter(state="done_late").rows[0]
    assert late.item.unit_name in text.split("逾期完成事项")[1]
    path = bulletin.write(report, tmp_path / "通报.docx")
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert paragraphs[0] == "法治政府建设督办通报"
    assert any(p.startswith("二、逾期事项") for p in paragraphs)
    with pytest.raises(fm.FazhiError):
        bulletin.write(report, tmp_path / "通报.pdf")


# -- the command line --------------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["status", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_text_plain_marks_without_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--today", "2025-02-05", "--unit", "市司法局")
    assert code == 0
    assert "\x1b[" not in out
    assert out.startswith("赣州市司法局")
    line = next(x for x in out.splitlines() if "1月底前提交发文目录" in x)
    assert line.lstrip().startswith("!!! 逾期")
    code, coloured, _ = _run(
        capsys, "--today", "2025-02-05", "--unit", "市司法局", "--color", "always"
    )
    assert "\x1b[1;31m逾期" in coloured


def test_cli_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    progress = tmp_path / "进展.csv"
    progress.write_bytes(
        "事项编号,状态,日期,备注\nt08.p03/gz-justice/2025-01-31,已完成,2025/2/6,补报\n".encode(
            "gbk"
        )
    )
    code, out, _ = _run(
        capsys, "--today", "2025-02-10", "--unit", "市司法局", "--progress", str(progress), "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["today"] == "2025-02-10"
    row = next(i for i in data["items"] if i["id"] == "t08.p03/gz-justice/2025-01-31")
    assert row["state"] == "done_late"
    assert row["reported"] == "done" and row["reported_on"] == "2025-02-06"
    assert data["summary"]["done_late"] == 1


def test_cli_outputs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for name in ("status.html", "status.xlsx", "通报.md", "通报.docx"):
        code, _, err = _run(capsys, "--today", "2025-07-25", "-o", str(tmp_path / name))
        assert code == 0, err
        assert (tmp_path / name).stat().st_size > 0
    html = (tmp_path / "status.html").read_text(encoding="utf-8")
    assert "督办台账 2025年度" in html and not re.search(r"https?://", html)
    code, _, err = _run(capsys, "--today", "2025-07-25", "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and ".xlsx" in err


def test_cli_bad_ledger_names_the_row(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    progress = tmp_path / "progress.csv"
    progress.write_text(
        "item,unit,status,date\nt08.p03/gz-justice/2025-01-31,,完成了,2025-02-06\n",
        encoding="utf-8",
    )
    code, _, err = _run(capsys, "--today", "2025-07-25", "--progress", str(progress))
    assert code == 1
    assert "row 2.status" in err and "已完成" in err
    code, _, err = _run(capsys, "--today", "2025-07-25", "--estimate")
    assert code == 1 and "--estimate" in err
