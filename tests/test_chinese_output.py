"""Chinese first: the text output of the commands people read carries no English word;
``--kind`` takes the Chinese and the English names; ``--json`` stays English."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import fazhi_model as fm
from fazhi_model.cli import main
from fazhi_model.wording import KIND_LABELS, chinese_number, choice_value, kind_value

_IDS = re.compile(
    r"\b[ts]\d+\.p\d+(?:\.[\w-]+)?\b"  # provision ids t03.p01, s1.p02, t05.p05.review
    r"|\b\d{4}-\d{2}-\d{2}\b"  # dates
    r"|\bganzhou-\d{4}\b"  # the document id
)
_WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(text: str, source_text: str) -> list[str]:
    """The English words of ``text``, once ids, dates and the document's own words (such as
    APP in task 9) are set aside."""
    words = _WORD.findall(_IDS.sub(" ", text))
    return sorted({w for w in words if w not in source_text})


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    status = main(list(argv))
    captured = capsys.readouterr()
    assert status == 0, captured.err
    return captured.out


@pytest.fixture
def records(tmp_path: Path) -> Path:
    path = tmp_path / "records.csv"
    path.write_text(
        "unit,activity,date,quantity,person\n"
        "市司法局,集体学法,2025-03-01,1,\n"
        "市司法局,行政执法培训,2025-04-01,61,张三\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["tasks"],
        *[["show", str(n)] for n in (1, 5, 8, 10, 16)],
        ["provisions"],
        ["provisions", "--kind", "数量要求"],
        ["units"],
        ["units", "--expand", "其他市政府部门"],
        ["table"],
        ["table", "--unit", "章贡区人民政府", "--year", "2025"],
    ],
    ids=" ".join,
)
def test_no_english_in_document_commands(
    capsys: pytest.CaptureFixture[str], source_text: str, argv: list[str]
) -> None:
    out = run(capsys, *argv)
    assert out.strip()
    assert english_words(out, source_text) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["schedule", "--year", "2025"],
        ["schedule", "--year", "2027", "--estimate"],
        ["duties", "章贡区人民政府"],
        ["duties", "市司法局", "--year", "2025"],
    ],
    ids=" ".join,
)
def test_no_english_in_date_and_duty_commands(
    capsys: pytest.CaptureFixture[str], source_text: str, argv: list[str]
) -> None:
    assert english_words(run(capsys, *argv), source_text) == []


def test_no_english_in_check(
    capsys: pytest.CaptureFixture[str], source_text: str, records: Path
) -> None:
    out = run(capsys, "check", str(records), "--year", "2025")
    assert english_words(out, source_text) == []


def test_the_scan_finds_english(source_text: str) -> None:
    assert english_words("t03.p01 2025-01-31 ganzhou-2024 APP 达标", source_text) == []
    assert english_words("unit 市司法局 [unverified]", source_text) == ["unit", "unverified"]


def test_units_say_what_each_entry_is(capsys: pytest.CaptureFixture[str], doc: fm.Document) -> None:
    lines = run(capsys, "units").splitlines()
    kinds = {line.split()[0] for line in lines}
    assert kinds == {"单位", "单位组", "角色"}
    registry = doc.registry
    units = [line for line in lines if line.startswith("单位 ")]
    assert len(units) == len(registry.units)
    for unit, line in zip(registry.units, units, strict=True):
        assert unit.name in line
        assert line.rstrip().endswith("已核实" if unit.verified else "未核实")


@pytest.mark.parametrize(("value", "label"), sorted(KIND_LABELS.items()))
def test_kind_in_chinese_or_english(
    capsys: pytest.CaptureFixture[str], value: str, label: str
) -> None:
    chinese = run(capsys, "provisions", "--kind", label)
    english = run(capsys, "provisions", "--kind", value)
    assert chinese == english
    rows = json.loads(run(capsys, "provisions", "--kind", label, "--json"))
    assert {r["kind"] for r in rows} <= {value}  # --json values stay English
    assert all(label in line for line in chinese.splitlines())


def test_bad_kind_names_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["provisions", "--kind", "数量"])
    err = capsys.readouterr().err
    assert "数量要求 (quota)" in err and "职责 (duty)" in err
    with pytest.raises(ValueError, match="无效取值"):
        kind_value("amount")
    assert choice_value("已核实", {"yes": "已核实"}) == "yes"


def test_show_missing_task_is_chinese_with_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "99"]) == 1
    err = capsys.readouterr().err
    assert "没有任务99" in err and "(no task 99" in err


def test_chinese_numbers() -> None:
    assert [chinese_number(n) for n in (1, 7, 10, 12, 20, 21, 99)] == [
        "一",
        "七",
        "十",
        "十二",
        "二十",
        "二十一",
        "九十九",
    ]
    with pytest.raises(ValueError):
        chinese_number(0)
