"""The progress ledger (进展台账): what units report about the items they are chased for.

A :class:`ProgressEntry` says that on a date a unit reported an item 未启动 (not started), 推进中
(in progress) or 已完成 (done), or that the supervising office closed it (已销号, closed), with a
note. An entry names its item by the item id (``t08.p03/gz-justice/2025-01-31``) or by the
provision id (``t08.p03``) with the unit, and, where the provision has several items for the
unit in the year, the occurrence (the nominal date ``2025-01-31``, or the event date and
reference of a deadline).

The ledger is a log: :func:`latest` keeps, for each item, the latest entry dated on or before
the day of the review; two entries for one item on one date that disagree are an error (which
one holds cannot be known), never last-one-wins.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeAlias

import attrs

from fazhi_model.compliance.items import Item
from fazhi_model.errors import Problem
from fazhi_model.model.units import Registry, Unit
from fazhi_model.store.tables import Field, Location, Problems, Schema, Table, read_located
from fazhi_model.wording import REPORTED_LABELS, choice_value

__all__ = [
    "PROGRESS",
    "Matched",
    "ProgressEntry",
    "ProgressSource",
    "Reported",
    "latest",
    "progress_entries",
    "reported_value",
]


class Reported(enum.Enum):
    """The status a unit reports (上报状态); the values are the ``--json`` values."""

    NOT_STARTED = "not_started"
    """未启动."""
    IN_PROGRESS = "in_progress"
    """推进中."""
    DONE = "done"
    """已完成: the unit says the item is done, on the entry's date."""
    CLOSED = "closed"
    """已销号: the supervising office closed the item, on the entry's date."""

    @property
    def label(self) -> str:
        """The Chinese label (未启动, 推进中, 已完成, 已销号)."""
        return REPORTED_LABELS[self.value]

    @property
    def finished(self) -> bool:
        """Done or closed."""
        return self in (Reported.DONE, Reported.CLOSED)


def reported_value(text: str) -> Reported:
    """A reported status written in Chinese (已完成) or English (``done``).

    Raises :class:`ValueError` naming every accepted spelling.
    """
    return Reported(choice_value(text.strip(), REPORTED_LABELS))


@attrs.frozen(kw_only=True)
class ProgressEntry:
    """One line of the progress ledger (进展记录).

    ``item`` is an item id or a provision id; ``unit`` a unit's name (needed with a provision
    id); ``occurrence`` which of the provision's items for the unit (nominal date, or event
    date and reference), needed only where there are several; ``date`` the day of the report
    (for 已完成, the day the item was done).
    """

    item: str
    status: Reported
    date: dt.date
    unit: str | None = None
    occurrence: str | None = None
    note: str | None = None


PROGRESS = Schema(
    "progress",
    (
        Field(
            "item",
            aliases=("事项编号", "督办事项编号", "事项", "条款", "条款编号", "id", "provision"),
            description="an item id (t08.p03/gz-justice/2025-01-31) or a provision id (t08.p03)",
        ),
        Field(
            "unit",
            required=False,
            aliases=("单位", "责任单位", "填报单位", "承办单位"),
            description="the unit's name; needed with a provision id",
        ),
        Field(
            "status",
            aliases=("状态", "进展状态", "办理状态", "进展"),
            description="未启动, 推进中, 已完成, 已销号 (not_started, in_progress, done, closed)",
        ),
        Field(
            "date",
            "date",
            aliases=("日期", "填报日期", "上报日期", "完成日期", "时间"),
            description="the day of the report; for 已完成 the day it was done",
        ),
        Field(
            "occurrence",
            required=False,
            aliases=("批次", "期次", "事项批次"),
            description="which of several items (nominal date, or event date and reference)",
        ),
        Field(
            "note",
            required=False,
            aliases=("备注", "说明", "进展情况", "情况说明"),
            description="free text",
        ),
    ),
)
"""The progress ledger (进展台账): its fields and the headers each may be written as."""

ProgressSource: TypeAlias = Any
"""A progress ledger: :class:`ProgressEntry` objects, or any source
:func:`fazhi_model.store.tables.read_table` reads (a CSV/XLSX/JSON path, a DataFrame, mappings)."""


