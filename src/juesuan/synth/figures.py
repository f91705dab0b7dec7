"""A department-year's figures, in integer cents of 万元, consistent by construction.

The economic split of basic spending (T06) drives the functional codes it lands on (30108 →
2080505, 30113 → 2210201, …); project, fund, capital and non-fiscal money are added by code;
the code tables are rolled up (项 → 款 → 类 → 合计) and T01/T04/T09 are computed from them, so
every identity of spec §5 holds exactly.

The random draws happen in one fixed order (the steps of ``compute`` below): the output is
deterministic for a seed, and reordering the steps would change every figure.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from juesuan.glossary import PERSONNEL_CLASSES
from juesuan.synth.cents import Rows, add, allocate, rollup
from juesuan.synth.profiles import PERSONNEL_WEIGHTS, PUBLIC_WEIGHTS, RETIRE_WEIGHTS, YEARS, Profile

# Economic items whose basic spending lands on a fixed functional 项 (the rest follow the profile).
_MAPPED = {"30108": "2080505", "30109": "2080506", "30113": "2210201", "30111": "2101103"}


@dataclass
class Figures:
    scale: int
    econ: dict[str, int] = field(default_factory=dict)  # T06 items (5-digit codes)
    public_total: int = 0
    general: Rows = field(default_factory=dict)  # 项 → {基本支出, 项目支出} (一般公共预算)
    fund: Rows = field(default_factory=dict)  # 政府性基金 项 rows (T07 columns)
    capital: Rows = field(default_factory=dict)  # 国有资本经营 项 rows (T08 columns)
    gen_open: dict[str, int] = field(default_factory=dict)
    gen_close: dict[str, int] = field(default_factory=dict)
    nonfiscal_exp: Rows = field(default_factory=dict)
    nonfiscal_inc: Rows = field(default_factory=dict)
    nf_open: int = 0
    nf_close: int = 0
    use_reserve: int = 0
    tables: dict[str, Rows] = field(default_factory=dict)  # T02 T03 T05 T07 T08, rolled up
    t05_items: Rows = field(default_factory=dict)
    t06: dict[str, int] = field(default_factory=dict)
    personnel: int = 0
    public: int = 0
    t01: dict[str, int] = field(default_factory=dict)  # income items and expenditure totals
    t04_income: dict[str, int] = field(default_factory=dict)
    t04_totals: dict[str, int] = field(default_factory=dict)  # per fund column
    t04_closes: dict[str, int] = field(default_factory=dict)
    t09: Rows = field(default_factory=dict)
    reception: int = 0
    car_buy: int = 0


def year_scale(profile: Profile, year: int, seed: int) -> int:
    growth = random.Random(f"juesuan-demo/{seed}/{profile.key}/growth")
    scale = profile.scale
    for _ in range(year - YEARS[0]):
        scale = int(scale * (1 + growth.uniform(-0.09, 0.12)))
    return scale


def basic_spending(f: Figures, profile: Profile, rng: random.Random) -> int:
    """T06: general-budget basic spending by economic item; returns the basic total."""
    basic_total = int(f.scale / (1 + profile.project_ratio) * rng.uniform(0.93, 1.0))
    personnel_total = int(basic_total * rng.uniform(0.78, 0.86))
    f.public_total = basic_total - personnel_total
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
    for k, v in zip(pub_w, allocate(f.public_total, list(pub_w.values()), rng, 0.25)):
        econ[k] = v
    f.econ = {k: v for k, v in econ.items() if v}
    return basic_total


def general_by_code(f: Figures, profile: Profile, basic_total: int, rng: random.Random) -> None:
    """一般公共预算 spending by functional 项: basic (from the economic split) and project."""
    mapped = dict(_MAPPED, **{"30110": profile.medical_code})
    rest = 0
    for k, v in f.econ.items():
        if k in mapped:
            add(f.general, mapped[k], "基本支出", v)
        elif k.startswith("303"):
            add(f.general, profile.retire_code, "基本支出", v)
        else:
            rest += v
    codes, weights = zip(*profile.main_basic)
    for code, v in zip(codes, allocate(rest, list(weights), rng, 0.05)):
        add(f.general, code, "基本支出", v)
    project_total = int(basic_total * profile.project_ratio * rng.uniform(0.85, 1.15))
    codes, weights = zip(*profile.project)
    for code, v in zip(codes, allocate(project_total, list(weights), rng, 0.3)):
        if v:
            add(f.general, code, "项目支出", v)


def fund_and_capital(f: Figures, profile: Profile, year: int, rng: random.Random,
                     prev: Figures | None = None) -> None:
    """政府性基金 (T07) and 国有资本经营 (T08) money, by 项. A 项's opening balance is the
    previous year's closing balance of the same 项 when there is a previous year."""
    fund_ratio = profile.fund_ratio
    if profile.key == "jiaoyu" and year == YEARS[-1]:
        fund_ratio = 0.006  # lottery money in the last year only: other years declare T07 empty
    if profile.fund and fund_ratio:
        fund_exp = int(f.scale * fund_ratio * rng.uniform(0.8, 1.2))
        codes, weights = zip(*profile.fund)
        for code, v in zip(codes, allocate(fund_exp, list(weights), rng, 0.3)):
            opening = int(v * rng.uniform(0.0, 0.25)) if rng.random() < 0.6 else 0
            closing = int(v * rng.uniform(0.0, 0.2)) if rng.random() < 0.5 else 0
            if prev is not None:
                opening = prev.fund.get(code, {}).get("年末结转和结余", 0)
                closing = max(closing, opening - v)  # 本年收入 is never negative
            f.fund[code] = {"年初结转和结余": opening, "本年收入": v + closing - opening,
                            "小计": v, "基本支出": 0, "项目支出": v, "年末结转和结余": closing}
    if profile.capital and profile.capital_ratio:
        cap_exp = int(f.scale * profile.capital_ratio * rng.uniform(0.7, 1.3))
        codes, weights = zip(*profile.capital)
        for code, v in zip(codes, allocate(cap_exp, list(weights), rng)):
            f.capital[code] = {"合计": v, "基本支出": 0, "项目支出": v}


