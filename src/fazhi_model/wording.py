"""Wording (用语): every Chinese label a user reads, in one place, with its English beside it.

Chinese is the source of truth; the English is for developers and for ``--json`` readers who
want a gloss. The CLI, XLSX, HTML and notebooks take their labels from here, so that they say
the same thing. ``--json`` keys and enum values are English and are not defined here.
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "KIND_LABELS",
    "MET_LABELS",
    "WEEKDAYS",
    "WEEKDAYS_EN",
    "by_month_end",
    "day_with_weekday",
]

WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
"""Weekday names, Monday first (``date.weekday()`` order)."""

WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""The same, in English."""

KIND_LABELS = {
    "quota": "数量要求",
    "deadline": "期限",
    "recurring": "定期报送",
    "target": "目标",
    "staffing": "人员配备",
    "workflow": "工作流程",
    "duty": "职责",
}
"""Chinese names of the provision kinds (English key: quota, deadline, …)."""

MET_LABELS: dict[bool | None, str] = {True: "达标", False: "未达标", None: "无法判断"}
"""A check's verdict: met, not met, cannot be judged."""


def by_month_end(month: int, day: int | None = None) -> str:
    """``1月底前`` (by the end of January), or ``3月15日前`` where a day is given."""
    return f"{month}月底前" if day is None else f"{month}月{day}日前"


def day_with_weekday(d: dt.date) -> str:
    """``2025-01-27(周一)``: a date with its Chinese weekday."""
    return f"{d.isoformat()}({WEEKDAYS[d.weekday()]})"
