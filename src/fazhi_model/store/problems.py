"""The problems of one input (问题清单): located problems kept up to a bound, all counted.

Used by :mod:`fazhi_model.store.tables` and by the modules reading ledgers through it.
"""

from __future__ import annotations

from collections.abc import Callable

from fazhi_model.errors import LoadError, Problem

__all__ = ["MAX_PROBLEMS", "Problems"]

MAX_PROBLEMS = 1000
"""Problems kept per input; further ones are counted (and passed to a sink), not kept."""


class Problems:
    """The problems of one input (问题清单): the first ``keep`` kept, every one counted.

    ``sink`` is called with every problem as it is found (e.g. to write them all to a file).
    """

    def __init__(
        self,
        file: str | None = None,
        *,
        keep: int = MAX_PROBLEMS,
        sink: Callable[[Problem], None] | None = None,
    ) -> None:
        self.file = file
        self.keep = keep
        self.sink = sink
        self.kept: list[Problem] = []
        self.count = 0
        self.rows = 0
        """Distinct rows with problems (a row's problems are reported one after another)."""
        self._last = ""

    def add(self, where: str, field: str, message: str, line: int | None = None) -> None:
        """Record a problem of ``field`` at ``where`` (``row 7``, ``records[3]``)."""
        self.report(
            Problem(
                path=f"{where}.{field}" if field else where,
                message=message,
                file=self.file,
                line=line,
            )
        )

    def report(self, problem: Problem) -> None:
        """Record a problem made elsewhere."""
        self.count += 1
        where = problem.path.split(".", 1)[0]
        if where != self._last:
            self.rows += 1
            self._last = where
        if len(self.kept) < self.keep:
            self.kept.append(problem)
        if self.sink is not None:
            self.sink(problem)

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def error(self) -> LoadError:
        """One error with the problems kept and the number of the others."""
        return LoadError(self.kept, omitted=self.count - len(self.kept))

    def raise_if_any(self) -> None:
        """Raise :meth:`error` if any problem was found."""
        if self.count:
            raise self.error()
