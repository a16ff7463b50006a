"""The status ledger as an Excel workbook (督办台账.xlsx), for Excel and WPS.

Sheets:

* 督办台账: one row per item, worst first, the state cell filled with the state's colour
  (red 逾期, amber 临期, yellow 滞后, green 已完成), the header row frozen, a filter on every
  column;
* 单位汇总: per unit, the count of items in each state (non-zero counts coloured), a total
  row, frozen header and filters;
* 说明: the review day, the rules of the states, what was left aside.

The workbook is written in openpyxl's write-only mode (rows streamed to the file), so a
province-size ledger (100,000 items) is written without holding a worksheet of cell objects.
Every text passes through :func:`fazhi_model.export._safe.cell` (no formula injection); the
write is atomic (:func:`fazhi_model.store.files.atomic_path`).

Needs the ``xlsx`` extra (``pip install fazhi_model[xlsx]``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from fazhi_model._display import display_width
from fazhi_model.compliance.status import STATE_RULES, ItemStatus, State, StatusReport
from fazhi_model.errors import require
from fazhi_model.export._layout import BODY, HEADER
from fazhi_model.export._safe import cell
from fazhi_model.store.files import atomic_path
from fazhi_model.wording import (
    PACE_LABELS,
    STATUS_HEADER,
    STATUS_SUMMARY_HEADER,
    STATUS_TITLE,
)

__all__ = ["SHEETS", "row_values", "write"]

SHEETS = ("督办台账", "单位汇总", "说明")
"""The sheet names, in order."""

_WIDTHS = {"说明": 60, "事项": 36, "事项编号": 30, "单位": 22}
_MAX_WIDTH = 40
_STATES = tuple(State)


def row_values(r: ItemStatus) -> list[object]:
    """The cells of one item's row, in the order of :data:`~fazhi_model.wording.STATUS_HEADER`."""
    i = r.item
    return [
        r.state.label,
        i.unit_name,
        i.provision,
        i.task if i.task is not None else "",
        i.action,
        i.due,
        i.practical,
        "" if r.workdays_left is None else r.workdays_left,
        "" if r.workdays_overdue is None else r.workdays_overdue,
        r.reported.label if r.reported is not None else "",
        r.reported_on if r.reported_on is not None else "",
        r.explanation,
        i.id,
    ]


class _Styles:
    def __init__(self) -> None:
        styles = importlib.import_module("openpyxl.styles")
        self.styles = styles
        thin = styles.Side(style="thin", color="999999")
        self.border = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
        self.header_font = styles.Font(name=HEADER.sheet, bold=True, size=11)
        self.body_font = styles.Font(name=BODY.sheet, size=10)
        self.header_fill = styles.PatternFill("solid", fgColor="D9D9D9")
        self.fills = {
            s: styles.PatternFill("solid", fgColor=s.colour.lstrip("#").upper()) for s in State
        }
        self.wrap = styles.Alignment(wrap_text=True, vertical="top")
        self.centre = styles.Alignment(horizontal="center", vertical="top")


def write(report: StatusReport, path: str | Path, *, inputs: Iterable[str | Path] = ()) -> Path:
    """Write the workbook to ``path`` (atomically; ``inputs`` may not be overwritten)."""
    openpyxl = require("openpyxl", "xlsx", feature="XLSX")
    cells = importlib.import_module("openpyxl.cell")
    utils = importlib.import_module("openpyxl.utils")
    st = _Styles()
    book = openpyxl.Workbook(write_only=True)

    def make(sheet: Any, value: object, *, fill: Any = None, head: bool = False) -> Any:
        c = cells.WriteOnlyCell(sheet, value=cell(value))
        c.border = st.border
        c.font = st.header_font if head else st.body_font
        if head:
            c.fill = st.header_fill
        if fill is not None:
            c.fill = fill
        if isinstance(value, str) and len(value) > 20:
            c.alignment = st.wrap
        elif hasattr(value, "isoformat"):
            c.number_format = "yyyy-mm-dd"
        return c

    # 督办台账
    ledger = book.create_sheet(SHEETS[0])
    rows = [row_values(r) for r in report.rows]
    _setup(ledger, STATUS_HEADER, rows, utils)
    ledger.append([make(ledger, h, head=True) for h in STATUS_HEADER])
    for r, values in zip(report.rows, rows, strict=True):
        ledger.append(
            [
                make(ledger, v, fill=st.fills[r.state] if n == 0 else None)
                for n, v in enumerate(values)
            ]
        )

    # 单位汇总
    summary = book.create_sheet(SHEETS[1])
    units = report.by_unit()
    body: list[list[object]] = [[u.unit, *(u.counts[s] for s in State), u.total] for u in units]
    counts = report.counts()
    total_row: list[object] = ["合计", *(counts[s] for s in State), len(report.rows)]
    _setup(summary, STATUS_SUMMARY_HEADER, [*body, total_row], utils, filters=len(body) + 1)
    summary.append(
        [
            make(summary, h, head=True, fill=st.fills[s] if s is not None else None)
            for h, s in zip(STATUS_SUMMARY_HEADER, [None, *State, None], strict=True)
        ]
    )
    for values in body:
        summary.append(
            [
                make(
                    summary,
                    v,
                    fill=st.fills[_STATES[n - 1]] if 1 <= n <= len(State) and v else None,
                )
                for n, v in enumerate(values)
            ]
        )
    summary.append([make(summary, v, head=True) for v in total_row])

    # 说明
    notes = book.create_sheet(SHEETS[2])
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["B"].width = 90
    lines: list[tuple[object, object]] = [
        (STATUS_TITLE, f"截至 {report.today.isoformat()} ({report.year}年度)"),
        ("临期预警", f"截止日前 {report.warn_workdays} 个工作日内"),
        ("序时进度", PACE_LABELS[report.pace]),
        ("", ""),
        ("状态", "判定规则"),
        *((s.label, STATE_RULES[s.value][0]) for s in State),
        ("", ""),
        *(("说明", n) for n in report.notes),
        *(
            ("未列入督办", f"{u.provision} ({u.kind}): {u.reason}")
            for u in report.undated
            if u.kind not in ("duty", "workflow")
        ),
    ]
    for n, (a, b) in enumerate(lines):
        state = _STATES[n - 5] if 5 <= n <= 4 + len(State) else None
        notes.append(
            [
                make(notes, a, fill=st.fills[state] if state is not None else None),
                make(notes, b),
            ]
        )
    target = Path(path)
    with atomic_path(target, inputs=inputs) as temp:
        book.save(temp)
    return target


def _setup(
    sheet: Any,
    head: Sequence[str],
    rows: Sequence[Sequence[object]],
    utils: Any,
    *,
    filters: int | None = None,
) -> None:
    """Column widths fitted to the text, frozen header, filters (before any row is written)."""
    for n, h in enumerate(head, start=1):
        widest = max([display_width(h), *(display_width(_shown(r[n - 1])) for r in rows[:2000])])
        width = _WIDTHS.get(h, min(widest + 2, _MAX_WIDTH))
        sheet.column_dimensions[utils.get_column_letter(n)].width = width
    sheet.freeze_panes = "A2"
    last = utils.get_column_letter(len(head))
    count = (filters if filters is not None else len(rows)) + 1
    sheet.auto_filter.ref = f"A1:{last}{max(count, 1)}"


def _shown(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
