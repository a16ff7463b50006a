"""How far an estimate is from the official answer (估算误差).

Run ``python benchmarks/bench_estimate.py`` (needs the ``lunar`` extra). For every start day of
2024–2026 whose official answer is known, the official ``add_workdays(d, 5)`` of the bundled
calendar is compared with the estimate of a calendar that has **no** notice at all (every
year estimated by rule: weekends and the statutory holidays of 全国年节及纪念日放假办法
第二条, no swapped days, no bridge days). It prints the share of start days on which the two
differ and by how many calendar days at most, for the rule estimate and, for comparison,
for the former weekends-only estimate. The figures are quoted in ``docs/calendar.md``; the
test suite recomputes them (``tests/test_calendar.py``) and checks the page.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from fazhi_model.dates.china import china_calendar
from fazhi_model.dates.estimating import EstimatingCalendar
from fazhi_model.dates.workdays import Calendar
from fazhi_model.errors import CalendarCoverageError

__all__ = ["EstimateError", "estimate_error", "main"]

N = 5
FIRST = dt.date(2024, 1, 1)
LAST = dt.date(2026, 12, 31)

EstimateError = tuple[int, int, int, Counter[int]]
"""(start days compared, days whose estimate differs, largest difference in days, histogram
of the differences in calendar days: estimate minus official)."""


def _weekends_only(d: dt.date, n: int) -> dt.date:
    left = n
    while left:
        d += dt.timedelta(days=1)
        left -= d.weekday() < 5
    return d


def estimate_error(n: int = N, *, weekends_only: bool = False) -> EstimateError:
    """Compare the official ``add_workdays(d, n)`` with the estimate for 2024–2026 starts."""
    official = china_calendar()
    blind = EstimatingCalendar(Calendar(()))
    compared = 0
    diffs: Counter[int] = Counter()
    d = FIRST
    while d <= LAST:
        try:
            truth = official.add_workdays(d, n)
        except CalendarCoverageError:  # the answer lies in 2027: no official answer
            d += dt.timedelta(days=1)
            continue
        guess = _weekends_only(d, n) if weekends_only else blind.add_workdays(d, n).value
        compared += 1
        diffs[(guess - truth).days] += 1
        d += dt.timedelta(days=1)
    wrong = sum(c for k, c in diffs.items() if k != 0)
    largest = max((abs(k) for k in diffs if k != 0), default=0)
    return compared, wrong, largest, diffs


def main() -> int:
    for label, only in (("rule (weekends + statutory holidays)", False), ("weekends only", True)):
        compared, wrong, largest, diffs = estimate_error(weekends_only=only)
        print(
            f"{label}: {wrong}/{compared} start days differ ({wrong / compared:.1%}); "
            f"at most {largest} calendar days; differences {sorted(diffs.items())}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
