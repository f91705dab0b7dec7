"""X — identities between tables (spec §5)."""

from __future__ import annotations

from juesuan.rules.base import Context, Rule, register
from juesuan.rules.hierarchy import PERSONNEL_CLASSES, t06_class_terms, t06_classes

FUND_INCOME_T01 = {
    "一般公共预算财政拨款": "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款": "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款": "国有资本经营预算财政拨款收入",
}


def P(*refs):
    return [(1, r) for r in refs]


class _Cross(Rule):
    joint = True

    def check(self, ctx: Context):
        if not all(ctx.usable(t) for t in self.tables):
            return
        for f in self.relations(ctx):
            if f is not None:
                yield f

    def relations(self, ctx):  # pragma: no cover
        raise NotImplementedError


def union_codes(ctx: Context, a: str, b: str, length: int) -> list[str]:
    seen: dict[str, None] = {}
    for t in (a, b):
        for r in ctx.code_rows(t, length):
            seen.setdefault(r, None)
    return list(seen)


@register
class T01T02Income(_Cross):
    """收入支出决算总表各项收入 = 收入决算表 合计 行对应列：三项财政拨款收入之和 = 财政拨款收入；
    上级补助、事业、经营、附属单位上缴、其他收入逐项相等；本年收入合计相等。

    失败示例：T01 事业收入 80.00，T02 合计 事业收入 8.00。
    通过示例：T01 一般公共预算 3411.65 + 政府性基金 0 + 国有资本 0 = T02 合计 财政拨款收入 3411.65。
    """

    id = "X-T01-T02-income"
    name = "T01 收入 = T02 合计"
    tables = ("T01", "T02")

    def relations(self, ctx):
        yield self.relation(ctx, P(*[("T01", r, "金额") for r in FUND_INCOME_T01.values()]),
                            P(("T02", "合计", "财政拨款收入")))
        for item in ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"):
            yield self.relation(ctx, P(("T01", item, "金额")), P(("T02", "合计", item)))
        yield self.relation(ctx, P(("T01", "本年收入合计", "金额")), P(("T02", "合计", "本年收入合计")))


@register
class T01T03Total(_Cross):
    """收入支出决算总表 本年支出合计 = 支出决算表 合计 本年支出合计。

    失败示例：T01 本年支出合计 3411.65，T03 合计 3412.65。
    通过示例：两表都是 3411.65。
    """

    id = "X-T01-T03-total"
    name = "T01 本年支出合计 = T03 合计"
    tables = ("T01", "T03")

    def relations(self, ctx):
        yield self.relation(ctx, P(("T01", "本年支出合计", "金额")), P(("T03", "合计", "本年支出合计")))


@register
class T01T03Class(_Cross):
    """收入支出决算总表各类支出 = 支出决算表同类 本年支出合计。

    失败示例：T01 223 国有资本经营预算支出 0.90，T03 223 本年支出合计 2.23。
    通过示例：T01 208 3371.04 = T03 208 3371.04。
    """

    id = "X-T01-T03-class"
    name = "T01 类 = T03 类"
    tables = ("T01", "T03")

    def relations(self, ctx):
        for code in union_codes(ctx, "T01", "T03", 3):
            yield self.relation(ctx, P(("T01", code, "金额")), P(("T03", code, "本年支出合计")))


@register
class T04T01Income(_Cross):
    """财政拨款收入支出决算总表 三项财政拨款收入 = 收入支出决算总表对应收入。

    失败示例：T04 一般公共预算财政拨款 3401.65，T01 一般公共预算财政拨款收入 3411.65。
    通过示例：两表都是 3411.65。
    """

    id = "X-T04-T01-income"
    name = "T04 收入 = T01 财政拨款收入"
    tables = ("T01", "T04")

    def relations(self, ctx):
        for t04, t01 in FUND_INCOME_T01.items():
            yield self.relation(ctx, P(("T04", t04, "金额")), P(("T01", t01, "金额")))


@register
class T04T01Bound(_Cross):
    """财政拨款支出是全部支出的一部分：T04 各类 合计 ≤ T01 同类支出；T04 本年支出合计 ≤ T01
    本年支出合计；T04 年初财政拨款结转和结余 ≤ T01 年初结转和结余。

    失败示例：T04 208 合计 3400.00 > T01 208 3371.04。
    通过示例：T04 208 3371.04 ≤ T01 208 3371.04。
    """

    id = "X-T04-T01-bound"
    name = "T04 ≤ T01"
    tables = ("T01", "T04")

    def relations(self, ctx):
        for code in union_codes(ctx, "T01", "T04", 3):
            yield self.relation(ctx, P(("T04", code, "合计")), P(("T01", code, "金额")), "<=")
        yield self.relation(ctx, P(("T04", "本年支出合计", "合计")), P(("T01", "本年支出合计", "金额")), "<=")
        yield self.relation(ctx, P(("T04", "年初财政拨款结转和结余", "金额")), P(("T01", "年初结转和结余", "金额")), "<=")


@register
class T04T05(_Cross):
    """财政拨款收入支出决算总表 一般公共预算财政拨款列 = 一般公共预算财政拨款支出决算表 小计
    （每类及本年支出合计）。

    失败示例：T04 208 一般公共预算 3371.04，T05 208 小计 3317.04。
    通过示例：两表都是 3371.04；T04 本年支出合计 一般公共预算 3411.65 = T05 合计 3411.65。
    """

    id = "X-T04-T05"
    name = "T04 一般公共预算列 = T05"
    tables = ("T04", "T05")

    def relations(self, ctx):
        col = "一般公共预算财政拨款"
        for code in union_codes(ctx, "T04", "T05", 3):
            yield self.relation(ctx, P(("T04", code, col)), P(("T05", code, "小计")))
        yield self.relation(ctx, P(("T04", "本年支出合计", col)), P(("T05", "合计", "小计")))


