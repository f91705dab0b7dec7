"""extract: performance self-evaluations — the narrative summaries in the 预算绩效 section and
the self-evaluation tables in the attachments.

Narrative ('“X”项目自评综述：…项目自评得分 N 分。项目全年预算数为 A 万元，执行数为 B 万元，
完成预算的 C%'): one item per project, source="narrative".

Attachments, source="attachment". Layouts handled:
- label/value rows, tabbed or flattened onto one line ('项目预算金额(万元) 133.12 全年执行数(万元)
  126.33 执行率 94.9%', '指标自评得分小计 85 预算执行率得分 9.49 减分项 0 绩效自评总得分 94.49');
  the 预算执行率 weight is not printed there and is taken as 10 (the 10-point rule).
- 项目单位自评表 with a header row (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分)
  and a 年度资金总额 row; total from the 总分 row.
- OCR'd 项目绩效自评表 with a 预算数(A) / 执行数(B) / 执行率(B/A) / 得分 (20 分*执行率) header;
  a rate printed as a fraction (0.95) is read as a percentage.
- summary tables (项目单位自评汇总表) with one project per row, by column header.
- 部门(单位)整体绩效自评表: name '部门整体:<unit>', with its budget figures and total.
"""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan.extract.claims import clean_text, paragraphs
from juesuan.locate.sections import section_index_ranges
from juesuan.model import PerformanceItem, Section
from juesuan.money import parse_decimal
from juesuan.read.types import Source
from juesuan.textnorm import norm

_N = r"(-?\d+(?:\.\d+)?)"


_d = parse_decimal


def _clean_name(s: str) -> str:
    s = re.sub(r"[\"“”'‘’《》]", "", s)
    s = re.sub(r"\s+", "", s)
    return s.strip(",，:：;；。.、-—")


# ---- narrative ------------------------------------------------------------------------------

_PROJ_START = (
    re.compile(r"[“\"]([^”\"]{2,80})[”\"]\s*项目(?:绩效)?自评综述"),
    re.compile(r"(?:^|[。:：;；])\s*(?:[-*•\s]*(?:\d{1,2}|[(（]\d{1,2}[)）])\s*[.、．]?\s*)?([^。:：;；,，]{2,80}?)(?:项目)?绩效自评综述"),
    re.compile(r"(?:^|[。:：;；,，])\s*([^。:：;；,，]{2,60}?)项目(?:绩效)?自评得分"),
)
_BUDGET = re.compile(r"全年预算数?为?\s*" + _N + r"\s*万元")
_EXEC = re.compile(r"执行数为?\s*" + _N + r"\s*万元")
_RATE = re.compile(r"完成(?:全年)?预算的\s*" + _N + r"\s*%")
_SCORE = re.compile(r"自评得分(?:为)?\s*" + _N + r"\s*分")


def _narrative_items(src: Source, sec: Section, a: int, b: int) -> list[PerformanceItem]:
    items: list[PerformanceItem] = []
    for para in paragraphs(src, a, b):
        text = para.text
        starts: dict[int, str] = {}
        for pat in _PROJ_START:
            for m in pat.finditer(text):
                name = _clean_name(re.sub(r"^(?:我部门绩效自评情况|根据年初设定的绩效目标)", "", m.group(1)))
                if len(name) < 2 or any(abs(m.start(1) - k) < 3 for k in starts):
                    continue
                # keep one start per project mention: the earliest pattern match wins
                if any(k <= m.start(1) < k + len(v) + 12 for k, v in starts.items()):
                    continue
                starts[m.start(1)] = name
        if not starts:
            continue
        pos = sorted(starts)
        for k, p in enumerate(pos):
            end = pos[k + 1] if k + 1 < len(pos) else len(text)
            seg = text[p:end]
            bm, em, rm, sm = _BUDGET.search(seg), _EXEC.search(seg), _RATE.search(seg), _SCORE.search(seg)
            if not (bm or sm):
                continue
            ln = src.lines[para.lines[min(p, len(para.lines) - 1)]]
            items.append(PerformanceItem(
                name=starts[p],
                budget=_d(bm.group(1)) if bm else None,
                executed=_d(em.group(1)) if em else None,
                rate=_d(rm.group(1)) if rm else None,
                total_score=_d(sm.group(1)) if sm else None,
                source="narrative", page=ln.page, line=ln.no,
            ))
    return items


