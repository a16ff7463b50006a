"""``fazhi check``: activity records against the quotas and targets (考核达标情况)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fazhi_model.compliance.check import check
from fazhi_model.compliance.records import read_metrics, read_terms
from fazhi_model.store.load import load_document

from ._common import SubParsers, add_document_option, out, print_json


def register(sub: SubParsers) -> None:
    p = sub.add_parser(
        "check",
        help="check activity records against the quotas and targets (考核)",
        description=(
            "Reads activity records (CSV with the header unit,activity,date,quantity,person, "
            "or a JSON array) and reports, per quota and unit (and person), the required and "
            "actual amounts for the year. Exit 0 whether or not the quotas are met; 1 for bad "
            "input, with every bad row listed."
        ),
    )
    p.add_argument("records", type=Path, help="a .csv or .json file of activity records")
    p.add_argument("--year", type=int, required=True)
    p.add_argument(
        "--terms",
        type=Path,
        metavar="FILE",
        help="terms of office (任期): CSV/JSON with holder,start,end",
    )
    p.add_argument(
        "--metrics",
        type=Path,
        metavar="FILE",
        help="observed target values: CSV/JSON with metric,unit,value",
    )
    p.add_argument("--zones", action="store_true", help="count functional zones as counties")
    add_document_option(p)
    p.add_argument("--json", action="store_true", help="a JSON array, one object per result")
    p.set_defaults(func=_check)


_MARK = {True: "达标", False: "未达标", None: "无法判断"}


def _check(args: argparse.Namespace) -> int:
    doc = load_document(args.document)
    terms = read_terms(args.terms) if args.terms is not None else None
    metrics = read_metrics(args.metrics) if args.metrics is not None else None
    report = check(doc, args.year, args.records, terms=terms, metrics=metrics, zones=args.zones)
    if report.unmatched:
        sys.stderr.write(
            f"fazhi: note: {len(report.unmatched)} (unit, activity) pair(s) of {args.year} "
            "match no quota of their unit: "
            + "; ".join(f"{u.unit} {u.activity} {u.quantity:g}" for u in report.unmatched[:10])
            + ("; …" if len(report.unmatched) > 10 else "")
            + "\n"
        )
    if args.json:
        print_json(report.to_rows())
        return 0
    for r in report.rows:
        who = f" {r.person}" if r.person else ""
        amounts = (
            f"{_num(r.actual)}/{_num(r.required)}{r.measure or ''}"
            if r.actual is not None
            else f"?/{_num(r.required)}{r.measure or ''}"
        )
        note = f"  ({r.note})" if r.note else ""
        out(f"{_MARK[r.met]:<4} {r.provision:<8} {r.unit}{who}  {r.activity} {amounts}{note}")
    s = report.summary
    out(
        f"{args.year}: {s['results']} results, {s['met']} met, {s['not_met']} not met, "
        f"{s['not_evaluable']} not evaluable; {s['records']} records, "
        f"{s['outside_year']} outside {args.year}"
    )
    return 0


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"
