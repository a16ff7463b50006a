"""The parser on the State Council annotation styles, rules and structures of the genre.

Every excerpt here is made up for these tests (unit names are real kinds of names; the
sentences are not copied from any document)."""

from __future__ import annotations

import pytest

import fazhi_model as fm
from builders import department, registry
from fazhi_model.model.document import LeadBasis
from fazhi_model.parse.annotation import read, split_units
from fazhi_model.parse.reader import parse_text


def tasks(text: str, reg: fm.Registry | None = None) -> tuple[fm.Task, ...]:
    return parse_text(text, reg).document.tasks


def kinds(text: str) -> set[str]:
    return {i.kind for i in parse_text(text).report.issues}


# -- styles closed by a role word -------------------------------------------------------------


def test_units_then_responsible() -> None:
    (one, two) = tasks(
        "一、重点任务\n（一）完善台账制度。建立统一台账。（教育部、财政部、科技部负责）\n"
        "（二）加强督查。定期通报。（审计署负责）"
    )
    assert one.responsible == ("教育部", "财政部", "科技部")
    assert one.annotation == "（教育部、财政部、科技部负责）"
    assert two.responsible == ("审计署",)
    # no rule in the text: nobody is taken as the lead
    assert (one.lead, one.lead_from, two.lead) == ((), None, ())


def test_responsible_then_cooperating() -> None:
    (task,) = tasks("一、任务\n1.推进救助。做好救助衔接。（民政部负责，财政部、卫生健康委配合）")
    assert task.responsible == ("民政部", "财政部", "卫生健康委")
    assert task.cooperating == ("财政部", "卫生健康委")
    assert task.lead == ()


def test_lead_then_participants() -> None:
    (task,) = tasks("一、任务\n1.建立指标体系。研究指标。（水利部牵头，自然资源部、统计局参与）")
    assert task.lead == ("水利部",)
    assert task.lead_from is LeadBasis.NAMED
    assert task.cooperating == ("自然资源部", "统计局")
    assert task.responsible == ("水利部", "自然资源部", "统计局")


def test_guiding_then_responsible() -> None:
    (task,) = tasks("一、任务\n1.推进试点。开展评估。（商务部指导，试点城市政府负责）")
    assert task.guiding == ("商务部",)
    assert task.responsible == ("商务部", "试点城市政府")
    assert task.lead == () and task.cooperating == ()


@pytest.mark.parametrize(
    ("content", "responsible"),
    [
        ("交通运输部、财政部按职责分工负责", ("交通运输部", "财政部")),
        ("交通运输部、财政部按职责分工分别负责", ("交通运输部", "财政部")),
        # read() takes normalised text: full-width ， is already ,
        ("交通运输部,各省级人民政府按职责分工负责", ("交通运输部", "各省级人民政府")),
        ("试点城市政府负责落实", ("试点城市政府",)),
        ("水利部等有关部门负责", ("水利部", "等有关部门")),
        ("水利部、应急部等有关部门和单位负责", ("水利部", "应急部", "等有关部门和单位")),
        ("各有关部门和单位按职责分工负责", ("各有关部门和单位",)),
        ("由市发展改革委负责", ("市发展改革委",)),
        ("市发展改革委会同市财政局负责", ("市发展改革委", "市财政局")),
    ],
)
def test_tails_that_are_not_units(content: str, responsible: tuple[str, ...]) -> None:
    found = read(content)
    assert found is not None
    assert found.responsible == responsible


def test_a_bare_deng_closes_the_list_and_is_reported() -> None:
    text = "一、任务\n1.拓展渠道。推进对接。（商务部、邮政局等和各有关省级人民政府负责）"
    (task,) = tasks(text)
    assert task.responsible == ("商务部", "邮政局", "各有关省级人民政府")
    assert "open-list" in kinds(text)


