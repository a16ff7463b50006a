"""``fazhi table``: the 任务分工表 as offices circulate it, or one unit's own table.

fazhi table                                   # the table on the terminal
fazhi table --format xlsx -o 分工表.xlsx      # Excel / WPS, ready to print
fazhi table --format docx -o 分工表.docx      # Word / WPS
fazhi table --unit 章贡区人民政府 --year 2025 --format docx -o 章贡区.docx
"""

from __future__ import annotations

import argparse
import json

from fazhi_model.export.docx import write_table as write_docx
from fazhi_model.export.web import division_html, page
from fazhi_model.export.xlsx import write_table as write_xlsx
from fazhi_model.store.files import atomic_write
from fazhi_model.store.load import load_document
from fazhi_model.views.division_table import DivisionTable, division_table, table_data, unit_table
from fazhi_model.wording import bilingual

from ._common import (
    SubParsers,
    add_calendar_options,
    add_document_option,
    calendar_from,
    fail,
    out,
    warn_estimate,
    year,
)

__all__ = ["FORMATS", "register"]

FORMATS = ("text", "md", "html", "json", "xlsx", "docx")
"""The output formats; ``xlsx`` and ``docx`` need ``-o FILE``."""


def register(sub: SubParsers) -> None:
    p = sub.add_parser(
        "table",
        help="the 任务分工表 as offices circulate it, or one unit's own table (--unit)",
        description="序号 | 重点任务 | 主要内容 | 牵头单位 | 责任单位 | 完成时限, one row per task "
        "under its heading, then 组织保障. With --unit, that unit's own table: every provision "
        "`fazhi duties UNIT` lists, with the reference that reaches it and, with --year, its "
        "due dates. xlsx and docx print on A4 landscape with the header on every page.",
    )
    add_document_option(p)
    p.add_argument("--unit", metavar="UNIT", help="one unit's own table (单位任务清单)")
    p.add_argument("--year", type=year, help="with --unit: the due dates in this year")
    p.add_argument("--zones", action="store_true", help="include the functional zones")
    add_calendar_options(p)
    p.add_argument("--format", "-f", choices=FORMATS, default="text", help="default: text")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE (required for xlsx, docx)")
    p.set_defaults(func=_table)


def _build(args: argparse.Namespace) -> DivisionTable:
    doc = load_document(args.document)
    if args.unit is None:
        return division_table(doc)
    calendar = calendar_from(args) if args.year is not None else None
    if calendar is not None and args.estimate and args.year not in calendar.covered_years:
        warn_estimate([args.year])
    return unit_table(doc, args.year, unit=args.unit, zones=args.zones, calendar=calendar)


def _table(args: argparse.Namespace) -> int:
    if args.unit is None and (args.year is not None or args.zones or args.calendar):
        return fail(
            bilingual("--year、--zones、--calendar 须与 --unit 同用", "these options need --unit")
        )
    if args.unit is not None and args.year is None and (args.calendar or args.estimate):
        return fail(bilingual("--calendar、--estimate 须与 --year 同用", "these need --year"))
    if args.format in ("xlsx", "docx") and args.output is None:
        return fail(
            bilingual(
                f"--format {args.format} 生成二进制文件, 请用 -o 文件名.{args.format} 指定输出",
                f"{args.format} is a binary file: give -o FILE.{args.format}",
            )
        )
    table = _build(args)
    inputs = [args.document, *args.calendar]
    if args.format == "xlsx":
        write_xlsx(table, args.output, inputs=inputs)
        return 0
    if args.format == "docx":
        write_docx(table, args.output, inputs=inputs)
        return 0
    if args.format == "json":
        text = json.dumps(table_data(table), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "md":
        text = table.to_markdown()
    elif args.format == "html":
        text = page(table.title, division_html(table))
    else:
        text = "\n".join(table.lines()) + "\n"
    if args.output is None:
        out(text.rstrip("\n"))
    else:
        atomic_write(args.output, text, inputs=inputs)
    return 0
