"""The year file (年度放假安排文件): one State Council holiday notice as data, and its checks.

A year file holds what one notice (国务院办公厅关于20XX年部分节假日安排的通知) says: the holiday
spans (放假), the swapped working weekend days (调休上班) and where the notice was read. The
bundled files are ``data/calendar/2024.yaml`` …; a user writes one for a year whose notice came
out after this library's release (see ``docs/calendar.md``).

Reading goes through the project's one converter (:mod:`fazhi_model.store._converter`): an
unknown key, a missing field, a date that is not a date or a number that is not a number is a
:class:`~fazhi_model.errors.LoadError` naming the file, the line and the path
(``holidays[2].start``). The rules of a notice (spans in order, swapped days on weekends, …)
are checked after that, with the same kind of located problems.

Years (年份范围): a year file names a year in :data:`YEARS` (1949 to 2100, the years the rest
of the library accepts); its dates lie in that year, or in the December before or the January
after it (a notice may swap a day across New Year).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import attrs
from cattrs.gen import make_dict_structure_fn, override

from fazhi_model.errors import InputError, LineFinder, LoadError, Problem, Segment, format_path
from fazhi_model.model.document import Reference
from fazhi_model.model.rules import YEARS
from fazhi_model.store._converter import converter, structure
from fazhi_model.store.files import check_input
from fazhi_model.store.load import parse
from fazhi_model.wording import WEEKDAYS

__all__ = [
    "HolidaySpan",
    "Notice",
    "SwappedWorkday",
    "YearData",
    "load_year_file",
    "parse_year",
]


@attrs.frozen(kw_only=True)
class Notice:
    """The State Council General Office notice a year's data comes from (放假通知)."""

    title: str
    number: str | None = None
    """Document number (文号), e.g. 国办发明电〔2023〕7号; None where not verified."""
    date: dt.date | None = None
    url: str | None = None


@attrs.frozen(kw_only=True)
class HolidaySpan:
    """A holiday span of a notice (放假期间): every day from ``start`` to ``end`` inclusive rests.

    ``name`` is the Chinese name as the notice writes it (元旦, 春节, 清明节, 劳动节, 端午节,
    中秋节, 国庆节, or a joint name such as 国庆节、中秋节); ``text`` quotes the notice.
    """

    name: str
    start: dt.date
    end: dt.date
    name_en: str | None = None
    days: int | None = None
    """The notice's "共N天", where it states one."""
    text: str | None = None

    def dates(self) -> tuple[dt.date, ...]:
        """Every day of the span, in order."""
        first = self.start.toordinal()
        return tuple(dt.date.fromordinal(o) for o in range(first, self.end.toordinal() + 1))


@attrs.frozen(kw_only=True)
class SwappedWorkday:
    """A make-up working Saturday or Sunday (调休上班日), and the holiday it serves."""

    date: dt.date
    holiday: str
    text: str | None = None


@attrs.frozen(kw_only=True)
class YearData:
    """One year's holiday notice as data (年度放假安排): spans, swapped workdays, provenance.

    ``holidays`` and ``workdays`` are kept in date order.
    """

    year: int
    notice: Notice
    holidays: tuple[HolidaySpan, ...]
    workdays: tuple[SwappedWorkday, ...]
    references: tuple[Reference, ...] = ()
    checked_with: tuple[str, ...] = ()
    limitations: tuple[str, ...] = ()
    source: str | None = attrs.field(default=None, eq=False)
    """The file the data was read from, if any (not part of equality; never read from data)."""

    def says(self) -> Iterator[tuple[dt.date, bool, str]]:
        """Every day the notice speaks of: (date, is a working day, holiday name)."""
        for span in self.holidays:
            for day in span.dates():
                yield day, False, span.name
        for w in self.workdays:
            yield w.date, True, w.holiday


# The file's ``source`` is where it was read from, never a key of the data.
converter.register_structure_hook(
    YearData,
    make_dict_structure_fn(
        YearData, converter, _cattrs_forbid_extra_keys=True, source=override(omit=True)
    ),
)


def parse_year(
    data: Any, *, file: str | None = None, line_of: LineFinder | None = None
) -> YearData:
    """Check and convert one year's plain data (as read from YAML or JSON) into :class:`YearData`.

    Raises :class:`~fazhi_model.errors.LoadError` listing every problem, each with the file,
    the line where known and the field path (``holidays[2].start``). Rules, beyond the types:
    ``year`` is in :data:`YEARS`; texts are not blank and hold no control characters; each
    holiday has ``start <= end`` (and ``days``, if given, equals the span's length); spans do
    not overlap; each swapped workday is a Saturday or Sunday, outside every span, listed once,
    serving a holiday named in the file; all dates lie in the year, or in the December before
    or January after it.
    """
    raw = structure(data, YearData, file=file, lines=line_of)
    found = list(_rules(raw))
    if found:
        raise LoadError(
            [
                Problem(
                    path=format_path(path),
                    message=message,
                    file=file,
                    line=line_of(path) if line_of is not None else None,
                )
                for path, message in found
            ]
        )
    return attrs.evolve(
        raw,
        holidays=tuple(sorted(raw.holidays, key=lambda s: s.start)),
        workdays=tuple(sorted(raw.workdays, key=lambda w: w.date)),
        source=file,
    )


