"""Activity records (工作台账): what units and people did, as input to quota checks.

A record says that a unit (单位), and optionally one of its people (人员), did an activity
(活动, e.g. 集体学法) on a date, in a quantity (次数或学时). Records come from Python objects,
from a CSV file (UTF-8 with or without a BOM, as Excel and WPS save "CSV UTF-8") or from a JSON
file (an array of objects). The CSV header names exactly these columns, in any order::

    unit,activity,date,quantity,person

``person`` may be empty; ``date`` is ``YYYY-MM-DD``; ``quantity`` a number ≥ 0. A record's
``unit`` must name one unit of the registry (full name, short form, alias or id); a group
(各县(市、区)政府) or an unknown name is a bad row. Surrounding spaces are ignored.

Every bad row is reported, none dropped: reading collects a :class:`~fazhi_model.errors.Problem`
per bad field (``row 7.date``, with the file and line) and raises one
:class:`~fazhi_model.errors.LoadError` listing them all. Row numbers count the header as row 1,
as a spreadsheet shows them; in a JSON file row *n* is the *n*-th object of the array. Blank
lines and rows whose every field is empty carry no data and are skipped (but counted).

Streaming (流式读取): a CSV file is read one row at a time and never held; only the problems of
bad rows are kept. So the error can only be raised once the input is exhausted, *after* the good
rows have been handed on: a consumer must not act on what it has seen until the iteration ends
without an error. The design choice: validate in the same single pass that consumes the rows,
and raise at the end with every problem. :func:`entries` and :func:`read_records` yield the rows;
:func:`totals` consumes them itself, summing per (unit, activity, person) as it goes, and returns
nothing if the error comes. A 1,000,000-row file is checked in well under 256 MiB (see
``docs/benchmarks-check.md``). Each distinct unit name, activity, date and quantity text is
checked once and looked up afterwards. JSON files are parsed whole (the standard library has no
streaming JSON parser).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

import attrs

from fazhi_model.errors import LoadError, Problem
from fazhi_model.model.units import Registry, Unit
from fazhi_model.store._json import loads as json_loads
from fazhi_model.store.load import read_text

COLUMNS: tuple[str, ...] = ("unit", "activity", "date", "quantity", "person")
"""The columns of a records file, in order."""

Number: TypeAlias = int | float


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


Entry: TypeAlias = tuple[Unit, str, dt.date, Number, str | None]
"""A validated record as a plain tuple: (unit, activity, date, quantity, person)."""

Source: TypeAlias = Iterable[Record] | str | Path
"""Records, or the path of a CSV or JSON file of them."""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_INT = re.compile(r"\d+", re.ASCII)


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
            return f"unknown unit {name!r}: not in the unit registry {self.registry.id!r}"
        what = type(entry).__name__.lower()
        return f"{name!r} is a {what} of the registry, not a unit: name one unit per record"


def entries(source: Source, registry: Registry) -> Iterator[Entry]:
    """Validated records as plain tuples, streamed (逐行读取).

    ``source`` is an iterable of :class:`Record` or the path of a ``.csv`` or ``.json`` file.
    Raises one :class:`~fazhi_model.errors.LoadError` listing every bad row once the input is
    exhausted (or at once, if the header of a CSV file is unusable).
    """
    units = UnitNames(registry)
    if isinstance(source, str | Path):
        path = Path(source)
        if path.suffix.lower() == ".json":
            return _json_entries(path, units)
        return _csv_entries(path, units)
    return _object_entries(source, units)


def read_records(path: str | Path, registry: Registry) -> Iterator[Record]:
    """The records of a CSV or JSON file, streamed (读取台账).

    Each record's ``unit`` is the full name of the unit its name resolved to. Raises one
    :class:`~fazhi_model.errors.LoadError` listing every bad row at the end of the stream.
    """
    for unit, activity, date, quantity, person in entries(path, registry):
        yield Record(unit.name, activity, date, quantity, person)


TERM_COLUMNS: tuple[str, ...] = ("holder", "start", "end")
"""The columns of a terms file: a person's or unit's name, first and last day of the term."""

METRIC_COLUMNS: tuple[str, ...] = ("metric", "unit", "value")
"""The columns of a metrics file: a target's id or metric name, a unit name, the value."""


