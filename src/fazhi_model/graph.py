"""The duty graph (职责图): who is responsible for what, and why.

:func:`build` turns a document into a :class:`networkx.MultiDiGraph` whose nodes are units
(``unit:gz-justice``), groups (``group:counties``), roles (``role:governments``), tasks
(``task:3``), sections of 三、组织保障 (``section:3``), provisions (``provision:t03.p01``) and
workflow steps (``step:t05.p05/review``). Every node has ``type``, ``label`` (the Chinese name
as the document writes it) and ``name`` (the full name, title or id); every edge has a
``relation``:

* ``responsible`` (unit/group → task), with ``role``: ``first-named`` (the first reference of
  the annotation, the usual lead: 第一责任单位为牵头单位), ``named``, ``through-group`` or
  ``through-catch-all`` (a unit reached through a group or a catch-all named in the annotation;
  ``via`` names that group). A catch-all (其他…) excludes the units named beside it.
* ``member_of`` (unit → group) and ``covers`` (role → unit, group or role it stands for).
* ``part_of`` (provision → task or section; step → provision).
* ``precedes`` (step → step), with ``within``/``counting`` where the later step has a budget.
* ``reports_to`` (unit → unit or role), from provisions whose action says 向X报告 or ends
  报告X、Y (every X a registry name), with the ``source`` quote.
* ``bears`` (unit/group/role → provision): the provision's bearer. A provision borne by the
  reserved bearer 责任单位 is borne by each reference of its task's annotation
  (``bearer="责任单位"``).

Every attribute is a GraphML-safe scalar (str, int, float or bool; never ``None``), so the graph
writes to GraphML and GEXF as it is, and the queries below work on a graph read back with
:func:`networkx.read_graphml` as well as on one just built.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import itertools
import json
import re
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any, TypeAlias

import attrs
import networkx as nx

from fazhi_model.document import Document, Task
from fazhi_model.errors import FazhiError, UnknownReferenceError
from fazhi_model.provisions import Provision, Workflow
from fazhi_model.rows import summary
from fazhi_model.units import RESPONSIBLE, Entry, Group, Registry, Unit, UnitKind

Graph = nx.MultiDiGraph
"""The type of a duty graph."""

Source: TypeAlias = Document | nx.MultiDiGraph
"""What the queries accept: a document (its graph is built) or a graph."""

RELATIONS = (
    "responsible",
    "member_of",
    "covers",
    "part_of",
    "precedes",
    "reports_to",
    "bears",
)
"""Every edge relation of a duty graph."""


class How(enum.Enum):
    """How a task falls to a unit or group (责任方式); the value is the edge's ``role``."""

    FIRST_NAMED = "first-named"
    """The first reference of the annotation: the usual lead (牵头)."""
    NAMED = "named"
    """Named in the annotation (责任)."""
    THROUGH_GROUP = "through-group"
    """A member of a group named in the annotation (组内)."""
    THROUGH_CATCH_ALL = "through-catch-all"
    """Reached by a catch-all (其他…) named in the annotation, not excluded by it (其他)."""

    @property
    def label(self) -> str:
        """The short Chinese label of a responsibility matrix cell: 牵头, 责任, 组内, 其他."""
        return _HOW_LABELS[self]

    @property
    def rank(self) -> int:
        """Strength, strongest first: a unit named and in a group counts as named."""
        return list(How).index(self)


_HOW_LABELS = {
    How.FIRST_NAMED: "牵头",
    How.NAMED: "责任",
    How.THROUGH_GROUP: "组内",
    How.THROUGH_CATCH_ALL: "其他",
}


