"""``fazhi check``: records in, results out; exit 1 only for bad input."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from fazhi_model.cli import main
from fazhi_model.wording import CHECK_SHEETS, ERROR_PREFIX, MET_LABELS

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
    assert out.rstrip().splitlines()[-1].startswith("2025年: ")
    assert "台账记录 1 条, 其中 0 条不在2025年" in out


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


def test_missing_file_devices_and_years(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope.csv"), "--year", "2025"]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["check", "/dev/zero", "--year", "2025"]) == 1
    err = capsys.readouterr().err
    assert "not a regular file" in err and "Traceback" not in err
    path = _csv(tmp_path, "市司法局,集体学法,2025-03-01,1,\n")
    for year in ("0", "99999"):  # refused by the shared argparse type (cli._common.year)
        with pytest.raises(SystemExit) as refused:
            main(["check", str(path), "--year", year])
        err = capsys.readouterr().err
        assert refused.value.code == 2 and "1949" in err and "Traceback" not in err


GOOD = (
    "市司法局,集体学法,2025-03-01,1,\n"
    "市司法局,集体学法,2025-09-01,1,\n"
    "市司法局,行政执法培训,2025-04-01,61,张三\n"
    '市司法局,行政执法培训,2025-04-01,6,=HYPERLINK("http://x")\n'
)


def _json_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> list[dict[str, Any]]:
    path = _csv(tmp_path, GOOD)
    assert main(["check", str(path), "--year", "2025", "--json", *extra]) == 0
    rows: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return rows


def test_xlsx_output_has_a_summary_sheet_and_colours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    expected = _json_rows(tmp_path, capsys)
    out = tmp_path / "results.xlsx"
    assert main(["check", str(tmp_path / "records.csv"), "--year", "2025", "-o", str(out)]) == 0
    assert f"{out}: {len(expected)} 项结果" in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == CHECK_SHEETS["summary"]
    assert set(book.sheetnames) == set(CHECK_SHEETS.values())
    summary = book[CHECK_SHEETS["summary"]]
    head, *units = list(summary.iter_rows(values_only=True))
    assert head[0] == "单位" and head[-1] == "总体"
    justice = next(u for u in units if u[0] == "赣州市司法局")
    mine = [r for r in expected if r["unit"] == "赣州市司法局"]
    assert justice[1:5] == (
        len(mine),
        sum(r["met"] is True for r in mine),
        sum(r["met"] is False for r in mine),
        sum(r["met"] is None for r in mine),
    )
    assert justice[5] == MET_LABELS[False]
    sheet = book[CHECK_SHEETS["unit"]]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    colours = {
        rule.formula[0].strip('"'): rule.dxf.fill.fgColor.rgb[-6:]
        for cf in sheet.conditional_formatting
        for rule in cf.rules
    }
    assert set(colours) == set(MET_LABELS.values()) and len(set(colours.values())) == 3
    rows = [
        r for name in book.sheetnames[1:] for r in list(book[name].iter_rows(values_only=True))[1:]
    ]
    assert len(rows) == len(expected)
    header = next(book[CHECK_SHEETS["person"]].iter_rows(values_only=True))
    verdict = header.index("结论")
    person = header.index("人员")
    by_person = {r[person]: r for r in book[CHECK_SHEETS["person"]].iter_rows(values_only=True)}
    assert by_person["张三"][verdict] == MET_LABELS[True]
    assert '\'=HYPERLINK("http://x")' in by_person  # a formula is neutralised


def test_csv_jsonl_json_outputs_and_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _json_rows(tmp_path, capsys)
    records = str(tmp_path / "records.csv")
    for suffix in ("csv", "jsonl", "json"):
        out = tmp_path / f"r.{suffix}"
        assert main(["check", records, "--year", "2025", "-o", str(out), "--only", "unmet"]) == 0
        capsys.readouterr()
        unmet = [r for r in expected if r["met"] is False]
        raw = out.read_bytes()
        if suffix == "csv":
            assert raw.startswith(b"\xef\xbb\xbf")
            table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
            assert table[0][:3] == ["条款", "类型", "口径"] or "条款" in table[0]
            assert len(table) == 1 + len(unmet)
            assert {row[table[0].index("结论")] for row in table[1:]} == {MET_LABELS[False]}
        elif suffix == "jsonl":
            lines = raw.decode("utf-8").splitlines()
            assert [json.loads(line) for line in lines] == unmet
        else:
            assert json.loads(raw) == unmet
    # a formula-like person name stays text in CSV
    out = tmp_path / "all.csv"
    assert main(["check", records, "--year", "2025", "-o", str(out)]) == 0
    assert "'=HYPERLINK" in out.read_text(encoding="utf-8-sig")
    assert main(["check", records, "--year", "2025", "-o", str(tmp_path / "r.txt")]) == 1
    assert main(["check", records, "--year", "2025", "--only", "good", "--json"]) == 1
    assert main(["check", records, "--year", "2025", "-o", records]) == 1
    assert "overwrite" in capsys.readouterr().err
    assert (tmp_path / "records.csv").read_text(encoding="utf-8-sig").startswith("unit,")


def test_chinese_gbk_ledger_and_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _json_rows(tmp_path, capsys)
    lines = ["序号,单位名称,事项,日期,学时,姓名"] + [
        f"{i},{u},{a},{d.replace('-0', '/').replace('-', '/')},{q},{p}"
        for i, (u, a, d, q, p) in enumerate(
            (line.split(",", 4) for line in GOOD.splitlines()), start=1
        )
    ]
    gbk = tmp_path / "台账.csv"
    gbk.write_bytes(("\n".join(lines) + "\n").encode("gbk"))
    argv = ["check", str(gbk), "--year", "2025", "--json", "--columns", "unit=单位名称"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == expected
    assert "GB18030" in captured.err and "单位名称→unit" in captured.err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gbk.read_bytes())))
    assert main(["check", "-", "--year", "2025", "--json", "--columns", "unit=单位名称"]) == 0
    assert json.loads(capsys.readouterr().out) == expected
    with pytest.raises(SystemExit) as exit_info:
        main(["check", str(gbk), "--year", "2025", "--columns", "place=单位名称"])
    assert exit_info.value.code == 2 and "unknown field 'place'" in capsys.readouterr().err


def test_many_bad_rows_a_count_on_screen_and_all_in_the_errors_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    n = 1_500
    path = _csv(tmp_path, "市司法局,集体学法,2025-13-01,1,\n" * n)
    errors = tmp_path / "errors.csv"
    argv = ["check", str(path), "--year", "2025", "--errors", str(errors)]
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 11  # the first 10 problems, then one summary line
    assert lines[-1].startswith(ERROR_PREFIX) and f"{n} problems in {n} rows" in lines[-1]
    assert str(errors) in lines[-1]
    written = list(csv.reader(io.StringIO(errors.read_text(encoding="utf-8-sig"))))
    assert len(written) == 1 + n
    assert written[-1][1:3] == [str(n + 1), f"row {n + 1}.date"]
    assert main(argv[:4]) == 1
    assert "--errors FILE" in capsys.readouterr().err.splitlines()[-1]
