"""Supervision status (督办状态): on a given day, is each item done, due soon, behind or overdue.

:func:`status` takes the items of a year (:func:`fazhi_model.compliance.items.items`), the
progress ledger (:mod:`fazhi_model.compliance.progress`) and optionally the activity records,
and judges each item as of ``today`` by the official working calendar. The rules, in the order
they are applied (see ``docs/status.md``):

``done`` 已完成
    the unit reported 已完成 (or the office 已销号) on a date on or before the due date; for an
    annual quota with records given, the records reach the yearly minimum by ``today``.
``done_late`` 已完成(逾期)
    reported 已完成 or 已销号 on a date after the due date. A reported status never overrides
    the calendar: a late completion stays marked as late.
``overdue`` 逾期
    not done and ``today`` is after the due date.
``due_soon`` 临期
    not done, ``today`` on or before the due date, and the working days after ``today`` up
    to and including the due date are at most ``warn_workdays`` (3 by default).
``behind`` 滞后
    an annual quota not done whose records by ``today`` fall short of the expected pace
    (序时进度): the yearly minimum × the share of the year elapsed (``today`` included), by
    calendar days (default) or by working days; for a quota counted in 次 the expected count
    is rounded down to whole occurrences (half a meeting cannot be held), for 学时 it is not.
``not_due`` 未到期
    none of the above.

Each judged item explains itself in one line (which rule, which dates). The review is *as of*
``today``: ledger entries, records and events dated after it are not counted (their number is
given in :attr:`StatusReport.notes`).
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from fazhi_model._display import table
from fazhi_model.compliance.check import Result, check
from fazhi_model.compliance.items import EventSource, Item, Undated, build_items, located_events
from fazhi_model.compliance.progress import (
    ProgressEntry,
    ProgressSource,
    Reported,
    latest,
    progress_entries,
)
from fazhi_model.compliance.records import Number, Record, RecordSource, read_records
from fazhi_model.dates.china import china_calendar
from fazhi_model.dates.workdays import Calendar
from fazhi_model.errors import InputError, require
from fazhi_model.model.document import Document
from fazhi_model.store.tables import Problems
from fazhi_model.wording import PACE_LABELS, STATE_LABELS, day_with_weekday

if TYPE_CHECKING:
    import pandas

__all__ = [
    "STATE_COLOURS",
    "STATE_RULES",
    "ItemStatus",
    "Pace",
    "State",
    "StatusReport",
    "UnitSummary",
    "expected_share",
    "status",
]

PaceBasis = Literal["calendar", "workdays"]


class State(enum.Enum):
    """The judged state of an item (督办状态), worst first; the values are the ``--json`` values."""

    OVERDUE = "overdue"
    """逾期: past the due date, not done."""
    DUE_SOON = "due_soon"
    """临期: due within ``warn_workdays`` working days, not done."""
    BEHIND = "behind"
    """滞后: an annual quota behind its expected pace."""
    NOT_DUE = "not_due"
    """未到期: not yet due, nothing to chase."""
    DONE_LATE = "done_late"
    """已完成(逾期): done after the due date."""
    DONE = "done"
    """已完成: done on or before the due date."""

    @property
    def label(self) -> str:
        """The Chinese label (逾期, 临期, 滞后, 未到期, 已完成(逾期), 已完成)."""
        return STATE_LABELS[self.value]

    @property
    def rank(self) -> int:
        """0 for the worst state (overdue), 5 for done."""
        return _RANK[self]

    @property
    def colour(self) -> str:
        """The background colour of the state on supervision platforms (hex)."""
        return STATE_COLOURS[self.value]


_RANK = {s: i for i, s in enumerate(State)}

STATE_COLOURS = {
    "overdue": "#F8696B",
    "due_soon": "#FFC000",
    "behind": "#FFEB84",
    "not_due": "#FFFFFF",
    "done_late": "#C6E0B4",
    "done": "#63BE7B",
}
"""Colours of the states, as supervision platforms show them: red overdue, amber due soon,
yellow behind, white not due, pale green done late, green done."""

STATE_RULES = {
    "done": (
        "报告已完成(或已销号)且完成日期不晚于截止日; 年度数量指标提供台账记录时, "
        "以记录截至当日达到年度要求为准",
        "reported done (or closed) on or before the due date; for an annual quota with "
        "records, the records reach the yearly minimum by the review day",
    ),
    "done_late": (
        "报告已完成(或已销号)但完成日期晚于截止日: 上报状态不改变逾期事实",
        "reported done (or closed) after the due date: the report does not hide the delay",
    ),
    "overdue": (
        "未完成, 且当日已过截止日(截止日当天仍未逾期)",
        "not done, and the review day is after the due date (the due date itself is not late)",
    ),
    "due_soon": (
        "未完成, 未过截止日, 且当日之后至截止日(含)的工作日数不超过预警天数(默认3个)",
        "not done, not past due, and the working days after the review day up to and "
        "including the due date are at most the warning days (3 by default)",
    ),
    "behind": (
        "年度数量指标未完成, 截至当日的台账记录低于序时进度: 年度要求 × 已过时间比例"
        "(含当日; 按日历日或工作日), 以“次”计的指标向下取整",
        "an annual quota not done whose records by the review day fall short of the "
        "expected pace: yearly minimum × share of the year elapsed (review day included; by "
        "calendar or working days), rounded down for counts",
    ),
    "not_due": (
        "以上均不适用: 尚未到期, 暂无需督办",
        "none of the above: not yet due, nothing to chase",
    ),
}
"""Each state's rule, in Chinese and English (the rules of the module notes)."""


