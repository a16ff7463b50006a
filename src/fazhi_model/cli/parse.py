"""``fazhi parse FILE.txt``: read a new document of the genre into a skeleton model (解析)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import attrs

from fazhi_model.model.units import Registry
from fazhi_model.parse.reader import parse_text, report_row
from fazhi_model.parse.tables import TABLE_SUFFIXES, table_text
from fazhi_model.store.load import dumps, load_registry, read_text, registry_path
from fazhi_model.store.rows import provision_row, task_row

from ._common import SubParsers, out, print_json, write_output

__all__ = [
    "register",
]


def register(sub: SubParsers) -> None:
    p = sub.add_parser(
        "parse",
        help="read a document's text into a skeleton model to review (解析)",
        description="Parse FILE.txt into a document model marked review: extracted. The YAML "
        "goes to -o FILE (or stdout); the review report (what to check or fix) to stderr.",
    )
    p.add_argument(
        "file",
        help="the document's text, UTF-8; or a 任务分工表 as .xlsx (first sheet) or .docx "
        "(first table with a 序号 column and a unit column)",
    )
    p.add_argument("-o", "--output", metavar="FILE.yaml", help="write the YAML here")
    p.add_argument(
        "--registry",
        metavar="ID|PATH",
        help="a unit registry to resolve names against: a bundled id (ganzhou) or a YAML file",
    )
    p.add_argument("--id", dest="doc_id", help="the document id (default: the file's stem)")
    p.add_argument(
        "--json",
        action="store_true",
        help="print {tasks, provisions, review} as JSON instead of the YAML",
    )
    p.set_defaults(func=_parse)


def _near(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` when it is near (at most two ``..``), else absolute.

    A registry beside the data (``../units/ganzhou.yaml``) stays portable with it; one far away
    (a bundled registry seen from a temporary folder) is named absolutely so it still loads.
    """
    try:
        relative = os.path.relpath(path, base)
    except ValueError:  # another drive
        return str(path)
    return relative if Path(relative).parts.count("..") <= 2 else str(path)


def _parse(args: argparse.Namespace) -> int:
    source = Path(args.file)
    table = source.suffix.lower() in TABLE_SUFFIXES
    text = table_text(source) if table else read_text(source)
    registry: Registry | None = None
    if args.registry:
        registry = load_registry(args.registry)
    result = parse_text(text, registry, doc_id=args.doc_id or source.stem)
    target = Path(args.output) if args.output else None
    base = target.resolve().parent if target else Path.cwd()
    doc = attrs.evolve(
        result.document,
        # a table file is not text: its flattened rows are in the tasks' text, not in a file
        source_file=None if table else _near(source.resolve(), base),
        registry_file=_near(registry_path(args.registry).resolve(), base)
        if args.registry
        else None,
    )
    lines = list(result.report.lines())
    yaml = "".join(f"# {line}\n" for line in lines) + dumps(doc)
    if target is not None:
        write_output(target, yaml, inputs=args)
    if args.json:
        print_json(
            {
                "tasks": [task_row(t) for t in doc.tasks],
                "provisions": [provision_row(t, p) for t, p in doc.provisions()],
                "review": report_row(result.report),
            }
        )
    else:
        if target is None:
            sys.stdout.write(yaml)
        else:
            out(f"已写入 (wrote): {target}")
        for line in lines:
            sys.stderr.write(line + "\n")
    return 0
