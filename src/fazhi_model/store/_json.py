"""JSON format (JSON 格式): strict loading with lines, and dumping.

A key written twice in one object is an error (never last-one-wins); ``NaN``, ``Infinity``,
numbers that overflow and numbers beyond :data:`~fazhi_model.store._limits.MAX_NUMBER` are
refused; integers stay exact. Lines of paths are found on demand (only when an error needs
one) by a small scanner over the text, so a valid file costs nothing extra.
"""

from __future__ import annotations

import json
import json.scanner
import re
from collections.abc import Callable, Iterator
from typing import Any

from fazhi_model.errors import LoadError, Problem, Segment, format_path
from fazhi_model.store._limits import checked_number

__all__ = ["Segment", "dumps", "loads"]


_LONE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.DOTALL)


def _decode(token: str) -> str:
    try:
        return str(json.loads(token))
    except ValueError:
        return token


class _Refused(ValueError):
    """A number literal or constant that the hooks refuse (located afterwards)."""

    def __init__(self, literal: str, message: str) -> None:
        super().__init__(message)
        self.literal = literal
        self.message = message


def _constant(name: str) -> Any:
    raise _Refused(name, f"数值必须有限 (expected a finite number, got {name})")


def _number(convert: Callable[[str], int | float]) -> Callable[[str], int | float]:
    """A ``parse_int``/``parse_float`` hook refusing what :func:`checked_number` refuses."""

    def hook(text: str) -> int | float:
        result = checked_number(text, convert)
        if isinstance(result, str):
            raise _Refused(text, result)
        return result

    return hook


_int = _number(int)
_float = _number(float)


class _Index:
    """Where each container and key of a (syntactically valid) JSON text starts, its duplicate
    keys and the first place of a number literal.

    Built only when an error needs a place. With ``literal`` or ``duplicates`` it stops as soon
    as it has found that literal or that many duplicate keys (its lines are then partial).
    """

    def __init__(self, text: str, *, literal: str | None = None, duplicates: int = 0) -> None:
        self.lines: dict[tuple[Segment, ...], int] = {}
        self.duplicates: list[tuple[tuple[Segment, ...], str, int, int]] = []
        self.scalars: dict[str, tuple[tuple[Segment, ...], int]] = {}
        lines = self.lines
        # frames: [is_object, path, index or key, expecting_key, seen keys]
        stack: list[list[Any]] = []
        line, pos = 1, 0
        count = text.count
        for m in _TOKEN.finditer(text):
            start = m.start()
            line += count("\n", pos, start)
            pos = start
            tok = m.group()
            top = stack[-1] if stack else None
            if tok == "{" or tok == "[":
                path = (*top[1], top[2]) if top else ()
                lines.setdefault(path, line)
                stack.append([tok == "{", path, 0, True, {}])
            elif tok == "}" or tok == "]":
                if stack:
                    stack.pop()
            elif tok == ",":
                if top:
                    if top[0]:
                        top[3] = True
                    else:
                        top[2] += 1
            elif tok == ":":
                if top:
                    top[3] = False
            elif top and top[0] and top[3]:
                key = tok[1:-1] if "\\" not in tok else _decode(tok)
                seen: dict[str, int] = top[4]
                if key in seen:
                    self.duplicates.append(((*top[1], key), key, line, seen[key]))
                    if len(self.duplicates) == duplicates:
                        return
                else:
                    seen[key] = line
                top[2] = key
                lines.setdefault((*top[1], key), line)
            elif literal is not None and tok == literal:
                self.scalars[tok] = ((*top[1], top[2]) if top else (), line)
                return

    def line_of(self, path: tuple[Segment, ...]) -> int | None:
        for end in range(len(path), -1, -1):
            found = self.lines.get(tuple(path[:end]))
            if found is not None:
                return found
        return None


