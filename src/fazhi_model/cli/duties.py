"""``fazhi duties UNIT``: every duty of a unit, each with the reason it falls to that unit."""

from __future__ import annotations

import argparse

from fazhi_model.store.load import load_document
from fazhi_model.views.checklist import PROVISION_HOW, checklist
from fazhi_model.views.graph import How, duties

from ._common import SubParsers, add_document_option, fail, out, print_json


def register(sub: SubParsers) -> None:
    p = sub.add_parser(
        "duties",
        help="every duty of a unit (单位职责), with the reason it falls to it",
        description="The tasks whose annotation names UNIT or reaches it through a group or a "
        "catch-all (a catch-all never reaches the units named beside it), and every provision "
        "it bears, directly, through a group or role, or as a responsible unit (责任单位).",
    )
    p.add_argument("unit", metavar="UNIT", help="a unit's full name, short form or id")
    add_document_option(p)
    p.add_argument("--year", type=int, help="add the due dates in this year, where known")
    p.add_argument("--zones", action="store_true", help="include the functional zones")
    p.add_argument("--json", action="store_true", help="a JSON array, one object per duty")
    p.add_argument(
        "--checklist",
        action="store_true",
        help="the unit's checklist for --year as a Markdown table (年度工作清单)",
    )
    p.set_defaults(func=_duties)


def _duties(args: argparse.Namespace) -> int:
    doc = load_document(args.document)
    if args.checklist:
        if args.year is None:
            return fail("--checklist needs --year")
        out(checklist(doc, args.year, unit=args.unit, zones=args.zones).to_markdown().rstrip("\n"))
        return 0
    found = duties(doc, args.year, unit=args.unit, zones=args.zones)
    if args.json:
        print_json([a.row() for a in found])
        return 0
    for a in found:
        due = f" (due {', '.join(d.isoformat() for d in a.due)})" if a.due else ""
        if a.provision is None:
            out(f"任务{a.task}  {How(a.how).label}  {a.summary}  ← {a.reason}")
        else:
            how = PROVISION_HOW.get(a.how, a.how)
            out(f"  {a.provision}  {how}  {a.summary}{due}  ← {a.reason}")
    tasks = sum(1 for a in found if a.provision is None)
    label = found[0].unit_label if found else args.unit
    out(f"{label}: {tasks} tasks, {len(found) - tasks} provisions")
    return 0
