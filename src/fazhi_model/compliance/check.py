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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from fazhi_model._display import table
from fazhi_model.compliance.records import Number, Source, Totals, totals
from fazhi_model.dates.schedule import bearer_units
from fazhi_model.errors import FazhiError
from fazhi_model.model.document import Document, Task
from fazhi_model.model.provisions import Direction, Per, Period, Quota, Target
from fazhi_model.model.units import Registry, Unit

if TYPE_CHECKING:
    import pandas

Term = tuple[dt.date, dt.date]
"""A term of office (任期): first and last day, inclusive."""


@attrs.frozen(kw_only=True)
class Result:
    """The outcome of one provision for one unit (and person) (考核结果).

    ``required`` is the quota's minimum or the target's value; ``actual`` what the records
    (or the observed metric) show; ``shortfall`` how far ``actual`` is from ``required``
    (0 when reached); ``met`` is ``None`` where the provision cannot be judged, with the
    reason in ``note``.
    """

    provision: str
    kind: str
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

    def to_row(self) -> dict[str, Any]:
        """The result as a flat JSON-ready row (dates as ``YYYY-MM-DD``)."""
        row = attrs.asdict(self, recurse=False)
        term = row.pop("term")
        row["term_start"] = term[0].isoformat() if term else None
        row["term_end"] = term[1].isoformat() if term else None
        return row


@attrs.frozen(kw_only=True)
class Unmatched:
    """In-year records of an activity and unit that no checked quota counts (未匹配记录)."""

    unit: str
    unit_id: str
    activity: str
    quantity: Number


@attrs.frozen(kw_only=True)
class Report:
    """The results of a check (考核报告): one row per provision, unit and person."""

    year: int
    rows: tuple[Result, ...]
    unmatched: tuple[Unmatched, ...] = ()
    records: int = 0
    """How many valid records were read."""
    outside: int = 0
    """How many of them were dated outside the year (not counted toward yearly quotas)."""

    @property
    def summary(self) -> dict[str, int]:
        """Counts: results, met, not met, not evaluable; records read, outside the year."""
        return {
            "results": len(self.rows),
            "met": sum(1 for r in self.rows if r.met is True),
            "not_met": sum(1 for r in self.rows if r.met is False),
            "not_evaluable": sum(1 for r in self.rows if r.met is None),
            "records": self.records,
            "outside_year": self.outside,
            "unmatched": len(self.unmatched),
        }

    def to_rows(self) -> list[dict[str, Any]]:
        """One :meth:`Result.to_row` per result."""
        return [r.to_row() for r in self.rows]

    def to_dataframe(self) -> pandas.DataFrame:
        """The results as a pandas DataFrame (needs ``fazhi_model[pandas]``)."""
        try:
            import pandas
        except ImportError:
            raise FazhiError(
                "to_dataframe needs pandas: pip install 'fazhi_model[pandas]'"
            ) from None
        return pandas.DataFrame(self.to_rows())

    def _repr_html_(self) -> str:
        s = self.summary
        head = (
            f"<p>{self.year}年: {s['results']} 项结果, 达标 {s['met']}, 未达标 {s['not_met']}, "
            f"无法判断 {s['not_evaluable']}</p>"
        )
        columns = ("条款", "单位", "人员", "活动/指标", "要求", "实际", "差额", "达标", "说明")
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
                    {True: "是", False: "否", None: "无法判断"}[r.met],
                    r.note,
                )
            )
            for r in self.rows
        ]
        return head + table(columns, body, css="fazhi-check")


