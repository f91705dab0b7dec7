"""Facts a disclosure states that the nine tables do not hold: 年初预算数 (for budget completion),
机关运行经费, 政府采购, 国有资产占用, “三公” counts, 预算绩效 figures, duties and units.

Read from ``--budgets BUDGETS.json``. Every field is optional: a missing fact becomes a marked
placeholder (【请填写：…】) in the narrative, never an invented number.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, Field, field_serializer


class Procurement(BaseModel):
    total: Decimal | None = None  # 政府采购支出总额
    goods: Decimal | None = None  # 货物
    works: Decimal | None = None  # 工程
    services: Decimal | None = None  # 服务
    sme: Decimal | None = None  # 授予中小企业合同金额
    small_micro: Decimal | None = None  # 其中授予小微企业合同金额

    @field_serializer("total", "goods", "works", "services", "sme", "small_micro")
    def _s(self, v):
        return None if v is None else format(v, "f")


class Assets(BaseModel):
    vehicles: dict[str, int] | None = None  # 用途 → 辆 (e.g. {"主要领导干部用车": 1, ...})
    equipment_over_1m: int | None = None  # 单价100万元（含）以上设备（不含车辆）台（套）


class SanGongCounts(BaseModel):
    outbound_groups: int | None = None  # 因公出国（境）团组 个
    outbound_people: int | None = None  # 累计 人次
    reception_batches: int | None = None  # 国内公务接待 批次
    reception_people: int | None = None  # 人次
    vehicles_bought: int | None = None  # 当年购置公务用车 辆
    vehicles_held: int | None = None  # 公务用车保有量 辆


class PerformanceSummary(BaseModel):
    projects_self_evaluated: int | None = None  # 绩效自评项目 个
    amount_self_evaluated: Decimal | None = None  # 涉及资金 万元
    units_overall_evaluated: int | None = None  # 部门整体绩效自评 单位数
    projects_department_evaluated: int | None = None  # 部门评价项目 个

    @field_serializer("amount_self_evaluated")
    def _s(self, v):
        return None if v is None else format(v, "f")


class Supplement(BaseModel):
    department: str = ""
    year: int | None = None
    # 年初预算数 for budget completion
    budget_fiscal_total: Decimal | None = None  # 财政拨款支出 (all three funds)
    budget_general: Decimal | None = None  # 一般公共预算财政拨款支出 合计
    budget_general_basic: Decimal | None = None
    budget_general_project: Decimal | None = None
    budget_by_code: dict[str, Decimal] = Field(default_factory=dict)  # T05 项 code → 年初预算数
    budget_fund: Decimal | None = None  # 政府性基金预算财政拨款支出
    budget_capital: Decimal | None = None  # 国有资本经营预算财政拨款支出
    # other sections
    operating_expenses: Decimal | None = None  # 机关运行经费
    operating_expenses_previous: Decimal | None = None
    procurement: Procurement = Field(default_factory=Procurement)
    assets: Assets = Field(default_factory=Assets)
    sangong: SanGongCounts = Field(default_factory=SanGongCounts)
    performance: PerformanceSummary = Field(default_factory=PerformanceSummary)
    duties: list[str] = Field(default_factory=list)  # 主要职责 (left empty → placeholder)
    units: list[str] = Field(default_factory=list)  # 决算单位构成

    @field_serializer("budget_fiscal_total", "budget_general", "budget_general_basic",
                      "budget_general_project", "budget_fund", "budget_capital",
                      "operating_expenses", "operating_expenses_previous")
    def _s(self, v):
        return None if v is None else format(v, "f")

    @field_serializer("budget_by_code")
    def _sd(self, v: dict[str, Decimal]):
        return {k: format(x, "f") for k, x in v.items()}


def load_supplement(path: str | Path) -> Supplement:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ValueError(f"{p}: no such file") from e
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ValueError(f"{p}: not a JSON file ({e})") from e
    try:
        return Supplement.model_validate(data)
    except Exception as e:
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise ValueError(f"{p}: not a budgets/supplement JSON ({first})") from e
