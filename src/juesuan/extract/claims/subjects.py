"""Subjects: a noun phrase before a figure → canonical name and, where one exists, the table
cell it talks about."""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from juesuan import catalogue, lazy
from juesuan.glossary import CLASS_BY_NAME, FUNCTIONAL_CLASSES, SHARE_BASES
from juesuan.model import CellRef, Disclosure
from juesuan.textnorm import norm

# ---- subjects -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Subj:
    name: str
    cell: CellRef | None = None
    t09_item: str | None = None  # for budget claims of 三公 items


def _c(t: str, r: str, c: str) -> CellRef:
    return CellRef(table=t, row=r, column=c)


_T09 = {
    "合计": "合计", "因公出国（境）费": "因公出国（境）费", "公务用车购置及运行费": "公务用车购置及运行费",
    "公务用车购置费": "公务用车购置费", "公务用车运行维护费": "公务用车运行维护费", "公务接待费": "公务接待费",
}
_T01_INCOME = ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
_T03_COLS = ("上缴上级支出", "经营支出", "对附属单位补助支出")
_CLASS_NAMES = sorted((n for _, n in FUNCTIONAL_CLASSES), key=len, reverse=True)
# each class name with its short form, without 支出 (教育支出 → 教育), longest names first
_CLASSES = tuple((n, n.removesuffix("支出")) for n in _CLASS_NAMES)
_CLASS_NAME_RE = lazy.pattern("|".join(map(re.escape, _CLASS_NAMES)))
_CLASS_SHORTS = frozenset(short for _, short in _CLASSES)
_KXP_RE = lazy.pattern(r"(.+?)\(类\)\s*(.+?)\(款\)\s*(.+?)\(项\)")
_KX_RE = lazy.pattern(r"(.+?)\(类\)\s*(.+?)\(款\)")


def _t09(item: str) -> Subj:
    name = "三公经费" if item == "合计" else item
    return Subj(name, _c("T09", "决算数", item), item)


def res_doc_has_other_funds(res) -> bool:
    doc = getattr(res, "doc", None)
    if doc is None:
        return False
    return any(doc.tables[t].has_data for t in ("T07", "T08") if t in doc.tables)


def _func_table(topic: str) -> tuple[str, str] | None:
    """(table, value column) for 功能分类 rows under a narrative topic."""
    if topic in ("一般公共预算支出", "基本支出"):
        return ("T05", "小计")
    if topic == "国有资本经营":
        return ("T08", "合计")
    if topic == "政府性基金":
        return ("T07", "小计")
    if topic == "财政拨款总体":
        return ("T04", "合计")
    if topic in ("收入支出总体", "支出"):
        return ("T03", "本年支出合计")
    return None


def _basic_table(topic: str) -> str:
    if topic in ("收入支出总体", "支出", "收入", ""):
        return "T03"
    if topic == "政府性基金":
        return "T07"
    if topic == "国有资本经营":
        return "T08"
    return "T05"


Labels = tuple[dict[str, str], dict[int, list[str]]]  # a table's labels by code, its codes by width


def _by_width(labels: dict[str, str]) -> Labels:
    """A table's labels with its codes listed by width, in printed order: every path the
    narrative names asks for the 5- and 7-digit codes, and a table prints hundreds of rows."""
    widths: dict[int, list[str]] = {}
    for k in labels:
        if k.isdigit():
            widths.setdefault(len(k), []).append(k)
    return labels, widths


Candidates = list[tuple[dict[str, str], str]]  # (a table's labels by code, a code of it)


def _match(cands: Candidates, name: str) -> str | None:
    """The code among ``cands`` (codes of one width under one prefix, with their tables'
    printed labels, the preferred table first) that a row names ``name``: a printed label in
    any of them, else the code's catalogue name (a wrapped label may keep only a piece of the
    name, or none), else the closest printed label (ratio ≥ 0.75). Exact evidence in a sibling
    table outranks a near name in the first: 2070114 文化和旅游管理事务, unlabelled in one
    table, is not 2070112 文化和旅游市场管理."""
    want = norm(name)
    hit = next((k for labels, k in cands if labels[k] == want), None)
    if hit is None:
        hit = next((k for _, k in cands if catalogue.name_matches(k, want)), None)
    if hit is not None:
        return hit
    named: dict[str, str] = {}
    for labels, k in cands:
        if labels[k]:
            named.setdefault(k, labels[k])  # the preferred table's label first
    return _closest(want, list(named), named, 0.75)


