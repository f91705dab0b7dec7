"""N — the narrative (情况说明) against the tables and against itself."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from juesuan.extract.status import NO_FIGURES
from juesuan.glossary import SANGONG_TABLE, SHARE_BASES, TABLES
from juesuan.model import Cell, Claim, lines_apart, reading_order
from juesuan.money import q4, tolerance, truncate
from juesuan.rules.base import Context, Rule, half_unit, num, pct, printed_tolerance, register

MONEY_UNITS = {"万元": Decimal(1), "": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}
MONEY_KINDS = ("amount", "budget", "change_amount")
NEAR_LINES = 3

# Wholes a share can be "of", when no narrative amount states them: the section-independent
# ones, plus defaults for names whose cell depends on the section (the claim extractor
# resolves those by section; here the general-budget table is the usual whole).
BASE_CELLS = {
    **SHARE_BASES,
    "本年收入": SHARE_BASES["本年收入合计"],
    "本年支出": SHARE_BASES["本年支出合计"],
    "基本支出": ("T05", "合计", "基本支出"),
    "“三公”经费": SHARE_BASES["三公经费"],
}


def _within_a_line(a: Claim, b: Claim) -> bool:
    apart = lines_apart(a, b)
    return apart is not None and abs(apart) <= 1


def wan(claim: Claim) -> Decimal | None:
    """The claim's value in 万元 (None when it is not money)."""
    f = MONEY_UNITS.get(claim.unit)
    return None if f is None else claim.value * f


def claim_tol(claim: Claim) -> Decimal:
    """Rounding tolerance of a money claim in 万元 (its own printed precision)."""
    f = MONEY_UNITS.get(claim.unit, Decimal(1))
    return tolerance(1, half_unit(claim.value)) * f


def near(ctx: Context, claim: Claim, subject: str, kinds: Iterable[str],
         max_lines: int = NEAR_LINES) -> Claim | None:
    """The claim about ``subject`` of one of ``kinds`` printed closest to ``claim`` (same
    section, within ``max_lines`` lines; before it preferred on ties)."""
    kinds = tuple(kinds)
    best, best_d = None, None
    for c in ctx.claims_by_subject().get(subject, ()):
        if c is claim or c.kind not in kinds:
            continue
        if claim.section and c.section and c.section != claim.section:
            continue
        if claim.line is None or c.line is None:
            d = 0 if claim.section and claim.section == c.section else None
        else:
            apart = lines_apart(claim, c)  # None on another page: page-local lines do not measure
            d = None if apart is None else abs(apart) * 2 + (1 if apart > 0 else 0)
        if d is None or d > max_lines * 2 + 1:
            continue
        if best_d is None or d < best_d:
            best, best_d = c, d
    return best


def trunc_note(claimed: Decimal, computed: Decimal) -> str:
    return "（末位之差系截断而非四舍五入，属尾差）" if truncated(claimed, computed) else ""


def truncated(claimed: Decimal, computed: Decimal) -> bool:
    """True when ``claimed`` is ``computed`` cut (not rounded) at the claimed precision, e.g.
    71.65 for 71.657: a 尾差-level slip, reported as info, not an error."""
    exp = claimed.as_tuple().exponent
    if not isinstance(exp, int):
        return False
    step = Decimal(1).scaleb(exp)
    cut = truncate(abs(computed), step)
    return abs(claimed) == cut or abs(claimed) == cut + step


def linked_money_claims(ctx: Context):
    """Amount and budget claims that name a table cell (the ones a table can confirm)."""
    return (c for c in ctx.doc.claims if c.kind in ("amount", "budget") and c.cell is not None)


class Amount:
    """A money amount with where it came from (a claim or a cell) and its tolerance."""

    def __init__(self, value: Decimal, tol: Decimal, claim: Claim | None = None, cell: Cell | None = None):
        self.value, self.tol, self.claim, self.cell = value, tol, claim, cell


def current_amount(ctx: Context, claim: Claim, subject: str | None = None, *,
                   prefer_claim: bool = True) -> Amount | None:
    subject = subject or claim.subject
    c = near(ctx, claim, subject, ("amount",))
    amt_claim = Amount(wan(c), claim_tol(c), claim=c) if c is not None and wan(c) is not None else None
    if amt_claim is None and subject == claim.subject and ctx.unread_claim(claim):
        return None  # only the cell could say, and its table was not read in full
    cell = ctx.claim_cell(claim) if subject == claim.subject else None
    amt_cell = Amount(cell.value, tolerance(1), cell=cell) if cell is not None else None
    if prefer_claim:
        return amt_claim or amt_cell
    return amt_cell or amt_claim


