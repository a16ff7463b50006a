"""The parser's bounds: wrong types and oversized texts are refused, every line end is read,
and arbitrary or hostile text ends in a result or a library error, within a deadline set in
the hypothesis settings (time itself is measured in ``benchmarks/bench_parse.py``)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi_model.errors import FazhiError, InputError
from fazhi_model.parse import reader
from fazhi_model.parse.reader import parse_text

TEXT = (
    "一、任务\n（一）甲项。推进工作。（外交部、商务部负责。列第一位者为牵头单位，下同）\n"
    "（二）乙项。落实。（公安部负责）\n"
)


@pytest.mark.parametrize("value", [b"\xe4\xb8\x80", None, 3, ["一、任务"]])
def test_text_of_another_type_is_refused(value: object) -> None:
    with pytest.raises(InputError, match="expected the text as str"):
        parse_text(value)  # type: ignore[arg-type]


def test_registry_of_another_type_is_refused() -> None:
    with pytest.raises(InputError, match="expected a Registry"):
        parse_text(TEXT, "ganzhou")  # type: ignore[arg-type]


def test_text_above_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_TEXT", 50)
    with pytest.raises(InputError, match="at most 50"):
        parse_text("一" * 51)
    assert parse_text("一" * 50).document.tasks == ()


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r", "\u2028", "\u2029"])
def test_every_line_end_is_read(end: str) -> None:
    text = TEXT.replace("\n", end)
    doc = parse_text(text).document
    assert [(t.title, t.lead) for t in doc.tasks] == [
        ("甲项", ("外交部",)),
        ("乙项", ("公安部",)),
    ]
    assert all(t.text in text for t in doc.tasks)


def test_cr_only_text_is_not_read_as_one_line() -> None:
    text = "关于甲的实施意见\r某市人民政府\r2025年3月1日\r" + TEXT.replace("\n", "\r")
    doc = parse_text(text).document
    assert doc.metadata.issued == dt.date(2025, 3, 1)
    assert len(doc.tasks) == 2


PIECES = st.sampled_from(
    [
        "一、", "(一)", "（二）", "1.", "(1)", "\n", "\r", "。", ",", "，", "、", "(", ")", "（",
        "）", "〔", "〕", "【", "】", " | ", "序号 | 工作任务 | 牵头单位\n", "1 | 甲 | 财政部\n",
        "负责", "牵头", "参与", "指导", "配合", "等", "和", "等和", "等有关部门", "按职责分工",
        "列第一位者为牵头单位", "下同", "以下均需试点城市政府落实", "不再列出", "责任单位:",
        "牵头单位：", "完成时限：", "财政部", "各区", "县级市政府", "人力资源和社会保障部",
        "每个", "配备", "1名、", "0123456789", "之日起", "30日内", "到2020年", "达到", "95%",
        "率", "提高", "《", "》", "“", "”", "第一", "年", "月", "日", "前",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=2000)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_arbitrary_genre_text_gives_a_result(text: str) -> None:
    try:
        result = parse_text(text)
    except FazhiError:  # pragma: no cover - every input here is readable
        raise AssertionError("a readable text was refused") from None
    doc = result.document
    numbers = [t.number for t in doc.tasks]
    assert len(numbers) == len(set(numbers)) or result.report.of("duplicate-task-number")
    for task in doc.tasks:
        assert task.text in text
        assert set(task.lead) <= set(task.responsible)
        assert set(task.cooperating) <= set(task.responsible)
        assert set(task.guiding) <= set(task.responsible)
        assert set(task.implied) <= set(task.responsible)
        if task.annotation is not None:
            assert task.annotation in text
        for provision in task.provisions:
            assert provision.source in text


@settings(max_examples=40, deadline=3000)
@given(st.sampled_from(["0", "每个", "(", "《", "、", "和", "达到", "\n(一)", " | "]))
def test_long_runs_of_one_piece_stay_fast(piece: str) -> None:
    text = "一、任务\n1.甲任务。" + piece * (20_000 // len(piece))
    assert parse_text(text).document.tasks[0].number == 1
