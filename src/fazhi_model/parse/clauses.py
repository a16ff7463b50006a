"""Provisions from sentences (条款抽取): measurable phrases into typed kinds, the rest duties.

A block of text is cut into sentences (at 。!? and line ends) and clauses (at , and ;, outside
brackets and quotes). A clause with a measurable phrase becomes a typed provision quoting that
clause; consecutive other clauses with the same subject and modality become one
:class:`~fazhi_model.model.provisions.Duty` quoting them together. A subject (主语) found in a
clause carries to the later clauses of its sentence (承前).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import attrs

from fazhi_model.model.provisions import (
    AnnualDate,
    Counting,
    Deadline,
    Direction,
    Duty,
    Measure,
    Modality,
    Per,
    Period,
    Provision,
    Quota,
    RecurringDueDate,
    Staffing,
    StaffingLevel,
    Target,
)
from fazhi_model.model.units import RESPONSIBLE, Registry
from fazhi_model.parse.annotation import CLOSERS, OPENERS, SUFFIXES
from fazhi_model.parse.norm import NUMBER, Normalized, number
from fazhi_model.parse.report import PLACEHOLDER, Issue

__all__ = [
    "MAX_CLAUSE",
    "Clause",
    "Context",
    "extract",
    "sentences",
    "subject",
]

MAX_CLAUSE = 500
"""Clauses longer than this (characters) are never typed: they become duties, and are listed
when they hold numbers. Keeps every pattern's work per clause bounded."""

_MODAL = re.compile(r"^(?:要|应当|应|需要|需|必须|务必)")
_SUBJECT = re.compile(r"^(.{2,15}?)(?=要|应当|应|需要|需|必须|每年|每人|任期内)")
_SUBJECT_SUFFIXES = (*SUFFIXES, "人员", "负责人", "领导", "干部", "各地", "部门")
_MARKER = re.compile(r"^\s*(?:\(\d+\)|[\u2460-\u2473]|\d+\)|\d+\.(?!\d))\s*")

_QUANT = re.compile(r"(不少于|不低于|至少|不超过|最多|至多|不多于)")
_ITEM = re.compile(r"(" + NUMBER + r")(次|学时|名)")
_PERIOD = re.compile(r"每年度|每年|任期内")
_WORKDAYS = re.compile(r"(" + NUMBER + r")个?工作日(?:以)?内")
_DAYS = re.compile(r"(" + NUMBER + r")(?:个)?(?:自然)?(?:日|天)(?:以)?内")
_MONTHS = re.compile(r"(" + NUMBER + r")个(?:自然)?月(?:以)?内")
_TRIGGER = re.compile(r"(?:在|自|于|从)?([^在自于从]{0,60}?)(?:之日起|之日后|起|后)$")
_DATE = re.compile(r"(" + NUMBER + r")月(?:(" + NUMBER + r")日|底|末)前")
_YEAR = re.compile(r"(?:力争)?(?:到|至|在)?(\d{4})年(?:底|末|年底)?(?:前)?")
_YEAR_ONLY = re.compile(r"^(?:力争)?(?:到|至)(\d{4})年(?:底|末)?(?:前)?$")
_TARGET = re.compile(
    r"(达到|提高到|提升到|提高至|提升至|不低于|保持在|超过|达)\s*(\d+(?:\.\d+)?)\s*%"
)
_DIRECTION = re.compile(r"^(?:不断|进一步|持续|逐步|切实|有效)?(提高|提升|降低|减少)(.+率)$")
_STAFFING = re.compile(
    r"每个([^,;。]{1,40}?)(?:分别)?配备((?:" + NUMBER + r"名、?){1,20})(以上)?(?:的)?(.+)$"
)
_NUMBERS = re.compile(r"\d|百分之|" + NUMBER + r"(?:次|名|日|天|个月|学时|个工作日)")


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


def _modality(text: str) -> Modality | None:
    if "适时" in text:
        return Modality.DISCRETIONARY
    if "鼓励" in text:
        return Modality.ENCOURAGE
    if any(w in text for w in ("力争", "争取", "尽最大努力")):
        return Modality.STRIVE
    return None


def subject(text: str, ctx: Context) -> str | None:
    """The subject a clause opens with (主语): a registry name, or a unit-like word + 要/应."""
    known = ctx.prefix(text)
    if known is not None:
        return known
    match = _SUBJECT.match(text)
    if match and match.group(1).endswith(_SUBJECT_SUFFIXES) and "," not in match.group(1):
        return match.group(1)
    return None


