"""The parser on the bundled Ganzhou text, through the CLI, and on arbitrary text.

The Ganzhou figures are computed against the hand-made model ``ganzhou-2024.yaml``: nothing
about the expected tasks or provisions is written here.
"""

from __future__ import annotations

import functools
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fazhi_model as fm
from fazhi_model.cli import main
from fazhi_model.model.provisions import Provision
from fazhi_model.parse.reader import PLACEHOLDER, ParseResult, parse_text
from fazhi_model.store._bundled import data_dir
from fazhi_model.store.load import dumps, load_registry

FIXTURES = Path(__file__).parent / "fixtures" / "parse"
MEASURABLE = ("quota", "deadline", "recurring", "target", "staffing")
NUMBERS = (
    "minimum", "maximum", "amount", "counting", "value", "by_year", "direction", "measure",
    "period",
)  # fmt: skip


@pytest.fixture(scope="module")
def ganzhou_registry() -> fm.Registry:
    return load_registry("ganzhou")


@pytest.fixture(scope="module")
def hand() -> fm.Document:
    """The hand-made model (not re-validated here: the parser is what is tested)."""
    return fm.load_document("ganzhou-2024", check=False)


@pytest.fixture(scope="module")
def parsed(hand: fm.Document, ganzhou_registry: fm.Registry) -> ParseResult:
    assert hand.source_text is not None
    return parse_text(hand.source_text, ganzhou_registry, doc_id="ganzhou-parsed")


def numbers(task: fm.Task | None, p: Provision) -> tuple[Any, ...]:
    """What a parsed provision must share with a hand-made one to count as found."""
    values: list[Any] = [p.kind, task.number if task else None]
    values += [getattr(p, name, None) for name in NUMBERS]
    if isinstance(p, fm.RecurringDueDate):
        values.append(tuple((d.month, d.day) for d in p.dates))
    if isinstance(p, fm.Staffing):
        values.append(tuple(level.minimum for level in p.levels))
    return tuple(values)


def recall(hand: fm.Document, parsed: fm.Document) -> tuple[int, int, list[str]]:
    """Hand-made measurable provisions the parser found (each parsed one used once)."""
    pool = Counter(numbers(t, p) for t, p in parsed.provisions() if p.kind in MEASURABLE)
    found, total, missed = 0, 0, []
    for task, p in hand.provisions():
        if p.kind not in MEASURABLE:
            continue
        total += 1
        key = numbers(task, p)
        if pool[key] > 0:
            pool[key] -= 1
            found += 1
        else:
            missed.append(p.id)
    return found, total, missed


def test_ganzhou_tasks_match_the_hand_made_model(hand: fm.Document, parsed: ParseResult) -> None:
    got = [(t.number, t.title, t.responsible, t.lead, t.cooperating) for t in parsed.document.tasks]
    want = [(t.number, t.title, t.responsible, t.lead, t.cooperating) for t in hand.tasks]
    matching = sum(g == w for g, w in zip(got, want, strict=False))
    print(f"\nparser: {matching}/{len(want)} tasks with title and responsibility list exact")
    assert len(want) == 18
    assert got == want


def test_ganzhou_structure_matches(hand: fm.Document, parsed: ParseResult) -> None:
    doc = parsed.document
    assert doc.review is fm.Review.EXTRACTED
    assert [(h.number, h.title, h.part) for h in doc.headings] == [
        (h.number, h.title, h.part) for h in hand.headings
    ]
    assert [(p.number, p.title, p.text) for p in doc.parts] == [
        (p.number, p.title, p.text) for p in hand.parts
    ]
    assert [t.heading for t in doc.tasks] == [t.heading for t in hand.tasks]
    assert [t.text for t in doc.tasks] == [t.text for t in hand.tasks]
    assert [t.annotation for t in doc.tasks] == [t.annotation for t in hand.tasks]
    assert [(s.label, s.title, s.text) for s in doc.sections] == [
        (s.label, s.title, s.text) for s in hand.sections
    ]


