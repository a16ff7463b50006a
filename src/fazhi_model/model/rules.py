"""Validation beyond types (校验): the rules a loaded document must keep.

:func:`validate` returns every broken rule, not only the first, each a
:class:`~fazhi_model.errors.Problem` with its path (``tasks[4].provisions[1].minimum``) and,
where the document came from a YAML file, its line.

The rules: every quote is in the source text verbatim; ids are unique; task numbers are
unique; headings and parts referred to exist; every unit reference resolves through the
registry; numbers are positive; annual dates are real; workflow steps exist and form no cycle;
a step that points to a provision names one; a provision's ``wording`` is part of its quote.

:func:`unresolved` lists, as warnings, the references that reach no unit of the registry.
"""

from __future__ import annotations

import calendar as _cal
import graphlib
import math
from collections import Counter
from collections.abc import Iterator, Sequence

from fazhi_model.errors import DataPath, InputError, LineFinder, Problem, format_path
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
from fazhi_model.wording import bilingual as _b

__all__ = [
    "MAX_AMOUNT",
    "MAX_COUNT",
    "MAX_TASK_NUMBER",
    "YEARS",
    "unresolved",
    "validate",
    "validate_registry",
]

YEARS = range(1949, 2101)
"""The years the library handles (年份范围): 1949 to 2100 inclusive, in documents, calendars,
checks and ``--year``; one constant for every layer."""

MAX_COUNT = 10**9
"""The largest quota, staffing minimum or target value a document may state: 10^9."""

MAX_AMOUNT = 10_000
"""The longest period a document may state (a deadline, a step's ``within``): 10,000 days,
workdays or months."""

MAX_TASK_NUMBER = 10_000
"""The largest task number."""


def validate(
    doc: Document, *, file: str | None = None, lines: LineFinder | None = None
) -> list[Problem]:
    """Every broken rule of ``doc``, in document order (empty when it is valid).

    Problems of the attached registry carry no file or line (the registry's own file is named
    when :func:`fazhi_model.store.load.load_registry` reads it).
    """
    if not isinstance(doc, Document):
        raise InputError(
            f"validate() 需要 Document (expected a Document, got {type(doc).__name__})"
        )
    found = [*_structure(doc), *_quotes(doc), *_references(doc), *_provisions(doc)]
    problems = [
        Problem(path=_fmt(path), message=msg, file=file, line=lines(path) if lines else None)
        for path, msg in found
    ]
    if doc.units is not None:
        problems.extend(validate_registry(doc.units))
    return problems


def validate_registry(
    registry: Registry, *, file: str | None = None, lines: LineFinder | None = None
) -> list[Problem]:
    """Every broken rule of a unit registry (ids and names unique, references resolve)."""
    if not isinstance(registry, Registry):
        raise InputError(
            "validate_registry() 需要 Registry "
            f"(expected a Registry, got {type(registry).__name__})"
        )
    return [
        Problem(path=_fmt(p), message=m, file=file, line=lines(p) if lines else None)
        for p, m in _registry(registry)
    ]


def _fmt(path: DataPath) -> str:
    return format_path(path)


Found = Iterator[tuple[DataPath, str]]


def _where(doc: Document) -> Iterator[tuple[DataPath, Task | None, Provision]]:
    for i, task in enumerate(doc.tasks):
        for j, provision in enumerate(task.provisions):
            yield ("tasks", i, "provisions", j), task, provision
    for i, section in enumerate(doc.sections):
        for j, provision in enumerate(section.provisions):
            yield ("sections", i, "provisions", j), None, provision


_WHAT = {
    "task number": "任务编号",
    "provision id": "条款编号",
    "step id": "环节编号",
    "registry id": "名录编号",
    "name": "名称",
}


def _duplicates(values: Sequence[tuple[DataPath, object]], what: str) -> Found:
    counts = Counter(v for _, v in values)
    for path, value in values:
        if counts[value] > 1:
            yield (
                path,
                _b(
                    f"{_WHAT[what]} {value!r} 重复",
                    f"duplicate {what} {value!r}: {what}s must be unique",
                ),
            )


