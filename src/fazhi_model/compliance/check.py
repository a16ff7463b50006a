"""Quota and target checks (考核): activity records against what the document requires.

:func:`check` evaluates, for one calendar year:

* every :class:`~fazhi_model.model.provisions.Quota` (数量要求) for every unit its bearer expands to
  in the registry; per person (每人) where the quota counts per person, the persons being those
  the records name for that unit and activity; per term of office (任期内) where the quota's
  period is a term, the terms being given by the caller;
* every :class:`~fazhi_model.model.provisions.Target` (目标) for every bearer unit, against observed
  metric values given by the caller.

Matching: a record counts toward a quota when its activity equals the quota's ``activity``
exactly (e.g. 集体学法, 行政执法培训: ``fazhi provisions --kind quota --json`` lists them) and its
unit, resolved through the registry, is one of the quota's bearer units. Only records dated in
the year count toward a yearly quota (1 January to 31 December inclusive); a term quota counts
the records dated within the term.

The activity names of the bundled document (ganzhou-2024): 常务会议学法, 集体学法, 旁听庭审,
专题讲法 (per person), 新提任领导干部法律法规知识考试, 法治培训 (per person, per term),
行政执法培训 (per person, 学时), 专项监督 (a department's own supervision of its system),
案卷评查, 组织专项监督 (organised by the judicial administration department) and
行政执法案卷评查.

Nothing is skipped: a unit without records is reported as not met (``actual`` 0); a quota or
target that cannot be judged (no terms, no metric values, a target with a direction only) is
reported with ``met=None`` and a note saying why, never as met. In-year records that match no
quota are listed in :attr:`Report.unmatched`.

Scale: the records are read once and summed per (unit, activity, person) as they stream by;
the :class:`Report` keeps those sums, not the records, and produces its results on demand, one
at a time (:meth:`Report.results`), so that a writer can write each as it is produced. Memory
grows with the number of aggregates, not with the records nor with the results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from fazhi_model._display import table
from fazhi_model.compliance.records import Number, RecordSource, Totals, totals
from fazhi_model.dates.schedule import bearer_units
from fazhi_model.errors import InputError, require
from fazhi_model.model.document import Document, Task
from fazhi_model.model.provisions import Direction, Per, Period, Quota, Target
from fazhi_model.model.rules import YEARS
from fazhi_model.model.units import Registry, Unit
from fazhi_model.store._limits import number_problem
from fazhi_model.wording import MET_LABELS

if TYPE_CHECKING:
    import pandas

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "Basis",
    "Report",
    "Result",
    "Term",
    "Unmatched",
    "Verdict",
    "check",
    "summary_counts",
    "verdict_values",
]

Term = tuple[dt.date, dt.date]
"""A term of office (任期): first and last day, inclusive."""

MIN_YEAR = YEARS.start
"""The earliest year :func:`check` accepts."""

MAX_YEAR = YEARS.stop - 1
"""The latest year :func:`check` accepts."""

Basis: TypeAlias = Literal["unit", "person", "term", "target"]
"""How a result counts (考核口径): a unit's yearly quota, a person's yearly quota, a quota per
term of office, a target."""

Verdict: TypeAlias = Literal["met", "unmet", "unknown"]
"""A result's verdict as a word (达标, 未达标, 无法判断), for filters such as ``--only unmet``."""

_VERDICT: dict[bool | None, Verdict] = {True: "met", False: "unmet", None: "unknown"}


@attrs.frozen(kw_only=True)
class Result:
    """The outcome of one provision for one unit (and person) (考核结果).

    ``required`` is the quota's minimum or the target's value; ``actual`` what the records
    (or the observed metric) show; ``shortfall`` how far ``actual`` is from ``required``
    (0 when reached); ``met`` is ``None`` where the provision cannot be judged, with the
    reason in ``note``. ``basis`` says how it counts (:data:`Basis`).
    """

    provision: str
    kind: str
    basis: Basis
    task: int | None
    unit: str
    unit_id: str
    person: str | None
    activity: str
    measure: str | None
    required: Number | None
    actual: Number | None
    shortfall: Number | None
    met: bool | None
    maximum: Number | None = None
    term: Term | None = None
    note: str | None = None

    @property
    def verdict(self) -> Verdict:
        """``met``, ``unmet`` or ``unknown`` (达标, 未达标, 无法判断)."""
        return _VERDICT[self.met]

    def to_row(self) -> dict[str, Any]:
        """The result as a flat JSON-ready row (dates as ``YYYY-MM-DD``)."""
        term = self.term
        return {
            "provision": self.provision,
            "kind": self.kind,
            "basis": self.basis,
            "task": self.task,
            "unit": self.unit,
            "unit_id": self.unit_id,
            "person": self.person,
            "activity": self.activity,
            "measure": self.measure,
            "required": self.required,
            "maximum": self.maximum,
            "actual": self.actual,
            "shortfall": self.shortfall,
            "met": self.met,
            "term_start": term[0].isoformat() if term else None,
            "term_end": term[1].isoformat() if term else None,
            "note": self.note,
        }