@attrs.frozen(kw_only=True)
class Assignment:
    """One duty of one unit (分工), with the path through the graph that explains it.

    ``provision`` is ``None`` for the responsibility for a whole task. ``how`` is a
    :class:`How` value for tasks; for provisions it is ``bearer`` (the unit is the bearer),
    ``through-group``, ``through-role`` or ``annotation`` (the bearer is 责任单位, the task's
    responsible units). ``path`` runs from the unit to the task or provision. ``due`` holds the
    due dates in the year asked for, where a schedule could give them.
    """

    unit: str
    unit_label: str
    task: int | None
    provision: str | None
    how: str
    path: tuple[str, ...]
    reason: str
    summary: str
    due: tuple[dt.date, ...] = ()

    def row(self) -> dict[str, Any]:
        """A JSON-ready row (the ``fazhi duties --json`` contract)."""
        return {
            "unit": self.unit,
            "unit_label": self.unit_label,
            "task": self.task,
            "provision": self.provision,
            "how": self.how,
            "path": list(self.path),
            "reason": self.reason,
            "summary": self.summary,
            "due": [d.isoformat() for d in self.due],
        }


@attrs.frozen(kw_only=True)
class Reach:
    """A step before or after another (前后环节), with the time budget between them.

    ``budget`` is the largest sum of the ``within`` limits along the paths between the two
    steps, in ``counting`` units (``workdays`` or ``days``); ``None`` where some path has a leg
    the document sets no time limit on, or mixes kinds of days. ``path`` is one such path.
    """

    step: str
    action: str
    budget: int | None
    counting: str | None
    path: tuple[str, ...]


# -- node ids -------------------------------------------------------------------------------


def node_id(entry: Entry) -> str:
    """The graph node id of a registry entry: ``unit:…``, ``group:…`` or ``role:…``."""
    if isinstance(entry, Unit):
        return f"unit:{entry.id}"
    if isinstance(entry, Group):
        return f"group:{entry.id}"
    return f"role:{entry.id}"


def task_id(number: int) -> str:
    """The node id of a task: ``task:3``."""
    return f"task:{number}"


def provision_id(pid: str) -> str:
    """The node id of a provision: ``provision:t03.p01``."""
    return f"provision:{pid}"


def step_id(pid: str, step: str) -> str:
    """The node id of a workflow step: ``step:t05.p05/review``."""
    return f"step:{pid}/{step}"


# -- building -------------------------------------------------------------------------------


def build(doc: Document, *, zones: bool = False) -> nx.MultiDiGraph:
    """The duty graph of a document (职责图); functional zones only with ``zones=True``.

    Raises :class:`~fazhi_model.errors.UnknownReferenceError` naming the task or provision
    whose reference the registry does not know.
    """
    return _Builder(doc, zones).graph


build_graph = build
"""Alias of :func:`build`."""


def _scalars(**values: object) -> dict[str, object]:
    return {k: v for k, v in values.items() if v is not None}


