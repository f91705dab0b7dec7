"""The self-evaluation tables of the attachments (source="attachment"): where each table
starts and its headline figures. Layouts handled:
- label/value rows, tabbed or flattened onto one line ('项目预算金额(万元) 133.12 全年执行数(万元)
  126.33 执行率 94.9%', '指标自评得分小计 85 预算执行率得分 9.49 减分项 0 绩效自评总得分 94.49');
  the 预算执行率 weight is not printed there and is taken as 10 (the 10-point rule).
- 项目单位自评表 with a header row (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分)
  and a 年度资金总额 row; total from the 总分 row.
- OCR'd 项目绩效自评表 with a 预算数(A) / 执行数(B) / 执行率(B/A) / 得分 (20 分*执行率) header;
  a rate printed as a fraction (0.95) is read as a percentage.
- summary tables (项目单位自评汇总表) with one project per row, by column header.
- 部门(单位)整体绩效自评表: name '部门整体:<unit>', kind "overall".
- any of these printed one cell a line (empty cells dropped): the rows are rebuilt first
  (:mod:`.percell`), and what the rebuilding leaves open is marked uncertain.
The rest of each table (texts, funds, indicators) is read by :mod:`.detail`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from juesuan import lazy
from juesuan.extract.claims import strip_noise
from juesuan.extract.claims.paragraphs import noise_changes_key
from juesuan.extract.performance.common import (
    NEEDS_CLEAN,
    NOISE_MARK,
    NUMTOK,
    N,
    Row,
    clean_name,
    d,
    nums,
    rows_of,
)
from juesuan.extract.performance.detail import fill
from juesuan.extract.performance.funds import FUNDS_UNREAD, fund_row, funds_unread
from juesuan.extract.performance.identities import settle_total
from juesuan.extract.performance.percell import (
    BY_COLUMN,
    Rebuilt,
    by_column,
    form_text,
    maybe_by_column,
    maybe_cell_per_line,
    name_rows,
    rebuild,
)
from juesuan.memo import memo
from juesuan.model import OVERALL_PREFIX, PerformanceItem, Printed, printed_at
from juesuan.money import q2
from juesuan.read.types import Line, Source
from juesuan.textnorm import norm

_BLOCK_START = lazy.pattern(r"(?:绩效)?自评(?:表|汇总表)|自评情况表")
_NAME = lazy.pattern(r"^项目(?:\(政策\))?名称\s*(.*)$")
_UNIT_NAME = lazy.pattern(r"^(?:部门\(单位\)|单位)名称\s*(.*)$")
_TITLE_NAME = lazy.pattern(r"^(?:\d{4}\s*年度)?(.+?)项目(?:\(政策\))?绩效自评表")
_LABELS = {
    "initial_budget": lazy.pattern(r"部门年初预算支出金额(?:\(万元\))?\s*" + N),
    "budget": lazy.pattern(r"(?:项目预算金额|全年预算数)(?:\(万元\))?\s*" + N),
    "executed": lazy.pattern(r"全年执行数(?:\(万元\))?\s*" + N),
    "rate": lazy.pattern(r"(?<!预算)执行率\s*(" + r"-?\d+(?:\.\d+)?\s*%?" + r")"),
    "indicator_score": lazy.pattern(r"指标自评得分小计\s*" + N),
    "rate_score": lazy.pattern(r"预算执行率得分\s*" + N),
    "deduction": lazy.pattern(r"减分项\s*" + N),
    "total_score": lazy.pattern(r"(?:绩效自评总得分|总评价得分)\s*" + N),
}


# any of the labels (one pass over a line; most lines of a form hold none of them)
_ANY_LABEL = lazy.pattern("|".join(f"(?:{p.pattern})" for p in _LABELS.values()))
# a word every label above holds one of: a line without any is not scanned (the pass tries
# the labels at every position of the line). One pattern of plain words: the engine skips to
# their first characters, a third of the cost of asking for each word in turn.
_LABEL_WORD = lazy.pattern("金额|预算数|执行数|执行率|得分|减分项")
# the words the headline pass looks for in a line's key: a title (自评), a name (项目名称,
# 单位名称), a header (全年预算数, 预算数(A), 执行数(B)), a funds row (资金总额, 预算资金), the 总分
# row, a label (_LABEL_WORD's). A line holding none of them (most lines of a form: indicator
# rows, texts) is passed over after one scan instead of a look for each word in turn; only
# the figures row under an (A)/(B) header is read without one. (Tested against the looks one
# by one: tests/speed/test_perf_prefilters.py.)
_HEADLINE_WORDS = ("自评", "名称", "总分", "预算数", "执行数", "资金总额", "预算资金", "金额", "执行率", "得分", "减分项")
_HEADLINE_WORD = lazy.pattern("|".join(_HEADLINE_WORDS))


class _Block:
    def __init__(self, line_idx: int, title: str):
        self.idx = line_idx
        self.title = title
        self.name: str | None = None
        self.unit_name: str | None = None
        self.vals: dict[str, Decimal] = {}
        self.rate_pct = False
        self.header: str | None = None  # "fund" | "ab"
        self.weight: Decimal | None = None
        self.note = ""  # a repair made to this block's figures, with its evidence
        self.rows: list[PerformanceItem] = []
        self.pending_fund = False
        self.printed: dict[str, Printed] = {}  # key of vals → how it was printed
        self.total_print: tuple[str, Line, bool] | None = None  # 总分 in pieces: raw, line, joined

    def set(self, key: str, v: Decimal | None, ln: Line | None = None, raw: str = "") -> None:
        if v is not None and key not in self.vals:
            self.vals[key] = v
            if ln is not None:
                self.printed[key] = printed_at(raw or format(v, "f"), ln.page, ln.no)


def _repair_lost_digits(cur, budget: Decimal | None, executed: Decimal | None,
                        rate: Decimal | None) -> Decimal | None:
    """OCR sometimes loses the leading digits of a number ('881.16' read as '1. 16'). When
    the printed rate and 执行数 imply a budget whose printed digits are its tail, the
    budget is that implied value — recorded on the item as an uncertain repair."""
    if budget is None or executed is None or not rate:
        return budget
    implied = executed / rate * 100
    if abs(implied - budget) <= Decimal("0.01") * max(abs(implied), Decimal(1)) or implied <= budget:
        return budget
    tail = format(budget, "f").replace(".", "")
    fixed = q2(implied)  # through money: an extreme ratio must not raise here (issue 16)
    whole = format(fixed, "f").replace(".", "")
    if len(tail) >= 3 and whole.endswith(tail):
        cur.note = f"OCR: 预算数 '{budget}' lost leading digits → {fixed} (执行数 {executed} ÷ 执行率 {rate}%)"
        return fixed
    return budget


def _value_below(lines: list[Line], i: int, b: int) -> str:
    """The value of a label printed alone on its line ('项目名称'), when the form prints each
    cell on a line of its own: the next line, if it is one cell of text and not a label."""
    j = next((k for k in range(i + 1, b) if lines[k].text.strip()), None)
    if j is None or sum(1 for c in lines[j].cells if c.strip()) > 1:
        return ""
    t = norm(lines[j].text)
    if NUMTOK.match(t) or re.match(r"^(?:主管部门|实施单位|项目资金|年度资金|预算执行|项目预算|年度总体目标|绩效指标)", t):
        return ""
    return t


def _rate_value(raw: str, budget: Decimal | None, executed: Decimal | None) -> Decimal | None:
    v = d(raw)
    if v is None:
        return None
    if "%" not in raw and v <= Decimal("1.5"):
        if budget and executed is not None and budget != 0:
            ratio = executed / budget
            if abs(ratio - v) < abs(ratio * 100 - v):
                return v * 100
        elif v <= 1:
            return v * 100
    return v


def _summary_table(lines: list[Line], i: int, hdr: Sequence[str]) -> tuple[list[PerformanceItem], int]:
    """项目单位自评汇总表: one project a row, by column header."""
    col = {}
    for k, h in enumerate(hdr):
        hn = norm(h)
        if hn == "项目名称":
            col["name"] = k
        elif hn.startswith("全年预算数"):
            col["budget"] = k
        elif hn.startswith("全年执行数"):
            col["executed"] = k
        elif hn.startswith("预算执行率") or hn == "执行率":
            col["rate"] = k
        elif hn.startswith("自评得分") or hn == "得分":
            col["total"] = k
    items = []
    j = i + 1
    while j < len(lines):
        cells = lines[j].cells
        if len(cells) < len(hdr) - 2 or not lines[j].text.strip():
            if not lines[j].text.strip():
                j += 1
                continue
            break
        get = lambda key: cells[col[key]] if key in col and col[key] < len(cells) else None  # noqa: B023, E731
        name = get("name")
        if not name:
            break
        b, e = d(get("budget")), d(get("executed"))
        items.append(PerformanceItem(
            name=clean_name(name), budget=b, executed=e,
            rate=_rate_value(get("rate") or "", b, e) if get("rate") else None,
            total_score=d(get("total")), source="attachment", page=lines[j].page, line=lines[j].no,
        ))
        j += 1
    return items, j


def _title(ln: Line) -> str | None:
    """The normalised text of a line that opens a self-evaluation table ('项目支出绩效自评表'):
    one or two cells — or a title OCR split over a few cells, with no figure."""
    tn = _line_key(ln.text) if "自评" in ln.text else None
    if tn is None:
        return None
    if _BLOCK_START.search(tn) and len(tn) <= 60 and (
            len(ln.chunks) <= 2 or (sum(1 for c in ln.cells if c.strip()) <= 3 and not re.search(r"\d", tn))):
        return tn
    return None


@memo(1 << 14)
def _line_key(text: str) -> str | None:
    """A line's text as the headline pass matches it: noise removed (``_line_clean``), then
    normalised; None when blank. Cached by text: a form prints the same lines (headers, blank
    rows, 10, 100) table after table. (Most lines only need their whitespace cleaned, which
    normalising drops anyway: their noise is not removed for the key — ``noise_changes_key``.)"""
    raw = text.replace("\t", " ").strip()
    if not raw:
        return None
    # (``raw`` is ``text`` but for whitespace, which normalising drops: its key is the text's
    # normalised, which its form row holds already — a hit in norm's cache, not a new text)
    return norm(_line_clean(text)) if NOISE_MARK.search(raw) and noise_changes_key(raw) else norm(text)


def line_keys(rows: list[Row]) -> list[str | None]:
    """``_line_key`` of each row's line. A line holding no noise mark (``NOISE_MARK``: none of
    the noise that changes a key) and not blank has its normalised text as key, which its row
    holds: not asked of the cache, which misses on each line of a form seen once (a call into
    Python and a stored text a line); nor is a line without text (a third of a flattened
    form's lines), whose key is None. (Tested against ``_line_key``:
    tests/speed/test_perf_rows.py.)"""
    return [r.text if r.text and not NOISE_MARK.search(r.line.text) else _line_key(r.line.text) if r.line.text else None
            for r in rows]


@memo(1 << 14)
def _line_clean(text: str) -> str:
    """A line's text with its noise removed ('97. 20%' → '97.20%'), for the patterns that read
    figures and labels from it: asked only of the few lines whose key holds a label's word."""
    raw = text.replace("\t", " ").strip()
    return strip_noise(raw) if NEEDS_CLEAN.search(raw) else raw


