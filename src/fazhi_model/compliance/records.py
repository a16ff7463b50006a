"""Activity records (工作台账): what units and people did, as input to quota checks.

A record says that a unit (单位), and optionally one of its people (人员), did an activity
(活动, e.g. 集体学法) on a date, in a quantity (次数或学时). Records are read by the one ledger
reader, :func:`fazhi_model.store.tables.read_table`, with the schema :data:`RECORDS`: from a CSV
file (UTF-8, UTF-8 with a BOM, or GBK/GB18030; comma, tab or semicolon), an ``.xlsx`` workbook,
a ``.json`` array or ``.jsonl`` file, a pandas DataFrame, mappings or :class:`Record` objects.
The header may be English or Chinese (the alias table :data:`RECORDS`, shown in
``docs/ledger.md``):

| field | headers accepted | value |
|---|---|---|
| unit | unit, 单位, 责任单位, 单位名称, 部门 | a unit of the registry |
| activity | activity, 事项, 活动, 工作, 活动名称, 事项名称 | text |
| date | date, 日期, 时间, 活动日期 | a date (``DATE_FORMS``) |
| quantity | quantity, 数量, 次数, 学时, 课时 | a number ≥ 0 |
| person | person, 人员, 姓名 (optional column) | text, may be empty |

A record's ``unit`` must name one unit of the registry (full name, short form, alias or id); a
group (各县(市、区)政府) or an unknown name is a bad row.

Every bad row is reported with its row and field, none dropped (the first
:data:`~fazhi_model.store.tables.MAX_PROBLEMS` kept, all counted); one
:class:`~fazhi_model.errors.LoadError` is raised once the input is exhausted, *after* the good
rows have been handed on: a consumer must not act on what it has seen until the iteration ends
without an error. :func:`totals` consumes the rows itself, summing per (unit, activity, person)
as it goes, and returns nothing if the error comes; a CSV file takes a fast path there, each
distinct unit name, activity, date and quantity text checked once and looked up afterwards.
Memory grows with the number of distinct (unit, activity, person) keys, not with the rows.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

import attrs

from fazhi_model.errors import InputError
from fazhi_model.model.units import Registry, Unit
from fazhi_model.store.tables import (
    Field,
    Problems,
    Schema,
    Table,
    date_value,
    number_value,
    read_table,
)

__all__ = [
    "COLUMNS",
    "METRICS",
    "RECORDS",
    "TERMS",
    "CheckedRecord",
    "Number",
    "Record",
    "RecordSource",
    "Totals",
    "UnitNames",
    "entries",
    "open_records",
    "read_metrics",
    "read_records",
    "read_terms",
    "totals",
]

Number: TypeAlias = int | float

RECORDS = Schema(
    "records",
    (
        Field(
            "unit",
            aliases=("单位", "责任单位", "单位名称", "部门"),
            description="单位: a unit of the registry (full name, short form, alias or id)",
        ),
        Field(
            "activity",
            aliases=("事项", "活动", "工作", "活动名称", "事项名称"),
            description="活动: the quota's activity, exactly (e.g. 集体学法)",
        ),
        Field("date", "date", aliases=("日期", "时间", "活动日期"), description="日期"),
        Field(
            "quantity",
            "number",
            aliases=("数量", "次数", "学时", "课时"),
            description="数量: times or hours, a number ≥ 0",
        ),
        Field(
            "person",
            required=False,
            aliases=("人员", "姓名"),
            description="人员: for per-person quotas; may be empty, the column may be absent",
        ),
    ),
)
"""The activity records ledger (工作台账) and its header aliases."""

COLUMNS: tuple[str, ...] = RECORDS.names
"""The fields of a record, in order: unit, activity, date, quantity, person."""

TERMS = Schema(
    "terms",
    (
        Field("holder", aliases=("任职人员", "姓名", "人员", "单位"), description="任期人员或单位"),
        Field("start", "date", aliases=("任期开始", "开始日期", "起始日期", "任职日期")),
        Field("end", "date", aliases=("任期结束", "结束日期", "截止日期", "届满日期")),
    ),
)
"""Terms of office (任期): a person's or unit's name, first and last day (inclusive)."""

METRICS = Schema(
    "metrics",
    (
        Field("metric", aliases=("指标", "指标名称", "条款"), description="目标的条款编号或指标名"),
        Field("unit", aliases=("单位", "责任单位", "单位名称")),
        Field("value", "number", aliases=("数值", "值", "观测值")),
    ),
)
"""Observed metric values (指标观测值): a target's id or metric name, a unit, the value."""


