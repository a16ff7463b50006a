"""YAML format (YAML 格式): safe loading with line numbers, and dumping.

Only YAML's safe subset is read: no Python tags, and no anchors or aliases at all (so an
alias bomb is refused before it expands). Every node keeps its line, so an error found later
(by the converter or the validator) can say where it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import yaml

from fazhi_model.errors import LoadError, Problem

Segment = str | int


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and reports impossible dates with their line."""

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


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def loads(
    text: str, *, file: str | None = None
) -> tuple[Any, Callable[[tuple[Segment, ...]], int | None]]:
    """Parse YAML text; the data and a function giving the line of a path into it."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
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
    finally:
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
