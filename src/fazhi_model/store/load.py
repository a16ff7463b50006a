"""Loading and dumping documents and registries (载入与导出).

``load_document("ganzhou-2024")`` loads a bundled document by id; a path loads a file. YAML
(``.yaml``/``.yml``) and JSON (``.json``) carry the same data. Every problem raises
:class:`~fazhi_model.errors.LoadError` naming the file, the line where known, the path and
what was expected.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import attrs

from fazhi_model.errors import LoadError, Problem, ValidationError
from fazhi_model.model.document import Document
from fazhi_model.model.units import Registry
from fazhi_model.store import _json, _yaml
from fazhi_model.store._bundled import data_dir
from fazhi_model.store._converter import converter, structure

Format = Literal["yaml", "json"]
LineFinder = Callable[[tuple[str | int, ...]], int | None]


def bundled_documents() -> tuple[str, ...]:
    """Ids of the documents shipped with the library."""
    return tuple(sorted(p.stem for p in (data_dir() / "documents").glob("*.yaml")))


def document_path(ref: str | Path) -> Path:
    """The file of a bundled document id, or ``ref`` itself as a path."""
    if isinstance(ref, str) and ref in bundled_documents():
        return data_dir() / "documents" / f"{ref}.yaml"
    path = Path(ref)
    if not path.is_file():
        known = ", ".join(bundled_documents())
        raise LoadError(
            [
                Problem(
                    path="",
                    message=f"no such file, and not a bundled document ({known})",
                    file=str(ref),
                )
            ]
        )
    return path


def read_text(path: Path) -> str:
    """A file's text as UTF-8 (a BOM is allowed); a :class:`LoadError` where it is not."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(
            [Problem(path="", message=f"cannot read: {exc.strerror}", file=str(path))]
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LoadError(
            [
                Problem(
                    path="",
                    message=f"expected UTF-8 text, found byte 0x{raw[exc.start]:02x} "
                    f"at offset {exc.start}",
                    file=str(path),
                    line=line,
                )
            ]
        ) from None


def parse(path: Path) -> tuple[Any, LineFinder]:
    """A data file's plain data (YAML or JSON by its suffix) and its line finder."""
    text = read_text(path)
    module = _json if path.suffix.lower() == ".json" else _yaml
    data, line_of = module.loads(text, file=str(path))
    if not isinstance(data, dict):
        what = "an empty file" if data is None else f"a {type(data).__name__}"
        raise LoadError(
            [
                Problem(
                    path="",
                    message=f"expected a mapping at the top, got {what}",
                    file=str(path),
                    line=1,
                )
            ]
        )
    return data, line_of


def registry_path(ref: str | Path) -> Path:
    """The file of a bundled registry id (``"ganzhou"``), or ``ref`` itself as a path."""
    bundled = data_dir() / "units" / f"{ref}.yaml"
    return bundled if isinstance(ref, str) and "/" not in ref and bundled.is_file() else Path(ref)


def load_registry(ref: str | Path = "ganzhou") -> Registry:
    """A unit registry: a bundled one by id (``"ganzhou"``) or a file."""
    path = registry_path(ref)
    data, line_of = parse(path)
    return structure(data, Registry, file=str(path), lines=line_of)


def load_document(
    ref: str | Path = "ganzhou-2024", *, registry: Registry | None = None, check: bool = True
) -> Document:
    """Load a document (载入文件): a bundled id (``"ganzhou-2024"``) or a YAML/JSON path.

    Its unit registry and source text are loaded from the files it names. With ``check=True``
    the rules of :func:`fazhi_model.model.rules.validate` are applied and a
    :class:`~fazhi_model.errors.ValidationError` lists every broken one.
    """
    doc, line_of, path = _load(ref, registry)
    if check:
        from fazhi_model.model.rules import validate

        problems = validate(doc, file=str(path), lines=line_of)
        if problems:
            raise ValidationError(problems)
    return doc


def _load(ref: str | Path, registry: Registry | None) -> tuple[Document, LineFinder, Path]:
    path = document_path(ref)
    data, line_of = parse(path)
    doc = structure(data, Document, file=str(path), lines=line_of)
    base = path.parent
    if registry is None and doc.registry_file is not None:
        registry = load_registry(base / doc.registry_file)
    text = read_text(base / doc.source_file) if doc.source_file is not None else None
    return attrs.evolve(doc, units=registry, source_text=text), line_of, path


def to_data(doc: Document) -> dict[str, Any]:
    """A document as plain data (the form the data files hold)."""
    data: dict[str, Any] = converter.unstructure(doc)
    return data


def dumps(doc: Document, format: Format = "yaml") -> str:
    """A document as YAML or JSON text; ``load(dumps(doc))`` gives an equal document."""
    data = to_data(doc)
    return _json.dumps(data) if format == "json" else _yaml.dumps(data)


def loads(text: str, format: Format = "yaml", *, file: str | None = None) -> Document:
    """A document from YAML or JSON text (no registry or source text attached)."""
    module = _json if format == "json" else _yaml
    data, line_of = module.loads(text, file=file)
    if not isinstance(data, dict):
        raise LoadError(
            [Problem(path="", message="expected a mapping at the top", file=file, line=1)]
        )
    return structure(data, Document, file=file, lines=line_of)
