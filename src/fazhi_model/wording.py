"""Wording (用语): every Chinese label a user reads, in one place, with its English beside it.

Chinese is the source of truth; the English is for developers and for ``--json`` readers who
want a gloss. The CLI, XLSX, DOCX, HTML and notebooks take their labels from here, so that
they say the same thing. ``--json`` keys and enum values are English and are not defined here;
:func:`kind_value` turns a Chinese (or English) kind name given on the command line into the
English enum value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

__all__ = [
    "DIVISION_HEADER",
    "DIVISION_TITLE",
    "ENTRY_LABELS",
    "ERROR_PREFIX",
    "KIND_LABELS",
    "MET_LABELS",
    "ONGOING",
    "PAGE_FOOTER",
    "SECTION_PART",
    "UNIT_TABLE_HEADER",
    "UNIT_TABLE_TITLE",
    "VERIFIED_LABELS",
    "WEEKDAYS",
    "WEEKDAYS_EN",
    "bilingual",
    "by_month_end",
    "chinese_number",
    "choice_value",
    "day_with_weekday",
    "kind_value",
    "page_footer",
]

WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
"""Weekday names, Monday first (``date.weekday()`` order)."""

WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""The same, in English."""

KIND_LABELS = {
    "quota": "数量要求",
    "deadline": "期限",
    "recurring": "定期报送",
    "target": "目标",
    "staffing": "人员配备",
    "workflow": "工作流程",
    "duty": "职责",
}
"""Chinese names of the provision kinds (English key: quota, deadline, …)."""

MET_LABELS: dict[bool | None, str] = {True: "达标", False: "未达标", None: "无法判断"}
"""A check's verdict: met, not met, cannot be judged."""

ENTRY_LABELS = {"unit": "单位", "group": "单位组", "role": "角色"}
"""What a registry entry is: a unit, a group of units, a role (English key: unit, group, role)."""

VERIFIED_LABELS = {True: "已核实", False: "未核实"}
"""Whether a unit's name is checked against a public source (verified, unverified)."""

ERROR_PREFIX = "fazhi: 错误: "
"""The start of every error line of the command line (``fazhi: error:``)."""

ONGOING = "持续推进"
"""The time limit of a task whose text sets none (ongoing)."""

SECTION_PART = "组织保障"
"""The part after the tasks (organisational safeguards); its provisions belong to no task."""

DIVISION_TITLE = "任务分工表"
"""The title suffix of the conventional division-of-tasks table (division of tasks)."""

DIVISION_HEADER = ("序号", "重点任务", "主要内容", "牵头单位", "责任单位", "完成时限")
"""The columns of the 任务分工表: number, task, requirements (in the document's words), lead
unit (only where the document names one), responsible units (as the annotation writes them),
time limit."""

UNIT_TABLE_TITLE = "任务清单"
"""The title suffix of one unit's own table (a unit's task list)."""

UNIT_TABLE_HEADER = (
    "序号",
    "任务",
    "条款",
    "类型",
    "工作要求",
    "承担依据",
    "完成时限",
    "到期日",
)
"""The columns of a unit's own table: number, task (任务N), provision id, kind, requirement (the
document's words), how it reaches the unit (through which reference), time limit, due dates in
the year."""

PAGE_FOOTER = ("第 ", " 页 共 ", " 页")
"""The pieces of the page footer ``第 N 页 共 M 页`` (page N of M) around the two numbers."""


def page_footer(page: int | str, pages: int | str) -> str:
    """``第 3 页 共 7 页`` (page 3 of 7); the numbers may be field codes (``&P``, ``&N``)."""
    return f"{PAGE_FOOTER[0]}{page}{PAGE_FOOTER[1]}{pages}{PAGE_FOOTER[2]}"


def bilingual(chinese: str, english: str) -> str:
    """An error message: the Chinese, then the English in brackets (``中文 (English)``)."""
    return f"{chinese} ({english})"


def choice_value(text: str, labels: Mapping[str, str]) -> str:
    """The English value that ``text`` names: the value itself or its Chinese label.

    ``labels`` maps English values to Chinese labels (like :data:`KIND_LABELS`). A
    :class:`ValueError` names every accepted spelling otherwise.
    """
    if text in labels:
        return text
    for value, label in labels.items():
        if text == label:
            return value
    accepted = "、".join(f"{label} ({value})" for value, label in labels.items())
    raise ValueError(bilingual(f"无效取值 {text!r}, 可选: {accepted}", f"invalid choice {text!r}"))


