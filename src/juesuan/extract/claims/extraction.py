"""Claims: walk each narrative paragraph's figures in order and type each one (see the
package docstring)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, cast

from juesuan import lazy
from juesuan.extract.claims.context import NarrativeContext
from juesuan.extract.claims.figures import (
    _BUDGET_TRIG,
    _CHANGE_ALT_TRIG,
    _CHANGE_TRIG,
    _COMPL_TRIG,
    _DIR,
    _FINAL_TRIG,
    _SENT_END,
    _SHARE_TRIG,
    FIG_RE,
    FLAT_RE,
    _dec,
    _strip_lead,
    _strip_tail,
    clause_separators,
)
from juesuan.extract.claims.paragraphs import Para
from juesuan.extract.claims.subjects import (
    _KXP_RE,
    _TOPIC_WHOLE,
    PROJECT_HEADINGS,
    Resolver,
    Subj,
    _base_name,
    _c,
    _shorten,
)
from juesuan.model import Claim, ClaimKind, Section, made
from juesuan.read.types import Source

Direction = Literal["增加", "减少", "持平"] | None

# ---- extraction ---------------------------------------------------------------------------

@dataclass
class _State:
    carried: list[Subj] = field(default_factory=list)
    whole: str | None = None
    last_change: dict[str, tuple[Decimal, str]] = field(default_factory=dict)  # subj → (change, dir)
    count_ctx: str = ""
    carried_pos: int = -1




def extract_claims(ctx: NarrativeContext) -> list[Claim]:
    """Every figure of the narrative sections of ``ctx``'s document, typed."""
    src, doc = ctx.src, ctx.doc
    year = doc.meta.year if doc is not None else None
    claims: list[Claim] = []
    for sec, a, b in ctx.ranges:
        if sec.kind != "narrative":
            continue
        st = _State(whole=None)
        sec_claims: list[Claim] = []
        for para in ctx.paragraphs(a, b):
            st.carried = []
            st.carried_pos = -1
            st.count_ctx = ""
            _extract_para(src, para, sec, ctx.resolver, st, sec_claims, year)
        claims.extend(sec_claims)
    return claims


def _last_path(text: str, a: int, b: int) -> re.Match[str] | None:
    """The last 类/款/项 path (``_KXP_RE``) in ``text[a:b]``, or None. Every path ends with
    '(项)', so the search stops at the last one: past it every start position would scan on
    to ``b`` and fail, for every figure of a long paragraph again."""
    end = text.rfind("(项)", a, b)
    last = None
    if end >= 0:
        for m in _KXP_RE.finditer(text, a, end + len("(项)")):
            last = m
    return last


def _is_generic(phrase: str) -> bool:
    return phrase in ("", "项目", "决算", "决算数", "支出决算", "支出决算数", "执行数", "资金", "金额",
                      "其中", "数", "上年", "预算", "较上年", "比上年", "同比", "分别")


# Asked for every figure of every paragraph (compiled once; a search over text[a:b] is
# asked as a search of text between a and b: none of these patterns looks around its match
# or anchors at the end of the span except with $, which endpos gives as at a slice's end)
_THRESHOLD_AFTER = lazy.pattern(r"\s*(?:\(含\)|（含）|以上|以下)")
_UNIT_PRICE = lazy.pattern(r"单价|价值")
_NAMES_WHOLE = lazy.pattern(r"其中|包括|主要用于以下|具体情况")
_USE_WORDS = lazy.pattern(r"主要用于|主要是|主要包括|用于")
_COMPARED_WITH = lazy.pattern(r"(比|较|与)(.*)$")
_AGAINST_BUDGET = lazy.pattern(r"(?:比|较|与)[^,，。]*预算")
_CHANGE_WORDS = lazy.pattern(r"增加|减少|增长|下降|降低")


