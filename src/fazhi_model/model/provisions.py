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

from fazhi_model.wording import (
    CERTAINTY_LABELS,
    COUNTING_LABELS,
    DIRECTION_LABELS,
    MODALITY_LABELS,
    PERIOD_LABELS,
)

__all__ = [
    "PROVISION_KINDS",
    "AnnualDate",
    "Certainty",
    "Counting",
    "Deadline",
    "Direction",
    "Duty",
    "Measure",
    "Modality",
    "Per",
    "Period",
    "Provision",
    "Quota",
    "RecurringDueDate",
    "Staffing",
    "StaffingLevel",
    "Step",
    "Target",
    "Workflow",
]


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
        """The Chinese word (应当, 力争, 鼓励, 适时), from :mod:`fazhi_model.wording`."""
        return MODALITY_LABELS[self.value]


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
        """每年 or 任期内, from :mod:`fazhi_model.wording`."""
        return PERIOD_LABELS[self.value]


class Per(enum.Enum):
    """What a quota counts per (计数对象)."""

    UNIT = "unit"
    """Per bearer unit (每单位)."""
    PERSON = "person"
    """Per person (每人)."""


class Counting(enum.Enum):
    """How a deadline's days are counted (计算方式)."""

    WORKDAYS = "workdays"
    """工作日: statutory rest days excluded, because the document says 工作日.

    Laws that set their own periods in working days (e.g. 行政许可法 第八十二条 for licensing
    time limits) are an analogy, not the rule applied to a document's own 「5个工作日内」: the
    word 工作日 in the document is the basis (docs/legal-rules.md).
    """
    DAYS = "days"
    """日: calendar days under 民法典 第二百零一条 to 第二百零三条."""
    MONTHS = "months"
    """个月: calendar months; the period ends on the corresponding day (民法典 第二百零二条)."""
    YEARS = "years"
    """年: calendar years, ended like months (民法典 第二百零二条)."""

    @property
    def label(self) -> str:
        """The Chinese unit as written after the number: 个工作日, 日, 个月, 年."""
        return COUNTING_LABELS[self.value]


class Direction(enum.Enum):
    """Which way a target moves a metric (方向)."""

    RAISE = "raise"
    """提高."""
    LOWER = "lower"
    """降低."""

    @property
    def label(self) -> str:
        """提高 or 降低, from :mod:`fazhi_model.wording`."""
        return DIRECTION_LABELS[self.value]


class Certainty(enum.Enum):
    """How sure the model is of a provision's bearer (承担者确定程度)."""

    CERTAIN = "certain"
    """The sentence names the bearer, or the documented default applies (a sentence without a
    subject falls to the task's 责任单位; docs/legal-rules.md)."""
    READING = "reading"
    """推断: the sentence and the law imply a bearer other than the default; ``note`` says why."""
    UNCERTAIN = "uncertain"
    """存疑: the text does not decide who bears it; the bearer is the likeliest reading and
    ``note`` says why it cannot be decided."""

    @property
    def label(self) -> str:
        """推断, 存疑, or nothing for a certain bearer, from :mod:`fazhi_model.wording`."""
        return CERTAINTY_LABELS[self.value]


@attrs.frozen(kw_only=True)
class _Base:
    """Fields every provision has.

    ``id`` is stable across versions of the data; ``source`` is the verbatim quote from the
    source text; ``bearer`` is a registry reference as written (单位、单位组或角色);
    ``certainty`` says how sure that bearer is, with the reason in ``note``; ``wording`` is the
    requirement in the document's own words (原文表述, a verbatim part of ``source``) where a
    generated summary would paraphrase it.
    """

    kind: ClassVar[str]
    id: str
    source: str
    bearer: str
    modality: Modality = Modality.MUST
    certainty: Certainty = Certainty.CERTAIN
    wording: str | None = None
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
    provision: str | None = None
    """The id of the provision that is this step's obligation, where the document's sentence is
    modelled there (one obligation, one provision). The step is then a pointer, not an
    obligation of its own; a deadline it points to gives its time limit (``within``/``counting``
    stay unset on the step)."""


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
