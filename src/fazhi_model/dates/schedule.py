"""Due dates (到期日): the provisions of a document laid out on the calendar of one year.

:func:`schedule` turns the dated provisions into one :class:`DueDate` per bearer unit and date:

* :class:`~fazhi_model.model.provisions.RecurringDueDate` (定期报送): each of its annual dates
  in the year. 每年1月底前 is the last calendar day of January, that day included (NOTES §2).
* :class:`~fazhi_model.model.provisions.Deadline` (期限): one due date per trigger event given in
  ``events`` (keyed by the deadline's ``trigger``), counted by
  :func:`fazhi_model.dates.periods.add_period`: working days for 工作日 (the day of the event not
  counted), calendar days under 民法典 第二百零一条 and 第二百零三条 for 日.
* :class:`~fazhi_model.model.provisions.Target` and
  :class:`~fazhi_model.model.provisions.Staffing` with ``by_year`` equal to the year:
  31 December of that year, inclusive.

Three dates are given for each:

``nominal``
    the date the text sets (1月底 = 31 January; for a period of calendar days, the last day
    before any roll-forward).
``practical``
    the last working day on or before ``nominal``: the safe day to act, since offices are
    closed on rest days.
``due``
    the legal due date. For a period (期间) of calendar days, 民法典 第二百零三条 moves a last
    day that is a rest day to the first working day after it. For a fixed date (每年1月底前) it
    is not settled whether that rule applies (NOTES §2): by default ``due`` is the nominal
    date; ``roll_forward=True`` moves a fixed date on a rest day to the first working day on
    or after it. Both are stated in each due date's ``basis``.

Units: each date is given for every unit the bearer expands to in the registry
(:meth:`~fazhi_model.model.units.Registry.expand`); the reserved bearer 责任单位 stands for the
task's annotation (:meth:`~fazhi_model.model.units.Registry.expand_all`). A bearer the registry
expands to no unit gives one due date with ``unit=None``, so that nothing is dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from fazhi_model._display import table
from fazhi_model.dates.china import china_calendar
from fazhi_model.dates.estimating import (
    AnyCalendar,
    EstimatingCalendar,
    answer_last_workday_on_or_before,
    answer_workday_on_or_after,
)
from fazhi_model.dates.periods import add_period
from fazhi_model.dates.workdays import Calendar
from fazhi_model.errors import CalendarCoverageError, InputError
from fazhi_model.model.document import Document, Task
from fazhi_model.model.provisions import (
    Counting,
    Deadline,
    Provision,
    RecurringDueDate,
    Staffing,
    Target,
)
from fazhi_model.model.rules import YEARS
from fazhi_model.model.summary import summary
from fazhi_model.model.units import Registry, Unit
from fazhi_model.wording import by_month_end, day_with_weekday

__all__ = ["DueDate", "Schedule", "bearer_units", "schedule"]


@attrs.frozen(kw_only=True)
class DueDate:
    """One provision due from one unit on one date (到期事项). All dates are inclusive.

    ``provision`` is the provision's id; ``action`` what is due, in the document's words;
    ``source`` the quoted sentence; ``covers`` what a submission covers (上一年度发文目录);
    ``event`` the trigger date a deadline was counted from; ``basis`` says, in Chinese, which
    rule gave the dates. ``estimate`` is true when a date relied on a year without a holiday
    notice (an estimating calendar was passed): such dates are **not** official.
    """

    due: dt.date
    nominal: dt.date
    practical: dt.date
    provision: str
    kind: str
    task: int | None
    unit: Unit | None
    bearer: str
    action: str
    source: str
    basis: str
    covers: str | None = None
    event: dt.date | None = None
    estimate: bool = False

    @property
    def uid(self) -> str:
        """A stable identifier: provision, unit, nominal date (and event), ``@fazhi-model``."""
        unit = self.unit.id if self.unit is not None else "no-unit"
        event = f"-from{self.event:%Y%m%d}" if self.event is not None else ""
        return f"{self.provision}-{unit}-{self.nominal:%Y%m%d}{event}@fazhi-model"

    def to_row(self) -> dict[str, Any]:
        """The due date as a flat JSON-ready row; dates as ``YYYY-MM-DD``."""
        return {
            "due": self.due.isoformat(),
            "nominal": self.nominal.isoformat(),
            "practical": self.practical.isoformat(),
            "provision": self.provision,
            "kind": self.kind,
            "task": self.task,
            "unit": self.unit.name if self.unit is not None else None,
            "unit_id": self.unit.id if self.unit is not None else None,
            "bearer": self.bearer,
            "action": self.action,
            "covers": self.covers,
            "event": self.event.isoformat() if self.event is not None else None,
            "basis": self.basis,
            "source": self.source,
            "estimate": self.estimate,
        }


class Schedule(tuple[DueDate, ...]):
    """The due dates of a year, sorted by due date (日程表); a tuple with JSON and HTML views."""

    __slots__ = ()

    def to_rows(self) -> list[dict[str, Any]]:
        """One :meth:`DueDate.to_row` per due date."""
        return [d.to_row() for d in self]

    def _repr_html_(self) -> str:
        head = ("到期日", "建议办理日", "条款", "单位", "事项", "依据")
        body = [
            (d.due, d.practical, d.provision, d.unit.name if d.unit else "", d.action, d.basis)
            for d in self
        ]
        return table(head, body, css="fazhi-schedule")


def schedule(
    doc: Document,
    year: int,
    *,
    unit: str | None = None,
    zones: bool = False,
    calendar: AnyCalendar | None = None,
    events: Mapping[str, Sequence[dt.date]] | None = None,
    roll_forward: bool = False,
) -> Schedule:
    """The due dates of ``year`` (年度日程), sorted by due date, provision and unit.

    ``unit`` keeps only the units that name stands for (a unit's full name, short form or
    id; a group gives its members). ``events`` maps a deadline's ``trigger`` to the dates the
    event happened, e.g. ``{"normative-document-published": [date(2025, 3, 3)]}``; a key no
    deadline uses is an error; each event given is scheduled, whatever year its due date
    falls in. ``roll_forward`` moves a fixed date on a rest day to the next
    working day (see the module notes). ``zones`` counts functional zones as counties.

    ``calendar`` is the official bundled calendar by default; with it, a ``year`` without a
    holiday notice raises :class:`~fazhi_model.errors.CalendarCoverageError`. Pass a calendar
    with the year's file (``china_calendar(["2027.yaml"])``) or an estimating one
    (``china_calendar(estimate=True)``, every estimated due date flagged ``estimate``).
    ``year`` must be in 1949–2100 (:class:`~fazhi_model.errors.InputError` otherwise).
    """
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
        raise InputError(
            f"年份超出范围 (expected a year from {YEARS.start} to {YEARS.stop - 1}, "
            f"got {year!r:.40})"
        )
    if calendar is None:
        cal: AnyCalendar = china_calendar()
    elif isinstance(calendar, Calendar | EstimatingCalendar):
        cal = calendar
    else:
        raise InputError(
            f"expected calendar= a Calendar or EstimatingCalendar, got {type(calendar).__name__}"
        )
    if isinstance(cal, Calendar) and year not in cal.covered_years:
        raise CalendarCoverageError(year, cal.covered_years)
    registry = doc.registry
    events = dict(events or {})
    triggers = {p.trigger for _, p in doc.provisions() if isinstance(p, Deadline)}
    unknown = sorted(set(events) - triggers)
    if unknown:
        raise InputError(
            f"未知触发事件 (unknown trigger) {', '.join(map(repr, unknown))}; the deadlines of "
            f"{doc.id} use: {', '.join(sorted(triggers)) or 'none'}"
        )
    keep = {u.id for u in registry.expand(unit, zones=zones)} if unit is not None else None
    found: list[DueDate] = []
    for task, provision in doc.provisions():
        units = bearer_units(registry, task, provision, zones=zones)
        if keep is not None:
            units = tuple(u for u in units if u.id in keep)
            if not units:
                continue
        for dated in _dates(provision, year, events, cal, roll_forward):
            for bearer in units or (None,):
                found.append(
                    DueDate(unit=bearer, task=task.number if task is not None else None, **dated)
                )
    order = {u.id: i for i, u in enumerate(registry.units)}
    found.sort(
        key=lambda d: (
            d.due,
            d.practical,
            d.provision,
            order.get(d.unit.id, -1) if d.unit is not None else -1,
            d.event or d.due,
        )
    )
    return Schedule(found)


def bearer_units(
    registry: Registry, task: Task | None, provision: Provision, *, zones: bool = False
) -> tuple[Unit, ...]:
    """The units a provision's bearer stands for (承担单位).

    The reserved bearer 责任单位 is the task's annotation; a catch-all (其他…) excludes the
    units named beside it in the task's annotation. A role or group that covers no unit of
    the registry gives ``()``.
    """
    beside = task.responsible if task is not None else ()
    return registry.expand_bearer(provision.bearer, beside, zones=zones)


def _dates(
    provision: Provision,
    year: int,
    events: Mapping[str, Sequence[dt.date]],
    cal: AnyCalendar,
    roll_forward: bool,
) -> Iterable[dict[str, Any]]:
    """The dates of one provision in ``year``, as keyword arguments of :class:`DueDate`."""
    if isinstance(provision, RecurringDueDate):
        for annual in provision.dates:
            nominal = _annual(year, annual.month, annual.day)
            words = by_month_end(annual.month, annual.day)
            yield _fixed(provision, nominal, words, cal, roll_forward, covers=annual.covers)
    elif isinstance(provision, Target | Staffing) and provision.by_year == year:
        nominal = dt.date(year, 12, 31)
        yield _fixed(provision, nominal, f"到{year}年", cal, roll_forward)
    elif isinstance(provision, Deadline):
        for event in events.get(provision.trigger, ()):
            yield _deadline(provision, event, cal)


def _annual(year: int, month: int, day: int | None) -> dt.date:
    if day is not None:
        return dt.date(year, month, day)
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _fixed(
    provision: Provision,
    nominal: dt.date,
    words: str,
    cal: AnyCalendar,
    roll_forward: bool,
    covers: str | None = None,
) -> dict[str, Any]:
    before = answer_last_workday_on_or_before(cal, nominal)
    after = answer_workday_on_or_after(cal, nominal) if roll_forward else before
    practical = before.value
    due = after.value if roll_forward else nominal
    basis = f"“{words}”: 截止{day_with_weekday(nominal)}(含当日)"
    if practical != nominal:
        basis += f"; 该日为休息日, 此前最后一个工作日为{day_with_weekday(practical)}"
        if roll_forward:
            basis += (
                f"; 按所选规则顺延至其后第一个工作日{day_with_weekday(due)}"
                "(民法典第二百零三条是否适用于固定日期尚无定论)"
            )
        else:
            basis += "; 未顺延(民法典第二百零三条是否适用于固定日期尚无定论, 可选择顺延)"
    return {
        **_about(provision, covers, when=words),
        "nominal": nominal,
        "practical": practical,
        "due": due,
        "basis": basis,
        "estimate": before.estimate or after.estimate,
    }


def _about(
    provision: Provision, covers: str | None = None, *, when: str | None = None
) -> dict[str, Any]:
    """The fields of :class:`DueDate` that describe the provision.

    A recurring submission is described by the one date it is due on (``when``, 1月底前).
    """
    if isinstance(provision, RecurringDueDate) and when is not None:
        action = f"{when}{provision.action}"
    else:
        action = summary(provision)
    return {
        "provision": provision.id,
        "kind": provision.kind,
        "bearer": provision.bearer,
        "action": f"{action}({covers})" if covers else action,
        "source": provision.source,
        "covers": covers,
    }


def _deadline(provision: Deadline, event: dt.date, cal: AnyCalendar) -> dict[str, Any]:
    amount = provision.amount
    if provision.counting is Counting.WORKDAYS:
        period = add_period(event, workdays=amount, calendar=cal)
    elif provision.counting is Counting.MONTHS:
        period = add_period(event, months=amount, calendar=cal)
    elif provision.counting is Counting.YEARS:
        period = add_period(event, years=amount, calendar=cal)
    else:
        period = add_period(event, days=amount, calendar=cal)
    practical = answer_last_workday_on_or_before(cal, period.nominal_end)
    basis = f"{provision.trigger_label}: {day_with_weekday(event)}\n{period.explain()}"
    return {
        **_about(provision),
        "nominal": period.nominal_end,
        "practical": practical.value,
        "due": period.due,
        "basis": basis,
        "event": event,
        "estimate": period.estimate or practical.estimate,
    }