class _Builder:
    def __init__(self, doc: Document, zones: bool) -> None:
        self.doc = doc
        self.registry: Registry = doc.registry
        self.zones = zones
        self.graph = nx.MultiDiGraph(document=doc.id, title=doc.metadata.title, zones=zones)
        self._entries()
        for each in doc.tasks:
            self._task(each)
        for index, section in enumerate(doc.sections, start=1):
            self.graph.add_node(
                f"section:{index}",
                type="section",
                label=f"{section.label}{section.title}",
                name=section.title,
            )
        for owner, provision, parent in self._provisions():
            self._provision(owner, provision, parent)

    def _provisions(self) -> Iterator[tuple[Task | None, Provision, str]]:
        for task in self.doc.tasks:
            for provision in task.provisions:
                yield task, provision, task_id(task.number)
        for index, section in enumerate(self.doc.sections, start=1):
            for provision in section.provisions:
                yield None, provision, f"section:{index}"

    def _resolve(self, ref: str, where: str) -> Entry:
        try:
            return self.registry.resolve(ref)
        except UnknownReferenceError as exc:
            raise UnknownReferenceError(f"{where}: {exc}") from None

    def _has(self, entry: Entry) -> bool:
        return not (isinstance(entry, Unit) and entry.kind is UnitKind.ZONE and not self.zones)

    def _entries(self) -> None:
        g, registry = self.graph, self.registry
        for unit in registry.units:
            if self._has(unit):
                g.add_node(
                    node_id(unit),
                    type="unit",
                    label=unit.short or unit.name,
                    name=unit.name,
                    kind=unit.kind.value,
                    verified=unit.verified,
                    enforcement=unit.enforcement,
                    aliases="|".join(unit.names),
                )
        for group in registry.groups:
            g.add_node(
                node_id(group),
                type="group",
                label=group.name,
                name=group.name,
                catch_all=group.catch_all,
                complete=group.complete,
                aliases="|".join(group.names),
            )
        for role in registry.roles:
            g.add_node(
                node_id(role),
                type="role",
                label=role.name,
                name=role.name,
                person=role.person,
                description=role.description,
                aliases="|".join(role.names),
            )
        for group in registry.groups:
            for unit in registry.members(group, zones=self.zones):
                g.add_edge(node_id(unit), node_id(group), key="member_of", relation="member_of")
        for role in registry.roles:
            for ref in role.covers:
                target = self._resolve(ref, f"role {role.name}")
                if self._has(target):
                    g.add_edge(node_id(role), node_id(target), key="covers", relation="covers")

    def _excluded(self, catch_all: str, annotation: Sequence[str]) -> tuple[Unit, ...]:
        """The members of a catch-all that the references beside it name, in written order."""
        registry = self.registry
        rest = {u.id for u in registry.expand(catch_all, beside=annotation, zones=self.zones)}
        members = {u.id for u in registry.expand(catch_all, zones=self.zones)} - rest
        found: dict[str, Unit] = {}
        for ref in annotation:
            for unit in registry.expand(ref, zones=self.zones):
                if unit.id in members:
                    found.setdefault(unit.id, unit)
        return tuple(found.values())

    def _task(self, task: Task) -> None:
        g, tid = self.graph, task_id(task.number)
        g.add_node(
            tid,
            type="task",
            label=f"任务{task.number} {task.title}",
            name=task.title,
            **_scalars(number=task.number, heading=task.heading, annotation=task.annotation),
        )
        units: dict[str, tuple[How, str | None, tuple[Unit, ...]]] = {}
        for index, ref in enumerate(task.responsible):
            entry = self._resolve(ref, f"task {task.number} annotation")
            how = How.FIRST_NAMED if index == 0 else How.NAMED
            marked = (
                "lead" if ref in task.lead else "cooperating" if ref in task.cooperating else None
            )
            g.add_edge(
                node_id(entry),
                tid,
                key="responsible",
                relation="responsible",
                role=how.value,
                written=ref,
                **_scalars(marked=marked),
            )
            found: list[tuple[Unit, How, str | None, tuple[Unit, ...]]]
            if isinstance(entry, Unit):
                found = [(entry, how, None, ())]
            else:
                catch_all = isinstance(entry, Group) and entry.catch_all
                through = How.THROUGH_CATCH_ALL if catch_all else How.THROUGH_GROUP
                excluded = self._excluded(ref, task.responsible) if catch_all else ()
                found = [
                    (u, through, node_id(entry), excluded)
                    for u in self.registry.expand(ref, beside=task.responsible, zones=self.zones)
                ]
            for unit, reached, via, excluded in found:
                old = units.get(node_id(unit))
                if old is None or reached.rank < old[0].rank:
                    units[node_id(unit)] = (reached, via, excluded)
        for uid, (how, via, excluded) in units.items():
            if via is None:
                continue  # named directly: the edge above is the unit's own
            g.add_edge(
                uid,
                tid,
                key="responsible",
                relation="responsible",
                role=how.value,
                via=via,
                **_scalars(
                    excluded=" ".join(node_id(u) for u in excluded) or None,
                    excluded_labels="、".join(u.short or u.name for u in excluded) or None,
                ),
            )

    def _provision(self, task: Task | None, provision: Provision, parent: str) -> None:
        g, pid = self.graph, provision_id(provision.id)
        g.add_node(
            pid,
            type="provision",
            label=summary(provision),
            name=provision.id,
            kind=provision.kind,
            bearer=provision.bearer,
            modality=provision.modality.value,
            source=provision.source,
            **_scalars(task=task.number if task is not None else None),
        )
        g.add_edge(pid, parent, key="part_of", relation="part_of")
        where = f"provision {provision.id}"
        if provision.bearer == RESPONSIBLE:
            if task is None:
                raise FazhiError(f"{where}: bearer 责任单位 outside a task has no annotation")
            for ref in task.responsible:
                entry = self._resolve(ref, where)
                g.add_edge(node_id(entry), pid, key="bears", relation="bears", bearer=RESPONSIBLE)
        else:
            entry = self._resolve(provision.bearer, where)
            excluded: tuple[Unit, ...] = ()
            if isinstance(entry, Group) and entry.catch_all and task is not None:
                excluded = self._excluded(provision.bearer, task.responsible)
            g.add_edge(
                node_id(entry),
                pid,
                key="bears",
                relation="bears",
                bearer=provision.bearer,
                **_scalars(
                    excluded=" ".join(node_id(u) for u in excluded) or None,
                    excluded_labels="、".join(u.short or u.name for u in excluded) or None,
                ),
            )
        self._reports(task, provision)
        if isinstance(provision, Workflow):
            self._steps(provision)

    def _reports(self, task: Task | None, provision: Provision) -> None:
        action = getattr(provision, "action", None)
        if not isinstance(action, str):
            return
        match = _REPORT_TO.search(action) or _REPORT_END.search(action)
        if match is None:
            return
        targets = [self.registry.find(name) for name in match.group("to").split("、")]
        if not targets or any(t is None for t in targets):
            return
        beside = task.responsible if task is not None else ()
        units = self.registry.expand_bearer(provision.bearer, beside, zones=self.zones)
        for unit in units:
            for target in targets:
                assert target is not None
                self.graph.add_edge(
                    node_id(unit),
                    node_id(target),
                    key=f"reports_to:{provision.id}",
                    relation="reports_to",
                    provision=provision.id,
                    source=provision.source,
                )

    def _steps(self, workflow: Workflow) -> None:
        g, pid = self.graph, workflow.id
        for step in workflow.steps:
            sid = step_id(pid, step.id)
            g.add_node(
                sid,
                type="step",
                label=step.action,
                name=step.id,
                **_scalars(
                    actor=step.actor,
                    within=step.within,
                    counting=step.counting.value if step.counting else None,
                    condition=step.condition,
                ),
            )
            g.add_edge(sid, provision_id(pid), key="part_of", relation="part_of")
        for step in workflow.steps:
            for before in step.after:
                g.add_edge(
                    step_id(pid, before),
                    step_id(pid, step.id),
                    key="precedes",
                    relation="precedes",
                    **_scalars(
                        within=step.within,
                        counting=step.counting.value if step.counting else None,
                    ),
                )


