"""Loading and dumping documents and registries (载入与导出).

``load_document("ganzhou-2024")`` loads a bundled document by id; a path loads a file. YAML
(``.yaml``/``.yml``) and JSON (``.json``) carry the same data. Every problem raises
:class:`~fazhi_model.errors.LoadError` naming the file, the line where known, the path and
what was expected.

Every file is read through :mod:`fazhi_model.store.files`: only regular files, at most
:data:`~fazhi_model.store.files.MAX_DOCUMENT_BYTES`. Text must be UTF-8 (a BOM is dropped);
line ends ``\\r\\n`` and a lone ``\\r`` are read as ``\\n``. A document's ``source_file`` and
``registry_file`` are resolved inside its data folder (see :func:`data_root`) or the bundled
data, never elsewhere; a caller who wants another registry passes it explicitly.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import attrs

from fazhi_model.errors import InputError, LineFinder, LoadError, Problem, ValidationError
from fazhi_model.model.document import Document
from fazhi_model.model.rules import validate, validate_registry
from fazhi_model.model.units import Registry
from fazhi_model.store import _json, _yaml
from fazhi_model.store._bundled import data_dir
from fazhi_model.store._converter import converter, structure
from fazhi_model.store.files import MAX_DOCUMENT_BYTES, read_bytes

__all__ = [
    "FORMATS",
    "Format",
    "bundled_documents",
    "data_root",
    "document_path",
    "dumps",
    "load_document",
    "load_registry",
    "loads",
    "parse",
    "read_text",
    "registry_path",
    "to_data",
]

Format = Literal["yaml", "json"]
FORMATS: tuple[str, ...] = ("yaml", "json")
"""The formats :func:`dumps` and :func:`loads` know."""


def bundled_documents() -> tuple[str, ...]:
    """Ids of the documents shipped with the library."""
    return tuple(sorted(p.stem for p in (data_dir() / "documents").glob("*.yaml")))


def _path_arg(ref: object, what: str) -> str | Path:
    """``ref`` when it is a str or a path (without NUL); an :class:`InputError` otherwise."""
    if isinstance(ref, os.PathLike):
        ref = os.fspath(ref)
    if not isinstance(ref, str | Path):
        raise InputError(
            f"{what} 需要文件路径或编号 (expected a path or a bundled id as str or Path, "
            f"got {type(ref).__name__})"
        )
    if not str(ref).strip() or "\x00" in str(ref):
        raise InputError(f"{what}: 路径无效 (expected a file path, got {str(ref)!r})")
    return ref


def document_path(ref: str | Path) -> Path:
    """The file of a bundled document id, or ``ref`` itself as a path."""
    ref = _path_arg(ref, "load_document()")
    if isinstance(ref, str) and ref in bundled_documents():
        return data_dir() / "documents" / f"{ref}.yaml"
    path = Path(ref)
    if not path.exists():
        known = ", ".join(bundled_documents())
        raise LoadError(
            [
                Problem(
                    path="",
                    message=f"文件不存在 (no such file, and not a bundled document: {known})",
                    file=str(ref),
                )
            ]
        )
    return path


def read_text(path: Path, *, limit: int = MAX_DOCUMENT_BYTES) -> str:
    """A regular file's text as UTF-8, with ``\\n`` line ends; a :class:`LoadError` otherwise.

    A leading BOM is dropped; ``\\r\\n`` and a lone ``\\r`` (old Mac line ends) become ``\\n``,
    so text with CR-only line ends reads as lines, never as one long line. Files larger than
    ``limit`` bytes, folders, pipes and devices are refused before anything is read.
    """
    raw = read_bytes(path, limit=limit)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(
            [
                Problem(
                    path="",
                    message="这是 UTF-16 文本, 请存为 UTF-8 (expected UTF-8 text, found UTF-16)",
                    file=str(path),
                    line=1,
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LoadError(
            [
                Problem(
                    path="",
                    message=f"不是 UTF-8 文本 (expected UTF-8 text, found byte "
                    f"0x{raw[exc.start]:02x} at offset {exc.start})",
                    file=str(path),
                    line=line,
                )
            ]
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def parse(path: Path) -> tuple[Any, LineFinder]:
    """A data file's plain data (YAML or JSON by its suffix) and its line finder."""
    text = read_text(path)
    if not text.strip():
        raise LoadError(
            [
                Problem(
                    path="",
                    message="文件为空 (expected data, got an empty file)",
                    file=str(path),
                    line=1,
                )
            ]
        )
    module = _json if path.suffix.lower() == ".json" else _yaml
    data, line_of = module.loads(text, file=str(path))
    if not isinstance(data, dict):
        what = "nothing (only comments)" if data is None else f"a {type(data).__name__}"
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
    ref = _path_arg(ref, "load_registry()")
    bundled = data_dir() / "units" / f"{ref}.yaml"
    plain_id = isinstance(ref, str) and "/" not in ref and "\\" not in ref and ".." not in ref
    return bundled if plain_id and bundled.is_file() else Path(ref)


