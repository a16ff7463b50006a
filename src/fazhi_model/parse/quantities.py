"""Amounts in a clause (数量与指标): staffing levels (每个…配备N名), quotas (每年不少于N次),
percentage targets (达到N%) and directions of a rate (提高…率).
"""

from __future__ import annotations

import re

from fazhi_model.model.provisions import (
    Direction,
    Measure,
    Modality,
    Per,
    Period,
    Quota,
    Staffing,
    StaffingLevel,
    Target,
)
from fazhi_model.parse.annotation import CLOSERS, OPENERS
from fazhi_model.parse.norm import NUMBER, number
from fazhi_model.parse.report import PLACEHOLDER
from fazhi_model.parse.sentences import Clause, Context, Found, quote, subject

__all__ = ["find_direction", "find_quota", "find_staffing", "find_target"]

_QUANT = re.compile(r"(不少于|不低于|至少|不超过|最多|至多|不多于)")
_ITEM = re.compile(r"(" + NUMBER + r")(次|学时|名)")
_PERIOD = re.compile(r"每年度|每年|任期内")
_YEAR = re.compile(r"(?:力争)?(?:到|至|在)?(\d{4})年(?:底|末|年底)?(?:前)?")
_TARGET = re.compile(
    r"(达到|提高到|提升到|提高至|提升至|不低于|保持在|超过|达)\s*(\d+(?:\.\d+)?)\s*%"
)
_DIRECTION = re.compile(r"^(?:不断|进一步|持续|逐步|切实|有效)?(提高|提升|降低|减少)(.+率)$")
_STAFFING = re.compile(
    r"每个([^,;。]{1,40}?)(?:分别)?配备((?:" + NUMBER + r"名、?){1,20})(以上)?(?:的)?(.+)$"
)


def _strive(*texts: str) -> Modality:
    return Modality.STRIVE if any("力争" in t or "争取" in t for t in texts) else Modality.MUST


def find_staffing(
    ctx: Context, clause: Clause, subj: str | None, previous: Clause | None, year: Clause | None
) -> list[Found]:
    match = _STAFFING.search(clause.text)
    if match is None:
        return []
    bodies = _split_list(match.group(1))
    counts = [number(n) for n in re.findall(NUMBER, match.group(2))]
    if len(counts) == 1:
        counts = counts * len(bodies)
    if len(counts) != len(bodies) or any(c is None for c in counts):
        return []
    start, by_year = _by_year(clause, year)
    levels = tuple(StaffingLevel(b, c) for b, c in zip(bodies, counts, strict=True) if c)
    return [
        Found(
            Staffing(
                id="",
                source=quote(ctx, start, clause),
                bearer=subj or "",
                modality=_strive(clause.text, year.text if year else ""),
                role=match.group(4).strip(" ,"),
                levels=levels,
                by_year=by_year,
            ),
            start,
        )
    ]


def _split_list(text: str) -> list[str]:
    depth = 0
    pieces, current = [], ""
    for ch in text:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        if ch == "、" and depth == 0:
            pieces.append(current)
            current = ""
        else:
            current += ch
    pieces.append(current)
    return [p.strip() for p in pieces if p.strip()]


def _by_year(clause: Clause, year: Clause | None) -> tuple[int, int | None]:
    match = _YEAR.search(clause.text)
    if match is not None:
        return clause.start, int(match.group(1))
    if year is not None:
        found = _YEAR.search(year.text)
        if found is not None:
            return year.start, int(found.group(1))
    return clause.start, None


def find_quota(
    ctx: Context, clause: Clause, subj: str | None, previous: Clause | None, year: Clause | None
) -> list[Found]:
    text = clause.text
    quant = _QUANT.search(text)
    if quant is None:
        return []
    items = list(_ITEM.finditer(text, quant.end()))
    period = _PERIOD.search(text, 0, quant.start())
    if not items or period is None:
        return []
    before = text[: period.start()]
    between = text[period.end() : quant.start()].replace("每人", "")
    per = Per.PERSON if "每人" in text else Per.UNIT
    before = before.replace("每人", "")
    bearer, extra = subj or "", ""
    if before:
        known = ctx.prefix(before + "\0")
        if known is not None:
            bearer, extra = known, before[len(known) :].lstrip("的")
        else:
            bearer = re.split(r"对|在", before)[0] or before
    if extra.startswith(("对", "在")):
        extra = ""
    if bearer.endswith(("负责人", "人员", "干部")):
        per = Per.PERSON
    between = re.sub(r"^在[^,]*(?:内|中|系统|单位)", "", between)
    found = []
    lead_in = text[quant.end() : items[0].start()]
    who = re.search(r"组织(.+?)参加", lead_in)
    for k, item in enumerate(items):
        stop = items[k + 1].start() if k + 1 < len(items) else len(text)
        tail = text[item.end() : stop].strip(" 、,").lstrip("的")
        tail = re.sub(r"^(?:以上|以下)", "", tail).lstrip("的")
        activity = extra + (tail or between.strip()) or PLACEHOLDER
        amount = number(item.group(1))
        if not amount:
            continue
        upper = quant.group(1) in ("不超过", "最多", "至多", "不多于")
        found.append(
            Found(
                Quota(
                    id="",
                    source=ctx.norm.quote(clause.start, clause.end),
                    bearer=bearer,
                    activity=activity,
                    measure=Measure(item.group(2)),
                    period=Period.TERM if period.group(0) == "任期内" else Period.YEAR,
                    per=per,
                    minimum=None if upper else amount,
                    maximum=amount if upper else None,
                    subject=who.group(1) if who else None,
                ),
                clause.start,
            )
        )
    return found


def find_target(
    ctx: Context, clause: Clause, subj: str | None, previous: Clause | None, year: Clause | None
) -> list[Found]:
    text = clause.text
    match = _TARGET.search(text)
    if match is None or text.endswith("的") or _inside_brackets(text, match.start()):
        return []  # a condition (…达到25%的, 可…) or an aside in brackets is not a target
    before = text[: match.start()]
    start, by_year = _by_year(clause, year)
    metric = before
    found_year = _YEAR.search(before)
    if found_year is not None:
        metric = before[found_year.end() :]
    own = subject(metric, ctx)
    if own is not None:
        metric = metric[len(own) :]
    metric = re.sub(r"(?:应当|应|要|均|必须|将|需)+$", "", metric.strip(" ,"))
    metric = re.sub(r"^(?:力争|基本|的)+", "", metric).strip(" ,") or PLACEHOLDER
    return [
        Found(
            Target(
                id="",
                source=quote(ctx, start, clause),
                bearer=own or subj or "",
                modality=_strive(text, year.text if year else ""),
                metric=metric,
                value=float(match.group(2)),
                measure="%",
                by_year=by_year,
            ),
            start,
        )
    ]


def _inside_brackets(text: str, pos: int) -> bool:
    depth = 0
    for ch in text[:pos]:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
    return depth > 0


def find_direction(
    ctx: Context, clause: Clause, subj: str | None, previous: Clause | None, year: Clause | None
) -> list[Found]:
    match = _DIRECTION.match(clause.text)
    if match is None:
        return []
    metrics = match.group(2).split("、")
    if not all(m.endswith("率") and len(m) > 1 and "效率" not in m for m in metrics):
        return []  # 效率 (efficiency) is not a measured rate
    direction = Direction.RAISE if match.group(1) in ("提高", "提升") else Direction.LOWER
    return [
        Found(
            Target(
                id="",
                source=ctx.norm.quote(clause.start, clause.end),
                bearer=subj or "",
                metric=m,
                direction=direction,
            ),
            clause.start,
        )
        for m in metrics
    ]
