"""The one ledger reader (store.tables): sources, encodings, headers, values, problems."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fazhi_model as fm
from fazhi_model.errors import InputError
from fazhi_model.store.tables import (
    MAX_PROBLEMS,
    Field,
    Problems,
    Schema,
    date_value,
    normalise_header,
    number_value,
    read_located,
    read_table,
)

D = dt.date

LEDGER = Schema(
    "ledger",
    (
        Field("unit", aliases=("单位", "责任单位")),
        Field("date", "date", aliases=("日期",)),
        Field("hours", "number", aliases=("学时",)),
        Field("count", "int", required=False, aliases=("次数",)),
        Field("person", required=False, aliases=("姓名",)),
    ),
)


def _read(source: Any, **options: Any) -> list[tuple[int, dict[str, Any]]]:
    return list(read_table(source, LEDGER, **options))


def _paths(exc: pytest.ExceptionInfo[fm.LoadError]) -> list[str]:
    return [p.path for p in exc.value.problems]


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# -- encodings and separators ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030")],
)
def test_encodings_are_detected_and_reported(tmp_path: Path, encoding: str, reported: str) -> None:
    path = _csv(tmp_path, "单位,日期,学时,姓名\n市司法局,2025/3/12,2,张三\n", encoding)
    table = read_table(path, LEDGER)
    rows = list(table)
    assert rows == [
        (
            2,
            {
                "unit": "市司法局",
                "date": D(2025, 3, 12),
                "hours": 2,
                "count": None,
                "person": "张三",
            },
        )
    ]
    assert table.encoding == reported
    assert table.header == {"unit": "单位", "date": "日期", "hours": "学时", "person": "姓名"}


def test_gbk_after_a_megabyte_of_ascii(tmp_path: Path) -> None:
    """The encoding is decided at the first block that is not ASCII, not on a pure-ASCII start."""
    body = "unit,date,hours\n" + "abc,2025-01-02,1\n" * 70_000 + "市司法局,2025-01-03,2\n"
    assert len(body) > 1 << 20
    table = read_table(_csv(tmp_path, body, "gbk"), LEDGER)
    rows = list(table)
    assert rows[-1][1]["unit"] == "市司法局" and rows[-1][0] == 70_002
    assert table.encoding == "gb18030"


def test_a_gbk_line_in_a_utf8_file_is_an_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    good = "单位,日期,学时\n" + "赣州市司法局,2025-01-02,1\n" * 3
    path.write_bytes(good.encode("utf-8") + "赣州市财政局,2025-01-02,1\n".encode("gbk"))
    with pytest.raises(fm.LoadError) as exc:
        _read(path)
    (problem,) = exc.value.problems
    assert problem.line == 5 and "UTF-8" in problem.message


def test_a_gbk_line_after_the_first_block_is_an_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    head = "单位,日期,学时\n" + "赣州市司法局,2025-01-02,1\n" * 40_000
    path.write_bytes(head.encode("utf-8") + "赣州市财政局,2025-01-02,1\n".encode("gbk"))
    table = read_table(path, LEDGER)
    with pytest.raises(fm.LoadError) as exc:
        list(table)
    assert [p.line for p in exc.value.problems] == [40_002]
    assert table.encoding == "utf-8"


def test_undecodable_and_utf16_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(b"unit,date,hours\n\xff\xfe\xff,2025-01-01,1\n")
    with pytest.raises(fm.LoadError, match="GB18030") as exc:
        _read(path)
    assert exc.value.problems[0].line == 2
    path.write_bytes("unit,date,hours\n".encode("utf-16"))
    with pytest.raises(fm.LoadError, match="UTF-16"):
        _read(path)


@pytest.mark.parametrize("sep", [",", "\t", ";"])
def test_separators_are_sniffed(tmp_path: Path, sep: str) -> None:
    text = sep.join(["单位", "日期", "学时"]) + "\n" + sep.join(["甲", "2025.1.2", "1.5"]) + "\n"
    table = read_table(_csv(tmp_path, text), LEDGER)
    assert [v["hours"] for _, v in table] == [1.5]
    assert table.delimiter == sep


def test_quoted_cells_and_crlf(tmp_path: Path) -> None:
    text = 'unit,date,hours,person\r\n"甲,乙",2025-01-02,1,"张\r\n三"\r\n丙,2025-01-02,x,\r\n'
    table = read_table(_csv(tmp_path, text), LEDGER)
    with pytest.raises(fm.LoadError) as exc:
        list(table)
    (problem,) = exc.value.problems
    assert (problem.path, problem.line) == ("row 3.hours", 4)


# -- headers ----------------------------------------------------------------------------------


def test_title_rows_ignored_columns_and_normalised_headers(tmp_path: Path) -> None:
    text = "2025年学法台账,,,,\n,,,,\n序号, *单位 ,日期,学时(小时),备注\n1,甲,2025年3月12日,2,无\n"
    table = read_table(_csv(tmp_path, text), LEDGER)
    assert [(row, v["unit"], v["date"]) for row, v in table] == [(4, "甲", D(2025, 3, 12))]
    assert table.skipped == (1, 2) and table.header_row == 3
    assert table.ignored == ("序号", "备注")
    assert normalise_header(" 学时（小时） ") == "学时" == normalise_header("学 时")
    assert normalise_header("Unit") == "unit"


def test_header_problems(tmp_path: Path) -> None:
    with pytest.raises(fm.LoadError, match="unknown column '金额'") as exc:
        _read(_csv(tmp_path, "单位,日期,金额\n甲,2025-01-01,1\n"))
    assert any("missing column 'hours'" in p.message for p in exc.value.problems)
    assert any("--columns" in p.message for p in exc.value.problems)
    with pytest.raises(fm.LoadError, match="both give 'unit'"):
        _read(_csv(tmp_path, "单位,责任单位,日期,学时\n甲,乙,2025-01-01,1\n"))
    with pytest.raises(fm.LoadError, match="empty file"):
        _read(_csv(tmp_path, ""))


def test_columns_map_other_headers(tmp_path: Path) -> None:
    path = _csv(tmp_path, "填报单位,单位,活动日期,时长\n甲,乙,2025-01-01,3\n")
    rows = _read(path, columns={"unit": "填报单位", "date": "活动日期", "hours": "时长"})
    assert rows[0][1]["unit"] == "甲"  # 单位, an alias of unit, is ignored: another was chosen
    with pytest.raises(InputError, match="unknown field"):
        _read(path, columns={"place": "单位"})


# -- values -----------------------------------------------------------------------------------


@given(st.dates(D(1000, 1, 1), D(9999, 12, 31)))
def test_every_documented_date_form_reads_back(day: dt.date) -> None:
    y, m, d = day.year, day.month, day.day
    for text in (
        day.isoformat(),
        f"{y}-{m}-{d}",
        f"{y}/{m}/{d}",
        f"{y}/{m:02d}/{d:02d}",
        f"{y}.{m}.{d}",
        f"{y}年{m}月{d}日",
        f"{y}/{m}/{d} 0:00",
        f"{day.isoformat()} 00:00:00",
    ):
        assert date_value(text) == day


@pytest.mark.parametrize(
    "text", ["2025-02-30", "25/3/12", "2025-3", "3/12/2025", "2025/3-12", "2025年3月", "x"]
)
def test_other_date_forms_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"日期|没有这一天"):
        date_value(text)


def test_dates_of_cells() -> None:
    assert date_value(dt.datetime(2025, 3, 12)) == D(2025, 3, 12)
    with pytest.raises(ValueError, match="time"):
        date_value(dt.datetime(2025, 3, 12, 9, 30))
    with pytest.raises(ValueError):
        date_value(45728)  # a number is a date only in a workbook
    assert date_value(45728, epoch=D(1899, 12, 30)) == D(2025, 3, 12)
    with pytest.raises(ValueError, match="serial"):
        date_value(45728.5, epoch=D(1899, 12, 30))


@pytest.mark.parametrize(
    ("text", "value"),
    [("0", 0), ("12", 12), ("12.5", 12.5), (" 3 ", 3), ("1000000000000000", 10**15)],
)
def test_numbers(text: str, value: float) -> None:
    got = number_value(text)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize(
    "text",
    [
        "-1",
        "1e5",
        "nan",
        "inf",
        "1,000",
        "１２",
        "1_000",
        "+3",
        "1000000000000001",
        "9" * 21,
        "9" * 400,
        "0.12345678901234567",
    ],
)
def test_numbers_refused_not_rounded(text: str) -> None:
    with pytest.raises(ValueError):
        number_value(text)


def test_number_cells() -> None:
    assert number_value(3) == 3 and number_value(2.5) == 2.5
    for bad in (True, -1, float("nan"), float("inf"), 1e308, 10**16, "x", [1]):
        with pytest.raises(ValueError):
            number_value(bad)


def test_bad_cells_are_reported_by_row_and_field(tmp_path: Path) -> None:
    text = (
        "unit,date,hours,count,person\n"
        "甲,2025-01-01,1,2,\n"
        ",2025-13-01,-1,2.5,\n"  # row 3: unit missing, no such month, negative, not whole
        "\n"  # row 4: blank
        "乙,2025-01-01\n"  # row 5: too few cells
        "丙,2025-01-01,1,1,张三,多\n"  # row 6: too many
    )
    table = read_table(_csv(tmp_path, text), LEDGER)
    with pytest.raises(fm.LoadError) as exc:
        list(table)
    assert [(p.path, p.line) for p in exc.value.problems] == [
        ("row 3.unit", 3),
        ("row 3.date", 3),
        ("row 3.hours", 3),
        ("row 3.count", 3),
        ("row 5.fields", 5),
        ("row 6.fields", 6),
    ]
    assert all(p.file == str(tmp_path / "t.csv") for p in exc.value.problems)
    assert table.blank == 1 and table.rows == 4


def test_problems_beyond_the_first_are_counted_not_kept(tmp_path: Path) -> None:
    n = MAX_PROBLEMS + 1500
    path = _csv(tmp_path, "unit,date,hours\n" + "甲,x,1\n" * n)
    seen: list[fm.Problem] = []
    bad = Problems(str(path), sink=seen.append)
    table = read_table(path, LEDGER, problems=bad)
    assert list(table) == []  # the caller's collector: the table does not raise
    assert bad.count == n == len(seen) and len(bad.kept) == MAX_PROBLEMS and bad.rows == n
    with pytest.raises(fm.LoadError) as exc:
        bad.raise_if_any()
    assert exc.value.omitted == 1500 and len(exc.value.problems) == MAX_PROBLEMS
    assert "1500 more problems" in str(exc.value)


# -- other sources ----------------------------------------------------------------------------


def test_devices_and_fifos_are_refused(tmp_path: Path) -> None:
    with pytest.raises(fm.LoadError, match="not a regular file"):
        read_table("/dev/zero", LEDGER)
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    with pytest.raises(fm.LoadError, match="not a regular file"):
        read_table(fifo, LEDGER)
    with pytest.raises(fm.LoadError, match="no such file"):
        read_table(tmp_path / "none.csv", LEDGER)
    with pytest.raises(fm.LoadError, match="too large"):
        read_table(_csv(tmp_path, "unit,date,hours\n"), LEDGER, limit=4)


def test_json_lines_and_json(tmp_path: Path) -> None:
    lines = [
        json.dumps({"单位": "甲", "日期": "2025-01-02", "学时": 2}, ensure_ascii=False),
        "",
        '{"unit": "乙", "date": "2025-01-02", "hours": 1, "hours": 5}',
        "{not json",
        json.dumps({"unit": "丙", "date": "2025-01-02", "hours": "3", "where": 1}),
    ]
    path = _csv(tmp_path, "\n".join(lines) + "\n", name="t.jsonl")
    table = read_table(path, LEDGER)
    with pytest.raises(fm.LoadError) as exc:
        list(table)
    assert [(p.path.split(".")[0], p.line) for p in exc.value.problems] == [
        ("row 3", 3),
        ("row 4", 4),
        ("row 5", 5),
    ]
    assert "duplicate key" in exc.value.problems[0].message
    assert table.blank == 1
    data = [{"unit": "甲", "date": "2025-01-02", "hours": 2}, {"unit": "乙", "date": "2025-01-02"}]
    path = _csv(tmp_path, json.dumps(data, ensure_ascii=False), name="t.json")
    with pytest.raises(fm.LoadError) as exc:
        _read(path)
    assert _paths(exc) == ["row 2.hours"]
    with pytest.raises(fm.LoadError, match="duplicate key"):
        _read(_csv(tmp_path, '[{"unit": "甲", "unit": "乙"}]', name="d.json"))


def test_streams_are_told_apart(tmp_path: Path) -> None:
    csv_bytes = "单位,日期,学时\n甲,2025/1/2,1\n".encode("gbk")
    jsonl = b'{"unit": "a", "date": "2025-01-02", "hours": 1}\n'
    array = b' [{"unit": "a", "date": "2025-01-02", "hours": 1}]'
    for data in (csv_bytes, jsonl, array):
        rows = _read(io.BytesIO(data), name="<stdin>")
        assert [v["date"] for _, v in rows] == [D(2025, 1, 2)]


def test_mappings_and_dataframes() -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(
        {
            "单位": ["甲", "乙", None],
            "日期": pandas.to_datetime(["2025-01-02", "2025-01-03", None]),
            "学时": [1, 2.5, None],
            "姓名": ["张三", None, None],
        }
    )
    table = read_table(frame, LEDGER)
    assert [(row, v["unit"], v["date"], v["hours"], v["person"]) for row, v in table] == [
        (1, "甲", D(2025, 1, 2), 1, "张三"),
        (2, "乙", D(2025, 1, 3), 2.5, None),
    ]
    assert table.blank == 1
    with pytest.raises(fm.LoadError) as exc:
        _read([{"unit": "甲", "date": "2025-01-02", "hours": 1}, {"unit": "乙"}, 3])
    assert _paths(exc) == ["ledger[1].date", "ledger[1].hours", "ledger[2]"]
    for wrong in (None, 3, b"unit", {"unit": "甲"}):
        with pytest.raises(InputError):
            read_table(wrong, LEDGER)


def test_checks_refuse_values(tmp_path: Path) -> None:
    path = _csv(tmp_path, "unit,date,hours\n甲,2025-01-02,1\n乙,2025-01-02,x\n")
    table = read_table(
        path, LEDGER, checks={"unit": lambda u: None if u == "甲" else f"unknown unit {u}"}
    )
    with pytest.raises(fm.LoadError) as exc:
        list(table)
    assert _paths(exc) == ["row 3.unit", "row 3.hours"]


# -- workbooks --------------------------------------------------------------------------------


def test_workbook_sheets_dates_serials_and_merged_titles(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    first = book.active
    first.title = "说明"
    first.append(["这不是台账"])
    ws = book.create_sheet("台账")
    ws.append(["2025年学法台账"])
    ws.merge_cells("A1:D1")
    ws.append(["单位", "学习情况", None, "姓名"])
    ws.merge_cells("B2:C2")
    ws.append([None, "日期", "学时", None])  # a two-level header: 单位 and 姓名 merged down
    ws.append(["甲", dt.datetime(2025, 3, 12), 2, "张三"])
    ws.append(["乙", 45728, 1.5, None])  # an Excel serial day number
    ws.append([None, None, None, None])
    ws.append(["丙", "2025/3/14", "x", None])
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    for sheet in ("台账", 2):
        table = read_table(path, LEDGER, sheet=sheet)
        with pytest.raises(fm.LoadError) as exc:
            rows = []
            for row in table:
                rows.append(row)
        assert [(row, v["unit"], v["date"], v["hours"]) for row, v in rows] == [
            (4, "甲", D(2025, 3, 12), 2),
            (5, "乙", D(2025, 3, 12), 1.5),
        ]
        assert _paths(exc) == ["row 7.hours"]
        assert table.sheet == "台账" and table.skipped == (1, 2) and table.blank == 1
    with pytest.raises(fm.LoadError, match="no such sheet"):
        read_table(path, LEDGER, sheet="汇总")
    with pytest.raises(fm.LoadError, match="no sheet 3"):
        read_table(path, LEDGER, sheet=3)
    with pytest.raises(fm.LoadError, match=r"old \.xls"):
        read_table(_csv(tmp_path, "x", name="old.xls"), LEDGER)


# -- fuzz -------------------------------------------------------------------------------------


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.binary(max_size=300)
    | st.lists(
        st.sampled_from(
            [
                "unit,date,hours\n",
                "单位;日期;学时\n",
                '"',
                ",",
                "\t",
                "\n",
                "\r",
                "甲",
                "2025/1/2",
                "1.5",
                "x",
                "\x00",
                "\ufeff",
                "年",
                "=1+2",
                "99999999999999999999",
            ]
        ),
        max_size=40,
    ).map(lambda parts: "".join(parts).encode("utf-8"))
)
def test_any_bytes_give_rows_or_a_located_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    try:
        for row, values in read_table(path, LEDGER):
            assert row >= 2 and isinstance(values["date"], dt.date)
            assert values["hours"] >= 0
    except fm.LoadError as exc:
        assert exc.problems and all(p.file == str(path) for p in exc.problems)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["unit", "单位", "date", "hours", "学时", "x", "person"]),
            st.none()
            | st.booleans()
            | st.integers(-5, 10**17)
            | st.floats(allow_nan=True)
            | st.text(max_size=12)
            | st.dates(),
            max_size=5,
        ),
        max_size=8,
    )
)
def test_any_mappings_give_rows_or_a_located_error(items: list[dict[str, Any]]) -> None:
    try:
        for _, values in read_table(items, LEDGER):
            assert isinstance(values["unit"], str) and isinstance(values["date"], dt.date)
            hours = values["hours"]
            assert isinstance(hours, int | float) and 0 <= hours <= 10**15
    except fm.LoadError as exc:
        assert all(p.path.startswith("ledger[") for p in exc.problems)


def test_the_ledger_page_lists_every_alias() -> None:
    """docs/ledger.md shows the alias tables of records, terms and metrics as they are."""
    from fazhi_model.compliance.records import METRICS, RECORDS, TERMS

    page = (Path(__file__).resolve().parent.parent / "docs" / "ledger.md").read_text("utf-8")
    sections = {
        "records": page.split("**Activity records**")[1].split("**Terms of office**")[0],
        "terms": page.split("**Terms of office**")[1].split("**Observed metrics**")[0],
        "metrics": page.split("**Observed metrics**")[1].split("Any other header")[0],
    }
    for schema in (RECORDS, TERMS, METRICS):
        rows = {
            line.split("|")[1].strip(" `"): line.split("|")[2].strip()
            for line in sections[schema.name].splitlines()
            if line.startswith("| `")
        }
        assert list(rows) == list(schema.names)
        for f in schema.fields:
            assert [h.strip() for h in rows[f.name].split(",")] == [f.name, *f.aliases]


def test_read_located_takes_objects_as_they_are_and_locates_rows(tmp_path: Path) -> None:
    """One reader for typed objects and ledgers, each record with where it was read."""

    def build(table: Any, row: int, values: dict[str, Any]) -> str | None:
        if values["unit"] == "refused":
            table.problems.add(table.label(row), "unit", "refused", table.line(row))
            return None
        return str(values["unit"])

    bad = Problems(None)
    got = list(read_located(["甲", 3, "乙"], LEDGER, str, build, bad))
    assert got == [("甲", (None, "ledger[0]", None)), ("乙", (None, "ledger[2]", None))]
    assert [p.path for p in bad.kept] == ["ledger[1]"]

    path = tmp_path / "l.csv"
    path.write_text("标题\n单位,日期,学时\n司法局,2025-03-12,2\nrefused,2025-03-12,1\n", "utf-8")
    bad = Problems(str(path))
    got = list(read_located(path, LEDGER, str, build, bad))
    assert got == [("司法局", (str(path), "row 3", 3))]
    assert [(p.path, p.line) for p in bad.kept] == [("row 4.unit", 4)]

    bad = Problems(None)
    rows = [{"unit": "司法局", "date": "2025-03-12", "hours": "2"}]
    assert list(read_located(rows, LEDGER, str, build, bad)) == [
        ("司法局", (None, "ledger[0]", None))
    ]
    assert list(read_located([], LEDGER, str, build, bad)) == []