def _cells_of(row: Row, tn: str) -> Sequence[str]:
    """The cells the headline pass reads of a line whose key is ``tn`` (asked only by the
    branches that read them: a row's cells are cleaned when first asked): a flattened 总分 row's
    words ('总分 100 93.60')."""
    return row.words if "总分" in tn and len(row.line.chunks) <= 1 else row.cells


def attachment_items(src: Source, a: int, b: int, warnings: list[str] | None = None) -> list[PerformanceItem]:
    lines = src.lines
    rows = rows_of(lines[a:b])  # each line's cells and text, shared by every pass below
    text = form_text(rows)
    unread: set[int] = set()  # (ids of the title lines of the forms printed column by column)
    if maybe_by_column(rows, text) and by_column(rows):  # (some form is: each is then asked on its own)
        lines, unread = _by_column_cut(lines[a:b], rows)
        a, b = 0, len(lines)
        rows = rows_of(lines)
        text = form_text(rows)
    rebuilt: Rebuilt | None = None
    if maybe_cell_per_line(rows, text):  # forms printed one cell a line: their rows rebuilt first
        region = lines[a:b]
        rebuilt = rebuild(region, [k for k, ln in enumerate(region) if _title(ln) is not None])
        lines, a, b = rebuilt.lines, 0, len(rebuilt.lines)
        rows = rows_of(lines)
    blocks: list[_Block] = []
    items: list[PerformanceItem] = []
    cur: _Block | None = None
    pending_header = False
    keys = line_keys(rows)
    # the lines the branches below read: those whose key holds a headline word, and any line
    # but a blank one as the figures row under an (A)/(B) header. Found in one pass: the loop
    # jumps from one such line to the next (a C-level search) instead of asking each line
    # (most lines of a form: indicator rows, texts, blank lines).
    hot = [tn is not None and _HEADLINE_WORD.search(tn) is not None for tn in keys]
    hot.append(True)  # (the end stops the search)
    i = a
    while i < b:
        tn = keys[i - a]
        if not hot[i - a] and (cur is None or not pending_header or cur.header != "ab"):
            i = a + hot.index(True, i - a + 1)
            continue
        if tn is None:
            i += 1  # (a blank line)
            continue
        ln = lines[i]
        row = rows[i - a]
        if "自评" in tn and _title(ln) is not None:
            cur = _Block(i, tn)
            blocks.append(cur)
            m = _TITLE_NAME.search(tn)
            if m and "整体" not in tn:
                cur.name = clean_name(m.group(1))
                cur.name_from_title = True  # type: ignore[attr-defined]
            i += 1
            continue
        if cur is None:
            i += 1
            continue
        ncells = [norm(c) for c in _cells_of(row, tn)] if ("项目名称" in tn or "总分" in tn) else [""]
        if "项目名称" in ncells and any(c.startswith("全年预算数") for c in ncells) and \
                any(c.startswith("全年执行数") for c in ncells) and len(_cells_of(row, tn)) >= 6 and \
                ncells.index("项目名称") > 0:
            found, i = _summary_table(lines, i, _cells_of(row, tn))
            items.extend(found)
            cur = None
            continue
        named = "名称" in tn  # (both name patterns need the word)
        m = _NAME.match(tn) if named else None
        if m:
            name = clean_name(m.group(1) or _value_below(lines, i, b))
            if name:
                cur.name = name
            i += 1
            continue
        m = _UNIT_NAME.match(tn) if named else None
        if m and cur.name is None:
            u = re.sub(r"^\d+", "", clean_name(m.group(1) or _value_below(lines, i, b)))
            u = re.sub(r"-?\d{6,}$", "", u).strip("-")
            cur.unit_name = u
            i += 1
            continue
        # header rows
        if "全年预算数" in tn and "全年执行数" in tn and "分值" in tn and not nums(_cells_of(row, tn)):
            cur.header = "fund"
            i += 1
            continue
        if ("预算数(A)" in tn or "执行数(B)" in tn) and not re.search(r"\d+\.\d+", tn.split("(A)")[-1][:0] or ""):
            cur.header = "ab"
            t = _line_clean(ln.text)
            wm = (re.search(r"[(（]\s*(\d{1,3})\s*[分%份]?\s*[*×]", t) or re.search(r"[(（]\s*(\d{1,3})\s*[分%份]", t)
                  or re.search(r"[(（]\s*(\d{1,3})(?![\d.])", t))
            if wm:
                cur.weight = d(wm.group(1))
            i += 1
            pending_header = True
            continue
        if cur.header != "ab" and ("资金总额" in tn or (cur.pending_fund and "预算资金" in tn)):
            ns = nums(_cells_of(row, tn))
            vs = [d(x) for x in ns]
            got = fund_row([x for x in vs if x is not None], ["%" in x for x in ns]) if None not in vs else None
            if got:
                bi, ei, wi, ri, si = got
                cur.set("budget", vs[bi], ln, ns[bi])
                cur.set("executed", vs[ei], ln, ns[ei])
                cur.set("rate", vs[ri], ln, ns[ri])
                if si is not None:
                    cur.set("rate_score", vs[si], ln, ns[si])
                if wi is not None and cur.weight is None:
                    cur.weight = vs[wi]
                    cur.printed["weight"] = printed_at(ns[wi], ln.page, ln.no)
                if bi == 1:
                    cur.set("initial_budget", vs[0], ln, ns[0])
                cur.pending_fund = False
            else:
                cur.pending_fund = "资金总额" in tn
            cur.header = None
            i += 1
            continue
        if cur.header == "ab" and pending_header and len(ns := nums(_cells_of(row, tn))) >= 3:
            bv, ev = d(ns[0]), d(ns[1])
            if cur.weight is None:
                # the 预算执行率 weight is often printed in the row label: '情况(万元) (20 分)'
                wm = re.search(r"[(（]\s*(\d{1,2})[^\d(（]{0,8}?分", _line_clean(ln.text))  # also '情况((20 万元) 分)'
                if wm:
                    cur.weight = d(wm.group(1))
            rv = _rate_value(ns[2], bv, ev)
            bv = _repair_lost_digits(cur, bv, ev, rv)
            cur.set("budget", bv, ln, ns[0])
            cur.set("executed", ev, ln, ns[1])
            cur.set("rate", _rate_value(ns[2], bv, ev), ln, ns[2])
            if len(ns) >= 4:
                cur.set("rate_score", d(ns[3]), ln, ns[3])
            pending_header = False
            i += 1
            continue
        if ncells and ncells[0] in ("总分",) or (len(ncells) > 1 and "总分" in ncells[:4]
                                                 and not any(re.search(r"\d{2}", c) for c in ncells[:ncells.index("总分")])):
            k = ncells.index("总分")
            rest = [c for c in _cells_of(row, tn)[k + 1:] if c]
            clean = [c for c in rest if NUMTOK.match(c)]
            if len(clean) >= 2 and d(clean[0]) == 100:
                cur.set("total_score", d(clean[-1]), ln, clean[-1])
            elif len(clean) >= 2 and "100" in clean[:-1]:  # '22 · 100 100': stray marks before 分值 100
                cur.set("total_score", d(clean[clean.index("100") + 1]), ln, clean[clean.index("100") + 1])
            else:
                pieces = [c for c in rest if re.fullmatch(r"[\d.\s]+", c)]
                joined = "".join(pieces).replace(" ", "")
                joined = re.sub(r"\.{2,}", ".", joined).strip(".")
                v = d(joined)
                if pieces:  # settled against the table's scores once it is read (identities)
                    cur.total_print = (" | ".join(pieces), ln, len(pieces) > 1 or " " in pieces[0])
                if v is not None and v <= 100:
                    cur.set("total_score", v, ln, " ".join(rest))
                elif not rest and rebuilt is None and "total_score" not in cur.printed:
                    # the 总分 row printed with its cells blank: provenance with an empty raw, so a
                    # blank total is known to be printed blank, not unread. (Not in a form printed
                    # one cell a line — text boxes, column blocks: a label left alone there by the
                    # rebuild says nothing of its cells, printed elsewhere in the dump or not at all.)
                    cur.printed["total_score"] = printed_at("", ln.page, ln.no)
            i += 1
            continue
        # (a label's word in the cleaned line is a word of its key: normalising keeps the
        # ideographs and drops only whitespace — the line is cleaned only when its key has one)
        labelled = _line_clean(ln.text).replace("(万元", "(万元").replace("（", "(").replace("）", ")") \
            if _LABEL_WORD.search(tn) else ""
        labels = labelled and _LABEL_WORD.search(labelled) and _ANY_LABEL.search(labelled)
        for key, pat in _LABELS.items() if labels else ():
            m2 = pat.search(labelled)
            if m2:
                if key == "rate":
                    cur.rate_pct = "%" in m2.group(1)
                    cur.set(key, d(m2.group(1)), ln, m2.group(1).strip())
                else:
                    cur.set(key, d(m2.group(1)), ln, m2.group(1))
        i += 1

    ends = [bl.idx for bl in blocks[1:]] + [b]
    for bl, end in zip(blocks, ends):
        sink = warnings if warnings is not None else []
        if id(lines[bl.idx]) in unread:
            # (only its name was read: its figures would be placed in rows they do not belong
            # to. Kept, unnamed or not: a form attached is counted, P-narrative-count)
            item = _block_item(bl, lines)
            if item is None:  # (no name read: the title and its page say which form)
                bl.name = f"{bl.title}（第 {lines[bl.idx].page} 页）"
                item = _block_item(bl, lines)
            assert item is not None
            _not_read_in_full(item, "unreadable", BY_COLUMN, sink)
            items.append(item)
            continue
        item = _block_item(bl, lines)
        if item is None:
            continue
        fill(item, rows[bl.idx - a:end - a], sink)
        if rebuilt is not None:
            _mark_rebuilt(item, rebuilt, bl.idx, sink)
        _headline_from_funds(item)
        if funds_unread(item, rows[bl.idx - a:end - a]):
            # (its indicators are kept for the reader's view; no rule judges the form: ctx.unread_forms)
            _not_read_in_full(item, "partial", FUNDS_UNREAD, sink)
        if bl.total_print is not None:
            t_raw, t_ln, t_joined = bl.total_print
            settle_total(item, t_raw, t_ln.no, t_ln.page, t_joined, sink)
        if bl.vals or item.indicators or item.funds:
            items.append(item)
    items.sort(key=lambda it: (it.page or 0, it.line or 0))
    return items