@attrs.frozen(kw_only=True)
class Pace:
    """An annual quota's progress against its expected pace (序时进度) on the review day.

    ``share`` is the part of the year elapsed (``today`` included), by ``basis``; ``expected``
    the yearly minimum × share (rounded down for counts in 次); ``actual`` what the records
    show by ``today``. For a per-person quota (每人) the figures are those of the person
    furthest behind, and ``persons``/``behind_persons`` count the persons the records name.
    """

    required: Number
    actual: Number
    expected: Number
    share: float
    basis: str
    persons: int = 0
    behind_persons: tuple[str, ...] = ()
    per_person: bool = False
    note: str | None = None

    @property
    def behind(self) -> bool:
        """Whether ``actual`` falls short of ``expected``."""
        return self.actual < self.expected or bool(self.behind_persons)

    @property
    def met(self) -> bool:
        """Whether ``actual`` reaches the yearly minimum (every person, for 每人)."""
        return self.actual >= self.required and (self.persons > 0 or not self.per_person)


@attrs.frozen(kw_only=True)
class ItemStatus:
    """One item's judged state on the review day (事项状态).

    ``workdays_left`` counts the working days after ``today`` up to and including the due
    date (``None`` once past it); ``workdays_overdue`` and ``days_overdue`` count the working
    and calendar days after the due date up to and including ``today`` (``None`` before).
    ``reported``/``reported_on``/``note`` are the latest ledger entry; ``conflict`` says where
    the reported status and the calendar or records disagree.
    """

    item: Item
    state: State
    explanation: str
    workdays_left: int | None = None
    workdays_overdue: int | None = None
    days_overdue: int | None = None
    reported: Reported | None = None
    reported_on: dt.date | None = None
    note: str | None = None
    pace: Pace | None = None
    conflict: str | None = None

    def to_row(self) -> dict[str, Any]:
        """A flat JSON-ready row: English keys and enum values, dates as ``YYYY-MM-DD``."""
        i = self.item
        p = self.pace
        return {
            "id": i.id,
            "state": self.state.value,
            "state_label": self.state.label,
            "provision": i.provision,
            "kind": i.kind,
            "task": i.task,
            "unit": i.unit_name,
            "unit_id": i.unit_id,
            "occurrence": i.occurrence,
            "action": i.action,
            "nominal": i.nominal.isoformat(),
            "practical": i.practical.isoformat(),
            "due": i.due.isoformat(),
            "event": i.event.isoformat() if i.event else None,
            "reference": i.reference,
            "workdays_left": self.workdays_left,
            "workdays_overdue": self.workdays_overdue,
            "days_overdue": self.days_overdue,
            "reported": self.reported.value if self.reported else None,
            "reported_on": self.reported_on.isoformat() if self.reported_on else None,
            "note": self.note,
            "required": p.required if p else i.required,
            "actual": p.actual if p else None,
            "expected": p.expected if p else None,
            "measure": i.measure,
            "conflict": self.conflict,
            "explanation": self.explanation,
            "basis": i.basis,
        }


