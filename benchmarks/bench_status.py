"""Benchmark of ``fazhi status`` at the size of a province (not part of the tests).

Run::

    PYTHONPATH=src python benchmarks/bench_status.py [--events 20000] [--progress 1000000]
        [--records 1000000]

It writes, in a temporary folder, an events file (``--events`` 规范性文件 published in 2025 by
the units that bear the filing deadline, each with its own 文号: one item each), a progress
ledger of ``--progress`` rows over all the items of 2025 (each item's entries on distinct
days, 未启动 → 推进中 → 已完成, some dated after the review day) and an activity-records file
of ``--records`` rows with one person per 50 rows (the generator of ``bench_check.py``), then
measures whole processes (``python -m fazhi_model status --today 2025-07-25 …``): wall time
and peak resident memory
(``ru_maxrss``, from a small wrapper process), once each (the machine is shared).

The figures are printed as a Markdown table, for ``docs/status.md``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import platform
import random
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench_check import run
from bench_check import write_csv as write_records

import fazhi_model as fm
from fazhi_model.compliance.items import Event, items

TODAY = dt.date(2025, 7, 25)
YEAR = 2025
STATUSES = ("未启动", "推进中", "已完成")


def events_file(path: Path, count: int, doc: fm.Document, seed: int = 13) -> list[Event]:
    """``count`` publication events over the units bearing t08.p02, dated 2025-01-02…07-20."""
    rnd = random.Random(seed)
    probe = [
        Event(kind="normative-document-published", unit=u.id, date=dt.date(2025, 3, 3))
        for u in doc.registry.units
    ]
    bearers = []
    for event in probe:
        try:
            probed = items(doc, YEAR, events=[event])
        except fm.FazhiError:
            continue
        if any(i.kind == "deadline" for i in probed):
            bearers.append(event.unit)
    names = {u.id: u.name for u in doc.registry.units}
    found: list[Event] = []
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["事件类型", "单位", "日期", "文号"])
        for n in range(count):
            unit = names[rnd.choice(bearers)]
            day = dt.date(2025, 1, 2) + dt.timedelta(days=rnd.randrange(200))
            reference = f"测试规〔2025〕{n + 1}号"
            out.writerow(["行政规范性文件公布", unit, day.isoformat(), reference])
            found.append(Event(kind="行政规范性文件公布", unit=unit, date=day, reference=reference))
    return found


def progress_file(path: Path, rows: int, ids: Sequence[str], seed: int = 14) -> None:
    """``rows`` ledger entries over ``ids``: each item's entries on distinct days, in order."""
    rnd = random.Random(seed)
    per_item, extra = divmod(rows, len(ids))
    start = dt.date(2025, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["事项编号", "状态", "日期", "备注"])
        for n, item in enumerate(ids):
            count = per_item + (n < extra)
            days = sorted(rnd.sample(range(240), min(count, 240)))
            for k, offset in enumerate(days):
                status = STATUSES[min(2, 3 * k // max(len(days), 1))]
                day = start + dt.timedelta(days=offset)
                out.writerow([item, status, day.isoformat(), "进展说明"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--progress", type=int, default=1_000_000)
    parser.add_argument("--records", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    doc = fm.load_document("ganzhou-2024")
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-status-") as tmp:
        folder = Path(tmp)
        events_path, progress_path = folder / "events.csv", folder / "progress.csv"
        records_path = folder / "records.csv"
        events = events_file(events_path, args.events, doc)
        found = items(doc, YEAR, events=[e for e in events if e.date <= TODAY])
        ids = [i.id for i in found]
        progress_file(progress_path, args.progress, ids)
        write_records(records_path, doc, args.records, args.records // 50)
        base = [
            sys.executable,
            "-m",
            "fazhi_model",
            "status",
            "--today",
            TODAY.isoformat(),
            "--events",
            str(events_path),
            "--progress",
            str(progress_path),
        ]
        runs = [
            ("text, events + progress", [*base]),
            ("--json, events + progress", [*base, "--json"]),
            ("-o status.xlsx", [*base, "-o", str(folder / "status.xlsx")]),
            ("-o status.html", [*base, "-o", str(folder / "status.html")]),
            ("-o 通报.md", [*base, "-o", str(folder / "通报.md")]),
            (
                "--json, + records",
                [*base, "--records", str(records_path), "--json"],
            ),
        ]
        deadlines = sum(1 for i in found if i.kind == "deadline")
        lines = [
            f"Items: {len(found):,} (of which {deadlines:,} "
            f"filing deadlines from {args.events:,} events); progress ledger {args.progress:,} "
            f"rows ({progress_path.stat().st_size / 2**20:.0f} MiB); records {args.records:,} rows "
            f"({records_path.stat().st_size / 2**20:.0f} MiB). Python {platform.python_version()}, "
            f"{platform.machine()}; one run each, whole process.",
            "",
            "| run | wall time (s) | peak memory (MiB) |",
            "|---|---:|---:|",
        ]
        for name, argv_ in runs:
            elapsed, peak = run(argv_)
            lines.append(f"| {name} | {elapsed:.1f} | {peak / 1024:.0f} |")
            print(lines[-1], flush=True)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
