"""locate: the non-table parts of a disclosure — table of contents, 部门概况, the 情况说明
chapters (each with a topic), 名词解释 and the attachments.

Headings come at three levels: parts (第一部分 …), chapters (一、…) and sub-sections ((一) …).
The 目录 repeats the headings, so it is found first and skipped: it ends where a part heading
comes round again. Parts are classified by title; inside the 情况说明 part each chapter is a
narrative section with a topic, and a sub-section whose topic differs from its chapter's (e.g.
(二) 一般公共预算财政拨款支出情况 under 财政拨款支出决算情况说明, or (一) 机关运行经费 under
其他重要事项) becomes a section of its own. Sections never overlap: a chapter that is split
ends where its first split sub-section starts.

Section.line / end_line are printed line numbers (Line.no) and page is Line.page, as the model
wants; ``section_index_ranges`` maps a list of sections back to indexes into ``src.lines``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from juesuan import lazy
from juesuan.locate.tables import match_title
from juesuan.model import Section
from juesuan.read.types import LINE_JOINER, Line, Source, joined_lines
from juesuan.textnorm import norm

_CN_NUM = "一二三四五六七八九十"
_BULLET = r"^[\s\-*•·#>]*"
PART_RE = lazy.pattern(_BULLET + r"第\s*([" + _CN_NUM + r"]{1,3})\s*部分\s*(.*)$")
PART_INLINE_RE = lazy.pattern(r"[。；;]\s*(第\s*[" + _CN_NUM + r"]{1,3}\s*部分\s*.*)$")
CHAP_RE = lazy.pattern(_BULLET + r"([" + _CN_NUM + r"]{1,3})\s*[、.．]\s*(.+)$")
SUB_RE = lazy.pattern(_BULLET + r"[(（]\s*([" + _CN_NUM + r"]{1,3})\s*[)）]\s*(.+)$")
# '目录', '(目录)', or a heading ending in it ('…2019年度部门决算目录', '决算公开目录')
TOC_RE = lazy.pattern(r"^[(（]?目录[)）]?$|^.{0,40}决算(?:公开)?目录$")
_FIGURE_RE = lazy.pattern(r"\d\s*(?:万元|亿元|元|%|辆|个)")
_SAYS_RE = lazy.pattern(r"^(.*?情况说明|.*?说明)\s+(\S.*)$")

# (topic, pattern on the normalised title without quotes); most specific first.
_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (t, lazy.pattern(p))
    for t, p in (
        ("三公", r"三公"),
        ("机关运行经费", r"机[关构]运行经费"),
        ("政府采购", r"政府采购"),
        ("国有资产", r"国有资产"),
        ("预算绩效", r"绩效"),
        ("政府性基金", r"政府性基金"),
        ("国有资本经营", r"国有资本经营"),
        ("基本支出", r"基本支出"),
        ("一般公共预算支出", r"一般公共预算"),
        ("财政拨款总体", r"财政拨款(?:收入支出|收支|支出)|财政拨款.*总体"),
        ("收入支出总体", r"收入支出决算总体|收支决算总体|收入支出.*总体|收支总体"),
        ("收入", r"^收入决算|收入决算情况"),
        ("支出", r"^支出决算|支出决算情况"),
    )
)


def topic_of(title: str) -> str:
    """Narrative topic of a heading title ('' when none)."""
    t = norm(title).replace('"', "").replace("'", "")
    t = re.sub(r"^\d{4}年度?", "", t)
    for topic, pat in _TOPICS:
        if pat.search(t):
            return topic
    return ""


_TABLES_PART_RE = lazy.pattern(r"决算表|报表|公开表|^第.{1,3}部分:?附表$")


def _part_kind(title: str) -> str:
    t = norm(title)
    if "概况" in t or t.endswith("基本情况"):
        return "overview"
    if "情况说明" in t or ("决算说明" in t):
        return "narrative"
    if "名词解释" in t:
        return "glossary"
    # before 附件: the tables part may say where they are ('部门决算公开报表(见附件)', '附表')
    if _TABLES_PART_RE.search(t) and "自评" not in t and "绩效" not in t:
        return "tables"
    if "附件" in t or "自评" in t or "绩效评价" in t:
        return "attachment"
    return "other"


@dataclass
class _Head:
    level: int  # 0 part, 1 chapter, 2 sub-section
    idx: int
    num: int
    title: str


def _cn_int(s: str) -> int:
    vals = {c: i + 1 for i, c in enumerate(_CN_NUM)}
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + vals.get(s[1:], 0)
    if "十" in s:
        a, _, b = s.partition("十")
        return vals.get(a, 1) * 10 + (vals.get(b, 0) if b else 0)
    return vals.get(s, 0)


def _text(ln: Line) -> str:
    return ln.text.replace("\t", " ").strip()


def _heading_title(rest: str) -> str | None:
    """The title of a chapter / sub-section heading, or None when the line is content."""
    rest = rest.strip()
    if not rest:
        return None
    m = _SAYS_RE.match(rest)
    if m and len(norm(m.group(1))) <= 40:
        rest = m.group(1)  # heading and first sentence printed on one line
    if _FIGURE_RE.search(rest):
        return None
    if len(norm(rest)) > 45:
        return None
    return rest.rstrip("。.:：")


def _in_spans(spans: list[tuple[int, int]]):
    flags: dict[int, bool] = {}
    for a, b in spans:
        for i in range(max(a, 0), b):
            flags[i] = True
    return flags


def _toc_title_end(lines: list[Line], i: int) -> int | None:
    """The index after the 目录 title starting at line ``i``, or None. A title set in spaced
    characters ('目  录') comes out of a tool that prints each text block on its own line
    (plain pdftotext) as '目' and '录' on lines of their own, blank lines between."""
    t = norm(lines[i].text)
    if TOC_RE.match(t):
        return i + 1
    if len(t) == 1:
        j = i + 1
        while j < len(lines) and j - i <= 3 and not lines[j].text.strip():
            j += 1
        if j < len(lines) and len(norm(lines[j].text)) == 1 and TOC_RE.match(t + norm(lines[j].text)):
            return j + 1
    return None


# Every 目录 title holds 目 once normalised (TOC_RE; '目' over '录' when set apart), and the Kangxi
# radical ⽬ is the only other character that normalises to one (tests/speed/test_prefilters.py):
# a line holding neither opens no 目录, and is not normalised to tell (most of a document's first
# lines are prose, normalised for nothing).
TOC_CHARS = ("目", "\u2f6c")


def find_toc(src: Source) -> tuple[int, int] | None:
    """(start, end) indexes of the 目录 (end exclusive), or None."""
    lines = src.lines
    n = len(lines)
    mu, radical = TOC_CHARS
    for i in range(min(n, 400)):
        text = lines[i].text
        if mu not in text and radical not in text:
            continue
        after = _toc_title_end(lines, i)
        if after is not None:
            seen = 0
            j = after
            while j < n and j - i < 250:
                t = _text(lines[j])
                m = PART_RE.match(t)
                if m:
                    k = _cn_int(m.group(1))
                    if seen and k <= seen:
                        break
                    seen = max(seen, k)
                elif seen == 0 and t and (len(norm(t)) > 60 or "。" in t) and j - i > 3:
                    break
                j += 1
            return (i, j)
    return None


def _part_title(lines: list[Line], i: int, title: str) -> str:
    """Part titles wrap in flattened layouts ('…人力资源和社会保' / '障局部门决算情况说明'),
    also twice ('第三部分' / '…2024 年度部门决算情况' / '说明'); a line between may be the
    title's year that pdfplumber set apart ('…财政局 年度部门决算情况' / '2024' / '说明')."""
    if _part_kind(title) != "other":
        return title
    j = i + 1
    added = 0
    joined = title  # the title with every line tried so far
    while j < len(lines) and added < 2 and j - i < 5:
        t = _text(lines[j])
        j += 1
        if not t:
            continue
        if PART_RE.match(t) or CHAP_RE.match(t) or SUB_RE.match(t) or len(norm(t)) > 30:
            break
        added += 1
        for cand in (title + t, joined + t):
            if _part_kind(cand) != "other":
                return cand
        joined += t
    return title


