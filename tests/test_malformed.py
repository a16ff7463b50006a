"""A corpus of malformed inputs: each gives the library's error, with a location, no traceback.

Each case mutates a copy of the bundled document (or writes raw bytes) and names the path (or
line) the error must point at and a phrase of what was expected.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import fazhi_model as fm
from fazhi_model.cli import main
from fazhi_model.store import _yaml

Data = dict[str, Any]


def task(data: Data, n: int) -> Data:
    found: Data = data["tasks"][n - 1]
    return found


def prov(data: Data, n: int, pid: str) -> Data:
    found: Data = next(p for p in task(data, n)["provisions"] if p["id"] == pid)
    return found


def set_(fn: Callable[[Data], object]) -> Callable[[Data], None]:
    def mutate(data: Data) -> None:
        fn(data)

    return mutate


def index_of(data: Data, n: int, pid: str) -> int:
    return [p["id"] for p in task(data, n)["provisions"]].index(pid)


# (name, mutation, expected path, phrase in the message)
CASES: list[tuple[str, Callable[[Data], object], str, str]] = [
    (
        "task number is text",
        lambda d: task(d, 1).update(number="one"),
        "tasks[0].number",
        "whole number",
    ),
    ("title is a number", lambda d: task(d, 2).update(title=5), "tasks[1].title", "expected text"),
    ("missing title", lambda d: task(d, 3).pop("title"), "tasks[2].title", "required"),
    ("missing metadata", lambda d: d.pop("metadata"), "metadata", "required"),
    ("unknown top-level key", lambda d: d.update(extra=1), "", "unknown key(s): extra"),
    (
        "unknown provision key",
        lambda d: prov(d, 3, "t03.p03").update(mininum=2),
        "tasks[2].provisions[2]",
        "unknown key(s): mininum",
    ),
    (
        "unknown responsible unit",
        lambda d: task(d, 4)["responsible"].append("市不存在局"),
        "tasks[3].responsible[3]",
        "unknown unit",
    ),
    (
        "unknown bearer",
        lambda d: prov(d, 3, "t03.p03").update(bearer="外星部门"),
        "tasks[2].provisions[2].bearer",
        "unknown unit",
    ),
    (
        "negative quota",
        lambda d: prov(d, 3, "t03.p03").update(minimum=-2),
        "tasks[2].provisions[2].minimum",
        "positive",
    ),
    (
        "zero deadline",
        lambda d: prov(d, 8, "t08.p02").update(amount=0),
        "tasks[7].provisions[1].amount",
        "positive",
    ),
    (
        "impossible date as text",
        lambda d: d["metadata"].update(issued="2025-02-30"),
        "metadata.issued",
        "real date",
    ),
    (
        "date with a time",
        lambda d: d["metadata"].update(issued="2025-02-03T10:00"),
        "metadata.issued",
        "date",
    ),
    (
        "duplicate provision ids",
        lambda d: prov(d, 3, "t03.p03").update(id="t03.p02"),
        "tasks[2].provisions[2].id",
        "duplicate provision id",
    ),
    (
        "duplicate task numbers",
        lambda d: task(d, 2).update(number=1),
        "tasks[1].number",
        "duplicate task number",
    ),
    (
        "cyclic workflow",
        lambda d: prov(d, 5, "t05.p05")["steps"][0].update(after=["file"]),
        "tasks[4].provisions[4].steps",
        "cycle",
    ),
    (
        "workflow after an unknown step",
        lambda d: prov(d, 5, "t05.p05")["steps"][1].update(after=["nowhere"]),
        "tasks[4].provisions[4].steps[1].after[0]",
        "unknown step",
    ),
    (
        "unknown provision kind",
        lambda d: prov(d, 3, "t03.p03").update(kind="quotaa"),
        "tasks[2].provisions[2]",
        "one of quota",
    ),
    (
        "unknown modality",
        lambda d: prov(d, 2, "t02.p02").update(modality="maybe"),
        "tasks[1].provisions[1].modality",
        "Modality",
    ),
    (
        "quote not in the source",
        lambda d: prov(d, 1, "t01.p01").update(source="凭空捏造的一句话"),
        "tasks[0].provisions[0].source",
        "not found verbatim",
    ),
    (
        "quota without bounds",
        lambda d: prov(d, 3, "t03.p03").pop("minimum"),
        "tasks[2].provisions[2].minimum",
        "minimum or a maximum",
    ),
    (
        "quota minimum above maximum",
        lambda d: prov(d, 3, "t03.p03").update(maximum=1),
        "tasks[2].provisions[2].maximum",
        "maximum >= minimum",
    ),
    (
        "month 13",
        lambda d: prov(d, 8, "t08.p03")["dates"][0].update(month=13),
        "tasks[7].provisions[2].dates[0].month",
        "month 1-12",
    ),
    (
        "30 February",
        lambda d: prov(d, 8, "t08.p03")["dates"][0].update(month=2, day=30),
        "tasks[7].provisions[2].dates[0].day",
        "real day",
    ),
    (
        "target without value or direction",
        lambda d: prov(d, 10, "t10.p03").pop("value"),
        "tasks[9].provisions[2].value",
        "value or a direction",
    ),
    (
        "staffing minimum zero",
        lambda d: prov(d, 16, "t16.p04")["levels"][0].update(minimum=0),
        "tasks[15].provisions[3].levels[0].minimum",
        "positive",
    ),
    (
        "boolean where a number",
        lambda d: prov(d, 8, "t08.p02").update(amount=True),
        "tasks[7].provisions[1].amount",
        "boolean",
    ),
    (
        "heading that does not exist",
        lambda d: task(d, 1).update(heading=99),
        "tasks[0].heading",
        "one of the headings",
    ),
    (
        "provisions as a mapping",
        lambda d: task(d, 1).update(provisions={"a": 1}),
        "tasks[0].provisions",
        "expected a list",
    ),
    (
        "year out of range",
        lambda d: prov(d, 10, "t10.p03").update(by_year=20250),
        "tasks[9].provisions[2].by_year",
        "year between",
    ),
    (
        "empty responsible list",
        lambda d: task(d, 6).update(responsible=[]),
        "tasks[5].responsible",
        "at least one",
    ),
    (
        "lead not among the responsible",
        lambda d: task(d, 6).update(lead=["市财政局"]),
        "tasks[5].lead[0]",
        "not among",
    ),
    (
        "enum given a number",
        lambda d: prov(d, 3, "t03.p03").update(measure=3),
        "tasks[2].provisions[2].measure",
        "Measure",
    ),
]


def write(data_copy: Path, data: Data) -> Path:
    data_copy.write_text(_yaml.dumps(data), encoding="utf-8")
    return data_copy


def problems_of(path: Path) -> list[fm.Problem]:
    with pytest.raises(fm.LoadError) as info:
        fm.load_document(path)
    return list(info.value.problems)


@pytest.mark.parametrize(("name", "mutate", "where", "phrase"), CASES, ids=[c[0] for c in CASES])
def test_malformed_document(
    data_copy: Path, name: str, mutate: Callable[[Data], object], where: str, phrase: str
) -> None:
    data = yaml.safe_load(data_copy.read_text(encoding="utf-8"))
    mutate(data)
    path = write(data_copy, data)
    problems = problems_of(path)
    matching = [p for p in problems if p.path == where and phrase in p.message]
    assert matching, [str(p) for p in problems]
    assert all(p.file == str(path) for p in problems)
    assert matching[0].line is not None or where == ""


def raw_problems(tmp_path: Path, content: bytes, name: str = "bad.yaml") -> list[fm.Problem]:
    path = tmp_path / name
    path.write_bytes(content)
    return problems_of(path)


def test_python_tag_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = f'id: x\nrun: !!python/object/apply:os.system ["touch {marker}"]\n'
    (problem,) = raw_problems(tmp_path, payload.encode())
    assert problem.line == 2 and "python/object" in problem.message
    assert not marker.exists()


def test_invalid_utf8_names_its_line(tmp_path: Path) -> None:
    (problem,) = raw_problems(
        tmp_path, "id: x\nmetadata:\n  title: 法治\n".encode() + b"\xff\xfe\n"
    )
    assert problem.line == 4 and "UTF-8" in problem.message


def test_empty_file(tmp_path: Path) -> None:
    (problem,) = raw_problems(tmp_path, b"")
    assert "empty file" in problem.message and problem.line == 1


def test_truncated_file(tmp_path: Path, data_copy: Path) -> None:
    text = data_copy.read_bytes()
    cut = text[: text.index(b"kind: workflow") + 9]
    problems = raw_problems(tmp_path, cut + b'\n        source: "unterminated')
    assert problems[0].line is not None and "invalid YAML" in problems[0].message


def test_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    (problem,) = raw_problems(tmp_path, "\n".join(lines).encode())
    assert problem.line == 2 and "aliases" in problem.message


def test_impossible_yaml_date_names_its_line(tmp_path: Path) -> None:
    (problem,) = raw_problems(tmp_path, b"id: x\nmetadata:\n  issued: 2025-02-30\n")
    assert problem.line == 3 and "real date" in problem.message


def test_top_level_list(tmp_path: Path) -> None:
    (problem,) = raw_problems(tmp_path, b"- 1\n- 2\n")
    assert "mapping" in problem.message


def test_tabs_are_invalid_yaml(tmp_path: Path) -> None:
    (problem,) = raw_problems(tmp_path, b"id: x\nmetadata:\n\ttitle: t\n")
    assert problem.line == 3


def test_json_syntax_error_names_its_line(tmp_path: Path) -> None:
    (problem,) = raw_problems(tmp_path, b'{\n  "id": "x",\n  "tasks": [1,,]\n}\n', "bad.json")
    assert problem.line == 3 and "invalid JSON" in problem.message


def test_json_wrong_type_names_its_path(tmp_path: Path, doc: fm.Document) -> None:
    text = fm.dumps(doc, "json").replace('"number": 4,', '"number": "4",', 1)
    problems = raw_problems(tmp_path, text.encode(), "bad.json")
    assert [p.path for p in problems] == ["headings[3].number"]


def test_missing_file() -> None:
    with pytest.raises(fm.LoadError, match="no such file"):
        fm.load_document("/nonexistent/doc.yaml")


def test_every_problem_is_reported_not_only_the_first(data_copy: Path) -> None:
    data = yaml.safe_load(data_copy.read_text(encoding="utf-8"))
    for mutate, _, _ in [
        (c[1], c[2], c[3])
        for c in CASES
        if "unknown bearer" in c[0] or "negative" in c[0] or "duplicate task" in c[0]
    ]:
        mutate(data)
    problems = problems_of(write(data_copy, data))
    assert len(problems) >= 3


def test_cli_validate_reports_without_a_traceback(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = yaml.safe_load(data_copy.read_text(encoding="utf-8"))
    prov(data, 3, "t03.p03").update(minimum=-2)
    task(data, 2).update(number=1)
    status = main(["validate", str(write(data_copy, data))])
    out = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in out.out + out.err
    assert (
        "tasks[2].provisions[2].minimum" in out.out and "共 3 个问题" in out.out
    )  # both tasks numbered 1 are named


@pytest.mark.parametrize("content", [b"", b"\xff", b"- 1\n", b"a: &x 1\nb: *x\n"])
def test_cli_validate_of_broken_files_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    assert str(path) in out.out and "Traceback" not in out.out + out.err


def test_corpus_is_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30
