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

The result's :attr:`PeriodResult.due` is **inclusive**: the act is on time if done on that day
(until 24:00, or close of business where there are business hours, 第二百零三条第二款).

Ranges (范围): the amount is a whole number from 1 to :data:`MAX_AMOUNT` (100,000); the start
and the answer lie in the calendar's range (covered years for the official calendar; 1949–2100
for an estimating one). Outside them: :class:`~fazhi_model.errors.InputError` or
:class:`~fazhi_model.errors.CalendarCoverageError`, never an overflow.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from fazhi_model.dates.china import china_calendar
from fazhi_model.dates.estimating import (
    AnyCalendar,
    EstimatingCalendar,
    answer_add_workdays,
    answer_holiday_name,
    answer_swapped_for,
    answer_workday_on_or_after,
)
from fazhi_model.dates.workdays import Calendar, as_date
from fazhi_model.errors import InputError
from fazhi_model.model.provisions import Counting
from fazhi_model.wording import WEEKDAYS, WEEKDAYS_EN

__all__ = ["MAX_AMOUNT", "PeriodResult", "RestDay", "add_period"]

MAX_AMOUNT = 100_000
"""The largest amount of a period (days, working days, months or years): 100,000."""

CIVIL_200 = "民法典 第二百条"
CIVIL_201 = "民法典 第二百零一条"
CIVIL_202 = "民法典 第二百零二条"
CIVIL_203 = "民法典 第二百零三条"
CIVIL_204 = "民法典 第二百零四条"
LICENSING_82 = "行政许可法 第八十二条"
SWAP_OPINION = "民通意见 (已废止; 调休 reading; article number not verified)"

_ENGLISH = {
    Counting.DAYS: "day",
    Counting.WORKDAYS: "working day",
    Counting.MONTHS: "month",
    Counting.YEARS: "year",
}


@attrs.frozen
class RestDay:
    """A rest day passed over at the end of a period (顺延跳过的休息日), with why it rests."""

    date: dt.date
    reason: str
    """The holiday's Chinese name (e.g. 国庆节), or 周六/周日 for an ordinary weekend day."""


@attrs.frozen(kw_only=True)
class PeriodResult:
    """A computed period (期间计算结果): its last day and how it was found.

    ``due`` is the **last day on which the act is on time, inclusive** (期间届满日; until 24:00
    or close of business). ``nominal_end`` is the last day before 民法典 第二百零三条's
    roll-forward; ``skipped`` lists the rest days between them (empty when the nominal last day
    is a working day, and always empty for working-day periods). ``counting`` is the
    provision model's :class:`~fazhi_model.model.provisions.Counting`. ``estimate`` is true
    when some day consulted lies in a year without a holiday notice (``uncovered``), estimated
    by rule (weekends and statutory holidays, no swapped days): such a ``due`` is **not** an
    official answer.
    """

    start: dt.date
    due: dt.date
    nominal_end: dt.date
    counting: Counting
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
        elif self.counting is Counting.WORKDAYS:
            lines.append(
                "顺延 Roll-forward: 不适用 (the last day is a working day by construction)"
            )
        else:
            lines.append("顺延 Roll-forward: 无 (the nominal last day is a working day)")
        lines.append(f"届满日 Due (inclusive, until 24:00 or close of business): {_day(self.due)}")
        if self.estimate:
            years = ", ".join(map(str, self.uncovered))
            lines.append(
                f"估算 ESTIMATE: {years}年放假安排未发布 (no holiday notice is known for {years}); "
                "there Saturdays, Sundays and the statutory holidays of 全国年节及纪念日放假办法 "
                "第二条 were taken as the rest days, without swapped working days (调休). "
                "Not an official answer."
            )
        else:
            lines.append("日历 Calendar: official (国务院办公厅放假通知)")
        lines.append(f"另有规定除外 Unless a law or the parties provide otherwise ({CIVIL_204}).")
        return "\n".join(lines)


def _day(d: dt.date) -> str:
    w = d.weekday()
    return f"{d.isoformat()} ({WEEKDAYS[w]} {WEEKDAYS_EN[w]})"


def _shift(start: dt.date, counting: Counting, amount: int) -> dt.date:
    try:
        if counting is Counting.DAYS:
            return start + dt.timedelta(days=amount)
        if counting is Counting.MONTHS:
            return start + relativedelta(months=amount)
        return start + relativedelta(years=amount)
    except (OverflowError, ValueError):
        raise InputError(
            f"期间末日超出日期范围 (expected a last day up to {dt.date.max}; "
            f"{amount} {_ENGLISH[counting]}(s) from {start} go beyond it)"
        ) from None


