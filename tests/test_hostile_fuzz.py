"""Fuzzing the readers (模糊测试): any input gives a result or one of the library's errors.

Mutated documents and registries, random bytes as files, random JSON and random parser texts:
each outcome is a value or a :class:`~fazhi_model.errors.FazhiError`, never another exception
(a traceback for the user). Hypothesis' ``deadline`` bounds each example's time (a hang fails
the test); no test asserts a duration. Valid documents survive load → dump → load unchanged,
through files as well as through text.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fazhi_model as fm
from fazhi_model.errors import FazhiError
from fazhi_model.store import _json, _yaml
from fazhi_model.store._bundled import data_dir
from strategies import documents, hostile_text, mutated

DOC_TEXT = (data_dir() / "documents" / "ganzhou-2024.yaml").read_text(encoding="utf-8")
UNITS_TEXT = (data_dir() / "units" / "ganzhou.yaml").read_text(encoding="utf-8")
FUZZ = settings(
    max_examples=30,
    deadline=dt.timedelta(seconds=20),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def outcome(call: Callable[[], Any]) -> Any:
    """The call's value, or the library error it raised; any other exception fails the test."""
    try:
        return call()
    except FazhiError as exc:
        assert str(exc).strip(), "an error must say what is wrong"
        return exc


@contextmanager
def data_folder() -> Iterator[Path]:
    """A writable copy of the bundled documents/ and units/ (a fresh one per example)."""
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        shutil.copytree(data_dir() / "documents", root / "documents")
        shutil.copytree(data_dir() / "units", root / "units")
        yield root


@FUZZ
@given(mutated(DOC_TEXT))
def test_mutated_document_text_loads_or_is_refused(text: str) -> None:
    result = outcome(lambda: fm.loads(text))
    assert isinstance(result, fm.Document | FazhiError)


@FUZZ
@given(mutated(DOC_TEXT))
def test_mutated_document_files_load_validated_or_are_refused(text: str) -> None:
    with data_folder() as root:
        path = root / "documents" / "ganzhou-2024.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        result = outcome(lambda: fm.load_document(path))
    assert isinstance(result, fm.Document | FazhiError)
    if isinstance(result, fm.Document):  # accepted: then it means what it says
        assert result == fm.loads(text) and len(result.tasks) > 0


@FUZZ
@given(mutated(UNITS_TEXT))
def test_mutated_registries_load_or_are_refused(text: str) -> None:
    with data_folder() as root:
        path = root / "units" / "ganzhou.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        result = outcome(lambda: fm.load_registry(path))
        if isinstance(result, fm.Registry):
            # an accepted registry never resolves one name to two entries
            seen: dict[str, str] = {}
            for entry in result.entries():
                for key in {entry.id, *entry.names}:
                    assert seen.setdefault(key, entry.id) == entry.id
    assert isinstance(result, fm.Registry | FazhiError)


@FUZZ
@given(st.binary(max_size=300), st.sampled_from([".yaml", ".json", ".yml"]))
def test_random_bytes_as_a_document_are_refused(raw: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / f"doc{suffix}"
        path.write_bytes(raw)
        result = outcome(lambda: fm.load_document(path))
    assert isinstance(result, FazhiError)  # random bytes are never a valid document


JSON_ATOMS = st.sampled_from(
    [
        *('{"a": 1}', "[", "]", "{", "}", ",", ":", '"k"', "NaN", "1e999", "-0"),
        *("99999999999999999999", '"\\ud800"', "true", "null", " ", "\n", '"a"', "1.5"),
        *("Infinity", '"\\u0000"'),
    ]
)


@FUZZ
@given(st.lists(JSON_ATOMS, max_size=30).map("".join) | hostile_text)
def test_random_json_parses_or_is_refused(text: str) -> None:
    result = outcome(lambda: _json.loads(text, file="x.json"))
    if not isinstance(result, FazhiError):
        data, _ = result
        _json.dumps(data)  # whatever is accepted can be written back as valid JSON


@FUZZ
@given(hostile_text)
def test_random_yaml_parses_or_is_refused(text: str) -> None:
    result = outcome(lambda: _yaml.loads(text, file="x.yaml"))
    if not isinstance(result, FazhiError):
        data, _ = result
        _yaml.dumps(data)


PARSER_ATOMS = st.sampled_from(
    [
        *("一、", "(一)", "1.", "2.", "〔责任单位:", "〕", "市司法局", "、", "每年", "月底前"),
        *("日内", "个工作日", "至少", "次", "100%", "到2026年", "\n", "\r", "(", ")", "〔", "0"),
    ]
)


@FUZZ
@given(st.lists(PARSER_ATOMS | hostile_text, max_size=40).map("".join))
def test_random_parser_texts_give_a_result_or_an_error(text: str) -> None:
    from fazhi_model.parse.reader import ParseResult, parse_text

    result = outcome(lambda: parse_text(text))
    assert isinstance(result, ParseResult | FazhiError)


@settings(max_examples=40, deadline=dt.timedelta(seconds=10))
@given(documents, st.sampled_from(["yaml", "json"]))
def test_valid_documents_survive_a_round_trip_through_files(
    document: fm.Document, fmt: str
) -> None:
    with tempfile.TemporaryDirectory() as name:
        path = Path(name) / f"doc.{fmt}"
        path.write_text(fm.dumps(document, fmt), encoding="utf-8")  # type: ignore[arg-type]
        again = fm.load_document(path, check=False)
    assert again == document