def loads(
    text: str, *, file: str | None = None
) -> tuple[Any, Callable[[tuple[Segment, ...]], int | None]]:
    """Parse JSON text; the data and a function giving the line of a path into it.

    Raises :class:`~fazhi_model.errors.LoadError` with the file, line and path of a syntax
    error, a refused number, or every key written twice.
    """
    if not isinstance(text, str):
        raise LoadError(
            [Problem(path="", message=f"expected text, got {type(text).__name__}", file=file)]
        )
    index: _Index | None = None

    def get_index() -> _Index:
        nonlocal index
        if index is None:
            index = _Index(text)
        return index

    duplicated = 0

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicated
        result = dict(items)
        duplicated += len(items) - len(result)
        return result

    strict = json.JSONDecoder(
        object_pairs_hook=_no_duplicates,
        parse_constant=_constant,
        parse_float=_float,
        parse_int=_int,
    )
    try:
        data = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_constant=_constant,
            parse_float=_float,
            parse_int=_int,
        )
    except json.JSONDecodeError as exc:
        raise LoadError(
            [Problem(path="", message=f"invalid JSON: {exc.msg}", file=file, line=exc.lineno)]
        ) from None
    except _Refused as exc:
        path: tuple[Segment, ...] = ()
        line: int | None = None
        for sub, shift, prefix in _bad_elements(text, strict, first_only=True):
            found = _Index(sub, literal=exc.literal).scalars
            if exc.literal in found:
                inner, at = found[exc.literal]
                path, line = (*prefix, *inner), at + shift
        raise LoadError(
            [Problem(path=format_path(path), message=exc.message, file=file, line=line)]
        ) from None
    except RecursionError:
        raise LoadError(
            [Problem(path="", message="嵌套过深 (invalid JSON: nested too deeply)", file=file)]
        ) from None
    if duplicated:
        raise LoadError(
            [
                Problem(
                    path=format_path(path),
                    message=f"重复的键 {key!r}, 第一次在第 {first} 行 "
                    f"(duplicate key; first written at line {first}; a key may appear once)",
                    file=file,
                    line=line,
                )
                for sub, shift, prefix in _bad_elements(text, strict)
                for path, key, line, first in (
                    ((*prefix, *p), k, at + shift, was + shift)
                    for p, k, at, was in _Index(sub, duplicates=duplicated).duplicates
                )
            ]
        )

    if _LONE_ESCAPE.search(text):
        bad = _surrogate_paths(data)
        if bad:
            raise LoadError(
                [
                    Problem(
                        path=format_path(path),
                        message="不成对的代理字符 (a lone surrogate escape such as \\ud800 is "
                        "not a character; UTF-8 cannot write it)",
                        file=file,
                        line=get_index().line_of(path),
                    )
                    for path in bad
                ]
            )

    def line_of(path: tuple[Segment, ...]) -> int | None:
        return get_index().line_of(path)

    return data, line_of


class _Duplicate(ValueError):
    """An object with a key written twice (raised only while narrowing down an error)."""


def _no_duplicates(items: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(items)
    if len(result) != len(items):
        raise _Duplicate
    return result


_SPACE = re.compile(r"[ \t\n\r]*")


def _bad_elements(
    text: str, strict: json.JSONDecoder, *, first_only: bool = False
) -> Iterator[tuple[str, int, tuple[Segment, ...]]]:
    """The parts of a valid JSON text where ``strict`` fails: (text, lines before it, path).

    A top-level array (a ledger of records) is scanned element by element with the C scanner,
    so only the failing elements are indexed in Python; any other text is one part.
    """
    start = _SPACE.match(text).end()  # type: ignore[union-attr]
    if text[start : start + 1] != "[":
        yield text, 0, ()
        return
    scan_strict = json.scanner.make_scanner(strict)  # type: ignore[arg-type]
    scan_plain = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]
    pos = _SPACE.match(text, start + 1).end()  # type: ignore[union-attr]
    index = 0
    while text[pos : pos + 1] not in ("]", ""):
        try:
            _, end = scan_strict(text, pos)
        except (_Duplicate, _Refused):
            _, end = scan_plain(text, pos)
            yield text[pos:end], text.count("\n", 0, pos), (index,)
            if first_only:
                return
        pos = _SPACE.match(text, end).end()  # type: ignore[union-attr]
        if text[pos : pos + 1] == ",":
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
        index += 1


def _surrogate_paths(data: Any) -> list[tuple[Segment, ...]]:
    """Paths of the strings (keys or values) holding a lone surrogate, in no special order."""
    found: list[tuple[Segment, ...]] = []
    stack: list[tuple[Any, tuple[Segment, ...]]] = [(data, ())]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                found.append(path)
        elif isinstance(item, dict):
            for key, value in item.items():
                if _SURROGATE.search(key):
                    found.append((*path, key))
                stack.append((value, (*path, key)))
        elif isinstance(item, list):
            stack.extend((value, (*path, i)) for i, value in enumerate(item))
    return found


def dumps(data: Any) -> str:
    """JSON text of plain data: UTF-8 Chinese, indented, newline at the end.

    Refuses NaN and infinity (``allow_nan=False``): the output is always valid JSON.
    """
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
