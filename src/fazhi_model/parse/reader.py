"""Reading a new document of the genre into a skeleton model (解析).

:func:`parse_text` turns the text of an implementation opinion (实施意见) or a task list into
a :class:`~fazhi_model.model.document.Document` marked ``review=extracted`` and a
:class:`ParseReport` of what a reviewer must check or fix::

    result = parse_text(text, load_registry("ganzhou"))
    result.document.tasks[0].responsible
    for issue in result.report.issues: ...

The hierarchy read: parts 一、 / headings (一) / tasks 1. (also 1． 1、) / sub-items (1) ①,
and sections 一是 outside the tasks; where a document has no 1. items, (一) items carrying a
responsibility annotation are its tasks. Full-width and ASCII punctuation are read alike
(NFKC); traditional characters are converted with OpenCC when it is installed. Every quote
(``text``, ``annotation``, ``source``) is cut from the original text verbatim. See
``docs/parser.md`` for the annotation styles and measurable phrases understood.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Callable

import attrs

from fazhi_model.errors import FazhiError, InputError, MissingDependencyError, require
from fazhi_model.model.document import (
    Document,
    Heading,
    LeadBasis,
    Metadata,
    Part,
    Reference,
    Review,
    Section,
    Task,
)
from fazhi_model.model.units import RESPONSIBLE, Registry
from fazhi_model.parse import annotation as _ann
from fazhi_model.parse import styles
from fazhi_model.parse.clauses import Context, extract
from fazhi_model.parse.norm import NUMBER, Normalized, looks_traditional, normalize, number
from fazhi_model.parse.report import KINDS, PLACEHOLDER, Issue, ParseReport, report_row
from fazhi_model.parse.tables import Table, find_tables

__all__ = [
    "KINDS",
    "MAX_TEXT",
    "PLACEHOLDER",
    "PLACEHOLDER_DATE",
    "Issue",
    "ParseReport",
    "ParseResult",
    "parse_text",
    "report_row",
    "traditional_converter",
]

MAX_TEXT = 2_000_000
"""The longest text :func:`parse_text` reads, in characters (about 6 MB of UTF-8 Chinese)."""

PLACEHOLDER_DATE = dt.date(1900, 1, 1)
"""The ``issued`` date written where the text has no date line (listed in the report)."""

_CN = "一二三四五六七八九十"
_PART = re.compile(rf"^([{_CN}]+)[、.]\s*")
_HEADING = re.compile(rf"^\(([{_CN}]+)\)\s*")
_TASK = re.compile(r"^(\d{1,3})[.、](?!\d)\s*")
_SECTION = re.compile(rf"^([{_CN}]+是)")
_NOTE = re.compile(r"^(?:" + _ann.KEY.pattern + ")")
_DATE = re.compile(rf"^({NUMBER})年({NUMBER})月({NUMBER})日$")
_GENRE = re.compile(r"意见|方案|办法|通知|规定|细则|规划|计划|要点|措施|决定|清单|制度")
_ISSUER = re.compile(
    r"^(国务院|国务院办公厅"
    r"|[^\s,:;。、()《》]{2,25}?(?:人民政府办公室|人民政府办公厅|人民政府|委员会|办公室|办公厅|局))$"
)
_ISSUER_TITLE = re.compile(
    r"^(国务院办公厅|国务院|\S{2,25}?(?:人民政府办公室|人民政府办公厅|人民政府|委员会|办公室|局))关于"
)
_ADOPTED = re.compile(r"经(.{2,30}?会议)(?:审议|研究)通过")
_DISCLOSURE = re.compile(r"\((?:此件)?(主动公开|依申请公开|不予公开|公开发布)\)")
_IMPLEMENTS = re.compile(r"《([^《》]{1,100})》\s{0,3}\(([^()]{0,40}?〔\d{4}〕\d{1,5}号)\)")
_NUMBER_LINE = re.compile(r"^\S{1,10}〔\d{4}〕\d+号$")
_ENDERS = "。!?"
_CLOSERS_AFTER = "。;!?\n"
_CLOSERS_BEFORE = "。;!?\n:"
_TIME_LINE = re.compile(r"[ \t]*(?:完成时限|完成时间|时间要求|时限要求|完成期限)[ \t]*:")
_MARKER = re.compile(r"\s*(?:\(\d{1,3}\)|[\u2460-\u2473]|\d{1,3}\)|\d{1,3}[.、](?!\d))\s*")


@attrs.frozen
class ParseResult:
    """A parsed document (``review=extracted``) and its review report (解析结果)."""

    document: Document
    report: ParseReport


@attrs.frozen
class _Line:
    kind: str
    """part, heading, task, section, note (an annotation line), meta (a date, issuer or
    disclosure line: never part of a block) or plain."""
    start: int
    end: int
    body: int
    """Where the text after the marker starts."""
    number: int | None = None
    label: str = ""


def traditional_converter() -> Callable[[str], str]:
    """OpenCC's traditional → simplified conversion (繁转简); MissingDependencyError if absent."""
    opencc = require("opencc", "opencc", feature="繁转简 t2s")
    for config in ("t2s", "t2s.json"):
        try:
            converter = opencc.OpenCC(config)
        except Exception:  # the package's config names differ by version
            continue
        convert: Callable[[str], str] = converter.convert
        return convert
    raise MissingDependencyError(
        "OpenCC 缺少 t2s 配置 (OpenCC is installed but has no t2s configuration)"
    )


