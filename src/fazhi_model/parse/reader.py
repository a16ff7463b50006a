"""Reading a new document of the genre into a skeleton model (解析).

:func:`parse_text` turns the text of an implementation opinion (实施意见) or a task list into
a :class:`~fazhi_model.model.document.Document` marked ``review=extracted`` and a
:class:`Report` of what a reviewer must check or fix::

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

from fazhi_model.errors import FazhiError
from fazhi_model.model.document import (
    Document,
    Heading,
    Metadata,
    Part,
    Reference,
    Review,
    Section,
    Task,
)
from fazhi_model.model.units import RESPONSIBLE, Registry
from fazhi_model.parse import annotation as _ann
from fazhi_model.parse.clauses import Context, extract
from fazhi_model.parse.norm import NUMBER, Normalized, looks_traditional, normalize, number
from fazhi_model.parse.report import KINDS, PLACEHOLDER, Issue, Report, report_row

__all__ = [
    "KINDS",
    "PLACEHOLDER",
    "PLACEHOLDER_DATE",
    "Issue",
    "ParseResult",
    "Report",
    "parse_text",
    "report_row",
    "traditional_converter",
]

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
    r"^([^\s,:;。、()《》]{2,25}?(?:人民政府办公室|人民政府办公厅|人民政府|委员会|办公室|办公厅|局))$"
)
_ISSUER_TITLE = re.compile(
    r"^(\S{2,25}?(?:人民政府办公室|人民政府办公厅|人民政府|委员会|办公室|局))关于"
)
_ADOPTED = re.compile(r"经(.{2,30}?会议)(?:审议|研究)通过")
_DISCLOSURE = re.compile(r"\((?:此件)?(主动公开|依申请公开|不予公开)\)")
_IMPLEMENTS = re.compile(r"《([^》]+)》\s*\(([^()]*?〔\d{4}〕\d+号)\)")
_NUMBER_LINE = re.compile(r"^\S{1,10}〔\d{4}〕\d+号$")
_ENDERS = "。!?"


@attrs.frozen
class ParseResult:
    """A parsed document (``review=extracted``) and its review report (解析结果)."""

    document: Document
    report: Report


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
    """OpenCC's traditional → simplified conversion (繁转简); a FazhiError when missing."""
    try:
        import opencc
    except ImportError:
        raise FazhiError(
            "converting traditional characters needs OpenCC: install fazhi_model[opencc]"
        ) from None
    for config in ("t2s", "t2s.json"):
        try:
            converter = opencc.OpenCC(config)
        except Exception:  # the package's config names differ by version
            continue
        convert: Callable[[str], str] = converter.convert
        return convert
    raise FazhiError("OpenCC is installed but has no t2s configuration")


def parse_text(
    text: str, registry: Registry | None = None, *, doc_id: str = "extracted"
) -> ParseResult:
    """Read ``text`` into a skeleton :class:`Document` and a review :class:`Report`.

    Unit names resolve against ``registry`` where given; unknown names are kept as written and
    listed. Nothing found is dropped: what could not be read is in the report.
    """
    issues: list[Issue] = []
    norm = _normalize(text, issues)
    ctx = Context(norm=norm, registry=registry, issues=issues)
    lines = _lines(norm.text)
    _promote_headings(lines, norm.text, registry)
    _demote_tasks(lines, norm.text, registry)
    builder = _Builder(ctx, lines)
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
    return ParseResult(doc, Report(counts=counts, issues=tuple(issues)))


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


def _lines(text: str) -> list[_Line]:
    found: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        start, end = pos + lead, pos + lead + len(body)
        pos += len(raw) + 1
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


def _promote_headings(lines: list[_Line], text: str, registry: Registry | None) -> None:
    """Where no 1. items exist, (一) items with an annotation are the tasks."""
    if any(line.kind == "task" for line in lines):
        return
    count = 0
    for i, line in enumerate(lines):
        if line.kind != "heading":
            continue
        stop = next((x.start for x in lines[i + 1 :] if x.kind in ("part", "heading")), len(text))
        if _ann.find(text[line.body : stop], registry):
            count += 1
            lines[i] = attrs.evolve(line, kind="task", number=count)


def _demote_tasks(lines: list[_Line], text: str, registry: Registry | None) -> None:
    """In a document with annotated tasks, 1. items of parts without any are sections."""
    part = 0
    annotated: set[int] = set()
    by_part: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if line.kind == "part":
            part = line.number or part
        elif line.kind == "task":
            by_part.setdefault(part, []).append(i)
            stop = next(
                (x.start for x in lines[i + 1 :] if x.kind in ("part", "heading", "task")),
                len(text),
            )
            if _ann.find(text[line.body : stop], registry):
                annotated.add(part)
    if not annotated:
        return
    for key, indexes in by_part.items():
        if key not in annotated:
            for i in indexes:
                line = lines[i]
                lines[i] = attrs.evolve(line, kind="section", label=f"{line.number}.")


