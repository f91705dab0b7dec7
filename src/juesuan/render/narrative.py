"""The whole disclosure as a sequence of blocks, and the 情况说明 written from the figures.

Numbers come only from the model (this year's tables), the previous year's model (for
year-on-year change) and the supplement (年初预算, 机关运行经费, 政府采购, 国有资产 …). Rules:

* every share is rounded (half up, 0.01) from its own ratio — never adjusted so that a list sums
  to 100.00%; when the printed shares of a whole do not sum to 100.00% the sentence adds
  （因四舍五入可能存在尾差）;
* change: 增加/减少 X 万元, 增长/下降 Y% (rate = change ÷ previous); zero change is 持平; no rate
  when the previous year is zero;
* budget completion: final ÷ budget (完成年初预算的 Z%);
* anything that needs human words (reasons, duties, uses) is a marked placeholder
  【请填写：…】, and a missing fact is a placeholder too — never an invented number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from juesuan.glossary import CLASS_NAME, PERSONNEL_CLASSES, T01_INCOME_ITEMS, TABLE_IDS
from juesuan.model import Disclosure
from juesuan.money import ZERO, fmt
from juesuan.render.codes import economic_name, functional_name
from juesuan.render.layout import TableLayout, cn_number, table_layout
from juesuan.render.supplement import Supplement

HUNDRED = Decimal(100)
PCT = Decimal("0.01")
ROUNDING_TAIL = "（因四舍五入可能存在尾差）"


def placeholder(what: str) -> str:
    """A place the author must write (never filled in by the program)."""
    return f"【请填写：{what}】"


# ---------------------------------------------------------------------------------------------
# Blocks


@dataclass
class Heading:
    text: str
    level: int  # 0 cover title, 1 第X部分, 2 一、…, 3 （一）…


@dataclass
class Para:
    text: str


@dataclass
class TableBlock:
    layout: TableLayout


@dataclass
class TocEntry:
    text: str
    level: int


@dataclass
class PageBreak:
    pass


Block = Heading | Para | TableBlock | TocEntry | PageBreak


@dataclass
class Document:
    department: str
    year: int | None
    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        y = f"{self.year}年度" if self.year else ""
        return f"{self.department}{y}部门决算"


# ---------------------------------------------------------------------------------------------
# Figures → words (unit-tested)


def amount(v: Decimal | None) -> str:
    """'1,234.50万元'"""
    return f"{fmt(v if v is not None else ZERO)}万元"


def pct(part: Decimal, whole: Decimal) -> Decimal | None:
    """part ÷ whole in percent, rounded half up to 0.01; None when the whole is zero."""
    if not whole:
        return None
    return (part / whole * HUNDRED).quantize(PCT, rounding=ROUND_HALF_UP)


def pct_text(p: Decimal | None) -> str:
    return "—" if p is None else f"{p:.2f}%"


def shares(items: list[tuple[str, Decimal]], whole: Decimal) -> tuple[list[tuple[str, Decimal, Decimal | None]], bool]:
    """Each item's share of the whole, each from its own ratio. Returns (label, amount, share)
    triples and whether the printed shares fail to add up to 100.00% (a 尾差 note is due)."""
    out = [(label, v, pct(v, whole)) for label, v in items]
    total = sum((s for _, _, s in out if s is not None), ZERO)
    complete = sum((v for _, v in items), ZERO) == whole
    tail = bool(whole) and complete and total != HUNDRED
    return out, tail


def share_sentence(items: list[tuple[str, Decimal]], whole: Decimal, of: str = "") -> str:
    """'财政拨款收入1,000.00万元，占90.00%；事业收入…' (+ 尾差 note when due)."""
    triples, tail = shares(items, whole)
    parts = []
    for label, v, s in triples:
        p = "" if s is None else f"，占{of}{pct_text(s)}"
        parts.append(f"{label}{amount(v)}{p}")
    return "；".join(parts) + (ROUNDING_TAIL if tail else "")


@dataclass(frozen=True)
class Change:
    current: Decimal
    previous: Decimal

    @property
    def delta(self) -> Decimal:
        return self.current - self.previous

    @property
    def direction(self) -> str:
        d = self.delta
        return "持平" if d == 0 else ("增加" if d > 0 else "减少")

    @property
    def rate(self) -> Decimal | None:
        if not self.previous:
            return None
        return (abs(self.delta) / abs(self.previous) * HUNDRED).quantize(PCT, rounding=ROUND_HALF_UP)

    @property
    def rate_word(self) -> str:
        return {"增加": "增长", "减少": "下降", "持平": "持平"}[self.direction]

    def text(self, each: bool = False) -> str:
        """'增加120.00万元，增长5.00%' / '减少…，下降…' / '持平'."""
        if self.direction == "持平":
            return "持平"
        s = f"{'各' if each else ''}{self.direction}{amount(abs(self.delta))}"
        r = self.rate
        if r is not None:
            s += f"，{self.rate_word}{pct_text(r)}"
        return s


def completion(final: Decimal, budget: Decimal | None) -> Decimal | None:
    if budget is None or not budget:
        return None
    return pct(final, budget)


def completion_clause(final: Decimal, budget: Decimal | None, what: str = "决算数") -> str:
    """'完成年初预算的98.00%。决算数小于预算数的主要原因：【请填写：…】。' or the 持平 form."""
    if budget is None:
        return f"完成年初预算的{placeholder('完成率（请提供年初预算数）')}。"
    c = completion(final, budget)
    if c is None:
        return "年初未安排预算。"
    if final == budget:
        return f"完成年初预算的{pct_text(c)}，{what}与预算数持平。"
    word = "大于" if final > budget else "小于"
    return f"完成年初预算的{pct_text(c)}。{what}{word}预算数的主要原因：{placeholder('决算数与预算数差异的原因')}。"


# ---------------------------------------------------------------------------------------------
# The document


class _Writer:
    def __init__(self, d: Disclosure, previous: Disclosure | None, sup: Supplement):
        self.d = d
        self.prev = previous
        self.sup = sup
        self.dept = d.meta.department or placeholder("部门名称")
        self.year = d.meta.year
        self.y = f"{self.year}" if self.year else placeholder("年度")
        self.py = f"{self.year - 1}" if self.year else placeholder("上年度")
        self.blocks: list[Block] = []

    # figures
    def v(self, tid: str, row: str, col: str, d: Disclosure | None = None) -> Decimal:
        x = (d or self.d).value(tid, row, col)
        return ZERO if x is None else x

    def pv(self, tid: str, row: str, col: str) -> Decimal | None:
        if self.prev is None:
            return None
        t = self.prev.tables.get(tid)
        if t is None or not (t.cells or t.declared_empty):
            return None
        return self.v(tid, row, col, self.prev)

    def yoy(self, subject: str, cur: Decimal, prev: Decimal | None, each: bool = False, reason: bool = True) -> str:
        if prev is None:
            return f"与{self.py}年度相比，{subject}{placeholder('上年决算数及增减变动情况')}。"
        ch = Change(cur, prev)
        if ch.direction == "持平":
            return f"与{self.py}年度相比，{subject}持平。"
        tail = f"主要原因：{placeholder(subject + '变动原因')}。" if reason else ""
        return f"与{self.py}年度相比，{subject}{ch.text(each)}。{tail}"

    def h(self, text: str, level: int) -> None:
        self.blocks.append(Heading(text, level))

    def p(self, text: str) -> None:
        self.blocks.append(Para(text))

    # parts
    def cover_and_toc(self, sections: list[str]) -> None:
        self.h(self.dept, 0)
        self.h(f"{self.y}年度部门决算", 0)
        self.blocks.append(PageBreak())
        self.h("目录", 1)
        self.blocks.append(TocEntry(f"第一部分 {self.dept}概况", 1))
        self.blocks.append(TocEntry("一、主要职能", 2))
        self.blocks.append(TocEntry("二、部门决算单位构成", 2))
        self.blocks.append(TocEntry(f"第二部分 {self.dept}{self.y}年度部门决算表", 1))
        for i, tid in enumerate(TABLE_IDS, start=1):
            self.blocks.append(TocEntry(f"{cn_number(i)}、{table_layout(self.d, tid).title}", 2))
        self.blocks.append(TocEntry(f"第三部分 {self.dept}{self.y}年度部门决算情况说明", 1))
        for i, s in enumerate(sections, start=1):
            self.blocks.append(TocEntry(f"{cn_number(i)}、{s}", 2))
        self.blocks.append(TocEntry("第四部分 名词解释", 1))
        self.blocks.append(PageBreak())

    def overview(self) -> None:
        self.h(f"第一部分 {self.dept}概况", 1)
        self.h("一、主要职能", 2)
        if self.sup.duties:
            for i, duty in enumerate(self.sup.duties, start=1):
                self.p(f"（{cn_number(i)}）{duty}")
        else:
            self.p(placeholder("主要职能（根据“三定”方案等规定填写）"))
        self.h("二、部门决算单位构成", 2)
        if self.sup.units:
            self.p(f"纳入{self.dept}{self.y}年度部门决算编制范围的单位共{len(self.sup.units)}个，包括：")
            for i, u in enumerate(self.sup.units, start=1):
                self.p(f"{i}. {u}")
        else:
            self.p(f"纳入{self.dept}{self.y}年度部门决算编制范围的单位包括：{placeholder('决算单位名单')}")
        self.blocks.append(PageBreak())

    def tables(self) -> None:
        self.h(f"第二部分 {self.dept}{self.y}年度部门决算表", 1)
        for tid in TABLE_IDS:
            self.blocks.append(TableBlock(table_layout(self.d, tid)))
        self.blocks.append(PageBreak())

    # 情况说明 sections ---------------------------------------------------------------
    def s_total(self) -> None:
        inc = self.v("T01", "收入总计", "金额")
        exp = self.v("T01", "支出总计", "金额")
        if inc == exp:
            self.p(f"{self.dept}{self.y}年度收入、支出总计均为{amount(inc)}。"
                   + self.yoy("收入、支出总计", inc, self.pv("T01", "收入总计", "金额"), each=True))
        else:
            self.p(f"{self.dept}{self.y}年度收入总计{amount(inc)}，支出总计{amount(exp)}。"
                   + self.yoy("收入总计", inc, self.pv("T01", "收入总计", "金额")))
        opening = self.v("T01", "年初结转和结余", "金额")
        closing = self.v("T01", "年末结转和结余", "金额")
        self.p(f"其中：年初结转和结余{amount(opening)}，年末结转和结余{amount(closing)}。")

    def s_income(self) -> None:
        total = self.v("T01", "本年收入合计", "金额")
        fiscal = sum((self.v("T01", r, "金额") for r in T01_INCOME_ITEMS[:3]), ZERO)
        items = [("财政拨款收入", fiscal)] + [(r, self.v("T01", r, "金额")) for r in T01_INCOME_ITEMS[3:]]
        items = [(k, x) for k, x in items if x]
        if not total:
            self.p(f"{self.dept}{self.y}年度本年收入合计{amount(ZERO)}。")
            return
        self.p(f"本年收入合计{amount(total)}，其中：{share_sentence(items, total)}。"
               + self.yoy("本年收入合计", total, self.pv("T01", "本年收入合计", "金额")))

    def s_expenditure(self) -> None:
        total = self.v("T03", "合计", "本年支出合计")
        cols = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
        items = [(c, self.v("T03", "合计", c)) for c in cols]
        items = [(k, x) for k, x in items if x]
        if not total:
            self.p(f"{self.dept}{self.y}年度本年支出合计{amount(ZERO)}。")
            return
        self.p(f"本年支出合计{amount(total)}，其中：{share_sentence(items, total)}。"
               + self.yoy("本年支出合计", total, self.pv("T03", "合计", "本年支出合计")))

    def s_fiscal_total(self) -> None:
        total = self.v("T04", "收入总计", "金额")
        self.p(f"{self.dept}{self.y}年度财政拨款收入支出总计{amount(total)}。"
               + self.yoy("财政拨款收入支出总计", total, self.pv("T04", "收入总计", "金额"), each=False))

    def s_general(self) -> None:
        total = self.v("T05", "合计", "小计")
        all_exp = self.v("T03", "合计", "本年支出合计")
        self.h("（一）一般公共预算财政拨款支出决算总体情况", 3)
        s = pct(total, all_exp)
        share = f"，占本年支出合计的{pct_text(s)}" if s is not None else ""
        self.p(f"一般公共预算财政拨款支出{amount(total)}{share}。"
               + self.yoy("一般公共预算财政拨款支出", total, self.pv("T05", "合计", "小计")))
        self.h("（二）一般公共预算财政拨款支出决算结构情况", 3)
        classes = [(f"{CLASS_NAME[c]}（类）", self.v("T05", c, "小计")) for c in CLASS_NAME
                   if self.d.value("T05", c, "小计")]
        if classes:
            self.p(f"一般公共预算财政拨款支出{amount(total)}，主要用于以下方面：{share_sentence(classes, total)}。")
        else:
            self.p(f"{self.dept}{self.y}年度无一般公共预算财政拨款支出。")
        self.h("（三）一般公共预算财政拨款支出决算具体情况", 3)
        b = self.sup.budget_general
        budget_txt = amount(b) if b is not None else placeholder("年初预算数（万元）")
        self.p(f"一般公共预算财政拨款支出年初预算为{budget_txt}，支出决算为{amount(total)}，"
               + completion_clause(total, b) + "其中：")
        t = self.d.tables.get("T05")
        items = sorted(r for r in (t.rows() if t else []) if r.isdigit() and len(r) == 7)
        for i, code in enumerate(items, start=1):
            v = self.v("T05", code, "小计")
            path = (f"{functional_name(code[:3])}（类）{functional_name(code[:5])}（款）"
                    f"{(t.row_labels.get(code) if t else None) or functional_name(code)}（项）")
            bud = self.sup.budget_by_code.get(code)
            btxt = amount(bud) if bud is not None else placeholder("年初预算数（万元）")
            self.p(f"{i}、{path}。主要用于：{placeholder('主要用途')}。年初预算为{btxt}，支出决算为{amount(v)}，"
                   + completion_clause(v, bud))

    def s_basic(self) -> None:
        personnel = self.v("T06", "人员经费合计", "决算数")
        public = self.v("T06", "公用经费合计", "决算数")
        t = self.d.tables.get("T06")
        items = [r for r in (t.rows() if t else []) if r.isdigit() and len(r) == 5 and self.d.value("T06", r, "决算数")]
        pn = "、".join(economic_name(r) for r in items if r[:3] in PERSONNEL_CLASSES) or "无"
        un = "、".join(economic_name(r) for r in items if r[:3] not in PERSONNEL_CLASSES) or "无"
        total = self.v("T05", "合计", "基本支出")
        self.p(f"一般公共预算财政拨款基本支出{amount(total)}。其中：人员经费{amount(personnel)}，主要包括：{pn}；"
               f"公用经费{amount(public)}，主要包括：{un}。")

    def s_sangong(self) -> None:
        items = ("因公出国（境）费", "公务用车购置及运行费", "公务接待费")
        names = {"因公出国（境）费": "因公出国（境）费", "公务用车购置及运行费": "公务用车购置及运行维护费",
                 "公务接待费": "公务接待费"}
        total = self.v("T09", "决算数", "合计")
        budget = self.v("T09", "预算数", "合计")
        if not total and not budget:
            self.p(f"{self.dept}{self.y}年度无“三公”经费财政拨款支出。")
            return
        self.h("（一）“三公”经费财政拨款支出决算总体情况说明", 3)
        per = "；".join(f"{names[k]}支出决算为{amount(self.v('T09', '决算数', k))}"
                       + (f"，完成预算的{pct_text(completion(self.v('T09', '决算数', k), self.v('T09', '预算数', k)))}"
                          if self.v("T09", "预算数", k) else "，年初未安排预算")
                       for k in items)
        if budget:
            c = completion(total, budget)
            if total == budget:
                tail = "决算数与预算数持平。"
            else:
                word = "小于" if total < budget else "大于"
                tail = (f"{self.y}年度“三公”经费支出决算数{word}预算数的主要原因："
                        f"{placeholder('决算数与预算数差异的原因')}。")
            self.p(f"“三公”经费财政拨款支出年初预算为{amount(budget)}，支出决算为{amount(total)}，"
                   f"完成预算的{pct_text(c)}，其中：{per}。{tail}")
        else:
            self.p(f"“三公”经费财政拨款支出年初未安排预算，支出决算为{amount(total)}，其中：{per}。"
                   f"主要原因：{placeholder('未安排预算而发生支出的原因')}。")
        if self.prev is not None and self.pv("T09", "决算数", "合计") is not None:
            ch = Change(total, self.pv("T09", "决算数", "合计") or ZERO)
            sub = []
            for k in items:
                c2 = Change(self.v("T09", "决算数", k), self.pv("T09", "决算数", k) or ZERO)
                sub.append(f"{names[k]}支出决算{c2.text()}")
            head = (f"{self.y}年度“三公”经费财政拨款支出决算数与{self.py}年度持平" if ch.direction == "持平" else
                    f"{self.y}年度“三公”经费财政拨款支出决算数比{self.py}年度{ch.text()}")
            reasons = "".join(
                f"{names[k]}支出{Change(self.v('T09', '决算数', k), self.pv('T09', '决算数', k) or ZERO).direction}"
                f"的主要原因是{placeholder(names[k] + '变动原因')}。"
                for k in items if Change(self.v("T09", "决算数", k), self.pv("T09", "决算数", k) or ZERO).direction != "持平")
            self.p(f"{head}，其中：{'；'.join(sub)}。{reasons}")
        else:
            self.p(f"与{self.py}年度相比：{placeholder('上年“三公”经费决算数及增减变动情况')}。")
        self.h("（二）“三公”经费财政拨款支出决算具体情况说明", 3)
        parts = [(f"{names[k]}支出决算", self.v("T09", "决算数", k)) for k in items]
        if total:
            self.p(f"“三公”经费财政拨款支出决算中，{share_sentence(parts, total)}。具体情况如下：")
        sg = self.sup.sangong

        def n(x: int | None, what: str) -> str:
            return str(x) if x is not None else placeholder(what)

        out = self.v("T09", "决算数", "因公出国（境）费")
        self.p(f"1、因公出国（境）费支出{amount(out)}。全年安排因公出国（境）团组{n(sg.outbound_groups, '团组数')}个、"
               f"累计{n(sg.outbound_people, '人次')}人次。"
               + (f"开支内容包括：{placeholder('开支内容')}。" if out else ""))
        buy = self.v("T09", "决算数", "公务用车购置费")
        run = self.v("T09", "决算数", "公务用车运行维护费")
        self.p(f"2、公务用车购置及运行维护费支出{amount(buy + run)}。其中：公务用车购置支出{amount(buy)}，"
               f"购置公务用车{n(sg.vehicles_bought, '购置数量')}辆"
               + (f"，主要用于{placeholder('购置用途')}" if buy else "") + "；"
               f"公务用车运行维护支出{amount(run)}"
               + (f"，主要用于{placeholder('运行维护开支内容')}" if run else "")
               + f"。{self.y}年，{self.dept}开支财政拨款的公务用车保有量为{n(sg.vehicles_held, '保有量')}辆。")
        rec = self.v("T09", "决算数", "公务接待费")
        self.p(f"3、公务接待费支出{amount(rec)}。其中：国内公务接待支出{amount(rec)}，"
               f"接待{n(sg.reception_batches, '批次')}批次、{n(sg.reception_people, '人次')}人次"
               + (f"，主要用于{placeholder('接待内容')}" if rec else "") + "。")

    def _fund_like(self, tid: str, col: str, kind: str, budget: Decimal | None) -> None:
        t = self.d.tables.get(tid)
        if t is None or t.declared_empty or not t.has_data:
            self.p(f"{self.dept}{self.y}年度无{kind}财政拨款收入和支出。" if tid == "T07" else
                   f"{self.dept}{self.y}年度无{kind}财政拨款支出。")
            return
        spent = self.v(tid, "合计", col)
        if tid == "T07":
            head = (f"{kind}财政拨款收入{amount(self.v(tid, '合计', '本年收入'))}，"
                    f"{kind}财政拨款支出{amount(spent)}")
        else:
            head = f"{kind}财政拨款支出{amount(spent)}"
        btxt = (f"年初预算为{amount(budget)}，" + completion_clause(spent, budget)) if budget is not None else \
            f"年初预算为{placeholder('年初预算数（万元）')}。"
        self.p(f"{head}。{btxt}支出具体情况如下：")
        for i, code in enumerate(sorted(r for r in t.rows() if r.isdigit() and len(r) == 7), start=1):
            path = f"{functional_name(code[:3])}（类）{functional_name(code[:5])}（款）{functional_name(code)}（项）"
            self.p(f"{i}、{path}{amount(self.v(tid, code, col))}。主要用于：{placeholder('主要用途')}。")

    def s_performance(self) -> None:
        pf = self.sup.performance

        def n(x, what: str) -> str:
            return str(x) if x is not None else placeholder(what)

        amt = amount(pf.amount_self_evaluated) if pf.amount_self_evaluated is not None else placeholder("涉及资金（万元）")
        self.p(f"{self.dept}{self.y}年度预算绩效管理工作开展情况如下：本部门建立了{placeholder('预算绩效管理制度名称')}"
               f"等预算绩效管理制度。绩效自评的{self.y}年度项目{n(pf.projects_self_evaluated, '项目个数')}个，"
               f"涉及预算金额{amt}；开展部门（单位）整体绩效自评的单位{n(pf.units_overall_evaluated, '单位数')}个；"
               f"开展部门评价的项目{n(pf.projects_department_evaluated, '项目个数')}个。")
        for i, item in enumerate(self.d.performance, start=1):
            parts = [f"（{i}）“{item.name}”项目自评综述："]
            if item.budget is not None and item.executed is not None:
                parts.append(f"项目全年预算数为{amount(item.budget)}，执行数为{amount(item.executed)}，"
                             f"完成预算的{pct_text(pct(item.executed, item.budget))}。")
            if item.total_score is not None:
                parts.append(f"项目自评得分{item.total_score:.2f}分。")
            parts.append(f"发现的主要问题及原因：{placeholder('问题及原因')}。下一步改进措施：{placeholder('改进措施')}。")
            self.p("".join(parts))

    def s_other(self) -> None:
        self.h("（一）机关运行经费支出情况", 3)
        oe = self.sup.operating_expenses
        if oe is None:
            self.p(f"{self.dept}{self.y}年度机关运行经费支出{placeholder('机关运行经费（万元）')}。")
        elif not oe and not self.sup.operating_expenses_previous:
            self.p(f"{self.dept}{self.y}年度无机关运行经费支出。")
        else:
            prev = self.sup.operating_expenses_previous
            if prev is None:
                tail = f"与{self.py}年度相比{placeholder('上年机关运行经费及增减变动情况')}。"
            else:
                ch = Change(oe, prev)
                tail = (f"与{self.py}年度持平。" if ch.direction == "持平" else
                        f"比{self.py}年度{ch.text()}。主要原因是{placeholder('机关运行经费变动原因')}。")
            self.p(f"{self.dept}{self.y}年度机关运行经费支出{amount(oe)}，{tail}")
        self.h("（二）政府采购支出情况", 3)
        pr = self.sup.procurement
        if pr.total is None:
            self.p(f"{self.dept}{self.y}年度政府采购支出总额{placeholder('政府采购支出总额（万元）')}，其中：货物采购"
                   f"{placeholder('万元')}、工程采购{placeholder('万元')}、服务采购{placeholder('万元')}。")
        else:
            s = f"{self.dept}{self.y}年度政府采购支出总额{amount(pr.total)}，其中：" + share_sentence(
                [("政府采购货物支出", pr.goods or ZERO), ("政府采购工程支出", pr.works or ZERO),
                 ("政府采购服务支出", pr.services or ZERO)], pr.total, of="政府采购支出总额的") + "。"
            if pr.sme is not None:
                s += (f"授予中小企业合同金额{amount(pr.sme)}，占政府采购支出总额的{pct_text(pct(pr.sme, pr.total))}")
                if pr.small_micro is not None:
                    s += (f"，其中：授予小微企业合同金额{amount(pr.small_micro)}，"
                          f"占授予中小企业合同金额的{pct_text(pct(pr.small_micro, pr.sme))}")
                s += "。"
            self.p(s)
        self.h("（三）国有资产占有使用情况", 3)
        a = self.sup.assets
        if a.vehicles is None:
            vt = f"共有车辆{placeholder('车辆数')}辆"
        else:
            total = sum(a.vehicles.values())
            vt = f"共有车辆{total}辆，其中：" + "、".join(f"{k}{v}辆" for k, v in a.vehicles.items())
        eq = str(a.equipment_over_1m) if a.equipment_over_1m is not None else placeholder("台（套）数")
        self.p(f"截至{self.y}年12月31日，{self.dept}{vt}；单价100万元（含）以上设备（不含车辆）{eq}台（套）。")

    def narrative(self, sections: list[str]) -> None:
        self.h(f"第三部分 {self.dept}{self.y}年度部门决算情况说明", 1)
        fn = [self.s_total, self.s_income, self.s_expenditure, self.s_fiscal_total, self.s_general, self.s_basic,
              self.s_sangong,
              lambda: self._fund_like("T07", "小计", "政府性基金预算", self.sup.budget_fund),
              lambda: self._fund_like("T08", "合计", "国有资本经营预算", self.sup.budget_capital),
              self.s_performance, self.s_other]
        for i, (title, f) in enumerate(zip(sections, fn), start=1):
            self.h(f"{cn_number(i)}、{title}", 2)
            f()
        self.blocks.append(PageBreak())

    def glossary(self) -> None:
        self.h("第四部分 名词解释", 1)
        for i, (term, text) in enumerate(GLOSSARY, start=1):
            self.p(f"{cn_number(i)}、{term}：{text}")


SECTIONS = [
    "收入支出决算总体情况说明",
    "收入决算情况说明",
    "支出决算情况说明",
    "财政拨款收入支出决算总体情况说明",
    "一般公共预算财政拨款支出决算情况说明",
    "一般公共预算财政拨款基本支出决算情况说明",
    "财政拨款“三公”经费支出决算情况说明",
    "政府性基金预算财政拨款收入支出决算情况说明",
    "国有资本经营预算财政拨款支出决算情况说明",
    "预算绩效管理情况说明",
    "其他重要事项的情况说明",
]

GLOSSARY = [
    ("财政拨款收入", "指单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。"),
    ("上级补助收入", "指单位从主管部门和上级单位取得的非财政补助收入。"),
    ("事业收入", "指事业单位开展专业业务活动及其辅助活动取得的收入。"),
    ("经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
    ("附属单位上缴收入", "指单位附属的独立核算单位按照有关规定上缴的收入。"),
    ("其他收入", "指单位取得的除上述收入以外的各项收入。"),
    ("使用非财政拨款结余", "指事业单位使用以前年度积累的非财政拨款结余弥补当年收支差额的金额。"),
    ("年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"),
    ("年末结转和结余", "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。"),
    ("基本支出", "指单位为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。"),
    ("项目支出", "指单位为完成特定行政任务和事业发展目标，在基本支出之外发生的各项支出。"),
    ("经营支出", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。"),
    ("“三公”经费", "指单位使用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。"),
    ("机关运行经费", "指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。"),
]


def build_document(d: Disclosure, previous: Disclosure | None = None,
                   supplement: Supplement | None = None) -> Document:
    """The whole disclosure in standard order: cover, 目录, 概况, the nine tables, 情况说明,
    名词解释."""
    w = _Writer(d, previous, supplement or Supplement())
    w.cover_and_toc(SECTIONS)
    w.overview()
    w.tables()
    w.narrative(SECTIONS)
    w.glossary()
    return Document(department=w.dept, year=d.meta.year, blocks=w.blocks)


def placeholders(doc: Document) -> list[str]:
    """Every 【请填写：…】 in the document, in order (what the author still has to write)."""
    import re

    out = []
    for b in doc.blocks:
        if isinstance(b, (Para, Heading, TocEntry)):
            out += re.findall(r"【请填写：[^】]*】", b.text)
    return out
