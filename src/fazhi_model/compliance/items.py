"""Items to supervise (督办事项): every dated obligation of a document, expanded to its units.

:func:`items` lists, for one year, each obligation a supervising office (法治督察, 督查室) can
follow on a calendar, one :class:`Item` per provision, unit and occurrence:

* recurring submissions (定期报送, e.g. task 8's 1月底前 and 7月底前 发文目录) on each of their
  dates in the year, with the nominal, practical and legal due dates of
  :func:`fazhi_model.dates.schedule.schedule`;
* deadlines triggered by events (期限, e.g. a 规范性文件 published on a date → its 15-day
  filing deadline), one per :class:`Event` given, for the unit the event happened to;
* targets and staffing with a year (到2025年), due on 31 December of that year, inclusive;
* annual quotas (每年…不少于N次), due on 31 December of the year, inclusive; their expected
  pace during the year is judged by :func:`fazhi_model.compliance.status.status`.

Not supervised, and listed in :attr:`Items.undated` with the reason: quotas counted over a term
of office (任期内, no date without the terms), targets of another year or of no year,
deadlines whose event was not given, workflows and duties (no date in the text).

Item ids (事项编号) are stable, so a platform can store them: ``provision/unit/occurrence``, e.g.
``t08.p03/sfj/2025-01-31`` (the nominal date), ``t03.p03/sfj/2025`` (the year of a quota) or
``t08.p02/sfj/2024-09-27/赣市司规〔2024〕1号`` (the event date and its reference). A bearer that
stands for no unit of the registry keeps its items with the unit id ``no-unit``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TypeAlias

import attrs

from fazhi_model.dates.china import china_calendar
from fazhi_model.dates.schedule import DueDate, bearer_units, schedule
from fazhi_model.dates.workdays import Calendar
from fazhi_model.errors import CalendarCoverageError, Problem
from fazhi_model.model.document import Document
from fazhi_model.model.provisions import Deadline, Per, Period, Quota, Staffing, Target
from fazhi_model.model.summary import summary
from fazhi_model.model.units import Registry, Unit
from fazhi_model.store.tables import (
    Field,
    Location,
    Problems,
    Schema,
    Table,
    read_located,
)
from fazhi_model.wording import day_with_weekday

__all__ = [
    "EVENTS",
    "NO_UNIT",
    "Event",
    "EventSource",
    "Item",
    "Items",
    "Undated",
    "build_items",
    "item_id",
    "items",
    "located_events",
    "read_events",
]

NO_UNIT = "no-unit"
"""The unit id in the item id of a bearer that stands for no unit of the registry."""


@attrs.frozen(kw_only=True)
class Event:
    """A trigger event (触发事件) that starts a deadline for one unit.

    ``kind`` is the deadline's trigger id (``normative-document-published``) or its label as
    the document words it (行政规范性文件公布); ``unit`` a name the registry resolves to one unit;
    ``date`` the day of the event (not counted in the period); ``reference`` what identifies
    it, e.g. a 规范性文件's number (文号). Two events of one kind, unit and date need distinct
    references.
    """

    kind: str
    unit: str
    date: dt.date
    reference: str | None = None


EVENTS = Schema(
    "events",
    (
        Field(
            "kind",
            aliases=("事件", "事件类型", "类型", "trigger"),
            description="a deadline's trigger id or label (行政规范性文件公布)",
        ),
        Field(
            "unit",
            aliases=("单位", "制定机关", "发文单位", "责任单位"),
            description="the unit the event happened to",
        ),
        Field(
            "date",
            "date",
            aliases=("日期", "公布日期", "发布日期", "印发日期", "事件日期"),
            description="the day of the event (not counted in the period)",
        ),
        Field(
            "reference",
            required=False,
            aliases=("文号", "发文字号", "文件编号"),
            description="what identifies the event, e.g. a document's number",
        ),
    ),
)
"""The events file (事件清单): its fields and the headers each may be written as."""

EventSource: TypeAlias = Any
"""Events: :class:`Event` objects, or any source :func:`fazhi_model.store.tables.read_table`
reads (a CSV/XLSX/JSON path, a DataFrame, mappings)."""


def _event(table: Table, row: int, values: dict[str, Any]) -> Event:
    return Event(
        kind=values["kind"],
        unit=values["unit"],
        date=values["date"],
        reference=values.get("reference"),
    )


def located_events(
    source: EventSource, bad: Problems, *, sheet: str | int | None = None
) -> list[tuple[Event, Location]]:
    """The events of a source with where each was read; bad rows are reported to ``bad``."""
    return list(read_located(source, EVENTS, Event, _event, bad, sheet=sheet))


def read_events(source: EventSource, *, sheet: str | int | None = None) -> list[Event]:
    """The events of a file (CSV, XLSX, JSON), a DataFrame or mappings (读取事件清单).

    Columns: ``kind`` (事件类型), ``unit`` (单位), ``date`` (日期), ``reference`` (文号, optional).
    Raises :class:`~fazhi_model.errors.LoadError` listing every bad row.
    """
    bad = Problems(str(source) if isinstance(source, str | Path) else None)
    found = [e for e, _ in located_events(source, bad, sheet=sheet)]
    bad.raise_if_any()
    return found


@attrs.frozen(kw_only=True)
class Item:
    """One obligation of one unit on one occasion (督办事项). All dates are inclusive.

    ``nominal``, ``practical`` and ``due`` are as in
    :class:`~fazhi_model.dates.schedule.DueDate`: the date the text sets, the last working
    day on or before it, and the legal due date. ``occurrence`` tells the item apart from the
    same provision's other items for the unit (nominal date, year, or event date and
    reference). For an annual quota, ``activity``, ``required`` (the yearly minimum, ``None``
    where only a maximum is set), ``measure`` (次, 学时) and ``per_person`` describe it.
    """

    id: str
    provision: str
    kind: str
    task: int | None
    unit: Unit | None
    bearer: str
    occurrence: str
    action: str
    source: str
    basis: str
    nominal: dt.date
    practical: dt.date
    due: dt.date
    event: dt.date | None = None
    reference: str | None = None
    activity: str | None = None
    required: int | None = None
    maximum: int | None = None
    measure: str | None = None
    per_person: bool = False

    @property
    def unit_id(self) -> str:
        """The unit's id, or ``no-unit``."""
        return self.unit.id if self.unit is not None else NO_UNIT

    @property
    def unit_name(self) -> str:
        """The unit's full name, or the bearer as written where it stands for no unit."""
        return self.unit.name if self.unit is not None else self.bearer


