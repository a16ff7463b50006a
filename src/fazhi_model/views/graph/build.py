"""The duty graph (职责图): who is responsible for what, and why.

:func:`build` turns a document into a :class:`networkx.MultiDiGraph` whose nodes are units
(``unit:gz-justice``), groups (``group:counties``), roles (``role:governments``), tasks
(``task:3``), sections of 三、组织保障 (``section:3``), provisions (``provision:t03.p01``) and
workflow steps (``step:t05.p05/review``). Every node has ``type``, ``label`` (the Chinese name
as the document writes it) and ``name`` (the full name, title or id); every edge has a
``relation``:

* ``responsible`` (unit/group → task), with ``role`` (a :class:`How` value): ``lead`` only
  where the document says who leads (:attr:`Task.lead`: 牵头单位 in the annotation, or the
  document's own rule such as 第一责任单位为牵头单位; ``lead_from`` says which), ``named``,
  ``cooperating`` (配合), ``guiding`` (指导), ``through-group`` or ``through-catch-all`` (a
  unit reached through a group or a catch-all named in the annotation; ``via`` names that
  group). Being named first is never a role: a named reference carries its place in the
  annotation as ``order`` (1, 2, …). A catch-all (其他…) excludes the units named beside it.
* ``member_of`` (unit → group) and ``covers`` (role → unit, group or role it stands for).
* ``part_of`` (provision → task or section; step → provision).
* ``precedes`` (step → step), with ``within``/``counting`` where the later step has a budget.
* ``reports_to`` (unit → unit or role), from provisions whose action says 向X报告 or ends
  报告X、Y (every X a registry name), with the ``source`` quote.
* ``bears`` (unit/group/role → provision): the provision's bearer, with ``certainty``
  (``certain``, ``reading`` or ``uncertain``: :class:`~fazhi_model.model.provisions.Certainty`).
  A provision borne by the reserved bearer 责任单位 is borne by each reference of its task's
  annotation (``bearer="责任单位"``).

Every attribute is a GraphML-safe scalar (str, int, float or bool; never ``None``), so the graph
writes to GraphML and GEXF as it is, and the queries below work on a graph read back with
:func:`networkx.read_graphml` as well as on one just built.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Sequence

import networkx as nx

from fazhi_model.errors import InputError, UnknownReferenceError
from fazhi_model.model.document import Document, Task
from fazhi_model.model.provisions import Deadline, Provision, Step, Workflow
from fazhi_model.model.summary import summary
from fazhi_model.model.units import RESPONSIBLE, Entry, Group, Registry, Unit, UnitKind

__all__ = [
    "RELATIONS",
    "Graph",
    "How",
    "build",
    "build_graph",
    "node_id",
    "provision_id",
    "step_id",
    "task_id",
]

Graph = nx.MultiDiGraph
"""The type of a duty graph."""

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


class How(enum.StrEnum):
    """How a task falls to a unit or group (责任方式); the value is the edge's ``role``.

    牵头 (``lead``) only where the document says who leads: 牵头单位 in the annotation or the
    document's own rule (:attr:`Task.lead`). Being named first is an order, not a role.
    """

    LEAD = "lead"
    """Marked as leading by the document (牵头)."""
    NAMED = "named"
    """Named in the annotation (责任)."""
    COOPERATING = "cooperating"
    """Named as cooperating (配合)."""
    GUIDING = "guiding"
    """Named as guiding (指导)."""
    THROUGH_GROUP = "through-group"
    """A member of a group named in the annotation (组内)."""
    THROUGH_CATCH_ALL = "through-catch-all"
    """Reached by a catch-all (其他…) named in the annotation, not excluded by it (其他)."""

    @property
    def label(self) -> str:
        """The short Chinese label of a matrix cell: 牵头, 责任, 配合, 指导, 组内, 其他."""
        return _HOW_LABELS[self]

    @property
    def rank(self) -> int:
        """Strength, strongest first: a unit named and in a group counts as named."""
        return list(How).index(self)


_HOW_LABELS = {
    How.LEAD: "牵头",
    How.NAMED: "责任",
    How.COOPERATING: "配合",
    How.GUIDING: "指导",
    How.THROUGH_GROUP: "组内",
    How.THROUGH_CATCH_ALL: "其他",
}


def _lead_from(task: Task) -> str:
    """Where a task's lead comes from: ``named`` (牵头 beside it) or ``rule`` (the document's)."""
    return task.lead_from.value if task.lead_from is not None else "named"


def _named_how(task: Task, ref: str) -> How:
    """How a reference written in the annotation holds the task: as the text marks it."""
    if ref in task.lead:
        return How.LEAD
    if ref in task.cooperating:
        return How.COOPERATING
    if ref in task.guiding:
        return How.GUIDING
    return How.NAMED


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
            how = _named_how(task, ref)
            g.add_edge(
                node_id(entry),
                tid,
                key="responsible",
                relation="responsible",
                role=how.value,
                written=ref,
                order=index + 1,
                **_scalars(lead_from=_lead_from(task) if how is How.LEAD else None),
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
            certainty=provision.certainty.value,
            source=provision.source,
            **_scalars(task=task.number if task is not None else None, note=provision.note),
        )
        certainty = provision.certainty.value
        g.add_edge(pid, parent, key="part_of", relation="part_of")
        where = f"provision {provision.id}"
        if provision.bearer == RESPONSIBLE:
            if task is None:
                raise InputError(f"{where}: 任务外无责任单位 (bearer 责任单位 outside a task)")
            for ref in task.responsible:
                entry = self._resolve(ref, where)
                g.add_edge(
                    node_id(entry),
                    pid,
                    key="bears",
                    relation="bears",
                    bearer=RESPONSIBLE,
                    certainty=certainty,
                )
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
                certainty=certainty,
                **_scalars(
                    excluded=" ".join(node_id(u) for u in excluded) or None,
                    excluded_labels="、".join(u.short or u.name for u in excluded) or None,
                ),
            )
        self._reports(task, provision)
        if isinstance(provision, Workflow):
            self._steps(provision)

    def _limit(self, step: Step) -> tuple[int | None, str | None]:
        """A step's time limit: its own, or that of the deadline it points to."""
        if step.provision is not None:
            try:
                _, target = self.doc.provision(step.provision)
            except KeyError:
                return None, None
            if isinstance(target, Deadline):
                return target.amount, target.counting.value
            return None, None
        return step.within, step.counting.value if step.counting else None

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
            within, counting = self._limit(step)
            g.add_node(
                sid,
                type="step",
                label=step.action,
                name=step.id,
                **_scalars(
                    actor=step.actor,
                    within=within,
                    counting=counting,
                    condition=step.condition,
                    provision=step.provision,
                ),
            )
            g.add_edge(sid, provision_id(pid), key="part_of", relation="part_of")
        for step in workflow.steps:
            within, counting = self._limit(step)
            for before in step.after:
                g.add_edge(
                    step_id(pid, before),
                    step_id(pid, step.id),
                    key="precedes",
                    relation="precedes",
                    **_scalars(within=within, counting=counting),
                )


_REPORT_TO = re.compile(r"向(?P<to>[^,,;;。向]+?)报告")
_REPORT_END = re.compile(r"报告(?P<to>[^,,;;。]+)$")
