"""The bundled working calendar of the PRC (全国工作日历): the notices shipped with the library.

``china_calendar()`` is the official calendar of the bundled year files
(``data/calendar/2024.yaml`` …, one per State Council notice); ``china_calendar(["2027.yaml"])``
adds user year files; ``china_calendar(estimate=True)`` is the same calendar estimating the
years without a notice (:class:`~fazhi_model.dates.estimating.EstimatingCalendar`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Literal, overload

from fazhi_model.dates.estimating import EstimatingCalendar
from fazhi_model.dates.workdays import Calendar
from fazhi_model.dates.yearfile import load_year_file
from fazhi_model.errors import InputError
from fazhi_model.store._bundled import data_dir

__all__ = ["bundled_year_files", "china_calendar"]

_YEAR_FILE = re.compile(r"\d{4}\.yaml")


def bundled_year_files() -> tuple[Path, ...]:
    """The bundled year files (``data/calendar/NNNN.yaml``), in year order."""
    folder = data_dir() / "calendar"
    return tuple(sorted(p for p in folder.iterdir() if _YEAR_FILE.fullmatch(p.name)))


@functools.cache
def _bundled() -> Calendar:
    return Calendar(load_year_file(p) for p in bundled_year_files())


@overload
def china_calendar(
    extra: Iterable[Path | str] = (), *, estimate: Literal[False] = False
) -> Calendar: ...
@overload
def china_calendar(
    extra: Iterable[Path | str] = (), *, estimate: Literal[True]
) -> EstimatingCalendar: ...
@overload
def china_calendar(
    extra: Iterable[Path | str] = (), *, estimate: bool
) -> Calendar | EstimatingCalendar: ...
def china_calendar(
    extra: Iterable[Path | str] = (), *, estimate: bool = False
) -> Calendar | EstimatingCalendar:
    """The working calendar of the PRC from the bundled notices (2024–2026), plus the user
    year files in ``extra`` (a list of paths; each as :meth:`Calendar.with_year_file`: a year
    already covered, or given twice, is an error).

    ``estimate=True`` gives an :class:`~fazhi_model.dates.estimating.EstimatingCalendar`:
    every answer an :class:`~fazhi_model.dates.workdays.Answer` saying whether it is an
    estimate. The bundled calendar is built once and cached; one with extra files is built
    anew on each call (the files may have changed).
    """
    if isinstance(extra, str | bytes | Path) or not isinstance(extra, Iterable):
        raise InputError(
            "extra 须为路径列表 (expected a list of year-file paths, got "
            f"{type(extra).__name__} {extra!r:.60}; write china_calendar([path]))"
        )
    if not isinstance(estimate, bool):
        raise InputError(f"expected estimate=True or False, got {estimate!r:.40}")
    cal = _bundled()
    for path in extra:
        cal = cal.with_year_file(path)
    return EstimatingCalendar(cal) if estimate else cal
