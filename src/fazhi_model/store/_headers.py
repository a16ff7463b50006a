"""Finding and matching the header of a ledger (表头) to its schema (private).

See the "Headers" section of :mod:`fazhi_model.store.tables`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from fazhi_model.errors import LoadError, Problem
from fazhi_model.store._table_base import TableBase
from fazhi_model.store.schema import normalise_header

__all__ = ["HEADER_SEARCH_ROWS", "HeaderMatching", "filled", "same"]

HEADER_SEARCH_ROWS = 10
"""How many rows at the top of a CSV file or worksheet are searched for the header."""


class HeaderMatching(TableBase):
    """A table that finds its header among the first rows and maps columns to fields."""

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
            for candidate in (cells, filled(cells, rows[i - 1]) if i else None):
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
            cells = filled(cells, rows[index - 1])
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
            return same
        if -1 not in order:
            get = itemgetter(*order)
            if len(order) == 1:
                return lambda cells: (get(cells),)
            return get
        return lambda cells: tuple(None if i < 0 else cells[i] for i in order)


def same(cells: Sequence[Any]) -> Sequence[Any]:
    return cells


def filled(cells: Sequence[Any], above: Sequence[Any]) -> list[Any]:
    """A header row with its empty cells taken from the row above (a merged upper header)."""
    return [
        c if normalise_header(c) else (above[i] if i < len(above) else c)
        for i, c in enumerate(cells)
    ]
