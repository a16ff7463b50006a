"""Queries on the duty graph (职责查询): who owes what, why, before and after what.

Each answer carries the path through the graph that explains it. The queries accept a
document (its graph is built) or a graph, also one read back from GraphML.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import itertools
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any, TypeAlias

import attrs
import networkx as nx

from fazhi_model.dates.estimating import AnyCalendar
from fazhi_model.dates.schedule import schedule
from fazhi_model.errors import InputError, UnknownReferenceError
from fazhi_model.model.document import Document
from fazhi_model.model.provisions import Certainty
from fazhi_model.model.units import RESPONSIBLE
from fazhi_model.views.graph.build import How, build, provision_id, task_id
from fazhi_model.wording import DUTY_REASONS, ENTRY_LABELS

__all__ = [
    "Assignment",
    "Bearing",
    "GraphSource",
    "Reach",
    "after",
    "before",
    "due_dates",
    "duties",
    "empty_groups",
    "find",
    "responsible_for",
    "unnamed_units",
]

GraphSource: TypeAlias = Document | nx.MultiDiGraph
"""What the queries accept: a document (its graph is built) or a graph."""


class Bearing(enum.StrEnum):
    """How a provision reaches a unit (承担方式); the value is ``how`` in ``duties --json``."""

    BEARER = "bearer"
    """The unit is the provision's bearer (承担)."""
    THROUGH_GROUP = "through-group"
    """The unit is a member of the bearing group (组内)."""
    THROUGH_ROLE = "through-role"
    """The unit is one the bearing role covers (角色)."""
    ANNOTATION = "annotation"
    """The bearer is 责任单位 and the unit is one of the task's responsible units (责任单位)."""
    UNRESOLVED = "unresolved"
    """The bearer reaches no unit of the registry; listed for every responsible unit of the
    task, as possibly theirs, so that it is never dropped (未落实)."""

    @property
    def label(self) -> str:
        """The short Chinese label: 承担, 组内, 角色, 责任单位, 未落实."""
        return _BEARING_LABELS[self]


_BEARING_LABELS = {
    Bearing.BEARER: "承担",
    Bearing.THROUGH_GROUP: "组内",
    Bearing.THROUGH_ROLE: "角色",
    Bearing.ANNOTATION: "责任单位",
    Bearing.UNRESOLVED: "未落实",
}


