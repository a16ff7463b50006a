"""A unit's checklist for a year (年度工作清单): its tasks and provisions with their dates."""

from __future__ import annotations

import attrs

from fazhi_model._display import markdown_table
from fazhi_model.dates.estimating import AnyCalendar
from fazhi_model.model.document import Document
from fazhi_model.model.summary import summary, when
from fazhi_model.views.graph.build import build
from fazhi_model.views.graph.queries import Bearing, due_dates, duties, find
from fazhi_model.wording import KIND_LABELS

__all__ = ["PROVISION_HOW", "Checklist", "ChecklistItem", "checklist"]

PROVISION_HOW = {bearing.value: bearing.label for bearing in Bearing}
"""Short Chinese labels of how a provision reaches a unit (:class:`Bearing`), by value."""


@attrs.frozen(kw_only=True)
class ChecklistItem:
    """One line of a unit's checklist (工作清单项): a task, or a provision of it.

    ``kind`` is 任务 or the provision kind's Chinese name; ``how`` says how it reaches the unit:
    牵头/责任/配合/指导/组内/其他 for a task, 承担/组内/角色/责任单位/未落实 for a provision, with
    推断 or 存疑 added where the bearer is a reading or uncertain; ``when`` is the time limit as
    the document sets it; ``due`` the due dates in the year, where a schedule gives them.
    """

    task: int | None
    provision: str | None
    kind: str
    how: str
    summary: str
    when: str
    due: tuple[str, ...]
    reason: str


@attrs.frozen(kw_only=True)
class Checklist:
    """A unit's duties for one year (年度工作清单)."""

    unit: str
    unit_name: str
    year: int
    items: tuple[ChecklistItem, ...]

    def to_markdown(self) -> str:
        """The checklist as a Markdown table."""
        head = ("任务", "条款", "类型", "方式", "要求", "期限", "到期日", "依据")
        body = [
            (
                i.task if i.task is not None else "组织保障",
                i.provision or "",
                i.kind,
                i.how,
                i.summary,
                i.when,
                "、".join(i.due),
                i.reason,
            )
            for i in self.items
        ]
        return f"# {self.unit_name} {self.year}年工作清单\n\n" + markdown_table(head, body)


def checklist(
    doc: Document,
    year: int,
    *,
    unit: str,
    zones: bool = False,
    calendar: AnyCalendar | None = None,
) -> Checklist:
    """A unit's checklist for a year (年度工作清单): its tasks and provisions, with quotas,
    time limits and the due dates :func:`fazhi_model.dates.schedule.schedule` gives for the year.

    Nothing is dropped for the year: a target due by an earlier year stays on the list (the
    document does not say it lapses), with its time limit in ``when``.
    """
    graph = build(doc, zones=zones)
    node = find(graph, unit, type="unit")
    provisions = {p.id: p for _, p in doc.provisions()}
    items = []
    found = duties(graph, unit=node)
    for a in due_dates(doc, found, year, zones=zones, calendar=calendar):
        p = provisions.get(a.provision) if a.provision else None
        items.append(
            ChecklistItem(
                task=a.task,
                provision=a.provision,
                kind=KIND_LABELS.get(p.kind, p.kind) if p else "任务",
                how=a.label + (f"({a.certainty.label})" if a.certainty.label else ""),
                summary=summary(p) if p else a.summary,
                when=when(p) if p else "",
                due=tuple(d.isoformat() for d in a.due),
                reason=a.reason,
            )
        )
    return Checklist(
        unit=node, unit_name=str(graph.nodes[node]["name"]), year=year, items=tuple(items)
    )
