"""The ``fazhi`` document commands and their JSON contracts."""

from __future__ import annotations

import json
from typing import Any

import pytest

import fazhi_model as fm
from fazhi_model.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    return status, capsys.readouterr().out


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    status, out = run(capsys, *argv, "--json")
    assert status == 0
    return json.loads(out)


def test_tasks_lists_the_eighteen_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "tasks")
    lines = out.splitlines()
    assert status == 0 and len(lines) == 18
    assert "强化党委统一领导" in lines[0] and "\\u" not in out


def test_tasks_json_contract(capsys: pytest.CaptureFixture[str], doc: fm.Document) -> None:
    rows = run_json(capsys, "tasks")
    assert [r["number"] for r in rows] == list(range(1, 19))
    assert rows[0]["responsible"] == ["各县(市、区)政府", "市司法局", "其他市政府部门"]
    assert all(isinstance(r["title"], str) for r in rows)
    assert [r["title"] for r in rows] == [t.title for t in doc.tasks]


def test_provisions_json_contract(capsys: pytest.CaptureFixture[str], doc: fm.Document) -> None:
    rows = run_json(capsys, "provisions")
    assert len(rows) == sum(1 for _ in doc.provisions())
    assert {"id", "task", "kind", "source"} <= set(rows[0])
    quotas = [r for r in rows if r["kind"] == "quota"]
    assert all(isinstance(r["activity"], str) for r in quotas)
    hours = next(r for r in quotas if r["activity"] == "行政执法培训")
    assert (hours["task"], hours["minimum"], hours["measure"], hours["per"]) == (
        3,
        60,
        "学时",
        "person",
    )
    deadline = next(r for r in rows if r["kind"] == "deadline" and r["task"] == 8)
    assert (deadline["amount"], deadline["counting"]) == (15, "days")
    assert any(r["task"] is None for r in rows)


def test_provisions_filter_by_task_and_kind(capsys: pytest.CaptureFixture[str]) -> None:
    rows = run_json(capsys, "provisions", "--task", "12", "--kind", "quota")
    assert len(rows) == 4 and {r["task"] for r in rows} == {12}


def test_units_expand_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    rows = run_json(capsys, "units", "--expand", "各县(市、区)政府")
    assert len(rows) == 18 and rows[0]["name"] == "章贡区人民政府"
    rows = run_json(capsys, "units", "--expand", "市发展改革委")
    assert [(r["name"], r["short"]) for r in rows] == [("赣州市发展和改革委员会", "市发展改革委")]


def test_show_one_task(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "show", "5")
    assert status == 0 and "5个工作日内" in out and "t05.p06" in out
    status = main(["show", "99"])
    err = capsys.readouterr().err
    assert status == 1 and "没有任务99" in err and "(no task 99" in err


def test_validate_the_bundled_document(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "validate")
    assert status == 0 and "0 个问题" in out


def test_unknown_unit_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", "--expand", "市不存在局"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "市不存在局" in err


def test_every_command_has_a_parser_and_help_lists_them_all(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from fazhi_model.cli import COMMANDS, build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    listed = capsys.readouterr().out
    for names in COMMANDS.values():
        for name in names:
            assert name in listed
            args = build_parser(name).parse_args([name, *_ARGS.get(name, [])])
            assert args.command == name and callable(args.func)


_ARGS = {
    "show": ["1"],
    "deadline": ["--from", "2025-01-02", "--days", "1"],
    "duties": ["市司法局"],
    "parse": ["x.txt"],
    "schedule": ["--year", "2025"],
    "check": ["r.csv", "--year", "2025"],
}


def test_a_quick_command_does_not_import_networkx() -> None:
    import subprocess
    import sys

    code = (
        "import sys, fazhi_model.cli as c; c.main(['tasks']); "
        "sys.stderr.write(str('networkx' in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip() == "False"


def test_top_level_names_are_the_functions_the_issues_name() -> None:
    import fazhi_model.compliance.check
    import fazhi_model.dates.schedule
    import fazhi_model.views.graph

    assert fm.schedule is fazhi_model.dates.schedule.schedule
    assert fm.check is fazhi_model.compliance.check.check
    assert fm.build_graph is fazhi_model.views.graph.build_graph
    assert callable(fm.china_calendar) and callable(fm.parse_text) and callable(fm.add_period)
    with pytest.raises(AttributeError):
        _ = fm.no_such_name