_BULLETS = "-*•·#>"  # _BULLET's characters besides whitespace


def _after_bullets(t: str) -> str:
    """The first character of ``t`` after what ``_BULLET`` skips ('' when none is left)."""
    for ch in t:
        if not (ch.isspace() or ch in _BULLETS):
            return ch
    return ""


# joins the lines while the document is scanned as one text
_JOIN = LINE_JOINER
# a line opening, after the bullets ``_BULLET`` skips, as a chapter or sub-section heading does:
# with a numeral or a bracket (from the joiner before the line)
_HEAD_OPENING_RE = lazy.pattern(_JOIN + _BULLET.removeprefix("^") + r"[" + _CN_NUM + r"(（]")


def _head_lines(src: Source) -> Sequence[int]:
    """The indexes of the lines ``_scan_heads`` can take a heading from, in order: those
    holding 部分 (a part title) and those opening, after the bullets, with a numeral or a
    bracket (a chapter's or a sub-section's); no other line is one. The document is scanned
    as one text: most of its lines are neither, and a loop over them costs more than the
    scan (the lines of a long form are thousands)."""
    joined = joined_lines(src)  # (made once for the passes that scan the lines: see there)
    if joined is None:  # (a line holding the joiner: every line is asked)
        return range(len(src.lines))
    whole = _JOIN + joined
    found = [m.start() for m in _HEAD_OPENING_RE.finditer(whole)]
    pos = whole.find("部分")
    while pos >= 0:
        found.append(pos)
        pos = whole.find("部分", pos + 1)
    found.sort()
    out: list[int] = []
    joiners, last = 0, 0  # the joiners up to ``last``: line k starts after the (k+1)-th
    for pos in found:
        joiners += whole.count(_JOIN, last, pos + 1)
        last = pos + 1
        if not out or out[-1] != joiners - 1:
            out.append(joiners - 1)
    return out