def _closest(name: str, cands: list[str], labels: dict[str, str], cutoff: float) -> str | None:
    """The candidate whose row name is most like ``name`` (difflib ratio, ties to the larger
    code), when at least ``cutoff`` alike. A row name whose length alone bounds the ratio
    below the cutoff cannot be it and is not compared."""
    best: tuple[float, str] | None = None
    for k in cands:
        m = difflib.SequenceMatcher(None, labels[k], name)
        if m.real_quick_ratio() < cutoff or m.quick_ratio() < cutoff:
            continue
        got = (m.ratio(), k)
        if best is None or got > best:
            best = got
    return best[1] if best is not None and best[0] >= cutoff else None


class Resolver:
    """Maps a subject phrase to canonical names and cells, given the section topic and the
    document's extracted tables (for 7-digit 项 codes). What a phrase or a 类/款/项 path
    resolves to is kept: the claims and the statements readers of one build share one resolver
    (``NarrativeContext.resolver``), made once the tables are final."""

    def __init__(self, doc: Disclosure | None):
        self.doc = doc
        self._labels: dict[str, Labels] = {}
        if doc is not None:
            for tid in ("T05", "T03", "T02", "T08", "T07"):
                t = doc.tables.get(tid)
                if t is not None and t.present:
                    # every printed row, named or not: a row whose wrapped name was not read
                    # is still found by its catalogue name
                    self._labels[tid] = _by_width({k: norm(t.row_labels.get(k, "")) for k in t.rows()})
        self._codes: dict[tuple[str, str, str | None, str], str | None] = {}
        self._cands: dict[tuple[str, int, str | None], Candidates] = {}
        self._subjects: dict[tuple[str, str], list[Subj]] = {}

    # 功能分类 code lookup -----------------------------------------------------------------
    def _code_for(self, cls: str, kuan: str, xiang: str | None, table: str) -> str | None:
        """The code of a 类/款/项 path in the tables; asked again for every mention of the
        path (by the claims and the statements readers), so kept by path."""
        key = (cls, kuan, xiang, table)
        if key not in self._codes:
            self._codes[key] = self._find_code(cls, kuan, xiang, table)
        return self._codes[key]

    def _find_code(self, cls: str, kuan: str, xiang: str | None, table: str) -> str | None:
        cls_n = norm(cls)
        if not cls_n.endswith("支出") and cls_n + "支出" in CLASS_BY_NAME:
            cls_n += "支出"
        ccode = CLASS_BY_NAME.get(cls_n)
        if ccode is None:
            best = difflib.get_close_matches(cls_n, list(CLASS_BY_NAME), n=1, cutoff=0.7)
            ccode = CLASS_BY_NAME[best[0]] if best else None
        if xiang is None:
            return _match(self._candidates(table, 5, ccode), kuan)
        # the path's 款 narrows the 项: "其他城乡社区管理事务支出(项)" under 城乡社区管理事务(款)
        # is 2120199, never the similar-sounding 2129999 of another 款
        kcode = _match(self._candidates(table, 5, ccode), kuan)
        return ((_match(self._candidates(table, 7, kcode), xiang) if kcode else None)
                or _match(self._candidates(table, 7, ccode), xiang))

    def _candidates(self, table: str, width: int, prefix: str | None) -> Candidates:
        """The ``width``-digit codes under ``prefix`` of the tables (``table`` first), with
        their labels, in printed order. Kept by what is asked: the paths of one 款 share its
        codes, and a table prints hundreds of rows to go through."""
        key = (table, width, prefix)
        got = self._cands.get(key)
        if got is None:
            order = [table] + [t for t in ("T05", "T03", "T02", "T08", "T07") if t != table]
            tables = [self._labels[t] for t in order if t in self._labels]
            got = self._cands[key] = [(labels, k) for labels, widths in tables for k in widths.get(width, ())
                                      if prefix is None or k.startswith(prefix)]
        return got

    def resolve(self, phrase: str, topic: str) -> list[Subj]:
        """Canonical subject(s) of a cleaned phrase (empty list: no subject in the phrase).

        The rules of ``_SUBJECT_TABLE`` are tried in order (order matters: 三公 items before
        财政拨款支出, 总计 before 合计, 类/款/项 paths before bare class names); the first
        that matches decides. Kept by phrase (subjects are immutable)."""
        key = (phrase, topic)
        got = self._subjects.get(key)
        if got is None:
            got = self._subjects[key] = self._resolve(phrase, topic)
        return list(got)

    def _resolve(self, phrase: str, topic: str) -> list[Subj]:
        p = phrase.replace('"', "").replace("“", "").replace("”", "").replace("'", "")
        p = p.replace("（", "(").replace("）", ")").replace(" ", "")
        if not p:
            return []
        if topic == "预算绩效":
            return [Subj(_shorten(p))]
        for screen, rules in _RULE_RUNS:
            if screen is not None and screen.search(p) is None:
                continue  # (none of these rules' patterns is in the phrase: none answers)
            for rule in rules:
                got = rule(self, p, topic)
                if got is not None:
                    return got
        return [Subj(_shorten(p))]

    # the rules that need more than a pattern --------------------------------------------
    def _path(self, p: str, topic: str) -> list[Subj] | None:
        """'X(类)Y(款)Z(项)' or 'X(类)Y(款)': the code of that path in the tables."""
        # (both paths name a 类: without one, each lazy pattern would try every start position
        # of the phrase, on to its end — most phrases asked)
        return self._path_of(p, topic) if "(类)" in p else None

    def _path_of(self, p: str, topic: str) -> list[Subj] | None:
        m = _KXP_RE.search(p)
        kx = _KX_RE.search(p) if m is None and not re.search(r"\(项\)", p) else None
        if m is None and kx is None:
            return None
        ft = _func_table(topic) or ("T05", "小计")
        if m is not None:
            name = f"{m.group(1)}(类){m.group(2)}(款){m.group(3)}(项)"
            code = self._code_for(m.group(1), m.group(2), m.group(3), ft[0])
        else:
            assert kx is not None
            name = f"{kx.group(1)}(类){kx.group(2)}(款)"
            code = self._code_for(kx.group(1), kx.group(2), None, ft[0])
        return [Subj(name, _c(ft[0], code, ft[1]) if code else None)]

    def _class(self, p: str, topic: str) -> list[Subj] | None:
        pc = p.replace("(类)", "")
        # (a class is named only by a phrase holding its name or being its short form — a
        # phrase ending in the short form and 支出 holds the name: most phrases asked are
        # neither, told by one search instead of a loop over the classes)
        if pc not in _CLASS_SHORTS and _CLASS_NAME_RE.search(pc) is None:
            return None
        return self._class_of(pc, topic)

    def _class_of(self, pc: str, topic: str) -> list[Subj] | None:
        for name, short in _CLASSES:
            if name in pc or (short and pc.endswith(short + "支出")) or pc == short:
                ft = _func_table(topic)
                code = CLASS_BY_NAME[name]
                if ft is None:
                    return [Subj(name)]
                if ft[0] == "T03" and topic == "收入支出总体":
                    return [Subj(name, _c("T01", code, "金额"))]
                return [Subj(name, _c(ft[0], code, ft[1]))]
        return None

    def _basic_project(self, p: str, topic: str) -> list[Subj] | None:
        for kind in ("基本支出", "项目支出"):
            if kind in p:
                if topic == "财政拨款总体" and res_doc_has_other_funds(self):
                    # All fiscal money = general budget (T05) + funds (T07) + state capital
                    # (T08): no single cell holds it when the fund tables have data.
                    return [Subj(kind)]
                return [Subj(kind, _c(_basic_table(topic), "合计", kind))]
        return None

    def _bare_total(self, p: str, topic: str) -> list[Subj] | None:
        """'收入' / '支出' alone: the grand total in the overview section, else this year's."""
        for words, grand, year in (
            (("收入", "总收入"), ("收入总计", "收入总计"), "本年收入合计"),
            (("支出", "总支出"), ("支出总计", "支出总计"), "本年支出合计"),
        ):
            if p in words:
                if topic == "收入支出总体":
                    return [Subj(grand[0], _c("T01", grand[1], "金额"))]
                return [Subj(year, _c("T01", year, "金额"))]
        return None