def test_ganzhou_metadata_found_or_listed(hand: fm.Document, parsed: ParseResult) -> None:
    meta = parsed.document.metadata
    assert meta.title == hand.metadata.title
    assert meta.issued == hand.metadata.issued
    assert meta.adopted_at == hand.metadata.adopted_at
    assert meta.disclosure == hand.metadata.disclosure
    assert meta.addressees == hand.metadata.addressees
    assert [(r.title, r.number) for r in meta.implements] == [
        (r.title, r.number) for r in hand.metadata.implements
    ]
    # The text never names its issuer: a placeholder, listed for the reviewer.
    assert meta.issuer == PLACEHOLDER
    assert [i.where for i in parsed.report.of("placeholder")] == ["metadata.issuer"]


def test_ganzhou_measurable_recall(hand: fm.Document, parsed: ParseResult) -> None:
    found, total, missed = recall(hand, parsed.document)
    print(f"\nparser recall of measurable provisions: {found}/{total} = {found / total:.2f}")
    print(f"missed: {missed}")
    assert total >= 15
    assert found / total >= 0.9


def test_ganzhou_parse_is_valid_and_clean(
    parsed: ParseResult, ganzhou_registry: fm.Registry
) -> None:
    assert fm.validate(parsed.document) == []
    kinds = {i.kind for i in parsed.report.issues}
    assert kinds == {"placeholder"}
    assert parsed.report.counts["tasks"] == 18
    assert parsed.report.counts["provisions"] == sum(1 for _ in parsed.document.provisions())


def test_recall_detects_a_wrong_number(hand: fm.Document, parsed: ParseResult) -> None:
    """The recall measure is not vacuous: change one parsed number and a provision is lost."""
    import attrs

    task = parsed.document.task(8)
    deadline = next(p for p in task.provisions if isinstance(p, fm.Deadline))
    changed = attrs.evolve(deadline, amount=deadline.amount + 1)
    tasks = tuple(
        attrs.evolve(t, provisions=tuple(changed if p is deadline else p for p in t.provisions))
        if t.number == 8
        else t
        for t in parsed.document.tasks
    )
    worse = attrs.evolve(parsed.document, tasks=tasks)
    assert recall(hand, worse)[0] == recall(hand, parsed.document)[0] - 1


# -- the command line -------------------------------------------------------------------------


