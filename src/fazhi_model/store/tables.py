"""Tables (表格读取): the one reader of every ledger (台账) the library reads.

Activity records, terms of office, observed metrics (and any other ledger kind) are read by
:func:`read_table`, driven by a :class:`Schema` that names the fields of one kind of ledger.

Sources
-------
* a path to a CSV file (``.csv``, ``.tsv``, ``.txt``): UTF-8, UTF-8 with a BOM, or GB18030
  (which includes GBK, as Chinese Excel and WPS save "CSV"). The encoding is detected on the
  first MiB: UTF-8 if it decodes as UTF-8, else GB18030 if it decodes as GB18030, else an
  error naming the line. A later line that does not decode in the detected encoding is an
  error naming that line (never a silent guess). UTF-16 is refused with a hint. The separator
  (comma, tab or semicolon) is sniffed from the first lines; :attr:`Table.encoding` and
  :attr:`Table.delimiter` say what was used. The file is streamed in blocks, never held whole.
* a path to an ``.xlsx`` workbook (openpyxl, read-only mode, streamed): ``sheet`` by name or by
  position (1 = the first sheet, the default). Date cells are dates; a number in a date column
  is an Excel serial day number (the workbook's 1900 or 1904 system).
* a path to ``.json`` (an array of objects, parsed whole: at most :data:`MAX_JSON_BYTES`) or
  ``.jsonl``/``.ndjson`` (JSON Lines: one object per line, streamed). A key written twice in
  one object is an error (:mod:`fazhi_model.store._json`).
* a binary stream (standard input): CSV, JSON, JSON Lines or XLSX, told apart by the first bytes.
* a pandas DataFrame (its columns are the header; NaN, NA and NaT are empty cells), or any
  iterable of mappings (their keys are the header).

Headers
-------
A column is matched to a field by its header: the field's name or one of its aliases
(:attr:`Field.aliases`, e.g. 单位 for ``unit``). Before matching, a header is normalised:
spaces (also full-width) removed, ASCII letters lower-cased, a leading ``*`` (a template's
"required" mark) and a trailing note in brackets (``学时(小时)``, ``数量（次）``) dropped. The
``columns`` argument maps a field to any other header (``{"unit": "单位名称"}``; the CLI's
``--columns unit=单位名称``). Headers in :data:`IGNORED_HEADERS` (序号, 备注, …) are ignored;
any other header that names no field is an error, as are two columns for one field. In a CSV
file or a worksheet, the header is the first of the first :data:`HEADER_SEARCH_ROWS` rows that
names every required field; rows above it (a title, often a merged cell) are skipped and listed
in :attr:`Table.skipped`. A header cell left empty by a merged cell above a two-level header is
filled from the row above.

Values
------
Each field has a kind (:data:`FieldKind`): ``text`` (surrounding spaces removed; an integer
cell is its digits), ``date`` (:data:`DATE_FORMS`), ``number`` (an integer kept exact or a
decimal, ≥ 0, at most :data:`~fazhi_model.store._limits.MAX_NUMBER`; text forms ``12`` or
``12.5``, at most 15 significant digits, so that the value is exactly what was written) and
``int`` (a whole number ≥ 0, same bound). An empty cell is a missing value: a problem for a
required field, ``None`` for an optional one.

Problems
--------
A bad row is reported field by field (``row 7.date``, with the file and the line) in a
:class:`Problems` collector and skipped; blank rows are skipped and counted. The collector
keeps the first :data:`MAX_PROBLEMS` problems and counts the rest (a 2,000,000-row file of bad
rows does not hold 2,000,000 problems); a ``sink`` given to it receives every problem as it is
found (the CLI's ``--errors FILE`` writes them all). When the rows are exhausted, the table
raises one :class:`~fazhi_model.errors.LoadError` with the problems kept and the count of the
others (unless the caller passed its own collector, which it then raises itself). So a consumer
must not act on the rows it has seen before the iteration ends without an error.

Defining another ledger kind
----------------------------
A ledger kind is a :class:`Schema`: a name (used in messages and as the label of Python rows,
``progress[3].date``) and its fields. Another module defines its own, e.g.::

    from fazhi_model.store.tables import Field, Schema, read_table

    PROGRESS = Schema(
        "progress",
        (
            Field("provision", aliases=("条款", "条款编号")),
            Field("unit", aliases=("单位", "责任单位")),
            Field("done", "date", aliases=("完成日期", "完成时间")),
            Field("note", required=False, aliases=("情况说明",)),
        ),
    )

    for row, values in read_table(path, PROGRESS):
        ...  # values["done"] is a datetime.date; values["note"] is str or None

Checks beyond a field's kind (a unit that must exist, a date range) are the reading module's:
it passes a :class:`Problems` of its own (``read_table(..., problems=bad)``), adds what it finds
with ``bad.add(table.label(row), field, message, table.line(row))`` and calls
``bad.raise_if_any()`` at the end. Large ledgers can use :meth:`Table.raw` (the row's cells in
field order, unconverted) with the converters of this module cached per distinct text.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import numbers
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, Literal, TypeAlias

import attrs

from fazhi_model.errors import InputError, LoadError, Problem, require
from fazhi_model.store import _json
from fazhi_model.store._limits import MAX_NUMBER, number_problem
from fazhi_model.store.files import MAX_TABLE_BYTES, check_input

__all__ = [
    "DATE_FORMS",
    "HEADER_SEARCH_ROWS",
    "IGNORED_HEADERS",
    "MAX_JSON_BYTES",
    "MAX_PROBLEMS",
    "MISSING",
    "Field",
    "FieldKind",
    "Problems",
    "Schema",
    "Table",
    "TableSource",
    "convert",
    "normalise_header",
    "parse_date",
    "parse_int",
    "parse_number",
    "parse_text",
    "read_table",
]

MISSING = "缺少值 (missing value)"
"""The message for an empty cell of a required field."""

FieldKind: TypeAlias = Literal["text", "date", "number", "int"]
"""What a field holds: text, a date, a number ≥ 0 (int or decimal), a whole number ≥ 0."""

MAX_PROBLEMS = 1000
"""Problems kept per input; further ones are counted (and passed to a sink), not kept."""

MAX_JSON_BYTES = 256 * 1024 * 1024
"""The largest ``.json`` array read (it is parsed whole); JSON Lines are streamed."""

HEADER_SEARCH_ROWS = 10
"""How many rows at the top of a CSV file or worksheet are searched for the header."""

IGNORED_HEADERS: frozenset[str] = frozenset(
    {"序号", "编号", "备注", "说明", "no", "no.", "#", "note", "notes", "remark", "remarks"}
)
"""Headers of columns that carry no data for any ledger (a row number, a remark): ignored."""

DATE_FORMS: tuple[str, ...] = (
    "2025-03-12 (ISO 8601; also 2025-3-12)",
    "2025/3/12 (also 2025/03/12)",
    "2025.3.12",
    "2025年3月12日",
    "any of these followed by a midnight time: 2025/3/12 0:00, 2025-03-12 00:00:00",
    "a date cell of a workbook, or an Excel serial day number in a date column of a workbook",
)
"""The accepted forms of a date (the documented list; anything else is a located error)."""

_BLOCK = 1 << 20
"""CSV files are decoded in blocks of this many bytes (cut at a line end)."""

_DATE_TEXT = re.compile(
    r"(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})日)"
    r"(?:[ T]0{1,2}:00(?::00)?)?",
    re.ASCII,
)
_INT_TEXT = re.compile(r"\d+", re.ASCII)
_DECIMAL_TEXT = re.compile(r"\d+\.\d+", re.ASCII)
_BRACKET_NOTE = re.compile(r"[(（][^()（）]*[)）]$")
_SPACES = re.compile(r"[\s\u3000]+")

_EXCEL_1900 = dt.date(1899, 12, 30)
_EXCEL_1904 = dt.date(1904, 1, 1)
_MAX_SERIAL = (dt.date(9999, 12, 31) - _EXCEL_1900).days


@attrs.frozen
class Field:
    """One field of a ledger kind (字段): its name, kind, whether required, header aliases."""

    name: str
    kind: FieldKind = "text"
    required: bool = True
    aliases: tuple[str, ...] = ()
    description: str = ""


@attrs.frozen
class Schema:
    """A ledger kind (台账类型): its name and fields, in the order of :meth:`Table.raw`."""

    name: str
    fields: tuple[Field, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The field names, in order."""
        return tuple(f.name for f in self.fields)

    def headers(self) -> dict[str, str]:
        """Normalised header → field name: every name and alias (see :func:`normalise_header`)."""
        found: dict[str, str] = {}
        for f in self.fields:
            for text in (f.name, *f.aliases):
                key = normalise_header(text)
                if found.setdefault(key, f.name) != f.name:
                    raise InputError(
                        f"{self.name}: 表头 {text!r} 重复 (header alias of two fields)"
                    )
        return found


