"""Safe cells and text (安全输出): what every export passes its text through.

* Spreadsheets (CSV, XLSX): a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return would be read by Excel or WPS as a formula (CSV/formula injection). As OWASP
  recommends, such a cell is written with a leading apostrophe ``'``, so it shows as the text it
  is. Numbers stay numbers.
* XML (GraphML, GEXF, XLSX, DOCX): characters XML 1.0 forbids (C0 controls other than tab,
  newline and carriage return; lone surrogates; U+FFFE, U+FFFF) are removed.
* iCalendar (RFC 5545): control characters other than tab and newline, and lone surrogates
  (which UTF-8 cannot encode), become spaces in text values.
"""

from __future__ import annotations

import re

__all__ = ["cell", "ics_text", "xml_text"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ICS_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def cell(value: object) -> object:
    """A spreadsheet cell value: text that could start a formula gets a leading ``'``."""
    if isinstance(value, str):
        text = xml_text(value)
        return "'" + text if text.startswith(_FORMULA_START) else text
    return value


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    return _XML_FORBIDDEN.sub("", text)


def ics_text(text: str) -> str:
    """``text`` without the control characters RFC 5545 forbids in TEXT (tab and newline kept)."""
    return _ICS_FORBIDDEN.sub(" ", text.replace("\r\n", "\n")).strip()
