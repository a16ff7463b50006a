"""An open ledger's state and the plumbing its sources share (private).

:class:`TableBase` holds what :class:`fazhi_model.store.tables.Table` knows of its input (format,
header, counts, problems); the source mixins (CSV, XLSX, JSON and Python rows) build on it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import IO, Any, TypeAlias

from fazhi_model.errors import InputError, LoadError, Problem
from fazhi_model.store.problems import Problems
from fazhi_model.store.schema import IGNORED_HEADERS, MISSING, Field, Schema
from fazhi_model.store.values import convert

__all__ = ["Prefixed", "Stop", "TableBase", "TableSource", "take"]

TableSource: TypeAlias = Any
"""A path (str or Path), a binary stream, a pandas DataFrame or an iterable of mappings."""


class Stop(Exception):
    """The input cannot be read further (the problem is already recorded)."""


class TableBase:
    """The state of an open ledger (see :class:`fazhi_model.store.tables.Table`)."""

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

    def _open(self, source: TableSource, sheet: str | int | None) -> None:
        """Open the source; defined by the table that reads every kind of source."""
        raise NotImplementedError

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

    def _end(self) -> None:
        if self._own:
            self.problems.raise_if_any()

    def _finishing(
        self, rows: Iterator[tuple[int, Sequence[Any]]]
    ) -> Iterator[tuple[int, Sequence[Any]]]:
        """``rows``, then the end of the table: the file closed, the problems raised."""
        try:
            yield from rows
        except Stop:
            pass
        finally:
            self.close()
        self._end()

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

    def close(self) -> None:
        """Close the file (done when the rows are exhausted)."""
        while self._closers:
            self._closers.pop()()

    def _fail(self, message: str, line: int | None = None, where: str = "") -> LoadError:
        return LoadError([Problem(path=where, message=message, file=self.file, line=line)])

    def _expected(self) -> str:
        return ",".join(f.name for f in self.schema.fields if f.required)


class Prefixed(io.RawIOBase):
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


def take(items: Iterator[Any], n: int) -> Iterator[Any]:
    for _, item in zip(range(n), items, strict=False):
        yield item