@attrs.frozen(kw_only=True)
class Undated:
    """A provision with bearers but no date to supervise in the year, and why (无固定期限)."""

    provision: str
    kind: str
    reason: str


@attrs.frozen
class Items:
    """The items of a year, sorted by due date, provision and unit (督办事项清单).

    Iterating gives the items; ``undated`` lists the provisions that give no item, with the
    reason.
    """

    rows: tuple[Item, ...]
    undated: tuple[Undated, ...] = ()

    def __iter__(self) -> Iterator[Item]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def item_id(provision: str, unit_id: str, occurrence: str) -> str:
    """``provision/unit/occurrence``: the stable id of an item."""
    return f"{provision}/{unit_id}/{occurrence}"


def items(
    doc: Document,
    year: int,
    *,
    events: EventSource | None = None,
    unit: str | None = None,
    zones: bool = False,
    calendar: Calendar | None = None,
    roll_forward: bool = False,
) -> Items:
    """The items to supervise in ``year`` (年度督办事项), sorted by due date.

    ``events`` start deadlines (:class:`Event` objects, or a file, DataFrame or mappings with
    the columns of :data:`EVENTS`): each gives one item per deadline of its kind, for its
    unit, whatever year the deadline falls in. ``unit`` keeps the items of the units that name
    stands for (a unit, a group); events of other units are then left out. ``zones`` counts
    functional zones as counties; ``roll_forward`` moves a fixed date on a rest day to the
    next working day (see :mod:`fazhi_model.dates.schedule`).

    Raises :class:`~fazhi_model.errors.LoadError` listing every bad event (unknown kind or
    unit, a unit that bears no deadline of that kind, two events that cannot be told apart),
    and :class:`~fazhi_model.errors.CalendarCoverageError` for a year without a holiday notice.
    """
    bad = Problems(str(events) if isinstance(events, str | Path) else None)
    located = located_events(events, bad) if events is not None else []
    bad.raise_if_any()
    found = build_items(
        doc,
        year,
        located,
        bad,
        unit=unit,
        zones=zones,
        calendar=calendar,
        roll_forward=roll_forward,
    )
    bad.raise_if_any()
    return found


