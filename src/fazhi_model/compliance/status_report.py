"""The result of a status review (督办报告): one judged row per item, worst first.

:class:`StatusReport` is what :func:`fazhi_model.compliance.status.status` returns: the rows
(:class:`ItemStatus`), counts by state and by unit (:class:`UnitSummary`), filtering, JSON-ready
rows, a pandas DataFrame and an HTML table coloured by state for notebooks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from html import escape
from typing import TYPE_CHECKING, Any

import attrs

from fazhi_model._display import table
from fazhi_model.compliance.items import Item, Undated
from fazhi_model.compliance.pace import Pace
from fazhi_model.compliance.progress import Reported
from fazhi_model.compliance.states import State
from fazhi_model.errors import InputError, require
from fazhi_model.wording import day_with_weekday

if TYPE_CHECKING:
    import pandas

__all__ = ["ItemStatus", "StatusReport", "UnitSummary"]


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
