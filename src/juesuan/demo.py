"""Synthetic departments: made-up names and figures, consistent by construction.

Every amount is generated in integer cents of 万元 and every total is computed as the exact sum
of its parts, so all identities of spec §5 hold exactly (no 尾差): T01 income items = T02 合计
columns, T01 class rows = T03 class rows, class = Σ 款 = Σ 项, T04 columns = T05/T07/T08,
T05 合计 基本支出 = T06 人员经费合计 + 公用经费合计, T07 年末 = 年初 + 收入 − 支出, T09 sums, …

The output is deterministic for a given seed. Names use the fictitious prefix 样例市 so no
synthetic department can be mistaken for a real one.

    >>> from juesuan.demo import generate
    >>> series = generate(seed=7)            # list[DemoDepartment], several years each
    >>> d = series[0].years[-1].disclosure   # a juesuan.model.Disclosure
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.glossary import CLASS_NAME, PERSONNEL_CLASSES, T01_INCOME_ITEMS, T09_ITEMS
from juesuan.model import Cell, Disclosure, Metadata, PerformanceItem, Table
from juesuan.money import fmt
from juesuan.render.codes import T06_GROUPS, economic_name, functional_name
from juesuan.render.supplement import (
    Assets,
    PerformanceSummary,
    Procurement,
    SanGongCounts,
    Supplement,
)

YEARS = (2022, 2023, 2024)
DEFAULT_SEED = 20240601

TABLE_TITLES = {
    "T01": "收入支出决算总表",
    "T02": "收入决算表",
    "T03": "支出决算表",
    "T04": "财政拨款收入支出决算总表",
    "T05": "一般公共预算财政拨款支出决算表",
    "T06": "一般公共预算财政拨款基本支出决算表",
    "T07": "政府性基金预算财政拨款收入支出决算表",
    "T08": "国有资本经营预算财政拨款支出决算表",
    "T09": "财政拨款“三公”经费支出决算表",
}
TABLE_NUMBERS = {tid: f"{i:02d}" for i, tid in enumerate(TABLE_TITLES, start=1)}


def empty_statement(tid: str) -> str:
    if tid == "T07":
        return "说明：本部门本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"
    if tid == "T08":
        return "说明：本部门本年度没有国有资本经营预算财政拨款支出，故本表无数据。"
    if tid == "T09":
        return "说明：本部门本年度没有财政拨款“三公”经费支出，故本表无数据。"
    return "说明：本部门本年度无此类资金收支，故本表无数据。"


# ---------------------------------------------------------------------------------------------
# Department profiles (all names made up)


@dataclass(frozen=True)
class Profile:
    key: str
    name: str
    units: tuple[str, ...]
    scale: int  # approximate 本年支出合计 in the first year, cents of 万元
    admin_share: float  # share of basic spending in 行政 units (drives 机关运行经费)
    main_basic: tuple[tuple[str, float], ...]  # 项 codes that carry ordinary basic spending
    retire_code: str  # 303 retirement spending lands here
    medical_code: str  # 30110/30111 → this 项
    project: tuple[tuple[str, float], ...]  # 项 codes with project spending
    project_ratio: float  # general-budget project spending / general-budget basic spending
    nonfiscal: tuple[tuple[str, str, float], ...] = ()  # (income item, 项 code, share of scale)
    fund: tuple[tuple[str, float], ...] = ()  # 政府性基金 项 codes
    fund_ratio: float = 0.0
    capital: tuple[tuple[str, float], ...] = ()  # 国有资本经营 项 codes
    capital_ratio: float = 0.0
    vehicles: int = 0
    projects: tuple[str, ...] = ()  # made-up project names for the performance summaries


PROFILES: tuple[Profile, ...] = (
    Profile(
        key="renshe",
        name="样例市青禾区人力资源和社会保障局",
        units=("样例市青禾区人力资源和社会保障局（本级）", "样例市青禾区就业服务中心", "样例市青禾区劳动人事争议仲裁院"),
        scale=420000,
        admin_share=0.7,
        main_basic=(("2080101", 0.7), ("2080150", 0.3)),
        retire_code="2080501",
        medical_code="2101101",
        project=(("2080102", 0.12), ("2080106", 0.08), ("2080701", 0.3), ("2080704", 0.25),
                 ("2080705", 0.2), ("2080799", 0.05)),
        project_ratio=0.9,
        projects=("青禾区就业服务平台运维", "零工市场建设补助", "技能培训补贴发放"),
    ),
    Profile(
        key="jiaoyu",
        name="样例市松溪县教育局",
        units=("样例市松溪县教育局（本级）", "样例市松溪县第一中学", "样例市松溪县实验小学",
               "样例市松溪县中心幼儿园", "样例市松溪县职业中专"),
        scale=1850000,
        admin_share=0.08,
        main_basic=(("2050101", 0.06), ("2050201", 0.1), ("2050202", 0.34), ("2050203", 0.26),
                    ("2050204", 0.16), ("2050302", 0.08)),
        retire_code="2080502",
        medical_code="2101102",
        project=(("2050102", 0.08), ("2050202", 0.3), ("2050203", 0.25), ("2050204", 0.17),
                 ("2050299", 0.1), ("2050302", 0.1)),
        project_ratio=0.35,
        nonfiscal=(("事业收入", "2050204", 0.035), ("其他收入", "2050203", 0.006),
                   ("上级补助收入", "2050302", 0.01)),
        fund=(("2296002", 1.0),),
        fund_ratio=0.0,  # declared empty in some years (set per year below)
        vehicles=2,
        projects=("县域学校校舍维修改造", "教师培训提升计划", "学生营养餐补助"),
    ),
    Profile(
        key="zhujian",
        name="样例市明川区住房和城乡建设局",
        units=("样例市明川区住房和城乡建设局（本级）", "样例市明川区市政设施服务中心"),
        scale=960000,
        admin_share=0.6,
        main_basic=(("2120101", 0.75), ("2120199", 0.25)),
        retire_code="2080501",
        medical_code="2101101",
        project=(("2120102", 0.35), ("2120199", 0.25), ("2210203", 0.4)),
        project_ratio=0.6,
        nonfiscal=(("其他收入", "2120199", 0.004),),
        fund=(("2120801", 0.55), ("2120802", 0.15), ("2120803", 0.3)),
        fund_ratio=0.45,
        capital=(("2230105", 1.0),),
        capital_ratio=0.02,
        vehicles=3,
        projects=("老旧小区配套设施改造", "市政道路养护", "住房保障信息系统运维"),
    ),
    Profile(
        key="weijian",
        name="样例市云岭县卫生健康局",
        units=("样例市云岭县卫生健康局（本级）", "样例市云岭县疾病预防控制中心"),
        scale=680000,
        admin_share=0.45,
        main_basic=(("2100101", 0.55), ("2100401", 0.45)),
        retire_code="2080502",
        medical_code="2101102",
        project=(("2100102", 0.15), ("2100408", 0.55), ("2100409", 0.3)),
        project_ratio=1.1,
        nonfiscal=(("事业收入", "2100401", 0.02), ("经营收入", "2100401", 0.004)),
        vehicles=1,
        projects=("基层医疗机构能力提升", "慢性病综合防控", "妇幼健康服务"),
    ),
)

# Economic split of 人员经费 (weights; zero-weight items stay blank).
PERSONNEL_WEIGHTS = {
    "30101": 22, "30102": 17, "30103": 5, "30107": 13, "30108": 10, "30109": 4,
    "30110": 5, "30111": 1, "30112": 1, "30113": 8, "30199": 2,
}
RETIRE_WEIGHTS = {"30302": 95, "30305": 3, "30309": 2}
PUBLIC_WEIGHTS = {
    "30201": 12, "30202": 2, "30205": 3, "30206": 6, "30207": 4, "30209": 10, "30211": 6,
    "30213": 5, "30215": 1, "30216": 3, "30217": 1, "30226": 14, "30228": 7, "30229": 8,
    "30231": 4, "30239": 5, "30299": 4, "31002": 5,
}


def allocate(total: int, weights: list[float], rng: random.Random | None = None, jitter: float = 0.0) -> list[int]:
    """Split ``total`` cents into integer parts proportional to ``weights`` (largest remainder);
    the parts always sum to ``total`` exactly."""
    w = [max(0.0, x * (1 + rng.uniform(-jitter, jitter)) if rng and jitter else x) for x in weights]
    s = sum(w)
    if total == 0 or s == 0:
        return [0] * len(weights)
    raw = [total * x / s for x in w]
    parts = [int(r) for r in raw]
    rest = total - sum(parts)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - parts[i]), i))
    for i in order[:rest]:
        parts[i] += 1
    return parts


def dec(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


# ---------------------------------------------------------------------------------------------
# Generation


@dataclass
class DemoYear:
    year: int
    disclosure: Disclosure
    supplement: Supplement


@dataclass
class DemoDepartment:
    profile: Profile
    years: list[DemoYear] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.profile.key

    @property
    def name(self) -> str:
        return self.profile.name


def _add(d: dict[str, dict[str, int]], code: str, col: str, cents: int) -> None:
    row = d.setdefault(code, {})
    row[col] = row.get(col, 0) + cents


def _rollup(items: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """项 rows → 项 + 款 + 类 rows and 合计, each the exact sum of its children."""
    out: dict[str, dict[str, int]] = {}
    for code, cols in items.items():
        for key in (code, code[:5], code[:3], "合计"):
            for col, v in cols.items():
                _add(out, key, col, v)
    return out


def _ordered(rows: dict[str, dict[str, int]]) -> list[str]:
    codes = sorted(r for r in rows if r != "合计")
    return (["合计"] if "合计" in rows else []) + codes


def generate_year(profile: Profile, year: int, seed: int = DEFAULT_SEED) -> DemoYear:
    rng = random.Random(f"juesuan-demo/{seed}/{profile.key}/{year}")
    growth = random.Random(f"juesuan-demo/{seed}/{profile.key}/growth")
    scale = profile.scale
    for _ in range(year - YEARS[0]):
        scale = int(scale * (1 + growth.uniform(-0.09, 0.12)))

    # --- general budget (一般公共预算): basic by economic class, mapped to functional codes
    basic_total = int(scale / (1 + profile.project_ratio) * rng.uniform(0.93, 1.0))
    personnel_total = int(basic_total * rng.uniform(0.78, 0.86))
    public_total = basic_total - personnel_total
    retire_total = int(personnel_total * rng.uniform(0.05, 0.12))
    wages_total = personnel_total - retire_total

    econ: dict[str, int] = {}
    for k, v in zip(PERSONNEL_WEIGHTS, allocate(wages_total, list(PERSONNEL_WEIGHTS.values()), rng, 0.15)):
        econ[k] = v
    for k, v in zip(RETIRE_WEIGHTS, allocate(retire_total, list(RETIRE_WEIGHTS.values()), rng, 0.2)):
        econ[k] = v
    pub_w = dict(PUBLIC_WEIGHTS)
    if profile.vehicles == 0:
        pub_w["30231"] = 0
    if rng.random() < 0.3:
        pub_w["30217"] = 0  # some years without reception spending
    for k, v in zip(pub_w, allocate(public_total, list(pub_w.values()), rng, 0.25)):
        econ[k] = v
    econ = {k: v for k, v in econ.items() if v}

    general: dict[str, dict[str, int]] = {}  # 项 → {基本支出, 项目支出}
    mapped = {"30108": "2080505", "30109": "2080506", "30113": "2210201",
              "30110": profile.medical_code, "30111": "2101103"}
    rest = 0
    for k, v in econ.items():
        if k in mapped:
            _add(general, mapped[k], "基本支出", v)
        elif k.startswith("303"):
            _add(general, profile.retire_code, "基本支出", v)
        else:
            rest += v
    codes, weights = zip(*profile.main_basic)
    for code, v in zip(codes, allocate(rest, list(weights), rng, 0.05)):
        _add(general, code, "基本支出", v)

    project_total = int(basic_total * profile.project_ratio * rng.uniform(0.85, 1.15))
    codes, weights = zip(*profile.project)
    for code, v in zip(codes, allocate(project_total, list(weights), rng, 0.3)):
        if v:
            _add(general, code, "项目支出", v)

    # --- 政府性基金 and 国有资本经营
    fund: dict[str, dict[str, int]] = {}
    fund_ratio = profile.fund_ratio
    if profile.key == "jiaoyu" and year == YEARS[-1]:
        fund_ratio = 0.006  # lottery money in the last year only: other years declare T07 empty
    if profile.fund and fund_ratio:
        fund_exp = int(scale * fund_ratio * rng.uniform(0.8, 1.2))
        codes, weights = zip(*profile.fund)
        for code, v in zip(codes, allocate(fund_exp, list(weights), rng, 0.3)):
            opening = int(v * rng.uniform(0.0, 0.25)) if rng.random() < 0.6 else 0
            closing = int(v * rng.uniform(0.0, 0.2)) if rng.random() < 0.5 else 0
            fund[code] = {"年初结转和结余": opening, "本年收入": v + closing - opening,
                          "小计": v, "基本支出": 0, "项目支出": v, "年末结转和结余": closing}
    capital: dict[str, dict[str, int]] = {}
    if profile.capital and profile.capital_ratio:
        cap_exp = int(scale * profile.capital_ratio * rng.uniform(0.7, 1.3))
        codes, weights = zip(*profile.capital)
        for code, v in zip(codes, allocate(cap_exp, list(weights), rng)):
            capital[code] = {"合计": v, "基本支出": 0, "项目支出": v}

    # --- carry-overs of general budget money (opening/closing on project codes)
    gen_open: dict[str, int] = {}
    gen_close: dict[str, int] = {}
    for code, cols in general.items():
        p = cols.get("项目支出", 0)
        if p and rng.random() < 0.35:
            gen_open[code] = int(p * rng.uniform(0.02, 0.2))
        if p and rng.random() < 0.35:
            gen_close[code] = int(p * rng.uniform(0.02, 0.15))

    # --- non-fiscal money (事业收入 etc.), spent as basic (事业单位运转) and project
    nonfiscal_exp: dict[str, dict[str, int]] = {}
    nonfiscal_inc: dict[str, dict[str, int]] = {}
    nf_open = nf_close = 0
    use_reserve = 0
    for item, code, share in profile.nonfiscal:
        amount = int(scale * share * rng.uniform(0.8, 1.2))
        basic = int(amount * rng.uniform(0.4, 0.8))
        _add(nonfiscal_exp, code, "基本支出", basic)
        _add(nonfiscal_exp, code, "项目支出", amount - basic)
        _add(nonfiscal_inc, code, item, amount)
    if nonfiscal_inc:
        first = sorted(nonfiscal_inc)[0]
        nf_open = int(scale * rng.uniform(0.0, 0.01))
        nf_close = int(scale * rng.uniform(0.0, 0.01))
        if profile.key == "jiaoyu":
            use_reserve = int(scale * rng.uniform(0.001, 0.004))  # 使用非财政拨款结余
        item0 = next(iter(nonfiscal_inc[first]))
        adjust = nf_close - nf_open - use_reserve
        nonfiscal_inc[first][item0] = max(0, nonfiscal_inc[first][item0] + adjust)
        spent = sum(sum(c.values()) for c in nonfiscal_exp.values())
        received = sum(sum(c.values()) for c in nonfiscal_inc.values())
        nf_close = received + nf_open + use_reserve - spent
        assert nf_close >= 0, (profile.key, year)

    # --- assemble the per-code tables (项 level), then roll up
    t05_items = {c: {"小计": v.get("基本支出", 0) + v.get("项目支出", 0), "基本支出": v.get("基本支出", 0),
                     "项目支出": v.get("项目支出", 0)} for c, v in general.items()}
    t03_items: dict[str, dict[str, int]] = {}
    for src in (general, nonfiscal_exp):
        for c, v in src.items():
            for col in ("基本支出", "项目支出"):
                _add(t03_items, c, col, v.get(col, 0))
    for c, v in fund.items():
        _add(t03_items, c, "基本支出", v["基本支出"])
        _add(t03_items, c, "项目支出", v["项目支出"])
    for c, v in capital.items():
        _add(t03_items, c, "基本支出", v["基本支出"])
        _add(t03_items, c, "项目支出", v["项目支出"])
    for _c, v in t03_items.items():
        v["本年支出合计"] = sum(v.get(k, 0) for k in ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"))

    t02_items: dict[str, dict[str, int]] = {}
    gen_income: dict[str, int] = {}
    for c, v in t05_items.items():
        inc = v["小计"] + gen_close.get(c, 0) - gen_open.get(c, 0)
        gen_income[c] = inc
        _add(t02_items, c, "财政拨款收入", inc)
    for c, v in fund.items():
        _add(t02_items, c, "财政拨款收入", v["本年收入"])
    for c, v in capital.items():
        _add(t02_items, c, "财政拨款收入", v["合计"])
    for c, cols in nonfiscal_inc.items():
        for item, v in cols.items():
            _add(t02_items, c, item, v)
    for _c, v in t02_items.items():
        v["本年收入合计"] = sum(x for k, x in v.items() if k != "本年收入合计")

    t02 = _rollup(t02_items)
    t03 = _rollup(t03_items)
    t05 = _rollup(t05_items)
    t07 = _rollup(fund)
    t08 = _rollup(capital)

    # --- T06 (general-budget basic spending by economic class)
    t06: dict[str, int] = dict(econ)
    for k, v in econ.items():
        t06[k[:3]] = t06.get(k[:3], 0) + v
    personnel = sum(v for k, v in t06.items() if len(k) == 3 and k in PERSONNEL_CLASSES)
    public = sum(v for k, v in t06.items() if len(k) == 3 and k not in PERSONNEL_CLASSES)
    assert personnel + public == t05["合计"]["基本支出"]

    # --- T01 / T04
    gen_inc_total = sum(gen_income.values())
    fund_inc_total = sum(v["本年收入"] for v in fund.values())
    cap_inc_total = sum(v["合计"] for v in capital.values())
    income_items = {
        "一般公共预算财政拨款收入": gen_inc_total,
        "政府性基金预算财政拨款收入": fund_inc_total,
        "国有资本经营预算财政拨款收入": cap_inc_total,
        "上级补助收入": t02["合计"].get("上级补助收入", 0) if t02 else 0,
        "事业收入": t02["合计"].get("事业收入", 0) if t02 else 0,
        "经营收入": t02["合计"].get("经营收入", 0) if t02 else 0,
        "附属单位上缴收入": t02["合计"].get("附属单位上缴收入", 0) if t02 else 0,
        "其他收入": t02["合计"].get("其他收入", 0) if t02 else 0,
    }
    income_total = sum(income_items.values())
    assert income_total == t02["合计"]["本年收入合计"]
    gen_open_total = sum(gen_open.values())
    gen_close_total = sum(gen_close.values())
    fund_open_total = sum(v["年初结转和结余"] for v in fund.values())
    fund_close_total = sum(v["年末结转和结余"] for v in fund.values())
    opening = gen_open_total + fund_open_total + nf_open
    closing = gen_close_total + fund_close_total + nf_close
    exp_total = t03["合计"]["本年支出合计"]
    t01_income = dict(income_items)
    t01_income["本年收入合计"] = income_total
    t01_income["使用非财政拨款结余"] = use_reserve
    t01_income["年初结转和结余"] = opening
    t01_income["收入总计"] = income_total + use_reserve + opening
    t01_exp = {"本年支出合计": exp_total, "结余分配": 0, "年末结转和结余": closing,
               "支出总计": exp_total + closing}
    assert t01_income["收入总计"] == t01_exp["支出总计"], (profile.key, year)

    t04_income = {
        "一般公共预算财政拨款": gen_inc_total,
        "政府性基金预算财政拨款": fund_inc_total,
        "国有资本经营预算财政拨款": cap_inc_total,
    }
    t04_income["本年收入合计"] = sum(t04_income.values())
    t04_income["年初一般公共预算财政拨款"] = gen_open_total
    t04_income["年初政府性基金预算财政拨款"] = fund_open_total
    t04_income["年初国有资本经营预算财政拨款"] = 0
    t04_income["年初财政拨款结转和结余"] = gen_open_total + fund_open_total
    t04_income["收入总计"] = t04_income["本年收入合计"] + t04_income["年初财政拨款结转和结余"]
    t04_cols = {
        "一般公共预算财政拨款": (t05, "小计", gen_close_total),
        "政府性基金预算财政拨款": (t07, "小计", fund_close_total),
        "国有资本经营预算财政拨款": (t08, "合计", 0),
    }

    # --- T09 (三公): actual ≥ the basic-spending economic items; budget above or equal
    outbound = econ.get("30212", 0)
    reception = econ.get("30217", 0) + (int(rng.uniform(0.2, 2.0) * 100) if rng.random() < 0.5 else 0)  # + project part, 万元 cents
    car_run = econ.get("30231", 0)
    car_buy = 0
    if profile.vehicles and rng.random() < 0.34:
        car_buy = int(rng.uniform(12, 25) * 100)  # one vehicle, 12–25 万元
    actual = {"因公出国（境）费": outbound, "公务用车购置费": car_buy, "公务用车运行维护费": car_run,
              "公务接待费": reception}
    budget = {k: (v if rng.random() < 0.25 else int(v * rng.uniform(1.0, 1.3)) + (50 if v == 0 and rng.random() < 0.3 else 0))
              for k, v in actual.items()}
    if car_buy:
        budget["公务用车购置费"] = car_buy  # bought as budgeted
    t09: dict[str, dict[str, int]] = {}
    for row, vals in (("预算数", budget), ("决算数", actual)):
        r = dict(vals)
        r["公务用车购置及运行费"] = r["公务用车购置费"] + r["公务用车运行维护费"]
        r["合计"] = r["因公出国（境）费"] + r["公务用车购置及运行费"] + r["公务接待费"]
        t09[row] = r

    # --- build the model
    d = Disclosure(meta=Metadata(source=f"synthetic:{profile.key}:{year}:seed={seed}", format="json",
                                 department=profile.name, year=year, unit="万元", unit_stated=True,
                                 kind="部门决算"))
    d.toc_tables = list(TABLE_TITLES)

    def table(tid: str) -> Table:
        t = d.table(tid)
        t.title = TABLE_TITLES[tid]
        t.number = TABLE_NUMBERS[tid]
        t.present = True
        t.unit = "万元"
        return t

    def put(t: Table, row: str, col: str, cents: int, label: str) -> None:
        v = dec(cents)
        t.cells.append(Cell(table=t.id, row=row, column=col, value=v, raw=fmt(v), label=label))

    # T01
    t = table("T01")
    for row in T01_INCOME_ITEMS + ("本年收入合计", "使用非财政拨款结余", "年初结转和结余", "收入总计"):
        label = "总计" if row == "收入总计" else row
        t.row_labels[row] = label
        put(t, row, "金额", t01_income[row], label)
    for code, name in CLASS_NAME.items():
        v = t03.get(code, {}).get("本年支出合计", 0)
        if v:
            t.row_labels[code] = name
            put(t, code, "金额", v, name)
    for row in ("本年支出合计", "结余分配", "年末结转和结余", "支出总计"):
        label = "总计" if row == "支出总计" else row
        t.row_labels[row] = label
        put(t, row, "金额", t01_exp[row], label)

    # T02 / T03
    for tid, rows, always in (("T02", t02, "本年收入合计"), ("T03", t03, "本年支出合计")):
        t = table(tid)
        for code in _ordered(rows):
            name = "合计" if code == "合计" else functional_name(code)
            t.row_labels[code] = name
            for col in t.spec.columns:
                v = rows[code].get(col, 0)
                if v or col == always:
                    put(t, code, col, v, name)

    # T04
    t = table("T04")
    for row in ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款", "本年收入合计",
                "年初财政拨款结转和结余", "年初一般公共预算财政拨款", "年初政府性基金预算财政拨款",
                "年初国有资本经营预算财政拨款", "收入总计"):
        label = row.removeprefix("年初") if row.startswith("年初") and row != "年初财政拨款结转和结余" else row
        label = "总计" if row == "收入总计" else label
        t.row_labels[row] = label
        put(t, row, "金额", t04_income[row], label)
    for code, name in CLASS_NAME.items():
        parts = {col: src.get(code, {}).get(key, 0) for col, (src, key, _) in t04_cols.items()}
        if any(parts.values()):
            t.row_labels[code] = name
            put(t, code, "合计", sum(parts.values()), name)
            for col, v in parts.items():
                put(t, code, col, v, name)
    totals = {col: src.get("合计", {}).get(key, 0) for col, (src, key, _) in t04_cols.items()}
    closes = {col: close for col, (_, _, close) in t04_cols.items()}
    for row, vals in (("本年支出合计", totals), ("年末财政拨款结转和结余", closes),
                      ("支出总计", {c: totals[c] + closes[c] for c in totals})):
        label = "总计" if row == "支出总计" else row
        t.row_labels[row] = label
        put(t, row, "合计", sum(vals.values()), label)
        for col, v in vals.items():
            put(t, row, col, v, label)
    assert sum(totals.values()) + sum(closes.values()) == t04_income["收入总计"]

    # T05
    t = table("T05")
    for code in _ordered(t05):
        name = "合计" if code == "合计" else functional_name(code)
        t.row_labels[code] = name
        for col in ("小计", "基本支出", "项目支出"):
            put(t, code, col, t05[code].get(col, 0), name)

    # T06
    t = table("T06")
    for group in T06_GROUPS:
        for code in group:
            v = t06.get(code, 0)
            t.row_labels[code] = economic_name(code)
            if v or code in ("301", "302", "303"):
                put(t, code, "决算数", v, economic_name(code))
    t.row_labels["人员经费合计"] = "人员经费合计"
    t.row_labels["公用经费合计"] = "公用经费合计"
    put(t, "人员经费合计", "决算数", personnel, "人员经费合计")
    put(t, "公用经费合计", "决算数", public, "公用经费合计")

    # T07 / T08 (declared empty when there is no such money: the 合计 row prints 0.00)
    for tid, rows, cols in (("T07", t07, ("年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余")),
                            ("T08", t08, ("合计", "基本支出", "项目支出"))):
        t = table(tid)
        if not rows:
            t.declared_empty = True
            t.empty_statement = empty_statement(tid)
            rows = {"合计": {}}
        for code in _ordered(rows):
            name = "合计" if code == "合计" else functional_name(code)
            t.row_labels[code] = name
            for col in cols:
                put(t, code, col, rows[code].get(col, 0), name)

    # T09
    t = table("T09")
    t.layout = "horizontal"
    for row in ("预算数", "决算数"):
        t.row_labels[row] = row
        for col in T09_ITEMS:
            put(t, row, col, t09[row][col], row)

    # --- performance self-evaluations (a few projects; scores consistent by construction)
    for code, cols in sorted(general.items()):
        p = cols.get("项目支出", 0)
        if not p or len(d.performance) >= 3:
            continue
        budget_p = int(p * rng.uniform(1.0, 1.25))
        rate = (Decimal(p) / Decimal(budget_p) * 100).quantize(Decimal("0.01"))
        weight = Decimal(10)
        rate_score = min(weight, (weight * rate / 100).quantize(Decimal("0.01")))
        indicators = Decimal(rng.randint(80, 90))
        d.performance.append(PerformanceItem(
            name=profile.projects[len(d.performance)] if len(d.performance) < len(profile.projects)
            else f"{functional_name(code)}项目", budget=dec(budget_p), executed=dec(p), rate=rate,
            rate_score=rate_score, weight=weight, indicator_score=indicators, deduction=Decimal(0),
            total_score=indicators + rate_score, source="narrative"))

    # --- supplement: 年初预算, 机关运行经费, procurement, assets, counts
    budget_by_code: dict[str, Decimal] = {}
    b_basic = b_project = 0
    for code, cols in sorted(t05_items.items()):
        bb = cols["基本支出"] if rng.random() < 0.3 else int(cols["基本支出"] * rng.uniform(0.96, 1.03))
        bp = cols["项目支出"] if rng.random() < 0.2 else int(cols["项目支出"] * rng.uniform(0.8, 1.2))
        b_basic += bb
        b_project += bp
        budget_by_code[code] = dec(bb + bp)
    b_fund = int(t07.get("合计", {}).get("小计", 0) * rng.uniform(0.9, 1.2)) if fund else 0
    b_cap = int(t08.get("合计", {}).get("合计", 0) * rng.uniform(0.9, 1.1)) if capital else 0
    goods = int(public_total * rng.uniform(0.05, 0.15))
    works = int(scale * rng.uniform(0.0, 0.03)) if profile.key in ("zhujian", "jiaoyu") else 0
    services = int(public_total * rng.uniform(0.05, 0.2))
    proc_total = goods + works + services
    sme = int(proc_total * rng.uniform(0.6, 0.95))
    small = int(sme * rng.uniform(0.5, 0.9))
    vehicles = {"主要领导干部用车": min(1, profile.vehicles), "机要通信用车": 0, "应急保障用车": 0,
                "执法执勤用车": max(0, profile.vehicles - 1), "特种专业技术用车": 0, "离退休干部用车": 0,
                "其他用车": 0}
    supplement = Supplement(
        department=profile.name,
        year=year,
        budget_fiscal_total=dec(b_basic + b_project + b_fund + b_cap),
        budget_general=dec(b_basic + b_project),
        budget_general_basic=dec(b_basic),
        budget_general_project=dec(b_project),
        budget_by_code=budget_by_code,
        budget_fund=dec(b_fund) if fund else None,
        budget_capital=dec(b_cap) if capital else None,
        operating_expenses=dec(int(public * profile.admin_share)),
        procurement=Procurement(total=dec(proc_total), goods=dec(goods), works=dec(works),
                                services=dec(services), sme=dec(sme), small_micro=dec(small)),
        assets=Assets(vehicles=vehicles, equipment_over_1m=rng.choice((0, 0, 1, 2)) if profile.key != "renshe" else 0),
        sangong=SanGongCounts(outbound_groups=0, outbound_people=0,
                              reception_batches=(rng.randint(3, 30) if reception else 0),
                              reception_people=None, vehicles_bought=(1 if car_buy else 0),
                              vehicles_held=profile.vehicles),
        performance=PerformanceSummary(
            projects_self_evaluated=sum(1 for c in general.values() if c.get("项目支出")),
            amount_self_evaluated=dec(sum(c.get("项目支出", 0) for c in general.values())),
            units_overall_evaluated=len(profile.units), projects_department_evaluated=rng.choice((0, 1, 2))),
        duties=[],
        units=list(profile.units),
    )
    if supplement.sangong.reception_batches:
        supplement.sangong.reception_people = supplement.sangong.reception_batches * rng.randint(3, 8)
    return DemoYear(year=year, disclosure=d, supplement=supplement)


def generate(seed: int = DEFAULT_SEED, years: tuple[int, ...] = YEARS,
             profiles: tuple[Profile, ...] = PROFILES) -> list[DemoDepartment]:
    out = []
    for p in profiles:
        dept = DemoDepartment(profile=p)
        prev: DemoYear | None = None
        for y in years:
            dy = generate_year(p, y, seed)
            if prev is not None:
                dy.supplement.operating_expenses_previous = prev.supplement.operating_expenses
            dept.years.append(dy)
            prev = dy
        out.append(dept)
    return out


def sample(seed: int = DEFAULT_SEED) -> tuple[Disclosure, Disclosure, Supplement]:
    """The bundled sample: the first department's last year, its previous year, supplement."""
    dept = generate(seed, profiles=PROFILES[:1])[0]
    return dept.years[-1].disclosure, dept.years[-2].disclosure, dept.years[-1].supplement


def write_sample(directory=None) -> None:
    """(Re)write the bundled sample: examples/sample_disclosure.txt (the text rendering of the
    first synthetic department's last year) and sample_disclosure.json (its model)."""
    from pathlib import Path

    from juesuan.render import render_bytes

    out = Path(directory) if directory else Path(__file__).resolve().parent / "examples"
    out.mkdir(parents=True, exist_ok=True)
    d, prev, sup = sample()
    (out / "sample_disclosure.txt").write_bytes(render_bytes(d, "txt", prev, sup))
    (out / "sample_disclosure.json").write_text(d.model_dump_json(indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":  # python -m juesuan.demo --write-sample
    import sys

    if sys.argv[1:] == ["--write-sample"]:
        write_sample()
    else:
        print("usage: python -m juesuan.demo --write-sample   (for demo output use: juesuan demo OUTDIR)")
        sys.exit(2)
