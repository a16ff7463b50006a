"""The statutory holidays (法定节假日) of 全国年节及纪念日放假办法 第二条, by rule.

A year without a State Council notice has no official calendar, but its statutory holidays
are known in advance: 元旦 (1月1日), 春节 (农历除夕、正月初一至初三), 清明节 (农历清明当日),
劳动节 (5月1日、2日), 端午节 (农历端午当日), 中秋节 (农历中秋当日), 国庆节 (10月1日至3日), as
amended by 国务院令第795号 (in force 2025-01-01). An estimating calendar
(:meth:`fazhi_model.dates.workdays.Calendar.estimating`) counts these days as rest days,
besides Saturdays and Sundays. It does not guess the swapped working days (调休) or bridge days
a notice adds: those are why an estimate may still differ from the official answer.

The rule and its source are data (``data/calendar/statutory-holidays.yaml``: the article's
text, the amending order, references, how it was checked, limitations). The lunar dates and
the solar term 清明 come from the ``lunar-python`` package (``pip install 'fazhi_model[lunar]'``);
without it an estimate raises :class:`~fazhi_model.errors.MissingDependencyError`.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from typing import Any

import attrs

from fazhi_model.errors import InputError, LoadError, Problem, require
from fazhi_model.model.document import Reference
from fazhi_model.model.rules import YEARS
from fazhi_model.store._bundled import data_dir
from fazhi_model.store._converter import structure
from fazhi_model.store.load import parse

__all__ = [
    "Reckoning",
    "StatutoryHoliday",
    "StatutoryRule",
    "statutory_holidays",
    "statutory_rule",
]


class Reckoning(enum.Enum):
    """How a holiday's first day is found (历法)."""

    GREGORIAN = "gregorian"
    """公历: a fixed month and day."""
    LUNAR = "lunar"
    """农历: a month and day of the Chinese lunisolar calendar (never a leap month)."""
    SOLAR_TERM = "solar_term"
    """节气: the day of a solar term, such as 清明."""


@attrs.frozen(kw_only=True)
class StatutoryHoliday:
    """One holiday of 第二条 (全体公民放假的节日): how its first day is found, and its length.

    The first day is ``month``/``day`` of the year (公历 or 农历, by ``reckoning``) or the
    day of the solar term ``term``, moved by ``offset`` days (春节 starts on 除夕, the day
    before 正月初一); the holiday lasts ``days`` days from it.
    """

    name: str
    reckoning: Reckoning
    days: int
    name_en: str | None = None
    month: int | None = None
    day: int | None = None
    term: str | None = None
    offset: int = 0


@attrs.frozen(kw_only=True)
class StatutoryRule:
    """全国年节及纪念日放假办法 第二条 as data, with the order that last amended it."""

    title: str
    article: str
    text: str
    amended_by: Reference
    signed: dt.date | None
    in_force: dt.date | None
    holidays: tuple[StatutoryHoliday, ...]
    references: tuple[Reference, ...] = ()
    checked_with: tuple[str, ...] = ()
    limitations: tuple[str, ...] = ()


@functools.cache
def statutory_rule() -> StatutoryRule:
    """The bundled rule (``data/calendar/statutory-holidays.yaml``), read once."""
    path = data_dir() / "calendar" / "statutory-holidays.yaml"
    data, line_of = parse(path)
    rule = structure(data, StatutoryRule, file=str(path), lines=line_of)
    problems = [
        Problem(
            path=f"holidays[{i}]", message=message, file=str(path), line=line_of(("holidays", i))
        )
        for i, h in enumerate(rule.holidays)
        if (message := _shape_problem(h)) is not None
    ]
    if problems:
        raise LoadError(problems)
    return rule


def _shape_problem(h: StatutoryHoliday) -> str | None:
    if h.days < 1:
        return f"expected at least one day, got {h.days}"
    if h.reckoning is Reckoning.SOLAR_TERM:
        return None if h.term else "a solar-term holiday needs 'term'"
    if h.month is None or h.day is None or not (1 <= h.month <= 12 and 1 <= h.day <= 31):
        return "expected 'month' (1-12) and 'day' (1-31)"
    return None


def _lunar() -> Any:
    return require(
        "lunar_python", "lunar", feature="估算法定节假日 (estimating statutory holidays)"
    )


@functools.lru_cache(maxsize=256)
def statutory_holidays(year: int) -> dict[dt.date, str]:
    """The rest days 第二条 gives in ``year``, each with its holiday's Chinese name.

    Only days of ``year`` itself are returned (a holiday never crosses New Year under the
    current rule). ``year`` must be in :data:`~fazhi_model.model.rules.YEARS`.
    """
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
        raise InputError(f"expected a year from {YEARS.start} to {YEARS.stop - 1}, got {year!r}")
    rule = statutory_rule()
    days: dict[dt.date, str] = {}
    for h in rule.holidays:
        first = _first_day(h, year) + dt.timedelta(days=h.offset)
        for k in range(h.days):
            d = first + dt.timedelta(days=k)
            if d.year == year:
                days.setdefault(d, h.name)
    return days


def _first_day(h: StatutoryHoliday, year: int) -> dt.date:
    if h.reckoning is Reckoning.GREGORIAN:
        assert h.month is not None and h.day is not None  # checked by statutory_rule()
        return dt.date(year, h.month, h.day)
    lunar = _lunar()
    if h.reckoning is Reckoning.LUNAR:
        assert h.month is not None and h.day is not None
        solar = lunar.Lunar.fromYmd(year, h.month, h.day).getSolar()
    else:
        table = lunar.Lunar.fromYmd(year, 6, 1).getJieQiTable()
        solar = table[h.term]
        if solar.getYear() != year:  # the table spans two years; pick this year's term
            solar = lunar.Lunar.fromYmd(year + 1, 1, 1).getJieQiTable()[h.term]
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())