def base_amount(ctx: Context, claim: Claim) -> Amount | None:
    if not claim.base:
        return None
    c = near(ctx, claim, claim.base, ("amount",), max_lines=12)
    if c is not None and wan(c) is not None:
        return Amount(wan(c), claim_tol(c), claim=c)
    ref = BASE_CELLS.get(claim.base)
    if ref is not None:
        cell = ctx.cell(*ref)
        if cell is not None:
            return Amount(cell.value, tolerance(1), cell=cell)
    return None


def _evidence(*amounts: Amount | None):
    cells = [a.cell for a in amounts if a is not None and a.cell is not None]
    claims = [a.claim for a in amounts if a is not None and a.claim is not None]
    return cells, claims


def _quote(c: Claim) -> str:
    t = (c.text or "").strip().replace("\n", "")
    if len(t) > 60:
        t = t[:60] + "…"
    return f"“{t}”" if t else f"（{c.subject}）"


@register
class ClaimCell(Rule):
    """情况说明中的金额与其对应的表内数相等（尾差以内，按说明数字自身的印刷精度）。

    失败示例：说明称“社会保险经办机构(项)…支出决算为 467.69 万元”，T05 2080109 小计 467.89。
    通过示例：说明称“收入总计 3411.65 万元”，T01 收入总计 3411.65。
    """

    id = "N-claim-cell"
    family = "N"
    name = "说明数 = 表内数"

    def check(self, ctx):
        for claim in linked_money_claims(ctx):
            v = wan(claim)
            if v is None or ctx.unread_claim(claim):
                continue
            cell = ctx.claim_cell(claim)
            if cell is None:
                continue
            tol = claim_tol(claim) + tolerance(1)
            if abs(v - cell.value) <= tol:
                continue
            if claim.unit == "元" and abs(claim.value - cell.value) <= printed_tolerance(claim.value, cell.value):
                continue  # 元 written where 万元 is meant: U-yuan-for-wan reports it
            twin = _same_value_cell(ctx, cell, v, tol)
            hint = (f"；该数与 {ctx.describe(twin.key)} {num(twin.value)} 相同，疑把“{twin.row}”写成了“{claim.subject}”"
                    if twin is not None else "")
            yield self.finding(
                f"情况说明{_quote(claim)}称 {claim.subject} {claim.value}{claim.unit or '万元'}，"
                f"{ctx.describe(cell.key)} 为 {num(cell.value)}，相差 {num(v - cell.value)}{hint}",
                cells=[cell] + ([twin] if twin is not None else []), claims=[claim], expected=cell.value, actual=v,
                difference=v - cell.value, page=claim.page, line=claim.line,
            )


def _same_value_cell(ctx: Context, cell: Cell, value: Decimal, tol: Decimal) -> Cell | None:
    """Another non-code row of the same table and column printing ``value`` (支出总计 stated
    as the figure of 本年支出合计): the narrative named the wrong item. Code rows are left
    out — equal amounts of two classes are a coincidence more often than a mislabel."""
    if value == 0:
        return None
    same = [c for c in ctx.cells(cell.table)
            if c.column == cell.column and c.row != cell.row and not c.row.isdigit() and abs(c.value - value) <= tol]
    # prefer the same side of a two-sided table (支出总计 → 本年支出合计, not 本年收入合计)
    side = "支出" if "支出" in cell.row else "收入" if "收入" in cell.row else ""
    same.sort(key=lambda c: side not in c.row if side else False)
    return same[0] if same else None


