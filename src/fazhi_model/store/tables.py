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

import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from pathlib import Path
from typing import IO, Any, TypeAlias, TypeVar

from fazhi_model.errors import InputError
from fazhi_model.store._headers import HEADER_SEARCH_ROWS
from fazhi_model.store._table_base import Prefixed, TableSource
from fazhi_model.store.csv_source import CsvSource
from fazhi_model.store.files import MAX_TABLE_BYTES, check_input
from fazhi_model.store.object_sources import ObjectSources
from fazhi_model.store.problems import MAX_PROBLEMS, Problems
from fazhi_model.store.schema import IGNORED_HEADERS, MISSING, Field, Schema, normalise_header
from fazhi_model.store.values import (
    DATE_FORMS,
    FieldKind,
    convert,
    date_value,
    int_value,
    number_value,
    text_value,
)
from fazhi_model.store.xlsx_source import XlsxSource

__all__ = [
    "DATE_FORMS",
    "HEADER_SEARCH_ROWS",
    "IGNORED_HEADERS",
    "MAX_JSON_BYTES",
    "MAX_PROBLEMS",
    "MISSING",
    "Field",
    "FieldKind",
    "Location",
    "Problems",
    "Schema",
    "Table",
    "TableSource",
    "convert",
    "date_value",
    "int_value",
    "normalise_header",
    "number_value",
    "read_located",
    "read_table",
    "text_value",
]

MAX_JSON_BYTES = 256 * 1024 * 1024
"""The largest ``.json`` array read (it is parsed whole); JSON Lines are streamed."""

Location: TypeAlias = tuple[str | None, str, int | None]
"""Where a record was read (读取位置): the file (``None`` for Python objects), the row label
(``row 7``, ``events[6]``) and the line of a text file (``None`` elsewhere)."""

_Record = TypeVar("_Record")

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


class Table(CsvSource, XlsxSource, ObjectSources):
    """An open ledger: its header matched to a schema, its rows streamed (see :func:`read_table`).

    Iterating gives ``(row number, {field: value})`` for each good row, values converted; the
    rows must be read once, to the end. :meth:`raw` gives the cells unconverted instead.
    """

    # -- public ---------------------------------------------------------------------------------

    def raw(self) -> Iterator[tuple[int, Sequence[Any]]]:
        """Each data row as (row number, cells in the schema's field order), unconverted.

        A missing optional column gives ``None`` cells. Blank rows and rows of the wrong width
        (reported) are not given. A CSV row's cells are its texts, the last one may keep its
        line break: strip when converting. At the end, raises the problems if the table owns them.
        """
        return self._raw

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

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- opening --------------------------------------------------------------------------------

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
        joined = Prefixed(rest, buffer)
        if start == b"[":
            data = joined.read(MAX_JSON_BYTES + 1)
            if len(data) > MAX_JSON_BYTES:
                raise self._fail(f"JSON 过大 (a JSON array larger than {MAX_JSON_BYTES} bytes)")
            self._open_json(data)
        elif start == b"{":
            self._open_jsonl(joined)
        else:
            self._open_csv(joined)


# -- records with their location ----------------------------------------------------------------


def read_located(
    source: TableSource,
    schema: Schema,
    kind: type[_Record],
    build: Callable[[Table, int, dict[str, Any]], _Record | None],
    problems: Problems,
    *,
    sheet: str | int | None = None,
) -> Iterator[tuple[_Record, Location]]:
    """The records of a ledger, each with where it was read (逐条读取并定位), streamed.

    ``source`` is either ``kind`` objects, taken as they are and labelled ``{schema.name}[n]``
    (any other object among them is reported), or anything :func:`read_table` reads, whose
    good rows ``build(table, row, values)`` turns into records (``None``: the row was refused,
    ``build`` reported why). Problems go to ``problems``; the caller raises them at the end.
    """
    if isinstance(source, str | Path) or not isinstance(source, Iterable) or _is_frame(source):
        yield from _located_rows(read_table(source, schema, problems=problems, sheet=sheet), build)
        return
    objects = iter(source)
    first = next(objects, None)
    if first is None:
        return
    rest = chain([first], objects)
    if not isinstance(first, kind):
        yield from _located_rows(read_table(rest, schema, problems=problems, sheet=sheet), build)
        return
    name = kind.__name__
    for n, record in enumerate(rest):
        label = f"{schema.name}[{n}]"
        if isinstance(record, kind):
            yield record, (None, label, None)
        else:
            problems.add(label, "", f"应为 {name} (expected a {name}, got {type(record).__name__})")


def _is_frame(source: object) -> bool:
    return type(source).__name__ == "DataFrame" and hasattr(source, "itertuples")


def _located_rows(
    table: Table, build: Callable[[Table, int, dict[str, Any]], _Record | None]
) -> Iterator[tuple[_Record, Location]]:
    for row, values in table:
        record = build(table, row, values)
        if record is not None:
            yield record, (table.file, table.label(row), table.line(row))
