"""Self-evaluation forms printed column by column, one cell a line (pdfminer's text boxes): each
column's cells one after another, so no row structure puts a figure back in its row. Such a
form keeps its name and is marked unreadable (PerformanceItem.status), its figures unread —
never read into rows they do not belong to. Made-up forms."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_performance_percell import END, HEADER, TOP

from juesuan.extract.performance import extract_performance
from juesuan.extract.performance.common import rows_of
from juesuan.extract.performance.percell import BY_COLUMN, by_column, maybe_by_column
from juesuan.locate.sections import locate_sections
from juesuan.read.text import read_text
from juesuan.read.types import Chunk, Line

HEAD = "第一部分 部门决算情况说明\n一、预算绩效情况说明\n本部门开展了绩效自评。\n第二部分 附件\n"
# the form of test_performance_percell printed column by column: the name labels, then their
# values; each figure column's header, then its figures (年度资金总额, 当年财政拨款, 上年结转资金)
BY_COLUMNS = ["项目支出绩效自评表", "（2025年度）", "项目名称", "主管部门", "实施单位", "河湖巡查保洁", "白沙县水利局",
              "白沙县河道管理所", "项目资金（万元）", "年度资金总额", "其中：当年财政拨款", "上年结转资金",
              "年初预算数", "120.00", "120.00", "0.00", "全年预算数", "150.00", "140.00", "10.00",
              "全年执行数", "135.00", "126.00", "9.00", "分值", "10", "执行率", "90.00%", "90.00%", "90.00%",
              "得分", "9.00", "年度总体目标", "预期目标", "实际完成情况", "完成全县河湖巡查保洁。", "全年巡查保洁到位。",
              *HEADER[:3], "产出指标", "数量指标", "质量指标", "巡查河道长度", "水面保洁率", "年度指标值", "≥300公里",
              "≥95%", "实际完成值", "310公里", "96.00%", "分值", "50", "50", "得分", "50", "43.50", *END]
ROWS = ["产出指标", "数量指标", "巡查河道长度", "≥300公里", "310公里", "50", "50",
        "质量指标", "水面保洁率", "≥95%", "96.00%", "50", "43.50"]


def _items(cells: list[str]):
    w: list[str] = []
    src = read_text((HEAD + "\n".join(cells) + "\n").encode(), "synthetic.txt")
    items = [i for i in extract_performance(src, locate_sections(src, []), w) if i.source == "attachment"]
    return items, w


def _rows(texts: list[str]):
    return rows_of([Line(no=k, text=t, chunks=[Chunk(t)]) for k, t in enumerate(texts)])


def test_a_form_printed_column_by_column_keeps_its_name_and_reads_no_figure():
    (p,), w = _items(BY_COLUMNS)
    assert (p.name, p.status, p.status_reason) == ("河湖巡查保洁", "unreadable", BY_COLUMN)
    assert (p.budget, p.executed, p.rate, p.total_score, p.funds, p.indicators) == (None, None, None, None, [], [])
    assert any("河湖巡查保洁" in x and BY_COLUMN in x for x in w)


def test_the_same_form_printed_row_by_row_is_read():
    (p,), _ = _items(TOP + HEADER + ROWS + END)
    assert p.status == "read" and p.total_score is not None and len(p.indicators) == 2


def test_headers_in_a_run_then_a_row_of_figures_is_not_by_column():
    """A tool that prints the header row, then the figures of a row whose label it set
    elsewhere (pdftotext's reading order), is still row by row: only the run's last header
    stands before figures."""
    row = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "120.00", "150.00", "135.00", "10", "90.00%", "9.00"]
    assert not by_column(_rows(["项目支出绩效自评表", *row, "预期目标", "95.00%", "90.00%", *row]))
    # a head label and its one value (年初预算数 / 120.00) is no column either
    assert not by_column(_rows(["年初预算数", "120.00", "全年预算数", "150.00", "全年执行数", "135.00", "执行率", "90.00%"]))
    assert by_column(_rows(["全年预算数", "150.00", "140.00", "全年执行数", "135.00", "126.00"]))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["全年预算数", "执行率", "得分(万元)", "分值", "项目名称", "产出指标", "150.00", "90.00%",
                                 "10", "合规", "≥95%"]), max_size=30))
def test_the_screen_never_misses_a_form_by_column(texts):
    """``maybe_by_column`` (one search of the joined text) is asked first: it says yes to
    every form ``by_column`` finds."""
    rows = _rows(texts)
    assert maybe_by_column(rows) or not by_column(rows)
