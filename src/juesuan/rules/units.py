"""U — units and form: unit stated, 元 for 万元, list numbering, shares summing to 100%,
negative amounts, years, placeholder names."""

from __future__ import annotations

from decimal import Decimal

from juesuan import lazy
from juesuan.glossary import TABLES
from juesuan.model import lines_apart, reading_order
from juesuan.money import tolerance
from juesuan.rules.base import Rule, half_unit, num, pct, printed_tolerance, register
from juesuan.rules.narrative import _quote, base_amount, current_amount
from juesuan.textnorm import item_marker

HUNDRED = Decimal(100)


@register
class UnitStated(Rule):
    """金额单位应标明（万元或元）。

    失败示例：表头没有“金额单位：万元”，全文也未说明单位。
    通过示例：表头印有“金额单位：万元”（Metadata.unit_stated 或 Table.unit）。
    """

    id = "U-unit-stated"
    family = "U"
    severity = "warning"
    name = "金额单位"

    def check(self, ctx):
        doc = ctx.doc
        if doc.meta.unit_stated:
            return
        printed = [t for t in doc.tables.values() if t.present and t.cells]
        if not printed:
            return
        if any(t.unit for t in printed):
            missing = [t for t in printed if not t.unit]
            for t in missing:
                yield self.finding(f"{TABLES[t.id].title}（{t.id}）未标明金额单位",
                                   page=t.page, line=t.line, expected="万元", actual="absent")
            return
        yield self.finding("文档各表均未标明金额单位（万元/元）", expected="万元", actual="absent")


AGGREGATE_WORDS = ("预算", "支出", "收入", "资金", "经费", "拨款")
# Below this a 元 amount is checked only against the tables' figures (a two-decimal amount
# equal to a printed 万元 figure is that figure with the wrong unit); the magnitude test
# needs 100 元 or more.
SMALL_YUAN = Decimal(10)


@register
class YuanForWan(Rule):
    """以“元”为单位的金额，其数值只有按“万元”理解才说得通（如与表内某个万元数相同，或部门级
    支出只有几千元而表中总额为数千万元）。

    失败示例：“涉及一般公共预算支出 2176.23 元”，而该部门支出总计 3411.65 万元。
    通过示例：“涉及一般公共预算支出 2176.23 万元”。
    数值与表内数相同时为 error，仅量级可疑时为 warning。
    """

    id = "U-yuan-for-wan"
    family = "U"
    severity = "warning"
    name = "元/万元"

    def check(self, ctx):
        doc = ctx.doc
        if doc.meta.unit == "元":
            return
        scale = None
        for ref in (("T01", "收入总计", "金额"), ("T01", "支出总计", "金额"), ("T04", "收入总计", "金额")):
            c = ctx.cell(*ref)
            if c is not None and c.value > 0:
                scale = c.value
                break
        by_value: dict[Decimal, list] | None = None  # (indexed at the first 元 amount: most narratives have none)
        for claim in doc.claims:
            if claim.unit != "元" or claim.kind not in ("amount", "budget", "change_amount") or claim.value < SMALL_YUAN:
                continue
            if by_value is None:
                by_value = {}
                for c in doc.all_cells():
                    if c.value >= 1:
                        by_value.setdefault(c.value, []).append(c)
            linked = ctx.claim_cell(claim)
            same = [linked] if linked is not None and abs(linked.value - claim.value) <= printed_tolerance(
                claim.value, linked.value) else by_value.get(claim.value, [])
            if same:
                cell = same[0]
                yield self.finding(
                    f"情况说明{_quote(claim)}写 {claim.value} 元，与 {ctx.describe(cell.key)} {num(cell.value)} 万元"
                    f"数值相同，应为 {claim.value} 万元",
                    severity="error", cells=[cell], claims=[claim], expected=f"{claim.value} 万元",
                    actual=f"{claim.value} 元", page=claim.page, line=claim.line)
                continue
            # (a small 元 amount that matches no table figure may well be 元)
            found = self._too_small(claim, scale) if claim.value >= 100 else None
            if found is not None:
                yield found
            elif linked is None:
                # passed without the one comparison that could clear it, with its own cell,
                # when that cell's table was not read in full: "not checked", not "passed"
                ctx.unread_claim(claim)

    def _too_small(self, claim, scale):
        """A finding when a 元 amount of an aggregate (预算, 支出 …) is implausibly small beside
        the department's totals (``scale``, 万元) — read as 万元 it would fit."""
        if scale is None or not any(w in claim.subject + claim.text for w in AGGREGATE_WORDS):
            return None
        as_wan = claim.value / 10000
        if claim.value <= scale * Decimal("1.5") and as_wan < scale / 10000:
            return self.finding(
                f"情况说明{_quote(claim)}写 {claim.value} 元（{as_wan.normalize():f} 万元），"
                f"与本部门收支总计 {num(scale)} 万元相比小得不合常理，疑为 {claim.value} 万元",
                claims=[claim], expected=f"{claim.value} 万元", actual=f"{claim.value} 元",
                page=claim.page, line=claim.line)
        return None


