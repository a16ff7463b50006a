"""Where the bundled data lives (内置数据).

In a wheel the top-level ``data/`` folder is installed as ``fazhi_model/data``; in a source
checkout (editable install, tests) it is read from the repository's ``data/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def data_dir() -> Path:
    """The folder holding ``documents/``, ``units/`` and ``calendar/``."""
    here = Path(__file__).resolve().parent.parent  # fazhi_model/
    for candidate in (here / "data", here.parent.parent / "data"):
        if (candidate / "documents").is_dir():
            return candidate
    raise FileNotFoundError(f"fazhi_model's bundled data is missing (looked in {here / 'data'})")
