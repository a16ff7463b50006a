"""Validation beyond types (校验): the rules a loaded document must keep.

:func:`validate` returns every broken rule, not only the first, each a
:class:`~fazhi_model.errors.Problem` with its path (``tasks[4].provisions[1].minimum``) and,
where the document came from a YAML file, its line.

The rules: every quote is in the source text verbatim; ids are unique; task numbers are
unique; headings and parts referred to exist; every unit reference resolves through the
registry; numbers are positive; annual dates are real; workflow steps exist and form no cycle.
"""

from __future__ import annotations

import calendar as _cal
import graphlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from fazhi_model.errors import Problem, format_path
from fazhi_model.model.document import Document, Task
from fazhi_model.model.provisions import (
    Deadline,
    Provision,
    Quota,
    RecurringDueDate,
    Staffing,
    Target,
    Workflow,
)
from fazhi_model.model.units import RESPONSIBLE, Group, Registry, Role, Unit

Segment = str | int
Path = tuple[Segment, ...]
LineFinder = Callable[[Path], int | None]

_YEARS = range(1949, 2101)


def validate(
    doc: Document, *, file: str | None = None, lines: LineFinder | None = None
) -> list[Problem]:
    """Every broken rule of ``doc``, in document order (empty when it is valid)."""
    found = [*_structure(doc), *_quotes(doc), *_references(doc), *_provisions(doc)]
    if doc.units is not None:
        found.extend(_registry(doc.units))
    return [
        Problem(path=_fmt(path), message=msg, file=file, line=lines(path) if lines else None)
        for path, msg in found
    ]


def validate_registry(registry: Registry, *, file: str | None = None) -> list[Problem]:
    """Every broken rule of a unit registry."""
    return [Problem(path=_fmt(p), message=m, file=file) for p, m in _registry(registry)]


def _fmt(path: Path) -> str:
    return format_path(path)


Found = Iterator[tuple[Path, str]]


def _where(doc: Document) -> Iterator[tuple[Path, Task | None, Provision]]:
    for i, task in enumerate(doc.tasks):
        for j, provision in enumerate(task.provisions):
            yield ("tasks", i, "provisions", j), task, provision
    for i, section in enumerate(doc.sections):
        for j, provision in enumerate(section.provisions):
            yield ("sections", i, "provisions", j), None, provision


def _duplicates(values: Sequence[tuple[Path, object]], what: str) -> Found:
    counts = Counter(v for _, v in values)
    for path, value in values:
        if counts[value] > 1:
            yield path, f"duplicate {what} {value!r}: {what}s must be unique"


def _structure(doc: Document) -> Found:
    yield from _duplicates(
        [(("tasks", i, "number"), t.number) for i, t in enumerate(doc.tasks)], "task number"
    )
    yield from _duplicates([((*p, "id"), prov.id) for p, _, prov in _where(doc)], "provision id")
    parts = {p.number for p in doc.parts}
    headings = {h.number for h in doc.headings}
    for i, heading in enumerate(doc.headings):
        if heading.part not in parts:
            yield ("headings", i, "part"), f"expected one of the parts {sorted(parts)}"
    for i, section in enumerate(doc.sections):
        if section.part not in parts:
            yield ("sections", i, "part"), f"expected one of the parts {sorted(parts)}"
    for i, task in enumerate(doc.tasks):
        if task.number <= 0:
            yield ("tasks", i, "number"), "expected a positive task number"
        if task.heading is not None and task.heading not in headings:
            yield ("tasks", i, "heading"), f"expected one of the headings {sorted(headings)}"
        if not task.responsible:
            yield ("tasks", i, "responsible"), "expected at least one responsible unit"


def _quotes(doc: Document) -> Found:
    text = doc.source_text
    if text is None:
        yield ("source_file",), "no source text: every quote must be checked against one"
        return
    for i, task in enumerate(doc.tasks):
        if task.text not in text:
            yield ("tasks", i, "text"), "expected the task's text verbatim from the source text"
        if task.annotation is not None and task.annotation not in task.text:
            yield ("tasks", i, "annotation"), "expected the annotation verbatim from the task text"
    for i, section in enumerate(doc.sections):
        if section.text not in text:
            yield ("sections", i, "text"), "expected the section's text verbatim from the source"
    for i, part in enumerate(doc.parts):
        if part.text is not None and part.text not in text:
            yield ("parts", i, "text"), "expected the part's text verbatim from the source text"
    for path, owner, provision in _where(doc):
        if not provision.source.strip():
            yield (*path, "source"), "expected a non-empty quote"
        elif provision.source not in text:
            yield (
                (*path, "source"),
                f"quote not found verbatim in the source text: {provision.source[:30]!r}",
            )
        elif owner is not None and provision.source not in owner.text:
            yield (*path, "source"), f"quote not found in the text of task {owner.number}"