@register
class Numbering(Rule):
    """列表编号不应重复或跳号（1、2、3…；（一）（二）…）。编号取自说明各条的开头（说明数字所在
    的句子；章节列表未必完整，故不用章节标题）。

    失败示例：“1. … 2. … 3. … 5. … 6. …”（缺 4）；或两个“（三）”。
    通过示例：1、2、3、4、5 连续。
    """

    id = "U-numbering"
    family = "U"
    severity = "warning"
    name = "列表编号"

    def check(self, ctx):
        items: dict[tuple, list] = {}
        seen_lines: set = set()
        item_texts: dict[tuple, list[str]] = {}
        for c in ctx.doc.claims:
            # a PDF numbers lines per page: a place is (page, line)
            if c.line is None or (c.section, c.page, c.line) in seen_lines:
                continue
            m = item_marker(c.text)
            if not m:
                continue
            # one list item may carry several claims (on several lines), their texts spans of
            # the same item: one a prefix of the other. Count it once.
            text = (c.text or "").strip()
            seen_texts = item_texts.setdefault((c.section, m), [])
            if any(text.startswith(t) or t.startswith(text) for t in seen_texts):
                continue
            seen_texts.append(text)
            seen_lines.add((c.section, c.page, c.line))
            items.setdefault(("claim", c.section, m[0]), []).append((c.line, m[1], c.text, c.page, c))
        for _key, lst in items.items():
            lst.sort(key=lambda x: reading_order(x[4]))
            prev = None
            for k, it in enumerate(lst):
                line, n, text, page, claim = it
                # the numbers printed beside this step: a swapped pair (2 before 1, 8 before 7)
                near = {x[1] for x in lst[max(0, k - 2):k + 2]}
                if prev is not None and n != 1:
                    pn = prev[1]
                    msg = None
                    if n == pn:
                        msg = f"编号“{n}”重复"
                    elif pn + 1 in near:
                        # the number "missing" here is printed next to it: the text came in
                        # another order than the page's (a PDF tool that emits text in drawing
                        # order: 2、 before 1、), not a skip
                        pass
                    elif n == pn + 2:
                        msg = f"编号由 {pn} 跳到 {n}，缺 {pn + 1}"
                    elif pn + 2 < n <= pn + 4:
                        msg = f"编号由 {pn} 跳到 {n}，缺 {pn + 1}–{n - 1}"
                    if msg:
                        t = text.strip().replace("\n", "")[:40]
                        yield self.finding(f"{msg}：“{t}”", claims=[claim] if claim else [],
                                           expected=str(pn + 1), actual=str(n), page=page, line=line)
                prev = it


