"""Responsibility annotations (责任分工) and unit lists (单位列表).

Styles read, in brackets of any kind nested either way (〔…〕, (…), 【…】, […]) or on lines of
their own after a task:

* ``〔责任单位:A,B及其他市政府部门〕``;
* ``(牵头单位:X;责任单位:Y)`` and ``(牵头单位:X,配合单位:Y)`` (also 协办/协同/参与单位);
* ``(X牵头,Y配合)`` (also 负责, 协同, 参与);
* ``牵头单位:X`` / ``责任单位:Y`` / ``配合单位:Z`` lines.

A unit list splits on 、 , ; 及 (以及) outside brackets, never on 和, and a piece that does not
look like a complete unit name (``各区`` in ``各区、县级市政府``) is joined to the next one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from fazhi_model.model.units import Registry

OPENERS = {"〔": "〕", "(": ")", "[": "]", "【": "】", "{": "}"}
CLOSERS = {v: k for k, v in OPENERS.items()}

# simplified, then traditional forms (read even where OpenCC is missing)
_LEAD_KEYS = ("牵头单位", "牵头部门", "主责单位", "主责部门", "牽頭單位", "牽頭部門")
_COOP_KEYS = (
    "配合单位", "配合部门", "协办单位", "协同单位", "参与单位", "协助单位",
    "配合單位", "配合部門", "協辦單位", "協同單位", "參與單位", "協助單位",
)  # fmt: skip
_RESP_KEYS = ("责任单位", "责任部门", "承办单位", "責任單位", "責任部門", "承辦單位")
KEY = re.compile(r"(" + "|".join(_LEAD_KEYS + _COOP_KEYS + _RESP_KEYS) + r")\s*[::]")
_ROLE_TAIL = re.compile(r"^(.+?)(牵头|配合|协同|协助|参与|负责)$")
_SEPARATORS = ("以及", "、", ",", ";", "及")

SUFFIXES = (
    "政府", "局", "委", "办", "院", "部门", "中心", "高校", "单位", "组", "厅", "室", "会",
    "所", "队", "站", "处", "馆", "社", "公司", "集团", "机关", "机构", "部", "团", "校",
    "学院", "大学", "党校", "银行", "总站", "办事处", "街道", "乡镇",
)  # fmt: skip
"""Endings of complete unit and group names (单位名称后缀)."""

LEAD_RULE = re.compile(
    r"第一(?:责任|位|个)?单位(?:为|是|即为)牵头单位"
    r"|(?:排|列)(?:在)?(?:第一|首)位的?(?:单位)?(?:为|是)牵头单位"
    r"|(?:排|列)(?:在)?(?:第一|首)位的?(?:责任)?单位牵头"
)
"""A stated rule that the first-named unit leads (e.g. 第一责任单位为牵头单位)."""


@attrs.frozen
class Annotation:
    """One responsibility annotation: its span in the text and the references it names."""

    start: int
    end: int
    responsible: tuple[str, ...]
    lead: tuple[str, ...] = ()
    cooperating: tuple[str, ...] = ()


def brackets(text: str) -> Iterator[tuple[int, int]]:
    """Top-level bracket groups ``(start, end)`` (closer included), nesting kinds mixed."""
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in OPENERS:
            stack.append((ch, i))
        elif ch in CLOSERS and any(o == CLOSERS[ch] for o, _ in stack):
            while stack:
                opener, start = stack.pop()
                if opener == CLOSERS[ch]:
                    break
            if not stack:
                yield start, i + 1


def _top_split(text: str, seps: tuple[str, ...]) -> list[tuple[str, str]]:
    """``text`` split at separators outside brackets: (piece, separator after it)."""
    pieces: list[tuple[str, str]] = []
    depth = 0
    current: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        if depth == 0:
            sep = next((s for s in seps if text.startswith(s, i)), None)
            if sep is not None:
                pieces.append(("".join(current), sep))
                current = []
                i += len(sep)
                continue
        current.append(ch)
        i += 1
    pieces.append(("".join(current), ""))
    return pieces


def complete(name: str, registry: Registry | None) -> bool:
    """Whether ``name`` looks like a whole unit or group name (registry or suffix)."""
    if registry is not None and registry.find(name) is not None:
        return True
    return name.endswith(SUFFIXES) or name.endswith((")", "〕", "】"))


def split_units(text: str, registry: Registry | None = None) -> tuple[str, ...]:
    """The references of a unit list, as written, in order."""
    raw = [(p.strip(" \t\n。.:"), s) for p, s in _top_split(text.strip(), _SEPARATORS)]
    names: list[str] = []
    i = 0
    while i < len(raw):
        current, j = raw[i][0], i
        while not complete(current, registry) and j + 1 < len(raw):
            sep = raw[j][1]
            if not (sep in ("及", "以及") or (sep == "、" and len(current) <= 4)):
                break
            merged = current + sep + raw[j + 1][0]
            if not complete(merged, registry):
                break
            current, j = merged, j + 1
        if current:
            names.append(current)
        i = j + 1
    return tuple(names)


def _unique(names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n))


def read(content: str, registry: Registry | None = None) -> Annotation | None:
    """The annotation a bracket's content or a line states, or ``None`` if it states none."""
    keys = list(KEY.finditer(content))
    lead: list[str] = []
    coop: list[str] = []
    every: list[str] = []
    if keys:
        if content[: keys[0].start()].strip(" ;,。"):
            return None
        for k, key in enumerate(keys):
            end = keys[k + 1].start() if k + 1 < len(keys) else len(content)
            names = split_units(content[key.end() : end].strip(" ;,。\n"), registry)
            every.extend(names)
            if key.group(1) in _LEAD_KEYS:
                lead.extend(names)
            elif key.group(1) in _COOP_KEYS:
                coop.extend(names)
    else:
        pieces = [p.strip() for p, _ in _top_split(content, (";", ","))]
        found = False
        for piece in pieces:
            if not piece:
                continue
            match = _ROLE_TAIL.match(piece)
            if match is None:
                return None
            names = split_units(match.group(1), registry)
            every.extend(names)
            if match.group(2) == "牵头":
                lead.extend(names)
                found = True
            elif match.group(2) != "负责":
                coop.extend(names)
                found = True
        if not found:
            return None
    if not every:
        return None
    return Annotation(0, 0, _unique(every), _unique(lead), _unique(coop))


_LINE_KEY = re.compile(r"(?:^|(?<=[。;\n]))[ \t]*(?=" + KEY.pattern + ")")


def find(text: str, registry: Registry | None = None) -> list[Annotation]:
    """Every annotation in a task's (normalised) text, in order, with its span."""
    found: list[Annotation] = []
    spans = list(brackets(text))
    for start, end in spans:
        ann = read(text[start + 1 : end - 1], registry)
        if ann is not None:
            found.append(attrs.evolve(ann, start=start, end=end))
    for match in _LINE_KEY.finditer(text):
        start = match.end()
        if any(a <= start < b for a, b in spans):
            continue
        stop = text.find("\n", start)
        end = len(text) if stop < 0 else stop
        ann = read(text[start:end].rstrip(" 。"), registry)
        if ann is not None:
            found.append(attrs.evolve(ann, start=start, end=len(text[:end].rstrip(" 。"))))
    return sorted(found, key=lambda a: a.start)