def add_period(
    start: dt.date,
    *,
    days: int | None = None,
    workdays: int | None = None,
    months: int | None = None,
    years: int | None = None,
    calendar: AnyCalendar | None = None,
) -> PeriodResult:
    """The period of ``days`` / ``workdays`` / ``months`` / ``years`` (exactly one, a whole
    number from 1 to :data:`MAX_AMOUNT`) counted from ``start`` (期间计算), under 民法典
    第二百零一条 to 第二百零三条.

    ``calendar`` defaults to the official :func:`~fazhi_model.dates.china.china_calendar`: a
    consulted day in a year without a notice raises
    :class:`~fazhi_model.errors.CalendarCoverageError`. With an estimating calendar
    (``china_calendar(estimate=True)``) the result says ``estimate=True`` when it relied on
    such a day. Only the days that decide the answer are consulted: for calendar-day, month
    and year periods the nominal last day and any rest days after it; for working-day periods
    every day after ``start`` up to the result.

    ``start`` is a ``datetime.date`` (a ``datetime`` gives its date); anything else, a wrong
    amount or a wrong calendar raises :class:`~fazhi_model.errors.InputError`.
    """
    start = as_date(start, "start")
    given = [
        (c, v)
        for c, v in (
            (Counting.DAYS, days),
            (Counting.WORKDAYS, workdays),
            (Counting.MONTHS, months),
            (Counting.YEARS, years),
        )
        if v is not None
    ]
    if len(given) != 1:
        raise InputError(
            "须且仅须给出一种期间 (give exactly one of days=, workdays=, months=, years=)"
        )
    counting, amount = given[0]
    if isinstance(amount, bool) or not isinstance(amount, int) or not 1 <= amount <= MAX_AMOUNT:
        raise InputError(
            f"期间数额须为 1 至 {MAX_AMOUNT} 的整数 (expected the amount to be a whole number "
            f"from 1 to {MAX_AMOUNT}, got {amount!r:.40})"
        )
    if calendar is None:
        calendar = china_calendar()
    elif not isinstance(calendar, Calendar | EstimatingCalendar):
        raise InputError(
            f"expected calendar= a Calendar or EstimatingCalendar, got {type(calendar).__name__}"
        )
    cal = calendar

    if counting is Counting.WORKDAYS:
        ans = answer_add_workdays(cal, start, amount)
        due = ans.value
        rule = (
            f"按工作日计算：开始的当日不计入，自下一日起第{amount}个工作日为最后一日；"
            "工作日不含法定节假日，调休上班的周六、周日是工作日。"
            " Working days: the start day is not counted; the last day is the "
            f"{_ordinal(amount)} working day after it; statutory rest days are not working "
            "days, swapped working weekend days are."
            " 行政许可法 第八十二条 等法律就其自身期限规定按工作日计算, 此处仅作参照 (类推);"
            " 文件写明“工作日”才是按工作日计算的依据。 (行政许可法 art. 82 and the like set"
            " their own periods in working days and are cited by analogy only; the basis is the"
            " document's own word 工作日.)"
        )
        cited: tuple[str, ...] = (CIVIL_201, LICENSING_82)
        if answer_swapped_for(cal, due).value is not None:
            cited += (SWAP_OPINION,)
        return PeriodResult(
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
    nominal = _shift(start, counting, amount)
    if counting is Counting.DAYS:
        rule = (
            "按日计算：开始的当日不计入，自下一日开始计算；最后一日是法定休假日的，"
            "以法定休假日结束的次日为最后一日。 Calendar days: the start day is not counted; a "
            "last day on a statutory rest day moves to the day after the rest days end."
        )
        articles = (CIVIL_200, CIVIL_201, CIVIL_203)
    else:
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

    ans = answer_workday_on_or_after(cal, nominal)
    due = ans.value
    skipped: list[RestDay] = []
    o = nominal.toordinal()
    while o < due.toordinal():  # only the few rest days at the end, never the whole period
        day = dt.date.fromordinal(o)
        skipped.append(RestDay(day, answer_holiday_name(cal, day).value or WEEKDAYS[day.weekday()]))
        o += 1
    if (
        answer_swapped_for(cal, nominal).value is not None
        or answer_swapped_for(cal, due).value is not None
    ):
        articles += (SWAP_OPINION,)
    return PeriodResult(
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
