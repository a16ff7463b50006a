"""Counting periods (期间计算) under 民法典 第二百条 to 第二百零四条, and working-day periods.

:func:`add_period` answers "N日内 / N个工作日内 / N个月内 / N年内, counted from a start day: what
is the last day on which the act is on time?":

* the start day is not counted; counting begins the next day (民法典 第二百零一条);
* a month or year period ends on the corresponding day of the last month, or on that month's
  last day where it has no such day (第二百零二条), e.g. 2024-01-31 + 1个月 = 2024-02-29;
* a last day that is a statutory rest day (法定休假日: a holiday of the year's notice, or a
  Saturday/Sunday that is not a swapped working day) moves to the day after the rest days end,
  i.e. the first working day after it (第二百零三条第一款);
* a swapped working Saturday/Sunday (调休上班日) is a working day, so a period may end on it (the
  former 民通意见, article number not verified here: where rest days are swapped, the actual
  rest days count);
* "N个工作日内" ends on the N-th working day after the start (statutes that count in working days
  say they exclude statutory holidays: 行政许可法 第八十二条, 行政处罚法 第八十五条, 行政强制法
  第六十九条, 行政复议法 第八十八条第二款; 政府信息公开条例 counts 7/15/20 个工作日);
* all of this applies unless a law or the parties provide otherwise (第二百零四条).

The result's :attr:`Period.due` is **inclusive**: the act is on time if done on that day (until
24:00, or close of business where there are business hours, 第二百零三条第二款).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from fazhi_model.dates.workdays import Calendar, china_calendar

__all__ = ["Period", "PeriodCounting", "RestDay", "add_period"]

_WEEKDAY_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_WEEKDAY_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

CIVIL_200 = "民法典 第二百条"
CIVIL_201 = "民法典 第二百零一条"
CIVIL_202 = "民法典 第二百零二条"
CIVIL_203 = "民法典 第二百零三条"
CIVIL_204 = "民法典 第二百零四条"
LICENSING_82 = "行政许可法 第八十二条"
SWAP_OPINION = "民通意见 (已废止; 调休 reading; article number not verified)"


class PeriodCounting(enum.Enum):
    """How a period is counted (计算单位). The value is the English word used in JSON."""

    DAYS = "days"
    """日: calendar days (民法典 第二百零一条, 第二百零三条)."""
    WORKDAYS = "workdays"
    """工作日: working days, statutory rest days excluded (e.g. 行政许可法 第八十二条)."""
    MONTHS = "months"
    """月: calendar months (民法典 第二百零二条)."""
    YEARS = "years"
    """年: calendar years (民法典 第二百零二条)."""

    @property
    def label(self) -> str:
        """The Chinese unit as written after the number: 日, 个工作日, 个月, 年."""
        return _LABELS[self]


_LABELS = {
    PeriodCounting.DAYS: "日",
    PeriodCounting.WORKDAYS: "个工作日",
    PeriodCounting.MONTHS: "个月",
    PeriodCounting.YEARS: "年",
}
_ENGLISH = {
    PeriodCounting.DAYS: "day",
    PeriodCounting.WORKDAYS: "working day",
    PeriodCounting.MONTHS: "month",
    PeriodCounting.YEARS: "year",
}


@attrs.frozen
class RestDay:
    """A rest day passed over at the end of a period (顺延跳过的休息日), with why it rests."""

    date: dt.date
    reason: str
    """The holiday's Chinese name (e.g. 国庆节), or 周六/周日 for an ordinary weekend day."""


