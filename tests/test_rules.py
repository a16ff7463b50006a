"""Every validation rule of :mod:`fazhi_model.model.rules`, each broken once on a small document.

A valid document is built by hand; each case breaks one rule and names the path the problem must
point at and a phrase of what was expected. The base document is itself checked to be valid, so
each problem found comes from the case's own change.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

import fazhi_model as fm
from builders import department, group, make_document, make_task, registry, role
from fazhi_model.errors import DataPath
from fazhi_model.model.rules import (
    MAX_AMOUNT,
    MAX_COUNT,
    MAX_TASK_NUMBER,
    unresolved,
    validate_registry,
)
from fazhi_model.model.units import RESPONSIBLE
from strategies import documents

TASK_TEXT = "任务甲要求每年学法不少于2次。〔责任单位:甲局、乙局〕"
SECTION_TEXT = "一是要落实责任。"
SOURCE = f"一、总体要求\n(一)坚持依法行政\n1.{TASK_TEXT}\n{SECTION_TEXT}\n"
QUOTE = "每年学法不少于2次"

UNITS = registry(
    [department("a", "测试甲局", "甲局"), department("b", "测试乙局", "乙局")],
    groups=(group("both", "各局", members=("a", "b")),),
    roles=(role("officers", "执法人员", covers=("甲局",), person=True),),
)

QUOTA = fm.Quota(
    id="t1.p01",
    source=QUOTE,
    bearer=RESPONSIBLE,
    activity="学法",
    measure=fm.Measure.TIMES,
    period=fm.Period.YEAR,
    minimum=2,
)


def base() -> fm.Document:
    """A valid document: one part, one heading, one task with a quota, one section."""
    task = attrs.evolve(
        make_task(1, [QUOTA], responsible=("甲局", "乙局"), title="任务甲", text=TASK_TEXT),
        heading=1,
        annotation="〔责任单位:甲局、乙局〕",
    )
    section = fm.Section(
        label="一是",
        title="落实责任",
        text=SECTION_TEXT,
        part=1,
        provisions=(fm.Duty(id="s1.p01", source="要落实责任", bearer="甲局", action="落实责任"),),
    )
    doc = make_document([task], units=UNITS, sections=[section], source_text=SOURCE)
    return attrs.evolve(
        doc,
        parts=(fm.Part(number=1, title="总体要求"),),
        headings=(fm.Heading(number=1, title="坚持依法行政", part=1),),
    )


def first_task(doc: fm.Document, **changes: Any) -> fm.Document:
    return attrs.evolve(doc, tasks=(attrs.evolve(doc.tasks[0], **changes), *doc.tasks[1:]))


def provision(p: fm.Provision) -> Callable[[fm.Document], fm.Document]:
    """Put ``p`` in place of the task's quota."""
    return lambda d: first_task(d, provisions=(p,))


def quota(**changes: Any) -> Callable[[fm.Document], fm.Document]:
    return provision(attrs.evolve(QUOTA, **changes))


def deadline(**changes: Any) -> fm.Deadline:
    fields: dict[str, Any] = {
        "id": "t1.p01",
        "source": QUOTE,
        "bearer": "甲局",
        "trigger": "published",
        "trigger_label": "公布",
        "amount": 15,
        "counting": fm.Counting.DAYS,
        "action": "报送",
    }
    return fm.Deadline(**{**fields, **changes})


def recurring(*dates: fm.AnnualDate) -> fm.RecurringDueDate:
    return fm.RecurringDueDate(
        id="t1.p01", source=QUOTE, bearer="甲局", action="报送", dates=tuple(dates)
    )


def target(**changes: Any) -> fm.Target:
    fields: dict[str, Any] = {"id": "t1.p01", "source": QUOTE, "bearer": "甲局", "metric": "率"}
    return fm.Target(**{**fields, **changes})


def staffing(*levels: fm.StaffingLevel, by_year: int | None = None) -> fm.Staffing:
    return fm.Staffing(
        id="t1.p01", source=QUOTE, bearer="甲局", role="调解员", levels=levels, by_year=by_year
    )


def workflow(*steps: fm.Step) -> Callable[[fm.Document], fm.Document]:
    flow = fm.Workflow(id="t1.p02", source=QUOTE, bearer="甲局", steps=steps)
    return lambda d: first_task(d, provisions=(QUOTA, flow))


def step(sid: str, **changes: Any) -> fm.Step:
    return attrs.evolve(fm.Step(id=sid, action="办理"), **changes)


def with_registry(**changes: Any) -> Callable[[fm.Document], fm.Document]:
    return lambda d: attrs.evolve(d, units=attrs.evolve(UNITS, **changes))