@register
class Share(Rule):
    """占比 = 部分 ÷ 整体 × 100%（部分取自同处的金额或链接的表内数，整体取自说明中的金额或表内数）。

    失败示例：“社会保障和就业支出 10855.22 万元，占 97.51%”，整体 一般公共预算财政拨款支出
    11121.20 万元：10855.22 ÷ 11121.20 = 97.61%。
    通过示例：“基本支出 2036.21 万元，占支出总计的 59.68%”，2036.21 ÷ 3411.65 = 59.68%。
    """

    id = "N-share"
    family = "N"
    name = "占比"

    def check(self, ctx):
        for claim in ctx.doc.claims:
            if claim.kind != "share":
                continue
            part = current_amount(ctx, claim)
            base = base_amount(ctx, claim)
            if part is None or base is None or base.value <= 0:
                continue
            computed = part.value / base.value * 100
            tol = (tolerance(1, half_unit(claim.value))
                   + 100 * (part.tol / base.value + abs(part.value) * base.tol / base.value ** 2))
            diff = claim.value - computed
            if abs(diff) <= tol:
                continue
            cells, claims = _evidence(part, base)
            yield self.finding(
                severity="info" if truncated(claim.value, computed) else None,
                message=f"情况说明{_quote(claim)}称 {claim.subject} 占{claim.base} {pct(claim.value)}，"
                f"而 {num(part.value)} ÷ {num(base.value)} = {pct(computed)}，相差 {num(diff)} 个百分点" + trunc_note(claim.value, computed),
                cells=cells, claims=[claim] + claims, expected=q4(computed),
                actual=claim.value, difference=q4(diff), page=claim.page, line=claim.line,
            )


SECTION_LINES = 60


def current_candidates(ctx: Context, claim: Claim) -> list[Amount]:
    """The current-year values a change claim may compare with: the narrative's own amount for
    the subject in the same section (the writer's number) and the linked cell. When the two
    differ, N-claim-cell reports that; a change claim is judged wrong only if it agrees with
    neither: so none at all when the linked cell's table was not read in full
    (``Context.unread_claim``, which coverage counts). The narrative's own current amount (and
    the previous value extraction derived from it) may then be the wrong figure — a total
    printed as 0 makes a right rate look wrong — and only the cell could tell (a reading
    failure must not move the blame)."""
    if ctx.unread_claim(claim):
        return []
    out: list[Amount] = []
    c = near(ctx, claim, claim.subject, ("amount",), SECTION_LINES)
    if c is not None and wan(c) is not None and (c.line is None or claim.line is None
                                                  or reading_order(c) <= reading_order(claim)):
        out.append(Amount(wan(c), claim_tol(c), claim=c))
    cell = ctx.claim_cell(claim)
    if cell is not None:
        out.append(Amount(cell.value, tolerance(1), cell=cell))
    return out


def _change_readings(ctx: Context, claim: Claim):
    """Every reading (change, change_tol, previous, previous_tol, change claim, current) of a
    change claim: one per candidate current value, plus the stated previous value (none when
    the linked cell's table was not read in full: ``current_candidates``)."""
    if ctx.unread_claim(claim):
        return []
    c_amt = claim if claim.kind == "change_amount" else near(ctx, claim, claim.subject, ("change_amount",), 1)
    stated = claim.previous if claim.previous is not None else (c_amt.previous if c_amt else None)
    currents = current_candidates(ctx, claim)
    out = []
    if c_amt is not None and wan(c_amt) is not None:
        change, change_tol = abs(wan(c_amt)), claim_tol(c_amt)
        if stated is not None:
            out.append((change, change_tol, stated, tolerance(1), c_amt, currents[0] if currents else None))
        if c_amt.direction in ("增加", "减少", "持平"):
            sign = {"增加": 1, "减少": -1, "持平": 0}[c_amt.direction]
            for cur in currents:
                out.append((change, change_tol, cur.value - sign * change, cur.tol + change_tol, c_amt, cur))
    elif stated is not None:
        for cur in currents:
            out.append((abs(cur.value - stated), cur.tol + tolerance(1), stated, tolerance(1), None, cur))
    return out


@register
class ChangeRate(Rule):
    """增减率 = 增减额 ÷ 上年数 × 100%（上年数为所述或由 本年数 ∓ 增减额 推得）。

    失败示例：“收入总计 3411.65 万元…增加 181.95 万元，增长 6.63%”：181.95 ÷ 3229.70 = 5.63%。
    通过示例：同句写“增长 5.63%”。
    """

    id = "N-change-rate"
    family = "N"
    name = "增减率"

    def check(self, ctx):
        for claim in ctx.doc.claims:
            if claim.kind != "change_rate":
                continue
            readings = [r for r in _change_readings(ctx, claim) if r[2] > 0]
            if not readings:
                continue
            ok = False
            for change, change_tol, previous, prev_tol, _c_amt, _cur in readings:
                computed = change / previous * 100
                tol = (tolerance(1, half_unit(claim.value))
                       + 100 * (change_tol / previous + change * prev_tol / previous ** 2))
                diff = abs(claim.value) - computed
                if abs(diff) <= tol:
                    ok = True
                    break
            if ok:
                continue
            change, change_tol, previous, prev_tol, c_amt, cur = readings[-1]
            computed = change / previous * 100
            diff = abs(claim.value) - computed
            cells, claims = _evidence(cur)
            if c_amt is not None:
                claims.append(c_amt)
            yield self.finding(
                severity="info" if truncated(claim.value, computed) else None,
                message=f"情况说明{_quote(claim)}称 {claim.subject} 增减 {pct(abs(claim.value))}，而增减额 {num(change)} ÷ "
                f"上年数 {num(previous)} = {pct(computed)}，相差 {num(diff)} 个百分点" + trunc_note(claim.value, computed),
                cells=cells, claims=[claim] + claims, expected=q4(computed),
                actual=claim.value, difference=q4(diff), page=claim.page, line=claim.line,
            )


