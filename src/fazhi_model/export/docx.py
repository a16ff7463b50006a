"""The 任务分工表 as a Word document (任务分工表.docx), for Word and WPS.

Writes a :class:`~fazhi_model.views.division_table.DivisionTable` (the whole document's table
or one unit's) as offices print it: A4 landscape; the title in 方正小标宋简体 (黑体 where
missing), centred; a table with borders whose header row (黑体) repeats on every page
(``w:tblHeader``); the headings as rows merged across the table; the body in 仿宋 (宋体
where missing), Latin text in Times New Roman; ``第 N 页 共 M 页`` centred in the footer
(``PAGE`` and ``NUMPAGES`` fields). Chinese font names are set as East Asian fonts
(``w:rFonts w:eastAsia``), which is where Word looks for the font of CJK text, and each
font's fallback is declared in the font table (``w:altName``).

Needs the ``docx`` extra (``pip install fazhi_model[docx]``): python-docx is imported only
here, only when a document is written. The write is atomic
(:func:`fazhi_model.store.files.atomic_path`); text passes through
:func:`fazhi_model.export._safe.xml_text`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fazhi_model.errors import require
from fazhi_model.export._layout import BODY, HEADER, LATIN_FONT, TITLE, FontSpec
from fazhi_model.export._safe import xml_text
from fazhi_model.store.files import atomic_path
from fazhi_model.views.division_table import Band, DivisionTable
from fazhi_model.wording import PAGE_FOOTER

__all__ = ["PAGE_MM", "Docx", "build", "run_in", "write_table"]

PAGE_MM = (297, 210)
"""A4 landscape, width × height in millimetres."""

_MARGIN_MM = (20, 25, 20, 25)
"""Top, right, bottom, left margins in millimetres."""

_CENTRED = frozenset({"序号", "牵头单位", "完成时限", "条款", "类型", "到期日"})
_HEADER_SHADE = "D9D9D9"
_BAND_SHADE = "F2F2F2"


class Docx:
    """The python-docx names this module uses, imported once the extra is known to be there."""

    def __init__(self) -> None:
        self.docx = require("docx", "docx", feature="DOCX")
        shared = importlib.import_module("docx.shared")
        self.Pt, self.Mm = shared.Pt, shared.Mm
        self.qn = importlib.import_module("docx.oxml.ns").qn
        self.OxmlElement = importlib.import_module("docx.oxml").OxmlElement
        self.parse_xml = importlib.import_module("docx.oxml").parse_xml
        self.WD_ORIENT = importlib.import_module("docx.enum.section").WD_ORIENT
        self.WD_ALIGN = importlib.import_module("docx.enum.text").WD_ALIGN_PARAGRAPH
        table_enum = importlib.import_module("docx.enum.table")
        self.WD_CELL_V = table_enum.WD_CELL_VERTICAL_ALIGNMENT
        self.WD_TABLE_ALIGN = table_enum.WD_TABLE_ALIGNMENT

    def element(self, tag: str, **attrs: str) -> Any:
        el = self.OxmlElement(tag)
        for key, value in attrs.items():
            el.set(self.qn(f"w:{key}"), value)
        return el


def _fonts(d: Docx, r_pr: Any, spec: FontSpec) -> None:
    """Latin text in Times New Roman, East Asian text in ``spec.name`` (``w:eastAsia``)."""
    fonts = r_pr.find(d.qn("w:rFonts"))
    if fonts is None:
        fonts = d.element("w:rFonts")
        r_pr.insert(0, fonts)
    for key in ("ascii", "hAnsi", "cs"):
        fonts.set(d.qn(f"w:{key}"), LATIN_FONT)
    fonts.set(d.qn("w:eastAsia"), spec.name)
    fonts.set(d.qn("w:hint"), "eastAsia")


def run_in(d: Docx, paragraph: Any, text: str, spec: FontSpec, *, bold: bool = False) -> Any:
    """Add ``text`` to ``paragraph`` as a run in ``spec``'s font and size (XML-safe)."""
    run = paragraph.add_run(xml_text(text))
    run.font.size = d.Pt(spec.size)
    run.font.bold = bold
    run.font.name = LATIN_FONT
    _fonts(d, run._element.get_or_add_rPr(), spec)
    return run