@pytest.mark.parametrize(
    "content",
    ["含技工院校", "PPP", "超过100人的企业达到15%", "按规定负责", "以下简称市局", "2025年"],
)
def test_asides_in_brackets_are_not_annotations(content: str) -> None:
    assert read(content) is None


# -- several annotations in one paragraph ----------------------------------------------------


def test_each_annotation_closes_its_segment() -> None:
    text = (
        "二、主要任务\n（一）推进绿色发展，完善制度体系。甲事项要推进。（农业农村部指导）"
        "乙事项要落实，按期完成。（商务部指导）\n丙事项继续做。（水利部、财政部指导）\n"
        "（二）加强风险防控。丁事项要做好。（应急部指导）\n三、保障措施\n（一）加强领导。各地要重视。"
    )
    doc = parse_text(text).document
    assert [(t.number, t.title, t.guiding, t.heading) for t in doc.tasks] == [
        (1, "甲事项要推进", ("农业农村部",), 1),
        (2, "乙事项要落实，按期完成", ("商务部",), 1),
        (3, "丙事项继续做", ("水利部", "财政部"), 1),
        (4, "丁事项要做好", ("应急部",), 2),
    ]
    assert [(h.number, h.title) for h in doc.headings] == [
        (1, "推进绿色发展，完善制度体系"),
        (2, "加强风险防控"),
    ]
    assert [s.title for s in doc.sections] == ["加强领导"]
    for task in doc.tasks:
        assert task.text in text and task.annotation is not None
        assert task.text.endswith(task.annotation)


def test_an_aside_in_mid_sentence_closes_no_segment() -> None:
    text = (
        "一、任务\n1.建立制度。建立台账制度（由市司法局负责），并定期通报。〔责任单位:市财政局〕\n"
        "2.乙项。推进。〔责任单位:市教育局〕"
    )
    doc = parse_text(text).document
    assert [(t.number, t.responsible) for t in doc.tasks] == [
        (1, ("市司法局", "市财政局")),
        (2, ("市教育局",)),
    ]
    assert doc.headings == ()
    assert doc.tasks[0].annotation == "〔责任单位:市财政局〕"
    assert "several-annotations" in kinds(text)


def test_annotations_at_the_sub_item_level() -> None:
    text = (
        "一、重点项目\n1.实施如下重点项目：\n（1）建设数据平台。（工业和信息化部负责）\n"
        "（2）推广电子证照。（公安部负责）\n2.完善配套政策。（财政部负责）"
    )
    doc = parse_text(text).document
    assert [(t.title, t.responsible) for t in doc.tasks] == [
        ("建设数据平台", ("工业和信息化部",)),
        ("推广电子证照", ("公安部",)),
        ("完善配套政策", ("财政部",)),
    ]
    # the item that introduces the list is a heading, not a task
    assert doc.headings[0].title == "实施如下重点项目"
    assert [t.heading for t in doc.tasks[:2]] == [doc.headings[0].number] * 2


def test_unnumbered_paragraphs_with_annotations_are_tasks() -> None:
    text = "一、主要任务\n推进甲工作，完善机制。（国家发展改革委负责）\n推进乙工作。（科技部负责）"
    doc = parse_text(text).document
    assert [(t.number, t.title, t.responsible) for t in doc.tasks] == [
        (1, "推进甲工作，完善机制", ("国家发展改革委",)),
        (2, "推进乙工作", ("科技部",)),
    ]


def test_annotated_headings_are_tasks_beside_unannotated_numbered_items() -> None:
    text = (
        "一、总体要求\n1.指导思想。坚持稳中求进。\n2.工作目标。基本建成体系。\n"
        "二、主要任务\n（一）加强监管。落实责任。（市场监管总局负责）\n"
        "（二）优化服务。简化流程。（国务院办公厅负责）"
    )
    doc = parse_text(text).document
    assert [(t.number, t.title) for t in doc.tasks] == [(1, "加强监管"), (2, "优化服务")]
    assert [(s.label, s.title) for s in doc.sections] == [("1.", "指导思想"), ("2.", "工作目标")]