def progress_entries(
    source: ProgressSource, bad: Problems, *, sheet: str | int | None = None
) -> Iterator[tuple[ProgressEntry, Location]]:
    """The entries of a ledger with where each was read, streamed (逐行读取进展).

    Bad rows are reported to ``bad`` (the caller raises it at the end).
    """
    statuses: dict[str, Reported | str] = {}

    def entry(table: Table, row: int, values: dict[str, Any]) -> ProgressEntry | None:
        text = values["status"]
        status = statuses.get(text)
        if status is None:
            try:
                status = statuses[text] = reported_value(text)
            except ValueError as exc:
                status = statuses[text] = str(exc)
        if isinstance(status, str):
            bad.report(
                Problem(
                    path=f"{table.label(row)}.status",
                    message=status,
                    file=table.file,
                    line=table.line(row),
                )
            )
            return None
        return ProgressEntry(
            item=values["item"],
            status=status,
            date=values["date"],
            unit=values.get("unit"),
            occurrence=values.get("occurrence"),
            note=values.get("note"),
        )

    return read_located(source, PROGRESS, ProgressEntry, entry, bad, sheet=sheet)


@attrs.frozen(kw_only=True)
class Matched:
    """The latest entry for each item, and what was left aside (匹配结果)."""

    latest: Mapping[str, ProgressEntry]
    """Item id → the latest entry dated on or before the review day."""
    read: int = 0
    """Entries read."""
    later: int = 0
    """Entries dated after the review day (not counted: the review is as of that day)."""
    elsewhere: int = 0
    """Entries for items of the document that are not items of this review (another year, an
    event not given, a unit left out by the unit filter)."""


def latest(
    entries: Iterable[tuple[ProgressEntry, Location]],
    found: Sequence[Item],
    registry: Registry,
    today: dt.date,
    bad: Problems,
    *,
    provisions: Iterable[str] = (),
) -> Matched:
    """Match ledger entries to ``found`` items and keep each item's latest entry (最新进展).

    ``provisions`` are every provision id of the document: an entry naming one of them (or an
    item id starting with one) that is not an item here counts in ``elsewhere``. Entries that
    name no known provision, an unknown unit or an ambiguous item, or that disagree with
    another entry of the same item and date, are reported to ``bad``.
    """
    by_id = {i.id: i for i in found}
    by_unit: dict[tuple[str, str], list[Item]] = {}
    for i in found:
        by_unit.setdefault((i.provision, i.unit_id), []).append(i)
    known = set(provisions) | {i.provision for i in found}
    units: dict[str, Unit | str] = {}
    best: dict[str, tuple[ProgressEntry, str]] = {}
    read = later = elsewhere = 0

    for entry, (file, label, line) in entries:
        read += 1

        def problem(field: str, message: str) -> None:
            bad.report(Problem(path=f"{label}.{field}", message=message, file=file, line=line))  # noqa: B023

        if entry.date > today:
            later += 1
            continue
        unit: Unit | None = None
        if entry.unit is not None and entry.unit.strip():
            name = entry.unit.strip()
            resolved = units.get(name)
            if resolved is None:
                hit = registry.find(name)
                resolved = units[name] = (
                    hit
                    if isinstance(hit, Unit)
                    else f"未知单位或非单一单位 {name!r} (not one unit of the registry)"
                )
            if isinstance(resolved, str):
                problem("unit", resolved)
                continue
            unit = resolved
        key = entry.item.strip()
        item = by_id.get(key)
        if item is not None:
            if unit is not None and item.unit_id != unit.id:
                problem("unit", f"事项 {key} 属于 {item.unit_name}, 不是 {unit.name} (wrong unit)")
                continue
        else:
            provision = key.split("/", 1)[0]
            if provision not in known:
                problem("item", f"未知事项或条款 {key!r} (no such item or provision id)")
                continue
            if "/" in key:
                elsewhere += 1
                continue
            if unit is None:
                problem("unit", f"以条款编号 {key} 登记时须填写单位 (give the unit)")
                continue
            candidates = by_unit.get((provision, unit.id), [])
            if entry.occurrence is not None and entry.occurrence.strip():
                occ = entry.occurrence.strip()
                candidates = [
                    c
                    for c in candidates
                    if occ in (c.occurrence, c.nominal.isoformat(), c.due.isoformat())
                    or (c.reference is not None and occ == c.reference)
                ]
            if not candidates:
                elsewhere += 1
                continue
            if len(candidates) > 1:
                ids = ", ".join(c.id for c in candidates)
                problem(
                    "occurrence",
                    f"{unit.name} 的 {provision} 有多个事项, 请填写事项编号或批次: {ids} "
                    "(several items: give the item id or the occurrence)",
                )
                continue
            item = candidates[0]
        held = best.get(item.id)
        if held is None or entry.date > held[0].date:
            best[item.id] = (entry, label)
        elif entry.date == held[0].date and entry.status is not held[0].status:
            problem(
                "status",
                f"与 {held[1]} 同一事项同日({entry.date})但状态不同 "
                f"({held[0].status.label} / {entry.status.label}): 无法判断以哪条为准 "
                "(two entries for one item on one date disagree)",
            )
    return Matched(
        latest={k: e for k, (e, _) in best.items()}, read=read, later=later, elsewhere=elsewhere
    )