TableSource: TypeAlias = Any
"""A path (str or Path), a binary stream, a pandas DataFrame or an iterable of mappings."""


def normalise_header(text: object) -> str:
    """A header cell as matched against names and aliases (see the module docstring)."""
    if text is None:
        return ""
    value = str(text).replace("\ufeff", "")
    value = _SPACES.sub("", value).lstrip("*＊")
    stripped = _BRACKET_NOTE.sub("", value)
    if stripped:
        value = stripped
    return value.lower()


class Problems:
    """The problems of one input (问题清单): the first ``keep`` kept, every one counted.

    ``sink`` is called with every problem as it is found (e.g. to write them all to a file).
    """

    def __init__(
        self,
        file: str | None = None,
        *,
        keep: int = MAX_PROBLEMS,
        sink: Callable[[Problem], None] | None = None,
    ) -> None:
        self.file = file
        self.keep = keep
        self.sink = sink
        self.kept: list[Problem] = []
        self.count = 0
        self.rows = 0
        """Distinct rows with problems (a row's problems are reported one after another)."""
        self._last = ""

    def add(self, where: str, field: str, message: str, line: int | None = None) -> None:
        """Record a problem of ``field`` at ``where`` (``row 7``, ``records[3]``)."""
        self.report(
            Problem(
                path=f"{where}.{field}" if field else where,
                message=message,
                file=self.file,
                line=line,
            )
        )

    def report(self, problem: Problem) -> None:
        """Record a problem made elsewhere."""
        self.count += 1
        where = problem.path.split(".", 1)[0]
        if where != self._last:
            self.rows += 1
            self._last = where
        if len(self.kept) < self.keep:
            self.kept.append(problem)
        if self.sink is not None:
            self.sink(problem)

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def error(self) -> LoadError:
        """One error with the problems kept and the number of the others."""
        return LoadError(self.kept, omitted=self.count - len(self.kept))

    def raise_if_any(self) -> None:
        """Raise :meth:`error` if any problem was found."""
        if self.count:
            raise self.error()


class _Stop(Exception):
    """The input cannot be read further (the problem is already recorded)."""


# -- converters ----------------------------------------------------------------------------------


def parse_text(value: Any) -> str | None:
    """Text without surrounding spaces; ``None`` for an empty cell; an integer cell's digits.

    Raises :class:`ValueError` with a message for anything else.
    """
    if isinstance(value, str):
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return str(int(value))
    raise ValueError(f"应为文本 (expected text, got {_shown(value)})")


