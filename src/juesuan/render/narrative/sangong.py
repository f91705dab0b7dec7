"""情况说明 on the “三公” expenses (T09): budget against final, change on the previous year,
and each item with the supplement's counts."""

from __future__ import annotations

from juesuan.money import ZERO
from juesuan.render.narrative.blocks import placeholder
from juesuan.render.narrative.wording import Change, amount, completion, pct_text, share_sentence
from juesuan.render.narrative.writer import Writer

ITEMS = ("因公出国（境）费", "公务用车购置及运行费", "公务接待费")
# How the 情况说明 names each item (the table's 公务用车购置及运行费 is 购置及运行维护费 in prose).
NAMES = {"因公出国（境）费": "因公出国（境）费", "公务用车购置及运行费": "公务用车购置及运行维护费",
         "公务接待费": "公务接待费"}


def s_sangong(w: Writer) -> None:
    total = w.v("T09", "决算数", "合计")
    budget = w.v("T09", "预算数", "合计")
    if not total and not budget:
        w.p(f"{w.dept}{w.y}年度无“三公”经费财政拨款支出。")
        return
    w.h("（一）“三公”经费财政拨款支出决算总体情况说明", 3)
    _against_budget(w, total, budget)
    _against_previous_year(w, total)
    w.h("（二）“三公”经费财政拨款支出决算具体情况说明", 3)
    parts = [(f"{NAMES[k]}支出决算", w.v("T09", "决算数", k)) for k in ITEMS]
    if total:
        w.p(f"“三公”经费财政拨款支出决算中，{share_sentence(parts, total)}。具体情况如下：")
    _items(w)


def _against_budget(w: Writer, total, budget) -> None:
    per = "；".join(f"{NAMES[k]}支出决算为{amount(w.v('T09', '决算数', k))}"
                   + (f"，完成预算的{pct_text(completion(w.v('T09', '决算数', k), w.v('T09', '预算数', k)))}"
                      if w.v("T09", "预算数", k) else "，年初未安排预算")
                   for k in ITEMS)
    if not budget:
        w.p(f"“三公”经费财政拨款支出年初未安排预算，支出决算为{amount(total)}，其中：{per}。"
            f"主要原因：{placeholder('未安排预算而发生支出的原因')}。")
        return
    c = completion(total, budget)
    if total == budget:
        tail = "决算数与预算数持平。"
    else:
        word = "小于" if total < budget else "大于"
        tail = (f"{w.y}年度“三公”经费支出决算数{word}预算数的主要原因："
                f"{placeholder('决算数与预算数差异的原因')}。")
    w.p(f"“三公”经费财政拨款支出年初预算为{amount(budget)}，支出决算为{amount(total)}，"
        f"完成预算的{pct_text(c)}，其中：{per}。{tail}")


def _against_previous_year(w: Writer, total) -> None:
    if w.prev is None or w.pv("T09", "决算数", "合计") is None:
        w.p(f"与{w.py}年度相比：{placeholder('上年“三公”经费决算数及增减变动情况')}。")
        return
    ch = Change(total, w.pv("T09", "决算数", "合计") or ZERO)
    changes = {k: Change(w.v("T09", "决算数", k), w.pv("T09", "决算数", k) or ZERO) for k in ITEMS}
    sub = [f"{NAMES[k]}支出决算{c.text()}" for k, c in changes.items()]
    head = (f"{w.y}年度“三公”经费财政拨款支出决算数与{w.py}年度持平" if ch.direction == "持平" else
            f"{w.y}年度“三公”经费财政拨款支出决算数比{w.py}年度{ch.text()}")
    reasons = "".join(f"{NAMES[k]}支出{c.direction}的主要原因是{placeholder(NAMES[k] + '变动原因')}。"
                      for k, c in changes.items() if c.direction != "持平")
    w.p(f"{head}，其中：{'；'.join(sub)}。{reasons}")


def _items(w: Writer) -> None:
    sg = w.sup.sangong

    def n(x: int | None, what: str) -> str:
        return str(x) if x is not None else placeholder(what)

    out = w.v("T09", "决算数", "因公出国（境）费")
    w.p(f"1、因公出国（境）费支出{amount(out)}。全年安排因公出国（境）团组{n(sg.outbound_groups, '团组数')}个、"
        f"累计{n(sg.outbound_people, '人次')}人次。"
        + (f"开支内容包括：{placeholder('开支内容')}。" if out else ""))
    buy = w.v("T09", "决算数", "公务用车购置费")
    run = w.v("T09", "决算数", "公务用车运行维护费")
    w.p(f"2、公务用车购置及运行维护费支出{amount(buy + run)}。其中：公务用车购置支出{amount(buy)}，"
        f"购置公务用车{n(sg.vehicles_bought, '购置数量')}辆"
        + (f"，主要用于{placeholder('购置用途')}" if buy else "") + "；"
        f"公务用车运行维护支出{amount(run)}"
        + (f"，主要用于{placeholder('运行维护开支内容')}" if run else "")
        + f"。{w.y}年，{w.dept}开支财政拨款的公务用车保有量为{n(sg.vehicles_held, '保有量')}辆。")
    rec = w.v("T09", "决算数", "公务接待费")
    w.p(f"3、公务接待费支出{amount(rec)}。其中：国内公务接待支出{amount(rec)}，"
        f"接待{n(sg.reception_batches, '批次')}批次、{n(sg.reception_people, '人次')}人次"
        + (f"，主要用于{placeholder('接待内容')}" if rec else "") + "。")
