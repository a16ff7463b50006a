"""Hostile outputs (输出): writes that must never lose data or end in a traceback.

Every ``-o``/``--ics`` file is written atomically (temporary file in the target folder, then a
rename) and may not replace one of the command's inputs; a missing folder, a folder as target
or a full device is one line on stderr and exit status 1. Unexpected exceptions are one line
and exit status 2 (the traceback only with ``FAZHI_DEBUG=1``).
"""

from __future__ import annotations

import argparse
import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi_model.cli import main
from fazhi_model.errors import WriteError
from fazhi_model.store._bundled import data_dir
from fazhi_model.store.files import atomic_write
from fazhi_model.wording import ERROR_PREFIX


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _one_line_error(status: int, err: str, phrase: str) -> None:
    assert status == 1, err
    notes = ("fazhi: note:", "fazhi: warning:")
    (line,) = [line for line in err.splitlines() if not line.startswith(notes)]
    assert line.startswith(ERROR_PREFIX) and phrase in line, err
    assert "Traceback" not in err


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    """A document with its text and registry, a records file and a plain text, in tmp_path."""
    shutil.copytree(data_dir() / "documents", tmp_path / "documents")
    shutil.copytree(data_dir() / "units", tmp_path / "units")
    records = tmp_path / "records.csv"
    records.write_text("单位,活动,日期,数量,人员\n市司法局,集体学法,2025-03-01,1,\n", "utf-8")
    text = tmp_path / "self.txt"
    shutil.copy(data_dir() / "documents" / "ganzhou-2024.txt", text)
    return {
        "doc": tmp_path / "documents" / "ganzhou-2024.yaml",
        "source": tmp_path / "documents" / "ganzhou-2024.txt",
        "registry": tmp_path / "units" / "ganzhou.yaml",
        "records": records,
        "text": text,
    }


# (name, argv with {doc}/{text}/{registry}/{records} placeholders, the input the output names)
OVERWRITES: list[tuple[str, list[str], str]] = [
    ("parse onto its own text", ["parse", "{text}", "-o", "{text}"], "text"),
    (
        "parse onto its registry",
        ["parse", "{text}", "--registry", "{registry}", "-o", "{registry}"],
        "registry",
    ),
    ("matrix md onto the document", ["matrix", "-d", "{doc}", "-o", "{doc}"], "doc"),
    ("matrix csv onto the document", ["matrix", "-d", "{doc}", "-f", "csv", "-o", "{doc}"], "doc"),
    (
        "matrix xlsx onto the document",
        ["matrix", "-d", "{doc}", "-f", "xlsx", "-o", "{doc}"],
        "doc",
    ),
    (
        "graph onto the document",
        ["graph", "-d", "{doc}", "--format", "graphml", "-o", "{doc}"],
        "doc",
    ),
    (
        "schedule ics onto the document",
        ["schedule", "--year", "2025", "-d", "{doc}", "--ics", "{doc}"],
        "doc",
    ),
    ("table onto the document", ["table", "-d", "{doc}", "-f", "md", "-o", "{doc}"], "doc"),
    (
        "check results onto the records",
        ["check", "{records}", "--year", "2025", "-d", "{doc}", "-o", "{records}"],
        "records",
    ),
]


@pytest.mark.parametrize(
    ("argv", "victim"), [c[1:] for c in OVERWRITES], ids=[c[0] for c in OVERWRITES]
)
def test_an_output_may_not_replace_an_input(
    capsys: pytest.CaptureFixture[str], inputs: dict[str, Path], argv: list[str], victim: str
) -> None:
    before = inputs[victim].read_bytes()
    args = [a.format(**inputs) for a in argv]
    status, _, err = run(capsys, *args)
    _one_line_error(status, err, "overwrite an input")
    assert inputs[victim].read_bytes() == before
    assert not [p for p in inputs[victim].parent.iterdir() if p.name.endswith(".tmp")]


# (name, argv before the output option, the output option)
WRITERS: list[tuple[str, list[str], str]] = [
    ("matrix md", ["matrix"], "-o"),
    ("matrix json", ["matrix", "-f", "json"], "-o"),
    ("matrix xlsx", ["matrix", "-f", "xlsx"], "-o"),
    ("graph gexf", ["graph", "--format", "gexf"], "-o"),
    ("schedule ics", ["schedule", "--year", "2025"], "--ics"),
    ("table md", ["table", "-f", "md"], "-o"),
]