@attrs.frozen(kw_only=True)
class Unmatched:
    """In-year records of an activity and unit that no checked quota counts (未匹配记录)."""

    unit: str
    unit_id: str
    activity: str
    quantity: Number


class Report:
    """The results of a check (考核报告): one result per provision, unit and person.

    A report holds the records' sums, not its results: :meth:`results` (and iterating the
    report) produces them one at a time, in the document's order, each time anew. :attr:`rows`
    and :meth:`to_dataframe` hold them all, for small checks and notebooks.
    """

    __slots__ = ("_make", "_summary", "outside", "records", "unmatched", "year")

    def __init__(
        self,
        year: int,
        results: Callable[[], Iterator[Result]],
        *,
        unmatched: tuple[Unmatched, ...] = (),
        records: int = 0,
        outside: int = 0,
    ) -> None:
        self.year = year
        self._make = results
        self.unmatched = unmatched
        self.records = records
        """How many valid records were read."""
        self.outside = outside
        """How many of them were dated outside the year (not counted toward yearly quotas)."""
        self._summary: dict[str, int] | None = None

    def results(self, only: Iterable[Verdict] | None = None) -> Iterator[Result]:
        """The results, produced one at a time; ``only`` keeps those of these verdicts."""
        if only is None:
            return self._make()
        keep = verdict_values(only)
        return (r for r in self._make() if r.met in keep)

    def __iter__(self) -> Iterator[Result]:
        return self._make()

    @property
    def rows(self) -> tuple[Result, ...]:
        """Every result, held in memory (for large checks iterate :meth:`results` instead)."""
        return tuple(self._make())

    @property
    def summary(self) -> dict[str, int]:
        """Counts: results, met, not met, not evaluable; records read, outside the year."""
        if self._summary is None:
            counts = {True: 0, False: 0, None: 0}
            for r in self._make():
                counts[r.met] += 1
            self._summary = summary_counts(self, counts)
        return dict(self._summary)

    def iter_rows(self, only: Iterable[Verdict] | None = None) -> Iterator[dict[str, Any]]:
        """One :meth:`Result.to_row` per result, produced one at a time."""
        return (r.to_row() for r in self.results(only))

    def to_rows(self) -> list[dict[str, Any]]:
        """One :meth:`Result.to_row` per result (all held)."""
        return list(self.iter_rows())

    def to_dataframe(self, only: Iterable[Verdict] | None = None) -> pandas.DataFrame:
        """The results as a pandas DataFrame (needs ``fazhi_model[pandas]``)."""
        pandas = require("pandas", "pandas", feature="to_dataframe")
        columns = [a.name for a in attrs.fields(Result) if a.name != "term"]
        columns += ["term_start", "term_end"]
        frame = pandas.DataFrame.from_records(self.iter_rows(only), columns=columns)
        return frame  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"<Report {self.year}: {s['results']} results, {s['met']} met, "
            f"{s['not_met']} not met, {s['not_evaluable']} not evaluable>"
        )

    def _repr_html_(self) -> str:
        s = self.summary
        head = (
            f"<p>{self.year}年: {s['results']} 项结果, {MET_LABELS[True]} {s['met']}, "
            f"{MET_LABELS[False]} {s['not_met']}, {MET_LABELS[None]} {s['not_evaluable']}</p>"
        )
        columns = ("条款", "单位", "人员", "活动/指标", "要求", "实际", "差额", "结论", "说明")
        body = [
            tuple(
                "" if v is None else v
                for v in (
                    r.provision,
                    r.unit,
                    r.person,
                    r.activity,
                    r.required,
                    r.actual,
                    r.shortfall,
                    MET_LABELS[r.met],
                    r.note,
                )
            )
            for r in self._make()
        ]
        return head + table(columns, body, css="fazhi-check")


