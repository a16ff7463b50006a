"""The duty graph: typed nodes, relations, catch-alls, queries and exports."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_model as fm
from builders import department, group, make_document, make_task, make_unit, registry, role
from fazhi_model.dates.schedule import bearer_units
from fazhi_model.export import graph_files as GF
from fazhi_model.model.units import RESPONSIBLE
from fazhi_model.views import graph as G

# -- a small hand-built document for edge cases ----------------------------------------------


def _unit(uid: str, name: str) -> fm.Unit:
    return department(uid, f"测试市{name}", f"市{name}")


MINI_REGISTRY = registry(
    [
        make_unit("c1", "甲县人民政府", kind=fm.UnitKind.GOVERNMENT),
        make_unit("c2", "乙县人民政府", kind=fm.UnitKind.GOVERNMENT),
        make_unit("z1", "丙新区", kind=fm.UnitKind.ZONE),
        _unit("a", "甲局"),
        _unit("b", "乙局"),
        _unit("c", "丙局"),
        _unit("d", "丁局"),
    ],
    groups=(
        group("counties", "各县政府", members=("c1", "c2"), zones=("z1",)),
        group("others", "其他市政府部门", fm.Rule.DEPARTMENTS, catch_all=True, complete=False),
        group("nobody", "各高校", complete=False),
    ),
    roles=(
        role("responsible", RESPONSIBLE),
        role("heads", "主要负责人", person=True, covers=("市甲局",)),
    ),
)

REFS = ("各县政府", "市甲局", "市乙局", "市丙局", "其他市政府部门", "各高校")


def mini(
    responsible: tuple[str, ...] = ("各县政府", "市甲局", "市乙局", "其他市政府部门"),
    provisions: tuple[fm.Provision, ...] = (),
    sections: tuple[fm.Section, ...] = (),
    lead: tuple[str, ...] = (),
) -> fm.Document:
    task = make_task(1, provisions, responsible=responsible, title="测试任务", lead=lead)
    return make_document(
        [task], units=MINI_REGISTRY, sections=sections, doc_id="mini", issuer="测试市人民政府"
    )


def responsible_edges(graph: nx.MultiDiGraph, task: str) -> dict[str, dict[str, object]]:
    return {s: d for s, _, d in graph.in_edges(task, data=True) if d["relation"] == "responsible"}


# -- the Ganzhou graph -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph(doc: fm.Document) -> nx.MultiDiGraph:
    return G.build(doc)


def test_every_node_is_typed_and_labelled_and_every_edge_has_a_relation(
    graph: nx.MultiDiGraph,
) -> None:
    prefixes = {"unit", "group", "role", "task", "section", "provision", "step"}
    for node, data in graph.nodes(data=True):
        assert node.split(":", 1)[0] == data["type"] in prefixes
        assert data["label"] and data["name"]
    assert {d["relation"] for *_, d in graph.edges(data=True)} == set(G.RELATIONS)
    assert graph.nodes["unit:gz-justice"]["label"] == "市司法局"
    assert graph.nodes["task:3"]["number"] == 3
    assert graph.nodes["step:t05.p05/review"]["actor"] == "司法行政部门"


def test_task_one_names_the_justice_bureau_beside_the_catch_all(graph: nx.MultiDiGraph) -> None:
    edges = responsible_edges(graph, "task:1")
    # Ganzhou's annotation says only 责任单位: naming first is an order, not a lead.
    assert edges["group:counties"]["role"] == "named" and edges["group:counties"]["order"] == 1
    assert edges["unit:gz-justice"]["role"] == "named" and edges["unit:gz-justice"]["order"] == 2
    assert "via" not in edges["unit:gz-justice"]
    assert edges["group:other-city-departments"]["role"] == "named"
    finance = edges["unit:gz-finance"]
    assert finance["role"] == "through-catch-all"
    assert finance["via"] == "group:other-city-departments"
    assert finance["excluded_labels"] == "市司法局"
    assert edges["unit:zhanggong-gov"]["role"] == "through-group"
    assert "unit:gz-bianban" not in edges  # a Party body is no government department


def test_reports_to_edges_carry_their_source(graph: nx.MultiDiGraph, source_text: str) -> None:
    reports = [(s, t, d) for s, t, d in graph.edges(data=True) if d["relation"] == "reports_to"]
    to_party = {s for s, t, _ in reports if t == "role:party-committees"}
    assert len(to_party) == 19 and "unit:gz-gov" in to_party and "unit:longnan-gov" in to_party
    assert {t for s, t, _ in reports if s == "unit:gz-justice"} == {"unit:gz-party", "unit:gz-gov"}
    assert len(reports) == 21
    assert all(str(d["source"]) in source_text for *_, d in reports)


def test_duties_of_the_justice_bureau(doc: fm.Document, graph: nx.MultiDiGraph) -> None:
    found = G.duties(graph, unit="市司法局")
    tasks = {a.task: a for a in found if a.provision is None}
    named = {t.number for t in doc.tasks if "市司法局" in t.responsible}
    assert {n for n, a in tasks.items() if a.how == "named"} == named
    assert tasks[6].how == "named" and "注中第1个, 共2个" in tasks[6].reason
    assert tasks[15].how == "through-group"
    assert tasks[15].path == ("unit:gz-justice", "group:city-enforcement", "task:15")
    assert 4 not in tasks
    assert not any(a.how == "through-catch-all" for a in tasks.values())
    provisions = {a.provision: a for a in found if a.provision}
    assert provisions["t10.p04"].how == "through-role"
    assert "司法行政部门 (角色)" in provisions["t10.p04"].reason
    assert provisions["t12.p06"].path[-2:] == (
        "role:judicial-admin-city-county",
        "provision:t12.p06",
    )
    assert provisions["s3.p03"].how == "bearer" and provisions["s3.p03"].task is None
    assert provisions["t01.p01"].how == "annotation"


def test_a_catch_all_reason_names_the_units_it_excludes(graph: nx.MultiDiGraph) -> None:
    first = G.duties(graph, unit="市财政局")[0]
    assert (first.task, first.how) == (1, "through-catch-all")
    assert first.reason == ("任务1: 其他市政府部门 (兜底“其他…”; 市司法局已在注中另列, 故除外)")
    five = next(a for a in G.duties(graph, unit="市公安局") if a.task == 5 and a.provision is None)
    assert "市行政审批局、市司法局已在注中另列, 故除外" in five.reason


def test_unnamed_units_and_empty_groups(graph: nx.MultiDiGraph) -> None:
    assert G.unnamed_units(graph) == ("unit:gz-gov", "unit:gz-party")
    assert G.empty_groups(graph) == ("group:universities",)


def test_steps_before_and_after_with_their_working_day_budget(graph: nx.MultiDiGraph) -> None:
    before = {r.step: r for r in G.before(graph, "t05.p05/file")}
    assert set(before) == {f"step:t05.p05/{s}" for s in ("consult", "review", "approve")}
    assert (before["step:t05.p05/approve"].budget, before["step:t05.p05/approve"].counting) == (
        5,
        "workdays",
    )
    assert before["step:t05.p05/review"].budget is None  # review and approval have no limit
    after = {r.step: r for r in G.after(graph, "step:t05.p05/approve")}
    assert after["step:t05.p05/file"].budget == 5
    assert after["step:t05.p05/publish"].budget is None
    assert G.before(graph, "t05.p05/consult") == ()
    with pytest.raises(fm.UnknownReferenceError, match=r"t05\.p05/nope"):
        G.after(graph, "t05.p05/nope")


def test_responsible_for_a_provision(graph: nx.MultiDiGraph) -> None:
    units = {a.unit for a in G.responsible_for(graph, "t12.p06")}
    assert units == {"unit:gz-justice"}
    county = {a.unit for a in G.responsible_for(graph, "t01.p02")}
    assert "unit:gz-gov" in county and len(county) == 19
    with pytest.raises(fm.UnknownReferenceError):
        G.responsible_for(graph, "t99.p01")


def test_zones_only_when_asked(doc: fm.Document, graph: nx.MultiDiGraph) -> None:
    assert "unit:gz-etdz" not in graph
    zoned = G.build(doc, zones=True)
    assert responsible_edges(zoned, "task:1")["unit:gz-etdz"]["role"] == "through-group"
    with pytest.raises(fm.UnknownReferenceError, match="zones"):
        G.duties(graph, unit="赣州经开区")


def test_unit_refs_resolve_by_short_full_name_and_id(graph: nx.MultiDiGraph) -> None:
    assert G.find(graph, "赣州市司法局", type="unit") == "unit:gz-justice"
    assert G.find(graph, "unit:gz-justice", type="unit") == "unit:gz-justice"
    assert G.find(graph, "章贡区政府", type="unit") == "unit:zhanggong-gov"
    with pytest.raises(fm.UnknownReferenceError, match="is a group"):
        G.duties(graph, unit="其他市政府部门")
    with pytest.raises(fm.UnknownReferenceError, match="did you mean 市司法局"):
        G.duties(graph, unit="市司法")


# -- exports ---------------------------------------------------------------------------------


def test_graphml_round_trip_keeps_relations_and_answers(graph: nx.MultiDiGraph) -> None:
    back = nx.read_graphml(io.StringIO(GF.to_graphml(graph)), force_multigraph=True)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert {d["relation"] for *_, d in back.edges(data=True)} == set(G.RELATIONS)
    assert G.duties(back, unit="市财政局") == G.duties(graph, unit="市财政局")
    assert G.before(back, "t05.p05/file") == G.before(graph, "t05.p05/file")


def test_node_link_json_and_gexf_read_back(graph: nx.MultiDiGraph) -> None:
    data = json.loads(GF.to_json(graph))
    back = nx.node_link_graph(data, edges="edges")
    assert back.number_of_edges() == graph.number_of_edges()
    assert "市司法局" in GF.to_json(graph)  # Chinese is not escaped
    gexf = nx.read_gexf(io.BytesIO(GF.to_gexf(graph).encode("utf-8")))
    assert gexf.number_of_nodes() == graph.number_of_nodes()


def _undot(quoted: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), quoted)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\r")))
def test_dot_quotes_every_label(text: str) -> None:
    g = nx.MultiDiGraph()
    g.add_node("n", label=text)
    line = next(x for x in GF.to_dot(g).split("\n") if x.startswith('  "n" ['))
    match = re.fullmatch(r'  "n" \[label="((?:[^"\\]|\\.)*)"\];', line)
    assert match is not None
    assert _undot(match.group(1)) == text


def test_export_rejects_an_unknown_format(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(fm.FazhiError, match="graphml"):
        GF.export(graph, "png")


# -- edge cases on a hand-built document -------------------------------------------------------


def test_a_catch_all_excludes_every_unit_named_beside_it() -> None:
    g = G.build(mini())
    edges = responsible_edges(g, "task:1")
    assert edges["unit:a"]["role"] == "named" and edges["unit:b"]["role"] == "named"
    assert {u for u, d in edges.items() if d["role"] == "through-catch-all"} == {
        "unit:c",
        "unit:d",
    }
    assert edges["unit:c"]["excluded_labels"] == "市甲局、市乙局"
    reason = G.duties(g, unit="市丙局")[0].reason
    assert "市甲局、市乙局已在注中另列, 故除外" in reason


def test_a_unit_named_and_in_a_group_counts_as_named() -> None:
    doc = mini(responsible=("市甲局", "其他市政府部门", "主要负责人"))
    edges = responsible_edges(G.build(doc), "task:1")
    assert edges["unit:a"]["role"] == "named" and edges["unit:a"]["order"] == 1
    assert edges["role:heads"]["role"] == "named"


def test_only_a_lead_the_document_marks_is_lead() -> None:
    refs = ("各县政府", "市甲局", "市乙局")
    plain = responsible_edges(G.build(mini(responsible=refs)), "task:1")
    assert "lead" not in {d["role"] for d in plain.values()}
    marked = responsible_edges(G.build(mini(responsible=refs, lead=("市乙局",))), "task:1")
    assert marked["unit:b"]["role"] == "lead" and marked["unit:b"]["lead_from"] == "named"
    assert marked["group:counties"]["role"] == "named"  # first named, not the lead
    reason = G.duties(G.build(mini(responsible=refs, lead=("市乙局",))), unit="市乙局")[0].reason
    assert reason == "任务1: 市乙局 (牵头; 注中第3个, 共3个)"


def test_bearer_responsible_follows_the_annotation_and_its_exclusions() -> None:
    duty = fm.Duty(id="t01.p01", source="做", bearer=RESPONSIBLE, action="做")
    catch = fm.Duty(id="t01.p02", source="做", bearer="其他市政府部门", action="再做")
    g = G.build(mini(provisions=(duty, catch)))
    assert {a.unit for a in G.responsible_for(g, "t01.p01")} == {
        "unit:c1",
        "unit:c2",
        "unit:a",
        "unit:b",
        "unit:c",
        "unit:d",
    }
    assert {a.unit for a in G.responsible_for(g, "t01.p02")} == {"unit:c", "unit:d"}


def test_bad_references_name_where_they_are() -> None:
    with pytest.raises(fm.UnknownReferenceError, match=r"task 1 annotation.*市戊局"):
        G.build(mini(responsible=("市甲局", "市戊局")))
    section = fm.Section(
        label="一是",
        title="要",
        text="…",
        part=3,
        provisions=(fm.Duty(id="s1.p01", source="做", bearer=RESPONSIBLE, action="做"),),
    )
    with pytest.raises(fm.FazhiError, match=r"s1\.p01"):
        G.build(mini(sections=(section,)))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(REFS), min_size=1, max_size=6, unique=True), st.booleans())
def test_responsible_units_are_the_registry_expansion(refs: list[str], zones: bool) -> None:
    doc = mini(responsible=tuple(refs))
    edges = responsible_edges(G.build(doc, zones=zones), "task:1")
    units = {u for u in edges if u.startswith("unit:")}
    expected = {f"unit:{u.id}" for u in MINI_REGISTRY.expand_all(refs, zones=zones)}
    assert units == expected
    named = sorted((d["order"], s) for s, d in edges.items() if "via" not in d)
    assert named == [(i, G.node_id(MINI_REGISTRY.resolve(r))) for i, r in enumerate(refs, 1)]
    assert all(d["role"] != "lead" for d in edges.values())  # no lead unless the text says
    assert G.empty_groups(doc) == ("group:nobody",)


def test_bearers_in_the_graph_are_the_registry_expansion(
    doc: fm.Document, graph: nx.MultiDiGraph
) -> None:
    by_unit: dict[str, set[str]] = {}
    for node, data in graph.nodes(data=True):
        if data["type"] == "unit":
            for a in G.duties(graph, unit=node):
                if a.provision and a.how != "unresolved":
                    by_unit.setdefault(a.provision, set()).add(node)
    for task, provision in doc.provisions():
        expected = {f"unit:{u.id}" for u in bearer_units(doc.registry, task, provision)}
        assert by_unit.get(provision.id, set()) == expected, provision.id


def test_due_dates_come_from_the_schedule(doc: fm.Document) -> None:
    found = {a.provision: a for a in G.duties(doc, 2025, unit="市司法局") if a.provision}
    assert found["t08.p03"].due == (dt.date(2025, 1, 31), dt.date(2025, 7, 31))
    assert found["t10.p03"].due == (dt.date(2025, 12, 31),)
    assert found["t03.p03"].due == ()
    with pytest.raises(fm.FazhiError, match="document"):
        G.duties(G.build(doc), 2025, unit="市司法局")


# -- issue 9: law-enforcement duties, roles that reach nobody, uncertain bearers --------------


def test_the_public_security_bureau_has_the_law_enforcement_tasks_and_quotas(
    graph: nx.MultiDiGraph,
) -> None:
    found = G.duties(graph, unit="市公安局")
    tasks = {a.task for a in found if a.provision is None}
    assert {9, 10, 11, 12, 13, 15, 17} <= tasks
    provisions = {a.provision for a in found if a.provision}
    assert {"t03.p08", "t03.p09", "t12.p04", "t12.p05"} <= provisions


def test_the_justice_bureau_leads_the_joint_consultation(graph: nx.MultiDiGraph) -> None:
    found = {a.provision: a for a in G.duties(graph, unit="市司法局") if a.provision}
    assert found["t01.p07"].path[-2:] == ("role:rule-of-law-lead", "provision:t01.p07")
    assert found["t01.p07"].how == G.Bearing.THROUGH_ROLE
    assert "t01.p06" in {a.provision for a in G.duties(graph, unit="章贡区人民政府")}


def test_a_bearer_that_reaches_no_unit_is_shown_never_dropped(graph: nx.MultiDiGraph) -> None:
    for unit in ("市司法局", "章贡区人民政府"):
        found = {a.provision: a for a in G.duties(graph, unit=unit) if a.provision}
        review = found["t08.p05"]  # 备案审查部门: the document does not name it
        assert review.how == "unresolved" and review.certainty is fm.Certainty.UNCERTAIN
        assert "未落实到名录中的单位" in review.reason and "[存疑]" in review.reason
    assert "t08.p05" not in {a.provision for a in G.duties(graph, unit="市委编办")}


def test_uncertain_and_read_bearers_show_as_such(graph: nx.MultiDiGraph) -> None:
    found = {a.provision: a for a in G.duties(graph, unit="市司法局") if a.provision}
    assert found["t14.p03"].certainty is fm.Certainty.UNCERTAIN
    assert found["t14.p03"].row()["certainty"] == "uncertain" and found["t14.p03"].note
    assert found["t13.p01"].row()["certainty"] == "reading"
    assert found["t01.p01"].row()["certainty"] == "certain"
    enforcement = {a.provision for a in G.duties(graph, unit="市市场监管局") if a.provision}
    assert not enforcement & {"t13.p01", "t13.p02", "t13.p05", "t14.p03", "t02.p04"}