@attrs.frozen(kw_only=True)
class Period:
    """A computed period (期间) and how it was computed.

    ``due`` is the **last day on which the act is on time, inclusive** (期间届满日; until 24:00
    or close of business). ``nominal_end`` is the last day before 民法典 第二百零三条's
    roll-forward; ``skipped`` lists the rest days between them (empty when the nominal last day
    is a working day, and always empty for working-day periods). ``estimate`` is true when some
    day consulted lies in a year without a holiday notice (``uncovered``), which was treated as
    weekends-only: such a ``due`` is **not** an official answer.
    """

    start: dt.date
    due: dt.date
    nominal_end: dt.date
    counting: PeriodCounting
    amount: int
    rule: str
    articles: tuple[str, ...]
    skipped: tuple[RestDay, ...] = ()
    estimate: bool = False
    uncovered: tuple[int, ...] = ()

    @property
    def skipped_dates(self) -> tuple[dt.date, ...]:
        """The dates of :attr:`skipped`."""
        return tuple(r.date for r in self.skipped)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: ISO dates, the counting's English word."""
        return {
            "due": self.due.isoformat(),
            "start": self.start.isoformat(),
            "counting": self.counting.value,
            "amount": self.amount,
            "nominal_end": self.nominal_end.isoformat(),
            "skipped": [r.date.isoformat() for r in self.skipped],
            "articles": list(self.articles),
            "rule": self.rule,
            "estimate": self.estimate,
            "uncovered_years": list(self.uncovered),
        }

    def explain(self) -> str:
        """A multi-line explanation in Chinese and English: rule, articles, days skipped."""
        unit_en = _ENGLISH[self.counting] + ("" if self.amount == 1 else "s")
        lines = [
            f"期间 Period: 自 {_day(self.start)} 起 {self.amount}{self.counting.label}"
            f" ({self.amount} {unit_en} from {self.start.isoformat()})",
            f"规则 Rule: {self.rule}",
            f"依据 Articles: {'；'.join(self.articles)}",
            f"名义末日 Nominal last day: {_day(self.nominal_end)}",
        ]
        if self.skipped:
            lines.append("顺延 Rolled forward over rest days (民法典 第二百零三条第一款):")
            lines += [f"  - {_day(r.date)} {r.reason}" for r in self.skipped]
        elif self.counting is PeriodCounting.WORKDAYS:
            lines.append(
                "顺延 Roll-forward: 不适用 (the last day is a working day by construction)"
            )
        else:
            lines.append("顺延 Roll-forward: 无 (the nominal last day is a working day)")
        lines.append(f"届满日 Due (inclusive, until 24:00 or close of business): {_day(self.due)}")
        if self.estimate:
            years = ", ".join(map(str, self.uncovered))
            lines.append(
                f"估算 ESTIMATE: no holiday notice is known for {years}; Saturdays and Sundays "
                "were taken as the only rest days there. Not an official answer."
            )
        else:
            lines.append("日历 Calendar: official (国务院办公厅放假通知)")
        lines.append(f"另有规定除外 Unless a law or the parties provide otherwise ({CIVIL_204}).")
        return "\n".join(lines)


def _day(d: dt.date) -> str:
    w = d.weekday()
    return f"{d.isoformat()} ({_WEEKDAY_ZH[w]} {_WEEKDAY_EN[w]})"