def read_terms(path: str | Path) -> dict[str, tuple[dt.date, dt.date]]:
    """Terms of office (任期) from a CSV or JSON file with the columns ``holder,start,end``.

    ``holder`` is a person's name or a unit's name; ``start`` and ``end`` are ``YYYY-MM-DD``,
    inclusive. Every bad row is reported in one :class:`~fazhi_model.errors.LoadError`.
    """
    bad = _Collector(str(path))
    terms: dict[str, tuple[dt.date, dt.date]] = {}
    for row, values, line in _table(Path(path), TERM_COLUMNS, bad):
        holder = _text(values["holder"], row, "holder", bad)
        start = _as_date(values["start"], row, bad, "start")
        end = _as_date(values["end"], row, bad, "end")
        if holder is None or start is None or end is None:
            continue
        if end < start:
            bad.add(row, "end", f"the term ends ({end}) before it starts ({start})", line)
        elif holder in terms:
            bad.add(row, "holder", f"{holder!r} has a term already", line)
        else:
            terms[holder] = (start, end)
    bad.raise_if_any()
    return terms


def read_metrics(path: str | Path) -> dict[tuple[str, str], Number]:
    """Observed metric values (指标观测值) from a CSV or JSON file: ``metric,unit,value``.

    ``metric`` is a target's provision id or metric name (e.g. 高频处罚事项裁量权细化率),
    ``unit`` a unit's name; ``value`` a number in the target's measure (100 for 100%).
    """
    bad = _Collector(str(path))
    found: dict[tuple[str, str], Number] = {}
    for row, values, line in _table(Path(path), METRIC_COLUMNS, bad):
        metric = _text(values["metric"], row, "metric", bad)
        unit = _text(values["unit"], row, "unit", bad)
        raw = values["value"]
        value = _number(raw.strip()) if isinstance(raw, str) else _as_number(raw, row, bad, "value")
        if isinstance(value, str):
            bad.add(row, "value", value, line)
            continue
        if metric is None or unit is None or value is None:
            continue
        if (metric, unit) in found:
            bad.add(row, "metric", f"a value for {metric!r} of {unit!r} is given already", line)
        found[(metric, unit)] = value
    bad.raise_if_any()
    return found


def _table(
    path: Path, columns: tuple[str, ...], bad: _Collector
) -> Iterator[tuple[int, dict[str, Any], int | None]]:
    """The rows of a small CSV or JSON table as (row number, values by column, line)."""
    if path.suffix.lower() == ".json":
        data, _ = json_loads(read_text(path), file=str(path))
        if not isinstance(data, list):
            raise LoadError(
                [Problem(path="", message="expected an array of objects", file=str(path))]
            )
        for row, item in enumerate(data, start=1):
            if not isinstance(item, dict):
                bad.add(row, "row", f"expected an object with keys {', '.join(columns)}")
                continue
            unknown = [k for k in item if k not in columns]
            missing = [k for k in columns if k not in item]
            for key in unknown:
                bad.add(row, str(key), f"unknown key (expected {', '.join(columns)})")
            for key in missing:
                bad.add(row, key, "missing")
            if not unknown and not missing:
                yield row, item, None
        return
    lines = read_text(path).splitlines()
    reader = csv.reader(lines)
    header = [name.strip() for name in next(reader, [])]
    _check_header(header, bad, columns)
    bad.raise_if_any()
    for row, fields in enumerate(reader, start=2):
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            _wrong_width(fields, header, row, reader.line_num, bad)
            continue
        yield row, dict(zip(header, fields, strict=True)), reader.line_num


class _Collector:
    """The problems of one input, in the order found."""

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, row: int | str, field: str, message: str, line: int | None = None) -> None:
        where = f"row {row}" if isinstance(row, int) else row
        self.problems.append(
            Problem(path=f"{where}.{field}", message=message, file=self.file, line=line)
        )

    def raise_if_any(self) -> None:
        if self.problems:
            raise LoadError(self.problems)


