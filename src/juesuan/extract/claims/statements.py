"""Statements: every sentence of the 情况说明, read for its words as well as its numbers.

A paragraph (see ``paragraphs``) is cut into sentences at 。；; each becomes a
:class:`~juesuan.model.Statement`. What a sentence is about (its subject and the 类/款/项
path as printed) and the measures it states (预算数, 决算数, 完成率) carry over to the next
sentences of the same paragraph until another subject is named — so in

    1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：…。年初预算为 1560.05
    万元，支出决算为 1511.89 万元。决算数小于预算数的主要原因：…

the third sentence states the relation 小于 between the two amounts of 行政运行 given in the
second. Rules compare the relation word with the amounts (rules/statements.py).
"""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan import lazy
from juesuan.extract.claims.context import NarrativeContext
from juesuan.extract.claims.figures import _dec, _strip_lead, _strip_tail, clause_separators
from juesuan.extract.claims.paragraphs import Para
from juesuan.extract.claims.subjects import Resolver, Subj
from juesuan.model import Section, Statement, made
from juesuan.read.types import Source

_MONEY = r"(\d+(?:\.\d+)?)\s*(万元|亿元|元)"
_TO_WAN = {"万元": Decimal(1), "亿元": Decimal(10000), "元": Decimal("0.0001")}
# A budget stated: its amount after 预算 (groups: number, unit), and its kind in the words just
# before (``BUDGET_KINDS``: 年初预算为 …). The plain spelling is one pattern,
# (年初|全年|调整后)?预算…; this one opens with the literal, so the regex engine skips from one
# 预算 to the next instead of trying the optional kind at every character of the sentence, and
# the kind is read before the match (tests/speed: the same budgets).
BUDGET_RE = lazy.pattern(r"预算(?:数|总额)?(?:为|是|:|：)?\s*" + _MONEY)
BUDGET_KINDS = ("年初", "全年", "调整后")
# 决算数为 N 万元 (groups: number, unit). Printed '支出决算为 …' as often: the same amount (the
# plain spelling's optional (?:支出)? only made the engine try every character)
FINAL_RE = lazy.pattern(r"决算(?:数)?(?:为|是|:|：)?\s*" + _MONEY)
COMPLETION_RE = lazy.pattern(r"完成(?:了)?(?:年初|全年|调整后)?预算(?:数)?的?\s*(\d+(?:\.\d+)?)\s*%")
# 决算数 … 预算数 with a relation word between or after them.
_BUDGET_WORD = r"(?:年初|全年|调整后)?预算(?:数)?"
RELATION_RES = (
    lazy.pattern(r"决算(?:数)?(?:与|和|同)" + _BUDGET_WORD + r"(基本)?(持平|相等|一致|相同|相当)"),
    lazy.pattern(r"决算(?:数)?(基本)?(持平|等于|大于|小于|高于|低于|超过|超出|多于|少于)" + _BUDGET_WORD + r"(?![（(])"),
)
_RELATION = {"持平": "持平", "相等": "等于", "一致": "等于", "相同": "等于", "相当": "持平", "等于": "等于",
             "大于": "大于", "高于": "大于", "超过": "大于", "超出": "大于", "多于": "大于",
             "小于": "小于", "低于": "小于", "少于": "小于"}
_REASON_RE = lazy.pattern(r"主要原因(?:是|为|:|：)?\s*(.*)$")
_PATH_RE = lazy.pattern(r"([^,，;；:：。、\d]+?)[(（]类[)）]\s*(?:([^,，;；:：。、\d]+?)[(（]款[)）])?\s*(?:([^,，;；:：。、\d]+?)[(（]项[)）])?")
# What ends a sentence's subject: a measure word (预算 alone is not one: 一般公共预算财政拨款 is
# a subject), or its first amount (a subject is named before what it measures; a threshold such
# as '单价100万元(含)以上设备' is part of the name), whichever comes first. Two patterns, not one
# alternation: the regex engine skips to a match's first character only when every alternative
# opens with a literal (the words, each spelt out) or the pattern with a class (the amount's
# \d, not \d+); one alternation of both is tried at every character of every sentence.
# (tests/speed: the same start as the plain alternation.)
_SINCE = r"\s*(?:上年|20\d\d)"
_TRIGGER_WORDS = lazy.pattern(r"年初预算|全年预算|调整后预算|预算[数为是]|支出决算|决算|完成|主要用于|主要原因|占|"
                              + "|".join(word + _SINCE for word in "比较与"))