@register
class ChangeAmount(Rule):
    """增减额 = 本年数 − 上年数（说明同时给出上年数时）。

    失败示例：本年 3411.65，上年 3229.70，说明却称“增加 191.95 万元”。
    通过示例：“增加 181.95 万元”。
    """

    id = "N-change-amount"
    family = "N"
    name = "增减额"

    def check(self, ctx):
        for claim in ctx.doc.claims:
            if claim.kind != "change_amount" or claim.previous is None or wan(claim) is None:
                continue
            currents = current_candidates(ctx, claim)
            if not currents or any(
                abs(abs(wan(claim)) - abs(c.value - claim.previous)) <= claim_tol(claim) + c.tol + tolerance(1)
                for c in currents
            ):
                continue
            cur = currents[-1]
            computed = abs(cur.value - claim.previous)
            diff = abs(wan(claim)) - computed
            cells, claims = _evidence(cur)
            yield self.finding(
                f"情况说明{_quote(claim)}称 {claim.subject} 增减 {num(abs(wan(claim)))} 万元，而本年 {num(cur.value)} − "
                f"上年 {num(claim.previous)} = {num(cur.value - claim.previous)}",
                cells=cells, claims=[claim] + claims, expected=computed, actual=abs(wan(claim)), difference=diff,
                page=claim.page, line=claim.line,
            )


@register
class Completion(Rule):
    """完成预算 % = 决算数 ÷ 预算数 × 100%。

    失败示例：“年初预算为 500 万元，支出决算为 467.89 万元，完成年初预算的 95.58%”：
    467.89 ÷ 500 = 93.58%。
    通过示例：同句写“93.58%”。
    """

    id = "N-completion"
    family = "N"
    name = "预算完成率"

    def check(self, ctx):
        for claim in ctx.doc.claims:
            if claim.kind != "completion":
                continue
            budget_c = near(ctx, claim, claim.subject, ("budget",))
            if budget_c is None or wan(budget_c) is None or wan(budget_c) <= 0:
                continue
            final = current_amount(ctx, claim)
            if final is None:
                continue
            b = wan(budget_c)
            computed = final.value / b * 100
            tol = tolerance(1, half_unit(claim.value)) + 100 * (final.tol / b + abs(final.value) * claim_tol(budget_c) / b ** 2)
            diff = claim.value - computed
            if abs(diff) <= tol:
                continue
            cells, claims = _evidence(final)
            yield self.finding(
                severity="info" if truncated(claim.value, computed) else None,
                message=f"情况说明{_quote(claim)}称 {claim.subject} 完成预算的 {pct(claim.value)}，而决算 {num(final.value)} ÷ "
                f"预算 {num(b)} = {pct(computed)}，相差 {num(diff)} 个百分点" + trunc_note(claim.value, computed),
                cells=cells, claims=[claim, budget_c] + claims, expected=q4(computed),
                actual=claim.value, difference=q4(diff), page=claim.page, line=claim.line,
            )


