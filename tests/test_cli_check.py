"""``fazhi check``: records in, results out; exit 1 only for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fazhi_model.cli import main

HEADER = "unit,activity,date,quantity,person\n"


def _csv(tmp_path: Path, body: str, name: str = "records.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8-sig")
    return path


def test_json_results(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _csv(
        tmp_path,
        "市司法局,集体学法,2025-03-01,1,\n"
        "赣州市司法局,集体学法,2025-09-01,1,\n"
        "市司法局,行政执法培训,2025-04-01,61,张三\n"
        "市司法局,行政执法培训,2024-04-01,61,李四\n",
    )
    assert main(["check", str(path), "--year", "2025", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert all({"provision", "unit", "person", "required", "actual", "met"} <= set(r) for r in rows)
    study = {r["unit"]: r for r in rows if r["provision"] == "t03.p03"}
    assert study["赣州市司法局"]["actual"] == 2 and study["赣州市司法局"]["met"] is True
    assert study["赣州市财政局"]["actual"] == 0 and study["赣州市财政局"]["met"] is False
    training = {(r["unit"], r["person"]): r for r in rows if r["provision"] == "t03.p09"}
    assert training["赣州市司法局", "张三"]["met"] is True
    assert training["赣州市司法局", "李四"]["actual"] == 0  # 2024 does not count
    assert all(r["person"] is None for r in rows if r["provision"] == "t03.p03")


def test_text_output_and_exit_zero_when_not_met(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _csv(tmp_path, "市司法局,集体学法,2025-03-01,1,\n")
    assert main(["check", str(path), "--year", "2025"]) == 0
    out = capsys.readouterr().out
    lines = [line.split() for line in out.splitlines()]
    assert ["未达标", "t03.p03", "赣州市司法局", "集体学法", "1/2次"] in lines
    assert out.rstrip().splitlines()[-1].startswith("2025: ")
    assert "1 records, 0 outside 2025" in out


def test_bad_rows_exit_1_listing_every_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _csv(
        tmp_path,
        "市司法局,集体学法,2025-02-30,1,\n"
        "市司法局,集体学法,2025-03-01,-1,\n"
        "市卫健委,集体学法,2025-03-01,1,\n"
        "市司法局,集体学法,2025-03-01,abc,\n",
    )
    assert main(["check", str(path), "--year", "2025", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    for where in ("row 2.date", "row 3.quantity", "row 4.unit", "row 5.quantity"):
        assert f"records.csv:{where[4]}: {where}" in captured.err


def test_terms_and_metrics_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = _csv(tmp_path, "市司法局,法治培训,2023-05-01,1,张三\n")
    terms = tmp_path / "terms.csv"
    terms.write_text("holder,start,end\n张三,2022-01-01,2025-12-31\n", encoding="utf-8")
    metrics = tmp_path / "metrics.json"
    metrics.write_text(
        json.dumps([{"metric": "t10.p03", "unit": "市司法局", "value": 100}]), encoding="utf-8"
    )
    argv = ["check", str(records), "--year", "2025", "--json"]
    assert main([*argv, "--terms", str(terms), "--metrics", str(metrics)]) == 0
    rows = json.loads(capsys.readouterr().out)
    (term,) = [r for r in rows if r["provision"] == "t03.p08" and r["person"] == "张三"]
    assert term["met"] is True and term["term_start"] == "2022-01-01"
    (target,) = [r for r in rows if r["provision"] == "t10.p03" and r["unit"] == "赣州市司法局"]
    assert target["met"] is True and target["actual"] == 100
    assert main(argv) == 0
    rows = json.loads(capsys.readouterr().out)
    (term,) = [r for r in rows if r["provision"] == "t03.p08" and r["person"] == "张三"]
    assert term["met"] is None


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope.csv"), "--year", "2025"]) == 1
    assert "cannot read" in capsys.readouterr().err
