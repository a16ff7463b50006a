"""Shared pieces of the ``fazhi`` command line: output, errors, argument types."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeAlias

from fazhi_model.dates.china import china_calendar
from fazhi_model.dates.estimating import AnyCalendar
from fazhi_model.errors import InputError
from fazhi_model.model.rules import YEARS
from fazhi_model.store.files import atomic_path, atomic_write
from fazhi_model.store.load import bundled_documents, document_path
from fazhi_model.wording import ERROR_PREFIX

SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Handler = Callable[[argparse.Namespace], int]


def out(text: str = "") -> None:
    """Print a line to stdout as UTF-8, whatever the terminal's locale."""
    sys.stdout.write(text + "\n")


def json_text(value: Any) -> str:
    """JSON with Chinese as Chinese (never ``\\u`` escapes), ending in a newline.

    Always valid JSON: a NaN or an infinity is an :class:`~fazhi_model.errors.InputError`,
    never written as ``NaN``/``Infinity``.
    """
    try:
        return json.dumps(value, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    except ValueError as exc:
        raise InputError(
            f"结果含非有限数值, 无法写成 JSON (a value is not a finite number: {exc})"
        ) from None


def print_json(value: Any) -> None:
    """Print JSON with Chinese as Chinese (never ``\\u`` escapes); see :func:`json_text`."""
    sys.stdout.write(json_text(value))


def fail(message: str) -> int:
    """Report a one-line error on stderr (``fazhi: 错误: …``); the exit status for a bad input."""
    sys.stderr.write(f"{ERROR_PREFIX}{message}\n")
    return 1


def year(text: str) -> int:
    """argparse type for ``--year``: a whole year from 1949 to 2100 (:data:`YEARS`)."""
    try:
        value = int(text.strip(), 10)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"年份应为整数 (expected a year such as 2025, got {text!r})"
        ) from None
    if value not in YEARS:
        raise argparse.ArgumentTypeError(
            f"年份超出范围 (expected a year from {YEARS.start} to {YEARS.stop - 1}, got {value})"
        )
    return value


# Output files (输出文件): every -o/--ics/--errors file goes through these, so it is written
# atomically (temporary file in the target folder, then renamed) and never replaces an input.

_OUTPUT_OPTIONS = frozenset({"output", "ics", "errors", "out"})


def input_files(args: argparse.Namespace) -> tuple[Path, ...]:
    """The files a command reads, as its options name them (every option naming a file).

    The output options (``output``, ``ics``, ``errors``) are left out; everything else that
    names an existing file (a path, or a list of paths) is an input that no output may replace.
    """
    found: list[Path] = []
    for name, value in vars(args).items():
        if name in _OUTPUT_OPTIONS or callable(value):
            continue
        values = value if isinstance(value, list | tuple) else [value]
        if name == "document" and isinstance(value, str) and value in bundled_documents():
            values = [document_path(value)]  # a bundled id: its file is an input too
        for item in values:
            if isinstance(item, str | Path) and str(item) and "\x00" not in str(item):
                with contextlib.suppress(OSError, ValueError):
                    if Path(item).is_file():
                        found.append(Path(item))
    return tuple(found)


def write_output(
    path: str | Path, data: str | bytes, *, inputs: Iterable[str | Path] | argparse.Namespace = ()
) -> None:
    """Write an output file atomically; ``inputs`` (files, or the command's arguments) are
    never overwritten. A :class:`~fazhi_model.errors.WriteError` says why it failed."""
    given = input_files(inputs) if isinstance(inputs, argparse.Namespace) else inputs
    atomic_write(path, data, inputs=given)


@contextlib.contextmanager
def output_path(
    path: str | Path, *, inputs: Iterable[str | Path] | argparse.Namespace = ()
) -> Iterator[Path]:
    """A temporary path for writers that want a file name (openpyxl, python-docx); renamed
    over ``path`` when the block succeeds. See :func:`write_output`."""
    given = input_files(inputs) if isinstance(inputs, argparse.Namespace) else inputs
    with atomic_path(path, inputs=given) as temp:
        yield temp


def iso_date(text: str) -> dt.date:
    """argparse type for ``YYYY-MM-DD``."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def add_document_option(parser: argparse.ArgumentParser) -> None:
    """``--document ID|PATH``: which document (default: the bundled ganzhou-2024)."""
    parser.add_argument(
        "--document",
        "-d",
        default="ganzhou-2024",
        metavar="ID|PATH",
        help="a bundled document id or a YAML/JSON file (default: ganzhou-2024)",
    )


# Calendar options (日历选项): every command that computes dates adds them with
# add_calendar_options() and builds its calendar with calendar_from().


def add_calendar_options(parser: argparse.ArgumentParser) -> None:
    """``--calendar FILE`` (repeatable) and ``--estimate``, for every command computing dates."""
    parser.add_argument(
        "--calendar",
        action="append",
        default=[],
        metavar="YEAR.yaml",
        help="add a year file (年度放假安排) to the bundled calendar; may be repeated",
    )
    parser.add_argument(
        "--estimate",
        action="store_true",
        help="estimate years without a holiday notice (weekends and statutory holidays, no "
        "swapped days); estimated dates are flagged",
    )


def calendar_from(args: argparse.Namespace) -> AnyCalendar:
    """The calendar the options ask for: the bundled notices plus each ``--calendar`` file,
    estimating with ``--estimate`` (an :class:`~fazhi_model.dates.estimating.EstimatingCalendar`).
    """
    return china_calendar(list(args.calendar), estimate=bool(args.estimate))


def warn_estimate(uncovered: Sequence[int]) -> None:
    """Warn on stderr that an answer is an estimate for the ``uncovered`` years."""
    years = ", ".join(map(str, sorted(set(uncovered))))
    sys.stderr.write(
        f"fazhi: 警告: 估算, 非正式结果 (ESTIMATE, not official): {years}年放假安排未知 "
        f"(no holiday notice is known for {years}); weekends and statutory holidays were "
        "taken as the rest days there, without swapped days\n"
    )
