"""Due dates as an iCalendar file (日历文件, RFC 5545) for Outlook, DingTalk (钉钉) and WeCom.

Each :class:`~fazhi_model.dates.schedule.DueDate` becomes one all-day event on its *practical* date
(the last working day on or before the nominal date), so that nobody is reminded on a rest day.
``DTSTART;VALUE=DATE`` is that day and ``DTEND`` the next day: RFC 5545 §3.6.1 makes ``DTEND``
exclusive, so the event covers exactly one day. Each event has a stable ``UID`` (provision id,
unit id, nominal date, ``@fazhi-model``), so importing a newer file updates events instead of
duplicating them, and an alarm 3 days before (督查督办 practice: a blue warning 3 days ahead of a
deadline, NOTES §5). The file is UTF-8 with CRLF line endings and folded long lines, as
:mod:`icalendar` writes it.

Needs the optional dependency :mod:`icalendar` (``pip install fazhi_model[ics]``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from fazhi_model.dates.schedule import DueDate
from fazhi_model.errors import require
from fazhi_model.export._safe import ics_text

__all__ = [
    "ALARM_DAYS",
    "PRODID",
    "to_ics",
]

PRODID = "-//fazhi_model//法治政府建设到期事项//ZH"
ALARM_DAYS = 3
"""Days before the practical date that the alarm rings (蓝色预警)."""


def to_ics(
    due_dates: Iterable[DueDate],
    *,
    name: str = "法治政府建设到期事项",
    stamp: dt.datetime | None = None,
) -> bytes:
    """An RFC 5545 calendar (VCALENDAR) with one all-day VEVENT per due date, as UTF-8 bytes.

    ``name`` is the calendar's display name (``X-WR-CALNAME``); ``stamp`` the ``DTSTAMP`` of
    every event (default: now, UTC), fixed for reproducible output.
    """
    icalendar = _icalendar()
    stamp = stamp if stamp is not None else dt.datetime.now(dt.UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", ics_text(name))
    for due in due_dates:
        cal.add_component(_event(icalendar, due, stamp))
    data: bytes = cal.to_ical()
    return data


def _event(icalendar: Any, due: DueDate, stamp: dt.datetime) -> Any:
    unit = (due.unit.short or due.unit.name) if due.unit is not None else due.bearer
    event = icalendar.Event()
    event.add("uid", ics_text(due.uid))
    event.add("dtstamp", stamp)
    event.add("dtstart", due.practical)
    event.add("dtend", due.practical + dt.timedelta(days=1))
    event.add("summary", ics_text(f"【{unit}】{due.action}"))
    lines = [
        f"原文: {due.source}",
        f"依据: {due.basis}",
        f"条款: {due.provision}"
        + (f"(任务{due.task})" if due.task is not None else "")
        + f"; 承担: {due.bearer}",
        f"到期日: {due.due.isoformat()}; 建议办理日: {due.practical.isoformat()}",
    ]
    if due.unit is not None:
        lines.append(f"单位: {due.unit.name}")
    event.add("description", ics_text("\n".join(lines)))
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["法治政府建设"])
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", ics_text(f"{ALARM_DAYS}天后到期: {due.action}"))
    alarm.add("trigger", dt.timedelta(days=-ALARM_DAYS))
    event.add_component(alarm)
    return event


def _icalendar() -> Any:
    return require("icalendar", "ics", feature=".ics")
