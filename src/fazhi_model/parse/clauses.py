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

from fazhi_model.model.provisions import Duty, Modality, Provision
from fazhi_model.model.units import RESPONSIBLE
from fazhi_model.parse.deadlines import MONTHS, find_deadline, find_recurring
from fazhi_model.parse.norm import NUMBER
from fazhi_model.parse.quantities import find_direction, find_quota, find_staffing, find_target
from fazhi_model.parse.report import PLACEHOLDER, Issue
from fazhi_model.parse.sentences import (
    MAX_CLAUSE,
    MODAL,
    Clause,
    Context,
    Found,
    sentences,
    subject,
)

__all__ = [
    "MAX_CLAUSE",
    "Clause",
    "Context",
    "extract",
    "sentences",
    "subject",
]

_YEAR_ONLY = re.compile(r"^(?:力争)?(?:到|至)(\d{4})年(?:底|末)?(?:前)?$")
_NUMBERS = re.compile(r"\d|百分之|" + NUMBER + r"(?:次|名|日|天|个月|学时|个工作日)")


def _modality(text: str) -> Modality | None:
    if "适时" in text:
        return Modality.DISCRETIONARY
    if "鼓励" in text:
        return Modality.ENCOURAGE
    if any(w in text for w in ("力争", "争取", "尽最大努力")):
        return Modality.STRIVE
    return None


def _strip_subject(text: str, subj: str | None) -> str:
    if subj and text.startswith(subj):
        text = text[len(subj) :]
    text = MODAL.sub("", text.lstrip("的"))
    return text.strip(" ,;") or text


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
                    or (not _YEAR_ONLY.match(clause.text) and not MONTHS.search(clause.text))
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
) -> list[Found]:
    if len(clause.text) > MAX_CLAUSE:
        return []
    for matcher in (
        find_staffing,
        find_deadline,
        find_recurring,
        find_quota,
        find_target,
        find_direction,
    ):
        found = matcher(ctx, clause, subj, previous, year)
        if found:
            return found
    return []
