"""The parser on snippets: every annotation style, numbering variants, traditional text,
unknown units and every measurable phrase. The snippets in ``fixtures/parse`` are written for
these tests (not copied from any document)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import fazhi_model as fm
from fazhi_model.model.units import RESPONSIBLE
from fazhi_model.parse.annotation import split_units
from fazhi_model.parse.norm import normalize, number
from fazhi_model.parse.reader import PLACEHOLDER, PLACEHOLDER_DATE, ParseResult, parse_text
from fazhi_model.store.load import load_registry

FIXTURES = Path(__file__).parent / "fixtures" / "parse"
HAS_OPENCC = importlib.util.find_spec("opencc") is not None


@pytest.fixture(scope="module")
def reg() -> fm.Registry:
    return load_registry("ganzhou")


def parse(name: str, registry: fm.Registry | None = None) -> ParseResult:
    return parse_text((FIXTURES / name).read_text(encoding="utf-8"), registry)


def kinds(result: ParseResult) -> set[str]:
    return {i.kind for i in result.report.issues}


# -- annotation styles ------------------------------------------------------------------------


def test_brackets_nested_either_way(reg: fm.Registry) -> None:
    result = parse("bracket_nested.txt", reg)
    one, two, three = result.document.tasks
    # full-width brackets and punctuation, (市、区) inside 〔〕
    assert one.responsible == ("各县(市、区)政府", "市司法局", "其他市政府部门")
    assert one.annotation == "〔责任单位：各县（市、区）政府，市司法局及其他市政府部门〕"
    # 〔驻市〕 inside 〔〕; 和 inside a name is not a separator
    assert two.responsible == ("市司法局", "市人力资源和社会保障局", "市属〔驻市〕各高校")
    # 〔区〕 inside (): kept whole, unknown to the registry, listed
    assert three.responsible == ("各县〔区〕政府", "市司法局")
    assert result.report.unresolved == ("各县〔区〕政府",)
    assert all(not t.lead and not t.cooperating for t in result.document.tasks)


def test_lead_and_cooperating_keys(reg: fm.Registry) -> None:
    one, two = parse("lead_keys.txt", reg).document.tasks
    assert one.responsible == ("市司法局", "各县(市、区)政府", "市财政局")
    assert one.lead == ("市司法局",)
    assert one.cooperating == ()
    assert two.responsible == ("市教育局", "市司法局", "市人力资源和社会保障局")
    assert two.lead == ("市教育局",)
    assert two.cooperating == ("市司法局", "市人力资源和社会保障局")
    assert two.annotation == "（牵头单位：市教育局，配合单位：市司法局、市人力资源和社会保障局）"


def test_lead_and_cooperating_tails(reg: fm.Registry) -> None:
    one, two = parse("lead_tail.txt", reg).document.tasks
    assert one.responsible == ("市司法局", "市财政局", "市发展改革委")
    assert (one.lead, one.cooperating) == (("市司法局",), ("市财政局", "市发展改革委"))
    assert two.responsible == ("市司法局", "各县(市、区)政府")
    assert (two.lead, two.cooperating) == (("市司法局",), ())
    assert [t.title for t in (one, two)] == ["建设复议场所", "协同化解争议"]


def test_separate_annotation_lines(reg: fm.Registry) -> None:
    result = parse("separate_lines.txt", reg)
    one, two = result.document.tasks
    assert one.responsible == ("市司法局", "市财政局", "市文广旅局", "市教育局")
    assert one.lead == ("市司法局",)
    assert one.cooperating == ("市教育局",)
    assert one.annotation is not None and one.annotation.count("\n") == 2
    assert [p.source for p in one.provisions] == ["完善普法责任清单制度"]
    assert two.responsible == ("市司法局",)
    assert "unannotated-task" not in kinds(result)


def test_stated_rule_first_unit_leads(reg: fm.Registry) -> None:
    result = parse("first_leads.txt", reg)
    assert [t.lead for t in result.document.tasks] == [("市司法局",), ("市市场监管局",)]
    assert [i.text for i in result.report.of("lead-rule")] == ["第一责任单位为牵头单位"]


def test_no_rule_no_lead(reg: fm.Registry) -> None:
    text = "一、任务\n1.甲任务。推进工作。〔责任单位:市司法局、市政府办公室〕"
    task = parse_text(text, reg).document.tasks[0]
    assert task.lead == ()


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("各区、县级市政府,市科技和信息化局", ("各区、县级市政府", "市科技和信息化局")),
        (
            # 等部门 after a unit is a catch-all of its own, kept as written
            "市监察局等部门,市司法局及其他市政府部门",
            ("市监察局", "等部门", "市司法局", "其他市政府部门"),
        ),
        ("市属、驻市有关单位", ("市属、驻市有关单位",)),
        ("各县(市、区)政府、市司法局以及市财政局", ("各县(市、区)政府", "市司法局", "市财政局")),
        ("市场监管及知识产权局", ("市场监管及知识产权局",)),
        ("市司法局;市教育局", ("市司法局", "市教育局")),
    ],
)
def test_unit_lists_split_only_between_units(written: str, expected: tuple[str, ...]) -> None:
    assert split_units(written) == expected


def test_registry_protects_a_name(reg: fm.Registry) -> None:
    # "各县(市、区)" is a registry alias: complete on its own, not merged with what follows
    assert split_units("各县(市、区)、市司法局", reg) == ("各县(市、区)", "市司法局")


def test_unknown_units_kept_and_reported(reg: fm.Registry) -> None:
    result = parse("unknown_units.txt", reg)
    one, two, three = result.document.tasks
    assert one.responsible == ("各区、县级市政府", "市科技和信息化局", "市司法局")
    assert two.responsible == ("市监察局", "等部门", "市司法局", "其他市政府部门")
    assert three.responsible == ()
    # a catch-all is not in the registry either: listed for the reviewer
    assert result.report.unresolved == (
        "各区、县级市政府",
        "市科技和信息化局",
        "市监察局",
        "等部门",
    )
    assert result.report.unannotated == ("task 3",)
    problems = fm.validate(result.document)
    assert any("expected at least one responsible unit" in p.message for p in problems)


def test_without_registry_nothing_is_checked() -> None:
    result = parse("unknown_units.txt")
    assert result.report.unresolved == ()
    assert "no-registry" in kinds(result)
    assert result.document.tasks[0].responsible[0] == "各区、县级市政府"


# -- numbering, punctuation and characters ---------------------------------------------------


@pytest.mark.parametrize("part", ["一、", "一.", "一．"])
@pytest.mark.parametrize("heading", ["(一)", "（一）"])
@pytest.mark.parametrize("task", ["3.", "3．", "3、", "３．", "３、", "  3. "])
def test_numbering_variants(part: str, heading: str, task: str) -> None:
    text = (
        f"{part}工作任务\n{heading}坚持依法行政\n"
        f"{task}提升依法行政能力。推进工作。〔责任单位:市司法局〕"
    )
    doc = parse_text(text).document
    assert [(p.number, p.title) for p in doc.parts] == [(1, "工作任务")]
    assert [(h.number, h.title, h.part) for h in doc.headings] == [(1, "坚持依法行政", 1)]
    assert [(t.number, t.title, t.heading) for t in doc.tasks] == [(3, "提升依法行政能力", 1)]
    assert doc.tasks[0].text in text
    assert doc.tasks[0].text.startswith("提升") or doc.tasks[0].text.startswith("提升".strip())


def test_decimal_or_year_is_not_a_task() -> None:
    text = "一、任务\n1.甲任务。推进工作。〔责任单位:市司法局〕\n2025年底前完成。\n1.5倍以上。"
    doc = parse_text(text).document
    assert [t.number for t in doc.tasks] == [1]
    # the annotation closes the task: the paragraphs after it are a section, not dropped
    assert "2025年底前完成" not in doc.tasks[0].text
    assert any("2025年底前完成" in s.text and "1.5倍以上" in s.text for s in doc.sections)


def test_headings_are_tasks_where_no_numbered_items() -> None:
    text = (
        "一、重点任务\n（一）强化党委领导。各级政府要主动报告。（责任单位：市司法局）\n"
        "（二）规范执法行为。落实制度。（责任单位：市财政局）\n二、保障措施\n一是加强领导。各地要重视。"
    )
    doc = parse_text(text).document
    assert [(t.number, t.title, t.responsible) for t in doc.tasks] == [
        (1, "强化党委领导", ("市司法局",)),
        (2, "规范执法行为", ("市财政局",)),
    ]
    assert doc.headings == ()
    assert [(s.label, s.title, s.part) for s in doc.sections] == [("一是", "加强领导", 2)]


def test_numbered_items_without_annotations_are_sections_beside_tasks() -> None:
    text = (
        "一、总体要求\n1.指导思想。坚持依法行政。\n2.工作目标。各地要基本建成法治政府。\n"
        "二、工作任务\n1.甲任务。推进工作。〔责任单位:市司法局〕\n2.乙任务。落实。〔责任单位:市财政局〕"
    )
    result = parse_text(text)
    doc = result.document
    assert [(t.number, t.title) for t in doc.tasks] == [(1, "甲任务"), (2, "乙任务")]
    assert [(s.label, s.title, s.part) for s in doc.sections] == [
        ("1.", "指导思想", 1),
        ("2.", "工作目标", 1),
    ]
    assert "duplicate-task-number" not in kinds(result)
    # no subject and no task annotation to fall back on: a placeholder bearer, listed
    assert doc.sections[0].provisions[0].bearer == PLACEHOLDER
    assert doc.sections[1].provisions[0].bearer == "各地"
    assert [i.where for i in result.report.of("unknown-bearer")] == ["section 1."]


def test_sub_items_stay_in_their_task() -> None:
    text = (
        "一、任务\n1.完善制度。\n(1)建立台账。\n②定期通报。\n〔责任单位:市司法局〕\n"
        "2.乙任务。推进。〔责任单位:市财政局〕"
    )
    doc = parse_text(text).document
    assert [t.number for t in doc.tasks] == [1, 2]
    one = doc.tasks[0]
    assert one.title == "完善制度"
    assert [p.source for p in one.provisions] == ["建立台账", "定期通报"]
    assert one.responsible == ("市司法局",)


@pytest.mark.skipif(not HAS_OPENCC, reason="opencc not installed (extra: fazhi_model[opencc])")
def test_traditional_text_is_converted_and_quoted_verbatim(reg: fm.Registry) -> None:
    raw = (FIXTURES / "traditional.txt").read_text(encoding="utf-8")
    result = parse_text(raw, reg)
    doc = result.document
    assert doc.metadata.title == "关于进一步推进法治政府建设的实施意见"
    assert [(t.title, t.responsible) for t in doc.tasks] == [
        ("提升依法行政能力", ("各县(市、区)政府", "市司法局", "其他市政府部门")),
        ("强化权责清单管理", ("市委编办", "市司法局")),
    ]
    quotas = [p for p in doc.tasks[0].provisions if isinstance(p, fm.Quota)]
    assert [(q.bearer, q.minimum) for q in quotas] == [("各级政府", 1), ("政府各部门", 2)]
    assert quotas[0].source == "各級政府常務會議每年學法不少於1次"
    deadline = doc.tasks[1].provisions[0]
    assert isinstance(deadline, fm.Deadline) and deadline.amount == 5
    assert deadline.source in raw
    assert "traditional-text" in kinds(result)
    assert result.report.unresolved == ()


def test_traditional_text_without_opencc_is_reported(
    monkeypatch: pytest.MonkeyPatch, reg: fm.Registry
) -> None:
    monkeypatch.setitem(sys.modules, "opencc", None)  # import opencc now fails
    result = parse("traditional.txt", reg)
    issue = result.report.of("traditional-text")
    assert len(issue) == 1 and "fazhi_model[opencc]" in issue[0].message
    assert result.document.tasks[0].title == "提升依法行政能力"  # the same in both scripts
    # the annotations are still found, but their names stay traditional: listed, not guessed
    assert result.document.tasks[1].responsible == ("市委編辦", "市司法局")
    assert result.report.unresolved == ("各縣(市、區)政府", "其他市政府部門", "市委編辦")


def test_normalised_positions_quote_the_original() -> None:
    norm = normalize("１．提升能力（一）：甲，乙")
    assert norm.text == "1.提升能力(一):甲,乙"
    start = norm.text.index("(一)")
    assert norm.quote(start, start + 3) == "（一）"


@given(st.text(max_size=60))
def test_normalised_text_maps_back_onto_the_original(text: str) -> None:
    norm = normalize(text)
    assert len(norm.origin) == len(norm.text)
    assert list(norm.origin) == sorted(norm.origin)
    if norm.text:
        assert norm.quote(0, len(norm.text)) == text[norm.origin[0] : norm.origin[-1] + 1]


@pytest.mark.parametrize(
    ("written", "value"),
    [("15", 15), ("十五", 15), ("二十", 20), ("二〇二四", 2024), ("一百二十", 120), ("两", 2)],
)
def test_numbers(written: str, value: int) -> None:
    assert number(written) == value


def test_not_a_number() -> None:
    assert number("十五日") is None
    assert number("") is None


# -- measurable phrases -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def measures(reg: fm.Registry) -> ParseResult:
    return parse("measures.txt", reg)


def test_deadlines(measures: ParseResult) -> None:
    doc = measures.document
    days = doc.task(1).provisions[0]
    assert isinstance(days, fm.Deadline)
    assert (days.amount, days.counting, days.trigger_label, days.action) == (
        15,
        fm.Counting.DAYS,
        "行政规范性文件公布",
        "向备案审查机关报送备案",
    )
    assert days.bearer == "各级行政机关"
    work = doc.task(2).provisions[0]
    assert isinstance(work, fm.Deadline)
    assert (work.amount, work.counting, work.trigger_label) == (7, fm.Counting.WORKDAYS, "收到申请")


def test_month_deadline_without_a_trigger_is_reported(measures: ParseResult) -> None:
    deadline = measures.document.task(2).provisions[1]
    assert isinstance(deadline, fm.Deadline)
    assert (deadline.amount, deadline.counting) == (3, fm.Counting.MONTHS)
    assert deadline.source == "行政机关应在3个月内完成清理"
    assert [i.text for i in measures.report.of("missing-trigger")] == [deadline.source]


def test_recurring_with_day(measures: ParseResult) -> None:
    due = measures.document.task(1).provisions[1]
    assert isinstance(due, fm.RecurringDueDate)
    assert due.dates == (fm.AnnualDate(3, 31),)
    assert due.bearer == "各级行政机关"  # carried from the clause before (承前)


def test_targets(measures: ParseResult) -> None:
    first, second = measures.document.task(3).provisions
    assert isinstance(first, fm.Target) and isinstance(second, fm.Target)
    assert (first.metric, first.value, first.by_year, first.modality) == (
        "合法性审查覆盖率",
        95.0,
        2026,
        fm.Modality.STRIVE,
    )
    assert first.source == "力争到2026年底,合法性审查覆盖率提高到95%"
    assert (second.metric, second.value, second.by_year) == ("备案审查纠错率", 100.0, None)


def test_quota_maximum_and_term(measures: ParseResult) -> None:
    upper, term = measures.document.task(4).provisions
    assert isinstance(upper, fm.Quota) and isinstance(term, fm.Quota)
    assert (upper.maximum, upper.minimum, upper.period) == (2, None, fm.Period.YEAR)
    assert upper.bearer == "市县行政执法部门"
    assert (term.minimum, term.period, term.per, term.bearer) == (
        1,
        fm.Period.TERM,
        fm.Per.PERSON,
        "主要负责人",
    )


def test_staffing(measures: ParseResult) -> None:
    (staffing,) = measures.document.task(5).provisions
    assert isinstance(staffing, fm.Staffing)
    assert staffing.by_year == 2025
    assert staffing.role == "专职法制审核人员"
    assert staffing.levels == (
        fm.StaffingLevel("县(市、区)", 3),
        fm.StaffingLevel("乡镇(街道)", 1),
    )


def test_other_sentences_are_duties_with_modality(measures: ParseResult) -> None:
    dated, encouraged = measures.document.task(6).provisions
    assert isinstance(dated, fm.Duty) and isinstance(encouraged, fm.Duty)
    assert encouraged.modality is fm.Modality.ENCOURAGE
    assert dated.bearer == RESPONSIBLE
    assert measures.report.unclassified == ("2025年6月30日前完成专项清理",)


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("各地要加强培训", fm.Modality.MUST),
        ("力争率先突破", fm.Modality.STRIVE),
        ("鼓励律师参与", fm.Modality.ENCOURAGE),
        ("适时开展评估", fm.Modality.DISCRETIONARY),
    ],
)
def test_duty_modality(sentence: str, modality: fm.Modality) -> None:
    text = f"一、任务\n1.甲任务。{sentence}。〔责任单位:市司法局〕"
    (duty,) = parse_text(text).document.tasks[0].provisions
    assert isinstance(duty, fm.Duty) and duty.modality is modality


def test_metadata_found_in_the_text(reg: fm.Registry) -> None:
    meta = parse("bracket_nested.txt", reg).document.metadata
    assert (meta.title, meta.issuer, meta.issued) == (
        "关于加强行政执法监督工作的实施方案",
        "某市人民政府",
        __import__("datetime").date(2025, 3, 1),
    )
    assert meta.disclosure == "主动公开"


def test_metadata_placeholders_are_listed() -> None:
    result = parse_text("一、任务\n1.甲任务。推进。〔责任单位:市司法局〕")
    meta = result.document.metadata
    assert (meta.title, meta.issuer, meta.issued) == (PLACEHOLDER, PLACEHOLDER, PLACEHOLDER_DATE)
    assert [i.where for i in result.report.of("placeholder")] == [
        "metadata.title",
        "metadata.issuer",
        "metadata.issued",
    ]


def test_empty_text() -> None:
    result = parse_text("")
    assert result.document.tasks == ()
    assert result.report.counts["tasks"] == 0
    assert result.report.of("placeholder")