def _structure(doc: Document) -> Found:
    if not doc.tasks:
        yield ("tasks",), _b("没有任务", "expected at least one task, found none")
    yield from _duplicates(
        [(("tasks", i, "number"), t.number) for i, t in enumerate(doc.tasks)], "task number"
    )
    yield from _duplicates([((*p, "id"), prov.id) for p, _, prov in _where(doc)], "provision id")
    parts = {p.number for p in doc.parts}
    headings = {h.number for h in doc.headings}
    for i, heading in enumerate(doc.headings):
        if heading.part not in parts:
            yield (
                ("headings", i, "part"),
                _b("部分不存在", f"expected one of the parts {sorted(parts)}"),
            )
    for i, section in enumerate(doc.sections):
        if section.part not in parts:
            yield (
                ("sections", i, "part"),
                _b("部分不存在", f"expected one of the parts {sorted(parts)}"),
            )
    for i, task in enumerate(doc.tasks):
        if not 0 < task.number <= MAX_TASK_NUMBER:
            yield (
                ("tasks", i, "number"),
                _b("任务编号超出范围", f"expected a task number 1..{MAX_TASK_NUMBER}"),
            )
        if task.heading is not None and task.heading not in headings:
            yield (
                ("tasks", i, "heading"),
                _b("标题不存在", f"expected one of the headings {sorted(headings)}"),
            )
        if not task.responsible:
            yield (
                ("tasks", i, "responsible"),
                _b("没有责任单位", "expected at least one responsible unit"),
            )


def _quotes(doc: Document) -> Found:
    text = doc.source_text
    if text is None:
        yield (
            ("source_file",),
            _b("没有原文", "no source text: every quote must be checked against one"),
        )
        return
    for i, task in enumerate(doc.tasks):
        if task.text not in text:
            yield (
                ("tasks", i, "text"),
                _b("任务文字不在原文中", "expected the task's text verbatim from the source text"),
            )
        if task.annotation is not None and task.annotation not in task.text:
            yield (
                ("tasks", i, "annotation"),
                _b("责任分工不在任务文字中", "expected the annotation verbatim from the task text"),
            )
    for i, section in enumerate(doc.sections):
        if section.text not in text:
            yield (
                ("sections", i, "text"),
                _b("段落文字不在原文中", "expected the section's text verbatim from the source"),
            )
    for i, part in enumerate(doc.parts):
        if part.text is not None and part.text not in text:
            yield (
                ("parts", i, "text"),
                _b("部分文字不在原文中", "expected the part's text verbatim from the source text"),
            )
    for path, owner, provision in _where(doc):
        if not provision.source.strip():
            yield (*path, "source"), _b("引文为空", "expected a non-empty quote")
        elif provision.source not in text:
            yield (
                (*path, "source"),
                _b(
                    "引文不在原文中",
                    f"quote not found verbatim in the source text: {provision.source[:30]!r}",
                ),
            )
        elif owner is not None and provision.source not in owner.text:
            yield (
                (*path, "source"),
                _b(
                    f"引文不在任务{owner.number}的文字中",
                    f"quote not found in the text of task {owner.number}",
                ),
            )


def _references(doc: Document) -> Found:
    registry = doc.units
    if registry is None:
        yield (
            ("registry_file",),
            _b("没有单位名录", "no unit registry: references cannot be resolved"),
        )
        return

    def check(path: DataPath, ref: str) -> Found:
        if ref != RESPONSIBLE and registry.find(ref) is None:
            yield (
                path,
                _b(
                    f"名录中没有 {ref!r}",
                    f"unknown unit, group or role {ref!r}: expected a name in the registry",
                ),
            )

    for i, task in enumerate(doc.tasks):
        for field in ("responsible", "lead", "cooperating", "guiding"):
            for j, ref in enumerate(getattr(task, field)):
                yield from check(("tasks", i, field, j), ref)
        for field in ("lead", "cooperating", "guiding", "implied"):
            for j, ref in enumerate(getattr(task, field)):
                if ref not in task.responsible:
                    yield (
                        ("tasks", i, field, j),
                        _b(
                            f"{ref!r} 不在责任单位中", f"{ref!r} is not among the responsible units"
                        ),
                    )
    ids = {p.id for _, _, p in _where(doc)}
    for path, owner, provision in _where(doc):
        if provision.bearer == RESPONSIBLE and owner is None:
            yield (
                (*path, "bearer"),
                _b(
                    f"任务之外不能用 {RESPONSIBLE!r}",
                    f"{RESPONSIBLE!r} is only meaningful inside a task",
                ),
            )
        yield from check((*path, "bearer"), provision.bearer)
        if isinstance(provision, Workflow):
            for k, step in enumerate(provision.steps):
                if step.actor is not None:
                    yield from check((*path, "steps", k, "actor"), step.actor)
                if step.provision is None:
                    continue
                where = (*path, "steps", k)
                if step.provision not in ids or step.provision == provision.id:
                    yield (
                        (*where, "provision"),
                        _b(
                            f"环节所指条款 {step.provision!r} 不存在",
                            f"unknown provision {step.provision!r}: expected the id of another "
                            "provision of the document",
                        ),
                    )
                if step.within is not None or step.counting is not None:
                    yield (
                        (*where, "within"),
                        _b(
                            "环节的时限取自所指条款",
                            "a step that points to a provision takes its time limit from it: "
                            "expected no within/counting on the step",
                        ),
                    )


