"""Rows (行): flat, JSON-ready records of tasks, provisions and units.

These are the contract of the ``--json`` outputs of the command line: numbers stay numbers,
enums are their values, dates are ``YYYY-MM-DD``, every field of a kind is present.
"""

from __future__ import annotations

from typing import Any

from fazhi_model.model.document import Task
from fazhi_model.model.provisions import (
    Provision,
)
from fazhi_model.model.units import Unit
from fazhi_model.store._converter import full_converter

__all__ = [
    "provision_row",
    "task_row",
    "unit_row",
]


def task_row(task: Task) -> dict[str, Any]:
    """A task: number, title, heading, responsible (as written, in order), lead, cooperating."""
    return {
        "number": task.number,
        "title": task.title,
        "heading": task.heading,
        "responsible": list(task.responsible),
        "lead": list(task.lead),
        "cooperating": list(task.cooperating),
        "guiding": list(task.guiding),
        "lead_from": task.lead_from.value if task.lead_from is not None else None,
        "implied": list(task.implied),
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
