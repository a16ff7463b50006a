"""Judging one item on the review day (研判): which state, and a one-line explanation.

The rules of :data:`~fazhi_model.compliance.states.STATE_RULES`, in the order given in
:mod:`fazhi_model.compliance.status`; each explanation names the rule and its dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fazhi_model.compliance.items import Item
from fazhi_model.compliance.pace import Pace
from fazhi_model.compliance.progress import ProgressEntry, Reported
from fazhi_model.compliance.records import Number
from fazhi_model.compliance.states import State
from fazhi_model.compliance.status_report import ItemStatus
from fazhi_model.dates.workdays import Calendar
from fazhi_model.wording import day_with_weekday

__all__ = ["judge_item"]


def judge_item(
    item: Item,
    today: dt.date,
    cal: Calendar,
    warn: int,
    entry: ProgressEntry | None,
    pace: Pace | None,
) -> ItemStatus:
    """The state of ``item`` as of ``today`` and why, by the working calendar ``cal``.

    ``warn`` is the number of working days that makes an item due soon (临期); ``entry`` the
    latest ledger entry on or before ``today``; ``pace`` the quota's expected pace, if any.
    """
    due = item.due
    base: dict[str, Any] = {"item": item, "pace": pace}
    reported_text = ""
    if entry is not None:
        base |= {"reported": entry.status, "reported_on": entry.date, "note": entry.note}
        reported_text = f"最近上报: {entry.status.label}({entry.date})"
    conflict = None
    done_on: dt.date | None = None
    if pace is not None:
        if pace.met:
            return ItemStatus(
                **base,
                state=State.DONE,
                explanation=_join(
                    f"已完成: 台账记录截至{today}已达年度要求 {_amount(pace, item)}",
                    reported_text,
                ),
                workdays_left=cal.count_workdays(today, due) if today <= due else None,
            )
        if entry is not None and entry.status.finished:
            conflict = (
                f"上报{entry.status.label}, 但台账记录仅 {_amount(pace, item)} "
                "(reported done, records short)"
            )
    elif entry is not None and entry.status.finished:
        done_on = entry.date
    if done_on is not None:
        assert entry is not None
        who = "已销号" if entry.status is Reported.CLOSED else "报告完成"
        if done_on <= due:
            return ItemStatus(
                **base,
                state=State.DONE,
                explanation=f"已完成: {done_on}{who}, 不晚于截止日{day_with_weekday(due)}",
            )
        late = cal.count_workdays(due, done_on)
        return ItemStatus(
            **base,
            state=State.DONE_LATE,
            explanation=(
                f"已完成(逾期): {done_on}{who}, 晚于截止日{day_with_weekday(due)} "
                f"{late}个工作日({(done_on - due).days}天)"
            ),
            conflict=f"上报{entry.status.label}, 但晚于截止日 (done after the due date)",
        )
    base["conflict"] = conflict
    open_text = reported_text or "未上报进展"
    if today > due:
        workdays = cal.count_workdays(due, today)
        days = (today - due).days
        return ItemStatus(
            **base,
            state=State.OVERDUE,
            explanation=_join(
                f"逾期: 截止日{day_with_weekday(due)}已过, 逾期{workdays}个工作日({days}天), "
                "未完成",
                _pace_text(pace, item),
                open_text,
            ),
            workdays_overdue=workdays,
            days_overdue=days,
        )
    left = cal.count_workdays(today, due)
    if left <= warn:
        practical = (
            f", 建议办理日{day_with_weekday(item.practical)}已过"
            if today > item.practical
            else (
                f", 建议办理日{day_with_weekday(item.practical)}" if item.practical != due else ""
            )
        )
        return ItemStatus(
            **base,
            state=State.DUE_SOON,
            explanation=_join(
                f"临期: 截止日{day_with_weekday(due)}{practical}, 此后剩余{left}个工作日(≤{warn})",
                _pace_text(pace, item),
                open_text,
            ),
            workdays_left=left,
        )
    if pace is not None and pace.behind:
        return ItemStatus(
            **base,
            state=State.BEHIND,
            explanation=_join(
                f"滞后: {_pace_text(pace, item)}, 截止日{day_with_weekday(due)}", open_text
            ),
            workdays_left=left,
        )
    return ItemStatus(
        **base,
        state=State.NOT_DUE,
        explanation=_join(
            f"未到期: 截止日{day_with_weekday(due)}, 剩余{left}个工作日",
            _pace_text(pace, item),
            open_text,
        ),
        workdays_left=left,
    )


def _num(value: Number) -> str:
    """A figure as shown: whole numbers as they are, others to at most two decimals."""
    return f"{value:g}" if value == int(value) else f"{value:.2f}".rstrip("0")


def _amount(pace: Pace, item: Item) -> str:
    unit = item.measure or ""
    who = "" if not item.per_person else ("(每人, 最少者)" if pace.persons else "(每人)")
    return f"{_num(pace.actual)}/{_num(pace.required)}{unit}{who}"


def _pace_text(pace: Pace | None, item: Item) -> str:
    if pace is None:
        return ""
    unit = item.measure or ""
    text = f"序时进度({pace.basis})应达 {_num(pace.expected)}{unit}, 实际 {_amount(pace, item)}"
    if pace.behind_persons:
        names = "、".join(pace.behind_persons[:5]) + ("等" if len(pace.behind_persons) > 5 else "")
        text += f"; {pace.persons}人中{len(pace.behind_persons)}人滞后: {names}"
    if pace.note:
        text += f"; {pace.note}"
    return text


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)