# ---- attachments ----------------------------------------------------------------------------

_BLOCK_START = re.compile(r"(?:绩效)?自评(?:表|汇总表)|自评情况表")
_NAME = re.compile(r"^项目(?:\(政策\))?名称\s*(.*)$")
_UNIT_NAME = re.compile(r"^(?:部门\(单位\)|单位)名称\s*(.*)$")
_TITLE_NAME = re.compile(r"^(?:\d{4}\s*年度)?(.+?)项目(?:\(政策\))?绩效自评表")
_LABELS = {
    "budget": re.compile(r"(?:项目预算金额|全年预算数)(?:\(万元\))?\s*" + _N),
    "executed": re.compile(r"全年执行数(?:\(万元\))?\s*" + _N),
    "rate": re.compile(r"(?<!预算)执行率\s*(" + r"-?\d+(?:\.\d+)?\s*%?" + r")"),
    "indicator_score": re.compile(r"指标自评得分小计\s*" + _N),
    "rate_score": re.compile(r"预算执行率得分\s*" + _N),
    "deduction": re.compile(r"减分项\s*" + _N),
    "total_score": re.compile(r"(?:绩效自评总得分|总评价得分)\s*" + _N),
}
_NEEDS_CLEAN = re.compile(r"\d[\s.,]|<|\*\*|[\u4e00-\u9fff]\s")
_NUMTOK = re.compile(r"^-?\d+(?:\.\d+)?%?$")


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

    def set(self, key: str, v: Decimal | None) -> None:
        if v is not None and key not in self.vals:
            self.vals[key] = v


def _cells(ln) -> list[str]:
    """Cells of a line after noise removal; '467. 89 467. 89' in one cell becomes two."""
    out = []
    for c in ln.cells if ln.chunks else [ln.text]:
        t = c.strip()
        if not t:
            out.append("")
            continue
        if _NEEDS_CLEAN.search(t):
            t, _ = clean_text(t, [0] * len(t))
            t = t.strip()
        parts = t.split()
        if len(parts) > 1 and all(_NUMTOK.match(p) for p in parts):
            out.extend(parts)
        else:
            out.append(t)
    return out


def _repair_lost_digits(cur, budget: Decimal | None, executed: Decimal | None,
                        rate: Decimal | None) -> Decimal | None:
    """OCR sometimes loses the leading digits of a number ('881.16' read as '1. 16'). When
    the printed rate and 执行数 imply a budget whose printed digits are its tail, the
    budget is that implied value — recorded on the item as an uncertain repair."""
    if budget is None or executed is None or not rate:
        return budget
    implied = executed / rate * 100
    if abs(implied - budget) <= Decimal("0.01") * max(abs(implied), 1) or implied <= budget:
        return budget
    tail = format(budget, "f").replace(".", "")
    whole = format(implied.quantize(Decimal("0.01")), "f").replace(".", "")
    if len(tail) >= 3 and whole.endswith(tail):
        fixed = implied.quantize(Decimal("0.01"))
        cur.note = f"OCR: 预算数 '{budget}' lost leading digits → {fixed} (执行数 {executed} ÷ 执行率 {rate}%)"
        return fixed
    return budget


def _nums(cells: list[str]) -> list[str]:
    return [c for c in cells if c and _NUMTOK.match(c)]