def unresolved(
    doc: Document, *, file: str | None = None, lines: LineFinder | None = None
) -> list[Problem]:
    """Warnings (提示): every reference the document uses that reaches no unit (未落实到单位).

    A role or group the registry cannot expand to any unit (法治政府建设牵头部门 without
    ``covers``, an empty 市属〔驻市〕各高校) is not an error in the data: the text allows no
    better reading, or the registry lacks the units. It is reported here, not by
    :func:`validate`, so a document with such references still loads; ``fazhi validate``
    prints these as warnings (exit status 0 unless ``--strict``).
    """
    registry = doc.units
    if registry is None:
        return []
    found: list[tuple[DataPath, str]] = []

    def check(path: DataPath, ref: str) -> None:
        entry = registry.find(ref)
        if ref == RESPONSIBLE or entry is None or isinstance(entry, Unit):
            return
        if not registry.expand(ref, zones=True):
            what = "role" if isinstance(entry, Role) else "group"
            found.append(
                (
                    path,
                    _b(f"{ref!r} 未落实到单位", f"{what} {ref!r} reaches no unit of the registry"),
                )
            )

    for i, task in enumerate(doc.tasks):
        for j, ref in enumerate(task.responsible):
            check(("tasks", i, "responsible", j), ref)
    for path, _, provision in _where(doc):
        check((*path, "bearer"), provision.bearer)
        if isinstance(provision, Workflow):
            for k, step in enumerate(provision.steps):
                if step.actor is not None:
                    check((*path, "steps", k, "actor"), step.actor)
    return [
        Problem(path=_fmt(path), message=msg, file=file, line=lines(path) if lines else None)
        for path, msg in found
    ]


def _provisions(doc: Document) -> Found:
    for path, _, provision in _where(doc):
        yield from ((path + p, m) for p, m in _provision(provision))


def _positive(
    path: DataPath, value: float | None, what: str = "number", *, most: int = MAX_COUNT
) -> Found:
    if value is None:
        return
    if isinstance(value, float) and not math.isfinite(value):
        yield path, _b("须为有限数", f"expected a finite {what}, got {value}")
    elif value <= 0:
        yield path, _b("须为正数", f"expected a positive {what}, got {value}")
    elif value > most:
        yield path, _b(f"不得超过 {most}", f"expected a {what} of at most {most}, got {value}")


def _year(path: DataPath, year: int | None) -> Found:
    if year is not None and year not in YEARS:
        yield (
            path,
            _b(
                "年份超出范围",
                f"expected a year between {YEARS.start} and {YEARS.stop - 1}, got {year}",
            ),
        )


