"""Load → dump → load gives an equal model and a byte-identical dump, for YAML and JSON."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_model as fm
from fazhi_model.store._bundled import data_dir
from fazhi_model.store.load import Format
from strategies import documents

FORMATS: tuple[Format, ...] = ("yaml", "json")


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
    on_disk = yaml.safe_load((data_dir() / "documents" / "ganzhou-2024.yaml").read_text("utf-8"))
    on_disk["metadata"]["issued"] = on_disk["metadata"]["issued"].isoformat()
    assert fm.to_data(doc) == on_disk