def parse_date(value: Any, *, epoch: dt.date | None = None) -> dt.date | None:
    """A date in one of :data:`DATE_FORMS`; ``None`` for an empty cell.

    ``epoch`` (a workbook's day 0) admits Excel serial day numbers. Raises :class:`ValueError`
    with a message saying what was expected.
    """
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        m = _DATE_TEXT.fullmatch(text)
        if m is None:
            raise ValueError(
                f"日期格式不对 (expected a date such as 2025-03-12, 2025/3/12, 2025.3.12 or "
                f"2025年3月12日, got {text!r})"
            )
        year, month, day = int(m[1]), int(m[3] or m[5]), int(m[4] or m[6])
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"没有这一天 (expected a real date, got {text!r})") from None
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0):
            raise ValueError(
                f"应为日期, 不含时刻 (expected a date, got a time of day: {value.isoformat()})"
            )
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None:
        return None
    if epoch is not None and isinstance(value, numbers.Real) and not isinstance(value, bool):
        return _serial_date(value, epoch)
    raise ValueError(f"应为日期 (expected a date such as 2025-03-12, got {_shown(value)})")


def _serial_date(value: numbers.Real, epoch: dt.date) -> dt.date:
    serial = float(value)
    if not serial.is_integer():
        raise ValueError(
            f"应为日期, 不含时刻 (expected a date, got the Excel serial number {value}: a time)"
        )
    low = 61 if epoch == _EXCEL_1900 else 0  # 1900 serials below 61 carry Excel's 1900 leap bug
    if not low <= serial <= _MAX_SERIAL:
        raise ValueError(
            f"应为日期 (expected a date, got the number {value}: not an Excel serial date)"
        )
    return epoch + dt.timedelta(days=int(serial))


def parse_number(value: Any) -> int | float | None:
    """A number ≥ 0 written exactly (an int stays an int); ``None`` for an empty cell.

    Text: digits, optionally with a decimal point (``12``, ``12.5``; at most 15 significant
    digits). Numbers: finite, at most :data:`~fazhi_model.store._limits.MAX_NUMBER`.
    Raises :class:`ValueError` with a message saying what was expected.
    """
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if _INT_TEXT.fullmatch(text):
            if len(text) > 16 or int(text) > MAX_NUMBER:
                raise ValueError(_too_large(text))
            return int(text)
        if _DECIMAL_TEXT.fullmatch(text):
            if len(text.replace(".", "").lstrip("0")) > 15:
                raise ValueError(
                    "有效数字过多 (expected at most 15 significant digits, kept exactly, "
                    f"got {text!r})"
                )
            decimal = float(text)
            if decimal > MAX_NUMBER:
                raise ValueError(_too_large(text))
            return decimal
        raise ValueError(f"应为不小于0的数 (expected a number ≥ 0 such as 2 or 1.5, got {text!r})")
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"应为不小于0的数 (expected a number ≥ 0, got {value!r})")
    number: int | float
    if isinstance(value, numbers.Integral):
        number = int(value)
    elif isinstance(value, numbers.Real):
        number = float(value)
    else:
        raise ValueError(f"应为不小于0的数 (expected a number ≥ 0, got {_shown(value)})")
    problem = number_problem(number)
    if problem is not None:
        raise ValueError(problem)
    if number < 0:
        raise ValueError(f"应为不小于0的数 (expected a number ≥ 0, got {number!r})")
    return number


def parse_int(value: Any) -> int | None:
    """A whole number ≥ 0 (a whole float cell such as ``3.0`` counts); ``None`` for empty."""
    number = parse_number(value)
    if number is None or isinstance(number, int):
        return number
    if not number.is_integer():
        raise ValueError(f"应为整数 (expected a whole number, got {number!r})")
    return int(number)


def _too_large(text: str) -> str:
    shown = text if len(text) <= 24 else f"{text[:12]}… ({len(text)} digits)"
    return f"数值过大 (expected a number of at most 10^15, got {shown})"


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    text = repr(value)
    return f"{type(value).__name__} {text[:40]}"


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "text": parse_text,
    "date": parse_date,
    "number": parse_number,
    "int": parse_int,
}


def convert(kind: FieldKind, value: Any, *, epoch: dt.date | None = None) -> Any:
    """``value`` converted to a field of ``kind`` (:class:`ValueError` with a message if bad)."""
    if kind == "date":
        return parse_date(value, epoch=epoch)
    return _CONVERTERS[kind](value)


# -- the table -----------------------------------------------------------------------------------


def read_table(
    source: TableSource,
    schema: Schema,
    *,
    sheet: str | int | None = None,
    columns: Mapping[str, str] | None = None,
    ignore: Iterable[str] = (),
    checks: Mapping[str, Callable[[Any], str | None]] | None = None,
    problems: Problems | None = None,
    name: str | None = None,
    limit: int = MAX_TABLE_BYTES,
) -> Table:
    """Open a ledger for reading (读取台账); iterate the result for ``(row, values)``.

    ``columns`` maps a field name to the header of its column where that header is none of
    the field's aliases; ``ignore`` names further headers to ignore. ``checks`` maps a field
    to a function of its (converted, non-empty) value giving a message where the value is
    refused (e.g. a unit the registry does not know), else ``None``. ``problems`` is the
    caller's collector (then the table does not raise at the end: the caller does). ``name``
    is the file name shown in problems of a stream. Raises
    :class:`~fazhi_model.errors.LoadError` at once for an unreadable file or header.
    """
    if not isinstance(schema, Schema):
        raise InputError(f"schema 应为 Schema (expected a Schema, got {type(schema).__name__})")
    return Table(
        source,
        schema,
        sheet=sheet,
        columns=dict(columns or {}),
        ignore=frozenset(normalise_header(h) for h in ignore),
        checks=dict(checks or {}),
        problems=problems,
        name=name,
        limit=limit,
    )


