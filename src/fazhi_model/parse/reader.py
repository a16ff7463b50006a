"""Reading a new document of the genre into a skeleton model (解析).

:func:`parse_text` turns the text of an implementation opinion (实施意见) or a task list into
a :class:`~fazhi_model.model.document.Document` marked ``review=extracted`` and a
:class:`ParseReport` of what a reviewer must check or fix::

    result = parse_text(text, load_registry("ganzhou"))
    result.document.tasks[0].responsible
    for issue in result.report.issues: ...

The hierarchy read: parts 一、 / headings (一) / tasks 1. (also 1． 1、) / sub-items (1) ①,
and sections 一是 outside the tasks; where a document has no 1. items, (一) items carrying a
responsibility annotation are its tasks. Full-width and ASCII punctuation are read alike
(NFKC); traditional characters are converted with OpenCC when it is installed. Every quote
(``text``, ``annotation``, ``source``) is cut from the original text verbatim. See
``docs/parser.md`` for the annotation styles and measurable phrases understood.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import attrs

from fazhi_model.errors import FazhiError, InputError, MissingDependencyError, require
from fazhi_model.model.document import Document, Review
from fazhi_model.model.units import RESPONSIBLE, Registry
from fazhi_model.parse.assembly import Builder
from fazhi_model.parse.attachment import Finder
from fazhi_model.parse.clauses import Context
from fazhi_model.parse.metadata import PLACEHOLDER_DATE, read_metadata
from fazhi_model.parse.norm import Normalized, looks_traditional, normalize
from fazhi_model.parse.outline import demote_tasks, promote_headings, read_lines
from fazhi_model.parse.report import KINDS, PLACEHOLDER, Issue, ParseReport, report_row
from fazhi_model.parse.tables import find_tables

__all__ = [
    "KINDS",
    "MAX_TEXT",
    "PLACEHOLDER",
    "PLACEHOLDER_DATE",
    "Issue",
    "ParseReport",
    "ParseResult",
    "parse_text",
    "report_row",
    "traditional_converter",
]

MAX_TEXT = 2_000_000
"""The longest text :func:`parse_text` reads, in characters (about 6 MB of UTF-8 Chinese)."""


@attrs.frozen
class ParseResult:
    """A parsed document (``review=extracted``) and its review report (解析结果)."""

    document: Document
    report: ParseReport


def traditional_converter() -> Callable[[str], str]:
    """OpenCC's traditional → simplified conversion (繁转简); MissingDependencyError if absent."""
    opencc = require("opencc", "opencc", feature="繁转简 t2s")
    for config in ("t2s", "t2s.json"):
        try:
            converter = opencc.OpenCC(config)
        except Exception:  # the package's config names differ by version
            continue
        convert: Callable[[str], str] = converter.convert
        return convert
    raise MissingDependencyError(
        "OpenCC 缺少 t2s 配置 (OpenCC is installed but has no t2s configuration)"
    )


def parse_text(
    text: str, registry: Registry | None = None, *, doc_id: str = "extracted"
) -> ParseResult:
    """Read ``text`` into a skeleton :class:`Document` and a review :class:`ParseReport`.

    Unit names resolve against ``registry`` where given; unknown names are kept as written and
    listed. Nothing found is dropped: what could not be read is in the report. Time and memory
    are linear in the length of ``text``; a text longer than :data:`MAX_TEXT` characters is
    refused with an :class:`~fazhi_model.errors.InputError`.
    """
    if not isinstance(text, str):
        raise InputError(
            f"parse_text 需要 str 文本, 收到 {type(text).__name__} "
            "(expected the text as str; decode bytes first, e.g. data.decode('utf-8'))"
        )
    if registry is not None and not isinstance(registry, Registry):
        raise InputError(
            f"registry 需要 Registry 或 None, 收到 {type(registry).__name__} "
            "(expected a Registry, e.g. load_registry('ganzhou'), or None)"
        )
    if len(text) > MAX_TEXT:
        raise InputError(
            f"文本过长: {len(text)} 个字符, 上限 {MAX_TEXT} (the text has {len(text)} "
            f"characters; the parser reads at most {MAX_TEXT}: split the document)"
        )
    issues: list[Issue] = []
    norm = _normalize(text, issues)
    ctx = Context(norm=norm, registry=registry, issues=issues)
    tables = find_tables(norm.text)
    lines = read_lines(norm.text, tables)
    find = Finder(norm.text, registry)
    promote_headings(lines, norm.text, find)
    demote_tasks(lines, norm.text, find)
    builder = Builder(ctx, lines, tables, find)
    builder.run()
    metadata = read_metadata(norm, lines[: builder.first], issues)
    doc = Document(
        id=doc_id,
        metadata=metadata,
        review=Review.EXTRACTED,
        parts=tuple(builder.parts),
        headings=tuple(builder.headings),
        tasks=tuple(builder.tasks),
        sections=tuple(builder.sections),
        units=registry,
        source_text=text,
    )
    _check_units(doc, registry, issues)
    kinds = Counter(p.kind for _, p in doc.provisions())
    counts = {
        "parts": len(doc.parts),
        "headings": len(doc.headings),
        "tasks": len(doc.tasks),
        "sections": len(doc.sections),
        "provisions": sum(kinds.values()),
        **{f"provisions.{k}": v for k, v in sorted(kinds.items())},
    }
    return ParseResult(doc, ParseReport(counts=counts, issues=tuple(issues)))


def _normalize(text: str, issues: list[Issue]) -> Normalized:
    norm = normalize(text)
    if not looks_traditional(norm.text):
        return norm
    try:
        convert = traditional_converter()
    except FazhiError as exc:
        issues.append(
            Issue(
                kind="traditional-text",
                where="text",
                message=f"the text looks traditional and was read as written: {exc}; "
                "unit names, titles and phrases may be missed",
            )
        )
        return norm
    issues.append(
        Issue(
            kind="traditional-text",
            where="text",
            message="traditional characters were converted to simplified (OpenCC t2s) for "
            "reading; titles and names are simplified, quotes are the original text",
        )
    )
    return normalize(text, convert)


def _check_units(doc: Document, registry: Registry | None, issues: list[Issue]) -> None:
    if registry is None:
        issues.append(
            Issue(
                kind="no-registry",
                where="units",
                message="no unit registry given: unit names were split by their form only "
                "and none was checked",
            )
        )
        return
    for task in doc.tasks:
        for name in task.responsible:
            if registry.find(name) is None:
                issues.append(
                    Issue(
                        kind="unresolved-unit",
                        where=f"task {task.number}",
                        message="not in the registry; kept as written",
                        text=name,
                    )
                )
    for _, provision in doc.provisions():
        bearer = provision.bearer
        if bearer not in (RESPONSIBLE, PLACEHOLDER) and registry.find(bearer) is None:
            issues.append(
                Issue(
                    kind="unknown-bearer",
                    where=provision.id,
                    message="the bearer is not in the registry",
                    text=bearer,
                )
            )
