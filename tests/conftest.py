"""Shared fixtures: the bundled document, its registry and source text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import fazhi_model as fm
from fazhi_model.store._bundled import data_dir


@pytest.fixture(scope="session")
def doc() -> fm.Document:
    """The bundled Ganzhou 2024 document, loaded and validated."""
    return fm.load_document("ganzhou-2024")


@pytest.fixture(scope="session")
def registry(doc: fm.Document) -> fm.Registry:
    return doc.registry


@pytest.fixture(scope="session")
def source_text() -> str:
    return (data_dir() / "documents" / "ganzhou-2024.txt").read_text(encoding="utf-8")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder; returns the document's YAML path."""
    target = tmp_path / "data"
    shutil.copytree(data_dir() / "documents", target / "documents")
    shutil.copytree(data_dir() / "units", target / "units")
    return target / "documents" / "ganzhou-2024.yaml"
