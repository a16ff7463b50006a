"""fazhi_model: Chinese policy documents on 法治政府建设 as typed, computable data.

The names most users need::

    import fazhi_model as fm
    doc = fm.load_document("ganzhou-2024")
    for task in doc.tasks:
        print(task.number, task.title, task.responsible)

The calculators, views and parser (``china_calendar``, ``add_period``, ``schedule``,
``check``, ``build_graph``, ``parse_text``) are imported on first use, so that
``import fazhi_model`` and every ``fazhi`` command stay quick.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from fazhi_model.errors import (
    CalendarCoverageError,
    FazhiError,
    LoadError,
    Problem,
    UnknownReferenceError,
    ValidationError,
)
from fazhi_model.model.document import Document, Heading, Metadata, Part, Review, Section, Task
from fazhi_model.model.provisions import (
    AnnualDate,
    Counting,
    Deadline,
    Direction,
    Duty,
    Measure,
    Modality,
    Per,
    Period,
    Provision,
    Quota,
    RecurringDueDate,
    Staffing,
    StaffingLevel,
    Step,
    Target,
    Workflow,
)
from fazhi_model.model.rules import validate
from fazhi_model.model.units import Group, Registry, Role, Rule, Unit, UnitKind
from fazhi_model.store.load import dumps, load_document, load_registry, loads, to_data

if TYPE_CHECKING:
    from fazhi_model.compliance.check import Report, check
    from fazhi_model.dates.periods import add_period
    from fazhi_model.dates.schedule import DueDate, Schedule, schedule
    from fazhi_model.dates.workdays import Calendar, china_calendar
    from fazhi_model.parse.reader import ParseResult, parse_text
    from fazhi_model.views.graph import build_graph

_LAZY = {
    "Calendar": "dates.workdays",
    "china_calendar": "dates.workdays",
    "Report": "compliance.check",
    "check": "compliance.check",
    "build_graph": "views.graph",
    "ParseResult": "parse.reader",
    "parse_text": "parse.reader",
    "add_period": "dates.periods",
    "DueDate": "dates.schedule",
    "Schedule": "dates.schedule",
    "schedule": "dates.schedule",
}


def __getattr__(name: str) -> Any:
    """Import a calculator, view or the parser on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'fazhi_model' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"fazhi_model.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "AnnualDate",
    "Calendar",
    "CalendarCoverageError",
    "Counting",
    "Deadline",
    "Direction",
    "Document",
    "DueDate",
    "Duty",
    "FazhiError",
    "Group",
    "Heading",
    "LoadError",
    "Measure",
    "Metadata",
    "Modality",
    "ParseResult",
    "Part",
    "Per",
    "Period",
    "Problem",
    "Provision",
    "Quota",
    "RecurringDueDate",
    "Registry",
    "Report",
    "Review",
    "Role",
    "Rule",
    "Schedule",
    "Section",
    "Staffing",
    "StaffingLevel",
    "Step",
    "Target",
    "Task",
    "Unit",
    "UnitKind",
    "UnknownReferenceError",
    "ValidationError",
    "Workflow",
    "add_period",
    "build_graph",
    "check",
    "china_calendar",
    "dumps",
    "load_document",
    "load_registry",
    "loads",
    "parse_text",
    "schedule",
    "to_data",
    "validate",
]