def load_year_file(path: Path | str) -> YearData:
    """Read and check one year file (年度放假安排文件), YAML or JSON; see :func:`parse_year`.

    Only a regular file of at most :data:`~fazhi_model.store.files.MAX_DOCUMENT_BYTES` is read;
    it must be UTF-8; duplicate keys and control characters are refused with their line.
    """
    if not isinstance(path, str | Path):
        raise InputError(f"expected a year file path (str or Path), got {type(path).__name__}")
    p = check_input(path)
    data, line_of = parse(p)
    return parse_year(data, file=str(p), line_of=line_of)


Found = Iterator[tuple[tuple[Segment, ...], str]]


def _text_problem(value: str) -> str | None:
    if not value.strip():
        return "expected non-empty text"
    for ch in value:
        if ch not in "\n\t" and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            return f"control or invalid character U+{ord(ch):04X} is not allowed in text"
    return None


def _texts(data: YearData) -> Found:
    n = data.notice
    fields: list[tuple[tuple[Segment, ...], str | None]] = [
        (("notice", "title"), n.title),
        (("notice", "number"), n.number),
        (("notice", "url"), n.url),
    ]
    for i, r in enumerate(data.references):
        fields += [
            (("references", i, "title"), r.title),
            (("references", i, "number"), r.number),
            (("references", i, "issuer"), r.issuer),
            (("references", i, "url"), r.url),
        ]
    for key in ("checked_with", "limitations"):
        fields += [((key, i), t) for i, t in enumerate(getattr(data, key))]
    for i, s in enumerate(data.holidays):
        fields += [
            (("holidays", i, "name"), s.name),
            (("holidays", i, "name_en"), s.name_en),
            (("holidays", i, "text"), s.text),
        ]
    for i, w in enumerate(data.workdays):
        fields += [(("workdays", i, "holiday"), w.holiday), (("workdays", i, "text"), w.text)]
    for path, value in fields:
        if value is not None and (problem := _text_problem(value)) is not None:
            yield path, problem


def _rules(data: YearData) -> Found:
    yield from _texts(data)
    year = data.year
    if year not in YEARS:
        yield ("year",), f"expected a year from {YEARS.start} to {YEARS.stop - 1}, got {year}"
        return
    lo, hi = dt.date(year - 1, 12, 1), dt.date(year + 1, 1, 31)

    def outside(d: dt.date) -> str | None:
        if lo <= d <= hi:
            return None
        return f"{d} is not in {year} (nor in the December before or January after)"

    spans: list[tuple[int, HolidaySpan]] = []
    for i, s in enumerate(data.holidays):
        p: tuple[Segment, ...] = ("holidays", i)
        bad = False
        for key, d in (("start", s.start), ("end", s.end)):
            if (message := outside(d)) is not None:
                yield (*p, key), message
                bad = True
        if s.end < s.start:
            yield (*p, "end"), f"ends ({s.end}) before it starts ({s.start})"
            continue
        length = (s.end - s.start).days + 1
        if s.days is not None and s.days != length:
            yield (*p, "days"), f"says {s.days} days but {s.start} to {s.end} is {length} days"
        if not bad:
            spans.append((i, s))

    spans.sort(key=lambda item: item[1].start)
    for (i, a), (j, b) in pairwise(spans):
        if b.start <= a.end:
            yield ("holidays", j, "start"), f"overlaps holidays[{i}] ({a.start} to {a.end})"

    names = {s.name for s in data.holidays}
    seen: dict[dt.date, int] = {}
    for i, w in enumerate(data.workdays):
        p = ("workdays", i, "date")
        d = w.date
        if (message := outside(d)) is not None:
            yield p, message
        if d.weekday() < 5:
            yield (
                p,
                (
                    f"{d} is a {d:%A} ({WEEKDAYS[d.weekday()]}); "
                    "a swapped workday (调休上班) must be a Saturday or Sunday"
                ),
            )
        for _, s in spans:
            if s.start <= d <= s.end:
                yield p, f"{d} lies inside the holiday {s.name}"
        if d in seen:
            yield p, f"{d} is listed twice (also workdays[{seen[d]}])"
        seen.setdefault(d, i)
        if w.holiday not in names:
            yield ("workdays", i, "holiday"), f"{w.holiday!r} is not one of this file's holidays"
