"""A — arithmetic within one table (spec §5): totals, balances and row identities."""

from __future__ import annotations

from juesuan.glossary import T01_INCOME_ITEMS, T04_EXPENDITURE_COLUMNS, T09_ITEMS
from juesuan.rules.base import Context, Rule, register


def P(*refs):
    """Terms with sign +1."""
    return [(1, r) for r in refs]


class _TableRule(Rule):
    """A rule within one table: ``tables`` names it."""

    def check(self, ctx: Context):
        if not ctx.usable(self.tables[0]):
            return
        for f in self.relations(ctx):
            if f is not None:
                yield f

    def relations(self, ctx):  # pragma: no cover - abstract
        raise NotImplementedError


# ---------------------------------------------------------------------------------- T01


@register
class T01IncomeTotal(_TableRule):
    """收入支出决算总表：本年收入合计 = 各项收入之和（一般公共预算、政府性基金、国有资本经营
    财政拨款收入，上级补助、事业、经营、附属单位上缴、其他收入）。

    失败示例：本年收入合计 3411.65，各项收入 3411.65 + 10.00 = 3421.65。
    通过示例：本年收入合计 3421.65 = 3411.65 + 10.00。
    """

    id = "A-T01-income-total"
    name = "T01 本年收入合计"
    tables = ("T01",)

    def relations(self, ctx):
        yield self.relation(ctx, P(("T01", "本年收入合计", "金额")),
                            P(*[("T01", r, "金额") for r in T01_INCOME_ITEMS]))


@register
class T01IncomeGrand(_TableRule):
    """收入支出决算总表：收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余。

    失败示例：收入总计 3500.00 ≠ 3411.65 + 0 + 50.00 = 3461.65。
    通过示例：收入总计 3461.65 = 3411.65 + 0 + 50.00。
    """

    id = "A-T01-income-grand"
    name = "T01 收入总计"
    tables = ("T01",)

    def relations(self, ctx):
        yield self.relation(ctx, P(("T01", "收入总计", "金额")),
                            P(("T01", "本年收入合计", "金额"), ("T01", "使用非财政拨款结余", "金额"),
                              ("T01", "年初结转和结余", "金额")))


@register
class T01ExpenditureClasses(_TableRule):
    """收入支出决算总表：本年支出合计 = 各功能分类类级支出之和。

    失败示例：本年支出合计 3411.65，而 208 3371.04 + 210 15.64 + 221 24.97 = 3411.64 之外又有
    201 1.00，合计 3412.65。
    通过示例：本年支出合计等于各类之和（差额在尾差之内）。
    """

    id = "A-T01-expenditure-classes"
    name = "T01 本年支出合计 = Σ类"
    tables = ("T01",)

    def relations(self, ctx):
        classes = ctx.code_rows("T01", 3)
        if classes:
            yield self.relation(ctx, P(("T01", "本年支出合计", "金额")), P(*[("T01", c, "金额") for c in classes]))


@register
class T01ExpenditureGrand(_TableRule):
    """收入支出决算总表：支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余。

    失败示例：支出总计 3411.65 ≠ 3400.00 + 0 + 0 = 3400.00。
    通过示例：支出总计 3461.65 = 3411.65 + 0 + 50.00。
    """

    id = "A-T01-expenditure-grand"
    name = "T01 支出总计"
    tables = ("T01",)

    def relations(self, ctx):
        yield self.relation(ctx, P(("T01", "支出总计", "金额")),
                            P(("T01", "本年支出合计", "金额"), ("T01", "结余分配", "金额"),
                              ("T01", "年末结转和结余", "金额")))


@register
class T01Balance(_TableRule):
    """收入支出决算总表：收入总计 = 支出总计。

    失败示例：收入总计 3411.65，支出总计 3412.65。
    通过示例：两边总计都是 3411.65。
    """

    id = "A-T01-balance"
    name = "T01 收支平衡"
    tables = ("T01",)

    def relations(self, ctx):
        yield self.relation(ctx, P(("T01", "收入总计", "金额")), P(("T01", "支出总计", "金额")))


# ------------------------------------------------------------------- row identities


class _RowRule(_TableRule):
    total_col = ""
    parts: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()

    def relations(self, ctx):
        for row in ctx.rows(self.tables[0]):
            terms = [(1, (self.tables[0], row, c)) for c in self.parts]
            terms += [(-1, (self.tables[0], row, c)) for c in self.negative]
            yield self.relation(ctx, P((self.tables[0], row, self.total_col)), terms)


@register
class T02Row(_RowRule):
    """收入决算表每行：本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 +
    附属单位上缴收入 + 其他收入。

    失败示例：208 行 本年收入合计 3371.04，财政拨款收入 3371.04，事业收入 5.00。
    通过示例：208 行 本年收入合计 3376.04 = 3371.04 + 5.00。
    """

    id = "A-T02-row"
    name = "T02 行合计"
    tables = ("T02",)
    total_col = "本年收入合计"
    parts = ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")


