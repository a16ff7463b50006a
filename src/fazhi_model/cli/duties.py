"""``fazhi duties UNIT``: every duty of a unit, each with the reason it falls to that unit."""

from __future__ import annotations

import argparse

from fazhi_model.model.provisions import Certainty
from fazhi_model.store.load import load_document
from fazhi_model.views.checklist import checklist
from fazhi_model.views.graph import Bearing, duties
from fazhi_model.wording import DUTY_REASONS as _R
from fazhi_model.wording import DUTY_TOTAL

from ._common import (
    SubParsers,
    add_calendar_options,
    add_document_option,
    calendar_from,
    fail,
    out,
    print_json,
    warn_estimate,
    year,
)

__all__ = [
    "register",
]


def register(sub: SubParsers) -> None:
    p = sub.add_parser(
        "duties",
        help="every duty of a unit (单位职责), with the reason it falls to it",
        description="The tasks whose annotation names UNIT or reaches it through a group or a "
        "catch-all (a catch-all never reaches the units named beside it), and every provision "
        "it bears, directly, through a group or role, or as a responsible unit (责任单位). "
        "A bearer that is a reading is marked [推断], one the text leaves open [存疑]; a "
        "provision whose bearer reaches no unit is listed as 未落实 for the task's units.",
    )
    p.add_argument("unit", metavar="UNIT", help="a unit's full name, short form or id")
    add_document_option(p)
    p.add_argument("--year", type=year, help="add the due dates in this year, where known")
    p.add_argument("--zones", action="store_true", help="include the functional zones")
    add_calendar_options(p)
    p.add_argument("--json", action="store_true", help="a JSON array, one object per duty")
    p.add_argument(
        "--checklist",
        action="store_true",
        help="the unit's checklist for --year as a Markdown table (年度工作清单)",
    )
    p.set_defaults(func=_duties)


def _duties(args: argparse.Namespace) -> int:
    doc = load_document(args.document)
    calendar = calendar_from(args) if args.year is not None else None
    if calendar is not None and args.estimate and args.year not in calendar.covered_years:
        warn_estimate([args.year])
    if args.checklist:
        if args.year is None:
            return fail("--checklist needs --year")
        table = checklist(doc, args.year, unit=args.unit, zones=args.zones, calendar=calendar)
        out(table.to_markdown().rstrip("\n"))
        return 0
    found = duties(doc, args.year, unit=args.unit, zones=args.zones, calendar=calendar)
    if args.json:
        print_json([a.row() for a in found])
        return 0
    for a in found:
        due = f" ({_R['due']} {'、'.join(d.isoformat() for d in a.due)})" if a.due else ""
        if a.provision is None:
            out(f"任务{a.task}  {a.label}  {a.summary}  ← {a.reason}")
        else:
            mark = f" [{a.certainty.label}]" if a.certainty is not Certainty.CERTAIN else ""
            out(f"  {a.provision}  {a.label}{mark}  {a.summary}{due}  ← {a.reason}")
            if a.certainty is not Certainty.CERTAIN and a.note:
                out(f"      {_R['note']}: {a.note}")
    tasks = sum(1 for a in found if a.provision is None)
    label = found[0].unit_label if found else args.unit
    unsure = sum(1 for a in found if a.provision and a.certainty is Certainty.UNCERTAIN)
    unresolved = sum(1 for a in found if a.how is Bearing.UNRESOLVED)
    tail = f" (存疑{unsure}条, 其中未落实{unresolved}条)" if unsure else ""
    out(DUTY_TOTAL.format(unit=label, tasks=tasks, provisions=len(found) - tasks) + tail)
    return 0
