"""The unit registry (单位名录): units, groups and roles, and how a name resolves.

A document names its bearers as it pleases: full names, short forms (市发展改革委), groups
(各县(市、区)政府) and catch-alls (其他市政府部门), and roles (行政执法人员). The registry
resolves each such reference to an :class:`Unit`, a :class:`Group` or a :class:`Role`, and
expands a group to its member units.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Sequence

import attrs

from fazhi_model.errors import UnknownReferenceError

__all__ = [
    "RESPONSIBLE",
    "EnforcementBasis",
    "Entry",
    "Group",
    "Registry",
    "Role",
    "Rule",
    "Unit",
    "UnitKind",
]

RESPONSIBLE = "责任单位"
"""The reserved bearer meaning "the units in the task's responsibility annotation"."""


class UnitKind(enum.Enum):
    """What sort of body a unit is (单位类型)."""

    GOVERNMENT = "government"
    """A people's government (人民政府), e.g. a county-level government."""
    DEPARTMENT = "department"
    """A department of a government (政府工作部门、直属机构)."""
    PARTY = "party"
    """A Party body (党委机构), e.g. 市委编办; not a government department."""
    ZONE = "zone"
    """A functional zone (功能区) counted with counties only where a caller asks."""
    INSTITUTION = "institution"
    """Another public institution, e.g. a university (高校)."""


@attrs.frozen(kw_only=True)
class EnforcementBasis:
    """Why a unit is, or is not, an administrative law-enforcement department (执法依据).

    ``law`` and ``articles`` name the law that grants (or, for ``enforcement: false``, would
    grant) the power, e.g. 《中华人民共和国治安管理处罚法》 第七条; ``reference`` is where the
    text was checked: an address or a document number (主席令/国务院令 number). ``verified``
    is true only when the article was read at ``reference``; ``note`` says why not otherwise.
    """

    law: str
    reference: str
    verified: bool
    articles: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class Unit:
    """A body that can bear duties (单位).

    ``name`` is the full official name; ``short`` the form the document writes, if any.
    ``verified`` says whether ``name`` was checked against ``reference``.
    """

    id: str
    name: str
    kind: UnitKind
    reference: str
    verified: bool
    short: str | None = None
    aliases: tuple[str, ...] = ()
    name_en: str | None = None
    division: str | None = None
    """The administrative division a government governs (行政区划), e.g. 章贡区."""
    enforcement: bool = False
    """An administrative law-enforcement department (行政执法部门): one that a law empowers to
    enforce it, whatever the document names it beside; ``enforcement_basis`` says which law."""
    enforcement_basis: EnforcementBasis | None = None
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the unit answers to: full name, short form, aliases."""
        return (self.name, *((self.short,) if self.short else ()), *self.aliases)


class Rule(enum.Enum):
    """How a group finds its members (成员规则)."""

    LISTED = "listed"
    """Exactly the units in ``members``."""
    DEPARTMENTS = "departments"
    """Every municipal department in the registry."""
    ENFORCEMENT = "enforcement"
    """Every municipal department flagged as a law-enforcement department."""


@attrs.frozen(kw_only=True)
class Group:
    """A name that stands for several units (单位组), e.g. 各县(市、区)政府.

    A catch-all (``catch_all=True``, written 其他…) excludes the units named beside it in the
    same annotation. ``complete`` says whether the registry is known to hold every member.
    """

    id: str
    name: str
    rule: Rule
    reference: str
    complete: bool
    members: tuple[str, ...] = ()
    """Unit ids, for ``Rule.LISTED``."""
    zones: tuple[str, ...] = ()
    """Unit ids of functional zones, included only when a caller asks."""
    catch_all: bool = False
    aliases: tuple[str, ...] = ()
    name_en: str | None = None
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the group answers to: its name and aliases."""
        return (self.name, *self.aliases)


