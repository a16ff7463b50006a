"""YAML format (YAML 格式): safe loading with line numbers, and dumping.

Only YAML's safe subset is read: no Python tags, and no anchors, aliases or merge keys at all
(so an alias bomb is refused before it expands). A key written twice in one mapping is an
error (never last-one-wins). Numbers are read exactly as written or refused: no ``.nan`` or
``.inf``, nothing beyond :data:`~fazhi_model.store._limits.MAX_NUMBER`, no YAML 1.1 surprises
(``010`` read as octal 8, ``1:30`` read as 90). Every node keeps its line, so an error found
later (by the converter or the validator) can say where it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import yaml

from fazhi_model.errors import LoadError, Problem, Segment, format_path
from fazhi_model.store._limits import checked_number

__all__ = ["Segment", "dumps", "loads"]


_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_MESSAGE = (
    "不成对的代理字符 (a lone surrogate escape such as \\ud800 is not a character; "
    "UTF-8 cannot write it)"
)


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and merge keys and reports bad values with their line."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases (*name) are not allowed in fazhi data", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_yaml_timestamp(self, node: Any) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a real date, got {node.value!r} ({exc})", node.start_mark
            ) from None

    def construct_scalar(self, node: Any) -> Any:
        value = super().construct_scalar(node)
        if isinstance(value, str) and _SURROGATE.search(value):
            raise _Refused(node, _SURROGATE_MESSAGE)
        return value

    def construct_yaml_int(self, node: Any) -> Any:
        if _OCTAL.fullmatch(str(node.value)):
            _refuse_number(node, "a leading 0 makes YAML read an octal number; write it without")
        return self._number(node, super().construct_yaml_int)

    def construct_yaml_float(self, node: Any) -> Any:
        return self._number(node, super().construct_yaml_float)

    def _number(self, node: Any, construct: Callable[[Any], Any]) -> Any:
        if ":" in str(node.value):
            _refuse_number(node, "sexagesimal numbers (1:30) are not allowed; quote the text")
        result = checked_number(str(node.value), lambda _: construct(node))
        if isinstance(result, str):
            _refuse_number(node, result)
        return result


class _Refused(yaml.constructor.ConstructorError):
    """A value the loader refuses; reported with the path of its node."""

    def __init__(self, node: Any, message: str) -> None:
        super().__init__(None, None, message, node.start_mark)
        self.node = node


def _refuse_number(node: Any, message: str) -> None:
    raise _Refused(node, message)


def _path_of(root: Any, target: Any) -> tuple[Segment, ...]:
    """The path of ``target`` in the node tree (found without recursion); ``()`` if absent."""
    stack: list[tuple[Any, tuple[Segment, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, (*path, i)) for i, child in enumerate(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                step: Segment = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
                stack.append((key, (*path, step)))
                stack.append((value, (*path, step)))
    return ()


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)


def _key_problems(loader: _Loader, root: Any, file: str | None) -> list[Problem]:
    """Keys written twice in one mapping, merge keys and keys that are not plain values.

    Walks the node tree without recursion (a deeply nested file cannot exhaust the stack).
    Keys are compared as YAML reads them, so ``1`` and ``1.0`` (or ``true`` and ``1``), which
    Python would merge into one key, count as the same key.
    """
    problems: list[Problem] = []
    stack: list[tuple[Any, tuple[Segment, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, (*path, i)) for i, child in enumerate(node.value))
            continue
        if not isinstance(node, yaml.MappingNode):
            continue
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(
                    Problem(
                        format_path(path),
                        "YAML 合并键 (<<) 不允许 (merge keys are not allowed in fazhi data)",
                        file,
                        line,
                    )
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(
                    Problem(
                        format_path(path),
                        "键必须是文字或数字 (expected a plain key, got a list or mapping)",
                        file,
                        line,
                    )
                )
                continue
            key = loader.construct_object(key_node)
            step: Segment = key if isinstance(key, str) else str(key_node.value)
            try:
                first = seen.get(key)
            except TypeError:  # pragma: no cover - scalars are hashable
                first = None
            if first is not None:
                problems.append(
                    Problem(
                        format_path((*path, step)),
                        f"重复的键 {str(key_node.value)!r}, 第一次在第 {first} 行 "
                        f"(duplicate key; first written at line {first}; a key may appear once)",
                        file,
                        line,
                    )
                )
            else:
                seen[key] = line
            stack.append((value_node, (*path, step)))
    problems.sort(key=lambda p: p.line or 0)
    return problems


def _reader_problem(exc: yaml.reader.ReaderError, text: str, file: str | None) -> Problem:
    position = int(exc.position)
    line = text.count("\n", 0, position) + 1
    char = exc.character
    what = f"U+{char:04X}" if isinstance(char, int) else repr(char)
    return Problem(
        path="",
        message=f"不允许的控制字符 {what} (invalid YAML: the control character {what} "
        f"at offset {position} is not allowed; remove it or write it as an escape in quotes)",
        file=file,
        line=line,
    )


def loads(
    text: str, *, file: str | None = None
) -> tuple[Any, Callable[[tuple[Segment, ...]], int | None]]:
    """Parse YAML text; the data and a function giving the line of a path into it.

    Raises :class:`~fazhi_model.errors.LoadError` with the file and line of the first syntax
    error, or of every key written twice.
    """
    if not isinstance(text, str):
        raise LoadError(
            [Problem(path="", message=f"expected text, got {type(text).__name__}", file=file)]
        )
    loader: _Loader | None = None
    node: Any = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is not None:
            duplicates = _key_problems(loader, node, file)
            if duplicates:
                raise LoadError(duplicates)
        data = loader.construct_document(node) if node is not None else None
    except yaml.reader.ReaderError as exc:
        raise LoadError([_reader_problem(exc, text, file)]) from None
    except _Refused as exc:
        raise LoadError(
            [
                Problem(
                    path=format_path(_path_of(node, exc.node)),
                    message=f"{exc.problem} (got {str(exc.node.value)[:40]!r})",
                    file=file,
                    line=exc.node.start_mark.line + 1,
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise LoadError(
            [
                Problem(
                    path="",
                    message=f"invalid YAML: {message}",
                    file=file,
                    line=mark.line + 1 if mark else None,
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise LoadError([Problem(path="", message=f"invalid YAML: {exc}", file=file)]) from None
    except RecursionError:
        raise LoadError(
            [Problem(path="", message="嵌套过深 (invalid YAML: nested too deeply)", file=file)]
        ) from None
    finally:
        if loader is not None:
            loader.dispose()

    def line_of(path: tuple[Segment, ...]) -> int | None:
        return _line(node, path)

    return data, line_of


def _line(node: Any, path: tuple[Segment, ...]) -> int | None:
    if node is None:
        return None
    best: int = node.start_mark.line + 1
    for seg in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == seg:
                    child = value
                    best = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(seg, int) and seg < len(node.value):
            child = node.value[seg]
            best = child.start_mark.line + 1
        if child is None:
            return best
        node = child
    return best


class _Dumper(yaml.SafeDumper):
    """Block style, Chinese as Chinese, keys in model order, long lines unbroken."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Line breaks of any kind (\n, \r, NEL, LS, PS) and control characters would be folded or
    # normalised in plain and block styles: double quotes keep them exactly.
    exact = any(ch in _BREAKS or (ord(ch) < 32 and ch != " ") for ch in value)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if exact else None)


_BREAKS = frozenset("\n\r\x85\u2028\u2029")


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(dt.date, yaml.SafeDumper.represent_date)


def dumps(data: Any) -> str:
    """YAML text of plain data."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )
    return text