P = "tasks[0].provisions[0]"
W = "tasks[0].provisions[1].steps"
# (name, change, expected path, phrase in the message)
CASES: list[tuple[str, Callable[[fm.Document], fm.Document], str, str]] = [
    # structure
    ("no task", lambda d: attrs.evolve(d, tasks=()), "tasks", "at least one task"),
    (
        "task number twice",
        lambda d: attrs.evolve(d, tasks=(d.tasks[0], attrs.evolve(d.tasks[0], provisions=()))),
        "tasks[1].number",
        "duplicate task number 1",
    ),
    (
        "provision id twice",
        lambda d: first_task(d, provisions=(QUOTA, QUOTA)),
        "tasks[0].provisions[1].id",
        "duplicate provision id 't1.p01'",
    ),
    (
        "heading in no part",
        lambda d: attrs.evolve(d, headings=(attrs.evolve(d.headings[0], part=2),)),
        "headings[0].part",
        "expected one of the parts [1]",
    ),
    (
        "section in no part",
        lambda d: attrs.evolve(d, sections=(attrs.evolve(d.sections[0], part=9),)),
        "sections[0].part",
        "expected one of the parts [1]",
    ),
    ("task number 0", lambda d: first_task(d, number=0), "tasks[0].number", "1..10000"),
    (
        "task number too large",
        lambda d: first_task(d, number=MAX_TASK_NUMBER + 1),
        "tasks[0].number",
        f"1..{MAX_TASK_NUMBER}",
    ),
    (
        "unknown heading",
        lambda d: first_task(d, heading=3),
        "tasks[0].heading",
        "expected one of the headings [1]",
    ),
    (
        "nobody responsible",
        lambda d: first_task(d, responsible=()),
        "tasks[0].responsible",
        "at least one responsible unit",
    ),
    # quotes
    (
        "no source text",
        lambda d: attrs.evolve(d, source_text=None),
        "source_file",
        "no source text",
    ),
    (
        "task text not in the source",
        lambda d: first_task(d, text=TASK_TEXT + "另加"),
        "tasks[0].text",
        "task's text verbatim",
    ),
    (
        "annotation not in the task text",
        lambda d: first_task(d, annotation="〔责任单位:丙局〕"),
        "tasks[0].annotation",
        "annotation verbatim",
    ),
    (
        "section text not in the source",
        lambda d: attrs.evolve(d, sections=(attrs.evolve(d.sections[0], text="二是别的。"),)),
        "sections[0].text",
        "section's text verbatim",
    ),
    (
        "part text not in the source",
        lambda d: attrs.evolve(d, parts=(attrs.evolve(d.parts[0], text="不在原文"),)),
        "parts[0].text",
        "part's text verbatim",
    ),
    ("empty quote", quota(source="  "), f"{P}.source", "non-empty quote"),
    ("quote not in the source", quota(source="每月学法"), f"{P}.source", "not found verbatim"),
    (
        "quote from another part of the text",
        quota(source="一是要落实"),
        f"{P}.source",
        "not found in the text of task 1",
    ),
    # references
    (
        "no registry",
        lambda d: attrs.evolve(d, units=None),
        "registry_file",
        "no unit registry",
    ),
    (
        "unknown responsible unit",
        lambda d: first_task(d, responsible=("甲局", "丙局")),
        "tasks[0].responsible[1]",
        "unknown unit, group or role '丙局'",
    ),
    (
        "lead outside the annotation",
        lambda d: first_task(d, lead=("各局",)),
        "tasks[0].lead[0]",
        "'各局' is not among the responsible units",
    ),
    (
        "责任单位 outside a task",
        lambda d: attrs.evolve(
            d,
            sections=(
                attrs.evolve(
                    d.sections[0],
                    provisions=(attrs.evolve(d.sections[0].provisions[0], bearer=RESPONSIBLE),),
                ),
            ),
        ),
        "sections[0].provisions[0].bearer",
        "only meaningful inside a task",
    ),
    ("unknown bearer", quota(bearer="丁局"), f"{P}.bearer", "unknown unit, group or role '丁局'"),
    (
        "unknown step actor",
        workflow(step("s1", actor="戊局")),
        f"{W}[0].actor",
        "unknown unit, group or role '戊局'",
    ),
    (
        "step pointing to no provision",
        workflow(step("s1", provision="t9.p09")),
        f"{W}[0].provision",
        "unknown provision 't9.p09'",
    ),
    (
        "step pointing to its own workflow",
        workflow(step("s1", provision="t1.p02")),
        f"{W}[0].provision",
        "the id of another provision",
    ),
    (
        "step with its own time limit beside a provision",
        workflow(step("s1", provision="t1.p01", within=5, counting=fm.Counting.WORKDAYS)),
        f"{W}[0].within",
        "takes its time limit from it",
    ),
    # provisions
    ("wording not in the quote", quota(wording="每月"), f"{P}.wording", "verbatim part"),
    (
        "quota without bounds",
        quota(minimum=None, maximum=None),
        f"{P}.minimum",
        "a minimum or a maximum",
    ),
    ("quota of zero", quota(minimum=0), f"{P}.minimum", "expected a positive number, got 0"),
    (
        "quota beyond the bound",
        quota(minimum=MAX_COUNT + 1),
        f"{P}.minimum",
        f"at most {MAX_COUNT}",
    ),
    ("quota not finite", quota(minimum=math.inf), f"{P}.minimum", "expected a finite number"),
    ("negative maximum", quota(maximum=-1), f"{P}.maximum", "expected a positive number"),
    (
        "minimum above maximum",
        quota(minimum=5, maximum=3),
        f"{P}.maximum",
        "expected maximum >= minimum (5), got 3",
    ),
    ("blank activity", quota(activity=" "), f"{P}.activity", "an activity name"),
    (
        "deadline of no days",
        provision(deadline(amount=0)),
        f"{P}.amount",
        "expected a positive period, got 0",
    ),
    (
        "deadline too long",
        provision(deadline(amount=MAX_AMOUNT + 1)),
        f"{P}.amount",
        f"at most {MAX_AMOUNT}",
    ),
    ("recurring without dates", provision(recurring()), f"{P}.dates", "at least one date"),
    (
        "month 13",
        provision(recurring(fm.AnnualDate(13))),
        f"{P}.dates[0].month",
        "expected a month 1-12, got 13",
    ),
    (
        "29 February",
        provision(recurring(fm.AnnualDate(1), fm.AnnualDate(2, 29))),
        f"{P}.dates[1].day",
        "2月29日并非每年都有",
    ),
    (
        "31 April",
        provision(recurring(fm.AnnualDate(4, 31))),
        f"{P}.dates[0].day",
        "expected a real day of month 4, got 31",
    ),
    (
        "target with neither value nor direction",
        provision(target()),
        f"{P}.value",
        "a value or a direction",
    ),
    ("target not finite", provision(target(value=math.nan)), f"{P}.value", "a finite value"),
    ("negative target", provision(target(value=-1.0)), f"{P}.value", "expected a value 0.."),
    (
        "target too large",
        provision(target(value=float(MAX_COUNT) * 2)),
        f"{P}.value",
        f"expected a value 0..{MAX_COUNT}",
    ),
    (
        "target year out of range",
        provision(target(value=100.0, by_year=1900)),
        f"{P}.by_year",
        "expected a year between 1949 and 2100, got 1900",
    ),
    ("staffing without levels", provision(staffing()), f"{P}.levels", "at least one level"),
    (
        "staffing of nobody",
        provision(staffing(fm.StaffingLevel("村", 0))),
        f"{P}.levels[0].minimum",
        "expected a positive number, got 0",
    ),
    (
        "staffing year out of range",
        provision(staffing(fm.StaffingLevel("村", 1), by_year=2101)),
        f"{P}.by_year",
        "got 2101",
    ),
    (
        "step id twice",
        workflow(step("s1"), step("s1")),
        f"{W}[1].id",
        "duplicate step id 's1'",
    ),
    (
        "step within without counting",
        workflow(step("s1", within=5)),
        f"{W}[0].counting",
        "workdays or days beside 'within'",
    ),
    (
        "step within too long",
        workflow(step("s1", within=MAX_AMOUNT + 1, counting=fm.Counting.DAYS)),
        f"{W}[0].within",
        f"at most {MAX_AMOUNT}",
    ),
    (
        "step after an unknown step",
        workflow(step("s1", after=("s0",))),
        f"{W}[0].after[0]",
        "unknown step 's0'",
    ),
    (
        "steps in a cycle",
        workflow(step("s1", after=("s2",)), step("s2", after=("s1",))),
        "tasks[0].provisions[1].steps",
        "without a cycle",
    ),
    # the registry
    (
        "registry id twice",
        with_registry(units=(*UNITS.units, department("a", "测试丙局"))),
        "units[2].id",
        "duplicate registry id 'a'",
    ),
    (
        "unit name twice",
        with_registry(units=(*UNITS.units, department("c", "测试甲局"))),
        "units[2].name",
        "duplicate name '测试甲局'",
    ),
    (
        "short form naming two units",
        with_registry(units=(*UNITS.units, department("c", "测试丙局", "甲局"))),
        "units[2].short",
        "already names units[0].short",
    ),
    (
        "group of an unknown unit",
        with_registry(
            groups=(attrs.evolve(UNITS.groups[0], members=("a", "x")),),
        ),
        "groups[0].members[1]",
        "unknown unit id 'x'",
    ),
    (
        "role covering nobody known",
        with_registry(roles=(attrs.evolve(UNITS.roles[0], covers=("庚局",)),)),
        "roles[0].covers[0]",
        "unknown unit, group or role '庚局'",
    ),
]


