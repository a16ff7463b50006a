"""``fazhi tasks | show | provisions | units | validate``: the document as data.

The text output is Chinese (labels from :mod:`fazhi_model.wording`) and its columns line up
by display width; ``--json`` keys and values stay English. ``--kind`` takes the Chinese or the
English name of a kind (``--kind 数量要求`` is ``--kind quota``).
"""

from __future__ import annotations

import argparse

from fazhi_model._display import text_table
from fazhi_model.errors import LoadError
from fazhi_model.model.document import Document
from fazhi_model.model.rules import unresolved, validate
from fazhi_model.model.summary import summary
from fazhi_model.model.units import Group, Role, Unit
from fazhi_model.store.load import _load, load_document
from fazhi_model.store.rows import provision_row, task_row, unit_row
from fazhi_model.wording import (
    ENTRY_LABELS,
    KIND_LABELS,
    SECTION_PART,
    VERIFIED_LABELS,
    bilingual,
    chinese_number,
    kind_value,
)

from ._common import SubParsers, add_document_option, fail, out, print_json

__all__ = [
    "register",
]


def register(sub: SubParsers) -> None:
    p = sub.add_parser("tasks", help="list the tasks (工作任务)")
    add_document_option(p)
    p.add_argument("--json", action="store_true", help="a JSON array, one object per task")
    p.set_defaults(func=_tasks)

    p = sub.add_parser("show", help="one task in full")
    p.add_argument("number", type=int)
    add_document_option(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_show)

    p = sub.add_parser("provisions", help="list the provisions (条款)")
    add_document_option(p)
    p.add_argument("--task", type=int, help="only this task's")
    p.add_argument(
        "--kind",
        type=_kind,
        metavar="KIND",
        help="only this kind: "
        + ", ".join(f"{label} ({value})" for value, label in KIND_LABELS.items()),
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_provisions)

    p = sub.add_parser("units", help="the unit registry (单位名录), or what a name stands for")
    add_document_option(p)
    p.add_argument("--expand", metavar="NAME", help="the units NAME stands for")
    p.add_argument("--zones", action="store_true", help="count functional zones as counties")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_units)

    p = sub.add_parser("validate", help="check a document against every rule (校验)")
    p.add_argument("file", nargs="?", default="ganzhou-2024", help="a YAML/JSON file or an id")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 on warnings too (references that reach no unit: 未落实到单位)",
    )
    p.set_defaults(func=_validate)


def _kind(text: str) -> str:
    """argparse type of ``--kind``: a kind's Chinese or English name, as the English value."""
    try:
        return kind_value(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _doc(args: argparse.Namespace) -> Document:
    return load_document(args.document)


def _tasks(args: argparse.Namespace) -> int:
    doc = _doc(args)
    if args.json:
        print_json([task_row(t) for t in doc.tasks])
        return 0
    for task in doc.tasks:
        out(f"{task.number:>2}. {task.title}  〔{'、'.join(task.responsible)}〕")
    return 0


def _show(args: argparse.Namespace) -> int:
    doc = _doc(args)
    try:
        task = doc.task(args.number)
    except KeyError:
        numbers = ", ".join(str(t.number) for t in doc.tasks)
        return fail(
            bilingual(
                f"{doc.id} 中没有任务{args.number} (任务编号: {numbers})",
                f"no task {args.number} in {doc.id}",
            )
        )
    if args.json:
        print_json(
            {**task_row(task), "provisions": [provision_row(task, p) for p in task.provisions]}
        )
        return 0
    heading = next((h for h in doc.headings if h.number == task.heading), None)
    out(f"{task.number}. {task.title}")
    if heading is not None:
        out(f"   ({chinese_number(heading.number)}){heading.title}")
    out(f"   责任单位: {'、'.join(task.responsible)}")
    if task.lead:
        out(f"   牵头单位: {'、'.join(task.lead)}")
    out("")
    out(task.text)
    out("")
    rows = [
        (p.id, KIND_LABELS.get(p.kind, p.kind), f"{p.bearer}: {summary(p)}")
        for p in task.provisions
    ]
    for line in text_table(rows):
        out(f"  {line}")
    return 0


def _provisions(args: argparse.Namespace) -> int:
    doc = _doc(args)
    rows = [
        (task, p)
        for task, p in doc.provisions()
        if (args.task is None or (task is not None and task.number == args.task))
        and (args.kind is None or p.kind == args.kind)
    ]
    if args.json:
        print_json([provision_row(t, p) for t, p in rows])
        return 0
    table = [
        (
            p.id,
            f"任务{task.number}" if task is not None else SECTION_PART,
            KIND_LABELS.get(p.kind, p.kind),
            f"{p.bearer}: {summary(p)}",
        )
        for task, p in rows
    ]
    for line in text_table(table):
        out(line)
    return 0


def _unit_line(u: Unit) -> tuple[str, str]:
    name = u.name + (f" ({u.short})" if u.short else "")
    return name, VERIFIED_LABELS[u.verified]


def _units(args: argparse.Namespace) -> int:
    registry = _doc(args).registry
    if args.expand:
        units = registry.expand(args.expand, zones=args.zones)
        if args.json:
            print_json([unit_row(u) for u in units])
        else:
            for line in text_table([_unit_line(u) for u in units]):
                out(line)
        return 0
    if args.json:
        print_json([unit_row(u) for u in registry.units])
        return 0
    rows: list[tuple[str, ...]] = []
    for entry in registry.entries():
        if isinstance(entry, Unit):
            rows.append((ENTRY_LABELS["unit"], *_unit_line(entry)))
        elif isinstance(entry, Group):
            count = f"{len(registry.members(entry))} 个单位"
            rows.append(
                (
                    ENTRY_LABELS["group"],
                    entry.name,
                    count + ("" if entry.complete else ", 名录不全"),
                )
            )
        elif isinstance(entry, Role):
            covers = f"涵盖: {'、'.join(entry.covers)}" if entry.covers else "未列出涵盖单位"
            rows.append(
                (ENTRY_LABELS["role"], entry.name, covers + (" (人员)" if entry.person else ""))
            )
    for line in text_table(rows):
        out(line)
    return 0


def _validate(args: argparse.Namespace) -> int:
    try:
        doc, line_of, path = _load(args.file, None)
        problems = validate(doc, file=str(path), lines=line_of)
        warnings = unresolved(doc, file=str(path), lines=line_of)
    except LoadError as exc:
        problems = list(exc.problems)
        warnings = []
        doc = None
    if args.json:
        print_json(
            [
                {"file": p.file, "line": p.line, "path": p.path, "message": p.message}
                | {"level": level}
                for level, found in (("error", problems), ("warning", warnings))
                for p in found
            ]
        )
    else:
        for problem in problems:
            out(str(problem))
        for warning in warnings:
            out(f"提示 (warning): {warning}")
        notes = f", {len(warnings)} 个提示 (warnings)" if warnings else ""
        if doc is not None and not problems:
            count = sum(1 for _ in doc.provisions())
            out(f"通过: {doc.id}: {len(doc.tasks)} 项任务, {count} 条条款, 0 个问题{notes}")
        else:
            out(f"共 {len(problems)} 个问题{notes}")
    return 1 if problems or (args.strict and warnings) else 0