def _provision(p: Provision) -> Found:
    if p.wording is not None and p.wording not in p.source:
        yield (
            ("wording",),
            _b(
                "原文表述不在引文中",
                "expected the document's own words: a verbatim part of 'source'",
            ),
        )
    if isinstance(p, Quota):
        if p.minimum is None and p.maximum is None:
            yield ("minimum",), _b("须有下限或上限", "expected a minimum or a maximum")
        yield from _positive(("minimum",), p.minimum)
        yield from _positive(("maximum",), p.maximum)
        if p.minimum is not None and p.maximum is not None and p.minimum > p.maximum:
            yield (
                ("maximum",),
                _b("上限小于下限", f"expected maximum >= minimum ({p.minimum}), got {p.maximum}"),
            )
        if not p.activity.strip():
            yield ("activity",), _b("缺少活动名称", "expected an activity name")
    elif isinstance(p, Deadline):
        yield from _positive(("amount",), p.amount, "period", most=MAX_AMOUNT)
    elif isinstance(p, RecurringDueDate):
        if not p.dates:
            yield ("dates",), _b("没有日期", "expected at least one date")
        for k, d in enumerate(p.dates):
            if not 1 <= d.month <= 12:
                yield (
                    ("dates", k, "month"),
                    _b("月份须为1-12", f"expected a month 1-12, got {d.month}"),
                )
            elif (d.month, d.day) == (2, 29):
                yield (
                    ("dates", k, "day"),
                    "2月29日并非每年都有 (expected a date that exists every year; "
                    "29 February does not: write day: null for the month's last day)",
                )
            elif d.day is not None and not 1 <= d.day <= _cal.monthrange(2025, d.month)[1]:
                yield (
                    ("dates", k, "day"),
                    _b(
                        f"{d.month}月没有{d.day}日",
                        f"expected a real day of month {d.month}, got {d.day}",
                    ),
                )
    elif isinstance(p, Target):
        if p.value is None and p.direction is None:
            yield ("value",), _b("须有目标值或方向", "expected a value or a direction")
        if p.value is not None and not math.isfinite(p.value):
            yield ("value",), _b("须为有限数", f"expected a finite value, got {p.value}")
        elif p.value is not None and not 0 <= p.value <= MAX_COUNT:
            yield (
                ("value",),
                _b("目标值超出范围", f"expected a value 0..{MAX_COUNT}, got {p.value}"),
            )
        yield from _year(("by_year",), p.by_year)
    elif isinstance(p, Staffing):
        if not p.levels:
            yield ("levels",), _b("没有配备标准", "expected at least one level")
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
        yield from _positive(("steps", k, "within"), step.within, "period", most=MAX_AMOUNT)
        if step.within is not None and step.counting is None:
            yield (
                ("steps", k, "counting"),
                _b("缺少计算方式", "expected workdays or days beside 'within'"),
            )
        for m, before in enumerate(step.after):
            if before not in ids:
                yield (
                    ("steps", k, "after", m),
                    _b(f"没有环节 {before!r}", f"unknown step {before!r}"),
                )
        sorter.add(step.id, *(a for a in step.after if a in ids))
    try:
        sorter.prepare()
    except graphlib.CycleError as exc:
        cycle = " → ".join(exc.args[1])
        yield ("steps",), _b("环节循环依赖", f"expected steps without a cycle, found {cycle}")


def _registry(registry: Registry) -> Found:
    yield from _duplicates(
        [((_field(e), i, "id"), e.id) for i, e in _indexed(registry)], "registry id"
    )
    names = [((_field(e), i, "name"), e.name) for i, e in _indexed(registry)]
    yield from _duplicates(names, "name")
    yield from _ambiguous_names(registry)
    unit_ids = {u.id for u in registry.units}
    for i, entry in _indexed(registry):
        if isinstance(entry, Group):
            for k, member in enumerate((*entry.members, *entry.zones)):
                if member not in unit_ids:
                    yield (
                        ("groups", i, "members", k),
                        _b(f"名录中没有单位 {member!r}", f"unknown unit id {member!r}"),
                    )
        elif isinstance(entry, Role):
            for k, ref in enumerate(entry.covers):
                if registry.find(ref) is None:
                    yield (
                        ("roles", i, "covers", k),
                        _b(f"名录中没有 {ref!r}", f"unknown unit, group or role {ref!r}"),
                    )


def _ambiguous_names(registry: Registry) -> Found:
    """A short form, alias, name or id that names two different entries (never first-wins).

    Clashes between two ids or two full names are reported by the checks above.
    """
    owner: dict[str, tuple[DataPath, str, int]] = {}
    for number, (i, entry) in enumerate(_indexed(registry)):
        field = _field(entry)
        keys: list[tuple[DataPath, str, str]] = [
            ((field, i, "id"), "id", entry.id),
            ((field, i, "name"), "name", entry.name),
        ]
        if isinstance(entry, Unit) and entry.short:
            keys.append(((field, i, "short"), "short", entry.short))
        keys.extend(((field, i, "aliases", k), "alias", a) for k, a in enumerate(entry.aliases))
        for path, kind, key in keys:
            first = owner.get(key)
            if first is None:
                owner[key] = (path, kind, number)
            elif first[2] != number and not (kind == first[1] and kind in ("id", "name")):
                yield (
                    path,
                    f"{key!r} 已用于 {_fmt(first[0])} (already names {_fmt(first[0])}: an id, "
                    "name, short form or alias may name only one unit, group or role)",
                )


def _field(entry: object) -> str:
    return {"Unit": "units", "Group": "groups", "Role": "roles"}[type(entry).__name__]


def _indexed(registry: Registry) -> Iterator[tuple[int, Unit | Group | Role]]:
    yield from enumerate(registry.units)
    yield from enumerate(registry.groups)
    yield from enumerate(registry.roles)
