"""Quota and target checks (compliance.check)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_model as fm
from builders import department, group, make_document, make_task, registry, role
from fazhi_model.compliance.check import Report, Result, check
from fazhi_model.compliance.records import Record
from fazhi_model.errors import InputError
from strategies import record_lists

D = dt.date


@pytest.fixture(scope="module")
def small() -> fm.Document:
    """Three departments; quotas per unit, per person, per term; two targets."""
    units = registry(
        [
            department("a", "测试甲局", "甲局", enforcement=True),
            department("b", "测试乙局", "乙局", enforcement=True),
            department("c", "测试丙局", "丙局", enforcement=True),
        ],
        groups=(group("all", "各部门", fm.Rule.DEPARTMENTS),),
        roles=(role("officers", "执法人员", covers=("各部门",), person=True),),
    )
    study = fm.Quota(
        id="q.unit",
        source="各部门每年集体学法不少于2次",
        bearer="各部门",
        activity="集体学法",
        measure=fm.Measure.TIMES,
        period=fm.Period.YEAR,
        minimum=2,
    )
    training = fm.Quota(
        id="q.person",
        source="执法人员每人每年不少于60学时",
        bearer="执法人员",
        activity="行政执法培训",
        measure=fm.Measure.HOURS,
        period=fm.Period.YEAR,
        per=fm.Per.PERSON,
        minimum=60,
    )
    term = fm.Quota(
        id="q.term",
        source="任期内至少1次法治培训",
        bearer="甲局",
        activity="法治培训",
        measure=fm.Measure.TIMES,
        period=fm.Period.TERM,
        per=fm.Per.PERSON,
        minimum=1,
    )
    value = fm.Target(
        id="t.value",
        source="细化率达100%",
        bearer="甲局",
        metric="细化率",
        value=100,
        measure="%",
        by_year=2025,
    )
    direction = fm.Target(
        id="t.up",
        source="提高首选率",
        bearer="乙局",
        metric="首选率",
        direction=fm.Direction.RAISE,
    )
    provisions = (study, training, term, value, direction)
    task = make_task(1, provisions, responsible=("各部门",), title="一")
    return make_document([task], units=units, title="测试")


def _rows(report: Report, provision: str) -> list[Result]:
    return [r for r in report.rows if r.provision == provision]


def test_units_without_records_are_not_met_and_other_years_do_not_count(
    small: fm.Document,
) -> None:
    records = [
        Record("甲局", "集体学法", D(2025, 3, 1), 1),
        Record("测试甲局", "集体学法", D(2025, 12, 31), 1),
        Record("甲局", "集体学法", D(2024, 12, 31), 5),  # the year before: ignored
        Record("b", "集体学法", D(2026, 1, 1), 5),  # the year after: ignored
        Record("乙局", "集体学法", D(2025, 1, 1), 1),
    ]
    report = check(small, 2025, records)
    rows = {r.unit_id: r for r in _rows(report, "q.unit")}
    assert list(rows) == ["a", "b", "c"]
    assert (rows["a"].actual, rows["a"].shortfall, rows["a"].met) == (2, 0, True)
    assert (rows["b"].actual, rows["b"].shortfall, rows["b"].met) == (1, 1, False)
    assert (rows["c"].actual, rows["c"].shortfall, rows["c"].met) == (0, 2, False)
    assert rows["c"].note is not None and rows["c"].person is None
    assert rows["a"].unit == "测试甲局" and rows["a"].required == 2
    assert report.records == 5 and report.outside == 2


def test_per_person_quota(small: fm.Document) -> None:
    records = [
        Record("甲局", "行政执法培训", D(2025, 3, 1), 40, "张三"),
        Record("甲局", "行政执法培训", D(2025, 9, 1), 20.5, "张三"),
        Record("甲局", "行政执法培训", D(2025, 3, 1), 59.5, "李四"),
        Record("甲局", "行政执法培训", D(2024, 3, 1), 80, "王五"),  # only last year
        Record("乙局", "行政执法培训", D(2025, 3, 1), 100),  # no person named
    ]
    report = check(small, 2025, records)
    rows = {(r.unit_id, r.person): r for r in _rows(report, "q.person")}
    assert set(rows) == {("a", "张三"), ("a", "李四"), ("a", "王五"), ("b", None), ("c", None)}
    assert (rows["a", "张三"].actual, rows["a", "张三"].met) == (60.5, True)
    assert (rows["a", "李四"].shortfall, rows["a", "李四"].met) == (0.5, False)
    assert (rows["a", "王五"].actual, rows["a", "王五"].met) == (0, False)
    assert rows["b", None].met is False and "100" in (rows["b", None].note or "")
    assert rows["c", None].met is False and rows["c", None].actual == 0


def test_term_quota_needs_terms(small: fm.Document) -> None:
    records = [
        Record("甲局", "法治培训", D(2023, 5, 1), 1, "张三"),
        Record("甲局", "法治培训", D(2019, 5, 1), 1, "李四"),
        Record("甲局", "法治培训", D(2019, 5, 1), 1, "王五"),
    ]
    without = _rows(check(small, 2025, records), "q.term")
    assert [r.met for r in without] == [None, None, None]
    assert all("任期" in (r.note or "") for r in without)
    terms = {
        "张三": (D(2022, 1, 1), D(2025, 12, 31)),
        "李四": (D(2021, 1, 1), D(2025, 6, 30)),
        "王五": (D(2021, 1, 1), D(2027, 6, 30)),
    }
    rows = {r.person: r for r in _rows(check(small, 2025, records, terms=terms), "q.term")}
    assert (rows["张三"].actual, rows["张三"].met) == (1, True)
    assert rows["张三"].term == terms["张三"]
    assert (rows["李四"].actual, rows["李四"].met) == (0, False)  # trained before the term
    assert rows["王五"].met is None and "任期未满" in (rows["王五"].note or "")


def test_targets_against_metrics(small: fm.Document) -> None:
    none = {r.provision: r for r in check(small, 2025, []).rows if r.kind == "target"}
    assert none["t.value"].met is None and none["t.up"].met is None
    metrics = {("细化率", "甲局"): 97.0, ("t.up", "乙局"): 80}
    rows = {r.provision: r for r in check(small, 2025, [], metrics=metrics).rows}
    assert (rows["t.value"].actual, rows["t.value"].shortfall, rows["t.value"].met) == (
        97.0,
        3.0,
        False,
    )
    assert rows["t.up"].met is None and rows["t.up"].actual == 80
    met = check(small, 2025, [], metrics={("t.value", "测试甲局"): 100}).rows
    assert next(r for r in met if r.provision == "t.value").met is True
    missing = check(small, 2025, [], metrics={("t.up", "乙局"): 1}).rows
    assert next(r for r in missing if r.provision == "t.value").met is False
    # A direction-only target (提高首选率) has no number to reach: never met or not met, even
    # when metrics are given for other targets and none for its unit.
    other = check(small, 2025, [], metrics={("细化率", "甲局"): 100}).rows
    assert next(r for r in other if r.provision == "t.up").met is None
    with pytest.raises(fm.FazhiError, match="'覆盖率'"):
        check(small, 2025, [], metrics={("覆盖率", "甲局"): 1})
    with pytest.raises(fm.FazhiError, match="'丁局'"):
        check(small, 2025, [], metrics={("细化率", "丁局"): 1})


def test_unmatched_records_are_listed(small: fm.Document) -> None:
    report = check(small, 2025, [Record("甲局", "集体学习", D(2025, 1, 1), 3)])
    assert [(u.unit, u.activity, u.quantity) for u in report.unmatched] == [
        ("测试甲局", "集体学习", 3)
    ]


def test_bad_records_raise_one_error(small: fm.Document) -> None:
    records = [
        Record("丁局", "集体学法", D(2025, 1, 1), 1),
        Record("甲局", "集体学法", D(2025, 1, 1), -1),
    ]
    with pytest.raises(fm.LoadError) as exc:
        check(small, 2025, records)
    assert [p.path for p in exc.value.problems] == ["records[0].unit", "records[1].quantity"]


def test_report_views(small: fm.Document) -> None:
    report = check(small, 2025, [Record("甲局", "集体学法", D(2025, 1, 1), 2)])
    s = report.summary
    assert s["results"] == len(report.rows) == s["met"] + s["not_met"] + s["not_evaluable"]
    assert s["met"] == 1
    rows = json.loads(json.dumps(report.to_rows(), ensure_ascii=False))
    assert {"provision", "unit", "person", "required", "actual", "met"} <= set(rows[0])
    html = report._repr_html_()
    assert "测试甲局" in html and html.count("<tr>") == len(report.rows) + 1
    frame = report.to_dataframe()
    assert list(frame["provision"]) == [r.provision for r in report.rows]


def test_bundled_document_enforcement_training(doc: fm.Document) -> None:
    records = [
        Record("市司法局", "行政执法培训", D(2025, 5, 1), 60, "张三"),
        Record("市司法局", "行政执法培训", D(2025, 6, 1), 30, "李四"),
        Record("市司法局", "集体学法", D(2025, 6, 1), 2),
    ]
    report = check(doc, 2025, records)
    training = {(r.unit, r.person): r for r in report.rows if r.provision == "t03.p09"}
    assert training["赣州市司法局", "张三"].met is True
    assert training["赣州市司法局", "李四"].shortfall == 30
    # Every other bearer unit of 行政执法人员 appears, not met, with no person.
    others = [r for (unit, _), r in training.items() if unit != "赣州市司法局"]
    assert others and all(r.met is False and r.person is None for r in others)
    study = {r.unit: r for r in report.rows if r.provision == "t03.p03"}
    assert study["赣州市司法局"].met is True
    assert all(r.met is False for u, r in study.items() if u != "赣州市司法局")


# -- properties -------------------------------------------------------------------------------

UNITS = ["甲局", "测试乙局", "c"]
YEAR = 2025


@settings(max_examples=60, deadline=None)
@given(
    record_lists(
        UNITS,
        ["集体学法", "行政执法培训", "其他"],
        start=D(2024, 1, 1),
        end=D(2026, 12, 31),
        quantities=st.integers(0, 5) | st.sampled_from([0.25, 1.5]),
    )
)
def test_actual_is_the_in_year_sum(small: fm.Document, records: list[Record]) -> None:
    report = check(small, YEAR, records)
    registry = small.registry
    for row in _rows(report, "q.unit"):
        expected = sum(
            r.quantity
            for r in records
            if r.date.year == YEAR
            and r.activity == "集体学法"
            and registry.unit(r.unit).id == row.unit_id
        )
        assert row.actual == expected
    for row in report.rows:
        if row.kind == "quota" and row.met is not None:
            assert row.required is not None and row.actual is not None
            assert row.shortfall == max(0, row.required - row.actual)
            assert row.met == (row.shortfall == 0)
    assert {r.unit_id for r in _rows(report, "q.unit")} == {"a", "b", "c"}


# -- one report, whatever the ledger's form ---------------------------------------------------

LEDGER_ROWS = [
    ("甲局", "集体学法", D(2025, 3, 12), 1, None),
    ("测试甲局", "集体学法", D(2025, 11, 30), 1, None),
    ("乙局", "集体学法", D(2024, 12, 31), 4, None),
    ("a", "行政执法培训", D(2025, 1, 5), 40, "张三"),
    ("甲局", "行政执法培训", D(2025, 6, 1), 20.5, "张三"),
    ("甲局", "行政执法培训", D(2025, 6, 1), 12, "李四"),
    ("乙局", "行政执法培训", D(2025, 2, 28), 61, "王五"),
    ("丙局", "法治培训", D(2023, 5, 1), 1, "赵六"),
    ("丙局", "集体学习", D(2025, 5, 1), 2, None),
]


def test_every_form_of_a_ledger_gives_the_same_report(small: fm.Document, tmp_path: Path) -> None:
    """UTF-8 CSV; GBK CSV with a Chinese header, a title row and 2025/3/12 dates; a workbook
    with real date cells; JSON Lines; a DataFrame; Records: one report."""
    pandas = pytest.importorskip("pandas")
    openpyxl = pytest.importorskip("openpyxl")
    terms = {"赵六": (D(2022, 1, 1), D(2025, 12, 31))}

    def report(source: object) -> list[dict[str, object]]:
        return check(small, 2025, source, terms=terms).to_rows()

    utf8 = tmp_path / "utf8.csv"
    with utf8.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit", "activity", "date", "quantity", "person"])
        for u, a, d, q, p in LEDGER_ROWS:
            writer.writerow([u, a, d.isoformat(), q, p or ""])
    expected = report(utf8)
    assert any(r["met"] is True for r in expected) and any(r["met"] is False for r in expected)

    gbk = tmp_path / "gbk.csv"
    lines = ["2025年度学法台账,,,,,", "序号,单位,事项,日期,学时,姓名"] + [
        f"{i},{u},{a},{d.year}/{d.month}/{d.day},{q},{p or ''}"
        for i, (u, a, d, q, p) in enumerate(LEDGER_ROWS, start=1)
    ]
    gbk.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["单位", "活动", "时间", "数量", "人员"])
    for u, a, d, q, p in LEDGER_ROWS:
        ws.append([u, a, dt.datetime(d.year, d.month, d.day), q, p])
    xlsx = tmp_path / "ledger.xlsx"
    book.save(xlsx)

    jsonl = tmp_path / "ledger.jsonl"
    jsonl.write_text(
        "".join(
            json.dumps(
                {"unit": u, "activity": a, "date": d.isoformat(), "quantity": q, "person": p},
                ensure_ascii=False,
            )
            + "\n"
            for u, a, d, q, p in LEDGER_ROWS
        ),
        encoding="utf-8",
    )
    frame = pandas.DataFrame(
        [(u, a, pandas.Timestamp(d), q, p) for u, a, d, q, p in LEDGER_ROWS],
        columns=["单位", "事项", "日期", "学时", "姓名"],
    )
    records = [Record(*row) for row in LEDGER_ROWS]
    for source in (gbk, xlsx, jsonl, frame, records):
        assert report(source) == expected, source


def test_the_year_and_arguments_are_checked(small: fm.Document) -> None:
    for year in ("2025", 2025.0, True, None):
        with pytest.raises(InputError, match="year"):
            check(small, year, [])  # type: ignore[arg-type]
    for year in (0, 1948, 2101, 99999):
        with pytest.raises(InputError, match="1949"):
            check(small, year, [])
    with pytest.raises(InputError, match="Document"):
        check(None, 2025, [])  # type: ignore[arg-type]
    with pytest.raises(InputError):
        check(small, 2025, None)
    with pytest.raises(InputError):
        check(small, 2025, 2025)
    with pytest.raises(InputError, match="mapping"):
        check(small, 2025, [], terms=[("张三", (D(2025, 1, 1), D(2025, 2, 1)))])  # type: ignore[arg-type]
    with pytest.raises(InputError, match="dates"):
        check(small, 2025, [], terms={"张三": ("2025-01-01", "2025-12-31")})  # type: ignore[dict-item]


def test_numbers_beyond_the_bounds_are_refused(small: fm.Document) -> None:
    huge = [Record("甲局", "集体学法", D(2025, 1, 1), 1e308)] * 2
    with pytest.raises(fm.LoadError, match="10\\^15"):
        check(small, 2025, huge)
    for value in (float("nan"), float("inf"), 10**400, True, "100"):
        with pytest.raises(InputError):
            check(small, 2025, [], metrics={("细化率", "甲局"): value})  # type: ignore[dict-item]


def test_nothing_is_resolved_silently(small: fm.Document) -> None:
    with pytest.raises(InputError, match=r"两个值|two values"):
        check(small, 2025, [], metrics={("细化率", "甲局"): 90, ("细化率", "测试甲局"): 100})
    with pytest.raises(InputError, match=r"two values|两个值"):
        check(small, 2025, [], metrics={("细化率", "甲局"): 90, ("t.value", "甲局"): 100})
    with pytest.raises(InputError, match=r"任期重复|two terms"):
        check(
            small,
            2025,
            [],
            terms={"甲局": (D(2022, 1, 1), D(2025, 1, 1)), "a": (D(2023, 1, 1), D(2026, 1, 1))},
        )


def test_results_are_produced_on_demand(small: fm.Document) -> None:
    report = check(small, 2025, [Record("甲局", "集体学法", D(2025, 1, 1), 2)])
    stream = report.results()
    assert iter(stream) is stream  # an iterator, not a held collection
    first = next(stream)
    assert first == report.rows[0]
    assert list(report) == list(report.rows)
    unmet = list(report.results(["unmet"]))
    assert unmet and all(r.met is False for r in unmet)
    assert len(unmet) == report.summary["not_met"]
    assert {r.verdict for r in report.results(["met", "unknown"])} == {"met", "unknown"}
    with pytest.raises(InputError, match=r"verdict|结论"):
        list(report.results(["good"]))  # type: ignore[list-item]
    assert {r.basis for r in report} == {"unit", "person", "term", "target"}
    frame = report.to_dataframe(only=["met"])
    assert list(frame["met"]) == [True]