def summary_counts(report: Report, counts: Mapping[bool | None, int]) -> dict[str, int]:
    """The :attr:`Report.summary` of a report whose results were counted by verdict (a writer
    that counts as it writes need not produce the results twice)."""
    return {
        "results": sum(counts.values()),
        "met": counts.get(True, 0),
        "not_met": counts.get(False, 0),
        "not_evaluable": counts.get(None, 0),
        "records": report.records,
        "outside_year": report.outside,
        "unmatched": len(report.unmatched),
    }


def verdict_values(only: Iterable[Verdict]) -> set[bool | None]:
    """The ``met`` values of verdict words (``met``, ``unmet``, ``unknown``); InputError for
    another word."""
    if isinstance(only, str):
        only = [only]  # type: ignore[list-item]
    keep: set[bool | None] = set()
    for word in only:
        found = [k for k, v in _VERDICT.items() if v == word]
        if not found:
            raise InputError(f"未知结论 {word!r} (expected met, unmet or unknown)")
        keep.add(found[0])
    return keep


def check(
    doc: Document,
    year: int,
    records: RecordSource,
    *,
    unit: str | None = None,
    zones: bool = False,
    terms: Mapping[str, Term] | None = None,
    metrics: Mapping[tuple[str, str], Number] | None = None,
) -> Report:
    """Check the quotas and targets of ``doc`` for ``year`` (检查达标情况).

    ``records`` is a ledger of activity records: a path (CSV, XLSX, JSON, JSON Lines), a
    DataFrame, :class:`~fazhi_model.compliance.records.Record` objects or mappings, or a table
    from :func:`~fazhi_model.compliance.records.open_records` (to choose a sheet or map
    columns). It is streamed: never held in memory. ``terms`` maps a person's name or a unit's
    name to its term of office (start, end), inclusive. ``metrics`` maps (provision id or metric
    name, unit name) to an observed value, e.g. ``{("t10.p03", "市司法局"): 100}``. ``zones``
    counts functional zones as counties. ``unit`` keeps the results of the units that name
    stands for (a unit's name, short form or id, or a group).

    ``year`` is an int from :data:`MIN_YEAR` to :data:`MAX_YEAR`. Raises
    :class:`~fazhi_model.errors.InputError` for an argument of the wrong type or range, a term
    or metric that names no known unit or target; :class:`~fazhi_model.errors.LoadError`
    listing the bad records (the sums read so far are discarded).
    """
    if not isinstance(doc, Document):
        raise InputError(f"doc 应为 Document (expected a Document, got {type(doc).__name__})")
    if isinstance(year, bool) or not isinstance(year, int):
        raise InputError(f"year 应为整数 (expected an int year, got {year!r})")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InputError(
            f"年份超出范围 (expected a year from {MIN_YEAR} to {MAX_YEAR}, got {year})"
        )
    if unit is not None and not isinstance(unit, str):
        raise InputError(f"unit 应为文本 (expected a unit name, got {unit!r})")
    registry = doc.registry
    quotas = [(task, p) for task, p in doc.provisions() if isinstance(p, Quota)]
    targets = [(task, p) for task, p in doc.provisions() if isinstance(p, Target)]
    person_terms, unit_terms = _terms(terms or {}, registry)
    observed = _metrics(metrics, targets, registry) if metrics is not None else None
    dated = frozenset(p.activity for _, p in quotas if p.period is Period.TERM)
    keep = {u.id for u in registry.expand(unit, zones=zones)} if unit is not None else None
    tally = totals(records, registry, year, dated)
    plan = [
        (task, quota, bearer)
        for task, quota in quotas
        for bearer in bearer_units(registry, task, quota, zones=zones)
    ]
    used = {(bearer.id, quota.activity) for _, quota, bearer in plan}
    target_plan = [
        (task, target, bearer)
        for task, target in targets
        for bearer in bearer_units(registry, task, target, zones=zones)
    ]

    def results() -> Iterator[Result]:
        for task, quota, bearer in plan:
            if keep is None or bearer.id in keep:
                yield from _quota(task, quota, bearer, tally, year, person_terms, unit_terms)
        for task, target, bearer in target_plan:
            if keep is None or bearer.id in keep:
                yield _target(task, target, bearer, observed, year)

    unmatched = tuple(
        Unmatched(
            unit=registry.unit(unit_id).name, unit_id=unit_id, activity=activity, quantity=total
        )
        for (unit_id, activity), persons in tally.by_unit.items()
        if (unit_id, activity) not in used
        and (keep is None or unit_id in keep)
        and (total := sum(persons.values()))
    )
    return Report(year, results, unmatched=unmatched, records=tally.count, outside=tally.outside)