class _CsvRecords:
    """An open records CSV file: its header checked, a cache per column, its problems.

    Few distinct unit names, activities, dates and quantities recur in a large file: each is
    checked once and looked up afterwards. Looking up a bad value raises :class:`_Invalid`;
    the row is then checked again field by field (:meth:`reject`) to report every problem.
    """

    def __init__(self, path: Path, units: UnitNames) -> None:
        self.path = path
        self.units = units
        self.bad = _Collector(str(path))
        try:
            self.handle = path.open(encoding="utf-8-sig", newline="")
        except OSError as exc:
            raise LoadError(
                [Problem(path="", message=f"cannot read: {exc.strerror}", file=str(path))]
            ) from None
        self.lines = iter(self.handle)
        try:
            header = csv.reader(self.lines)
            self.header = [name.strip() for name in next(header, [])]
        except (UnicodeDecodeError, csv.Error) as exc:
            self.handle.close()
            raise LoadError([_unreadable(exc, path, 1)]) from None
        self.extra = header.line_num - 1
        """Lines beyond one per row read so far (quoted values holding line breaks)."""
        _check_header(self.header, self.bad)
        if self.bad.problems:
            self.handle.close()
            self.bad.raise_if_any()
        pick = itemgetter(*(self.header.index(name) for name in COLUMNS))
        width = len(self.header)

        def reorder(fields: list[str]) -> Sequence[str]:
            return pick(fields) if len(fields) == width else fields

        self.rows: Iterator[Sequence[str]] = (
            self._split() if tuple(self.header) == COLUMNS else map(reorder, self._split())
        )
        """The rows, their fields in the order of :data:`COLUMNS` (rows of another length
        as read). The last field of a row keeps its line break: every cache strips."""
        self.unit_of = _Cache(lambda text: _unit(units, text))
        self.activity_of = _Cache(lambda text: text.strip() or None)
        self.date_of = _Cache(lambda text: _value(_date(text.strip())))
        self.number_of = _Cache(lambda text: _value(_number(text.strip())))
        self.person_of = _Persons()
        self.rejected = 0
        """Rows not counted: bad rows and blank rows."""

    def _split(self) -> Iterator[list[str]]:
        """The fields of each row: a line without a quote is split at its commas (fast); a
        line with one goes through the :mod:`csv` module, with the lines a quoted value
        spans."""
        lines = self.lines
        for line in lines:
            if '"' in line:
                reader = csv.reader(chain((line,), lines))
                yield next(reader, [])
                self.extra += reader.line_num - 1
            else:
                yield line.split(",")

    def unreadable(self, exc: UnicodeDecodeError | csv.Error, row: int) -> None:
        """Report that the file cannot be read from ``row`` on."""
        self.bad.problems.append(_unreadable(exc, self.path, row))

    def reject(self, row: int, fields: Sequence[str]) -> None:
        """Report each bad field of a row that failed the quick checks (blank rows pass).

        ``fields`` are in the order of :data:`COLUMNS`, or as read if there are not as many.
        The line reported is the one the row starts on.
        """
        self.rejected += 1
        if not any(f.strip() for f in fields):
            return
        line = row + self.extra
        if len(fields) != len(COLUMNS):
            _wrong_width(fields, self.header, row, line, self.bad)
        else:
            _report(self.bad, row, line, self.units, fields)


def _csv_entries(path: Path, units: UnitNames) -> Iterator[Entry]:
    f = _CsvRecords(path, units)
    unit_of, activity_of, date_of = f.unit_of, f.activity_of, f.date_of
    number_of, person_of = f.number_of, f.person_of
    row = 1
    with f.handle:
        try:
            for row, fields in enumerate(f.rows, start=2):
                try:
                    unit_name, activity_text, date_text, quantity_text, person_text = fields
                    unit = unit_of[unit_name]
                    activity = activity_of[activity_text]
                    date = date_of[date_text]
                    quantity = number_of[quantity_text]
                except (ValueError, _Invalid):
                    f.reject(row, fields)
                    continue
                yield unit, activity, date, quantity, person_of[person_text]
        except (UnicodeDecodeError, csv.Error) as exc:
            f.unreadable(exc, row + 1)
    f.bad.raise_if_any()


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

    def add(self, items: Iterable[Entry]) -> None:
        """Add validated records (a consumer of :func:`entries`)."""
        year, sums, dated, dated_activities = (
            self.year,
            self.sums,
            self.dated,
            self.dated_activities,
        )
        count = outside = 0
        for count, (unit, activity, day, quantity, person) in enumerate(items, start=1):  # noqa: B007
            key = (unit.id, activity, person)
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
    source: Source, registry: Registry, year: int, dated: frozenset[str] = frozenset()
) -> Totals:
    """The records summed per (unit id, activity, person) for ``year`` (按年汇总), streamed.

    ``dated`` names activities whose quantities are also kept per day (for terms of office).
    A CSV file takes a fast path (no per-row objects beyond the csv module's). Raises one
    :class:`~fazhi_model.errors.LoadError`
    listing every bad row; no totals are returned then.
    """
    result = Totals(year, dated)
    if not isinstance(source, str | Path) or Path(source).suffix.lower() == ".json":
        result.add(entries(source, registry))
        return result
    f = _CsvRecords(Path(source), UnitNames(registry))
    activity_of, date_of, number_of, person_of = f.activity_of, f.date_of, f.number_of, f.person_of
    # Keys are made of the caches' objects (the unit's id, the stripped texts): each is one
    # object per distinct value, so its hash is cached and dict lookups compare by identity.
    unit_id_of = _Cache(lambda text: f.unit_of[text].id)
    sums, days_of = result.sums, result.dated
    outside = 0
    row = 1
    with f.handle:
        try:
            for row, fields in enumerate(f.rows, start=2):
                try:
                    unit_text, activity_text, date_text, quantity_text, person_text = fields
                    unit_id = unit_id_of[unit_text]
                    activity = activity_of[activity_text]
                    day = date_of[date_text]
                    quantity = number_of[quantity_text]
                except (ValueError, _Invalid):
                    f.reject(row, fields)
                    continue
                key = (unit_id, activity, person_of[person_text])
                if day.year == year:
                    sums[key] = sums.get(key, 0) + quantity
                else:
                    outside += 1
                    if key not in sums:
                        sums[key] = 0
                if activity in dated:
                    days = days_of.setdefault(key, {})
                    days[day] = days.get(day, 0) + quantity
        except (UnicodeDecodeError, csv.Error) as exc:
            f.unreadable(exc, row + 1)
    f.bad.raise_if_any()
    result.count = row - 1 - f.rejected
    result.outside = outside
    return result


