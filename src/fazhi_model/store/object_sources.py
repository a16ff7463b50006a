"""Reading a ledger of objects (对象台账): JSON, JSON Lines, DataFrames and Python mappings.

See the "Sources" section of :mod:`fazhi_model.store.tables`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO, Any

import attrs

from fazhi_model.errors import LoadError
from fazhi_model.store import _json
from fazhi_model.store._headers import HeaderMatching
from fazhi_model.store._table_base import Prefixed, Stop
from fazhi_model.store.schema import normalise_header
from fazhi_model.store.values import present

__all__ = ["ObjectSources"]


class ObjectSources(HeaderMatching):
    """A table read from objects: a JSON array, JSON Lines, a DataFrame or mappings."""

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

    def _open_jsonl(self, handle: IO[bytes] | Prefixed) -> None:
        self.format = "jsonl"

        def objects() -> Iterator[tuple[int, Any]]:
            total = 0
            for number, raw in enumerate(handle, start=1):
                total += len(raw)
                if total > self._limit:
                    self.problems.add(f"row {number}", "", "文件过大 (input too large)", number)
                    raise Stop
                try:
                    text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError:
                    self.problems.add(
                        f"row {number}", "", "不是 UTF-8 (expected UTF-8 JSON Lines)", number
                    )
                    raise Stop from None
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
                if not any(present(c) for c in cleaned):
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
            if not any(present(v) for v in values.values()) and ok and not json:
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


def _is_na(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return value != value
    name = type(value).__name__
    return name in ("NAType", "NaTType")
