"""Reading an XLSX ledger (Excel 工作簿台账): streamed with openpyxl, merged headers, serial dates.

See the "Sources" section of :mod:`fazhi_model.store.tables`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import IO, Any

from fazhi_model.errors import InputError, require
from fazhi_model.store._headers import HEADER_SEARCH_ROWS, HeaderMatching
from fazhi_model.store._table_base import take
from fazhi_model.store.schema import normalise_header
from fazhi_model.store.values import EXCEL_1900, EXCEL_1904, present

__all__ = ["XlsxSource"]


class XlsxSource(HeaderMatching):
    """A table read from a workbook's sheet."""

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
        self._epoch = EXCEL_1904 if epoch is not None and epoch.year == 1904 else EXCEL_1900
        ws = book[chosen]
        rows = ws.iter_rows(values_only=True)
        head = list(take(rows, HEADER_SEARCH_ROWS))
        if not any(any(present(c) for c in r) for r in head):
            raise self._fail(f"空工作表 {chosen!r} (empty sheet: expected a header)", None, "row 1")
        index = self._find_header(head)
        header_cells = self._header_cells(head, index)
        self.header_row = index + 1
        width = max((i for i, c in enumerate(header_cells) if normalise_header(c)), default=0) + 1
        pick = self._picker(width)
        pending = head[index + 1 :]

        def data() -> Iterator[tuple[int, Sequence[Any]]]:
            for row, cells in enumerate(chain(pending, rows), start=self.header_row + 1):
                if not any(present(c) for c in cells):
                    self.blank += 1
                    continue
                self.rows += 1
                if len(cells) > width and any(present(c) for c in cells[width:]):
                    column = next(i for i in range(width, len(cells)) if present(cells[i]))
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


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return f"column {letters}"
