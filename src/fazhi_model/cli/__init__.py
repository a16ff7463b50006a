"""The ``fazhi`` command line (命令行).

Each sub-command lives in a module of this package with a ``register(subparsers)`` function
that adds its parser and sets ``func``; :data:`COMMANDS` lists those modules in help order.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from fazhi_model.errors import FazhiError

from ._common import fail

COMMANDS: tuple[str, ...] = ("document",)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fazhi",
        description="法治政府建设文件: tasks, units, provisions, deadlines and checks as data.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"{__name__}.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``fazhi``; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    try:
        status: int = args.func(args)
    except FazhiError as exc:
        return fail(str(exc))
    except BrokenPipeError:
        return 0
    return status


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
