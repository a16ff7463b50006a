"""Rows (行): flat, JSON-ready records of tasks, provisions and units.

These are the contract of the ``--json`` outputs of the command line: numbers stay numbers,
enums are their values, dates are ``YYYY-MM-DD``, every field of a kind is present.
"""

from __future__ import annotations

from typing import Any

from fazhi_model._converter import full_converter
from fazhi_model.document import Task
from fazhi_model.provisions import (
    Deadline,
    Duty,
    Provision,
    Quota,
    RecurringDueDate,
    Staffing,
    Target,
    Workflow,
)
from fazhi_model.units import Unit


def task_row(task: Task) -> dict[str, Any]:
    """A task: number, title, heading, responsible (as written, in order), lead, cooperating."""
    return {
        "number": task.number,
        "title": task.title,
        "heading": task.heading,
        "responsible": list(task.responsible),
        "lead": list(task.lead),
        "cooperating": list(task.cooperating),
        "annotation": task.annotation,
        "provisions": [p.id for p in task.provisions],
        "text": task.text,
    }


def provision_row(task: Task | None, provision: Provision) -> dict[str, Any]:
    """A provision with its task number (``None`` outside the tasks) and every field."""
    body: dict[str, Any] = full_converter.unstructure(provision, type(provision))
    body.pop("kind", None)
    return {
        "id": body.pop("id"),
        "task": task.number if task is not None else None,
        "kind": provision.kind,
        **body,
    }


def unit_row(unit: Unit) -> dict[str, Any]:
    """A unit with its full name and the short form the document writes."""
    row: dict[str, Any] = full_converter.unstructure(unit, Unit)
    return row


def summary(provision: Provision) -> str:
    """One line saying what a provision requires, in Chinese (摘要)."""
    p = provision
    if isinstance(p, Quota):
        bound = (
            f"≥{p.minimum}"
            if p.maximum is None
            else f"≤{p.maximum}"
            if p.minimum is None
            else f"{p.minimum}–{p.maximum}"
        )
        per = "每人" if p.per.value == "person" else ""
        return f"{p.activity} {p.period.label}{per}{bound}{p.measure.value}"
    if isinstance(p, Deadline):
        return f"{p.trigger_label}起{p.amount}{p.counting.label}内{p.action}"
    if isinstance(p, RecurringDueDate):
        dates = "、".join(
            f"{d.month}月{'底' if d.day is None else f'{d.day}日'}前" for d in p.dates
        )
        return f"每年{dates}{p.action}"
    if isinstance(p, Target):
        when = f"到{p.by_year}年" if p.by_year else ""
        if p.value is not None:
            return f"{when}{p.metric}达到{p.value:g}{p.measure or ''}"
        assert p.direction is not None
        return f"{when}{'提高' if p.direction.value == 'raise' else '降低'}{p.metric}"
    if isinstance(p, Staffing):
        levels = "、".join(f"{lv.body}{lv.minimum}名" for lv in p.levels)
        when = f"到{p.by_year}年" if p.by_year else ""
        return f"{when}{p.role}: {levels}以上"
    if isinstance(p, Workflow):
        return " → ".join(s.action for s in p.steps)
    assert isinstance(p, Duty)
    return p.action