def kind_value(text: str) -> str:
    """A provision kind given as ``数量要求`` or ``quota``, as its English value ``quota``."""
    return choice_value(text, KIND_LABELS)


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """``7`` as ``七``, ``12`` as ``十二``, ``21`` as ``二十一``: the numerals of headings
    (``(一)``, ``三、``), for 1 to 99.
    """
    if not 1 <= n <= 99:
        raise ValueError(bilingual(f"序号超出范围: {n}", "expected 1 to 99"))
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def by_month_end(month: int, day: int | None = None) -> str:
    """``1月底前`` (by the end of January), or ``3月15日前`` where a day is given."""
    return f"{month}月底前" if day is None else f"{month}月{day}日前"


def day_with_weekday(d: dt.date) -> str:
    """``2025-01-27(周一)``: a date with its Chinese weekday."""
    return f"{d.isoformat()}({WEEKDAYS[d.weekday()]})"


# ---- 督查督办 (supervision status; helper F's block) --------------------------------------

__all__ += [
    "BULLETIN_TITLE",
    "PACE_LABELS",
    "REPORTED_LABELS",
    "STATE_LABELS",
    "STATUS_HEADER",
    "STATUS_SUMMARY_HEADER",
    "STATUS_TITLE",
]

STATE_LABELS = {
    "overdue": "逾期",
    "due_soon": "临期",
    "behind": "滞后",
    "not_due": "未到期",
    "done_late": "已完成(逾期)",
    "done": "已完成",
}
"""The judged state of a supervised item, worst first (English value: overdue, due_soon,
behind, not_due, done_late, done)."""

REPORTED_LABELS = {
    "not_started": "未启动",
    "in_progress": "推进中",
    "done": "已完成",
    "closed": "已销号",
}
"""The status a unit reports in its progress ledger (进展台账); 已销号: the supervising office
closed the item (not started, in progress, done, closed)."""

PACE_LABELS = {"calendar": "按日历日", "workdays": "按工作日"}
"""How the expected pace (序时进度) of an annual quota is prorated (calendar or working days)."""

STATUS_TITLE = "督办台账"
"""The title of the status ledger (supervision ledger)."""

BULLETIN_TITLE = "法治政府建设督办通报"
"""The title of the supervision bulletin (bulletin on the implementation of the document)."""

STATUS_HEADER = (
    "状态",
    "单位",
    "条款",
    "任务",
    "事项",
    "截止日",
    "建议办理日",
    "剩余工作日",
    "逾期工作日",
    "上报状态",
    "上报日期",
    "说明",
    "事项编号",
)
"""The columns of the status ledger: state, unit, provision, task, what is due, due date,
practical date, working days left, working days overdue, reported status, reported on,
explanation, item id."""

STATUS_SUMMARY_HEADER = ("单位", *STATE_LABELS.values(), "合计")
"""The columns of the per-unit summary: unit, one count per state, total."""


# ---- 考核结果 (check results; helper E's block) -------------------------------------------

__all__ += ["CHECK_SHEETS", "CHECK_SUMMARY_HEADER", "RESULT_HEADER"]

RESULT_HEADER = {
    "provision": "条款",
    "kind": "类型",
    "basis": "口径",
    "task": "任务",
    "unit": "单位",
    "unit_id": "单位编号",
    "person": "人员",
    "activity": "活动/指标",
    "measure": "计量",
    "required": "要求",
    "maximum": "上限",
    "actual": "实际",
    "shortfall": "差额",
    "met": "结论",
    "term_start": "任期开始",
    "term_end": "任期结束",
    "note": "说明",
}
"""The columns of a check result (provision, kind, basis of counting, task, unit, unit id,
person, activity or metric, measure, required, maximum, actual, shortfall, verdict, term start,
term end, note), keyed by the English name of the ``--json`` output."""

CHECK_SHEETS = {
    "summary": "汇总",
    "unit": "单位指标",
    "person": "每人指标",
    "term": "任期指标",
    "target": "目标",
}
"""The sheets of a check workbook: summary, per-unit quotas, per-person quotas, term quotas,
targets."""

CHECK_SUMMARY_HEADER = ("单位", "结果数", "达标", "未达标", "无法判断", "总体")
"""The columns of a check's per-unit summary: unit, results, met, not met, cannot be judged,
overall verdict."""


# -- duties (单位职责): why a task or provision falls to a unit ---------------------------------

__all__ += ["DUTY_REASONS", "DUTY_TOTAL"]

