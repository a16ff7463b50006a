"""The Chinese working calendar (工作日历): working days, rest days and swapped days (调休).

A day is a **rest day** (休息日) if a State Council General Office holiday notice
(国务院办公厅关于20XX年部分节假日安排的通知) puts it in a holiday span, or if it is a Saturday or
Sunday that the notice does not turn into a make-up working day (调休上班). Every other day is a
**working day** (工作日). Weekends are rest days under 国务院关于职工工作时间的规定 art. 7; the
holidays come from 全国年节及纪念日放假办法 and each year's notice.

The bundled data holds one YAML file per notice (``data/calendar/2024.yaml`` …); a user adds a
year with :meth:`Calendar.with_year_file` without upgrading the library.

Coverage (覆盖范围): a year is *covered* when its notice is loaded. Asking about a day of an
uncovered year raises :class:`~fazhi_model.errors.CalendarCoverageError`, unless the caller passes
``estimate=True``. In estimate mode (估算) every answer is wrapped in an :class:`Answer` that says
whether it is an estimate, so an estimate can never be mistaken for an official answer. Estimates
use **weekends only**: Saturdays and Sundays are rest days, nothing else is (no lunar holiday
rules are applied at run time; they cannot know the year's swapped days anyway).

Everything is precomputed when a :class:`Calendar` is built: a dict of official days, a prefix
count of working days and the sorted list of working days. No method walks day by day; each
answers in O(1) or O(log n), and beyond the table the weekend rule is applied in closed form.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import pairwise, repeat
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar, overload

import attrs

from fazhi_model.errors import CalendarCoverageError, LoadError, Problem
from fazhi_model.store._bundled import data_dir
from fazhi_model.store._yaml import Segment
from fazhi_model.store._yaml import loads as _yaml_loads

__all__ = [
    "Answer",
    "Calendar",
    "HolidaySpan",
    "Notice",
    "Reference",
    "SwappedWorkday",
    "YearData",
    "china_calendar",
    "load_year_file",
    "parse_year",
]

T = TypeVar("T")

_WEEKDAY_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


# --------------------------------------------------------------------------------------------
# Answers in estimate mode


@attrs.frozen
class Answer(Generic[T]):
    """An answer given in estimate mode (估算模式的答案).

    ``estimate`` is true when at least one day the answer depends on lies in a year without a
    holiday notice; those years are listed in ``uncovered`` and were treated as weekends-only
    (Saturdays and Sundays rest, every other day working). ``estimate`` false means the answer
    is the official one, exactly as without ``estimate=True``.
    """

    value: T
    estimate: bool
    uncovered: tuple[int, ...] = ()


# --------------------------------------------------------------------------------------------
# Year data


@attrs.frozen
class Notice:
    """The State Council General Office notice a year's data comes from (放假通知)."""

    title: str
    number: str | None = None
    """Document number (文号), e.g. 国办发明电〔2023〕7号; None where not verified."""
    date: dt.date | None = None
    url: str | None = None


@attrs.frozen
class Reference:
    """A published copy or a source of a notice (参考来源)."""

    title: str
    url: str | None = None


@attrs.frozen
class HolidaySpan:
    """A holiday span of a notice (放假期间): every day from ``start`` to ``end`` inclusive rests.

    ``name`` is the Chinese name as the notice writes it (元旦, 春节, 清明节, 劳动节, 端午节,
    中秋节, 国庆节, or a joint name such as 国庆节、中秋节); ``text`` quotes the notice.
    """

    name: str
    start: dt.date
    end: dt.date
    name_en: str | None = None
    days: int | None = None
    """The notice's "共N天", where it states one."""
    text: str | None = None

    def dates(self) -> tuple[dt.date, ...]:
        """Every day of the span, in order."""
        first = self.start.toordinal()
        return tuple(dt.date.fromordinal(o) for o in range(first, self.end.toordinal() + 1))


@attrs.frozen
class SwappedWorkday:
    """A make-up working Saturday or Sunday (调休上班日), and the holiday it serves."""

    date: dt.date
    holiday: str
    text: str | None = None


