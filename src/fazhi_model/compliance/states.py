"""The judged states of an item (督办状态): their Chinese labels, colours and rules.

The rules are applied by :func:`fazhi_model.compliance.judge.judge_item`, in the order given
in :mod:`fazhi_model.compliance.status`.
"""

from __future__ import annotations

import enum

from fazhi_model.wording import STATE_LABELS

__all__ = ["STATE_COLOURS", "STATE_RULES", "State"]


class State(enum.Enum):
    """The judged state of an item (督办状态), worst first; the values are the ``--json`` values."""

    OVERDUE = "overdue"
    """逾期: past the due date, not done."""
    DUE_SOON = "due_soon"
    """临期: due within ``warn_workdays`` working days, not done."""
    BEHIND = "behind"
    """滞后: an annual quota behind its expected pace."""
    NOT_DUE = "not_due"
    """未到期: not yet due, nothing to chase."""
    DONE_LATE = "done_late"
    """已完成(逾期): done after the due date."""
    DONE = "done"
    """已完成: done on or before the due date."""

    @property
    def label(self) -> str:
        """The Chinese label (逾期, 临期, 滞后, 未到期, 已完成(逾期), 已完成)."""
        return STATE_LABELS[self.value]

    @property
    def rank(self) -> int:
        """0 for the worst state (overdue), 5 for done."""
        return _RANK[self]

    @property
    def colour(self) -> str:
        """The background colour of the state on supervision platforms (hex)."""
        return STATE_COLOURS[self.value]


_RANK = {s: i for i, s in enumerate(State)}

STATE_COLOURS = {
    "overdue": "#F8696B",
    "due_soon": "#FFC000",
    "behind": "#FFEB84",
    "not_due": "#FFFFFF",
    "done_late": "#C6E0B4",
    "done": "#63BE7B",
}
"""Colours of the states, as supervision platforms show them: red overdue, amber due soon,
yellow behind, white not due, pale green done late, green done."""

STATE_RULES = {
    "done": (
        "报告已完成(或已销号)且完成日期不晚于截止日; 年度数量指标提供台账记录时, "
        "以记录截至当日达到年度要求为准",
        "reported done (or closed) on or before the due date; for an annual quota with "
        "records, the records reach the yearly minimum by the review day",
    ),
    "done_late": (
        "报告已完成(或已销号)但完成日期晚于截止日: 上报状态不改变逾期事实",
        "reported done (or closed) after the due date: the report does not hide the delay",
    ),
    "overdue": (
        "未完成, 且当日已过截止日(截止日当天仍未逾期)",
        "not done, and the review day is after the due date (the due date itself is not late)",
    ),
    "due_soon": (
        "未完成, 未过截止日, 且当日之后至截止日(含)的工作日数不超过预警天数(默认3个)",
        "not done, not past due, and the working days after the review day up to and "
        "including the due date are at most the warning days (3 by default)",
    ),
    "behind": (
        "年度数量指标未完成, 截至当日的台账记录低于序时进度: 年度要求 × 已过时间比例"
        "(含当日; 按日历日或工作日), 以“次”计的指标向下取整",
        "an annual quota not done whose records by the review day fall short of the "
        "expected pace: yearly minimum × share of the year elapsed (review day included; by "
        "calendar or working days), rounded down for counts",
    ),
    "not_due": (
        "以上均不适用: 尚未到期, 暂无需督办",
        "none of the above: not yet due, nothing to chase",
    ),
}
"""Each state's rule, in Chinese and English (the rules of the module notes)."""