DUTY_REASONS = {
    "named": "注中列出",
    "lead": "牵头",
    "cooperating": "配合",
    "guiding": "指导",
    "place": "注中第{order}个, 共{written}个",
    "group": "单位组{role}; {unit}为其成员",
    "catch_all": "兜底“其他…”{role}; 注中另列的单位均非其成员",
    "catch_all_excluded": "兜底“其他…”{role}; {excluded}已在注中另列, 故除外",
    "excluded": "{excluded}已在注中另列, 故除外",
    "bearer": "承担者",
    "people": "人员",
    "unresolved": ("承担者 {bearer} 未落实到名录中的单位; 因{unit}{scope}而列出, 可能由其承担"),
    "unresolved_task": "是任务{task}的责任单位",
    "unresolved_section": "在任务之外",
    "due": "到期",
    "note": "说明",
}
"""Phrases of a duty's reason (依据): named (注中列出, 注中第1个, 共3个), through a group or a
catch-all (其他…, which excludes the units named beside it), borne (承担者 …), unresolved."""

DUTY_TOTAL = "{unit}: {tasks}项任务, {provisions}条条款"
"""The last line of ``fazhi duties``; ``(存疑N条, 未落实M条)`` follows where there are any."""


def check_summary(year: int, counts: Mapping[str, int]) -> str:
    """The last line of ``fazhi check``: ``2025年: 共 219 项结果, 达标 13, 未达标 82, 无法判断
    124; 台账记录 20 条, 其中 1 条不在2025年`` (results, met, not met, cannot be judged; valid
    records read, of which outside the year)."""
    return (
        f"{year}年: 共 {counts['results']} 项结果, {MET_LABELS[True]} {counts['met']}, "
        f"{MET_LABELS[False]} {counts['not_met']}, {MET_LABELS[None]} {counts['not_evaluable']}; "
        f"台账记录 {counts['records']} 条, 其中 {counts['outside_year']} 条不在{year}年"
    )


__all__ += ["check_summary"]


# -- the model's enums (情态, 统计周期, 计算方式, 方向, 确定程度), by their English value --------

__all__ += [
    "CERTAINTY_LABELS",
    "COUNTING_LABELS",
    "DIRECTION_LABELS",
    "MODALITY_LABELS",
    "PERIOD_LABELS",
]

MODALITY_LABELS = {"must": "应当", "strive": "力争", "encourage": "鼓励", "discretionary": "适时"}
"""How binding a provision is (情态): must, strive, encourage, discretionary."""

PERIOD_LABELS = {"year": "每年", "term": "任期内"}
"""The period a quota is counted over (统计周期): a calendar year, a term of office."""

COUNTING_LABELS = {"workdays": "个工作日", "days": "日", "months": "个月", "years": "年"}
"""A period's unit as written after its number (计算方式): 5个工作日, 15日, 1个月, 1年."""

DIRECTION_LABELS = {"raise": "提高", "lower": "降低"}
"""Which way a target moves its metric (方向)."""

CERTAINTY_LABELS = {"certain": "", "reading": "推断", "uncertain": "存疑"}
"""How sure a provision's bearer is (确定程度); a certain bearer carries no mark."""


# -- the model's own display in Jupyter (_repr_html_) -------------------------------------------

__all__ += ["DOCUMENT_COUNTS", "DOCUMENT_REPR_HEADER", "RESPONSIBLE_LINE", "TASK_REPR_HEADER"]

DOCUMENT_REPR_HEADER = ("任务", "标题", "责任单位", "条款数")
"""A document's table: task number, title, responsible units, number of provisions."""

TASK_REPR_HEADER = ("编号", "类型", "承担者", "要求")
"""A task's table: provision id, kind, bearer, what it requires."""

DOCUMENT_COUNTS = "{tasks} 项任务, {provisions} 条条款"
"""How many tasks and provisions a document has."""

RESPONSIBLE_LINE = "责任单位: {units}"
"""A task's responsibility annotation, its references joined with 、."""


# -- schedule (到期日): the text lines of ``fazhi schedule`` -------------------------------------

__all__ += ["ESTIMATE_MARK", "NO_DUE_DATES", "WROTE_EVENTS"]

ESTIMATE_MARK = "估算"
"""A date counted on an estimating calendar (estimate): no holiday notice is known for its year."""

NO_DUE_DATES = "{year}年没有到期事项"
"""The line printed when a year has no due dates (no due dates in the year)."""

WROTE_EVENTS = "已写入 {count} 个日程: {path} (wrote {count} events to {path})"
"""The note on stderr after an .ics file is written."""
