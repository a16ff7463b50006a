"""The ``fazhi`` command line (命令行).

Each sub-command lives in a module of this package with a ``register(subparsers)`` function
that adds its parser and sets ``func``; :data:`COMMANDS` maps those modules, in help order, to
the sub-commands each adds. Only the module of the command being run is imported, so a quick
command never pays for the heavy ones (networkx, the parser); ``fazhi --help`` imports all.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from fazhi_model.errors import FazhiError

from ._common import fail

__all__ = [
    "COMMANDS",
    "build_parser",
    "main",
]

COMMANDS: dict[str, tuple[str, ...]] = {
    "document": ("tasks", "show", "provisions", "units", "validate"),
    "deadline": ("deadline",),
    "matrix": ("matrix",),
    "graph": ("graph",),
    "duties": ("duties",),
    "parse": ("parse",),
    "schedule": ("schedule",),
    "check": ("check",),
    "status": ("status",),
    "table": ("table",),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command``, only the module that adds that sub-command is loaded."""
    modules = [m for m, names in COMMANDS.items() if command in names] or list(COMMANDS)
    parser = argparse.ArgumentParser(
        prog="fazhi",
        description="法治政府建设文件: tasks, units, provisions, deadlines and checks as data.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in modules:
        module = importlib.import_module(f"{__name__}.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``fazhi``; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    argv = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in argv if not a.startswith("-")), None)
    args = build_parser(first).parse_args(argv)
    try:
        status: int = args.func(args)
    except FazhiError as exc:
        return fail(str(exc))
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("fazhi: 已中断 (interrupted)\n")
        return 130
    except MemoryError:
        return fail("内存不足 (out of memory: the input is too large for this machine)")
    except OSError as exc:  # the environment, not the input: a full disk, a permission
        where = f"{exc.filename}: " if exc.filename else ""
        return fail(f"{where}无法读写 (cannot read or write: {exc.strerror or exc})")
    except Exception as exc:
        if os.environ.get("FAZHI_DEBUG") == "1":
            raise
        return _internal_error(exc)
    return status


def _internal_error(exc: Exception) -> int:
    """The last resort (内部错误): one line naming the exception, never a raw traceback."""
    detail = " ".join(str(exc).split())[:200]
    sys.stderr.write(
        f"fazhi: 内部错误 (internal error): {type(exc).__name__}: {detail}; "
        "请报告此问题 (please report it; FAZHI_DEBUG=1 shows the traceback)\n"
    )
    return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
