"""N/U — what the narrative's words say, read against its own numbers and the tables.

These rules read :class:`~juesuan.model.Statement` (each sentence with its subject, the
amounts it states or carries, and its relation word) and the claims: the relation word
between 决算数 and 预算数, rates whose base is zero or blank, and template residue left in
print.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from juesuan import catalogue, lazy
from juesuan.glossary import CLASS_NAME, SANGONG_TABLE, TABLES
from juesuan.model import Claim, Statement
from juesuan.money import tolerance
from juesuan.rules.base import Context, Rule, num, pct, register, similar, text_at, text_starts
from juesuan.rules.narrative import claim_tol, current_amount, near, wan

# 基本持平 tolerates a small difference; how small is a judgement — 1% of the budget is what
# reviewers accept as "basically level" (larger differences are explained as 大于/小于).
NEARLY_LEVEL = Decimal("0.01")


def _quote(text: str, limit: int = 60) -> str:
    t = text.strip().replace("\n", "")
    return "“" + (t[:limit] + "…" if len(t) > limit else t) + "”"


def at(page: int | None, line: int | None) -> str:
    """'第 3 页第 12 行' (or '第 12 行' for a text file, which has no pages)."""
    return (f"第 {page} 页" if page else "") + (f"第 {line} 行" if line else "")


def _where(st: Statement) -> str:
    return " ".join(st.path) if st.path else st.subject


def _actual_relation(final: Decimal, budget: Decimal) -> tuple[str, Decimal]:
    """The relation the two printed figures prove: "等于" when they are within rounding of each
    other (then the unrounded figures may stand either way, so no word is wrong)."""
    diff = final - budget
    if abs(diff) <= tolerance(2):
        return "等于", diff
    return ("大于" if diff > 0 else "小于"), diff


@register
class BudgetRelation(Rule):
    """决算数与预算数的关系用词（大于/小于/等于/持平/基本持平）应与说明所给的两个数一致。
    用词可在给出两数的同一句，也可在其后说明原因的句子（“决算数小于预算数的主要原因…”）。
    “基本持平”容许相差不超过预算数的 1%。两数相差在印刷舍入之内（如 21.76 与 21.77）时，大于、
    小于、持平都可能成立，不报告（尾差不是错误）。

    失败示例：“年初预算为 1560.05 万元，支出决算为 1511.89 万元。决算数大于预算数的主要原因…”；
    或“年初预算为 62.29 万元，支出决算为 60.99 万元。决算数等于预算数…”。
    通过示例：“年初预算为 135.90 万元，支出决算为 135.25 万元。决算数小于预算数的主要原因…”。
    """

    id = "N-budget-relation"
    family = "N"
    name = "决算与预算的比较用词"

    def check(self, ctx: Context):
        for st in ctx.doc.statements:
            if st.relation is None or st.budget is None or st.final is None:
                continue
            actual, diff = _actual_relation(st.final, st.budget)
            word = st.relation
            if actual == "等于":
                continue  # 21.76 against 21.77: 大于, 小于 and 持平 are all within rounding (尾差)
            if word == "基本持平":
                if abs(diff) <= max(tolerance(2), abs(st.budget) * NEARLY_LEVEL):
                    continue
            elif word == actual:
                continue
            should = actual
            yield self.finding(
                f"情况说明{_quote(st.text)}称{_where(st)}决算数“{word}”预算数，而所述{st.budget_kind or '预算'} "
                f"{num(st.budget)} 万元、决算 {num(st.final)} 万元，决算 − 预算 = {num(diff)}，应为“决算数{should}预算数”",
                expected=should, actual=word, difference=diff, page=st.page, line=st.line,
            )


def _table_budget(ctx: Context, claim: Claim):
    """(printed, cell) of the budget column for a 三公 item, when the claim has one."""
    if claim.cell is None or claim.cell.table != SANGONG_TABLE:
        return None
    t = ctx.doc.tables.get(SANGONG_TABLE)
    if t is None or not t.present or t.declared_empty:
        return None
    return ctx.cell(SANGONG_TABLE, "预算数", claim.cell.column)


@register
class RateBase(Rule):
    """完成率、增减率须有非零的基数：预算数为零或表中为空时不能写“完成预算的 N%”（应写明未安排
    预算）；决算非零时“完成预算的 0%”不成立；上年为零时不能写增长率（如“增长 100%”）。

    失败示例：“公益性岗位补贴(项) 176.14 万元，完成年初预算的 0%”；或三公经费表 因公出国（境）费
    预算数为空，说明却写“因公出国（境）费决算为 0.00 万元，完成预算的 0%”。
    通过示例：“年初预算为 500 万元，支出决算为 467.89 万元，完成年初预算的 93.58%”。
    """

    id = "N-rate-base"
    family = "N"
    name = "比率的基数"

    def check(self, ctx: Context):
        for claim in ctx.doc.claims:
            if claim.kind == "completion":
                f = self._completion(ctx, claim)
            elif claim.kind == "change_rate":
                f = self._change(claim)
            else:
                f = None
            if f is not None:
                yield f

    def _completion(self, ctx: Context, claim: Claim):
        final = current_amount(ctx, claim)
        budget_c = near(ctx, claim, claim.subject, ("budget",))
        if final is not None and claim.value == 0 and abs(final.value) > final.tol:
            return self.finding(
                f"情况说明{_quote(claim.text)}称 {claim.subject} 完成预算的 {pct(claim.value)}，而决算数为 "
                f"{num(final.value)} 万元（非零）：预算为零时完成率无从计算，应写明未安排年初预算；预算非零时完成率不为 0",
                cells=[final.cell] if final.cell else [], claims=[claim] + ([final.claim] if final.claim else []),
                expected="非零或不写完成率", actual=pct(claim.value), page=claim.page, line=claim.line)
        if budget_c is not None:
            b = wan(budget_c)
            if b is not None and b == 0:
                return self.finding(
                    f"情况说明{_quote(claim.text)}称 {claim.subject} 完成预算的 {pct(claim.value)}，而所述预算数为 0，"
                    f"完成率无从计算", severity="warning", claims=[claim, budget_c],
                    expected="不写完成率", actual=pct(claim.value), page=claim.page, line=claim.line)
            return None
        if claim.cell is None or claim.cell.table != SANGONG_TABLE:
            return None
        # (a blank only in a table read in full: in one read in part, the figure may have been
        # placed in the wrong column, leaving its own blank and filling another's)
        if ctx.unread_claim(claim, whole_table=True):
            return None
        t = ctx.doc.tables.get(SANGONG_TABLE)
        if t is not None and t.cells and _table_budget(ctx, claim) is None:
            return self.finding(
                f"情况说明{_quote(claim.text)}称 {claim.subject} 完成预算的 {pct(claim.value)}，而“三公”经费表中"
                f"{claim.subject} 预算数为空，说明也未给出预算数，完成率无从计算", severity="warning",
                claims=[claim], expected="不写完成率（或补列预算数）", actual=pct(claim.value),
                page=claim.page, line=claim.line)
        return None

    def _change(self, claim: Claim):
        if claim.previous is None or claim.direction != "增加":
            return None
        if abs(claim.previous) <= tolerance(2):
            return self.finding(
                f"情况说明{_quote(claim.text)}称 {claim.subject} 增长 {pct(claim.value)}，而上年数为 "
                f"{num(claim.previous)}：以零为基数的增长率无意义，应只写增加额", severity="warning",
                claims=[claim], expected="不写增长率", actual=pct(claim.value), page=claim.page, line=claim.line)
        return None


# Words a filled-in disclosure never prints: alternatives left for the writer to choose,
# placeholders, instructions to the writer, truncated years.
_PAIRED = "增加|减少|增长|下降|大于|小于|高于|低于"  # words a template offers in pairs: 增加（减少）
RESIDUE_RES = (
    ("待选用词", lazy.pattern(rf"({_PAIRED})[（(]({_PAIRED})[）)]")),
    ("占位符", lazy.pattern(r"X{2,}|Ｘ{2,}|×{2,}|某某|【\s*】|【(?:请|填|XX|单位|部门|金额|数字)[^】]{0,12}】|\[请填写[^\]]*\]")),
    ("填写说明", lazy.pattern(r"[（(](?:不涉及的不列|如持平作持平表述|[^（）()]{0,30}请(?:填写|列明|说明|依据|根据|按照|结合)"
                            r"[^）)]{0,30})[）)]|列明[^。，,]{0,12}(?:批次|人次|数量)")),
    # '20' not after a digit, written with the 2 first so the scan jumps from one 2 to the next
    # (the same matches as (?<!\d)20\d…: the lookbehind after the 2 asks the character before it)
    ("未填完的年度", lazy.pattern(r"2(?<!\d2)0\d\s*年度?(?!\d)")),
    ("省略号", lazy.pattern(r"[^\s]……(?:[（(]|$|。)")),
)
# What each pattern above cannot match without: a text holding none of a pattern's pieces is
# not scanned with it. Every statement of the narrative is asked, and most patterns start with
# a class or a repeat, not a literal, so their scan tries every position; the pieces, all
# literals, are found by one fast scan (a pattern that starts with literals needs none).
_RESIDUE_NEEDS = {
    "占位符": ("XX", "ＸＸ", "××", "某某", "【", "[请填写"),
    "填写说明": ("请", "不涉及的不列", "如持平作持平表述", "列明"),
    "省略号": ("……",),
}
_RESIDUE_GATES = {kind: lazy.pattern("|".join(map(re.escape, pieces))) for kind, pieces in _RESIDUE_NEEDS.items()}
# The same, for the whole narrative at once: one pattern per piece, each starting with its
# literal (a scan that jumps from one occurrence of the literal to the next, ten times faster
# over a long text than an alternation's, which tries every character); a pair of words needs
# its second word in brackets.
_RESIDUE_ANYWHERE = {kind: tuple(lazy.pattern(re.escape(piece)) for piece in pieces)
                     for kind, pieces in _RESIDUE_NEEDS.items()}
_RESIDUE_ANYWHERE["待选用词"] = tuple(lazy.pattern(rf"{re.escape(b)}(?:{_PAIRED})[）)]") for b in "（(")


def residue_places(texts: Sequence[str], joined: str) -> dict[int, tuple[tuple[str, re.Pattern], ...]]:
    """The texts (by index) that may hold template residue, each with the patterns of
    RESIDUE_RES (in that order) it may hold; ``joined`` is the texts joined by line breaks (the
    statements' text, ``Context.statement_text``). Most narratives hold none, and most of those
    that do hold it in a few statements: the pieces of each pattern are found in one scan of
    the whole, and each occurrence — a piece holds no line break — lies in the text it is found
    in. A pattern without pieces (it starts with its literal) found anywhere may be in any text."""
    starts: list[int] = []  # where each text starts in ``joined`` (listed at the first piece found)
    kinds: dict[int, set[str]] = {}
    everywhere: set[str] = set()
    for kind, pattern in RESIDUE_RES:
        pieces = _RESIDUE_ANYWHERE.get(kind)
        if pieces is None:
            if pattern.search(joined) is not None:
                everywhere.add(kind)
            continue
        for piece in pieces:
            for m in piece.finditer(joined):
                starts = starts or text_starts(texts)
                kinds.setdefault(text_at(starts, m.start()), set()).add(kind)
    places = range(len(texts)) if everywhere else sorted(kinds)
    return {i: tuple((kind, pattern) for kind, pattern in RESIDUE_RES if kind in everywhere or kind in kinds.get(i, ()))
            for i in places}


def residue_hits(text: str, patterns: tuple[tuple[str, re.Pattern], ...] = RESIDUE_RES) -> list[tuple[str, str]]:
    """The template residue in ``text`` (of ``patterns``, a part of RESIDUE_RES): (kind, words)."""
    out = []
    for kind, pat in patterns:
        gate = _RESIDUE_GATES.get(kind)
        if gate is not None and gate.search(text) is None:
            continue
        for m in pat.finditer(text):
            out.append((kind, m.group(0)))
    return out


@register
class TemplateResidue(Rule):
    """印发的情况说明、名词解释不应留有模板痕迹：待选用词“增加（减少）”“大于（小于）”、占位符 XXX/【】、
    给填写人的说明“（不涉及的不列）”“（如持平作持平表述）”、省略号“……”、未填完的年度“202 年度”。
    全文合并为一条，列出处数和前几处。

    失败示例：“收入支出总计增加（减少）XXX 万元，增长（下降）XX%。”
    通过示例：“收入支出总计减少 56.95 万元，下降 1.87%。”
    """

    id = "U-template-residue"
    family = "U"
    name = "模板残留"

    def check(self, ctx: Context):
        # Only the statements that may hold residue are scanned (residue_places). A pattern
        # without pieces found nowhere in the statements' text joined is in no statement: its only
        # class that matches a line break, a year's \s*, can only join two statements, never lose a match.
        statements = ctx.doc.statements
        hits: list[tuple[str, str, Statement]] = []
        for i, patterns in residue_places([st.text for st in statements], ctx.statement_text()).items():
            for kind, word in residue_hits(statements[i].text, patterns):
                hits.append((kind, word, statements[i]))
        if not hits:
            return
        kinds = sorted({k for k, _, _ in hits})
        parts = "、".join(dict.fromkeys("名词解释" if st.topic == "名词解释" else "情况说明" for _, _, st in hits))
        shown = "；".join(f"{at(st.page, st.line)}“{w}”" for _, w, st in hits[:5])
        more = f" 等 {len(hits)} 处" if len(hits) > 5 else f"，共 {len(hits)} 处"
        first = hits[0][2]
        yield self.finding(
            f"{parts}留有模板痕迹（{'、'.join(kinds)}）：{shown}{more}；应按实际情况填写并删去待选用词和填写说明",
            expected="按实际情况填写", actual=f"{len(hits)} 处模板痕迹", page=first.page, line=first.line)




# ---- lists, counts and sums the narrative implies ------------------------------------------

_LIST_WORD = "主要包括"
_LIST_RE = lazy.pattern(rf"(人员经费|公用经费)[^。；;]{{0,30}}?{_LIST_WORD}[:：]?\s*([^。；;]+)")
_PERSONNEL = ("301", "303")
OMITTED_SHARE = Decimal("0.10")  # an item this large a share of its group must be named


_ETC_TAIL = lazy.pattern(r"(?:等|等支出|支出等|的支出)$")


def _norm_item(s: str) -> str:
    s = s.replace("（", "(").replace("）", ")").replace(" ", "")
    s = _ETC_TAIL.sub("", s)
    return s.strip("、,，:：")


def _abbreviates(short: str, full: str) -> bool:
    """'物业费' for 物业管理费, '住房公积金' for itself: the short name's characters appear in
    order in the full one (or the two are near-identical)."""
    if short in full or full in short:
        return True
    it = iter(full)
    if all(ch in it for ch in short) and len(short) >= 0.5 * len(full):
        return True
    return similar(short, full, 0.8)


def _t06_names(ctx: Context) -> dict[str, str]:
    t = ctx.doc.tables.get("T06")
    if t is None:
        return {}
    return {_norm_item(n): code for code, n in t.row_labels.items() if code.isdigit() and len(code) == 5}


@register
class ListItems(Rule):
    """“人员经费/公用经费主要包括：…”所列事项应是基本支出决算表中有数的经济科目；占该类经费
    10% 以上的科目应列入。两个清单的问题合并为一条（同一写法）。

    失败示例：“人员经费 2152.26 万元，主要包括：基本工资、…、个人农业生产补贴”，而基本支出决算表
    30310 个人农业生产补贴 为空；或 津贴补贴 1238.58 万元未列入。
    通过示例：所列各项在表中都有数，大额科目都已列入。
    """

    id = "N-list-items"
    family = "N"
    severity = "warning"
    name = "“主要包括”清单与基本支出表"
    tables = ("T06",)  # (so coverage says "not checked" when T06 is not read in full, never "passed")

    def check(self, ctx: Context):
        names = _t06_names(ctx)
        if not names or not ctx.usable("T06"):
            return
        # both lists are usually one writer's boilerplate: one finding for the document
        parts: list[str] = []
        cells: list = []
        counts = [0, 0]
        first: Statement | None = None
        for st in ctx.doc.statements:
            if st.topic == "名词解释":
                continue
            if _LIST_WORD not in st.text:
                continue  # (the pattern's own words: most statements are not such a list)
            for m in _LIST_RE.finditer(st.text):
                group = m.group(1)
                items = [_norm_item(x) for x in re.split(r"[、,，]|以及|和", m.group(2)) if _norm_item(x)]
                blank = list(self._named_blank(ctx, group, items, names))
                omitted = list(self._omitted(ctx, group, items))
                if not blank and not omitted:
                    continue
                first = first or st
                counts[0] += len(blank)
                counts[1] += len(omitted)
                if blank:
                    parts.append(f"{group}所列 {len(blank)} 项在基本支出决算表中为空或 0（"
                                 + "、".join(f"{code} {item}" for code, item, _ in blank[:10])
                                 + (" 等" if len(blank) > 10 else "") + "），应删去")
                if omitted:
                    parts.append(f"{group}未列入大额科目 " + "、".join(
                        f"{code} {label} {num(c.value)} 万元（占 {pct(share)}）" for code, label, c, share in omitted))
                cells += [c for _, _, c in blank if c is not None] + [c for _, _, c, _ in omitted]
        if first is None:
            return
        yield self.finding(
            "情况说明人员经费/公用经费“主要包括”清单与基本支出决算表不符：" + "；".join(parts),
            cells=cells, expected="表中有数的科目，含大额科目", actual=f"空项 {counts[0]} 个，漏列 {counts[1]} 个",
            page=first.page, line=first.line)

    def _in_group(self, code: str, group: str) -> bool:
        return (code[:3] in _PERSONNEL) == (group == "人员经费")

    def _named_blank(self, ctx, group, items, names):
        for item in items:
            code = names.get(item)
            if code is None or not self._in_group(code, group):
                continue
            cell = ctx.cell("T06", code, "决算数")
            if cell is None or cell.value == 0:
                yield code, item, cell

    def _omitted(self, ctx, group, items):
        total_row = "人员经费合计" if group == "人员经费" else "公用经费合计"
        total = ctx.value("T06", total_row, "决算数")
        if not total or total <= 0:
            return
        named = set(items)
        t = ctx.doc.tables["T06"]
        for code, label in t.row_labels.items():
            if not (code.isdigit() and len(code) == 5 and self._in_group(code, group)):
                continue
            cell = ctx.cell("T06", code, "决算数")
            if cell is None or cell.value < total * OMITTED_SHARE or _norm_item(label) in named:
                continue
            if any(_abbreviates(n, _norm_item(label)) for n in named if len(n) >= 2):
                continue  # '物业费' names 物业管理费
            yield code, label, cell, cell.value / total * 100


_COUNT_PAIRS = (
    ("因公出国团组", "因公出国人次"),
    ("国内公务接待批次", "国内公务接待人次"),
    ("国内公务接待团组", "国内公务接待人次"),
    ("外事接待批次", "外事接待人次"),
    ("外事接待团组", "外事接待人次"),
)


def _first(ctx: Context, subject: str, kinds: tuple[str, ...]) -> Claim | None:
    return next((c for c in ctx.claims_by_subject().get(subject, ()) if c.kind in kinds), None)


@register
class Counts(Rule):
    """说明中的数量应相互一致：团组（批次）为 0 则人次为 0，反之亦然（warning：随其他单位团组
    出行时本单位团组可为 0，应写明）；分类列出的各类车辆之和
    等于车辆总数（列至“其他用车”的完整清单；部分之和不能超过总数）；公务用车保有量不多于车辆
    总数（warning：口径可能不同）。

    失败示例：“因公出国团组 0 个、累计 1 人次”；“共有车辆 5 辆，其中：执法执勤用车 4 辆、其他用车
    2 辆”。
    通过示例：“组织因公出国团组 1 个、累计 3 人次”；“共有车辆 5 辆，其中执法执勤用车 3 辆、其他
    用车 2 辆”。
    """

    id = "N-counts"
    family = "N"
    name = "数量前后一致"

    def check(self, ctx: Context):
        for groups, persons in _COUNT_PAIRS:
            g = _first(ctx, groups, ("count",))
            p = _first(ctx, persons, ("count",))
            if g is None or p is None or (g.value == 0) == (p.value == 0):
                continue
            yield self.finding(
                f"情况说明称{groups} {g.value}{g.unit}、{persons} {p.value}{p.unit}：一方为 0 另一方不为 0，前后矛盾"
                f"（若是随其他单位的团组出行，应写明；否则应改正其中一个数）", severity="warning",
                claims=[g, p], expected="同为 0 或同不为 0", actual=f"{g.value} / {p.value}", page=p.page, line=p.line)
        yield from self._vehicles(ctx)
        fleet, total = _first(ctx, "公务用车保有量", ("count",)), _first(ctx, "车辆总数", ("count",))
        if fleet is not None and total is not None and fleet.unit == total.unit and fleet.value > total.value:
            yield self.finding(
                f"情况说明称公务用车保有量 {fleet.value} 辆，多于国有资产部分所列车辆总数 {total.value} 辆",
                severity="warning", claims=[fleet, total], expected=f"≤ {total.value}", actual=format(fleet.value, "f"),
                page=fleet.page, line=fleet.line)

    def _vehicles(self, ctx: Context):
        total = _first(ctx, "车辆总数", ("count",))
        if total is None:
            return
        kinds = []
        for c in ctx.doc.claims:
            if c.kind == "count" and c.unit == "辆" and c.subject.endswith("用车") and c.section == total.section:
                kinds.append(c)
                if c.subject.startswith("其他"):
                    break  # what follows breaks 其他用车 down further
        if len(kinds) < 2:
            return
        s = sum((c.value for c in kinds), Decimal(0))
        complete = any(c.subject.startswith("其他") for c in kinds)
        if s > total.value or (complete and s != total.value):
            yield self.finding(
                f"情况说明称共有车辆 {total.value} 辆，分类列出的 {len(kinds)} 类车辆合计 {s} 辆"
                f"（{'、'.join(f'{c.subject} {c.value}' for c in kinds[:8])}），与总数不符",
                claims=[total] + kinds[:8], expected=format(total.value, "f"), actual=format(s, "f"),
                difference=s - total.value, page=total.page, line=total.line)


_SANGONG_ITEMS = ("因公出国（境）费", "公务用车购置及运行费", "公务接待费")
_PROCUREMENT_PARTS = ("政府采购货物支出", "政府采购工程支出", "政府采购服务支出")


def _signed(c: Claim) -> Decimal | None:
    v = wan(c)
    if v is None or c.direction is None:
        return None
    return {"增加": v, "减少": -v, "持平": Decimal(0)}[c.direction]


@register
class PartsSum(Rule):
    """说明中一个整体与其各部分应相加一致：政府采购 货物 + 工程 + 服务 = 采购总额；“三公”经费
    的增减额 = 三项各自增减额之和；逐项列出的项级科目年初预算之和不超过一般公共预算财政拨款支出
    年初预算（说明不必列全，故只查超出）；授予中小企业合同金额不超过政府采购支出总额，小微企业
    不超过中小企业；收入总计与支出总计（财政拨款收支总计亦然）的增减额相等（warning）；机关运行
    经费不超过基本支出决算表 公用经费合计（warning）。

    失败示例：“政府采购支出总额 251.25 万元，其中货物 4.79 万元、工程 0 万元、服务 240.00 万元”；
    或“三公经费减少 2.00 万元，其中因公出国费减少 1.00 万元、公务用车费持平、公务接待费增加 0.50 万元”。
    通过示例：各部分之和等于整体（尾差以内）。
    """

    id = "N-parts-sum"
    family = "N"
    name = "整体与部分"

    def check(self, ctx: Context):
        yield from self._procurement(ctx)
        yield from self._sangong_change(ctx)
        yield from self._item_budgets(ctx)
        yield from self._within(ctx, "中小企业合同金额", "政府采购支出总额")
        yield from self._within(ctx, "小微企业合同金额", "中小企业合同金额")
        yield from self._twin_changes(ctx)
        yield from self._running_costs(ctx)

    def _procurement(self, ctx: Context):
        """货物 + 工程 + 服务 = 总额 when all three are stated; when one is left out (a writer
        lists only the kinds bought) the stated ones can still never exceed the total."""
        total = _first(ctx, "政府采购支出总额", ("amount",))
        named = [(k, _first(ctx, p, ("amount",))) for k, p in zip(("货物", "工程", "服务"), _PROCUREMENT_PARTS, strict=True)]
        ps = [(k, p) for k, p in named if p is not None and wan(p) is not None]
        if total is None or wan(total) is None or len(ps) < 2:
            return
        tv = wan(total) or Decimal(0)
        s = sum((wan(p) or Decimal(0) for _, p in ps), Decimal(0))
        tol = sum((claim_tol(p) for _, p in ps), claim_tol(total))
        if abs(s - tv) <= tol or (len(ps) < 3 and s < tv):
            return
        listed = " + ".join(f"{k} {num(wan(p))}" for k, p in ps)
        yield self.finding(
            f"情况说明称政府采购支出总额 {num(tv)} 万元，而{listed} = {num(s)} 万元，相差 {num(tv - s)}"
            + ("" if len(ps) == 3 else "（所列分项之和已超过总额）"),
            claims=[total] + [p for _, p in ps], expected=s, actual=tv, difference=tv - s,
            page=total.page, line=total.line)

    def _running_costs(self, ctx: Context):
        """机关运行经费 is the 日常公用经费 of basic spending: not more than T06 公用经费合计."""
        c = _first(ctx, "机关运行经费", ("amount",))
        cell = ctx.cell("T06", "公用经费合计", "决算数")
        v = wan(c) if c is not None else None
        if c is None or cell is None or v is None or v - cell.value <= claim_tol(c) + tolerance(1):
            return
        yield self.finding(
            f"情况说明称机关运行经费 {num(v)} 万元，多于基本支出决算表 公用经费合计 {num(cell.value)} 万元；机关运行经费是"
            f"基本支出中的日常公用经费，不应超过公用经费", severity="warning", cells=[cell], claims=[c],
            expected=f"≤ {num(cell.value)}", actual=v, difference=v - cell.value, page=c.page, line=c.line)

    def _twin_changes(self, ctx: Context):
        """收入总计 = 支出总计 in both years, so their year-on-year changes are equal (same
        for 财政拨款收入/支出总计)."""
        for a, b in (("收入总计", "支出总计"), ("财政拨款收入总计", "财政拨款支出总计")):
            ca, cb = _first(ctx, a, ("change_amount",)), _first(ctx, b, ("change_amount",))
            if ca is None or cb is None or ca.base or cb.base or ca.text == cb.text:
                continue  # one sentence naming both ('收入支出总计减少 …') states one change
            sa, sb = _signed(ca), _signed(cb)
            if sa is None or sb is None or abs(sa - sb) <= claim_tol(ca) + claim_tol(cb):
                continue
            # when the narrative's own total already differs from the table (N-claim-cell),
            # that is the cause: lead with its claim so the two are grouped as one
            cause = [c for c in (_first(ctx, a, ("amount",)), _first(ctx, b, ("amount",))) if c is not None
                     and (cell := ctx.claim_cell(c)) is not None and (v := wan(c)) is not None
                     and abs(v - cell.value) > claim_tol(c) + tolerance(1)]
            yield self.finding(
                f"情况说明称{a}{ca.direction} {num(abs(sa))} 万元，{b}{cb.direction} {num(abs(sb))} 万元；收支总计两年都相等，"
                f"增减额也应相等（常因一处把本年支出合计当作支出总计）", severity="warning", claims=cause[:1] + [ca, cb],
                expected=sa, actual=sb, difference=sb - sa, page=cb.page, line=cb.line)

    def _within(self, ctx: Context, part: str, whole: str):
        """A part (授予中小企业合同金额) cannot exceed its whole (政府采购支出总额)."""
        w = _first(ctx, whole, ("amount",))
        if w is None or wan(w) is None:
            return
        for p in ctx.claims_by_subject().get(part, ()):
            pv, wv = wan(p), wan(w)
            if p.kind != "amount" or pv is None or wv is None or pv - wv <= claim_tol(p) + claim_tol(w):
                continue
            yield self.finding(
                f"情况说明称{part} {num(pv)} 万元（{_quote(p.text, 40)}），超过{whole} {num(wv)} 万元，部分不能大于整体",
                claims=[p, w], expected=f"≤ {num(wv)}", actual=pv, difference=pv - wv, page=p.page, line=p.line)
            return

    def _item_budgets(self, ctx: Context):
        """The 年初预算 the narrative gives for 项 of the general-budget table cannot add up to
        more than the total 年初预算 it states."""
        total = next((st for st in ctx.doc.statements if st.subject == "一般公共预算财政拨款支出"
                      and st.budget is not None and st.budget_kind == "年初预算"), None)
        if total is None or total.budget is None:
            return
        items: dict[str, Decimal] = {}
        for st in ctx.doc.statements:
            if (st.cell is not None and st.cell.table == "T05" and len(st.cell.row) == 7
                    and st.budget is not None and st.budget_kind == "年初预算"):
                items.setdefault(st.cell.row, st.budget)
        if not items:
            return
        s = sum(items.values(), Decimal(0))
        # items budgeted but not spent are not printed in T05 and may go unexplained, so the
        # listed budgets may fall short of the total; they can never exceed it
        if s - total.budget <= tolerance(len(items) + 1):
            return
        yield self.finding(
            f"情况说明称一般公共预算财政拨款支出年初预算 {num(total.budget)} 万元，而逐项列出的 {len(items)} 个项级科目"
            f"年初预算之和为 {num(s)} 万元，相差 {num(total.budget - s)}",
            expected=s, actual=total.budget, difference=total.budget - s, page=total.page, line=total.line)

    def _sangong_change(self, ctx: Context):
        total = _first(ctx, "三公经费", ("change_amount",))
        items = [_first(ctx, i, ("change_amount",)) for i in _SANGONG_ITEMS]
        if total is None or any(i is None for i in items) or total.base:
            return
        its = [i for i in items if i is not None and not i.base]
        if len(its) != 3 or _signed(total) is None or any(_signed(i) is None for i in its):
            return
        s = sum((_signed(i) or Decimal(0) for i in its), Decimal(0))
        tv = _signed(total) or Decimal(0)
        # 持平 is an exact zero: it adds no rounding
        tol = sum((claim_tol(i) for i in its + [total] if i.direction != "持平"), Decimal(0))
        if abs(s - tv) <= tol:
            return
        yield self.finding(
            f"情况说明称“三公”经费{total.direction} {num(abs(tv))} 万元，而三项增减之和为 {num(s)} 万元"
            f"（{'、'.join(f'{i.subject}{i.direction} {num(wan(i))}' for i in its)}），相差 {num(tv - s)}",
            claims=[total] + its, expected=s, actual=tv, difference=tv - s, page=total.page, line=total.line)


_ONCE = ("机关运行经费", "政府采购支出总额", "车辆总数", "公务用车保有量")


@register
class Repeated(Rule):
    """同一事项在说明中多次给出时数字应相同（机关运行经费、政府采购总额、车辆总数、公务用车保有量）。

    失败示例：前文“机关运行经费 20.04 万元”，后文“机关运行经费支出 20.03 万元”。
    通过示例：两处都写 20.04 万元。
    """

    id = "N-repeated"
    family = "N"
    name = "前后数字一致"

    def check(self, ctx: Context):
        for subject in _ONCE:
            cs = [c for c in ctx.claims_by_subject().get(subject, ()) if c.kind in ("amount", "count")]
            if len(cs) < 2:
                continue
            first = cs[0]
            for c in cs[1:]:
                if c.unit != first.unit:
                    continue
                # the same number printed twice at the same precision must be identical; at
                # different precisions it may differ by the coarser one's rounding
                same = c.value.as_tuple().exponent == first.value.as_tuple().exponent
                tol = Decimal(0) if same or c.kind != "amount" else max(claim_tol(c), claim_tol(first))
                if abs(c.value - first.value) > tol:
                    yield self.finding(
                        f"情况说明前文称{subject} {first.value}{first.unit}（{at(first.page, first.line)}），"
                        f"后文称 {c.value}{c.unit}：同一数字前后不一",
                        claims=[first, c], expected=format(first.value, "f"), actual=format(c.value, "f"),
                        difference=c.value - first.value, page=c.page, line=c.line)
                    break


def _same_name(a: str, b: str) -> bool:
    a, b = _norm_item(a).removesuffix("支出"), _norm_item(b).removesuffix("支出")
    return a == b or a in b or b in a or similar(a, b, 0.75)


def _names(ctx: Context, tid: str, code: str) -> list[str]:
    """A code's names, the one to print first: the catalogue's (a printed label may be a piece
    of a name wrapped in its cell, "体育与传媒支"), then the label as printed."""
    e = catalogue.get(code)
    return [n for n in (*(e.names if e else ()), ctx.label(tid, code)) if n]


@register
class SubjectPath(Rule):
    """说明中写出的“X（类）Y（款）Z（项）”应是其所引数字所在科目的路径：项对上了，类、款也
    应是表中该项的上级科目（“其他…支出（项）”这类各款都有的名称尤其要核对其类、款）。

    失败示例：“一般公共服务支出（类）税收事务（款）行政运行（项）1511.89 万元”，而表中 1511.89 在
    2010601 行政运行，其上级款为 20106 财政事务。
    通过示例：“一般公共服务支出（类）财政事务（款）行政运行（项）”。
    """

    id = "N-subject-path"
    family = "N"
    severity = "warning"
    name = "科目路径"

    def check(self, ctx: Context):
        seen: set[tuple] = set()
        for st in ctx.doc.statements:
            if len(st.path) < 2 or st.cell is None or not st.cell.row.isdigit() or len(st.cell.row) < 5:
                continue
            code, tid = st.cell.row, st.cell.table
            key = (tuple(st.path), code)
            if key in seen:
                continue
            seen.add(key)
            names = [[CLASS_NAME.get(code[:3], "")], _names(ctx, tid, code[:5])]
            wrong = [(i, p, ns[0]) for i, (p, ns) in enumerate(zip(st.path[:2], names, strict=False))
                     if ns and ns[0] and not any(_same_name(p, n) for n in ns)]
            if not wrong:
                continue
            levels = ("类", "款")
            printed = "".join(f"{p}（{lv}）" for p, lv in zip(st.path, ("类", "款", "项"), strict=False))
            should = "".join(f"{ns[0] if ns else ''}（{lv}）" for ns, lv in zip(names, levels, strict=True)) + (
                f"{(_names(ctx, tid, code) or [''])[0]}（项）" if len(code) == 7 else "")
            yield self.finding(
                f"情况说明写“{printed}”，而所引数字在 {TABLES[tid].title} {code} {ctx.label(tid, code)}，其"
                + "、".join(f"{levels[i]}为“{w}”（说明写“{p}”）" for i, p, w in wrong) + f"；应写“{should}”",
                cells=[c for c in [ctx.cell(tid, code, st.cell.column)] if c is not None],
                expected=should, actual=printed, page=st.page, line=st.line)


# a decimal with nothing after it but a pause or the end of the text: where a unit was left out
_UNITLESS_END = r"(?![\d.])\s*(?=[，,。；;、）)]|$)"
MISSING_UNIT = lazy.pattern(
    r"(?P<ctx>占|增加|减少|增长|下降|预算(?:数)?(?:为)?|决算(?:数)?(?:为)?|支出|收入|金额|经费|总计|合计)"
    r"[^，,。；;：:\d]{0,8}?(?<![\d.])(?P<num>\d+\.\d{1,2})" + _UNITLESS_END)
# What MISSING_UNIT cannot match without: a decimal's point and cents before a unitless end. The
# statements' text joined (a line break between two) holds it wherever a statement does ($ at
# each line's end); most narratives hold none. It starts with a literal, so the scan jumps from
# one point to the next, where MISSING_UNIT tries every 支出 and 收入 of every statement.
_MISSING_UNIT_GATE = lazy.pattern(r"\.\d{1,2}" + _UNITLESS_END, re.MULTILINE)


@register
class MissingUnit(Rule):
    """金额、比例后面应写单位：“占 20.51”“增加 2.55，”“决算为 10.00。”漏写了 % 或 万元。全文合并
    为一条，列出各处。

    失败示例：“项目支出 603.14 万元，占 20.51；”。
    通过示例：“项目支出 603.14 万元，占 20.51%；”。
    """

    id = "U-missing-unit"
    family = "U"
    severity = "warning"
    name = "漏写单位"

    def check(self, ctx: Context):
        if _MISSING_UNIT_GATE.search(ctx.statement_text()) is None:
            return
        hits = [(m, st) for st in ctx.doc.statements for m in MISSING_UNIT.finditer(st.text)]
        if not hits:
            return
        shown = "；".join(f"{at(st.page, st.line)}“{m.group(0)}”" for m, st in hits[:6])
        yield self.finding(
            f"情况说明有 {len(hits)} 处数字后漏写单位（% 或 万元）：{shown}{' 等' if len(hits) > 6 else ''}",
            expected="数字后写明单位", actual=f"{len(hits)} 处", page=hits[0][1].page, line=hits[0][1].line)


__all__ = ["BudgetRelation", "RateBase", "TemplateResidue", "ListItems", "Counts", "PartsSum", "Repeated",
           "SubjectPath", "MissingUnit", "residue_hits"]
