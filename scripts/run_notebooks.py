"""Execute the example notebooks (运行示例笔记本) and fail on the first error of each.

Usage::

    PYTHONPATH=src python scripts/run_notebooks.py              # every examples/*.ipynb
    PYTHONPATH=src python scripts/run_notebooks.py examples/03_quota_check.ipynb
    python scripts/run_notebooks.py --clear                     # strip outputs in place

Each notebook runs with the ``python3`` kernel in a temporary copy of ``examples/`` (so its
relative paths such as ``data/records-2025.csv`` work and no output is written back): the
notebooks in git stay without outputs. A notebook stored with outputs is an error too, so CI
catches one committed by mistake (``--clear`` removes them). On an error the script names the
notebook and the cell (1-based, as Jupyter counts) and prints the exception; the exit status is
1 if any notebook failed, else 0.

Needs the ``notebooks`` extra (nbclient, nbformat, ipykernel, matplotlib) and ``pandas`` (02, 03).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

# nbformat's read and write carry no annotations; typed names for them.
_read: Callable[..., Any] = nbformat.read
_write: Callable[..., None] = nbformat.write

ROOT = Path(__file__).resolve().parent.parent
_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colours of IPython tracebacks, unreadable in CI logs
EXAMPLES = ROOT / "examples"


def stored_outputs(nb: Any) -> list[int]:
    """The 1-based numbers of the code cells stored with outputs or an execution count."""
    return [
        i
        for i, cell in enumerate(nb.cells, 1)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]


def clear(path: Path) -> bool:
    """Strip outputs and execution counts from a notebook in place; whether it changed."""
    nb = _read(path, as_version=4)
    if not stored_outputs(nb):
        return False
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    _write(nb, path)
    return True


def _kernel_environment() -> None:
    """Make the kernel find fazhi_model: absolute PYTHONPATH entries, plus src/ if needed.

    The kernel runs in a temporary directory, so a relative ``PYTHONPATH=src`` would no longer
    point at the package.
    """
    entries = [e for e in os.environ.get("PYTHONPATH", "").split(os.pathsep) if e]
    absolute = [str(Path(e).resolve()) for e in entries]
    src = str(ROOT / "src")
    if src not in absolute:
        absolute.append(src)
    os.environ["PYTHONPATH"] = os.pathsep.join(absolute)


def run(path: Path, *, timeout: int, workdir: Path) -> str | None:
    """Execute one notebook in ``workdir``; ``None`` when it ran clean, else the error."""
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    nb = _read(path, as_version=4)
    stored = stored_outputs(nb)
    if stored:
        cells = ", ".join(map(str, stored))
        return (
            f"{name}: stored with outputs in cell(s) {cells}; "
            "run `python scripts/run_notebooks.py --clear` before committing"
        )
    current = [0]  # the 1-based number of the cell running, as Jupyter counts cells

    def started(cell: Any, cell_index: int) -> None:
        current[0] = cell_index + 1

    client = NotebookClient(
        nb,
        on_cell_execute=started,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
    )
    try:
        client.execute()
    except CellTimeoutError:
        return f"{name}: cell {current[0]} ran longer than {timeout} s"
    except CellExecutionError as exc:
        cell = current[0]
        detail = f"{exc.ename}: {exc.evalue}" if exc.ename else str(exc)
        lines = nb.cells[cell - 1].source.strip().splitlines() if cell else []
        first = f" ({lines[0]!r})" if lines else ""
        trace = _ANSI.sub("", str(exc))
        return f"{name}: cell {cell}{first} failed: {detail}\n{trace}"
    except DeadKernelError as exc:
        return f"{name}: the kernel died: {exc}"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Execute the example notebooks.")
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: examples/*.ipynb")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell")
    parser.add_argument(
        "--clear", action="store_true", help="strip outputs in place instead of running"
    )
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or sorted(EXAMPLES.glob("*.ipynb"))
    if not paths:
        print(f"no notebooks found in {EXAMPLES}", file=sys.stderr)
        return 1
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"no such notebook: {', '.join(map(str, missing))}", file=sys.stderr)
        return 1
    if args.clear:
        for path in paths:
            if clear(path):
                print(f"cleared {path.name}")
        return 0

    _kernel_environment()
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="fazhi-notebooks-") as tmp:
        for path in paths:
            workdir = Path(tmp) / path.parent.name
            if not workdir.exists():
                shutil.copytree(
                    path.parent, workdir, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
                )
            start = time.perf_counter()
            error = run(path, timeout=args.timeout, workdir=workdir)
            took = time.perf_counter() - start
            if error is None:
                print(f"ok     {path.name} ({took:.1f} s)")
            else:
                print(f"FAILED {path.name} ({took:.1f} s)")
                failures.append(error)
    for error in failures:
        print(f"\n{error}", file=sys.stderr)
    print(f"\n{len(paths) - len(failures)} of {len(paths)} notebook(s) ran clean")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
