"""N — the explanation that follows a figure: its direction words against the numbers.

A change (比上年增加 5.00 万元) or a budget gap (完成年初预算的 93.58%) is usually followed by
its reason (主要原因是…), in the same sentence or the next. The reason's own direction words
must go the way the numbers go:

- the lead-in of the explanation (“增加的主要原因是…”, “决算数较上年减少的主要原因…”) names
  a direction; it must be the direction of the change it explains (比上年减少 … 增加的主要原因
  is a contradiction: error);
- the reason itself (…支出增加 / …压减支出): when every direction word in it points against
  the numbers, the explanation explains the opposite of what happened (warning: a reason can
  name a factor that worked against the total, so a mixed reason is never flagged).

The direction of the numbers is the computed one when the narrative gives both years (or
the table does), else the change's own word; for budgets, 决算 vs 预算 (or the completion
rate against 100%). A wrong change word itself is N-direction's; a wrong 大于/小于 is
N-budget-relation's.
"""

from __future__ import annotations

from decimal import Decimal

from juesuan import lazy
from juesuan.model import Claim, Statement, lines_apart
from juesuan.money import tolerance
from juesuan.rules.base import Context, Rule, register
from juesuan.rules.narrative import current_candidates

_UP = "增加|增长|上升|新增|追加|提高|增多|增资|扩大"
_DOWN = "减少|下降|降低|压减|缩减|减支|节约|节支|调减|收回|未支付|未能?实施|未清算|延缓"
_WORD_RE = lazy.pattern(rf"(?P<neg>未|不|没有|无)?(?:(?P<up>{_UP})|(?P<down>{_DOWN}))")
# the lead-in: '增加的主要原因', '较上年减少主要原因', but not '决算数大于预算数的主要原因'
_LEAD_RE = lazy.pattern(r"(增加|增长|上升|减少|下降|降低)(?:的)?主要原因")
_REASON_RE = lazy.pattern(r"主要原因(?:是|为|:|：)?")
CHANGE_LINES = 4  # an explanation follows its change within a few printed lines
_UPWARD = {"增加": "增加", "增长": "增加", "上升": "增加", "减少": "减少", "下降": "减少", "降低": "减少"}


def directions(text: str) -> set[str]:
    """The directions ('增加'/'减少') the words of ``text`` point to; negated words ('未增加')
    say nothing."""
    out = set()
    for m in _WORD_RE.finditer(text):
        if m.group("neg") and not m.group("down"):
            continue
        if m.group("neg") and m.group("down") and not m.group("down").startswith("未"):
            continue
        out.add("增加" if m.group("up") else "减少")
    return out


def _same_place(c: Claim, st: Statement) -> bool:
    apart = lines_apart(c, st)
    return c.section == st.section and apart is not None and 0 <= apart <= CHANGE_LINES


# words of a lead-in that name no subject ('决算数较上年增加的主要原因')
_NAMING = lazy.pattern(r"(?:\d{4}\s*年度?|本年|今年|决算数?|支出|较上年|比上年|与上年相比|增加|减少|增长|下降|降低|上升|的|"
                     r"主要原因|[\s,，:：。；;“”\"])")


def _changes(ctx: Context) -> list[Claim]:
    """The claims of a change up or down (what an explanation can follow), in printed order."""
    return [c for c in ctx.doc.claims
            if c.kind in ("change_amount", "change_rate") and c.direction in ("增加", "减少")]


def _explained_change(changes: list[Claim], st: Statement, prior: str, own: str) -> Claim | None:
    """The change an explanation follows: the last change claim (of ``changes``) printed just
    before it — on an earlier line, or on the same line inside the text before the reason
    (``prior``: the sentences of this line so far)."""
    found = []
    for c in changes:
        if not _same_place(c, st):
            continue
        if c.line == st.line and not (c.text and c.text in prior):
            continue  # on the same line but not before the reason: explains something else
        found.append(c)
    same = [c for c in found if c.subject == st.subject]
    if same:
        return same[-1]
    if len(_NAMING.sub("", own)) >= 4:
        return None  # the explanation names its own subject, and no change of it is stated
    return found[-1] if found else None