@register
class SharesSum(Rule):
    """同一整体的各部分占比（并列列出、各部分金额之和等于整体）之和应为 100%，允许每项 0.005 个
    百分点的四舍五入尾差（因四舍五入可能存在尾差）。

    失败示例：一般公共预算财政拨款支出 11121.20 万元 = 10855.22 + 114.20 + 151.78，占比
    97.51% + 1.03% + 1.36% = 99.90%。
    通过示例：基本支出 59.68% + 项目支出 40.32% = 100.00%。
    """

    id = "U-shares-sum"
    family = "U"
    severity = "warning"
    name = "占比之和 100%"

    def check(self, ctx):
        groups: dict[tuple, list] = {}
        for c in ctx.doc.claims:
            if c.kind == "share" and c.base:
                groups.setdefault((c.section, c.base), []).append(c)
        for (_, base), claims in groups.items():
            claims.sort(key=reading_order)
            run: list = []
            for c in claims + [None]:
                gap = lines_apart(run[-1], c) if run and c is not None else None
                if c is not None and (not run or c.line is None or run[-1].line is None
                                      or (gap is not None and gap <= 8)):
                    run.append(c)
                    continue
                f = self._check_run(ctx, base, run)
                if f is not None:
                    yield f
                run = [c] if c is not None else []

    def _check_run(self, ctx, base, run):
        subjects = {c.subject for c in run}
        if len(run) < 2 or len(subjects) != len(run):
            return None
        total = sum((c.value for c in run), Decimal(0))
        if total == 0:
            return None  # a whole of zero (e.g. no “三公” spending): nothing to add up
        tol = sum((tolerance(1, half_unit(c.value)) for c in run), Decimal(0))
        if abs(total - HUNDRED) <= tol:
            return None
        whole = False
        parts = [current_amount(ctx, c) for c in run]
        b = base_amount(ctx, run[0])
        if b is not None and all(p is not None for p in parts):
            s = sum((p.value for p in parts), Decimal(0))
            whole = abs(s - b.value) <= sum((p.tol for p in parts), b.tol)
        elif Decimal(95) <= total <= Decimal(105):
            whole = True
        if not whole:
            return None
        listed = " + ".join(f"{c.subject} {pct(c.value)}" for c in run)
        first = run[0]
        return self.finding(
            f"占{base}的各项 {listed} = {pct(total)} ≠ 100%（四舍五入尾差容许 {format(tol, 'f')} 个百分点）",
            claims=run, expected="100", actual=format(total, "f"), difference=format(total - HUNDRED, "f"),
            page=first.page, line=first.line)


@register
class Negative(Rule):
    """表内金额一般不应为负数（结余分配等个别项目除外，故为 warning）。

    失败示例：T05 2080199 项目支出 -12.00。
    通过示例：所有金额 ≥ 0。
    """

    id = "U-negative"
    family = "U"
    severity = "warning"
    name = "负数"

    ALLOWED_ROWS = ("结余分配",)

    def check(self, ctx):
        for c in ctx.doc.all_cells():
            if c.value < 0 and c.row not in self.ALLOWED_ROWS:
                yield self.finding(f"{ctx.describe(c.key)} 为负数 {num(c.value)}", cells=[c],
                                   expected=">= 0", actual=c.value)