class Table:
    """An open ledger: its header matched to a schema, its rows streamed (see :func:`read_table`).

    Iterating gives ``(row number, {field: value})`` for each good row, values converted; the
    rows must be read once, to the end. :meth:`raw` gives the cells unconverted instead.
    """

    def __init__(
        self,
        source: TableSource,
        schema: Schema,
        *,
        sheet: str | int | None,
        columns: dict[str, str],
        ignore: frozenset[str],
        checks: dict[str, Callable[[Any], str | None]],
        problems: Problems | None,
        name: str | None,
        limit: int,
    ) -> None:
        self.schema = schema
        self.format = ""
        """``csv``, ``xlsx``, ``json``, ``jsonl``, ``dataframe`` or ``rows``."""
        self.file: str | None = name
        self.encoding: str | None = None
        """The encoding a CSV file was read in: ``utf-8``, ``utf-8-sig`` or ``gb18030``."""
        self.delimiter: str | None = None
        self.sheet: str | None = None
        """The worksheet read."""
        self.header: dict[str, str] = {}
        """Field name → the header of its column, as written."""
        self.header_row = 1
        self.skipped: tuple[int, ...] = ()
        """Rows above the header (a title), skipped."""
        self.ignored: tuple[str, ...] = ()
        """Headers of ignored columns."""
        self.blank = 0
        """Blank rows (every cell empty), skipped."""
        self.rows = 0
        """Data rows read so far (blank rows not counted)."""
        self._own = problems is None
        self._checks = checks
        self._columns = columns
        self._ignore = ignore | IGNORED_HEADERS
        self._limit = limit
        self._epoch: dt.date | None = None
        self._extra = 0
        self._closers: list[Callable[[], None]] = []
        self._mapped: Iterator[tuple[int, Sequence[Any]]] | None = None
        self._raw: Iterator[tuple[int, Sequence[Any]]]
        self.problems = problems if problems is not None else Problems(None)
        if isinstance(columns, Mapping):
            for field, header in columns.items():
                if field not in schema.names:
                    raise InputError(
                        f"未知字段 {field!r} (--columns: unknown field; "
                        f"expected one of {', '.join(schema.names)})"
                    )
                if not isinstance(header, str) or not header.strip():
                    raise InputError(f"--columns {field}= 需要表头 (expected a header name)")
        try:
            self._open(source, sheet)
        except BaseException:
            self.close()
            raise

    # -- public ---------------------------------------------------------------------------------

    def label(self, row: int) -> str:
        """How a row is named in problems: ``row 7`` in a file, ``records[6]`` in Python rows."""
        if self.format in ("dataframe", "rows"):
            return f"{self.schema.name}[{row - 1}]"
        return f"row {row}"

    def line(self, row: int) -> int | None:
        """The line of a file on which the current row (numbered ``row``) starts."""
        if self.format == "csv":
            return row + self._extra
        if self.format == "jsonl":
            return row
        return None

    def raw(self) -> Iterator[tuple[int, Sequence[Any]]]:
        """Each data row as (row number, cells in the schema's field order), unconverted.

        A missing optional column gives ``None`` cells. Blank rows and rows of the wrong width
        (reported) are not given. A CSV row's cells are its texts, the last one may keep its
        line break: strip when converting. At the end, raises the problems if the table owns them.
        """
        return self._raw

    def _end(self) -> None:
        if self._own:
            self.problems.raise_if_any()

    def _finishing(
        self, rows: Iterator[tuple[int, Sequence[Any]]]
    ) -> Iterator[tuple[int, Sequence[Any]]]:
        """``rows``, then the end of the table: the file closed, the problems raised."""
        try:
            yield from rows
        except _Stop:
            pass
        finally:
            self.close()
        self._end()

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any]]]:
        fields = self.schema.fields
        checks = [self._checks.get(f.name) for f in fields]
        caches: list[dict[str, Any]] = [{} for _ in fields]
        value_of = self._value
        bad = self.problems
        for row, cells in self.raw():
            values: dict[str, Any] = {}
            ok = True
            for f, check, cache, cell in zip(fields, checks, caches, cells, strict=True):
                value = cache.get(cell, cache) if type(cell) is str else cache
                if value is cache:
                    try:
                        value = value_of(f, check, cell)
                    except ValueError as exc:
                        bad.add(self.label(row), f.name, str(exc), self.line(row))
                        ok = False
                        continue
                    if type(cell) is str:
                        cache[cell] = value
                values[f.name] = value
            if ok:
                yield row, values

    def _value(self, f: Field, check: Callable[[Any], str | None] | None, cell: Any) -> Any:
        """A cell converted and checked; :class:`ValueError` with a message if refused."""
        value = convert(f.kind, cell, epoch=self._epoch)
        if value is None:
            if f.required:
                raise ValueError(MISSING)
        elif check is not None:
            message = check(value)
            if message is not None:
                raise ValueError(message)
        return value

    def reject(self, row: int, cells: Sequence[Any]) -> int:
        """Report every bad cell of a row (in field order) that a fast consumer refused; the
        number of problems reported."""
        before = self.problems.count
        for f, cell in zip(self.schema.fields, cells, strict=True):
            try:
                self._value(f, self._checks.get(f.name), cell)
            except ValueError as exc:
                self.problems.add(self.label(row), f.name, str(exc), self.line(row))
        return self.problems.count - before

    def set_check(self, field: str, check: Callable[[Any], str | None]) -> None:
        """Set the check of a field (see :func:`read_table`), before the rows are read."""
        if field not in self.schema.names:
            raise InputError(f"未知字段 {field!r} (unknown field of {self.schema.name})")
        self._checks[field] = check

    @property
    def epoch(self) -> dt.date | None:
        """Day 0 of Excel serial dates, for a workbook; ``None`` otherwise."""
        return self._epoch

    def close(self) -> None:
        """Close the file (done when the rows are exhausted)."""
        while self._closers:
            self._closers.pop()()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- opening --------------------------------------------------------------------------------

    def _fail(self, message: str, line: int | None = None, where: str = "") -> LoadError:
        return LoadError([Problem(path=where, message=message, file=self.file, line=line)])

    def _open(self, source: TableSource, sheet: str | int | None) -> None:
        if isinstance(source, str | Path):
            if str(source) == "-":
                raise InputError(
                    "'-' (标准输入) 需传入流 (pass sys.stdin.buffer for standard input)"
                )
            path = check_input(source, limit=self._limit)
            self.file = str(path)
            if self.problems.file is None:
                self.problems.file = self.file
            suffix = path.suffix.lower()
            if suffix in (".xlsx", ".xlsm"):
                self._open_xlsx(path, sheet)
                return
            if suffix == ".xls":
                raise self._fail(
                    "旧版 .xls 格式不支持, 请另存为 .xlsx (the old .xls format: save as .xlsx)"
                )
            if suffix == ".json":
                self._open_json(path.read_bytes() if self._json_size(path) else b"")
                return
            if suffix in (".jsonl", ".ndjson"):
                handle = path.open("rb")
                self._closers.append(handle.close)
                self._open_jsonl(handle)
                return
            handle = path.open("rb")
            self._closers.append(handle.close)
            self._open_csv(handle)
            return
        if hasattr(source, "read"):
            self.file = self.file or "<stdin>"
            if self.problems.file is None:
                self.problems.file = self.file
            self._open_stream(source)
            return
        if sheet is not None:
            raise InputError("sheet 只适用于 .xlsx (sheet applies to a workbook only)")
        if type(source).__module__.split(".")[0] == "pandas" and hasattr(source, "itertuples"):
            self._open_dataframe(source)
            return
        if isinstance(source, bytes | bytearray | Mapping) or not isinstance(source, Iterable):
            raise InputError(
                "台账应为文件路径、DataFrame 或映射的可迭代对象 (expected a path, a DataFrame "
                f"or an iterable of mappings, got {type(source).__name__})"
            )
        self._open_mappings(source)

    def _json_size(self, path: Path) -> bool:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            raise self._fail(
                f"JSON 文件过大: {size} 字节, 上限 {MAX_JSON_BYTES} (a .json array is parsed "
                "whole; use JSON Lines (.jsonl) for a larger ledger)"
            )
        return True

    def _open_stream(self, stream: IO[bytes]) -> None:
        buffer = getattr(stream, "buffer", stream)
        head = buffer.read(4)
        if not isinstance(head, bytes):
            raise InputError("流应为二进制 (expected a binary stream, e.g. sys.stdin.buffer)")
        if head.startswith(b"PK\x03\x04"):
            data = head + buffer.read(self._limit + 1 - len(head))
            if len(data) > self._limit:
                raise self._fail(f"输入过大 (input larger than {self._limit} bytes)")
            self._open_xlsx(io.BytesIO(data), None)
            return
        rest = head
        while rest.strip() == b"" and len(rest) < 4096:
            more = buffer.read(1)
            if not more:
                break
            rest += more
        start = rest.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        joined = _Prefixed(rest, buffer)
        if start == b"[":
            data = joined.read(MAX_JSON_BYTES + 1)
            if len(data) > MAX_JSON_BYTES:
                raise self._fail(f"JSON 过大 (a JSON array larger than {MAX_JSON_BYTES} bytes)")
            self._open_json(data)
        elif start == b"{":
            self._open_jsonl(joined)
        else:
            self._open_csv(joined)

    # -- CSV ------------------------------------------------------------------------------------

    def _open_csv(self, handle: IO[bytes] | _Prefixed) -> None:
        self.format = "csv"
        lines = self._decoded_lines(handle)
        try:
            first = list(_take(lines, HEADER_SEARCH_ROWS))
        except _Stop:
            raise self.problems.error() from None
        sample = [line for line in first if line.strip()]
        if not sample:
            raise self._fail(
                f"空文件 (empty file: expected a header {self._expected()})", 1, "row 1"
            )
        counts = {d: sum(line.count(d) for line in sample) for d in (",", "\t", ";")}
        self.delimiter = delimiter = max(counts, key=lambda d: (counts[d], d == ","))
        # The first rows again, through the csv module (a quoted header cell may hold anything).
        head_reader = csv.reader(iter(first), delimiter=delimiter)
        head_rows: list[list[str]] = []
        ends: list[int] = []
        try:
            for cells in head_reader:
                head_rows.append(cells)
                ends.append(head_reader.line_num)
        except csv.Error as exc:
            raise self._fail(
                f"不是有效的 CSV (not valid CSV: {exc})", head_reader.line_num
            ) from None
        index = self._find_header(head_rows)
        header_cells = self._header_cells(head_rows, index)
        self.header_row = index + 1
        self._extra = ends[index] - (index + 1)
        pending = [line for i, line in enumerate(first) if i >= ends[index]]
        width = len(header_cells)
        pick = self._picker(width)
        rest = chain(pending, lines)

        identity = pick is _same
        header_row = self.header_row

        def rows() -> Iterator[tuple[int, Sequence[Any]]]:
            # One loop for the hot path: a line without a quote is split at the delimiter; a
            # line with one goes through the csv module, with the lines a quoted value spans.
            # The extra lines of a row are counted after it is handed on, so that line() is
            # right while the consumer looks at it.
            row = header_row
            blank = 0
            try:
                for line in rest:
                    row += 1
                    if '"' not in line:
                        cells = line.split(delimiter)
                        if len(cells) == width:
                            first = cells[0]
                            if first and not first.isspace():
                                yield row, cells if identity else pick(cells)
                                continue
                        more = 0
                    else:
                        reader = csv.reader(chain((line,), rest), delimiter=delimiter)
                        cells = next(reader, [])
                        more = reader.line_num - 1
                    if not any(c.strip() for c in cells):
                        blank += 1
                    elif len(cells) == width:
                        yield row, cells if identity else pick(cells)
                    else:
                        self._wrong_width(row, cells, width)
                    if more:
                        self._extra += more
            except csv.Error as exc:
                self.problems.add(f"row {row}", "", f"不是有效的 CSV (not valid CSV: {exc})", None)
            except _Stop:
                pass
            finally:
                self.blank = blank
                self.rows = row - header_row - blank
                self.close()
            self._end()

        self._raw = rows()

    def _decoded_lines(self, handle: IO[bytes] | _Prefixed) -> Iterator[str]:
        """The lines of a CSV file (ends kept), decoded in blocks cut at line ends.

        Stops with a located problem (:class:`_Stop`) at a line that does not decode or beyond
        the size limit. The encoding is decided at the first block that is not pure ASCII.
        """
        block = handle.read(_BLOCK)
        if block.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise self._fail(
                "UTF-16 文本: 请另存为 CSV UTF-8 (UTF-16 text: in Excel or WPS save as "
                "'CSV UTF-8' or as a workbook)",
                1,
            )
        codec: str | None = None
        if block.startswith(codecs.BOM_UTF8):
            self.encoding, codec = "utf-8-sig", "utf-8"
            block = block[3:]
        return self._lines(handle, block, codec)

    def _detect(self, chunk: bytes, line: int) -> str:
        """The encoding of the first block that is not pure ASCII: UTF-8 or GB18030."""
        try:
            chunk.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError as exc:
            first = exc
        replaced = chunk.decode("utf-8", "replace")
        bad = replaced.count("\ufffd")
        good = sum(1 for c in replaced if c > "\x7f") - bad
        at = line + chunk[: first.start].count(b"\n")
        if good > bad:  # mostly valid UTF-8: a damaged UTF-8 file, not GBK
            self._undecodable(at, chunk[first.start], "utf-8")
        try:
            chunk.decode("gb18030")
            return "gb18030"
        except UnicodeDecodeError as second:
            at2 = line + chunk[: second.start].count(b"\n")
            self.problems.add(
                f"line {at2}",
                "",
                f"无法识别的编码: 既非 UTF-8 也非 GBK/GB18030 (neither UTF-8: byte "
                f"0x{chunk[first.start]:02x} on line {at}; nor GB18030: byte "
                f"0x{chunk[second.start]:02x} on line {at2}; save as 'CSV UTF-8')",
                at2,
            )
            raise _Stop from None

    def _undecodable(self, line: int, byte: int, codec: str) -> None:
        self.problems.add(
            f"line {line}",
            "",
            f"第 {line} 行不是 {_ENCODING_NAMES[codec]} 编码 (byte 0x{byte:02x} on line {line} "
            f"is not {codec}, the encoding of the file so far; save the whole file in one "
            "encoding, e.g. 'CSV UTF-8')",
            line,
        )
        raise _Stop

    def _lines(
        self, handle: IO[bytes] | _Prefixed, block: bytes, codec: str | None
    ) -> Iterator[str]:
        total = len(block)
        line = 1
        rest = b""
        while True:
            final = len(block) == 0
            data = rest + block
            cut = len(data) if final else _cut(data, final=False)
            chunk, rest = data[:cut], data[cut:]
            if chunk:
                if codec is None and not chunk.isascii():
                    codec = self._detect(chunk, line)
                    self.encoding = codec
                try:
                    text = chunk.decode(codec or "ascii")
                except UnicodeDecodeError as exc:
                    at = line + chunk[: exc.start].count(b"\n")
                    self._undecodable(at, chunk[exc.start], codec or "utf-8")
                line += chunk.count(b"\n")
                yield from io.StringIO(text, newline="")
            if final:
                if self.encoding is None:
                    self.encoding = "utf-8"  # pure ASCII
                return
            block = handle.read(_BLOCK)
            total += len(block)
            if total > self._limit:
                self.problems.add(
                    f"line {line}", "", f"文件过大 (input larger than {self._limit} bytes)", line
                )
                raise _Stop

    def _wrong_width(self, row: int, cells: Sequence[str], width: int) -> None:
        where, line = self.label(row), self.line(row)
        if len(cells) < width:
            self.problems.add(
                where,
                "fields",
                f"单元格少于表头 (the row has {len(cells)} cells, the header {width})",
                line,
            )
        else:
            self.problems.add(
                where,
                "fields",
                f"单元格多于表头 (the row has {len(cells)} cells, the header {width}; quote "
                f"a value holding a {_SEPARATOR_NAMES.get(self.delimiter or ',', ',')})",
                line,
            )

    # -- header ---------------------------------------------------------------------------------

    def _expected(self) -> str:
        return ",".join(f.name for f in self.schema.fields if f.required)

    def _resolve(self, cells: Sequence[Any]) -> tuple[dict[str, int], list[str], list[str]]:
        """Field → column index; the ignored headers; the problems of this header."""
        aliases = self.schema.headers()
        chosen = {normalise_header(h): f for f, h in self._columns.items()}
        found: dict[str, int] = {}
        ignored: list[str] = []
        issues: list[str] = []
        for i, cell in enumerate(cells):
            key = normalise_header(cell)
            if not key:
                continue
            field = chosen.get(key)
            if field is None:
                field = aliases.get(key)
                if field is not None and field in self._columns:
                    ignored.append(str(cell).strip())  # another column was chosen for it
                    continue
            if field is None:
                if key in self._ignore:
                    ignored.append(str(cell).strip())
                else:
                    issues.append(f"未知列 (unknown column {str(cell).strip()!r})")
                continue
            if field in found:
                issues.append(
                    f"两列对应同一字段 (columns {str(cells[found[field]]).strip()!r} and "
                    f"{str(cell).strip()!r} both give {field!r}; choose one with --columns "
                    f"{field}=HEADER)"
                )
                continue
            found[field] = i
        for f in self.schema.fields:
            if f.name not in found and (f.required or f.name in self._columns):
                wanted = self._columns.get(f.name)
                names = f"{wanted!r}" if wanted else "/".join((f.name, *f.aliases))
                issues.append(f"缺少列 (missing column {f.name!r}: a header {names})")
        return found, ignored, issues

    def _find_header(self, rows: Sequence[Sequence[Any]]) -> int:
        """The index of the header among the first rows (see the module docstring)."""
        best: tuple[int, int, list[str]] | None = None
        for i, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
            for candidate in (cells, _filled(cells, rows[i - 1]) if i else None):
                if candidate is None:
                    continue
                found, _, issues = self._resolve(candidate)
                if not issues:
                    return i
                if best is None or len(found) > best[1]:
                    best = (i, len(found), issues)
        i, _, issues = best if best is not None else (0, 0, ["no header"])
        raise LoadError(
            [
                Problem(
                    path=f"row {i + 1}.header",
                    message=f"{issue} — 表头应含 {self._expected()} 或其中文名 (expected a header "
                    f"naming {self._expected()}; see the alias table, or map a header with "
                    "--columns FIELD=HEADER)",
                    file=self.file,
                    line=None,
                )
                for issue in issues
            ]
        )

    def _header_cells(self, rows: Sequence[Sequence[Any]], index: int) -> list[Any]:
        cells = list(rows[index])
        found, ignored, issues = self._resolve(cells)
        if issues and index:
            cells = _filled(cells, rows[index - 1])
            found, ignored, issues = self._resolve(cells)
        self.header = {f: str(cells[i]).strip() for f, i in found.items()}
        self.ignored = tuple(ignored)
        self.skipped = tuple(range(1, index + 1))
        self._index = found
        return cells

    def _picker(self, width: int) -> Callable[[Sequence[Any]], Sequence[Any]]:
        """A function taking a row's cells to the schema's field order (``None`` if absent)."""
        order = [self._index.get(name, -1) for name in self.schema.names]
        if order == list(range(width)):
            return _same
        if -1 not in order:
            get = itemgetter(*order)
            if len(order) == 1:
                return lambda cells: (get(cells),)
            return get
        return lambda cells: tuple(None if i < 0 else cells[i] for i in order)

    # -- XLSX -----------------------------------------------------------------------------------

    def _open_xlsx(self, source: Path | IO[bytes], sheet: str | int | None) -> None:
        self.format = "xlsx"
        openpyxl = require("openpyxl", "xlsx", feature="reading .xlsx ledgers")
        try:
            book = openpyxl.load_workbook(source, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise self._fail(f"无法打开工作簿 (not a readable .xlsx workbook: {exc})") from None
        self._closers.append(book.close)
        names: list[str] = list(book.sheetnames)
        if sheet is None:
            chosen = names[0]
        elif isinstance(sheet, bool) or not isinstance(sheet, str | int):
            raise InputError(f"sheet 应为名称或序号 (expected a name or a position, got {sheet!r})")
        elif isinstance(sheet, int) or (sheet.isdigit() and sheet not in names):
            position = int(sheet)
            if not 1 <= position <= len(names):
                raise self._fail(
                    f"没有第 {position} 个工作表 (no sheet {position}: the workbook has "
                    f"{len(names)}, numbered from 1: {', '.join(names)})"
                )
            chosen = names[position - 1]
        elif sheet in names:
            chosen = sheet
        else:
            raise self._fail(
                f"没有工作表 {sheet!r} (no such sheet; the sheets are {', '.join(names)})"
            )
        self.sheet = chosen
        epoch = getattr(book, "epoch", None)
        self._epoch = _EXCEL_1904 if epoch is not None and epoch.year == 1904 else _EXCEL_1900
        ws = book[chosen]
        rows = ws.iter_rows(values_only=True)
        head = list(_take(rows, HEADER_SEARCH_ROWS))
        if not any(any(_present(c) for c in r) for r in head):
            raise self._fail(f"空工作表 {chosen!r} (empty sheet: expected a header)", None, "row 1")
        index = self._find_header(head)
        header_cells = self._header_cells(head, index)
        self.header_row = index + 1
        width = max((i for i, c in enumerate(header_cells) if normalise_header(c)), default=0) + 1
        pick = self._picker(width)
        pending = head[index + 1 :]

        def data() -> Iterator[tuple[int, Sequence[Any]]]:
            for row, cells in enumerate(chain(pending, rows), start=self.header_row + 1):
                if not any(_present(c) for c in cells):
                    self.blank += 1
                    continue
                self.rows += 1
                if len(cells) > width and any(_present(c) for c in cells[width:]):
                    column = next(i for i in range(width, len(cells)) if _present(cells[i]))
                    self.problems.add(
                        self.label(row),
                        _column_letter(column),
                        "a value in a column without a header",
                    )
                    continue
                if len(cells) < width:
                    cells = (*cells, *([None] * (width - len(cells))))
                yield row, pick(cells)

        self._raw = self._finishing(data())

    # -- JSON, JSON Lines, Python rows ----------------------------------------------------------

    def _open_json(self, data: bytes) -> None:
        self.format = "json"
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise self._fail("JSON 应为 UTF-8 编码 (expected UTF-8 JSON)", line) from None
        items, line_of = _json.loads(text, file=self.file)
        if not isinstance(items, list):
            raise self._fail(
                f"应为对象数组 (expected an array of objects with the keys {self._expected()})"
            )
        self._raw = self._finishing(self._objects(enumerate(items, start=1), line_of=line_of))

    def _open_jsonl(self, handle: IO[bytes] | _Prefixed) -> None:
        self.format = "jsonl"

        def objects() -> Iterator[tuple[int, Any]]:
            total = 0
            for number, raw in enumerate(handle, start=1):
                total += len(raw)
                if total > self._limit:
                    self.problems.add(f"row {number}", "", "文件过大 (input too large)", number)
                    raise _Stop
                try:
                    text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError:
                    self.problems.add(
                        f"row {number}", "", "不是 UTF-8 (expected UTF-8 JSON Lines)", number
                    )
                    raise _Stop from None
                if not text.strip():
                    self.blank += 1
                    continue
                try:
                    item, _ = _json.loads(text, file=self.file)
                except LoadError as exc:
                    for p in exc.problems:
                        self.problems.report(
                            attrs.evolve(
                                p,
                                path=f"row {number}{'.' if p.path else ''}{p.path.lstrip('.')}",
                                line=number,
                            )
                        )
                    continue
                except ValueError as exc:
                    self.problems.add(f"row {number}", "", f"invalid JSON: {exc}", number)
                    continue
                yield number, item

        self._raw = self._finishing(self._objects(objects()))

    def _open_mappings(self, source: Iterable[Any]) -> None:
        self.format = "rows"
        self._raw = self._finishing(self._objects(enumerate(source, start=1)))

    def _open_dataframe(self, frame: Any) -> None:
        self.format = "dataframe"
        header = [str(c) for c in frame.columns]
        self._find_header([header])
        self._header_cells([header], 0)
        pick = self._picker(len(header))

        def rows() -> Iterator[tuple[int, Sequence[Any]]]:
            for row, cells in enumerate(frame.itertuples(index=False, name=None), start=1):
                cleaned = [None if _is_na(c) else c for c in cells]
                if not any(_present(c) for c in cleaned):
                    self.blank += 1
                    continue
                self.rows += 1
                yield row, pick(cleaned)

        self._raw = self._finishing(rows())

    def _objects(
        self,
        items: Iterable[tuple[int, Any]],
        line_of: Callable[[tuple[str | int, ...]], int | None] | None = None,
    ) -> Iterator[tuple[int, Sequence[Any]]]:
        aliases = self.schema.headers()
        chosen = {normalise_header(h): f for f, h in self._columns.items()}
        names = self.schema.names
        fields = self.schema.fields
        keys: dict[str, str | None] = {}
        json = self.format == "json"
        for row, item in items:
            where = self.label(row)
            line = line_of((row - 1,)) if line_of is not None else self.line(row)
            if attrs.has(type(item)):
                item = attrs.asdict(item, recurse=False)
            if not isinstance(item, Mapping):
                self.rows += 1
                self.problems.add(
                    where,
                    "",
                    f"expected an object with the keys {', '.join(names)}, got "
                    f"{type(item).__name__}",
                    line,
                )
                continue
            values: dict[str, Any] = {}
            ok = True
            for key, value in item.items():
                if not isinstance(key, str):
                    self.problems.add(where, str(key), "keys must be text", line)
                    ok = False
                    continue
                field = keys.get(key, "")
                if field == "":
                    norm = normalise_header(key)
                    field = chosen.get(norm)
                    if field is None and norm not in self._ignore:
                        candidate = aliases.get(norm)
                        field = None if candidate in self._columns else candidate
                    keys[key] = field
                if field is None:
                    if normalise_header(key) not in self._ignore:
                        self.problems.add(
                            where, key, f"unknown key (expected {', '.join(names)})", line
                        )
                        ok = False
                    continue
                if field in values:
                    self.problems.add(
                        where, key, f"a second key for {field!r} (a field may appear once)", line
                    )
                    ok = False
                    continue
                values[field] = value
            if not any(_present(v) for v in values.values()) and ok and not json:
                self.blank += 1
                continue
            self.rows += 1
            for f in fields:
                if f.name not in values and f.required:
                    self.problems.add(where, f.name, f"缺少键 (missing key {f.name!r})", line)
                    ok = False
            if ok:
                yield row, tuple(values.get(n) for n in names)
            else:  # report the bad values of the keys present too
                for f in fields:
                    if f.name in values:
                        try:
                            self._value(f, self._checks.get(f.name), values[f.name])
                        except ValueError as exc:
                            self.problems.add(where, f.name, str(exc), line)


_ENCODING_NAMES = {"utf-8": "UTF-8", "gb18030": "GBK/GB18030"}
_SEPARATOR_NAMES = {",": "comma", "\t": "tab", ";": "semicolon"}


class _Prefixed(io.RawIOBase):
    """A binary stream with some bytes already read put back in front."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        super().__init__()
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            data, self._head = self._head + self._rest.read(), b""
            return data
        if self._head:
            data, self._head = self._head[:size], self._head[size:]
            if len(data) < size:
                data += self._rest.read(size - len(data))
            return data
        return self._rest.read(size)

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def __iter__(self) -> Iterator[bytes]:
        return iter(io.BufferedReader(self).readline, b"")


def _same(cells: Sequence[Any]) -> Sequence[Any]:
    return cells


def _cut(data: bytes, *, final: bool) -> int:
    """Where to cut a block so that it ends at a line end (0: no line end in it)."""
    if final:
        return len(data)
    at = data.rfind(b"\n")
    if at < 0:
        at = data.rfind(b"\r", 0, len(data) - 1)  # CR-only line ends; a last CR may precede LF
    return at + 1


def _take(items: Iterator[Any], n: int) -> Iterator[Any]:
    for _, item in zip(range(n), items, strict=False):
        yield item


def _filled(cells: Sequence[Any], above: Sequence[Any]) -> list[Any]:
    """A header row with its empty cells taken from the row above (a merged upper header)."""
    return [
        c if normalise_header(c) else (above[i] if i < len(above) else c)
        for i, c in enumerate(cells)
    ]


def _present(value: Any) -> bool:
    if value is None:
        return False
    return not (isinstance(value, str) and not value.strip())


def _is_na(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    name = type(value).__name__
    return name in ("NAType", "NaTType")


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return f"column {letters}"