def _references(doc: Document) -> Found:
    registry = doc.units
    if registry is None:
        yield ("registry_file",), "no unit registry: references cannot be resolved"
        return

    def check(path: Path, ref: str) -> Found:
        if ref != RESPONSIBLE and registry.find(ref) is None:
            yield path, f"unknown unit, group or role {ref!r}: expected a name in the registry"

    for i, task in enumerate(doc.tasks):
        for field in ("responsible", "lead", "cooperating"):
            for j, ref in enumerate(getattr(task, field)):
                yield from check(("tasks", i, field, j), ref)
        for field in ("lead", "cooperating"):
            for j, ref in enumerate(getattr(task, field)):
                if ref not in task.responsible:
                    yield ("tasks", i, field, j), f"{ref!r} is not among the responsible units"
    for path, owner, provision in _where(doc):
        if provision.bearer == RESPONSIBLE and owner is None:
            yield (*path, "bearer"), f"{RESPONSIBLE!r} is only meaningful inside a task"
        yield from check((*path, "bearer"), provision.bearer)
        if isinstance(provision, Workflow):
            for k, step in enumerate(provision.steps):
                if step.actor is not None:
                    yield from check((*path, "steps", k, "actor"), step.actor)


def _provisions(doc: Document) -> Found:
    for path, _, provision in _where(doc):
        yield from ((path + p, m) for p, m in _provision(provision))


def _positive(path: Path, value: float | None, what: str = "number") -> Found:
    if value is not None and value <= 0:
        yield path, f"expected a positive {what}, got {value}"


def _year(path: Path, year: int | None) -> Found:
    if year is not None and year not in _YEARS:
        yield path, f"expected a year between {_YEARS.start} and {_YEARS.stop - 1}, got {year}"


def _provision(p: Provision) -> Found:
    if isinstance(p, Quota):
        if p.minimum is None and p.maximum is None:
            yield ("minimum",), "expected a minimum or a maximum"
        yield from _positive(("minimum",), p.minimum)
        yield from _positive(("maximum",), p.maximum)
        if p.minimum is not None and p.maximum is not None and p.minimum > p.maximum:
            yield ("maximum",), f"expected maximum >= minimum ({p.minimum}), got {p.maximum}"
        if not p.activity.strip():
            yield ("activity",), "expected an activity name"
    elif isinstance(p, Deadline):
        yield from _positive(("amount",), p.amount)
    elif isinstance(p, RecurringDueDate):
        if not p.dates:
            yield ("dates",), "expected at least one date"
        for k, d in enumerate(p.dates):
            if not 1 <= d.month <= 12:
                yield ("dates", k, "month"), f"expected a month 1-12, got {d.month}"
            elif d.day is not None and not 1 <= d.day <= _cal.monthrange(2024, d.month)[1]:
                yield ("dates", k, "day"), f"expected a real day of month {d.month}, got {d.day}"
    elif isinstance(p, Target):
        if p.value is None and p.direction is None:
            yield ("value",), "expected a value or a direction"
        if p.value is not None and p.value < 0:
            yield ("value",), f"expected a value >= 0, got {p.value}"
        yield from _year(("by_year",), p.by_year)
    elif isinstance(p, Staffing):
        if not p.levels:
            yield ("levels",), "expected at least one level"
        for k, level in enumerate(p.levels):
            yield from _positive(("levels", k, "minimum"), level.minimum)
        yield from _year(("by_year",), p.by_year)
    elif isinstance(p, Workflow):
        yield from _workflow(p)


def _workflow(flow: Workflow) -> Found:
    yield from _duplicates(
        [(("steps", k, "id"), s.id) for k, s in enumerate(flow.steps)], "step id"
    )
    ids = {s.id for s in flow.steps}
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for k, step in enumerate(flow.steps):
        yield from _positive(("steps", k, "within"), step.within)
        if step.within is not None and step.counting is None:
            yield ("steps", k, "counting"), "expected workdays or days beside 'within'"
        for m, before in enumerate(step.after):
            if before not in ids:
                yield ("steps", k, "after", m), f"unknown step {before!r}"
        sorter.add(step.id, *(a for a in step.after if a in ids))
    try:
        sorter.prepare()
    except graphlib.CycleError as exc:
        cycle = " → ".join(exc.args[1])
        yield ("steps",), f"expected steps without a cycle, found {cycle}"


def _registry(registry: Registry) -> Found:
    yield from _duplicates(
        [((_field(e), i, "id"), e.id) for i, e in _indexed(registry)], "registry id"
    )
    names = [((_field(e), i, "name"), e.name) for i, e in _indexed(registry)]
    yield from _duplicates(names, "name")
    unit_ids = {u.id for u in registry.units}
    for i, entry in _indexed(registry):
        if isinstance(entry, Group):
            for k, member in enumerate((*entry.members, *entry.zones)):
                if member not in unit_ids:
                    yield ("groups", i, "members", k), f"unknown unit id {member!r}"
        elif isinstance(entry, Role):
            for k, ref in enumerate(entry.covers):
                if registry.find(ref) is None:
                    yield ("roles", i, "covers", k), f"unknown unit, group or role {ref!r}"


def _field(entry: object) -> str:
    return {"Unit": "units", "Group": "groups", "Role": "roles"}[type(entry).__name__]


def _indexed(registry: Registry) -> Iterator[tuple[int, Unit | Group | Role]]:
    yield from enumerate(registry.units)
    yield from enumerate(registry.groups)
    yield from enumerate(registry.roles)
