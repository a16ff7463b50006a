"""Hostile names in exports (导出): no live formula, no malformed XML, no bytes RFC 5545 forbids.

A unit whose name begins with ``=``, ``+``, ``-`` or ``@`` must reach CSV and XLSX as text (a
leading ``'``, as OWASP recommends), and a name with control characters must leave GraphML and
GEXF well-formed (parsed back here with :mod:`xml.etree`) and an ``.ics`` file free of control
bytes other than CRLF line ends.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_model as fm
from builders import department, make_document, registry
from fazhi_model.errors import FazhiError
from fazhi_model.export._safe import cell, ics_text, xml_text
from fazhi_model.export.graph_files import to_gexf, to_graphml
from fazhi_model.export.tabular import to_csv
from fazhi_model.views.graph import build_graph
from fazhi_model.views.matrix import matrix

FORMULAS = [
    '=HYPERLINK("http://evil.example","点我")',
    "+1",
    "-2",
    "@SUM(A1)",
    "=1+1",
    "\t=cmd",
    "\r=cmd",
]
CONTROLS = ["局\x01\x0b名", "\x00局", "局\x1b[31m", "局\ufffe", "局\x7f"]
HOSTILE = FORMULAS + CONTROLS


def _document(name: str) -> fm.Document:
    """A one-task document whose responsible unit is called ``name``."""
    units = registry([department("x", name), department("y", "市司法局")])
    recurring = fm.RecurringDueDate(
        id="t1.p1",
        source="每年1月底前报送",
        bearer=name,
        action="报送",
        dates=(fm.AnnualDate(1),),
    )
    task = fm.Task(
        number=1,
        title=name,
        text="每年1月底前报送",
        responsible=(name, "市司法局"),
        provisions=(recurring,),
    )
    return make_document([task], units=units)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("name", HOSTILE, ids=[repr(n) for n in HOSTILE])
def test_csv_cells_never_start_a_formula(name: str) -> None:
    text = to_csv(matrix(_document(name)))
    cells = [c for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for c in row]
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    if name in FORMULAS:
        assert "'" + name.replace("\r", "\n") in cells or "'" + name in cells


@pytest.mark.parametrize("name", HOSTILE, ids=[repr(n) for n in HOSTILE])
def test_xlsx_cells_are_text_never_formulas(tmp_path: Path, name: str) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from fazhi_model.export.xlsx import write

    path = write(_document(name), tmp_path / "m.xlsx")
    book = openpyxl.load_workbook(path)
    values = [
        c
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    assert values
    assert not [c.coordinate for c in values if c.data_type == "f"]
    assert not [c.value for c in values if c.value.startswith(FORMULA_START)]
    assert not [c.value for c in values if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", c.value)]


@pytest.mark.parametrize("writer", [to_graphml, to_gexf], ids=["graphml", "gexf"])
@pytest.mark.parametrize("name", HOSTILE, ids=[repr(n) for n in HOSTILE])
def test_graph_files_are_well_formed_xml(name: str, writer: object) -> None:
    text = writer(build_graph(_document(name)))  # type: ignore[operator]
    root = ET.fromstring(text.encode("utf-8"))  # raises on malformed XML
    texts = [v for e in root.iter() for v in (e.text or "", *e.attrib.values())]
    # XML readers turn a carriage return in text into a newline (XML 1.0 §2.11)
    assert xml_text(name).replace("\r", "\n") in " ".join(texts).replace("\r", "\n")


def test_graph_ids_that_differ_only_in_control_characters_are_an_error() -> None:
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("a\x01")
    graph.add_node("a")
    with pytest.raises(FazhiError, match="differ only"):
        to_graphml(graph)


_ICS_BAD = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")


@pytest.mark.parametrize("name", HOSTILE, ids=[repr(n) for n in HOSTILE])
def test_ics_has_no_forbidden_bytes(name: str) -> None:
    pytest.importorskip("icalendar")
    from fazhi_model.dates.schedule import schedule
    from fazhi_model.export.ics import to_ics

    dates = schedule(_document(name), 2025)
    assert dates
    data = to_ics(dates)
    body = data.replace(b"\r\n", b"")  # the line ends RFC 5545 prescribes
    assert not _ICS_BAD.search(body), body[:200]
    data.decode("utf-8")  # valid UTF-8
    import icalendar

    parsed = icalendar.Calendar.from_ical(data)
    summaries = [str(e["summary"]) for e in parsed.walk("VEVENT")]
    assert summaries and all(ics_text(name) in s for s in summaries)


@settings(max_examples=60, deadline=2000)
@given(st.text(max_size=20))
def test_safe_helpers_hold_for_any_text(text: str) -> None:
    safe = cell(text)
    assert isinstance(safe, str) and not safe.startswith(FORMULA_START)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", xml_text(text))
    ics = ics_text(text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]", ics)
    ics.encode("utf-8")


@settings(max_examples=25, deadline=5000)
@given(st.text(min_size=1, max_size=12).filter(lambda s: s.strip() and s != "市司法局"))
def test_any_unit_name_gives_valid_xml_and_safe_csv(name: str) -> None:
    doc = _document(name)
    for writer in (to_graphml, to_gexf):
        with contextlib.suppress(FazhiError):  # ids colliding after cleaning: refused
            ET.fromstring(writer(build_graph(doc)).encode("utf-8"))
    text = to_csv(matrix(doc))
    cells = [c for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for c in row]
    assert not [c for c in cells if c.startswith(FORMULA_START)]
