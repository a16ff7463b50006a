"""Small hand-built units and registries for tests of edge cases (测试用单位)."""

from __future__ import annotations

from collections.abc import Sequence

import fazhi_model as fm


def department(
    uid: str, name: str, short: str | None = None, *, enforcement: bool = False
) -> fm.Unit:
    """A test department: unverified, with a test reference."""
    return fm.Unit(
        id=uid,
        name=name,
        short=short,
        kind=fm.UnitKind.DEPARTMENT,
        reference="test",
        verified=False,
        enforcement=enforcement,
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
