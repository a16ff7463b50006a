"""The status report as one self-contained HTML page (督办台账.html), to open and e-mail.

No server and no internet: the CSS is inline in the page, there is no script, no web font,
no image and no link to any ``http(s)`` resource. The page shows, top to bottom:

* the count of items in each state, in the state's colour;
* a summary per county (县(市、区)政府 and the city government) and per department: counts by
  state, the units with overdue items first;
* the items to chase (逾期, 临期, 滞后), worst first, each with its explanation under a
  ``<details>`` element (click to expand) and in a tooltip on hover;
* the other items (未到期, 已完成) folded in a ``<details>`` element;
* the rules of the states, the notes of the review and the provisions left out.

Every text is escaped (:func:`html.escape`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

from fazhi_model.compliance.status import (
    STATE_RULES,
    ItemStatus,
    State,
    StatusReport,
    UnitSummary,
)
from fazhi_model.store.files import atomic_write
from fazhi_model.wording import PACE_LABELS, STATUS_TITLE, day_with_weekday

__all__ = ["CHASE", "render", "write"]

CHASE = (State.OVERDUE, State.DUE_SOON, State.BEHIND)
"""The states listed first, as the items to chase (red and yellow)."""

_CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","Source Han Sans SC",
 sans-serif;margin:24px;color:#222;font-size:14px;line-height:1.5}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px;
 border-left:4px solid #C00000;padding-left:8px}
.meta{color:#555;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0 16px}
.card{min-width:110px;padding:8px 14px;border-radius:6px;border:1px solid #bbb}
.card b{display:block;font-size:24px}
table{border-collapse:collapse;width:100%;margin:4px 0 12px}
th,td{border:1px solid #bbb;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#EEE;position:sticky;top:0}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.d,td.s{white-space:nowrap}table.sum{width:auto;min-width:60%}
td.z{color:#aaa}
.badge{display:inline-block;padding:1px 6px;border-radius:4px;white-space:nowrap;
 border:1px solid rgba(0,0,0,.2)}
details summary{cursor:pointer;color:#245}
details p{margin:4px 0;white-space:pre-wrap;color:#333}
.small{font-size:12px;color:#555}
@media print{th{position:static}details{display:block}}
"""


def _badge(state: State) -> str:
    return f'<span class="badge" style="background:{state.colour}">{escape(state.label)}</span>'


def _cards(report: StatusReport) -> str:
    parts = ['<div class="cards">']
    parts.append(f'<div class="card">共计<b>{len(report.rows)}</b></div>')
    for state, n in report.counts().items():
        parts.append(
            f'<div class="card" style="background:{state.colour}">{escape(state.label)}'
            f"<b>{n}</b></div>"
        )
    parts.append("</div>")
    return "\n".join(parts)


def _summary(title: str, units: Sequence[UnitSummary]) -> str:
    if not units:
        return ""
    head = "".join(f"<th>{escape(h)}</th>" for h in ("单位", *(s.label for s in State), "合计"))
    rows = []
    for u in units:
        cells = [f"<td>{escape(u.unit)}</td>"]
        for s in State:
            n = u.counts[s]
            if n:
                cells.append(f'<td class="n" style="background:{s.colour}">{n}</td>')
            else:
                cells.append('<td class="n z">0</td>')
        cells.append(f'<td class="n">{u.total}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<h3>{escape(title)}</h3>\n<table class="sum"><thead><tr>{head}</tr></thead><tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table>"
    )


