"""Expected pace (序时进度) of annual quotas on the review day.

An annual quota not done whose records by ``today`` fall short of the expected pace is behind
(滞后): the yearly minimum × the share of the year elapsed (``today`` included), by calendar
days (default) or by working days; for a quota counted in 次 the expected count is rounded down
to whole occurrences (half a meeting cannot be held), for 学时 it is not.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal

import attrs

from fazhi_model.compliance.check import Result, check
from fazhi_model.compliance.items import Item
from fazhi_model.compliance.records import Number, Record, RecordSource, read_records
from fazhi_model.dates.china import china_calendar
from fazhi_model.dates.workdays import Calendar
from fazhi_model.errors import InputError
from fazhi_model.model.document import Document
from fazhi_model.wording import PACE_LABELS

__all__ = ["Pace", "PaceBasis", "expected_share", "quota_paces"]

PaceBasis = Literal["calendar", "workdays"]


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


def quota_paces(
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
