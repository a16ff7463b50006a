"""Benchmark of ``fazhi check`` against pandas on large ledgers (not part of the tests).

Run (the full run takes several minutes; run it once, on a quiet machine if there is one)::

    PYTHONPATH=src python benchmarks/bench_check.py
    PYTHONPATH=src python benchmarks/bench_check.py --sizes 1000000:20000 --xlsx-rows 0

For each size ``ROWS:PERSONS`` it writes a synthetic records CSV (in a temporary folder) over the
registry's units (full names and short forms mixed) and the bundled document's quota activities,
two years of dates (2024 and 2025), each person belonging to one unit and named on the rows of
per-person activities; and a workbook (``.xlsx``) of ``--xlsx-rows`` rows of the same kind
(workbooks are slow to write and to read for every tool: it may be smaller). Then it measures,
as whole processes, each alone:

* ``fazhi check FILE --year 2025`` with text output (to ``/dev/null``), ``--json`` and
  ``-o results.jsonl``;
* a pandas script computing the same sums from the same file: ``read_csv`` (or ``read_excel``)
  + filter the year + ``groupby(unit, activity, person).sum()`` and ``groupby(unit, activity)``
  written as JSON.

Wall time (best of ``--repeat``) and peak resident memory of each process (``ru_maxrss`` of the
child, via :func:`os.wait4` in a small wrapper process). For the first size it also checks, in
this process, that :func:`fazhi_model.compliance.records.totals` and pandas give the same sums
per (unit, activity, person). The table goes to ``docs/benchmarks-check.md``. Goals: ``fazhi
check`` within 2x of the pandas process, and under 256 MiB for CSV at every size.
"""

from __future__ import annotations

import argparse
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
from typing import Any, cast

import fazhi_model as fm
from fazhi_model.compliance.records import totals
from fazhi_model.model.provisions import Per, Quota

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "benchmarks-check.md"
YEAR = 2025

PANDAS_SCRIPT = """
import sys
import pandas as pd

path, year = sys.argv[1], int(sys.argv[2])
types = {"unit": "string", "activity": "string", "person": "string"}
types_order = ["unit", "activity", "date", "quantity", "person"]
if path.endswith(".xlsx"):
    chinese = dict(zip(["单位", "事项", "日期", "学时", "姓名"], types_order))
    df = pd.read_excel(path, engine="openpyxl").rename(columns=chinese)
    df = df.astype(types)
    day = pd.to_datetime(df["date"])
else:
    df = pd.read_csv(path, dtype=types)
    day = pd.to_datetime(df["date"], format="%Y-%m-%d")
df = df[day.dt.year == year]
per_person = df.groupby(["unit", "activity", "person"], dropna=False)["quantity"].sum()
per_unit = df.groupby(["unit", "activity"])["quantity"].sum()
sys.stdout.write(per_person.to_json(force_ascii=False) + "\\n")
sys.stdout.write(per_unit.to_json(force_ascii=False) + "\\n")
"""

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


def plan(doc: fm.Document) -> tuple[list[str], list[str], set[str], list[list[str]]]:
    """Unit names, activities, per-person activities, and the names of each unit."""
    units = list(doc.registry.units)
    quotas = [p for _, p in doc.provisions() if isinstance(p, Quota)]
    per_person = {q.activity for q in quotas if q.per is Per.PERSON}
    activities = sorted({q.activity for q in quotas})
    names = [[n for n in (u.name, u.short) if n] for u in units]
    return [n for ns in names for n in ns], activities, per_person, names


def rows_of(
    doc: fm.Document, rows: int, persons: int, seed: int = YEAR
) -> Any:  # an iterator of (unit, activity, date, quantity, person)
    rnd = random.Random(seed)
    all_names, activities, per_person, names = plan(doc)
    first = dt.date(YEAR - 1, 1, 1).toordinal()
    days = [dt.date.fromordinal(o) for o in range(first, dt.date(YEAR, 12, 31).toordinal() + 1)]
    people = [(f"人员{i:06d}", rnd.choice(names)) for i in range(persons)]
    for _ in range(rows):
        activity = rnd.choice(activities)
        if activity in per_person:
            person, unit_names = rnd.choice(people)
            unit = rnd.choice(unit_names)
        else:
            person, unit = "", rnd.choice(all_names)
        yield unit, activity, rnd.choice(days), rnd.randint(1, 8), person


