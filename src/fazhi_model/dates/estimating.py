"""The estimating calendar (估算日历): official where a notice is known, estimated elsewhere.

``EstimatingCalendar(cal)`` (or ``china_calendar(estimate=True)``) asks the same questions as
:class:`~fazhi_model.dates.workdays.Calendar` and answers each with an
:class:`~fazhi_model.dates.workdays.Answer`: the value, whether it is an estimate, and the
uncovered years it used. In a covered year it answers exactly as the official calendar. In
a year without a notice it takes as rest days:

* Saturdays and Sundays (国务院关于职工工作时间的规定 第七条), and
* the statutory holidays of 全国年节及纪念日放假办法 第二条 (2024 amendment, 国务院令第795号):
  元旦, 春节 (除夕 to 正月初三), 清明节, 劳动节 (5月1日、2日), 端午节, 中秋节,
  国庆节 (10月1日至3日), see :mod:`fazhi_model.dates.statutory`;
* and any day a loaded year file lists in that year (a notice may reach across New Year).

It does not guess the swapped working days (调休) and bridge days a notice adds, so an estimate
can still be early or late by days around a holiday (``docs/calendar.md`` gives the measured
error). Dates must lie in 1949–2100 (:data:`~fazhi_model.model.rules.YEARS`): beyond it,
:class:`~fazhi_model.errors.InputError`. Each year's table is built once, on first use.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import repeat
from pathlib import Path
from typing import TypeAlias, TypeVar

import attrs

from fazhi_model.dates.statutory import statutory_holidays
from fazhi_model.dates.workdays import Answer, Calendar, as_date, as_offset
from fazhi_model.dates.yearfile import Notice, YearData
from fazhi_model.errors import InputError
from fazhi_model.model.rules import YEARS

__all__ = [
    "AnyCalendar",
    "EstimatingCalendar",
    "answer_add_workdays",
    "answer_holiday_name",
    "answer_last_workday_on_or_before",
    "answer_swapped_for",
    "answer_workday_on_or_after",
]

T = TypeVar("T")


@attrs.frozen
class _Year:
    """One year's working days: the first day, which days work, names of rest and swapped days."""

    first: dt.date
    work: bytes
    wd: list[int]
    """Indices (0 = 1 January) of the working days, ascending."""
    names: dict[dt.date, str]
    swapped: dict[dt.date, str]
    estimate: bool


def _out_of_range(what: object) -> InputError:
    return InputError(
        f"超出日历范围 (out of the calendar's range: {what}; expected dates from "
        f"{YEARS.start}-01-01 to {YEARS.stop - 1}-12-31)"
    )


