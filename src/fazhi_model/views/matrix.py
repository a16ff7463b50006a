"""The responsibility matrix (任务分工表): tasks × units, and a unit's checklist for a year.

Each cell says how a task falls to a unit, with the short labels offices use:

* 牵头 (``lead``): only where the document says who leads (牵头单位 in the annotation, or the
  document's own rule such as 第一责任单位为牵头单位); never because a unit is named first;
* 责任 (``named``): named in the annotation;
* 配合 (``cooperating``) and 指导 (``guiding``): named as cooperating or guiding;
* 组内 (``through-group``): a member of a group the annotation names;
* 其他 (``through-catch-all``): reached by a catch-all (其他…), which excludes the units
  named beside it.

A named cell also carries its place in the annotation (``order``: 1, 2, …), an order of
naming and not a role. The legend (:func:`legend`) lists only the labels the matrix uses, so a
matrix of a document that names no lead (Ganzhou's annotations say only 责任单位) shows 牵头
nowhere.

The *collapsed* view has one column per reference as the document writes it (各县(市、区)政府,
市司法局, 其他市政府部门, …) in order of first appearance; the *expanded* view has one column
per unit of the registry: every unit an annotation reaches and every municipal department
(functional zones only with ``zones=True``), plus any group an annotation names that expands to
no unit (市属〔驻市〕各高校), so that no responsibility drops out of the table.

Exports: Markdown, CSV (UTF-8 with a byte-order mark, for Excel and WPS), HTML, JSON-ready
data, a pandas DataFrame (extra ``pandas``) and XLSX (:mod:`fazhi_model.export.xlsx`, extra
``xlsx``).
The CSV contract: a header row whose first cell is ``任务`` and whose other cells are the
column names; one row per task whose first cell is the task number; a cell holds the label
where the unit is responsible and is empty where not.
"""

from __future__ import annotations

from typing import Any

import attrs
import networkx as nx

from fazhi_model import _display
from fazhi_model.errors import require
from fazhi_model.model.document import Document
from fazhi_model.model.units import Unit, UnitKind
from fazhi_model.views.graph import How, build, node_id, task_id

__all__ = [
    "LEGEND",
    "ORDER_NOTE",
    "TASK_HEADER",
    "TITLE_HEADER",
    "Cell",
    "Column",
    "Matrix",
    "MatrixTaskRow",
    "header",
    "legend",
    "matrix",
    "matrix_row",
    "table",
    "to_dataframe",
]

TASK_HEADER = "任务"
"""The header of the task-number column (CSV contract)."""

TITLE_HEADER = "任务名称"
"""The header of the task-title column (Markdown, HTML, XLSX; not in the CSV)."""

LEGEND = (
    (
        "牵头",
        "文件标明牵头的单位: 注中写明牵头单位, 或文件自己的规则"
        " (lead: only where the document says so)",
    ),
    ("责任", "责任单位注中列出的单位 (named)"),
    ("配合", "注中标明配合的单位 (cooperating)"),
    ("指导", "注中标明指导的单位 (guiding)"),
    ("组内", "责任单位注中所列单位组的成员 (through a group)"),
    ("其他", "“其他…”所涵盖、未在注中另行列出的单位 (through a catch-all)"),
)
"""Every cell label and what it means; :func:`legend` gives those a matrix uses."""

ORDER_NOTE = (
    "次序",
    "列按责任单位注中首次列出的先后排列; 先后只是列出次序, 不是分工"
    " (columns in order of naming; order is not a role)",
)
"""The note on column order, in every legend."""


def legend(m: Matrix) -> tuple[tuple[str, str], ...]:
    """The legend of a matrix: the labels its cells use, in :data:`LEGEND` order, then the
    note on order. A matrix without a 牵头 cell has no 牵头 line."""
    used = {cell.label for row in m.rows for cell in row.cells if cell is not None}
    return (*(item for item in LEGEND if item[0] in used), ORDER_NOTE)


@attrs.frozen(kw_only=True)
class Column:
    """A column of the matrix (列): a reference as written, or a unit.

    ``node`` is the duty-graph node id; ``name`` the header (the reference as first written,
    or the unit's short form); ``full_name`` the registry's full name; ``kind`` is ``unit``,
    ``group`` or ``role``.
    """

    node: str
    name: str
    full_name: str
    kind: str


@attrs.frozen(kw_only=True)
class Cell:
    """How one task falls to one column (单元格); ``via`` is the group it comes through;
    ``order`` the reference's place in the annotation (1, 2, …) where it is named there."""

    how: How
    via: str | None = None
    order: int | None = None

    @property
    def label(self) -> str:
        """牵头, 责任, 配合, 指导, 组内 or 其他."""
        return self.how.label


@attrs.frozen(kw_only=True)
class MatrixTaskRow:
    """One task's row (行): a cell per column, ``None`` where the column is not responsible."""

    task: int
    title: str
    cells: tuple[Cell | None, ...]


@attrs.frozen(kw_only=True)
class Matrix:
    """A responsibility matrix (任务分工表), collapsed or expanded."""

    document: str
    title: str
    expanded: bool
    zones: bool
    columns: tuple[Column, ...]
    rows: tuple[MatrixTaskRow, ...]

    def cell(self, task: int, column: str) -> Cell | None:
        """The cell of a task (number) and a column (its name or node id)."""
        index = next(
            (i for i, c in enumerate(self.columns) if column in (c.name, c.node, c.full_name)),
            None,
        )
        if index is None:
            raise KeyError(f"no column {column!r} in the matrix")
        row = next((r for r in self.rows if r.task == task), None)
        if row is None:
            raise KeyError(f"no task {task} in the matrix")
        return row.cells[index]

    def _repr_html_(self) -> str:
        """The matrix for Jupyter: a row per task; each cell's tooltip names its group."""
        titles = [
            [None, None, *((c.via if c is not None else None) for c in row.cells)]
            for row in self.rows
        ]
        view = "展开到单位" if self.expanded else "按责任单位注"
        rows = _display.table(
            header(self, titles=True), table(self, titles=True), css="fazhi-matrix", titles=titles
        )
        notes = "; ".join(f"{label}: {text}" for label, text in legend(self))
        caption = (f"{self.title} 任务分工表 ({view})",)
        return _display.block("fazhi-matrix", caption, rows, notes=(notes,))