def test_unannotated_numbered_items_are_sections() -> None:
    text = (
        "一、总体要求\n（一）指导思想。坚持稳中求进。\n（二）基本原则。坚持问题导向。\n"
        "二、主要任务\n（一）加强监管。落实责任。（市场监管总局负责）\n"
        "（二）优化服务。简化流程。（国务院办公厅负责）"
    )
    doc = parse_text(text).document
    assert [t.title for t in doc.tasks] == ["加强监管", "优化服务"]
    assert [(s.label, s.title, s.part) for s in doc.sections] == [
        ("(一)", "指导思想", 1),
        ("(二)", "基本原则", 1),
    ]


def test_paragraphs_after_the_last_annotation_are_a_section() -> None:
    text = (
        "一、任务\n（一）加强监管。落实责任。（市场监管总局负责）\n"
        "各地要及时报送情况。有关部门要加强指导。\n国务院\n2025年3月1日\n（此件公开发布）"
    )
    doc = parse_text(text).document
    assert doc.tasks[0].text == "加强监管。落实责任。（市场监管总局负责）"
    assert "各地要及时报送情况" in doc.sections[-1].text
    assert doc.metadata.disclosure == "公开发布"
    assert doc.metadata.issuer == "国务院"


def test_titles_are_kept_as_written() -> None:
    text = "一、任务\n1．推进“互联网＋”（政务服务）改革。落实改革。（国务院办公厅负责）"
    (task,) = tasks(text)
    assert task.title == "推进“互联网＋”（政务服务）改革"


# -- rules the document states about its annotations ------------------------------------------


@pytest.mark.parametrize(
    "rule",
    [
        "。列第一位者为牵头单位，下同",
        "，排在第一位的部门为牵头部门，下同",
        "。排在第一位的为牵头单位",
        "。排名第一的单位为牵头单位",
        "，牵头单位列第一位",
    ],
)
def test_lead_rule_holds_from_where_it_is_stated(rule: str) -> None:
    text = (
        "一、任务\n（一）甲项。推进。（外交部、商务部负责）\n"
        f"（二）乙项。推进。（公安部、司法部负责{rule}）\n"
        "（三）丙项。推进。（民政部负责）\n"
        "（四）丁项。推进。（各有关部门和单位，各省级人民政府按职责分工负责）\n"
        "（五）戊项。推进。（生态环境部牵头，水利部参与）"
    )
    one, two, three, four, five = tasks(text)
    assert (one.lead, one.lead_from) == ((), None)  # stated later: not for this task
    assert (two.lead, two.lead_from) == (("公安部",), LeadBasis.RULE)
    assert "公安部" in two.responsible and len(two.responsible) == 2  # the rule is no unit
    assert (three.lead, three.lead_from) == (("民政部",), LeadBasis.RULE)
    assert four.lead == ()  # a catch-all listed first is never a lead
    assert (five.lead, five.lead_from) == (("生态环境部",), LeadBasis.NAMED)


def test_rule_in_the_preamble_holds_for_every_task() -> None:
    text = (
        "各单位：\n第一责任单位为牵头单位。\n一、任务\n"
        "1.甲项。推进。〔责任单位:市司法局、市财政局〕"
    )
    (task,) = tasks(text)
    assert (task.lead, task.lead_from) == (("市司法局",), LeadBasis.RULE)


def test_implied_unit_for_every_later_task() -> None:
    text = (
        "一、任务\n（一）甲项。推进。（生态环境部牵头，统计局参与）\n"
        "（二）乙项。推进。（生态环境部指导，试点城市政府负责落实。以下均需试点城市政府落实，不再列出）\n"
        "（三）丙项。推进。（住房城乡建设部指导）"
    )
    one, two, three = tasks(text)
    assert "试点城市政府" not in one.responsible
    assert two.responsible == ("生态环境部", "试点城市政府") and two.implied == ()
    assert three.responsible == ("住房城乡建设部", "试点城市政府")
    assert three.implied == ("试点城市政府",)
    assert three.guiding == ("住房城乡建设部",)
    assert "implied-unit" in kinds(text)