@attrs.frozen(kw_only=True)
class UnitSummary:
    """Counts of one unit's items by state (单位汇总)."""

    unit: str
    unit_id: str
    kind: str | None
    counts: Mapping[State, int]

    @property
    def total(self) -> int:
        """All the unit's items."""
        return sum(self.counts.values())


@attrs.frozen(kw_only=True)
class StatusReport:
    """The status of every item on the review day (督办报告), worst first.

    Rows are sorted by state (overdue first), then due date, unit and provision. ``notes``
    say what was read and left aside; ``undated`` the provisions with no date to supervise.
    """

    year: int
    today: dt.date
    warn_workdays: int
    pace: str
    rows: tuple[ItemStatus, ...]
    notes: tuple[str, ...] = ()
    undated: tuple[Undated, ...] = ()

    def __iter__(self) -> Iterator[ItemStatus]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def counts(self) -> dict[State, int]:
        """How many items are in each state (every state, 0 included), worst first."""
        found = dict.fromkeys(State, 0)
        for r in self.rows:
            found[r.state] += 1
        return found

    @property
    def summary(self) -> dict[str, int]:
        """Counts by state value (``overdue``…``done``) and ``items``, for ``--json``."""
        return {"items": len(self.rows), **{s.value: n for s, n in self.counts().items()}}

    def by_unit(self) -> list[UnitSummary]:
        """Per-unit counts, the units with the most overdue items first (then due soon…)."""
        counts: dict[str, dict[State, int]] = {}
        about: dict[str, tuple[str, str | None]] = {}
        for r in self.rows:
            uid = r.item.unit_id
            if uid not in counts:
                counts[uid] = dict.fromkeys(State, 0)
                u = r.item.unit
                about[uid] = (r.item.unit_name, u.kind.value if u is not None else None)
            counts[uid][r.state] += 1
        found = [
            UnitSummary(unit=about[u][0], unit_id=u, kind=about[u][1], counts=c)
            for u, c in counts.items()
        ]
        found.sort(key=lambda s: (*(-s.counts[st] for st in State), s.unit))
        return found

    def filter(
        self,
        *,
        state: State | str | Iterable[State | str] | None = None,
        unit: str | Iterable[str] | None = None,
    ) -> StatusReport:
        """The report with only the rows in ``state`` (a state, its value or Chinese label, or
        several) and of ``unit`` (a unit's full name, short form, alias or id, or several).

        Raises :class:`~fazhi_model.errors.InputError` for an unknown state.
        """
        rows = self.rows
        if state is not None:
            wanted = {_state(s) for s in ([state] if isinstance(state, State | str) else state)}
            rows = tuple(r for r in rows if r.state in wanted)
        if unit is not None:
            names = {unit} if isinstance(unit, str) else set(unit)
            rows = tuple(
                r
                for r in rows
                if r.item.unit_id in names
                or r.item.unit_name in names
                or (r.item.unit is not None and names & set(r.item.unit.names))
            )
        return attrs.evolve(self, rows=rows)

    def to_rows(self) -> list[dict[str, Any]]:
        """One :meth:`ItemStatus.to_row` per item."""
        return [r.to_row() for r in self.rows]

    def to_dataframe(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame (needs ``fazhi_model[pandas]``)."""
        pd = require("pandas", "pandas", feature="to_dataframe")
        frame: pandas.DataFrame = pd.DataFrame(self.to_rows())
        return frame

    def headline(self) -> str:
        """One line: the day, and the count of items in each state."""
        counts = "，".join(f"{s.label} {n}" for s, n in self.counts().items())
        return f"截至{day_with_weekday(self.today)}: 共 {len(self.rows)} 项，{counts}"

    def _repr_html_(self) -> str:
        head = ("状态", "单位", "条款", "事项", "截止日", "剩余工作日", "上报", "说明")
        body = []
        styles = []
        for r in self.rows:
            body.append(
                (
                    r.state.label,
                    r.item.unit_name,
                    r.item.provision,
                    r.item.action,
                    r.item.due,
                    "" if r.workdays_left is None else r.workdays_left,
                    r.reported.label if r.reported else "",
                    r.explanation,
                )
            )
            styles.append((f"background:{r.state.colour}", *([None] * 7)))
        return f"<p>{escape(self.headline())}</p>" + table(
            head, body, css="fazhi-status", styles=styles
        )


def _state(value: State | str) -> State:
    if isinstance(value, State):
        return value
    for s in State:
        if value in (s.value, s.label):
            return s
    accepted = "、".join(f"{s.label} ({s.value})" for s in State)
    raise InputError(f"未知状态 {value!r}, 可选: {accepted} (unknown state {value!r})")


def expected_share(
    today: dt.date, year: int, basis: PaceBasis = "calendar", *, calendar: Calendar | None = None
) -> float:
    """The share of ``year`` elapsed on ``today``, ``today`` included (序时进度比例), 0 to 1.

    ``calendar``: days elapsed / days in the year. ``workdays``: working days from 1 January
    to ``today`` (both inclusive) / working days in the year, by the official calendar.
    """
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if today < start:
        return 0.0
    if today >= end:
        return 1.0
    if basis == "calendar":
        return ((today - start).days + 1) / ((end - start).days + 1)
    if basis == "workdays":
        cal = calendar if calendar is not None else china_calendar()
        before = start - dt.timedelta(days=1)
        return cal.count_workdays(before, today) / cal.count_workdays(before, end)
    raise InputError(f"未知进度口径 {basis!r}, 可选: calendar, workdays (unknown pace basis)")


def status(
    doc: Document,
    year: int,
    today: dt.date,
    *,
    progress: ProgressSource | None = None,
    events: EventSource | None = None,
    records: RecordSource | None = None,
    unit: str | None = None,
    zones: bool = False,
    calendar: Calendar | None = None,
    warn_workdays: int = 3,
    pace: PaceBasis = "calendar",
    roll_forward: bool = False,
) -> StatusReport:
    """Judge every item of ``year`` as of ``today`` (督办状态), worst first.

    ``progress`` is the ledger (:class:`~fazhi_model.compliance.progress.ProgressEntry`
    objects, or a CSV/XLSX/JSON file, DataFrame or mappings with the columns of
    :data:`~fazhi_model.compliance.progress.PROGRESS`); ``events`` start deadlines
    (:class:`~fazhi_model.compliance.items.Event` objects or a table with the columns of
    :data:`~fazhi_model.compliance.items.EVENTS`); ``records`` (activity records, as for
    :func:`~fazhi_model.compliance.check.check`) measure the annual quotas against their
    expected pace, by calendar or working days (``pace``). ``unit`` keeps the items of the
    units that name stands for. Entries, events and records dated after ``today`` are not
    counted (the review is as of that day; :attr:`StatusReport.notes` says how many).

    Raises :class:`~fazhi_model.errors.LoadError` listing every bad ledger entry or event
    (file, row, field), :class:`~fazhi_model.errors.InputError` for a bad argument and
    :class:`~fazhi_model.errors.CalendarCoverageError` for a date the calendar does not cover.
    """
    if isinstance(warn_workdays, bool) or not isinstance(warn_workdays, int) or warn_workdays < 0:
        raise InputError(
            f"warn_workdays 须为 ≥ 0 的整数, 得到 {warn_workdays!r} (must be an int ≥ 0)"
        )
    if pace not in PACE_LABELS:
        raise InputError(f"未知进度口径 {pace!r}, 可选: calendar, workdays (unknown pace basis)")
    if not isinstance(today, dt.date) or isinstance(today, dt.datetime):
        raise InputError(f"today 应为日期 (expected a datetime.date, got {today!r})")
    cal = calendar if calendar is not None else china_calendar()
    notes: list[str] = []
    bad = Problems(_file(events))
    located = located_events(events, bad) if events is not None else []
    bad.raise_if_any()
    current = [(e, w) for e, w in located if e.date <= today]
    if len(current) < len(located):
        notes.append(
            f"{len(located) - len(current)} 个事件晚于{today}, 未计入 (events after the review day)"
        )
    found = build_items(
        doc,
        year,
        current,
        bad,
        unit=unit,
        zones=zones,
        calendar=cal,
        roll_forward=roll_forward,
    )
    bad.raise_if_any()
    bad = Problems(_file(progress))
    matched = latest(
        progress_entries(progress, bad) if progress is not None else (),
        found.rows,
        doc.registry,
        today,
        bad,
        provisions=[p.id for _, p in doc.provisions()],
    )
    bad.raise_if_any()
    if matched.later:
        notes.append(f"{matched.later} 条进展晚于{today}, 未计入 (ledger entries after the day)")
    if matched.elsewhere:
        notes.append(
            f"{matched.elsewhere} 条进展属于本次范围以外的事项 "
            "(entries for items outside this review: another year, unit or event)"
        )
    paces: dict[str, Pace] = {}
    if records is not None:
        paces = _paces(doc, year, today, records, found.rows, unit, zones, cal, pace, notes)
    rows = [
        _judge(i, today, cal, warn_workdays, matched.latest.get(i.id), paces.get(i.id))
        for i in found
    ]
    order = {u.id: n for n, u in enumerate(doc.registry.units)}
    rows.sort(key=lambda r: (r.state.rank, r.item.due, order.get(r.item.unit_id, -1), r.item.id))
    return StatusReport(
        year=year,
        today=today,
        warn_workdays=warn_workdays,
        pace=pace,
        rows=tuple(rows),
        notes=tuple(notes),
        undated=found.undated,
    )


def _file(source: object) -> str | None:
    return str(source) if isinstance(source, str | Path) else None


def _paces(
    doc: Document,
    year: int,
    today: dt.date,
    records: RecordSource,
    found: Sequence[Item],
    unit: str | None,
    zones: bool,
    cal: Calendar,
    basis: PaceBasis,
    notes: list[str],
) -> dict[str, Pace]:
    """The pace of every annual quota item, from the records dated on or before ``today``."""
    source = read_records(records, doc.registry)
    later = [0]

    def until_today(rows: Iterable[Record]) -> Iterator[Record]:
        for r in rows:
            if r.date <= today:
                yield r
            else:
                later[0] += 1

    report = check(doc, year, until_today(source), unit=unit, zones=zones)
    if later[0]:
        notes.append(f"{later[0]} 条活动记录晚于{today}, 未计入 (records after the review day)")
    results: dict[tuple[str, str], list[Result]] = defaultdict(list)
    for r in report.rows:
        if r.kind == "quota":
            results[(r.provision, r.unit_id)].append(r)
    share = expected_share(today, year, basis, calendar=cal)
    paces: dict[str, Pace] = {}
    for item in found:
        if item.kind != "quota" or item.required is None:
            continue
        paces[item.id] = _pace(item, results.get((item.provision, item.unit_id), []), share, basis)
    return paces


def _pace(item: Item, results: Sequence[Result], share: float, basis: str) -> Pace:
    assert item.required is not None
    required = item.required
    exact = required * share
    expected: Number = math.floor(exact + 1e-9) if item.measure == "次" else exact
    label = f"{PACE_LABELS[basis]}{share:.1%}"
    if not item.per_person:
        actual = sum(r.actual or 0 for r in results if r.person is None)
        return Pace(required=required, actual=actual, expected=expected, share=share, basis=label)
    named = [r for r in results if r.person is not None]
    unnamed = sum(r.actual or 0 for r in results if r.person is None and r.met is None)
    note = f"未写明人员的记录合计 {unnamed:g}, 未计入每人指标" if unnamed else None
    if not named:
        return Pace(
            required=required,
            actual=0,
            expected=expected,
            share=share,
            basis=label,
            per_person=True,
            note="; ".join(filter(None, ["记录未写明任何人员", note])),
        )
    worst = min(named, key=lambda r: (r.actual or 0, r.person or ""))
    behind = tuple(sorted(r.person for r in named if (r.actual or 0) < expected and r.person))
    return Pace(
        required=required,
        actual=worst.actual or 0,
        expected=expected,
        share=share,
        basis=label,
        persons=len(named),
        behind_persons=behind,
        per_person=True,
        note=note,
    )


def _judge(
    item: Item,
    today: dt.date,
    cal: Calendar,
    warn: int,
    entry: ProgressEntry | None,
    pace: Pace | None,
) -> ItemStatus:
    due = item.due
    base: dict[str, Any] = {"item": item, "pace": pace}
    reported_text = ""
    if entry is not None:
        base |= {"reported": entry.status, "reported_on": entry.date, "note": entry.note}
        reported_text = f"最近上报: {entry.status.label}({entry.date})"
    conflict = None
    done_on: dt.date | None = None
    if pace is not None:
        if pace.met:
            return ItemStatus(
                **base,
                state=State.DONE,
                explanation=_join(
                    f"已完成: 台账记录截至{today}已达年度要求 {_amount(pace, item)}",
                    reported_text,
                ),
                workdays_left=cal.count_workdays(today, due) if today <= due else None,
            )
        if entry is not None and entry.status.finished:
            conflict = (
                f"上报{entry.status.label}, 但台账记录仅 {_amount(pace, item)} "
                "(reported done, records short)"
            )
    elif entry is not None and entry.status.finished:
        done_on = entry.date
    if done_on is not None:
        assert entry is not None
        who = "已销号" if entry.status is Reported.CLOSED else "报告完成"
        if done_on <= due:
            return ItemStatus(
                **base,
                state=State.DONE,
                explanation=f"已完成: {done_on}{who}, 不晚于截止日{day_with_weekday(due)}",
            )
        late = cal.count_workdays(due, done_on)
        return ItemStatus(
            **base,
            state=State.DONE_LATE,
            explanation=(
                f"已完成(逾期): {done_on}{who}, 晚于截止日{day_with_weekday(due)} "
                f"{late}个工作日({(done_on - due).days}天)"
            ),
            conflict=f"上报{entry.status.label}, 但晚于截止日 (done after the due date)",
        )
    base["conflict"] = conflict
    open_text = reported_text or "未上报进展"
    if today > due:
        workdays = cal.count_workdays(due, today)
        days = (today - due).days
        return ItemStatus(
            **base,
            state=State.OVERDUE,
            explanation=_join(
                f"逾期: 截止日{day_with_weekday(due)}已过, 逾期{workdays}个工作日({days}天), "
                "未完成",
                _pace_text(pace, item),
                open_text,
            ),
            workdays_overdue=workdays,
            days_overdue=days,
        )
    left = cal.count_workdays(today, due)
    if left <= warn:
        practical = (
            f", 建议办理日{day_with_weekday(item.practical)}已过"
            if today > item.practical
            else (
                f", 建议办理日{day_with_weekday(item.practical)}" if item.practical != due else ""
            )
        )
        return ItemStatus(
            **base,
            state=State.DUE_SOON,
            explanation=_join(
                f"临期: 截止日{day_with_weekday(due)}{practical}, 此后剩余{left}个工作日(≤{warn})",
                _pace_text(pace, item),
                open_text,
            ),
            workdays_left=left,
        )
    if pace is not None and pace.behind:
        return ItemStatus(
            **base,
            state=State.BEHIND,
            explanation=_join(
                f"滞后: {_pace_text(pace, item)}, 截止日{day_with_weekday(due)}", open_text
            ),
            workdays_left=left,
        )
    return ItemStatus(
        **base,
        state=State.NOT_DUE,
        explanation=_join(
            f"未到期: 截止日{day_with_weekday(due)}, 剩余{left}个工作日",
            _pace_text(pace, item),
            open_text,
        ),
        workdays_left=left,
    )


def _num(value: Number) -> str:
    """A figure as shown: whole numbers as they are, others to at most two decimals."""
    return f"{value:g}" if value == int(value) else f"{value:.2f}".rstrip("0")


def _amount(pace: Pace, item: Item) -> str:
    unit = item.measure or ""
    who = "" if not item.per_person else ("(每人, 最少者)" if pace.persons else "(每人)")
    return f"{_num(pace.actual)}/{_num(pace.required)}{unit}{who}"


def _pace_text(pace: Pace | None, item: Item) -> str:
    if pace is None:
        return ""
    unit = item.measure or ""
    text = f"序时进度({pace.basis})应达 {_num(pace.expected)}{unit}, 实际 {_amount(pace, item)}"
    if pace.behind_persons:
        names = "、".join(pace.behind_persons[:5]) + ("等" if len(pace.behind_persons) > 5 else "")
        text += f"; {pace.persons}人中{len(pace.behind_persons)}人滞后: {names}"
    if pace.note:
        text += f"; {pace.note}"
    return text


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)
