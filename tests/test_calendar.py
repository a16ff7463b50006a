"""The working calendar (工作日历): official data, arithmetic, coverage, user year files."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import sys
import textwrap
from pathlib import Path
from typing import Any

import chinese_calendar
import holidays
import pytest
from chinese_calendar import constants as cc_constants
from holidays.countries.china import China
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi_model.dates.china import china_calendar
from fazhi_model.dates.estimating import EstimatingCalendar
from fazhi_model.dates.statutory import statutory_holidays, statutory_rule
from fazhi_model.dates.workdays import Answer, Calendar
from fazhi_model.dates.yearfile import load_year_file, parse_year
from fazhi_model.errors import (
    CalendarCoverageError,
    FazhiError,
    InputError,
    LoadError,
    MissingDependencyError,
)
from fazhi_model.store.files import MAX_DOCUMENT_BYTES

D = dt.date
BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
COVERED = (2024, 2025, 2026)
FIRST = D(2024, 1, 1)
LAST = D(2026, 12, 31)
ALL_DAYS = [D.fromordinal(o) for o in range(FIRST.toordinal(), LAST.toordinal() + 1)]

# chinese_calendar's English holiday names -> the Chinese names the notices use
CC_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
}


@pytest.fixture(scope="module")
def cal() -> Calendar:
    return china_calendar()


@pytest.fixture(scope="module")
def hc() -> holidays.HolidayBase:
    # holidays.country_holidays("CN") is holidays.China, typed
    h = holidays.country_holidays("CN", years=list(COVERED))
    assert isinstance(h, China)
    return h


def naive_add(d: dt.date, n: int) -> dt.date:
    """Reference: walk day by day with chinese_calendar (tests only)."""
    step = 1 if n > 0 else -1
    left = abs(n)
    while left:
        d += dt.timedelta(days=step)
        if chinese_calendar.is_workday(d):
            left -= 1
    return d


# ------------------------------------------------------------------ the data agree with both libs


def test_bundled_years(cal: Calendar) -> None:
    assert cal.covered_years == COVERED
    assert repr(cal) == "Calendar(covered_years=(2024, 2025, 2026))"


def test_every_day_agrees_with_holidays_and_chinese_calendar(
    cal: Calendar, hc: holidays.HolidayBase
) -> None:
    assert len(ALL_DAYS) == 366 + 365 + 365
    ours = cal.is_workday_many(ALL_DAYS)
    mismatches = [
        (d, mine, hc.is_working_day(d), chinese_calendar.is_workday(d))
        for d, mine in zip(ALL_DAYS, ours, strict=True)
        if not mine == hc.is_working_day(d) == chinese_calendar.is_workday(d)
    ]
    assert mismatches == []
    # scalar form agrees with the batch form, and rest days are the complement
    assert [cal.is_workday(d) for d in ALL_DAYS] == ours
    assert [not cal.is_restday(d) for d in ALL_DAYS] == ours


def test_swapped_workdays_agree_with_both_libraries(
    cal: Calendar, hc: holidays.HolidayBase
) -> None:
    ours = {w.date: w.holiday for y in COVERED for w in cal.year_data(y).workdays}
    from_holidays = {d for d in hc.weekend_workdays if d.year in COVERED}
    from_cc = {d: n for d, n in cc_constants.workdays.items() if d.year in COVERED}
    assert set(ours) == from_holidays == set(from_cc)
    for d, name in ours.items():
        assert d.weekday() >= 5
        assert CC_NAMES[from_cc[d]] in name
        assert cal.swapped_for(d) == name
        assert cal.is_workday(d)


def test_holiday_spans_agree_with_chinese_calendar(cal: Calendar) -> None:
    ours = {d: cal.holiday_name(d) for d in ALL_DAYS if cal.holiday_name(d) is not None}
    theirs = {d: n for d, n in cc_constants.holidays.items() if d.year in COVERED}
    assert set(ours) == set(theirs)
    for d, name in ours.items():
        assert name is not None
        assert CC_NAMES[theirs[d]] in name, (d, name, theirs[d])
        assert not cal.is_workday(d)


@pytest.mark.parametrize(
    "day",
    [
        D(2024, 9, 29),
        D(2024, 10, 12),
        D(2025, 1, 26),
        D(2025, 2, 8),
        D(2025, 4, 27),
        D(2025, 9, 28),
        D(2025, 10, 11),
        D(2026, 1, 4),
        D(2026, 2, 14),
        D(2026, 2, 28),
        D(2026, 9, 20),
        D(2026, 10, 10),
    ],
)
def test_check_cases_from_the_notes_are_working_weekend_days(cal: Calendar, day: dt.date) -> None:
    assert day.weekday() >= 5
    assert cal.is_workday(day) is True
    assert cal.holiday_name(day) is None
    assert cal.swapped_for(day) is not None


def test_notices(cal: Calendar) -> None:
    assert cal.notice(2024).number == "国办发明电〔2023〕7号"
    assert cal.notice(2025).number == "国办发明电〔2024〕12号"
    assert cal.notice(2026).date == D(2025, 11, 4)
    for y in COVERED:
        data = cal.year_data(y)
        assert data.notice.title == f"国务院办公厅关于{y}年部分节假日安排的通知"
        assert data.references and data.checked_with and data.limitations
        assert data.source is not None and data.source.endswith(f"{y}.yaml")
    with pytest.raises(CalendarCoverageError) as info:
        cal.notice(2027)
    assert info.value.year == 2027


def test_holiday_names(cal: Calendar) -> None:
    assert cal.holiday_name(D(2024, 10, 5)) == "国庆节"
    assert cal.holiday_name(D(2025, 10, 6)) == "国庆节、中秋节"
    assert cal.holiday_name(D(2026, 2, 16)) == "春节"
    assert cal.holiday_name(D(2024, 2, 9)) is None  # 除夕 2024 was only "encouraged"
    assert cal.is_workday(D(2024, 2, 9)) is True
    assert cal.holiday_name(D(2024, 6, 8)) is None  # an ordinary Saturday before 端午节
    assert cal.is_workday(D(2024, 6, 8)) is False


# ------------------------------------------------------------------ arithmetic


def test_add_workdays_examples(cal: Calendar) -> None:
    d = D(2024, 9, 27)
    assert cal.add_workdays(d, 5) == D(2024, 10, 10)
    assert cal.add_workdays(d, 1) == D(2024, 9, 29)  # swapped working Sunday
    assert cal.add_workdays(D(2024, 10, 10), -5) == D(2024, 9, 27)
    assert cal.add_workdays(D(2024, 10, 3), 1) == D(2024, 10, 8)  # from inside a holiday
    assert cal.add_workdays(D(2024, 10, 3), -1) == D(2024, 9, 30)
    assert cal.add_workdays(D(2024, 10, 3), 0) == D(2024, 10, 3)  # n == 0: unchanged
    assert cal.next_workday(D(2024, 9, 30)) == D(2024, 10, 8)
    assert cal.next_workday(D(2024, 9, 28)) == D(2024, 9, 29)


def test_rolling(cal: Calendar) -> None:
    assert cal.workday_on_or_after(D(2024, 10, 1)) == D(2024, 10, 8)
    assert cal.workday_on_or_after(D(2024, 10, 8)) == D(2024, 10, 8)
    assert cal.workday_on_or_after(D(2024, 9, 29)) == D(2024, 9, 29)
    assert cal.last_workday_on_or_before(D(2024, 10, 7)) == D(2024, 9, 30)
    assert cal.last_workday_on_or_before(D(2025, 2, 2)) == D(2025, 1, 27)
    assert cal.last_workday_on_or_before(D(2025, 1, 26)) == D(2025, 1, 26)


def test_count_workdays(cal: Calendar) -> None:
    # (start, end]: start excluded, end included
    assert cal.count_workdays(D(2024, 9, 27), D(2024, 10, 10)) == 5
    assert cal.count_workdays(D(2024, 9, 30), D(2024, 10, 7)) == 0
    assert cal.count_workdays(D(2024, 9, 27), D(2024, 9, 27)) == 0
    assert cal.count_workdays(D(2024, 10, 10), D(2024, 9, 27)) == -5
    # a whole year: 2024 has 366 days, 104 weekend days, 11 holiday weekdays, 8 swapped days
    assert cal.count_workdays(D(2023, 12, 31), D(2024, 12, 31)) == sum(
        chinese_calendar.is_workday(d) for d in ALL_DAYS if d.year == 2024
    )


def test_year_boundaries(cal: Calendar) -> None:
    assert cal.add_workdays(D(2024, 12, 30), 2) == D(2025, 1, 2)  # over 元旦 2025
    assert cal.add_workdays(D(2025, 1, 2), -2) == D(2024, 12, 30)
    assert cal.add_workdays(D(2025, 12, 31), 1) == D(2026, 1, 4)  # 元旦 2026, swapped Sunday
    assert cal.count_workdays(D(2025, 12, 31), D(2026, 1, 5)) == 2
    # only the days after the start are consulted: 2023-12-31 itself needs no notice
    assert cal.add_workdays(D(2023, 12, 31), 1) == D(2024, 1, 2)
    assert cal.workday_on_or_after(D(2026, 12, 31)) == D(2026, 12, 31)


# ------------------------------------------------------------------ coverage and estimates


def test_coverage_error_after_and_before(cal: Calendar) -> None:
    with pytest.raises(CalendarCoverageError) as info:
        cal.add_workdays(D(2026, 12, 28), 5)  # crosses into 2027
    assert info.value.year == 2027
    assert info.value.covered == COVERED
    assert isinstance(info.value, FazhiError)
    assert "2027" in str(info.value)
    with pytest.raises(CalendarCoverageError) as info:
        cal.add_workdays(D(2023, 12, 29), 1)  # 2023-12-30/31 are consulted
    assert info.value.year == 2023
    with pytest.raises(CalendarCoverageError):
        cal.is_workday(D(2027, 1, 4))
    with pytest.raises(CalendarCoverageError):
        cal.holiday_name(D(2023, 10, 1))
    with pytest.raises(CalendarCoverageError):
        cal.count_workdays(D(2026, 12, 1), D(2027, 1, 5))
    with pytest.raises(CalendarCoverageError):
        cal.last_workday_on_or_before(D(2024, 1, 1))  # the answer lies in 2023
    with pytest.raises(CalendarCoverageError):
        cal.add_workdays_many([D(2024, 5, 6), D(2026, 12, 30)], 3)
    with pytest.raises(CalendarCoverageError) as info:
        cal.add_workdays_many([D(2024, 5, 6), D(2024, 1, 3)], -3)  # back into 2023
    assert info.value.year == 2023
    with pytest.raises(CalendarCoverageError):
        cal.is_workday_many([D(2024, 5, 6), D(2023, 5, 6)])


def test_estimates_are_flagged(cal: Calendar) -> None:
    est = EstimatingCalendar(cal)
    assert est.official is cal and est.covered_years == COVERED
    assert china_calendar(estimate=True) == est
    official = est.add_workdays(D(2024, 9, 27), 5)
    assert official == Answer(D(2024, 10, 10), False, ())
    guess = est.add_workdays(D(2026, 12, 28), 5)
    assert isinstance(guess, Answer)
    assert guess.estimate is True
    assert guess.uncovered == (2027,)
    # Tue 12-29, Wed 12-30, Thu 12-31 (2026, official), Fri 1-1 元旦 rests, Mon 1-4, Tue 1-5
    assert guess.value == D(2027, 1, 5)
    monday = est.is_workday(D(2030, 10, 7))
    assert monday == Answer(True, True, (2030,))
    assert est.holiday_name(D(2030, 10, 1)) == Answer("国庆节", True, (2030,))
    assert est.swapped_for(D(2030, 9, 29)) == Answer(None, True, (2030,))  # never guessed
    assert est.count_workdays(D(2030, 1, 4), D(2030, 1, 11)) == Answer(5, True, (2030,))
    batch = est.is_workday_many([D(2024, 10, 1), D(2031, 1, 1), D(2031, 1, 2)])
    assert [(a.value, a.estimate) for a in batch] == [(False, False), (False, True), (True, True)]
    many = est.add_workdays_many([D(2024, 9, 27), D(2031, 1, 3)], 1)
    assert [(a.value, a.estimate) for a in many] == [
        (D(2024, 9, 29), False),
        (D(2031, 1, 6), True),
    ]
    assert est.is_restday(D(2031, 1, 1)) == Answer(True, True, (2031,))
    assert est.workday_on_or_after(D(2031, 1, 1)).value == D(2031, 1, 2)
    assert est.last_workday_on_or_before(D(2031, 1, 1)).value == D(2030, 12, 31)
    assert est.next_workday(D(2030, 12, 31)) == Answer(D(2031, 1, 2), True, (2031,))


def _statutory_walk(start: dt.date, n: int) -> dt.date:
    """Reference: walk day by day, resting on weekends and holidays.China's statutory days
    (without its "observed" bridge days), which carry no official swaps after 2026."""
    step = 1 if n > 0 else -1
    d, left = start, abs(n)
    while left:
        d += dt.timedelta(days=step)
        names = holidays.country_holidays("CN", years=d.year).get_list(d)
        statutory = [x for x in names if "observed" not in x.lower() and "补" not in x]
        left -= d.weekday() < 5 and not statutory
    return d


def test_estimate_far_from_coverage_counts_statutory_holidays(cal: Calendar) -> None:
    est = EstimatingCalendar(cal)
    for start in (D(2045, 9, 20), D(2099, 1, 20), D(2060, 4, 28)):
        got = est.add_workdays(start, 12).value
        assert got == _statutory_walk(start, 12)
        assert est.count_workdays(start, got).value == 12
        assert est.add_workdays(got, -12).value == est.last_workday_on_or_before(start).value


def test_gap_year_is_not_covered() -> None:
    bundled = china_calendar()
    holey = Calendar([bundled.year_data(2024), bundled.year_data(2026)])
    assert holey.covered_years == (2024, 2026)
    with pytest.raises(CalendarCoverageError) as info:
        holey.add_workdays(D(2024, 12, 20), 10)
    assert info.value.year == 2025
    assert holey.add_workdays(D(2024, 9, 27), 5) == D(2024, 10, 10)
    assert holey.add_workdays(D(2026, 9, 18), 1) == D(2026, 9, 20)
    assert holey.add_workdays_many([D(2024, 9, 27), D(2026, 9, 18)], [5, 1]) == [
        D(2024, 10, 10),
        D(2026, 9, 20),
    ]
    guess = EstimatingCalendar(holey).add_workdays(D(2024, 12, 30), 2)
    # without the 2025 notice, 2025-01-01 is still 元旦 by rule: Tue 12-31, then Thu 1-2
    assert guess == Answer(D(2025, 1, 2), True, (2025,))
    # 2025-01-26 (a swapped working Sunday) is not guessed: it rests in the estimate
    assert EstimatingCalendar(holey).is_workday(D(2025, 1, 26)) == Answer(False, True, (2025,))


def test_empty_calendar_estimates_everything() -> None:
    empty = Calendar(())
    assert empty.covered_years == ()
    with pytest.raises(CalendarCoverageError):
        empty.is_workday(D(2024, 1, 1))
    # Mon 9-30, (10-01..03 国庆节 by rule), Fri 10-04, Mon 10-07, Tue 10-08, Wed 10-09: the
    # notice's swapped Sunday 9-29 and its bridge days 10-04 and 10-07 are not guessed
    assert EstimatingCalendar(empty).add_workdays(D(2024, 9, 27), 5) == Answer(
        D(2024, 10, 9), True, (2024,)
    )


def test_datetime_inputs_use_their_date(cal: Calendar) -> None:
    moment = dt.datetime(2024, 10, 1, 9, 30)
    assert cal.is_workday(moment) is False
    assert cal.add_workdays(moment, 1) == D(2024, 10, 8)
    with pytest.raises(InputError, match=r"expected a datetime\.date"):
        cal.is_workday("2024-10-01")  # type: ignore[arg-type]


# ------------------------------------------------------------------ user year files

TEST_2027 = textwrap.dedent(
    """\
    # TEST FIXTURE: a made-up year, NOT a real State Council notice.
    year: 2027
    notice:
      title: TEST FIXTURE, not a real notice (测试用虚构通知)
      number: null
      date: null
      url: null
    limitations:
      - Invented for the test suite; every date here is fictional.
    holidays:
      - name: 测试假日 (TEST)
        name_en: Test holiday (fictional)
        start: 2027-03-10
        end: 2027-03-12
        days: 3
    workdays:
      - date: 2027-03-13
        holiday: 测试假日 (TEST)
    """
)


def write(tmp_path: Path, text: str, name: str = "year.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_year_file_extends_the_calendar(tmp_path: Path) -> None:
    path = write(tmp_path, TEST_2027, "2027-test.yaml")
    cal = china_calendar([path])
    assert cal.covered_years == (2024, 2025, 2026, 2027)
    assert cal.notice(2027).title.startswith("TEST FIXTURE")
    assert cal.is_workday(D(2027, 3, 10)) is False  # the made-up holiday
    assert cal.holiday_name(D(2027, 3, 11)) == "测试假日 (TEST)"
    assert cal.is_workday(D(2027, 3, 13)) is True  # the made-up swapped Saturday
    assert cal.add_workdays(D(2027, 3, 9), 1) == D(2027, 3, 13)
    # across the year boundary no estimate is needed any more
    assert cal.add_workdays(D(2026, 12, 28), 5) == D(2027, 1, 4)
    # the bundled calendar is untouched
    assert china_calendar().covered_years == COVERED
    same = china_calendar().with_year_file(str(path))
    assert same == cal


def test_adding_a_covered_year_needs_replace(tmp_path: Path) -> None:
    text = (
        TEST_2027.replace("2027-03-1", "2026-03-1")
        .replace("year: 2027", "year: 2026")
        .replace("2026-03-13", "2026-03-14")
    )
    path = write(tmp_path, text)
    with pytest.raises(LoadError) as info:
        china_calendar().with_year_file(path)
    assert "2026 is already covered" in str(info.value)
    assert info.value.problems[0].file == str(path)
    replaced = china_calendar().with_year_file(path, replace=True)
    assert replaced.is_workday(D(2026, 3, 10)) is False
    assert replaced.is_workday(D(2026, 10, 10)) is False  # the real swap is gone with it


TITLE = "  title: TEST FIXTURE, not a real notice (测试用虚构通知)"
BAD_FILES = [
    ("- 1\n- 2\n", "", "expected a mapping"),
    (TEST_2027.replace("year: 2027\n", ""), "year", "required field missing"),
    (TEST_2027.replace("year: 2027", "year: soon"), "year", "expected a whole number"),
    (TEST_2027.replace("year: 2027", "year: 2027.0"), "year", "expected a whole number"),
    (TEST_2027.replace("year: 2027", "year: true"), "year", "got a boolean"),
    (TEST_2027.replace("  title: TEST FIXTURE", "  titel: TEST FIXTURE"), "notice", "titel"),
    (TEST_2027.replace("  title: TEST FIXTURE", "  title: TEST\x01"), "", ""),
    (TEST_2027.replace(TITLE, '  title: "TEST \\x07 bell"'), "notice.title", "U+0007"),
    (TEST_2027.replace(TITLE, '  title: "   "'), "notice.title", "non-empty"),
    (TEST_2027.replace(TITLE, '  title: "TEST \\u202e RTL"'), "notice.title", "U+202E"),
    (TEST_2027.replace("days: 3", "days: .nan"), "holidays[0].days", "expected"),
    (TEST_2027.replace("days: 3", "days: 3\n    days: 4"), "holidays[0].days", "duplicate key"),
    (TEST_2027.replace("year: 2027", "year: 2027\nyear: 2028"), "year", "duplicate key"),
    (TEST_2027.replace("year: 2027", "year: 1800"), "year", "expected a year from 1949"),
    (TEST_2027.replace("year: 2027", "year: 9999"), "year", "expected a year from 1949"),
    (TEST_2027.replace("holidays:\n", "holidays: {}\nx:\n"), "holidays", "expected a list"),
    (
        TEST_2027 + "  - date: 2027-03-13\n    holiday: 测试假日 (TEST)\n",
        "workdays[1].date",
        "twice",
    ),
    (TEST_2027.replace("start: 2027-03-10", "start: 2027-02-30"), "", "expected a real date"),
    (TEST_2027.replace("start: 2027-03-10", "start: March"), "holidays[0].start", "YYYY-MM-DD"),
    (TEST_2027.replace("end: 2027-03-12", "end: 2027-03-01"), "holidays[0].end", "before"),
    (TEST_2027.replace("days: 3", "days: 4"), "holidays[0].days", "says 4 days"),
    (TEST_2027.replace("start: 2027-03-10", "start: 2025-03-10"), "holidays[0].start", "not in"),
    (TEST_2027.replace("date: 2027-03-13", "date: 2027-03-15"), "workdays[0].date", "Saturday"),
    (TEST_2027.replace("2027-03-13", "2027-03-13 10:00:00"), "workdays[0].date", "a time"),
    (TEST_2027.replace("holiday: 测试假日 (TEST)", "holiday: 春节"), "workdays[0].holiday", ""),
    (TEST_2027.replace("  - name: 测试假日 (TEST)\n", "  - name_zh: x\n"), "holidays[0].name", ""),
    (TEST_2027 + "extra: 1\n", "", "unknown key(s): extra"),
    ("year: [2027\n", "", "invalid YAML"),
]


@pytest.mark.parametrize(("text", "field", "message"), BAD_FILES)
def test_bad_year_files(tmp_path: Path, text: str, field: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(LoadError) as info:
        load_year_file(path)
    problems = info.value.problems
    assert problems, "a LoadError names at least one problem"
    assert all(p.file == str(path) for p in problems)
    assert any(p.path == field and message in p.message for p in problems), problems
    assert any(p.line is not None for p in problems)
    assert str(path) in str(info.value)
    with pytest.raises(LoadError):
        china_calendar([path])


def test_swapped_workday_inside_a_holiday_is_refused() -> None:
    data = {
        "year": 2027,
        "notice": {"title": "TEST"},
        "holidays": [{"name": "T", "start": "2027-03-06", "end": "2027-03-08"}],
        "workdays": [{"date": "2027-03-06", "holiday": "T"}],
    }
    with pytest.raises(LoadError) as info:
        parse_year(data, file="mem.yaml")
    assert [p.path for p in info.value.problems] == ["workdays[0].date"]
    assert "inside the holiday" in info.value.problems[0].message


def test_overlapping_spans_and_unreadable_files(tmp_path: Path) -> None:
    data = {
        "year": 2027,
        "notice": {"title": "TEST"},
        "holidays": [
            {"name": "A", "start": "2027-05-01", "end": "2027-05-03"},
            {"name": "B", "start": "2027-05-03", "end": "2027-05-04"},
        ],
        "workdays": [],
    }
    with pytest.raises(LoadError) as info:
        parse_year(data)
    assert [p.path for p in info.value.problems] == ["holidays[1].start"]
    with pytest.raises(LoadError) as info:
        load_year_file(tmp_path / "missing.yaml")
    assert "no such file" in str(info.value)
    with pytest.raises(LoadError, match="folder"):
        load_year_file(tmp_path)


def test_two_files_claiming_the_same_year(tmp_path: Path) -> None:
    a = write(tmp_path, TEST_2027, "a.yaml")
    b = write(tmp_path, TEST_2027, "b.yaml")
    with pytest.raises(LoadError) as info:
        Calendar([load_year_file(a), load_year_file(b)])
    assert "2027 is given twice" in str(info.value)


# ------------------------------------------------------------------ properties

# Dates and offsets chosen so every answer stays inside 2024-2026 (40 working days never span
# more than about 65 calendar days, even across 春节).
inner_days = st.dates(min_value=D(2024, 4, 1), max_value=D(2026, 9, 30))
offsets = st.integers(min_value=-40, max_value=40)
nonzero = offsets.filter(lambda n: n != 0)


@settings(max_examples=300, deadline=None)
@given(d=inner_days, n=nonzero)
def test_property_add_workdays_lands_on_a_workday_and_matches_a_day_walk(
    d: dt.date, n: int
) -> None:
    cal = china_calendar()
    r = cal.add_workdays(d, n)
    assert cal.is_workday(r)
    assert chinese_calendar.is_workday(r)
    assert (r > d) == (n > 0)
    assert r == naive_add(d, n)


@settings(max_examples=300, deadline=None)
@given(d=inner_days, n=offsets)
def test_property_count_inverts_add(d: dt.date, n: int) -> None:
    cal = china_calendar()
    assert cal.count_workdays(d, cal.add_workdays(d, n)) == n


@settings(max_examples=300, deadline=None)
@given(d=inner_days, n=nonzero)
def test_property_round_trip(d: dt.date, n: int) -> None:
    cal = china_calendar()
    back = cal.add_workdays(cal.add_workdays(d, n), -n)
    # exactly d when d is a working day; otherwise the nearest working day on the side
    # the first step left from
    if n > 0:
        assert back == cal.last_workday_on_or_before(d)
    else:
        assert back == cal.workday_on_or_after(d)
    assert (back == d) == cal.is_workday(d)


@settings(max_examples=100, deadline=None)
@given(
    pairs=st.lists(st.tuples(inner_days, offsets), max_size=30),
    same=offsets,
)
def test_property_batch_equals_scalar(pairs: list[tuple[dt.date, int]], same: int) -> None:
    cal = china_calendar()
    days = [d for d, _ in pairs]
    ns = [n for _, n in pairs]
    assert cal.add_workdays_many(days, ns) == [cal.add_workdays(d, n) for d, n in pairs]
    assert cal.add_workdays_many(days, same) == [cal.add_workdays(d, same) for d in days]
    assert cal.add_workdays_many(iter(days), same) == [cal.add_workdays(d, same) for d in days]
    assert cal.is_workday_many(days) == [cal.is_workday(d) for d in days]
    assert cal.is_workday_many(iter(days)) == [cal.is_workday(d) for d in days]


@settings(max_examples=200, deadline=None)
@given(d=st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 20)))
def test_property_rolling_brackets_the_day(d: dt.date) -> None:
    cal = china_calendar()
    after = cal.workday_on_or_after(d)
    assert after >= d and cal.is_workday(after)
    assert cal.count_workdays(d, after) == (0 if after == d else 1)
    assert after == cal.next_workday(d - dt.timedelta(days=1))


@settings(max_examples=100, deadline=None)
@given(d=st.dates(min_value=D(2031, 1, 1), max_value=D(2090, 12, 31)), n=offsets)
def test_property_uncovered_years_are_rule_estimates(d: dt.date, n: int) -> None:
    cal = china_calendar()
    est = china_calendar(estimate=True)
    ans = est.add_workdays(d, n)
    assert ans.estimate is (n != 0)
    r = ans.value
    if n != 0:
        assert r.weekday() < 5
        assert r == _statutory_walk(d, n)
        assert est.count_workdays(d, r).value == n
        with pytest.raises(CalendarCoverageError):
            cal.add_workdays(d, n)


# ------------------------------------------------------------------ statutory holidays (估算)

STATUTORY_2027 = {
    D(2027, 1, 1): "元旦",
    D(2027, 2, 5): "春节",  # 除夕 (the day before 正月初一, 2027-02-06)
    D(2027, 2, 6): "春节",
    D(2027, 2, 7): "春节",
    D(2027, 2, 8): "春节",
    D(2027, 4, 5): "清明节",
    D(2027, 5, 1): "劳动节",
    D(2027, 5, 2): "劳动节",
    D(2027, 6, 9): "端午节",
    D(2027, 9, 15): "中秋节",
    D(2027, 10, 1): "国庆节",
    D(2027, 10, 2): "国庆节",
    D(2027, 10, 3): "国庆节",
}


def test_statutory_holidays_of_2027_rest_in_the_estimate() -> None:
    assert statutory_holidays(2027) == STATUTORY_2027
    est = china_calendar(estimate=True)
    for day, name in STATUTORY_2027.items():
        assert est.is_workday(day) == Answer(False, True, (2027,)), day
        assert est.holiday_name(day).value == name
    # the day after each span is an ordinary working day again (no bridge days guessed)
    for day in (D(2027, 1, 4), D(2027, 2, 9), D(2027, 4, 6), D(2027, 6, 10), D(2027, 10, 4)):
        assert est.is_workday(day) == Answer(True, True, (2027,)), day


def test_statutory_rule_is_cited_in_data() -> None:
    rule = statutory_rule()
    assert rule.title == "全国年节及纪念日放假办法" and rule.article == "第二条"
    assert rule.amended_by.number == "国务院令第795号"
    assert rule.signed == D(2024, 11, 10) and rule.in_force == D(2025, 1, 1)
    assert rule.references and rule.checked_with and rule.limitations
    assert "除夕" in rule.text and "5月1日、2日" in rule.text
    assert [h.name for h in rule.holidays] == [
        "元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"
    ]  # fmt: skip
    assert sum(h.days for h in rule.holidays) == 13


@pytest.mark.parametrize("year", COVERED)
def test_statutory_holidays_of_covered_years_rest_in_the_estimate(year: int) -> None:
    blind = EstimatingCalendar(Calendar(()))  # as if no year had a notice
    official = china_calendar()
    days = statutory_holidays(year)
    assert len(days) == 13
    for day in days:
        assert blind.is_workday(day) == Answer(False, True, (year,)), day
        # and the notices agree, except 除夕 2024: before the 2024 amendment it was a working
        # day (the 2024 notice only encouraged rest)
        assert official.is_workday(day) is (day == D(2024, 2, 9)), day


def test_estimate_differs_from_the_notices_only_by_swapped_and_bridge_days() -> None:
    blind = EstimatingCalendar(Calendar(()))
    official = china_calendar()
    swapped = {w.date for y in COVERED for w in official.year_data(y).workdays}
    held = {d for y in COVERED for s in official.year_data(y).holidays for d in s.dates()}
    statutory = {d for y in COVERED for d in statutory_holidays(y)}
    bridge = {d for d in held - statutory if d.weekday() < 5}  # weekdays off by the notice
    differ = {d for d in ALL_DAYS if blind.is_workday(d).value != official.is_workday(d)}
    assert differ - swapped - bridge == {D(2024, 2, 9)}
    assert swapped <= differ and bridge <= differ


@settings(max_examples=60, deadline=None)
@given(year=st.integers(min_value=2027, max_value=2099))
def test_property_statutory_days_agree_with_holidays_china(year: int) -> None:
    # holidays.China has no official data after 2026: its non-"observed" days are the rule's
    theirs = {
        d
        for d, name in holidays.country_holidays("CN", years=year, language="en_US").items()
        if "observed" not in name.lower()
    }
    assert set(statutory_holidays(year)) == theirs


def test_estimate_error_figures_match_the_docs() -> None:
    spec = importlib.util.spec_from_file_location("bench_estimate", BENCH / "bench_estimate.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    compared, wrong, largest, diffs = bench.estimate_error()
    assert compared > 1000 and 0 < wrong < compared / 4
    assert sum(diffs.values()) == compared
    page = (BENCH.parent / "docs" / "calendar.md").read_text(encoding="utf-8")
    stated = f"{wrong} of {compared} start days ({wrong / compared:.1%})"
    assert stated in page, stated
    assert f"by at most {largest} calendar days" in page
    before, _, _, _ = bench.estimate_error(weekends_only=True)
    assert before == compared


def test_estimate_without_lunar_python_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    statutory_holidays.cache_clear()
    monkeypatch.setitem(sys.modules, "lunar_python", None)
    try:
        with pytest.raises(MissingDependencyError, match=r"fazhi_model\[lunar\]"):
            statutory_holidays(2040)
        # official answers need no lunar dates
        assert china_calendar().add_workdays(D(2024, 9, 27), 5) == D(2024, 10, 10)
    finally:
        statutory_holidays.cache_clear()


# ------------------------------------------------------------------ hostile calendar input


def test_a_file_may_not_change_a_day_of_another_covered_year(tmp_path: Path) -> None:
    # a 2027 file that makes Monday 2026-12-28 (an official working day) a holiday
    text = TEST_2027.replace("start: 2027-03-10", "start: 2026-12-28").replace(
        "days: 3", "days: 75"
    )
    path = write(tmp_path, text)
    with pytest.raises(LoadError) as info:
        china_calendar([path])
    assert "2026-12-28" in str(info.value) and "another covered year" in str(info.value)
    assert info.value.problems[0].file == str(path)
    # the official day is unchanged
    assert china_calendar().is_workday(D(2026, 12, 28)) is True
    # a neighbouring day it agrees on (a Saturday that rests anyway) is accepted
    ok = (
        TEST_2027.replace("start: 2027-03-10", "start: 2026-12-26")
        .replace("end: 2027-03-12", "end: 2026-12-27")
        .replace("days: 3", "days: 2")
    )
    cal = china_calendar([write(tmp_path, ok, "ok.yaml")])
    assert cal.is_workday(D(2026, 12, 26)) is False
    assert cal.holiday_name(D(2026, 12, 26)) is None  # 2026's own data speak for 2026


def test_a_neighbour_day_in_an_uncovered_year_is_only_an_estimate(tmp_path: Path) -> None:
    text = (
        TEST_2027.replace("start: 2027-03-10", "start: 2027-12-31")
        .replace("end: 2027-03-12", "end: 2028-01-03")
        .replace("days: 3", "days: 4")
    )
    text = text.replace("date: 2027-03-13", "date: 2027-12-26")  # a Sunday, serving 测试假日
    cal = china_calendar([write(tmp_path, text)])
    with pytest.raises(CalendarCoverageError) as info:
        cal.is_workday(D(2028, 1, 3))
    assert info.value.year == 2028
    est = EstimatingCalendar(cal)
    assert est.is_workday(D(2028, 1, 3)) == Answer(False, True, (2028,))
    assert est.holiday_name(D(2028, 1, 3)).value == "测试假日 (TEST)"


def test_the_same_year_twice_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, TEST_2027)
    with pytest.raises(LoadError, match="2027 is already covered"):
        china_calendar([path, path])
    with pytest.raises(LoadError, match="given twice"):
        Calendar([load_year_file(path), load_year_file(path)])


def test_files_the_loader_must_not_half_read(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.yaml"
    latin.write_bytes(TEST_2027.replace("测试假日", "Ferien").encode("utf-8") + b"# caf\xe9\n")
    with pytest.raises(LoadError) as info:
        load_year_file(latin)
    assert info.value.problems[0].file == str(latin) and "UTF-8" in str(info.value)
    assert info.value.problems[0].line is not None
    control = write(tmp_path, TEST_2027.replace("TEST FIXTURE", "TEST\x01FIXTURE"), "c.yaml")
    with pytest.raises(LoadError) as info:
        load_year_file(control)
    assert info.value.problems[0].file == str(control)
    with pytest.raises(LoadError, match="not a regular file"):
        load_year_file("/dev/zero")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(LoadError, match="not a regular file"):
        load_year_file(fifo)
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(MAX_DOCUMENT_BYTES + 1)
    with pytest.raises(LoadError, match="too large"):
        load_year_file(big)
    as_json = tmp_path / "2027.json"
    as_json.write_text(
        json.dumps(
            {
                "year": 2027,
                "notice": {"title": "TEST FIXTURE"},
                "holidays": [],
                "workdays": [],
                "year ": 1,
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(LoadError, match="unknown key"):
        load_year_file(as_json)


def bad(value: object) -> Any:
    """A value of the wrong type, handed to the API on purpose."""
    return value


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda c: c.add_workdays(None, 5), "datetime.date"),
        (lambda c: c.add_workdays("2025-01-01", 5), "datetime.date"),
        (lambda c: c.add_workdays(D(2025, 1, 2), 5.0), "whole number"),
        (lambda c: c.add_workdays(D(2025, 1, 2), True), "whole number"),
        (lambda c: c.add_workdays(D(2025, 1, 2), None), "whole number"),
        (lambda c: c.count_workdays(D(2025, 1, 2), "2025-02-01"), "datetime.date for end"),
        (lambda c: c.is_workday(20250101), "datetime.date"),
        (lambda c: c.holiday_name(None), "datetime.date"),
        (lambda c: c.add_workdays_many([D(2025, 1, 2)], [1, 2]), "differ in length"),
        (lambda c: c.add_workdays_many([D(2025, 1, 2), "x"], 1), "datetime.date"),
        (lambda c: c.with_year("2027.yaml"), "expected YearData"),
        (lambda c: c.with_year_file(None), "year file path"),
        (lambda c: Calendar(bad("2027.yaml")), "iterable of YearData"),
        (lambda c: Calendar(bad([1, 2])), "YearData items"),
        (lambda c: EstimatingCalendar(c).add_workdays(bad(None), 5), "datetime.date"),
        (lambda c: EstimatingCalendar(c).add_workdays(D(2025, 1, 2), bad("5")), "whole number"),
        (lambda c: EstimatingCalendar(c).is_workday(D(2101, 1, 1)), "range"),
        (lambda c: EstimatingCalendar(c).add_workdays(D(2025, 1, 2), 10**12), "range"),
        (lambda c: EstimatingCalendar(c).add_workdays(D(2025, 1, 2), -(10**9)), "range"),
        (lambda c: EstimatingCalendar(c).count_workdays(D(1900, 1, 1), D(2025, 1, 1)), "range"),
        (lambda c: EstimatingCalendar(bad("cal")), "expected a Calendar"),
        (lambda c: china_calendar(bad("file.yaml")), "list of year-file paths"),
        (lambda c: china_calendar(bad(Path("file.yaml"))), "list of year-file paths"),
        (lambda c: china_calendar(bad(2027)), "list of year-file paths"),
        (lambda c: china_calendar(estimate=bad("yes")), "estimate=True or False"),
        (lambda c: statutory_holidays(1900), "expected a year"),
    ],
)
def test_misuse_is_an_input_error(cal: Calendar, call: Any, expected: str) -> None:
    with pytest.raises(InputError, match=expected):
        call(cal)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.add_workdays(D(2025, 1, 2), 10**12),
        lambda c: c.add_workdays(D(2025, 1, 2), -(10**12)),
        lambda c: c.add_workdays(D(9999, 12, 31), 1),
        lambda c: c.add_workdays(D(1, 1, 1), -1),
        lambda c: c.workday_on_or_after(D(9999, 12, 31)),
        lambda c: c.last_workday_on_or_before(D(1, 1, 1)),
        lambda c: c.count_workdays(D(1, 1, 1), D(9999, 12, 31)),
    ],
)
def test_huge_offsets_are_coverage_errors_not_overflows(cal: Calendar, call: Any) -> None:
    with pytest.raises(CalendarCoverageError):
        call(cal)


@settings(max_examples=150, deadline=None)
@given(
    d=st.dates(),
    n=st.one_of(st.integers(), st.integers(-40, 40)),
    estimating=st.booleans(),
)
def test_property_any_date_and_offset_answers_or_refuses_cleanly(
    d: dt.date, n: int, estimating: bool
) -> None:
    cal = china_calendar(estimate=estimating)
    try:
        got = cal.add_workdays(d, n)
    except (CalendarCoverageError, InputError):
        return
    value = got.value if isinstance(got, Answer) else got
    assert isinstance(value, dt.date)
    assert (value > d) == (n > 0) or n == 0


yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.dates().map(dt.date.isoformat),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "year": st.one_of(st.integers(1940, 2110), yaml_values),
            "notice": st.one_of(st.just({"title": "T"}), yaml_values),
            "holidays": st.one_of(
                st.lists(
                    st.fixed_dictionaries(
                        {
                            "name": st.sampled_from(["A", "B", ""]),
                            "start": st.dates(),
                            "end": st.dates(),
                        },
                        optional={"days": yaml_values},
                    ),
                    max_size=3,
                ),
                yaml_values,
            ),
            "workdays": st.one_of(
                st.lists(
                    st.fixed_dictionaries(
                        {"date": st.dates(), "holiday": st.sampled_from(["A", "X"])}
                    ),
                    max_size=3,
                ),
                yaml_values,
            ),
            "extra": yaml_values,
        },
    )
)
def test_fuzz_year_data_is_a_year_or_a_located_load_error(data: dict[str, Any]) -> None:
    try:
        year = parse_year(data, file="fuzz.yaml")
    except LoadError as exc:
        assert exc.problems
        assert all(p.file == "fuzz.yaml" and p.message for p in exc.problems)
        return
    assert year.year in range(1949, 2101)
    Calendar([year])  # a valid year file always builds a calendar