@register
class T03Row(_RowRule):
    """支出决算表每行：本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 +
    对附属单位补助支出。

    失败示例：合计 行 本年支出合计 3411.65，基本支出 2036.21 + 项目支出 1375.45 = 3411.66 之外
    相差超过尾差（如 1375.54）。
    通过示例：3411.65 = 2036.21 + 1375.44。
    """

    id = "A-T03-row"
    name = "T03 行合计"
    tables = ("T03",)
    total_col = "本年支出合计"
    parts = ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")


@register
class T05Row(_RowRule):
    """一般公共预算财政拨款支出决算表每行：小计 = 基本支出 + 项目支出。

    失败示例：20801 行 小计 2283.94，基本支出 1955.89 + 项目支出 328.50 = 2284.39。
    通过示例：2283.94 = 1955.89 + 328.05。
    """

    id = "A-T05-row"
    name = "T05 行小计"
    tables = ("T05",)
    total_col = "小计"
    parts = ("基本支出", "项目支出")


@register
class T08Row(_RowRule):
    """国有资本经营预算财政拨款支出决算表每行：合计 = 基本支出 + 项目支出。

    失败示例：223 行 合计 180.00，项目支出 18.00。
    通过示例：合计 180.00 = 0.00 + 180.00。
    """

    id = "A-T08-row"
    name = "T08 行合计"
    tables = ("T08",)
    total_col = "合计"
    parts = ("基本支出", "项目支出")


@register
class T07RowSpending(_RowRule):
    """政府性基金预算财政拨款收入支出决算表每行：本年支出 小计 = 基本支出 + 项目支出。

    失败示例：229 行 小计 200.00，项目支出 190.00。
    通过示例：小计 200.00 = 0.00 + 200.00。
    """

    id = "A-T07-row-spending"
    name = "T07 本年支出小计"
    tables = ("T07",)
    total_col = "小计"
    parts = ("基本支出", "项目支出")


@register
class T07RowBalance(_RowRule):
    """政府性基金预算财政拨款收入支出决算表每行：年末结转和结余 = 年初结转和结余 + 本年收入
    − 本年支出小计。

    失败示例：年初 20.00，本年收入 190.00，本年支出 200.00，年末却印 20.00（应为 10.00）。
    通过示例：年末 10.00 = 20.00 + 190.00 − 200.00。
    """

    id = "A-T07-row-balance"
    name = "T07 年末 = 年初 + 收入 − 支出"
    tables = ("T07",)
    total_col = "年末结转和结余"
    parts = ("年初结转和结余", "本年收入")
    negative = ("小计",)


# ---------------------------------------------------------------------------------- T09


@register
class T09Total(_TableRule):
    """“三公”经费支出决算表（预算数、决算数各一行）：合计 = 因公出国（境）费 +
    公务用车购置及运行费 + 公务接待费。

    失败示例：决算数 合计 20.50，因公出国 0.00 + 公务用车 15.30 + 公务接待 5.30 = 20.60。
    通过示例：20.50 = 0.00 + 15.30 + 5.20。
    """

    id = "A-T09-total"
    name = "T09 合计"
    tables = ("T09",)

    def relations(self, ctx):
        for row in ("预算数", "决算数"):
            yield self.relation(ctx, P(("T09", row, "合计")),
                                P(("T09", row, T09_ITEMS[1]), ("T09", row, T09_ITEMS[2]), ("T09", row, T09_ITEMS[5])))


@register
class T09Vehicle(_TableRule):
    """“三公”经费支出决算表：公务用车购置及运行费 = 公务用车购置费 + 公务用车运行维护费。

    失败示例：决算数 公务用车购置及运行费 15.30，购置费 0.00 + 运行维护费 13.50 = 13.50。
    通过示例：15.30 = 0.00 + 15.30。
    """

    id = "A-T09-vehicle"
    name = "T09 公务用车"
    tables = ("T09",)

    def relations(self, ctx):
        for row in ("预算数", "决算数"):
            yield self.relation(ctx, P(("T09", row, "公务用车购置及运行费")),
                                P(("T09", row, "公务用车购置费"), ("T09", row, "公务用车运行维护费")))


# ---------------------------------------------------------------------------------- T04

FUNDS = T04_EXPENDITURE_COLUMNS[1:]


@register
class T04IncomeTotal(_TableRule):
    """财政拨款收入支出决算总表：本年收入合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算
    财政拨款收入。

    失败示例：本年收入合计 3411.65，三项收入 3401.65 + 0 + 0。
    通过示例：3411.65 = 3411.65 + 0 + 0。
    """

    id = "A-T04-income-total"
    name = "T04 本年收入合计"
    tables = ("T04",)

    def relations(self, ctx):
        yield self.relation(ctx, P(("T04", "本年收入合计", "金额")), P(*[("T04", f, "金额") for f in FUNDS]))