def build_items(
    doc: Document,
    year: int,
    located: Sequence[tuple[Event, Location]],
    bad: Problems,
    *,
    unit: str | None = None,
    zones: bool = False,
    calendar: Calendar | None = None,
    roll_forward: bool = False,
) -> Items:
    """:func:`items` from events already read; bad events are reported to ``bad``."""
    cal = calendar if calendar is not None else china_calendar()
    if year not in cal.covered_years:
        raise CalendarCoverageError(year, cal.covered_years)
    registry = doc.registry
    keep = {u.id for u in registry.expand(unit, zones=zones)} if unit is not None else None
    dated = schedule(doc, year, unit=unit, zones=zones, calendar=cal, roll_forward=roll_forward)
    found = [_from_due(d, d.nominal.isoformat()) for d in dated if d.kind != "deadline"]
    found += _quotas(doc, year, cal, keep, zones, roll_forward)
    found += _event_items(doc, year, located, bad, cal, keep, zones, roll_forward)
    order = {u.id: i for i, u in enumerate(registry.units)}
    found.sort(
        key=lambda i: (
            i.due,
            i.provision,
            order.get(i.unit_id, -1),
            i.event or i.due,
            i.reference or "",
        )
    )
    return Items(tuple(found), tuple(_undated(doc, year, [e for e, _ in located])))


def _from_due(d: DueDate, occurrence: str, reference: str | None = None) -> Item:
    unit_id = d.unit.id if d.unit is not None else NO_UNIT
    key = occurrence if reference is None else f"{occurrence}/{reference}"
    return Item(
        id=item_id(d.provision, unit_id, key),
        provision=d.provision,
        kind=d.kind,
        task=d.task,
        unit=d.unit,
        bearer=d.bearer,
        occurrence=key,
        action=d.action,
        source=d.source,
        basis=d.basis,
        nominal=d.nominal,
        practical=d.practical,
        due=d.due,
        event=d.event,
        reference=reference,
    )


def _quotas(
    doc: Document,
    year: int,
    cal: Calendar,
    keep: set[str] | None,
    zones: bool,
    roll_forward: bool,
) -> Iterator[Item]:
    """One item per annual quota and bearer unit, due on 31 December (inclusive)."""
    nominal = dt.date(year, 12, 31)
    practical = cal.last_workday_on_or_before(nominal)
    due = cal.workday_on_or_after(nominal) if roll_forward else nominal
    basis = f"“每年”: 截止{day_with_weekday(nominal)}(含当日)"
    if practical != nominal:
        basis += f"; 该日为休息日, 此前最后一个工作日为{day_with_weekday(practical)}"
        if roll_forward:
            basis += f"; 按所选规则顺延至{day_with_weekday(due)}"
    registry = doc.registry
    for task, quota in doc.provisions():
        if not isinstance(quota, Quota) or quota.period is not Period.YEAR:
            continue
        units: Sequence[Unit | None] = bearer_units(registry, task, quota, zones=zones)
        if keep is not None:
            units = [u for u in units if u is not None and u.id in keep]
            if not units:
                continue
        for bearer in units or (None,):
            unit_id = bearer.id if bearer is not None else NO_UNIT
            yield Item(
                id=item_id(quota.id, unit_id, str(year)),
                provision=quota.id,
                kind=quota.kind,
                task=task.number if task is not None else None,
                unit=bearer,
                bearer=quota.bearer,
                occurrence=str(year),
                action=summary(quota),
                source=quota.source,
                basis=basis,
                nominal=nominal,
                practical=practical,
                due=due,
                activity=quota.activity,
                required=quota.minimum,
                maximum=quota.maximum,
                measure=quota.measure.value,
                per_person=quota.per is not Per.UNIT,
            )


