"""The document (文件): metadata, parts, headings, tasks and their provisions.

Structure of the genre: 一、总体要求 / 二、工作任务 (headings (一)…, numbered tasks 1.…, each
ending with its responsibility annotation 〔责任单位:…〕) / 三、组织保障 (sections 一是…).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator

import attrs

from fazhi_model import _display
from fazhi_model.model.provisions import Provision
from fazhi_model.model.summary import summary
from fazhi_model.model.units import Registry
from fazhi_model.wording import (
    DOCUMENT_COUNTS,
    DOCUMENT_REPR_HEADER,
    KIND_LABELS,
    RESPONSIBLE_LINE,
    TASK_REPR_HEADER,
)

__all__ = [
    "Document",
    "Heading",
    "LeadBasis",
    "Metadata",
    "Part",
    "Reference",
    "Review",
    "Section",
    "Task",
]


class Review(enum.Enum):
    """Whether people have checked the data (审核状态)."""

    REVIEWED = "reviewed"
    """Modelled or checked by hand against the source text."""
    EXTRACTED = "extracted"
    """Extracted by the parser; not yet reviewed."""


class LeadBasis(enum.Enum):
    """Why a reference is the task's lead unit (牵头依据)."""

    NAMED = "named"
    """The text writes 牵头 beside it."""
    RULE = "rule"
    """The document's own rule names it, e.g. 列第一位者为牵头单位."""


@attrs.frozen(kw_only=True)
class Reference:
    """A citation of another document (引用文件), or of a published copy of it (参考来源)."""

    title: str
    number: str | None = None
    issuer: str | None = None
    url: str | None = None
    """Where a copy of it can be read, where recorded."""


@attrs.frozen(kw_only=True)
class Metadata:
    """What the document is (文件信息)."""

    title: str
    issuer: str
    issued: dt.date
    issuer_reading: str | None = None
    """Why the issuer is who it is, where the text does not name it (a reading, 推断)."""
    adopted_at: str | None = None
    """The meeting that adopted it (审议通过的会议)."""
    disclosure: str | None = None
    """Disclosure marking, e.g. 主动公开."""
    number: str | None = None
    """Document number (文号), where known."""
    implements: tuple[Reference, ...] = ()
    addressees: tuple[str, ...] = ()
    source_url: str | None = None
    title_en: str | None = None


@attrs.frozen(kw_only=True)
class Part:
    """A top-level part (部分), e.g. 一、总体要求."""

    number: int
    title: str
    text: str | None = None
    """The part's own text, where it has text outside its headings and tasks."""


@attrs.frozen(kw_only=True)
class Heading:
    """A heading that groups tasks (标题), e.g. (一)坚持党对法治政府建设的领导."""

    number: int
    title: str
    part: int


@attrs.frozen(kw_only=True)
class Task:
    """A numbered task (工作任务) with its responsible units and provisions.

    ``responsible`` holds the references of the responsibility annotation exactly as written,
    one reference each, in order (task 1: 各县(市、区)政府, 市司法局, 其他市政府部门).
    ``lead`` and ``cooperating`` are the references the text marks as leading (牵头) and
    cooperating (配合), where it does.
    """

    number: int
    title: str
    text: str
    responsible: tuple[str, ...]
    provisions: tuple[Provision, ...] = ()
    heading: int | None = None
    annotation: str | None = None
    """The responsibility annotation as written (〔责任单位:…〕)."""
    lead: tuple[str, ...] = ()
    cooperating: tuple[str, ...] = ()
    guiding: tuple[str, ...] = ()
    """References the text marks as guiding (指导, 指导部门); also in ``responsible``."""
    lead_from: LeadBasis | None = None
    """Why ``lead`` is the lead: :attr:`LeadBasis.NAMED` (牵头 written beside it) or
    :attr:`LeadBasis.RULE` (the document's own rule); ``None`` where there is no lead."""
    implied: tuple[str, ...] = ()
    """References a rule of the document adds to this task (以下均需试点城市政府落实, 不再列出);
    also in ``responsible``."""

    def _repr_html_(self) -> str:
        """The task for Jupyter: its number, title and 责任单位, then one row per provision."""
        body = [(p.id, KIND_LABELS[p.kind], p.bearer, summary(p)) for p in self.provisions]
        rows = _display.table(TASK_REPR_HEADER, body, css="fazhi-task")
        units = RESPONSIBLE_LINE.format(units="、".join(self.responsible))
        caption = (f"{self.number}. {self.title}", units)
        return _display.block("fazhi-task", caption, rows)


@attrs.frozen(kw_only=True)
class Section:
    """A section outside the tasks (段落), e.g. 三、组织保障's 一是要高度重视."""

    label: str
    title: str
    text: str
    part: int
    provisions: tuple[Provision, ...] = ()


@attrs.frozen(kw_only=True)
class Document:
    """A policy document as data (政策文件).

    ``units`` is the registry the document's references resolve against; ``source_text`` the
    full source text that every provision quotes from.
    """

    id: str
    metadata: Metadata
    review: Review
    parts: tuple[Part, ...]
    headings: tuple[Heading, ...]
    tasks: tuple[Task, ...]
    sections: tuple[Section, ...] = ()
    source_file: str | None = None
    """The source text's file, relative to the data file (原文)."""
    registry_file: str | None = None
    """The unit registry's file, relative to the data file (单位名录)."""
    units: Registry | None = attrs.field(default=None, eq=False, repr=False)
    source_text: str | None = attrs.field(default=None, eq=False, repr=False)

    def task(self, number: int) -> Task:
        """The task with this number; ``KeyError`` if none."""
        for task in self.tasks:
            if task.number == number:
                return task
        raise KeyError(f"没有任务{number} (no task {number} in {self.id})")

    def provisions(self) -> Iterator[tuple[Task | None, Provision]]:
        """Every provision with its task (``None`` for provisions outside the tasks)."""
        for task in self.tasks:
            for provision in task.provisions:
                yield task, provision
        for section in self.sections:
            for provision in section.provisions:
                yield None, provision

    def provision(self, provision_id: str) -> tuple[Task | None, Provision]:
        """The provision with this id and its task; ``KeyError`` if none."""
        for task, provision in self.provisions():
            if provision.id == provision_id:
                return task, provision
        raise KeyError(f"没有条款 {provision_id!r} (no provision {provision_id!r} in {self.id})")

    @property
    def registry(self) -> Registry:
        """The unit registry; an error if the document was loaded without one."""
        if self.units is None:
            raise LookupError(f"没有单位名录 (document {self.id} has no unit registry)")
        return self.units

    def _repr_html_(self) -> str:
        """The document for Jupyter: its title line, then one row per task."""
        meta = self.metadata
        facts = [meta.issuer, meta.issued.isoformat(), *([meta.number] if meta.number else [])]
        count = sum(1 for _ in self.provisions())
        body = [
            (t.number, t.title, "、".join(t.responsible), len(t.provisions)) for t in self.tasks
        ]
        rows = _display.table(DOCUMENT_REPR_HEADER, body, css="fazhi-document")
        counts = DOCUMENT_COUNTS.format(tasks=len(self.tasks), provisions=count)
        caption = (meta.title, f"{' · '.join(facts)}; {counts}")
        return _display.block("fazhi-document", caption, rows)
