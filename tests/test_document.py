"""The bundled document reads like its source: the rules the data must keep."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import fazhi_model as fm
from fazhi_model.model.summary import summary
from fazhi_model.store._bundled import data_dir

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_1349b81a7629904c.txt"


def test_source_text_is_the_seed_less_the_web_page_line(source_text: str) -> None:
    if not SEED.is_file():
        pytest.skip("the shared seed is not beside this checkout")
    seed = SEED.read_text(encoding="utf-8")
    assert seed.endswith("\n相关文章")
    assert source_text == seed[: -len("相关文章")]


def test_metadata(doc: fm.Document) -> None:
    meta = doc.metadata
    assert meta.issuer == "赣州市人民政府"
    assert meta.issued == dt.date(2024, 9, 29)
    assert meta.adopted_at == "市政府第六十次常务会议"
    assert meta.disclosure == "主动公开"
    assert [r.number for r in meta.implements] == ["赣府发〔2024〕10号"]
    assert doc.review is fm.Review.REVIEWED


def test_structure_three_parts_seven_headings_eighteen_tasks(doc: fm.Document) -> None:
    assert [p.title for p in doc.parts] == ["总体要求", "工作任务", "组织保障"]
    assert len(doc.headings) == 7
    assert [t.number for t in doc.tasks] == list(range(1, 19))
    assert [s.label for s in doc.sections] == ["一是", "二是", "三是"]


def test_every_task_title_and_annotation_come_from_the_text(
    doc: fm.Document, source_text: str
) -> None:
    for task in doc.tasks:
        assert f"{task.number}.{task.title}。" in source_text
        assert task.annotation is not None
        assert task.text.endswith(task.annotation)
        assert source_text.count(task.text) == 1


def test_responsible_units_are_the_annotation_split_in_order(doc: fm.Document) -> None:
    for task in doc.tasks:
        assert task.annotation is not None
        body = task.annotation[len("〔责任单位:") : -1]
        # Split on , 、 and 及 outside brackets: the rule the data was written by.
        parts, depth, current = [], 0, ""
        for ch in body:
            depth += (ch in "(〔" and 1) or (-1 if ch in ")〕" else 0)
            if depth == 0 and ch in ",、及":
                parts.append(current)
                current = ""
            else:
                current += ch
        parts.append(current)
        assert list(task.responsible) == parts, task.number


def test_task_1_and_16_responsible(doc: fm.Document) -> None:
    assert doc.task(1).responsible == ("各县(市、区)政府", "市司法局", "其他市政府部门")
    assert doc.task(16).responsible[-1] == "市属〔驻市〕各高校"


def test_every_quote_is_verbatim_in_the_source(doc: fm.Document, source_text: str) -> None:
    count = 0
    for task, provision in doc.provisions():
        assert provision.source in source_text, provision.id
        if task is not None:
            assert provision.source in task.text, provision.id
        count += 1
    assert count >= 90


def test_ids_are_stable_and_follow_the_document_order(doc: fm.Document) -> None:
    for task in doc.tasks:
        expected = [f"t{task.number:02d}.p{i:02d}" for i in range(1, len(task.provisions) + 1)]
        assert [p.id for p in task.provisions] == expected
    ids = [p.id for _, p in doc.provisions()]
    assert len(ids) == len(set(ids))


def test_no_obligation_sentence_of_a_task_goes_unmodelled(doc: fm.Document) -> None:
    for task in doc.tasks:
        assert task.annotation is not None
        body = task.text[: -len(task.annotation)]
        sentences = [s for s in re.split("[。;]", body) if s][1:]  # the first is the title
        quotes = "".join(p.source for p in task.provisions)
        for sentence in sentences:
            chars = {c for c in sentence if c not in ",、“”"}
            assert chars <= set(quotes), (task.number, sentence)


def quota(doc: fm.Document, task: int, activity: str) -> fm.Quota:
    found = [p for p in doc.task(task).provisions if isinstance(p, fm.Quota)]
    matches = [q for q in found if q.activity == activity]
    assert len(matches) == 1, (activity, [q.activity for q in found])
    return matches[0]


def test_task_3_has_six_quotas(doc: fm.Document) -> None:
    quotas = [p for p in doc.task(3).provisions if isinstance(p, fm.Quota)]
    assert len(quotas) == 6  # 每年应组织新提任领导干部考试 gives no number: a duty (t03.p06)
    study = quota(doc, 3, "集体学法")
    assert (study.bearer, study.minimum, study.measure, study.period) == (
        "政府各部门",
        2,
        fm.Measure.TIMES,
        fm.Period.YEAR,
    )
    hours = quota(doc, 3, "行政执法培训")
    assert (hours.minimum, hours.measure, hours.per) == (60, fm.Measure.HOURS, fm.Per.PERSON)
    term = quota(doc, 3, "法治培训")
    assert (term.minimum, term.period, term.per) == (1, fm.Period.TERM, fm.Per.PERSON)


def test_task_12_has_four_quotas_one_of_them_two_case_reviews(doc: fm.Document) -> None:
    quotas = [p for p in doc.task(12).provisions if isinstance(p, fm.Quota)]
    assert len(quotas) == 4
    assert sorted(q.minimum or 0 for q in quotas) == [1, 1, 1, 2]
    assert quota(doc, 12, "行政执法案卷评查").bearer == "市县司法行政部门"


def test_deadlines_of_tasks_5_and_8(doc: fm.Document) -> None:
    (d5,) = [p for p in doc.task(5).provisions if isinstance(p, fm.Deadline)]
    (d8,) = [p for p in doc.task(8).provisions if isinstance(p, fm.Deadline)]
    assert (d5.amount, d5.counting) == (5, fm.Counting.WORKDAYS)
    assert (d8.amount, d8.counting) == (15, fm.Counting.DAYS)
    assert "5个工作日内" in d5.source and "15日内" in d8.source


def test_recurring_due_dates_of_task_8(doc: fm.Document) -> None:
    (rec,) = [p for p in doc.task(8).provisions if isinstance(p, fm.RecurringDueDate)]
    assert [(d.month, d.day) for d in rec.dates] == [(1, None), (7, None)]
    assert [d.covers for d in rec.dates] == ["上一年度发文目录", "当年上半年发文目录"]


def test_targets(doc: fm.Document) -> None:
    (t10,) = [p for p in doc.task(10).provisions if isinstance(p, fm.Target)]
    assert (t10.value, t10.measure, t10.by_year) == (100, "%", 2025)
    directions = {
        p.metric: p.direction for p in doc.task(13).provisions if isinstance(p, fm.Target)
    }
    assert directions["行政复议后起诉率"] is fm.Direction.LOWER
    assert list(directions.values()).count(fm.Direction.RAISE) == 2
    (t14,) = [p for p in doc.task(14).provisions if isinstance(p, fm.Target)]
    assert (t14.value, t14.by_year) == (100, None)


def test_staffing_of_task_16(doc: fm.Document) -> None:
    (staff,) = [p for p in doc.task(16).provisions if isinstance(p, fm.Staffing)]
    assert [(lv.body, lv.minimum) for lv in staff.levels] == [
        ("村(社区)", 1),
        ("乡镇(街道)", 2),
        ("行业性专业性人民调解委员会", 3),
    ]
    assert (staff.by_year, staff.modality) == (2025, fm.Modality.STRIVE)


def test_workflow_of_task_5_runs_from_consultation_to_filing(doc: fm.Document) -> None:
    (flow,) = [p for p in doc.task(5).provisions if isinstance(p, fm.Workflow)]
    steps = {s.id: s for s in flow.steps}
    assert steps["review"].after == ("consult",)
    assert steps["approve"].after == ("review",)
    assert (steps["file"].provision, steps["publish"].provision) == ("t05.p06", "t05.p07")
    assert steps["publish"].condition == "除涉密事项外"
    _, deadline = doc.provision("t05.p06")
    assert isinstance(deadline, fm.Deadline)
    assert (deadline.amount, deadline.counting) == (5, fm.Counting.WORKDAYS)


def test_safeguard_provisions_have_no_task(doc: fm.Document) -> None:
    outside = [p for task, p in doc.provisions() if task is None]
    assert outside and all(p.id.startswith("s") for p in outside)


def test_bundled_data_is_found(doc: fm.Document) -> None:
    assert (data_dir() / "documents" / "ganzhou-2024.yaml").is_file()
    assert doc.source_text is not None and doc.units is not None


# -- issue 9: readings of bearers, numbers, one obligation once, the document's own words -----


def test_a_quota_takes_its_number_from_the_text(doc: fm.Document) -> None:
    """No invented number: every bound of a quota is written in its source sentence."""
    for _, p in doc.provisions():
        if isinstance(p, fm.Quota):
            for bound in (p.minimum, p.maximum):
                assert bound is None or str(bound) in p.source, p.id


def test_annual_obligations_without_a_number_are_duties(doc: fm.Document) -> None:
    for pid in ("t01.p02", "t03.p06", "t17.p02"):
        _, p = doc.provision(pid)
        assert isinstance(p, fm.Duty), pid
    _, exam = doc.provision("t03.p06")
    assert exam.note and "未达标" in exam.note  # nothing to do in a year without new cadres


def test_an_obligation_is_modelled_once(doc: fm.Document) -> None:
    """One obligation, one provision: a workflow step that repeats one points to it."""
    for _, flow in doc.provisions():
        if not isinstance(flow, fm.Workflow):
            continue
        pointed = {s.provision for s in flow.steps}
        for _, other in doc.provisions():
            if other.id != flow.id and other.source in flow.source:
                assert other.id in pointed, (flow.id, other.id)
    (flow,) = [p for p in doc.task(5).provisions if isinstance(p, fm.Workflow)]
    assert "5个工作日" not in flow.source and "公布" not in flow.source


def test_single_actor_acts_go_to_the_bearer_the_sentence_and_the_law_imply(
    doc: fm.Document, registry: fm.Registry
) -> None:
    def bearers(pid: str) -> set[str]:
        task, p = doc.provision(pid)
        responsible = task.responsible if task else ()
        return {u.short or u.name for u in registry.expand_bearer(p.bearer, responsible)}

    _, start = doc.provision("t02.p04")
    assert bearers("t02.p04") == {"市政府"} and start.certainty is fm.Certainty.READING
    for pid in ("t13.p01", "t13.p02", "t13.p03", "t13.p04", "t13.p05"):
        found = bearers(pid)
        assert "市公安局" not in found and "市市场监管局" not in found, pid
        assert "市司法局" in found and "章贡区人民政府" in found, pid
    assert bearers("t16.p04") & {"市公安局", "市教育局", "市财政局"} == set()
    _, warn = doc.provision("t14.p03")
    assert warn.certainty is fm.Certainty.UNCERTAIN and warn.note and "存疑" in warn.note
    for _, p in doc.provisions():
        if p.certainty is not fm.Certainty.CERTAIN:
            assert p.note, p.id  # a reading or a doubt always says why


def test_summaries_keep_to_the_document_words(doc: fm.Document) -> None:
    for _, p in doc.provisions():
        text = summary(p)
        for year in re.findall(r"到(\d{4})年", text):
            assert f"到{year}年" in p.source, p.id  # no 到 the text does not write
        assert "达到" not in text or "达到" in p.source, p.id
    _, rate = doc.provision("t10.p03")
    assert summary(rate) == "2025年高频处罚事项裁量权细化率达100%"
    _, staff = doc.provision("t16.p04")
    text = summary(staff)
    assert "行业性专业性人民调解委员会分别配备1名、2名、3名以上专职人民调解员" in text