# -- separate lines after a task ---------------------------------------------------------------


def test_key_lines_with_a_deadline_line() -> None:
    text = (
        "一、任务\n1.推进数据共享。建立共享目录。\n牵头单位：市数据局\n责任单位：各区、县级市政府\n"
        "配合单位：市财政局\n完成时限：2025年6月底前\n2.乙项。推进。（市司法局负责）"
    )
    one, two = tasks(text)
    assert one.responsible == ("市数据局", "各区、县级市政府", "市财政局")
    assert (one.lead, one.cooperating) == (("市数据局",), ("市财政局",))
    assert "完成时限：2025年6月底前" in one.text
    assert two.responsible == ("市司法局",)


# -- group names and 和 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("各区、县级市", ("各区、县级市",)),
        ("各有关区、县级市政府、市教育局", ("各有关区、县级市政府", "市教育局")),
        ("各省、自治区、直辖市人民政府", ("各省、自治区、直辖市人民政府",)),
        ("人力资源和社会保障部、财政部", ("人力资源和社会保障部", "财政部")),
        ("中央和国家机关工委、国管局", ("中央和国家机关工委", "国管局")),
        ("工业和信息化部、文化和旅游部", ("工业和信息化部", "文化和旅游部")),
        ("国家卫生健康委和各省级人民政府", ("国家卫生健康委", "各省级人民政府")),
        ("全国妇联等和各省级人民政府", ("全国妇联", "各省级人民政府")),
    ],
)
def test_group_names_and_conjunctions_by_form(written: str, expected: tuple[str, ...]) -> None:
    assert split_units(written) == expected


def test_registry_decides_a_name_with_he() -> None:
    # by form, 市委 and 市政府督查室 are two complete names; the registry knows the one unit
    assert split_units("市委和市政府督查室") == ("市委", "市政府督查室")
    reg = registry([department("duchashi", "市委和市政府督查室")])
    assert split_units("市委和市政府督查室", reg) == ("市委和市政府督查室",)


# -- deadlines and targets of other documents -------------------------------------------------


def provisions(body: str) -> tuple[fm.Provision, ...]:
    (task,) = tasks(f"一、任务\n1.甲项。{body}（民政部负责）")
    return task.provisions


def test_deadline_from_issue_of_the_opinion() -> None:
    (deadline,) = [
        p
        for p in provisions("各省级人民政府要在本意见印发之日起30日内制定办法。")
        if p.kind == "deadline"
    ]
    assert isinstance(deadline, fm.Deadline)
    assert (deadline.amount, deadline.counting, deadline.trigger_label) == (
        30,
        fm.Counting.DAYS,
        "本意见印发",
    )


@pytest.mark.parametrize(
    "body",
    [
        "2026年6月底前，研究建立指标体系。",
        "2026年上半年，试点城市印发方案。",
        "将补贴范围扩展至16—24岁失业青年。",
        "2026年1月1日至2027年12月31日，给予生活费补贴。",
        "招用人数达到职工总数25%的，可申请贷款。",
    ],
)
def test_dates_ranges_periods_and_conditions_are_never_mistyped(body: str) -> None:
    found = provisions(body)
    assert all(p.kind == "duty" for p in found)
    result = parse_text(f"一、任务\n1.甲项。{body}（民政部负责）")
    assert result.report.unclassified  # listed for the reviewer


def test_target_by_year() -> None:
    (target,) = [
        p for p in provisions("到2027年，秸秆综合利用率达到86%以上。") if p.kind == "target"
    ]
    assert isinstance(target, fm.Target)
    assert (target.metric, target.value, target.by_year) == ("秸秆综合利用率", 86.0, 2027)
