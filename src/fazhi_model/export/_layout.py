"""Print layout of official tables (公文表格版式): fonts, sizes and page, shared by XLSX and DOCX.

As Chinese government tables set them (GB/T 9704-2012 for the documents they attach to): the
title in 方正小标宋简体 (falling back to 黑体 where it is not installed), the header row in
黑体, the body in 仿宋 (falling back to 宋体); Latin letters and digits in Times New Roman;
A4 landscape; the page number ``第 N 页 共 M 页`` centred in the footer.

A DOCX names the fallback of each font in its font table (``w:altName``), which Word and
WPS use where the first font is missing. An XLSX cell has one font name and no fallback, so
the spreadsheet uses 黑体 for the title and 仿宋 for the body, which every Chinese Windows
and WPS installation has.
"""

from __future__ import annotations

import attrs

__all__ = ["BODY", "HEADER", "LATIN_FONT", "TITLE", "FontSpec"]

LATIN_FONT = "Times New Roman"
"""The font of Latin letters and digits."""


@attrs.frozen
class FontSpec:
    """A font for one part of a table (字体): its name, the name used where it is missing,
    the name a spreadsheet uses (one that Chinese Windows and WPS always have), and its size
    in points (字号).
    """

    name: str
    fallback: str
    sheet: str
    size: float


TITLE = FontSpec("方正小标宋简体", "黑体", "黑体", 18)
"""The title (标题): 二号 is usual on a page; 小二 (18 pt) fits a landscape table."""

HEADER = FontSpec("黑体", "黑体", "黑体", 12)
"""The header row (表头): 黑体 小四."""

BODY = FontSpec("仿宋", "宋体", "仿宋", 11)
"""The body cells (正文): 仿宋, 11 pt (between 小四 and 五号) so that the table stays legible."""
