"""P — the 预算绩效 narrative against the attachments and the tables: per-project figures,
counts of projects evaluated, score ranges and averages, funds covered, the 整体 table's funds
against T01/T03/T05, years, and "no problems" said of a project the numbers show went badly."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from juesuan import lazy
from juesuan.model import Disclosure, PerformanceItem, Statement
from juesuan.money import ZERO, q4
from juesuan.rules.base import Rule, num, pct, register
from juesuan.rules.memo import memoized
from juesuan.rules.performance.common import (
    GRADE_WORDS,
    HUNDRED,
    LOW,
    at,
    attachments,
    cent_t,
    cent_t_sum,
    figure,
    grade_floor,
    grade_of,
    indicator_finding,
    item_finding,
    kind_of,
    one_practice,
    rate_as_percent,
    ratio_tolerance,
    t,
    with_cells,
)

ABBREVIATIONS = (("社保", "社会保险"), ("人社", "人力资源和社会保障"))


_KEY_NOISE = lazy.pattern(r"[\s“”\"'‘’《》「」（）()、，,:：]")
_KEY_TAIL = lazy.pattern(r"(项目|经费|资金)+$")


def _key(name: str) -> str:
    k = _KEY_NOISE.sub("", name or "")
    for short, full in ABBREVIATIONS:
        k = k.replace(short, full)
    return _KEY_TAIL.sub("", k)


def match_attachment(name: str, attached: dict) -> PerformanceItem | None:
    """The attachment item for a narrative item: same name after normalisation (abbreviations
    expanded, 项目/经费 dropped), else the one whose name contains or is contained in it."""
    k = _key(name)
    if not k:
        return None
    if k in attached:
        return attached[k]
    hits = [a for ak, a in attached.items() if len(ak) >= 4 and len(k) >= 4 and (ak in k or k in ak)]
    return hits[0] if len(hits) == 1 else None


def _attached_by_key(doc: Disclosure) -> dict[str, PerformanceItem]:
    """The attachment items by their names' keys (three rules ask: once per audit, rules.memo;
    the dict is shared: read it, do not change it)."""
    return memoized("attached_by_key", doc, lambda d: _by_key(d.performance))


def _by_key(items: list[PerformanceItem]) -> dict[str, PerformanceItem]:
    out: dict[str, PerformanceItem] = {}
    for p in attachments(items):
        out.setdefault(_key(p.name), p)
    return out


@register
class NarrativeMatchesAttachment(Rule):
    """情况说明中的项目绩效数字应与附件自评表一致（预算数、执行数、执行率、总分）。

    失败示例：情况说明称“项目自评得分 95 分”，附件自评表总分 97.50。
    通过示例：两处都是 97.50。
    """

    id = "P-narrative-attachment"
    name = "说明与附件一致"
    FIELDS = (("budget", "预算数", "全年预算数"), ("executed", "执行数", "全年执行数"), ("rate", "执行率", "执行率"),
              ("total_score", "自评总分", "总分"))

    def check(self, ctx):
        att = _attached_by_key(ctx.doc)
        for p in ctx.doc.performance:
            if p.source != "narrative":
                continue
            a = match_attachment(p.name, att)
            if a is None:
                continue
            for field, label, column in self.FIELDS:
                nv, av = getattr(p, field), getattr(a, field)
                if nv is None or av is None:
                    continue
                if abs(nv - av) > t(nv) + t(av):
                    yield item_finding(self, p, f"{label} {nv} 与附件自评表“{a.name}”{at(a)} {av} 不一致",
                                       expected=av, actual=nv, difference=nv - av, uncertain=a.uncertain,
                                       figures=[figure(a, column)])


# ---------------------------------------------------------------------------------------
# The narrative's statements about the evaluation as a whole.

_OTHER_EVALUATION = lazy.pattern(r"部门评价|重点评价|再评价|抽取|抽查|第三方")
_PROJECT_COUNT = (lazy.pattern(r"(?:共涉及|共计|共有|共)\s*(?:预算支出|一级|支出)?\s*项目\s*(?:共计)?\s*(\d+)\s*个"),
                  lazy.pattern(r"项目\s*共(?:计|有)?\s*(\d+)\s*个"),
                  lazy.pattern(r"自评的[^。；，,]{0,12}项目\s*(\d+)\s*个"),
                  lazy.pattern(r"(?:共涉及|共计|共|等)\s*(\d+)\s*个\s*(?:一级|预算支出|支出)?\s*项目"))
_OVERALL_COUNT = lazy.pattern(r"对\s*(\d+)\s*个\s*(?:单位|部门)[^。；]{0,12}整体")
# the funds the evaluation covered: '涉及（预算）资金 X 万元', or '共涉及项目 9 个，资金 X 万元'
_AMOUNT = lazy.pattern(r"(?:涉及[^。；\d]{0,12}?|个\s*[，,、]\s*)(?:资金|支出)(?:总额)?\s*(\d+(?:\.\d+)?)\s*万元")
_SHARE = lazy.pattern(r"占([^。；，,]{0,16}项目支出[^。；，,\d]{0,6})(?:的)?\s*(\d+(?:\.\d+)?)\s*%")
_AT_LEAST = lazy.pattern(r"(?:全部|均|都)\s*(?:在|达到|高于|为)?\s*(\d+(?:\.\d+)?)\s*分\s*(?:及|或)?\s*以上")
_ALL_GRADE = lazy.pattern(r"(?:自评|评价)?(?:结果|等级|结论)\s*(?:全部|均|都)\s*为\s*[“\"]?(优秀|优|良好|良)")
_AVERAGE = lazy.pattern(r"平均分[^。；\d]{0,40}?(\d+(?:\.\d+)?)\s*分")


def _perf_statements(ctx) -> list[Statement]:
    """The 预算绩效 statements (six rules go over them: sorted out once per audit, rules.memo;
    the list is shared: read it, do not change it)."""
    return memoized("perf_statements", ctx.doc, lambda d: [s for s in d.statements if s.topic == "预算绩效"])


def _self_evaluation(st: Statement) -> bool:
    return "自评" in st.text and not _OTHER_EVALUATION.search(st.text)


def _first(patterns, text: str) -> re.Match | None:
    hits = [m for p in patterns for m in [p.search(text)] if m]
    return min(hits, key=lambda m: m.start()) if hits else None


def _items_of(items: list[PerformanceItem], kind: str) -> tuple[list[PerformanceItem], list[PerformanceItem]]:
    """The attachment and the narrative items of ``kind``."""
    return ([p for p in items if p.source == "attachment" and kind_of(p) == kind],
            [p for p in items if p.source == "narrative" and kind_of(p) == kind])


class _Scope:
    """What one statement is about: the projects (kind project) or the 整体 evaluations, the
    number it claims, and the items that evidence it (attachments, or the narrative's own
    per-project summaries) — a source counts only when it has as many items as claimed."""

    def __init__(self, ctx, kind: str, claimed: int | None):
        self.kind, self.claimed = kind, claimed
        # (the items of a kind are the same for every statement: sorted out once per audit,
        # rules.memo — several rules make a scope for each self-evaluation statement)
        attached, narrated = memoized(("scope_items", kind), ctx.doc, lambda d: _items_of(d.performance, kind))
        self.attached, self.narrated = list(attached), list(narrated)

    def sources(self) -> list[list[PerformanceItem]]:
        """The evidence with as many items as claimed (attachments first)."""
        return [s for s in (self.attached, self.narrated)
                if s and (self.claimed is None or len(s) == self.claimed)]

    def complete(self) -> list[PerformanceItem] | None:
        found = self.sources()
        return found[0] if found else None

    @property
    def label(self) -> str:
        return "项目" if self.kind == "project" else "整体"


def _scopes(ctx) -> Iterator[tuple[Statement, _Scope, re.Match | None]]:
    """Each self-evaluation statement with what it is about and its count, carrying the count of
    the earlier sentences (the amount and the average often follow in a later one)."""
    # (three rules ask: the statements are read once per audit, rules.memo; each rule gets
    # scopes of its own)
    for st, kind, claimed, m in memoized("scoped_statements", ctx, _scoped_statements):
        yield st, _Scope(ctx, kind, claimed), m


def _scoped_statements(ctx) -> list[tuple[Statement, str, int | None, re.Match | None]]:
    """(statement, kind, count claimed so far, the count's match) of each self-evaluation statement."""
    out = []
    last: dict[str, int] = {}
    for st in _perf_statements(ctx):
        if not _self_evaluation(st):
            continue
        overall = "整体" in st.text
        kind = "overall" if overall else "project"
        m = _OVERALL_COUNT.search(st.text) if overall else _first(_PROJECT_COUNT, st.text)
        if m:
            last[kind] = int(m.group(1))
        out.append((st, kind, last.get(kind), m))
    return out


@register
class NarrativeCount(Rule):
    """情况说明所称开展绩效自评的项目个数（整体自评的单位个数）与附件自评表的张数一致。

    失败示例：说明称“共涉及预算支出项目 14 个”，附件只有 13 张项目绩效自评表。
    通过示例：14 个项目，14 张表。
    """

    id = "P-narrative-count"
    reads_forms = False  # (it counts the forms / reads only the narrative)
    severity = "warning"
    name = "自评项目个数"
    whole_document = True

    def check(self, ctx):
        seen: set[tuple[str, int]] = set()
        for st, scope, m in _scopes(ctx):
            if m is None or not scope.attached or (scope.kind, scope.claimed) in seen:
                continue
            assert scope.claimed is not None
            seen.add((scope.kind, scope.claimed))
            n = len(scope.attached)
            if n == scope.claimed:
                continue
            att = _attached_by_key(ctx.doc)
            missing = [p.name for p in scope.narrated if match_attachment(p.name, att) is None]
            extra = f"；说明逐项列出而附件中没有的：{'、'.join(missing)}" if missing and n < scope.claimed else ""
            yield self.finding(
                f"情况说明“{m.group(0)}”称 {scope.claimed} 个{scope.label}，附件有 {n} 张{scope.label}自评表{extra}",
                expected=str(n), actual=str(scope.claimed), difference=str(scope.claimed - n),
                page=st.page, line=st.line, uncertain=n < scope.claimed and not missing)


_GRADE_COUNT = (lazy.pattern(r"(\d+)\s*个项目\s*(?:自评)?(?:等级|评级|结果|结论)?\s*为\s*[“\"]?(优秀|优|良好|良|不合格|合格|中|差)"),
                lazy.pattern(r"(?:等级|评级|结果|结论)\s*为\s*[“\"]?(优秀|优|良好|良|不合格|合格|中|差)[”\"]?\s*的\s*项目\s*(\d+)\s*个"))


def _grade_counts(text: str) -> dict[str, int]:
    """'19 个项目自评等级为优、2 个项目自评等级为良' → {'优': 19, '良': 2}."""
    out: dict[str, int] = {}
    for m in _GRADE_COUNT[0].finditer(text):
        out[GRADE_WORDS[m.group(2)]] = out.get(GRADE_WORDS[m.group(2)], 0) + int(m.group(1))
    for m in _GRADE_COUNT[1].finditer(text):
        out[GRADE_WORDS[m.group(1)]] = out.get(GRADE_WORDS[m.group(1)], 0) + int(m.group(2))
    return out


@register
class ScoreRange(Rule):
    """情况说明对自评得分的概括与各表总分相符：“全部在 90 分以上”“结果均为优”时没有低于该分数的项目；
    所称平均分等于各项目总分的平均；所称各等级的项目个数（“19 个项目自评等级为优、2 个为良”）与按总分
    定级（90 分以上为优，80—90 良，60—80 中，60 以下差）的个数相等。平均分与等级个数只在表的张数与所称
    项目个数相同时比较。

    失败示例：说明称“自评得分全部在 90 分及以上，自评结果均为优”，附件“就业创业服务补助”总分 88.75。
    通过示例：40 个项目总分都不低于 90。
    """

    id = "P-score-range"
    name = "得分概括"

    def check(self, ctx):
        for st, scope, _ in _scopes(ctx):
            yield from self._floor(st, scope)
            source = scope.complete() if scope.claimed is not None else None
            if not source or any(p.total_score is None for p in source):
                continue
            yield from self._average(st, scope, source)
            yield from self._grades(st, scope, source)

    def _floor(self, st: Statement, scope: _Scope):
        scored = [p for p in scope.attached or scope.narrated if p.total_score is not None]
        # (every wording _AT_LEAST knows holds 以上, and every one _ALL_GRADE knows holds 为 after
        # a 结果, 等级 or 结论: a statement without them is not scanned)
        text = st.text
        floors = [(Decimal(m.group(1)), m.group(0)) for m in _AT_LEAST.finditer(text)] if "以上" in text else []
        if "为" in text and ("结果" in text or "等级" in text or "结论" in text):
            floors += [(grade_floor(GRADE_WORDS[m.group(1)]), m.group(0)) for m in _ALL_GRADE.finditer(text)]
        for floor, said in floors[:1] if scored else []:
            low = [p for p in scored if p.total_score is not None and p.total_score < floor]
            if low:
                names = "、".join(f"“{p.name}”{p.total_score} 分" for p in low[:5])
                more = f"等 {len(low)} 个" if len(low) > 5 else ""
                f = self.finding(f"情况说明称“{said}”，而 {names}{more}低于 {num(floor)} 分",
                                 expected=f"≥ {floor}", actual=min(p.total_score for p in low if p.total_score is not None),
                                 page=st.page, line=st.line, uncertain=any(p.uncertain for p in low))
                yield with_cells(f, [figure(p, "总分") for p in low])

    def _average(self, st: Statement, scope: _Scope, source: list[PerformanceItem]):
        avg = _AVERAGE.search(st.text)
        if avg is None:
            return
        stated = Decimal(avg.group(1))
        scores = [p.total_score for p in source if p.total_score is not None]
        mean = sum(scores, ZERO) / len(scores)
        tol = t(stated) + sum((t(s) for s in scores), ZERO) / len(scores)
        if abs(stated - mean) > tol:
            yield self.finding(f"情况说明称{scope.label}自评平均分 {stated} 分，{len(scores)} 个{scope.label}的总分"
                               f"平均为 {num(mean)} 分", expected=q4(mean), actual=stated,
                               difference=q4(stated - mean), page=st.page, line=st.line)

    def _grades(self, st: Statement, scope: _Scope, source: list[PerformanceItem]):
        stated = _grade_counts(st.text)
        if not stated or (len(stated) > 1 and sum(stated.values()) != len(source)):
            return
        actual = {g: sum(1 for p in source if p.total_score is not None and grade_of(p.total_score) == g)
                  for g in stated}
        wrong = {g: (n, actual[g]) for g, n in stated.items() if n != actual[g]}
        if wrong:
            said = "、".join(f"“{g}”{n} 个" for g, (n, _) in wrong.items())
            found = "、".join(f"“{g}”{a} 个" for g, (_, a) in wrong.items())
            yield self.finding(f"情况说明称等级为{said}，按 {len(source)} 个{scope.label}的总分定级为{found}",
                               expected=found, actual=said, page=st.page, line=st.line)


def _t05_or_t03(ctx, label: str):
    if "一般公共预算" in label or "财政拨款" in label:
        return ctx.cell("T05", "合计", "项目支出")
    return ctx.cell("T03", "合计", "项目支出")


@register
class CoveredFunds(Rule):
    """情况说明所称自评涉及的资金等于各自评表预算数（或执行数）之和；所称“占项目支出总额的 x%”等于该
    金额 ÷ 支出决算表（一般公共预算时为一般公共预算财政拨款支出决算表）项目支出合计。

    失败示例：说明称“共涉及项目 9 个，资金 8985.42 万元，占一般公共预算项目支出总额的 90.00%”，而
    项目支出合计 9421.76 万元（应为 95.37%）。
    通过示例：9 张表执行数之和 8985.42 万元，占 9421.76 万元的 95.37%。
    """

    id = "P-covered-funds"
    severity = "warning"
    name = "自评覆盖资金"
    tables = ("T03", "T05")
    whole_document = True

    def check(self, ctx):
        for st, scope, _ in _scopes(ctx):
            am = _AMOUNT.search(st.text)
            if am is None:
                continue
            stated = Decimal(am.group(1))
            yield from self._sum(scope, st, stated)
            sm = _SHARE.search(st.text, am.end())
            base = _t05_or_t03(ctx, sm.group(1)) if sm else None
            if sm and base is not None and base.value > 0:
                share = Decimal(sm.group(2))
                computed = stated / base.value * HUNDRED
                if abs(share - computed) > t(share) + ratio_tolerance(stated, base.value):
                    yield self.finding(f"情况说明称自评资金 {num(stated)} 万元占{sm.group(1)} {pct(share)}，而 "
                                       f"{num(stated)} ÷ {base.table} 项目支出合计 {num(base.value)} = {pct(computed)}",
                                       cells=[base], expected=q4(computed), actual=share,
                                       difference=q4(share - computed), page=st.page, line=st.line)

    def _sum(self, scope: _Scope, st: Statement, stated: Decimal):
        sources = scope.sources() if scope.claimed is not None else []
        if not sources:
            return
        every = [_sums(s) for s in sources]
        if any(abs(stated - s) <= tol + cent_t(stated) for sums in every for s, tol in sums.values()):
            return  # the attachments or the narrative's own summaries add up to it
        source, sums = sources[0], every[0]
        if not sums:
            return
        shown = "，".join(f"{label}之和 {num(s)}" for label, (s, _) in sums.items())
        first = next(iter(sums.values()))[0]
        yield self.finding(f"情况说明称 {len(source)} 个{scope.label}自评涉及资金 {num(stated)} 万元，而各表{shown} 万元",
                           expected=first, actual=stated, difference=stated - first, page=st.page, line=st.line,
                           uncertain=any(p.uncertain for p in source))


def _sums(source: list[PerformanceItem]) -> dict[str, tuple[Decimal, Decimal]]:
    """Σ 预算数 / 执行数 / 年初预算数 of the items (and its tolerance), where all are printed."""
    sums = {}
    for field, label in (("budget", "预算数"), ("executed", "执行数"), ("initial_budget", "年初预算数")):
        values = [getattr(p, field) for p in source]
        if all(v is not None for v in values):
            sums[label] = (sum(values, ZERO), cent_t_sum(values))
    return sums


_EXPLAINED = lazy.pattern(r"(?:自评表|整体)[^。]{0,40}(?:资金|金额)[^。]{0,20}(?:有出入|不一致|存在差异|有差异|差异)")


_BASIC_GROUPS = (("人员经费", ("T06", "人员经费合计", "决算数")), ("公用经费", ("T06", "公用经费合计", "决算数")))


@register
class OverallFunds(Rule):
    """部门（单位）整体绩效自评表按“基本支出人员经费／公用经费”列出的年度主要任务，执行数之和分别等于
    基本支出决算表人员经费合计、公用经费合计。只有一张整体表时检查；预算绩效说明已解释自评表资金与决算
    “有出入”时不报。（整体表的全年执行数不与决算表合计比较：整体表有的覆盖全部支出，有的只覆盖基本支出
    或一个单位。）

    失败示例：任务“基本支出公用经费（其他/保运转/刚性）”执行数之和 1766.22 万元，基本支出决算表公用经费
    合计 1715.70 万元。
    通过示例：人员经费任务之和 320.50 万元，人员经费合计 320.51 万元（尾差）。
    """

    id = "P-overall-funds"
    severity = "warning"
    name = "整体表资金与决算表"
    tables = ("T06",)

    def check(self, ctx):
        overall = attachments(ctx.doc.performance, "overall")
        if len(overall) != 1 or any(_EXPLAINED.search(st.text) for st in _perf_statements(ctx)):
            return  # several units' tables, or the narrative says why the funds differ
        p = overall[0]
        for group, ref in _BASIC_GROUPS:
            tasks = [k for k in p.tasks if group in k.name and k.executed is not None]
            cell = ctx.cell(*ref)
            if not tasks or cell is None:
                continue
            total = sum((k.executed for k in tasks if k.executed is not None), ZERO)
            tol = cent_t_sum(k.executed for k in tasks) + cent_t(cell.value)
            if abs(total - cell.value) > tol:
                names = "、".join(f"“{k.name}”{num(k.executed)}" for k in tasks)
                yield item_finding(self, p, f"年度主要任务中{group}的执行数之和 {num(total)} 万元（{names}）≠ 基本支出决算表"
                                            f"{ref[1]} {num(cell.value)} 万元", cells=[cell], expected=cell.value,
                                   actual=total, difference=total - cell.value,
                                   figures=[figure(p, "执行数", k) for k in tasks])


_OVERALL_COLUMNS = {"budget": "全年预算数", "executed": "全年执行数", "rate": "执行率", "total_score": "总分"}
_OVERALL_FIGURES = (
    ("budget", "预算数", lazy.pattern(r"预算(?:总额|数)\s*(?:为|是)?\s*(\d+(?:\.\d+)?)\s*万元")),
    ("executed", "执行数", lazy.pattern(r"执行数\s*(?:为|是)?\s*(\d+(?:\.\d+)?)\s*万元")),
    ("rate", "执行率", lazy.pattern(r"执行率[^\d。；]{0,8}(\d+(?:\.\d+)?)\s*%")),
    ("total_score", "自评得分", lazy.pattern(r"(?:得分|结果)\s*(?:为|是)?\s*(\d+(?:\.\d+)?)\s*分")),
)


@register
class NarrativeOverall(Rule):
    """预算绩效说明中关于部门整体支出自评的数字（预算总额、执行数、执行率、自评得分）与附件部门整体绩效
    自评表一致（只有一张整体表时检查）。

    失败示例：说明称“本部门整体支出预算总额为 19923.13 万元……执行率情况为 75%”，整体表执行率 72.00%。
    通过示例：说明与整体表都是 72%。
    """

    id = "P-narrative-overall"
    name = "整体自评说明与附件"

    def check(self, ctx):
        overall = attachments(ctx.doc.performance, "overall")
        if len(overall) != 1:
            return
        a = overall[0]
        for st in _perf_statements(ctx):
            if "整体" not in st.text:
                continue
            for field, label, pattern in _OVERALL_FIGURES:
                m, av = pattern.search(st.text), getattr(a, field)
                if m is None or av is None:
                    continue
                said = Decimal(m.group(1))
                if field == "rate":
                    av, tol = rate_as_percent(av, a.executed / a.budget * HUNDRED if a.budget and a.executed else None)
                    tol += t(said)
                elif field == "total_score":
                    tol = t(said) + t(av)
                else:
                    tol = cent_t(said) + cent_t(av)
                if abs(said - av) > tol:
                    f = self.finding(f"情况说明称整体支出{label} {num(said)}（“{m.group(0)}”），附件整体绩效自评表"
                                     f"“{a.name}”{at(a)} 为 {num(av)}", expected=av, actual=said,
                                     difference=said - av, page=st.page, line=st.line, uncertain=a.uncertain)
                    yield with_cells(f, [figure(a, _OVERALL_COLUMNS[field])])


# '20' not after a digit or an opening bracket, written with the 2 first so the scan jumps from
# one 2 to the next (the same matches as (?<![…])(20\d\d)…: the lookbehind after the 2 asks
# the character before it), where a leading lookbehind is tried at every character
_YEAR = lazy.pattern(r"(2(?<![\d〔\[【（(-]2)0\d\d)\s*年(?!\s*[-—~～至])")
_NOT_THIS_YEAR_OK = lazy.pattern(r"结转|结余|上年|以前年度|往年|提前下达|与|比|较|截至|截止|同期|第[一二三四]季度")
_RESULTS_USED = lazy.pattern(r"应用|运用|上年度|以前年度|对比|同比")
_ABOUT_WORK = lazy.pattern(r"\s*度?\s*(?:本部门|本单位|我单位|我部门|各项|工作|实施|完成|全年|年初|年末|预算|项目)")
_ABOUT_ACCOUNTS = lazy.pattern(r"\s*度?\s*(?:本部门|本单位|部门|单位|整体|预算|项目|绩效|全年|年初|年末)")


def _past_years(text: str, year: int) -> Iterator[re.Match]:
    """Years before the accounts year, except those a context explains (结转, comparisons, a
    quarter, a cited document 《…》 or number)."""
    for m in _YEAR.finditer(text or ""):
        y = int(m.group(1))
        before = text[max(0, m.start() - 6): m.start()]
        if text.rfind("《", 0, m.start()) > text.rfind("》", 0, m.start()):
            continue  # inside a cited title
        if y < year and not _NOT_THIS_YEAR_OK.search(before) and not re.match(r"\s*\d|\s*号", text[m.end():]):
            yield m


@register
class OtherYear(Rule):
    """绩效自评说的是决算年度：自评表标题、年度总体目标和实际完成情况、预算绩效说明中关于本部门预算
    与执行的表述，不应写成以前年度。

    失败示例：2024 年度决算写“2023 年本部门整体支出年末执行数为 14344.12 万元”；或自评表标题
    “（2023 年度）”。
    指标的偏差说明称完成值“包含了 2022 年第四季度 57 人”，是把别的年度计入了本年完成值。
    通过示例：“对 2024 年度预算项目支出全面开展绩效自评”；“包含上年结转 2023 年资金”。
    """

    id = "P-other-year"
    severity = "warning"
    name = "年度"

    def check(self, ctx):
        year = ctx.doc.meta.year
        if year is None:
            return
        for p in ctx.doc.performance:
            if p.year is not None and p.year != year:
                yield item_finding(self, p, f"自评表标题为 {p.year} 年度，决算年度为 {year} 年", severity="error",
                                   expected=str(year), actual=str(p.year))
            for label, text in (("年度总体目标", p.objective), ("实际完成情况", p.achieved)):
                # the first year about the unit's own work (各项工作, 实施 …), once per text
                m = next((m for m in _past_years(text, year) if _ABOUT_WORK.match(text, m.end())), None)
                if m is not None:
                    yield item_finding(self, p, f"{label}写“{text[max(0, m.start() - 8): m.end() + 12]}”，"
                                                f"为 {m.group(1)} 年，决算年度为 {year} 年",
                                       expected=str(year), actual=m.group(1))
            for ind in p.indicators:
                # the achieved value counts another year's units ('包含了2022年第四季度57人')
                m = _COUNTS_OTHER_YEAR.search(ind.deviation or "")
                if m is not None and int(m.group(1)) != year:
                    yield indicator_finding(self, p, ind, f"实际完成值 {ind.actual_text or num(ind.actual)} 的说明写“{m.group(0)}”："
                                                          f"完成值计入了 {m.group(1)} 年的数，决算年度为 {year} 年",
                                            expected=str(year), actual=m.group(1), columns=("实际完成值",))
        for st in _perf_statements(ctx):
            if _RESULTS_USED.search(st.text):
                continue  # last year's evaluation results applied this year: another year by design
            for m in _past_years(st.text, year):
                if _ABOUT_ACCOUNTS.match(st.text, m.end()):
                    yield self.finding(f"预算绩效说明写“{st.text[max(0, m.start() - 8): m.end() + 16]}”，"
                                       f"为 {m.group(1)} 年，决算年度为 {year} 年",
                                       expected=str(year), actual=m.group(1), page=st.page, line=st.line)


_COUNTS_OTHER_YEAR = lazy.pattern(r"(?:包含|包括|含有?|计入)了?\s*(20\d\d)\s*年(?![^，。；,;]{0,4}(?:结转|结余))[^，。；,;]{0,12}")
_NO_PROBLEM = lazy.pattern(r"(?:主要)?问题[^。；：:]{0,8}[：:]\s*无[。；]?")


@register
class TextVsNumbers(Rule):
    """情况说明的项目自评综述称“主要问题：无”（常伴“完成情况良好”），而该项目执行率低于 80% 或自评得分低于
    80 分（等级为中或差）：文字与数字矛盾。

    失败示例：“项目自评得分 59 分……完成预算的 42.53%。项目绩效目标完成情况：……完成情况良好。发现的主要
    问题及原因：无。”
    通过示例：执行率 98.74%、得分 99.87 分时写“主要问题：无”；或得分 59 分时写明“项目资金执行率较低”。
    多个项目如此是同一写法：报一项，其余列在其下。
    """

    id = "P-text-numbers"
    reads_forms = False  # (the narrative's own project summaries only)
    severity = "warning"
    name = "文字与数字"

    def check(self, ctx):
        statements = _perf_statements(ctx)
        narrated = sorted((p for p in ctx.doc.performance if p.source == "narrative" and p.line is not None),
                          key=lambda p: p.line or 0)
        if not narrated:
            return
        # each statement that says so, in printed order, once (not once per project)
        # (every wording _NO_PROBLEM knows holds 问题: a statement without it is not scanned)
        saying = [(s.line, m) for s in statements if s.line is not None and "问题" in s.text
                  for m in [_NO_PROBLEM.search(s.text)] if m]
        att = _attached_by_key(ctx.doc)
        found = []
        for i, p in enumerate(narrated):
            # the first of the project's own statements (from its line to the next project's) that says so
            end = narrated[i + 1].line if i + 1 < len(narrated) else None
            start = p.line or 0
            said = next((m for line, m in saying if line >= start and (end is None or line < end)), None)
            if said is None:
                continue
            a = match_attachment(p.name, att)
            rate = p.rate if p.rate is not None else (a.rate if a else None)
            score = p.total_score if p.total_score is not None else (a.total_score if a else None)
            bad = []
            if rate is not None and rate < LOW:
                bad.append(f"执行率 {pct(rate)}")
            if score is not None and score < LOW:
                bad.append(f"自评得分 {num(score)} 分（等级“{grade_of(score)}”）")
            if bad:
                cells = [figure(a, "执行率"), figure(a, "总分")] if a is not None else []
                found.append(item_finding(self, p, f"称“{said.group(0)}”，而{'、'.join(bad)}", expected="写明问题及原因",
                                          actual=said.group(0), figures=cells))
        yield from one_practice(found, f"情况说明对 {len(found)} 个执行率或得分偏低的项目都写“主要问题：无”（同一写法）：")
