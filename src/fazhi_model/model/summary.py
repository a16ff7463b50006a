"""Summaries (摘要): one line in Chinese saying what a provision requires."""

from __future__ import annotations

from fazhi_model.model.provisions import (
    Deadline,
    Duty,
    Per,
    Provision,
    Quota,
    RecurringDueDate,
    Staffing,
    Target,
    Workflow,
)
from fazhi_model.wording import by_month_end

__all__ = ["summary", "when"]


def summary(provision: Provision) -> str:
    """One line saying what a provision requires, in Chinese (摘要).

    The document's own words (``wording``) where the data gives them; otherwise a line built
    from the fields that adds no word of its own to the document's (a target's year is shown
    as ``(2025年)``, not as 到2025年, which the text may not say).
    """
    p = provision
    if p.wording is not None:
        return p.wording
    if isinstance(p, Quota):
        bound = (
            f"≥{p.minimum}"
            if p.maximum is None
            else f"≤{p.maximum}"
            if p.minimum is None
            else f"{p.minimum}–{p.maximum}"
        )
        per = "每人" if p.per is Per.PERSON else ""
        return f"{p.activity} {p.period.label}{per}{bound}{p.measure.value}"
    if isinstance(p, Deadline):
        return f"{p.trigger_label}起{p.amount}{p.counting.label}内{p.action}"
    if isinstance(p, RecurringDueDate):
        dates = "、".join(by_month_end(d.month, d.day) for d in p.dates)
        return f"每年{dates}{p.action}"
    if isinstance(p, Target):
        year = f" ({p.by_year}年)" if p.by_year else ""
        if p.value is not None:
            return f"{p.metric} {p.value:g}{p.measure or ''}{year}"
        assert p.direction is not None
        return f"{p.direction.label}{p.metric}{year}"
    if isinstance(p, Staffing):
        levels = "、".join(f"{lv.body}≥{lv.minimum}名" for lv in p.levels)
        year = f" ({p.by_year}年)" if p.by_year else ""
        return f"{p.role}: {levels}{year}"
    if isinstance(p, Workflow):
        return " → ".join(s.action for s in p.steps)
    assert isinstance(p, Duty)
    return p.action


def when(provision: Provision) -> str:
    """The provision's time limit as the document sets it (期限), or ``""``.

    A rule, not a date: ``公布之日起15日内``, ``每年1月底前、7月底前``, ``到2025年底``.
    """
    p = provision
    if isinstance(p, Deadline):
        return f"{p.trigger_label}起{p.amount}{p.counting.label}内"
    if isinstance(p, RecurringDueDate):
        return "每年" + "、".join(by_month_end(d.month, d.day) for d in p.dates)
    if isinstance(p, Target | Staffing) and p.by_year is not None:
        return f"到{p.by_year}年底"
    if isinstance(p, Quota):
        return p.period.label
    return ""