def _fixed(pattern: str, *subjects: Subj, topic: str | None = None):
    """A rule: when ``pattern`` matches (and the section topic is ``topic``, if given), these
    subjects. (The rules are tried in order until one answers: a pattern is compiled when a
    phrase first reaches it, juesuan.lazy.)"""
    pat = lazy.pattern(pattern)

    def rule(_res: Resolver, p: str, t: str) -> list[Subj] | None:
        if pat.search(p) and (topic is None or t == topic):
            return list(subjects)
        return None

    rule.pattern = pattern  # type: ignore[attr-defined]  # (for _runs' screens)
    return rule


def _procurement_rule(_res: Resolver, p: str, topic: str) -> list[Subj] | None:
    if "政府采购" in p or topic == "政府采购":
        return [Subj(_procurement(p))]
    return None


def _t01_income_rule(_res: Resolver, p: str, _topic: str) -> list[Subj] | None:
    for item in _T01_INCOME:
        if item in p:
            return [Subj(item, _c("T01", item, "金额"))]
    for col in _T03_COLS:
        if col in p:
            return [Subj(col, _c("T03", "合计", col))]
    return None


_T01_IN = _c("T01", "收入总计", "金额")
_T01_OUT = _c("T01", "支出总计", "金额")

# Order matters (see Resolver.resolve).
_SUBJECT_TABLE = (
    _fixed(r"三公", _t09("合计")),
    _fixed(r"因公出国\(境\)费|因公出国费", _t09("因公出国（境）费")),
    _fixed(r"公务用车购置及运行(?:维护)?费", _t09("公务用车购置及运行费")),
    _fixed(r"公务用车购置(?:费|支出)", _t09("公务用车购置费")),
    _fixed(r"公务用车运行(?:维护)?(?:费|支出)", _t09("公务用车运行维护费")),
    _fixed(r"外宾接待|外事接待", Subj("外事接待")),
    _fixed(r"国内公务接待", Subj("国内公务接待")),
    _fixed(r"公务接待费", _t09("公务接待费")),
    _fixed(r"机关运行经费", Subj("机关运行经费")),
    _procurement_rule,
    _fixed(r"财政拨款收入?[、,]?支出?总计", Subj("财政拨款收入总计", _c("T04", "收入总计", "金额")),
           Subj("财政拨款支出总计", _c("T04", "支出总计", "合计"))),
    _fixed(r"收入?[、,]?支出?总计", Subj("收入总计", _T01_IN), Subj("支出总计", _T01_OUT)),
    _fixed(r"收入总计", Subj("收入总计", _T01_IN)),
    _fixed(r"支出总计", Subj("支出总计", _T01_OUT)),
    Resolver._path,
    _fixed(r"一般公共预算财政拨款基本支出", Subj("一般公共预算财政拨款基本支出", _c("T05", "合计", "基本支出"))),
    _fixed(r"一般公共预算财政拨款项目支出", Subj("一般公共预算财政拨款项目支出", _c("T05", "合计", "项目支出"))),
    _fixed(r"一般公共预算财政拨款收入",
           Subj("一般公共预算财政拨款收入", _c("T01", "一般公共预算财政拨款收入", "金额"))),
    _fixed(r"一般公共预算财政拨款支出", Subj("一般公共预算财政拨款支出", _c("T05", "合计", "小计"))),
    _fixed(r"一般公共预算财政拨款", Subj("一般公共预算财政拨款支出", _c("T05", "合计", "小计")),
           topic="一般公共预算支出"),
    _fixed(r"政府性基金预算财政拨款收入",
           Subj("政府性基金预算财政拨款收入", _c("T01", "政府性基金预算财政拨款收入", "金额"))),
    _fixed(r"政府性基金预算财政拨款(?:本年)?支出", Subj("政府性基金预算财政拨款支出", _c("T07", "合计", "小计"))),
    _fixed(r"国有资本经营预算财政拨款收入",
           Subj("国有资本经营预算财政拨款收入", _c("T01", "国有资本经营预算财政拨款收入", "金额"))),
    _fixed(r"国有资本经营预算财政拨款(?:本年)?支出", Subj("国有资本经营预算财政拨款支出", _c("T08", "合计", "合计"))),
    _fixed(r"(?:年初|上年)结转(?:和)?结余", Subj("年初结转和结余", _c("T01", "年初结转和结余", "金额"))),
    _fixed(r"结转(?:和)?结余", Subj("年末结转和结余", _c("T01", "年末结转和结余", "金额"))),
    _fixed(r"使用非财政拨款结余", Subj("使用非财政拨款结余", _c("T01", "使用非财政拨款结余", "金额"))),
    _fixed(r"(?:本年)?收入合计|^本年收入$", Subj("本年收入合计", _c("T01", "本年收入合计", "金额"))),
    _fixed(r"(?:本年)?支出合计|^本年支出$", Subj("本年支出合计", _c("T01", "本年支出合计", "金额"))),
    _fixed(r"财政拨款收入", Subj("财政拨款收入", _c("T02", "合计", "财政拨款收入"))),
    _fixed(r"财政拨款支出", Subj("财政拨款支出", _c("T04", "本年支出合计", "合计"))),
    _t01_income_rule,
    _fixed(r"人员经费", Subj("人员经费", _c("T06", "人员经费合计", "决算数"))),
    _fixed(r"公用经费", Subj("公用经费", _c("T06", "公用经费合计", "决算数"))),
    _fixed(r"工资福利支出", Subj("工资福利支出", _c("T06", "301", "决算数"))),
    _fixed(r"商品和服务支出", Subj("商品和服务支出", _c("T06", "302", "决算数"))),
    _fixed(r"对个人和家庭的?补助", Subj("对个人和家庭的补助", _c("T06", "303", "决算数"))),
    _fixed(r"资本性支出", Subj("资本性支出", _c("T06", "310", "决算数"))),
    Resolver._class,
    Resolver._basic_project,
    Resolver._bare_total,
)


