"""Attaching annotations to tasks (责任标注): the annotations of a block, the roles they name,
the segments they close, and the document's rules stated once for later tasks (下同).
"""

from __future__ import annotations

import attrs

from fazhi_model.model.document import LeadBasis, Task
from fazhi_model.model.units import Registry
from fazhi_model.parse import annotation as _ann
from fazhi_model.parse import styles
from fazhi_model.parse.report import Issue

__all__ = [
    "Finder",
    "Roles",
    "apply_rules",
    "closes",
    "groups",
    "merge",
]

_CLOSERS_AFTER = "。;!?\n"
_CLOSERS_BEFORE = "。;!?\n:"


class Finder:
    """The annotations of a block, found once per block start (absolute positions)."""

    def __init__(self, text: str, registry: Registry | None) -> None:
        self.text = text
        self.registry = registry
        self.cache: dict[int, tuple[int, list[_ann.Annotation]]] = {}

    def __call__(self, start: int, end: int) -> list[_ann.Annotation]:
        if end <= start:
            return []
        known = self.cache.get(start)
        if known is None or known[0] < end:
            found = [
                _ann.Annotation(
                    a.start + start,
                    a.end + start,
                    a.responsible,
                    a.lead,
                    a.cooperating,
                    a.guiding,
                    a.open_list,
                )
                for a in _ann.find(self.text[start:end], self.registry)
            ]
            known = (end, found)
            self.cache[start] = known
        return [a for a in known[1] if a.end <= end]


@attrs.frozen
class Roles:
    """The references of one task by role, and the span of its (joined) annotation."""

    responsible: tuple[str, ...]
    lead: tuple[str, ...]
    cooperating: tuple[str, ...]
    guiding: tuple[str, ...]
    start: int
    end: int
    open_list: bool


def merge(found: list[_ann.Annotation]) -> Roles:
    """The roles of annotations joined (one task's), in the order first named."""
    return Roles(
        responsible=_ann.unique([n for a in found for n in a.responsible]),
        lead=_ann.unique([n for a in found for n in a.lead]),
        cooperating=_ann.unique([n for a in found for n in a.cooperating]),
        guiding=_ann.unique([n for a in found for n in a.guiding]),
        start=found[0].start,
        end=found[-1].end,
        open_list=any(a.open_list for a in found),
    )


def groups(text: str, found: list[_ann.Annotation]) -> list[list[_ann.Annotation]]:
    """Annotations that close a segment, each with those before it that do not.

    Annotations with only blanks between them form one group (separate lines); one in the
    middle of a sentence (``建立制度(由A负责),并…``) closes nothing: it joins the next.
    """
    grouped: list[list[_ann.Annotation]] = []
    pending: list[_ann.Annotation] = []
    for a in found:
        if not pending and grouped and not text[grouped[-1][-1].end : a.start].strip():
            grouped[-1].append(a)
        elif closes(text, a):
            grouped.append([*pending, a])
            pending = []
        else:
            pending.append(a)
    if pending:
        if grouped:
            grouped[-1].extend(pending)
        else:
            grouped.append(pending)
    return grouped


def closes(text: str, a: _ann.Annotation) -> bool:
    """Whether an annotation ends a sentence or a line (or follows the end of one)."""
    after = text[a.end : a.end + 2].lstrip(" \t")
    if not after or after[0] in _CLOSERS_AFTER:
        return True
    before = text[max(0, a.start - 2) : a.start].rstrip(" \t")
    return not before or before[-1] in _CLOSERS_BEFORE


def apply_rules(
    text: str, tasks: list[Task], where_task: list[tuple[int, int]], issues: list[Issue]
) -> None:
    """Apply the document's rules from where each is stated on (下同), to ``tasks`` in place.

    ``where_task`` holds (annotation end, task start) of each task.
    """
    lead_rule = _ann.LEAD_RULE.search(text)
    implied: dict[str, int] = {}
    for m in styles.IMPLIED_RULE.finditer(text):
        implied.setdefault(m.group("unit").strip(), m.end())
    rules = sorted((pos, unit) for unit, pos in implied.items())
    order = sorted(range(len(tasks)), key=lambda k: where_task[k][1])
    active: list[str] = []
    r = 0
    changed = 0
    for i in order:
        task = tasks[i]
        ann_end, start = where_task[i]
        while r < len(rules) and rules[r][0] <= start:
            active.append(rules[r][1])
            r += 1
        extra = tuple(unit for unit in active if unit not in task.responsible)
        if extra:
            task = attrs.evolve(task, responsible=(*task.responsible, *extra), implied=extra)
        if not task.lead and lead_rule is not None and lead_rule.start() < ann_end:
            first = task.responsible[0] if task.responsible else None
            if first is not None and not _ann.is_catch_all(first):
                task = attrs.evolve(task, lead=(first,), lead_from=LeadBasis.RULE)
                changed += 1
        tasks[i] = task
    if changed and lead_rule is not None:
        issues.append(
            Issue(
                kind="lead-rule",
                where="tasks",
                message=f"the first-named unit was taken as the lead of {changed} task(s), as "
                "the text states",
                text=lead_rule.group(0),
            )
        )
    for unit in implied:
        issues.append(
            Issue(
                kind="implied-unit",
                where="tasks",
                message="the text states a unit for every later task; it was added to them",
                text=unit,
            )
        )