@register
class Direction(Rule):
    """增减用词与符号一致：本年数大于上年数说“增加/增长”，小于说“减少/下降”；同一事项的增减额与
    增减率用词一致。

    失败示例：本年 3411.65，上年 3229.70，说明却称“减少 181.95 万元”；或“增加 181.95 万元，
    下降 5.63%”。
    通过示例：“增加 181.95 万元，增长 5.63%”。
    """

    id = "N-direction"
    family = "N"
    name = "增减方向"

    def check(self, ctx):
        for claim in ctx.doc.claims:
            if claim.kind not in ("change_amount", "change_rate") or claim.direction not in ("增加", "减少"):
                continue
            if claim.value < 0:
                yield self.finding(
                    f"情况说明{_quote(claim)}用“{claim.direction}”却写负数 {claim.value}",
                    claims=[claim], expected=claim.direction, actual=format(claim.value, "f"),
                    page=claim.page, line=claim.line)
                continue
            if claim.kind == "change_rate":
                twin = near(ctx, claim, claim.subject, ("change_amount",), 0)
                if twin is not None and twin.direction in ("增加", "减少") and twin.direction != claim.direction:
                    yield self.finding(
                        f"情况说明对 {claim.subject} 的增减额说“{twin.direction}”，增减率却说“{claim.direction}”",
                        claims=[twin, claim], expected=twin.direction, actual=claim.direction,
                        page=claim.page, line=claim.line)
                    continue
            if claim.previous is None:
                continue
            currents = current_candidates(ctx, claim)
            if not currents:
                continue
            if any(abs(c.value - claim.previous) <= c.tol + tolerance(1)
                   or ("增加" if c.value > claim.previous else "减少") == claim.direction for c in currents):
                continue
            cur = currents[-1]
            delta = cur.value - claim.previous
            actual_dir = "增加" if delta > 0 else "减少"
            cells, claims = _evidence(cur)
            yield self.finding(
                f"情况说明{_quote(claim)}称 {claim.subject}“{claim.direction}”，而本年 {num(cur.value)} − 上年 "
                f"{num(claim.previous)} = {num(delta)}，应为“{actual_dir}”",
                cells=cells, claims=[claim] + claims, expected=actual_dir, actual=claim.direction,
                difference=delta, page=claim.page, line=claim.line)


@register
class Flat(Rule):
    """“持平”意味着增减为零。

    失败示例：“与上年持平”，同时写增减额 0.05 万元；或本年 0.27、上年 0.22 却称持平；或同一句
    “比上年减少 5.00 万元……与上年持平”。
    通过示例：“因公出国（境）费与上年持平”，增减 0.00。
    """

    id = "N-flat"
    family = "N"
    name = "持平"

    def check(self, ctx):
        for claim in ctx.doc.claims:
            if claim.direction != "持平" or claim.kind not in ("change_amount", "change_rate"):
                continue
            if claim.value != 0:
                yield self.finding(
                    f"情况说明{_quote(claim)}称 {claim.subject} 持平，却写增减 {claim.value}{claim.unit}",
                    claims=[claim], expected="0", actual=format(claim.value, "f"), difference=claim.value,
                    page=claim.page, line=claim.line)
                continue
            other = self._contradiction(ctx, claim)
            if other is not None:
                yield self.finding(
                    f"情况说明对 {claim.subject} 既说{other.direction} {other.value}{other.unit}（{_quote(other)}），又说持平"
                    f"（{_quote(claim)}）：自相矛盾", claims=[other, claim], expected=other.direction, actual="持平",
                    difference=other.value, page=claim.page, line=claim.line)
                continue
            if claim.previous is None:
                continue
            currents = current_candidates(ctx, claim)
            if not currents or any(abs(c.value - claim.previous) <= c.tol + tolerance(1) for c in currents):
                continue
            cur = currents[-1]
            delta = cur.value - claim.previous
            cells, claims = _evidence(cur)
            yield self.finding(
                f"情况说明{_quote(claim)}称 {claim.subject} 持平，而本年 {num(cur.value)}、上年 {num(claim.previous)}，"
                f"相差 {num(delta)}",
                cells=cells, claims=[claim] + claims, expected="0", actual=delta, difference=delta,
                page=claim.page, line=claim.line)

    @staticmethod
    def _contradiction(ctx, claim: Claim) -> Claim | None:
        """A non-zero 增加/减少 of the same subject, against the same base (year or budget), in
        the same sentence or the next line: '减少 5.00 万元…持平'."""
        for c in ctx.claims_by_subject().get(claim.subject, ()):
            if (c is not claim and c.kind == claim.kind and c.direction in ("增加", "减少") and c.value != 0
                    and c.section == claim.section and c.base == claim.base
                    and _within_a_line(claim, c)):
                return c
        return None



def _strip_item(subject: str) -> str:
    s = subject.strip()
    for suffix in ("项目", "经费", "支出"):
        if s.endswith(suffix) and len(s) > len(suffix) + 2:
            s = s[: -len(suffix)]
    return s