def parse_text(
    text: str, registry: Registry | None = None, *, doc_id: str = "extracted"
) -> ParseResult:
    """Read ``text`` into a skeleton :class:`Document` and a review :class:`ParseReport`.

    Unit names resolve against ``registry`` where given; unknown names are kept as written and
    listed. Nothing found is dropped: what could not be read is in the report. Time and memory
    are linear in the length of ``text``; a text longer than :data:`MAX_TEXT` characters is
    refused with an :class:`~fazhi_model.errors.InputError`.
    """
    if not isinstance(text, str):
        raise InputError(
            f"parse_text 需要 str 文本, 收到 {type(text).__name__} "
            "(expected the text as str; decode bytes first, e.g. data.decode('utf-8'))"
        )
    if registry is not None and not isinstance(registry, Registry):
        raise InputError(
            f"registry 需要 Registry 或 None, 收到 {type(registry).__name__} "
            "(expected a Registry, e.g. load_registry('ganzhou'), or None)"
        )
    if len(text) > MAX_TEXT:
        raise InputError(
            f"文本过长: {len(text)} 个字符, 上限 {MAX_TEXT} (the text has {len(text)} "
            f"characters; the parser reads at most {MAX_TEXT}: split the document)"
        )
    issues: list[Issue] = []
    norm = _normalize(text, issues)
    ctx = Context(norm=norm, registry=registry, issues=issues)
    tables = find_tables(norm.text)
    lines = _lines(norm.text, tables)
    find = _Finder(norm.text, registry)
    _promote_headings(lines, norm.text, find)
    _demote_tasks(lines, norm.text, find)
    builder = _Builder(ctx, lines, tables, find)
    builder.run()
    metadata = _metadata(norm, lines[: builder.first], issues)
    doc = Document(
        id=doc_id,
        metadata=metadata,
        review=Review.EXTRACTED,
        parts=tuple(builder.parts),
        headings=tuple(builder.headings),
        tasks=tuple(builder.tasks),
        sections=tuple(builder.sections),
        units=registry,
        source_text=text,
    )
    _check_units(doc, registry, issues)
    kinds = Counter(p.kind for _, p in doc.provisions())
    counts = {
        "parts": len(doc.parts),
        "headings": len(doc.headings),
        "tasks": len(doc.tasks),
        "sections": len(doc.sections),
        "provisions": sum(kinds.values()),
        **{f"provisions.{k}": v for k, v in sorted(kinds.items())},
    }
    return ParseResult(doc, ParseReport(counts=counts, issues=tuple(issues)))