_TRIGGER_AMOUNT = lazy.pattern(r"\d\d*(?:\.\d+)?\s*(?:万元|亿元|元|%)(?!\s*(?:[(（]含[)）]|以上|以下))")


def _trigger_start(sent: str) -> int | None:
    """Where the first measure word or amount of ``sent`` starts (None: it holds neither).
    An amount is looked for only before the first word (most sentences name a measure early,
    and only then state its amount): an amount is digits, spaces and a unit, none of which
    starts a word, and the threshold its lookahead refuses (以上, 以下, (含)) holds no
    character a word starts with, so a text cut at the word holds the same matches before it."""
    word = _TRIGGER_WORDS.search(sent)
    end = len(sent) if word is None else word.start()
    amount = _TRIGGER_AMOUNT.search(sent, 0, end)
    return amount.start() if amount is not None else None if word is None else end


_SENTENCE_END = "。；;"  # (each a clause separator: figures._SEP)


def _sentences(text: str) -> list[tuple[int, int]]:
    out, a = [], 0
    # (the ends among the paragraph's separators, which the claims reader has found already)
    for i in clause_separators(text):
        if text[i] not in _SENTENCE_END:
            continue
        if text[a:i].strip():
            out.append((a, i + 1))
        a = i + 1
    if text[a:].strip():
        out.append((a, len(text)))
    return out


def _wan(num: str, unit: str) -> Decimal | None:
    v = _dec(num)
    return None if v is None else v * _TO_WAN[unit]


class _Carry:
    """What the paragraph has said so far: the current subject and, per subject, its amounts."""

    def __init__(self) -> None:
        self.subject: Subj | None = None
        self.path: list[str] = []
        self.budgets: dict[str, dict[str, Decimal | None]] = {}  # subject → kind → 预算数
        self.finals: dict[str, Decimal | None] = {}  # subject → 决算数


_DONE_BEFORE = lazy.pattern(r"完成$")
_LEAD_YEAR = lazy.pattern(r"^(?:上海市)?\S{0,20}?(?:局|委|办|院|中心|部门|单位)?\s*20\d\d\s*年度?")


def _subject_of(sent: str, res: Resolver, topic: str) -> tuple[Subj | None, list[str]]:
    """The subject a sentence names (before its first measure word), with the printed path."""
    path: list[str] = []
    # (a path names a 类 in brackets: without one the lazy pattern would try every start
    # position, on to the end of its clause — 分类 and 类别 are common words)
    m = _PATH_RE.search(sent) if "类)" in sent or "类）" in sent else None
    if m:
        path = [_strip_lead(g.strip().lstrip(".．、 ")) for g in m.groups() if g]
    head = sent[:m.end()] if m else sent[:_trigger_start(sent)]
    phrase = _strip_tail(_strip_lead(head.strip(" ,，:：")))
    if "20" in phrase:  # (the lead it drops holds a year)
        phrase = _LEAD_YEAR.sub("", phrase, count=1)
    if len(phrase) < 2 or phrase in ("其中", "主要用于", "决算数", "预算数", "支出决算"):
        return None, path
    subs = res.resolve(phrase, topic)
    if not subs:
        return None, path
    s = subs[0]
    if s.cell is None and not path and len(s.name) > 24:
        return None, path  # a long phrase that names nothing we know: not a subject
    return s, path


def _statement(src: Source, para: Para, a: int, b: int, sec: Section, res: Resolver, carry: _Carry) -> Statement:
    sent = para.text[a:b]
    idx = para.lines[min(a + len(sent) - len(sent.lstrip()), len(para.lines) - 1)]
    ln = src.lines[idx]
    # (each pattern below is asked only of a sentence holding its literal word — 决算, 预算,
    # 完成, 主要原因 — without which it cannot match: most sentences hold few of them)
    has_final = "决算" in sent
    rel_m = next((m for m in (p.search(sent) for p in RELATION_RES) if m), None) if has_final else None
    subj, path = _subject_of(sent[: rel_m.start()] if rel_m else sent, res, sec.topic)
    if subj is not None:
        carry.subject, carry.path = subj, path or ([] if subj is not carry.subject else carry.path)
    cur = carry.subject
    key = cur.name if cur else ""
    budgets = carry.budgets.setdefault(key, {})
    if "预算" in sent:
        budgets.update(_budgets(sent))
    fm = FINAL_RE.search(sent) if has_final else None
    if fm:
        carry.finals[key] = _wan(fm.group(1), fm.group(2))
    cm = COMPLETION_RE.search(sent) if "完成" in sent else None
    relation = None
    if rel_m:
        word = _RELATION[rel_m.group(2)]
        relation = "基本持平" if rel_m.group(1) and word in ("持平", "等于") else word
    budget_kind, budget = _budget_for(budgets, rel_m.group(0) if rel_m else "")
    reason = _REASON_RE.search(sent) if "主要原因" in sent else None
    return made(Statement, dict(  # (model.made: one statement per sentence of the narrative)
        text=sent.strip(), page=ln.page, line=ln.no, section=sec.title, topic=sec.topic,
        subject=key, path=list(carry.path) if cur else [], cell=cur.cell if cur else None,
        budget=budget, budget_kind=budget_kind,
        final=carry.finals.get(key), completion=_dec(cm.group(1)) if cm else None,
        relation=relation, reason=reason.group(1).strip(" 。") if reason else "",
    ))


