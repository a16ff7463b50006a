"""``fazhi matrix``: the responsibility matrix (任务分工表) as Markdown, CSV, XLSX, HTML or JSON."""

from __future__ import annotations

import argparse

from fazhi_model.export.tabular import to_csv, to_markdown
from fazhi_model.store.load import load_document
from fazhi_model.views.matrix import matrix, matrix_row

from ._common import (
    SubParsers,
    add_document_option,
    fail,
    input_files,
    json_text,
    out,
    print_json,
    write_output,
)

__all__ = [
    "FORMATS",
    "register",
    "write_text",
]

FORMATS = ("md", "csv", "xlsx", "html", "json")


def register(sub: SubParsers) -> None:
    p = sub.add_parser(
        "matrix",
        help="the responsibility matrix (任务分工表): tasks × units",
        description="Tasks × units, each cell saying how the task falls to the unit: "
        "牵头 (first-named), 责任 (named), 组内 (through a group), 其他 (through a catch-all).",
    )
    add_document_option(p)
    p.add_argument(
        "--expand",
        action="store_true",
        help="a column per unit, instead of one per reference as the document writes it",
    )
    p.add_argument(
        "--zones",
        action="store_true",
        help="count the functional zones as counties (expanded view; always in the xlsx sheet)",
    )
    p.add_argument("--format", "-f", choices=FORMATS, default="md", help="default: md")
    p.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE (required for xlsx); else stdout"
    )
    p.set_defaults(func=_matrix)


def write_text(path: str | None, text: str, *, inputs: argparse.Namespace | None = None) -> None:
    """``text`` to ``path`` as UTF-8 (atomically, never over one of the command's ``inputs``),
    or to stdout when ``path`` is ``None``."""
    if path is None:
        out(text.rstrip("\n"))
        return
    write_output(path, text, inputs=inputs if inputs is not None else ())


def _matrix(args: argparse.Namespace) -> int:
    if args.format == "xlsx":
        if args.output is None:
            return fail("--format xlsx writes a binary workbook: give a file with -o FILE.xlsx")
        # deferred for start-up time: only this output format needs it
        from fazhi_model.export.xlsx import write

        doc = load_document(args.document)
        active = "expanded" if args.expand else "collapsed"
        write(doc, args.output, zones=args.zones, active=active, inputs=input_files(args))
        return 0
    if args.zones and not args.expand:
        return fail("--zones applies to the expanded view: add --expand")
    doc = load_document(args.document)
    m = matrix(doc, expand=args.expand, zones=args.zones)
    if args.format == "json":
        if args.output is None:
            print_json(matrix_row(m))
            return 0
        write_text(args.output, json_text(matrix_row(m)), inputs=args)
        return 0
    if args.format == "csv":
        write_text(args.output, to_csv(m), inputs=args)
    elif args.format == "html":
        # deferred for start-up time: only this output format needs it
        from fazhi_model.export.web import matrix_html, page

        write_text(args.output, page(f"{m.title} 任务分工表", matrix_html(m)), inputs=args)
    else:
        write_text(args.output, to_markdown(m), inputs=args)
    return 0
