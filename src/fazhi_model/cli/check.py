"""``fazhi check``: activity records against the quotas and targets (考核达标情况)."""

from __future__ import annotations

import argparse
import contextlib
import csv
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fazhi_model._display import ljust
from fazhi_model.compliance.check import check, verdict_values
from fazhi_model.compliance.records import (
    RECORDS,
    open_records,
    read_metrics,
    read_terms,
)
from fazhi_model.errors import InputError, LoadError, Problem
from fazhi_model.export.results import (
    ResultCounter,
    format_of,
    write_json_stream,
    write_results,
)
from fazhi_model.store.files import atomic_path
from fazhi_model.store.load import load_document
from fazhi_model.store.tables import Problems, Table
from fazhi_model.wording import MET_LABELS, check_summary

from ._common import SubParsers, add_document_option, fail, out, year

__all__ = ["SHOWN_PROBLEMS", "register"]

SHOWN_PROBLEMS = 10
"""Bad rows shown on the screen; ``--errors FILE`` writes them all."""


def register(sub: SubParsers) -> None:
    p = sub.add_parser(
        "check",
        help="check activity records against the quotas and targets (考核)",
        description=(
            "Reads a ledger of activity records (CSV in UTF-8 or GBK, .xlsx, .json, .jsonl; "
            "'-' reads standard input) with the fields unit, activity, date, quantity and "
            "optionally person (English or Chinese headers: 单位, 事项, 日期, 数量/学时, 姓名...) "
            "and reports, per quota and unit (and person), the required and actual amounts for "
            "the year. Exit 0 whether or not the quotas are met; 1 for bad input (a count and "
            "the first bad rows on the screen; --errors FILE writes them all)."
        ),
    )
    p.add_argument("records", help="the ledger: .csv, .xlsx, .json or .jsonl file, or - (stdin)")
    p.add_argument("--year", type=year, required=True)
    p.add_argument("--sheet", metavar="NAME|N", help="the worksheet of an .xlsx (default: first)")
    p.add_argument(
        "--columns",
        type=_columns,
        metavar="FIELD=HEADER,...",
        help="map fields to headers the alias table does not know, e.g. unit=单位名称",
    )
    p.add_argument(
        "--ignore",
        type=lambda text: [h for h in text.split(",") if h.strip()],
        default=[],
        metavar="HEADER,...",
        help="more columns to ignore (序号, 备注 and the like are ignored anyway)",
    )
    p.add_argument(
        "--terms",
        type=Path,
        metavar="FILE",
        help="terms of office (任期): a ledger with holder, start, end",
    )
    p.add_argument(
        "--metrics",
        type=Path,
        metavar="FILE",
        help="observed target values: a ledger with metric, unit, value",
    )
    p.add_argument("--unit", metavar="NAME", help="only the results of this unit or group")
    p.add_argument("--zones", action="store_true", help="count functional zones as counties")
    add_document_option(p)
    p.add_argument("--json", action="store_true", help="a JSON array, one object per result")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the results to FILE: .xlsx (summary sheet first), .csv, .jsonl or .json",
    )
    p.add_argument(
        "--only",
        type=lambda text: [w.strip() for w in text.split(",") if w.strip()],
        metavar="VERDICT",
        help="only results of these verdicts: met, unmet, unknown (comma-separated)",
    )
    p.add_argument(
        "--errors",
        type=Path,
        metavar="FILE",
        help="write every bad row's problems to FILE (CSV), however many",
    )
    p.set_defaults(func=_check)