@attrs.frozen
class YearData:
    """One year's holiday notice as data (年度放假安排): spans, swapped workdays, provenance."""

    year: int
    notice: Notice
    holidays: tuple[HolidaySpan, ...] = ()
    workdays: tuple[SwappedWorkday, ...] = ()
    references: tuple[Reference, ...] = ()
    checked_with: tuple[str, ...] = ()
    limitations: tuple[str, ...] = ()
    source: str | None = attrs.field(default=None, eq=False)
    """The file the data was read from, if any (not part of equality)."""


_TOP_KEYS = frozenset(
    {"year", "notice", "references", "checked_with", "limitations", "holidays", "workdays"}
)
_NOTICE_KEYS = frozenset({"title", "number", "date", "url"})
_HOLIDAY_KEYS = frozenset({"name", "name_en", "start", "end", "days", "text"})
_WORKDAY_KEYS = frozenset({"date", "holiday", "text"})
_REFERENCE_KEYS = frozenset({"title", "url"})


class _Checker:
    """Collects problems with their paths (and lines, where the YAML is known)."""

    def __init__(
        self, file: str | None, line_of: Callable[[tuple[Segment, ...]], int | None] | None
    ) -> None:
        self.file = file
        self.line_of = line_of
        self.problems: list[Problem] = []

    def add(self, path: tuple[Segment, ...], message: str) -> None:
        text = ""
        for seg in path:
            text += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if text else seg)
        line = self.line_of(path) if self.line_of is not None else None
        self.problems.append(Problem(path=text, message=message, file=self.file, line=line))

    def mapping(
        self, value: Any, path: tuple[Segment, ...], allowed: frozenset[str]
    ) -> Mapping[str, Any] | None:
        if not isinstance(value, Mapping):
            self.add(path, f"expected a mapping, got {_kind(value)}")
            return None
        for key in value:
            if key not in allowed:
                self.add((*path, str(key)), f"unknown field (expected one of {sorted(allowed)})")
        return value

    def text(
        self, m: Mapping[str, Any], key: str, path: tuple[Segment, ...], *, required: bool
    ) -> str | None:
        value = m.get(key)
        if value is None:
            if required:
                self.add((*path, key), "required text is missing")
            return None
        if not isinstance(value, str) or not value.strip():
            self.add((*path, key), f"expected non-empty text, got {_kind(value)}")
            return None
        return value.strip()

    def date(
        self, m: Mapping[str, Any], key: str, path: tuple[Segment, ...], *, required: bool
    ) -> dt.date | None:
        value = m.get(key)
        if value is None:
            if required:
                self.add((*path, key), "required date is missing")
            return None
        if isinstance(value, dt.datetime):
            self.add((*path, key), f"expected a date YYYY-MM-DD without a time, got {value}")
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.add((*path, key), f"expected a date YYYY-MM-DD, got {value!r}")
        return None

    def texts(self, m: Mapping[str, Any], key: str) -> tuple[str, ...]:
        value = m.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.add((key,), f"expected a list of texts, got {_kind(value)}")
            return ()
        out: list[str] = []
        for i, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                out.append(item.strip())
            else:
                self.add((key, i), f"expected non-empty text, got {_kind(item)}")
        return tuple(out)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({value})"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def parse_year(
    data: Any,
    *,
    file: str | None = None,
    line_of: Callable[[tuple[Segment, ...]], int | None] | None = None,
) -> YearData:
    """Check and convert one year's plain data (as read from YAML) into :class:`YearData`.

    Raises :class:`~fazhi_model.errors.LoadError` listing every problem, each with the file and
    the field path (``holidays[2].start``). Rules: ``year`` is a whole number; ``notice.title``
    is given; each holiday has a name and ``start <= end`` (and ``days``, if given, equals the
    span's length); spans do not overlap; each swapped workday is a Saturday or Sunday, outside
    every span, serving a holiday named in the file; all dates lie in the year, or in the
    December before or January after it (a notice may swap a day across New Year).
    """
    c = _Checker(file, line_of)
    top = c.mapping(data, (), _TOP_KEYS)
    if top is None:
        raise LoadError(c.problems)

    year_value = top.get("year")
    year: int | None = None
    if isinstance(year_value, int) and not isinstance(year_value, bool) and 1 < year_value < 9999:
        year = year_value
    elif year_value is None:
        c.add(("year",), "required year is missing")
    else:
        c.add(("year",), f"expected a year such as 2027, got {_kind(year_value)}")

    notice: Notice | None = None
    nm = c.mapping(top.get("notice"), ("notice",), _NOTICE_KEYS)
    if nm is not None:
        title = c.text(nm, "title", ("notice",), required=True)
        number = c.text(nm, "number", ("notice",), required=False)
        ndate = c.date(nm, "date", ("notice",), required=False)
        url = c.text(nm, "url", ("notice",), required=False)
        if title is not None:
            notice = Notice(title=title, number=number, date=ndate, url=url)

    references: list[Reference] = []
    refs = top.get("references")
    if refs is not None and not isinstance(refs, list):
        c.add(("references",), f"expected a list, got {_kind(refs)}")
    elif refs is not None:
        for i, item in enumerate(refs):
            if isinstance(item, str) and item.strip():
                references.append(Reference(title=item.strip()))
                continue
            rm = c.mapping(item, ("references", i), _REFERENCE_KEYS)
            if rm is not None:
                rtitle = c.text(rm, "title", ("references", i), required=True)
                rurl = c.text(rm, "url", ("references", i), required=False)
                if rtitle is not None:
                    references.append(Reference(title=rtitle, url=rurl))

    lo = dt.date(year - 1, 12, 1) if year is not None else None
    hi = dt.date(year + 1, 1, 31) if year is not None else None

    def in_range(d: dt.date, path: tuple[Segment, ...]) -> None:
        if lo is not None and hi is not None and not lo <= d <= hi:
            c.add(path, f"{d} is not in {year} (nor in the December before or January after)")

    spans: list[HolidaySpan] = []
    span_paths: list[tuple[Segment, ...]] = []
    hol = top.get("holidays")
    if hol is None:
        c.add(("holidays",), "required list of holidays is missing (use [] for none)")
    elif not isinstance(hol, list):
        c.add(("holidays",), f"expected a list, got {_kind(hol)}")
    else:
        for i, item in enumerate(hol):
            p: tuple[Segment, ...] = ("holidays", i)
            hm = c.mapping(item, p, _HOLIDAY_KEYS)
            if hm is None:
                continue
            name = c.text(hm, "name", p, required=True)
            name_en = c.text(hm, "name_en", p, required=False)
            text = c.text(hm, "text", p, required=False)
            start = c.date(hm, "start", p, required=True)
            end = c.date(hm, "end", p, required=True)
            days_value = hm.get("days")
            days: int | None = None
            if days_value is not None:
                if isinstance(days_value, int) and not isinstance(days_value, bool):
                    days = days_value
                else:
                    c.add((*p, "days"), f"expected a whole number of days, got {_kind(days_value)}")
            if start is not None:
                in_range(start, (*p, "start"))
            if end is not None:
                in_range(end, (*p, "end"))
            if start is None or end is None or name is None:
                continue
            if end < start:
                c.add((*p, "end"), f"ends ({end}) before it starts ({start})")
                continue
            length = (end - start).days + 1
            if days is not None and days != length:
                c.add((*p, "days"), f"says {days} days but {start} to {end} is {length} days")
            spans.append(HolidaySpan(name, start, end, name_en=name_en, days=days, text=text))
            span_paths.append(p)

    order = sorted(range(len(spans)), key=lambda k: spans[k].start)
    for a, b in pairwise(order):
        if spans[b].start <= spans[a].end:
            c.add(
                (*span_paths[b], "start"),
                f"overlaps holidays[{span_paths[a][1]}] ({spans[a].start} to {spans[a].end})",
            )

    names = {s.name for s in spans}
    swapped: list[SwappedWorkday] = []
    seen: dict[dt.date, int] = {}
    wds = top.get("workdays")
    if wds is None:
        c.add(("workdays",), "required list of swapped workdays is missing (use [] for none)")
    elif not isinstance(wds, list):
        c.add(("workdays",), f"expected a list, got {_kind(wds)}")
    else:
        for i, item in enumerate(wds):
            p = ("workdays", i)
            wm = c.mapping(item, p, _WORKDAY_KEYS)
            if wm is None:
                continue
            wdate = c.date(wm, "date", p, required=True)
            serves = c.text(wm, "holiday", p, required=True)
            wtext = c.text(wm, "text", p, required=False)
            if wdate is not None:
                in_range(wdate, (*p, "date"))
                if wdate.weekday() < 5:
                    c.add(
                        (*p, "date"),
                        f"{wdate} is a {wdate:%A} ({_WEEKDAY_ZH[wdate.weekday()]}); "
                        "a swapped workday (调休上班) must be a Saturday or Sunday",
                    )
                for s in spans:
                    if s.start <= wdate <= s.end:
                        c.add((*p, "date"), f"{wdate} lies inside the holiday {s.name}")
                if wdate in seen:
                    c.add((*p, "date"), f"{wdate} is listed twice (also workdays[{seen[wdate]}])")
                seen.setdefault(wdate, i)
            if serves is not None and spans and serves not in names:
                c.add((*p, "holiday"), f"{serves!r} is not one of this file's holidays")
            if wdate is not None and serves is not None:
                swapped.append(SwappedWorkday(wdate, serves, text=wtext))

    checked_with = c.texts(top, "checked_with")
    limitations = c.texts(top, "limitations")

    if c.problems or year is None or notice is None:
        raise LoadError(c.problems)
    return YearData(
        year=year,
        notice=notice,
        holidays=tuple(sorted(spans, key=lambda s: s.start)),
        workdays=tuple(sorted(swapped, key=lambda w: w.date)),
        references=tuple(references),
        checked_with=checked_with,
        limitations=limitations,
        source=file,
    )