def _strip_subject(text: str, subj: str | None) -> str:
    if subj and text.startswith(subj):
        text = text[len(subj) :]
    text = _MODAL.sub("", text.lstrip("的"))
    return text.strip(" ,;") or text


@attrs.frozen
class _Found:
    provision: Provision
    start: int
    """Where its quote starts (a previous clause may be taken in)."""


def extract(
    ctx: Context,
    start: int,
    end: int,
    *,
    prefix: str,
    where: str,
    blanks: Sequence[tuple[int, int]] = (),
    default: str | None = RESPONSIBLE,
    carry: bool = False,
    carried: str | None = None,
) -> list[Provision]:
    """The provisions of ``norm.text[start:end]`` with ids ``{prefix}.p01``….

    ``blanks`` are spans to leave out (annotations, the title); ``default`` is the bearer of
    clauses without a subject (``None``: the last subject seen, across sentences when
    ``carry``, starting from ``carried``, else :data:`PLACEHOLDER`).
    """
    chars = list(ctx.norm.text[start:end])
    for a, b in blanks:
        for k in range(max(a, start), min(b, end)):
            chars[k - start] = "\n"
    ctx.where = where
    found: list[Provision] = []
    last = carried
    for sentence in sentences("".join(chars)):
        clauses = [attrs.evolve(c, start=c.start + start, end=c.end + start) for c in sentence]
        carried = last if carry else None
        for item in _sentence(ctx, clauses, where=where, default=default, carried=carried):
            found.append(item)
            if item.bearer not in (RESPONSIBLE, PLACEHOLDER):
                last = item.bearer
    return [attrs.evolve(p, id=f"{prefix}.p{n:02d}") for n, p in enumerate(found, 1)]


def _sentence(
    ctx: Context,
    clauses: list[Clause],
    *,
    where: str,
    default: str | None,
    carried: str | None,
) -> Iterator[Provision]:
    current = carried
    run: list[Clause] = []
    run_subject: str | None = None
    run_carry: str | None = None
    run_modality: Modality | None = None
    year: Clause | None = None

    def bearer(subj: str | None) -> str:
        if subj:
            return subj
        if default is not None:
            return default
        ctx.issues.append(
            Issue(
                kind="unknown-bearer",
                where=where,
                message="no subject found; a placeholder bearer was written",
                text=" ".join(c.text for c in clauses),
            )
        )
        return PLACEHOLDER

    def flush() -> Iterator[Provision]:
        nonlocal run
        if run:
            text = ",".join(c.text for c in run)
            subj = run_subject or run_carry
            yield Duty(
                id="",
                source=ctx.norm.quote(run[0].start, run[-1].end),
                bearer=bearer(subj),
                modality=run_modality or Modality.MUST,
                action=_strip_subject(text, run_subject),
            )
            for clause in run:
                if _NUMBERS.search(clause.text) and (
                    len(clause.text) > MAX_CLAUSE
                    or (not _YEAR_ONLY.match(clause.text) and not _MONTHS.search(clause.text))
                ):
                    ctx.issues.append(
                        Issue(
                            kind="unclassified-number",
                            where=where,
                            message="numbers the parser could not classify; modelled as a duty",
                            text=ctx.norm.quote(clause.start, clause.end),
                        )
                    )
        run = []

    for clause in clauses:
        own = subject(clause.text, ctx)
        before = current
        if own is not None:
            current = own
        modality = _modality(clause.text)
        previous = run[-1] if run else None
        typed = _typed(ctx, clause, subj=own or current, previous=previous, year=year)
        if typed:
            taken = min(t.start for t in typed)
            if run and taken < clause.start:
                run = [c for c in run if c.end <= taken]
            yield from flush()
            for t in typed:
                p = t.provision
                yield attrs.evolve(p, bearer=p.bearer or bearer(own or current))
            year = None
            continue
        year = clause if _YEAR_ONLY.match(clause.text) else None
        if run and (
            (own is not None and own != run_subject)
            or clause.boundary == ";"
            or (modality is not None and modality != run_modality)
            or (modality is None and run_modality not in (None, Modality.MUST))
        ):
            yield from flush()
        if not run:
            run_subject, run_modality, run_carry = own, modality, before
        run.append(clause)
    yield from flush()