@register
class T04Opening(_TableRule):
    """财政拨款收入支出决算总表：年初财政拨款结转和结余 = 其中一般公共预算 + 政府性基金预算 +
    国有资本经营预算三项。

    失败示例：年初财政拨款结转和结余 50.00，三项 30.00 + 10.00 + 0。
    通过示例：50.00 = 30.00 + 20.00 + 0。
    """

    id = "A-T04-opening"
    name = "T04 年初结转和结余"
    tables = ("T04",)

    def relations(self, ctx):
        yield self.relation(ctx, P(("T04", "年初财政拨款结转和结余", "金额")),
                            P(*[("T04", "年初" + f, "金额") for f in FUNDS]))


@register
class T04IncomeGrand(_TableRule):
    """财政拨款收入支出决算总表：收入总计 = 本年收入合计 + 年初财政拨款结转和结余。

    失败示例：收入总计 3411.65，本年收入合计 3411.65 + 年初 50.00。
    通过示例：3461.65 = 3411.65 + 50.00。
    """

    id = "A-T04-income-grand"
    name = "T04 收入总计"
    tables = ("T04",)

    def relations(self, ctx):
        yield self.relation(ctx, P(("T04", "收入总计", "金额")),
                            P(("T04", "本年收入合计", "金额"), ("T04", "年初财政拨款结转和结余", "金额")))


@register
class T04Row(_TableRule):
    """财政拨款收入支出决算总表支出方每行：合计 = 一般公共预算财政拨款 + 政府性基金预算财政拨款
    + 国有资本经营预算财政拨款。

    失败示例：208 行 合计 3371.04，一般公共预算 3317.04。
    通过示例：208 行 合计 3371.04 = 3371.04 + 0 + 0。
    """

    id = "A-T04-row"
    name = "T04 支出行合计"
    tables = ("T04",)

    def relations(self, ctx):
        for row in ctx.rows("T04"):
            if row.isdigit() or row in ("本年支出合计", "年末财政拨款结转和结余", "支出总计"):
                yield self.relation(ctx, P(("T04", row, "合计")), P(*[("T04", row, f) for f in FUNDS]))


@register
class T04ExpenditureClasses(_TableRule):
    """财政拨款收入支出决算总表：本年支出合计 = 各类支出之和（合计及各资金列）。

    失败示例：本年支出合计 3411.65，各类 3371.04 + 15.64 + 24.97 + 10.00 = 3421.65。
    通过示例：3411.65 = 3371.04 + 15.64 + 24.97。
    """

    id = "A-T04-expenditure-classes"
    name = "T04 本年支出合计 = Σ类"
    tables = ("T04",)

    def relations(self, ctx):
        classes = ctx.code_rows("T04", 3)
        if not classes:
            return
        for col in T04_EXPENDITURE_COLUMNS:
            yield self.relation(ctx, P(("T04", "本年支出合计", col)), P(*[("T04", c, col) for c in classes]))


@register
class T04ExpenditureGrand(_TableRule):
    """财政拨款收入支出决算总表：支出总计 = 本年支出合计 + 年末财政拨款结转和结余（每列）。

    失败示例：支出总计 3411.65，本年支出合计 3411.65 + 年末 50.00。
    通过示例：3461.65 = 3411.65 + 50.00。
    """

    id = "A-T04-expenditure-grand"
    name = "T04 支出总计"
    tables = ("T04",)

    def relations(self, ctx):
        for col in T04_EXPENDITURE_COLUMNS:
            yield self.relation(ctx, P(("T04", "支出总计", col)),
                                P(("T04", "本年支出合计", col), ("T04", "年末财政拨款结转和结余", col)))


@register
class T04Balance(_TableRule):
    """财政拨款收入支出决算总表：收入总计 = 支出总计（合计列）。

    失败示例：收入总计 3461.65，支出总计 3411.65。
    通过示例：两边都是 3461.65。
    """

    id = "A-T04-balance"
    name = "T04 收支平衡"
    tables = ("T04",)

    def relations(self, ctx):
        yield self.relation(ctx, P(("T04", "收入总计", "金额")), P(("T04", "支出总计", "合计")))


@register
class T04FundBalance(_TableRule):
    """财政拨款收入支出决算总表按资金分别平衡：某类财政拨款本年收入 + 年初结转和结余 =
    该列支出总计（本年支出 + 年末结转和结余）。

    失败示例：政府性基金 本年收入 190.00 + 年初 20.00 = 210.00，支出总计 政府性基金列 200.00。
    通过示例：190.00 + 20.00 = 210.00 = 支出 200.00 + 年末 10.00。
    """

    id = "A-T04-fund-balance"
    name = "T04 分资金平衡"
    tables = ("T04",)

    def relations(self, ctx):
        for f in FUNDS:
            yield self.relation(ctx, P(("T04", f, "金额"), ("T04", "年初" + f, "金额")),
                                P(("T04", "支出总计", f)))