_T = TypeVar("_T")
_V = TypeVar("_V")


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


class _Persons(dict[str, str | None]):
    """Person fields, stripped; ``None`` for an empty one (computed once per text)."""

    def __missing__(self, key: str) -> str | None:
        value = self[key] = key.strip() or None
        return value


def _unit(units: UnitNames, text: str) -> Unit | None:
    found = units(text.strip()) if text.strip() else None
    return found if isinstance(found, Unit) else None


def _value(value: _V | str) -> _V | None:
    """A parsed value, or ``None`` for a message."""
    return None if isinstance(value, str) else value


def _report(
    bad: _Collector,
    row: int,
    line: int,
    units: UnitNames,
    fields: Sequence[str],
) -> None:
    """Report each bad field of a CSV row (fields in the order of :data:`COLUMNS`)."""
    unit_name, activity, date_text, quantity_text, _ = (f.strip() for f in fields)
    unit = units(unit_name) if unit_name else "missing value"
    for field, value in (
        ("unit", unit),
        ("activity", None if activity else "missing value"),
        ("date", _date(date_text)),
        ("quantity", _number(quantity_text)),
    ):
        if isinstance(value, str):
            bad.add(row, field, value, line)


def _unreadable(exc: Exception, path: Path, row: int) -> Problem:
    if isinstance(exc, UnicodeDecodeError):
        message = "expected UTF-8 text (in Excel or WPS, save as 'CSV UTF-8')"
    else:
        message = f"not valid CSV: {exc}"
    return Problem(path=f"row {row}", message=message, file=str(path))


def _check_header(header: list[str], bad: _Collector, columns: tuple[str, ...] = COLUMNS) -> None:
    expected = ",".join(columns)
    if not header:
        bad.add(1, "header", f"empty file: expected the header {expected}", 1)
        return
    for name in columns:
        count = header.count(name)
        if count == 0:
            bad.add(1, name, f"missing column {name!r} (expected the header {expected})", 1)
        elif count > 1:
            bad.add(1, name, f"column {name!r} appears {count} times", 1)
    for name in header:
        if name not in columns:
            bad.add(1, name, f"unknown column {name!r} (expected the header {expected})", 1)


def _wrong_width(
    fields: Sequence[str], header: list[str], row: int, line: int, bad: _Collector
) -> None:
    width = len(header)
    if len(fields) < width:
        for name in header[len(fields) :]:
            bad.add(
                row, name, f"missing: the row has {len(fields)} fields, the header {width}", line
            )
    else:
        bad.add(
            row,
            "fields",
            f"the row has {len(fields)} fields, the header {width} (quote a value holding a comma)",
            line,
        )


def _date(text: str) -> dt.date | str:
    """A ``YYYY-MM-DD`` date, or a message saying what is wrong."""
    if not text:
        return "missing value"
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return f"expected a real date YYYY-MM-DD, got {text!r}"
    return f"expected a date YYYY-MM-DD, got {text!r}"


