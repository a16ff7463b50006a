"""Shared hypothesis strategies (测试数据生成): any document, any provision, ledgers of records.

Each strategy draws values of the model's own types, in the ranges a data file may hold, so a
property test states what holds for every document and not only for the bundled one. Use these
instead of writing a local strategy for the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from hypothesis import strategies as st

import fazhi_model as fm
from fazhi_model.compliance.records import Record

__all__ = [
    "deadlines",
    "documents",
    "duties",
    "hostile_text",
    "ident",
    "mutated",
    "positive",
    "provisions",
    "quotas",
    "record_lists",
    "recurring",
    "staffing",
    "steps",
    "targets",
    "tasks",
    "text",
    "workflows",
    "years",
]

text = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
"""Any short UTF-8 text, Chinese, control characters and all."""

positive = st.integers(min_value=1, max_value=10_000)
"""A positive count, amount or number."""

ident = st.from_regex(r"[a-z][a-z0-9.-]{0,8}", fullmatch=True)
"""An identifier as ids and trigger names are written (``t1.p02``)."""

years = st.integers(2000, 2100)
"""A year a target or staffing provision may be due by."""


def _base() -> dict[str, st.SearchStrategy[object]]:
    """The fields every provision has."""
    return {
        "id": ident,
        "source": text,
        "bearer": text,
        "modality": st.sampled_from(fm.Modality),
        "certainty": st.sampled_from(fm.Certainty),
        "wording": st.none() | text,
        "note": st.none() | text,
    }


quotas = st.builds(
    fm.Quota,
    **_base(),
    activity=text,
    measure=st.sampled_from(fm.Measure),
    period=st.sampled_from(fm.Period),
    per=st.sampled_from(fm.Per),
    minimum=st.none() | positive,
    maximum=st.none() | positive,
    subject=st.none() | text,
)
deadlines = st.builds(
    fm.Deadline,
    **_base(),
    trigger=ident,
    trigger_label=text,
    amount=positive,
    counting=st.sampled_from(fm.Counting),
    action=text,
)
recurring = st.builds(
    fm.RecurringDueDate,
    **_base(),
    action=text,
    dates=st.lists(
        st.builds(
            fm.AnnualDate,
            month=st.integers(1, 12),
            day=st.none() | st.integers(1, 28),
            covers=st.none() | text,
        ),
        max_size=3,
    ).map(tuple),
)
targets = st.builds(
    fm.Target,
    **_base(),
    metric=text,
    value=st.none() | st.floats(min_value=0, max_value=1e6, allow_nan=False),
    measure=st.none() | text,
    direction=st.none() | st.sampled_from(fm.Direction),
    by_year=st.none() | years,
)
staffing = st.builds(
    fm.Staffing,
    **_base(),
    role=text,
    levels=st.lists(st.builds(fm.StaffingLevel, body=text, minimum=positive), max_size=3).map(
        tuple
    ),
    by_year=st.none() | years,
)
steps = st.lists(
    st.builds(
        fm.Step,
        id=ident,
        action=text,
        actor=st.none() | text,
        after=st.lists(ident, max_size=2).map(tuple),
        within=st.none() | positive,
        counting=st.none() | st.sampled_from(fm.Counting),
        condition=st.none() | text,
        provision=st.none() | ident,
    ),
    max_size=3,
).map(tuple)
workflows = st.builds(fm.Workflow, **_base(), steps=steps)
duties = st.builds(fm.Duty, **_base(), action=text)
provisions = st.one_of(quotas, deadlines, recurring, targets, staffing, workflows, duties)
"""Any provision of any kind."""

tasks = st.builds(
    fm.Task,
    number=positive,
    title=text,
    text=text,
    responsible=st.lists(text, min_size=1, max_size=3).map(tuple),
    provisions=st.lists(provisions, max_size=4).map(tuple),
    heading=st.none() | positive,
    annotation=st.none() | text,
    lead=st.lists(text, max_size=2).map(tuple),
    cooperating=st.lists(text, max_size=2).map(tuple),
    guiding=st.lists(text, max_size=2).map(tuple),
    lead_from=st.none() | st.sampled_from(fm.LeadBasis),
    implied=st.lists(text, max_size=2).map(tuple),
)
documents = st.builds(
    fm.Document,
    id=ident,
    metadata=st.builds(
        fm.Metadata,
        title=text,
        issuer=text,
        issued=st.dates(dt.date(1949, 10, 1), dt.date(2100, 12, 31)),
        adopted_at=st.none() | text,
        disclosure=st.none() | text,
        number=st.none() | text,
        implements=st.lists(
            st.builds(
                fm.Reference,
                title=text,
                number=st.none() | text,
                issuer=st.none() | text,
                url=st.none() | text,
            ),
            max_size=2,
        ).map(tuple),
        addressees=st.lists(text, max_size=2).map(tuple),
        source_url=st.none() | text,
        title_en=st.none() | text,
    ),
    review=st.sampled_from(fm.Review),
    parts=st.lists(
        st.builds(fm.Part, number=positive, title=text, text=st.none() | text), max_size=3
    ).map(tuple),
    headings=st.lists(
        st.builds(fm.Heading, number=positive, title=text, part=positive), max_size=3
    ).map(tuple),
    tasks=st.lists(tasks, max_size=3).map(tuple),
    sections=st.lists(
        st.builds(
            fm.Section,
            label=text,
            title=text,
            text=text,
            part=positive,
            provisions=st.lists(provisions, max_size=2).map(tuple),
        ),
        max_size=2,
    ).map(tuple),
)
"""Any document the data format can hold (not necessarily a valid one): no registry or source
text attached and no side file named, so it loads back from any folder."""


def record_lists(
    units: Sequence[str],
    activities: Sequence[str],
    *,
    start: dt.date,
    end: dt.date,
    quantities: st.SearchStrategy[int | float],
    persons: Sequence[str | None] = (None, "张三"),
    max_size: int = 30,
) -> st.SearchStrategy[list[Record]]:
    """Ledgers (台账) of activity records: units and activities drawn from those given, dates
    from ``start`` to ``end`` (both inclusive)."""
    return st.lists(
        st.builds(
            Record,
            unit=st.sampled_from(list(units)),
            activity=st.sampled_from(list(activities)),
            date=st.dates(start, end),
            quantity=quantities,
            person=st.sampled_from(list(persons)),
        ),
        max_size=max_size,
    )


# --------------------------------------------------------------------------------------------
# Hostile inputs (恶意输入; helper C): text with the characters that break loaders, parsers and
# exports, and mutations of a valid file's text.

hostile_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(
            list(":-[]{}#&*!|>'\"%@`,?\n\r\t \x00\x01\x0b\x1b\x7f\x85\ufeff\u2028")
            + list("0123456789.eE+_")
            + list("一二三四五六七八九十〔〕()()、,;。:责任单位市司法局每个年日月前")
        ),
        st.characters(codec="utf-8"),
    ),
    max_size=40,
)
"""Short text rich in what YAML, JSON, CSV, XML and the parser treat specially."""


@st.composite
def mutated(draw: st.DrawFn, base: str, *, max_edits: int = 3) -> str:
    """``base`` with up to ``max_edits`` edits: a slice deleted, hostile text inserted, a line
    repeated (a duplicate key) or a line's indentation changed."""
    text = base
    for _ in range(draw(st.integers(1, max_edits))):
        kind = draw(st.sampled_from(["delete", "insert", "repeat", "indent"]))
        at = draw(st.integers(0, len(text)))
        if kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif kind == "insert":
            text = text[:at] + draw(hostile_text) + text[at:]
        else:
            lines = text.split("\n")
            i = draw(st.integers(0, max(len(lines) - 1, 0)))
            if kind == "repeat":
                lines.insert(i, lines[i])
            else:
                lines[i] = draw(st.sampled_from(["", " ", "  ", "\t"])) + lines[i].lstrip()
            text = "\n".join(lines)
    return text
