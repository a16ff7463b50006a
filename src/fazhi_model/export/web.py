"""Web pages (网页): whole HTML files for ``--format html``.

The tables themselves come from the objects' own display (``_repr_html_``, built with
:mod:`fazhi_model._display`); this module wraps them in a page.
"""

from __future__ import annotations

from fazhi_model._display import page
from fazhi_model.model.document import Document, Task
from fazhi_model.views.division_table import DivisionTable
from fazhi_model.views.matrix import Matrix

__all__ = ["division_html", "document_html", "matrix_html", "page", "task_html"]


def document_html(doc: Document) -> str:
    """A document: its title line, then one row per task (number, title, 责任单位, provisions)."""
    return doc._repr_html_()


def task_html(task: Task) -> str:
    """A task: its number, title and 责任单位, then one row per provision."""
    return task._repr_html_()


def matrix_html(matrix: Matrix) -> str:
    """A responsibility matrix: a row per task, a column per reference or unit."""
    return matrix._repr_html_()


def division_html(table: DivisionTable) -> str:
    """A 任务分工表 (or one unit's table): title, then the headings as rows across the table."""
    return table._repr_html_()