@register
class T04T07(_Cross):
    """财政拨款收入支出决算总表 政府性基金列 = 政府性基金预算财政拨款收入支出决算表：每类及合计
    本年支出；本年收入、年初和年末结转和结余亦相等。

    失败示例：T04 本年支出合计 政府性基金 200.00，T07 合计 本年支出 小计 180.00。
    通过示例：两表都是 200.00；T04 政府性基金预算财政拨款收入 190.00 = T07 合计 本年收入 190.00。
    """

    id = "X-T04-T07"
    name = "T04 政府性基金列 = T07"
    tables = ("T04", "T07")

    def relations(self, ctx):
        col = "政府性基金预算财政拨款"
        for code in union_codes(ctx, "T04", "T07", 3):
            yield self.relation(ctx, P(("T04", code, col)), P(("T07", code, "小计")))
        yield self.relation(ctx, P(("T04", "本年支出合计", col)), P(("T07", "合计", "小计")))
        yield self.relation(ctx, P(("T04", col, "金额")), P(("T07", "合计", "本年收入")))
        yield self.relation(ctx, P(("T04", "年初" + col, "金额")), P(("T07", "合计", "年初结转和结余")))
        yield self.relation(ctx, P(("T04", "年末财政拨款结转和结余", col)), P(("T07", "合计", "年末结转和结余")))


@register
class T04T08(_Cross):
    """财政拨款收入支出决算总表 国有资本经营预算列 = 国有资本经营预算财政拨款支出决算表 合计
    （每类及本年支出合计）。

    失败示例：T04 223 国有资本经营 180.00，T08 223 合计 18.00。
    通过示例：两表都是 180.00。
    """

    id = "X-T04-T08"
    name = "T04 国有资本经营列 = T08"
    tables = ("T04", "T08")

    def relations(self, ctx):
        col = "国有资本经营预算财政拨款"
        for code in union_codes(ctx, "T04", "T08", 3):
            yield self.relation(ctx, P(("T04", code, col)), P(("T08", code, "合计")))
        yield self.relation(ctx, P(("T04", "本年支出合计", col)), P(("T08", "合计", "合计")))


@register
class T05T06Basic(_Cross):
    """一般公共预算财政拨款支出决算表 合计 基本支出 = 基本支出决算表 人员经费合计 + 公用经费合计
    （T06 未印这两个合计时，用各类之和）。

    失败示例：T05 基本支出 522.32，T06 人员经费 463.57 + 公用经费 58.76 = 522.33 超出尾差以外
    （如 公用经费 68.75）。
    通过示例：T05 基本支出 522.32 = 463.57 + 58.75。
    """

    id = "X-T05-T06-basic"
    name = "T05 基本支出 = T06"
    tables = ("T05", "T06")

    def relations(self, ctx):
        totals = [("T06", "人员经费合计", "决算数"), ("T06", "公用经费合计", "决算数")]
        if all(ctx.cell(*r) is not None for r in totals):
            rhs = P(*totals)
        else:
            classes = t06_classes(ctx)
            order = [c for c in PERSONNEL_CLASSES if c in classes] + [c for c in classes if c not in PERSONNEL_CLASSES]
            rhs = t06_class_terms(ctx, order)
        yield self.relation(ctx, P(("T05", "合计", "基本支出")), rhs)


@register
class T05T03Bound(_Cross):
    """一般公共预算财政拨款支出是全部支出的一部分：T05 每个科目的 小计 / 基本支出 / 项目支出 ≤
    T03 同一科目的 本年支出合计 / 基本支出 / 项目支出。

    失败示例：T05 2080199 项目支出 412.37 > T03 2080199 项目支出 400.00。
    通过示例：T05 2080199 项目支出 412.37 ≤ T03 472.37。
    """

    id = "X-T05-T03-bound"
    name = "T05 ≤ T03"
    tables = ("T05", "T03")
    PAIRS = (("小计", "本年支出合计"), ("基本支出", "基本支出"), ("项目支出", "项目支出"))

    def relations(self, ctx):
        for row in ["合计"] + ctx.code_rows("T05"):
            for c5, c3 in self.PAIRS:
                if ctx.cell("T05", row, c5) is None:
                    continue
                yield self.relation(ctx, P(("T05", row, c5)), P(("T03", row, c3)), "<=")


@register
class T09T06Floor(_Cross):
    """“三公”经费表 决算数 不应低于基本支出决算表中对应经济科目（三公经费还可含项目支出，可以
    更多，不会更少）：公务接待费 ≥ 30217，公务用车运行维护费 ≥ 30231，因公出国（境）费 ≥ 30212，
    公务用车购置费 ≥ 31013。可能另有原因（如口径不同），故为 warning。

    失败示例：T09 决算数 公务接待费 0.00，T06 30217 公务接待费 5.20。
    通过示例：T09 公务接待费 5.20 ≥ T06 30217 5.20。
    """

    id = "X-T09-T06-floor"
    severity = "warning"
    name = "三公经费 ≥ 基本支出对应科目"
    tables = ("T09", "T06")
    PAIRS = (("公务接待费", "30217"), ("公务用车运行维护费", "30231"), ("因公出国（境）费", "30212"),
             ("公务用车购置费", "31013"))

    def relations(self, ctx):
        for col, code in self.PAIRS:
            if ctx.cell("T06", code, "决算数") is None:
                continue
            yield self.relation(ctx, P(("T09", "决算数", col)), P(("T06", code, "决算数")), ">=")