def _runs(table: tuple) -> tuple[tuple[re.Pattern[str] | None, tuple], ...]:
    """``table`` cut into runs of rules, in order: each run of ``_fixed`` rules with one
    pattern that matches where any of theirs does (a screen: the phrases most rules are asked
    of match none of them, and one search costs less than asking each), each other rule on
    its own (no screen)."""
    runs: list[tuple[re.Pattern[str] | None, tuple]] = []
    fixed: list = []

    def close() -> None:
        if fixed:
            runs.append((lazy.pattern("|".join(f"(?:{rule.pattern})" for rule in fixed)), tuple(fixed)))
            fixed.clear()

    for rule in table:
        if hasattr(rule, "pattern"):
            fixed.append(rule)
            continue
        close()
        runs.append((None, (rule,)))
    close()
    return tuple(runs)


_RULE_RUNS = _runs(_SUBJECT_TABLE)


def _shorten(p: str) -> str:
    p = p.strip("()（）、,，:： ")
    return p[-40:] if len(p) > 40 else p


def _procurement(p: str) -> str:
    if "小微企业" in p:
        return "小微企业合同金额"
    if "中小企业" in p:
        for k in ("货物", "工程", "服务"):
            if k + "采购" in p or p.startswith(k):
                return f"中小企业{k}合同金额"
        return "中小企业合同金额"
    for k in ("货物", "工程", "服务"):
        if k in p:
            return f"政府采购{k}支出"
    if "总额" in p or p.startswith("政府采购支出") or p == "政府采购" or re.search(r"政府采购(?:合同)?金额", p):
        return "政府采购支出总额"
    return _shorten(p)