def _quota(
    task: Task | None,
    quota: Quota,
    unit: Unit,
    tally: Totals,
    year: int,
    person_terms: Mapping[str, Term],
    unit_terms: Mapping[str, Term],
) -> Iterator[Result]:
    persons = tally.persons(unit.id, quota.activity)
    basis: Basis = (
        "term" if quota.period is Period.TERM else "person" if quota.per is Per.PERSON else "unit"
    )
    base: dict[str, Any] = {
        "provision": quota.id,
        "kind": quota.kind,
        "basis": basis,
        "task": task.number if task is not None else None,
        "unit": unit.name,
        "unit_id": unit.id,
        "activity": quota.activity,
        "measure": quota.measure.value,
        "required": quota.minimum,
        "maximum": quota.maximum,
    }
    if quota.per is Per.UNIT:
        who: list[str | None] = [None]
    else:
        who = [*sorted(p for p in persons if p is not None)]
        unnamed = persons.get(None, 0)
        if not who:
            yield _judge(
                base,
                quota,
                None,
                0,
                "无记录写明人员: 每人指标需在台账的人员(姓名)列写明人员"
                + (f"; 另有未写明人员的记录合计 {unnamed:g}, 未计入" if unnamed else ""),
            )
            return
        if unnamed:
            yield Result(
                **base,
                person=None,
                actual=unnamed,
                shortfall=None,
                met=None,
                note=f"未写明人员的记录合计 {unnamed:g}, 无法计入每人指标",
            )
    for person in who:
        if quota.period is Period.YEAR:
            total = sum(persons.values()) if quota.per is Per.UNIT else persons.get(person, 0)
            note = None if total else "本年度无记录或合计为0"
            yield _judge(base, quota, person, total, note)
            continue
        term = person_terms.get(person) if person is not None else None
        if term is None:
            term = unit_terms.get(unit.id)
        if term is None:
            holder = person or unit.name
            yield Result(
                **base,
                person=person,
                actual=None,
                shortfall=None,
                met=None,
                note=f"未提供{holder}的任期, 任期指标无法判断",
            )
            continue
        keys = (
            [(unit.id, quota.activity, person)]
            if person is not None
            else [(unit.id, quota.activity, p) for p in persons]
        )
        total = sum(tally.within(key, *term) for key in keys)
        result = _judge(base, quota, person, total, f"任期 {term[0]} 至 {term[1]}", term=term)
        if not result.met and term[1] > dt.date(year, 12, 31) and result.maximum is None:
            result = attrs.evolve(
                result, met=None, note=f"{result.note}; 任期未满, 尚未达到 (截至{year}年底)"
            )
        yield result


def _judge(
    base: Mapping[str, Any],
    quota: Quota,
    person: str | None,
    actual: Number,
    note: str | None,
    *,
    term: Term | None = None,
) -> Result:
    shortfall = max(0, quota.minimum - actual) if quota.minimum is not None else 0
    over = quota.maximum is not None and actual > quota.maximum
    if over:
        note = "; ".join(filter(None, [note, f"超过上限 {quota.maximum}"]))
    return Result(
        **base,
        person=person,
        actual=actual,
        shortfall=shortfall,
        met=shortfall == 0 and not over,
        term=term,
        note=note,
    )