@attrs.frozen(kw_only=True)
class Role:
    """A bearer the document names by function, not by unit (角色), e.g. 行政执法人员.

    ``covers`` lists the registry references (units or groups) that hold the role, where the
    registry can say; ``person`` marks roles held by people, not bodies.
    """

    id: str
    name: str
    description: str
    reference: str
    covers: tuple[str, ...] = ()
    person: bool = False
    aliases: tuple[str, ...] = ()
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the role answers to: its name and aliases."""
        return (self.name, *self.aliases)


Entry = Unit | Group | Role
"""An entry of the registry (名录条目): a unit, a group or a role; what a name resolves to."""


@attrs.frozen(kw_only=True)
class Registry:
    """All units, groups and roles of one jurisdiction (单位名录), with name resolution."""

    id: str
    title: str
    references: tuple[str, ...]
    limitations: tuple[str, ...]
    units: tuple[Unit, ...]
    groups: tuple[Group, ...] = ()
    roles: tuple[Role, ...] = ()
    _index: dict[str, Entry] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, Entry] = {}
        for entry in self.entries():
            for key in (entry.id, *entry.names):
                index.setdefault(key, entry)
        object.__setattr__(self, "_index", index)

    def entries(self) -> Iterator[Entry]:
        """Every unit, group and role, in that order."""
        yield from self.units
        yield from self.groups
        yield from self.roles

    def find(self, ref: str) -> Entry | None:
        """The entry ``ref`` names (an id, full name, short form or alias), or ``None``."""
        return self._index.get(ref)

    def resolve(self, ref: str) -> Entry:
        """The entry ``ref`` names; :class:`UnknownReferenceError` if none."""
        entry = self.find(ref)
        if entry is None:
            raise UnknownReferenceError(
                f"名录中没有 {ref!r} (unknown unit, group or role: {ref!r})"
            )
        return entry

    def unit(self, ref: str) -> Unit:
        """The unit ``ref`` names; an error if it names a group, a role or nothing."""
        entry = self.resolve(ref)
        if not isinstance(entry, Unit):
            what = type(entry).__name__.lower()
            raise UnknownReferenceError(f"{ref!r} 不是单个单位 ({ref!r} is a {what}, not a unit)")
        return entry

    def expand(
        self, ref: str, *, beside: Iterable[str] = (), zones: bool = False
    ) -> tuple[Unit, ...]:
        """The units ``ref`` stands for (展开), in registry order.

        A unit gives itself; a group its members (functional zones only with ``zones=True``);
        a catch-all its members less the units in ``beside`` (the references written next to
        it in the same annotation); a role the expansion of what it ``covers``.
        """
        entry = self.resolve(ref)
        found: dict[str, Unit] = {}
        self._collect(entry, found, zones=zones, seen=set())
        if isinstance(entry, Group) and entry.catch_all:
            for other in beside:
                if other != ref:
                    for unit in self.expand(other, zones=zones):
                        found.pop(unit.id, None)
        order = {unit.id: i for i, unit in enumerate(self.units)}
        return tuple(sorted(found.values(), key=lambda u: order[u.id]))

    def expand_all(self, refs: Sequence[str], *, zones: bool = False) -> tuple[Unit, ...]:
        """The units a whole annotation stands for: each reference expanded beside the others."""
        found: dict[str, Unit] = {}
        for ref in refs:
            for unit in self.expand(ref, beside=refs, zones=zones):
                found[unit.id] = unit
        order = {unit.id: i for i, unit in enumerate(self.units)}
        return tuple(sorted(found.values(), key=lambda u: order[u.id]))

    def expand_bearer(
        self, bearer: str, responsible: Sequence[str] = (), *, zones: bool = False
    ) -> tuple[Unit, ...]:
        """The units a provision's bearer stands for (承担单位).

        ``responsible`` is the task's annotation: the reserved bearer 责任单位 expands to all of
        it, and a catch-all bearer excludes the units named in it.
        """
        if bearer == RESPONSIBLE:
            return self.expand_all(responsible, zones=zones)
        return self.expand(bearer, beside=responsible, zones=zones)

    def _collect(
        self, entry: Entry, found: dict[str, Unit], *, zones: bool, seen: set[str]
    ) -> None:
        if entry.id in seen:
            return
        seen.add(entry.id)
        if isinstance(entry, Unit):
            found[entry.id] = entry
        elif isinstance(entry, Group):
            for unit in self.members(entry, zones=zones):
                found[unit.id] = unit
        else:
            for ref in entry.covers:
                self._collect(self.resolve(ref), found, zones=zones, seen=seen)

    def members(self, group: Group, *, zones: bool = False) -> tuple[Unit, ...]:
        """The member units of ``group`` by its rule (before any catch-all exclusion)."""
        if group.rule is Rule.LISTED:
            ids = group.members + (group.zones if zones else ())
            return tuple(self.unit(i) for i in ids)
        departments = [u for u in self.units if u.kind is UnitKind.DEPARTMENT]
        if group.rule is Rule.ENFORCEMENT:
            departments = [u for u in departments if u.enforcement]
        return tuple(departments)

    def __iter__(self) -> Iterator[Entry]:
        return self.entries()
