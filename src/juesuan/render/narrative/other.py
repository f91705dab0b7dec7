"""情况说明 sections on facts outside the tables (from the supplement): 预算绩效, and 机关运行经费,
政府采购 and 国有资产 under 其他重要事项."""

from __future__ import annotations

from juesuan.model import PerformanceItem
from juesuan.money import ZERO
from juesuan.render.narrative.blocks import placeholder
from juesuan.render.narrative.wording import Change, amount, pct, pct_text, share_sentence
from juesuan.render.narrative.writer import Writer


def _n(x: object, what: str) -> str:
    return str(x) if x is not None else placeholder(what)


def _evaluations(w: Writer) -> list[PerformanceItem]:
    """One entry per project: its attachment table when printed, else its narrative summary."""
    seen: dict[str, PerformanceItem] = {}
    for item in w.d.performance:
        if item.kind == "project" and (item.name not in seen or item.source == "attachment"):
            seen[item.name] = item
    return list(seen.values())


def s_performance(w: Writer) -> None:
    """预算绩效管理情况. When the disclosure prints the self-evaluation tables, the counts, the
    amount and each project's figures are the tables' own (they agree by construction); else the
    supplement's, or placeholders."""
    pf = w.sup.performance
    items = _evaluations(w)
    tables = [p for p in items if p.source == "attachment"]
    count = len(tables) if tables else pf.projects_self_evaluated
    total = sum((p.budget or ZERO for p in tables), ZERO) if tables else pf.amount_self_evaluated
    overall = sum(1 for p in w.d.performance if p.kind == "overall" and p.source == "attachment")
    units = overall if overall else pf.units_overall_evaluated
    amt = amount(total) if total is not None else placeholder("涉及资金（万元）")
    w.p(f"{w.dept}{w.y}年度预算绩效管理工作开展情况如下：本部门建立了{placeholder('预算绩效管理制度名称')}"
        f"等预算绩效管理制度。绩效自评的{w.y}年度项目{_n(count, '项目个数')}个，"
        f"涉及预算金额{amt}；开展部门（单位）整体绩效自评的单位{_n(units, '单位数')}个；"
        f"开展部门评价的项目{_n(pf.projects_department_evaluated, '项目个数')}个。")
    for i, item in enumerate(items, start=1):
        parts = [f"（{i}）“{item.name}”项目自评综述："]
        if item.budget is not None and item.executed is not None:
            parts.append(f"项目全年预算数为{amount(item.budget)}，执行数为{amount(item.executed)}，"
                         f"完成预算的{pct_text(pct(item.executed, item.budget))}。")
        if item.total_score is not None:
            parts.append(f"项目自评得分{item.total_score:.2f}分" + (f"，自评等级为{item.grade}" if item.grade else "") + "。")
        parts.append(f"发现的主要问题及原因：{placeholder('问题及原因')}。下一步改进措施：{placeholder('改进措施')}。")
        w.p("".join(parts))


def s_other(w: Writer) -> None:
    w.h("（一）机关运行经费支出情况", 3)
    _operating_expenses(w)
    w.h("（二）政府采购支出情况", 3)
    _procurement(w)
    w.h("（三）国有资产占有使用情况", 3)
    _assets(w)


def _operating_expenses(w: Writer) -> None:
    oe = w.sup.operating_expenses
    if oe is None:
        w.p(f"{w.dept}{w.y}年度机关运行经费支出{placeholder('机关运行经费（万元）')}。")
        return
    if not oe and not w.sup.operating_expenses_previous:
        w.p(f"{w.dept}{w.y}年度无机关运行经费支出。")
        return
    prev = w.sup.operating_expenses_previous
    if prev is None:
        tail = f"与{w.py}年度相比{placeholder('上年机关运行经费及增减变动情况')}。"
    else:
        ch = Change(oe, prev)
        tail = (f"与{w.py}年度持平。" if ch.direction == "持平" else
                f"比{w.py}年度{ch.text()}。主要原因是{placeholder('机关运行经费变动原因')}。")
    w.p(f"{w.dept}{w.y}年度机关运行经费支出{amount(oe)}，{tail}")


def _procurement(w: Writer) -> None:
    pr = w.sup.procurement
    if pr.total is None:
        w.p(f"{w.dept}{w.y}年度政府采购支出总额{placeholder('政府采购支出总额（万元）')}，其中：货物采购"
            f"{placeholder('万元')}、工程采购{placeholder('万元')}、服务采购{placeholder('万元')}。")
        return
    s = f"{w.dept}{w.y}年度政府采购支出总额{amount(pr.total)}，其中：" + share_sentence(
        [("政府采购货物支出", pr.goods or ZERO), ("政府采购工程支出", pr.works or ZERO),
         ("政府采购服务支出", pr.services or ZERO)], pr.total, of="政府采购支出总额的") + "。"
    if pr.sme is not None:
        s += (f"授予中小企业合同金额{amount(pr.sme)}，占政府采购支出总额的{pct_text(pct(pr.sme, pr.total))}")
        if pr.small_micro is not None:
            s += (f"，其中：授予小微企业合同金额{amount(pr.small_micro)}，"
                  f"占授予中小企业合同金额的{pct_text(pct(pr.small_micro, pr.sme))}")
        s += "。"
    w.p(s)


def _assets(w: Writer) -> None:
    a = w.sup.assets
    if a.vehicles is None:
        vt = f"共有车辆{placeholder('车辆数')}辆"
    else:
        total = sum(a.vehicles.values())
        vt = f"共有车辆{total}辆，其中：" + "、".join(f"{k}{v}辆" for k, v in a.vehicles.items())
    eq = str(a.equipment_over_1m) if a.equipment_over_1m is not None else placeholder("台（套）数")
    w.p(f"截至{w.y}年12月31日，{w.dept}{vt}；单价100万元（含）以上设备（不含车辆）{eq}台（套）。")