def _budgets(sent: str) -> list[tuple[str, Decimal | None]]:
    """The budgets ``sent`` states, in order, by kind (年初预算, 全年预算, 调整后预算 or 预算),
    but those it says were met (完成年初预算 …). (A kind never overlaps the amount stated
    before it, which ends in 元.)"""
    out = []
    for bm in BUDGET_RE.finditer(sent):
        at = bm.start()
        kind = next((k for k in BUDGET_KINDS if at >= len(k) and sent.startswith(k, at - len(k))), "")
        if not _DONE_BEFORE.search(sent, 0, at - len(kind)):
            out.append((kind + "预算", _wan(bm.group(1), bm.group(2))))
    return out


def _budget_for(budgets: dict[str, Decimal | None], relation: str) -> tuple[str, Decimal | None]:
    """The budget a relation compares with: the one its words name (年初/全年/调整后), the
    only one stated, or none when several are stated and the words do not say which."""
    for kind in ("年初预算", "全年预算", "调整后预算"):
        if kind[:-2] in relation and kind in budgets:
            return kind, budgets[kind]
    if len(budgets) == 1:
        return next(iter(budgets.items()))
    return "", None


# a glossary entry: '一、财政拨款收入：指…', '- (七)使用非财政拨款结余(含专用结余):…', '6.**其他收入**：…'
_GLOSSARY_TERM_RE = lazy.pattern(
    r"^[\s\-*•·]*(?:第?[一二三四五六七八九十\d]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）])?\s*"
    r"(?P<term>[^:：，,。；;]{2,60}?)\s*[:：]")
GLOSSARY_TOPIC = "名词解释"


def glossary_term(text: str) -> str:
    """The term a glossary entry defines ('' when the entry has no 'term：' head)."""
    m = _GLOSSARY_TERM_RE.match(text)
    if not m:
        return ""
    return re.sub(r"[\"“”'‘’\s]", "", m.group("term"))


def _glossary(ctx: NarrativeContext, sec: Section, a: int, b: int) -> list[Statement]:
    """Each glossary entry as a statement whose subject is the term it defines (topic
    ``GLOSSARY_TOPIC``): the completeness rules read which terms the glossary explains."""
    out = []
    for para in ctx.paragraphs(a, b):
        ln = ctx.src.lines[para.lines[0]]
        out.append(made(Statement, dict(  # (model.made: one statement per entry, dozens a glossary)
            text=para.text.strip(), page=ln.page, line=ln.no, section=sec.title, topic=GLOSSARY_TOPIC,
            subject=glossary_term(para.text),
        )))
    return out


def extract_statements(ctx: NarrativeContext) -> list[Statement]:
    """Each sentence of the narrative sections of ``ctx``'s document, and each glossary entry."""
    out: list[Statement] = []
    for sec, a, b in ctx.ranges:
        if sec.kind == "glossary":
            out.extend(_glossary(ctx, sec, a, b))
            continue
        if sec.kind != "narrative":
            continue
        for para in ctx.paragraphs(a, b):
            carry = _Carry()
            for sa, sb in _sentences(para.text):
                out.append(_statement(ctx.src, para, sa, sb, sec, ctx.resolver, carry))
    return out


__all__ = ["extract_statements", "glossary_term", "GLOSSARY_TOPIC", "RELATION_RES", "BUDGET_RE", "FINAL_RE", "COMPLETION_RE"]
