"""Check results as files (考核结果导出): XLSX, CSV, JSON Lines, JSON.

:func:`write_results` writes the results of a :class:`~fazhi_model.compliance.check.Report`
as they are produced, one at a time (a report never holds them all), to a file whose format
follows its suffix:

* ``.xlsx``: a summary sheet first (汇总: one row per unit with its counts of 达标, 未达标 and
  无法判断 and an overall verdict), then one sheet per basis of counting (单位指标, 每人指标,
  任期指标, 目标), each with a frozen, filterable header and the verdict column coloured
  (green 达标, red 未达标, amber 无法判断). Written in openpyxl's write-only mode (streamed).
* ``.csv``: UTF-8 with a BOM (so that Excel and WPS read the Chinese), Chinese headers.
* ``.jsonl``: JSON Lines, one result per line, English keys (as ``fazhi check --json``).
* ``.json``: one JSON array of the same objects, streamed.

Every file is written atomically (:func:`~fazhi_model.store.files.atomic_path`); text cells of
CSV and XLSX go through :func:`~fazhi_model.export._safe.cell` (no live formulas). ``only``
keeps the results of some verdicts (``["unmet"]``: only 未达标).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from fazhi_model.compliance.check import Report, Result, Verdict, summary_counts, verdict_values
from fazhi_model.errors import InputError, WriteError, require
from fazhi_model.export._safe import cell
from fazhi_model.store.files import atomic_path
from fazhi_model.wording import (
    CHECK_SHEETS,
    CHECK_SUMMARY_HEADER,
    KIND_LABELS,
    MET_LABELS,
    RESULT_HEADER,
)

__all__ = [
    "FORMATS",
    "ResultCounter",
    "format_of",
    "write_json_stream",
    "write_jsonl_stream",
    "write_results",
]

FORMATS: dict[str, str] = {
    ".xlsx": "xlsx",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}
"""Output suffixes and their formats."""

_SHEET_COLUMNS = (
    "provision",
    "task",
    "unit",
    "person",
    "activity",
    "measure",
    "required",
    "maximum",
    "actual",
    "shortfall",
    "met",
    "term_start",
    "term_end",
    "note",
)
"""The columns of a results sheet or CSV file, in order (labels: ``RESULT_HEADER``)."""

_CSV_COLUMNS = ("provision", "kind", "basis", "task", *_SHEET_COLUMNS[2:], "unit_id")

_FILLS = {True: "C6EFCE", False: "FFC7CE", None: "FFEB9C"}
"""Verdict colours (Excel's good, bad and neutral styles): met, not met, cannot be judged."""

_WIDTHS = {
    "provision": 10,
    "task": 6,
    "unit": 28,
    "person": 12,
    "activity": 22,
    "measure": 6,
    "required": 8,
    "maximum": 8,
    "actual": 8,
    "shortfall": 8,
    "met": 10,
    "term_start": 12,
    "term_end": 12,
    "note": 50,
}


def format_of(path: str | Path) -> str:
    """The format of an output file, from its suffix (:data:`FORMATS`)."""
    suffix = Path(path).suffix.lower()
    found = FORMATS.get(suffix)
    if found is None:
        raise InputError(
            f"不支持的输出格式 {suffix or Path(path).name!r} (expected a file ending in "
            f"{', '.join(FORMATS)})"
        )
    return found


def write_results(
    report: Report,
    path: str | Path,
    *,
    only: Iterable[Verdict] | None = None,
    inputs: Iterable[str | Path] = (),
) -> dict[str, int]:
    """Write the results of ``report`` to ``path`` (format by suffix), streamed and atomic.

    ``inputs`` are the files the results were computed from, which ``path`` may not replace.
    Returns the report's summary (counted while writing) plus ``written``: the results written.
    """
    if not isinstance(report, Report):
        raise InputError(f"report 应为 Report (expected a Report, got {type(report).__name__})")
    kind = format_of(path)
    counter = ResultCounter(report, only)
    with atomic_path(path, inputs=inputs) as temp:
        if kind == "xlsx":
            _write_xlsx(counter, temp)
        else:
            try:
                with temp.open("w", encoding="utf-8", newline="") as handle:
                    if kind == "csv":
                        _write_csv(counter, handle)
                    elif kind == "jsonl":
                        write_jsonl_stream(counter, handle)
                    else:
                        write_json_stream(counter, handle)
            except OSError as exc:
                raise WriteError(
                    f"{path}: 无法写入 (cannot write: {exc.strerror or exc})"
                ) from None
    return counter.summary()


class ResultCounter:
    """The results of a report as they are produced (iterate it once), counted by verdict,
    filtered by ``only``; :meth:`summary` gives the counts once they have passed."""

    def __init__(self, report: Report, only: Iterable[Verdict] | None) -> None:
        self.report = report
        self.counts: dict[bool | None, int] = {True: 0, False: 0, None: 0}
        self.written = 0
        self.keep = None if only is None else verdict_values(only)

    def __iter__(self) -> Iterator[Result]:
        counts, keep = self.counts, self.keep
        for r in self.report.results():
            counts[r.met] += 1
            if keep is None or r.met in keep:
                self.written += 1
                yield r

    def summary(self) -> dict[str, int]:
        """The report's summary counted while passing, plus ``written`` (those kept)."""
        found = summary_counts(self.report, self.counts)
        found["written"] = self.written
        return found


def write_jsonl_stream(results: Iterable[Result], handle: IO[str]) -> None:
    """Each result as one line of JSON (English keys), written as it comes."""
    dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
    write = handle.write
    for r in results:
        write(dumps(r.to_row()))
        write("\n")


def write_json_stream(results: Iterable[Result], handle: IO[str]) -> None:
    """A JSON array of the results (one object per line), written as they come."""
    dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
    write = handle.write
    separator = "[\n"
    for r in results:
        write(separator)
        write(dumps(r.to_row()))
        separator = ",\n"
    write("[]\n" if separator == "[\n" else "\n]\n")


def _values(r: Result, columns: tuple[str, ...]) -> list[Any]:
    row = r.to_row()
    row["met"] = MET_LABELS[r.met]
    row["kind"] = KIND_LABELS.get(r.kind, r.kind)
    row["basis"] = CHECK_SHEETS[r.basis]
    return [cell(row[c]) if row[c] is not None else None for c in columns]


def _write_csv(results: Iterable[Result], handle: IO[str]) -> None:
    handle.write("\ufeff")
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow([RESULT_HEADER[c] for c in _CSV_COLUMNS])
    for r in results:
        writer.writerow(["" if v is None else v for v in _values(r, _CSV_COLUMNS)])


def _write_xlsx(results: Iterable[Result], temp: Path) -> None:
    openpyxl = require("openpyxl", "xlsx", feature="XLSX output")
    WriteOnlyCell = require("openpyxl.cell", "xlsx", feature="XLSX output").WriteOnlyCell
    CellIsRule = require("openpyxl.formatting.rule", "xlsx", feature="XLSX output").CellIsRule
    styles = require("openpyxl.styles", "xlsx", feature="XLSX output")
    Font, PatternFill = styles.Font, styles.PatternFill
    get_column_letter = require("openpyxl.utils", "xlsx", feature="XLSX output").get_column_letter

    book = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)

    def sheet(title: str, header: list[str], widths: list[int]) -> Any:
        ws = book.create_sheet(title)
        ws.freeze_panes = "A2"
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        cells = []
        for text in header:
            c = WriteOnlyCell(ws, text)
            c.font = bold
            cells.append(c)
        ws.append(cells)
        return ws

    summary = sheet(CHECK_SHEETS["summary"], list(CHECK_SUMMARY_HEADER), [32, 8, 8, 8, 10, 10])
    bases = ("unit", "person", "term", "target")
    sheets = {
        basis: sheet(
            CHECK_SHEETS[basis],
            [RESULT_HEADER[c] for c in _SHEET_COLUMNS],
            [_WIDTHS[c] for c in _SHEET_COLUMNS],
        )
        for basis in bases
    }
    rows = dict.fromkeys(bases, 1)
    per_unit: dict[str, dict[bool | None, int]] = {}
    for r in results:
        sheets[r.basis].append(_values(r, _SHEET_COLUMNS))
        rows[r.basis] += 1
        counts = per_unit.setdefault(r.unit, {True: 0, False: 0, None: 0})
        counts[r.met] += 1
    for unit, counts in per_unit.items():
        overall: bool | None = False if counts[False] else (True if counts[None] == 0 else None)
        summary.append(
            [
                cell(unit),
                sum(counts.values()),
                counts[True],
                counts[False],
                counts[None],
                MET_LABELS[overall],
            ]
        )
    last = len(_SHEET_COLUMNS)
    verdict = get_column_letter(_SHEET_COLUMNS.index("met") + 1)
    for basis, ws in sheets.items():
        ws.auto_filter.ref = f"A1:{get_column_letter(last)}{rows[basis]}"
        _colour(ws, f"{verdict}2:{verdict}{max(rows[basis], 2)}", CellIsRule, PatternFill)
    end = len(per_unit) + 1
    summary.auto_filter.ref = f"A1:F{end}"
    _colour(summary, f"F2:F{max(end, 2)}", CellIsRule, PatternFill)
    book.save(temp)


def _colour(ws: Any, where: str, rule: Callable[..., Any], fill: Callable[..., Any]) -> None:
    for met, colour in _FILLS.items():
        ws.conditional_formatting.add(
            where,
            rule(
                operator="equal",
                formula=[f'"{MET_LABELS[met]}"'],
                fill=fill("solid", start_color=colour, end_color=colour),
            ),
        )
