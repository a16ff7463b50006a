"""``fazhi matrix``: the responsibility matrix (任务分工表) as Markdown, CSV, XLSX, HTML or JSON."""

from __future__ import annotations

import argparse
from pathlib import Path

from fazhi_model.errors import FazhiError
from fazhi_model.export.tabular import to_csv, to_markdown
from fazhi_model.store.load import load_document
from fazhi_model.views.matrix import matrix, to_data

from ._common import SubParsers, add_document_option, fail, out, print_json

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


def write_text(path: str | None, text: str) -> None:
    """``text`` to ``path`` as UTF-8, or to stdout when ``path`` is ``None``."""
    if path is None:
        out(text.rstrip("\n"))
        return
    try:
        Path(path).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise FazhiError(f"{path}: cannot write: {exc.strerror}") from None


def _matrix(args: argparse.Namespace) -> int:
    if args.format == "xlsx":
        if args.output is None:
            return fail("--format xlsx writes a binary workbook: give a file with -o FILE.xlsx")
        from fazhi_model.export.xlsx import write

        doc = load_document(args.document)
        write(doc, args.output, zones=args.zones, active="expanded" if args.expand else "collapsed")
        return 0
    if args.zones and not args.expand:
        return fail("--zones applies to the expanded view: add --expand")
    doc = load_document(args.document)
    m = matrix(doc, expand=args.expand, zones=args.zones)
    if args.format == "json":
        if args.output is None:
            print_json(to_data(m))
            return 0
        import json

        write_text(args.output, json.dumps(to_data(m), ensure_ascii=False, indent=2) + "\n")
        return 0
    if args.format == "csv":
        write_text(args.output, to_csv(m))
    elif args.format == "html":
        from fazhi_model.export.web import matrix_html, page

        write_text(args.output, page(f"{m.title} 任务分工表", matrix_html(m)))
    else:
        write_text(args.output, to_markdown(m))
    return 0