def carry_overs(f: Figures, rng: random.Random, prev: Figures | None = None) -> None:
    """Opening and closing balances of general-budget money, on project codes. With a previous
    year, the openings add up to its closings (年初结转和结余 = 上年年末), spread over this year's
    project codes in proportion to their spending."""
    for code, cols in f.general.items():
        p = cols.get("项目支出", 0)
        if p and rng.random() < 0.35:
            f.gen_open[code] = int(p * rng.uniform(0.02, 0.2))
        if p and rng.random() < 0.35:
            f.gen_close[code] = int(p * rng.uniform(0.02, 0.15))
    if prev is not None:
        codes = [c for c, cols in f.general.items() if cols.get("项目支出", 0)]
        parts = allocate(sum(prev.gen_close.values()), [f.general[c]["项目支出"] for c in codes])
        f.gen_open = {c: v for c, v in zip(codes, parts) if v}


def non_fiscal(f: Figures, profile: Profile, rng: random.Random, prev: Figures | None = None) -> None:
    """事业收入 etc., spent as basic (事业单位运转) and project; balances close the books (the
    opening balance is the previous year's closing one, when there is a previous year)."""
    for item, code, share in profile.nonfiscal:
        amount = int(f.scale * share * rng.uniform(0.8, 1.2))
        basic = int(amount * rng.uniform(0.4, 0.8))
        add(f.nonfiscal_exp, code, "基本支出", basic)
        add(f.nonfiscal_exp, code, "项目支出", amount - basic)
        add(f.nonfiscal_inc, code, item, amount)
    if not f.nonfiscal_inc:
        return
    first = sorted(f.nonfiscal_inc)[0]
    f.nf_open = int(f.scale * rng.uniform(0.0, 0.01))
    if prev is not None:
        f.nf_open = prev.nf_close
    f.nf_close = int(f.scale * rng.uniform(0.0, 0.01))
    if profile.key == "jiaoyu":
        f.use_reserve = int(f.scale * rng.uniform(0.001, 0.004))  # 使用非财政拨款结余
    item0 = next(iter(f.nonfiscal_inc[first]))
    adjust = f.nf_close - f.nf_open - f.use_reserve
    f.nonfiscal_inc[first][item0] = max(0, f.nonfiscal_inc[first][item0] + adjust)
    spent = sum(sum(c.values()) for c in f.nonfiscal_exp.values())
    received = sum(sum(c.values()) for c in f.nonfiscal_inc.values())
    f.nf_close = received + f.nf_open + f.use_reserve - spent
    assert f.nf_close >= 0, (profile.key, f.scale)