def _not_read_in_full(item: PerformanceItem, status: Literal["partial", "unreadable"], reason: str,
                      warnings: list[str]) -> None:
    """``item``'s reading status and its reason, said in a reading warning naming the form too."""
    item.status, item.status_reason = status, reason
    warnings.append(f"绩效自评表《{item.name}》：{reason}")


def _by_column_cut(region: list[Line], rows: list[Row]) -> tuple[list[Line], set[int]]:
    """The region's lines with each form printed column by column (``percell.by_column``) cut
    to its title and names (``percell.name_rows``); the ids of those forms' title lines."""
    titles = [k for k, ln in enumerate(region) if _title(ln) is not None]
    out = region[:titles[0]] if titles else list(region)
    unread: set[int] = set()
    for s, e in zip(titles, titles[1:] + [len(region)]):
        if by_column(rows[s:e]):
            unread.add(id(region[s]))
            out.append(region[s])
            out.extend(name_rows(rows[s + 1:e]))
        else:
            out.extend(region[s:e])
    return out, unread


def _mark_rebuilt(item: PerformanceItem, rebuilt: Rebuilt, idx: int, warnings: list[str]) -> None:
    """What rebuilding a one-cell-a-line form left open (:mod:`.percell`): the indicator rows
    whose end was a guess are marked uncertain, and the table is named in a warning."""
    title = f"绩效自评表《{item.name}》"
    warnings.extend(f"{title}：{note}" for note in rebuilt.notes.get(idx, ()))
    shaky = [i for i in item.indicators if (i.page, i.line) in rebuilt.doubt]
    for ind in shaky:
        ind.uncertain = True
    if shaky:
        rows = "、".join(f"第 {i.line} 行（{i.name}）" for i in shaky)
        warnings.append(f"{title}：表格每格印在单独一行，{rows}的指标行分界不确定，已标为存疑")


