"""Narrative inputs the nine tables do not hold: performance self-evaluations, 年初预算 by code,
机关运行经费, 政府采购, assets, “三公” counts (render.supplement.Supplement)."""

from __future__ import annotations

import random
from decimal import Decimal

from juesuan.model import Disclosure
from juesuan.render.codes import functional_name
from juesuan.render.supplement import Assets, PerformanceSummary, Procurement, SanGongCounts, Supplement
from juesuan.synth import perf_tables as synth_perf
from juesuan.synth.cents import dec
from juesuan.synth.figures import Figures
from juesuan.synth.profiles import Profile


def performance(d: Disclosure, profile: Profile, f: Figures, rng: random.Random) -> None:
    """A few project self-evaluations and the department's own, as whole attachment tables
    (synth/performance.py: scores consistent by construction). The tables draw from their own
    generator, so adding them leaves every other synthetic figure as it was."""
    year = d.meta.year or 0
    names: list[str] = []
    for code, cols in sorted(f.general.items()):
        p = cols.get("项目支出", 0)
        if not p or len(names) >= 3:
            continue
        budget_p = int(p * rng.uniform(1.0, 1.25))
        rng.randint(80, 90)  # the draw the headline-only summaries used to take (keeps the sequence)
        name = profile.projects[len(names)] if len(names) < len(profile.projects) else f"{functional_name(code)}项目"
        own = random.Random(f"juesuan-demo/perf/{profile.key}/{year}/{name}")
        d.performance.append(synth_perf.project(name, profile.name, profile.units[0], year, dec(budget_p), dec(p), own))
        names.append(name)
    if names:
        own = random.Random(f"juesuan-demo/perf/{profile.key}/{year}/整体")
        d.performance.append(synth_perf.overall(profile.name, year, _overall_tasks(d, own), own))


def _overall_tasks(d: Disclosure, rng: random.Random) -> list[tuple[str, Decimal, Decimal]]:
    """The 整体 table's tasks: 基本支出 by T06's two totals and 项目支出 by T05's, each with a
    budget at or above what was spent, so the table agrees with the nine tables."""
    out = []
    for name, ref in (("基本支出人员经费", ("T06", "人员经费合计", "决算数")),
                      ("基本支出公用经费", ("T06", "公用经费合计", "决算数")), ("项目支出", ("T05", "合计", "项目支出"))):
        spent = d.value(*ref) or Decimal(0)
        if spent:
            out.append((name, synth_perf.q2(spent * Decimal(rng.choice((100, 100, 102, 105))) / 100), spent))
    return out


def performance_summary(d: Disclosure, rng: random.Random) -> PerformanceSummary:
    """The 预算绩效 section's counts, from the tables themselves (so they agree by construction)."""
    projects = [p for p in d.performance if p.kind == "project"]
    return PerformanceSummary(
        projects_self_evaluated=len(projects),
        amount_self_evaluated=sum((p.budget or Decimal(0) for p in projects), Decimal(0)),
        units_overall_evaluated=sum(1 for p in d.performance if p.kind == "overall"),
        projects_department_evaluated=rng.choice((0, 1, 2)))


def _budgets(f: Figures, rng: random.Random) -> tuple[dict[str, Decimal], int, int, int, int]:
    """年初预算 by 项 (some equal to the final figure), and the basic/project/fund/capital totals."""
    by_code: dict[str, Decimal] = {}
    b_basic = b_project = 0
    for code, cols in sorted(f.t05_items.items()):
        bb = cols["基本支出"] if rng.random() < 0.3 else int(cols["基本支出"] * rng.uniform(0.96, 1.03))
        bp = cols["项目支出"] if rng.random() < 0.2 else int(cols["项目支出"] * rng.uniform(0.8, 1.2))
        b_basic += bb
        b_project += bp
        by_code[code] = dec(bb + bp)
    b_fund = int(f.tables["T07"].get("合计", {}).get("小计", 0) * rng.uniform(0.9, 1.2)) if f.fund else 0
    b_cap = int(f.tables["T08"].get("合计", {}).get("合计", 0) * rng.uniform(0.9, 1.1)) if f.capital else 0
    return by_code, b_basic, b_project, b_fund, b_cap


def _procurement(profile: Profile, f: Figures, rng: random.Random) -> Procurement:
    goods = int(f.public_total * rng.uniform(0.05, 0.15))
    works = int(f.scale * rng.uniform(0.0, 0.03)) if profile.key in ("zhujian", "jiaoyu") else 0
    services = int(f.public_total * rng.uniform(0.05, 0.2))
    total = goods + works + services
    sme = int(total * rng.uniform(0.6, 0.95))
    small = int(sme * rng.uniform(0.5, 0.9))
    return Procurement(total=dec(total), goods=dec(goods), works=dec(works), services=dec(services), sme=dec(sme),
                       small_micro=dec(small))


def supplement(profile: Profile, year: int, f: Figures, rng: random.Random, d: Disclosure) -> Supplement:
    by_code, b_basic, b_project, b_fund, b_cap = _budgets(f, rng)
    procurement = _procurement(profile, f, rng)
    vehicles = {"主要领导干部用车": min(1, profile.vehicles), "机要通信用车": 0, "应急保障用车": 0,
                "执法执勤用车": max(0, profile.vehicles - 1), "特种专业技术用车": 0, "离退休干部用车": 0,
                "其他用车": 0}
    # The draws below happen in this order (assets, counts, performance, then reception people).
    assets = Assets(vehicles=vehicles, equipment_over_1m=rng.choice((0, 0, 1, 2)) if profile.key != "renshe" else 0)
    counts = SanGongCounts(outbound_groups=0, outbound_people=0,
                           reception_batches=(rng.randint(3, 30) if f.reception else 0),
                           reception_people=None, vehicles_bought=(1 if f.car_buy else 0),
                           vehicles_held=profile.vehicles)
    perf = performance_summary(d, rng)
    sup = Supplement(
        department=profile.name, year=year,
        budget_fiscal_total=dec(b_basic + b_project + b_fund + b_cap), budget_general=dec(b_basic + b_project),
        budget_general_basic=dec(b_basic), budget_general_project=dec(b_project), budget_by_code=by_code,
        budget_fund=dec(b_fund) if f.fund else None, budget_capital=dec(b_cap) if f.capital else None,
        operating_expenses=dec(int(f.public * profile.admin_share)), procurement=procurement, assets=assets,
        sangong=counts, performance=perf, duties=[], units=list(profile.units))
    if sup.sangong.reception_batches:
        sup.sangong.reception_people = sup.sangong.reception_batches * rng.randint(3, 8)
    return sup
