"""Errors of the library (错误).

Every error a user can cause is a :class:`FazhiError`. Each carries enough to find the
mistake: a file, a line where known, a path into the data (``tasks[4].provisions[1].minimum``)
and what was expected.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from types import ModuleType

import attrs

__all__ = [
    "CalendarCoverageError",
    "DataPath",
    "FazhiError",
    "InputError",
    "LineFinder",
    "LoadError",
    "MissingDependencyError",
    "Problem",
    "Segment",
    "UnknownReferenceError",
    "ValidationError",
    "WriteError",
    "format_path",
    "require",
]

Segment = str | int
"""One step of a path into data: a key or a list index."""

DataPath = tuple[Segment, ...]
"""A path into data (数据路径): ``("tasks", 4, "provisions", 1, "minimum")``."""

LineFinder = Callable[[DataPath], int | None]
"""The line of a data file where a path's value is written, where known (行号查找)."""


def format_path(segments: Sequence[Segment]) -> str:
    """``("tasks", 4, "provisions", 1, "minimum")`` as ``tasks[4].provisions[1].minimum``."""
    text = ""
    for seg in segments:
        text += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if text else seg)
    return text


@attrs.frozen
class Problem:
    """One broken rule or bad value (问题), with where it is and what was expected."""

    path: str
    message: str
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        if self.path:
            where += f": {self.path}"
        return f"{where}: {self.message}"


class FazhiError(Exception):
    """Base class of every error raised on purpose by fazhi_model."""


class MissingDependencyError(FazhiError, ImportError):
    """An optional package that a feature needs is not installed (缺少依赖包).

    The message names the extra that brings it: ``pip install fazhi_model[xlsx]``.
    """


class InputError(FazhiError, ValueError):
    """A caller passed a value of the wrong type or out of range (参数错误)."""


class WriteError(FazhiError, OSError):
    """An output file could not be written (写入失败); nothing half-written is left behind."""


def require(module: str, extra: str, *, feature: str) -> ModuleType:
    """Import an optional package, or raise :class:`MissingDependencyError` naming its extra.

    The one place where a missing optional dependency becomes an error.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(
            f"{feature} 需要 {module}: pip install 'fazhi_model[{extra}]' "
            f"({feature} needs {module}: install the {extra} extra)"
        ) from None


class LoadError(FazhiError):
    """Data that could not be loaded (载入错误): one or more problems, each with a location."""

    def __init__(self, problems: Sequence[Problem], *, omitted: int = 0) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.omitted = omitted
        """Further problems found but not kept (a ledger keeps only the first ones)."""
        text = "\n".join(str(p) for p in self.problems)
        if omitted:
            text += f"\n… 另有 {omitted} 个问题未列出 ({omitted} more problems not listed)"
        super().__init__(text)


class ValidationError(LoadError):
    """Data that loaded but breaks a rule of the model (校验错误)."""


class UnknownReferenceError(FazhiError, LookupError):
    """A unit, group or role name that the registry does not know (未知单位)."""


class CalendarCoverageError(FazhiError, ValueError):
    """A date in a year for which no State Council holiday notice is known (日历未覆盖).

    Raised unless the caller asked for an estimate (``estimate=True``).
    """

    def __init__(self, year: int, covered: Sequence[int] = ()) -> None:
        self.year = year
        self.covered = tuple(covered)
        span = f"; 已覆盖 (covered): {', '.join(map(str, self.covered))}" if self.covered else ""
        super().__init__(
            f"{year}年放假安排未知 (no holiday notice is known for {year}{span}); "
            "用 --calendar FILE 补充该年, 或用 --estimate 估算 (add it with "
            "Calendar.with_year_file() or estimate with china_calendar(estimate=True))"
        )
