"""Activity records (records): CSV, JSON and Python objects; every bad row reported."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_model as fm
from fazhi_model.compliance.records import (
    Record,
    Totals,
    entries,
    read_metrics,
    read_records,
    read_terms,
    totals,
)
from strategies import record_lists

D = dt.date
HEADER = "unit,activity,date,quantity,person\n"


def _write(tmp_path: Path, text: str, *, bom: bool = False, name: str = "r.csv") -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def _problems(exc: pytest.ExceptionInfo[fm.LoadError]) -> list[tuple[str, int | None]]:
    return [(p.path, p.line) for p in exc.value.problems]


GOOD = (
    HEADER
    + "市司法局,集体学法,2025-03-01,1,\n"
    + "赣州市财政局,行政执法培训,2025-04-02,12.5,张三\n"
    + "gz-justice, 集体学法 ,2025-05-06,2, \n"
)


@pytest.mark.parametrize("bom", [False, True])
def test_csv_with_or_without_bom(tmp_path: Path, registry: fm.Registry, bom: bool) -> None:
    records = list(read_records(_write(tmp_path, GOOD, bom=bom), registry))
    assert records == [
        Record("赣州市司法局", "集体学法", D(2025, 3, 1), 1, None),
        Record("赣州市财政局", "行政执法培训", D(2025, 4, 2), 12.5, "张三"),
        Record("赣州市司法局", "集体学法", D(2025, 5, 6), 2, None),
    ]
    assert isinstance(records[0].quantity, int) and isinstance(records[1].quantity, float)


def test_columns_in_another_order(tmp_path: Path, registry: fm.Registry) -> None:
    text = (
        "person,date,unit,quantity,activity\n李四,2025-01-02,市司法局,3,集体学法\n,x,市司法局,1,a\n"
    )
    with pytest.raises(fm.LoadError) as exc:
        list(read_records(_write(tmp_path, text), registry))
    assert _problems(exc) == [("row 3.date", 3)]
    good = "person,date,unit,quantity,activity\n李四,2025-01-02,市司法局,3,集体学法\n"
    (record,) = read_records(_write(tmp_path, good), registry)
    assert record == Record("赣州市司法局", "集体学法", D(2025, 1, 2), 3, "李四")


def test_every_bad_row_is_reported_with_row_and_field(
    tmp_path: Path, registry: fm.Registry
) -> None:
    text = (
        HEADER
        + "市司法局,集体学法,2025-02-30,1,\n"  # row 2: no such day
        + "市司法局,集体学法,2025-03-01,-2,\n"  # row 3: negative
        + "市卫健委,集体学法,2025-03-01,1,\n"  # row 4: unknown unit
        + "市司法局,集体学法,2025-03-01,两次,\n"  # row 5: not a number
        + "市司法局,集体学法\n"  # row 6: fields missing
        + "市司法局,集体学法,2025-03-01,1,,extra\n"  # row 7: one field too many
        + "各县(市、区)政府,,25/3/1,,\n"  # row 8: a group, no activity, bad date, no quantity
        + "市司法局,集体学法,2025-03-01,1,王五\n"  # row 9: good
    )
    with pytest.raises(fm.LoadError) as exc:
        list(read_records(_write(tmp_path, text), registry))
    assert _problems(exc) == [
        ("row 2.date", 2),
        ("row 3.quantity", 3),
        ("row 4.unit", 4),
        ("row 5.quantity", 5),
        ("row 6.fields", 6),
        ("row 7.fields", 7),
        ("row 8.unit", 8),
        ("row 8.activity", 8),
        ("row 8.date", 8),
        ("row 8.quantity", 8),
    ]
    messages = [p.message for p in exc.value.problems]
    assert "'2025-02-30'" in messages[0] and "real date" in messages[0]
    assert "≥ 0" in messages[1] and "'-2'" in messages[1]
    assert "unknown unit" in messages[2] and "'市卫健委'" in messages[2]
    assert "'两次'" in messages[3]
    assert "2 cells, the header 5" in messages[4] and "6 cells" in messages[5]
    assert "group" in messages[6]
    assert all(p.file is not None and p.file.endswith("r.csv") for p in exc.value.problems)
    assert "r.csv:4: row 4.unit" in str(exc.value)


def test_missing_and_unknown_columns(tmp_path: Path, registry: fm.Registry) -> None:
    text = "unit,activity,date,amount,person\n市司法局,集体学法,2025-03-01,1,\n"
    with pytest.raises(fm.LoadError) as exc:
        list(read_records(_write(tmp_path, text), registry))
    messages = [p.message for p in exc.value.problems]
    assert _problems(exc) == [("row 1.header", None), ("row 1.header", None)]
    assert "unknown column 'amount'" in messages[0]
    assert "missing column 'quantity'" in messages[1] and "学时" in messages[1]
    with pytest.raises(fm.LoadError, match="empty file"):
        list(read_records(_write(tmp_path, ""), registry))


def test_blank_rows_are_skipped_but_counted(tmp_path: Path, registry: fm.Registry) -> None:
    text = HEADER + "\n,,,,\n市司法局,集体学法,2025-03-01,x,\n"
    with pytest.raises(fm.LoadError) as exc:
        list(read_records(_write(tmp_path, text), registry))
    assert _problems(exc) == [("row 4.quantity", 4)]


def test_gbk_is_read_and_a_mixed_file_refused(tmp_path: Path, registry: fm.Registry) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("单位,事项,日期,学时\n市司法局,集体学法,2025/3/1,1\n".encode("gbk"))
    (record,) = read_records(path, registry)
    assert record == Record("赣州市司法局", "集体学法", D(2025, 3, 1), 1)
    path.write_bytes(
        ("单位,事项,日期,学时\n" + "市司法局,集体学法,2025/3/1,1\n" * 3).encode("utf-8")
        + "市司法局,集体学法,2025/3/1,1\n".encode("gbk")
    )
    with pytest.raises(fm.LoadError, match="UTF-8") as exc:
        list(read_records(path, registry))
    assert _problems(exc) == [("line 5", 5)]


def test_reading_streams_and_raises_at_the_end(tmp_path: Path, registry: fm.Registry) -> None:
    text = GOOD + "市司法局,集体学法,2025-13-01,1,\n"
    stream = read_records(_write(tmp_path, text), registry)
    assert next(stream).activity == "集体学法"  # yielded before the bad row is read
    with pytest.raises(fm.LoadError) as exc:
        list(stream)
    assert _problems(exc) == [("row 5.date", 5)]


def test_json_records(tmp_path: Path, registry: fm.Registry) -> None:
    data = [
        {"unit": "市司法局", "activity": "集体学法", "date": "2025-03-01", "quantity": 2},
        {
            "unit": "市财政局",
            "activity": "行政执法培训",
            "date": "2025-03-02",
            "quantity": 8,
            "person": "张三",
        },
    ]
    path = _write(tmp_path, json.dumps(data, ensure_ascii=False), name="r.json")
    assert list(read_records(path, registry)) == [
        Record("赣州市司法局", "集体学法", D(2025, 3, 1), 2),
        Record("赣州市财政局", "行政执法培训", D(2025, 3, 2), 8, "张三"),
    ]
    bad = [
        {"unit": "市司法局", "activity": "集体学法", "date": "2025-02-30", "quantity": 1},
        {"unit": "市司法局", "activity": "集体学法", "quantity": "1", "extra": 1},
        "not an object",
        {"unit": "市卫健委", "activity": "集体学法", "date": "2025-03-01", "quantity": True},
    ]
    path = _write(tmp_path, json.dumps(bad, ensure_ascii=False), name="bad.json")
    with pytest.raises(fm.LoadError) as exc:
        list(read_records(path, registry))
    assert [p.path for p in exc.value.problems] == [
        "row 1.date",
        "row 2.extra",
        "row 2.date",
        "row 3",
        "row 4.unit",
        "row 4.quantity",
    ]


def test_a_json_key_twice_is_an_error(tmp_path: Path, registry: fm.Registry) -> None:
    text = (
        '[{"unit": "市司法局", "activity": "集体学法", "date": "2025-03-01",\n'
        '  "quantity": 1, "quantity": 50}]'
    )
    with pytest.raises(fm.LoadError, match="quantity") as exc:
        list(read_records(_write(tmp_path, text, name="d.json"), registry))
    assert exc.value.problems[0].line == 2
    jsonl = (
        '{"unit": "市司法局", "activity": "集体学法", "date": "2025-03-01", "quantity": 1, '
        '"quantity": 50}\n'
    )
    with pytest.raises(fm.LoadError, match="duplicate key"):
        list(read_records(_write(tmp_path, jsonl, name="d.jsonl"), registry))
    both = [
        {
            "unit": "市司法局",
            "单位": "市财政局",
            "activity": "集体学法",
            "date": "2025-03-01",
            "quantity": 1,
        }
    ]
    with pytest.raises(fm.LoadError, match="a second key for 'unit'"):
        list(read_records(both, registry))


def test_huge_quantities_are_refused_not_rounded(tmp_path: Path, registry: fm.Registry) -> None:
    for quantity in ("9" * 400, "1" + "0" * 20, "1e308"):
        path = _write(tmp_path, HEADER + f"市司法局,集体学法,2025-03-01,{quantity},\n")
        with pytest.raises(fm.LoadError) as exc:
            totals(path, registry, 2025)
        assert _problems(exc) == [("row 2.quantity", 2)]
        assert len(str(exc.value)) < 400
    text = json.dumps(
        [{"unit": "市司法局", "activity": "集体学法", "date": "2025-03-01", "quantity": 10**21}]
    )
    with pytest.raises(fm.LoadError):
        totals(_write(tmp_path, text, name="big.json"), registry, 2025)
    exact = _write(tmp_path, HEADER + "市司法局,集体学法,2025-03-01,999999999999999,\n" * 3)
    assert sum(totals(exact, registry, 2025).sums.values()) == 3 * 999_999_999_999_999


def test_python_objects_are_checked_too(registry: fm.Registry) -> None:
    records = [
        Record("市司法局", "集体学法", D(2025, 1, 2), 1),
        Record("市卫健委", "集体学法", D(2025, 1, 2), 1),
        Record("市司法局", "", D(2025, 1, 2), -1),
    ]
    with pytest.raises(fm.LoadError) as exc:
        list(entries(records, registry))
    assert [p.path for p in exc.value.problems] == [
        "records[1].unit",
        "records[2].activity",
        "records[2].quantity",
    ]


def test_terms_and_metrics_files(tmp_path: Path) -> None:
    terms = _write(
        tmp_path, "holder,start,end\n张三,2021-06-01,2026-05-31\n市司法局,2022-01-01,2026-12-31\n"
    )
    assert read_terms(terms) == {
        "张三": (D(2021, 6, 1), D(2026, 5, 31)),
        "市司法局": (D(2022, 1, 1), D(2026, 12, 31)),
    }
    chinese = tmp_path / "任期.csv"
    chinese.write_bytes("姓名,任期开始,任期结束\n张三,2021/6/1,2026年5月31日\n".encode("gbk"))
    assert read_terms(chinese) == {"张三": (D(2021, 6, 1), D(2026, 5, 31))}
    bad = _write(
        tmp_path,
        "holder,start,end\n张三,2021-06-01,2020-01-01\n,2021-02-30,x\n李四,2021-01-01,2022-01-01\n"
        "李四,2023-01-01,2024-01-01\n",
        name="b.csv",
    )
    with pytest.raises(fm.LoadError) as exc:
        read_terms(bad)
    assert [p.path for p in exc.value.problems] == [
        "row 2.end",
        "row 3.holder",
        "row 3.start",
        "row 3.end",
        "row 5.holder",
    ]
    assert "row 4" in exc.value.problems[-1].message  # the first term of 李四
    metrics = _write(tmp_path, "metric,unit,value\nt10.p03,市司法局,95.5\n", name="m.csv")
    assert read_metrics(metrics) == {("t10.p03", "市司法局"): 95.5}
    with pytest.raises(fm.LoadError, match=r"row 2\.value"):
        read_metrics(_write(tmp_path, "metric,unit,value\nt10.p03,市司法局,高\n", name="n.csv"))
    twice = "指标,单位,数值\nt10.p03,市司法局,95\nt10.p03,市司法局,100\n"
    with pytest.raises(fm.LoadError, match=r"row 3\.metric") as exc:
        read_metrics(_write(tmp_path, twice, name="t.csv"))
    assert "row 2" in exc.value.problems[0].message


# -- the fast CSV path of totals() agrees with the generic one ----------------------------------

UNIT_NAMES = ["市司法局", "赣州市司法局", "市财政局", "gz-finance", "章贡区人民政府"]
ACTIVITIES = ["集体学法", "行政执法培训", "法治培训"]

records_strategy = record_lists(
    UNIT_NAMES,
    ACTIVITIES,
    start=D(2024, 11, 1),
    end=D(2026, 2, 1),
    quantities=st.integers(0, 100) | st.sampled_from([0.5, 1.25, 7.75]),
    persons=(None, "张三", "李四"),
    max_size=40,
)


@settings(max_examples=40, deadline=None)
@given(records=records_strategy)
def test_totals_csv_path_equals_object_path(
    tmp_path_factory: pytest.TempPathFactory, registry: fm.Registry, records: list[Record]
) -> None:
    path = tmp_path_factory.mktemp("t") / "r.csv"
    lines = [HEADER] + [
        f"{r.unit},{r.activity},{r.date},{r.quantity},{r.person or ''}\n" for r in records
    ]
    path.write_text("".join(lines), encoding="utf-8")
    dated = frozenset({"法治培训"})
    fast = totals(path, registry, 2025, dated)
    slow = totals(records, registry, 2025, dated)
    assert isinstance(fast, Totals)
    assert fast.sums == slow.sums
    assert fast.dated == slow.dated
    assert (
        (fast.count, fast.outside)
        == (slow.count, slow.outside)
        == (
            len(records),
            sum(1 for r in records if r.date.year != 2025),
        )
    )
    for unit_id, activity in {(k[0], k[1]) for k in fast.sums}:
        expected = sum(
            r.quantity
            for r in records
            if r.date.year == 2025
            and registry.unit(r.unit).id == unit_id
            and r.activity == activity
        )
        assert sum(fast.persons(unit_id, activity).values()) == expected


persons_strategy = st.none() | st.text(
    alphabet=st.sampled_from(list('张三 ,"\n;李')), min_size=1, max_size=8
).filter(lambda t: t.strip() != "")


@settings(max_examples=60, deadline=None)
@given(
    people=st.lists(persons_strategy, min_size=1, max_size=12),
    crlf=st.booleans(),
    order=st.permutations(["unit", "activity", "date", "quantity", "person"]),
)
def test_quoted_values_commas_and_line_breaks(
    tmp_path_factory: pytest.TempPathFactory,
    registry: fm.Registry,
    people: list[str | None],
    crlf: bool,
    order: list[str],
) -> None:
    """Rows written by the csv module (quoting where needed) read back exactly, in any column
    order and with either line ending; an error names the right row."""
    records = [
        Record("赣州市司法局", "集体学法", D(2025, 1, 1 + i % 28), i, person)
        for i, person in enumerate(people)
    ]
    path = tmp_path_factory.mktemp("q") / "r.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n" if crlf else "\n")
        writer.writerow(order)
        for r in records:
            values = {**attrs.asdict(r), "person": r.person or "", "date": r.date.isoformat()}
            writer.writerow([values[c] for c in order])
        bad = {"unit": "市司法局", "activity": "集体学法", "date": "2025-02-30", "quantity": 1}
        writer.writerow([bad.get(c, "") for c in order])
    expected = [attrs.evolve(r, person=r.person.strip() if r.person else None) for r in records]
    stream = read_records(path, registry)
    assert [next(stream) for _ in records] == expected
    with pytest.raises(fm.LoadError) as exc:
        next(stream)
    (problem,) = exc.value.problems
    assert problem.path == f"row {len(records) + 2}.date"
    newlines = sum(p.count("\n") for p in people if p)
    assert problem.line == len(records) + 2 + newlines