def _extract_para(src: Source, para: Para, sec: Section, res: Resolver, st: _State,
                  out: list[Claim], year: int | None) -> None:
    text = para.text
    topic = sec.topic
    seps = clause_separators(text)

    def clause_start(pos: int) -> int:
        k = bisect_right(seps, pos - 1)
        return seps[k - 1] + 1 if k > 0 else 0

    def clause_end(pos: int) -> int:
        k = bisect_right(seps, pos)
        return seps[k] if k < len(seps) else len(text)

    ends = [i for i in seps if text[i] in _SENT_END]  # (every sentence end is a separator)

    def sent_start(pos: int) -> int:
        """Just after the last sentence end before ``pos`` (0 when none)."""
        k = bisect_left(ends, pos)
        return ends[k - 1] + 1 if k > 0 else 0

    # project names in 预算绩效 set the carried subject
    proj_marks: list[tuple[int, str]] = []
    if topic == "预算绩效":
        for pat in PROJECT_HEADINGS:
            for m in pat.finditer(text):
                name = re.sub(r"[\"“”'‘’]", "", m.group(1)).strip()
                name = re.sub(r"^(?:我部门绩效自评情况|根据年初设定的绩效目标)", "", name).strip(",，:： ")
                if len(name) >= 2:
                    proj_marks.append((m.start(1), name))
        proj_marks.sort()

    # figures and 持平 markers, in order
    events: list[tuple[int, int, str, str, str]] = []  # (start, end, kind?, num, unit)
    for m in FIG_RE.finditer(text):
        events.append((m.start(), m.end(), "fig", m.group(1), m.group(2)))
    for m in FLAT_RE.finditer(text):
        events.append((m.start(), m.end(), "flat", "0", ""))
    events.sort()

    prev_end_in_clause = -1
    cur_clause = -1
    clause_subjects: list[Subj] = []
    clause_counts = False
    last_class_phrase_pos = 0
    proj_i = 0

    for (s, e, ev, num, unit) in events:
        # project headings passed so far
        while proj_i < len(proj_marks) and proj_marks[proj_i][0] < s:
            st.carried = [Subj(proj_marks[proj_i][1])]
            st.carried_pos = -1
            proj_i += 1
        cs = clause_start(s)
        if cs != cur_clause:
            cur_clause = cs
            prev_end_in_clause = cs
            clause_subjects = []
            clause_counts = False
        phrase_raw = text[prev_end_in_clause:s]
        # a 类/款/项 name earlier in the sentence (before a '。') carries over
        ss = sent_start(s)
        kxp = _last_path(text, last_class_phrase_pos, s)
        if kxp is not None:
            last_class_phrase_pos = kxp.end()
            if kxp.start() < cs:
                st.carried = res.resolve(_strip_lead(kxp.group(0)), topic) or st.carried
                st.carried_pos = clause_start(kxp.start())
        unit_n = unit.replace("（", "(").replace("）", ")")
        if ev == "fig":
            after = text[e:e + 6]
            if unit_n in ("万元", "亿元", "元") and _THRESHOLD_AFTER.match(after):
                prev_end_in_clause = e
                continue
            # (the unit first: most figures are not in 万元 or 元, and need not be searched around)
            if unit_n in ("万元", "元") and ("以上设备" in text[e:e + 12] or _UNIT_PRICE.search(text, max(cs, s - 6), s)):
                prev_end_in_clause = e
                continue
        if "原因" in text[ss:s] or "问题" in text[ss:s]:
            prev_end_in_clause = e  # explanations ('主要原因是…收回资金110万元') state no claim
            continue
        kind, base, direction, phrase = _classify(phrase_raw, ev, unit_n)
        if kind is None:
            prev_end_in_clause = e
            continue
        # whole: 其中/包括/主要用于 names the whole for later shares
        if _NAMES_WHOLE.search(text, cs, s) and out:
            for c in reversed(out):
                if c.kind == "amount" and c.section == sec.title:
                    st.whole = c.subject
                    break
        if "用于" in phrase or "主要" in phrase:  # (every one of _USE_WORDS holds one of them)
            tail = _USE_WORDS.split(phrase)[-1]
            if tail.strip() and tail != phrase:
                phrase = tail
        subj_phrase = _strip_tail(_strip_lead(phrase))
        cmp_budget = False
        if kind in ("change_amount", "change_rate"):
            mcmp = _COMPARED_WITH.search(subj_phrase)
            if mcmp:
                ref = mcmp.group(2)
                cmp_budget = "预算" in ref
                subj_phrase = subj_phrase[:mcmp.start()]
            if "预算" in text[cs:s] and _AGAINST_BUDGET.search(text, cs, s):
                cmp_budget = True
            subj_phrase = _strip_tail(_strip_lead(subj_phrase))
            if ev == "flat" and "预算" in text[cs:clause_end(e - 1)]:
                cmp_budget = True
            if kind == "change_rate" and not mcmp:
                # '比年初预算数减少 9.11 万元,降低 5.03%': the rate follows its amount
                for c in reversed(out[-4:]):
                    if c.kind == "change_amount" and c.text and c.line is not None and c.base == "年初预算数":
                        if text.find(c.text) >= ss:
                            cmp_budget = True
                        break
        if kind == "count":
            count_name = _count_subject(subj_phrase, unit_n, st, text[e:e + 8])
            if count_name is None:
                prev_end_in_clause = e
                continue
            subjects = [Subj(count_name)]
            clause_counts = True
        elif _is_generic(subj_phrase) and kind == "amount" and clause_counts and st.count_ctx:
            subjects = res.resolve(st.count_ctx, topic)
        elif _is_generic(subj_phrase):
            subjects = clause_subjects or st.carried
            if not subjects:
                subjects = [Subj(_TOPIC_WHOLE.get(topic, topic or "?"))] if kind != "share" else []
        else:
            subjects = res.resolve(subj_phrase, topic)
        if not subjects:
            prev_end_in_clause = e
            continue
        if kind == "count" and subjects[0].name == "":
            prev_end_in_clause = e
            continue
        value = _dec(num)
        if value is None:
            prev_end_in_clause = e
            continue
        if kind == "share" and base is None:
            base = st.whole or _TOPIC_WHOLE.get(topic)
            if base is not None and subjects and subjects[0].name == base:
                base = _TOPIC_WHOLE.get(topic) if _TOPIC_WHOLE.get(topic) != base else None
        # text span: from the subject's clause (or sentence) to the figure's clause end
        span_a = cs
        if subjects is st.carried and 0 <= st.carried_pos < cs and s - st.carried_pos < 240:
            span_a = st.carried_pos
        span_b = clause_end(e - 1)
        if kind in ("change_rate",) and span_a > 0:
            # include the change-amount clause before it when it is in the same sentence
            pcs = clause_start(max(span_a - 1, 0))
            if pcs >= ss and _CHANGE_WORDS.search(text, pcs, span_a):
                span_a = pcs
        snippet = text[span_a:span_b].strip(" ,，;；:：").lstrip("-*•· ")
        line_idx = para.lines[min(max(span_a, 0), len(para.lines) - 1)]
        # where the figure itself is
        fig_idx = para.lines[min(s, len(para.lines) - 1)]
        ln = src.lines[fig_idx]
        del line_idx
        for sj in subjects:
            cell = sj.cell
            if kind == "budget":
                cell = _c("T09", "预算数", sj.t09_item) if sj.t09_item else None
            if topic == "预算绩效":
                cell = None
            claim = made(Claim, dict(  # (model.made: one claim per figure of the narrative)
                subject=sj.name, kind=cast(ClaimKind, kind), value=value, unit=_unit_label(unit_n, ev),
                text=snippet, page=ln.page, line=ln.no, section=sec.title, cell=cell,
                base=("年初预算数" if cmp_budget and kind in ("change_amount", "change_rate") else base),
                direction=cast(Direction, direction), year=year,
            ))
            if kind in ("change_amount", "change_rate") and not cmp_budget:
                claim.previous = _previous(claim, out, res)
            out.append(claim)
            if kind == "change_amount":
                st.last_change[sj.name] = (value, direction or "")
        if kind != "count" and not _is_generic(subj_phrase):
            if subjects is not st.carried:
                st.carried_pos = cs
            st.carried = subjects
            clause_subjects = subjects
        elif kind != "count":
            clause_subjects = subjects
        prev_end_in_clause = e



