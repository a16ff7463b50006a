"""``fazhi deadline`` (期限计算) on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import fazhi_model.cli as cli


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(["deadline", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_registered_in_commands() -> None:
    assert cli.COMMANDS["deadline"] == ("deadline",)


def test_workdays(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "--from", "2024-09-27", "--workdays", "5")
    assert status == 0
    assert out.splitlines()[-1] == "2024-10-10"
    assert err == ""


@pytest.mark.parametrize(
    ("args", "due"),
    [
        (["--days", "15", "--from", "2024-09-20"], "2024-10-08"),
        (["--days", "15", "--from", "2024-09-14"], "2024-09-29"),
        (["--months", "1", "--from", "2024-01-31"], "2024-02-29"),
        (["--months", "1", "--from", "2025-01-31"], "2025-02-28"),
        (["--years", "1", "--from", "2024-10-01"], "2025-10-09"),
    ],
)
def test_days_months_years(capsys: pytest.CaptureFixture[str], args: list[str], due: str) -> None:
    status, out, _ = run(capsys, *args)
    assert status == 0
    assert out.splitlines()[-1] == due


def test_explain_comes_before_the_date(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--from", "2024-09-20", "--days", "15", "--explain")
    assert status == 0
    lines = out.splitlines()
    assert lines[-1] == "2024-10-08"
    assert len(lines) > 5
    assert "民法典 第二百零三条" in out
    assert "国庆节" in out


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--from", "2024-09-20", "--days", "15", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["due"] == "2024-10-08"
    assert data["start"] == "2024-09-20"
    assert data["counting"] == "days"
    assert data["amount"] == 15
    assert data["nominal_end"] == "2024-10-05"
    assert data["skipped"] == ["2024-10-05", "2024-10-06", "2024-10-07"]
    assert "民法典 第二百零一条" in data["articles"]
    assert data["estimate"] is False
    assert "民法典" in out  # Chinese stays Chinese, no \\u escapes


def test_json_with_explain(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--from", "2024-09-27", "--workdays", "5", "--json", "--explain")
    assert status == 0
    data = json.loads(out)
    assert data["due"] == "2024-10-10"
    assert "行政许可法 第八十二条" in data["explanation"]


@pytest.mark.parametrize(
    ("start", "year"), [("2026-12-28", "2027"), ("2023-12-20", "2023"), ("2027-06-01", "2027")]
)
def test_outside_coverage_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], start: str, year: str
) -> None:
    status, out, err = run(capsys, "--from", start, "--workdays", "5")
    assert status != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert year in err
    assert "Traceback" not in err


def test_estimate(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "--from", "2026-12-28", "--workdays", "5", "--estimate")
    assert status == 0
    # 2027-01-01 is 元旦, a statutory holiday the estimate counts as a rest day
    assert out.splitlines()[-1] == "2027-01-05"
    assert "ESTIMATE" in err and "2027" in err
    status, out, _ = run(capsys, "--from", "2026-12-28", "--workdays", "5", "--estimate", "--json")
    assert json.loads(out)["estimate"] is True
    assert json.loads(out)["uncovered_years"] == [2027]
    status, out, err = run(capsys, "--from", "2024-09-27", "--workdays", "5", "--estimate")
    assert (status, out.splitlines()[-1], err) == (0, "2024-10-10", "")


@pytest.mark.parametrize(
    "args",
    [
        ["--from", "9999-12-31", "--days", "1", "--estimate"],
        ["--from", "9999-12-31", "--days", "1"],
        ["--from", "2100-12-31", "--days", "1", "--estimate"],
        ["--from", "2025-01-01", "--workdays", "1000000000"],
        ["--from", "2025-01-01", "--days", str(10**12)],
        ["--from", "2025-01-01", "--workdays", "100000", "--estimate"],
        ["--from", "0001-01-01", "--workdays", "-1"],
    ],
)
def test_amounts_out_of_range_are_one_line_errors(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    try:
        status = cli.main(["deadline", *args])
    except SystemExit as exc:  # argparse refuses the amount itself
        status = int(exc.code or 0)
    captured = capsys.readouterr()
    assert status != 0
    assert captured.out == ""
    assert captured.err.strip()
    assert "Traceback" not in captured.err and "Overflow" not in captured.err
    assert "expected" in captured.err or "no holiday notice" in captured.err


def test_user_calendar_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    year = tmp_path / "2027-test.yaml"
    year.write_text(
        "# TEST FIXTURE: fictional year, not a real notice\n"
        "year: 2027\n"
        "notice: {title: 'TEST FIXTURE, not a real notice'}\n"
        "holidays:\n"
        "  - {name: 测试假日 (TEST), start: 2027-01-04, end: 2027-01-05}\n"
        "workdays: []\n",
        encoding="utf-8",
    )
    status, out, err = run(
        capsys, "--from", "2026-12-28", "--workdays", "5", "--calendar", str(year)
    )
    assert status == 0
    assert err == ""
    assert out.splitlines()[-1] == "2027-01-06"


def test_bad_calendar_file_names_file_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    year = tmp_path / "bad.yaml"
    year.write_text("year: 2027\nnotice: {title: T}\nholidays: 3\nworkdays: []\n", "utf-8")
    status, out, err = run(capsys, "--from", "2024-01-02", "--days", "1", "--calendar", str(year))
    assert status != 0
    assert out == ""
    assert str(year) in err and "holidays" in err


@pytest.mark.parametrize(
    "args",
    [
        ["--from", "2024-09-27"],
        ["--from", "2024-09-27", "--days", "1", "--workdays", "1"],
        ["--from", "2024-09-27", "--days", "0"],
        ["--from", "2024-13-01", "--days", "1"],
        ["--workdays", "5"],
    ],
)
def test_bad_arguments(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["deadline", *args])
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err