def _items(rows: Iterable[ItemStatus]) -> str:
    head = "".join(
        f"<th>{escape(h)}</th>"
        for h in ("状态", "单位", "条款", "事项", "截止日", "剩余/逾期工作日", "上报", "说明")
    )
    body = []
    for r in rows:
        i = r.item
        if r.workdays_overdue is not None:
            days = f"逾期 {r.workdays_overdue}"
        elif r.workdays_left is not None:
            days = f"剩余 {r.workdays_left}"
        else:
            days = ""
        reported = (
            f"{escape(r.reported.label)}<br><span class='small'>{r.reported_on}</span>"
            if r.reported is not None
            else ""
        )
        detail = [r.explanation]
        if r.conflict:
            detail.append(f"注意: {r.conflict}")
        if r.note:
            detail.append(f"上报说明: {r.note}")
        detail.append(f"日期依据: {i.basis}")
        detail.append(f"原文: {i.source}")
        detail.append(f"事项编号: {i.id}")
        explained = "".join(f"<p>{escape(d)}</p>" for d in detail)
        body.append(
            "<tr>"
            f'<td class="s">{_badge(r.state)}</td>'
            f"<td>{escape(i.unit_name)}</td>"
            f"<td>{escape(i.provision)}</td>"
            f'<td title="{escape(r.explanation)}">{escape(i.action)}</td>'
            f'<td class="d">{escape(day_with_weekday(i.due))}</td>'
            f'<td class="n">{escape(days)}</td>'
            f"<td>{reported}</td>"
            f"<td><details><summary>{escape(_short(r.explanation))}</summary>"
            f"{explained}</details></td>"
            "</tr>"
        )
    return (
        f"<table><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(body) + "\n</tbody></table>"
    )


def _short(text: str, limit: int = 40) -> str:
    first = text.split("; ")[0]
    return first if len(first) <= limit else first[: limit - 1] + "…"


def render(report: StatusReport, *, title: str | None = None) -> str:
    """The whole page as text."""
    title = title or f"{STATUS_TITLE} {report.year}年度"
    chase = [r for r in report.rows if r.state in CHASE]
    rest = [r for r in report.rows if r.state not in CHASE]
    units = report.by_unit()
    governments = [u for u in units if u.kind == "government"]
    departments = [u for u in units if u.kind == "department"]
    others = [u for u in units if u.kind not in ("government", "department")]
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">截至{escape(day_with_weekday(report.today))}; '
        f"临期预警: 截止日前{report.warn_workdays}个工作日内; "
        f"序时进度: {escape(PACE_LABELS[report.pace])}; 工作日按国务院办公厅放假通知计算</p>",
        _cards(report),
        "<h2>各地各部门汇总</h2>",
        _summary("县(市、区)及市政府", governments),
        _summary("市直部门", departments),
        _summary("其他单位", others),
        f"<h2>需督办事项 ({len(chase)})</h2>",
        _items(chase) if chase else "<p>无逾期、临期或滞后事项。</p>",
        f"<h2>其他事项 ({len(rest)})</h2>",
        f"<details><summary>展开未到期和已完成事项</summary>{_items(rest)}</details>"
        if rest
        else "<p>无。</p>",
        "<h2>状态判定规则</h2>",
        "<table><thead><tr><th>状态</th><th>规则</th><th>Rule</th></tr></thead><tbody>",
        *(
            f"<tr><td>{_badge(s)}</td><td>{escape(STATE_RULES[s.value][0])}</td>"
            f'<td class="small">{escape(STATE_RULES[s.value][1])}</td></tr>'
            for s in State
        ),
        "</tbody></table>",
    ]
    if report.notes:
        parts.append("<h2>说明</h2><ul>")
        parts += [f"<li>{escape(n)}</li>" for n in report.notes]
        parts.append("</ul>")
    left = [u for u in report.undated if u.kind not in ("duty", "workflow")]
    if left:
        parts.append("<h2>未列入督办的条款</h2><ul class='small'>")
        parts += [f"<li>{escape(u.provision)}: {escape(u.reason)}</li>" for u in left]
        parts.append("</ul>")
    parts.append('<p class="small">由 fazhi_model 生成; 本页不含脚本, 不引用任何外部资源。</p>')
    body = "\n".join(p for p in parts if p)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


def write(
    report: StatusReport,
    path: str | Path,
    *,
    title: str | None = None,
    inputs: Iterable[str | Path] = (),
) -> Path:
    """Write the page to ``path`` (UTF-8, atomically; ``inputs`` may not be overwritten)."""
    target = Path(path)
    atomic_write(target, render(report, title=title), inputs=inputs)
    return target