def matrix(
    doc: Document,
    *,
    expand: bool = False,
    zones: bool = False,
    graph: nx.MultiDiGraph | None = None,
) -> Matrix:
    """The responsibility matrix of a document (任务分工表).

    ``expand`` gives one column per unit instead of one per reference as written; ``zones``
    adds the functional zones (expanded view only). ``graph`` is the document's duty graph
    if already built (with the same ``zones``).
    """
    graph = graph if graph is not None else build(doc, zones=zones)
    columns = _expanded_columns(doc, graph, zones) if expand else _collapsed_columns(doc, graph)
    rows = []
    for task in doc.tasks:
        edges = {
            source: data
            for source, _, data in graph.in_edges(task_id(task.number), data=True)
            if data.get("relation") == "responsible" and (expand or "via" not in data)
        }
        cells: list[Cell | None] = []
        for column in columns:
            data = edges.get(column.node)
            if data is None:
                cells.append(None)
                continue
            via = data.get("via")
            order = data.get("order")
            cells.append(
                Cell(
                    how=How(data["role"]),
                    via=str(graph.nodes[via]["label"]) if via else None,
                    order=int(order) if order is not None and not via else None,
                )
            )
        rows.append(MatrixTaskRow(task=task.number, title=task.title, cells=tuple(cells)))
    return Matrix(
        document=doc.id,
        title=doc.metadata.title,
        expanded=expand,
        zones=zones and expand,
        columns=tuple(columns),
        rows=tuple(rows),
    )


def _column(graph: nx.MultiDiGraph, node: str, name: str | None = None) -> Column:
    data = graph.nodes[node]
    return Column(
        node=node,
        name=name or str(data["label"]),
        full_name=str(data["name"]),
        kind=str(data["type"]),
    )


def _collapsed_columns(doc: Document, graph: nx.MultiDiGraph) -> list[Column]:
    seen: dict[str, Column] = {}
    for task in doc.tasks:
        for ref in task.responsible:
            node = node_id(doc.registry.resolve(ref))
            if node not in seen:
                seen[node] = _column(graph, node, ref)
    return list(seen.values())


def _expanded_columns(doc: Document, graph: nx.MultiDiGraph, zones: bool) -> list[Column]:
    registry = doc.registry
    reached = {
        source
        for source, _, data in graph.edges(data=True)
        if data.get("relation") == "responsible"
    }
    kinds = {UnitKind.DEPARTMENT} | ({UnitKind.ZONE} if zones else set())
    columns = [
        _column(graph, node_id(unit))
        for unit in registry.units
        if node_id(unit) in graph and (node_id(unit) in reached or unit.kind in kinds)
    ]
    named: dict[str, str] = {}
    for task in doc.tasks:
        for ref in task.responsible:
            entry = registry.resolve(ref)
            if not isinstance(entry, Unit) and not registry.expand(ref, zones=zones):
                named.setdefault(node_id(entry), ref)
    columns += [_column(graph, node, ref) for node, ref in named.items()]
    return columns


# -- exports --------------------------------------------------------------------------------


def header(m: Matrix, *, titles: bool = False) -> list[str]:
    """The header row: 任务, (任务名称,) then the column names."""
    return [TASK_HEADER, *([TITLE_HEADER] if titles else []), *(c.name for c in m.columns)]


def table(m: Matrix, *, titles: bool = False) -> list[list[str | int]]:
    """The body rows: task number, (title,) then each cell's label or ``""``."""
    return [
        [r.task, *([r.title] if titles else []), *(c.label if c else "" for c in r.cells)]
        for r in m.rows
    ]


def matrix_row(m: Matrix) -> dict[str, Any]:
    """The matrix as one JSON-ready record (the ``--json`` contract, like ``store.rows``):
    the columns, and per task the non-empty cells by column name."""
    return {
        "document": m.document,
        "view": "expanded" if m.expanded else "collapsed",
        "zones": m.zones,
        "columns": [
            {"name": c.name, "full_name": c.full_name, "kind": c.kind, "node": c.node}
            for c in m.columns
        ],
        "rows": [
            {
                "task": r.task,
                "title": r.title,
                "cells": {
                    col.name: {
                        "how": cell.how.value,
                        "label": cell.label,
                        "via": cell.via,
                        "order": cell.order,
                    }
                    for col, cell in zip(m.columns, r.cells, strict=True)
                    if cell is not None
                },
            }
            for r in m.rows
        ],
    }


def to_dataframe(m: Matrix) -> Any:
    """A pandas DataFrame: index 任务 (task numbers), a column per matrix column, labels or ``""``.

    Needs the ``pandas`` extra (``pip install fazhi_model[pandas]``).
    """
    pandas = require("pandas", "pandas", feature="to_dataframe")
    return pandas.DataFrame(
        [[c.label if c else "" for c in r.cells] for r in m.rows],
        index=pandas.Index([r.task for r in m.rows], name=TASK_HEADER),
        columns=[c.name for c in m.columns],
    )
