"""Small hand-built units, registries and documents for tests of edge cases (测试用数据).

Use these instead of spelling out a :class:`~fazhi_model.Document` or a
:class:`~fazhi_model.Registry` in a test module; a test then shows only what it is about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import fazhi_model as fm

__all__ = [
    "department",
    "group",
    "make_document",
    "make_task",
    "make_unit",
    "registry",
    "role",
]


def make_unit(
    uid: str,
    name: str,
    short: str | None = None,
    *,
    kind: fm.UnitKind = fm.UnitKind.DEPARTMENT,
    enforcement: bool = False,
) -> fm.Unit:
    """A test unit: unverified, with a test reference."""
    return fm.Unit(
        id=uid,
        name=name,
        short=short,
        kind=kind,
        reference="test",
        verified=False,
        enforcement=enforcement,
    )


def department(
    uid: str, name: str, short: str | None = None, *, enforcement: bool = False
) -> fm.Unit:
    """A test department (政府工作部门)."""
    return make_unit(uid, name, short, enforcement=enforcement)


def group(
    gid: str,
    name: str,
    rule: fm.Rule = fm.Rule.LISTED,
    *,
    members: Sequence[str] = (),
    zones: Sequence[str] = (),
    catch_all: bool = False,
    complete: bool = True,
) -> fm.Group:
    """A test group (单位组): listed members (and zones), or every department by its rule."""
    return fm.Group(
        id=gid,
        name=name,
        rule=rule,
        members=tuple(members),
        zones=tuple(zones),
        catch_all=catch_all,
        reference="test",
        complete=complete,
    )


def role(rid: str, name: str, *, covers: Sequence[str] = (), person: bool = False) -> fm.Role:
    """A test role (角色) held by what it ``covers``; ``person`` for roles held by people."""
    return fm.Role(
        id=rid,
        name=name,
        description="test role",
        reference="test",
        covers=tuple(covers),
        person=person,
    )


def registry(
    units: Sequence[fm.Unit],
    groups: Sequence[fm.Group] = (),
    roles: Sequence[fm.Role] = (),
) -> fm.Registry:
    """A test registry of these entries."""
    return fm.Registry(
        id="test",
        title="test registry",
        references=(),
        limitations=(),
        units=tuple(units),
        groups=tuple(groups),
        roles=tuple(roles),
    )


def make_task(
    number: int,
    provisions: Sequence[fm.Provision] = (),
    *,
    responsible: Sequence[str],
    title: str | None = None,
    text: str = "…",
    lead: Sequence[str] = (),
) -> fm.Task:
    """A test task; its lead, where given, is one the text names (牵头)."""
    return fm.Task(
        number=number,
        title=title if title is not None else str(number),
        text=text,
        responsible=tuple(responsible),
        provisions=tuple(provisions),
        lead=tuple(lead),
        lead_from=fm.LeadBasis.NAMED if lead else None,
    )


def make_document(
    tasks: Sequence[fm.Task],
    *,
    units: fm.Registry | None,
    sections: Sequence[fm.Section] = (),
    doc_id: str = "small",
    title: str = "测试文件",
    issuer: str = "测试",
    issued: dt.date = dt.date(2024, 1, 1),
    source_text: str | None = None,
) -> fm.Document:
    """A reviewed test document of these tasks, with no parts or headings."""
    return fm.Document(
        id=doc_id,
        metadata=fm.Metadata(title=title, issuer=issuer, issued=issued),
        review=fm.Review.REVIEWED,
        parts=(),
        headings=(),
        tasks=tuple(tasks),
        sections=tuple(sections),
        units=units,
        source_text=source_text,
    )