@attrs.frozen
class Record:
    """One activity record (台账记录): ``unit`` did ``activity`` on ``date``, ``quantity`` times.

    ``unit`` is a name the registry resolves (full name, short form, alias or id); ``person`` the
    person who did it, for per-person quotas (每人), else ``None``.
    """

    unit: str
    activity: str
    date: dt.date
    quantity: Number
    person: str | None = None


CheckedRecord: TypeAlias = tuple[Unit, str, dt.date, Number, str | None]
"""A validated record (已校验记录) as a plain tuple: (unit, activity, date, quantity, person)."""

RecordSource: TypeAlias = Table | str | Path | Iterable[Record] | Iterable[Mapping[str, Any]] | Any
"""Where records come from (台账来源): a path (CSV, XLSX, JSON, JSON Lines), a binary stream,
a pandas DataFrame, :class:`Record` objects or mappings, or a table opened by
:func:`open_records` (to choose a sheet or map columns)."""


class UnitNames:
    """Resolve record unit names to units, each distinct name once (单位名称解析).

    Calling it gives the :class:`~fazhi_model.model.units.Unit` a name stands for, or a message
    saying why it does not name exactly one unit.
    """

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._cache: dict[str, Unit | str] = {}

    def __call__(self, name: str) -> Unit | str:
        found = self._cache.get(name)
        if found is None:
            found = self._cache[name] = self._resolve(name)
        return found

    def _resolve(self, name: str) -> Unit | str:
        entry = self.registry.find(name)
        if isinstance(entry, Unit):
            return entry
        if entry is None:
            return (
                f"未知单位 {name!r} (unknown unit: not in the unit registry {self.registry.id!r})"
            )
        what = type(entry).__name__.lower()
        return f"{name!r} 不是单个单位 (a {what} of the registry, not a unit: one unit per record)"


def open_records(
    source: RecordSource,
    *,
    sheet: str | int | None = None,
    columns: Mapping[str, str] | None = None,
    ignore: Iterable[str] = (),
    problems: Problems | None = None,
    registry: Registry | UnitNames | None = None,
) -> Table:
    """Open a records ledger (打开台账) with :data:`RECORDS`; see
    :func:`~fazhi_model.store.tables.read_table` for the sources and options. With a
    ``registry``, a unit it does not resolve to one unit is a bad row."""
    if isinstance(source, Table):
        if source.schema != RECORDS:
            raise InputError(
                f"表格类型应为 records (expected a records table, got {source.schema.name!r})"
            )
        if registry is not None:
            source.set_check("unit", _unit_check(registry))
        return source
    if source is None:
        raise InputError("records 应为路径、DataFrame 或记录 (expected records, got None)")
    checks = {"unit": _unit_check(registry)} if registry is not None else None
    return read_table(
        source,
        RECORDS,
        sheet=sheet,
        columns=columns,
        ignore=ignore,
        checks=checks,
        problems=problems,
    )


def _unit_check(registry: Registry | UnitNames) -> Callable[[str], str | None]:
    units = registry if isinstance(registry, UnitNames) else UnitNames(registry)

    def check(name: str) -> str | None:
        found = units(name)
        return found if isinstance(found, str) else None

    return check


def entries(source: RecordSource, registry: Registry) -> Iterator[CheckedRecord]:
    """Validated records as plain tuples, streamed (逐行读取).

    Raises one :class:`~fazhi_model.errors.LoadError` listing the bad rows once the input is
    exhausted (or at once, for an unreadable file or header).
    """
    if not isinstance(registry, Registry):
        raise InputError(f"registry 应为 Registry (expected a Registry, got {registry!r})")
    units = UnitNames(registry)
    table = open_records(source, registry=units)
    for _, values in table:
        unit = units(values["unit"])
        assert isinstance(unit, Unit)  # checked by the table
        yield unit, values["activity"], values["date"], values["quantity"], values["person"]
    table.problems.raise_if_any()  # a caller's collector too: never a silent partial read