def _undated(doc: Document, year: int, events: Sequence[Event]) -> list[Undated]:
    triggers = _triggers(doc)
    started = {triggers.get(e.kind.strip()) for e in events}
    found = []
    for _, p in doc.provisions():
        if isinstance(p, Target | Staffing) and p.by_year != year:
            reason = (
                "无截止年份(持续要求) (no year: an ongoing target)"
                if p.by_year is None
                else f"截止年份为{p.by_year}年 (due in another year)"
            )
        elif isinstance(p, Deadline) and p.trigger not in started:
            reason = f"未提供“{p.trigger_label}”事件 (no {p.trigger} event given)"
        elif isinstance(p, Quota) and p.period is Period.TERM:
            reason = "任期内指标: 截止日取决于任期, 未提供任期 (term quota: no date without terms)"
        elif p.kind in ("workflow", "duty"):
            reason = "原文未规定期限 (the text sets no date)"
        else:
            continue
        found.append(Undated(provision=p.id, kind=p.kind, reason=reason))
    return found


def _triggers(doc: Document) -> dict[str, str]:
    """Every name a trigger answers to (its id and its label) → its id."""
    names: dict[str, str] = {}
    for _, p in doc.provisions():
        if isinstance(p, Deadline):
            names[p.trigger] = p.trigger
            names[p.trigger_label] = p.trigger
    return names


def _resolve_unit(registry: Registry, name: str) -> Unit | str:
    entry = registry.find(name.strip())
    if isinstance(entry, Unit):
        return entry
    if entry is None:
        return f"未知单位 {name!r} (unknown unit: not in the registry {registry.id!r})"
    return f"{name!r} 不是单一单位 (names a group or role, not one unit)"


def _event_items(
    doc: Document,
    year: int,
    located: Sequence[tuple[Event, Location]],
    bad: Problems,
    cal: Calendar,
    keep: set[str] | None,
    zones: bool,
    roll_forward: bool,
) -> list[Item]:
    """The deadline items the events start; every bad event is reported to ``bad``."""
    if not located:
        return []
    registry = doc.registry
    triggers = _triggers(doc)

    def problem(where: Location, field: str, message: str) -> None:
        file, label, line = where
        bad.report(
            Problem(
                path=f"{label}.{field}" if field else label, message=message, file=file, line=line
            )
        )

    # (unit id, trigger) → event dates; (unit id, trigger, date) → (where, reference) in order
    dates: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
    refs: dict[tuple[str, str, dt.date], list[tuple[Location, str | None]]] = defaultdict(list)
    units: dict[str, Unit] = {}
    for event, where in located:
        trigger = triggers.get(event.kind.strip())
        if trigger is None:
            accepted = ", ".join(sorted(triggers)) or "none"
            problem(
                where,
                "kind",
                f"未知事件类型 {event.kind!r} (unknown event kind; accepted: {accepted})",
            )
            continue
        found = _resolve_unit(registry, event.unit)
        if isinstance(found, str):
            problem(where, "unit", found)
            continue
        if keep is not None and found.id not in keep:
            continue
        key = (found.id, trigger, event.date)
        reference = event.reference.strip() if event.reference else None
        same = next((w for w, r in refs[key] if r == reference), None)
        if same is not None:
            problem(
                where,
                "reference",
                f"与 {same[1]} 重复: 同一单位、类型、日期的事件需以不同文号区分 "
                "(duplicate event: give distinct references)",
            )
            continue
        units[found.id] = found
        dates[(found.id, trigger)].append(event.date)
        refs[key].append((where, reference))
    found_items: list[Item] = []
    for (unit_id, trigger), days in dates.items():
        due_dates = schedule(
            doc,
            year,
            unit=unit_id,
            zones=zones,
            calendar=cal,
            events={trigger: days},
            roll_forward=roll_forward,
        )
        deadlines = [
            d
            for d in due_dates
            if d.kind == "deadline" and d.unit is not None and d.unit.id == unit_id
        ]
        if not deadlines:
            for day in sorted(set(days)):
                for where, _ in refs[(unit_id, trigger, day)]:
                    problem(
                        where,
                        "unit",
                        f"{units[unit_id].name} 不承担由 {trigger!r} 引起的期限 "
                        "(this unit bears no deadline started by this event)",
                    )
            continue
        taken: dict[tuple[str, dt.date], int] = defaultdict(int)
        for d in deadlines:
            assert d.event is not None
            slot = refs[(unit_id, trigger, d.event)]
            n = taken[(d.provision, d.event)]
            taken[(d.provision, d.event)] += 1
            found_items.append(_from_due(d, d.event.isoformat(), slot[n][1]))
    return found_items