def _normalize(text: str, issues: list[Issue]) -> Normalized:
    norm = normalize(text)
    if not looks_traditional(norm.text):
        return norm
    try:
        convert = traditional_converter()
    except FazhiError as exc:
        issues.append(
            Issue(
                kind="traditional-text",
                where="text",
                message=f"the text looks traditional and was read as written: {exc}; "
                "unit names, titles and phrases may be missed",
            )
        )
        return norm
    issues.append(
        Issue(
            kind="traditional-text",
            where="text",
            message="traditional characters were converted to simplified (OpenCC t2s) for "
            "reading; titles and names are simplified, quotes are the original text",
        )
    )
    return normalize(text, convert)


def _lines(text: str, tables: list[Table] = ()) -> list[_Line]:  # type: ignore[assignment]
    found: list[_Line] = []
    pos = 0
    spans = [(t.start, t.end) for t in tables]
    k = 0
    for raw in text.split("\n"):
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        start, end = pos + lead, pos + lead + len(body)
        pos += len(raw) + 1
        while k < len(spans) and spans[k][1] < start:
            k += 1
        if k < len(spans) and spans[k][0] <= start <= spans[k][1]:
            if body:
                found.append(_Line("table", start, end, start))
            continue
        if not body:
            continue
        for kind, pattern in (
            ("part", _PART),
            ("heading", _HEADING),
            ("task", _TASK),
            ("section", _SECTION),
        ):
            match = pattern.match(body)
            if match is None:
                continue
            value = number(match.group(1).removesuffix("是"))
            if value is None:
                continue
            found.append(_Line(kind, start, end, start + match.end(), value, match.group(1)))
            break
        else:
            kind = (
                "note"
                if _NOTE.match(body)
                else "meta"
                if _DATE.match(body) or _ISSUER.match(body) or _DISCLOSURE.fullmatch(body)
                else "plain"
            )
            found.append(_Line(kind, start, end, start))
    return found


def _stops(lines: list[_Line], kinds: tuple[str, ...], end: int) -> list[int]:
    """For each line, where the next line of one of ``kinds`` starts (else ``end``)."""
    stops = [end] * len(lines)
    following = end
    for i in range(len(lines) - 1, -1, -1):
        stops[i] = following
        if lines[i].kind in kinds:
            following = lines[i].start
    return stops


class _Finder:
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


def _promote_headings(lines: list[_Line], text: str, find: _Finder) -> None:
    """Where no 1. item carries an annotation, (一) items with an annotation are the tasks."""
    items = _stops(lines, ("part", "heading", "task", "table"), len(text))
    if any(line.kind == "task" and find(line.body, items[i]) for i, line in enumerate(lines)):
        return
    count = 0
    stops = _stops(lines, ("part", "heading", "table"), len(text))
    for i, line in enumerate(lines):
        if line.kind != "heading":
            continue
        if find(line.body, stops[i]):
            count += 1
            lines[i] = attrs.evolve(line, kind="task", number=count)


def _demote_tasks(lines: list[_Line], text: str, find: _Finder) -> None:
    """In a document with annotated tasks, 1. items of parts without any are sections."""
    part = 0
    annotated: set[int] = set()
    by_part: dict[int, list[int]] = {}
    stops = _stops(lines, ("part", "heading", "task", "table"), len(text))
    for i, line in enumerate(lines):
        if line.kind == "part":
            part = line.number or part
        elif line.kind == "task":
            by_part.setdefault(part, []).append(i)
            if find(line.body, stops[i]):
                annotated.add(part)
    if not annotated:
        return
    for key, indexes in by_part.items():
        if key not in annotated:
            for i in indexes:
                line = lines[i]
                lines[i] = attrs.evolve(line, kind="section", label=f"{line.number}.")


@attrs.frozen
class _Roles:
    """The references of one task by role, and the span of its (joined) annotation."""

    responsible: tuple[str, ...]
    lead: tuple[str, ...]
    cooperating: tuple[str, ...]
    guiding: tuple[str, ...]
    start: int
    end: int
    open_list: bool


def _merge(found: list[_ann.Annotation]) -> _Roles:
    return _Roles(
        responsible=_ann.unique([n for a in found for n in a.responsible]),
        lead=_ann.unique([n for a in found for n in a.lead]),
        cooperating=_ann.unique([n for a in found for n in a.cooperating]),
        guiding=_ann.unique([n for a in found for n in a.guiding]),
        start=found[0].start,
        end=found[-1].end,
        open_list=any(a.open_list for a in found),
    )


