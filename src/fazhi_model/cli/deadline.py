"""``fazhi deadline``: the last day of a period (期限届满日), 民法典 第二百零一条 to 第二百零三条.

Examples::

    fazhi deadline --from 2024-09-27 --workdays 5      # prints 2024-10-10 as its last line
    fazhi deadline --from 2024-09-27 --days 15 --explain
    fazhi deadline --from 2027-03-01 --days 10 --estimate
    fazhi deadline --from 2027-03-01 --days 10 --calendar my-2027.yaml

Amounts are whole numbers from 1 to 100,000; dates lie in the calendar's range (covered
years, or 1949–2100 with --estimate): outside them, a one-line error.
"""

from __future__ import annotations

import argparse

from fazhi_model.dates.periods import MAX_AMOUNT, add_period

from ._common import (
    SubParsers,
    add_calendar_options,
    calendar_from,
    iso_date,
    out,
    print_json,
    warn_estimate,
)

__all__ = [
    "register",
]


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if not 1 <= value <= MAX_AMOUNT:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from 1 to {MAX_AMOUNT}, got {value}"
        )
    return value


def register(sub: SubParsers) -> None:
    p = sub.add_parser(
        "deadline",
        help="the last day of a period: N日 / N个工作日 / N个月 / N年 from a date (期限计算)",
        description=(
            "The last day (inclusive) of a period counted from --from: the start day is not "
            "counted (民法典 第二百零一条); month/year periods end on the corresponding day or "
            "the month's last day (第二百零二条); a last day on a rest day moves to the first "
            "working day after it (第二百零三条); N个工作日 ends on the N-th working day after "
            "the start. The last line printed is the date."
        ),
    )
    p.add_argument(
        "--from",
        dest="start",
        type=iso_date,
        required=True,
        metavar="YYYY-MM-DD",
        help="the start day (not counted)",
    )
    amount = p.add_mutually_exclusive_group(required=True)
    amount.add_argument("--days", type=_positive, metavar="N", help="N calendar days (N日)")
    amount.add_argument(
        "--workdays", type=_positive, metavar="N", help="N working days (N个工作日)"
    )
    amount.add_argument("--months", type=_positive, metavar="N", help="N months (N个月)")
    amount.add_argument("--years", type=_positive, metavar="N", help="N years (N年)")
    p.add_argument(
        "--explain", action="store_true", help="print the rule, articles and skipped days first"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    add_calendar_options(p)
    p.set_defaults(func=_deadline)


def _deadline(args: argparse.Namespace) -> int:
    period = add_period(
        args.start,
        days=args.days,
        workdays=args.workdays,
        months=args.months,
        years=args.years,
        calendar=calendar_from(args),
    )
    if period.estimate:
        warn_estimate(period.uncovered)
    if args.json:
        data = period.to_dict()
        if args.explain:
            data["explanation"] = period.explain()
        print_json(data)
        return 0
    if args.explain:
        out(period.explain())
    out(period.due.isoformat())
    return 0
