"""Load → dump → load gives an equal model and a byte-identical dump, for YAML and JSON."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_model as fm
from fazhi_model.model import provisions as pv
from fazhi_model.store.load import Format

FORMATS: tuple[Format, ...] = ("yaml", "json")
text = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
positive = st.integers(min_value=1, max_value=10_000)
ident = st.from_regex(r"[a-z][a-z0-9.-]{0,8}", fullmatch=True)


def base() -> dict[str, st.SearchStrategy[object]]:
    return {
        "id": ident,
        "source": text,
        "bearer": text,
        "modality": st.sampled_from(fm.Modality),
        "note": st.none() | text,
    }


quotas = st.builds(
    fm.Quota,
    **base(),
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
    **base(),
    trigger=ident,
    trigger_label=text,
    amount=positive,
    counting=st.sampled_from(fm.Counting),
    action=text,
)
recurring = st.builds(
    fm.RecurringDueDate,
    **base(),
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
    **base(),
    metric=text,
    value=st.none() | st.floats(min_value=0, max_value=1e6, allow_nan=False),
    measure=st.none() | text,
    direction=st.none() | st.sampled_from(fm.Direction),
    by_year=st.none() | st.integers(2000, 2100),
)
staffing = st.builds(
    fm.Staffing,
    **base(),
    role=text,
    levels=st.lists(st.builds(fm.StaffingLevel, body=text, minimum=positive), max_size=3).map(
        tuple
    ),
    by_year=st.none() | st.integers(2000, 2100),
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
    ),
    max_size=3,
).map(tuple)
workflows = st.builds(pv.Workflow, **base(), steps=steps)
duties = st.builds(fm.Duty, **base(), action=text)
provision = st.one_of(quotas, deadlines, recurring, targets, staffing, workflows, duties)

tasks = st.builds(
    fm.Task,
    number=positive,
    title=text,
    text=text,
    responsible=st.lists(text, min_size=1, max_size=3).map(tuple),
    provisions=st.lists(provision, max_size=4).map(tuple),
    heading=st.none() | positive,
    annotation=st.none() | text,
    lead=st.lists(text, max_size=2).map(tuple),
    cooperating=st.lists(text, max_size=2).map(tuple),
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
            provisions=st.lists(provision, max_size=2).map(tuple),
        ),
        max_size=2,
    ).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(documents, st.sampled_from(FORMATS))
def test_generated_documents_round_trip(document: fm.Document, fmt: Format) -> None:
    first = fm.dumps(document, fmt)
    again = fm.loads(first, fmt)
    assert again == document
    assert fm.dumps(again, fmt) == first


def test_the_bundled_document_round_trips_byte_for_byte(doc: fm.Document) -> None:
    for fmt in FORMATS:
        first = fm.dumps(doc, fmt)
        again = fm.loads(first, fmt)
        assert again == doc
        assert fm.dumps(again, fmt) == first


def test_the_dump_says_what_the_data_file_says(doc: fm.Document) -> None:
    import yaml

    from fazhi_model.store._bundled import data_dir

    on_disk = yaml.safe_load((data_dir() / "documents" / "ganzhou-2024.yaml").read_text("utf-8"))
    on_disk["metadata"]["issued"] = on_disk["metadata"]["issued"].isoformat()
    assert fm.to_data(doc) == on_disk
