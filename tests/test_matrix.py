"""The responsibility matrix: views, cells, exports, provisions table and checklists."""

from __future__ import annotations

import csv
import html.parser
import io
import json

import attrs
import pytest

import fazhi_model as fm
from fazhi_model.export import tabular as TB
from fazhi_model.export.web import document_html, matrix_html, task_html
from fazhi_model.model.document import LeadBasis
from fazhi_model.views import checklist as CL
from fazhi_model.views import graph as G
from fazhi_model.views import matrix as M
from fazhi_model.views import provision_table as PT

COUNTIES = [
    f"{d}人民政府"
    for d in [
        "章贡区",
        "南康区",
        "赣县区",
        "信丰县",
        "大余县",
        "上犹县",
        "崇义县",
        "安远县",
        "定南县",
        "全南县",
        "宁都县",
        "于都县",
        "兴国县",
        "会昌县",
        "寻乌县",
        "石城县",
        "瑞金市",
        "龙南市",
    ]
]


@pytest.fixture(scope="module")
def collapsed(doc: fm.Document) -> M.Matrix:
    return M.matrix(doc)


@pytest.fixture(scope="module")
def expanded(doc: fm.Document) -> M.Matrix:
    return M.matrix(doc, expand=True)


def label(m: M.Matrix, task: int, column: str) -> str:
    cell = m.cell(task, column)
    return cell.label if cell else ""


def test_collapsed_columns_are_the_references_in_first_appearance_order(
    collapsed: M.Matrix,
) -> None:
    names = [c.name for c in collapsed.columns]
    assert names[:7] == [
        "各县(市、区)政府",
        "市司法局",
        "其他市政府部门",
        "市政府办公室",
        "市行政审批局",
        "市发展改革委",
        "市委编办",
    ]
    assert len(names) == len(set(names)) == 16
    assert [r.task for r in collapsed.rows] == list(range(1, 19))


def test_collapsed_cells_show_only_the_annotation_as_written(collapsed: M.Matrix) -> None:
    assert label(collapsed, 1, "各县(市、区)政府") == "责任"
    assert label(collapsed, 1, "市司法局") == "责任"
    assert label(collapsed, 6, "市司法局") == "责任"
    assert collapsed.cell(6, "市司法局") == M.Cell(how=G.How.NAMED, order=1)
    assert label(collapsed, 1, "市政府办公室") == ""  # reached by the catch-all, not written
    assert label(collapsed, 15, "市司法局") == ""
    assert label(collapsed, 16, "市属〔驻市〕各高校") == "责任"


def test_expanded_view_names_every_county_government_and_no_zone(
    expanded: M.Matrix, doc: fm.Document
) -> None:
    names = [c.name for c in expanded.columns]
    assert names[:18] == COUNTIES
    assert "赣州经开区" not in names and "市委编办" in names
    assert names[-1] == "市属〔驻市〕各高校"  # a group with no known member keeps its column
    zoned = M.matrix(doc, expand=True, zones=True)
    assert {"赣州经开区", "蓉江新区"} <= {c.name for c in zoned.columns}
    assert label(zoned, 1, "赣州经开区") == "组内"


def test_expanded_cells(expanded: M.Matrix) -> None:
    assert label(expanded, 1, "章贡区人民政府") == "组内"
    assert expanded.cell(1, "章贡区人民政府") == M.Cell(
        how=G.How.THROUGH_GROUP, via="各县(市、区)政府"
    )
    assert label(expanded, 1, "市司法局") == "责任"
    assert label(expanded, 1, "市财政局") == "其他"
    assert label(expanded, 6, "市司法局") == "责任"
    assert label(expanded, 15, "市司法局") == "组内"
    assert label(expanded, 4, "市司法局") == ""
    assert [r.task for r in expanded.rows if label(expanded, r.task, "市委编办")] == [5]


def test_expanded_cells_match_the_registry_expansion(expanded: M.Matrix, doc: fm.Document) -> None:
    for task in doc.tasks:
        units = {u.short or u.name for u in doc.registry.expand_all(task.responsible)}
        row = next(r for r in expanded.rows if r.task == task.number)
        filled = {
            c.name
            for c, cell in zip(expanded.columns, row.cells, strict=True)
            if cell and c.kind == "unit"
        }
        assert filled == units, task.number


def test_cell_rejects_unknown_rows_and_columns(collapsed: M.Matrix) -> None:
    with pytest.raises(KeyError):
        collapsed.cell(19, "市司法局")
    with pytest.raises(KeyError):
        collapsed.cell(1, "市戊局")


def test_csv_contract(expanded: M.Matrix) -> None:
    text = TB.to_csv(expanded)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][0] == "任务" and rows[0][1:] == [c.name for c in expanded.columns]
    assert [r[0] for r in rows[1:]] == [str(n) for n in range(1, 19)]
    for r in rows[1:]:
        for name, value in zip(rows[0][1:], r[1:], strict=True):
            assert (value != "") == (expanded.cell(int(r[0]), name) is not None)