def _fund_row(nums: list[Decimal | None]):
    """(budget, executed, weight, rate, score) from a 年度资金总额 row: 年初预算数, 全年预算数,
    全年执行数 [, duplicate], 分值, 执行率, 得分 — located by the rate that equals
    执行数 ÷ 预算数, since printed rows drop or duplicate cells."""
    v = [x for x in nums if x is not None]
    for bi, ei in ((1, 2), (0, 1)):
        if len(v) <= ei + 1:
            continue
        b, e = v[bi], v[ei]
        want = (e / b * 100) if b else None
        for ri in range(ei + 1, len(v)):
            r = v[ri]
            ok = (want is not None and abs(r - want) <= Decimal("0.6")) or (b == 0 and e == 0 and r in (0, 100))
            if ok and ri - 1 > ei - (0 if ri - 1 > ei else 1):
                w = v[ri - 1] if ri - 1 > ei and v[ri - 1] in (Decimal(5), Decimal(10), Decimal(20)) else None
                sc = v[ri + 1] if ri + 1 < len(v) else None
                return b, e, w, r, sc
    return None


def _rate_value(raw: str, budget: Decimal | None, executed: Decimal | None) -> Decimal | None:
    v = _d(raw)
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


def _summary_table(lines, i: int, hdr: list[str]) -> tuple[list[PerformanceItem], int]:
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
        b, e = _d(get("budget")), _d(get("executed"))
        items.append(PerformanceItem(
            name=_clean_name(name), budget=b, executed=e,
            rate=_rate_value(get("rate") or "", b, e) if get("rate") else None,
            total_score=_d(get("total")), source="attachment", page=lines[j].page, line=lines[j].no,
        ))
        j += 1
    return items, j


