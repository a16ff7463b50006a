"""Files (文件): bounded reads of inputs and atomic writes of outputs.

Every file the library reads goes through :func:`check_input` (or :func:`read_bytes`): only a
regular file is read (never a FIFO, a device such as ``/dev/zero`` or a folder), and only up to
a documented size. Every file it writes goes through :func:`atomic_write` or
:func:`atomic_path`: the data goes to a temporary file in the target folder, which is renamed
over the target only when complete, so a reader never sees half a file and concurrent writers
leave one whole file; an output that would overwrite one of the command's inputs is refused.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from fazhi_model.errors import LoadError, Problem, WriteError

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_TABLE_BYTES",
    "atomic_path",
    "atomic_write",
    "check_input",
    "read_bytes",
]

MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
"""The largest document, registry, calendar or source text read: 16 MiB."""

MAX_TABLE_BYTES = 2 * 1024 * 1024 * 1024
"""The largest ledger (CSV, XLSX, JSON) read: 2 GiB (read as a stream, never held whole)."""


def _refuse(path: Path, message: str) -> LoadError:
    return LoadError([Problem(path="", message=message, file=str(path))])


def check_input(path: str | Path, *, limit: int = MAX_DOCUMENT_BYTES) -> Path:
    """The path, once it is known to be a regular file of at most ``limit`` bytes.

    Raises :class:`~fazhi_model.errors.LoadError` naming the file otherwise.
    """
    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise _refuse(p, "文件不存在 (no such file)") from None
    except OSError as exc:
        raise _refuse(p, f"无法读取 (cannot read: {exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise _refuse(p, "这是文件夹, 不是文件 (a folder, not a file)")
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(p, "不是普通文件 (not a regular file: a pipe, device or socket is not read)")
    if info.st_size > limit:
        raise _refuse(
            p, f"文件过大: {info.st_size} 字节, 上限 {limit} (file too large; limit {limit} bytes)"
        )
    return p


def read_bytes(path: str | Path, *, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The whole content of a regular file of at most ``limit`` bytes."""
    p = check_input(path, limit=limit)
    try:
        with p.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise _refuse(p, f"无法读取 (cannot read: {exc.strerror or exc})") from None
    if len(data) > limit:
        raise _refuse(p, f"文件过大, 上限 {limit} 字节 (file too large; limit {limit} bytes)")
    return data


def _target(path: str | Path, inputs: Iterable[str | Path]) -> Path:
    p = Path(path)
    if p.is_dir():
        raise WriteError(f"{p}: 这是文件夹, 不能写入 (a folder, not a file)")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise WriteError(f"{p}: 文件夹不存在 (the folder {parent} does not exist)")
    resolved = p.resolve()
    for given in inputs:
        same = False
        with contextlib.suppress(OSError):  # WriteError is an OSError: raise it outside
            same = Path(given).resolve() == resolved
        if same:
            raise WriteError(
                f"{p}: 输出会覆盖输入文件 (the output would overwrite an input of this command)"
            )
    return p


@contextlib.contextmanager
def atomic_path(path: str | Path, *, inputs: Iterable[str | Path] = ()) -> Iterator[Path]:
    """A temporary path in the target's folder; renamed over ``path`` when the block succeeds.

    For writers that want a file name (openpyxl, python-docx, networkx). On any error the
    temporary file is removed and ``path`` is left as it was. ``inputs`` are the command's
    input files, which the output may not replace.
    """
    target = _target(path, inputs)
    try:
        fd, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path(".")
        )
    except OSError as exc:
        raise WriteError(f"{target}: 无法写入 (cannot write: {exc.strerror or exc})") from None
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        with contextlib.suppress(OSError):
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
            temp.chmod(mode)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise WriteError(f"{target}: 无法写入 (cannot write: {exc.strerror or exc})") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def atomic_write(path: str | Path, data: str | bytes, *, inputs: Iterable[str | Path] = ()) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically; see :func:`atomic_path`."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(path, inputs=inputs) as temp:
        try:
            with temp.open("wb") as f:
                f.write(raw)
                f.flush()
                os.fsync(f.fileno())
        except OSError as exc:
            raise WriteError(f"{path}: 无法写入 (cannot write: {exc.strerror or exc})") from None
