"""fazhi_model: Chinese policy documents on 法治政府建设 as typed, computable data.

The names most users need::

    import fazhi_model as fm
    doc = fm.load_document("ganzhou-2024")
    for task in doc.tasks:
        print(task.number, task.title, task.responsible)

The model and data I/O are imported with the package. The calculators, views and parser
(``china_calendar``, ``add_period``, ``schedule``, ``check``, ``duties``, ``checklist``,
``matrix``, ``build_graph``, ``parse_text``) are imported on first use (deferred for start-up
time, so that ``import fazhi_model`` and every ``fazhi`` command stay quick); ``dir(fm)`` lists
them all. The layers and where each name lives: ``docs/architecture.md``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from fazhi_model.errors import (
    CalendarCoverageError,
    FazhiError,
    InputError,
    LoadError,
    MissingDependencyError,
    Problem,
    UnknownReferenceError,
    ValidationError,
    WriteError,
)
from fazhi_model.model.document import (
    Document,
    Heading,
    LeadBasis,
    Metadata,
    Part,
    Reference,
    Review,
    Section,
    Task,
)
from fazhi_model.model.provisions import (
    AnnualDate,
    Certainty,
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
from fazhi_model.model.units import Entry, Group, Registry, Role, Rule, Unit, UnitKind
from fazhi_model.store.load import dumps, load_document, load_registry, loads, to_data

if TYPE_CHECKING:
    from fazhi_model.compliance.check import Report, check
    from fazhi_model.compliance.records import Record
    from fazhi_model.dates.china import china_calendar
    from fazhi_model.dates.estimating import EstimatingCalendar
    from fazhi_model.dates.periods import add_period
    from fazhi_model.dates.schedule import DueDate, Schedule, schedule
    from fazhi_model.dates.workdays import Calendar
    from fazhi_model.parse.reader import ParseResult, parse_text
    from fazhi_model.parse.report import ParseReport
    from fazhi_model.views.checklist import Checklist, checklist
    from fazhi_model.views.division_table import DivisionTable, division_table, unit_table
    from fazhi_model.views.graph import build_graph, duties
    from fazhi_model.views.matrix import Matrix, matrix

_LAZY_MODULES = {
    "dates.workdays": ("Calendar",),
    "dates.china": ("china_calendar",),
    "dates.estimating": ("EstimatingCalendar",),
    "dates.periods": ("add_period",),
    "dates.schedule": ("DueDate", "Schedule", "schedule"),
    "compliance.records": ("Record",),
    "compliance.check": ("Report", "check"),
    "views.graph": ("build_graph", "duties"),
    "views.checklist": ("Checklist", "checklist"),
    "views.division_table": ("DivisionTable", "division_table", "unit_table"),
    "views.matrix": ("Matrix", "matrix"),
    "parse.reader": ("ParseResult", "parse_text"),
    "parse.report": ("ParseReport",),
}
_LAZY = {name: module for module, names in _LAZY_MODULES.items() for name in names}
"""Each lazily loaded name and the module (below ``fazhi_model``) that defines it."""


def __getattr__(name: str) -> Any:
    """Import a calculator, view or the parser on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'fazhi_model' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"fazhi_model.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, the lazily loaded ones included (PEP 562)."""
    return sorted({*globals(), *_LAZY})


__all__ = [
    "AnnualDate",
    "Calendar",
    "CalendarCoverageError",
    "Certainty",
    "Checklist",
    "Counting",
    "Deadline",
    "Direction",
    "DivisionTable",
    "Document",
    "DueDate",
    "Duty",
    "Entry",
    "EstimatingCalendar",
    "FazhiError",
    "Group",
    "Heading",
    "InputError",
    "LeadBasis",
    "LoadError",
    "Matrix",
    "Measure",
    "Metadata",
    "MissingDependencyError",
    "Modality",
    "ParseReport",
    "ParseResult",
    "Part",
    "Per",
    "Period",
    "Problem",
    "Provision",
    "Quota",
    "Record",
    "RecurringDueDate",
    "Reference",
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
    "WriteError",
    "add_period",
    "build_graph",
    "check",
    "checklist",
    "china_calendar",
    "division_table",
    "dumps",
    "duties",
    "load_document",
    "load_registry",
    "loads",
    "matrix",
    "parse_text",
    "schedule",
    "to_data",
    "unit_table",
    "validate",
]
