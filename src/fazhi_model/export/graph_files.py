"""Graph files (图文件): the duty graph as GraphML, GEXF, node-link JSON and DOT.

GraphML and GEXF are XML: every text (node ids, attribute names and values) passes
:func:`fazhi_model.export._safe.xml_text`, which removes the characters XML 1.0 forbids, so
the files are always well-formed; two node ids that would become equal are an
:class:`~fazhi_model.errors.InputError`, never a silent merge.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from fazhi_model.errors import InputError
from fazhi_model.export._safe import xml_text

__all__ = ["FORMATS", "export", "to_dot", "to_gexf", "to_graphml", "to_json", "to_node_link"]


def to_graphml(graph: nx.MultiDiGraph) -> str:
    """The graph as GraphML text (``networkx.read_graphml`` reads it back)."""
    safe = _xml_safe(graph)
    return "\n".join(nx.generate_graphml(safe, encoding="utf-8", prettyprint=True)) + "\n"


def to_gexf(graph: nx.MultiDiGraph) -> str:
    """The graph as GEXF 1.2 text (Gephi)."""
    safe = _xml_safe(graph)
    return "\n".join(nx.generate_gexf(safe, encoding="utf-8", prettyprint=True)) + "\n"


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, list | tuple):
        return type(value)(_clean(v) for v in value)
    return value


def _xml_safe(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` whose every text is allowed in XML 1.0."""
    ids: dict[Any, Any] = {}
    taken: dict[Any, Any] = {}
    for node in graph.nodes:
        new = _clean(node)
        if new in taken and taken[new] != node:
            raise InputError(
                f"节点 {node!r} 与 {taken[new]!r} 去除控制字符后相同 (two node ids differ only "
                "in characters XML forbids; rename one)"
            )
        taken[new] = node
        ids[node] = new
    safe = nx.MultiDiGraph()
    safe.graph.update({xml_text(str(k)): _clean(v) for k, v in graph.graph.items()})
    for node, data in graph.nodes(data=True):
        safe.add_node(ids[node], **{xml_text(str(k)): _clean(v) for k, v in data.items()})
    for source, target, key, data in graph.edges(keys=True, data=True):
        safe.add_edge(
            ids[source],
            ids[target],
            key=_clean(key),
            **{xml_text(str(k)): _clean(v) for k, v in data.items()},
        )
    return safe


def to_node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as node-link data (``nodes`` and ``edges``), ready for JSON."""
    data: dict[str, Any] = nx.node_link_data(graph, edges="edges")
    return data


def to_json(graph: nx.MultiDiGraph) -> str:
    """The graph as node-link JSON text, Chinese unescaped."""
    return json.dumps(to_node_link(graph), ensure_ascii=False, indent=2) + "\n"


def to_dot(graph: nx.MultiDiGraph) -> str:
    """The graph as Graphviz DOT text; every id and value is a quoted, escaped string.

    Written here rather than through pydot or pygraphviz, which are heavy dependencies for a
    text format this small.
    """
    lines = [f"digraph {_dot(str(graph.graph.get('document', 'fazhi')))} {{"]
    for key, value in graph.graph.items():
        lines.append(f"  graph [{key}={_dot(value)}];")
    for node, data in graph.nodes(data=True):
        lines.append(f"  {_dot(node)}{_dot_attrs(data)};")
    for source, target, data in graph.edges(data=True):
        lines.append(f"  {_dot(source)} -> {_dot(target)}{_dot_attrs(data)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot(value: object) -> str:
    text = str(value).lower() if isinstance(value, bool) else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _dot_attrs(data: dict[str, Any]) -> str:
    if not data:
        return ""
    return " [" + ", ".join(f"{k}={_dot(v)}" for k, v in data.items()) + "]"


FORMATS = ("graphml", "gexf", "json", "dot")
"""The export formats of :func:`export`."""


def export(graph: nx.MultiDiGraph, format: str) -> str:
    """The graph as text in one of :data:`FORMATS`."""
    writers = {"graphml": to_graphml, "gexf": to_gexf, "json": to_json, "dot": to_dot}
    if format not in writers:
        raise InputError(f"未知图格式 {format!r} (unknown graph format; {', '.join(FORMATS)})")
    return writers[format](graph)
