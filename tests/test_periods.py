"""Periods (期间计算) under 民法典 第二百零一条 to 第二百零三条, on real dates of 2024-2026."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi_model.dates.china import china_calendar
from fazhi_model.dates.periods import MAX_AMOUNT, PeriodResult, RestDay, add_period
from fazhi_model.errors import CalendarCoverageError, InputError
from fazhi_model.model.provisions import Counting

D = dt.date


def test_five_working_days_over_national_day() -> None:
    p = add_period(D(2024, 9, 27), workdays=5)
    assert p.due == D(2024, 10, 10)
    assert p.nominal_end == D(2024, 10, 10)
    assert p.counting is Counting.WORKDAYS
    assert p.amount == 5
    assert p.skipped == ()
    assert p.estimate is False
    assert "民法典 第二百零一条" in p.articles
    assert "行政许可法 第八十二条" in p.articles


def test_days_ending_in_a_holiday_roll_to_after_it() -> None:
    # 2024-09-20 + 15 days = Sat 2024-10-05, inside 国庆节 (10-01..10-07)
    p = add_period(D(2024, 9, 20), days=15)
    assert p.nominal_end == D(2024, 10, 5)
    assert p.due == D(2024, 10, 8)
    assert p.skipped == (
        RestDay(D(2024, 10, 5), "国庆节"),
        RestDay(D(2024, 10, 6), "国庆节"),
        RestDay(D(2024, 10, 7), "国庆节"),
    )
    assert p.skipped_dates == (D(2024, 10, 5), D(2024, 10, 6), D(2024, 10, 7))
    assert p.articles == ("民法典 第二百条", "民法典 第二百零一条", "民法典 第二百零三条")


def test_days_ending_on_a_swapped_working_sunday_stay() -> None:
    # 2024-09-14 + 15 days = Sun 2024-09-29, a make-up working day (调休上班)
    p = add_period(D(2024, 9, 14), days=15)
    assert D(2024, 9, 29).weekday() == 6
    assert p.nominal_end == p.due == D(2024, 9, 29)
    assert p.skipped == ()
    assert any(a.startswith("民通意见") for a in p.articles)


def test_days_ending_on_an_ordinary_sunday_roll_to_monday() -> None:
    p = add_period(D(2024, 11, 2), days=15)
    assert p.nominal_end == D(2024, 11, 17)
    assert p.nominal_end.weekday() == 6
    assert p.due == D(2024, 11, 18)
    assert p.skipped == (RestDay(D(2024, 11, 17), "周日"),)
    assert not any(a.startswith("民通意见") for a in p.articles)


def test_roll_forward_can_land_on_a_swapped_working_sunday() -> None:
    # 2025-01-24 + 1 day = Sat 2025-01-25, an ordinary Saturday; the next day, Sun 01-26, works
    p = add_period(D(2025, 1, 24), days=1)
    assert p.due == D(2025, 1, 26)
    assert p.skipped == (RestDay(D(2025, 1, 25), "周六"),)
    assert any(a.startswith("民通意见") for a in p.articles)


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year: no 31st, month end
        (D(2025, 1, 31), 1, D(2025, 2, 28)),  # common year: no 31st, month end
        (D(2024, 8, 31), 1, D(2024, 9, 30)),
        (D(2024, 3, 15), 2, D(2024, 5, 15)),
    ],
)
def test_months_corresponding_day_or_month_end(start: dt.date, months: int, due: dt.date) -> None:
    p = add_period(start, months=months)
    assert p.nominal_end == due
    assert p.due == due  # all four are working days
    assert "民法典 第二百零二条" in p.articles
    assert ("月末日" in p.rule) is True
    assert ("没有第" in p.rule) == (due.day != start.day)


def test_month_period_ending_in_a_holiday() -> None:
    p = add_period(D(2024, 9, 1), months=1)
    assert p.nominal_end == D(2024, 10, 1)
    assert p.due == D(2024, 10, 8)
    assert len(p.skipped) == 7


def test_year_periods() -> None:
    p = add_period(D(2024, 2, 29), years=1)
    assert p.nominal_end == D(2025, 2, 28)
    assert p.due == D(2025, 2, 28)
    p = add_period(D(2024, 10, 1), years=1)
    assert p.nominal_end == D(2025, 10, 1)
    assert p.due == D(2025, 10, 9)  # after 国庆节、中秋节 (10-01..10-08)
    assert p.counting is Counting.YEARS


def test_year_boundary_days_and_workdays() -> None:
    # calendar days crossing into 2025 and ending on 元旦
    p = add_period(D(2024, 12, 20), days=12)
    assert p.nominal_end == D(2025, 1, 1)
    assert p.due == D(2025, 1, 2)
    assert p.skipped == (RestDay(D(2025, 1, 1), "元旦"),)
    # working days across 元旦
    assert add_period(D(2024, 12, 30), workdays=2).due == D(2025, 1, 2)
    # 元旦 2026 (01-01..03) then the swapped working Sunday 2026-01-04
    p = add_period(D(2025, 12, 31), days=1)
    assert p.due == D(2026, 1, 4)
    assert [r.reason for r in p.skipped] == ["元旦", "元旦", "元旦"]
    assert add_period(D(2025, 12, 31), workdays=1).due == D(2026, 1, 4)


def test_calendar_days_only_need_the_end_covered() -> None:
    # the start lies in 2023 (no notice) but only the last day is looked up
    p = add_period(D(2023, 12, 20), days=15)
    assert p.due == D(2024, 1, 4)
    assert p.estimate is False


def test_coverage_error_and_estimate() -> None:
    with pytest.raises(CalendarCoverageError) as info:
        add_period(D(2026, 12, 28), workdays=5)
    assert info.value.year == 2027
    with pytest.raises(CalendarCoverageError) as info:
        add_period(D(2026, 12, 20), days=20)
    assert info.value.year == 2027
    with pytest.raises(CalendarCoverageError) as info:
        add_period(D(2023, 9, 1), months=1)
    assert info.value.year == 2023

    guess = china_calendar(estimate=True)
    est = add_period(D(2026, 12, 28), workdays=5, calendar=guess)
    assert est.estimate is True
    assert est.uncovered == (2027,)
    # 2027-01-01 is 元旦 (a statutory holiday): Tue, Wed, Thu (2026), Mon 1-4, Tue 1-5
    assert est.due == D(2027, 1, 5)
    assert "ESTIMATE" in est.explain()
    assert est.to_dict()["estimate"] is True
    assert est.to_dict()["uncovered_years"] == [2027]
    # Sat 2027-03-06 rolls to Monday
    sat = add_period(D(2027, 2, 27), days=7, calendar=guess)
    assert sat.nominal_end == D(2027, 3, 6)
    assert sat.due == D(2027, 3, 8)
    assert sat.estimate is True
    # 11 days from 2027-09-20 end on Fri 10-01; 10-01..03 are 国庆节, Mon 10-04 works
    national = add_period(D(2027, 9, 20), days=11, calendar=guess)
    assert national.nominal_end == D(2027, 10, 1)
    assert national.due == D(2027, 10, 4)
    assert [r.reason for r in national.skipped] == ["国庆节", "国庆节", "国庆节"]
    # an estimating calendar on covered dates gives the official answer, not flagged
    ok = add_period(D(2024, 9, 27), workdays=5, calendar=guess)
    assert ok.estimate is False
    assert ok.due == D(2024, 10, 10)


def test_user_calendar(tmp_path: Path) -> None:
    year = tmp_path / "2027.yaml"
    year.write_text(
        "# TEST FIXTURE: fictional year, not a real notice\n"
        "year: 2027\n"
        "notice: {title: 'TEST FIXTURE, not a real notice'}\n"
        "holidays:\n"
        "  - {name: 测试假日 (TEST), start: 2027-03-08, end: 2027-03-09}\n"
        "workdays: []\n",
        encoding="utf-8",
    )
    cal = china_calendar([year])
    p = add_period(D(2027, 2, 27), days=7, calendar=cal)
    assert p.estimate is False
    assert p.due == D(2027, 3, 10)
    assert [r.reason for r in p.skipped] == ["周六", "周日", "测试假日 (TEST)", "测试假日 (TEST)"]


def test_explain_names_rule_articles_and_skipped_days() -> None:
    text = add_period(D(2024, 9, 20), days=15).explain()
    lines = text.splitlines()
    assert len(lines) >= 8
    assert "2024-09-20" in lines[0] and "15日" in lines[0] and "15 days" in lines[0]
    assert "民法典 第二百零三条" in text
    assert "2024-10-05 (周六 Sat) 国庆节" in text
    assert "2024-10-08 (周二 Tue)" in lines[-3]
    assert "inclusive" in text
    assert "official" in text


def test_to_dict() -> None:
    d = add_period(D(2024, 9, 20), days=15).to_dict()
    assert d["due"] == "2024-10-08"
    assert d["start"] == "2024-09-20"
    assert d["counting"] == "days"
    assert d["nominal_end"] == "2024-10-05"
    assert d["skipped"] == ["2024-10-05", "2024-10-06", "2024-10-07"]
    assert d["estimate"] is False


def test_labels() -> None:
    assert {c: c.label for c in Counting} == {
        Counting.DAYS: "日",
        Counting.WORKDAYS: "个工作日",
        Counting.MONTHS: "个月",
        Counting.YEARS: "年",
    }


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"days": 1, "workdays": 1},
        {"days": 0},
        {"months": -1},
        {"years": True},
        {"days": 5.0},
        {"days": "5"},
        {"days": 10**12},
        {"workdays": 1_000_000_000},
        {"months": MAX_AMOUNT + 1},
        {"days": 5, "calendar": "2027.yaml"},
    ],
)
def test_bad_arguments(kwargs: dict[str, Any]) -> None:
    with pytest.raises(InputError) as info:
        add_period(D(2024, 5, 6), **kwargs)
    assert "expected" in str(info.value) or "give exactly one" in str(info.value)


@pytest.mark.parametrize("start", ["2025-01-01", None, 20250101, 738000.0])
def test_start_must_be_a_date(start: Any) -> None:
    with pytest.raises(InputError, match=r"expected a datetime\.date"):
        add_period(start, days=5)


def test_amounts_at_the_edges_never_overflow() -> None:
    guess = china_calendar(estimate=True)
    with pytest.raises(InputError, match="up to 9999-12-31"):
        add_period(D(9999, 12, 31), days=1, calendar=guess)
    with pytest.raises(InputError, match="up to 9999-12-31"):
        add_period(D(9999, 12, 31), days=1)
    with pytest.raises(InputError, match="range"):
        add_period(D(2100, 12, 31), days=1, calendar=guess)
    with pytest.raises(InputError, match="range"):
        add_period(D(2025, 1, 1), workdays=MAX_AMOUNT, calendar=guess)
    with pytest.raises(CalendarCoverageError):
        add_period(D(2025, 1, 1), workdays=MAX_AMOUNT)
    # the largest amounts still answer where the calendar reaches
    assert add_period(D(1950, 1, 1), years=150, calendar=guess).due.year == 2100


def test_datetime_start() -> None:
    p = add_period(dt.datetime(2024, 9, 27, 17, 0), workdays=5)
    assert p.start == D(2024, 9, 27)
    assert p.due == D(2024, 10, 10)


# ------------------------------------------------------------------ properties

starts = st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 10, 31))


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=45))
def test_property_days_due_is_on_or_after_the_nominal_end(start: dt.date, n: int) -> None:
    p = add_period(start, days=n)
    assert isinstance(p, PeriodResult)
    assert p.nominal_end == start + dt.timedelta(days=n)
    assert p.due >= start + dt.timedelta(days=n)
    assert chinese_calendar.is_workday(p.due)
    # every day passed over is a rest day, and nothing else lies between
    assert [r.date for r in p.skipped] == [
        p.nominal_end + dt.timedelta(days=k) for k in range((p.due - p.nominal_end).days)
    ]
    assert not any(chinese_calendar.is_workday(r.date) for r in p.skipped)
    assert (p.due == p.nominal_end) == chinese_calendar.is_workday(p.nominal_end)


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(min_value=1, max_value=30))
def test_property_workdays_due_counts_exactly_n(start: dt.date, n: int) -> None:
    cal = china_calendar()
    p = add_period(start, workdays=n)
    assert cal.count_workdays(start, p.due) == n
    assert cal.is_workday(p.due)
    assert p.skipped == ()


@settings(max_examples=200, deadline=None)
@given(start=st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 6, 30)), n=st.integers(1, 5))
def test_property_months_end_on_corresponding_day_or_month_end(start: dt.date, n: int) -> None:
    p = add_period(start, months=n)
    end = p.nominal_end
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == n
    assert end.day == start.day or (end.day < start.day and (end + dt.timedelta(days=1)).day == 1)
    assert p.due >= end
