"""Shared pieces of the ``fazhi`` command line: output, errors, argument types."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import Any, TypeAlias

SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Handler = Callable[[argparse.Namespace], int]


def out(text: str = "") -> None:
    """Print a line to stdout as UTF-8, whatever the terminal's locale."""
    sys.stdout.write(text + "\n")


def print_json(value: Any) -> None:
    """Print JSON with Chinese as Chinese (never ``\\u`` escapes)."""
    out(json.dumps(value, ensure_ascii=False, indent=2))


def fail(message: str) -> int:
    """Report a one-line error on stderr; the exit status for a bad input."""
    sys.stderr.write(f"fazhi: error: {message}\n")
    return 1


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
