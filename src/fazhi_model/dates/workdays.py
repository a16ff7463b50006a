"""The Chinese working calendar (工作日历): working days, rest days and swapped days (调休).

A day is a **rest day** (休息日) if a State Council General Office holiday notice
(国务院办公厅关于20XX年部分节假日安排的通知) puts it in a holiday span, or if it is a Saturday or
Sunday that the notice does not turn into a make-up working day (调休上班). Every other day is a
**working day** (工作日). Weekends are rest days under 国务院关于职工工作时间的规定 art. 7; the
holidays come from 全国年节及纪念日放假办法 and each year's notice.

Two calendars, one per kind of answer:

* :class:`Calendar` answers officially (正式答案): plain values, always from a notice. A day
  in a year without a notice (an *uncovered* year) raises
  :class:`~fazhi_model.errors.CalendarCoverageError`.
* :class:`~fazhi_model.dates.estimating.EstimatingCalendar` (``EstimatingCalendar(cal)`` or
  ``china_calendar(estimate=True)``)
  answers every question with an :class:`Answer`, whose ``estimate`` flag says whether an
  uncovered year was used and ``uncovered`` which. In an uncovered year it counts Saturdays,
  Sundays and the statutory holidays of 全国年节及纪念日放假办法 第二条
  (:mod:`fazhi_model.dates.statutory`) as rest days; it does not guess swapped days or bridge
  days. An estimate can never be mistaken for an official answer.

Ranges (范围): dates are ``datetime.date`` (a ``datetime`` counts as its date); an official
answer lies in a covered year; an estimate lies in 1949–2100
(:data:`~fazhi_model.model.rules.YEARS`), else :class:`~fazhi_model.errors.InputError`.
Offsets ``n`` are any whole numbers; an answer that would leave the range is refused the same
way (``add_workdays(d, 10**12)``: a coverage error or an input error, never an overflow).

The official calendar is precomputed when built (a dict of official days, a prefix count of
working days and the sorted working days): each query is O(1) or O(log n).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from itertools import repeat
from pathlib import Path
from typing import Generic, TypeVar

import attrs

from fazhi_model.dates.yearfile import Notice, YearData, load_year_file
from fazhi_model.errors import CalendarCoverageError, InputError, LoadError, Problem

__all__ = [
    "Answer",
    "Calendar",
    "as_date",
    "as_offset",
]

T = TypeVar("T")


@attrs.frozen
class Answer(Generic[T]):
    """An answer of an estimating calendar (估算日历的答案).

    ``estimate`` is true when at least one day the answer depends on lies in a year without a
    holiday notice; those years are listed in ``uncovered`` and were estimated by rule
    (weekends and statutory holidays, no swapped days). ``estimate`` false means the value is
    the official one, exactly as :class:`Calendar` gives it.
    """

    value: T
    estimate: bool
    uncovered: tuple[int, ...] = ()


def as_date(d: object, what: str = "date") -> dt.date:
    """``d`` as a date (a ``datetime`` gives its date); :class:`InputError` for anything else."""
    if isinstance(d, dt.datetime):
        return d.date()
    if isinstance(d, dt.date):
        return d
    raise InputError(
        f"{what} 须为日期 (expected a datetime.date for {what}, got {type(d).__name__} {d!r:.40})"
    )


def as_offset(n: object, what: str = "n") -> int:
    """``n`` as a whole number of days; :class:`InputError` for a bool, float, str, None …"""
    if isinstance(n, bool) or not isinstance(n, int):
        raise InputError(
            f"{what} 须为整数 (expected a whole number for {what}, "
            f"got {type(n).__name__} {n!r:.40})"
        )
    return n


def _weekdays_before(o: int) -> int:
    """Mondays-to-Fridays among the ordinals 1 .. o-1 (ordinal 1 = 0001-01-01, a Monday)."""
    q, r = divmod(o - 1, 7)
    return 5 * q + (r if r < 5 else 5)


def _nth_weekday(i: int) -> int:
    """The ordinal of the Monday-to-Friday day with index ``i`` (index 0 is ordinal 1)."""
    q, r = divmod(i, 5)
    return 7 * q + r + 1


def _sorted_years(years: Iterable[YearData]) -> tuple[YearData, ...]:
    if isinstance(years, str | bytes | Path | YearData) or not isinstance(years, Iterable):
        raise InputError(f"expected an iterable of YearData, got {type(years).__name__}")
    out = tuple(years)
    for y in out:
        if not isinstance(y, YearData):
            raise InputError(f"expected YearData items, got {type(y).__name__}")
    return tuple(sorted(out, key=lambda y: y.year))


_MIN_ORD = dt.date.min.toordinal()
_MAX_ORD = dt.date.max.toordinal()


@attrs.frozen(repr=False)
class Calendar:
    """The official working calendar (工作日历) built from one :class:`YearData` per covered year.

    Build it with :func:`~fazhi_model.dates.china.china_calendar` (the bundled notices) or
    ``Calendar(years)``; extend it with :meth:`with_year_file`; ask for estimates with
    :class:`~fazhi_model.dates.estimating.EstimatingCalendar` (``EstimatingCalendar(cal)``).
    It is immutable and safe to share.

    Each year file speaks only for its own year: a day it lists in the December before or
    January after counts only if that year is uncovered, or if that year's own data agree.
    """

    years: tuple[YearData, ...] = attrs.field(converter=_sorted_years)

    _covered: frozenset[int] = attrs.field(init=False, eq=False)
    _covered_tuple: tuple[int, ...] = attrs.field(init=False, eq=False)
    _by_year: dict[int, YearData] = attrs.field(init=False, eq=False)
    _official: dict[dt.date, bool] = attrs.field(init=False, eq=False)
    _names: dict[dt.date, str] = attrs.field(init=False, eq=False)
    _swapped: dict[dt.date, str] = attrs.field(init=False, eq=False)
    _lo: int = attrs.field(init=False, eq=False)
    _work: bytes = attrs.field(init=False, eq=False)
    _cum: list[int] = attrs.field(init=False, eq=False)
    _wd_ord: list[int] = attrs.field(init=False, eq=False)
    _wd: list[dt.date] = attrs.field(init=False, eq=False)
    _nwd: int = attrs.field(init=False, eq=False)
    _base: int = attrs.field(init=False, eq=False)
    _fast_lo: int = attrs.field(init=False, eq=False)
    _fast_hi: int = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        by_year: dict[int, YearData] = {}
        for y in self.years:
            if y.year in by_year:
                problems.append(
                    Problem(
                        path="year",
                        message=f"{y.year} 重复 ({y.year} is given twice; also in "
                        f"{by_year[y.year].source or 'the calendar'})",
                        file=y.source,
                    )
                )
            by_year.setdefault(y.year, y)
        # What each notice says about the days of its own year, then the days it lists in a
        # neighbouring year: those may not change what that year's own data say.
        says: dict[dt.date, tuple[bool, str]] = {}
        for y in by_year.values():
            says.update((d, (w, n)) for d, w, n in y.says() if d.year == y.year)
        for y in by_year.values():
            for d, w, n in y.says():
                if d.year == y.year:
                    continue
                if d.year not in by_year:
                    says.setdefault(d, (w, n))
                    continue
                own = says[d][0] if d in says else d.weekday() < 5
                if own != w:
                    problems.append(
                        Problem(
                            path="",
                            message=f"{d} 属于 {d.year} 年 ({d} lies in {d.year}, whose data "
                            f"({by_year[d.year].source or 'the calendar'}) make it a "
                            f"{'working' if own else 'rest'} day; a {y.year} file may not "
                            "change a day of another covered year)",
                            file=y.source,
                        )
                    )
        if problems:
            raise LoadError(problems)

        covered = tuple(sorted(by_year))
        if covered:
            lo = dt.date(covered[0] - 1, 1, 1).toordinal()
            hi = dt.date(covered[-1] + 2, 1, 1).toordinal()
        else:
            lo = hi = dt.date(2000, 1, 1).toordinal()
        work = bytearray(hi - lo)
        cum = [0] * (hi - lo + 1)
        wd_ord: list[int] = []
        official: dict[dt.date, bool] = {}
        running = 0
        for k in range(hi - lo):
            day = dt.date.fromordinal(lo + k)
            said = says.get(day)
            w = said[0] if said is not None else day.weekday() < 5
            if w:
                work[k] = 1
                running += 1
                wd_ord.append(lo + k)
            cum[k + 1] = running
            if day.year in by_year:
                official[day] = w
        gapless = bool(covered) and covered[-1] - covered[0] + 1 == len(covered)

        set_ = functools.partial(object.__setattr__, self)
        set_("_covered", frozenset(covered))
        set_("_covered_tuple", covered)
        set_("_by_year", by_year)
        set_("_official", official)
        set_("_names", {d: v[1] for d, v in says.items() if not v[0]})
        set_("_swapped", {d: v[1] for d, v in says.items() if v[0]})
        set_("_lo", lo)
        set_("_work", bytes(work))
        set_("_cum", cum)
        set_("_wd_ord", wd_ord)
        set_("_wd", [dt.date.fromordinal(o) for o in wd_ord])
        set_("_nwd", len(wd_ord))
        set_("_base", _weekdays_before(lo))
        if gapless:
            set_("_fast_lo", dt.date(covered[0], 1, 1).toordinal())
            set_("_fast_hi", dt.date(covered[-1] + 1, 1, 1).toordinal())
        else:
            set_("_fast_lo", 0)
            set_("_fast_hi", 0)

    def __repr__(self) -> str:
        return f"Calendar(covered_years={self._covered_tuple!r})"

    # ---------------------------------------------------------------- building

    def with_year(self, data: YearData, *, replace: bool = False) -> Calendar:
        """A new calendar with one more year (or, with ``replace=True``, a year replaced)."""
        if not isinstance(data, YearData):
            raise InputError(f"expected YearData, got {type(data).__name__}")
        if data.year in self._covered and not replace:
            old = self._by_year[data.year]
            raise LoadError(
                [
                    Problem(
                        path="year",
                        message=f"{data.year} 已有放假安排 ({data.year} is already covered by "
                        f"{old.source or 'the calendar'}; pass replace=True to replace it)",
                        file=data.source,
                    )
                ]
            )
        return Calendar((*(y for y in self.years if y.year != data.year), data))

    def with_year_file(self, path: Path | str, *, replace: bool = False) -> Calendar:
        """A new calendar with the year read from a YAML/JSON year file.

        This is how to add a year whose notice came out after this library's release: copy a
        bundled file (``data/calendar/2026.yaml``), change the dates, and load it here. See
        :func:`~fazhi_model.dates.yearfile.parse_year` for the rules a file must keep.
        """
        return self.with_year(load_year_file(path), replace=replace)

    # ---------------------------------------------------------------- coverage

    @property
    def covered_years(self) -> tuple[int, ...]:
        """The years with a holiday notice (已覆盖年份), ascending."""
        return self._covered_tuple

    def year_data(self, year: int) -> YearData:
        """The data of a covered year; :class:`CalendarCoverageError` otherwise."""
        try:
            return self._by_year[year]
        except (KeyError, TypeError):
            raise CalendarCoverageError(year, self._covered_tuple) from None

    def notice(self, year: int) -> Notice:
        """The holiday notice (放假通知) a covered year comes from."""
        return self.year_data(year).notice

    def official_day(self, d: dt.date) -> tuple[bool, str | None, str | None] | None:
        """(working, holiday name, swapped for) of a day in a covered year, else ``None``.

        What a notice (or the weekend rule) says about ``d``; for :class:`EstimatingCalendar`.
        """
        w = self._official.get(d)
        if w is None:
            return None
        return w, self._names.get(d), self._swapped.get(d)

    def notice_says(self, d: dt.date) -> tuple[bool, str] | None:
        """What any loaded file says of ``d`` (working?, holiday), also in an uncovered year."""
        if d in self._names:
            return False, self._names[d]
        if d in self._swapped:
            return True, self._swapped[d]
        return None

    def _check(self, a: int, b: int) -> None:
        """Raise :class:`CalendarCoverageError` if a day with ordinal in a..b is uncovered."""
        if self._fast_lo <= a and b < self._fast_hi:
            return
        first = dt.date.fromordinal(min(max(a, _MIN_ORD), _MAX_ORD)).year
        last = dt.date.fromordinal(min(max(b, _MIN_ORD), _MAX_ORD)).year
        y = first
        while y in self._covered:
            y += 1
        if y <= last or a < _MIN_ORD or b > _MAX_ORD:
            raise CalendarCoverageError(min(y, last), self._covered_tuple)

    # ---------------------------------------------------------------- core arithmetic

    def _before(self, o: int) -> int:
        """Working days strictly before ordinal ``o``; the weekend rule outside the table."""
        k = o - self._lo
        if k <= 0:
            return _weekdays_before(o)
        if k < len(self._cum):
            return self._base + self._cum[k]
        return (
            _weekdays_before(o)
            - _weekdays_before(self._lo + len(self._work))
            + (self._base + self._cum[-1])
        )

    def _select(self, i: int) -> int:
        """The ordinal of the working day with index ``i`` (``_before(result) == i``)."""
        j = i - self._base
        if 0 <= j < self._nwd:
            return self._wd_ord[j]
        if j < 0:
            return _nth_weekday(i)
        end = self._lo + len(self._work)
        return _nth_weekday(i - self._base - self._nwd + _weekdays_before(end))

    def _work_at(self, o: int) -> bool:
        k = o - self._lo
        if 0 <= k < len(self._work):
            return self._work[k] == 1
        return (o - 1) % 7 < 5

    def _add(self, o: int, n: int) -> int:
        """The ordinal ``n`` working days from ordinal ``o`` (n != 0), its days checked."""
        if n > 0:
            r = self._select(self._before(o + 1) + n - 1)
            self._check(o + 1, r)
        else:
            r = self._select(self._before(o) + n)
            self._check(r, o - 1)
        return r

    # ---------------------------------------------------------------- queries

    def is_workday(self, d: dt.date) -> bool:
        """Whether ``d`` is a working day (工作日): not in a holiday span, and either a Monday to
        Friday or a swapped working Saturday/Sunday (调休上班)."""
        try:
            return self._official[d]
        except (KeyError, TypeError):
            pass
        o = as_date(d).toordinal()
        self._check(o, o)
        return self._work_at(o)

    def is_restday(self, d: dt.date) -> bool:
        """Whether ``d`` is a rest day (休息日, 法定休假日 in 民法典 第二百零三条)."""
        return not self.is_workday(d)

    def holiday_name(self, d: dt.date) -> str | None:
        """The Chinese name of the holiday span ``d`` lies in (节日名称), e.g. 国庆节; None on
        other days, including ordinary weekends and swapped workdays."""
        day = as_date(d)
        self._check(day.toordinal(), day.toordinal())
        return self._names.get(day)

    def swapped_for(self, d: dt.date) -> str | None:
        """If ``d`` is a swapped working Saturday/Sunday (调休上班日), the holiday it serves."""
        day = as_date(d)
        self._check(day.toordinal(), day.toordinal())
        return self._swapped.get(day)

    def add_workdays(self, d: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``d`` (``n > 0``) or before it (``n < 0``).

        ``d`` itself is never counted (民法典 第二百零一条: 开始的当日不计入), so
        ``add_workdays(d, 5)`` is the last day of "5个工作日内" counted from ``d``, whether or
        not ``d`` is a working day. ``n == 0`` returns ``d`` unchanged (nothing is counted and
        no calendar data is needed); use :meth:`workday_on_or_after` to roll a day forward.
        Only the days from ``d`` (exclusive) to the result (inclusive) need a notice.
        """
        if (
            type(n) is int
            and n > 0
            and type(d) is dt.date
            and self._fast_lo <= (o := d.toordinal()) < self._fast_hi
        ):
            # Fast path: d and the result inside the official span.
            j = self._cum[o - self._lo + 1] + n - 1
            if j < self._nwd and self._wd_ord[j] < self._fast_hi:
                return self._wd[j]
        day = as_date(d)
        if as_offset(n) == 0:
            return day
        return dt.date.fromordinal(self._add(day.toordinal(), n))

    def next_workday(self, d: dt.date) -> dt.date:
        """The first working day strictly after ``d`` (下一个工作日); ``add_workdays(d, 1)``."""
        return self.add_workdays(d, 1)

    def workday_on_or_after(self, d: dt.date) -> dt.date:
        """``d`` if it is a working day, else the first working day after it (顺延至工作日).

        This is 民法典 第二百零三条's roll-forward: a last day that is a rest day becomes the
        day after the rest days end.
        """
        o = as_date(d).toordinal()
        r = self._select(self._before(o))
        self._check(o, r)
        return dt.date.fromordinal(r)

    def last_workday_on_or_before(self, d: dt.date) -> dt.date:
        """``d`` if it is a working day, else the last working day before it (提前至工作日).

        Useful as the practical date for a fixed date (e.g. 每年1月底前) that falls on a rest day.
        """
        o = as_date(d).toordinal()
        r = self._select(self._before(o + 1) - 1)
        self._check(r, o)
        return dt.date.fromordinal(r)

    def count_workdays(self, start: dt.date, end: dt.date) -> int:
        """Working days counted from ``start`` to ``end``: **start exclusive, end inclusive**
        (民法典 第二百零一条), i.e. the number of working days in ``(start, end]``.

        If ``end < start`` the count runs backwards and is negative: minus the working days in
        ``[end, start)``. So ``count_workdays(d, add_workdays(d, n)) == n`` for every ``d``
        and ``n``; ``count_workdays(d, d) == 0``.
        """
        s = as_date(start, "start").toordinal()
        e = as_date(end, "end").toordinal()
        if e == s:
            return 0
        if e > s:
            self._check(s + 1, e)
            return self._before(e + 1) - self._before(s + 1)
        self._check(e, s - 1)
        return self._before(e) - self._before(s)

    # ---------------------------------------------------------------- batches

    def is_workday_many(self, dates: Iterable[dt.date]) -> list[bool]:
        """:meth:`is_workday` for each date, in order (批量判断)."""
        official = self._official
        dates = dates if isinstance(dates, Sequence) else list(dates)
        try:
            return [official[d] for d in dates]
        except (KeyError, TypeError):
            return [self.is_workday(d) for d in dates]

    def add_workdays_many(self, dates: Iterable[dt.date], n: int | Iterable[int]) -> list[dt.date]:
        """:meth:`add_workdays` for each date (批量推算), with one ``n`` for all or one each.

        Pure Python, no numpy needed. With ``n`` a sequence it must have as many items as
        ``dates`` (:class:`InputError` otherwise).
        """
        one = isinstance(n, int)
        counts: Iterable[int] = repeat(as_offset(n)) if isinstance(n, int) else n
        lo, cum, wd, wd_ord, nwd = self._lo, self._cum, self._wd, self._wd_ord, self._nwd
        flo, fhi, span = self._fast_lo, self._fast_hi, len(self._work)
        out: list[dt.date] = []
        append = out.append
        slow = self.add_workdays
        try:
            for d, k in zip(dates, counts, strict=not one):
                i = d.toordinal() - lo if type(d) is dt.date else -1
                if 0 <= i < span and type(k) is int:
                    if k > 0:
                        j = cum[i + 1] + k - 1
                        if j < nwd and flo <= i + lo and wd_ord[j] < fhi:
                            append(wd[j])
                            continue
                    elif k < 0:
                        j = cum[i] + k
                        if j >= 0 and flo <= wd_ord[j] and i + lo < fhi:
                            append(wd[j])
                            continue
                append(slow(d, k))
        except ValueError as exc:
            if isinstance(exc, InputError | CalendarCoverageError):
                raise
            raise InputError(f"dates and n differ in length ({exc})") from None
        return out