def read_records(source: RecordSource, registry: Registry) -> Iterator[Record]:
    """The records of a ledger, streamed (读取台账).

    Each record's ``unit`` is the full name of the unit its name resolved to. Raises one
    :class:`~fazhi_model.errors.LoadError` listing the bad rows at the end of the stream.
    """
    for unit, activity, date, quantity, person in entries(source, registry):
        yield Record(unit.name, activity, date, quantity, person)


def read_terms(
    source: Any, *, sheet: str | int | None = None, columns: Mapping[str, str] | None = None
) -> dict[str, tuple[dt.date, dt.date]]:
    """Terms of office (任期) from a ledger with the fields of :data:`TERMS`.

    ``holder`` is a person's name or a unit's name; ``start`` and ``end`` are dates, inclusive.
    A holder given twice is an error (never last-one-wins); every bad row is reported in one
    :class:`~fazhi_model.errors.LoadError`.
    """
    table = read_table(source, TERMS, sheet=sheet, columns=columns)
    bad = table.problems
    terms: dict[str, tuple[dt.date, dt.date]] = {}
    first: dict[str, int] = {}
    for row, values in table:
        holder, start, end = values["holder"], values["start"], values["end"]
        where, line = table.label(row), table.line(row)
        if end < start:
            bad.add(
                where,
                "end",
                f"任期止于开始前 (the term ends {end}, before it starts {start})",
                line,
            )
        elif holder in terms:
            bad.add(
                where,
                "holder",
                f"{holder!r} 的任期重复 (a term for {holder!r} is given already, "
                f"in {table.label(first[holder])})",
                line,
            )
        else:
            terms[holder] = (start, end)
            first[holder] = row
    return terms


def read_metrics(
    source: Any, *, sheet: str | int | None = None, columns: Mapping[str, str] | None = None
) -> dict[tuple[str, str], Number]:
    """Observed metric values (指标观测值) from a ledger with the fields of :data:`METRICS`.

    ``metric`` is a target's provision id or metric name (e.g. 高频处罚事项裁量权细化率),
    ``unit`` a unit's name; ``value`` a number in the target's measure (100 for 100%). The same
    metric and unit twice is an error (never last-one-wins).
    """
    table = read_table(source, METRICS, sheet=sheet, columns=columns)
    bad = table.problems
    found: dict[tuple[str, str], Number] = {}
    first: dict[tuple[str, str], int] = {}
    for row, values in table:
        key = (values["metric"], values["unit"])
        if key in found:
            bad.add(
                table.label(row),
                "metric",
                f"{key[0]!r} / {key[1]!r} 的值重复 (a value for this metric and unit is given "
                f"already, in {table.label(first[key])})",
                table.line(row),
            )
            continue
        found[key] = values["value"]
        first[key] = row
    return found


Key: TypeAlias = tuple[str, str, str | None]
"""(unit id, activity, person)."""