_REPORT_TO = re.compile(r"向(?P<to>[^,,;;。向]+?)报告")
_REPORT_END = re.compile(r"报告(?P<to>[^,,;;。]+)$")


# -- exports --------------------------------------------------------------------------------


def to_graphml(graph: nx.MultiDiGraph) -> str:
    """The graph as GraphML text (``networkx.read_graphml`` reads it back)."""
    return "\n".join(nx.generate_graphml(graph, encoding="utf-8", prettyprint=True)) + "\n"


def to_gexf(graph: nx.MultiDiGraph) -> str:
    """The graph as GEXF 1.2 text (Gephi)."""
    return "\n".join(nx.generate_gexf(graph, encoding="utf-8", prettyprint=True)) + "\n"


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
        raise FazhiError(f"unknown graph format {format!r}; expected one of {', '.join(FORMATS)}")
    return writers[format](graph)


# -- queries --------------------------------------------------------------------------------


def _graph(source: Source, zones: bool = False) -> nx.MultiDiGraph:
    if isinstance(source, Document):
        return build(source, zones=zones)
    return source


def _edges(
    graph: nx.MultiDiGraph, node: str, relation: str, *, incoming: bool = False
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The (other end, data) of the edges of one relation leaving (or entering) ``node``."""
    edges = graph.in_edges(node, data=True) if incoming else graph.out_edges(node, data=True)
    for source, target, data in edges:
        if data.get("relation") == relation:
            yield (source if incoming else target), data


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    return str(graph.nodes[node].get("label", node))


def find(graph: nx.MultiDiGraph, ref: str, *, type: str | None = None) -> str:
    """The node ``ref`` names: a node id, a name, a short form or an alias (of ``type``).

    :class:`~fazhi_model.errors.UnknownReferenceError` if none, saying what ``ref`` names
    instead (a group where a unit was wanted) or the closest names.
    """
    index: dict[str, list[str]] = {}
    for node, data in graph.nodes(data=True):
        keys = [node, str(data.get("name", "")), str(data.get("label", ""))]
        for key in (*keys, *str(data.get("aliases", "")).split("|")):
            if key and node not in index.setdefault(key, []):
                index[key].append(node)

    def typed(nodes: list[str]) -> list[str]:
        return [n for n in nodes if type is None or graph.nodes[n].get("type") == type]

    hits = typed(index.get(ref, []))
    if hits:
        return hits[0]
    what = type or "node"
    if ref in index:
        kind = graph.nodes[index[ref][0]].get("type")
        raise UnknownReferenceError(f"{ref!r} is a {kind}, not a {what}")
    close = difflib.get_close_matches(ref, [k for k, v in index.items() if typed(v)], n=3)
    if close:
        hint = f"; did you mean {', '.join(close)}?"
    elif what == "unit" and not graph.graph.get("zones", False):
        hint = " (functional zones are left out unless asked for: zones=True, --zones)"
    else:
        hint = ""
    raise UnknownReferenceError(f"unknown {what}: {ref!r}{hint}")


def _up(graph: nx.MultiDiGraph, unit: str) -> dict[str, tuple[str, ...]]:
    """Every unit, group and role that stands for ``unit``, with the shortest path to it."""
    paths: dict[str, tuple[str, ...]] = {unit: (unit,)}
    queue = deque([unit])
    while queue:
        node = queue.popleft()
        nexts = [g for g, _ in _edges(graph, node, "member_of")]
        nexts += [r for r, _ in _edges(graph, node, "covers", incoming=True)]
        for other in nexts:
            if other not in paths:
                paths[other] = (*paths[node], other)
                queue.append(other)
    return paths


def _task_reason(graph: nx.MultiDiGraph, unit: str, number: int, data: dict[str, Any]) -> str:
    how = How(data["role"])
    head = f"任务{number}: "
    if how in (How.FIRST_NAMED, How.NAMED):
        lead = "first-named: 牵头" if how is How.FIRST_NAMED else "named"
        return f"{head}{_label(graph, unit)} ({lead})"
    via = str(data["via"])
    group = _label(graph, via)
    first = any(
        other == via and d.get("role") == How.FIRST_NAMED.value
        for other, d in _edges(graph, task_id(number), "responsible", incoming=True)
    )
    place = ", first-named" if first else ""
    if how is How.THROUGH_GROUP:
        return f"{head}{group} (group{place}; {_label(graph, unit)} is a member)"
    excluded = data.get("excluded_labels")
    if excluded:
        verb = "is" if "、" not in str(excluded) else "are"
        it = "it is" if verb == "is" else "they are"
        return (
            f"{head}{group} (catch-all{place}; {excluded} {verb} named beside it, so {it} excluded)"
        )
    return f"{head}{group} (catch-all{place}; no unit named beside it is a member)"


def _chain(graph: nx.MultiDiGraph, path: tuple[str, ...]) -> str:
    """``bearer (role) → … → group (group) → unit`` for a path from a unit up to its bearer."""
    parts = []
    for node in reversed(path):
        data = graph.nodes[node]
        kind = data.get("type")
        mark = " (people)" if data.get("person") else ""
        parts.append(f"{_label(graph, node)}" + (f" ({kind}{mark})" if kind != "unit" else ""))
    return " → ".join(parts)


def duties(
    source: Source, unit_ref: str, year: int | None = None, *, zones: bool = False
) -> tuple[Assignment, ...]:
    """Every duty of a unit (单位职责), each with the path and a reason saying why it is one.

    The tasks whose annotation names the unit, or a group or catch-all that reaches it (a
    catch-all never reaches the units named beside it); then every provision it bears: as the
    bearer, as a member of a bearing group, as one of the units a bearing role covers, or as a
    responsible unit of the task where the bearer is 责任单位. Ordered by task, then provision.
    With ``year`` (and a document as ``source``), each provision carries its due dates in
    that year (:func:`due_dates`). ``zones`` applies when ``source`` is a document.
    """
    graph = _graph(source, zones)
    unit = find(graph, unit_ref, type="unit")
    label = _label(graph, unit)
    found: list[Assignment] = []
    tasks: dict[int, Assignment] = {}
    for target, data in _edges(graph, unit, "responsible"):
        number = int(graph.nodes[target]["number"])
        via = data.get("via")
        tasks[number] = Assignment(
            unit=unit,
            unit_label=label,
            task=number,
            provision=None,
            how=str(data["role"]),
            path=(unit, str(via), target) if via else (unit, target),
            reason=_task_reason(graph, unit, number, data),
            summary=str(graph.nodes[target].get("name", "")),
        )
    found.extend(tasks.values())
    provisions: dict[str, Assignment] = {}
    up = _up(graph, unit)
    for bearer, path in up.items():
        for pid, data in _edges(graph, bearer, "bears"):
            if pid in provisions or unit in str(data.get("excluded", "")).split():
                continue
            node = graph.nodes[pid]
            number = node.get("task")
            task = int(number) if number is not None else None
            where = f"{node['name']} (任务{task})" if task is not None else str(node["name"])
            if data.get("bearer") == RESPONSIBLE:
                if task is None or task not in tasks:
                    continue
                through = tasks[task]
                how, full = "annotation", (*through.path, pid)
                reason = f"{where}: bearer 责任单位 → {through.reason}"
            else:
                how = (
                    "bearer"
                    if bearer == unit
                    else "through-role"
                    if graph.nodes[bearer].get("type") == "role"
                    else "through-group"
                )
                full = (*path, pid)
                reason = f"{where}: bearer {_chain(graph, path)}"
                if data.get("excluded_labels"):
                    reason += f" ({data['excluded_labels']} named beside it, so excluded)"
            provisions[pid] = Assignment(
                unit=unit,
                unit_label=label,
                task=task,
                provision=str(node["name"]),
                how=how,
                path=full,
                reason=reason,
                summary=str(node.get("label", "")),
            )
    found.extend(provisions.values())
    found.sort(key=_order)
    if year is not None:
        if not isinstance(source, Document):
            raise FazhiError("due dates need the document: pass it, not its graph, with a year")
        return due_dates(source, found, year, zones=zones)
    return tuple(found)


def _order(a: Assignment) -> tuple[int, int, str]:
    return (a.task if a.task is not None else 10**6, a.provision is not None, a.provision or "")


def due_dates(
    doc: Document, found: Sequence[Assignment], year: int, *, zones: bool = False
) -> tuple[Assignment, ...]:
    """The assignments with their provisions' due dates in ``year`` (到期日), per unit.

    The dates are the legal due dates of :func:`fazhi_model.due.schedule` (fixed dates
    not rolled forward; deadlines need trigger events, so none is given here). Raises
    :class:`~fazhi_model.errors.CalendarCoverageError` for a year the calendar does not cover.
    """
    from fazhi_model.due import schedule

    units = {a.unit.removeprefix("unit:") for a in found}
    dates: dict[tuple[str, str], set[dt.date]] = {}
    for unit in sorted(units):
        for item in schedule(doc, year, unit=unit, zones=zones):
            if item.unit is not None:
                dates.setdefault((item.provision, f"unit:{item.unit.id}"), set()).add(item.due)
    return tuple(
        attrs.evolve(a, due=tuple(sorted(dates.get((a.provision, a.unit), ()))))
        if a.provision
        else a
        for a in found
    )


def responsible_for(
    source: Source, provision: str, *, zones: bool = False
) -> tuple[Assignment, ...]:
    """Every unit that bears a provision (承担单位), each with its path and reason."""
    graph = _graph(source, zones)
    pid = provision if provision.startswith("provision:") else provision_id(provision)
    if pid not in graph:
        raise UnknownReferenceError(f"unknown provision: {provision!r}")
    found: list[Assignment] = []
    for unit, data in graph.nodes(data=True):
        if data.get("type") != "unit":
            continue
        found.extend(a for a in duties(graph, unit) if a.path[-1] == pid)
    return tuple(found)


def _step(graph: nx.MultiDiGraph, step: str) -> str:
    sid = step if step.startswith("step:") else f"step:{step}"
    if graph.nodes.get(sid, {}).get("type") != "step":
        raise UnknownReferenceError(f"unknown workflow step: {step!r} (expected e.g. t05.p05/file)")
    return sid


def _precedes(graph: nx.MultiDiGraph) -> nx.DiGraph:
    flow = nx.DiGraph()
    for source, target, data in graph.edges(data=True):
        if data.get("relation") == "precedes":
            flow.add_edge(source, target, within=data.get("within"), counting=data.get("counting"))
    return flow


def _reach(flow: nx.DiGraph, graph: nx.MultiDiGraph, start: str, end: str, other: str) -> Reach:
    best: tuple[int | None, str | None, tuple[str, ...]] | None = None
    for path in nx.all_simple_paths(flow, start, end):
        legs = [flow.edges[a, b] for a, b in itertools.pairwise(path)]
        countings = {leg.get("counting") for leg in legs}
        budget: int | None = None
        counting: str | None = None
        if all(leg.get("within") is not None for leg in legs) and len(countings) == 1:
            budget = sum(int(leg["within"]) for leg in legs)
            counting = str(next(iter(countings)))
        candidate = (budget, counting, tuple(path))
        if best is None or (best[0] is not None and (budget is None or budget > best[0])):
            best = candidate
    assert best is not None
    return Reach(
        step=other,
        action=_label(graph, other),
        budget=best[0],
        counting=best[1],
        path=best[2],
    )


def before(source: Source, step: str) -> tuple[Reach, ...]:
    """The steps that must come before ``step`` (``t05.p05/file``), nearest first."""
    graph = _graph(source)
    sid = _step(graph, step)
    flow = _precedes(graph)
    if sid not in flow:
        return ()
    found = [_reach(flow, graph, a, sid, a) for a in nx.ancestors(flow, sid)]
    return tuple(sorted(found, key=lambda r: (len(r.path), r.step)))


def after(source: Source, step: str) -> tuple[Reach, ...]:
    """The steps that must come after ``step``, nearest first, with the budget from it."""
    graph = _graph(source)
    sid = _step(graph, step)
    flow = _precedes(graph)
    if sid not in flow:
        return ()
    found = [_reach(flow, graph, sid, d, d) for d in nx.descendants(flow, sid)]
    return tuple(sorted(found, key=lambda r: (len(r.path), r.step)))


def unnamed_units(source: Source, *, zones: bool = False) -> tuple[str, ...]:
    """Units that no task names, directly or through a group or catch-all (未分工单位)."""
    graph = _graph(source, zones)
    return tuple(
        node
        for node, data in graph.nodes(data=True)
        if data.get("type") == "unit" and not any(_edges(graph, node, "responsible"))
    )


def empty_groups(source: Source, *, zones: bool = False) -> tuple[str, ...]:
    """Groups that expand to no unit of the registry (空单位组), e.g. 市属〔驻市〕各高校."""
    graph = _graph(source, zones)
    return tuple(
        node
        for node, data in graph.nodes(data=True)
        if data.get("type") == "group" and not any(_edges(graph, node, "member_of", incoming=True))
    )