@attrs.frozen(repr=False)
class EstimatingCalendar:
    """A calendar that answers every question, saying which answers are estimates (估算).

    ``official`` is the calendar it extends; :attr:`covered_years`, :meth:`year_data` and
    :meth:`notice` are its. Every query returns an :class:`Answer`.
    """

    official: Calendar
    _years: dict[int, _Year] = attrs.field(init=False, factory=dict, eq=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.official, Calendar):
            raise InputError(f"expected a Calendar, got {type(self.official).__name__}")

    def __repr__(self) -> str:
        return f"EstimatingCalendar(covered_years={self.official.covered_years!r})"

    # ---------------------------------------------------------------- building and coverage

    @property
    def covered_years(self) -> tuple[int, ...]:
        """The years with a holiday notice (已覆盖年份), ascending."""
        return self.official.covered_years

    def year_data(self, year: int) -> YearData:
        """The data of a covered year; :class:`~fazhi_model.errors.CalendarCoverageError`
        otherwise."""
        return self.official.year_data(year)

    def notice(self, year: int) -> Notice:
        """The holiday notice (放假通知) a covered year comes from."""
        return self.official.notice(year)

    def with_year(self, data: YearData, *, replace: bool = False) -> EstimatingCalendar:
        """:meth:`Calendar.with_year`, still estimating."""
        return EstimatingCalendar(self.official.with_year(data, replace=replace))

    def with_year_file(self, path: Path | str, *, replace: bool = False) -> EstimatingCalendar:
        """:meth:`Calendar.with_year_file`, still estimating."""
        return EstimatingCalendar(self.official.with_year_file(path, replace=replace))

    # ---------------------------------------------------------------- year tables

    def _year(self, y: int) -> _Year:
        table = self._years.get(y)
        if table is not None:
            return table
        if y not in YEARS:
            raise _out_of_range(f"year {y}")
        first = dt.date(y, 1, 1)
        size = (dt.date(y + 1, 1, 1) - first).days
        days = [first + dt.timedelta(days=k) for k in range(size)]
        names: dict[dt.date, str] = {}
        swapped: dict[dt.date, str] = {}
        work = bytearray(size)
        estimate = y not in self.official.covered_years
        rule = statutory_holidays(y) if estimate else {}
        for k, d in enumerate(days):
            if not estimate:
                said = self.official.official_day(d)
                assert said is not None  # every day of a covered year is in the table
                w, name, swap = said
            else:
                w, name, swap = d.weekday() < 5 and d not in rule, rule.get(d), None
                known = self.official.notice_says(d)
                if known is not None:
                    w = known[0]
                    name, swap = (None, known[1]) if w else (known[1], None)
            work[k] = w
            if name is not None:
                names[d] = name
            if swap is not None:
                swapped[d] = swap
        wd = [k for k in range(size) if work[k]]
        table = _Year(first, bytes(work), wd, names, swapped, estimate)
        self._years[y] = table
        return table

    def _answer(self, value: T, first: dt.date, last: dt.date) -> Answer[T]:
        uncovered = tuple(
            y for y in range(first.year, last.year + 1) if y not in self.official.covered_years
        )
        return Answer(value, bool(uncovered), uncovered)

    def _step(self, d: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after (n > 0) or before (n < 0) ``d``, year by year."""
        y = d.year
        k = d.toordinal() - dt.date(y, 1, 1).toordinal()
        left = abs(n)
        while True:
            t = self._year(y)
            if n > 0:
                p = bisect_right(t.wd, k)
                if left <= len(t.wd) - p:
                    return t.first + dt.timedelta(days=t.wd[p + left - 1])
                left -= len(t.wd) - p
                y, k = y + 1, -1
            else:
                p = bisect_left(t.wd, k)
                if left <= p:
                    return t.first + dt.timedelta(days=t.wd[p - left])
                left -= p
                y, k = y - 1, 366

    def _work(self, d: dt.date) -> bool:
        t = self._year(d.year)
        return t.work[d.toordinal() - t.first.toordinal()] == 1

    @staticmethod
    def _day(d: object, what: str = "date") -> dt.date:
        day = as_date(d, what)
        if day.year not in YEARS:
            raise _out_of_range(day)
        return day

    # ---------------------------------------------------------------- queries

    def is_workday(self, d: dt.date) -> Answer[bool]:
        """Whether ``d`` is a working day (工作日)."""
        day = self._day(d)
        return self._answer(self._work(day), day, day)

    def is_restday(self, d: dt.date) -> Answer[bool]:
        """Whether ``d`` is a rest day (休息日)."""
        day = self._day(d)
        return self._answer(not self._work(day), day, day)

    def holiday_name(self, d: dt.date) -> Answer[str | None]:
        """The Chinese name of the holiday ``d`` lies in: the notice's, or in an uncovered year
        the statutory holiday's (元旦, 春节, …); None on other days."""
        day = self._day(d)
        return self._answer(self._year(day.year).names.get(day), day, day)

    def swapped_for(self, d: dt.date) -> Answer[str | None]:
        """The holiday a swapped working Saturday/Sunday serves (None in an uncovered year,
        where swapped days are not estimated, unless a loaded file lists the day)."""
        day = self._day(d)
        return self._answer(self._year(day.year).swapped.get(day), day, day)

    def add_workdays(self, d: dt.date, n: int) -> Answer[dt.date]:
        """:meth:`Calendar.add_workdays`: the ``n``-th working day after (or before) ``d``,
        ``d`` not counted; ``n == 0`` gives ``d``. Consulted: the days between them."""
        day = self._day(d)
        if as_offset(n) == 0:
            return Answer(day, False)
        r = self._step(day, n)
        if n > 0:
            return self._answer(r, day + dt.timedelta(days=1), r)
        return self._answer(r, r, day - dt.timedelta(days=1))

    def next_workday(self, d: dt.date) -> Answer[dt.date]:
        """The first working day strictly after ``d``."""
        return self.add_workdays(d, 1)

    def workday_on_or_after(self, d: dt.date) -> Answer[dt.date]:
        """``d`` if it is a working day, else the first working day after it (顺延)."""
        day = self._day(d)
        r = day if self._work(day) else self._step(day, 1)
        return self._answer(r, day, r)

    def last_workday_on_or_before(self, d: dt.date) -> Answer[dt.date]:
        """``d`` if it is a working day, else the last working day before it."""
        day = self._day(d)
        r = day if self._work(day) else self._step(day, -1)
        return self._answer(r, r, day)

    def count_workdays(self, start: dt.date, end: dt.date) -> Answer[int]:
        """Working days in ``(start, end]`` (start exclusive, end inclusive); negative, minus
        those in ``[end, start)``, when ``end < start``."""
        s, e = self._day(start, "start"), self._day(end, "end")
        if s == e:
            return Answer(0, False)
        if e > s:
            a, b, sign = s + dt.timedelta(days=1), e, 1
        else:
            a, b, sign = e, s - dt.timedelta(days=1), -1
        total = 0
        for y in range(a.year, b.year + 1):
            t = self._year(y)
            lo = a.toordinal() - t.first.toordinal() if y == a.year else 0
            hi = b.toordinal() - t.first.toordinal() + 1 if y == b.year else len(t.work)
            total += bisect_left(t.wd, hi) - bisect_left(t.wd, lo)
        return self._answer(sign * total, a, b)

    def is_workday_many(self, dates: Iterable[dt.date]) -> list[Answer[bool]]:
        """:meth:`is_workday` for each date, in order."""
        return [self.is_workday(d) for d in dates]

    def add_workdays_many(
        self, dates: Iterable[dt.date], n: int | Iterable[int]
    ) -> list[Answer[dt.date]]:
        """:meth:`add_workdays` for each date, with one ``n`` for all or one each."""
        one = isinstance(n, int)
        counts: Iterable[int] = repeat(as_offset(n)) if isinstance(n, int) else n
        try:
            return [self.add_workdays(d, k) for d, k in zip(dates, counts, strict=not one)]
        except ValueError as exc:
            if isinstance(exc, InputError):
                raise
            raise InputError(f"dates and n differ in length ({exc})") from None


AnyCalendar: TypeAlias = Calendar | EstimatingCalendar
"""Either calendar: what :func:`~fazhi_model.dates.periods.add_period`,
:func:`~fazhi_model.dates.schedule.schedule` and the views accept as ``calendar=``."""


# Either calendar, one answer type: for callers (periods, schedule) that accept both. An
# official calendar's answer is never an estimate; it raises where it has no notice.


def answer_add_workdays(cal: AnyCalendar, d: dt.date, n: int) -> Answer[dt.date]:
    """``cal.add_workdays(d, n)`` as an :class:`Answer`, whichever calendar ``cal`` is."""
    if isinstance(cal, EstimatingCalendar):
        return cal.add_workdays(d, n)
    return Answer(cal.add_workdays(d, n), False)


def answer_workday_on_or_after(cal: AnyCalendar, d: dt.date) -> Answer[dt.date]:
    """``cal.workday_on_or_after(d)`` as an :class:`Answer`."""
    if isinstance(cal, EstimatingCalendar):
        return cal.workday_on_or_after(d)
    return Answer(cal.workday_on_or_after(d), False)


def answer_last_workday_on_or_before(cal: AnyCalendar, d: dt.date) -> Answer[dt.date]:
    """``cal.last_workday_on_or_before(d)`` as an :class:`Answer`."""
    if isinstance(cal, EstimatingCalendar):
        return cal.last_workday_on_or_before(d)
    return Answer(cal.last_workday_on_or_before(d), False)


def answer_holiday_name(cal: AnyCalendar, d: dt.date) -> Answer[str | None]:
    """``cal.holiday_name(d)`` as an :class:`Answer`."""
    if isinstance(cal, EstimatingCalendar):
        return cal.holiday_name(d)
    return Answer(cal.holiday_name(d), False)


def answer_swapped_for(cal: AnyCalendar, d: dt.date) -> Answer[str | None]:
    """``cal.swapped_for(d)`` as an :class:`Answer`."""
    if isinstance(cal, EstimatingCalendar):
        return cal.swapped_for(d)
    return Answer(cal.swapped_for(d), False)