def _columns(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for part in text.split(","):
        field, sep, header = part.partition("=")
        field, header = field.strip(), header.strip()
        if not sep or not field or not header:
            raise argparse.ArgumentTypeError(
                f"expected FIELD=HEADER pairs separated by commas, got {part!r}"
            )
        if field not in RECORDS.names:
            raise argparse.ArgumentTypeError(
                f"unknown field {field!r} (expected {', '.join(RECORDS.names)})"
            )
        if field in found:
            raise argparse.ArgumentTypeError(f"field {field!r} given twice")
        found[field] = header
    return found


def _check(args: argparse.Namespace) -> int:
    if args.only is not None:
        verdict_values(args.only)  # an unknown word is an error before any work
    if args.output is not None:
        format_of(args.output)
    if args.output is not None and args.json:
        raise InputError("--json 与 -o 只能选一个 (--json and -o: choose one)")
    stdin = args.records == "-"
    inputs: list[str | Path] = [
        p for p in (None if stdin else args.records, args.terms, args.metrics) if p is not None
    ]
    doc = load_document(args.document)
    terms = read_terms(args.terms) if args.terms is not None else None
    metrics = read_metrics(args.metrics) if args.metrics is not None else None
    with contextlib.ExitStack() as stack:
        sink = _errors_file(stack, args.errors, inputs) if args.errors is not None else None
        problems = Problems(None, sink=sink)
        try:
            table = open_records(
                sys.stdin.buffer if stdin else args.records,
                sheet=args.sheet,
                columns=args.columns,
                ignore=args.ignore,
                problems=problems,
            )
            _notes(table)
            report = check(
                doc,
                args.year,
                table,
                terms=terms,
                metrics=metrics,
                zones=args.zones,
                unit=args.unit,
            )
        except LoadError as exc:
            if not problems and sink is not None:
                for problem in exc.problems:
                    sink(problem)
            return _bad_input(exc, problems, args.errors)
    if report.unmatched:
        sys.stderr.write(
            f"fazhi: note: {len(report.unmatched)} (unit, activity) pair(s) of {args.year} "
            "match no quota of their unit: "
            + "; ".join(f"{u.unit} {u.activity} {_num(u.quantity)}" for u in report.unmatched[:10])
            + ("; …" if len(report.unmatched) > 10 else "")
            + "\n"
        )
    if args.output is not None:
        s = write_results(report, args.output, only=args.only, inputs=inputs)
        out(f"已写入 {args.output}: {s['written']} 项结果; {check_summary(args.year, s)}")
        return 0
    counter = ResultCounter(report, args.only)
    if args.json:
        write_json_stream(counter, sys.stdout)
        return 0
    write = sys.stdout.write
    for r in counter:
        who = f" {r.person}" if r.person else ""
        unit = r.measure or ""
        amounts = (
            f"{_num(r.actual)}/{_num(r.required)}{unit}"
            if r.actual is not None
            else f"?/{_num(r.required)}{unit}"
        )
        note = f"  ({r.note})" if r.note else ""
        write(
            f"{ljust(MET_LABELS[r.met], 8)} {r.provision:<8} {r.unit}{who}  {r.activity} "
            f"{amounts}{note}\n"
        )
    out(check_summary(args.year, counter.summary()))
    return 0


def _errors_file(
    stack: contextlib.ExitStack, path: Path, inputs: list[str | Path]
) -> Callable[[Problem], None]:
    """A sink writing each problem as a CSV row of ``path`` (atomic: renamed at the end)."""
    temp = stack.enter_context(atomic_path(path, inputs=inputs))
    handle = stack.enter_context(temp.open("w", encoding="utf-8", newline=""))
    handle.write("\ufeff")
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(["文件 file", "行 line", "位置 where", "问题 problem"])

    def sink(problem: Problem) -> None:
        writer.writerow(
            [
                problem.file or "",
                "" if problem.line is None else problem.line,
                problem.path,
                problem.message,
            ]
        )

    return sink


def _bad_input(exc: LoadError, problems: Problems, errors: Path | None) -> int:
    """The first problems, then a one-line summary; exit status 1."""
    if not problems:  # the file or its header, not its rows
        return fail(str(exc))
    shown = exc.problems[:SHOWN_PROBLEMS]
    total = max(problems.count, len(exc.problems) + exc.omitted)
    for p in shown:
        sys.stderr.write(f"  {p}\n")
    file = next((p.file for p in exc.problems if p.file), None)
    head = f"{file}: " if file else ""
    rows = f" in {problems.rows} rows" if problems.rows > 1 else ""
    saved = f"; 全部写入 {errors} (all written there)" if errors is not None else ""
    if total <= len(shown):
        return fail(
            f"{head}{total} 个问题, 未作统计 ({total} problem(s){rows} above{saved}; "
            "nothing counted)"
        )
    rest = saved or "; --errors FILE writes them all"
    return fail(
        f"{head}{total} 个问题, 仅列前 {len(shown)} 个, 未作统计 ({total} problems{rows}; "
        f"the first {len(shown)} above{rest}; nothing counted)"
    )


def _notes(table: Table) -> None:
    """Say how the ledger was read where it was not the plain English CSV."""
    said: list[str] = []
    if table.encoding not in (None, "utf-8", "utf-8-sig"):
        said.append(f"read as {table.encoding.upper()}")
    if table.delimiter not in (None, ","):
        said.append(f"separated by {_SEPARATORS[table.delimiter]}")
    if table.sheet is not None:
        said.append(f"sheet {table.sheet!r}")
    renamed = {f: h for f, h in table.header.items() if h != f}
    if renamed:
        said.append("columns " + ", ".join(f"{h}→{f}" for f, h in renamed.items()))
    if table.skipped:
        said.append(f"rows {table.skipped[0]}–{table.skipped[-1]} above the header skipped")
    if table.ignored:
        said.append("columns ignored: " + ", ".join(table.ignored))
    if said:
        sys.stderr.write(f"fazhi: note: {table.file or 'records'}: {'; '.join(said)}\n")


_SEPARATORS: dict[str | None, str] = {"\t": "tabs", ";": "semicolons", ",": "commas"}


def _num(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return str(value)
    return f"{value:.15g}"
