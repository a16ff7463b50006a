"""``fazhi tasks | show | provisions | units | validate``: the document as data."""

from __future__ import annotations

import argparse

from fazhi_model.errors import LoadError
from fazhi_model.model.document import Document
from fazhi_model.model.rules import validate
from fazhi_model.model.summary import summary
from fazhi_model.model.units import Group, Role, Unit
from fazhi_model.store.load import _load, load_document
from fazhi_model.store.rows import provision_row, task_row, unit_row

from ._common import SubParsers, add_document_option, fail, out, print_json


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
        choices=["quota", "deadline", "recurring", "target", "staffing", "workflow", "duty"],
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
    p.set_defaults(func=_validate)


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
        return fail(f"no task {args.number} in {doc.id} (tasks: {numbers})")
    if args.json:
        print_json(
            {**task_row(task), "provisions": [provision_row(task, p) for p in task.provisions]}
        )
        return 0
    heading = next((h for h in doc.headings if h.number == task.heading), None)
    out(f"{task.number}. {task.title}")
    if heading is not None:
        out(f"   ({heading.number}) {heading.title}")
    out(f"   责任单位: {'、'.join(task.responsible)}")
    out("")
    out(task.text)
    out("")
    for p in task.provisions:
        out(f"  {p.id:<8} {p.kind:<9} {p.bearer}: {summary(p)}")
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
    for task, p in rows:
        where = f"任务{task.number}" if task is not None else "组织保障"
        out(f"{p.id:<8} {where:<6} {p.kind:<9} {p.bearer}: {summary(p)}")
    return 0


def _units(args: argparse.Namespace) -> int:
    registry = _doc(args).registry
    if args.expand:
        units = registry.expand(args.expand, zones=args.zones)
        if args.json:
            print_json([unit_row(u) for u in units])
        else:
            for u in units:
                out(
                    f"{u.name}"
                    + (f" ({u.short})" if u.short else "")
                    + ("" if u.verified else "  [unverified]")
                )
        return 0
    if args.json:
        print_json([unit_row(u) for u in registry.units])
        return 0
    for entry in registry.entries():
        if isinstance(entry, Unit):
            flag = "" if entry.verified else "  [unverified]"
            out(f"unit   {entry.name}" + (f" ({entry.short})" if entry.short else "") + flag)
        elif isinstance(entry, Group):
            out(
                f"group  {entry.name}: {len(registry.members(entry))} members"
                + ("" if entry.complete else " (incomplete)")
            )
        elif isinstance(entry, Role):
            out(f"role   {entry.name}: {entry.description}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    try:
        doc, line_of, path = _load(args.file, None)
        problems = validate(doc, file=str(path), lines=line_of)
    except LoadError as exc:
        problems = list(exc.problems)
        doc = None
    if args.json:
        print_json(
            [
                {"file": p.file, "line": p.line, "path": p.path, "message": p.message}
                for p in problems
            ]
        )
    else:
        for problem in problems:
            out(str(problem))
        if doc is not None and not problems:
            count = sum(1 for _ in doc.provisions())
            out(f"ok: {doc.id}: {len(doc.tasks)} tasks, {count} provisions, 0 problems")
        else:
            out(f"{len(problems)} problem(s)")
    return 1 if problems else 0