@register
class Year(Rule):
    """说明中的年度应是决算年度或上年（与上年比较时）；章节和表的标题中“XXXX 年度”应是决算年度；
    资产等存量“截至 XXXX 年 12 月 31 日”应是决算年度末；“与 XXXX 年度相比”应是上年。标题和截至
    日期写错为 error，比较年度写错为 warning。

    失败示例：2024 年度决算的说明写“2022 年度一般公共预算财政拨款支出…”；或表部分标题写
    “2024 年度部门决算表”而决算年度为 2023；或“截至 2023 年 12 月 31 日，共有车辆 0 辆”。
    通过示例：说明只出现 2024 与 2023 年，标题都是 2024 年度。
    """

    id = "U-year"
    family = "U"
    severity = "warning"
    name = "年度"

    def check(self, ctx):
        year = ctx.doc.meta.year
        if year is None:
            return
        for where, title, page, line in _titles(ctx):
            for m in YEAR_IN_TITLE.finditer(title):
                y = int(m.group(1))
                if y != year:
                    yield self.finding(f"{where}“{title}”写 {y} 年度，与决算年度 {year} 年不符，应为 {year} 年度",
                                       severity="error", expected=str(year), actual=str(y), page=page, line=line)
        for c in ctx.doc.claims:
            if c.year is not None and c.year not in (year, year - 1):
                yield self.finding(
                    f"情况说明{_quote(c)}所述年度为 {c.year} 年，与决算年度 {year} 年不符",
                    claims=[c], expected=str(year), actual=str(c.year), page=c.page, line=c.line)
        yield from self._statements(ctx, year)

    def _statements(self, ctx, year: int):
        """The narrative's own dates: a stock date (截至 … 12 月 31 日) is the end of the
        accounts year — an error when it is not; the year a figure is compared with
        (与 YYYY 年度相比) must be the year before — a warning otherwise."""
        # Most narratives print neither, and the others in a statement or two: only those are
        # scanned (Context.statements_matching; neither pattern has an anchor or a look-around).
        stock = set(ctx.statements_matching(STOCK_DATE))
        compared = set(ctx.statements_matching(COMPARED_YEAR))
        statements = ctx.doc.statements
        for i in sorted(stock | compared):
            st = statements[i]
            for m in STOCK_DATE.finditer(st.text) if i in stock else ():
                y = int(m.group(1))
                if y != year:
                    yield self.finding(
                        f"情况说明“{m.group(0)}”（{st.section}）写 {y} 年，资产等存量应截至决算年度末 {year} 年 12 月 31 日",
                        severity="error", expected=f"{year}年12月31日", actual=m.group(0), page=st.page, line=st.line)
            for m in COMPARED_YEAR.finditer(st.text) if i in compared else ():
                y = int(m.group(1))
                if y != year - 1:
                    yield self.finding(
                        f"情况说明“{st.text[:50]}”与 {y} 年度比较，而决算年度 {year} 应与上年 {year - 1} 年度比较",
                        expected=str(year - 1), actual=str(y), page=st.page, line=st.line)


YEAR_IN_TITLE = lazy.pattern(r"(20\d\d)\s*年度")
STOCK_DATE = lazy.pattern(r"截[至止]\s*(20\d\d)\s*年\s*(?:12\s*月\s*31\s*日|年末|底)")
# 'compared with YYYY': the year-on-year base, which is always the year before
COMPARED_YEAR = lazy.pattern(r"(?:与|比|较)\s*(20\d\d)\s*年度?\s*(?:相比|决算|同期|增加|减少|增长|下降|持平)")


def _titles(ctx):
    for sec in ctx.doc.sections:
        if sec.kind != "toc":
            yield "章节标题", sec.title, sec.page, sec.line
    for tid, t in ctx.doc.tables.items():
        if t.title:
            yield f"{TABLES[tid].title}标题", t.title, t.page, t.line


PLACEHOLDER = lazy.pattern(r"(XX|xx|ＸＸ|××|\*\*|＊＊|某某|○○|〇〇|（单位名称）|\(单位名称\))")


@register
class Placeholder(Rule):
    """部门名称（及章节、表的标题）不应含占位符（XX 单位、某某局、××部门）。

    失败示例：部门：XX区财政局；或标题“第二部分 上海市普陀区XX局 2024 年度部门决算表”。
    通过示例：部门：上海市普陀区财政局。
    """

    id = "U-placeholder"
    family = "U"
    severity = "error"
    name = "占位符"

    def check(self, ctx):
        dep = ctx.doc.meta.department
        if dep and PLACEHOLDER.search(dep):
            yield self.finding(f"部门名称“{dep}”含占位符", expected="部门全称", actual=dep)
        for where, title, page, line in _titles(ctx):
            if PLACEHOLDER.search(title):
                yield self.finding(f"{where}“{title}”含占位符", expected=dep or "部门全称", actual=title,
                                   page=page, line=line)
