from __future__ import annotations

from decimal import Decimal as D

from juesuan.render.narrative import (
    ROUNDING_TAIL,
    Change,
    Para,
    build_document,
    completion,
    completion_clause,
    pct,
    placeholders,
    share_sentence,
    shares,
)
from juesuan.render.supplement import Supplement


def test_share_is_rounded_from_its_own_ratio():
    assert pct(D("1"), D("3")) == D("33.33")
    assert pct(D("2"), D("3")) == D("66.67")
    assert pct(D("1"), D("8")) == D("12.50")
    assert pct(D("0.125"), D("1")) == D("12.50")  # half up
    assert pct(D("5"), D("0")) is None


def test_shares_never_nudged_and_tail_note():
    triples, tail = shares([("a", D("1")), ("b", D("1")), ("c", D("1"))], D("3"))
    assert [s for _, _, s in triples] == [D("33.33")] * 3  # 99.99, not forced to 100.00
    assert tail
    text = share_sentence([("a", D("1")), ("b", D("1")), ("c", D("1"))], D("3"))
    assert text.endswith(ROUNDING_TAIL)
    _, tail2 = shares([("a", D("1")), ("b", D("3"))], D("4"))
    assert not tail2
    assert ROUNDING_TAIL not in share_sentence([("a", D("1")), ("b", D("3"))], D("4"))


def test_partial_list_gets_no_tail_note():
    # items that do not make up the whole: their shares need not sum to 100
    _, tail = shares([("a", D("1"))], D("3"))
    assert not tail


def test_change_words():
    up = Change(D("110"), D("100"))
    assert (up.direction, up.rate_word, up.delta, up.rate) == ("增加", "增长", D("10"), D("10.00"))
    assert up.text() == "增加10.00万元，增长10.00%"
    down = Change(D("90"), D("120"))
    assert down.direction == "减少" and down.rate_word == "下降"
    assert down.text() == "减少30.00万元，下降25.00%"
    flat = Change(D("5.00"), D("5"))
    assert flat.direction == "持平" and flat.text() == "持平"
    from_zero = Change(D("7"), D("0"))
    assert from_zero.rate is None and from_zero.text() == "增加7.00万元"
    assert Change(D("1"), D("3")).rate == D("66.67")  # rate = change ÷ previous


def test_completion():
    assert completion(D("98"), D("100")) == D("98.00")
    assert completion(D("1"), D("0")) is None
    assert "完成年初预算的105.43%" in completion_clause(D("1054.3"), D("1000"))
    assert "大于" in completion_clause(D("1054.3"), D("1000"))
    assert "小于" in completion_clause(D("900"), D("1000"))
    assert "持平" in completion_clause(D("1000"), D("1000.00"))
    assert "【请填写：" in completion_clause(D("1"), None)


def _text(doc) -> str:
    return "\n".join(b.text for b in doc.blocks if isinstance(b, Para))


def test_document_figures(sample_year):
    y, prev = sample_year
    d, p = y.disclosure, prev.disclosure
    doc = build_document(d, p, y.supplement)
    text = _text(doc)
    total = d.value("T01", "收入总计", "金额")
    assert f"收入、支出总计均为{total:,.2f}万元" in text
    ch = Change(total, p.value("T01", "收入总计", "金额"))
    assert f"收入、支出总计各{ch.direction}{abs(ch.delta):,.2f}万元，{ch.rate_word}{ch.rate:.2f}%" in text
    basic = d.value("T03", "合计", "基本支出")
    whole = d.value("T03", "合计", "本年支出合计")
    assert f"基本支出{basic:,.2f}万元，占{pct(basic, whole):.2f}%" in text
    # declared-empty fund tables are said to be empty, not described with numbers
    assert f"{d.meta.department}{d.meta.year}年度无政府性基金预算财政拨款收入和支出。" in text
    assert f"{d.meta.department}{d.meta.year}年度无国有资本经营预算财政拨款支出。" in text


def test_without_previous_or_supplement_everything_unknown_is_a_placeholder(sample_year):
    y, _ = sample_year
    doc = build_document(y.disclosure)
    ph = placeholders(doc)
    assert any("上年决算数" in p for p in ph)
    assert any("年初预算数" in p for p in ph)
    assert any("机关运行经费" in p for p in ph)
    assert any("主要职能" in p for p in ph)
    assert any("政府采购" in p for p in ph)


def test_reasons_are_never_invented(full_year):
    y, prev = full_year
    doc = build_document(y.disclosure, prev.disclosure, y.supplement)
    text = _text(doc)
    # every “主要原因” is followed by a placeholder
    import re

    for m in re.finditer(r"主要原因(?:是|：)", text):
        assert text[m.end():m.end() + 5] == "【请填写：", text[m.start() - 40:m.end() + 20]


def test_flat_year_says_chiping(sample_year):
    y, _ = sample_year
    same = y.disclosure.model_copy(deep=True)
    doc = build_document(y.disclosure, same, Supplement())
    text = _text(doc)
    assert "与" in text and "相比，收入、支出总计持平。" in text
    assert "本年收入合计持平" in text


def test_sangong_words_follow_the_table(full_year):
    y, prev = full_year
    d = y.disclosure
    text = _text(build_document(d, prev.disclosure, y.supplement))
    total = d.value("T09", "决算数", "合计")
    budget = d.value("T09", "预算数", "合计")
    assert f"年初预算为{budget:,.2f}万元，支出决算为{total:,.2f}万元，完成预算的{pct(total, budget):.2f}%" in text