@attrs.frozen(kw_only=True)
class Assignment:
    """One duty of one unit (分工), with the path through the graph that explains it.

    ``provision`` is ``None`` for the responsibility for a whole task. ``how`` is a
    :class:`How` for tasks and a :class:`Bearing` for provisions (both string enums, so
    ``a.how == "annotation"`` holds). ``certainty`` says how sure the bearer is
    (:class:`~fazhi_model.model.provisions.Certainty`; ``uncertain`` for an unresolved bearer),
    with the data's ``note`` giving the reason. ``path`` runs from the unit to the task or
    provision. ``due`` holds the due dates in the year asked for, where a schedule gives them.
    """

    unit: str
    unit_label: str
    task: int | None
    provision: str | None
    how: How | Bearing
    path: tuple[str, ...]
    reason: str
    summary: str
    certainty: Certainty = Certainty.CERTAIN
    note: str | None = None
    due: tuple[dt.date, ...] = ()

    @property
    def label(self) -> str:
        """The Chinese label of ``how`` (:attr:`How.label` or :attr:`Bearing.label`)."""
        return self.how.label

    def row(self) -> dict[str, Any]:
        """A JSON-ready row (the ``fazhi duties --json`` contract)."""
        return {
            "unit": self.unit,
            "unit_label": self.unit_label,
            "task": self.task,
            "provision": self.provision,
            "how": self.how.value,
            "certainty": self.certainty.value,
            "note": self.note,
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


def _graph(source: GraphSource, zones: bool = False) -> nx.MultiDiGraph:
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


_R = DUTY_REASONS

_NAMED_WORDS = {
    How.LEAD: _R["lead"],
    How.NAMED: _R["named"],
    How.COOPERATING: _R["cooperating"],
    How.GUIDING: _R["guiding"],
}


def _place(data: dict[str, Any], written: int) -> str:
    """``注中第1个, 共3个``: a reference's place in the annotation, an order and not a role."""
    order = int(data.get("order", 0) or 0)
    return _R["place"].format(order=order, written=written) if order else ""


def _task_reason(graph: nx.MultiDiGraph, unit: str, number: int, data: dict[str, Any]) -> str:
    how = How(data["role"])
    head = f"任务{number}: "
    edges = list(_edges(graph, task_id(number), "responsible", incoming=True))
    written = sum(1 for _, d in edges if "via" not in d)
    if how in _NAMED_WORDS:
        place = _place(data, written)
        words = _NAMED_WORDS[how] if how is not How.NAMED else ""
        inside = "; ".join(x for x in (words, place) if x) or _R["named"]
        return f"{head}{_label(graph, unit)} ({inside})"
    via = str(data["via"])
    group = _label(graph, via)
    own = next((d for other, d in edges if other == via and "via" not in d), {})
    role = How(own["role"]) if own.get("role") else How.NAMED
    mark = f", {_NAMED_WORDS[role]}" if role is not How.NAMED else ""
    if how is How.THROUGH_GROUP:
        return f"{head}{group} ({_R['group'].format(role=mark, unit=_label(graph, unit))})"
    excluded = data.get("excluded_labels")
    if excluded:
        text = _R["catch_all_excluded"].format(role=mark, excluded=excluded)
        return f"{head}{group} ({text})"
    return f"{head}{group} ({_R['catch_all'].format(role=mark)})"


def _chain(graph: nx.MultiDiGraph, path: tuple[str, ...]) -> str:
    """``承担者 (角色) → … → 单位组 (单位组) → 单位`` for a path from a unit up to its bearer."""
    parts = []
    for node in reversed(path):
        data = graph.nodes[node]
        kind = str(data.get("type"))
        mark = f", {_R['people']}" if data.get("person") else ""
        label = ENTRY_LABELS.get(kind, kind)
        parts.append(f"{_label(graph, node)}" + (f" ({label}{mark})" if kind != "unit" else ""))
    return " → ".join(parts)


def duties(
    source: GraphSource,
    year: int | None = None,
    *,
    unit: str,
    zones: bool = False,
    calendar: AnyCalendar | None = None,
) -> tuple[Assignment, ...]:
    """Every duty of a unit (单位职责), each with the path and a reason saying why it is one.

    The tasks whose annotation names the unit, or a group or catch-all that reaches it (a
    catch-all never reaches the units named beside it); then every provision it bears: as the
    bearer, as a member of a bearing group, as one of the units a bearing role covers, or as a
    responsible unit of the task where the bearer is 责任单位. A provision whose bearer reaches
    no unit of the registry is never dropped: it is listed for every responsible unit of its
    task (every unit, outside the tasks) as ``unresolved`` and ``uncertain``. Each provision
    carries the data's ``certainty`` (a bearer that is a reading, or uncertain) and ``note``.
    Ordered by task, then provision.
    With ``year`` (and a document as ``source``), each provision carries its due dates in
    that year (:func:`due_dates`), counted on ``calendar`` (default: the official one).
    ``zones`` applies when ``source`` is a document.
    """
    graph = _graph(source, zones)
    unit_ref = unit
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
            how=How(data["role"]),
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
            how: Bearing
            if data.get("bearer") == RESPONSIBLE:
                if task is None or task not in tasks:
                    continue
                through = tasks[task]
                how, full = Bearing.ANNOTATION, (*through.path, pid)
                reason = f"{where}: {_R['bearer']} {RESPONSIBLE} → {through.reason}"
            else:
                how = (
                    Bearing.BEARER
                    if bearer == unit
                    else Bearing.THROUGH_ROLE
                    if graph.nodes[bearer].get("type") == "role"
                    else Bearing.THROUGH_GROUP
                )
                full = (*path, pid)
                reason = f"{where}: {_R['bearer']} {_chain(graph, path)}"
                if data.get("excluded_labels"):
                    reason += f" ({_R['excluded'].format(excluded=data['excluded_labels'])})"
            certainty = Certainty(str(node.get("certainty", Certainty.CERTAIN.value)))
            if certainty is not Certainty.CERTAIN:
                reason += f" [{certainty.label}]"
            provisions[pid] = Assignment(
                unit=unit,
                unit_label=label,
                task=task,
                provision=str(node["name"]),
                how=how,
                path=full,
                reason=reason,
                summary=str(node.get("label", "")),
                certainty=certainty,
                note=_note(node),
            )
    for pid, bearer in _unresolved(graph):
        node = graph.nodes[pid]
        number = node.get("task")
        task = int(number) if number is not None else None
        if pid in provisions or (task is not None and task not in tasks):
            continue
        where = f"{node['name']} (任务{task})" if task is not None else str(node["name"])
        full = (*tasks[task].path, pid) if task is not None else (unit, pid)
        scope = (
            _R["unresolved_task"].format(task=task)
            if task is not None
            else _R["unresolved_section"]
        )
        provisions[pid] = Assignment(
            unit=unit,
            unit_label=label,
            task=task,
            provision=str(node["name"]),
            how=Bearing.UNRESOLVED,
            path=full,
            reason=f"{where}: "
            + _R["unresolved"].format(bearer=_label(graph, bearer), unit=label, scope=scope)
            + f" [{Certainty.UNCERTAIN.label}]",
            summary=str(node.get("label", "")),
            certainty=Certainty.UNCERTAIN,
            note=_note(node),
        )
    found.extend(provisions.values())
    found.sort(key=_order)
    if year is not None:
        if not isinstance(source, Document):
            raise InputError("到期日需要文件而非图 (due dates need the document, not its graph)")
        return due_dates(source, found, year, zones=zones, calendar=calendar)
    return tuple(found)


def _note(node: dict[str, Any]) -> str | None:
    note = node.get("note")
    return str(note) if note else None


def _reaches_unit(graph: nx.MultiDiGraph, node: str, seen: set[str] | None = None) -> bool:
    """Whether a unit, group or role stands for at least one unit of the graph."""
    seen = set() if seen is None else seen
    if node in seen:
        return False
    seen.add(node)
    kind = graph.nodes[node].get("type")
    if kind == "unit":
        return True
    if kind == "group":
        return any(True for _ in _edges(graph, node, "member_of", incoming=True))
    return any(_reaches_unit(graph, other, seen) for other, _ in _edges(graph, node, "covers"))


def _unresolved(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str]]:
    """(provision, bearer) for every provision whose named bearer reaches no unit."""
    for source, target, data in graph.edges(data=True):
        if (
            data.get("relation") == "bears"
            and data.get("bearer") != RESPONSIBLE
            and not _reaches_unit(graph, source)
        ):
            yield target, source


