"""Responsibility annotations (责任分工) and unit lists (单位列表).

Styles read (the vocabulary is in :mod:`fazhi_model.parse.styles`), in brackets of any kind
nested either way (〔…〕, (…), 【…】, […]) or on lines of their own after a task:

* keyed: ``〔责任单位:A,B及其他市政府部门〕``, ``(牵头单位:X;责任单位:Y)``,
  ``(牵头单位:X,配合单位:Y)`` (also 协办/协同/参与单位, 指导部门);
* closed by a role word: ``(A、B、C负责)``, ``(A负责,B配合)``, ``(A牵头,B、C参与)``,
  ``(A指导,B负责落实)``, ``(A、B,C按职责分工负责)`` (a list may run over a ``,``);
* ``牵头单位:X`` / ``责任单位:Y`` / ``配合单位:Z`` lines;
* a rule stated inside the brackets after a ``,`` or ``。`` (``列第一位者为牵头单位,下同``;
  ``以下均需试点城市政府落实,不再列出``) is not a unit list: the reader applies it.

A unit list splits on 、 , ; 及 (以及) and 会同 outside brackets (a leading 由 is not part of
a name: ``(由A负责)``); on 和 only between two complete unit
names (``…等和各省级人民政府``; never inside 人力资源和社会保障部 or 中央和国家机关工委); a
catch-all after 等 (``A等有关部门``) is its own reference, kept as written; a bare ``等``
closing a list is not a reference (``open_list``). A piece that does not look like a complete
unit name (``各区`` in ``各区、县级市政府``) is joined to the following short pieces.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import attrs

from fazhi_model.model.units import Registry
from fazhi_model.parse import styles
from fazhi_model.parse.styles import CATCH_ALL, KEY, LEAD_RULE, SUFFIXES

__all__ = [
    "CLOSERS",
    "KEY",
    "LEAD_RULE",
    "MAX_ANNOTATION",
    "OPENERS",
    "SUFFIXES",
    "Annotation",
    "brackets",
    "complete",
    "find",
    "is_catch_all",
    "read",
    "split_units",
    "top_split",
    "unique",
]

OPENERS = {"〔": "〕", "(": ")", "[": "]", "【": "】", "{": "}"}
CLOSERS = {v: k for k, v in OPENERS.items()}

MAX_ANNOTATION = 1000
"""Brackets or lines longer than this (characters) are never read as annotations."""

_SEPARATORS = ("等和", "以及", "会同", "、", ",", ";", "及")
_GROUP = re.compile(
    r"^各(?:有关)?(?:省|市|区|县|旗|乡|镇|街道|县级市|自治县|自治区|自治州|直辖市|地市)"
    r"(?:、(?:省|市|区|县|旗|乡|镇|街道|县级市|自治县|自治区|自治州|直辖市|地市))+$"
)
"""A group of administrative levels written with 、 (各区、县级市): one reference."""

_RULE_WORDS = ("下同", "不再列出", "不再一一列出", "以下同")


@attrs.frozen
class Annotation:
    """One responsibility annotation: its span in the text and the references it names.

    ``responsible`` is every reference, in order; ``lead``, ``cooperating`` and ``guiding``
    those the annotation marks so. ``open_list`` when a list ends in a bare 等.
    """

    start: int
    end: int
    responsible: tuple[str, ...]
    lead: tuple[str, ...] = ()
    cooperating: tuple[str, ...] = ()
    guiding: tuple[str, ...] = ()
    open_list: bool = False


def brackets(text: str) -> Iterator[tuple[int, int]]:
    """Top-level bracket groups ``(start, end)`` (closer included), nesting kinds mixed.

    A closer without its opener on the stack is ignored; linear in ``len(text)``.
    """
    stack: list[tuple[str, int]] = []
    open_count = dict.fromkeys(OPENERS, 0)
    for i, ch in enumerate(text):
        if ch in OPENERS:
            stack.append((ch, i))
            open_count[ch] += 1
        elif ch in CLOSERS and open_count[CLOSERS[ch]]:
            start = i
            while stack:
                opener, start = stack.pop()
                open_count[opener] -= 1
                if opener == CLOSERS[ch]:
                    break
            if not stack:
                yield start, i + 1


def top_split(text: str, seps: tuple[str, ...]) -> list[tuple[str, str]]:
    """``text`` split at separators outside brackets: (piece, separator after it)."""
    pieces: list[tuple[str, str]] = []
    depth = 0
    begin = 0
    i = 0
    first = {s[0] for s in seps}
    while i < len(text):
        ch = text[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        elif depth == 0 and ch in first:
            sep = next((s for s in seps if text.startswith(s, i)), None)
            if sep is not None:
                pieces.append((text[begin:i], sep))
                i += len(sep)
                begin = i
                continue
        i += 1
    pieces.append((text[begin:], ""))
    return pieces


def is_catch_all(name: str) -> bool:
    """Whether ``name`` is a catch-all (等有关部门, 各有关部门和单位), not a named unit."""
    return CATCH_ALL.match(name) is not None


def complete(name: str, registry: Registry | None) -> bool:
    """Whether ``name`` looks like a whole unit or group name (registry, suffix or form)."""
    if registry is not None and registry.find(name) is not None:
        return True
    if _GROUP.match(name):
        return True
    return name.endswith(SUFFIXES) or name.endswith((")", "〕", "】"))


def _split_and(name: str, registry: Registry | None) -> list[str]:
    """``A和B`` split where both sides are complete names and the registry does not know it."""
    if "和" not in name or (registry is not None and registry.find(name) is not None):
        return [name]
    for piece, _ in top_split(name, ("和",))[:-1]:
        left = len(piece)
        head, tail = name[:left], name[left + 1 :]
        if (
            len(head) > 1
            and len(tail) > 2
            and complete(head, registry)
            and complete(tail, registry)
            and not is_catch_all(tail)
        ):
            return [head, *_split_and(tail, registry)]
    return [name]


def split_units(text: str, registry: Registry | None = None) -> tuple[str, ...]:
    """The references of a unit list, as written, in order."""
    return _split(text, registry)[0]


def _split(text: str, registry: Registry | None) -> tuple[tuple[str, ...], bool]:
    raw = [(p.strip(" \t\n。.:"), s) for p, s in top_split(text.strip(), _SEPARATORS)]
    open_list = any(s == "等和" for _, s in raw)
    names: list[str] = []
    i = 0
    while i < len(raw):
        current, j = raw[i][0], i
        if not complete(current, registry):
            # join the following short pieces while that makes a complete name
            merged, k = current, i
            while k + 1 < len(raw) and k - i < 6 and raw[k][1] in ("、", "及", "以及"):
                if raw[k][1] == "、" and len(raw[k][0]) > 4 and k == i:
                    break
                merged = merged + raw[k][1] + raw[k + 1][0]
                k += 1
                if complete(merged, registry):
                    current, j = merged, k
                    break
        # an administrative group goes on: 各省、自治区 + 直辖市人民政府
        while _GROUP.match(current) and j + 1 < len(raw) and raw[j][1] == "、":
            following = raw[j + 1][0]
            bare = following.removesuffix("人民政府").removesuffix("政府")
            if not _GROUP.match(current + "、" + bare):
                break
            current, j = current + "、" + following, j + 1
            if bare != following:
                break
        i = j + 1
        parts = styles.split_catch_all(current)
        if len(parts) == 1 and parts[0] != current:
            open_list = True
        for part in parts:
            names.extend([part] if is_catch_all(part) else _split_and(part, registry))
    return unique(names), open_list


def unique(names: list[str]) -> tuple[str, ...]:
    """``names`` without blanks and repeats, in order."""
    return tuple(dict.fromkeys(n for n in names if n))


def _is_rule(piece: str) -> bool:
    return (
        piece in _RULE_WORDS
        or LEAD_RULE.search(piece) is not None
        or styles.IMPLIED_RULE.search(piece) is not None
    )


def _listed(names: tuple[str, ...], registry: Registry | None) -> bool:
    return bool(names) and all(complete(n, registry) or is_catch_all(n) for n in names)


def read(
    content: str, registry: Registry | None = None, *, start: int = 0, end: int = 0
) -> Annotation | None:
    """The annotation a bracket's content or a line states, or ``None`` if it states none.

    ``start`` and ``end`` are recorded as its span."""
    if len(content) > MAX_ANNOTATION:
        return None
    roles: dict[str, list[str]] = {
        "lead": [], "responsible": [], "cooperating": [], "guiding": []
    }  # fmt: skip
    every: list[str] = []
    open_list = False
    keys = list(KEY.finditer(content))
    if keys:
        if content[: keys[0].start()].strip(" ;,。"):
            return None
        for k, key in enumerate(keys):
            stop = keys[k + 1].start() if k + 1 < len(keys) else len(content)
            body = content[key.end() : stop]
            # a rule sentence after a 。 is not part of the list
            cut = next((p for p, _ in top_split(body, ("。",))), body)
            names, more = _split(cut.strip(" ;,。\n"), registry)
            open_list = open_list or more
            every.extend(names)
            roles[styles.role_of_key(key.group(1))].extend(names)
    else:
        pending: list[str] = []
        found = False
        for piece, _ in top_split(content, (";", ",", "。")):
            piece = piece.strip()
            if not piece:
                continue
            if _is_rule(piece):
                if pending:
                    return None
                continue
            match = styles.ROLE_TAIL.match(piece)
            if match is None:
                names, more = _split(piece, registry)
                if not _listed(names, registry):
                    return None
                pending.extend(names)
                open_list = open_list or more
                continue
            names, more = _split(match.group("units").removeprefix("由"), registry)
            if not _listed(names, registry):
                return None
            open_list = open_list or more
            role = styles.ROLE_WORDS[match.group("role")]
            names = unique([*pending, *names])
            pending = []
            every.extend(names)
            roles[role].extend(names)
            found = True
        if not found or pending:
            return None
    if not every:
        return None
    return Annotation(
        start,
        end,
        unique(every),
        unique(roles["lead"]),
        unique(roles["cooperating"]),
        unique(roles["guiding"]),
        open_list,
    )


_MAY_ANNOTATE = re.compile(r"[(\[{〔【::]")
"""Text without any bracket or colon holds no annotation."""

_LINE_KEY = re.compile(r"(?:^|(?<=[。;\n]))[ \t]*(?=" + KEY.pattern + ")")


def find(text: str, registry: Registry | None = None) -> list[Annotation]:
    """Every annotation in a (normalised) text, in order, with its span."""
    found: list[Annotation] = []
    if not _MAY_ANNOTATE.search(text):
        return found
    spans = list(brackets(text))
    for start, end in spans:
        if end - start - 2 > MAX_ANNOTATION:
            continue
        ann = read(text[start + 1 : end - 1], registry, start=start, end=end)
        if ann is not None:
            found.append(ann)
    starts = [a for a, _ in spans]
    for match in _LINE_KEY.finditer(text):
        start = match.end()
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and spans[k][0] <= start < spans[k][1]:
            continue
        stop = text.find("\n", start)
        end = len(text) if stop < 0 else stop
        line = text[start:end].rstrip(" 。")
        ann = read(line, registry, start=start, end=start + len(line))
        if ann is not None:
            found.append(ann)
    return sorted(found, key=lambda a: a.start)