def _attachment_items(src: Source, a: int, b: int) -> list[PerformanceItem]:
    lines = src.lines
    blocks: list[_Block] = []
    items: list[PerformanceItem] = []
    cur: _Block | None = None
    pending_header = False
    i = a
    while i < b:
        ln = lines[i]
        raw = ln.text.replace("\t", " ").strip()
        if not raw:
            i += 1
            continue
        t = clean_text(raw, [0] * len(raw))[0] if _NEEDS_CLEAN.search(raw) else raw
        tn = norm(t)
        cells = _cells(ln)
        if _BLOCK_START.search(tn) and len(tn) <= 60 and len(ln.chunks) <= 2:
            cur = _Block(i, tn)
            blocks.append(cur)
            m = _TITLE_NAME.search(tn)
            if m and "整体" not in tn:
                cur.name = _clean_name(m.group(1))
                cur.name_from_title = True  # type: ignore[attr-defined]
            i += 1
            continue
        if cur is None:
            i += 1
            continue
        ncells = [norm(c) for c in cells] if ("项目名称" in tn or "总分" in tn) else [""]
        if "项目名称" in ncells and any(c.startswith("全年预算数") for c in ncells) and \
                any(c.startswith("全年执行数") for c in ncells) and len(cells) >= 6 and \
                ncells.index("项目名称") > 0:
            rows, i = _summary_table(lines, i, cells)
            items.extend(rows)
            cur = None
            continue
        m = _NAME.match(tn)
        if m:
            name = _clean_name(m.group(1))
            if name:
                cur.name = name
            i += 1
            continue
        m = _UNIT_NAME.match(tn)
        if m and cur.name is None:
            u = re.sub(r"^\d+", "", _clean_name(m.group(1)))
            u = re.sub(r"-?\d{6,}$", "", u).strip("-")
            cur.unit_name = u
            i += 1
            continue
        # header rows
        if "全年预算数" in tn and "全年执行数" in tn and "分值" in tn and not _nums(cells):
            cur.header = "fund"
            i += 1
            continue
        if ("预算数(A)" in tn or "执行数(B)" in tn) and not re.search(r"\d+\.\d+", tn.split("(A)")[-1][:0] or ""):
            cur.header = "ab"
            wm = (re.search(r"[(（]\s*(\d{1,3})\s*[分%份]?\s*[*×]", t) or re.search(r"[(（]\s*(\d{1,3})\s*[分%份]", t)
                  or re.search(r"[(（]\s*(\d{1,3})(?![\d.])", t))
            if wm:
                cur.weight = _d(wm.group(1))
            i += 1
            pending_header = True
            continue
        nums = _nums(cells)
        if cur.header != "ab" and ("资金总额" in tn or (cur.pending_fund and "预算资金" in tn)):
            got = _fund_row([_d(x) for x in nums])
            if got:
                bv, ev, wv, rv, sv = got
                cur.set("budget", bv)
                cur.set("executed", ev)
                cur.set("rate", rv)
                if sv is not None:
                    cur.set("rate_score", sv)
                if wv is not None and cur.weight is None:
                    cur.weight = wv
                cur.pending_fund = False
            else:
                if nums and cur.weight is None:
                    pass
                cur.pending_fund = "资金总额" in tn
            cur.header = None
            i += 1
            continue
        if cur.header == "ab" and pending_header and len(nums) >= 3:
            bv, ev = _d(nums[0]), _d(nums[1])
            if cur.weight is None:
                # the 预算执行率 weight is often printed in the row label: '情况(万元) (20 分)'
                wm = re.search(r"[(（]\s*(\d{1,2})[^\d(（]{0,8}?分", t)  # also '情况((20 万元) 分)'
                if wm:
                    cur.weight = _d(wm.group(1))
            rv = _rate_value(nums[2], bv, ev)
            bv = _repair_lost_digits(cur, bv, ev, rv)
            cur.set("budget", bv)
            cur.set("executed", ev)
            cur.set("rate", _rate_value(nums[2], bv, ev))
            if len(nums) >= 4:
                cur.set("rate_score", _d(nums[3]))
            pending_header = False
            i += 1
            continue
        if ncells and ncells[0] in ("总分",) or (len(ncells) > 1 and ncells[0] == "" and "总分" in ncells[:3]):
            k = ncells.index("总分")
            rest = [c for c in cells[k + 1:] if c]
            clean = [c for c in rest if _NUMTOK.match(c)]
            if len(clean) >= 2 and _d(clean[0]) == 100:
                cur.set("total_score", _d(clean[-1]))
            else:
                joined = "".join(c for c in rest if re.fullmatch(r"[\d.\s]+", c)).replace(" ", "")
                joined = re.sub(r"\.{2,}", ".", joined).strip(".")
                v = _d(joined)
                if v is not None and v <= 100:
                    cur.set("total_score", v)
            i += 1
            continue
        for key, pat in _LABELS.items():
            m2 = pat.search(t.replace("(万元", "(万元").replace("（", "(").replace("）", ")"))
            if m2:
                if key == "rate":
                    cur.rate_pct = "%" in m2.group(1)
                    cur.set(key, _d(m2.group(1)))
                else:
                    cur.set(key, _d(m2.group(1)))
        i += 1

    for bl in blocks:
        if not bl.vals:
            continue
        name = bl.name
        if name is None and bl.unit_name:
            name = f"部门整体:{bl.unit_name}"
        elif name is None and "整体" in bl.title:
            name = "部门整体"
        if name is None:
            continue
        v = bl.vals
        weight = bl.weight
        if weight is None and "rate_score" in v and ("budget" in v or "indicator_score" in v):
            weight = Decimal("10")
        ln = lines[bl.idx]
        items.append(PerformanceItem(
            name=name, budget=v.get("budget"), executed=v.get("executed"), rate=v.get("rate"),
            rate_score=v.get("rate_score"), weight=weight, indicator_score=v.get("indicator_score"),
            deduction=v.get("deduction"), total_score=v.get("total_score"), source="attachment",
            page=ln.page, line=ln.no, uncertain=bool(bl.note), note=bl.note,
        ))
    items.sort(key=lambda it: (it.page or 0, it.line or 0))
    return items


def extract_performance(src: Source, sections: list[Section]) -> list[PerformanceItem]:
    out: list[PerformanceItem] = []
    for sec, a, b in section_index_ranges(src, sections):
        if sec.kind == "narrative" and sec.topic == "预算绩效":
            out.extend(_narrative_items(src, sec, a, b))
        elif sec.kind == "attachment":
            out.extend(_attachment_items(src, a, b))
    return out