@register
class NamedItem(Rule):
    """说明中未链接到表格的金额，若其事项名称（去掉“项目”“经费”等后缀）恰与
    一般公共预算财政拨款支出决算表某个款/项科目名称相同，应与该科目的 小计 相等。项目与
    科目未必一一对应，故为 warning。

    失败示例：“项目支出主要用于社会保险经办机构项目 467.69 万元”，T05 2080109 社会保险经办机构
    小计 467.89。
    通过示例：同句写 467.89 万元；或名称对不上任何科目（不检查）。
    """

    id = "N-named-item"
    family = "N"
    severity = "warning"
    name = "按名称对应的科目金额"

    def check(self, ctx):
        for tid, col in (("T05", "小计"), ("T03", "本年支出合计")):  # noqa: B007 - col is used after the loop
            if ctx.usable(tid):
                break
        else:
            return
        t = ctx.doc.tables[tid]
        by_name: dict[str, list[str]] = {}
        for code, name in t.row_labels.items():
            if code.isdigit() and len(code) in (5, 7):
                by_name.setdefault(name.strip(), []).append(code)
        for claim in ctx.doc.claims:
            if claim.kind != "amount" or claim.cell is not None or wan(claim) is None:
                continue
            codes = by_name.get(_strip_item(claim.subject)) or by_name.get(claim.subject.strip())
            if not codes or len(codes) != 1:
                continue
            cell = ctx.cell(tid, codes[0], col)
            if cell is None:
                continue
            v = wan(claim)
            if abs(v - cell.value) <= claim_tol(claim) + tolerance(1):
                continue
            yield self.finding(
                f"情况说明{_quote(claim)}称 {claim.subject} {claim.value}{claim.unit or '万元'}，"
                f"同名科目 {ctx.describe(cell.key)} 为 {num(cell.value)}，相差 {num(v - cell.value)}",
                cells=[cell], claims=[claim], expected=cell.value, actual=v, difference=v - cell.value,
                page=claim.page, line=claim.line,
            )


@register
class ClaimBlank(Rule):
    """情况说明给出的非零金额，其对应的表内格子不应为空：表已印出（且未声明无数据），该行或该表
    其余各格有数，唯独这一格空白。

    表中没有印出任何数值（空白表，或未能读取）时为 warning，并注明提取存疑；表中印有数值而未能读取时不核对。

    失败示例：说明称“三公经费 年初预算为 0.95 万元”，“三公”经费支出决算表已印出，预算数 合计 为空。
    通过示例：表中预算数 合计 印 0.95；或说明称 0.00 万元而表中为空（空即零）。
    """

    id = "N-claim-blank"
    family = "N"
    name = "说明有数、表中为空"

    def check(self, ctx):
        for claim in linked_money_claims(ctx):
            v = wan(claim)
            if v is None or abs(v) <= claim_tol(claim) or ctx.claim_cell(claim) is not None:
                continue
            ref = claim.cell
            t = ctx.doc.tables.get(ref.table)
            if t is None or not t.present or t.declared_empty:
                continue
            where = ctx.describe((ref.table, ref.row, ref.column))
            status = getattr(t, "status", "read")
            # (a table the reader saw figures in and could not place — printed column by
            # column, or beside expenses it cannot tell apart — is known not read: not checked,
            # like any unread table; only one with no figure printed may be blank in print)
            if status == "unreadable" and not t.cells and t.status_reason == NO_FIGURES:
                # a table located but with no figure at all: either printed blank (a defect of
                # the document) or not readable (ours) — we cannot tell, so say both, as a warning
                yield self.finding(
                    f"情况说明{_quote(claim)}称 {claim.subject} {claim.value}{claim.unit or '万元'}，而{TABLES[ref.table].title}"
                    f"中没有读到任何数值（{where} 为空）：若表确为空白，应按说明填列 {claim.value}；若是扫描或排版导致"
                    f"未能读取，请对照原件", severity="warning", claims=[claim], expected=format(v, "f"),
                    actual="（空）", difference=v, page=claim.page, line=claim.line, uncertain=True)
                continue
            if ctx.unread_claim(claim):
                continue
            # the row must be printed: a code row has a label; T09's rows are fixed
            if ref.table != SANGONG_TABLE and ref.row not in t.row_labels and not any(c.row == ref.row for c in t.cells):
                continue
            yield self.finding(
                f"情况说明{_quote(claim)}称 {claim.subject} {claim.value}{claim.unit or '万元'}，而 {where} 为空"
                f"（表已印出）：表与说明应一致，应在表中填列 {claim.value}",
                claims=[claim], expected=format(v, "f"), actual="（空）", difference=v,
                page=claim.page, line=claim.line,
            )
