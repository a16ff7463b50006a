"""Benchmark of the working calendar (工作日历性能测试).

Run ``python benchmarks/bench_calendar.py`` (needs the ``bench`` extra: numpy, holidays,
chinesecalendar). It prints a Markdown table and writes ``docs/benchmarks-calendar.md``.

Compared, in one process, with :mod:`timeit` (many repetitions, median):

* per call: ``Calendar.is_workday`` and ``Calendar.add_workdays(d, 5)`` against
  ``holidays.China`` (``is_working_day``, ``get_nth_working_day``) and ``chinese_calendar``
  (``is_workday``, ``find_workday``), over every day of 2024-01-01 .. 2026-11-30;
* batch: 1,000,000 ``add_workdays`` offsets against ``numpy.busday_offset`` with the all-days
  weekmask ``1111111`` and every rest day listed as a holiday (the only numpy set-up that can
  express swapped working weekend days).

Every compared answer is checked for agreement before anything is timed.
"""

from __future__ import annotations

import datetime as dt
import platform
import random
import statistics
import sys
import timeit
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path

import chinese_calendar
import holidays
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
try:
    from fazhi_model.dates.china import china_calendar
    from fazhi_model.dates.estimating import EstimatingCalendar
    from fazhi_model.dates.workdays import Calendar
except ImportError:  # pragma: no cover - running from a source checkout without install
    sys.path.insert(0, str(ROOT / "src"))
    from fazhi_model.dates.china import china_calendar
    from fazhi_model.dates.estimating import EstimatingCalendar
    from fazhi_model.dates.workdays import Calendar

FIRST = dt.date(2024, 1, 1)
LAST = dt.date(2026, 11, 30)  # + 20 working days stays inside 2026
BATCH = 1_000_000
N = 5


def per_call_ns(fn: Callable[[], object], calls: int, *, repeat: int = 7, number: int = 1) -> float:
    """Median over ``repeat`` runs of the time per call, in nanoseconds."""
    runs = timeit.repeat(fn, repeat=repeat, number=number)
    return statistics.median(runs) / (calls * number) * 1e9


def median_s(fn: Callable[[], object], *, repeat: int = 5) -> float:
    return statistics.median(timeit.repeat(fn, repeat=repeat, number=1))


def check_agreement(
    cal: Calendar, h: holidays.HolidayBase, days: Sequence[dt.date]
) -> tuple[int, int]:
    """Assert that the three libraries agree; returns (days checked, offsets checked)."""
    for d in days:
        ours = cal.is_workday(d)
        assert ours == h.is_working_day(d) == chinese_calendar.is_workday(d), d
        target = cal.add_workdays(d, N)
        assert target == h.get_nth_working_day(d, N), d
        # chinese_calendar.find_workday first rolls a rest day forward to a working day and
        # counts from there; ours (and holidays') never count the start day.
        assert target == chinese_calendar.find_workday(N if ours else N - 1, d), d
    return len(days), len(days)


