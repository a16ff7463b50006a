"""Assembling the model from the outline (组装): parts, headings, tasks (numbered items, segments
closed by annotations, table rows) and sections, each quoting its text and holding its
provisions.
"""

from __future__ import annotations

import itertools
import re

from fazhi_model.model.document import Heading, LeadBasis, Part, Section, Task
from fazhi_model.parse import annotation as _ann
from fazhi_model.parse.attachment import Finder, Roles, apply_rules, groups, merge
from fazhi_model.parse.clauses import Context, extract
from fazhi_model.parse.outline import HEADING, PART, Line
from fazhi_model.parse.report import PLACEHOLDER, Issue
from fazhi_model.parse.tables import TextTable

__all__ = ["Builder"]

_ENDERS = "。!?"
_TIME_LINE = re.compile(r"[ \t]*(?:完成时限|完成时间|时间要求|时限要求|完成期限)[ \t]*:")
_MARKER = re.compile(r"\s*(?:\(\d{1,3}\)|[\u2460-\u2473]|\d{1,3}\)|\d{1,3}[.、](?!\d))\s*")


class Builder:
    """Walks the lines and builds parts, headings, tasks and sections."""

    def __init__(
        self, ctx: Context, lines: list[Line], tables: list[TextTable], find: Finder
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

    def _blocks(self) -> list[tuple[Line, list[Line]]]:
        blocks: list[tuple[Line, list[Line]]] = []
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

    def _headed(self, head: Line, block: list[Line]) -> bool:
        """In a document of segments: whether an item is a heading over segments (several
        annotations, or text between its heading sentence and its one annotation)."""
        if self._several(head, block):
            return True
        found = self._annotations(head.body, block[-1].end)
        _, _, body = self._title_span(head.body, block[-1].end)
        return bool(found) and bool(self.text[body : found[0].start].strip())

    def _several(self, head: Line, block: list[Line]) -> bool:
        """Whether a task-level item holds several annotations apart (segments)."""
        return len(groups(self.text, self._annotations(head.body, block[-1].end))) > 1

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
        apply_rules(self.text, self.tasks, self.where_task, self.ctx.issues)

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

    def _part(self, head: Line, block: list[Line]) -> None:
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

    def _heading(self, head: Line, block: list[Line]) -> None:
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

    def _heading_of_segments(self, head: Line) -> int:
        """A task-level item whose annotations close several segments is a heading."""
        title, _ = self._title_end(head.body, head.end)
        taken = self.heading_numbers
        number = head.number if head.number and head.number not in taken else self.top_heading + 1
        self._add_heading(Heading(number=number, title=title, part=self.part))
        return number

    def _segments(self, head: Line, block: list[Line], heading: int) -> None:
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
        for group in groups(self.text, found):
            roles = merge(group)
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
        self, head: Line, block: list[Line], heading: int | None, number: int | None = None
    ) -> None:
        number = number or head.number or 0
        start, end = head.body, block[-1].end
        found = self._annotations(start, end)
        roles = merge(found) if found else None
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
        roles: Roles | None,
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

    def _table(self, table: TextTable) -> None:
        """Each row of a task table is a task; category rows are headings."""
        norm = self.ctx.norm
        for label, _title, start, end in table.categories:
            if label not in self.heading_numbers:
                first, last = self._trim(start, end, " ")
                cell = self.text[first:last]
                lead_in = PART.match(cell) or HEADING.match(cell)
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

    def _section(self, head: Line, block: list[Line], part: int, carried: str | None) -> str | None:
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