_FUND_FIELDS = {"initial_budget": "年初预算数", "budget": "全年预算数", "executed": "全年执行数", "rate": "执行率",
                "weight": "分值", "score": "得分"}


def _headline_from_funds(item: PerformanceItem) -> None:
    """Headline figures the label rows did not give, from the table's 资金总额 row."""
    total = next((f for f in item.funds if f.source == "年度资金总额"), None)
    if total is None:
        return
    for attr, field in _FUND_FIELDS.items():
        target = "rate_score" if attr == "score" else attr
        if getattr(item, target) is None and getattr(total, attr) is not None and field in total.printed:
            setattr(item, target, getattr(total, attr))
            item.printed.setdefault(field, total.printed[field])


# block value key → perf-csv table field (PERF_TABLE_FIELDS)
_PRINTED_FIELD = {"initial_budget": "年初预算数", "budget": "全年预算数", "executed": "全年执行数", "rate": "执行率",
                  "weight": "分值", "rate_score": "得分", "total_score": "总分"}


def _block_item(bl: _Block, lines: list[Line]) -> PerformanceItem | None:
    """The item of one table from its headline figures; None when it has no name."""
    name = bl.name
    overall = bl.name is None and (bl.unit_name is not None or "整体" in bl.title)
    if name is None and bl.unit_name:
        name = OVERALL_PREFIX + bl.unit_name
    elif name is None and "整体" in bl.title:
        name = OVERALL_PREFIX.rstrip(":")
    if name is None:
        return None
    v = bl.vals
    weight = bl.weight
    if weight is None and "rate_score" in v and ("budget" in v or "indicator_score" in v):
        weight = Decimal("10")
    ln = lines[bl.idx]
    ym = re.search(r"(20\d{2})\s*年", bl.title)
    return PerformanceItem(
        name=name, kind="overall" if overall else "project", initial_budget=v.get("initial_budget"),
        budget=v.get("budget"), executed=v.get("executed"), rate=v.get("rate"),
        rate_score=v.get("rate_score"), weight=weight, indicator_score=v.get("indicator_score"),
        deduction=v.get("deduction"), total_score=v.get("total_score"), source="attachment",
        page=ln.page, line=ln.no, uncertain=bool(bl.note), note=bl.note,
        year=int(ym.group(1)) if ym else None,
        printed={_PRINTED_FIELD[k]: p for k, p in bl.printed.items() if k in _PRINTED_FIELD},
    )
