"""Due dates of a year (schedule), their iCalendar file (ics) and ``fazhi schedule``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import chinese_calendar
import icalendar
import pytest

import fazhi_model as fm
from builders import department, group, make_document, registry
from fazhi_model.cli import main
from fazhi_model.dates.china import china_calendar
from fazhi_model.dates.schedule import DueDate, Schedule, bearer_units, schedule
from fazhi_model.errors import (
    CalendarCoverageError,
    FazhiError,
    InputError,
    UnknownReferenceError,
)
from fazhi_model.export.ics import to_ics
from fazhi_model.model.units import RESPONSIBLE

D = dt.date


@pytest.fixture(scope="module")
def small() -> fm.Document:
    """A two-task document with every dated provision kind, over three departments."""
    units = registry(
        [
            department("justice", "测试市司法局", "市司法局"),
            department("finance", "测试市财政局", "市财政局"),
            department("education", "测试市教育局", "市教育局"),
        ],
        groups=(
            group("others", "其他市政府部门", fm.Rule.DEPARTMENTS, catch_all=True, complete=False),
        ),
    )
    recurring = fm.RecurringDueDate(
        id="t1.p1",
        source="于每年1月底前和7月底前提交上一年度和当年上半年发文目录",
        bearer="市司法局",
        action="提交发文目录",
        dates=(fm.AnnualDate(1, covers="上一年度发文目录"), fm.AnnualDate(7, covers="当年上半年")),
    )
    workdays = fm.Deadline(
        id="t1.p2",
        source="5个工作日内报备",
        bearer="市财政局",
        trigger="list-adjusted",
        trigger_label="权责清单调整",
        amount=5,
        counting=fm.Counting.WORKDAYS,
        action="报备",
    )
    days = fm.Deadline(
        id="t1.p3",
        source="公布之日起15日内报送备案",
        bearer="市财政局",
        trigger="published",
        trigger_label="公布",
        amount=15,
        counting=fm.Counting.DAYS,
        action="报送备案",
    )
    months = fm.Deadline(
        id="t1.p4",
        source="启动之日起1个月内完成清理",
        bearer="市财政局",
        trigger="cleanup-started",
        trigger_label="清理启动",
        amount=1,
        counting=fm.Counting.MONTHS,
        action="完成清理",
    )
    target = fm.Target(
        id="t2.p1",
        source="2025年细化率达100%",
        bearer=RESPONSIBLE,
        metric="细化率",
        value=100,
        measure="%",
        by_year=2025,
    )
    staffing = fm.Staffing(
        id="t2.p2",
        source="到2026年配备",
        bearer="市司法局",
        role="调解员",
        levels=(fm.StaffingLevel("村", 1),),
        by_year=2026,
    )
    always = fm.Target(
        id="t2.p3", source="出庭应诉率100%", bearer="市司法局", metric="出庭率", value=100
    )
    tasks = (
        fm.Task(
            number=1,
            title="一",
            text="…",
            responsible=("市司法局", "市财政局"),
            provisions=(recurring, workdays, days, months),
        ),
        fm.Task(
            number=2,
            title="二",
            text="…",
            responsible=("市司法局", "其他市政府部门"),
            provisions=(target, staffing, always),
        ),
    )
    return make_document(tasks, units=units, issued=D(2024, 9, 29))


def _only(dates: Schedule, provision: str, nominal: dt.date) -> DueDate:
    found = [d for d in dates if d.provision == provision and d.nominal == nominal]
    assert len(found) == 1, found
    return found[0]


def test_month_ends_2025_counted_inclusive(small: fm.Document) -> None:
    dates = schedule(small, 2025)
    jan = _only(dates, "t1.p1", D(2025, 1, 31))
    jul = _only(dates, "t1.p1", D(2025, 7, 31))
    # 1月底 is 31 January, that day included; in 2025 it falls in the Spring Festival holiday
    # (28 January to 4 February), so the safe day to act is Monday 27 January.
    assert not chinese_calendar.is_workday(D(2025, 1, 31))
    assert jan.due == D(2025, 1, 31)
    assert jan.practical == D(2025, 1, 27)
    assert chinese_calendar.is_workday(jan.practical)
    assert all(not chinese_calendar.is_workday(D(2025, 1, d)) for d in range(28, 32))
    # 7月底 2025 is a Thursday and a working day: all three dates coincide.
    assert jul.nominal == jul.practical == jul.due == D(2025, 7, 31)
    assert jul.nominal.weekday() == 3
    assert jan.covers == "上一年度发文目录" and jul.covers == "当年上半年"
    assert jan.unit is not None and jan.unit.id == "justice"


def test_fixed_date_on_a_rest_day_rolls_forward_only_when_asked(small: fm.Document) -> None:
    cal = china_calendar()
    assert D(2026, 1, 31).weekday() == 5 and not cal.is_workday(D(2026, 1, 31))
    plain = _only(schedule(small, 2026), "t1.p1", D(2026, 1, 31))
    assert (plain.practical, plain.due) == (D(2026, 1, 30), D(2026, 1, 31))
    assert "未顺延" in plain.basis
    rolled = _only(schedule(small, 2026, roll_forward=True), "t1.p1", D(2026, 1, 31))
    assert (rolled.practical, rolled.due) == (D(2026, 1, 30), D(2026, 2, 2))
    assert cal.is_workday(rolled.due) and not cal.is_workday(D(2026, 2, 1))
    assert "2026-02-02" in rolled.basis and "第二百零三条" in rolled.basis


def test_workday_deadline_from_an_event(small: fm.Document) -> None:
    dates = schedule(small, 2024, events={"list-adjusted": [D(2024, 9, 27)]})
    (due,) = [d for d in dates if d.provision == "t1.p2"]
    # 9-29 (a swapped working Sunday), 9-30, then 10-8, 10-9, 10-10 after the National Day.
    assert due.due == due.nominal == due.practical == D(2024, 10, 10)
    assert due.event == D(2024, 9, 27)
    assert due.unit is not None and due.unit.id == "finance"
    assert "权责清单调整" in due.basis and "2024-10-10" in due.basis


def test_calendar_day_deadline_rolls_over_the_holiday(small: fm.Document) -> None:
    dates = schedule(small, 2025, events={"published": [D(2025, 9, 16)]})
    (due,) = [d for d in dates if d.provision == "t1.p3"]
    # 15 days from 16 September end on 1 October, inside the National Day holiday (1-8
    # October 2025): 民法典 第二百零三条 moves the last day to 9 October.
    assert due.nominal == D(2025, 10, 1)
    assert due.due == D(2025, 10, 9)
    assert due.practical == D(2025, 9, 30)
    assert chinese_calendar.is_workday(due.due) and not chinese_calendar.is_workday(D(2025, 10, 8))


def test_month_deadline_ends_on_the_corresponding_day_then_rolls_over_the_holiday(
    small: fm.Document,
) -> None:
    dates = schedule(small, 2025, events={"cleanup-started": [D(2024, 12, 31)]})
    (due,) = [d for d in dates if d.provision == "t1.p4"]
    # 民法典 第二百零二条: one month from 31 December ends on 31 January; that day falls in
    # the 2025 Spring Festival holiday (28 January to 4 February), so 第二百零三条 moves it
    # to 5 February.
    assert due.nominal == D(2025, 1, 31)
    assert due.due == D(2025, 2, 5)
    assert due.practical == D(2025, 1, 27)


def test_events_in_two_years_and_several_dates(small: fm.Document) -> None:
    events = {"list-adjusted": [D(2025, 3, 3), D(2025, 6, 3)]}
    dates = [d for d in schedule(small, 2025, events=events) if d.provision == "t1.p2"]
    assert [d.event for d in dates] == [D(2025, 3, 3), D(2025, 6, 3)]
    assert len({d.uid for d in dates}) == 2


def test_targets_and_staffing_fall_due_on_31_december(small: fm.Document) -> None:
    in_2025 = schedule(small, 2025)
    targets = [d for d in in_2025 if d.provision == "t2.p1"]
    # 责任单位 of task 2: 市司法局 and the catch-all, which excludes 市司法局.
    assert [d.unit.id for d in targets if d.unit] == ["justice", "finance", "education"]
    assert {d.due for d in targets} == {D(2025, 12, 31)}
    assert not any(d.provision in ("t2.p2", "t2.p3") for d in in_2025)
    staffing = [d for d in schedule(small, 2026) if d.provision == "t2.p2"]
    assert [(d.nominal, d.due) for d in staffing] == [(D(2026, 12, 31), D(2026, 12, 31))]


def test_sorted_by_due_date(small: fm.Document) -> None:
    events = {"published": [D(2025, 9, 16)], "list-adjusted": [D(2025, 3, 3)]}
    dates = schedule(small, 2025, events=events)
    assert [d.due for d in dates] == sorted(d.due for d in dates)
    assert isinstance(dates, tuple) and len(dates) == 2 + 1 + 1 + 3


def test_unit_filter_by_short_form_full_name_or_group(small: fm.Document) -> None:
    by_short = schedule(small, 2025, unit="市教育局")
    by_name = schedule(small, 2025, unit="测试市教育局")
    assert by_short == by_name
    assert {d.provision for d in by_short} == {"t2.p1"}
    group = schedule(small, 2025, unit="其他市政府部门")
    assert {d.unit.id for d in group if d.unit} == {"justice", "finance", "education"}
    with pytest.raises(UnknownReferenceError, match="市卫健委"):
        schedule(small, 2025, unit="市卫健委")


def test_bad_event_or_year_is_an_error(small: fm.Document) -> None:
    with pytest.raises(FazhiError, match=r"'publish'.*list-adjusted, published"):
        schedule(small, 2025, events={"publish": [D(2025, 1, 2)]})
    with pytest.raises(CalendarCoverageError, match="2031"):
        schedule(small, 2031)


def test_bearer_units_of_a_catch_all_exclude_the_units_beside_it(small: fm.Document) -> None:
    task = small.task(2)
    target = task.provisions[0]
    units = bearer_units(small.registry, task, target)
    assert [u.id for u in units] == ["justice", "finance", "education"]
    # The catch-all written alone, beside 市司法局, leaves 市司法局 out.
    other = fm.Duty(id="x", source="…", bearer="其他市政府部门", action="…")
    assert [u.id for u in bearer_units(small.registry, task, other)] == ["finance", "education"]


def test_rows_are_json_with_iso_dates(small: fm.Document) -> None:
    dates = schedule(small, 2025)
    rows = json.loads(json.dumps(dates.to_rows(), ensure_ascii=False))
    first = rows[0]
    assert first["due"] == "2025-01-31" and first["practical"] == "2025-01-27"
    assert first["unit"] == "测试市司法局" and first["unit_id"] == "justice"
    assert first["action"] == "1月底前提交发文目录(上一年度发文目录)"
    html = dates._repr_html_()
    assert html.count("<tr>") == len(dates) + 1 and "测试市司法局" in html


def test_bundled_document_submissions_for_every_administrative_organ(doc: fm.Document) -> None:
    dates = schedule(doc, 2025)
    submissions = [d for d in dates if d.provision == "t08.p03"]
    organs = doc.registry.expand("各级行政机关")
    assert len(organs) > 20
    assert len(submissions) == 2 * len(organs)
    assert {d.nominal for d in submissions} == {D(2025, 1, 31), D(2025, 7, 31)}
    justice = schedule(doc, 2025, unit="市司法局")
    assert {d.provision for d in justice} >= {"t08.p03"}
    assert all(d.unit is not None and d.unit.name == "赣州市司法局" for d in justice)


# -- iCalendar --------------------------------------------------------------------------------

STAMP = dt.datetime(2025, 1, 1, 8, 0, tzinfo=dt.UTC)


def test_ics_round_trip(small: fm.Document) -> None:
    dates = schedule(small, 2026, events={"published": [D(2026, 3, 2)]})
    data = to_ics(dates, name="测试日历", stamp=STAMP)
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["X-WR-CALNAME"]) == "测试日历"
    assert "fazhi_model" in str(cal["PRODID"])
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(dates)
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(dates)
    for due in dates:
        event = by_uid[due.uid]
        start = event.decoded("DTSTART")
        assert start == due.practical and not isinstance(start, dt.datetime)
        assert event.decoded("DTEND") == due.practical + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP") == STAMP
        assert due.action in str(event["SUMMARY"])
        description = str(event["DESCRIPTION"])
        assert due.source in description and due.basis in description
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("TRIGGER") == -dt.timedelta(days=3)
        assert str(alarm["ACTION"]) == "DISPLAY"
    jan = by_uid["t1.p1-justice-20260131@fazhi-model"]
    assert jan.decoded("DTSTART") == D(2026, 1, 30)
    assert "【市司法局】" in str(jan["SUMMARY"])


def test_ics_is_plain_rfc5545_text(small: fm.Document) -> None:
    data = to_ics(schedule(small, 2025), stamp=STAMP)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)  # folded at 75 octets
    assert b"DTSTART;VALUE=DATE:20250127" in data
    data.decode("utf-8")  # UTF-8 throughout; raises if not
    assert to_ics(schedule(small, 2025), stamp=STAMP) == data  # reproducible


# -- fazhi schedule ---------------------------------------------------------------------------


def test_cli_schedule_json(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(
        [
            "schedule",
            "--year",
            "2025",
            "--unit",
            "市司法局",
            "--event",
            "normative-document-published=2025-03-03",
            "--json",
        ]
    )
    assert status == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["due"] for r in rows] == sorted(r["due"] for r in rows)
    filing = [r for r in rows if r["provision"] == "t08.p02"]
    assert [(r["event"], r["due"]) for r in filing] == [("2025-03-03", "2025-03-18")]
    assert {r["unit"] for r in rows} == {"赣州市司法局"}


def test_cli_schedule_roll_forward_and_ics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "due.ics"
    status = main(
        ["schedule", "--year", "2026", "--unit", "市司法局", "--roll-forward", "--ics", str(target)]
    )
    assert status == 0
    captured = capsys.readouterr()
    assert "2026-02-02" in captured.out and "[办理: 2026-01-30]" in captured.out
    assert f"to {target}" in captured.err
    events = list(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    assert D(2026, 1, 30) in {e.decoded("DTSTART") for e in events}


def test_cli_schedule_uncovered_year_fails_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", "--year", "2031"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "2031" in err


def test_cli_schedule_bad_event(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", "--year", "2025", "--event", "nothing=2025-01-02"]) == 1
    assert "'nothing'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["schedule", "--year", "2025", "--event", "normative-document-published=2025-02-30"])
    assert "real date" in capsys.readouterr().err


# -- user year files and estimates (--calendar, --estimate) -----------------------------------

FIXTURE_2027 = Path(__file__).parent / "fixtures" / "calendar" / "2027-test-fixture.yaml"
"""A fictional 2027 year file (test fixture, not a notice): 测试假日 2027-01-29 .. 02-01."""


def test_schedule_of_2027_with_a_user_year_file(doc: fm.Document) -> None:
    with pytest.raises(CalendarCoverageError, match="2027"):
        schedule(doc, 2027)
    dates = schedule(doc, 2027, unit="市司法局", calendar=china_calendar([FIXTURE_2027]))
    january = [d for d in dates if d.provision == "t08.p03" and d.nominal == D(2027, 1, 31)]
    assert len(january) == 1
    # the fixture's made-up holiday starts on Friday 01-29: the last working day is Thursday
    assert january[0].practical == D(2027, 1, 28)
    assert january[0].due == D(2027, 1, 31)
    assert not any(d.estimate for d in dates)
    assert january[0].to_row()["estimate"] is False


def test_schedule_of_2027_estimated(doc: fm.Document) -> None:
    guess = china_calendar(estimate=True)
    dates = schedule(doc, 2027, unit="市司法局", calendar=guess)
    assert dates and all(d.estimate for d in dates)
    january = next(d for d in dates if d.nominal == D(2027, 1, 31))
    assert january.practical == D(2027, 1, 29)  # Sunday 01-31 -> Friday, weekends only here
    assert january.to_row()["estimate"] is True
    rolled = schedule(doc, 2027, unit="市司法局", calendar=guess, roll_forward=True)
    assert next(d for d in rolled if d.nominal == D(2027, 1, 31)).due == D(2027, 2, 1)
    # a covered year through an estimating calendar is official and not flagged
    official = schedule(doc, 2025, unit="市司法局", calendar=guess)
    assert official and not any(d.estimate for d in official)
    assert [d.due for d in official] == [d.due for d in schedule(doc, 2025, unit="市司法局")]


@pytest.mark.parametrize("year", [0, 1948, 2101, 99999, True, "2025"])
def test_schedule_refuses_years_out_of_range(doc: fm.Document, year: object) -> None:
    with pytest.raises(InputError, match="expected a year"):
        schedule(doc, year, calendar=china_calendar(estimate=True))  # type: ignore[arg-type]


def test_cli_schedule_2027_with_calendar_file_and_estimate(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schedule", "--year", "2027", "--unit", "市司法局", "--json"]) == 1
    assert "2027" in capsys.readouterr().err
    args = ["schedule", "--year", "2027", "--unit", "市司法局", "--json"]
    assert main([*args, "--calendar", str(FIXTURE_2027)]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert captured.err == ""
    first = next(r for r in rows if r["nominal"] == "2027-01-31")
    assert (first["practical"], first["estimate"]) == ("2027-01-28", False)
    assert main([*args, "--estimate"]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert rows and all(r["estimate"] for r in rows)
    assert "ESTIMATE" in captured.err and "2027" in captured.err


def test_cli_duties_2027_with_calendar_file_and_estimate(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["duties", "市司法局", "--year", "2027"]) == 1
    err = capsys.readouterr().err
    assert "2027" in err and len(err.strip().splitlines()) == 1
    assert main(["duties", "市司法局", "--year", "2027", "--calendar", str(FIXTURE_2027)]) == 0
    captured = capsys.readouterr()
    assert "2027-01-31" in captured.out and captured.err == ""
    assert main(["duties", "市司法局", "--year", "2027", "--estimate", "--json"]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert any("2027-01-31" in json.dumps(r) for r in rows)
    assert "ESTIMATE" in captured.err
    status = main(
        ["duties", "市司法局", "--year", "2027", "--checklist", "--calendar", str(FIXTURE_2027)]
    )
    assert status == 0
    assert "2027-01-31" in capsys.readouterr().out


def test_cli_calendar_file_twice_or_for_a_covered_year_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    twice = ["--calendar", str(FIXTURE_2027), "--calendar", str(FIXTURE_2027)]
    assert main(["schedule", "--year", "2027", *twice]) == 1
    assert "2027" in capsys.readouterr().err
    covered = tmp_path / "2026.yaml"
    covered.write_text(
        FIXTURE_2027.read_text(encoding="utf-8")
        .replace("2027-02-20", "2026-02-21")  # a Saturday in 2026
        .replace("2027", "2026"),
        encoding="utf-8",
    )
    assert main(["schedule", "--year", "2026", "--calendar", str(covered)]) == 1
    err = capsys.readouterr().err
    assert "already covered" in err and str(covered) in err
