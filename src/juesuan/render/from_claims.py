"""The supplement (facts outside the nine tables) recovered from a disclosure juesuan has read:
when ``juesuan render`` is given a PDF or text instead of a hand-written model, everything the
narrative stated — 年初预算数, 机关运行经费 and last year's figure, 政府采购, vehicles and
equipment, “三公” counts, 预算绩效 counts — is carried into the new document instead of
becoming a 【请填写】 placeholder.

Only claims the reader extracted are used (never an invented number); a fact stated twice
keeps the first statement. ``merge`` lets a BUDGETS.json override or complete what was read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from juesuan import lazy
from juesuan.model import Claim, Disclosure
from juesuan.render.supplement import Supplement
from juesuan.textnorm import norm

# budget claims: normalised subject → Supplement field
_BUDGET_FIELDS = {
    "一般公共预算财政拨款支出": "budget_general",
    "一般公共预算财政拨款基本支出": "budget_general_basic",
    "一般公共预算财政拨款项目支出": "budget_general_project",
    "财政拨款支出": "budget_fiscal_total",
    "财政拨款支出总计": "budget_fiscal_total",
    "政府性基金预算财政拨款支出": "budget_fund",
    "国有资本经营预算财政拨款支出": "budget_capital",
}
# amount claims in the 政府采购 section: subject pattern → Procurement field
_PROCUREMENT = (
    (lazy.pattern(r"政府采购(?:支出总额|金额|支出)"), "total"),
    (lazy.pattern(r"货物"), "goods"),
    (lazy.pattern(r"工程"), "works"),
    (lazy.pattern(r"服务"), "services"),
    (lazy.pattern(r"小微企业"), "small_micro"),
    (lazy.pattern(r"中小企业"), "sme"),
)
# count claims: subject pattern → SanGongCounts field
_SANGONG = (
    (lazy.pattern(r"因公出国.*团组"), "outbound_groups"),
    (lazy.pattern(r"因公出国.*人次"), "outbound_people"),
    (lazy.pattern(r"国内公务接待.*(?:批次|团组)"), "reception_batches"),
    (lazy.pattern(r"国内公务接待.*(?:人次|人数)"), "reception_people"),
    (lazy.pattern(r"公务用车购置(?:数量)?$|购置公务用车"), "vehicles_bought"),
    (lazy.pattern(r"公务用车保有量"), "vehicles_held"),
)
_PERFORMANCE = (
    (lazy.pattern(r"绩效自评.*项目|项目.*绩效自评"), "projects_self_evaluated"),
    (lazy.pattern(r"整体绩效自评|单位数"), "units_overall_evaluated"),
    (lazy.pattern(r"部门评价.*项目"), "projects_department_evaluated"),
)
_VEHICLE = lazy.pattern(r"用车$")
_EQUIPMENT = lazy.pattern(r"单价\s*100\s*万元")


def _int(v: Decimal) -> int | None:
    return int(v) if v == v.to_integral_value() and v >= 0 else None


def _first(obj: object, field: str, value: object) -> None:
    """Set ``obj.field`` unless an earlier statement already did."""
    if value is not None and getattr(obj, field) is None:
        setattr(obj, field, value)


def _match(table: tuple[tuple[re.Pattern[str], str], ...], subject: str) -> str | None:
    for pat, field in table:
        if pat.search(subject):
            return field
    return None


def _budget(sup: Supplement, c: Claim, code_of: Callable[[str], str | None]) -> None:
    subject = norm(c.subject)
    field = _BUDGET_FIELDS.get(subject)
    if field:
        _first(sup, field, c.value)
        return
    code = code_of(c.subject)
    if code and code not in sup.budget_by_code:
        sup.budget_by_code[code] = c.value


def supplement_from_claims(d: Disclosure) -> Supplement:
    """Everything the narrative of ``d`` states that the renderer's supplement can hold."""
    sup = Supplement(department=d.meta.department, year=d.meta.year)
    # a 项 budget sentence names the item; the amount sentence beside it links to its T05 row
    by_subject: dict[str, str] = {}
    for c in d.claims:
        if c.cell is not None and c.cell.table in ("T05", "T07", "T08") and c.cell.row.isdigit():
            by_subject.setdefault(c.subject, c.cell.row)
    vehicles: dict[str, int] = {}
    oe_change: Claim | None = None
    last_count: str | None = None
    for c in d.claims:
        subject = norm(c.subject)
        if c.kind == "budget":
            _budget(sup, c, by_subject.get)
        elif c.kind == "amount" and subject == "机关运行经费":
            _first(sup, "operating_expenses", c.value)
        elif c.kind == "change_amount" and subject == "机关运行经费":
            oe_change = oe_change or c
            _first(sup, "operating_expenses_previous", c.previous)
        elif c.kind == "amount" and ("采购" in (c.section or "") or "采购" in subject):
            field = _match(_PROCUREMENT, subject)
            if field:
                _first(sup.procurement, field, c.value)
        elif c.kind == "amount" and "涉及" in subject and last_count == "projects_self_evaluated":
            # "绩效自评的项目N个，涉及预算金额X万元": the amount right after the self-evaluated count
            _first(sup.performance, "amount_self_evaluated", c.value)
        if c.kind == "count":
            last_count = _count(sup, vehicles, subject, c)
        elif c.kind != "amount" or "涉及" not in subject:
            last_count = None
    if vehicles:
        sup.assets.vehicles = vehicles
    if sup.operating_expenses_previous is None and oe_change is not None and sup.operating_expenses is not None:
        sign = {"增加": -1, "减少": 1, "持平": 0}.get(oe_change.direction or "")
        if sign is not None:
            sup.operating_expenses_previous = sup.operating_expenses + sign * oe_change.value
    return sup


def _count(sup: Supplement, vehicles: dict[str, int], subject: str, c: Claim) -> str | None:
    """File a count claim; returns the performance field it set (or None)."""
    n = _int(c.value)
    if n is None:
        return None
    if _EQUIPMENT.search(subject):
        _first(sup.assets, "equipment_over_1m", n)
        return None
    field = _match(_SANGONG, subject)
    if field:
        _first(sup.sangong, field, n)
        return None
    if _VEHICLE.search(subject) and c.unit == "辆":
        vehicles.setdefault(subject, n)
        return None
    field = _match(_PERFORMANCE, subject)
    if field and "绩效" in (c.section or ""):
        _first(sup.performance, field, n)
        return field
    return None


def merge(read: Supplement, given: Supplement) -> Supplement:
    """``given`` (a BUDGETS.json) wins field by field; what it leaves empty comes from ``read``."""
    out = read.model_copy(deep=True)
    for name in Supplement.model_fields:
        g = getattr(given, name)
        r = getattr(out, name)
        if hasattr(type(g), "model_fields"):
            for sub in type(g).model_fields:
                if getattr(g, sub) is not None:
                    setattr(r, sub, getattr(g, sub))
        elif isinstance(g, dict):
            setattr(out, name, {**r, **g})
        elif g not in (None, "", []):
            setattr(out, name, g)
    return out


__all__ = ["merge", "supplement_from_claims"]