def _order(a: Assignment) -> tuple[int, int, str]:
    return (a.task if a.task is not None else 10**6, a.provision is not None, a.provision or "")


def due_dates(
    doc: Document,
    found: Sequence[Assignment],
    year: int,
    *,
    zones: bool = False,
    calendar: AnyCalendar | None = None,
) -> tuple[Assignment, ...]:
    """The assignments with their provisions' due dates in ``year`` (到期日), per unit.

    The dates are the legal due dates of :func:`fazhi_model.dates.schedule.schedule` (fixed dates
    not rolled forward; deadlines need trigger events, so none is given here). Raises
    :class:`~fazhi_model.errors.CalendarCoverageError` for a year the calendar does not cover.
    """

    units = {a.unit.removeprefix("unit:") for a in found}
    dates: dict[tuple[str, str], set[dt.date]] = {}
    for unit in sorted(units):
        for item in schedule(doc, year, unit=unit, zones=zones, calendar=calendar):
            if item.unit is not None:
                dates.setdefault((item.provision, f"unit:{item.unit.id}"), set()).add(item.due)
    return tuple(
        attrs.evolve(a, due=tuple(sorted(dates.get((a.provision, a.unit), ()))))
        if a.provision
        else a
        for a in found
    )


def responsible_for(
    source: GraphSource, provision: str, *, zones: bool = False
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
        found.extend(a for a in duties(graph, unit=unit) if a.path[-1] == pid)
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


def before(source: GraphSource, step: str) -> tuple[Reach, ...]:
    """The steps that must come before ``step`` (``t05.p05/file``), nearest first."""
    graph = _graph(source)
    sid = _step(graph, step)
    flow = _precedes(graph)
    if sid not in flow:
        return ()
    found = [_reach(flow, graph, a, sid, a) for a in nx.ancestors(flow, sid)]
    return tuple(sorted(found, key=lambda r: (len(r.path), r.step)))


def after(source: GraphSource, step: str) -> tuple[Reach, ...]:
    """The steps that must come after ``step``, nearest first, with the budget from it."""
    graph = _graph(source)
    sid = _step(graph, step)
    flow = _precedes(graph)
    if sid not in flow:
        return ()
    found = [_reach(flow, graph, sid, d, d) for d in nx.descendants(flow, sid)]
    return tuple(sorted(found, key=lambda r: (len(r.path), r.step)))


def unnamed_units(source: GraphSource, *, zones: bool = False) -> tuple[str, ...]:
    """Units that no task names, directly or through a group or catch-all (未分工单位)."""
    graph = _graph(source, zones)
    return tuple(
        node
        for node, data in graph.nodes(data=True)
        if data.get("type") == "unit" and not any(_edges(graph, node, "responsible"))
    )


def empty_groups(source: GraphSource, *, zones: bool = False) -> tuple[str, ...]:
    """Groups that expand to no unit of the registry (空单位组), e.g. 市属〔驻市〕各高校."""
    graph = _graph(source, zones)
    return tuple(
        node
        for node, data in graph.nodes(data=True)
        if data.get("type") == "group" and not any(_edges(graph, node, "member_of", incoming=True))
    )