@pytest.mark.parametrize(("argv", "option"), [c[1:] for c in WRITERS], ids=[c[0] for c in WRITERS])
def test_a_missing_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], option: str
) -> None:
    status, _, err = run(capsys, *argv, option, str(tmp_path / "no" / "such" / "out"))
    _one_line_error(status, err, "does not exist")


@pytest.mark.parametrize(("argv", "option"), [c[1:] for c in WRITERS], ids=[c[0] for c in WRITERS])
def test_a_folder_as_target_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], option: str
) -> None:
    status, _, err = run(capsys, *argv, option, str(tmp_path))
    _one_line_error(status, err, "a folder")


def _full_device(*_: object, **__: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize(("argv", "option"), [c[1:] for c in WRITERS], ids=[c[0] for c in WRITERS])
def test_a_full_device_is_one_line_and_leaves_the_old_file(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    option: str,
) -> None:
    target = tmp_path / "out"
    target.write_bytes(b"old")
    monkeypatch.setattr("os.replace", _full_device)
    status, _, err = run(capsys, *argv, option, str(target))
    _one_line_error(status, err, os.strerror(errno.ENOSPC))
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_full_device_during_the_write_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("os.fsync", _full_device)
    with pytest.raises(WriteError, match="cannot write"):
        atomic_write(tmp_path / "a.txt", "数据")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old", "utf-8")
    target.chmod(0o600)
    atomic_write(target, "new")
    assert target.read_text("utf-8") == "new" and target.stat().st_mode & 0o777 == 0o600


def test_four_processes_writing_one_xlsx_leave_one_whole_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "same.xlsx"
    command = [sys.executable, "-m", "fazhi_model", "matrix", "-f", "xlsx", "-o", str(target)]
    procs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err.decode()
    book = openpyxl.load_workbook(target)
    assert len(book.sheetnames) == 4
    assert [p.name for p in tmp_path.iterdir()] == ["same.xlsx"]


# --------------------------------------------------------------------------------------------
# main(): every error one line


def _explode(exc: BaseException) -> object:
    def func(args: argparse.Namespace) -> int:
        raise exc

    return func


def _patched_units(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    from fazhi_model.cli import document

    original = document.register

    def register(sub: object) -> None:
        original(sub)  # type: ignore[arg-type]
        parser = sub.choices["units"]  # type: ignore[attr-defined]
        parser.set_defaults(func=_explode(exc))

    monkeypatch.setattr(document, "register", register)


@pytest.mark.parametrize(
    ("exc", "status", "phrase"),
    [
        (RuntimeError("boom\nsecond line"), 2, "internal error): RuntimeError: boom second line"),
        (KeyError("x"), 2, "KeyError"),
        (RecursionError("deep"), 2, "RecursionError"),
        (MemoryError(), 1, "out of memory"),
        (PermissionError(13, "Permission denied", "/root/x"), 1, "/root/x"),
        (KeyboardInterrupt(), 130, "interrupted"),
    ],
    ids=["RuntimeError", "KeyError", "RecursionError", "MemoryError", "OSError", "Ctrl-C"],
)
def test_unexpected_exceptions_are_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    exc: BaseException,
    status: int,
    phrase: str,
) -> None:
    monkeypatch.delenv("FAZHI_DEBUG", raising=False)
    _patched_units(monkeypatch, exc)
    got, _, err = run(capsys, "units")
    assert got == status and err.count("\n") == 1 and phrase in err, err
    assert "Traceback" not in err


def test_fazhi_debug_shows_the_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAZHI_DEBUG", "1")
    _patched_units(monkeypatch, RuntimeError("boom"))
    with pytest.raises(RuntimeError, match="boom"):
        main(["units"])


def test_a_json_output_with_nan_is_refused_not_written(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from fazhi_model.cli import _common

    with pytest.raises(Exception, match="not a finite number"):
        _common.print_json({"a": float("inf")})
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("year", ["0", "99999", "-1", "2025.5", "二〇二五", "1948", "2101"])
def test_out_of_range_years_are_refused_by_every_command(
    capsys: pytest.CaptureFixture[str], year: str
) -> None:
    for argv in (["schedule"], ["duties", "市司法局"], ["table", "--unit", "市司法局"]):
        with pytest.raises(SystemExit) as refused:
            main([*argv, "--year", year])
        err = capsys.readouterr().err
        assert refused.value.code == 2 and ("1949" in err or "expected a year" in err), err
        assert "Traceback" not in err