def load_registry(ref: str | Path = "ganzhou", *, check: bool = True) -> Registry:
    """A unit registry (单位名录): a bundled one by id (``"ganzhou"``) or a file.

    With ``check=True`` the rules of :func:`fazhi_model.model.rules.validate_registry` are
    applied (ids, names, short forms and aliases each name one entry; references resolve) and
    a :class:`~fazhi_model.errors.ValidationError` lists every broken one with its line.
    """
    path = registry_path(ref)
    data, line_of = parse(path)
    registry = structure(data, Registry, file=str(path), lines=line_of)
    if check:
        problems = validate_registry(registry, file=str(path), lines=line_of)
        if problems:
            raise ValidationError(problems)
    return registry


def load_document(
    ref: str | Path = "ganzhou-2024", *, registry: Registry | None = None, check: bool = True
) -> Document:
    """Load a document (载入文件): a bundled id (``"ganzhou-2024"``) or a YAML/JSON path.

    Its unit registry and source text are loaded from the files it names, which must lie in
    its data folder or the bundled data (:func:`data_root`); ``registry=`` passes a registry
    explicitly instead. With ``check=True`` the rules of
    :func:`fazhi_model.model.rules.validate` are applied and a
    :class:`~fazhi_model.errors.ValidationError` lists every broken one.
    """
    if registry is not None and not isinstance(registry, Registry):
        raise InputError(
            f"registry= 需要 Registry (expected a Registry or None, got {type(registry).__name__})"
        )
    doc, line_of, path = _load(ref, registry)
    if check:
        problems = validate(doc, file=str(path), lines=line_of)
        if problems:
            raise ValidationError(problems)
    return doc


def data_root(document: Path) -> Path:
    """The folder a document's side files must lie in (数据目录).

    The document's own folder; when that folder is called ``documents``, its parent, so that
    the layout of the bundled data (``documents/``, ``units/``, ``calendar/``) works anywhere.
    """
    folder = document.resolve().parent
    return folder.parent if folder.name == "documents" else folder


def _side_file(path: Path, line_of: LineFinder, key: str, name: str) -> Path:
    """``name`` (a document's ``source_file`` or ``registry_file``) resolved and contained."""

    def refuse(message: str) -> LoadError:
        return LoadError([Problem(path=key, message=message, file=str(path), line=line_of((key,)))])

    if not name.strip() or "\x00" in name:
        raise refuse(f"expected a file name, got {name!r}")
    try:
        target = (path.parent / name).resolve()
        roots = (data_root(path), data_dir().resolve())
    except (OSError, RuntimeError) as exc:
        raise refuse(f"cannot resolve {name!r}: {exc}") from None
    if not any(target.is_relative_to(root) for root in roots):
        raise refuse(
            f"{name!r} 指向文档目录之外 (resolves to {target}, outside the document's folder "
            f"{roots[0]} and the bundled data; links and '..' may not leave them)"
        )
    return target


def _load(ref: str | Path, registry: Registry | None) -> tuple[Document, LineFinder, Path]:
    path = document_path(ref)
    data, line_of = parse(path)
    doc = structure(data, Document, file=str(path), lines=line_of)
    if registry is None and doc.registry_file is not None:
        registry = load_registry(_side_file(path, line_of, "registry_file", doc.registry_file))
    text = None
    if doc.source_file is not None:
        text = read_text(_side_file(path, line_of, "source_file", doc.source_file))
    return attrs.evolve(doc, units=registry, source_text=text), line_of, path


def to_data(doc: Document) -> dict[str, Any]:
    """A document as plain data (the form the data files hold)."""
    if not isinstance(doc, Document):
        raise InputError(f"需要 Document (expected a Document, got {type(doc).__name__})")
    data: dict[str, Any] = converter.unstructure(doc)
    return data


def _format(format: object) -> Format:
    if format == "yaml":
        return "yaml"
    if format == "json":
        return "json"
    raise InputError(f"未知格式 {format!r} (expected format 'yaml' or 'json')")


def dumps(doc: Document, format: Format = "yaml") -> str:
    """A document as YAML or JSON text; ``loads(dumps(doc))`` gives an equal document.

    Any other ``format`` is an :class:`~fazhi_model.errors.InputError` (never YAML by default).
    """
    fmt = _format(format)
    data = to_data(doc)
    return _json.dumps(data) if fmt == "json" else _yaml.dumps(data)


def loads(text: str, format: Format = "yaml", *, file: str | None = None) -> Document:
    """A document from YAML or JSON text (no registry or source text attached)."""
    fmt = _format(format)
    if not isinstance(text, str):
        raise InputError(
            f"loads() 需要文本 (expected text as str, got {type(text).__name__}; "
            "decode bytes as UTF-8 first)"
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    module = _json if fmt == "json" else _yaml
    data, line_of = module.loads(text, file=file)
    if not isinstance(data, dict):
        what = "nothing" if data is None else f"a {type(data).__name__}"
        raise LoadError(
            [
                Problem(
                    path="", message=f"expected a mapping at the top, got {what}", file=file, line=1
                )
            ]
        )
    return structure(data, Document, file=file, lines=line_of)
