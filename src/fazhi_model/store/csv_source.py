"""Reading a CSV ledger (CSV 台账): encoding detection, separator sniffing, block reading.

See the "Sources" section of :mod:`fazhi_model.store.tables`.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Sequence
from itertools import chain
from typing import IO, Any

from fazhi_model.store._headers import HEADER_SEARCH_ROWS, HeaderMatching, same
from fazhi_model.store._table_base import Prefixed, Stop, take

__all__ = ["CsvSource"]

_BLOCK = 1 << 20
"""CSV files are decoded in blocks of this many bytes (cut at a line end)."""

_ENCODING_NAMES = {"utf-8": "UTF-8", "gb18030": "GBK/GB18030"}
_SEPARATOR_NAMES = {",": "comma", "\t": "tab", ";": "semicolon"}


class CsvSource(HeaderMatching):
    """A table read from CSV bytes (a file or a stream)."""

    def _open_csv(self, handle: IO[bytes] | Prefixed) -> None:
        self.format = "csv"
        lines = self._decoded_lines(handle)
        try:
            first = list(take(lines, HEADER_SEARCH_ROWS))
        except Stop:
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

        identity = pick is same
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
            except Stop:
                pass
            finally:
                self.blank = blank
                self.rows = row - header_row - blank
                self.close()
            self._end()

        self._raw = rows()

    def _decoded_lines(self, handle: IO[bytes] | Prefixed) -> Iterator[str]:
        """The lines of a CSV file (ends kept), decoded in blocks cut at line ends.

        Stops with a located problem (:class:`Stop`) at a line that does not decode or beyond
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
            raise Stop from None

    def _undecodable(self, line: int, byte: int, codec: str) -> None:
        self.problems.add(
            f"line {line}",
            "",
            f"第 {line} 行不是 {_ENCODING_NAMES[codec]} 编码 (byte 0x{byte:02x} on line {line} "
            f"is not {codec}, the encoding of the file so far; save the whole file in one "
            "encoding, e.g. 'CSV UTF-8')",
            line,
        )
        raise Stop

    def _lines(
        self, handle: IO[bytes] | Prefixed, block: bytes, codec: str | None
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
                raise Stop

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


def _cut(data: bytes, *, final: bool) -> int:
    """Where to cut a block so that it ends at a line end (0: no line end in it)."""
    if final:
        return len(data)
    at = data.rfind(b"\n")
    if at < 0:
        at = data.rfind(b"\r", 0, len(data) - 1)  # CR-only line ends; a last CR may precede LF
    return at + 1