def _scan_heads(src: Source, skip: dict[int, bool], toc: tuple[int, int] | None) -> list[_Head]:
    heads: list[_Head] = []
    lines = src.lines
    for i in _head_lines(src):
        ln = lines[i]
        if (toc and toc[0] <= i < toc[1]) or ln.marker:
            continue
        t = _text(ln)
        if not t:
            continue
        # (both part patterns need the word 部分: most lines are not asked)
        parted = "部分" in t
        m = PART_RE.match(t) if parted else None
        if skip.get(i) and not (m and _part_kind(t) != "other"):
            # inside a table: no heading — except a part title, which a tool that emits text
            # in the page's drawing order may print after the first table's title
            continue
        if m:
            title = _part_title(lines, i, t.strip(" -*#"))
            heads.append(_Head(0, i, _cn_int(m.group(1)), title))
            continue
        m = PART_INLINE_RE.search(t) if parted else None
        if m and _part_kind(m.group(1)) != "other":
            heads.append(_Head(0, i, 0, m.group(1)))
            continue
        if len(ln.chunks) > 2:  # a table row, not a heading
            continue
        # (a chapter heading opens with a numeral, a sub-section's with a bracket, after the
        # bullets both patterns skip: a line opening with anything else is not asked)
        head = _after_bullets(t)
        m = CHAP_RE.match(t) if head and head in _CN_NUM else None
        if m:
            title = _heading_title(m.group(2))
            if title is not None:
                heads.append(_Head(1, i, _cn_int(m.group(1)), f"{m.group(1)}、{title}"))
            continue
        m = SUB_RE.match(t) if head and head in "(（" else None
        if m:
            title = _heading_title(m.group(2))
            if title is not None:
                heads.append(_Head(2, i, _cn_int(m.group(1)), f"({m.group(1)}){title}"))
    return heads


