"""The converter (转换器): model objects to plain data and back, with strict validation.

Serialisation lives here, not in the model classes. Plain data is what YAML and JSON carry:
dicts, lists, strings, numbers, booleans and ``None``; dates travel as ``YYYY-MM-DD``.
Structuring is strict: no unknown keys, no silent coercion (``"5"`` is not an int), and every
error is reported with its path (:func:`problems_of`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, get_origin

import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import ClassValidationError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.v import format_exception

from fazhi_model.errors import LoadError, Problem, Segment, format_path
from fazhi_model.model.document import Document
from fazhi_model.model.provisions import PROVISION_KINDS, Provision

T = TypeVar("T")


def _strict(kind: type[Any], label: str) -> Callable[[Any, type[Any]], Any]:
    def hook(value: Any, _: type[Any]) -> Any:
        if isinstance(value, bool) and kind is not bool:
            raise TypeError(f"expected {label}, got a boolean")
        if not isinstance(value, kind):
            raise TypeError(f"expected {label}, got {_describe(value)}")
        return value

    return hook


def _float(value: Any, _: type[Any]) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {_describe(value)}")
    return float(value)


def _date(value: Any, _: type[Any]) -> dt.date:
    if isinstance(value, dt.datetime):
        raise TypeError("expected a date YYYY-MM-DD, got a date with a time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"expected a real date YYYY-MM-DD, got {value!r}") from None
    raise TypeError(f"expected a date YYYY-MM-DD, got {_describe(value)}")


def _is_tuple(t: Any) -> bool:
    return get_origin(t) is tuple


def _list_only(t: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Tuples arrive as lists: a mapping or a string where a list belongs is an error."""
    inner = homogenous_tuple_structure_factory(t, conv)

    def hook(value: Any, cls: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected a list, got {_describe(value)}")
        return inner(value, cls)

    return hook


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    text = repr(value)
    return f"{type(value).__name__} {text[:40]}{'…' if len(text) > 40 else ''}"


def make_converter(*, omit_defaults: bool = True) -> cattrs.Converter:
    """A converter for the model.

    ``omit_defaults=True`` (data files) leaves out fields equal to their default;
    ``False`` (API and CLI output) writes every field.
    """
    conv = cattrs.Converter(
        detailed_validation=True, forbid_extra_keys=True, omit_if_default=omit_defaults
    )
    conv.register_structure_hook(str, _strict(str, "text"))
    conv.register_structure_hook(int, _strict(int, "a whole number"))
    conv.register_structure_hook(bool, _strict(bool, "true or false"))
    conv.register_structure_hook(float, _float)
    conv.register_structure_hook(dt.date, _date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook_factory(_is_tuple, lambda t: _list_only(t, conv))

    def structure_provision(value: Any, _: Any) -> Provision:
        if not isinstance(value, Mapping):
            raise TypeError(f"expected a provision (a mapping), got {_describe(value)}")
        kind = value.get("kind")
        cls = PROVISION_KINDS.get(kind) if isinstance(kind, str) else None
        if cls is None:
            raise ValueError(
                f"expected 'kind' to be one of {', '.join(PROVISION_KINDS)}, got {kind!r}"
            )
        body = {k: v for k, v in value.items() if k != "kind"}
        result: Provision = conv.structure(body, cls)
        return result

    conv.register_structure_hook(Provision, structure_provision)
    # A document's registry and source text come from their own files, never from its data.
    skip = override(omit=True)
    conv.register_structure_hook(
        Document,
        make_dict_structure_fn(
            Document, conv, _cattrs_forbid_extra_keys=True, units=skip, source_text=skip
        ),
    )
    conv.register_unstructure_hook(
        Document,
        make_dict_unstructure_fn(
            Document, conv, _cattrs_omit_if_default=omit_defaults, units=skip, source_text=skip
        ),
    )
    for cls in PROVISION_KINDS.values():
        conv.register_unstructure_hook(cls, _tagged(conv.gen_unstructure_attrs_fromdict(cls)))
    return conv


def _tagged(plain: Callable[[Any], dict[str, Any]]) -> Callable[[Provision], dict[str, Any]]:
    """An unstructure hook that writes a provision's ``kind`` before its fields."""

    def hook(value: Provision) -> dict[str, Any]:
        return {"kind": value.kind, **plain(value)}

    return hook


converter = make_converter()
"""The converter for data files (defaults omitted)."""

full_converter = make_converter(omit_defaults=False)
"""The converter for API and CLI output (every field written)."""


def structure(
    data: Any,
    cls: type[T],
    *,
    file: str | None = None,
    lines: Callable[[tuple[Segment, ...]], int | None] | None = None,
) -> T:
    """Build ``cls`` from plain data; a :class:`LoadError` listing every problem if it fails."""
    try:
        return converter.structure(data, cls)
    except (ClassValidationError, IterableValidationError, TypeError, ValueError) as exc:
        found = problems_of(exc, cls)
        raise LoadError(
            [
                Problem(
                    path=format_path(segs),
                    message=msg,
                    file=file,
                    line=lines(segs) if lines else None,
                )
                for segs, msg in found
            ]
        ) from None


def problems_of(exc: BaseException, cls: Any) -> list[tuple[tuple[Segment, ...], str]]:
    """Flatten a cattrs error into (path segments, message) pairs."""
    found: list[tuple[tuple[Segment, ...], str]] = []
    _walk(exc, cls, (), found)
    return found


def _walk(
    exc: BaseException,
    cls: Any,
    path: tuple[Segment, ...],
    found: list[tuple[tuple[Segment, ...], str]],
) -> None:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            step: Segment = note.name if hasattr(note, "name") else note.index
            _walk(sub, note.type, (*path, step), found)
        for sub in without:
            _walk(sub, cls, path, found)
        return
    extra = getattr(exc, "extra_fields", None)
    if extra is not None:
        found.append((path, f"unknown key(s): {', '.join(sorted(map(str, extra)))}"))
    elif isinstance(exc, KeyError):
        found.append((path, "required field missing"))
    elif isinstance(exc, TypeError | ValueError) and str(exc).startswith("expected"):
        found.append((path, str(exc)))
    else:
        found.append((path, format_exception(exc, cls)))
