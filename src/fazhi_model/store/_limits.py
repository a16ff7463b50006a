"""Bounds on numbers in data files (数值界限), shared by the YAML and JSON readers.

A number in a document, registry, calendar or ledger is accepted as exactly what was written
or refused: no ``.nan``, no ``.inf``, no float that overflowed, no integer so large that a
JSON reader elsewhere would round it. The model's own, narrower bounds (a quota, a year) are
rules of :mod:`fazhi_model.model.rules`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TypeVar

__all__ = [
    "MAX_NUMBER",
    "MAX_NUMBER_DIGITS",
    "checked_number",
    "literal_problem",
    "number_problem",
]

N = TypeVar("N", int, float)

MAX_NUMBER = 10**15
"""The largest magnitude of a number in a data file: 10^15 (below 2^53, so every JSON reader
keeps such an integer exact)."""

MAX_NUMBER_DIGITS = 40
"""Number literals longer than this are refused before conversion (no 4,300-digit parses)."""


def number_problem(value: int | float) -> str | None:
    """Why a number read from a file is refused, or ``None`` when it is accepted."""
    if isinstance(value, float) and not math.isfinite(value):
        return (
            f"数值必须有限 (expected a finite number, got {value!r}; "
            "NaN and infinity are not numbers)"
        )
    if abs(value) > MAX_NUMBER:
        return f"数值过大 (expected a number of magnitude at most 10^15, got {value!r})"
    return None


def literal_problem(text: str) -> str | None:
    """Why a number literal is refused before it is converted (too many digits), or ``None``."""
    if len(text) > MAX_NUMBER_DIGITS:
        return (
            f"数值过大 (expected a number of magnitude at most 10^15, "
            f"got a literal of {len(text)} characters)"
        )
    return None


def checked_number(text: str, convert: Callable[[str], N]) -> N | str:
    """``convert(text)`` when the literal and its value are within bounds, else why not (text)."""
    problem = literal_problem(text)
    if problem is not None:
        return problem
    value = convert(text)
    problem = number_problem(value)
    return value if problem is None else problem