def _number(text: str) -> Number | str:
    """A number ≥ 0 (an int where it is written whole), or a message saying what is wrong."""
    if not text:
        return "missing value"
    if _INT.fullmatch(text) and len(text) < 20:
        return int(text)
    try:
        value = float(text)
    except ValueError:
        return f"expected a number ≥ 0, got {text!r}"
    return _check_number(value, text)


def _check_number(value: Number, shown: object) -> Number | str:
    if isinstance(value, float) and not math.isfinite(value):
        return f"expected a finite number ≥ 0, got {shown!r}"
    if value < 0:
        return f"expected a number ≥ 0, got {shown!r}"
    return value


def _json_entries(path: Path, units: UnitNames) -> Iterator[Entry]:
    data, _ = json_loads(read_text(path), file=str(path))
    if not isinstance(data, list):
        raise LoadError(
            [Problem(path="", message="expected an array of record objects", file=str(path))]
        )
    bad = _Collector(str(path))
    for row, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            bad.add(row, "record", f"expected an object with keys {', '.join(COLUMNS)}")
            continue
        for key in item:
            if key not in COLUMNS:
                bad.add(row, str(key), f"unknown key (expected {', '.join(COLUMNS)})")
        missing = [name for name in COLUMNS[:4] if name not in item]
        for name in missing:
            bad.add(row, name, "missing")
        entry = _entry(
            row,
            bad,
            units,
            *(item.get(name, _MISSING) for name in COLUMNS),
        )
        if entry is not None and not missing:
            yield entry
    bad.raise_if_any()


def _object_entries(records: Iterable[Record], units: UnitNames) -> Iterator[Entry]:
    bad = _Collector(None)
    for i, record in enumerate(records):
        where = f"records[{i}]"
        if not isinstance(record, Record):
            bad.add(where, "record", f"expected a Record, got {type(record).__name__}")
            continue
        entry = _entry(
            where,
            bad,
            units,
            record.unit,
            record.activity,
            record.date,
            record.quantity,
            record.person,
        )
        if entry is not None:
            yield entry
    bad.raise_if_any()


_MISSING: Any = object()
"""A key absent from a JSON object (already reported)."""


def _entry(
    row: int | str,
    bad: _Collector,
    units: UnitNames,
    unit_name: Any,
    activity: Any,
    date: Any,
    quantity: Any,
    person: Any,
) -> Entry | None:
    """A record's values checked one by one, in column order; ``None`` if any is bad."""
    before = len(bad.problems)
    unit = None
    name = _text(unit_name, row, "unit", bad)
    if name is not None:
        found = units(name)
        if isinstance(found, str):
            bad.add(row, "unit", found)
        else:
            unit = found
    activity = _text(activity, row, "activity", bad)
    if date is not _MISSING:
        date = _as_date(date, row, bad)
    if quantity is not _MISSING:
        quantity = _as_number(quantity, row, bad)
    if person is _MISSING or person is None:
        person = None
    elif isinstance(person, str):
        person = person.strip() or None
    else:
        bad.add(row, "person", f"expected text or null, got {type(person).__name__}")
    if len(bad.problems) > before or unit is None or activity is None:
        return None
    return unit, activity, date, quantity, person


def _text(value: Any, row: int | str, field: str, bad: _Collector) -> str | None:
    if value is _MISSING:
        return None
    if not isinstance(value, str):
        what = "nothing (null)" if value is None else type(value).__name__
        bad.add(row, field, f"expected text, got {what}")
        return None
    if not value.strip():
        bad.add(row, field, "missing value")
        return None
    return value.strip()


def _as_date(value: Any, row: int | str, bad: _Collector, field: str = "date") -> dt.date | None:
    if isinstance(value, dt.datetime):
        bad.add(row, field, "expected a date, got a date with a time")
        return None
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        what = "nothing (null)" if value is None else type(value).__name__
        bad.add(row, field, f"expected a date YYYY-MM-DD, got {what}")
        return None
    date = _date(value.strip())
    if isinstance(date, str):
        bad.add(row, field, date)
        return None
    return date


def _as_number(
    value: Any, row: int | str, bad: _Collector, field: str = "quantity"
) -> Number | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        what = "nothing (null)" if value is None else repr(value)
        bad.add(row, field, f"expected a number ≥ 0, got {what}")
        return None
    checked = _check_number(value, value)
    if isinstance(checked, str):
        bad.add(row, field, checked)
        return None
    return checked