def main() -> int:
    cal = china_calendar()
    h = holidays.country_holidays("CN", years=[2024, 2025, 2026])  # holidays.China
    days = [dt.date.fromordinal(o) for o in range(FIRST.toordinal(), LAST.toordinal() + 1)]
    checked_days, checked_offsets = check_agreement(cal, h, days)

    is_wd = cal.is_workday
    add_wd = cal.add_workdays
    h_is = h.is_working_day
    h_nth = h.get_nth_working_day
    cc_is = chinese_calendar.is_workday
    cc_find = chinese_calendar.find_workday
    few = days[:: max(1, len(days) // 100)]  # chinese_calendar.find_workday is slow

    def loop_ours_is() -> None:
        for d in days:
            is_wd(d)

    def loop_h_is() -> None:
        for d in days:
            h_is(d)

    def loop_cc_is() -> None:
        for d in days:
            cc_is(d)

    def loop_ours_add() -> None:
        for d in days:
            add_wd(d, N)

    def loop_h_add() -> None:
        for d in days:
            h_nth(d, N)

    def loop_cc_add() -> None:
        for d in few:
            cc_find(N, d)

    def batch_ours_is() -> None:
        cal.is_workday_many(days)

    def batch_ours_add() -> None:
        cal.add_workdays_many(days, N)

    def loop_empty() -> None:
        for _ in days:
            pass

    t = {
        "loop": per_call_ns(loop_empty, len(days), repeat=15, number=5),
        "ours_is": per_call_ns(loop_ours_is, len(days), repeat=15, number=5),
        "ours_is_many": per_call_ns(batch_ours_is, len(days), repeat=15, number=5),
        "ours_add_many": per_call_ns(batch_ours_add, len(days), repeat=15, number=5),
        "h_is": per_call_ns(loop_h_is, len(days), repeat=7),
        "cc_is": per_call_ns(loop_cc_is, len(days), repeat=5),
        "ours_add": per_call_ns(loop_ours_add, len(days), repeat=15, number=5),
        "h_add": per_call_ns(loop_h_add, len(days), repeat=5),
        "cc_add": per_call_ns(loop_cc_add, len(few), repeat=3),
    }

    # ---- batch: one million offsets
    rng = random.Random(20241029)
    lo, hi = FIRST.toordinal(), LAST.toordinal()
    batch_days = [dt.date.fromordinal(rng.randint(lo, hi)) for _ in range(BATCH)]
    batch_ns = [rng.randint(1, 20) for _ in range(BATCH)]
    rest = [
        dt.date.fromordinal(o)
        for o in range(dt.date(2023, 12, 1).toordinal(), dt.date(2027, 1, 1).toordinal())
        if not EstimatingCalendar(cal).is_workday(dt.date.fromordinal(o)).value
    ]
    busdaycal = np.busdaycalendar(weekmask="1111111", holidays=np.array(rest, "datetime64[D]"))
    arr = np.array(batch_days, dtype="datetime64[D]")
    offs = np.array(batch_ns, dtype=np.int64)

    def ours_batch() -> list[dt.date]:
        return cal.add_workdays_many(batch_days, batch_ns)

    def numpy_batch() -> np.ndarray:
        # roll="backward" + positive offsets = the n-th valid day strictly after each date
        return np.busday_offset(arr, offs, roll="backward", busdaycal=busdaycal)

    ours_out = ours_batch()
    np_out = numpy_batch()
    assert ours_out == np_out.tolist(), "batch answers differ from numpy.busday_offset"
    spot = rng.sample(range(BATCH), 2000)
    assert all(ours_out[i] == h.get_nth_working_day(batch_days[i], batch_ns[i]) for i in spot)
    t_ours_batch = median_s(ours_batch)
    t_np_batch = median_s(numpy_batch)

    # ---- report
    def ratio(theirs: float, ours: float) -> str:
        return f"{theirs / ours:,.0f}×"

    rows = [
        ("`is_workday(d)`", t["ours_is"], t["h_is"], t["cc_is"]),
        (f"`add_workdays(d, {N})`", t["ours_add"], t["h_add"], t["cc_add"]),
        ("`is_workday_many(days)`, per date", t["ours_is_many"], t["h_is"], t["cc_is"]),
        (
            f"`add_workdays_many(days, {N})`, per date",
            t["ours_add_many"],
            t["h_add"],
            t["cc_add"],
        ),
    ]
    lines = [
        "# Calendar benchmark (工作日历性能)",
        "",
        "Generated by `python benchmarks/bench_calendar.py`; do not edit by hand.",
        "",
        f"- Python {platform.python_version()} on {platform.system()} {platform.machine()}; "
        f"holidays {version('holidays')}, chinesecalendar {version('chinesecalendar')}, "
        f"numpy {np.__version__}.",
        f"- Per call: every day from {FIRST} to {LAST} ({len(days)} days), median of "
        "repeated `timeit` runs in one process; times include the Python `for` loop "
        f"(an empty loop costs {t['loop']:.0f} ns per item).",
        f"- Agreement checked first: `is_workday` on {checked_days} days against both "
        f"libraries; `add_workdays(d, {N})` on {checked_offsets} days against "
        "`holidays.China.get_nth_working_day(d, 5)` and `chinese_calendar.find_workday` "
        "(which counts from the first working day on or after `d`, so it is called with "
        "4 when `d` is a rest day).",
        "- The batch rows time one call over all the days, divided by the number of days; "
        "the two libraries have no batch form, so they are compared with their per-call time.",
        "",
        "## Per call",
        "",
        "| operation | fazhi_model | holidays.China | chinese_calendar "
        "| speed-up vs holidays | speed-up vs chinese_calendar |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, ours, hol, cc in rows:
        lines.append(
            f"| {name} | {ours:,.0f} ns | {hol:,.0f} ns | {cc:,.0f} ns "
            f"| {ratio(hol, ours)} | {ratio(cc, ours)} |"
        )
    lines += [
        "",
        "## Batch of 1,000,000 offsets",
        "",
        "Random dates in the covered span, offsets 1..20 working days. numpy gets its native "
        "input (`datetime64[D]` arrays, conversion not timed) and a prebuilt `busdaycalendar` "
        "(weekmask `1111111`, every rest day of Dec 2023 – 2026 as a holiday, "
        f"{len(rest)} days); fazhi_model takes and returns Python lists of `datetime.date` "
        "(pure Python, no numpy). Both answers were checked equal, element by element.",
        "",
        "| implementation | time | relative to numpy |",
        "|---|---:|---:|",
        f"| `Calendar.add_workdays_many` (pure Python) | {t_ours_batch * 1000:,.0f} ms "
        f"| {t_ours_batch / t_np_batch:.2f}× |",
        f"| `numpy.busday_offset` | {t_np_batch * 1000:,.0f} ms | 1.00× |",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    out = ROOT / "docs" / "benchmarks-calendar.md"
    out.write_text(text, encoding="utf-8")
    print(f"(written to {out.relative_to(ROOT)})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
