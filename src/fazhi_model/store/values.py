"""Cell values (单元格取值): the kinds of a ledger field and the converters of a cell to a value.

A cell (text from a CSV file, a workbook cell, a JSON value) becomes a field's value by the
converter of the field's kind (:data:`FieldKind`); a bad cell is a :class:`ValueError` whose
message says what was expected. Read by :mod:`fazhi_model.store.tables`.
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
from collections.abc import Callable
from typing import Any, Literal, TypeAlias

from fazhi_model.store._limits import MAX_NUMBER, number_problem

__all__ = [
    "DATE_FORMS",
    "EXCEL_1900",
    "EXCEL_1904",
    "FieldKind",
    "convert",
    "date_value",
    "int_value",
    "number_value",
    "present",
    "text_value",
]

FieldKind: TypeAlias = Literal["text", "date", "number", "int"]
"""What a field holds: text, a date, a number ≥ 0 (int or decimal), a whole number ≥ 0."""

DATE_FORMS: tuple[str, ...] = (
    "2025-03-12 (ISO 8601; also 2025-3-12)",
    "2025/3/12 (also 2025/03/12)",
    "2025.3.12",
    "2025年3月12日",
    "any of these followed by a midnight time: 2025/3/12 0:00, 2025-03-12 00:00:00",
    "a date cell of a workbook, or an Excel serial day number in a date column of a workbook",
)
"""The accepted forms of a date (the documented list; anything else is a located error)."""

_DATE_TEXT = re.compile(
    r"(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})日)"
    r"(?:[ T]0{1,2}:00(?::00)?)?",
    re.ASCII,
)
_INT_TEXT = re.compile(r"\d+", re.ASCII)
_DECIMAL_TEXT = re.compile(r"\d+\.\d+", re.ASCII)

EXCEL_1900 = dt.date(1899, 12, 30)
"""Day 0 of the 1900 date system of Excel workbooks."""
EXCEL_1904 = dt.date(1904, 1, 1)
"""Day 0 of the 1904 date system of Excel workbooks."""
_MAX_SERIAL = (dt.date(9999, 12, 31) - EXCEL_1900).days


def text_value(value: Any) -> str | None:
    """Text without surrounding spaces; ``None`` for an empty cell; an integer cell's digits.

    Raises :class:`ValueError` with a message for anything else.
    """
    if isinstance(value, str):
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return str(int(value))
    raise ValueError(f"应为文本 (expected text, got {_shown(value)})")


def date_value(value: Any, *, epoch: dt.date | None = None) -> dt.date | None:
    """A date in one of :data:`DATE_FORMS`; ``None`` for an empty cell.

    ``epoch`` (a workbook's day 0) admits Excel serial day numbers. Raises :class:`ValueError`
    with a message saying what was expected.
    """
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        m = _DATE_TEXT.fullmatch(text)
        if m is None:
            raise ValueError(
                f"日期格式不对 (expected a date such as 2025-03-12, 2025/3/12, 2025.3.12 or "
                f"2025年3月12日, got {text!r})"
            )
        year, month, day = int(m[1]), int(m[3] or m[5]), int(m[4] or m[6])
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"没有这一天 (expected a real date, got {text!r})") from None
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0):
            raise ValueError(
                f"应为日期, 不含时刻 (expected a date, got a time of day: {value.isoformat()})"
            )
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None:
        return None
    if epoch is not None and isinstance(value, numbers.Real) and not isinstance(value, bool):
        return _serial_date(value, epoch)
    raise ValueError(f"应为日期 (expected a date such as 2025-03-12, got {_shown(value)})")


def _serial_date(value: numbers.Real, epoch: dt.date) -> dt.date:
    serial = float(value)
    if not serial.is_integer():
        raise ValueError(
            f"应为日期, 不含时刻 (expected a date, got the Excel serial number {value}: a time)"
        )
    low = 61 if epoch == EXCEL_1900 else 0  # 1900 serials below 61 carry Excel's 1900 leap bug
    if not low <= serial <= _MAX_SERIAL:
        raise ValueError(
            f"应为日期 (expected a date, got the number {value}: not an Excel serial date)"
        )
    return epoch + dt.timedelta(days=int(serial))


def number_value(value: Any) -> int | float | None:
    """A number ≥ 0 written exactly (an int stays an int); ``None`` for an empty cell.

    Text: digits, optionally with a decimal point (``12``, ``12.5``; at most 15 significant
    digits). Numbers: finite, at most :data:`~fazhi_model.store._limits.MAX_NUMBER`.
    Raises :class:`ValueError` with a message saying what was expected.
    """
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if _INT_TEXT.fullmatch(text):
            if len(text) > 16 or int(text) > MAX_NUMBER:
                raise ValueError(_too_large(text))
            return int(text)
        if _DECIMAL_TEXT.fullmatch(text):
            if len(text.replace(".", "").lstrip("0")) > 15:
                raise ValueError(
                    "有效数字过多 (expected at most 15 significant digits, kept exactly, "
                    f"got {text!r})"
                )
            decimal = float(text)
            if decimal > MAX_NUMBER:
                raise ValueError(_too_large(text))
            return decimal
        raise ValueError(f"应为不小于0的数 (expected a number ≥ 0 such as 2 or 1.5, got {text!r})")
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"应为不小于0的数 (expected a number ≥ 0, got {value!r})")
    number: int | float
    if isinstance(value, numbers.Integral):
        number = int(value)
    elif isinstance(value, numbers.Real):
        number = float(value)
    else:
        raise ValueError(f"应为不小于0的数 (expected a number ≥ 0, got {_shown(value)})")
    problem = number_problem(number)
    if problem is not None:
        raise ValueError(problem)
    if number < 0:
        raise ValueError(f"应为不小于0的数 (expected a number ≥ 0, got {number!r})")
    return number


def int_value(value: Any) -> int | None:
    """A whole number ≥ 0 (a whole float cell such as ``3.0`` counts); ``None`` for empty."""
    number = number_value(value)
    if number is None or isinstance(number, int):
        return number
    if not number.is_integer():
        raise ValueError(f"应为整数 (expected a whole number, got {number!r})")
    return int(number)


def _too_large(text: str) -> str:
    shown = text if len(text) <= 24 else f"{text[:12]}… ({len(text)} digits)"
    return f"数值过大 (expected a number of at most 10^15, got {shown})"


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    text = repr(value)
    return f"{type(value).__name__} {text[:40]}"


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "text": text_value,
    "date": date_value,
    "number": number_value,
    "int": int_value,
}


def convert(kind: FieldKind, value: Any, *, epoch: dt.date | None = None) -> Any:
    """``value`` converted to a field of ``kind`` (:class:`ValueError` with a message if bad)."""
    if kind == "date":
        return date_value(value, epoch=epoch)
    return _CONVERTERS[kind](value)


def present(value: Any) -> bool:
    if value is None:
        return False
    return not (isinstance(value, str) and not value.strip())
