"""Deadlines in a clause (时限): a time limit after an event (N个工作日内, N日内, N个月内) and
due dates each year (每年N月底前).
"""

from __future__ import annotations

import re

from fazhi_model.model.provisions import AnnualDate, Counting, Deadline, RecurringDueDate
from fazhi_model.parse.norm import NUMBER, number
from fazhi_model.parse.report import PLACEHOLDER, Issue
from fazhi_model.parse.sentences import MODAL, Clause, Context, Found, quote

__all__ = ["MONTHS", "find_deadline", "find_recurring"]

_WORKDAYS = re.compile(r"(" + NUMBER + r")个?工作日(?:以)?内")
_DAYS = re.compile(r"(" + NUMBER + r")(?:个)?(?:自然)?(?:日|天)(?:以)?内")
MONTHS = re.compile(r"(" + NUMBER + r")个(?:自然)?月(?:以)?内")
"""A time limit in months (N个月内)."""
_TRIGGER = re.compile(r"(?:在|自|于|从)?([^在自于从]{0,60}?)(?:之日起|之日后|起|后)$")
_DATE = re.compile(r"(" + NUMBER + r")月(?:(" + NUMBER + r")日|底|末)前")


def find_deadline(
    ctx: Context, clause: Clause, subj: str | None, previous: Clause | None, year: Clause | None
) -> list[Found]:
    text = clause.text
    counting = Counting.WORKDAYS
    match = _WORKDAYS.search(text)
    if match is None:
        counting = Counting.DAYS
        match = _DAYS.search(text)
    if match is None:
        counting = Counting.MONTHS
        match = MONTHS.search(text)
    if match is None:
        return []
    amount = number(match.group(1))
    if not amount:
        return []
    before = text[: match.start()]
    if subj and before.startswith(subj):
        before = before[len(subj) :]
    before = MODAL.sub("", before.lstrip("的"))
    before = re.sub(r"(?:应当|应|要|需|必须)?(?:在|于)?$", "", before)
    trigger = _TRIGGER.search(before)
    start = clause.start
    label = trigger.group(1).strip(" ,") if trigger else ""
    if not label and previous is not None and "后" in previous.text:
        label, start = previous.text, previous.start
    if not label:
        label = PLACEHOLDER
        ctx.issues.append(
            Issue(
                kind="missing-trigger",
                where=ctx.where,
                message="the event that starts the deadline was not found; a placeholder "
                "trigger was written",
                text=ctx.norm.quote(clause.start, clause.end),
            )
        )
    action = text[match.end() :].strip(" ,") or PLACEHOLDER
    return [
        Found(
            Deadline(
                id="",
                source=quote(ctx, start, clause),
                bearer=subj or "",
                trigger=label,
                trigger_label=label,
                amount=amount,
                counting=counting,
                action=action,
                note=None if label != PLACEHOLDER else "trigger event not found in the text",
            ),
            start,
        )
    ]


def find_recurring(
    ctx: Context, clause: Clause, subj: str | None, previous: Clause | None, year: Clause | None
) -> list[Found]:
    text = clause.text
    dates = list(_DATE.finditer(text))
    if not dates:
        return []
    annual = "每年" in text[: dates[0].start()]
    if not annual:
        if re.search(r"\d{4}年$|" + NUMBER + r"年$", text[: dates[0].start()]):
            return []
        if any(d.group(2) is None for d in dates):
            return []
    found: list[AnnualDate] = []
    for d in dates:
        month = number(d.group(1))
        day = number(d.group(2)) if d.group(2) else None
        if month is None:
            return []
        found.append(AnnualDate(month, day))
    action = text[dates[-1].end() :].strip(" ,") or PLACEHOLDER
    return [
        Found(
            RecurringDueDate(
                id="",
                source=ctx.norm.quote(clause.start, clause.end),
                bearer=subj or "",
                action=action,
                dates=tuple(found),
            ),
            clause.start,
        )
    ]
