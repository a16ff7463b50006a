"""Hostile documents and registries (恶意或畸形的文件): every one is refused with a located error.

Each case is a file the loader could once half-read, read wrongly or resolve last-one-wins:
duplicate keys, numbers that are not numbers, bytes that are not UTF-8 text, control
characters, line ends of another system, paths that leave the document's folder, and
registries in which one name names two units. Each must end in a :class:`LoadError` naming the
file, the line where there is one, and what was expected; never a traceback, never a value.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import fazhi_model as fm
from fazhi_model.errors import LoadError, ValidationError
from fazhi_model.model.rules import validate, validate_registry
from fazhi_model.store import _json, _yaml
from fazhi_model.store._bundled import data_dir
from fazhi_model.store.load import read_text

DOC = data_dir() / "documents" / "ganzhou-2024.yaml"


def _problems(path: Path) -> tuple[fm.Problem, ...]:
    with pytest.raises(LoadError) as caught:
        fm.load_document(path)
    return caught.value.problems


# --------------------------------------------------------------------------------------------
# YAML text: (name, text, line of the first problem or None, phrase in its message)

YAML_CASES: list[tuple[str, str, int | None, str]] = [
    ("duplicate top-level key", "id: a\nreview: reviewed\nid: b\n", 3, "duplicate key"),
    ("duplicate nested key", "a:\n  minimum: 2\n  minimum: 50\n", 3, "duplicate key"),
    ("duplicate key in a list item", "a:\n  - {x: 1, x: 2}\n", 2, "duplicate key"),
    ("duplicate key 1 and 1.0", "a:\n  1: x\n  1.0: y\n", 3, "duplicate key"),
    ("duplicate key true and 1", "a:\n  1: x\n  true: y\n", 3, "duplicate key"),
    ("duplicate quoted and plain key", 'a: 1\n"a": 2\n', 2, "duplicate key"),
    ("merge key", "base: {x: 1}\nb:\n  <<: {x: 1}\n  y: 2\n", 3, "merge keys"),
    ("alias", "a: &x 1\nb: *x\n", 2, "aliases"),
    ("alias bomb", "a: &a [1, 1]\nb: &b [*a, *a]\nc: &c [*b, *b]\n", 2, "aliases"),
    ("mapping as a key", "? {a: 1}\n: 2\n", 1, "plain key"),
    ("nan", "a: .nan\n", 1, "finite"),
    ("NaN spelt otherwise", "a: .NaN\n", 1, "finite"),
    ("infinity", "a: .inf\n", 1, "finite"),
    ("minus infinity", "a:\n  b: -.Inf\n", 2, "finite"),
    ("float overflowing to infinity", "a: 1.0e+400\n", 1, "finite"),
    ("21-digit integer", "a: 123456789012345678901\n", 1, "at most 10^15"),
    ("integer just above the bound", "a: 1000000000000001\n", 1, "at most 10^15"),
    ("5000-digit integer", "a: " + "9" * 5000 + "\n", 1, "at most 10^15"),
    ("huge float", "a: 1.0e+300\n", 1, "at most 10^15"),
    ("octal by a leading zero", "a: 010\n", 1, "octal"),
    ("sexagesimal integer", "a: 1:30\n", 1, "sexagesimal"),
    ("sexagesimal float", "a: 1:30.5\n", 1, "sexagesimal"),
    ("control character SOH", "a: b\x01c\n", 1, "U+0001"),
    ("vertical tab", "a: 1\nb: x\x0by\n", 2, "U+000B"),
    ("escape character", "a: 1\nb: 2\nc: \x1b[31m\n", 3, "U+001B"),
    ("DEL", "a: \x7f\n", 1, "U+007F"),
    ("NUL", "a: 1\x00\n", 1, "U+0000"),
    ("lone surrogate escape", 'a: "x\\ud800"\n', 1, "surrogate"),
    ("two documents", "a: 1\n---\nb: 2\n", 2, "single document"),
    ("unterminated quote", 'a: "abc\nb: 2\n', 3, "invalid YAML"),
    ("tab indentation", "a:\n\tb: 1\n", 2, "invalid YAML"),
    ("python tag", "a: !!python/object:os.system {}\n", 1, "python/object"),
    ("unknown local tag", "a: !mine 1\n", 1, "invalid YAML"),
    ("impossible date", "a: 2025-02-30\n", 1, "real date"),
    ("deep nesting", "[" * 3000 + "]" * 3000, None, "nested too deeply"),
]


@pytest.mark.parametrize(
    ("text", "line", "phrase"),
    [c[1:] for c in YAML_CASES],
    ids=[c[0] for c in YAML_CASES],
)
def test_yaml_text_is_refused_with_its_line(text: str, line: int | None, phrase: str) -> None:
    with pytest.raises(LoadError) as caught:
        _yaml.loads(text, file="hostile.yaml")
    first = caught.value.problems[0]
    assert first.file == "hostile.yaml"
    assert first.line == line
    assert phrase in first.message


def test_duplicate_key_names_its_path_and_the_first_line() -> None:
    with pytest.raises(LoadError) as caught:
        _yaml.loads("tasks:\n  - provisions:\n      - minimum: 2\n        minimum: 50\n")
    (problem,) = caught.value.problems
    assert problem.path == "tasks[0].provisions[0].minimum"
    assert (problem.line, "line 3") == (4, "line 3") and "line 3" in problem.message


def test_every_duplicate_is_listed_not_only_the_first() -> None:
    with pytest.raises(LoadError) as caught:
        _yaml.loads("a: 1\nb: 2\na: 3\nc:\n  d: 1\n  d: 2\nb: 4\n")
    assert [(p.path, p.line) for p in caught.value.problems] == [("a", 3), ("c.d", 6), ("b", 7)]


def test_a_number_refused_inside_the_data_names_its_path() -> None:
    with pytest.raises(LoadError) as caught:
        _yaml.loads("tasks:\n  - value: 1\n  - value: .nan\n")
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == ("tasks[1].value", 3)


def test_numbers_within_the_bounds_stay_exact() -> None:
    data, _ = _yaml.loads("a: 1000000000000000\nb: -999999999999999\nc: 0x1F\nd: 2.5\n")
    assert data == {"a": 10**15, "b": -(10**15 - 1), "c": 31, "d": 2.5}
    assert isinstance(data["a"], int)
    data, _ = _json.loads('{"a": 1000000000000000, "b": 2.5}')
    assert data == {"a": 10**15, "b": 2.5} and isinstance(data["a"], int)


# --------------------------------------------------------------------------------------------
# JSON text

JSON_CASES: list[tuple[str, str, int | None, str, str]] = [
    ("duplicate key", '{"a": 1,\n "a": 2}', 2, "a", "duplicate key"),
    ("duplicate nested key", '{"x": {"q": 1,\n "q": 2}}', 2, "x.q", "duplicate key"),
    ("duplicate key by escape", '{"a": 1, "\\u0061": 2}', 1, "a", "duplicate key"),
    ("duplicate key in an array", '[{"k": 1}, {"k": 1,\n\n "k": 2}]', 3, "[1].k", "duplicate"),
    ("NaN", '{"a": NaN}', 1, "a", "finite"),
    ("Infinity", '{"a":\n [1, Infinity]}', 2, "a[1]", "finite"),
    ("minus Infinity", '{"a": -Infinity}', 1, "a", "finite"),
    ("float overflow", '{"a": 1e400}', 1, "a", "finite"),
    ("21-digit integer", '{"q": 123456789012345678901}', 1, "q", "at most 10^15"),
    ("5000-digit integer", '{"q": ' + "9" * 5000 + "}", 1, "q", "at most 10^15"),
    ("lone surrogate", '{"a":\n "x\\udc00"}', 1, "a", "surrogate"),  # the key's line
    ("trailing comma", '{"a": 1,}', 1, "", "invalid JSON"),
    ("single quotes", "{'a': 1}", 1, "", "invalid JSON"),
    ("unterminated", '{"a": [1, 2', 1, "", "invalid JSON"),
    ("deep nesting", "[" * 100_000 + "]" * 100_000, None, "", "nested too deeply"),
]


@pytest.mark.parametrize(
    ("text", "line", "path", "phrase"),
    [c[1:] for c in JSON_CASES],
    ids=[c[0] for c in JSON_CASES],
)
def test_json_text_is_refused_with_its_line_and_path(
    text: str, line: int | None, path: str, phrase: str
) -> None:
    with pytest.raises(LoadError) as caught:
        _json.loads(text, file="hostile.json")
    first = caught.value.problems[0]
    assert (first.file, first.line, first.path) == ("hostile.json", line, path)
    assert phrase in first.message


def test_every_duplicate_in_a_json_array_is_listed() -> None:
    text = '[\n{"a": 1},\n{"a": 1, "a": 2},\n{"b": 1},\n{"c": {"d": 1,\n "d": 2}}\n]'
    with pytest.raises(LoadError) as caught:
        _json.loads(text, file="rows.json")
    assert [(p.path, p.line) for p in caught.value.problems] == [("[1].a", 3), ("[3].c.d", 6)]


def test_json_line_finder_points_at_nested_values() -> None:
    _, line_of = _json.loads('{\n "a": [\n  1,\n  {"b":\n   2}\n ]\n}')
    assert line_of(("a",)) == 2
    assert line_of(("a", 1, "b")) == 4
    assert line_of(("a", 1, "b", "nothing")) == 4  # nearest known ancestor


def test_json_dumps_refuses_nan_rather_than_writing_invalid_json() -> None:
    with pytest.raises(ValueError):
        _json.dumps({"a": float("nan")})


# --------------------------------------------------------------------------------------------
# Bytes and files

BYTE_CASES: list[tuple[str, bytes, int | None, str]] = [
    ("empty file", b"", 1, "empty"),
    ("only blanks", b"  \n\n\t\n", 1, "empty"),
    ("only a comment", b"# nothing\n", 1, "expected a mapping"),
    ("a list at the top", b"- 1\n- 2\n", 1, "expected a mapping"),
    ("a scalar at the top", b"hello\n", 1, "expected a mapping"),
    ("GBK text", "id: 赣州\n".encode("gbk"), 1, "UTF-8"),
    ("Latin-1 byte on line 3", b"id: a\nreview: b\ntitle: caf\xe9\n", 3, "UTF-8"),
    ("UTF-16 with BOM", "id: a\n".encode("utf-16"), 1, "UTF-16"),
    ("truncated UTF-8 sequence", "id: 赣".encode()[:-1], 1, "UTF-8"),
    ("control character in a file", b"id: a\ntitle: x\x02y\n", 2, "U+0002"),
]


@pytest.mark.parametrize(
    ("raw", "line", "phrase"), [c[1:] for c in BYTE_CASES], ids=[c[0] for c in BYTE_CASES]
)
def test_bad_bytes_are_a_located_load_error(
    tmp_path: Path, raw: bytes, line: int | None, phrase: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(raw)
    (first, *_) = _problems(path)
    assert (first.file, first.line) == (str(path), line)
    assert phrase in first.message


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_folder_is_refused(tmp_path: Path, suffix: str) -> None:
    folder = tmp_path / f"folder{suffix}"
    folder.mkdir()
    (problem,) = _problems(folder)
    assert "folder" in problem.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "doc.yaml"
    os.mkfifo(fifo)
    (problem,) = _problems(fifo)
    assert "not a regular file" in problem.message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_before_reading() -> None:
    (problem,) = _problems(Path("/dev/zero"))
    assert "not a regular file" in problem.message


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:  # sparse: no 16 MiB are written
        f.truncate(16 * 1024 * 1024 + 1)
    (problem,) = _problems(big)
    assert "too large" in problem.message


@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["CRLF", "CR only"])
def test_other_line_ends_read_as_the_same_document(data_copy: Path, ending: str) -> None:
    for path in (data_copy, data_copy.with_suffix(".txt")):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(text.replace("\n", ending).encode("utf-8"))
    again = fm.load_document(data_copy)
    assert again == fm.load_document("ganzhou-2024")
    assert len(again.tasks) == 18


def test_a_bom_is_dropped(data_copy: Path) -> None:
    data_copy.write_bytes(b"\xef\xbb\xbf" + data_copy.read_bytes())
    assert fm.load_document(data_copy).id == "ganzhou-2024"


def test_read_text_gives_newlines_whatever_the_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"a\rb\r\nc\nd")
    assert read_text(path) == "a\nb\nc\nd"


def test_loads_of_cr_only_text_is_the_same_document(doc: fm.Document) -> None:
    text = fm.dumps(doc)
    assert fm.loads(text.replace("\n", "\r")) == fm.loads(text)


# --------------------------------------------------------------------------------------------
# Paths a document names (source_file, registry_file)

ESCAPES: list[tuple[str, str, str]] = [
    ("registry two folders up", "registry_file", "../../etc/passwd"),
    ("registry absolute", "registry_file", "/etc/passwd"),
    ("source absolute", "source_file", "/etc/hostname"),
    ("source up and back", "source_file", "../../documents/../../x.txt"),
    ("source a device", "source_file", "/dev/zero"),
]


@pytest.mark.parametrize(("key", "value"), [c[1:] for c in ESCAPES], ids=[c[0] for c in ESCAPES])
def test_side_files_may_not_leave_the_document_folder(
    data_copy: Path, key: str, value: str
) -> None:
    text = data_copy.read_text(encoding="utf-8")
    text = re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M)
    data_copy.write_text(text, encoding="utf-8")
    (problem,) = _problems(data_copy)
    line = text.splitlines().index(f"{key}: {value}") + 1
    assert (problem.path, problem.line, problem.file) == (key, line, str(data_copy))
    assert "outside the document's folder" in problem.message


def test_a_symlink_out_of_the_folder_is_refused(data_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密", encoding="utf-8")
    text_file = data_copy.with_suffix(".txt")
    text_file.unlink()
    text_file.symlink_to(secret)
    (problem,) = _problems(data_copy)
    assert problem.path == "source_file" and "outside" in problem.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_source_text_is_refused(data_copy: Path) -> None:
    text_file = data_copy.with_suffix(".txt")
    text_file.unlink()
    os.mkfifo(text_file)
    (problem,) = _problems(data_copy)
    assert "not a regular file" in problem.message


def test_a_registry_given_explicitly_is_used_whatever_the_file_says(data_copy: Path) -> None:
    text = data_copy.read_text(encoding="utf-8")
    data_copy.write_text(text.replace("../units/ganzhou.yaml", "/etc/passwd"), encoding="utf-8")
    loaded = fm.load_document(data_copy, registry=fm.load_registry("ganzhou"))
    assert len(loaded.tasks) == 18


def test_a_side_file_path_with_nul_is_a_located_error(data_copy: Path) -> None:
    text = data_copy.read_text(encoding="utf-8")
    data_copy.write_text(
        text.replace("source_file: ganzhou-2024.txt", 'source_file: "a\\0b"'), encoding="utf-8"
    )
    (problem,) = _problems(data_copy)
    assert problem.path == "source_file" and problem.line == 11


# --------------------------------------------------------------------------------------------
# Values the model refuses (validation), located in the document's file


def _replace_line(path: Path, old: str, new: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    index = lines.index(old)
    lines[index] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def _validation(path: Path) -> tuple[fm.Problem, ...]:
    with pytest.raises(ValidationError) as caught:
        fm.load_document(path)
    return caught.value.problems


VALUE_CASES: list[tuple[str, str, str, str]] = [
    ("quota above 10^9", "        minimum: 60", "        minimum: 1000000001", "at most"),
    ("deadline of 10^12 days", "        amount: 15", "        amount: 1000000000000", "at most"),
    ("deadline of zero", "        amount: 15", "        amount: 0", "positive"),
    (
        "29 February every year",
        "          - {month: 1, covers: 上一年度发文目录}",
        "          - {month: 2, day: 29, covers: 上一年度发文目录}",
        "29 February",
    ),
    (
        "31 April every year",
        "          - {month: 1, covers: 上一年度发文目录}",
        "          - {month: 4, day: 31, covers: 上一年度发文目录}",
        "real day",
    ),
    ("target above 10^9", "        value: 100", "        value: 10000000000", "0..1000000000"),
    ("negative target", "        value: 100", "        value: -1", "0..1000000000"),
]


@pytest.mark.parametrize(
    ("old", "new", "phrase"), [c[1:] for c in VALUE_CASES], ids=[c[0] for c in VALUE_CASES]
)
def test_values_out_of_bounds_are_validation_errors_with_their_line(
    data_copy: Path, old: str, new: str, phrase: str
) -> None:
    line = _replace_line(data_copy, old, new)
    problems = _validation(data_copy)
    assert any(p.line == line and phrase in p.message for p in problems), problems


def test_a_document_without_tasks_is_not_ok(doc: fm.Document) -> None:
    import attrs

    empty = attrs.evolve(doc, tasks=())
    problems = validate(empty)
    assert any(p.path == "tasks" and "at least one task" in p.message for p in problems)


def test_a_nan_target_built_in_python_is_reported(doc: fm.Document) -> None:
    import attrs

    task = next(t for t in doc.tasks if any(isinstance(p, fm.Target) for p in t.provisions))
    i = doc.tasks.index(task)
    j, target = next((j, p) for j, p in enumerate(task.provisions) if isinstance(p, fm.Target))
    bad = attrs.evolve(target, value=float("nan"))
    provisions = (*task.provisions[:j], bad, *task.provisions[j + 1 :])
    tasks = list(doc.tasks)
    tasks[i] = attrs.evolve(task, provisions=provisions)
    problems = validate(attrs.evolve(doc, tasks=tuple(tasks)))
    assert [p.path for p in problems] == [f"tasks[{i}].provisions[{j}].value"]
    assert "finite" in problems[0].message


# --------------------------------------------------------------------------------------------
# Registries: one name names one entry


def _registry_copy(data_copy: Path) -> Path:
    return data_copy.parent.parent / "units" / "ganzhou.yaml"


def test_the_bundled_registry_is_valid(registry: fm.Registry) -> None:
    assert validate_registry(registry) == []


REGISTRY_CASES: list[tuple[str, str, str, str]] = [
    ("two units with one short form", "  short: 市委\n", "  short: 市政府\n", "already names"),
    ("a short form that is another unit's id", "  short: 市委\n", "  short: gz-gov\n", "already"),
]


@pytest.mark.parametrize(
    ("old", "new", "phrase"),
    [c[1:] for c in REGISTRY_CASES],
    ids=[c[0] for c in REGISTRY_CASES],
)
def test_registry_names_that_clash_are_validation_errors(
    data_copy: Path, old: str, new: str, phrase: str
) -> None:
    units = _registry_copy(data_copy)
    text = units.read_text(encoding="utf-8")
    assert text.count(old) == 1
    units.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        fm.load_registry(units)
    problem = caught.value.problems[0]
    line = text[: text.index(old)].count("\n") + 1
    assert problem.file == str(units) and problem.line == line and phrase in problem.message
    with pytest.raises(ValidationError):  # and the document that names it does not load
        fm.load_document(data_copy)


def test_a_duplicate_key_in_the_registry_file_is_a_load_error(data_copy: Path) -> None:
    units = _registry_copy(data_copy)
    text = units.read_text(encoding="utf-8")
    units.write_text(text.replace("  short: 市委\n", "  short: 市委\n  short: 市政府\n"), "utf-8")
    with pytest.raises(LoadError) as caught:
        fm.load_registry(units)
    assert "duplicate key" in caught.value.problems[0].message


def test_clashing_names_built_in_python_are_reported() -> None:
    from builders import department, registry

    reg = registry(
        [
            department("a", "甲局", "甲"),
            department("b", "乙局", "甲"),  # short form twice
            department("c", "丙局", "a"),  # a short form that is an id
        ]
    )
    problems = validate_registry(reg)
    assert [(p.path, "already names" in p.message) for p in problems] == [
        ("units[1].short", True),
        ("units[2].short", True),
    ]
    # the loaded index would have resolved both silently to the first
    assert reg.find("甲") is not None and reg.find("甲").id == "a"  # type: ignore[union-attr]


# --------------------------------------------------------------------------------------------
# The same files through the command line: one located error, exit status 1, no traceback

CLI_FILES: list[tuple[str, bytes, str]] = [
    ("duplicate key", b"id: a\nid: b\n", ":2: id: "),
    ("nan", b"id: a\nx: .nan\n", ":2: x: "),
    ("control character", b"id: a\nx: \x01\n", ":2: "),
    ("GBK", "id: 赣州\n".encode("gbk"), ":1: "),
    ("empty", b"", ":1: "),
]


@pytest.mark.parametrize(
    ("raw", "where"), [c[1:] for c in CLI_FILES], ids=[c[0] for c in CLI_FILES]
)
@pytest.mark.parametrize("command", ["validate", "tasks"])
def test_the_command_line_names_the_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: bytes, where: str, command: str
) -> None:
    from fazhi_model.cli import main

    path = tmp_path / "bad.yaml"
    path.write_bytes(raw)
    argv = [command, str(path)] if command == "validate" else [command, "-d", str(path)]
    assert main(argv) == 1
    captured = capsys.readouterr()
    # validate lists the problems on stdout (its report); other commands fail on stderr
    shown = captured.out if command == "validate" else captured.err
    assert command == "validate" or shown.startswith("fazhi: 错误: ")
    assert f"{path}{where}" in shown
    assert "Traceback" not in captured.out + captured.err


def test_parse_reads_a_cr_only_text_as_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from fazhi_model.cli import main

    text = (data_dir() / "documents" / "ganzhou-2024.txt").read_text(encoding="utf-8")
    path = tmp_path / "mac.txt"
    path.write_bytes(text.replace("\n", "\r").encode("utf-8"))
    out = tmp_path / "mac.yaml"
    assert main(["parse", str(path), "-o", str(out), "--registry", "ganzhou"]) == 0
    capsys.readouterr()
    assert len(fm.load_document(out, check=False).tasks) == 18
