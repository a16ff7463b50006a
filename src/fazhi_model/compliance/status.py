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
from pathlib import Path

from fazhi_model.compliance.items import EventSource, build_items, located_events
from fazhi_model.compliance.judge import judge_item
from fazhi_model.compliance.pace import Pace, PaceBasis, expected_share, quota_paces
from fazhi_model.compliance.progress import ProgressSource, latest, progress_entries
from fazhi_model.compliance.records import RecordSource
from fazhi_model.compliance.states import STATE_COLOURS, STATE_RULES, State
from fazhi_model.compliance.status_report import ItemStatus, StatusReport, UnitSummary
from fazhi_model.dates.china import china_calendar
from fazhi_model.dates.workdays import Calendar
from fazhi_model.errors import InputError
from fazhi_model.model.document import Document
from fazhi_model.store.tables import Problems
from fazhi_model.wording import PACE_LABELS

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
        paces = quota_paces(doc, year, today, records, found.rows, unit, zones, cal, pace, notes)
    rows = [
        judge_item(i, today, cal, warn_workdays, matched.latest.get(i.id), paces.get(i.id))
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
