"""The model's own lookups and labels: what a missing task, provision or registry says, how a
registry resolves roles that cover each other, and that every enum label comes from ``wording``.
"""

from __future__ import annotations

import attrs
import pytest

import fazhi_model as fm
from builders import department, group, make_document, make_task, registry, role
from fazhi_model import wording

UNITS = registry(
    [department("a", "测试甲局", "甲局"), department("b", "测试乙局", "乙局", enforcement=True)],
    groups=(
        group("both", "各局", members=("a", "b")),
        group("enforcers", "执法部门", fm.Rule.ENFORCEMENT),
    ),
    roles=(
        # two roles that cover each other: expanding either must end, with the units once
        role("heads", "主要负责人", covers=("甲局", "分管领导"), person=True),
        role("deputies", "分管领导", covers=("主要负责人", "乙局"), person=True),
    ),
)


def test_a_missing_task_or_provision_says_which_in_chinese_and_english() -> None:
    doc = make_document([make_task(1, responsible=("甲局",))], units=UNITS)
    assert doc.task(1).number == 1
    with pytest.raises(KeyError, match=r"没有任务2 \(no task 2 in small\)"):
        doc.task(2)
    with pytest.raises(KeyError, match=r"没有条款 't9.p01' \(no provision 't9.p01'"):
        doc.provision("t9.p01")
    with pytest.raises(LookupError, match=r"没有单位名录 \(document small has no unit registry\)"):
        _ = attrs.evolve(doc, units=None).registry


def test_a_group_or_role_is_not_a_unit_and_an_unknown_name_is_named() -> None:
    assert UNITS.unit("甲局").id == "a"
    with pytest.raises(fm.UnknownReferenceError, match=r"'各局' 不是单个单位 \('各局' is a group"):
        UNITS.unit("各局")
    with pytest.raises(LookupError, match=r"名录中没有 '丙局' \(unknown unit, group or role"):
        UNITS.resolve("丙局")


def test_roles_covering_each_other_expand_once_and_end() -> None:
    assert [u.id for u in UNITS.expand("主要负责人")] == ["a", "b"]
    assert [u.id for u in UNITS.expand("分管领导")] == ["a", "b"]


def test_groups_by_rule() -> None:
    assert [u.id for u in UNITS.expand("执法部门")] == ["b"]
    assert [u.id for u in UNITS.members(UNITS.groups[0])] == ["a", "b"]
    assert list(UNITS) == [*UNITS.units, *UNITS.groups, *UNITS.roles]


@pytest.mark.parametrize(
    ("enum", "labels"),
    [
        (fm.Modality, wording.MODALITY_LABELS),
        (fm.Period, wording.PERIOD_LABELS),
        (fm.Counting, wording.COUNTING_LABELS),
        (fm.Direction, wording.DIRECTION_LABELS),
        (fm.Certainty, wording.CERTAINTY_LABELS),
    ],
)
def test_every_enum_label_is_the_wording_of_its_value(
    enum: type[fm.Modality | fm.Period | fm.Counting | fm.Direction | fm.Certainty],
    labels: dict[str, str],
) -> None:
    assert set(labels) == {member.value for member in enum}
    for member in enum:
        assert member.label == labels[member.value]


def test_jupyter_tables_use_the_wording_headers(doc: fm.Document) -> None:
    page = doc._repr_html_()
    assert all(f"<th>{h}</th>" in page for h in wording.DOCUMENT_REPR_HEADER)
    count = sum(1 for _ in doc.provisions())
    assert wording.DOCUMENT_COUNTS.format(tasks=len(doc.tasks), provisions=count) in page
    task = doc.task(1)._repr_html_()
    assert all(f"<th>{h}</th>" in task for h in wording.TASK_REPR_HEADER)
    assert "责任单位: 各县(市、区)政府、市司法局、其他市政府部门" in task