def _font_table(d: Docx, document: Any) -> None:
    """Declare each Chinese font with its fallback (``w:altName``) in ``word/fontTable.xml``."""
    etree = importlib.import_module("lxml.etree")
    for part in document.part.package.iter_parts():
        if str(part.partname) != "/word/fontTable.xml":
            continue
        root = etree.fromstring(part.blob)
        known = {f.get(d.qn("w:name")) for f in root.findall(d.qn("w:font"))}
        for spec in (TITLE, HEADER, BODY):
            if spec.name in known:
                continue
            known.add(spec.name)
            font = etree.SubElement(root, d.qn("w:font"))
            font.set(d.qn("w:name"), spec.name)
            if spec.fallback != spec.name:
                etree.SubElement(font, d.qn("w:altName")).set(d.qn("w:val"), spec.fallback)
            etree.SubElement(font, d.qn("w:charset")).set(d.qn("w:val"), "86")  # GB2312
            etree.SubElement(font, d.qn("w:family")).set(d.qn("w:val"), "auto")
            etree.SubElement(font, d.qn("w:pitch")).set(d.qn("w:val"), "variable")
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _shade(d: Docx, cell: Any, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(d.element("w:shd", val="clear", color="auto", fill=fill))


def _field(d: Docx, paragraph: Any, instruction: str, spec: FontSpec) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) whose result Word computes when it shows it."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("", "1")):
        run = run_in(d, paragraph, "", spec)
        if kind == "instr":
            instr = d.element("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = f" {text} "
            run._element.append(instr)
        elif kind:
            run._element.append(d.element("w:fldChar", fldCharType=kind))
        else:
            run.text = text
    run_in(d, paragraph, "", spec)._element.append(d.element("w:fldChar", fldCharType="end"))


def _footer(d: Docx, section: Any) -> None:
    """``第 N 页 共 M 页`` centred: the page number and the page count as fields."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = d.WD_ALIGN.CENTER
    small = FontSpec(BODY.name, BODY.fallback, BODY.sheet, 10.5)
    before, middle, after = PAGE_FOOTER
    run_in(d, paragraph, before, small)
    _field(d, paragraph, "PAGE", small)
    run_in(d, paragraph, middle, small)
    _field(d, paragraph, "NUMPAGES", small)
    run_in(d, paragraph, after, small)


def _cell_text(d: Docx, cell: Any, text: str, spec: FontSpec, *, centre: bool, bold: bool) -> None:
    """One paragraph per line of ``text``, a little space between items so that each
    requirement stands apart from the next where they wrap."""
    lines = text.split("\n") if text else [""]
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        paragraph.alignment = d.WD_ALIGN.CENTER if centre else d.WD_ALIGN.LEFT
        paragraph.paragraph_format.space_before = d.Pt(0)
        last = index == len(lines) - 1
        paragraph.paragraph_format.space_after = d.Pt(0 if last else 3)
        run_in(d, paragraph, line, spec, bold=bold)
    cell.vertical_alignment = d.WD_CELL_V.CENTER


def _cell_margins(d: Docx, grid: Any) -> None:
    """Space between the text and the borders (``w:tblCellMar``): 1.5 mm beside, 0.8 mm above
    and below."""
    margins = d.element("w:tblCellMar")
    for side, twips in (("top", "45"), ("left", "85"), ("bottom", "45"), ("right", "85")):
        margins.append(d.element(f"w:{side}", w=twips, type="dxa"))
    tbl_pr = grid._tbl.tblPr
    look = tbl_pr.find(d.qn("w:tblLook"))  # the schema puts tblCellMar before tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def _repeat_header(d: Docx, row: Any) -> None:
    """Repeat this row at the top of every page (``w:tblHeader``) and keep it whole."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(d.element("w:cantSplit", val="true"))
    tr_pr.append(d.element("w:tblHeader", val="true"))


def _layout(d: Docx, document: Any) -> None:
    section = document.sections[0]
    section.orientation = d.WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = d.Mm(PAGE_MM[0]), d.Mm(PAGE_MM[1])
    top, right, bottom, left = _MARGIN_MM
    section.top_margin, section.right_margin = d.Mm(top), d.Mm(right)
    section.bottom_margin, section.left_margin = d.Mm(bottom), d.Mm(left)
    section.footer_distance = d.Mm(10)
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = d.Pt(BODY.size)
    _fonts(d, normal.element.get_or_add_rPr(), BODY)
    _footer(d, section)


def build(table: DivisionTable) -> Any:
    """The table as a python-docx ``Document`` (not yet saved)."""
    d = Docx()
    document = d.docx.Document()
    _layout(d, document)
    _font_table(d, document)
    document.core_properties.title = xml_text(table.title)
    title = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    title.alignment = d.WD_ALIGN.CENTER
    run_in(d, title, table.title, TITLE)
    if table.subtitle:
        sub = document.add_paragraph()
        sub.alignment = d.WD_ALIGN.CENTER
        run_in(d, sub, table.subtitle, BODY)
    count = len(table.header)
    grid = document.add_table(rows=1 + len(table.rows), cols=count)
    grid.style = document.styles["Table Grid"]
    grid.alignment = d.WD_TABLE_ALIGN.CENTER
    grid.autofit = False
    _cell_margins(d, grid)
    usable = PAGE_MM[0] - _MARGIN_MM[1] - _MARGIN_MM[3]
    total = sum(table.widths)
    widths = [d.Mm(usable * w / total) for w in table.widths]
    for column, w in zip(grid.columns, widths, strict=True):
        column.width = w
    for row in grid.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = w
    head = grid.rows[0]
    _repeat_header(d, head)
    for cell, name in zip(head.cells, table.header, strict=True):
        _shade(d, cell, _HEADER_SHADE)  # before the text: shd precedes vAlign in tcPr
        _cell_text(d, cell, name, HEADER, centre=True, bold=False)
    for row, source in zip(grid.rows[1:], table.rows, strict=True):
        if isinstance(source, Band):
            merged = row.cells[0].merge(row.cells[count - 1])
            _shade(d, merged, _BAND_SHADE)
            _cell_text(d, merged, source.text, HEADER, centre=False, bold=False)
            continue
        for cell, name, text in zip(row.cells, table.header, source.cells, strict=True):
            _cell_text(d, cell, text, BODY, centre=name in _CENTRED, bold=False)
    for note in table.notes:
        paragraph = document.add_paragraph()
        run_in(d, paragraph, note, FontSpec(BODY.name, BODY.fallback, BODY.sheet, 10.5))
    return document


def write_table(
    table: DivisionTable, path: str | Path, *, inputs: Iterable[str | Path] = ()
) -> Path:
    """Write the table as a Word document to ``path``, atomically; ``inputs`` are files the
    output may not replace. Returns the path.
    """
    document = build(table)
    target = Path(path)
    with atomic_path(target, inputs=inputs) as temp:
        document.save(str(temp))
    return target
