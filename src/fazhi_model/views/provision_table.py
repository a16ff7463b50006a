"""The provisions table (条款表): one row per provision, every measurable field in a column."""

from __future__ import annotations

from fazhi_model.model.document import Document
from fazhi_model.model.provisions import Quota
from fazhi_model.model.summary import summary, when
from fazhi_model.wording import KIND_LABELS

__all__ = ["PROVISION_HEADER", "provision_table"]

PROVISION_HEADER = (
    "编号",
    "任务",
    "类型",
    "承担者",
    "要求",
    "下限",
    "上限",
    "计量单位",
    "统计周期",
    "期限",
    "情态",
    "原文",
)
"""The header of the provisions table."""


def provision_table(doc: Document) -> list[list[str | int]]:
    """One row per provision under :data:`PROVISION_HEADER`; empty cells are ``""``."""
    rows: list[list[str | int]] = []
    for task, p in doc.provisions():
        quota = p if isinstance(p, Quota) else None
        rows.append(
            [
                p.id,
                task.number if task is not None else "组织保障",
                KIND_LABELS.get(p.kind, p.kind),
                p.bearer,
                summary(p),
                quota.minimum if quota and quota.minimum is not None else "",
                quota.maximum if quota and quota.maximum is not None else "",
                (quota.measure.value + ("/人" if quota.per.value == "person" else ""))
                if quota
                else "",
                quota.period.label if quota else "",
                when(p) if quota is None else "",  # a quota's period has its own column
                p.modality.label,
                p.source,
            ]
        )
    return rows
