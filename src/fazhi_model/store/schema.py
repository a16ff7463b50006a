"""Ledger schemas (台账类型): the fields of one kind of ledger and how headers name them.

A :class:`Schema` names the :class:`Field` objects of a ledger kind; a column is matched to a
field by its header, normalised by :func:`normalise_header`. See :mod:`fazhi_model.store.tables`.
"""

from __future__ import annotations

import re

import attrs

from fazhi_model.errors import InputError
from fazhi_model.store.values import FieldKind

__all__ = ["IGNORED_HEADERS", "MISSING", "Field", "Schema", "normalise_header"]

MISSING = "缺少值 (missing value)"
"""The message for an empty cell of a required field."""

IGNORED_HEADERS: frozenset[str] = frozenset(
    {"序号", "编号", "备注", "说明", "no", "no.", "#", "note", "notes", "remark", "remarks"}
)
"""Headers of columns that carry no data for any ledger (a row number, a remark): ignored."""

_BRACKET_NOTE = re.compile(r"[(（][^()（）]*[)）]$")
_SPACES = re.compile(r"[\s\u3000]+")


@attrs.frozen
class Field:
    """One field of a ledger kind (字段): its name, kind, whether required, header aliases."""

    name: str
    kind: FieldKind = "text"
    required: bool = True
    aliases: tuple[str, ...] = ()
    description: str = ""


@attrs.frozen
class Schema:
    """A ledger kind (台账类型): its name and fields, in the order of :meth:`Table.raw`."""

    name: str
    fields: tuple[Field, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The field names, in order."""
        return tuple(f.name for f in self.fields)

    def headers(self) -> dict[str, str]:
        """Normalised header → field name: every name and alias (see :func:`normalise_header`)."""
        found: dict[str, str] = {}
        for f in self.fields:
            for text in (f.name, *f.aliases):
                key = normalise_header(text)
                if found.setdefault(key, f.name) != f.name:
                    raise InputError(
                        f"{self.name}: 表头 {text!r} 重复 (header alias of two fields)"
                    )
        return found


def normalise_header(text: object) -> str:
    """A header cell as matched against names and aliases (see the module docstring)."""
    if text is None:
        return ""
    value = str(text).replace("\ufeff", "")
    value = _SPACES.sub("", value).lstrip("*＊")
    stripped = _BRACKET_NOTE.sub("", value)
    if stripped:
        value = stripped
    return value.lower()
