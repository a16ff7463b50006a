"""The parser's review report (审核清单): what a reviewer must check or fix."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

__all__ = [
    "KINDS",
    "PLACEHOLDER",
    "Issue",
    "ParseReport",
    "report_row",
]

PLACEHOLDER = "未识别"
"""The value written where the parser could not find a required field (占位)."""


@attrs.frozen(kw_only=True)
class Issue:
    """One thing a reviewer must look at (待审事项).

    ``kind`` is a stable tag (e.g. ``unresolved-unit``); ``where`` a location such as
    ``task 3``, ``section 一是`` or ``metadata.issuer``; ``text`` the words concerned.
    """

    kind: str
    where: str
    message: str
    text: str | None = None

    def __str__(self) -> str:
        quoted = f": {self.text}" if self.text else ""
        return f"{self.where}: {self.message}{quoted}"


KINDS: dict[str, str] = {
    "placeholder": "a required field was not found; a placeholder was written",
    "unresolved-unit": "a unit name of an annotation is not in the registry",
    "unknown-bearer": "a provision's bearer is not in the registry",
    "unannotated-task": "a task has no responsibility annotation",
    "unclassified-number": "a sentence has numbers the parser could not classify",
    "missing-trigger": "a deadline whose trigger event was not found",
    "traditional-text": "traditional characters",
    "no-registry": "no unit registry was given",
    "several-annotations": "a task has several annotations",
    "long-title": "a task title longer than a heading sentence usually is",
    "unassigned-text": "text outside every part, heading, task and section",
    "duplicate-task-number": "two tasks with the same number",
    "lead-rule": "the document's rule naming the lead unit was applied",
    "implied-unit": "the document's rule adding a unit to every later task was applied",
    "open-list": "a unit list ends in 等: units it does not name are not listed",
    "table-number": "a table row without a number in its 序号 cell",
    "table-deadline": "a table's 完成时限 cell, kept as text, not modelled",
}
"""Every issue kind with what it means."""


@attrs.frozen(kw_only=True)
class ParseReport:
    """The review report of one parse (解析报告): counts and issues."""

    counts: dict[str, int] = attrs.field(factory=dict)
    issues: tuple[Issue, ...] = ()

    def of(self, kind: str) -> tuple[Issue, ...]:
        """The issues of one kind."""
        return tuple(i for i in self.issues if i.kind == kind)

    @property
    def unresolved(self) -> tuple[str, ...]:
        """Unit names of annotations the registry does not know, each once, in order."""
        return tuple(dict.fromkeys(i.text or "" for i in self.of("unresolved-unit")))

    @property
    def unannotated(self) -> tuple[str, ...]:
        """Where tasks have no responsibility annotation (``task 4``…)."""
        return tuple(i.where for i in self.of("unannotated-task"))

    @property
    def unclassified(self) -> tuple[str, ...]:
        """Sentences with numbers that no provision kind took."""
        return tuple(i.text or "" for i in self.of("unclassified-number"))

    def lines(self) -> Iterable[str]:
        """The report as text lines (for stderr)."""
        counts = ", ".join(f"{k} {v}" for k, v in self.counts.items())
        yield f"parsed: {counts}"
        if not self.issues:
            yield "review: nothing to fix"
            return
        yield f"review: {len(self.issues)} item(s) to check or fix"
        for issue in self.issues:
            yield f"  [{issue.kind}] {issue}"


def report_row(report: ParseReport) -> dict[str, Any]:
    """The report as JSON-ready data (the ``review`` object of ``fazhi parse --json``)."""
    return {
        "counts": dict(report.counts),
        "unresolved_units": list(report.unresolved),
        "unannotated_tasks": list(report.unannotated),
        "unclassified_sentences": list(report.unclassified),
        "issues": [
            {"kind": i.kind, "where": i.where, "message": i.message, "text": i.text}
            for i in report.issues
        ],
    }
