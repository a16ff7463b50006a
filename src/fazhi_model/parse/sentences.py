"""Clauses (分句): text cut into sentences and clauses, the subject a clause opens with, and
what a clause yields when it holds a measurable phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from fazhi_model.model.provisions import Provision
from fazhi_model.model.units import RESPONSIBLE, Registry
from fazhi_model.parse.annotation import CLOSERS, OPENERS, SUFFIXES
from fazhi_model.parse.norm import Normalized
from fazhi_model.parse.report import Issue

__all__ = [
    "MAX_CLAUSE",
    "MODAL",
    "Clause",
    "Context",
    "Found",
    "quote",
    "sentences",
    "subject",
]

MAX_CLAUSE = 500
"""Clauses longer than this (characters) are never typed: they become duties, and are listed
when they hold numbers. Keeps every pattern's work per clause bounded."""

MODAL = re.compile(r"^(?:要|应当|应|需要|需|必须|务必)")
"""A modal verb opening a clause (要, 应当, 必须…)."""
_SUBJECT = re.compile(r"^(.{2,15}?)(?=要|应当|应|需要|需|必须|每年|每人|任期内)")
_SUBJECT_SUFFIXES = (*SUFFIXES, "人员", "负责人", "领导", "干部", "各地", "部门")
_MARKER = re.compile(r"^\s*(?:\(\d+\)|[\u2460-\u2473]|\d+\)|\d+\.(?!\d))\s*")


@attrs.frozen
class Clause:
    """A clause: its span in the normalised text, its text, and what separated it."""

    start: int
    end: int
    text: str
    boundary: str
    """``""`` at a sentence start, else ``","`` or ``";"``."""


@attrs.define
class Context:
    """What extraction needs: the text, the registry and where to put issues."""

    norm: Normalized
    registry: Registry | None
    issues: list[Issue]
    names: tuple[str, ...] = ()
    where: str = ""
    """Where the block being read is (``task 3``), for issues."""

    def __attrs_post_init__(self) -> None:
        if self.registry is not None and not self.names:
            found = {
                name
                for entry in self.registry.entries()
                for name in entry.names
                if name != RESPONSIBLE
            }
            self.names = tuple(sorted(found, key=len, reverse=True))

    def prefix(self, text: str) -> str | None:
        """The longest registry name ``text`` starts with (and goes on after)."""
        return next((n for n in self.names if text.startswith(n) and len(text) > len(n)), None)


def sentences(text: str) -> Iterator[list[Clause]]:
    """The sentences of ``text`` (blanked spans are line ends), each a list of clauses."""
    depth = 0
    clauses: list[Clause] = []
    start = 0
    boundary = ""

    def close(end: int) -> None:
        nonlocal start
        raw = text[start:end]
        lead = len(raw) - len(raw.lstrip())
        if not clauses and boundary == "":
            marker = _MARKER.match(raw)
            if marker:
                lead = marker.end()
        body = raw[lead:].rstrip()
        if body.strip(" .,;:、"):
            clauses.append(Clause(start + lead, start + lead + len(body), body, boundary))
        start = end + 1

    for i, ch in enumerate(text):
        if ch in OPENERS or ch == "“":
            depth += 1
        elif (ch in CLOSERS or ch == "”") and depth:
            depth -= 1
        elif ch == "\n" or (depth == 0 and ch in "。!?"):
            depth = 0
            close(i)
            if clauses:
                yield clauses
            clauses, boundary = [], ""
        elif depth == 0 and ch in ",;":
            close(i)
            boundary = ch
    close(len(text))
    if clauses:
        yield clauses


def subject(text: str, ctx: Context) -> str | None:
    """The subject a clause opens with (主语): a registry name, or a unit-like word + 要/应."""
    known = ctx.prefix(text)
    if known is not None:
        return known
    match = _SUBJECT.match(text)
    if match and match.group(1).endswith(_SUBJECT_SUFFIXES) and "," not in match.group(1):
        return match.group(1)
    return None


@attrs.frozen
class Found:
    """A typed provision found in a clause, and where its quote starts."""

    provision: Provision
    start: int
    """Where its quote starts (a previous clause may be taken in)."""


def quote(ctx: Context, start: int, clause: Clause) -> str:
    """The text from ``start`` to the end of ``clause``, verbatim."""
    return ctx.norm.quote(start, clause.end)
