"""Benchmark of ``fazhi check`` against pandas on a large records file (not part of the tests).

Run::

    PYTHONPATH=src python benchmarks/bench_check.py [--rows 1000000] [--year 2025] [--repeat 3]

It writes a synthetic records CSV (in a temporary folder) over the registry's units (full names
and short forms mixed) and the bundled document's quota activities, two years of dates, and a
person on the rows of per-person activities, then measures:

* whole processes: ``python -m fazhi_model check FILE --year Y --json`` against a pandas
  script (``read_csv`` + filter the year + ``groupby(unit, activity, person).sum()``): wall
  time (best of ``--repeat``) and peak resident memory of each process (``ru_maxrss`` of that
  child, via :func:`os.wait4` in a small wrapper process);
* in one process: :func:`fazhi_model.compliance.check.check` over the file against the same pandas
  code, and checks that both give the same totals per unit and activity.

The figures are printed and written as a Markdown table to ``docs/benchmarks-check.md``.
Goals: ``fazhi check`` within 2x of the pandas process; peak memory under 256 MiB.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import fazhi_model as fm
from fazhi_model.compliance.check import check
from fazhi_model.model.provisions import Per, Period, Quota

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "benchmarks-check.md"

PANDAS_SCRIPT = """
import sys
import pandas as pd

path, year = sys.argv[1], int(sys.argv[2])
df = pd.read_csv(path, dtype={"unit": "string", "activity": "string", "person": "string"})
day = pd.to_datetime(df["date"], format="%Y-%m-%d")
df = df[day.dt.year == year]
sums = df.groupby(["unit", "activity", "person"], dropna=False)["quantity"].sum()
sys.stdout.write(sums.to_json(force_ascii=False) + "\\n")
"""


def generate(path: Path, rows: int, year: int, doc: fm.Document, seed: int = 2025) -> None:
    """A records CSV of ``rows`` rows dated in ``year - 1`` and ``year``."""
    rnd = random.Random(seed)
    registry = doc.registry
    names = [n for u in registry.units for n in (u.name, u.short) if n]
    quotas = [p for _, p in doc.provisions() if isinstance(p, Quota)]
    per_person = {q.activity for q in quotas if q.per is Per.PERSON}
    activities = sorted({q.activity for q in quotas})
    first = dt.date(year - 1, 1, 1).toordinal()
    days = [
        dt.date.fromordinal(o).isoformat()
        for o in range(first, dt.date(year, 12, 31).toordinal() + 1)
    ]
    persons = [f"人员{i:02d}" for i in range(40)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit", "activity", "date", "quantity", "person"])
        for _ in range(rows):
            activity = rnd.choice(activities)
            writer.writerow(
                [
                    rnd.choice(names),
                    activity,
                    rnd.choice(days),
                    rnd.randint(1, 8),
                    rnd.choice(persons) if activity in per_person else "",
                ]
            )


MEASURE = """
import os
import subprocess
import sys
import time

