"""公开09表 printed one cell a line (pdftotext without -layout): a made-up department's
twelve “三公” figures placed by the tool's order and T09's identities, or not at all."""

from __future__ import annotations

from decimal import Decimal as D

from juesuan.extract.blocks import _tokens
from juesuan.extract.blocks.sangong import anchors, solve
from juesuan.glossary import T09_ITEMS
from juesuan.read.text import read_text

BUDGET = ("30.00", "5.00", "20.00", "0.00", "20.00", "5.00")
FINAL = ("26.50", "4.00", "18.00", "0.00", "18.00", "4.50")


def _vertical(final=FINAL, pull_total=False) -> list[str]:
    """One line per item: name, 预算数, 决算数 (``pull_total``: 合计's 决算数 printed after
    the next item's 预算数, as the tool does when it sits a little lower)."""
    out = ["财政拨款“三公”经费支出决算表", "单位：万元", "项目", "预算数", "决算数"]
    for k, (item, b, f) in enumerate(zip(T09_ITEMS, BUDGET, final)):
        out += [item, b]
        if k == 0 and pull_total:
            continue
        out.append(f)
        if k == 1 and pull_total:
            out.insert(len(out) - 1, final[0])
    return out


def _values(texts, placed):
    return {rc: (D(texts[i]), unsure) for rc, (i, unsure) in placed.items()}


def test_a_vertical_table_is_placed_by_its_identities():
    texts = _vertical()
    got = _values(texts, solve(texts))
    assert got[("决算数", "合计")] == (D("26.50"), False)
    assert got[("预算数", "公务接待费")] == (D("5.00"), False)
    assert len(got) == 12 and not any(u for _, u in got.values())


def test_a_pulled_figure_is_put_back():
    texts = _vertical(pull_total=True)
    got = _values(texts, solve(texts))
    assert got[("决算数", "合计")] == (D("26.50"), False)
    assert got[("决算数", "因公出国（境）费")] == (D("4.00"), False)


def test_two_rows_in_a_row_horizontal_form_is_placed():
    texts = ["合计", "因公出国（境）费", "预算数", "决算数", *BUDGET, *FINAL]
    got = _values(texts, solve(texts))
    assert got[("预算数", "合计")] == (D("30.00"), False) and got[("决算数", "公务接待费")] == (D("4.50"), False)


def test_a_misprint_leaves_it_unplaced():
    assert solve(_vertical(final=("26.00",) + FINAL[1:])) is None


def test_blank_cells_are_placed_by_the_identities_and_uncertain_where_they_leave_a_choice():
    # 公务用车购置费 blank in both rows: 公务用车 20.00/18.00 is 购置 + 运行 with either one blank
    texts = [t for t in _vertical() if t != "0.00"]
    got = _values(texts, solve(texts))
    assert got[("预算数", "合计")] == (D("30.00"), False) and got[("决算数", "公务接待费")] == (D("4.50"), False)
    assert got[("决算数", "公务用车购置及运行费")] == (D("18.00"), False)
    car = [got[("决算数", i)] for i in ("公务用车购置费", "公务用车运行维护费") if ("决算数", i) in got]
    assert car == [(D("18.00"), True)]


def _paired(budget, final, blocks: bool = True) -> list:
    """The paired form (预算数 | 决算数 under each item) printed by pdftotext: the item names, then
    each column's label with its figure below it as one block (blank cells: the label alone)."""
    out = ["财政拨款“三公”经费支出决算表", "单位：万元", *T09_ITEMS]
    for b, f in zip(budget, final):
        for label, x in (("预算数", b), ("决算数", f)):
            out += [label] + ([x] if x is not None else []) + [""]
    text = "\n".join(out) if blocks else "\n".join(x for x in out if x)
    return read_text(text.encode(), "t.txt").lines


def test_a_paired_form_ties_each_figure_to_the_label_above_it():
    # only 合计 and 公务接待费 budgeted, nothing spent (a department with no overseas trips or cars)
    budget, final = ("0.95", None, None, None, None, "0.95"), (None,) * 6
    toks = _tokens(_paired(budget, final))
    texts = [t for t, _ in toks]
    got = _values(texts, solve(texts, tied=anchors(toks)))
    assert got == {("预算数", "合计"): (D("0.95"), False), ("预算数", "公务接待费"): (D("0.95"), False)}
    # without the blocks the figures could be 决算数 or 因公出国's: nothing is certain
    toks = _tokens(_paired(budget, final, blocks=False))
    texts = [t for t, _ in toks]
    assert anchors(toks) == {}
    assert all(u for _, u in _values(texts, solve(texts)).values())


def test_figures_the_identities_cannot_tell_apart_are_uncertain():
    # printed in rows, each item's 预算数 then 决算数: 公务用车 决算数 1.00 is 购置 0 + 运行 1, or
    # — the tool's order allowing a 决算数 to come after the next item's 预算数 — 购置 1 + 运行 0
    texts = ["3.00", "3.00", "2.00", "1.00", "1.00", "1.00", "1.00", "0.00", "0.00", "1.00", "0.00", "1.00"]
    got = _values(texts, solve(texts))
    assert got[("预算数", "合计")] == (D("3.00"), False) and got[("决算数", "公务接待费")] == (D("1.00"), False)
    assert got[("决算数", "公务用车购置费")][1] and got[("决算数", "公务用车运行维护费")][1]


def test_other_expenses_after_the_six_items_are_read_in_their_places_and_left_out():
    # 会议费 3.10 / 2.75 and 培训费 6.40 / 5.05 printed after 公务接待费 in each half (horizontal)
    texts = ["合计", "公务接待费", "会议费", "培训费", "预算数", "决算数",
             *BUDGET, "3.10", "6.40", *FINAL, "2.75", "5.05"]
    got = _values(texts, solve(texts, others=("会议费", "培训费")))
    assert len(got) == 12 and not any(u for _, u in got.values())
    assert got[("决算数", "合计")] == (D("26.50"), False) and got[("预算数", "公务接待费")] == (D("5.00"), False)
    assert solve(texts) is None  # sixteen figures, six items: not placed without the other two