def _numbers_direction(ctx: Context, c: Claim) -> str:
    """增加/减少 as the figures have it (the change's own word when they cannot tell)."""
    if c.previous is not None:
        for cur in current_candidates(ctx, c):
            delta = cur.value - c.previous
            if abs(delta) > cur.tol + tolerance(1):
                return "增加" if delta > 0 else "减少"
    return c.direction or ""


def _budget_direction(st: Statement) -> str:
    if st.final is not None and st.budget is not None:
        d = st.final - st.budget
        if abs(d) > tolerance(2):
            return "增加" if d > 0 else "减少"
        return ""
    if st.completion is not None and st.completion != 100:
        return "增加" if st.completion > Decimal(100) else "减少"
    return ""


@register
class ReasonDirection(Rule):
    """说明原因的文字应与所解释的增减方向一致：引出原因的“增加（减少）的主要原因”须与前面所述
    增减一致（error）；原因里的增减用词全都与数字的方向相反时（如支出比上年减少，原因却只说“人员增加、
    支出增加”；决算小于预算，原因却只说“追加经费”）为 warning。原因中增、减两方面都提到的不报。

    失败示例：“比上年减少 48.76 万元，下降 15.91%。增加的主要原因是取暖费增加。”；
    或“完成年初预算的 89.83%，决算数与年初预算数存在差异的主要原因是追加人员经费、支出增加。”
    通过示例：“比上年减少 48.76 万元，主要原因是预存取暖电费压减。”
    """

    id = "N-reason-direction"
    family = "N"
    name = "原因与增减方向"

    def check(self, ctx: Context):
        line_text: dict[tuple, str] = {}  # (page, line) → the sentences read so far on it
        changes = _changes(ctx)  # (once, not for every explanation)
        for st in ctx.doc.statements:
            key = (st.section, st.page, st.line)
            prior = line_text.get(key, "")
            line_text[key] = prior + st.text
            m = _REASON_RE.search(st.text)
            if m is None or st.topic == "名词解释":
                continue
            before, reason = st.text[: m.start()], st.text[m.end():]
            if "预算" in before and ("决算" in before or st.relation or st.completion is not None):
                f = self._budget(st, reason)
            else:
                f = self._year(ctx, changes, st, prior + before, reason)
            if f is not None:
                yield f

    def _year(self, ctx: Context, changes: list[Claim], st: Statement, prior: str, reason: str):
        m = _REASON_RE.search(st.text)
        lead_in = st.text[: m.end()] if m else st.text
        c = _explained_change(changes, st, prior, lead_in)
        if c is None:
            return None
        actual = _numbers_direction(ctx, c)
        lead = _LEAD_RE.search(lead_in)
        if lead and _UPWARD[lead.group(1)] != actual and actual:
            return self.finding(
                f"情况说明“{_cut(st.text)}”写“{lead.group(0)}”，而前文所述{c.subject}是{actual}（“{_cut(c.text, 40)}”）："
                f"解释的方向与增减相反，应为“{actual}的主要原因”",
                claims=[c], expected=actual, actual=_UPWARD[lead.group(1)], page=st.page, line=st.line)
        if c.base:
            return None  # a change against the budget: its reason is read by the budget path
        return self._body(st, reason, actual, f"{c.subject}比上年{actual}", [c])

    def _budget(self, st: Statement, reason: str):
        actual = _budget_direction(st)
        what = "决算数大于预算数" if actual == "增加" else "决算数小于预算数"
        return self._body(st, reason, actual, f"{st.subject or '该项'}{what}", [])

    def _body(self, st: Statement, reason: str, actual: str, what: str, claims: list[Claim]):
        said = directions(reason)
        if not actual or len(said) != 1 or actual in said:
            return None
        word = next(iter(said))
        return self.finding(
            f"情况说明“{_cut(st.text)}”：{what}，所给原因却只说{word}（“{_cut(reason, 40)}”），原因与增减方向相反，"
            f"请核对原因或数字", severity="warning", claims=claims, expected=actual, actual=word,
            page=st.page, line=st.line)


def _cut(text: str, limit: int = 60) -> str:
    t = text.strip().replace("\n", "")
    return t[:limit] + "…" if len(t) > limit else t


__all__ = ["ReasonDirection", "directions"]