# tried in order until one matches: each pattern compiled when a phrase first reaches it
_BASE_ALIASES = (
    (lazy.pattern(r"三公"), "三公经费"),
    (lazy.pattern(r"收入?[、,]?支出?总计"), "收入总计"),
    (lazy.pattern(r"收入总计"), "收入总计"),
    (lazy.pattern(r"支出总计"), "支出总计"),
    (lazy.pattern(r"^(?:本年)?收入(?:合计)?$|本年收入|收入合计"), "本年收入合计"),
    (lazy.pattern(r"^(?:本年)?支出(?:合计)?$|本年支出|支出合计"), "本年支出合计"),
    (lazy.pattern(r"小微企业"), "小微企业合同金额"),
    (lazy.pattern(r"中小企业"), "中小企业合同金额"),
    (lazy.pattern(r"政府采购(?:支出)?总额"), "政府采购支出总额"),
    (lazy.pattern(r"^货物支出"), "政府采购货物支出"),
    (lazy.pattern(r"^工程支出"), "政府采购工程支出"),
    (lazy.pattern(r"^服务支出"), "政府采购服务支出"),
    (lazy.pattern(r"一般公共预算财政拨款支出"), "一般公共预算财政拨款支出"),
    (lazy.pattern(r"财政拨款支出"), "财政拨款支出"),
    (lazy.pattern(r"基本支出"), "基本支出"),
)

