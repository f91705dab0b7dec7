"""情况说明 sections that explain the tables: totals, income, spending, fiscal appropriation,
the general budget, basic spending and the two fund tables (T07, T08)."""

from __future__ import annotations

from decimal import Decimal

from juesuan.glossary import CLASS_NAME, PERSONNEL_CLASSES, T01_INCOME_ITEMS, TABLES
from juesuan.money import ZERO
from juesuan.render.codes import economic_name, functional_name
from juesuan.render.narrative.blocks import placeholder
from juesuan.render.narrative.wording import amount, completion_clause, pct, pct_text, share_sentence
from juesuan.render.narrative.writer import Writer


def s_total(w: Writer) -> None:
    inc = w.v("T01", "收入总计", "金额")
    exp = w.v("T01", "支出总计", "金额")
    if inc == exp:
        w.p(f"{w.dept}{w.y}年度收入、支出总计均为{amount(inc)}。"
               + w.yoy("收入、支出总计", inc, w.pv("T01", "收入总计", "金额"), each=True))
    else:
        w.p(f"{w.dept}{w.y}年度收入总计{amount(inc)}，支出总计{amount(exp)}。"
               + w.yoy("收入总计", inc, w.pv("T01", "收入总计", "金额")))
    opening = w.v("T01", "年初结转和结余", "金额")
    closing = w.v("T01", "年末结转和结余", "金额")
    w.p(f"其中：年初结转和结余{amount(opening)}，年末结转和结余{amount(closing)}。")


def s_income(w: Writer) -> None:
    fiscal = sum((w.v("T01", r, "金额") for r in T01_INCOME_ITEMS[:3]), ZERO)
    items = [("财政拨款收入", fiscal)] + [(r, w.v("T01", r, "金额")) for r in T01_INCOME_ITEMS[3:]]
    _breakdown(w, "本年收入合计", ("T01", "本年收入合计", "金额"), items)


def s_expenditure(w: Writer) -> None:
    items = [(c, w.v("T03", "合计", c)) for c in TABLES["T03"].columns[1:]]
    _breakdown(w, "本年支出合计", ("T03", "合计", "本年支出合计"), items)


def _breakdown(w: Writer, what: str, ref: tuple[str, str, str], items: list[tuple[str, Decimal]]) -> None:
    """'本年收入合计X万元，其中：财政拨款收入…，占…；…' with the year-on-year change."""
    total = w.v(*ref)
    if not total:
        w.p(f"{w.dept}{w.y}年度{what}{amount(ZERO)}。")
        return
    shown = [(k, x) for k, x in items if x]
    w.p(f"{what}{amount(total)}，其中：{share_sentence(shown, total)}。" + w.yoy(what, total, w.pv(*ref)))


def s_fiscal_total(w: Writer) -> None:
    total = w.v("T04", "收入总计", "金额")
    w.p(f"{w.dept}{w.y}年度财政拨款收入支出总计{amount(total)}。"
           + w.yoy("财政拨款收入支出总计", total, w.pv("T04", "收入总计", "金额"), each=False))


def s_general(w: Writer) -> None:
    total = w.v("T05", "合计", "小计")
    all_exp = w.v("T03", "合计", "本年支出合计")
    w.h("（一）一般公共预算财政拨款支出决算总体情况", 3)
    s = pct(total, all_exp)
    share = f"，占本年支出合计的{pct_text(s)}" if s is not None else ""
    w.p(f"一般公共预算财政拨款支出{amount(total)}{share}。"
           + w.yoy("一般公共预算财政拨款支出", total, w.pv("T05", "合计", "小计")))
    w.h("（二）一般公共预算财政拨款支出决算结构情况", 3)
    classes = [(f"{CLASS_NAME[c]}（类）", w.v("T05", c, "小计")) for c in CLASS_NAME
               if w.d.value("T05", c, "小计")]
    if classes:
        w.p(f"一般公共预算财政拨款支出{amount(total)}，主要用于以下方面：{share_sentence(classes, total)}。")
    else:
        w.p(f"{w.dept}{w.y}年度无一般公共预算财政拨款支出。")
    w.h("（三）一般公共预算财政拨款支出决算具体情况", 3)
    b = w.sup.budget_general
    budget_txt = amount(b) if b is not None else placeholder("年初预算数（万元）")
    w.p(f"一般公共预算财政拨款支出年初预算为{budget_txt}，支出决算为{amount(total)}，"
           + completion_clause(total, b) + "其中：")
    t = w.d.tables.get("T05")
    items = sorted(r for r in (t.rows() if t else []) if r.isdigit() and len(r) == 7)
    for i, code in enumerate(items, start=1):
        v = w.v("T05", code, "小计")
        path = (f"{functional_name(code[:3])}（类）{functional_name(code[:5])}（款）"
                f"{(t.row_labels.get(code) if t else None) or functional_name(code)}（项）")
        bud = w.sup.budget_by_code.get(code)
        btxt = amount(bud) if bud is not None else placeholder("年初预算数（万元）")
        w.p(f"{i}、{path}。主要用于：{placeholder('主要用途')}。年初预算为{btxt}，支出决算为{amount(v)}，"
               + completion_clause(v, bud))


def s_basic(w: Writer) -> None:
    personnel = w.v("T06", "人员经费合计", "决算数")
    public = w.v("T06", "公用经费合计", "决算数")
    t = w.d.tables.get("T06")
    items = [r for r in (t.rows() if t else []) if r.isdigit() and len(r) == 5 and w.d.value("T06", r, "决算数")]
    pn = "、".join(economic_name(r) for r in items if r[:3] in PERSONNEL_CLASSES) or "无"
    un = "、".join(economic_name(r) for r in items if r[:3] not in PERSONNEL_CLASSES) or "无"
    total = w.v("T05", "合计", "基本支出")
    w.p(f"一般公共预算财政拨款基本支出{amount(total)}。其中：人员经费{amount(personnel)}，主要包括：{pn}；"
           f"公用经费{amount(public)}，主要包括：{un}。")


def fund_like(w: Writer, tid: str, col: str, kind: str, budget: Decimal | None) -> None:
    t = w.d.tables.get(tid)
    if t is None or t.declared_empty or not t.has_data:
        w.p(f"{w.dept}{w.y}年度无{kind}财政拨款收入和支出。" if tid == "T07" else
               f"{w.dept}{w.y}年度无{kind}财政拨款支出。")
        return
    spent = w.v(tid, "合计", col)
    if tid == "T07":
        head = (f"{kind}财政拨款收入{amount(w.v(tid, '合计', '本年收入'))}，"
                f"{kind}财政拨款支出{amount(spent)}")
    else:
        head = f"{kind}财政拨款支出{amount(spent)}"
    btxt = (f"年初预算为{amount(budget)}，" + completion_clause(spent, budget)) if budget is not None else \
        f"年初预算为{placeholder('年初预算数（万元）')}。"
    w.p(f"{head}。{btxt}支出具体情况如下：")
    for i, code in enumerate(sorted(r for r in t.rows() if r.isdigit() and len(r) == 7), start=1):
        path = f"{functional_name(code[:3])}（类）{functional_name(code[:5])}（款）{functional_name(code)}（项）"
        w.p(f"{i}、{path}{amount(w.v(tid, code, col))}。主要用于：{placeholder('主要用途')}。")