start = time.perf_counter()
with open(os.devnull, "wb") as sink, open(sys.argv[1], "wb") as err:
    proc = subprocess.Popen(sys.argv[2:], stdout=sink, stderr=err)
    _, status, usage = os.wait4(proc.pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""
"""Runs a command from a small process and prints its wall time, peak RSS (KiB) and status.

Measuring from this (large) benchmark process would count its own resident pages in the
child's peak: the child shares them between fork and exec.
"""


def run(argv: Sequence[str]) -> tuple[float, int]:
    """Wall time (s) and peak resident memory (KiB) of one child process."""
    with tempfile.NamedTemporaryFile(suffix=".err") as err:
        out = subprocess.run(
            [sys.executable, "-c", MEASURE, err.name, *argv],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()
        elapsed, peak, status = float(out[0]), int(out[1]), int(out[2])
        if status != 0:
            message = Path(err.name).read_text(encoding="utf-8", errors="replace")
            raise SystemExit(f"{argv[:4]} failed ({status}):\n{message}")
    return elapsed, peak


def best(argv: Sequence[str], repeat: int) -> tuple[float, int]:
    runs = [run(argv) for _ in range(repeat)]
    return min(t for t, _ in runs), max(m for _, m in runs)


def in_process(path: Path, year: int, doc: fm.Document, repeat: int) -> tuple[float, float]:
    """Best times of check() and of the pandas code; asserts that their totals agree."""
    import pandas as pd

    fazhi_times, pandas_times = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        report = check(doc, year, path)
        fazhi_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        df = pd.read_csv(path, dtype={"unit": "string", "activity": "string", "person": "string"})
        day = pd.to_datetime(df["date"], format="%Y-%m-%d")
        df = df[day.dt.year == year]
        sums = df.groupby(["unit", "activity", "person"], dropna=False)["quantity"].sum()
        pandas_times.append(time.perf_counter() - start)
    # The same totals per (unit, activity): pandas groups raw names, fazhi resolved units.
    registry = doc.registry
    expected: dict[tuple[str, str], int] = {}
    for names, total in sums.items():
        unit, activity, _ = cast(tuple[str, str, str], names)
        key = (registry.unit(unit).id, activity)
        expected[key] = expected.get(key, 0) + int(total)
    for r in report.rows:
        if r.kind == "quota" and r.person is None and r.note is None:
            quota = next(p for _, p in doc.provisions() if p.id == r.provision)
            assert isinstance(quota, Quota)
            if quota.per is Per.UNIT and quota.period is Period.YEAR:
                got = expected.get((r.unit_id, r.activity), 0)
                assert r.actual == got, (r, got)
    return min(fazhi_times), min(pandas_times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    import pandas as pd

    doc = fm.load_document("ganzhou-2024")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "records.csv"
        start = time.perf_counter()
        generate(path, args.rows, args.year, doc)
        print(f"generated {args.rows:,} rows in {time.perf_counter() - start:.1f} s")
        script = Path(tmp) / "pandas_sums.py"
        script.write_text(PANDAS_SCRIPT, encoding="utf-8")
        size = path.stat().st_size
        year = str(args.year)
        os.environ.update(env)
        fazhi_time, fazhi_mem = best(
            [sys.executable, "-m", "fazhi_model", "check", str(path), "--year", year, "--json"],
            args.repeat,
        )
        pandas_time, pandas_mem = best([sys.executable, str(script), str(path), year], args.repeat)
        check_time, groupby_time = in_process(path, args.year, doc, args.repeat)

    mib = 1024
    ratio = fazhi_time / pandas_time
    lines = [
        "# Benchmark: `fazhi check` against pandas",
        "",
        "Written by `benchmarks/bench_check.py` (do not edit by hand). Synthetic records: "
        f"{args.rows:,} rows ({size / 2**20:.0f} MiB CSV) over the registry's units (full "
        "names and short forms) and the quota activities of ganzhou-2024, dates in "
        f"{args.year - 1} and {args.year}; checked for {args.year}. Times are the best of "
        f"{args.repeat} runs; memory is the peak resident set of the process (`ru_maxrss`).",
        "",
        "| measure | fazhi | pandas | fazhi / pandas | goal |",
        "|---|---:|---:|---:|---|",
        f"| whole process, wall time | {fazhi_time:.2f} s | {pandas_time:.2f} s | "
        f"{ratio:.2f}× | ≤ 2× {'✓' if ratio <= 2 else '✗'} |",
        f"| whole process, peak memory | {fazhi_mem / mib:.0f} MiB | {pandas_mem / mib:.0f} MiB"
        f" | {fazhi_mem / pandas_mem:.2f}× | fazhi < 256 MiB "
        f"{'✓' if fazhi_mem < 256 * mib else '✗'} |",
        f"| in process: `check()` vs read_csv + groupby | {check_time:.2f} s | "
        f"{groupby_time:.2f} s | {check_time / groupby_time:.2f}× | |",
        "",
        "The two do not do the same work. `fazhi check` streams the CSV (a line without a "
        "quote is split at its commas, a line with one goes through the `csv` module), "
        "validates every row (a real date, a number ≥ 0, a unit that resolves through the "
        "registry, each distinct value checked once), sums per (unit, activity, person) as it "
        "goes, loads and validates the document, and evaluates every quota and target for "
        "every bearer unit. The pandas script only reads, filters the year and sums per raw "
        "(unit, activity, person) names, holding the whole file in memory. The in-process run "
        "asserts that both give the same totals per unit and activity.",
        "",
        "`fazhi check` as a whole process pays for more than checking: the interpreter, the "
        "imports of the check command alone (the command line loads only the module of the "
        "command being run) and the document's YAML.",
        "",
        f"Environment: Python {platform.python_version()}, pandas {pd.__version__}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs.",
        "",
    ]
    text = "\n".join(lines)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
