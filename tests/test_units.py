"""The unit registry: short forms, groups, catch-alls and roles resolve as the document means."""

from __future__ import annotations

import re

import pytest

import fazhi_model as fm

COUNTIES = [
    *["章贡区", "南康区", "赣县区", "信丰县", "大余县", "上犹县", "崇义县", "安远县", "定南县"],
    *["全南县", "宁都县", "于都县", "兴国县", "会昌县", "寻乌县", "石城县", "瑞金市", "龙南市"],
]


def test_every_reference_of_the_document_resolves(doc: fm.Document, registry: fm.Registry) -> None:
    refs = {r for t in doc.tasks for r in t.responsible} | {p.bearer for _, p in doc.provisions()}
    assert all(registry.find(r) is not None for r in refs - {"责任单位"})


def test_short_form_resolves_to_one_unit_with_its_full_name(registry: fm.Registry) -> None:
    unit = registry.unit("市发展改革委")
    assert unit.name == "赣州市发展和改革委员会"
    assert not unit.verified
    assert registry.unit("市文广旅局").name == "赣州市文化广电新闻出版旅游局"


def test_counties_expand_to_eighteen_governments_zones_only_on_request(
    registry: fm.Registry,
) -> None:
    units = registry.expand("各县(市、区)政府")
    assert [u.division for u in units] == COUNTIES
    with_zones = registry.expand("各县(市、区)政府", zones=True)
    assert len(with_zones) == 20
    assert {u.kind for u in with_zones} - {u.kind for u in units} == {fm.UnitKind.ZONE}


def test_catch_all_excludes_the_units_named_beside_it(
    doc: fm.Document, registry: fm.Registry
) -> None:
    task = doc.task(3)
    others = registry.expand("其他市政府部门", beside=task.responsible)
    names = {u.short for u in others}
    assert "市司法局" not in names and "市政府办公室" not in names
    assert "市发展改革委" in names
    assert "市委编办" not in {u.short for u in registry.expand("市政府各部门")}


def test_enforcement_group_holds_the_departments_the_document_places_there(
    registry: fm.Registry,
) -> None:
    shorts = {u.short for u in registry.expand("市政府行政执法部门")}
    assert {"市司法局", "市市场监管局", "市发展改革委", "市行政审批局"} <= shorts
    assert "市政府办公室" not in shorts


def test_a_group_with_no_known_members_expands_to_nobody(registry: fm.Registry) -> None:
    group = registry.resolve("市属〔驻市〕各高校")
    assert isinstance(group, fm.Group) and not group.complete
    assert registry.expand("市属〔驻市〕各高校") == ()


def test_roles_expand_through_what_they_cover(registry: fm.Registry) -> None:
    assert [u.short for u in registry.expand("市县司法行政部门")] == ["市司法局"]
    role = registry.resolve("行政执法人员")
    assert isinstance(role, fm.Role) and role.person


def test_expand_all_of_an_annotation_is_the_union(doc: fm.Document, registry: fm.Registry) -> None:
    units = registry.expand_all(doc.task(4).responsible)
    assert len(units) == 18 + 2  # the counties, 市行政审批局, 市发展改革委


def test_unknown_reference_is_an_error(registry: fm.Registry) -> None:
    with pytest.raises(fm.UnknownReferenceError, match="市不存在局"):
        registry.resolve("市不存在局")


def test_every_entry_has_a_reference(registry: fm.Registry) -> None:
    assert all(entry.reference.strip() for entry in registry.entries())


# -- issue 9: enforcement from the law, checkable sources ------------------------------------

CHECKABLE = re.compile(r"https?://\S+|〔\d{4}〕\d+号|令第[0-9〇一二三四五六七八九十百]+号")
"""An address, or a document number (文号, 主席令/国务院令 number)."""


@pytest.mark.parametrize(
    ("short", "law"),
    [
        ("市公安局", "治安管理处罚法"),
        ("市人力资源和社会保障局", "劳动保障监察条例"),
        ("市教育局", "教育法"),
    ],
)
def test_a_department_a_law_empowers_to_enforce_is_a_law_enforcement_department(
    registry: fm.Registry, short: str, law: str
) -> None:
    unit = registry.unit(short)
    basis = unit.enforcement_basis
    assert unit.enforcement and basis is not None
    assert law in basis.law and basis.articles and basis.verified
    assert CHECKABLE.search(basis.reference)
    assert unit in registry.expand("市政府行政执法部门")


def test_every_department_says_where_its_enforcement_status_comes_from(
    registry: fm.Registry,
) -> None:
    for unit in registry.units:
        if unit.kind is not fm.UnitKind.DEPARTMENT:
            continue
        basis = unit.enforcement_basis
        assert basis is not None, unit.id
        if basis.verified:
            assert basis.articles and CHECKABLE.search(basis.reference), unit.id
        else:
            assert basis.note, unit.id  # says why it is not verified


def test_an_entry_marked_verified_carries_a_checkable_source(registry: fm.Registry) -> None:
    for unit in registry.units:
        if unit.verified:
            assert CHECKABLE.search(unit.reference), unit.id
        assert not (unit.verified and "not recorded" in unit.reference), unit.id
    # The source text writes only 市政府: the full name is not verified by it.
    assert not registry.unit("市政府").verified
    assert "赣州市人民政府" not in registry.unit("市政府").reference.split(";")[0]


def test_the_rule_of_law_lead_is_the_city_justice_bureau_from_the_document_itself(
    registry: fm.Registry, source_text: str
) -> None:
    role = registry.resolve("法治政府建设牵头部门")
    assert isinstance(role, fm.Role)
    assert [u.short for u in registry.expand("法治政府建设牵头部门")] == ["市司法局"]
    quoted = re.search(r"「(.+?)」", role.reference)
    assert quoted and quoted.group(1) in source_text  # 三是: 市司法局要强化…统筹指导
    assert role.note and "county" in role.note  # county 司法局 are not in the registry
    assert registry.expand("政府分管领导")  # 政府分管领导 reaches the governments
