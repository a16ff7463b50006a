"""Text tables (文本表格): the responsibility matrix as CSV (for Excel and WPS) and Markdown.

Every CSV cell passes :func:`fazhi_model.export._safe.cell`: text that would start a formula
(``=``, ``+``, ``-``, ``@``, tab, carriage return) is written with a leading ``'`` (OWASP).
"""

from __future__ import annotations

import csv
import io

from fazhi_model._display import markdown_table
from fazhi_model.export._safe import cell
from fazhi_model.views.matrix import Matrix, header, legend, table

__all__ = ["to_csv", "to_markdown"]


def to_csv(m: Matrix) -> str:
    """CSV text with a byte-order mark (Excel and WPS then read it as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([cell(v) for v in header(m)])
    writer.writerows([cell(v) for v in row] for row in table(m))
    return "\ufeff" + buffer.getvalue()


def to_markdown(m: Matrix) -> str:
    """The matrix as a Markdown table with the task titles, then the legend."""
    view = "展开到单位" if m.expanded else "按责任单位注"
    notes = "; ".join(f"{label}: {text}" for label, text in legend(m))
    return (
        f"# {m.title} 任务分工表 ({view})\n\n"
        + markdown_table(header(m, titles=True), table(m, titles=True))
        + f"\n{notes}\n"
    )