# Cells of the common bases, for consumers that check shares (topic-independent ones).
BASE_CELLS: dict[str, CellRef] = {name: _c(*ref) for name, ref in SHARE_BASES.items()}


def _base_name(phrase: str) -> str | None:
    p = phrase.replace('"', "").replace("“", "").replace("”", "").replace(" ", "")
    p = re.sub(r"的$", "", p)
    p = re.sub(r"^授予", "", p)
    if not p:
        return None
    for pat, name in _BASE_ALIASES:
        if pat.search(p):
            return name
    return _shorten(p)


_TOPIC_WHOLE = {
    "收入": "本年收入合计",
    "支出": "本年支出合计",
    "一般公共预算支出": "一般公共预算财政拨款支出",
    "三公": "三公经费",
    "政府采购": "政府采购支出总额",
}

class _Finds(Protocol):
    def finditer(self, text: str, /) -> Iterator[re.Match[str]]: ...


_CLAUSE_ENDS = "。:：;；,，"


class _ClauseHeading:
    """A heading that opens a clause — at the start of the text or just after one of
    ``opens`` — and runs within the clause to ``words``: ``finditer`` finds the matches of
    ``(?:^|[opens])`` + ``rest`` (``pattern``), the quick way. ``rest`` holds ``words`` and
    no clause end before them, so a text without ``words`` holds no match, and each start
    first looks ahead for them in its clause (one scan) before the name's lazy repeat is
    tried step by step to the clause's end; the start of the text is asked apart (``^`` in
    the alternation makes the regex engine try every position of the text, a class alone
    lets it skip from one clause end to the next). tests/speed: the same matches."""

    def __init__(self, opens: str, rest: str, words: str) -> None:
        self.pattern = f"(?:^|[{opens}])" + rest
        self._words = words
        ahead = f"(?=[^{_CLAUSE_ENDS}]*{words})"
        self._at_start = lazy.pattern(ahead + rest)
        self._after_open = lazy.pattern(f"[{opens}]" + ahead + rest)

    def finditer(self, text: str, /) -> Iterator[re.Match[str]]:
        if self._words not in text:
            return iter(())
        first = self._at_start.match(text)
        if first is None:
            return self._after_open.finditer(text)
        return itertools.chain((first,), self._after_open.finditer(text, first.end()))  # (never empty)


# A project's heading in the narrative's 绩效 part ("“X”项目绩效自评综述", "X项目自评得分…"):
# where one project's statements begin (claims and the performance reader both use it).
PROJECT_HEADINGS: tuple[_Finds, ...] = (
    lazy.pattern(r"[“\"]([^”\"]{2,80})[”\"]\s*项目(?:绩效)?自评综述"),
    _ClauseHeading("。:：;；", r"\s*(?:[-*•\s]*(?:\d{1,2}|[(（]\d{1,2}[)）])\s*[.、．]?\s*)?([^。:：;；,，]{2,80}?)(?:项目)?绩效自评综述",
                   "绩效自评综述"),
    _ClauseHeading("。:：;；,，", r"\s*([^。:：;；,，]{2,60}?)项目(?:绩效)?自评得分", "自评得分"),
)


def resolve_subject(name: str, topic: str, doc: Disclosure | None = None) -> CellRef | None:
    """The cell of a subject or base name under a topic (e.g. a share's ``base``)."""
    if name in BASE_CELLS:
        return BASE_CELLS[name]
    subs = Resolver(doc).resolve(name, topic)
    return subs[0].cell if subs else None
