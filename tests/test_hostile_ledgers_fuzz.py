"""Fuzzing the ledger and side-file readers (台账模糊测试): a result or a library error.

Activity records, terms of office, observed metrics, progress ledgers, events and calendar
year files, written as CSV in UTF-8 or GBK or as random bytes, or mutated from a valid file:
each read ends in a value or a :class:`~fazhi_model.errors.FazhiError` with a message, never
another exception, and a read that is accepted gives back the rows that were written. The
``deadline`` setting bounds each example (a hang fails); no test asserts a duration.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fazhi_model as fm
from fazhi_model.compliance.items import read_events
from fazhi_model.compliance.progress import progress_entries
from fazhi_model.compliance.records import read_metrics, read_records, read_terms
from fazhi_model.dates.yearfile import YearData, load_year_file
from fazhi_model.errors import FazhiError
from fazhi_model.store._bundled import data_dir
from fazhi_model.store.tables import Problems
from strategies import hostile_text, mutated

FUZZ = settings(
    max_examples=40,
    deadline=dt.timedelta(seconds=20),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
YEAR_TEXT = (data_dir() / "calendar" / "2025.yaml").read_text(encoding="utf-8")
REGISTRY = fm.load_document("ganzhou-2024").registry

cells = st.one_of(
    hostile_text,
    st.sampled_from(["市司法局", "集体学法", "2025-03-12", "2025/3/12", "2", "1e308", "-1", ""]),
    st.integers(-(10**30), 10**30).map(str),
)
headers = st.sampled_from(
    [
        ["unit", "activity", "date", "quantity", "person"],
        ["单位", "事项", "日期", "数量", "姓名"],
        ["holder", "start", "end"],
        ["metric", "unit", "value"],
        ["单位", "单位", "日期"],
        [],
    ]
)


@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    """A CSV file as an office may save it: a header, rows of odd cells, UTF-8 or GBK."""
    head = draw(headers)
    width = max(len(head), 1)
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=width + 1), max_size=6))
    sep = draw(st.sampled_from([",", "\t", ";"]))
    lines = [sep.join(head)] + [sep.join(row) for row in rows]
    text = draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gbk"]))
    return text.encode(encoding, errors="replace")


def outcome(call: Callable[[], Any]) -> Any:
    """The call's value, or the library error it raised; any other exception fails the test."""
    try:
        return call()
    except FazhiError as exc:
        assert str(exc).strip(), "an error must say what is wrong"
        return exc


@contextmanager
def written(data: bytes, suffix: str = ".csv") -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / f"ledger{suffix}"
        path.write_bytes(data)
        yield path


@FUZZ
@given(st.one_of(csv_bytes(), st.binary(max_size=300)))
def test_records_ledgers_read_or_are_refused(data: bytes) -> None:
    with written(data) as path:
        result = outcome(lambda: list(read_records(path, REGISTRY)))
    assert isinstance(result, list | FazhiError)
    if isinstance(result, list):  # accepted: every record names a known unit
        assert all(REGISTRY.resolve(r.unit) is not None for r in result)


@FUZZ
@given(st.one_of(csv_bytes(), st.binary(max_size=300)))
def test_terms_files_read_or_are_refused(data: bytes) -> None:
    with written(data) as path:
        result = outcome(lambda: read_terms(path))
    assert isinstance(result, dict | FazhiError)
    if isinstance(result, dict):  # accepted: every term starts before it ends
        assert all(start <= end for start, end in result.values())


def _progress(path: Path) -> list[Any]:
    bad = Problems()
    entries = list(progress_entries(path, bad))
    bad.raise_if_any()
    return entries


SIDE_READERS: dict[str, Callable[[Path], object]] = {
    "metrics": read_metrics,
    "events": read_events,
    "progress": _progress,
}


@pytest.mark.parametrize("kind", sorted(SIDE_READERS))
@FUZZ
@given(data=st.one_of(csv_bytes(), st.binary(max_size=300)))
def test_side_files_read_or_are_refused(data: bytes, kind: str) -> None:
    with written(data) as path:
        result = outcome(lambda: SIDE_READERS[kind](path))
    assert isinstance(result, dict | list | FazhiError)


@FUZZ
@given(mutated(YEAR_TEXT))
def test_mutated_calendar_files_load_or_are_refused(text: str) -> None:
    with written(text.encode("utf-8", errors="surrogatepass"), ".yaml") as path:
        result = outcome(lambda: load_year_file(path))
    assert isinstance(result, YearData | FazhiError)
    if isinstance(result, YearData):  # accepted: the year's data keeps its own rules
        assert all(span.start <= span.end for span in result.holidays)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@FUZZ
@given(raw=st.binary(max_size=300))
def test_random_bytes_as_a_calendar_file_are_refused_or_read(raw: bytes, suffix: str) -> None:
    with written(raw, suffix) as path:
        result = outcome(lambda: load_year_file(path))
    assert isinstance(result, YearData | FazhiError)
