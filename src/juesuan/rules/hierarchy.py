"""H — classification hierarchy: 类 = Σ 款, 款 = Σ 项, 合计 = Σ 类; T06 类 = Σ 款 and the
人员经费 / 公用经费 totals."""

from __future__ import annotations

from juesuan.rules.base import Context, Rule, register

FUNCTIONAL_TABLES = ("T02", "T03", "T05", "T07", "T08")
PERSONNEL_CLASSES = ("301", "303")


def children(ctx: Context, tid: str, parent: str) -> list[str]:
    """Direct children printed in the table: 5-digit rows under a 3-digit class (or, when the
    table prints no 款 rows for the class, its 7-digit rows), 7-digit rows under a 款."""
    rows = ctx.code_rows(tid)
    if len(parent) == 3:
        kids = [r for r in rows if len(r) == 5 and r.startswith(parent)]
        if not kids:
            kids = [r for r in rows if len(r) == 7 and r.startswith(parent)]
        return kids
    if len(parent) == 5:
        return [r for r in rows if len(r) == 7 and r.startswith(parent)]
    return []


class _Level(Rule):
    parent_len = 3
    tables = FUNCTIONAL_TABLES

    def check(self, ctx):
        for tid in FUNCTIONAL_TABLES:
            if not ctx.usable(tid):
                continue
            cols = ctx.columns(tid)
            for parent in ctx.code_rows(tid, self.parent_len):
                kids = children(ctx, tid, parent)
                if not kids:
                    continue
                for col in cols:
                    f = self.relation(ctx, [(1, (tid, parent, col))], [(1, (tid, k, col)) for k in kids])
                    if f is not None:
                        yield f


@register
class ClassSum(_Level):
    """功能分类表（T02/T03/T05/T07/T08）中每个类 = 其下各款之和（每列）。

    失败示例：支出决算表 208 本年支出合计 3371.04，而 20801 2283.94 + 20805 39.71 + 20807 1047.93
    = 3371.58。
    通过示例：3371.04 = 2283.94 + 39.71 + 1047.39。
    """

    id = "H-class-sum"
    name = "类 = Σ款"
    parent_len = 3


@register
class KuanSum(_Level):
    """功能分类表中每个款 = 其下各项之和（每列）。

    失败示例：20807 就业补助 1047.39，而各项 550.89 + 317.72 + 176.14 + 1.80 + 0.84 + 1.00 = 1048.39。
    通过示例：1047.39 = 550.89 + 317.72 + 176.14 + 1.80 + 0.84。
    """

    id = "H-kuan-sum"
    name = "款 = Σ项"
    parent_len = 5


@register
class TotalSum(Rule):
    """功能分类表中 合计 = 各类之和（每列）。

    失败示例：合计 3411.65，而 208 3371.04 + 210 15.64 + 221 24.97 + 201 1.00 = 3412.65。
    通过示例：3411.65 = 3371.04 + 15.64 + 24.97。
    """

    id = "H-total-sum"
    tables = FUNCTIONAL_TABLES
    name = "合计 = Σ类"

    def check(self, ctx):
        for tid in FUNCTIONAL_TABLES:
            if not ctx.usable(tid):
                continue
            classes = ctx.code_rows(tid, 3)
            if not classes:
                continue
            for col in ctx.columns(tid):
                f = self.relation(ctx, [(1, (tid, "合计", col))], [(1, (tid, c, col)) for c in classes])
                if f is not None:
                    yield f


def t06_class_terms(ctx: Context, classes) -> list[tuple[int, tuple[str, str, str]]]:
    """Terms for the given T06 classes: the class row when printed, else its 款 rows."""
    terms = []
    rows = ctx.code_rows("T06")
    for cls in classes:
        if cls in rows:
            terms.append((1, ("T06", cls, "决算数")))
        else:
            terms.extend((1, ("T06", r, "决算数")) for r in rows if len(r) == 5 and r.startswith(cls))
    return terms


def t06_classes(ctx: Context) -> list[str]:
    out: dict[str, None] = {}
    for r in ctx.code_rows("T06"):
        out.setdefault(r[:3], None)
    return list(out)


@register
class T06ClassSum(Rule):
    """一般公共预算财政拨款基本支出决算表：每个经济分类类 = 其下各款之和。

    失败示例：301 工资福利支出 316.53，而 30101 139.24 + 30102 13.36 + … = 317.53。
    通过示例：316.53 = 各款之和。
    """

    id = "H-T06-class-sum"
    tables = ("T06",)
    name = "T06 类 = Σ款"

    def check(self, ctx):
        if not ctx.usable("T06"):
            return
        rows = ctx.code_rows("T06")
        for cls in ctx.code_rows("T06", 3):
            kids = [r for r in rows if len(r) == 5 and r.startswith(cls)]
            if kids:
                f = self.relation(ctx, [(1, ("T06", cls, "决算数"))], [(1, ("T06", k, "决算数")) for k in kids])
                if f is not None:
                    yield f


@register
class T06Personnel(Rule):
    """基本支出决算表：人员经费合计 = 301 工资福利支出 + 303 对个人和家庭的补助。

    失败示例：人员经费合计 463.57，而 301 316.53 + 303 3.98 = 320.51。
    通过示例：320.51 = 316.53 + 3.98。（表中未印 人员经费合计 时不检查。）
    """

    id = "H-T06-personnel"
    tables = ("T06",)
    name = "T06 人员经费合计"

    def check(self, ctx):
        if not ctx.usable("T06"):
            return
        total = ("T06", "人员经费合计", "决算数")
        f = self.relation(ctx, [(1, total)], t06_class_terms(ctx, PERSONNEL_CLASSES), require=[total])
        if f is not None:
            yield f


@register
class T06Public(Rule):
    """基本支出决算表：公用经费合计 = 302 商品和服务支出 + 307 + 309 + 310 + 312 + 313 + 399 等
    （301、303 以外的各类）。

    失败示例：公用经费合计 58.75，而 302 1715.70 + 310 0.00 = 1715.70。
    通过示例：1715.70 = 302 1715.70 + 307 0 + 310 0。（表中未印 公用经费合计 时不检查。）
    """

    id = "H-T06-public"
    tables = ("T06",)
    name = "T06 公用经费合计"

    def check(self, ctx):
        if not ctx.usable("T06"):
            return
        total = ("T06", "公用经费合计", "决算数")
        classes = [c for c in t06_classes(ctx) if c not in PERSONNEL_CLASSES]
        f = self.relation(ctx, [(1, total)], t06_class_terms(ctx, classes), require=[total])
        if f is not None:
            yield f