class _Builder:
    """Walks the lines and builds parts, headings, tasks and sections."""

    def __init__(self, ctx: Context, lines: list[_Line]) -> None:
        self.ctx = ctx
        self.text = ctx.norm.text
        self.lines = lines
        self.parts: list[Part] = []
        self.headings: list[Heading] = []
        self.tasks: list[Task] = []
        self.sections: list[Section] = []
        self.first = next(
            (i for i, x in enumerate(lines) if x.kind in ("part", "heading", "task", "section")),
            len(lines),
        )
        self._has_tasks = self._parts_with_tasks()

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
            if kind == "section" and in_task:
                kind = "plain"
            if kind in ("part", "heading", "task", "section"):
                in_task = kind == "task"
                blocks.append((line, [line]))
            elif blocks and kind != "meta":
                blocks[-1][1].append(line)
        return blocks

    def run(self) -> None:
        blocks = self._blocks()
        part = 1
        if not any(head.kind == "part" for head, _ in blocks) and blocks:
            self.parts.append(Part(number=1, title=PLACEHOLDER))
            self._issue("placeholder", "parts", "no part (一、) found; one placeholder part")
        heading: int | None = None
        carried: str | None = None
        for head, block in blocks:
            if head.kind == "part":
                part = head.number or part
                heading, carried = None, None
                self._part(head, block)
            elif head.kind == "heading" and part in self._has_tasks:
                heading = head.number
                self._heading(head, block, part)
            elif head.kind == "task":
                self._task(head, block, heading)
            else:
                carried = self._section(head, block, part, carried)
        self._lead_rule()

    def _issue(self, kind: str, where: str, message: str, text: str | None = None) -> None:
        self.ctx.issues.append(Issue(kind=kind, where=where, message=message, text=text))

    def _title_end(self, start: int, end: int, limit: int | None = None) -> tuple[str, int]:
        """The heading sentence of ``text[start:end]`` and where the body after it starts."""
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
                return self.text[start:i].strip(), i + 1
        return self.text[start:line_end].strip(" ,:;"), line_end

    def _part(self, head: _Line, block: list[_Line]) -> None:
        number = head.number or len(self.parts) + 1
        title, body = self._title_end(head.body, head.end)
        end = block[-1].end
        text = self.ctx.norm.quote(body, end).strip() or None
        self.parts.append(Part(number=number, title=title or PLACEHOLDER, text=text))

    def _heading(self, head: _Line, block: list[_Line], part: int) -> None:
        title, body = self._title_end(head.body, head.end)
        self.headings.append(Heading(number=head.number or 0, title=title, part=part))
        rest = self.ctx.norm.quote(body, block[-1].end).strip()
        if rest:
            self._issue(
                "unassigned-text",
                f"heading ({head.label})",
                "text under a heading outside every task is not modelled",
                rest[:60],
            )

    def _task(self, head: _Line, block: list[_Line], heading: int | None) -> None:
        number = head.number or 0
        where = f"task {number}"
        if any(t.number == number for t in self.tasks):
            self._issue("duplicate-task-number", where, "a task with this number exists already")
        start, end = head.body, block[-1].end
        norm = self.ctx.norm
        found = [
            attrs.evolve(a, start=a.start + start, end=a.end + start)
            for a in _ann.find(self.text[start:end], self.ctx.registry)
        ]
        title, body = self._title_end(start, end, found[0].start if found else None)
        if len(title) > 30:
            self._issue("long-title", where, "the title may not be a heading sentence", title)
        blanks = [(start, body)] + [(a.start, a.end) for a in found]
        provisions = extract(
            self.ctx, start, end, prefix=f"t{number:02d}", where=where, blanks=blanks
        )
        responsible = _ann._unique([n for a in found for n in a.responsible])
        lead = _ann._unique([n for a in found for n in a.lead])
        cooperating = _ann._unique([n for a in found for n in a.cooperating])
        note: str | None = None
        if found:
            first, last = found[0], found[-1]
            joined = all(
                not self.text[a.end : b.start].strip() for a, b in itertools.pairwise(found)
            )
            if joined:
                note = norm.quote(first.start, last.end)
            else:
                note = norm.quote(last.start, last.end)
                self._issue(
                    "several-annotations",
                    where,
                    "several annotations apart in the text; their units were merged and "
                    "the last one kept as the annotation",
                )
        else:
            self._issue(
                "unannotated-task",
                where,
                "no responsibility annotation: responsible is empty, and fazhi validate "
                "will report it until a reviewer adds the units",
            )
        self.tasks.append(
            Task(
                number=number,
                title=title or PLACEHOLDER,
                text=norm.quote(start, end),
                responsible=responsible,
                provisions=tuple(provisions),
                heading=heading,
                annotation=note,
                lead=lead,
                cooperating=cooperating,
            )
        )

    def _section(
        self, head: _Line, block: list[_Line], part: int, carried: str | None
    ) -> str | None:
        label = head.label if head.kind == "section" else f"({head.label})"
        end = block[-1].end
        title, body = self._title_end(head.body, head.end)
        if len(title) > 20 or not title:
            first = self.text[head.body : head.end].split(",", 1)[0]
            title, body = first.strip("。"), head.body
        if not self.ctx.norm.quote(body, end).strip():
            body = head.body
        number = len(self.sections) + 1
        provisions = extract(
            self.ctx,
            body,
            end,
            prefix=f"s{number}",
            where=f"section {label}",
            default=None,
            carry=True,
            carried=carried,
        )
        self.sections.append(
            Section(
                label=label,
                title=title,
                text=self.ctx.norm.quote(body, end).strip(),
                part=part,
                provisions=tuple(provisions),
            )
        )
        bearers = [p.bearer for p in provisions if p.bearer != PLACEHOLDER]
        return bearers[-1] if bearers else carried

    def _lead_rule(self) -> None:
        rule = _ann.LEAD_RULE.search(self.text)
        if rule is None:
            return
        changed = 0
        for i, task in enumerate(self.tasks):
            if task.responsible and not task.lead:
                self.tasks[i] = attrs.evolve(task, lead=task.responsible[:1])
                changed += 1
        if changed:
            self._issue(
                "lead-rule",
                "tasks",
                f"the first-named unit was taken as the lead of {changed} task(s), as the "
                "text states",
                rule.group(0),
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
            n.strip() for n, _ in _ann._top_split(addressees.rstrip(":"), (",",)) if n.strip()
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