def _last_content(lines: list[Line], a: int, b: int) -> int:
    """Index of the last non-empty line in [a, b) (a when all are empty)."""
    j = b - 1
    while j > a and (not lines[j].text.strip() or lines[j].marker):
        j -= 1
    return j


def locate_sections(src: Source, table_spans: list[tuple[int, int]],
                    toc: tuple[int, int] | None | Literal["find"] = "find") -> list[Section]:
    """The document's sections outside the tables' spans. ``toc`` is ``find_toc(src)`` when
    the caller has it already (the pipeline asks for it again for ``toc_tables``)."""
    lines = src.lines
    n = len(lines)
    skip = _in_spans(table_spans)
    table_starts = sorted(a for a, _ in table_spans)
    if toc == "find":
        toc = find_toc(src)
    heads = _scan_heads(src, skip, toc)
    # (kind, topic, title, start_idx, end_idx_exclusive)
    out: list[tuple[str, str, str, int, int]] = []

    def next_table_start(i: int, limit: int) -> int:
        for s in table_starts:
            if i < s < limit:
                return s
        return limit

    if toc:
        end = _toc_title_end(lines, toc[0]) or toc[0] + 1
        out.append(("toc", "", "".join(norm(ln.text) for ln in lines[toc[0]:end]), toc[0], toc[1]))

    parts = [h for h in heads if h.level == 0]
    # Part ranges; without parts the whole body is one implicit narrative area.
    if parts:
        areas = []
        for k, p in enumerate(parts):
            end = parts[k + 1].idx if k + 1 < len(parts) else n
            areas.append((_part_kind(p.title), p, p.idx, end))
        pre = parts[0].idx
        body_start = toc[1] if toc else 0
        if pre > body_start:
            areas.insert(0, ("implicit", None, body_start, pre))
    else:
        areas = [("implicit", None, toc[1] if toc else 0, n)]

    for kind, p, a, b in areas:
        if kind in ("overview", "glossary", "attachment", "tables", "other"):
            out.append((kind, "", p.title if p else "", a, b))
            continue
        # narrative part (or a body without parts): chapters and split sub-sections
        chaps = [h for h in heads if h.level == 1 and a < h.idx < b] if p else \
            [h for h in heads if h.level == 1 and a <= h.idx < b]
        if not chaps:
            if kind == "narrative":
                out.append(("narrative", "", p.title, a, next_table_start(a, b)))
            continue
        if kind == "narrative" and p is not None:
            # The part heading itself (and any text before the first chapter) is a section
            # of its own, so rules that read headings (e.g. the year in a title) see it.
            out.append(("narrative", "", p.title, a, chaps[0].idx))
        for k, c in enumerate(chaps):
            c_end = chaps[k + 1].idx if k + 1 < len(chaps) else b
            c_end = next_table_start(c.idx, c_end)
            ctopic = topic_of(c.title)
            ct = norm(c.title)
            if "名词解释" in ct:
                out.append(("glossary", "", c.title, c.idx, c_end))
                continue
            if "附件" in ct[:6]:
                out.append(("attachment", "", c.title, c.idx, c_end))
                continue
            if kind == "implicit" and not ctopic and _part_kind(ct) != "narrative":
                # outside a 情况说明 part only topical chapters are narrative, and a chapter that
                # is itself the 情况说明 ('二、单位决算情况说明', its topics in sub-sections)
                if "概况" in ct or "职责" in ct or "机构" in ct or ct.endswith("基本情况"):
                    out.append(("overview", "", c.title, c.idx, c_end))
                continue
            subs = [h for h in heads if h.level == 2 and c.idx < h.idx < c_end]
            pieces: list[tuple[str, str, int]] = [(ctopic, c.title, c.idx)]
            split = False
            for s in subs:
                st = topic_of(s.title)
                if (st and st != ctopic) or split:
                    pieces.append((st or ctopic, s.title, s.idx))
                    split = True
            for q, (tp, title, start) in enumerate(pieces):
                end = pieces[q + 1][2] if q + 1 < len(pieces) else c_end
                out.append(("narrative", tp, title, start, end))

    sections: list[Section] = []
    for kind, topic, title, a, b in sorted(out, key=lambda x: x[3]):
        if a >= n or b <= a:
            continue
        e = _last_content(lines, a, b)
        sections.append(Section(
            kind=kind, title=title.strip(), topic=topic, page=lines[a].page,
            line=lines[a].no, end_line=lines[e].no, end_page=lines[e].page,
        ))
    return sections