def check(
    doc: Document,
    year: int,
    records: Source,
    *,
    unit: str | None = None,
    zones: bool = False,
    terms: Mapping[str, Term] | None = None,
    metrics: Mapping[tuple[str, str], Number] | None = None,
) -> Report:
    """Check the quotas and targets of ``doc`` for ``year`` (检查达标情况).

    ``records`` are :class:`~fazhi_model.compliance.records.Record` objects or the path of a
    CSV or JSON records file (streamed: the file is never held in memory). ``terms`` maps a
    person's name or a unit's name to its term of office (start, end), inclusive. ``metrics`` maps
    (provision id or metric name, unit name) to an observed value, e.g.
    ``{("t10.p03", "市司法局"): 100}``. ``zones`` counts functional zones as counties.
    ``unit`` keeps the results of the units that name stands for (a unit's name, short form
    or id, or a group).

    Raises :class:`~fazhi_model.errors.LoadError` listing every bad record (the totals read so
    far are discarded), and :class:`~fazhi_model.errors.FazhiError` for a term or metric that
    names no known unit or target.
    """
    registry = doc.registry
    quotas = [(task, p) for task, p in doc.provisions() if isinstance(p, Quota)]
    targets = [(task, p) for task, p in doc.provisions() if isinstance(p, Target)]
    person_terms, unit_terms = _terms(terms or {}, registry)
    observed = _metrics(metrics, targets, registry) if metrics is not None else None
    dated = frozenset(p.activity for _, p in quotas if p.period is Period.TERM)
    keep = {u.id for u in registry.expand(unit, zones=zones)} if unit is not None else None
    tally = totals(records, registry, year, dated)
    rows: list[Result] = []
    used: set[tuple[str, str]] = set()
    for task, quota in quotas:
        for bearer in bearer_units(registry, task, quota, zones=zones):
            used.add((bearer.id, quota.activity))
            if keep is None or bearer.id in keep:
                rows.extend(_quota(task, quota, bearer, tally, year, person_terms, unit_terms))
    for task, target in targets:
        for bearer in bearer_units(registry, task, target, zones=zones):
            if keep is None or bearer.id in keep:
                rows.append(_target(task, target, bearer, observed, year))
    unmatched = tuple(
        Unmatched(
            unit=registry.unit(unit_id).name, unit_id=unit_id, activity=activity, quantity=total
        )
        for (unit_id, activity), persons in tally.by_unit.items()
        if (unit_id, activity) not in used
        and (keep is None or unit_id in keep)
        and (total := sum(persons.values()))
    )
    return Report(
        year=year, rows=tuple(rows), unmatched=unmatched, records=tally.count, outside=tally.outside
    )


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
    base: dict[str, Any] = {
        "provision": quota.id,
        "kind": quota.kind,
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
                "无记录写明人员: 每人指标需在记录的 person 列写明人员"
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
                note=f"未提供{holder}的任期 (terms), 任期指标无法判断",
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
        return Result(
            **base, actual=None, shortfall=None, met=None, note="未提供指标观测值 (metrics)"
        )
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
    persons: dict[str, Term] = {}
    units: dict[str, Term] = {}
    for holder, (start, end) in terms.items():
        if end < start:
            raise FazhiError(f"term of {holder!r} ends ({end}) before it starts ({start})")
        entry = registry.find(holder)
        if isinstance(entry, Unit):
            units[entry.id] = (start, end)
        elif entry is not None:
            raise FazhiError(f"term holder {holder!r} is a group or role; name a unit or a person")
        else:
            persons[holder] = (start, end)
    return persons, units


def _metrics(
    metrics: Mapping[tuple[str, str], Number],
    targets: list[tuple[Task | None, Target]],
    registry: Registry,
) -> dict[tuple[str, str], Number]:
    """Observed values keyed by (provision id or metric, unit id); unknown names are errors."""
    names = {p.id for _, p in targets} | {p.metric for _, p in targets}
    found: dict[tuple[str, str], Number] = {}
    for (name, unit_name), value in metrics.items():
        if name not in names:
            raise FazhiError(
                f"metric {name!r} is neither a target's id nor its metric "
                f"(targets: {', '.join(sorted(names))})"
            )
        entry = registry.find(unit_name)
        if not isinstance(entry, Unit):
            raise FazhiError(f"metric {name!r}: {unit_name!r} does not name one unit")
        found[(name, entry.id)] = value
    return found
