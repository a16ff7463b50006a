"""Errors of the library (错误).

Every error a user can cause is a :class:`FazhiError`. Each carries enough to find the
mistake: a file, a line where known, a path into the data (``tasks[4].provisions[1].minimum``)
and what was expected.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs


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


class LoadError(FazhiError):
    """Data that could not be loaded (载入错误): one or more problems, each with a location."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


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
        span = f" (covered: {', '.join(map(str, self.covered))})" if self.covered else ""
        super().__init__(
            f"no holiday notice is known for {year}{span}; "
            "add it with Calendar.with_year_file() (CLI: --calendar FILE) or pass estimate=True"
        )
