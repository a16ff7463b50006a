"""fazhi_model: Chinese policy documents on 法治政府建设 as typed, computable data.

The names most users need::

    import fazhi_model as fm
    doc = fm.load_document("ganzhou-2024")
    for task in doc.tasks:
        print(task.number, task.title, task.responsible)
"""

from fazhi_model.document import Document, Heading, Metadata, Part, Review, Section, Task
from fazhi_model.errors import (
    CalendarCoverageError,
    FazhiError,
    LoadError,
    Problem,
    UnknownReferenceError,
    ValidationError,
)
from fazhi_model.load import dumps, load_document, load_registry, loads, to_data
from fazhi_model.provisions import (
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
from fazhi_model.units import Group, Registry, Role, Rule, Unit, UnitKind
from fazhi_model.validate import validate

__all__ = [
    "AnnualDate",
    "CalendarCoverageError",
    "Counting",
    "Deadline",
    "Direction",
    "Document",
    "Duty",
    "FazhiError",
    "Group",
    "Heading",
    "LoadError",
    "Measure",
    "Metadata",
    "Modality",
    "Part",
    "Per",
    "Period",
    "Problem",
    "Provision",
    "Quota",
    "RecurringDueDate",
    "Registry",
    "Review",
    "Role",
    "Rule",
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
    "dumps",
    "load_document",
    "load_registry",
    "loads",
    "to_data",
    "validate",
]
