"""Provisions (条款): the obligations a document lays on its bearers.

Every obligation sentence of a document becomes one provision of a typed kind. Each quotes its
source sentence verbatim (``source``) and names its bearer (``bearer``), a unit, group or role
of the registry as the document writes it. The kinds:

* :class:`Quota` (数量要求): at least (or at most) N of an activity per period, per bearer.
* :class:`Deadline` (期限): act within N working or calendar days of a trigger event.
* :class:`RecurringDueDate` (定期报送): fixed dates each year.
* :class:`Target` (目标): a metric reaching a value by a date, or a direction to move it.
* :class:`Staffing` (人员配备): a minimum of full-time staff per kind of body by a date.
* :class:`Workflow` (工作流程): ordered steps with dependencies.
* :class:`Duty` (职责): every other obligation.

All end dates are inclusive: a provision due "by the end of January" (1月底前) is met on
31 January; a target "by 2025" (到2025年) is met on 31 December 2025.
"""

from __future__ import annotations

import enum
from typing import ClassVar, TypeAlias

import attrs


class Modality(enum.Enum):
    """How binding a provision is (情态)."""

    MUST = "must"
    """应 / 要 / 必须 / 需 / 严格 / 确保: an obligation."""
    STRIVE = "strive"
    """力争 / 争取 / 尽最大努力: an aim to strive for."""
    ENCOURAGE = "encourage"
    """鼓励 / 引导: encouraged, not required."""
    DISCRETIONARY = "discretionary"
    """适时: required, with its timing left to the bearer."""

    @property
    def label(self) -> str:
        return _MODALITY_LABELS[self]


_MODALITY_LABELS = {
    Modality.MUST: "应当",
    Modality.STRIVE: "力争",
    Modality.ENCOURAGE: "鼓励",
    Modality.DISCRETIONARY: "适时",
}


class Measure(enum.Enum):
    """Unit of measure of a quota (计量单位); the value is the Chinese word."""

    TIMES = "次"
    HOURS = "学时"
    PERSONS = "名"


class Period(enum.Enum):
    """The period a quota is counted over (统计周期)."""

    YEAR = "year"
    """每年: a calendar year, 1 January to 31 December inclusive."""
    TERM = "term"
    """任期内: a term of office; terms are given as input."""

    @property
    def label(self) -> str:
        return "每年" if self is Period.YEAR else "任期内"


class Per(enum.Enum):
    """What a quota counts per (计数对象)."""

    UNIT = "unit"
    """Per bearer unit (每单位)."""
    PERSON = "person"
    """Per person (每人)."""


class Counting(enum.Enum):
    """How a deadline's days are counted (计算方式)."""

    WORKDAYS = "workdays"
    """工作日: statutory rest days excluded (行政许可法 第八十二条)."""
    DAYS = "days"
    """日: calendar days under 民法典 第二百零一条 to 第二百零三条."""
    MONTHS = "months"
    """个月: calendar months; the period ends on the corresponding day (民法典 第二百零二条)."""

    @property
    def label(self) -> str:
        return {"workdays": "个工作日", "days": "日", "months": "个月"}[self.value]


class Direction(enum.Enum):
    """Which way a target moves a metric (方向)."""

    RAISE = "raise"
    """提高."""
    LOWER = "lower"
    """降低."""


@attrs.frozen(kw_only=True)
class _Base:
    """Fields every provision has.

    ``id`` is stable across versions of the data; ``source`` is the verbatim quote from the
    source text; ``bearer`` is a registry reference as written (单位、单位组或角色).
    """

    kind: ClassVar[str]
    id: str
    source: str
    bearer: str
    modality: Modality = Modality.MUST
    note: str | None = None


@attrs.frozen(kw_only=True)
class Quota(_Base):
    """A quantity of an activity per period (数量要求), e.g. 每年集体学法不少于2次.

    ``activity`` is the name activity records use. ``minimum`` and ``maximum`` are inclusive
    bounds; at least one is set.
    """

    kind: ClassVar[str] = "quota"
    activity: str
    measure: Measure
    period: Period
    per: Per = Per.UNIT
    minimum: int | None = None
    maximum: int | None = None
    subject: str | None = None
    """Who performs the activity where that is not the bearer (e.g. 领导干部 for 旁听庭审)."""


@attrs.frozen(kw_only=True)
class Deadline(_Base):
    """Act within a number of days of a trigger event (期限), e.g. 公布之日起15日内.

    The day of the trigger is not counted; the last day is included (民法典 第二百零一条).
    """

    kind: ClassVar[str] = "deadline"
    trigger: str
    """The event that starts the period, as an identifier events are given under."""
    trigger_label: str
    """The event as the document words it."""
    amount: int
    counting: Counting
    action: str


@attrs.frozen
class AnnualDate:
    """A date in every year (每年的固定日期): month and day; ``day=None`` is the month's last day.

    The due date is inclusive: 1月底前 is met on 31 January.
    """

    month: int
    day: int | None = None
    covers: str | None = None
    """What the submission due on this date covers (e.g. 上一年度发文目录)."""


@attrs.frozen(kw_only=True)
class RecurringDueDate(_Base):
    """Something due on fixed dates each year (定期报送), e.g. 每年1月底前和7月底前."""

    kind: ClassVar[str] = "recurring"
    action: str
    dates: tuple[AnnualDate, ...]


@attrs.frozen(kw_only=True)
class Target(_Base):
    """A metric to reach a value by a date, or to move in a direction (目标).

    ``value`` is in ``measure`` (e.g. ``100`` with ``"%"``); ``by_year`` means by 31 December
    of that year, inclusive; ``None`` means at all times. A target with only ``direction`` has
    no number.
    """

    kind: ClassVar[str] = "target"
    metric: str
    value: float | None = None
    measure: str | None = None
    direction: Direction | None = None
    by_year: int | None = None


@attrs.frozen
class StaffingLevel:
    """At least ``minimum`` full-time staff in every body of one kind (配备标准)."""

    body: str
    minimum: int


@attrs.frozen(kw_only=True)
class Staffing(_Base):
    """Minimum full-time staff per kind of body by a date (人员配备), e.g. 专职人民调解员."""

    kind: ClassVar[str] = "staffing"
    role: str
    levels: tuple[StaffingLevel, ...]
    by_year: int | None = None
    """By 31 December of that year, inclusive."""


@attrs.frozen(kw_only=True)
class Step:
    """One step of a workflow (环节). ``after`` names the steps that must come first."""

    id: str
    action: str
    actor: str | None = None
    after: tuple[str, ...] = ()
    within: int | None = None
    """Time allowed after the previous step, in ``counting`` units."""
    counting: Counting | None = None
    condition: str | None = None
    """A condition or exception, as written (e.g. 除涉密事项外)."""


@attrs.frozen(kw_only=True)
class Workflow(_Base):
    """Ordered steps with their dependencies (工作流程)."""

    kind: ClassVar[str] = "workflow"
    steps: tuple[Step, ...]


@attrs.frozen(kw_only=True)
class Duty(_Base):
    """Any other obligation (职责): what the bearer must do, in the document's words."""

    kind: ClassVar[str] = "duty"
    action: str


Provision: TypeAlias = Quota | Deadline | RecurringDueDate | Target | Staffing | Workflow | Duty
"""Any provision kind."""

PROVISION_KINDS: dict[str, type[Provision]] = {
    cls.kind: cls for cls in (Quota, Deadline, RecurringDueDate, Target, Staffing, Workflow, Duty)
}
"""Provision classes by their ``kind`` tag."""