def add_period(
    start: dt.date,
    *,
    days: int | None = None,
    workdays: int | None = None,
    months: int | None = None,
    years: int | None = None,
    calendar: Calendar | None = None,
    estimate: bool = False,
) -> Period:
    """The period of ``days`` / ``workdays`` / ``months`` / ``years`` (exactly one, a positive
    whole number) counted from ``start`` (期间计算), under 民法典 第二百零一条 to 第二百零三条.

    ``calendar`` defaults to :func:`~fazhi_model.dates.workdays.china_calendar`. A consulted
    day in a year without a notice raises :class:`~fazhi_model.errors.CalendarCoverageError` unless
    ``estimate=True``, in which case the result has ``estimate=True`` if it relied on such a
    day. Only the days that decide the answer are consulted: for calendar-day, month and year
    periods the nominal last day and any rest days after it; for working-day periods every day
    after ``start`` up to the result.

    ``start`` may be a ``datetime``; only its date is used.
    """
    given = [
        (c, v)
        for c, v in (
            (PeriodCounting.DAYS, days),
            (PeriodCounting.WORKDAYS, workdays),
            (PeriodCounting.MONTHS, months),
            (PeriodCounting.YEARS, years),
        )
        if v is not None
    ]
    if len(given) != 1:
        raise ValueError("give exactly one of days=, workdays=, months=, years=")
    counting, amount = given[0]
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 1:
        raise ValueError(f"the amount must be a positive whole number, got {amount!r}")
    if isinstance(start, dt.datetime):
        start = start.date()
    cal = calendar if calendar is not None else china_calendar()

    if counting is PeriodCounting.WORKDAYS:
        ans = cal.add_workdays(start, amount, estimate=True)
        if ans.estimate and not estimate:
            cal.add_workdays(start, amount)  # raises CalendarCoverageError naming the year
        due = ans.value
        rule = (
            f"按工作日计算：开始的当日不计入，自下一日起第{amount}个工作日为最后一日；"
            "工作日不含法定节假日，调休上班的周六、周日是工作日。"
            " Working days: the start day is not counted; the last day is the "
            f"{_ordinal(amount)} working day after it; statutory rest days are not working "
            "days, swapped working weekend days are."
        )
        cited: tuple[str, ...] = (CIVIL_201, LICENSING_82)
        if cal.swapped_for(due, estimate=True).value is not None:
            cited += (SWAP_OPINION,)
        return Period(
            start=start,
            due=due,
            nominal_end=due,
            counting=counting,
            amount=amount,
            rule=rule,
            articles=cited,
            estimate=ans.estimate,
            uncovered=ans.uncovered,
        )

    articles: tuple[str, ...]
    if counting is PeriodCounting.DAYS:
        nominal = start + dt.timedelta(days=amount)
        rule = (
            "按日计算：开始的当日不计入，自下一日开始计算；最后一日是法定休假日的，"
            "以法定休假日结束的次日为最后一日。 Calendar days: the start day is not counted; a "
            "last day on a statutory rest day moves to the day after the rest days end."
        )
        articles = (CIVIL_200, CIVIL_201, CIVIL_203)
    else:
        if counting is PeriodCounting.MONTHS:
            nominal = start + relativedelta(months=amount)
        else:
            nominal = start + relativedelta(years=amount)
        rule = (
            "按月/年计算：开始的当日不计入；到期月的对应日为最后一日，没有对应日的，"
            "月末日为最后一日；最后一日是法定休假日的，以法定休假日结束的次日为最后一日。"
            " Months/years: the last day is the corresponding day of the last month, or that "
            "month's last day where it has none; a last day on a statutory rest day moves to "
            "the day after the rest days end."
        )
        articles = (CIVIL_200, CIVIL_201, CIVIL_202, CIVIL_203)
        if nominal.day != start.day:
            rule += (
                f" 到期月没有第{start.day}日，以月末日为最后一日 (no day {start.day}: month end)."
            )

    ans = cal.workday_on_or_after(nominal, estimate=True)
    if ans.estimate and not estimate:
        cal.workday_on_or_after(nominal)  # raises CalendarCoverageError naming the year
    due = ans.value
    skipped: list[RestDay] = []
    o = nominal.toordinal()
    while o < due.toordinal():  # only the few rest days at the end, never the whole period
        day = dt.date.fromordinal(o)
        name = cal.holiday_name(day, estimate=True).value
        skipped.append(RestDay(day, name or _WEEKDAY_ZH[day.weekday()]))
        o += 1
    if (
        cal.swapped_for(nominal, estimate=True).value is not None
        or cal.swapped_for(due, estimate=True).value is not None
    ):
        articles += (SWAP_OPINION,)
    return Period(
        start=start,
        due=due,
        nominal_end=nominal,
        counting=counting,
        amount=amount,
        rule=rule,
        articles=articles,
        skipped=tuple(skipped),
        estimate=ans.estimate,
        uncovered=ans.uncovered,
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