class Totals:
    """Quantities of the records summed in one streaming pass (汇总), for :func:`totals`.

    ``sums`` holds the quantity dated in ``year`` per (unit id, activity, person), with 0 for
    a key seen only outside the year (so that its person is known); ``dated`` the quantity per
    day for the ``dated`` activities, whose periods (terms of office) cross years.
    """

    def __init__(self, year: int, dated: frozenset[str] = frozenset()) -> None:
        self.year = year
        self.dated_activities = dated
        self.sums: dict[Key, Number] = {}
        self.dated: dict[Key, dict[dt.date, Number]] = {}
        self.count = 0
        """Valid records read."""
        self.outside = 0
        """Valid records dated outside the year."""

    def add(self, items: Iterable[tuple[str, str, dt.date, Number, str | None]]) -> None:
        """Add validated records given as (unit id, activity, date, quantity, person)."""
        self._add(((0, item) for item in items), (_SAME,) * 5, None)

    def _add(
        self,
        rows: Iterable[tuple[int, Sequence[Any]]],
        lookups: tuple[Mapping[Any, Any], ...],
        table: Table | None,
    ) -> None:
        """The one summing loop: each row's cells (unit, activity, date, quantity, person) go
        through ``lookups`` (caches of checked values, raising :class:`_Invalid` for a bad
        one; a row refused is reported by ``table``)."""
        year, sums, dated, dated_activities = (
            self.year,
            self.sums,
            self.dated,
            self.dated_activities,
        )
        unit_id_of, activity_of, date_of, number_of, person_of = lookups
        count = outside = 0
        for row, (unit_text, activity_text, date_text, quantity_text, person_text) in rows:
            try:
                activity = activity_of[activity_text]
                key = (unit_id_of[unit_text], activity, person_of[person_text])
                day = date_of[date_text]
                quantity = number_of[quantity_text]
            except _Invalid:
                assert table is not None
                table.reject(row, (unit_text, activity_text, date_text, quantity_text, person_text))
                continue
            count += 1
            if day.year == year:
                sums[key] = sums.get(key, 0) + quantity
            else:
                outside += 1
                if key not in sums:
                    sums[key] = 0
            if activity in dated_activities:
                days = dated.setdefault(key, {})
                days[day] = days.get(day, 0) + quantity
        self.count += count
        self.outside += outside

    @functools.cached_property
    def by_unit(self) -> dict[tuple[str, str], dict[str | None, Number]]:
        """In-year totals per (unit id, activity), then per person (once all are added)."""
        found: dict[tuple[str, str], dict[str | None, Number]] = {}
        for (unit_id, activity, person), total in self.sums.items():
            found.setdefault((unit_id, activity), {})[person] = total
        return found

    def persons(self, unit_id: str, activity: str) -> dict[str | None, Number]:
        """In-year totals per person (``None``: records without a person) of a unit's activity."""
        return self.by_unit.get((unit_id, activity), {})

    def within(self, key: Key, start: dt.date, end: dt.date) -> Number:
        """The quantity of a ``dated`` activity dated from ``start`` to ``end`` inclusive."""
        days = self.dated.get(key, {})
        return sum(q for d, q in days.items() if start <= d <= end)


def totals(
    source: RecordSource, registry: Registry, year: int, dated: frozenset[str] = frozenset()
) -> Totals:
    """The records summed per (unit id, activity, person) for ``year`` (按年汇总), streamed.

    ``dated`` names activities whose quantities are also kept per day (for terms of office).
    Raises one :class:`~fazhi_model.errors.LoadError` listing the bad rows; no totals are
    returned then.
    """
    if not isinstance(registry, Registry):
        raise InputError(f"registry 应为 Registry (expected a Registry, got {registry!r})")
    result = Totals(year, dated)
    units = UnitNames(registry)
    table = open_records(source, registry=units)
    if table.format != "csv":
        result.add((u.id, a, d, q, p) for u, a, d, q, p in entries(table, registry))
        return result
    # The fast path: each distinct text is checked once. Keys are made of the caches' objects
    # (the unit's id, the stripped texts): one object per distinct value, so its hash is
    # cached and dict lookups compare by identity.
    lookups = (
        _Cache(lambda text: _unit_id(units, text)),
        _Cache(lambda text: text.strip() or None),
        _Cache(lambda text: _or_none(date_value, text)),
        _Cache(lambda text: _or_none(number_value, text)),
        _Persons(),
    )
    result._add(table.raw(), lookups, table)
    table.problems.raise_if_any()  # a caller's collector too: never a silent partial sum
    return result


_T = TypeVar("_T")


class _Invalid(Exception):
    """A value the quick checks of a CSV row reject; the row is then reported in full."""


class _Cache(dict[str, _T]):
    """A dict that computes a missing value from its key, once.

    ``make`` returns ``None`` for a bad value: that key is not kept, and looking it up raises
    :class:`_Invalid`, so that a row's checks are one ``try`` block.
    """

    def __init__(self, make: Callable[[str], _T | None]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: str) -> _T:
        value = self._make(key)
        if value is None:
            raise _Invalid(key)
        self[key] = value
        return value


class _Same(dict[Any, Any]):
    """Looking up a value gives the value itself (for records already checked)."""

    def __missing__(self, key: Any) -> Any:
        return key


_SAME = _Same()


class _Persons(dict[str | None, str | None]):
    """Person cells, stripped; ``None`` for an empty one (computed once per text)."""

    def __missing__(self, key: str | None) -> str | None:
        value = self[key] = key.strip() or None if key is not None else None
        return value


def _unit_id(units: UnitNames, text: str) -> str | None:
    name = text.strip()
    found = units(name) if name else None
    return found.id if isinstance(found, Unit) else None


def _or_none(parse: Callable[[Any], _T | None], text: str) -> _T | None:
    try:
        return parse(text)
    except ValueError:
        return None
