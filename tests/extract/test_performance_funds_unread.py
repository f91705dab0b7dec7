"""A self-evaluation form whose funds block (年度资金) prints figures the reader cannot put in
rows — plain pdftotext of tightly set rows prints the block's headers one a line, then its
figures, with the row labels elsewhere — is read in part (PerformanceItem.status "partial"):
its 执行率 weight and score are missing from the model, so its weights no longer add up to
100, and no rule may say the form is wrong for it. Made-up forms."""

from __future__ import annotations

from juesuan.extract.performance import extract_performance
from juesuan.extract.performance.funds import FUNDS_UNREAD
from juesuan.locate.sections import locate_sections
from juesuan.model import Disclosure
from juesuan.read.text import read_text
from juesuan.rules import evaluate, select

HEAD = "第一部分 部门决算情况说明\n一、预算绩效情况说明\n本部门开展了绩效自评。\n第二部分 附件\n"
NAMES = ["项目支出绩效自评表", "（2025年度）", "项目名称 河湖巡查保洁", "主管部门 白沙县水利局",
         "实施单位 白沙县河道管理所"]
HEADS = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
# the funds block as plain pdftotext prints it: the headers, then 年度资金总额's figures, its
# label and the sources' figures after them
FUNDS_SCATTERED = ["项目资金（万元）", *HEADS, "120.00", "150.00", "150.00", "10", "100.00%", "10.00",
                   "其中：当年财政拨款 120.00", "140.00", "140.00", "年度资金总额", "0.00", "10.00", "10.00",
                   "上年结转资金"]
# the same block row by row
FUNDS_ROWS = ["项目资金（万元） " + " ".join(HEADS), "年度资金总额 120.00 150.00 150.00 10 100.00% 10.00",
              "其中：当年财政拨款 120.00 140.00 140.00 100.00%", "上年结转资金 0.00 10.00 10.00 100.00%"]
# the funds block left blank
FUNDS_BLANK = ["项目资金（万元） " + " ".join(HEADS), "年度资金总额", "其中：当年财政拨款", "上年结转资金"]
# two indicators of 45 points: with 执行率's 10, the weights make 100 and 45 + 40.50 + 10.00 = 95.50
REST = ["年度总体目标 完成全县河湖巡查保洁。", "绩效指标", "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
        "产出指标 数量指标 巡查河道长度 ≥300公里 310公里 45 45",
        "产出指标 质量指标 水面保洁率 ≥95% 90.00% 45 40.50",
        "总分 100 95.50", "自评等级 优"]


def _text(funds: list[str], total: str) -> bytes:
    rest = [t.replace("95.50", total) for t in REST]
    return (HEAD + "\n".join(NAMES + funds + rest) + "\n").encode()


def _form(funds: list[str], total: str = "95.50"):
    w: list[str] = []
    src = read_text(_text(funds, total), "synthetic.txt")
    (p,) = [i for i in extract_performance(src, locate_sections(src, []), w) if i.source == "attachment"]
    return p, w


def test_figures_in_the_funds_block_that_are_not_read_leave_the_form_partial():
    p, w = _form(FUNDS_SCATTERED)
    assert (p.status, p.status_reason) == ("partial", FUNDS_UNREAD)
    assert (p.budget, p.weight, p.rate_score, p.funds) == (None, None, None, [])
    assert [i.weight for i in p.indicators] == [45, 45]  # what was read is kept
    assert any("河湖巡查保洁" in x and FUNDS_UNREAD in x for x in w)


def test_the_same_form_row_by_row_is_read():
    p, w = _form(FUNDS_ROWS)
    assert (p.status, p.budget, p.weight, p.rate_score) == ("read", 150, 10, 10)
    assert not any(FUNDS_UNREAD in x for x in w)


def test_a_funds_block_left_blank_is_not_unread():
    p, _ = _form(FUNDS_BLANK)
    assert p.status == "read"


def _weight_sum(funds: list[str], total: str = "95.50"):
    found, coverage = evaluate(Disclosure(performance=[_form(funds, total)[0]]), select("P-weight-sum"))
    return found, coverage


def test_no_rule_judges_the_weights_of_a_form_whose_funds_were_not_read():
    found, rows = _weight_sum(FUNDS_SCATTERED)
    # 45 + 45 = 90, and 95.50 is 10 more than the scores read: the reading's gap, not the form's
    assert found == []
    (unchecked,) = [c for c in rows if c.status == "not_checked"]  # (the audit says why)
    assert "河湖巡查保洁" in unchecked.reason and "未能完整读取" in unchecked.reason


def test_the_weights_are_judged_when_the_funds_are_read():
    found, rows = _weight_sum(FUNDS_ROWS)
    assert found == [] and {c.status for c in rows} == {"passed"}
    # read in full, a 执行率 of 5 points makes the weights 95: that is the form's error
    found, _ = _weight_sum([FUNDS_ROWS[0], "年度资金总额 120.00 150.00 150.00 5 100.00% 5.00", *FUNDS_ROWS[2:]],
                           total="90.50")
    assert [f.rule for f in found] == ["P-weight-sum"]


def test_funds_are_looked_for_above_the_goals_and_indicators_only():
    """A form without a funds block whose indicator names one (项目资金使用合规性) is read."""
    rest = [*REST[:4], "产出指标 质量指标 项目资金使用合规性 合规 合规 45 40.50", *REST[5:]]
    src = read_text((HEAD + "\n".join(NAMES + rest) + "\n").encode(), "synthetic.txt")
    (p,) = [i for i in extract_performance(src, locate_sections(src, []), []) if i.source == "attachment"]
    assert p.status == "read" and len(p.indicators) == 2