def write_csv(path: Path, doc: fm.Document, rows: int, persons: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("unit,activity,date,quantity,person\n")
        batch: list[str] = []
        for unit, activity, day, quantity, person in rows_of(doc, rows, persons):
            batch.append(f"{unit},{activity},{day.isoformat()},{quantity},{person}\n")
            if len(batch) == 100_000:
                handle.write("".join(batch))
                batch.clear()
        handle.write("".join(batch))


def write_xlsx(path: Path, doc: fm.Document, rows: int, persons: int) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("台账")
    ws.append(["单位", "事项", "日期", "学时", "姓名"])
    for unit, activity, day, quantity, person in rows_of(doc, rows, persons):
        ws.append([unit, activity, day, quantity, person or None])
    book.save(path)


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
            raise SystemExit(f"{argv[:6]} failed ({status}):\n{message[-3000:]}")
    return elapsed, peak


def same_sums(path: Path, doc: fm.Document) -> int:
    """Asserts that fazhi's and pandas' in-year sums per (unit, activity, person) agree."""
    import pandas as pd

    tally = totals(path, doc.registry, YEAR)
    df = pd.read_csv(path, dtype={"unit": "string", "activity": "string", "person": "string"})
    df = df[pd.to_datetime(df["date"], format="%Y-%m-%d").dt.year == YEAR]
    sums = df.groupby(["unit", "activity", "person"], dropna=False)["quantity"].sum()
    registry = doc.registry
    expected: dict[tuple[str, str, str | None], int] = {}
    for names, total in sums.items():
        unit, activity, person = cast(tuple[str, str, Any], names)
        key = (registry.unit(unit).id, activity, person if isinstance(person, str) else None)
        expected[key] = expected.get(key, 0) + int(total)
    got = {k: v for k, v in tally.sums.items() if v}
    assert got == expected, "fazhi and pandas sums differ"
    return len(got)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000000:20000,5000000:100000")
    parser.add_argument(
        "--xlsx-rows",
        type=int,
        default=-1,
        help="rows of the workbook per size (default: a tenth of the CSV; 0: no workbook)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="rounds for smaller inputs")
    parser.add_argument(
        "--large",
        type=int,
        default=1_000_000,
        help="inputs of more rows than this are measured in one round only",
    )
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    import pandas as pd

    doc = fm.load_document("ganzhou-2024")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    os.environ.update(env)
    sizes = [tuple(int(x) for x in s.split(":")) for s in args.sizes.split(",")]
    table: list[str] = []
    notes: list[str] = []
    ok = True
    fazhi = [sys.executable, "-m", "fazhi_model", "check"]
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "pandas_sums.py"
        script.write_text(PANDAS_SCRIPT, encoding="utf-8")
        for index, (rows, persons) in enumerate(sizes):
            inputs: list[tuple[str, Path, int, int]] = []
            path = Path(tmp) / f"records-{rows}.csv"
            start = time.perf_counter()
            write_csv(path, doc, rows, persons)
            print(f"wrote {rows:,} rows in {time.perf_counter() - start:.0f} s", flush=True)
            inputs.append(("CSV", path, rows, persons))
            if index == 0:
                keys = same_sums(path, doc)
                notes.append(
                    f"Checked in process for {rows:,} rows: fazhi's and pandas' in-year sums "
                    f"agree on all {keys:,} (unit, activity, person) keys."
                )
            xrows = rows // 10 if args.xlsx_rows < 0 else args.xlsx_rows
            if xrows:
                xpath = Path(tmp) / f"records-{xrows}.xlsx"
                start = time.perf_counter()
                write_xlsx(xpath, doc, xrows, max(1, persons * xrows // rows))
                print(f"wrote {xrows:,} workbook rows in {time.perf_counter() - start:.0f} s")
                inputs.append(("XLSX", xpath, xrows, max(1, persons * xrows // rows)))
            for kind, source, n, people in inputs:
                base = [*fazhi, str(source), "--year", str(YEAR)]
                commands = {
                    "pandas": [sys.executable, str(script), str(source), str(YEAR)],
                    "text": base,
                    "--json": [*base, "--json"],
                    "-o .jsonl": [*base, "-o", str(Path(tmp) / "r.jsonl")],
                }
                # Interleaved rounds: each round runs pandas and every fazhi output once, so
                # that a burst of load from other jobs falls on both sides alike.
                repeat = args.repeat if n <= args.large else 1
                found: dict[str, list[tuple[float, int]]] = {k: [] for k in commands}
                for _ in range(repeat):
                    for label, command in commands.items():
                        found[label].append(run(command))
                pandas_time = min(t for t, _ in found["pandas"])
                pandas_mem = max(m for _, m in found["pandas"])
                for label in list(commands)[1:]:
                    t = min(x for x, _ in found[label])
                    m = max(y for _, y in found[label])
                    ratio = t / pandas_time
                    fast = ratio <= 2
                    ok = ok and fast and (m < 256 * 1024 or kind != "CSV")
                    mark = ("✓" if fast else "✗") + (
                        (" ✓" if m < 256 * 1024 else " ✗") if kind == "CSV" else ""
                    )
                    size = source.stat().st_size / 2**20
                    line = (
                        f"| {n:,} | {people:,} | {kind} ({size:.1f} MiB) | {label} | "
                        f"{t:.1f} s | {pandas_time:.1f} s | {ratio:.2f}× | {m / 1024:.0f} MiB | "
                        f"{pandas_mem / 1024:.0f} MiB | {mark} | {repeat} |"
                    )
                    print(line, flush=True)
                    table.append(line)
                source.unlink()

    load = os.getloadavg()
    lines = [
        "# Benchmark: `fazhi check` against pandas",
        "",
        "Written by `benchmarks/bench_check.py` (do not edit by hand; run it again to update). "
        "Synthetic records over the registry's units (full names and short forms mixed) and "
        "the quota activities of ganzhou-2024, dates in 2024 and 2025, checked for 2025; each "
        "person belongs to one unit and is named on the rows of per-person activities. Each "
        "figure is one whole process: wall time (the best of the rounds: pandas and each "
        "fazhi output run once per round, interleaved; inputs of more than "
        f"{args.large:,} rows in one round only) and peak resident memory (`ru_maxrss`). "
        "pandas computes the same sums from the same file: `read_csv` (or "
        "`read_excel`), filter the year, `groupby(unit, activity, person)` and "
        "`groupby(unit, activity)` sums written as JSON. Goals: fazhi within 2× of pandas "
        "(first mark), and under 256 MiB for CSV (second mark).",
        "",
        "| rows | persons | input | fazhi output | fazhi | pandas | fazhi / pandas | "
        "fazhi memory | pandas memory | goals | rounds |",
        "|---:|---:|---|---|---:|---:|---:|---:|---:|---|---:|",
        *table,
        "",
        *notes,
        "",
        "The two do not do the same work. `fazhi check` streams the ledger (CSV in blocks, a "
        "workbook row by row), validates every row (a real date, a number ≥ 0 within bounds, "
        "a unit that resolves through the registry, each distinct text checked once), sums "
        "per (unit, activity, person) as it goes, loads and validates the document, evaluates "
        "every quota and target for every bearer unit and person, and writes each result as "
        "it is produced: its memory grows with the number of (unit, activity, person) sums, "
        "not with the rows nor with the results. pandas holds the whole file in memory, checks "
        "nothing and sums raw names. Workbooks are slow to read for both (openpyxl parses the "
        "XML in Python), hence their smaller size.",
        "",
        f"Environment: Python {platform.python_version()}, pandas {pd.__version__}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs shared with other "
        f"jobs while measuring (load average {load[0]:.1f} at the end): times are noisy, and "
        "both sides were slowed alike.",
        "",
    ]
    text = "\n".join(lines)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