def _count_subject(p: str, unit: str, st: _State, after: str) -> str | None:
    q = p.replace(" ", "")
    if unit == "辆":
        if "保有量" in q:
            return "公务用车保有量"
        if "购置" in q:
            return "公务用车购置数量"
        m = re.search(r"([^,，、;；:：其中]{2,14}用车)$", q)
        if m:
            return m.group(1)
        if q in ("车辆", "") or q.endswith("共有车辆"):
            return "车辆总数"
        return _shorten(q)
    if unit in ("台(套)", "台", "套"):
        if "设备" in q or "以上" in q:
            return "单价100万元以上设备"
        if "车辆" in q or "购置" in q:
            return "公务用车购置数量"
        return None
    if unit == "个":
        if "团组" in q or "团组" in after:
            if "出国" in q:
                st.count_ctx = "因公出国"
            elif "外" in q:
                st.count_ctx = "外事接待"
            elif "国内" in q or "接待" in q:
                st.count_ctx = "国内公务接待"
            return (st.count_ctx or "") + "团组"
        if "项目" in q or after.startswith("项目"):
            return _shorten(q) if q.endswith("项目") else "项目数"
        if "单位" in q or after.startswith("单位"):
            return "单位数"
        return None
    if unit == "批次":
        if "国内" in q:
            st.count_ctx = "国内公务接待"
        elif "外事" in q or "外宾" in q:
            st.count_ctx = "外事接待"
        return (st.count_ctx or "公务接待") + "批次"
    if unit == "人次":
        if "出国" in q:
            st.count_ctx = "因公出国"
        elif "外宾" in q or "外事" in q or "国(境)外" in q:
            st.count_ctx = "外事接待"
        elif "国内" in q or "来宾" in q or "接待" in q:
            st.count_ctx = "国内公务接待"
        if not st.count_ctx:
            return None
        return st.count_ctx + "人次"
    if unit == "人":
        if st.count_ctx and (q in ("", "累计") or len(q) <= 3):
            return st.count_ctx + "人数"
        if "接待" in q:
            st.count_ctx = "外事接待" if "外" in q else "国内公务接待"
            return st.count_ctx + "人数"
        return None
    return None