def _target(
    task: Task | None,
    target: Target,
    unit: Unit,
    observed: Mapping[tuple[str, str], Number] | None,
    year: int,
) -> Result:
    base: dict[str, Any] = {
        "provision": target.id,
        "kind": target.kind,
        "basis": "target",
        "task": task.number if task is not None else None,
        "unit": unit.name,
        "unit_id": unit.id,
        "person": None,
        "activity": target.metric,
        "measure": target.measure,
        "required": target.value,
    }
    due = f"目标期限 {target.by_year}-12-31" if target.by_year is not None else None
    if observed is None:
        return Result(**base, actual=None, shortfall=None, met=None, note="未提供指标观测值")
    actual = observed.get((target.id, unit.id), observed.get((target.metric, unit.id)))
    if target.value is None:
        return Result(
            **base,
            actual=actual,
            shortfall=None,
            met=None,
            note="只规定方向(提高/降低)的目标需有基期值, 单一观测值无法判断",
        )
    if actual is None:
        return Result(
            **base,
            actual=None,
            shortfall=None,
            met=False,
            note="; ".join(filter(None, ["无该单位的观测值", due])),
        )
    if target.direction is Direction.LOWER:
        shortfall = max(0, actual - target.value)
    else:
        shortfall = max(0, target.value - actual)
    if target.by_year is not None and target.by_year > year and shortfall:
        due = f"{due}, {year}年尚未到期"
    return Result(**base, actual=actual, shortfall=shortfall, met=shortfall == 0, note=due)


def _terms(
    terms: Mapping[str, Term], registry: Registry
) -> tuple[dict[str, Term], dict[str, Term]]:
    """Split terms into those of persons and those of units (keyed by unit id)."""
    if not isinstance(terms, Mapping):
        raise InputError(
            f"terms 应为映射 (expected a mapping of holder to (start, end), got {terms!r})"
        )
    persons: dict[str, Term] = {}
    units: dict[str, Term] = {}
    named: dict[str, str] = {}
    for holder, term in terms.items():
        if not isinstance(holder, str) or not holder.strip():
            raise InputError(f"任期持有人应为名称 (expected a holder's name, got {holder!r})")
        if (
            not isinstance(term, tuple)
            or len(term) != 2
            or not all(isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d in term)
        ):
            raise InputError(
                f"{holder!r} 的任期应为两个日期 (expected (start, end) dates, got {term!r})"
            )
        start, end = term
        if end < start:
            raise InputError(f"{holder!r} 任期止于开始前 (term ends {end} before {start})")
        entry = registry.find(holder)
        if isinstance(entry, Unit):
            if entry.id in units:
                raise InputError(
                    f"{holder!r} 与 {named[entry.id]!r} 是同一单位, 任期重复 (two terms for one "
                    f"unit, {entry.name})"
                )
            units[entry.id] = (start, end)
            named[entry.id] = holder
        elif entry is not None:
            raise InputError(f"{holder!r} 是组或角色 (term holder: name a unit or a person)")
        else:
            persons[holder] = (start, end)
    return persons, units


def _metrics(
    metrics: Mapping[tuple[str, str], Number],
    targets: list[tuple[Task | None, Target]],
    registry: Registry,
) -> dict[tuple[str, str], Number]:
    """Observed values keyed by (provision id or metric, unit id); unknown names are errors,
    and so is a value given twice (two names of one unit, or a target's id and its metric)."""
    if not isinstance(metrics, Mapping):
        raise InputError(f"metrics 应为映射 (expected a mapping, got {metrics!r})")
    names = {p.id for _, p in targets} | {p.metric for _, p in targets}
    found: dict[tuple[str, str], Number] = {}
    for key, value in metrics.items():
        if not (isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, str) for k in key)):
            raise InputError(f"指标键应为 (指标, 单位) (expected (metric, unit) keys, got {key!r})")
        name, unit_name = key
        if name not in names:
            raise InputError(
                f"未知指标 {name!r} (metric is neither a target's id nor its metric) "
                f"(targets: {', '.join(sorted(n for n in names if n))})"
            )
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InputError(f"指标 {name!r} 的值应为数值 (expected a number, got {value!r})")
        problem = number_problem(value)
        if problem is not None:
            raise InputError(f"指标 {name!r} / {unit_name!r}: {problem}")
        entry = registry.find(unit_name)
        if not isinstance(entry, Unit):
            raise InputError(f"指标 {name!r}: {unit_name!r} 不是单个单位 (does not name one unit)")
        if (name, entry.id) in found:
            raise InputError(
                f"指标 {name!r} 对 {entry.name} 给了两个值 (two values for one metric and unit)"
            )
        found[(name, entry.id)] = value
    for _, target in targets:
        for name, unit_id in found:
            if name == target.id and (target.metric, unit_id) in found:
                raise InputError(
                    f"{target.id} 与 {target.metric!r} 是同一指标, 对 {unit_id} 给了两个值 "
                    "(a value by the target's id and another by its metric)"
                )
    return found