def section_index_ranges(src: Source, sections: list[Section]) -> list[tuple[Section, int, int]]:
    """Map sections back to [start, end) indexes into src.lines, in document order.

    The start is found by (page, line); a section ends where the next one starts (sections
    from ``locate_sections`` tile the document), or at its end_line when that comes first on
    the same page."""
    # (page, line) → the first index printed there, for the lines a section starts or ends
    # at (looked up by number first: no key is made for the other lines)
    wanted = {s.line for s in sections} | {s.end_line for s in sections}
    pos: dict[tuple[int | None, int], int] = {}
    for i, ln in enumerate(src.lines):
        if ln.no in wanted:
            pos.setdefault((ln.page, ln.no), i)
    located = []
    for s in sections:
        i = pos.get((s.page, s.line))
        if i is None:
            continue
        located.append((i, s))
    located.sort(key=lambda x: x[0])
    out: list[tuple[Section, int, int]] = []
    n = len(src.lines)
    for k, (i, s) in enumerate(located):
        bound = located[k + 1][0] if k + 1 < len(located) else n
        end = bound
        # end_page says where end_line is; without it (older models) only the start page is
        # safe (a section ending on a later page at a line number past its start line would
        # otherwise be cut at the start page's line of that number)
        start_page = src.lines[i].page
        end_page = s.end_page if s.end_page is not None else start_page
        end_line = s.end_line
        first = pos.get((end_page, end_line))
        if first is not None and first < bound:
            # (the first line printed at end_line: when it lies before the section, a later
            # one may still lie within it — looked for line by line, as is one that fails the
            # page test; none lies within it when the first is past it)
            for j in range(max(i, first), bound):
                ln = src.lines[j]
                if ln.no == end_line and ln.page == end_page and (ln.page != start_page or ln.no >= s.line):
                    end = j + 1
                    break
        out.append((s, i, max(end, i + 1)))
    return out


# ---- table of contents -------------------------------------------------------------------

_TOC_ENTRY_PREFIX = lazy.pattern(r"^[-*•·#\s]*(?:(?:[" + _CN_NUM + r"]{1,3}|\d{1,2})[、.．)）]\s*|[(（][" + _CN_NUM + r"\d]{1,3}[)）]\s*)?")


def toc_table_id(text: str) -> str | None:
    t = norm(text)
    t = re.sub(r"[.…·_\-—]{2,}\s*\d*$", "", t)  # leader dots and page numbers
    t = re.sub(r"\d+$", "", t)
    t = _TOC_ENTRY_PREFIX.sub("", t)
    t = re.sub(r"^(?:\d{4}年度?)", "", t).strip("《》")
    if t.endswith("决算明细"):
        t += "表"  # an entry that lost its last character (…基本支出决算明细)
    if not t.endswith("表"):
        return None
    # The titles themselves are recognised exactly as in the body (one set of patterns).
    return match_title(t)


def toc_tables(src: Source, toc: tuple[int, int] | None) -> list[str]:
    """The tables the 目录 (``find_toc``'s range) lists."""
    if not toc:
        return []
    found = set()
    for ln in src.lines[toc[0]:toc[1]]:
        tid = toc_table_id(ln.text)
        if tid:
            found.add(tid)
    return sorted(found)
