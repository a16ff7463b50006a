"""MkDocs hook: render the Sphinx roles of the docstrings (``:class:`~a.b.C```) as plain code.

mkdocstrings renders a docstring's ``:class:`Quota``` as the text ``:class:`` followed by the
code ``Quota``. This hook drops the role name, and a leading ``~`` keeps only the last dotted
part, as Sphinx shows it.
"""

from __future__ import annotations

import re
from typing import Any

_ROLE = re.compile(r":(?:class|func|meth|attr|data|mod|exc|obj|const):<code>(~?)([^<]*)</code>")


def _plain(match: re.Match[str]) -> str:
    tilde, target = match.groups()
    return f"<code>{target.rsplit('.', 1)[-1] if tilde else target}</code>"


def on_page_content(html: str, **kwargs: Any) -> str:
    """Drop Sphinx role names before inline code in a rendered page."""
    return _ROLE.sub(_plain, html)