def test_the_base_document_is_valid() -> None:
    assert fm.validate(base()) == []
    assert unresolved(base()) == []


@pytest.mark.parametrize(
    ("change", "path", "phrase"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_broken_rule_is_found_where_it_is(
    change: Callable[[fm.Document], fm.Document], path: str, phrase: str
) -> None:
    problems = fm.validate(change(base()))
    matching = [p for p in problems if p.path == path and phrase in p.message]
    assert matching, f"expected {path}: …{phrase}…, got {[str(p) for p in problems]}"


def test_problems_carry_the_file_and_line_given() -> None:
    doc = quota(minimum=0)(base())
    lines: dict[DataPath, int] = {("tasks", 0, "provisions", 0, "minimum"): 42}
    (problem,) = fm.validate(doc, file="doc.yaml", lines=lines.get)
    assert (problem.file, problem.line, problem.path) == ("doc.yaml", 42, f"{P}.minimum")
    assert str(problem) == f"doc.yaml:42: {P}.minimum: 须为正数 (expected a positive number, got 0)"


def test_every_broken_rule_is_listed_not_only_the_first() -> None:
    doc = quota(minimum=0, activity=" ", bearer="丁局")(base())
    paths = {p.path for p in fm.validate(doc)}
    assert {f"{P}.minimum", f"{P}.activity", f"{P}.bearer"} <= paths


def test_a_registry_is_validated_on_its_own() -> None:
    broken = attrs.evolve(UNITS, groups=(attrs.evolve(UNITS.groups[0], members=("x",)),))
    (problem,) = validate_registry(broken, file="units.yaml")
    assert (problem.file, problem.path) == ("units.yaml", "groups[0].members[0]")
    assert validate_registry(UNITS) == []


def test_validate_refuses_what_is_not_a_document() -> None:
    with pytest.raises(fm.InputError, match="expected a Document, got str"):
        fm.validate("ganzhou-2024")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="expected a Registry, got NoneType"):
        validate_registry(None)  # type: ignore[arg-type]


def test_references_that_reach_no_unit_are_warnings_not_errors() -> None:
    nobody = role("lead", "牵头部门")
    empty = group("none", "各高校", complete=False)
    doc = with_registry(roles=(*UNITS.roles, nobody), groups=(*UNITS.groups, empty))(base())
    doc = first_task(
        doc,
        responsible=("甲局", "乙局", "各高校", "各局"),
        lead=("甲局",),
        provisions=(
            attrs.evolve(QUOTA, bearer="牵头部门"),
            fm.Workflow(
                id="t1.p02",
                source=QUOTE,
                bearer="甲局",
                steps=(
                    fm.Step(id="s1", action="办理", actor="牵头部门"),
                    fm.Step(id="s2", action="复核", after=("s1",)),
                ),
            ),
        ),
    )
    assert fm.validate(doc) == []
    found = {p.path: p.message for p in unresolved(doc, file="doc.yaml")}
    assert set(found) == {
        "tasks[0].responsible[2]",
        f"{P}.bearer",
        f"{W}[0].actor",
    }
    assert found["tasks[0].responsible[2]"].startswith("'各高校' 未落实到单位 (group '各高校'")
    assert "(role '牵头部门' reaches no unit" in found[f"{P}.bearer"]
    assert unresolved(attrs.evolve(doc, units=None)) == []


TOP_LEVEL = {f.name for f in attrs.fields(fm.Document)}


@settings(max_examples=100, deadline=None)
@given(documents)
def test_any_document_is_checked_without_an_exception(doc: fm.Document) -> None:
    problems = fm.validate(doc)
    for problem in problems:
        assert problem.path.split(".")[0].split("[")[0] in TOP_LEVEL, problem
        assert problem.message.count("(") >= 1, "messages are 中文 (English)"
    # a generated document has neither source text nor registry: both are said, once each
    paths = [p.path for p in problems]
    assert paths.count("source_file") == 1 and paths.count("registry_file") == 1
