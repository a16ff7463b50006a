"""Misuse of the library's API (接口误用): a wrong type is refused at the boundary, never
accepted and mis-answered, and never an AttributeError or TypeError from deep inside.

Each call raises :class:`~fazhi_model.errors.InputError` (a ``ValueError`` and a
``FazhiError``) whose message says what was expected.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import fazhi_model as fm
from fazhi_model.errors import InputError
from fazhi_model.model.rules import validate, validate_registry
from fazhi_model.store._bundled import data_dir
from fazhi_model.store.load import to_data

DOC = fm.load_document("ganzhou-2024")
TEXT = fm.dumps(DOC)

# (name, the call, a phrase of the message)
MISUSES: list[tuple[str, Callable[[], Any], str]] = [
    ("load_document(None)", lambda: fm.load_document(None), "expected a path"),  # type: ignore[arg-type]
    ("load_document(123)", lambda: fm.load_document(123), "expected a path"),  # type: ignore[arg-type]
    ("load_document(bytes)", lambda: fm.load_document(b"x.yaml"), "expected a path"),  # type: ignore[arg-type]
    ("load_document('')", lambda: fm.load_document(""), "expected a file path"),
    ("load_document(NUL)", lambda: fm.load_document("a\x00b"), "expected a file path"),
    (
        "load_document(registry=str)",
        lambda: fm.load_document(registry="ganzhou"),  # type: ignore[arg-type]
        "expected a Registry",
    ),
    ("load_registry(None)", lambda: fm.load_registry(None), "expected a path"),  # type: ignore[arg-type]
    ("load_registry([])", lambda: fm.load_registry([]), "expected a path"),  # type: ignore[arg-type]
    ("loads(123)", lambda: fm.loads(123), "expected text"),  # type: ignore[arg-type]
    ("loads(bytes)", lambda: fm.loads(TEXT.encode()), "decode bytes"),  # type: ignore[arg-type]
    ("loads(format='xml')", lambda: fm.loads(TEXT, "xml"), "'yaml' or 'json'"),  # type: ignore[arg-type]
    ("loads(format=None)", lambda: fm.loads(TEXT, None), "'yaml' or 'json'"),  # type: ignore[arg-type]
    ("dumps(format='xml')", lambda: fm.dumps(DOC, format="xml"), "'yaml' or 'json'"),  # type: ignore[arg-type]
    ("dumps(format='YAML')", lambda: fm.dumps(DOC, format="YAML"), "'yaml' or 'json'"),  # type: ignore[arg-type]
    ("dumps(None)", lambda: fm.dumps(None), "expected a Document"),  # type: ignore[arg-type]
    ("dumps(dict)", lambda: fm.dumps(to_data(DOC)), "expected a Document"),  # type: ignore[arg-type]
    ("to_data(None)", lambda: to_data(None), "expected a Document"),  # type: ignore[arg-type]
    ("validate(None)", lambda: validate(None), "expected a Document"),  # type: ignore[arg-type]
    ("validate(str)", lambda: validate("ganzhou-2024"), "expected a Document"),  # type: ignore[arg-type]
    (
        "validate_registry(None)",
        lambda: validate_registry(None),  # type: ignore[arg-type]
        "expected a Registry",
    ),
    ("parse_text(bytes)", lambda: fm.parse_text(b"\xe4\xb8\x80"), "decode bytes"),  # type: ignore[arg-type]
    ("parse_text(None)", lambda: fm.parse_text(None), "expected the text"),  # type: ignore[arg-type]
    (
        "parse_text(registry=str)",
        lambda: fm.parse_text("一、", "ganzhou"),  # type: ignore[arg-type]
        "expected a Registry",
    ),
    ("check(year='2025')", lambda: fm.check(DOC, "2025", []), "expected an int year"),  # type: ignore[arg-type]
    ("check(year=True)", lambda: fm.check(DOC, True, []), "expected an int year"),
    ("check(year=0)", lambda: fm.check(DOC, 0, []), "1949"),
    ("check(doc=None)", lambda: fm.check(None, 2025, []), "expected a Document"),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("call, phrase", [m[1:] for m in MISUSES], ids=[m[0] for m in MISUSES])
def test_misuse_is_an_input_error_saying_what_was_expected(
    call: Callable[[], Any], phrase: str
) -> None:
    with pytest.raises(InputError) as caught:
        call()
    assert phrase in str(caught.value)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, fm.FazhiError)


def test_dumps_in_each_known_format_loads_back(tmp_path: Path) -> None:
    for fmt in ("yaml", "json"):
        assert fm.loads(fm.dumps(DOC, fmt), fmt) == DOC
    assert fm.dumps(DOC, "json").lstrip().startswith("{")


def test_a_path_like_object_is_accepted(tmp_path: Path) -> None:
    class Where:
        def __fspath__(self) -> str:
            return str(data_dir() / "documents" / "ganzhou-2024.yaml")

    assert fm.load_document(Where()) == DOC  # type: ignore[arg-type]
