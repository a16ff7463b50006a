"""``fazhi schedule``: the due dates of a year (年度到期日), as text, JSON or an .ics calendar."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from fazhi_model.dates.schedule import schedule
from fazhi_model.store.files import atomic_write
from fazhi_model.store.load import load_document
from fazhi_model.wording import ESTIMATE_MARK, NO_DUE_DATES, WROTE_EVENTS

from ._common import (
    SubParsers,
    add_calendar_options,
    add_document_option,
    calendar_from,
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
        "schedule",
        help="the due dates of a year (到期日): recurring dates, deadlines from events, targets",
        description=(
            "Due dates of one year, one per provision, unit and date. 'due' is the legal due "
            "date, 'practical' the last working day on or before the nominal date (the safe day "
            "to act). A fixed date (每年1月底前) on a rest day stays put unless --roll-forward."
        ),
    )
    p.add_argument("--year", type=year, required=True)
    p.add_argument("--unit", metavar="NAME", help="only this unit's (full name, short form, id)")
    p.add_argument(
        "--roll-forward",
        action="store_true",
        help="move a fixed date on a rest day to the next working day (民法典 第二百零三条; "
        "whether it applies to fixed dates is not settled)",
    )
    p.add_argument(
        "--event",
        action="append",
        default=[],
        type=_event,
        metavar="TRIGGER=YYYY-MM-DD",
        help="a trigger event of a deadline and its date, e.g. "
        "normative-document-published=2025-03-03 (repeatable)",
    )
    p.add_argument("--zones", action="store_true", help="count functional zones as counties")
    add_document_option(p)
    add_calendar_options(p)
    p.add_argument("--json", action="store_true", help="a JSON array, one object per due date")
    p.add_argument("--ics", metavar="FILE", type=Path, help="also write an iCalendar file")
    p.set_defaults(func=_schedule)


def _event(text: str) -> tuple[str, dt.date]:
    trigger, sep, day = text.partition("=")
    if not sep or not trigger.strip():
        raise argparse.ArgumentTypeError(f"expected TRIGGER=YYYY-MM-DD, got {text!r}")
    try:
        return trigger.strip(), dt.date.fromisoformat(day.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a real date YYYY-MM-DD after '=', got {day!r}"
        ) from None


def _schedule(args: argparse.Namespace) -> int:
    doc = load_document(args.document)
    events: dict[str, list[dt.date]] = {}
    for trigger, day in args.event:
        events.setdefault(trigger, []).append(day)
    dates = schedule(
        doc,
        args.year,
        unit=args.unit,
        zones=args.zones,
        events=events,
        roll_forward=args.roll_forward,
        calendar=calendar_from(args),
    )
    estimated = [d for d in dates if d.estimate]
    if estimated:
        warn_estimate([d.due.year for d in estimated])
    if args.ics is not None:
        # deferred for start-up time: only this output format needs it
        from fazhi_model.export.ics import to_ics

        data = to_ics(dates, name=f"{doc.metadata.title} {args.year}年到期事项")
        atomic_write(args.ics, data, inputs=[args.document, *args.calendar])
        sys.stderr.write(f"fazhi: {WROTE_EVENTS.format(count=len(dates), path=args.ics)}\n")
    if args.json:
        print_json(dates.to_rows())
        return 0
    for d in dates:
        unit = (d.unit.short or d.unit.name) if d.unit is not None else f"({d.bearer})"
        act = "" if d.practical == d.due else f"  [办理: {d.practical}]"
        est = f"  [{ESTIMATE_MARK}]" if d.estimate else ""
        out(f"{d.due}  {d.provision:<8} {unit}  {d.action}{act}{est}")
    if not dates:
        out(NO_DUE_DATES.format(year=args.year))
    return 0
