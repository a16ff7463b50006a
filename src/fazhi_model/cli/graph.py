"""``fazhi graph``: the duty graph (职责图) as GraphML, GEXF, node-link JSON or DOT."""

from __future__ import annotations

import argparse

from fazhi_model.export.graph_files import FORMATS, export
from fazhi_model.store.load import load_document
from fazhi_model.views.graph import build

from ._common import SubParsers, add_document_option
from .matrix import write_text

__all__ = [
    "register",
]


def register(sub: SubParsers) -> None:
    p = sub.add_parser(
        "graph",
        help="the duty graph (职责图): units, groups, roles, tasks, provisions, steps",
        description="Nodes: unit:…, group:…, role:…, task:N, section:N, provision:ID, "
        "step:ID/STEP; edges: responsible, member_of, covers, part_of, precedes, reports_to, "
        "bears (the edge attribute 'relation').",
    )
    add_document_option(p)
    p.add_argument("--format", "-f", choices=FORMATS, default="graphml", help="default: graphml")
    p.add_argument("--zones", action="store_true", help="include the functional zones")
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE; else stdout")
    p.set_defaults(func=_graph)


def _graph(args: argparse.Namespace) -> int:
    graph = build(load_document(args.document), zones=args.zones)
    write_text(args.output, export(graph, args.format), inputs=args)
    return 0
