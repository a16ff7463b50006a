"""Supervision status (督办状态): items, the progress ledger, the judged states, on dated scenarios
with the official calendar (the bundled 2024 and 2025 State Council notices)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_model as fm
from fazhi_model.compliance.items import Event, item_id, items, read_events
from fazhi_model.compliance.progress import ProgressEntry, Reported, reported_value
from fazhi_model.compliance.records import Record
from fazhi_model.compliance.status import (
    STATE_RULES,
    ItemStatus,
    State,
    StatusReport,
    expected_share,
    status,
)
from fazhi_model.dates.china import china_calendar
from fazhi_model.errors import InputError, LoadError
from fazhi_model.wording import STATE_LABELS

D = dt.date
JANUARY = D(2025, 1, 31)


def one(report: StatusReport, provision: str, nominal: dt.date | None = None) -> ItemStatus:
    """The single row of ``provision`` (and nominal date) in a one-unit report."""
    rows = [
        r
        for r in report
        if r.item.provision == provision and (nominal is None or r.item.nominal == nominal)
    ]
    assert len(rows) == 1, [r.item.id for r in rows]
    return rows[0]


def january(doc: fm.Document, today: dt.date, **kw: object) -> ItemStatus:
    report = status(doc, 2025, today, unit="市司法局", **kw)  # type: ignore[arg-type]
    return one(report, "t08.p03", JANUARY)


# -- task 8's 1月底 report, 2025: nominal 01-31 inside the Spring Festival, practical 01-27 ----


def test_january_report_dates_follow_the_official_calendar(doc: fm.Document) -> None:
    row = january(doc, D(2025, 1, 2))
    assert row.item.nominal == JANUARY
    assert row.item.practical == D(2025, 1, 27)
    assert row.item.due == JANUARY
    assert row.item.id == "t08.p03/gz-justice/2025-01-31"


def test_january_report_is_not_due_four_working_days_before(doc: fm.Document) -> None:
    # after 2025-01-22: 01-23, 01-24, 01-26 (a swapped Sunday workday), 01-27 → 4 working days
    row = january(doc, D(2025, 1, 22))
    assert row.state is State.NOT_DUE
    assert row.workdays_left == 4


@pytest.mark.parametrize(
    ("today", "left"),
    [(D(2025, 1, 23), 3), (D(2025, 1, 24), 2), (D(2025, 1, 26), 1), (D(2025, 1, 27), 0)],
)
def test_january_report_is_due_soon_within_three_working_days(
    doc: fm.Document, today: dt.date, left: int
) -> None:
    row = january(doc, today)
    assert row.state is State.DUE_SOON
    assert row.workdays_left == left
    assert "2025-01-31" in row.explanation and "2025-01-27" in row.explanation


def test_january_report_in_the_holiday_before_the_due_date_is_still_due_soon(
    doc: fm.Document,
) -> None:
    row = january(doc, D(2025, 1, 30))
    assert row.state is State.DUE_SOON
    assert row.workdays_left == 0
    assert "已过" in row.explanation  # the practical date has passed


def test_january_report_is_overdue_on_february_5_if_not_reported(doc: fm.Document) -> None:
    row = january(doc, D(2025, 2, 5))
    assert row.state is State.OVERDUE
    assert row.workdays_overdue == 1  # 02-05 is the first working day after the holiday
    assert row.days_overdue == 5
    assert "逾期" in row.explanation and "2025-01-31" in row.explanation


def test_roll_forward_moves_the_due_date_to_after_the_holiday(doc: fm.Document) -> None:
    row = january(doc, D(2025, 2, 5), roll_forward=True)
    assert row.item.due == D(2025, 2, 5)
    assert row.state is State.DUE_SOON


def test_a_report_in_progress_does_not_hide_an_overdue_item(doc: fm.Document) -> None:
    entry = ProgressEntry(
        item="t08.p03/gz-justice/2025-01-31", status=Reported.IN_PROGRESS, date=D(2025, 1, 20)
    )
    row = january(doc, D(2025, 2, 5), progress=[entry])
    assert row.state is State.OVERDUE
    assert row.reported is Reported.IN_PROGRESS
    assert "推进中" in row.explanation


def test_done_on_time_and_done_late(doc: fm.Document) -> None:
    on_time = ProgressEntry(
        item="t08.p03",
        unit="市司法局",
        occurrence="2025-01-31",
        status=Reported.DONE,
        date=D(2025, 1, 27),
    )
    late = attrs.evolve(on_time, date=D(2025, 2, 6))
    assert january(doc, D(2025, 3, 1), progress=[on_time]).state is State.DONE
    row = january(doc, D(2025, 3, 1), progress=[late])
    assert row.state is State.DONE_LATE
    assert row.state.label == "已完成(逾期)"
    assert row.conflict is not None
    assert "2025-02-06" in row.explanation


def test_a_completion_reported_after_the_review_day_is_not_counted(doc: fm.Document) -> None:
    entry = ProgressEntry(
        item="t08.p03/gz-justice/2025-01-31", status=Reported.DONE, date=D(2025, 1, 27)
    )
    report = status(doc, 2025, D(2025, 1, 24), unit="市司法局", progress=[entry])
    assert one(report, "t08.p03", JANUARY).state is State.DUE_SOON
    assert any("晚于" in n for n in report.notes)


def test_the_latest_entry_holds_and_a_same_day_disagreement_is_an_error(
    doc: fm.Document,
) -> None:
    key = "t08.p03/gz-justice/2025-01-31"
    first = ProgressEntry(item=key, status=Reported.IN_PROGRESS, date=D(2025, 1, 10))
    then = ProgressEntry(item=key, status=Reported.DONE, date=D(2025, 1, 20))
    assert january(doc, D(2025, 2, 5), progress=[then, first]).state is State.DONE
    clash = ProgressEntry(item=key, status=Reported.NOT_STARTED, date=D(2025, 1, 20))
    with pytest.raises(LoadError, match=r"progress\[1\]\.status"):
        january(doc, D(2025, 2, 5), progress=[then, clash])


def test_a_provision_id_with_several_items_needs_the_occurrence(doc: fm.Document) -> None:
    entry = ProgressEntry(item="t08.p03", unit="市司法局", status=Reported.DONE, date=D(2025, 1, 9))
    with pytest.raises(LoadError) as caught:
        january(doc, D(2025, 2, 5), progress=[entry])
    text = str(caught.value)
    assert "progress[0].occurrence" in text
    assert "t08.p03/gz-justice/2025-01-31" in text and "t08.p03/gz-justice/2025-07-31" in text


def test_unknown_items_and_units_are_located_errors(doc: fm.Document) -> None:
    entries = [
        ProgressEntry(item="t99.p01", unit="市司法局", status=Reported.DONE, date=D(2025, 1, 9)),
        ProgressEntry(item="t08.p03", unit="火星局", status=Reported.DONE, date=D(2025, 1, 9)),
    ]
    with pytest.raises(LoadError) as caught:
        status(doc, 2025, D(2025, 2, 5), progress=entries)
    paths = [p.path for p in caught.value.problems]
    assert paths == ["progress[0].item", "progress[1].unit"]


# -- a 规范性文件 published 2024-09-27: 15 days across National Day ---------------------------


def test_filing_deadline_across_national_day(doc: fm.Document) -> None:
    event = Event(
        kind="行政规范性文件公布",
        unit="市司法局",
        date=D(2024, 9, 27),
        reference="测试规〔2024〕1号",
    )
    before = status(doc, 2024, D(2024, 10, 12), events=[event], unit="市司法局")
    row = one(before, "t08.p02")
    # 15 calendar days from 09-27 end on Saturday 10-12, a swapped working day in 2024
    assert row.item.due == D(2024, 10, 12)
    assert row.item.id == "t08.p02/gz-justice/2024-09-27/测试规〔2024〕1号"
    assert row.state is State.DUE_SOON
    after = one(status(doc, 2024, D(2024, 10, 13), events=[event], unit="市司法局"), "t08.p02")
    assert after.state is State.OVERDUE
    assert after.days_overdue == 1


def test_events_read_from_a_gbk_csv_with_chinese_headers(doc: fm.Document, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes(
        "事件类型,单位,日期,文号\n行政规范性文件公布,市司法局,2024/9/27,A1\n".encode("gbk")
    )
    assert read_events(path) == [
        Event(kind="行政规范性文件公布", unit="市司法局", date=D(2024, 9, 27), reference="A1")
    ]
    found = items(doc, 2024, events=path, unit="市司法局")
    assert [i.due for i in found if i.kind == "deadline"] == [D(2024, 10, 12)]


def test_bad_events_are_reported_with_their_row(doc: fm.Document, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "kind,unit,date\n"
        "行政规范性文件公布,市司法局,2024-09-27\n"
        "行政规范性文件公布,市司法局,2024-09-27\n"
        "公布,市司法局,2024-09-27\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as caught:
        items(doc, 2024, events=path)
    paths = [p.path for p in caught.value.problems]
    assert paths == ["row 3.reference", "row 4.kind"]


def test_an_event_of_a_unit_that_bears_no_such_deadline_is_an_error(doc: fm.Document) -> None:
    # a Party body (市委编办) is no 行政机关: it bears no filing deadline of a 规范性文件
    party = next((u for u in doc.registry.units if u.kind is fm.UnitKind.PARTY), None)
    if party is None:
        pytest.skip("the bundled registry has no Party body")
    event = Event(kind="normative-document-published", unit=party.id, date=D(2025, 3, 3))
    with pytest.raises(LoadError, match=r"events\[0\]\.unit"):
        items(doc, 2025, events=[event])


# -- annual quotas against their expected pace -------------------------------------------------


def test_expected_share_on_july_first() -> None:
    assert expected_share(D(2025, 7, 1), 2025) == pytest.approx(182 / 365)
    cal = china_calendar()
    worked = cal.count_workdays(D(2024, 12, 31), D(2025, 7, 1))
    total = cal.count_workdays(D(2024, 12, 31), D(2025, 12, 31))
    assert expected_share(D(2025, 7, 1), 2025, "workdays") == pytest.approx(worked / total)
    assert expected_share(D(2024, 6, 1), 2025) == 0.0
    assert expected_share(D(2026, 1, 1), 2025) == 1.0


def _training(hours: float) -> list[Record]:
    """行政执法培训 (t03.p09, 60 学时 per person a year) of one person of 市司法局."""
    return [Record("市司法局", "行政执法培训", D(2025, 3, 3), hours, "张三")]


@pytest.mark.parametrize("pace", ["calendar", "workdays"])
def test_half_a_quota_on_july_first_is_on_pace_a_quarter_is_behind(
    doc: fm.Document, pace: str
) -> None:
    def row(hours: float) -> ItemStatus:
        report = status(
            doc,
            2025,
            D(2025, 7, 1),
            unit="市司法局",
            records=_training(hours),
            pace=pace,  # type: ignore[arg-type]
        )
        return one(report, "t03.p09")

    half, quarter = row(30), row(15)
    assert half.state is State.NOT_DUE
    assert quarter.state is State.BEHIND
    assert quarter.pace is not None and quarter.pace.actual == 15
    assert "张三" in quarter.explanation
    assert row(60).state is State.DONE


def test_counts_are_expected_in_whole_occurrences(doc: fm.Document) -> None:
    # 集体学法 (t03.p03): 2 a year. One is expected once half the year has fully passed.
    def state(today: dt.date, held: int) -> State:
        records = [Record("市司法局", "集体学法", D(2025, 1, 6), 1)] * held
        report = status(doc, 2025, today, unit="市司法局", records=records)
        return one(report, "t03.p03").state

    assert state(D(2025, 7, 1), 0) is State.NOT_DUE  # 2 × 182/365 < 1
    assert state(D(2025, 7, 3), 0) is State.BEHIND  # 2 × 184/365 ≥ 1
    assert state(D(2025, 7, 3), 1) is State.NOT_DUE
    assert state(D(2025, 7, 3), 2) is State.DONE


def test_records_after_the_review_day_do_not_count(doc: fm.Document) -> None:
    records = [Record("市司法局", "集体学法", D(2025, 9, 1), 2)]
    before = status(doc, 2025, D(2025, 7, 3), unit="市司法局", records=records)
    assert one(before, "t03.p03").state is State.BEHIND
    assert any("1 条活动记录" in n for n in before.notes)
    after = status(doc, 2025, D(2025, 9, 1), unit="市司法局", records=records)
    assert one(after, "t03.p03").state is State.DONE


def test_a_quota_reported_done_with_short_records_is_not_done(doc: fm.Document) -> None:
    entry = ProgressEntry(item="t03.p09/gz-justice/2025", status=Reported.DONE, date=D(2025, 6, 30))
    report = status(
        doc, 2025, D(2025, 7, 1), unit="市司法局", records=_training(15), progress=[entry]
    )
    row = one(report, "t03.p09")
    assert row.state is State.BEHIND
    assert row.conflict is not None and "15/60" in row.conflict


def test_an_unmet_quota_is_overdue_after_the_year(doc: fm.Document) -> None:
    report = status(doc, 2025, D(2026, 1, 5), unit="市司法局", records=_training(59))
    row = one(report, "t03.p09")
    assert row.state is State.OVERDUE
    assert row.workdays_overdue == cal_count(D(2025, 12, 31), D(2026, 1, 5))


def cal_count(a: dt.date, b: dt.date) -> int:
    return china_calendar().count_workdays(a, b)


# -- the report --------------------------------------------------------------------------------


def test_rows_are_worst_first_and_filters_work(doc: fm.Document) -> None:
    report = status(doc, 2025, D(2025, 7, 25))
    ranks = [r.state.rank for r in report]
    assert ranks == sorted(ranks)
    overdue = report.filter(state="逾期")
    assert overdue.rows and all(r.state is State.OVERDUE for r in overdue)
    both = report.filter(state=["overdue", State.NOT_DUE], unit="市司法局")
    assert both.rows
    assert all(r.item.unit_id == "gz-justice" for r in both)
    assert {r.state for r in both} <= {State.OVERDUE, State.NOT_DUE}
    with pytest.raises(InputError):
        report.filter(state="红色")


def test_item_ids_are_unique_and_stable(doc: fm.Document) -> None:
    events = [
        Event(kind="normative-document-published", unit="市司法局", date=D(2025, 3, 3)),
        Event(
            kind="normative-document-published", unit="市司法局", date=D(2025, 3, 3), reference="B"
        ),
    ]
    first = items(doc, 2025, events=events)
    again = items(doc, 2025, events=list(reversed(events)))
    ids = [i.id for i in first]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(i.id for i in again)
    for i in first:
        assert i.id == item_id(i.provision, i.unit_id, i.occurrence)


def test_term_quotas_are_listed_as_undated(doc: fm.Document) -> None:
    found = items(doc, 2025)
    term = [u for u in found.undated if u.provision == "t03.p08"]
    assert term and "任期" in term[0].reason
    assert not any(i.provision == "t03.p08" for i in found)


def test_dataframe_json_rows_and_html(doc: fm.Document) -> None:
    report = status(doc, 2025, D(2025, 7, 25), unit="市司法局")
    frame = report.to_dataframe()
    assert len(frame) == len(report)
    assert set(frame["state"]) <= {s.value for s in State}
    html = report._repr_html_()
    assert State.OVERDUE.colour in html
    assert "逾期" in html
    assert report.summary["items"] == len(report)


def test_every_state_has_a_label_and_a_rule() -> None:
    assert set(STATE_LABELS) == {s.value for s in State} == set(STATE_RULES)


def test_reported_values_in_chinese_or_english() -> None:
    assert reported_value("已销号") is Reported.CLOSED
    assert reported_value("in_progress") is Reported.IN_PROGRESS
    with pytest.raises(ValueError, match="已完成"):
        reported_value("完成了")


def test_bad_arguments(doc: fm.Document) -> None:
    with pytest.raises(InputError):
        status(doc, 2025, D(2025, 7, 1), warn_workdays=-1)
    with pytest.raises(InputError):
        status(doc, 2025, D(2025, 7, 1), pace="weeks")  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(
    today=st.dates(D(2025, 1, 1), D(2025, 12, 31)), done=st.dates(D(2025, 1, 1), D(2025, 12, 31))
)
def test_property_done_iff_reported_by_due_date(
    doc: fm.Document, today: dt.date, done: dt.date
) -> None:
    entry = ProgressEntry(item="t08.p03/gz-justice/2025-07-31", status=Reported.DONE, date=done)
    report = status(doc, 2025, today, unit="市司法局", progress=[entry])
    row = one(report, "t08.p03", D(2025, 7, 31))
    if done > today:
        assert row.state not in (State.DONE, State.DONE_LATE)
    elif done <= D(2025, 7, 31):
        assert row.state is State.DONE
    else:
        assert row.state is State.DONE_LATE
    if row.state is State.OVERDUE:
        assert today > row.item.due