def test_cli_json(capsys: pytest.CaptureFixture[str], hand: fm.Document) -> None:
    source = data_dir() / "documents" / "ganzhou-2024.txt"
    assert main(["parse", str(source), "--json", "--registry", "ganzhou"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"tasks", "provisions", "review"}
    assert [(t["number"], t["title"], t["responsible"]) for t in data["tasks"]] == [
        (t.number, t.title, list(t.responsible)) for t in hand.tasks
    ]
    row = next(r for r in data["provisions"] if r["kind"] == "deadline" and r["task"] == 8)
    assert (row["amount"], row["counting"]) == (15, "days")
    assert data["review"]["unannotated_tasks"] == []
    assert data["review"]["counts"]["tasks"] == 18


def test_cli_round_trip_clean_snippet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(FIXTURES / "clean.txt", tmp_path / "x.txt")
    out = tmp_path / "x.yaml"
    assert main(["parse", str(tmp_path / "x.txt"), "-o", str(out), "--registry", "ganzhou"]) == 0
    captured = capsys.readouterr()
    assert "review: nothing to fix" in captured.err
    text = out.read_text(encoding="utf-8")
    assert "source_file: x.txt" in text
    assert "review: extracted" in text
    assert main(["validate", str(out)]) == 0
    assert "x: 2 项任务" in capsys.readouterr().out
    loaded = fm.load_document(out)
    assert loaded.tasks[1].responsible == ("市司法局", "市政府办公室")
    # the bundled registry is far from tmp_path: named absolutely, so the file still loads
    assert loaded.registry_file is not None and Path(loaded.registry_file).is_absolute()


def test_cli_names_a_near_registry_relatively(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "documents").mkdir()
    (tmp_path / "units").mkdir()
    shutil.copy(data_dir() / "units" / "ganzhou.yaml", tmp_path / "units" / "g.yaml")
    shutil.copy(FIXTURES / "clean.txt", tmp_path / "documents" / "c.txt")
    out = tmp_path / "documents" / "c.yaml"
    args = ["parse", str(out.with_suffix(".txt")), "-o", str(out)]
    assert main([*args, "--registry", str(tmp_path / "units" / "g.yaml")]) == 0
    doc = fm.load_document(out)
    assert (doc.source_file, doc.registry_file) == ("c.txt", "../units/g.yaml")
    assert doc.units is not None and doc.units.id == "ganzhou"
    capsys.readouterr()


def test_cli_round_trip_lists_what_to_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(FIXTURES / "unknown_units.txt", tmp_path / "u.txt")
    out = tmp_path / "u.yaml"
    assert main(["parse", str(tmp_path / "u.txt"), "-o", str(out), "--registry", "ganzhou"]) == 0
    err = capsys.readouterr().err
    assert "[unannotated-task] task 3" in err
    assert "各区、县级市政府" in err
    assert out.read_text(encoding="utf-8").startswith("# parsed:")
    assert main(["validate", str(out), "--json"]) == 1
    problems = {(p["path"], p["message"]) for p in json.loads(capsys.readouterr().out)}
    paths = {path for path, _ in problems}
    assert "tasks[2].responsible" in paths
    assert "tasks[0].responsible[0]" in paths  # 各区、县级市政府: unknown to the registry
    assert "tasks[0].responsible[2]" not in paths  # 市司法局 resolves


def test_cli_prints_yaml_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = FIXTURES / "lead_tail.txt"
    assert main(["parse", str(source)]) == 0
    captured = capsys.readouterr()
    doc = fm.loads(captured.out)
    assert doc.tasks[0].lead == ("市司法局",)
    assert doc.registry_file is None
    assert "[no-registry]" in captured.err


def test_cli_bad_input_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes("一、任务\n".encode("gbk"))
    assert main(["parse", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("fazhi: 错误:") and "expected UTF-8" in err
    assert main(["parse", str(tmp_path / "missing.txt")]) == 1
    assert "no such file" in capsys.readouterr().err


# -- arbitrary text ---------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "一、", "二、", "(一)", "（二）", "1.", "2．", "3、", "(1)", "一是", "\n", "。", ",",
        "，", ";", "、", "〔", "〕", "(", ")", "（", "）", "责任单位:", "牵头单位：", "配合单位:",
        "牵头", "配合", "市司法局", "各县(市、区)政府", "各区", "县级市政府", "及",
        "其他市政府部门",
        "每年", "不少于", "2", "次", "学时", "名", "至少", "15日内", "5个工作日内", "3个月内",
        "1月底前", "和", "到2025年", "达到", "100%", "率", "提高", "每个", "分别配备", "1名、",
        "以上", "应", "要", "力争", "鼓励", "适时", "2024年9月29日", "關於", "責任單位", "之日起",
        "后", "第一责任单位为牵头单位", "①", "某某", " ", "\u3000", "\r\n",
    ]
)  # fmt: skip


@functools.cache
def bundled_registry() -> fm.Registry:
    return load_registry("ganzhou")


texts = st.lists(PIECES, max_size=40).map("".join) | st.text(max_size=80)


@settings(max_examples=150, deadline=None)
@given(texts, st.booleans())
def test_parsing_never_raises_and_quotes_are_verbatim(text: str, with_registry: bool) -> None:
    registry = bundled_registry() if with_registry else None
    result = parse_text(text, registry)
    doc = result.document
    assert doc.review is fm.Review.EXTRACTED
    for task in doc.tasks:
        assert task.text in text
        assert task.annotation is None or task.annotation in task.text
    for owner, provision in doc.provisions():
        assert provision.source in text
        if owner is not None:
            assert provision.source in owner.text
    assert result.report.counts["tasks"] == len(doc.tasks)
    assert fm.loads(dumps(doc)) == doc