def retitled(doc: fm.Document, title: str) -> fm.Document:
    """The document with task 1 alone, titled ``title``."""
    return attrs.evolve(doc, tasks=(attrs.evolve(doc.tasks[0], title=title),))


def test_markdown_escapes_pipes_and_keeps_the_columns(doc: fm.Document) -> None:
    text = TB.to_markdown(M.matrix(retitled(doc, "甲|乙")))
    lines = [x for x in text.splitlines() if x.startswith("|")]
    assert "甲\\|乙" in lines[2]
    widths = {len(x.replace("\\|", "").split("|")) for x in lines}
    assert len(widths) == 1


def test_json_data_and_dataframe(collapsed: M.Matrix) -> None:
    data = json.loads(json.dumps(M.matrix_row(collapsed), ensure_ascii=False))
    assert data["view"] == "collapsed"
    assert data["rows"][5]["cells"]["市司法局"] == {
        "how": "named",
        "label": "责任",
        "via": None,
        "order": 1,
    }
    frame = M.to_dataframe(collapsed)
    assert frame.shape == (18, 16)
    assert frame.index.name == "任务"
    assert frame.loc[6, "市司法局"] == "责任" and frame.loc[4, "市司法局"] == ""


def test_provision_table(doc: fm.Document) -> None:
    rows = {r[0]: dict(zip(PT.PROVISION_HEADER, r, strict=True)) for r in PT.provision_table(doc)}
    assert len(rows) == sum(1 for _ in doc.provisions())
    assert rows["t03.p03"]["下限"] == 2 and rows["t03.p03"]["统计周期"] == "每年"
    assert rows["t03.p03"]["类型"] == "数量要求"
    assert rows["t03.p09"]["计量单位"] == "学时/人"
    assert rows["t05.p06"]["期限"] == "权责清单调整起5个工作日内"
    assert str(rows["t08.p03"]["期限"]).startswith("每年1月底前")
    assert rows["s3.p03"]["任务"] == "组织保障"


def test_checklist_of_a_unit(doc: fm.Document) -> None:
    items = CL.checklist(doc, 2025, unit="市公安局").items
    tasks = {i.task: i for i in items if i.provision is None}
    assert tasks[16].how == "责任" and tasks[1].how == "其他"
    assert tasks[9].how == "其他"  # a law-enforcement department (治安管理处罚法)
    quota = next(i for i in items if i.provision == "t03.p03")
    assert (quota.kind, quota.how, quota.when, quota.due) == ("数量要求", "角色", "每年", ())
    catalogue = next(i for i in items if i.provision == "t08.p03")
    assert catalogue.due == ("2025-01-31", "2025-07-31")
    text = CL.checklist(doc, 2025, unit="市公安局").to_markdown()
    assert text.startswith("# 赣州市公安局 2025年工作清单")


class _Balanced(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in ("br", "meta"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack.pop() == tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_escaped_and_balanced(doc: fm.Document) -> None:
    evil = retitled(doc, "<script>x</script>")
    for text in (matrix_html(M.matrix(evil)), task_html(evil.tasks[0]), document_html(evil)):
        assert "<script>" not in text and "&lt;script&gt;" in text
        parser = _Balanced()
        parser.feed(text)
        assert parser.stack == []
    assert doc._repr_html_() == document_html(doc)
    assert doc.task(5)._repr_html_() == task_html(doc.task(5))
    rendered = M.matrix(doc)._repr_html_()
    assert rendered.count("<tr>") == 1 + 18 and 'title="各县(市、区)政府"' not in rendered
    assert 'title="其他市政府部门"' in M.matrix(doc, expand=True)._repr_html_()


# -- issue 9: 牵头 only where the document says who leads -------------------------------------


def test_a_document_that_names_no_lead_shows_lead_nowhere(
    doc: fm.Document, collapsed: M.Matrix, expanded: M.Matrix
) -> None:
    assert not any(t.lead for t in doc.tasks)
    for m in (collapsed, expanded):
        assert "牵头" not in {c.label for r in m.rows for c in r.cells if c}
        assert "牵头" not in {label for label, _ in M.legend(m)}
        for text in (TB.to_csv(m), matrix_html(m), TB.to_markdown(m)):
            assert "牵头" not in text


def test_a_lead_the_document_marks_is_shown_as_lead(doc: fm.Document) -> None:
    first = attrs.evolve(doc.tasks[5], lead=("市司法局",), lead_from=LeadBasis.NAMED)
    led = attrs.evolve(doc, tasks=(doc.tasks[0], first))
    m = M.matrix(led)
    assert m.cell(6, "市司法局") == M.Cell(how=G.How.LEAD, order=1)
    assert m.cell(1, "各县(市、区)政府") == M.Cell(how=G.How.NAMED, order=1)
    assert [label for label, _ in M.legend(m)][:2] == ["牵头", "责任"]