def code_tables(f: Figures) -> None:
    """T02/T03/T05/T07/T08 at 项 level, then rolled up; T06 with its class rows."""
    f.t05_items = {c: {"小计": v.get("基本支出", 0) + v.get("项目支出", 0), "基本支出": v.get("基本支出", 0),
                       "项目支出": v.get("项目支出", 0)} for c, v in f.general.items()}
    t03: Rows = {}
    for src in (f.general, f.nonfiscal_exp, f.fund, f.capital):
        for c, v in src.items():
            for col in ("基本支出", "项目支出"):
                add(t03, c, col, v.get(col, 0))
    for v in t03.values():
        v["本年支出合计"] = sum(v.get(k, 0) for k in ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"))
    t02: Rows = {}
    for c, v in f.t05_items.items():
        add(t02, c, "财政拨款收入", v["小计"] + f.gen_close.get(c, 0) - f.gen_open.get(c, 0))
    for c, v in f.fund.items():
        add(t02, c, "财政拨款收入", v["本年收入"])
    for c, v in f.capital.items():
        add(t02, c, "财政拨款收入", v["合计"])
    for c, cols in f.nonfiscal_inc.items():
        for item, x in cols.items():
            add(t02, c, item, x)
    for v in t02.values():
        v["本年收入合计"] = sum(x for k, x in v.items() if k != "本年收入合计")
    f.tables = {"T02": rollup(t02), "T03": rollup(t03), "T05": rollup(f.t05_items), "T07": rollup(f.fund),
                "T08": rollup(f.capital)}
    f.t06 = dict(f.econ)
    for k, cents in f.econ.items():
        f.t06[k[:3]] = f.t06.get(k[:3], 0) + cents
    f.personnel = sum(v for k, v in f.t06.items() if len(k) == 3 and k in PERSONNEL_CLASSES)
    f.public = sum(v for k, v in f.t06.items() if len(k) == 3 and k not in PERSONNEL_CLASSES)
    assert f.personnel + f.public == f.tables["T05"]["合计"]["基本支出"]


def summary_tables(f: Figures) -> None:
    """T01 and T04 from the code tables and the balances."""
    t02, t03 = f.tables["T02"], f.tables["T03"]
    gen_inc = sum(f.t05_items[c]["小计"] + f.gen_close.get(c, 0) - f.gen_open.get(c, 0) for c in f.t05_items)
    fund_inc = sum(v["本年收入"] for v in f.fund.values())
    cap_inc = sum(v["合计"] for v in f.capital.values())
    income = {"一般公共预算财政拨款收入": gen_inc, "政府性基金预算财政拨款收入": fund_inc,
              "国有资本经营预算财政拨款收入": cap_inc}
    for item in ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"):
        income[item] = t02["合计"].get(item, 0) if t02 else 0
    income_total = sum(income.values())
    assert income_total == t02["合计"]["本年收入合计"]
    gen_open, gen_close = sum(f.gen_open.values()), sum(f.gen_close.values())
    fund_open = sum(v["年初结转和结余"] for v in f.fund.values())
    fund_close = sum(v["年末结转和结余"] for v in f.fund.values())
    closing = gen_close + fund_close + f.nf_close
    exp_total = t03["合计"]["本年支出合计"]
    f.t01 = dict(income, 本年收入合计=income_total, 使用非财政拨款结余=f.use_reserve,
                 年初结转和结余=gen_open + fund_open + f.nf_open, 本年支出合计=exp_total, 结余分配=0,
                 年末结转和结余=closing, 支出总计=exp_total + closing)
    f.t01["收入总计"] = income_total + f.use_reserve + f.t01["年初结转和结余"]
    assert f.t01["收入总计"] == f.t01["支出总计"]
    ti = {"一般公共预算财政拨款": gen_inc, "政府性基金预算财政拨款": fund_inc, "国有资本经营预算财政拨款": cap_inc}
    ti["本年收入合计"] = sum(ti.values())
    ti.update(年初一般公共预算财政拨款=gen_open, 年初政府性基金预算财政拨款=fund_open, 年初国有资本经营预算财政拨款=0,
              年初财政拨款结转和结余=gen_open + fund_open)
    ti["收入总计"] = ti["本年收入合计"] + ti["年初财政拨款结转和结余"]
    f.t04_income = ti
    f.t04_totals = {"一般公共预算财政拨款": f.tables["T05"].get("合计", {}).get("小计", 0),
                    "政府性基金预算财政拨款": f.tables["T07"].get("合计", {}).get("小计", 0),
                    "国有资本经营预算财政拨款": f.tables["T08"].get("合计", {}).get("合计", 0)}
    f.t04_closes = {"一般公共预算财政拨款": gen_close, "政府性基金预算财政拨款": fund_close, "国有资本经营预算财政拨款": 0}
    assert sum(f.t04_totals.values()) + sum(f.t04_closes.values()) == ti["收入总计"]


def sangong(f: Figures, profile: Profile, rng: random.Random) -> None:
    """T09: actual ≥ the basic-spending economic items (30217, 30231); budget above or equal."""
    outbound = f.econ.get("30212", 0)
    f.reception = f.econ.get("30217", 0) + (int(rng.uniform(0.2, 2.0) * 100) if rng.random() < 0.5 else 0)
    car_run = f.econ.get("30231", 0)
    if profile.vehicles and rng.random() < 0.34:
        f.car_buy = int(rng.uniform(12, 25) * 100)  # one vehicle, 12–25 万元
    actual = {"因公出国（境）费": outbound, "公务用车购置费": f.car_buy, "公务用车运行维护费": car_run,
              "公务接待费": f.reception}
    budget = {k: (v if rng.random() < 0.25 else int(v * rng.uniform(1.0, 1.3))
                  + (50 if v == 0 and rng.random() < 0.3 else 0)) for k, v in actual.items()}
    if f.car_buy:
        budget["公务用车购置费"] = f.car_buy  # bought as budgeted
    for row, vals in (("预算数", budget), ("决算数", actual)):
        r = dict(vals)
        r["公务用车购置及运行费"] = r["公务用车购置费"] + r["公务用车运行维护费"]
        r["合计"] = r["因公出国（境）费"] + r["公务用车购置及运行费"] + r["公务接待费"]
        f.t09[row] = r


def compute(profile: Profile, year: int, seed: int, rng: random.Random, prev: Figures | None = None) -> Figures:
    """One department-year; ``prev`` (the same department's previous year) fixes the opening
    balances, so consecutive years chain as real disclosures do."""
    f = Figures(scale=year_scale(profile, year, seed))
    basic_total = basic_spending(f, profile, rng)
    general_by_code(f, profile, basic_total, rng)
    fund_and_capital(f, profile, year, rng, prev)
    carry_overs(f, rng, prev)
    non_fiscal(f, profile, rng, prev)
    code_tables(f)
    summary_tables(f)
    sangong(f, profile, rng)
    return f