def _previous(claim: Claim, out: list[Claim], res: Resolver) -> Decimal | None:
    """Previous-year value from the current value (narrative amount, else the cell) and the
    change (for rates: the change amount stated just before for the same subject)."""
    if claim.direction is None:
        return None
    current: Decimal | None = None
    for c in reversed(out):
        if c.subject == claim.subject and c.kind == "amount" and c.unit == "万元":
            current = c.value
            break
    if current is None and claim.cell is not None and res.doc is not None:
        current = res.doc.value(claim.cell.table, claim.cell.row, claim.cell.column)
    if current is None:
        return None
    change: Decimal | None
    if claim.kind == "change_amount":
        change = claim.value
        if claim.unit not in ("万元", ""):
            return None
    else:
        change = None
        for c in reversed(out[-6:]):
            if c.subject == claim.subject and c.kind == "change_amount":
                change = c.value
                break
        if change is None:
            return None
    if claim.direction == "持平" or change is None:
        return current
    return current - change if claim.direction == "增加" else current + change


def _unit_label(unit: str, ev: str) -> str:
    if ev == "flat":
        return ""
    return "台(套)" if unit in ("台(套)", "台", "套") else unit


def _classify(phrase: str, ev: str, unit: str) -> tuple[str | None, str | None, str | None, str]:
    """(kind, base, direction, subject phrase) for the text between the previous figure in
    the clause and this one."""
    p = phrase.rstrip()
    if ev == "flat":
        q = re.sub(r"(?:与|和|跟)?(?:上年|上年度|20\d\d\s*年度?)?(?:决算数?)?(?:基本)?$", "", p)
        q = re.sub(r"(?:决算数)?(?:与|和)?(?:年初)?预算数?$", "", q)
        return "change_amount", None, "持平", q
    m = _CHANGE_ALT_TRIG.search(p) if unit in ("%", "万元", "亿元", "元") else None
    if m:  # 增加（减少）: U-template-residue reports it; the direction is the writer's to choose
        return ("change_rate" if unit == "%" else "change_amount"), None, None, p[:m.start()]
    if unit == "%":
        m = _COMPL_TRIG.search(p)
        if m:
            return "completion", None, None, p[:m.start()]
        m = _CHANGE_TRIG.search(p)
        if m:
            return "change_rate", None, _DIR[m.group(1)], p[:m.start()]
        m = _SHARE_TRIG.search(p)
        if m and "占" in p:
            i = p.rfind("占")
            base_phrase = p[i + 1:]
            base = _base_name(base_phrase) if base_phrase.strip() else None
            return "share", base, None, p[:i]
        return None, None, None, p
    if unit in ("万元", "亿元", "元"):
        m = _CHANGE_TRIG.search(p)
        if m:
            return "change_amount", None, _DIR[m.group(1)], p[:m.start()]
        m = _BUDGET_TRIG.search(p)
        if m and not re.search(r"(?:执行|决算)", p[m.start():]):
            return "budget", None, None, p[:m.start()]
        m = _FINAL_TRIG.search(p)
        if m:
            return "amount", None, None, p[:m.start()]
        return "amount", None, None, p
    return "count", None, None, p
