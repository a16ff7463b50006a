"""The document's metadata (文件信息) read from its text: title, issuer, date, number, adoption,
disclosure, the documents it implements and its addressees.
"""

from __future__ import annotations

import datetime as dt
import re

from fazhi_model.model.document import Metadata, Reference
from fazhi_model.parse import annotation as _ann
from fazhi_model.parse.norm import Normalized, number
from fazhi_model.parse.outline import DATE, DISCLOSURE, ISSUER, Line
from fazhi_model.parse.report import PLACEHOLDER, Issue

__all__ = ["PLACEHOLDER_DATE", "read_metadata"]

PLACEHOLDER_DATE = dt.date(1900, 1, 1)
"""The ``issued`` date written where the text has no date line (listed in the report)."""

_GENRE = re.compile(r"意见|方案|办法|通知|规定|细则|规划|计划|要点|措施|决定|清单|制度")
_ISSUER_TITLE = re.compile(
    r"^(国务院办公厅|国务院|\S{2,25}?(?:人民政府办公室|人民政府办公厅|人民政府|委员会|办公室|局))关于"
)
_ADOPTED = re.compile(r"经(.{2,30}?会议)(?:审议|研究)通过")
_IMPLEMENTS = re.compile(r"《([^《》]{1,100})》\s{0,3}\(([^()]{0,40}?〔\d{4}〕\d{1,5}号)\)")
_NUMBER_LINE = re.compile(r"^\S{1,10}〔\d{4}〕\d+号$")


def read_metadata(norm: Normalized, preamble: list[Line], issues: list[Issue]) -> Metadata:
    """The metadata of ``norm``'s text; ``preamble`` is the lines before the first item.

    A field not found gets a placeholder, listed in ``issues``.
    """
    text = norm.text
    lines = [text[x.start : x.end] for x in preamble]
    every = [x.strip() for x in text.split("\n")]
    title = next(
        (
            x.strip("《》 ")
            for x in reversed(lines)
            if 4 <= len(x) <= 60 and _GENRE.search(x) and not re.search(r"[,。:;]", x)
        ),
        None,
    )
    issuer = next((m.group(1) for x in every if (m := ISSUER.match(x))), None)
    if issuer is None and title is not None:
        match = _ISSUER_TITLE.match(title)
        issuer = match.group(1) if match else None
    issued = None
    for x in every:
        match = DATE.match(x)
        if match:
            year, month, day = (number(g) for g in match.groups())
            try:
                issued = dt.date(year or 0, month or 0, day or 0)
            except ValueError:
                continue
            break
    head = "\n".join(lines)
    adopted = _ADOPTED.search(head)
    disclosure = DISCLOSURE.search(text)
    addressees = next((x for x in lines if x.endswith(":") and re.search(r"[,、]", x)), None)
    implements = tuple(
        Reference(title=m.group(1), number=m.group(2))
        for m in _IMPLEMENTS.finditer(head)
        if m.group(1) != title
    )
    doc_number = next((x for x in lines if _NUMBER_LINE.match(x)), None)
    for field, value in (("title", title), ("issuer", issuer), ("issued", issued)):
        if value is None:
            shown = PLACEHOLDER_DATE if field == "issued" else PLACEHOLDER
            issues.append(
                Issue(
                    kind="placeholder",
                    where=f"metadata.{field}",
                    message=f"not found in the text; {shown} written in its place",
                )
            )
    return Metadata(
        title=title or PLACEHOLDER,
        issuer=issuer or PLACEHOLDER,
        issued=issued or PLACEHOLDER_DATE,
        adopted_at=adopted.group(1) if adopted else None,
        disclosure=disclosure.group(1) if disclosure else None,
        number=doc_number,
        implements=implements,
        addressees=tuple(
            n.strip() for n, _ in _ann.top_split(addressees.rstrip(":"), (",",)) if n.strip()
        )
        if addressees
        else (),
    )