class _Builder:
    """Walks the lines and builds parts, headings, tasks and sections."""

    def __init__(
        self, ctx: Context, lines: list[_Line], tables: list[Table], find: _Finder
    ) -> None:
        self.ctx = ctx
        self.find = find
        self.text = ctx.norm.text
        self.lines = lines
        self.tables = tables
        self.parts: list[Part] = []
        self.headings: list[Heading] = []
        self.tasks: list[Task] = []
        self.sections: list[Section] = []
        self.numbers: set[int] = set()
        self.top = 0
        """The highest task number so far (segments and unnumbered rows continue from it)."""
        self.heading_numbers: set[int] = set()
        self.top_heading = 0
        self.where_task: list[tuple[int, int]] = []
        """(annotation end, task start) of each task, for the document's rules."""
        self.first = next(
            (
                i
                for i, x in enumerate(lines)
                if x.kind in ("part", "heading", "task", "section", "table")
            ),
            len(lines),
        )
        self._has_tasks = self._parts_with_tasks()
        self.segmented = False
        self.part = 1

    def _parts_with_tasks(self) -> set[int]:
        part, found = 1, set()
        for line in self.lines:
            if line.kind == "part" and line.number is not None:
                part = line.number
            elif line.kind == "task":
                found.add(part)
        return found

    def _blocks(self) -> list[tuple[_Line, list[_Line]]]:
        blocks: list[tuple[_Line, list[_Line]]] = []
        in_task = False
        for line in self.lines[self.first :]:
            kind = line.kind
            if kind == "table":
                continue
            if kind == "section" and in_task:
                kind = "plain"
            if kind in ("part", "heading", "task", "section"):
                in_task = kind == "task"
                blocks.append((line, [line]))
            elif blocks and kind != "meta":
                blocks[-1][1].append(line)
        return blocks

    def _annotations(self, start: int, end: int) -> list[_ann.Annotation]:
        return self.find(start, end)

    def _headed(self, head: _Line, block: list[_Line]) -> bool:
        """In a document of segments: whether an item is a heading over segments (several
        annotations, or text between its heading sentence and its one annotation)."""
        if self._several(head, block):
            return True
        found = self._annotations(head.body, block[-1].end)
        _, _, body = self._title_span(head.body, block[-1].end)
        return bool(found) and bool(self.text[body : found[0].start].strip())

    def _several(self, head: _Line, block: list[_Line]) -> bool:
        """Whether a task-level item holds several annotations apart (segments)."""
        return len(self._groups(self._annotations(head.body, block[-1].end))) > 1

    def _groups(self, found: list[_ann.Annotation]) -> list[list[_ann.Annotation]]:
        """Annotations that close a segment, each with those before it that do not.

        Annotations with only blanks between them form one group (separate lines); one in the
        middle of a sentence (``建立制度(由A负责),并…``) closes nothing: it joins the next.
        """
        groups: list[list[_ann.Annotation]] = []
        pending: list[_ann.Annotation] = []
        for a in found:
            if not pending and groups and not self.text[groups[-1][-1].end : a.start].strip():
                groups[-1].append(a)
            elif self._closes(a):
                groups.append([*pending, a])
                pending = []
            else:
                pending.append(a)
        if pending:
            if groups:
                groups[-1].extend(pending)
            else:
                groups.append(pending)
        return groups

    def _closes(self, a: _ann.Annotation) -> bool:
        """Whether an annotation ends a sentence or a line (or follows the end of one)."""
        after = self.text[a.end : a.end + 2].lstrip(" \t")
        if not after or after[0] in _CLOSERS_AFTER:
            return True
        before = self.text[max(0, a.start - 2) : a.start].rstrip(" \t")
        return not before or before[-1] in _CLOSERS_BEFORE

    def run(self) -> None:
        blocks = self._blocks()
        self.segmented = any(
            self._several(head, block) for head, block in blocks if head.kind == "task"
        )
        if not any(head.kind == "part" for head, _ in blocks) and (blocks or self.tables):
            self.parts.append(Part(number=1, title=PLACEHOLDER))
            self._issue("placeholder", "parts", "no part (一、) found; one placeholder part")
        heading: int | None = None
        carried: str | None = None
        for head, block in blocks:
            if head.kind == "part":
                self.part = head.number or self.part
                heading, carried = None, None
                self._part(head, block)
            elif head.kind == "heading" and self.part in self._has_tasks:
                heading = head.number
                self._heading(head, block)
            elif head.kind == "task" and self.segmented and self._headed(head, block):
                self._segments(head, block, self._heading_of_segments(head))
            elif head.kind == "task" and self.segmented:
                self._task(head, block, heading, self.top + 1)  # numbered with the segments
            elif head.kind == "task":
                self._task(head, block, heading)
            else:
                carried = self._section(head, block, self.part, carried)
        for table in self.tables:
            self._table(table)
        self._rules()

    def _issue(self, kind: str, where: str, message: str, text: str | None = None) -> None:
        self.ctx.issues.append(Issue(kind=kind, where=where, message=message, text=text))

    def _title_span(self, start: int, end: int, limit: int | None = None) -> tuple[int, int, int]:
        """The heading sentence of ``text[start:end]``: its span and where the body starts."""
        stop = end if limit is None else min(end, limit)
        line_end = self.text.find("\n", start, stop)
        if line_end < 0:
            line_end = stop
        depth = 0
        for i in range(start, line_end):
            ch = self.text[i]
            if ch in _ann.OPENERS:
                depth += 1
            elif ch in _ann.CLOSERS and depth:
                depth -= 1
            elif depth == 0 and ch in _ENDERS:
                return (*self._trim(start, i, " "), i + 1)
        return (*self._trim(start, line_end, " ,:;"), line_end)

    def _trim(self, start: int, end: int, chars: str) -> tuple[int, int]:
        while start < end and self.text[start] in chars + "\n\t":
            start += 1
        while end > start and self.text[end - 1] in chars + "\n\t":
            end -= 1
        return start, end

    def _title_end(self, start: int, end: int, limit: int | None = None) -> tuple[str, int]:
        """The heading sentence (as written) of ``text[start:end]`` and where the body starts."""
        first, last, body = self._title_span(start, end, limit)
        return self.ctx.norm.written(first, last), body

    def _part(self, head: _Line, block: list[_Line]) -> None:
        number = head.number or len(self.parts) + 1
        title, body = self._title_end(head.body, head.end)
        end = block[-1].end
        found = self._annotations(body, end)
        if found:
            stop = self._line_start(found[0].start)
            self._segments_in(max(stop, body), end, None, found)
            end = max(stop, body)
        text = self.ctx.norm.quote(body, end).strip() or None
        self.parts.append(Part(number=number, title=title or PLACEHOLDER, text=text))

    def _line_start(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1

    def _heading(self, head: _Line, block: list[_Line]) -> None:
        title, body = self._title_end(head.body, head.end)
        self._add_heading(Heading(number=head.number or 0, title=title, part=self.part))
        end = block[-1].end
        found = self._annotations(body, end)
        if found:
            self._segments_in(body, end, head.number, found)
            return
        rest = self.ctx.norm.quote(body, end).strip()
        if rest:
            self._issue(
                "unassigned-text",
                f"heading ({head.label})",
                "text under a heading outside every task is not modelled",
                rest[:60],
            )

    def _add_heading(self, heading: Heading) -> None:
        self.headings.append(heading)
        self.heading_numbers.add(heading.number)
        self.top_heading = max(self.top_heading, heading.number)

    def _heading_of_segments(self, head: _Line) -> int:
        """A task-level item whose annotations close several segments is a heading."""
        title, _ = self._title_end(head.body, head.end)
        taken = self.heading_numbers
        number = head.number if head.number and head.number not in taken else self.top_heading + 1
        self._add_heading(Heading(number=number, title=title, part=self.part))
        return number

    def _segments(self, head: _Line, block: list[_Line], heading: int) -> None:
        _, body = self._title_end(head.body, head.end)
        end = block[-1].end
        found = [a for a in self._annotations(head.body, end) if a.start >= body]
        if not found:
            self._issue(
                "unannotated-task",
                f"heading {heading}",
                "an item without an annotation among items with several: kept as a heading",
            )
            return
        self._segments_in(body, end, heading, found)

    def _segments_in(
        self, start: int, end: int, heading: int | None, found: list[_ann.Annotation]
    ) -> None:
        """Each annotation (group) closes a segment from the previous one: a task each."""
        begin = start
        for group in self._groups(found):
            roles = _merge(group)
            seg_start = begin
            while seg_start < roles.start and self.text[seg_start] in " \t\n":
                seg_start += 1
            marker = _MARKER.match(self.text, seg_start)
            while marker is not None and marker.end() > seg_start:
                seg_start = marker.end()
                marker = _MARKER.match(self.text, seg_start)
            self._make_task(self.top + 1, seg_start, roles.end, heading, roles, group)
            begin = roles.end
        rest = self.ctx.norm.quote(begin, end).strip()
        if rest:
            self._trailing(begin, end)

    def _trailing(self, start: int, end: int) -> None:
        """Paragraphs after a task's annotation, before the next item: a section."""
        first, _, _ = self._title_span(start, end)
        line_end = self.text.find("\n", first, end)
        self._add_section(
            "", first, end if line_end < 0 else line_end, end, f"section after task {self.top}"
        )

    def _task(
        self, head: _Line, block: list[_Line], heading: int | None, number: int | None = None
    ) -> None:
        number = number or head.number or 0
        start, end = head.body, block[-1].end
        found = self._annotations(start, end)
        roles = _merge(found) if found else None
        if roles is not None:
            # whole paragraphs after the annotation's line are not part of the task
            line_end = self.text.find("\n", roles.end, end)
            while line_end >= 0 and _TIME_LINE.match(self.text, line_end + 1):
                line_end = self.text.find("\n", line_end + 1, end)  # 完成时限: lines stay
            if line_end >= 0 and self.text[line_end:end].strip():
                self._make_task(number, start, line_end, heading, roles, found)
                self._trailing(line_end + 1, end)
                return
        self._make_task(number, start, end, heading, roles, found)

    def _make_task(
        self,
        number: int,
        start: int,
        end: int,
        heading: int | None,
        roles: _Roles | None,
        found: list[_ann.Annotation],
    ) -> None:
        where = f"task {number}"
        norm = self.ctx.norm
        if number in self.numbers:
            self._issue("duplicate-task-number", where, "a task with this number exists already")
        self.numbers.add(number)
        self.top = max(self.top, number)
        first, last, body = self._title_span(start, end, found[0].start if found else None)
        title = norm.written(first, last)
        if len(title) > 30:
            self._issue("long-title", where, "the title may not be a heading sentence", title)
        blanks = [(start, body)] + [(a.start, a.end) for a in found]
        provisions = extract(
            self.ctx, start, end, prefix=f"t{number:02d}", where=where, blanks=blanks
        )
        note: str | None = None
        if roles is not None:
            note = norm.quote(roles.start, roles.end)
            if any(self.text[x.end : y.start].strip() for x, y in itertools.pairwise(found)):
                note = norm.quote(found[-1].start, found[-1].end)
                self._issue(
                    "several-annotations",
                    where,
                    "several annotations apart in the text; their units were merged and the "
                    "last one kept as the annotation",
                )
            if roles.open_list:
                self._issue(
                    "open-list",
                    where,
                    "the unit list ends in 等: units it does not name are not listed",
                    note,
                )
        else:
            self._issue(
                "unannotated-task",
                where,
                "no responsibility annotation: responsible is empty, and fazhi validate "
                "will report it until a reviewer adds the units",
            )
        lead = roles.lead if roles else ()
        self.where_task.append((roles.end if roles else end, start))
        self.tasks.append(
            Task(
                number=number,
                title=title or PLACEHOLDER,
                text=norm.quote(start, end),
                responsible=roles.responsible if roles else (),
                provisions=tuple(provisions),
                heading=heading,
                annotation=note,
                lead=lead,
                cooperating=roles.cooperating if roles else (),
                guiding=roles.guiding if roles else (),
                lead_from=LeadBasis.NAMED if lead else None,
            )
        )

    def _table(self, table: Table) -> None:
        """Each row of a task table is a task; category rows are headings."""
        norm = self.ctx.norm
        for label, _title, start, end in table.categories:
            if label not in self.heading_numbers:
                first, last = self._trim(start, end, " ")
                cell = self.text[first:last]
                lead_in = _PART.match(cell) or _HEADING.match(cell)
                first += lead_in.end() if lead_in else 0
                self._add_heading(
                    Heading(number=label, title=norm.written(first, last), part=self.part)
                )
        for row in table.rows:
            number = row.number if row.number is not None else self.top + 1
            if row.number is None:
                self._issue(
                    "table-number",
                    f"task {number}",
                    "a table row without a number in its 序号 cell: numbered after the last",
                )
            by_role: dict[str, tuple[str, ...]] = {
                role: _ann.split_units(row.cells.get(role, ""), self.ctx.registry)
                for role in ("lead", "responsible", "cooperating", "guiding")
            }
            every = _ann.unique([n for names in by_role.values() for n in names])
            span = row.spans.get("title") or row.spans.get("content")
            title = norm.written(*span) if span else PLACEHOLDER
            where = f"task {number}"
            if number in self.numbers:
                self._issue(
                    "duplicate-task-number", where, "a task with this number exists already"
                )
            self.numbers.add(number)
            self.top = max(self.top, number)
            if not every:
                self._issue("unannotated-task", where, "a table row without any unit")
            self.where_task.append((row.end, row.start))
            content = row.spans.get("content")
            provisions = (
                extract(self.ctx, content[0], content[1], prefix=f"t{number:02d}", where=where)
                if content
                else []
            )
            self.tasks.append(
                Task(
                    number=number,
                    title=title,
                    text=norm.quote(row.start, row.end),
                    responsible=every,
                    provisions=tuple(provisions),
                    heading=row.category,
                    annotation=None,
                    lead=by_role["lead"],
                    cooperating=by_role["cooperating"],
                    guiding=by_role["guiding"],
                    lead_from=LeadBasis.NAMED if by_role["lead"] else None,
                )
            )
            deadline = row.cells.get("deadline")
            if deadline:
                self._issue("table-deadline", where, "the 完成时限 cell is not modelled", deadline)

    def _section(
        self, head: _Line, block: list[_Line], part: int, carried: str | None
    ) -> str | None:
        label = head.label if head.kind == "section" else f"({head.label})"
        return self._add_section(
            label, head.body, head.end, block[-1].end, f"section {label}", part, carried
        )

    def _add_section(
        self,
        label: str,
        start: int,
        line_end: int,
        end: int,
        where: str,
        part: int | None = None,
        carried: str | None = None,
    ) -> str | None:
        """A section from ``start`` (its first line ends at ``line_end``) to ``end``; returns
        the last bearer its provisions name (carried to the next section). Without a label,
        the title is the first words and the text keeps them."""
        title, body = self._title_end(start, line_end)
        if len(title) > 20 or not title:
            first = self.text[start:line_end].split(",", 1)[0]
            title, body = first.strip("。"), start
        if not label or not self.ctx.norm.quote(body, end).strip():
            body = start  # a paragraph without a label has no heading to leave out
        provisions = extract(
            self.ctx,
            body,
            end,
            prefix=f"s{len(self.sections) + 1}",
            where=where,
            default=None,
            carry=True,
            carried=carried,
        )
        self.sections.append(
            Section(
                label=label,
                title=title,
                text=self.ctx.norm.quote(body, end).strip(),
                part=self.part if part is None else part,
                provisions=tuple(provisions),
            )
        )
        bearers = [p.bearer for p in provisions if p.bearer != PLACEHOLDER]
        return bearers[-1] if bearers else carried

    def _rules(self) -> None:
        """Apply the document's rules from where each is stated on (下同)."""
        lead_rule = _ann.LEAD_RULE.search(self.text)
        implied: dict[str, int] = {}
        for m in styles.IMPLIED_RULE.finditer(self.text):
            implied.setdefault(m.group("unit").strip(), m.end())
        rules = sorted((pos, unit) for unit, pos in implied.items())
        order = sorted(range(len(self.tasks)), key=lambda k: self.where_task[k][1])
        active: list[str] = []
        r = 0
        changed = 0
        for i in order:
            task = self.tasks[i]
            ann_end, start = self.where_task[i]
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
            self.tasks[i] = task
        if changed and lead_rule is not None:
            self._issue(
                "lead-rule",
                "tasks",
                f"the first-named unit was taken as the lead of {changed} task(s), as the "
                "text states",
                lead_rule.group(0),
            )
        for unit in implied:
            self._issue(
                "implied-unit",
                "tasks",
                "the text states a unit for every later task; it was added to them",
                unit,
            )


def _metadata(norm: Normalized, preamble: list[_Line], issues: list[Issue]) -> Metadata:
    text = norm.text
    lines = [text[x.start : x.end] for x in preamble]
    every = [x.strip() for x in text.split("\n")]
    title = next(
        (
            x.strip("《》 ")
            for x in reversed(lines)
            if 4 <= len(x) <= 60 and _GENRE.search(x) and not re.search(r"[,。:;]", x)
        ),
        None,
    )
    issuer = next((m.group(1) for x in every if (m := _ISSUER.match(x))), None)
    if issuer is None and title is not None:
        match = _ISSUER_TITLE.match(title)
        issuer = match.group(1) if match else None
    issued = None
    for x in every:
        match = _DATE.match(x)
        if match:
            year, month, day = (number(g) for g in match.groups())
            try:
                issued = dt.date(year or 0, month or 0, day or 0)
            except ValueError:
                continue
            break
    head = "\n".join(lines)
    adopted = _ADOPTED.search(head)
    disclosure = _DISCLOSURE.search(text)
    addressees = next((x for x in lines if x.endswith(":") and re.search(r"[,、]", x)), None)
    implements = tuple(
        Reference(title=m.group(1), number=m.group(2))
        for m in _IMPLEMENTS.finditer(head)
        if m.group(1) != title
    )
    doc_number = next((x for x in lines if _NUMBER_LINE.match(x)), None)
    for field, value in (("title", title), ("issuer", issuer), ("issued", issued)):
        if value is None:
            shown = PLACEHOLDER_DATE if field == "issued" else PLACEHOLDER
            issues.append(
                Issue(
                    kind="placeholder",
                    where=f"metadata.{field}",
                    message=f"not found in the text; {shown} written in its place",
                )
            )
    return Metadata(
        title=title or PLACEHOLDER,
        issuer=issuer or PLACEHOLDER,
        issued=issued or PLACEHOLDER_DATE,
        adopted_at=adopted.group(1) if adopted else None,
        disclosure=disclosure.group(1) if disclosure else None,
        number=doc_number,
        implements=implements,
        addressees=tuple(
            n.strip() for n, _ in _ann.top_split(addressees.rstrip(":"), (",",)) if n.strip()
        )
        if addressees
        else (),
    )


def _check_units(doc: Document, registry: Registry | None, issues: list[Issue]) -> None:
    if registry is None:
        issues.append(
            Issue(
                kind="no-registry",
                where="units",
                message="no unit registry given: unit names were split by their form only "
                "and none was checked",
            )
        )
        return
    for task in doc.tasks:
        for name in task.responsible:
            if registry.find(name) is None:
                issues.append(
                    Issue(
                        kind="unresolved-unit",
                        where=f"task {task.number}",
                        message="not in the registry; kept as written",
                        text=name,
                    )
                )
    for _, provision in doc.provisions():
        bearer = provision.bearer
        if bearer not in (RESPONSIBLE, PLACEHOLDER) and registry.find(bearer) is None:
            issues.append(
                Issue(
                    kind="unknown-bearer",
                    where=provision.id,
                    message="the bearer is not in the registry",
                    text=bearer,
                )
            )
