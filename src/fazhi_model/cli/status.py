"""``fazhi status``: on a given day, what is done, due soon, behind or overdue (督办状态)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from fazhi_model._display import ljust
from fazhi_model.compliance.status import State, StatusReport, status
from fazhi_model.dates.workdays import Calendar
from fazhi_model.store.load import load_document

from ._common import (
    SubParsers,
    add_calendar_options,
    add_document_option,
    calendar_from,
    fail,
    iso_date,
    out,
    print_json,
    year,
)

__all__ = [
    "MARKS",
    "register",
]

_ANSI = {
    State.OVERDUE: "\x1b[1;31m",
    State.DUE_SOON: "\x1b[1;33m",
    State.BEHIND: "\x1b[33m",
    State.NOT_DUE: "",
    State.DONE_LATE: "\x1b[36m",
    State.DONE: "\x1b[32m",
}
_RESET = "\x1b[0m"
MARKS = {
    State.OVERDUE: "!!!",
    State.DUE_SOON: "!! ",
    State.BEHIND: "!  ",
    State.NOT_DUE: "   ",
    State.DONE_LATE: "√* ",
    State.DONE: "√  ",
}
"""The plain marks of the states where the output has no colour."""

_WRITERS = {".xlsx": "xlsx", ".html": "html", ".htm": "html", ".md": "bulletin"}
_WRITERS |= {".markdown": "bulletin", ".docx": "bulletin"}


def register(sub: SubParsers) -> None:
    p = sub.add_parser(
        "status",
        help="on a given day: done, due soon, behind or overdue, per unit (督办状态)",
        description=(
            "Judges every dated obligation of the year for every unit as of --today by the "
            "official working calendar: 逾期 overdue, 临期 due soon, 滞后 behind pace, 未到期 "
            "not due, 已完成 done, 已完成(逾期) done late. Text: worst first, grouped by unit. "
            "-o writes a 督办台账 (.xlsx), a self-contained page (.html) or a 督办通报 (.md, "
            ".docx). Exit 0 whatever the states; 1 for bad input, with every bad row listed."
        ),
    )
    p.add_argument(
        "--today", type=iso_date, default=None, help="the review day YYYY-MM-DD (default: today)"
    )
    p.add_argument(
        "--year", type=year, help="the year of the obligations (default: that of --today)"
    )
    p.add_argument(
        "--progress",
        type=Path,
        metavar="FILE",
        help="the progress ledger (进展台账): CSV/XLSX/JSON with item, unit, status, date[, note]",
    )
    p.add_argument(
        "--events",
        type=Path,
        metavar="FILE",
        help="trigger events (事件): CSV/XLSX/JSON with kind, unit, date[, reference]",
    )
    p.add_argument(
        "--records",
        type=Path,
        metavar="FILE",
        help="activity records, to judge annual quotas against their expected pace",
    )
    p.add_argument("--unit", metavar="NAME", help="only this unit's (or group's) items")
    p.add_argument(
        "--state",
        action="append",
        default=[],
        metavar="STATE",
        help="only items in this state: overdue/逾期, due_soon/临期, behind/滞后, not_due/未到期, "
        "done_late, done/已完成 (repeatable; comma-separated)",
    )
    p.add_argument(
        "--warn-workdays",
        type=int,
        default=3,
        metavar="N",
        help="临期: due within N working days (default 3)",
    )
    p.add_argument(
        "--pace",
        choices=("calendar", "workdays"),
        default="calendar",
        help="expected pace of annual quotas pro rata by calendar days (default) or working days",
    )
    p.add_argument(
        "--roll-forward",
        action="store_true",
        help="move a fixed date on a rest day to the next working day",
    )
    p.add_argument("--zones", action="store_true", help="count functional zones as counties")
    add_document_option(p)
    add_calendar_options(p)
    p.add_argument("--json", action="store_true", help="JSON: summary, items, notes")
    p.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the states (auto: on a terminal, unless NO_COLOR is set)",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write status.xlsx (督办台账), status.html (one page) or 通报.md / 通报.docx",
    )
    p.set_defaults(func=_status)


def _colour(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _status(args: argparse.Namespace) -> int:
    if args.estimate:
        return fail(
            "督办状态只用正式日历, 不支持 --estimate (status needs the official calendar; "
            "add the year's notice with --calendar FILE)"
        )
    today = args.today or dt.date.today()
    year = args.year if args.year is not None else today.year
    writer = None
    if args.output is not None:
        writer = _WRITERS.get(args.output.suffix.lower())
        if writer is None:
            return fail(
                f"-o {args.output}: 应为 .xlsx, .html, .md 或 .docx "
                "(expected .xlsx, .html, .md or .docx)"
            )
    doc = load_document(args.document)
    calendar = calendar_from(args)
    assert isinstance(calendar, Calendar)  # --estimate is refused above
    report = status(
        doc,
        year,
        today,
        progress=args.progress,
        events=args.events,
        records=args.records,
        unit=args.unit,
        zones=args.zones,
        calendar=calendar,
        warn_workdays=args.warn_workdays,
        pace=args.pace,
        roll_forward=args.roll_forward,
    )
    states = [s.strip() for given in args.state for s in given.split(",") if s.strip()]
    if states:
        report = report.filter(state=states)
    if writer is not None:
        inputs = [p for p in (args.progress, args.events, args.records) if p is not None]
        _write(report, writer, args.output, inputs)
        sys.stderr.write(f"fazhi: 已写入 {len(report)} 项 → {args.output} (wrote)\n")
    for note in report.notes:
        sys.stderr.write(f"fazhi: note: {note}\n")
    if args.json:
        print_json(
            {
                "today": report.today.isoformat(),
                "year": report.year,
                "warn_workdays": report.warn_workdays,
                "pace": report.pace,
                "summary": report.summary,
                "items": report.to_rows(),
                "notes": list(report.notes),
            }
        )
        return 0
    if writer is None:
        _text(report, colour=_colour(args.color))
    return 0


def _write(report: StatusReport, writer: str, path: Path, inputs: list[Path]) -> None:
    if writer == "xlsx":
        # deferred for start-up time: only this output format needs it
        from fazhi_model.export import status_xlsx

        status_xlsx.write(report, path, inputs=inputs)
    elif writer == "html":
        # deferred for start-up time: only this output format needs it
        from fazhi_model.export import status_html

        status_html.write(report, path, inputs=inputs)
    else:
        # deferred for start-up time: only this output format needs it
        from fazhi_model.export import bulletin

        bulletin.write(report, path, inputs=inputs)


def _text(report: StatusReport, *, colour: bool) -> None:
    """Worst first, grouped by unit (the units with the most overdue items first)."""
    rows: dict[str, list[int]] = {}
    for n, r in enumerate(report.rows):
        rows.setdefault(r.item.unit_id, []).append(n)
    for summary in report.by_unit():
        counts = ", ".join(f"{s.label} {summary.counts[s]}" for s in State if summary.counts[s])
        out(f"{summary.unit}  ({counts})")
        for n in rows[summary.unit_id]:
            r = report.rows[n]
            label = ljust(r.state.label, 12)
            mark = f"{_ANSI[r.state]}{label}{_RESET}" if colour and _ANSI[r.state] else label
            if not colour:
                mark = f"{MARKS[r.state]} {label}"
            out(f"  {mark} {r.item.provision:<8} {r.item.action}")
            out(f"         {r.explanation}")
        out()
    out(report.headline())
