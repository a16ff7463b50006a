"""JSON format (JSON 格式): loading with the line of a syntax error, and dumping."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fazhi_model.errors import LoadError, Problem

Segment = str | int


def loads(
    text: str, *, file: str | None = None
) -> tuple[Any, Callable[[tuple[Segment, ...]], int | None]]:
    """Parse JSON text; the data and a line finder (JSON values keep no lines: ``None``)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(
            [Problem(path="", message=f"invalid JSON: {exc.msg}", file=file, line=exc.lineno)]
        ) from None
    except RecursionError:
        raise LoadError(
            [Problem(path="", message="invalid JSON: nested too deeply", file=file)]
        ) from None

    def line_of(path: tuple[Segment, ...]) -> int | None:
        return None

    return data, line_of


def dumps(data: Any) -> str:
    """JSON text of plain data: UTF-8 Chinese, indented, newline at the end."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