def _typed(
    ctx: Context, clause: Clause, *, subj: str | None, previous: Clause | None, year: Clause | None
) -> list[_Found]:
    if len(clause.text) > MAX_CLAUSE:
        return []
    for matcher in (_staffing, _deadline, _recurring, _quota, _target, _direction):
        found = matcher(ctx, clause, subj, previous, year)
        if found:
            return found
    return []


def _quote(ctx: Context, start: int, clause: Clause) -> str:
    return ctx.norm.quote(start, clause.end)


def _strive(*texts: str) -> Modality:
    return Modality.STRIVE if any("力争" in t or "争取" in t for t in texts) else Modality.MUST


def _staffing(
    ctx: Context, clause: Clause, subj: str | None, previous: Clause | None, year: Clause | None
) -> list[_Found]:
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
        _Found(
            Staffing(
                id="",
                source=_quote(ctx, start, clause),
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


def _deadline(
    ctx: Context, clause: Clause, subj: str | None, previous: Clause | None, year: Clause | None
) -> list[_Found]:
    text = clause.text
    counting = Counting.WORKDAYS
    match = _WORKDAYS.search(text)
    if match is None:
        counting = Counting.DAYS
        match = _DAYS.search(text)
    if match is None:
        counting = Counting.MONTHS
        match = _MONTHS.search(text)
    if match is None:
        return []
    amount = number(match.group(1))
    if not amount:
        return []
    before = text[: match.start()]
    if subj and before.startswith(subj):
        before = before[len(subj) :]
    before = _MODAL.sub("", before.lstrip("的"))
    before = re.sub(r"(?:应当|应|要|需|必须)?(?:在|于)?$", "", before)
    trigger = _TRIGGER.search(before)
    start = clause.start
    label = trigger.group(1).strip(" ,") if trigger else ""
    if not label and previous is not None and "后" in previous.text:
        label, start = previous.text, previous.start
    if not label:
        label = PLACEHOLDER
        ctx.issues.append(
            Issue(
                kind="missing-trigger",
                where=ctx.where,
                message="the event that starts the deadline was not found; a placeholder "
                "trigger was written",
                text=ctx.norm.quote(clause.start, clause.end),
            )
        )
    action = text[match.end() :].strip(" ,") or PLACEHOLDER
    return [
        _Found(
            Deadline(
                id="",
                source=_quote(ctx, start, clause),
                bearer=subj or "",
                trigger=label,
                trigger_label=label,
                amount=amount,
                counting=counting,
                action=action,
                note=None if label != PLACEHOLDER else "trigger event not found in the text",
            ),
            start,
        )
    ]


def _recurring(
    ctx: Context, clause: Clause, subj: str | None, previous: Clause | None, year: Clause | None
) -> list[_Found]:
    text = clause.text
    dates = list(_DATE.finditer(text))
    if not dates:
        return []
    annual = "每年" in text[: dates[0].start()]
    if not annual:
        if re.search(r"\d{4}年$|" + NUMBER + r"年$", text[: dates[0].start()]):
            return []
        if any(d.group(2) is None for d in dates):
            return []
    found: list[AnnualDate] = []
    for d in dates:
        month = number(d.group(1))
        day = number(d.group(2)) if d.group(2) else None
        if month is None:
            return []
        found.append(AnnualDate(month, day))
    action = text[dates[-1].end() :].strip(" ,") or PLACEHOLDER
    return [
        _Found(
            RecurringDueDate(
                id="",
                source=ctx.norm.quote(clause.start, clause.end),
                bearer=subj or "",
                action=action,
                dates=tuple(found),
            ),
            clause.start,
        )
    ]


def _quota(
    ctx: Context, clause: Clause, subj: str | None, previous: Clause | None, year: Clause | None
) -> list[_Found]:
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
            _Found(
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


def _target(
    ctx: Context, clause: Clause, subj: str | None, previous: Clause | None, year: Clause | None
) -> list[_Found]:
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
        _Found(
            Target(
                id="",
                source=_quote(ctx, start, clause),
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


def _direction(
    ctx: Context, clause: Clause, subj: str | None, previous: Clause | None, year: Clause | None
) -> list[_Found]:
    match = _DIRECTION.match(clause.text)
    if match is None:
        return []
    metrics = match.group(2).split("、")
    if not all(m.endswith("率") and len(m) > 1 and "效率" not in m for m in metrics):
        return []  # 效率 (efficiency) is not a measured rate
    direction = Direction.RAISE if match.group(1) in ("提高", "提升") else Direction.LOWER
    return [
        _Found(
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
