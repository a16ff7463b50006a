"""The document's outline (结构): its lines, each a part 一、, heading (一), task 1., section 一是,
annotation, metadata or plain line, and which items are the tasks.

:func:`read_lines` classifies every non-blank line of the normalised text;
:func:`promote_headings` and :func:`demote_tasks` settle which level holds the tasks (where a
document has no annotated 1. items, its annotated (一) items are the tasks; 1. items of parts
without any annotation are sections).
"""

from __future__ import annotations

import re

import attrs

from fazhi_model.parse import annotation as _ann
from fazhi_model.parse.attachment import Finder
from fazhi_model.parse.norm import NUMBER, number
from fazhi_model.parse.tables import TextTable

__all__ = [
    "DATE",
    "DISCLOSURE",
    "HEADING",
    "ISSUER",
    "PART",
    "Line",
    "demote_tasks",
    "promote_headings",
    "read_lines",
    "stops_at",
]

_CN = "一二三四五六七八九十"
PART = re.compile(rf"^([{_CN}]+)[、.]\s*")
"""A part line (一、)."""
HEADING = re.compile(rf"^\(([{_CN}]+)\)\s*")
"""A heading line ((一))."""
_TASK = re.compile(r"^(\d{1,3})[.、](?!\d)\s*")
_SECTION = re.compile(rf"^([{_CN}]+是)")
_NOTE = re.compile(r"^(?:" + _ann.KEY.pattern + ")")
DATE = re.compile(rf"^({NUMBER})年({NUMBER})月({NUMBER})日$")
"""A date line (2024年3月1日)."""
ISSUER = re.compile(
    r"^(国务院|国务院办公厅"
    r"|[^\s,:;。、()《》]{2,25}?(?:人民政府办公室|人民政府办公厅|人民政府|委员会|办公室|办公厅|局))$"
)
"""An issuer line (a government, office, commission or bureau)."""
DISCLOSURE = re.compile(r"\((?:此件)?(主动公开|依申请公开|不予公开|公开发布)\)")
"""The disclosure note ((此件主动公开))."""


@attrs.frozen
class Line:
    """One non-blank line of the text, classified (一行)."""

    kind: str
    """part, heading, task, section, note (an annotation line), meta (a date, issuer or
    disclosure line: never part of a block) or plain."""
    start: int
    end: int
    body: int
    """Where the text after the marker starts."""
    number: int | None = None
    label: str = ""


def read_lines(text: str, tables: list[TextTable] = ()) -> list[Line]:  # type: ignore[assignment]
    found: list[Line] = []
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
                found.append(Line("table", start, end, start))
            continue
        if not body:
            continue
        for kind, pattern in (
            ("part", PART),
            ("heading", HEADING),
            ("task", _TASK),
            ("section", _SECTION),
        ):
            match = pattern.match(body)
            if match is None:
                continue
            value = number(match.group(1).removesuffix("是"))
            if value is None:
                continue
            found.append(Line(kind, start, end, start + match.end(), value, match.group(1)))
            break
        else:
            kind = (
                "note"
                if _NOTE.match(body)
                else "meta"
                if DATE.match(body) or ISSUER.match(body) or DISCLOSURE.fullmatch(body)
                else "plain"
            )
            found.append(Line(kind, start, end, start))
    return found


def stops_at(lines: list[Line], kinds: tuple[str, ...], end: int) -> list[int]:
    """For each line, where the next line of one of ``kinds`` starts (else ``end``)."""
    stops = [end] * len(lines)
    following = end
    for i in range(len(lines) - 1, -1, -1):
        stops[i] = following
        if lines[i].kind in kinds:
            following = lines[i].start
    return stops


def promote_headings(lines: list[Line], text: str, find: Finder) -> None:
    """Where no 1. item carries an annotation, (一) items with an annotation are the tasks."""
    items = stops_at(lines, ("part", "heading", "task", "table"), len(text))
    if any(line.kind == "task" and find(line.body, items[i]) for i, line in enumerate(lines)):
        return
    count = 0
    stops = stops_at(lines, ("part", "heading", "table"), len(text))
    for i, line in enumerate(lines):
        if line.kind != "heading":
            continue
        if find(line.body, stops[i]):
            count += 1
            lines[i] = attrs.evolve(line, kind="task", number=count)


def demote_tasks(lines: list[Line], text: str, find: Finder) -> None:
    """In a document with annotated tasks, 1. items of parts without any are sections."""
    part = 0
    annotated: set[int] = set()
    by_part: dict[int, list[int]] = {}
    stops = stops_at(lines, ("part", "heading", "task", "table"), len(text))
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