def load_year_file(path: Path | str) -> YearData:
    """Read and check one year file (年度放假安排文件), YAML; see :func:`parse_year`."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise LoadError([Problem(path="", message=f"cannot read: {exc}", file=str(p))]) from None
    data, line_of = _yaml_loads(text, file=str(p))
    return parse_year(data, file=str(p), line_of=line_of)


# --------------------------------------------------------------------------------------------
# Weekend arithmetic in closed form (ordinal 1 = 0001-01-01 is a Monday)


def _weekdays_before(o: int) -> int:
    """Mondays-to-Fridays among the ordinals 1 .. o-1."""
    q, r = divmod(o - 1, 7)
    return 5 * q + (r if r < 5 else 5)


def _nth_weekday(i: int) -> int:
    """The ordinal of the Monday-to-Friday day with index ``i`` (index 0 is ordinal 1)."""
    q, r = divmod(i, 5)
    return 7 * q + r + 1


def _as_date(d: dt.date) -> dt.date:
    if isinstance(d, dt.datetime):
        return d.date()
    if isinstance(d, dt.date):
        return d
    raise TypeError(f"expected a datetime.date, got {type(d).__name__}")


# --------------------------------------------------------------------------------------------
# The calendar


def _sorted_years(years: Iterable[YearData]) -> tuple[YearData, ...]:
    return tuple(sorted(years, key=lambda y: y.year))


@attrs.frozen(repr=False)
class Calendar:
    """A working calendar (工作日历) built from one :class:`YearData` per covered year.

    Build it with :func:`china_calendar` (the bundled notices) or ``Calendar(years)``; extend
    it with :meth:`with_year_file`. It is immutable and safe to share.

    Every query takes ``estimate``. With ``estimate=False`` (the default) the answer is a plain
    value and always official; a day in a year without a notice raises
    :class:`~fazhi_model.errors.CalendarCoverageError`. With ``estimate=True`` the answer is an
    :class:`Answer` whose ``estimate`` flag tells whether any uncovered (weekends-only) day
    was used.
    """

    years: tuple[YearData, ...] = attrs.field(converter=_sorted_years)

    _covered: frozenset[int] = attrs.field(init=False, eq=False)
    _covered_tuple: tuple[int, ...] = attrs.field(init=False, eq=False)
    _by_year: dict[int, YearData] = attrs.field(init=False, eq=False)
    _official: dict[dt.date, bool] = attrs.field(init=False, eq=False)
    _names: dict[dt.date, str] = attrs.field(init=False, eq=False)
    _swapped: dict[dt.date, str] = attrs.field(init=False, eq=False)
    _lo: int = attrs.field(init=False, eq=False)
    _hi: int = attrs.field(init=False, eq=False)
    _work: bytes = attrs.field(init=False, eq=False)
    _cum: list[int] = attrs.field(init=False, eq=False)
    _wd_ord: list[int] = attrs.field(init=False, eq=False)
    _wd: list[dt.date] = attrs.field(init=False, eq=False)
    _nwd: int = attrs.field(init=False, eq=False)
    _base: int = attrs.field(init=False, eq=False)
    _delta: int = attrs.field(init=False, eq=False)
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
                        message=f"{y.year} is given twice (also in {by_year[y.year].source})",
                        file=y.source,
                    )
                )
            by_year.setdefault(y.year, y)

        # Overlay: what each notice says about a day (rest with a name, or swapped workday).
        says: dict[dt.date, tuple[bool, str, YearData]] = {}
        for y in self.years:
            entries = [(d, False, s.name) for s in y.holidays for d in s.dates()]
            entries += [(w.date, True, w.holiday) for w in y.workdays]
            for d, is_work, name in entries:
                prior = says.get(d)
                if prior is not None and prior[2] is not y:
                    problems.append(
                        Problem(
                            path="",
                            message=f"{d} is also given by the {prior[2].year} notice "
                            f"({prior[2].source})",
                            file=y.source,
                        )
                    )
                    continue
                says[d] = (is_work, name, y)
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
        covered_set = frozenset(covered)
        running = 0
        for k in range(hi - lo):
            o = lo + k
            day = dt.date.fromordinal(o)
            said = says.get(day)
            w = said[0] if said is not None else day.weekday() < 5
            if w:
                work[k] = 1
                running += 1
                wd_ord.append(o)
            cum[k + 1] = running
            if day.year in covered_set:
                official[day] = w
        gapless = bool(covered) and covered[-1] - covered[0] + 1 == len(covered)

        set_ = functools.partial(object.__setattr__, self)
        set_("_covered", covered_set)
        set_("_covered_tuple", covered)
        set_("_by_year", by_year)
        set_("_official", official)
        set_("_names", {d: v[1] for d, v in says.items() if not v[0]})
        set_("_swapped", {d: v[1] for d, v in says.items() if v[0]})
        set_("_lo", lo)
        set_("_hi", hi)
        set_("_work", bytes(work))
        set_("_cum", cum)
        set_("_wd_ord", wd_ord)
        set_("_wd", [dt.date.fromordinal(o) for o in wd_ord])
        set_("_nwd", len(wd_ord))
        base = _weekdays_before(lo)
        set_("_base", base)
        set_("_delta", base + running - _weekdays_before(hi))
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
        if data.year in self._covered and not replace:
            old = self._by_year[data.year]
            raise LoadError(
                [
                    Problem(
                        path="year",
                        message=f"{data.year} is already covered by {old.source or 'the calendar'}"
                        "; pass replace=True to replace it",
                        file=data.source,
                    )
                ]
            )
        return Calendar((*(y for y in self.years if y.year != data.year), data))

    def with_year_file(self, path: Path | str, *, replace: bool = False) -> Calendar:
        """A new calendar with the year read from a YAML file (see :func:`parse_year`).

        This is how to add a year whose notice came out after this library's release: copy a
        bundled file (``data/calendar/2026.yaml``), change the dates, and load it here.
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
        except KeyError:
            raise CalendarCoverageError(year, self._covered_tuple) from None

    def notice(self, year: int) -> Notice:
        """The holiday notice (放假通知) a covered year comes from."""
        return self.year_data(year).notice

    def _uncovered(self, a: int, b: int) -> tuple[int, ...]:
        """Uncovered years among the days with ordinals a..b inclusive (a <= b)."""
        if self._fast_lo <= a and b < self._fast_hi:
            return ()
        first = dt.date.fromordinal(max(a, 1)).year
        last = dt.date.fromordinal(min(b, dt.date.max.toordinal())).year
        return tuple(y for y in range(first, last + 1) if y not in self._covered)

    def _finish(self, value: T, uncovered: tuple[int, ...], estimate: bool) -> T | Answer[T]:
        if estimate:
            return Answer(value, bool(uncovered), uncovered)
        if uncovered:
            raise CalendarCoverageError(uncovered[0], self._covered_tuple)
        return value

    # ---------------------------------------------------------------- core arithmetic

    def _before(self, o: int) -> int:
        """Working days strictly before ordinal ``o`` (counted from ordinal 1)."""
        if o <= self._lo:
            return _weekdays_before(o)
        if o <= self._hi:
            return self._base + self._cum[o - self._lo]
        return _weekdays_before(o) + self._delta

    def _select(self, i: int) -> int:
        """The ordinal of the working day with index ``i`` (``_before(result) == i``)."""
        if i < self._base:
            return _nth_weekday(i)
        j = i - self._base
        if j < self._nwd:
            return self._wd_ord[j]
        return _nth_weekday(i - self._delta)

    def _work_at(self, o: int) -> bool:
        k = o - self._lo
        if 0 <= k < len(self._work):
            return self._work[k] == 1
        return (o - 1) % 7 < 5

    def _add(self, o: int, n: int) -> tuple[int, int, int]:
        """(result, first consulted, last consulted) for n != 0."""
        if n > 0:
            r = self._select(self._before(o + 1) + n - 1)
            return r, o + 1, r
        r = self._select(self._before(o) + n)
        return r, r, o - 1

    # ---------------------------------------------------------------- queries

    @overload
    def is_workday(self, d: dt.date, *, estimate: Literal[False] = False) -> bool: ...
    @overload
    def is_workday(self, d: dt.date, *, estimate: Literal[True]) -> Answer[bool]: ...
    @overload
    def is_workday(self, d: dt.date, *, estimate: bool) -> bool | Answer[bool]: ...
    def is_workday(self, d: dt.date, *, estimate: bool = False) -> bool | Answer[bool]:
        """Whether ``d`` is a working day (工作日): not in a holiday span, and either a Monday to
        Friday or a swapped working Saturday/Sunday (调休上班)."""
        if not estimate:
            try:
                return self._official[d]
            except KeyError:
                pass
        o = _as_date(d).toordinal()
        return self._finish(self._work_at(o), self._uncovered(o, o), estimate)

    @overload
    def is_restday(self, d: dt.date, *, estimate: Literal[False] = False) -> bool: ...
    @overload
    def is_restday(self, d: dt.date, *, estimate: Literal[True]) -> Answer[bool]: ...
    @overload
    def is_restday(self, d: dt.date, *, estimate: bool) -> bool | Answer[bool]: ...
    def is_restday(self, d: dt.date, *, estimate: bool = False) -> bool | Answer[bool]:
        """Whether ``d`` is a rest day (休息日, 法定休假日 in 民法典 第二百零三条): the opposite of
        :meth:`is_workday`."""
        o = _as_date(d).toordinal()
        return self._finish(not self._work_at(o), self._uncovered(o, o), estimate)

    @overload
    def holiday_name(self, d: dt.date, *, estimate: Literal[False] = False) -> str | None: ...
    @overload
    def holiday_name(self, d: dt.date, *, estimate: Literal[True]) -> Answer[str | None]: ...
    @overload
    def holiday_name(self, d: dt.date, *, estimate: bool) -> str | Answer[str | None] | None: ...
    def holiday_name(
        self, d: dt.date, *, estimate: bool = False
    ) -> str | Answer[str | None] | None:
        """The Chinese name of the holiday span ``d`` lies in (节日名称), e.g. 国庆节; None on
        other days, including ordinary weekends and swapped workdays."""
        day = _as_date(d)
        o = day.toordinal()
        return self._finish(self._names.get(day), self._uncovered(o, o), estimate)

    @overload
    def swapped_for(self, d: dt.date, *, estimate: Literal[False] = False) -> str | None: ...
    @overload
    def swapped_for(self, d: dt.date, *, estimate: Literal[True]) -> Answer[str | None]: ...
    @overload
    def swapped_for(self, d: dt.date, *, estimate: bool) -> str | Answer[str | None] | None: ...
    def swapped_for(self, d: dt.date, *, estimate: bool = False) -> str | Answer[str | None] | None:
        """If ``d`` is a swapped working Saturday/Sunday (调休上班日), the holiday it serves."""
        day = _as_date(d)
        o = day.toordinal()
        return self._finish(self._swapped.get(day), self._uncovered(o, o), estimate)

    @overload
    def add_workdays(self, d: dt.date, n: int, *, estimate: Literal[False] = False) -> dt.date: ...
    @overload
    def add_workdays(self, d: dt.date, n: int, *, estimate: Literal[True]) -> Answer[dt.date]: ...
    @overload
    def add_workdays(self, d: dt.date, n: int, *, estimate: bool) -> dt.date | Answer[dt.date]: ...
    def add_workdays(
        self, d: dt.date, n: int, *, estimate: bool = False
    ) -> dt.date | Answer[dt.date]:
        """The ``n``-th working day after ``d`` (``n > 0``) or before it (``n < 0``).

        ``d`` itself is never counted (民法典 第二百零一条: 开始的当日不计入), so
        ``add_workdays(d, 5)`` is the last day of "5个工作日内" counted from ``d``, whether or
        not ``d`` is a working day. ``n == 0`` returns ``d`` unchanged (nothing is counted and
        no calendar data is needed); use :meth:`workday_on_or_after` to roll a day forward.

        Only the days from ``d`` (exclusive) to the result (inclusive) need a notice.
        """
        if not estimate and n > 0 and self._fast_lo <= (o := d.toordinal()) < self._fast_hi:
            # Fast path: d and the result inside the official span (the table covers it).
            j = self._cum[o - self._lo + 1] + n - 1
            if j < self._nwd and self._wd_ord[j] < self._fast_hi:
                return self._wd[j]
        day = _as_date(d)
        if n == 0:
            return Answer(day, False) if estimate else day
        r, a, b = self._add(day.toordinal(), n)
        return self._finish(self._date(r), self._uncovered(a, b), estimate)

    @staticmethod
    def _date(o: int) -> dt.date:
        try:
            return dt.date.fromordinal(o)
        except (ValueError, OverflowError):
            raise OverflowError("date out of the range datetime.date can represent") from None

    @overload
    def next_workday(self, d: dt.date, *, estimate: Literal[False] = False) -> dt.date: ...
    @overload
    def next_workday(self, d: dt.date, *, estimate: Literal[True]) -> Answer[dt.date]: ...
    @overload
    def next_workday(self, d: dt.date, *, estimate: bool) -> dt.date | Answer[dt.date]: ...
    def next_workday(self, d: dt.date, *, estimate: bool = False) -> dt.date | Answer[dt.date]:
        """The first working day strictly after ``d`` (下一个工作日); ``add_workdays(d, 1)``."""
        return self.add_workdays(d, 1, estimate=estimate)

    @overload
    def workday_on_or_after(self, d: dt.date, *, estimate: Literal[False] = False) -> dt.date: ...
    @overload
    def workday_on_or_after(self, d: dt.date, *, estimate: Literal[True]) -> Answer[dt.date]: ...
    @overload
    def workday_on_or_after(self, d: dt.date, *, estimate: bool) -> dt.date | Answer[dt.date]: ...
    def workday_on_or_after(
        self, d: dt.date, *, estimate: bool = False
    ) -> dt.date | Answer[dt.date]:
        """``d`` if it is a working day, else the first working day after it (顺延至工作日).

        This is 民法典 第二百零三条's roll-forward: a last day that is a rest day becomes the
        day after the rest days end.
        """
        o = _as_date(d).toordinal()
        r = self._select(self._before(o))
        return self._finish(self._date(r), self._uncovered(o, r), estimate)

    @overload
    def last_workday_on_or_before(
        self, d: dt.date, *, estimate: Literal[False] = False
    ) -> dt.date: ...
    @overload
    def last_workday_on_or_before(
        self, d: dt.date, *, estimate: Literal[True]
    ) -> Answer[dt.date]: ...
    @overload
    def last_workday_on_or_before(
        self, d: dt.date, *, estimate: bool
    ) -> dt.date | Answer[dt.date]: ...
    def last_workday_on_or_before(
        self, d: dt.date, *, estimate: bool = False
    ) -> dt.date | Answer[dt.date]:
        """``d`` if it is a working day, else the last working day before it (提前至工作日).

        Useful as the practical date for a fixed date (e.g. 每年1月底前) that falls on a rest day.
        """
        o = _as_date(d).toordinal()
        r = self._select(self._before(o + 1) - 1)
        return self._finish(self._date(r), self._uncovered(r, o), estimate)

    @overload
    def count_workdays(
        self, start: dt.date, end: dt.date, *, estimate: Literal[False] = False
    ) -> int: ...
    @overload
    def count_workdays(
        self, start: dt.date, end: dt.date, *, estimate: Literal[True]
    ) -> Answer[int]: ...
    @overload
    def count_workdays(
        self, start: dt.date, end: dt.date, *, estimate: bool
    ) -> int | Answer[int]: ...
    def count_workdays(
        self, start: dt.date, end: dt.date, *, estimate: bool = False
    ) -> int | Answer[int]:
        """Working days counted from ``start`` to ``end``: **start exclusive, end inclusive**
        (民法典 第二百零一条), i.e. the number of working days in ``(start, end]``.

        If ``end < start`` the count runs backwards and is negative: minus the working days in
        ``[end, start)``. So ``count_workdays(d, add_workdays(d, n)) == n`` for every ``d``
        and ``n``; ``count_workdays(d, d) == 0``.
        """
        s = _as_date(start).toordinal()
        e = _as_date(end).toordinal()
        if e == s:
            return Answer(0, False) if estimate else 0
        if e > s:
            value = self._before(e + 1) - self._before(s + 1)
            return self._finish(value, self._uncovered(s + 1, e), estimate)
        value = self._before(e) - self._before(s)
        return self._finish(value, self._uncovered(e, s - 1), estimate)

    # ---------------------------------------------------------------- batches

    @overload
    def is_workday_many(
        self, dates: Iterable[dt.date], *, estimate: Literal[False] = False
    ) -> list[bool]: ...
    @overload
    def is_workday_many(
        self, dates: Iterable[dt.date], *, estimate: Literal[True]
    ) -> list[Answer[bool]]: ...
    @overload
    def is_workday_many(
        self, dates: Iterable[dt.date], *, estimate: bool
    ) -> list[bool] | list[Answer[bool]]: ...
    def is_workday_many(
        self, dates: Iterable[dt.date], *, estimate: bool = False
    ) -> list[bool] | list[Answer[bool]]:
        """:meth:`is_workday` for each date, in order (批量判断)."""
        if estimate:
            return [self.is_workday(d, estimate=True) for d in dates]
        official = self._official
        dates = dates if isinstance(dates, Sequence) else list(dates)
        try:
            return [official[d] for d in dates]
        except KeyError:
            return [self.is_workday(d) for d in dates]

    @overload
    def add_workdays_many(
        self,
        dates: Iterable[dt.date],
        n: int | Iterable[int],
        *,
        estimate: Literal[False] = False,
    ) -> list[dt.date]: ...
    @overload
    def add_workdays_many(
        self, dates: Iterable[dt.date], n: int | Iterable[int], *, estimate: Literal[True]
    ) -> list[Answer[dt.date]]: ...
    @overload
    def add_workdays_many(
        self, dates: Iterable[dt.date], n: int | Iterable[int], *, estimate: bool
    ) -> list[dt.date] | list[Answer[dt.date]]: ...
    def add_workdays_many(
        self, dates: Iterable[dt.date], n: int | Iterable[int], *, estimate: bool = False
    ) -> list[dt.date] | list[Answer[dt.date]]:
        """:meth:`add_workdays` for each date (批量推算), with one ``n`` for all or one each.

        Pure Python, no numpy needed. With ``n`` a sequence it must have as many items as
        ``dates`` (``ValueError`` otherwise).
        """
        counts: Iterable[int] = repeat(n) if isinstance(n, int) else n
        if estimate:
            return [
                self.add_workdays(d, k, estimate=True)
                for d, k in zip(dates, counts, strict=not isinstance(n, int))
            ]
        lo, cum, wd, wd_ord, nwd = self._lo, self._cum, self._wd, self._wd_ord, self._nwd
        flo, fhi, span = self._fast_lo, self._fast_hi, len(self._work)
        out: list[dt.date] = []
        append = out.append
        slow = self.add_workdays
        for d, k in zip(dates, counts, strict=not isinstance(n, int)):
            i = d.toordinal() - lo
            if 0 <= i < span:
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
        return out


# --------------------------------------------------------------------------------------------
# The bundled calendar


@functools.cache
def _bundled() -> Calendar:
    folder = data_dir() / "calendar"
    return Calendar(load_year_file(p) for p in sorted(folder.glob("*.yaml")))


def china_calendar(extra: Iterable[Path | str] = ()) -> Calendar:
    """The working calendar of the PRC (全国工作日历) from the bundled notices (2024–2026),
    plus any user year files in ``extra`` (each as :meth:`Calendar.with_year_file`).

    The bundled calendar is built once and cached; a calendar with extra files is built anew
    on each call (the files may have changed).
    """
    cal = _bundled()
    for path in extra:
        cal = cal.with_year_file(path)
    return cal
