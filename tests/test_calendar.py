"""The working calendar (工作日历): official data, arithmetic, coverage, user year files."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import chinese_calendar
import holidays
import pytest
from chinese_calendar import constants as cc_constants
from holidays.countries.china import China
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi_model.dates.workdays import (
    Answer,
    Calendar,
    china_calendar,
    load_year_file,
    parse_year,
)
from fazhi_model.errors import CalendarCoverageError, FazhiError, LoadError

D = dt.date
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
    official = cal.add_workdays(D(2024, 9, 27), 5, estimate=True)
    assert official == Answer(D(2024, 10, 10), False, ())
    guess = cal.add_workdays(D(2026, 12, 28), 5, estimate=True)
    assert isinstance(guess, Answer)
    assert guess.estimate is True
    assert guess.uncovered == (2027,)
    # weekends only in 2027: Tue 12-29, Wed 12-30, Thu 12-31 (2026, official), Fri 1-1, Mon 1-4
    assert guess.value == D(2027, 1, 4)
    monday = cal.is_workday(D(2030, 10, 7), estimate=True)
    assert monday == Answer(True, True, (2030,))
    assert cal.holiday_name(D(2030, 10, 1), estimate=True) == Answer(None, True, (2030,))
    assert cal.count_workdays(D(2030, 1, 4), D(2030, 1, 11), estimate=True).value == 5
    batch = cal.is_workday_many([D(2024, 10, 1), D(2031, 1, 1)], estimate=True)
    assert [(a.value, a.estimate) for a in batch] == [(False, False), (True, True)]
    many = cal.add_workdays_many([D(2024, 9, 27), D(2031, 1, 3)], 1, estimate=True)
    assert [(a.value, a.estimate) for a in many] == [
        (D(2024, 9, 29), False),
        (D(2031, 1, 6), True),
    ]


def test_estimate_weekends_only_far_from_coverage(cal: Calendar) -> None:
    # far below and far above the table, the closed-form weekend rule applies
    for start in (D(1990, 3, 7), D(2100, 6, 9)):
        got = cal.add_workdays(start, 12, estimate=True).value
        d, left = start, 12
        while left:
            d += dt.timedelta(days=1)
            left -= d.weekday() < 5
        assert got == d
        assert cal.count_workdays(start, got, estimate=True).value == 12
        assert cal.add_workdays(got, -12, estimate=True).value == start


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
    guess = holey.add_workdays(D(2024, 12, 30), 2, estimate=True)
    # 2025-01-01 is a holiday, but without the 2025 notice it counts as an ordinary Wednesday
    assert guess == Answer(D(2025, 1, 1), True, (2025,))


def test_empty_calendar_estimates_everything() -> None:
    empty = Calendar(())
    assert empty.covered_years == ()
    with pytest.raises(CalendarCoverageError):
        empty.is_workday(D(2024, 1, 1))
    assert empty.add_workdays(D(2024, 9, 27), 5, estimate=True) == Answer(
        D(2024, 10, 4), True, (2024,)
    )


def test_datetime_inputs_use_their_date(cal: Calendar) -> None:
    moment = dt.datetime(2024, 10, 1, 9, 30)
    assert cal.is_workday(moment) is False
    assert cal.add_workdays(moment, 1) == D(2024, 10, 8)
    with pytest.raises(TypeError):
        cal.is_workday("2024-10-01")  # type: ignore[call-overload]


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


BAD_FILES = [
    ("- 1\n- 2\n", "", "expected a mapping"),
    (TEST_2027.replace("year: 2027\n", ""), "year", "required year is missing"),
    (TEST_2027.replace("year: 2027", "year: soon"), "year", "expected a year"),
    (TEST_2027.replace("  title: TEST FIXTURE", "  titel: TEST FIXTURE"), "notice.titel", ""),
    (TEST_2027.replace("start: 2027-03-10", "start: 2027-02-30"), "", "expected a real date"),
    (TEST_2027.replace("start: 2027-03-10", "start: March"), "holidays[0].start", "YYYY-MM-DD"),
    (TEST_2027.replace("end: 2027-03-12", "end: 2027-03-01"), "holidays[0].end", "before"),
    (TEST_2027.replace("days: 3", "days: 4"), "holidays[0].days", "says 4 days"),
    (TEST_2027.replace("start: 2027-03-10", "start: 2025-03-10"), "holidays[0].start", "not in"),
    (TEST_2027.replace("date: 2027-03-13", "date: 2027-03-15"), "workdays[0].date", "Saturday"),
    (TEST_2027.replace("2027-03-13", "2027-03-13 10:00:00"), "workdays[0].date", "a time"),
    (TEST_2027.replace("holiday: 测试假日 (TEST)", "holiday: 春节"), "workdays[0].holiday", ""),
    (TEST_2027.replace("  - name: 测试假日 (TEST)\n", "  - name_zh: x\n"), "holidays[0].name", ""),
    (TEST_2027 + "extra: 1\n", "extra", "unknown field"),
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
    assert "cannot read" in str(info.value)


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


@settings(max_examples=200, deadline=None)
@given(d=st.dates(min_value=D(2031, 1, 1), max_value=D(2090, 12, 31)), n=offsets)
def test_property_uncovered_years_are_weekend_estimates(d: dt.date, n: int) -> None:
    cal = china_calendar()
    ans = cal.add_workdays(d, n, estimate=True)
    assert ans.estimate is (n != 0)
    r = ans.value
    if n != 0:
        assert r.weekday() < 5
        walked, left = d, abs(n)
        while left:
            walked += dt.timedelta(days=1 if n > 0 else -1)
            left -= walked.weekday() < 5
        assert r == walked
        with pytest.raises(CalendarCoverageError):
            cal.add_workdays(d, n)
