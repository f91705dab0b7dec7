"""A fully consistent synthetic department (made-up figures) for rule tests.

``department()`` returns a Disclosure in which every identity of spec §5 holds exactly and
every narrative claim agrees with the tables; failing cases mutate one thing. Helpers
``setv``/``drop`` change or remove one cell.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal as D

from juesuan.glossary import CLASS_NAME, T01_INCOME_ITEMS, T09_ITEMS
from juesuan.model import (
    Cell,
    CellRef,
    Claim,
    Disclosure,
    Metadata,
    PerformanceIndicator,
    PerformanceItem,
    Section,
    Table,
)
from juesuan.money import q2

NAMES = {
    "201": "一般公共服务支出", "20103": "政府办公厅（室）及相关机构事务",
    "2010399": "其他政府办公厅（室）及相关机构事务支出",
    "208": "社会保障和就业支出", "20801": "人力资源和社会保障管理事务", "2080101": "行政运行",
    "2080199": "其他人力资源和社会保障管理事务支出", "20805": "行政事业单位养老支出",
    "2080505": "机关事业单位基本养老保险缴费支出", "20807": "就业补助", "2080704": "社会保险补贴",
    "210": "卫生健康支出", "21011": "行政事业单位医疗", "2101101": "行政单位医疗",
    "221": "住房保障支出", "22102": "住房改革支出", "2210201": "住房公积金",
    "223": "国有资本经营预算支出", "22301": "解决历史遗留问题及改革成本支出",
    "2230103": "国有企业办职教幼教补助支出",
    "229": "其他支出", "22999": "其他支出", "2299999": "其他支出",
}

# leaf: (fund, basic, project) — fund g=一般公共预算, f=政府性基金, s=国有资本经营
LEAVES = {
    "2010399": ("g", D("120.50"), D("30.25")),
    "2080101": ("g", D("850.40"), D("0.00")),
    "2080199": ("g", D("0.00"), D("412.37")),
    "2080505": ("g", D("96.12"), D("0.00")),
    "2080704": ("g", D("0.00"), D("1500.00")),
    "2101101": ("g", D("45.33"), D("0.00")),
    "2210201": ("g", D("70.80"), D("0.00")),
    "2299999": ("f", D("0.00"), D("200.00")),
    "2230103": ("s", D("0.00"), D("180.00")),
}
# spending from non-fiscal money (T03 only): code -> {column: amount}
NONFISCAL = {"2080199": {"项目支出": D("60.00"), "经营支出": D("20.00")}}
# income by function (T02), besides fiscal income equal to fiscal spending:
EXTRA_FISCAL_INCOME = {"2080101": D("10.00"), "2299999": D("-10.00")}
NONFISCAL_INCOME = {"2080199": {"事业收入": D("80.00"), "经营收入": D("20.00")}}
OPENING = {"g": D("30.00"), "f": D("20.00"), "s": D("0.00")}

T06_ITEMS = {
    "301": {"30101": D("400.00"), "30102": D("200.00"), "30108": D("96.12"), "30110": D("45.33"),
            "30113": D("70.80")},
    "302": {"30201": D("100.00"), "30217": D("5.20"), "30231": D("12.30"), "30299": D("193.40")},
    "303": {"30302": D("50.00")},
    "310": {"31002": D("10.00")},
}
T06_NAMES = {
    "301": "工资福利支出", "30101": "基本工资", "30102": "津贴补贴", "30108": "机关事业单位基本养老保险缴费",
    "30110": "职工基本医疗保险缴费", "30113": "住房公积金", "302": "商品和服务支出", "30201": "办公费",
    "30217": "公务接待费", "30231": "公务用车运行维护费", "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助", "30302": "退休费", "310": "资本性支出", "31002": "办公设备购置",
}
T09 = {
    "预算数": {"因公出国（境）费": D("0.00"), "公务用车购置费": D("0.00"), "公务用车运行维护费": D("20.00"),
            "公务接待费": D("8.00")},
    "决算数": {"因公出国（境）费": D("0.00"), "公务用车购置费": D("0.00"), "公务用车运行维护费": D("15.30"),
            "公务接待费": D("5.20")},
}

FUND_COL = {"g": "一般公共预算财政拨款", "f": "政府性基金预算财政拨款", "s": "国有资本经营预算财政拨款"}


def _parents(code: str) -> list[str]:
    return [code[:3], code[:5], code]


class _Builder:
    def __init__(self):
        self.doc = Disclosure(meta=Metadata(source="synthetic", department="示例市人力资源和社会保障局",
                                            year=2024, unit="万元", unit_stated=True))
        self.line = 100

    def table(self, tid: str, title: str, number: str) -> Table:
        t = self.doc.table(tid)
        t.title, t.number, t.present, t.unit, t.page = title, number, True, "万元", 10 + int(number)
        t.line = self.line
        return t

    def put(self, t: Table, row: str, column: str, value: D, label: str = "") -> None:
        self.line += 1
        v = q2(value)
        t.cells.append(Cell(table=t.id, row=row, column=column, value=v, raw=f"{v:,.2f}",
                            page=t.page, line=self.line, label=label))
        if label and row not in t.row_labels:
            t.row_labels[row] = label


def _agg(values_by_leaf: dict[str, dict[str, D]]) -> dict[str, dict[str, D]]:
    """Sum leaf rows up to 款, 类 and 合计."""
    out: dict[str, dict[str, D]] = defaultdict(lambda: defaultdict(D))
    for leaf, cols in values_by_leaf.items():
        for key in ["合计"] + _parents(leaf):
            for col, v in cols.items():
                out[key][col] += v
    return out


def _functional(b: _Builder, t: Table, rows: dict[str, dict[str, D]], columns) -> None:
    order = ["合计"] + sorted(k for k in rows if k != "合计")
    for r in order:
        for col in columns:
            if col in rows[r]:
                b.put(t, r, col, rows[r][col], NAMES.get(r, ""))


def department() -> Disclosure:
    b = _Builder()
    doc = b.doc
    g_leaves = {k: v for k, v in LEAVES.items() if v[0] == "g"}
    f_leaves = {k: v for k, v in LEAVES.items() if v[0] == "f"}
    s_leaves = {k: v for k, v in LEAVES.items() if v[0] == "s"}

    # T05
    t05 = _agg({k: {"小计": bb + p, "基本支出": bb, "项目支出": p} for k, (_, bb, p) in g_leaves.items()})
    # T07
    t07_leaf = {}
    for k, (_, bb, p) in f_leaves.items():
        inc = bb + p + EXTRA_FISCAL_INCOME.get(k, D(0))
        t07_leaf[k] = {"年初结转和结余": OPENING["f"], "本年收入": inc, "小计": bb + p, "基本支出": bb,
                       "项目支出": p, "年末结转和结余": OPENING["f"] + inc - bb - p}
    t07 = _agg(t07_leaf)
    t08 = _agg({k: {"合计": bb + p, "基本支出": bb, "项目支出": p} for k, (_, bb, p) in s_leaves.items()})
    # T03 = all fiscal + non-fiscal
    t03_leaf = {}
    for k, (_, bb, p) in LEAVES.items():
        cols = {"基本支出": bb, "项目支出": p}
        for col, v in NONFISCAL.get(k, {}).items():
            cols[col] = cols.get(col, D(0)) + v
        cols["本年支出合计"] = sum(cols.values(), D(0))
        t03_leaf[k] = cols
    t03 = _agg(t03_leaf)
    # T02
    t02_leaf = {}
    for k, (_, bb, p) in LEAVES.items():
        cols = {"财政拨款收入": bb + p + EXTRA_FISCAL_INCOME.get(k, D(0))}
        cols.update(NONFISCAL_INCOME.get(k, {}))
        cols["本年收入合计"] = sum(cols.values(), D(0))
        t02_leaf[k] = cols
    t02 = _agg(t02_leaf)

    fund_spend = {f: sum((bb + p for (ff, bb, p) in LEAVES.values() if ff == f), D(0)) for f in "gfs"}
    fund_income = {f: fund_spend[f] + sum((v for k, v in EXTRA_FISCAL_INCOME.items() if LEAVES[k][0] == f), D(0))
                   for f in "gfs"}
    closing = {f: OPENING[f] + fund_income[f] - fund_spend[f] for f in "gfs"}
    nonfiscal_income = {"事业收入": D("80.00"), "经营收入": D("20.00")}
    nonfiscal_spend = sum((v for cols in NONFISCAL.values() for v in cols.values()), D(0))
    nonfiscal_closing = sum(nonfiscal_income.values(), D(0)) - nonfiscal_spend

    # T01
    t = b.table("T01", "收入支出决算总表", "01")
    income = {"一般公共预算财政拨款收入": fund_income["g"], "政府性基金预算财政拨款收入": fund_income["f"],
              "国有资本经营预算财政拨款收入": fund_income["s"], **nonfiscal_income}
    for r in T01_INCOME_ITEMS:
        if r in income:
            b.put(t, r, "金额", income[r], r)
    total_income = sum(income.values(), D(0))
    opening_all = sum(OPENING.values(), D(0))
    b.put(t, "本年收入合计", "金额", total_income, "本年收入合计")
    b.put(t, "使用非财政拨款结余", "金额", D(0), "使用非财政拨款结余")
    b.put(t, "年初结转和结余", "金额", opening_all, "年初结转和结余")
    b.put(t, "收入总计", "金额", total_income + opening_all, "总计")
    for code in sorted(k for k in t03 if len(k) == 3):
        b.put(t, code, "金额", t03[code]["本年支出合计"], CLASS_NAME[code])
    spend_all = t03["合计"]["本年支出合计"]
    closing_all = sum(closing.values(), D(0)) + nonfiscal_closing
    b.put(t, "本年支出合计", "金额", spend_all, "本年支出合计")
    b.put(t, "结余分配", "金额", D(0), "结余分配")
    b.put(t, "年末结转和结余", "金额", closing_all, "年末结转和结余")
    b.put(t, "支出总计", "金额", spend_all + closing_all, "总计")

    _functional(b, b.table("T02", "收入决算表", "02"), t02,
                ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"))
    _functional(b, b.table("T03", "支出决算表", "03"), t03,
                ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"))

    # T04
    t = b.table("T04", "财政拨款收入支出决算总表", "04")
    b.put(t, "一般公共预算财政拨款", "金额", fund_income["g"], "一般公共预算财政拨款")
    b.put(t, "政府性基金预算财政拨款", "金额", fund_income["f"], "政府性基金预算财政拨款")
    b.put(t, "国有资本经营预算财政拨款", "金额", fund_income["s"], "国有资本经营预算财政拨款")
    b.put(t, "本年收入合计", "金额", sum(fund_income.values(), D(0)), "本年收入合计")
    b.put(t, "年初财政拨款结转和结余", "金额", opening_all, "年初财政拨款结转和结余")
    b.put(t, "年初一般公共预算财政拨款", "金额", OPENING["g"], "一般公共预算财政拨款")
    b.put(t, "年初政府性基金预算财政拨款", "金额", OPENING["f"], "政府性基金预算财政拨款")
    b.put(t, "年初国有资本经营预算财政拨款", "金额", OPENING["s"], "国有资本经营预算财政拨款")
    b.put(t, "收入总计", "金额", sum(fund_income.values(), D(0)) + opening_all, "总计")
    by_class: dict[str, dict[str, D]] = defaultdict(lambda: defaultdict(D))
    for k, (f, bb, p) in LEAVES.items():
        by_class[k[:3]][FUND_COL[f]] += bb + p
    for code in sorted(by_class):
        cols = by_class[code]
        b.put(t, code, "合计", sum(cols.values(), D(0)), CLASS_NAME[code])
        for f in "gfs":
            if FUND_COL[f] in cols:
                b.put(t, code, FUND_COL[f], cols[FUND_COL[f]], CLASS_NAME[code])
    rows_tot = {"本年支出合计": fund_spend, "年末财政拨款结转和结余": closing,
                "支出总计": {f: fund_spend[f] + closing[f] for f in "gfs"}}
    for r, vals in rows_tot.items():
        b.put(t, r, "合计", sum(vals.values(), D(0)), r)
        for f in "gfs":
            b.put(t, r, FUND_COL[f], vals[f], r)

    _functional(b, b.table("T05", "一般公共预算财政拨款支出决算表", "05"), t05, ("小计", "基本支出", "项目支出"))

    # T06
    t = b.table("T06", "一般公共预算财政拨款基本支出决算表", "06")
    totals = {}
    for cls, items in T06_ITEMS.items():
        totals[cls] = sum(items.values(), D(0))
        b.put(t, cls, "决算数", totals[cls], T06_NAMES[cls])
        for code, v in items.items():
            b.put(t, code, "决算数", v, T06_NAMES[code])
    b.put(t, "人员经费合计", "决算数", totals["301"] + totals["303"], "人员经费合计")
    b.put(t, "公用经费合计", "决算数", totals["302"] + totals["310"], "公用经费合计")

    _functional(b, b.table("T07", "政府性基金预算财政拨款收入支出决算表", "07"), t07,
                ("年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余"))
    _functional(b, b.table("T08", "国有资本经营预算财政拨款支出决算表", "08"), t08, ("合计", "基本支出", "项目支出"))

    t = b.table("T09", "财政拨款“三公”经费支出决算表", "09")
    for row, items in T09.items():
        vehicle = items["公务用车购置费"] + items["公务用车运行维护费"]
        vals = {"合计": items["因公出国（境）费"] + vehicle + items["公务接待费"], "公务用车购置及运行费": vehicle, **items}
        for col in T09_ITEMS:
            b.put(t, row, col, vals[col], row)

    doc.toc_tables = [f"T0{i}" for i in range(1, 10)]
    _sections(doc)
    _claims(doc)
    _performance(doc)
    return doc


def _sections(doc: Disclosure) -> None:
    s = [
        Section(kind="toc", title="目录", line=1, end_line=9),
        Section(kind="overview", title="第一部分 部门概况", line=10, end_line=19),
        Section(kind="narrative", title="一、收入支出决算总体情况说明", line=20, end_line=29, topic="T01"),
        Section(kind="narrative", title="二、收入决算情况说明", line=30, end_line=34, topic="T02"),
        Section(kind="narrative", title="三、支出决算情况说明", line=35, end_line=39, topic="T03"),
        Section(kind="narrative", title="四、财政拨款收入支出决算总体情况说明", line=40, end_line=44, topic="T04"),
        Section(kind="narrative", title="五、一般公共预算财政拨款支出决算情况说明", line=45, end_line=54, topic="T05"),
        Section(kind="narrative", title="六、一般公共预算财政拨款基本支出决算情况说明", line=55, end_line=59, topic="T06"),
        Section(kind="narrative", title="七、政府性基金预算财政拨款收入支出决算情况说明", line=60, end_line=61, topic="T07"),
        Section(kind="narrative", title="八、国有资本经营预算财政拨款支出决算情况说明", line=62, end_line=63, topic="T08"),
        Section(kind="narrative", title="九、财政拨款“三公”经费支出决算情况说明", line=64, end_line=69, topic="T09"),
        Section(kind="narrative", title="十、机关运行经费支出说明", line=70, end_line=71, topic="机关运行经费"),
        Section(kind="narrative", title="十一、政府采购支出说明", line=72, end_line=73, topic="政府采购"),
        Section(kind="narrative", title="十二、国有资产占用情况说明", line=74, end_line=75, topic="国有资产"),
        Section(kind="narrative", title="十三、预算绩效情况说明", line=76, end_line=79, topic="预算绩效"),
        Section(kind="glossary", title="第三部分 名词解释", line=80, end_line=89, topic="名词解释"),
        Section(kind="tables", title="第四部分 部门决算表", line=100, end_line=400),
        Section(kind="attachment", title="附件", line=401, end_line=450),
    ]
    doc.sections = s


def _claims(doc: Disclosure) -> None:
    v = doc.value
    total = v("T01", "收入总计", "金额")
    spend = v("T01", "本年支出合计", "金额")
    cl: list[Claim] = []
    sec1 = "一、收入支出决算总体情况说明"

    def amount(subject, table, row, col, line, text, section=sec1, page=3):
        cl.append(Claim(subject=subject, kind="amount", value=v(table, row, col), unit="万元", text=text,
                        page=page, line=line, section=section, cell=CellRef(table=table, row=row, column=col)))

    amount("收入总计", "T01", "收入总计", "金额", 21, f"收入总计 {total} 万元")
    prev = D("3000.00")
    cl.append(Claim(subject="收入总计", kind="change_amount", value=total - prev, unit="万元", text="增加",
                    page=3, line=21, section=sec1, direction="增加", previous=prev))
    cl.append(Claim(subject="收入总计", kind="change_rate", value=q2((total - prev) / prev * 100), unit="%",
                    text="增长", page=3, line=21, section=sec1, direction="增加", previous=prev))
    items = [r for r in T01_INCOME_ITEMS if v("T01", r, "金额")] + ["年初结转和结余"]
    for i, r in enumerate(items, start=1):
        val = v("T01", r, "金额")
        amount(r, "T01", r, "金额", 21 + i, f"{i}. {r} {val} 万元，占收入总计的 {q2(val / total * 100)}%")
        cl.append(Claim(subject=r, kind="share", value=q2(val / total * 100), unit="%",
                        text=f"{i}. {r} 占收入总计的 {q2(val / total * 100)}%", page=3, line=21 + i,
                        section=sec1, base="收入总计", cell=CellRef(table="T01", row=r, column="金额")))
    sec3 = "三、支出决算情况说明"
    for i, col in enumerate(("基本支出", "项目支出"), start=1):
        val = v("T03", "合计", col)
        amount(col, "T03", "合计", col, 35 + i, f"{i}. {col} {val} 万元", section=sec3, page=4)
        cl.append(Claim(subject=col, kind="share", value=q2(val / spend * 100), unit="%",
                        text=f"{i}. {col} 占本年支出合计的 {q2(val / spend * 100)}%", page=4, line=35 + i,
                        section=sec3, base="本年支出合计", cell=CellRef(table="T03", row="合计", column=col)))
    amount("本年支出合计", "T01", "本年支出合计", "金额", 35, f"本年支出合计 {spend} 万元", section=sec3, page=4)
    sec5 = "五、一般公共预算财政拨款支出决算情况说明"
    g = v("T05", "合计", "小计")
    budget = D("2900.00")
    amount("一般公共预算财政拨款支出", "T05", "合计", "小计", 46, f"一般公共预算财政拨款支出 {g} 万元", section=sec5, page=5)
    cl.append(Claim(subject="一般公共预算财政拨款支出", kind="budget", value=budget, unit="万元",
                    text=f"年初预算为 {budget} 万元", page=5, line=46, section=sec5))
    cl.append(Claim(subject="一般公共预算财政拨款支出", kind="completion", value=q2(g / budget * 100), unit="%",
                    text=f"完成年初预算的 {q2(g / budget * 100)}%", page=5, line=46, section=sec5))
    sec9 = "九、财政拨款“三公”经费支出决算情况说明"
    amount("公务接待费", "T09", "决算数", "公务接待费", 65, "公务接待费 5.20 万元", section=sec9, page=6)
    cl.append(Claim(subject="因公出国（境）费", kind="change_amount", value=D("0.00"), unit="万元",
                    text="因公出国（境）费与上年持平", page=6, line=66, section=sec9, direction="持平"))
    doc.claims = cl


def _indicator(level1, level2, name, cmp, target, unit, actual, weight, score, deviation="", **kw) -> PerformanceIndicator:
    return PerformanceIndicator(level1=level1, level2=level2, name=name, comparator=cmp, target=D(target),
                                target_text=f"{cmp}{target}{unit}", unit=unit, actual=D(actual),
                                actual_text=f"{actual}{unit}", weight=D(weight), score=D(score), deviation=deviation,
                                **kw)


def _performance(doc: Disclosure) -> None:
    """One project self-evaluation (attachment, with its indicator tree: weights 10 + 90 = 100,
    scores 9.50 + 88 = 97.50; two targets missed and scored in proportion), the 整体 table whose
    执行数 is the department's spending (T03), and the narrative's summary of the project."""
    common = dict(name="就业补助项目", budget=D("100.00"), executed=D("95.00"), rate=D("95.00"),
                  rate_score=D("9.50"), weight=D("10"), indicator_score=D("88.00"), deduction=D("0"),
                  total_score=D("97.50"))
    indicators = [
        _indicator("产出指标", "数量指标", "补贴发放人数", "≥", "500", "人", "520", "30", "30", line=425),
        _indicator("产出指标", "质量指标", "补贴发放准确率", "≥", "98", "%", "99", "20", "20", line=426),
        _indicator("效益指标", "社会效益指标", "城镇新增就业人数", "≥", "1000", "人", "950", "20", "19",
                   "-5.00% 部分企业用工需求下降", line=427),
        _indicator("成本指标", "经济成本指标", "人均补贴标准", "≤", "2000", "元/人", "1900", "10", "10", line=428,
                   reverse=True),
        _indicator("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", "95", "%", "85.5", "10", "9",
                   "-10.00% 发放时间集中，咨询排队较长", line=429),
    ]
    spent = doc.value("T03", "合计", "本年支出合计")
    doc.performance = [
        PerformanceItem(**common, source="attachment", page=20, line=420, grade="优", year=2024,
                        objective="2024年按时足额发放就业补助，新增就业不少于1000人。",
                        achieved="全年发放补贴520人，城镇新增就业950人。", indicators=indicators),
        PerformanceItem(name="示例市人力资源和社会保障局", kind="overall", budget=spent, executed=spent,
                        rate=D("100.00"), source="attachment", page=18, line=402, year=2024),
        PerformanceItem(name="就业补助项目", budget=D("100.00"), executed=D("95.00"), rate=D("95.00"),
                        total_score=D("97.50"), source="narrative", page=7, line=77),
    ]


# ---------------------------------------------------------------------------------------
# mutation helpers


def setv(doc: Disclosure, table: str, row: str, column: str, value) -> None:
    t = doc.tables[table]
    for i, c in enumerate(t.cells):
        if c.row == row and c.column == column:
            t.cells[i] = c.model_copy(update={"value": D(str(value))})
            t._index = None
            return
    raise KeyError((table, row, column))


def add(doc: Disclosure, table: str, row: str, column: str, delta) -> None:
    setv(doc, table, row, column, doc.value(table, row, column) + D(str(delta)))


def drop(doc: Disclosure, table: str, row: str, column: str) -> None:
    t = doc.tables[table]
    t.cells = [c for c in t.cells if not (c.row == row and c.column == column)]
    t._index = None
