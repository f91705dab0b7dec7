"""locate: find the nine statistical tables in a source, whatever their printed number,
order or title variant, and tell them from their entries in the table of contents.

A table starts at a line carrying its title, confirmed by what follows within a few lines
(a 公开NN表 label, a 部门/单位 line, or a header row). It ends where the next table or the
next part of the document starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from juesuan import lazy
from juesuan.glossary import TABLES
from juesuan.memo import memo
from juesuan.read.types import LINE_JOINER, Chunk, Line, Source, joined_lines
from juesuan.textnorm import norm

# Title families, checked most specific first, because shorter titles are substrings of longer
# ones (收入支出决算总表 ⊂ 财政拨款收入支出决算总表, 支出决算表 ⊂ many). Each family covers the
# ways provinces name the table: 收入决算总表 for 收入决算表 (Shaanxi), 收入支出决算表 without 总
# (Yunnan), the 收入支出 form of T05/T08 (Yunnan, Shanghai), the “三公” table with extra
# columns or a second subject (…“三公”经费及会议费、培训费支出决算表, “三公”经费、行政参公单位
# 机关运行经费情况表, 一般公共预算“三公”经费情况表).
_CN = "一二三四五六七八九十"
_TITLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (tid, lazy.pattern(p))
    for tid, p in (
        ("T09", r"三公.{0,3}经费(?:[^。；;，,:：]{0,16}?)(?:支出)?(?:决算|情况)?表"),
        ("T07", r"政府性基金预算财政拨款(?:收入)?支出决算表"),
        ("T08", r"国有资本经营预算财政拨款(?:收入)?支出决算表"),
        ("T06", r"一般公共预算财政拨款基本支出决算(?:明细)?表"),
        ("T05", r"一般公共预算财政拨款(?:收入)?支出决算表"),
        ("T04", r"财政拨款收入支出决算(?:总)?表"),
        ("T01", r"收入支出决算(?:总)?表"),
        ("T02", r"收入决算(?:总)?表$"),
        ("T03", r"支出决算(?:总)?表$"),
    )
)
# Titles that end many others (…财政拨款收入决算表, …项目支出决算表): only themselves, or after the
# department's name.
_BARE_TITLES = ("T02", "T03")
# Words that make a title another table's: left over around a family's name they name a
# different, non-standard table (项目收入支出决算表, 财政专户管理资金收入支出决算表,
# 一般公共预算财政拨款项目支出决算表 …), never one of the nine.
_QUALIFIER_RE = lazy.pattern(r"项目|专户|资金|明细|基本|政府性基金|国有资本|机构运行|政府采购|国有资产")
# Around the “三公” family only: the fund it is paid from (一般公共预算财政拨款“三公”经费…).
_T09_FUND_RE = lazy.pattern(r"一般公共(?:预算|决算)|财政拨款|安排的?")
# What may stand around a title besides the name: quotes, brackets, 部门/单位/本级.
_DECOR_RE = lazy.pattern(r"[()《》<>\"“”]|部门|单位|本级")
# The department's name printed before a title, with the year (某某区教育局2024年度收入支出决算总表,
# 某某街道办事处部门决算收入支出决算总表): Chinese characters ending in what names an organisation.
# Its words are the department's, not a qualifier that makes the title another table's.
_DEPT_PREFIX_RE = lazy.pattern(
    r"^(?!关于)[\u4e00-\u9fff（）()]{1,30}?(?:局|委员会|委|办公室|办事处|办|中心|院|所|馆|站|队|部|厅|处|会|署|街道|镇|乡|"
    r"政府|学校|学院|大学|医院|集团)(?:\d{4}年度?)?(?:部门)?(?:决算)?$")
# A table's number label. The 公开NN表 form (Shanghai, the national template) is also evidence
# that a table follows (``_confirms_table``); the others are printed before the title on the
# same line (表1：…, 附表1 …, 表一 …) or on a line of their own, in TOC entries too.
_NUMBER_RE = lazy.pattern(r"公开\s*(\d{1,2})\s*表")
_LABEL_RE = lazy.pattern(
    r"^(?:附?表\s*(?P<n>\d{1,2})(?:-\d{1,2})?|附?表\s*(?P<c>[" + _CN + r"]{1,3}?)(?=[^" + _CN + r"]|一般|$)"
    r"|(?:公开|决算)\s*(?P<p>\d{1,2})\s*表)\s*[:：、.．]?\s*")
_ENUM_PREFIX_RE = lazy.pattern(r"^[-•·\s]*(?:(?:[一二三四五六七八九十]+|\d{1,2})[、.．)）]\s*)?")
_PART_RE = lazy.pattern(r"^第[一二三四五六七八九十]+部分")
_HEADER_WORDS = ("项目", "栏次", "科目编码", "科目名称", "预算数", "决算数", "收入", "支出", "部门", "单位", "金额")


@dataclass
class TableRegion:
    id: str
    start: int  # index into Source.lines of the title line
    end: int  # index one past the last line
    title: str
    number: str | None = None
    extra_spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [(self.start, self.end), *self.extra_spans]


def _cn_int(s: str) -> int:
    if s == "十":
        return 10
    tens, _, ones = s.rpartition("十")
    if "十" not in s:
        return _CN.index(s) + 1 if len(s) == 1 else 0
    return (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(ones) + 1 if ones else 0)


def number_label(text: str) -> str | None:
    """The number a label at the start of a line gives its table ('公开07表', '表 7：…',
    '附表7', '表七 …', '决算07表'), two digits; None without one."""
    t = _ENUM_PREFIX_RE.sub("", norm(text))
    m = _LABEL_RE.match(t) or _NUMBER_RE.search(t)
    if m is None:
        return None
    if m.re is _NUMBER_RE:
        return m.group(1).zfill(2)
    raw = m.group("n") or m.group("p")
    n = int(raw) if raw else _cn_int(m.group("c"))
    return f"{n:02d}" if 0 < n < 100 else None


# What _title_core drops (compiled once: asked of every line holding 表, a re.sub by its
# pattern's text looks the pattern up in the re module's cache each time): a year before the
# title, a continuation mark after it, a 公开NN表 label and what follows it.
_YEAR_PREFIX_RE = lazy.pattern(r"^\d{4}年度?")
_CONTINUED_RE = lazy.pattern(r"[（(]续[)）]$|续表$")
_NUMBER_SUFFIX_RE = lazy.pattern(r"[（(]?(?:公开|决算)\d{1,2}表.*$")


def _title_core(text: str) -> str:
    """A line without what may surround a title: list numbering, a number label, a year, a
    continuation mark, a 公开NN表 after it."""
    t = norm(text)
    if not t or len(t) > 60:
        return ""
    t = _ENUM_PREFIX_RE.sub("", t)
    t = _LABEL_RE.sub("", t)
    t = _YEAR_PREFIX_RE.sub("", t)
    t = _CONTINUED_RE.sub("", t)
    t = _NUMBER_SUFFIX_RE.sub("", t)
    # 收支 is the usual short form of 收入支出 (财政拨款收支决算总表, 部门收支决算总表): the
    # families are written with the full words, so a short-form title is read as the full one.
    t = t.replace("收支决算", "收入支出决算")
    return t.strip("《》")


@memo(8192)  # a line is asked about again by every title nearby (TOC, wrapped titles)
def title_match(text: str) -> tuple[str, str] | None:
    """(canonical table id, the name as matched) for a line that is (only) a table title."""
    t = _title_core(text)
    if not t:
        return None
    for tid, pat in _TITLE_PATTERNS:
        m = pat.search(t)
        if m is None:
            continue
        # The title must be (nearly) the whole line: a sentence that mentions a table is not
        # its title. Allow a short department/year prefix such as "2024年度…", but no word
        # that makes it another table.
        rest = t[: m.start()] + t[m.end():]
        if tid == "T09":
            rest = _T09_FUND_RE.sub("", rest)
        if m.start() and _department_prefix(t[: m.start()], tid) and not _DECOR_RE.sub("", t[m.end():]):
            rest = ""
        elif tid in _BARE_TITLES and m.start():
            continue
        if _QUALIFIER_RE.search(rest):
            return None
        rest = _DECOR_RE.sub("", rest)
        if len(rest) <= 4:
            return tid, m.group(0)
    return None


def _department_prefix(prefix: str, tid: str) -> bool:
    """Is ``prefix`` (what stands before a title's name) the department's name and year?"""
    if tid == "T09":
        prefix = _T09_FUND_RE.sub("", prefix)
    return bool(_DEPT_PREFIX_RE.match(prefix.rstrip("“\"")))


def match_title(text: str) -> str | None:
    """Canonical table id for a line that is (only) a table title, else None."""
    hit = title_match(text)
    return hit[0] if hit else None


_EXTRA_END_RE = lazy.pattern(r"(?:决算|明细|情况|信息|统计)表$")
_EXTRA_WORD_RE = lazy.pattern(r"收入|支出|经费|资金|资产|采购")
_SENTENCE_PUNCTUATION_RE = lazy.pattern(r"[。，,；;]")


@memo(8192)
def is_other_table_title(text: str) -> bool:
    """A line that titles a table other than the nine (财政拨款支出决算明细表, 项目收入支出决算表,
    政府采购情况表 …): it ends a table before it, and is never read as one of the nine."""
    if title_match(text) is not None:
        return False
    t = _title_core(text)
    return (4 <= len(t) <= 40 and not _SENTENCE_PUNCTUATION_RE.search(t)
            and bool(_EXTRA_END_RE.search(t)) and bool(_EXTRA_WORD_RE.search(t)))


def _confirms_table(lines: list[Line], i: int) -> tuple[bool, str | None]:
    """Does the title at i open a real table (not a TOC entry)? Returns (yes, its number).

    Evidence is gathered from the next few lines, stopping at another title (then we are in
    a list of titles: the 目录) or a new part of the document. A number label printed on the
    title line itself (表1：…) is no evidence: TOC entries carry it too; one on a line of its
    own, just before or after the title, or a 公开NN表, is."""
    number = number_label(lines[i].text)
    m = _NUMBER_RE.search(lines[i].text)
    evidence = m is not None
    above = next((k for k in range(i - 1, max(i - 4, -1), -1) if lines[k].text.strip()), None)
    if number is None and above is not None and _label_only(lines[above].text):
        number = number_label(lines[above].text)  # '附表2' over the title
    unit_line = headerish = numeric_rows = 0
    near = min(i + 14, len(lines))
    for j in range(i + 1, near):
        t = lines[j].text
        if not t.strip():
            continue
        if _is_part_boundary(lines[j]):
            near = 0
            break
        if (match_title(t) and not _NUMBER_RE.search(t)) or is_other_table_title(t):
            near = 0
            break
        if _label_only(t) or _NUMBER_RE.search(t):
            if _labels_next_title(lines, j):
                near = 0
                break  # the label of the next table ('附表2' over its title)
            evidence = True
            number = number or number_label(t)
        n = norm(t)
        if _is_unit_line(n):
            unit_line += 1
        if "栏次" in n or (t.count("\t") >= 2 and any(w in n for w in _HEADER_WORDS)):
            headerish += 1
        if t.count("\t") >= 2 and re.search(r"\d\.\d\d", t):
            numeric_rows += 1
    ok = evidence or unit_line > 0 or headerish >= 2 or (headerish >= 1 and numeric_rows >= 1)
    if not ok and near:  # (near = 0: the lines after the title ended first)
        ok = _unit_line_further(lines, near)
    return ok, number


# How far past the title's first lines a unit line still confirms it. A tool that prints a form's
# cells one a line (pdfminer, plain pdftotext) puts the title first and the 单位：万元 line after a
# whole column of row names (the 26 功能分类 classes of 收入支出决算总表's 支出 side), far from it.
_FAR_UNIT_LINES = 120


def _unit_line_further(lines: list[Line], start: int) -> bool:
    """A unit line (单位：万元) or a 公开NN表 label further down, before anything that ends the
    table — another title, a part boundary — and before a line of prose. The 目录 never has
    one: there the next title comes first."""
    for j in range(start, min(start + _FAR_UNIT_LINES, len(lines))):
        t = lines[j].text
        if not t.strip():
            continue
        if _is_part_boundary(lines[j]) or match_title(t) or is_other_table_title(t):
            return False
        n = norm(t)
        if "。" in n:
            return False  # a sentence: the narrative, not a form's cells
        if _is_unit_line(n) or _NUMBER_RE.search(t):
            return True
    return False


def _is_unit_line(n: str) -> bool:
    """A form's 部门/单位 line (``n`` normalised: 部门：…, 单位：万元, 金额单位…)."""
    return n.startswith("部门:") or "单位:" in n or "金额单位" in n


def _labels_next_title(lines: list[Line], j: int) -> bool:
    """Is the label line j printed over a title (the next non-empty line)?"""
    for k in range(j + 1, min(j + 4, len(lines))):
        t = lines[k].text
        if t.strip():
            return match_title(t) is not None or is_other_table_title(t)
    return False


def _label_only(text: str) -> bool:
    """A line that is only a number label ('附表3', '表 3', '公开03表')."""
    t = _ENUM_PREFIX_RE.sub("", norm(text))
    m = _LABEL_RE.match(t)
    return m is not None and m.end() == len(t)


_GLUED_TITLE_RE = lazy.pattern(r"\d\.\d\d(?=\D)")
# how many of a line's last characters a title wrapped onto the next line may start among
_WRAPPED_REACH = 30


def _wrapped_title(lines: list[Line], i: int, tails: set[int] | None = None) -> tuple[int, int] | None:
    """A title whose last characters a text tool put on a short line of their own, right
    after or one line further ('…并入本级收入支出决算总' … '表'): (start of the title in
    line i, index of the continuation line). ``tails``: the indexes of the lines that can
    be such a continuation (``_title_tails``), when the caller has them."""
    text = lines[i].text
    if lines[i].gridded or len(lines[i].chunks) > 1 or not text:
        return None
    for j in range(i + 1, min(i + 3, len(lines))):
        if tails is not None and j not in tails:
            continue
        rest = norm(lines[j].text)
        if not _title_tail(rest, lines[j]):
            continue
        if "表" not in text[-_WRAPPED_REACH:] and "表" not in rest:
            # every title ends in 表: no end of this line makes one with rest (no other
            # character normalises to 表, so the raw end of the line is asked as it is)
            continue
        if match_title(text) or match_title(rest):
            return None  # a whole title already (asked only here: most lines have no short line after them)
        if match_title(text + rest):
            return 0, j  # the whole line starts the title (the department's name before it)
        for k in range(max(0, len(text) - _WRAPPED_REACH), len(text) - 3):
            if match_title(text[k:] + rest) and (k == 0 or not match_title(text[k - 1:] + rest)):
                return k, j
    return None


_LONG_TAIL = 8  # characters of a wrapped title's continuation that ends in 表


def _title_tail(rest: str, ln: Line) -> bool:
    """``ln`` (whose normalised text is ``rest``) can end a wrapped title: a few characters
    without a digit — a few more when they end in 表, as every title does (a long title, the
    department's name before it, wraps further from its end: …财政拨款支 / 出决算表)."""
    return _tail_text(rest) and not ln.gridded


@memo(8192)
def _tail_text(rest: str) -> bool:
    return (bool(rest) and (len(rest) <= 3 or (len(rest) <= _LONG_TAIL and rest.endswith("表")))
            and not _DIGIT.search(rest))


# NFKC composes at most four code points into one character (the longest canonical
# decomposition), and leaves every character but whitespace at least one that is not: a text
# with more than this many characters besides whitespace normalises to more than _LONG_TAIL
# (tests/speed/test_prefilters.py checks both facts of Unicode as this Python has it).
_LONGER_THAN_TAIL = 4 * _LONG_TAIL


@memo(16384)  # (every line of the document is asked, once per build)
def _tail_line(text: str) -> bool:
    """``_tail_text`` of a line's text, normalised. (A long line is no tail without being
    normalised: most lines are long, and most are never normalised again.)"""
    if len(text) > _LONGER_THAN_TAIL and len("".join(text.split())) > _LONGER_THAN_TAIL:
        return False
    return _tail_text(norm(text))


_DIGIT = lazy.pattern(r"\d")


def _title_tails(lines: list[Line], among: Iterable[int]) -> set[int]:
    """The lines (of the indexes ``among``) ``_title_tail`` admits: each line is asked once,
    not once for each of the two lines above it."""
    return {j for j in among if _tail_line(lines[j].text) and not lines[j].gridded}


def _wrapped_titles(lines: list[Line], biao: list[int]) -> dict[int, tuple[int, int]]:
    """``_wrapped_title`` of each line that starts one, by its index; ``biao``: the indexes
    of the lines holding 表. Only the lines where a wrapped title's 表 can be are asked: a line
    holding it near its end, and the two lines before a line holding it (the short line a
    title ends on) — in most documents a few dozen. Each continuation is asked of the two lines
    after those only, not of every line: in a form dumped one cell a line most lines are short,
    and would be normalised and weighed for nothing."""
    starts = sorted({i for i in biao if "表" in lines[i].text[-_WRAPPED_REACH:]}
                    | {k for j in biao for k in (j - 2, j - 1) if k >= 0})
    tails = _title_tails(lines, {j for i in starts for j in (i + 1, i + 2) if j < len(lines)})
    return {i: w for i in starts if (w := _wrapped_title(lines, i, tails)) is not None}


_BIAO = "表"


def _biao(src: Source) -> list[int]:
    """The indexes of the lines holding 表: every title has one (no other character normalises
    to it), so a line without it is none. The lines are scanned as one text (joined by
    LINE_JOINER, made once for the passes that scan them: ``joined_lines``): a search for 表
    leaps from one to the next in C, where asking each of the thousands of lines costs a call
    apiece (the locator asks it of every line twice)."""
    lines = src.lines
    whole = joined_lines(src)
    if whole is None:  # (a line holding the joiner: each asked)
        return [i for i, ln in enumerate(lines) if _BIAO in ln.text]
    out: list[int] = []
    line = last = 0  # the line holding position ``last`` of ``whole``
    pos = whole.find(_BIAO)
    while pos >= 0:
        line += whole.count(LINE_JOINER, last, pos)
        last = pos
        out.append(line)
        # on from the end of this line (found after ``pos``, which holds 表, not the joiner)
        end = whole.find(LINE_JOINER, pos)
        pos = -1 if end < 0 else whole.find(_BIAO, end)
    return out


def split_glued_titles(src: Source) -> list[int]:
    """A title glued to the last row of the previous table ('… 2,995.39收入决算表': the text
    tool dropped the line break) gets a line of its own, so the table is found; so does a
    title whose last characters were wrapped onto a short line of their own. Returns the
    indexes of the lines holding 表 (``_biao``) as the lines are now."""
    lines = src.lines
    biao = _biao(src)
    wrapped = _wrapped_titles(lines, biao)
    skip = {j for _, j in wrapped.values()}
    glued: dict[int, int] = {}  # line index → where the glued title starts
    for i in biao:
        ln = lines[i]
        if not ln.gridded and len(ln.chunks) <= 1 and i not in skip and i not in wrapped:
            found = list(_GLUED_TITLE_RE.finditer(ln.text))
            if found and match_title(ln.text[found[-1].end():]):
                glued[i] = found[-1].end()
    if not wrapped and not glued:
        return biao  # (most documents: the lines stay as they are, not copied)
    out: list[Line] = []
    for i, ln in enumerate(src.lines):
        if i in skip:
            continue
        if i in wrapped:
            k, j = wrapped[i]
            head, title = ln.text[:k].strip(), ln.text[k:].strip() + norm(src.lines[j].text)
            if head:
                out.append(Line(no=ln.no, text=head, chunks=[Chunk(head)], page=ln.page))
            out.append(Line(no=ln.no, text=title, chunks=[Chunk(title)], page=ln.page))
        elif i in glued:
            end = glued[i]
            head, tail = ln.text[:end], ln.text[end:].strip()
            out.append(Line(no=ln.no, text=head, chunks=[Chunk(head)], page=ln.page))
            out.append(Line(no=ln.no, text=tail, chunks=[Chunk(tail)], page=ln.page))
        else:
            out.append(ln)
    src.lines[:] = out
    return _biao(src)


def find_tables(src: Source) -> list[TableRegion]:
    biao = split_glued_titles(src)
    lines = src.lines
    starts: list[TableRegion] = []
    names: list[str] = []  # each start's name as matched ('' for a table other than the nine)
    for i in biao:  # (every title, of the nine or another table, ends in 表)
        ln = lines[i]
        if ln.marker:
            continue
        hit = title_match(ln.text)
        if hit is None and not is_other_table_title(ln.text):
            continue
        ok, number = _confirms_table(lines, i)
        if ok:
            starts.append(TableRegion(hit[0] if hit else "", i, len(lines), ln.text.strip(), number))
            names.append(hit[1] if hit else "")
    # Each table ends where the next one starts or where a new part of the document begins.
    for k, reg in enumerate(starts):
        limit = starts[k + 1].start if k + 1 < len(starts) else len(lines)
        end = limit
        for j in range(reg.start + 1, limit):
            if _is_part_boundary(lines[j]):
                end = j
                break
        reg.end = end
    keep = _one_name_per_table(starts, names)
    # A title printed again (a table continued on the next page) joins the earlier region.
    merged: dict[str, TableRegion] = {}
    out: list[TableRegion] = []
    for k, reg in enumerate(starts):
        if not reg.id or names[k] != keep[reg.id]:
            continue  # a table other than the nine: it only ended the one before it
        if reg.id in merged:
            first = merged[reg.id]
            first.extra_spans.append((reg.start, reg.end))
            continue
        merged[reg.id] = reg
        out.append(reg)
    return out


def stray_titles(src: Source, regions: list[TableRegion], skip: tuple[int, int] | None) -> dict[str, Line]:
    """The first line of the body that is one of the nine titles on its own although no table
    was located under it (nothing after it confirmed a table: a text tool printed the form's
    cells out of order, the title after them). ``skip``: the 目录's line range, whose entries are
    titles too. Such a table is printed but unrecognised, never missing."""
    located = {r.id for r in regions}
    a, b = skip or (0, 0)
    found: dict[str, Line] = {}
    for i in _biao(src):
        ln = src.lines[i]
        # (a title inside another table's region is stray too: unconfirmed, it did not end it)
        if ln.marker or a <= i < b:
            continue
        tid = match_title(ln.text)
        if tid and tid not in located and tid not in found:
            found[tid] = ln
    return found


@memo(16)
def _official_name(tid: str) -> str:
    hit = title_match(TABLES[tid].title)
    return hit[1] if hit else ""


def _one_name_per_table(starts: list[TableRegion], names: list[str]) -> dict[str, str]:
    """The name each table id is read under. Some provinces print two tables of one family
    (国有资本经营预算财政拨款收入支出决算表 and …支出决算表, Sichuan; two “三公” tables,
    Yunnan): the one under the official title is the standard table, else the first printed;
    the other is a table of its own, not a continuation."""
    keep: dict[str, str] = {}
    for reg, name in zip(starts, names, strict=True):
        if not reg.id:
            continue
        official = _official_name(reg.id)
        if reg.id not in keep or (name == official and keep[reg.id] != official):
            keep[reg.id] = name
    return keep


_NUMBERED_EXPLANATION = lazy.pattern(r"^[一二三四五六七八九十]+、.*情况说明")


# One of these is in each part boundary's words (第…部分, …说明, 名词解释, 附件, …自评…), and no
# other character normalises to one of them (tests/speed/test_narrative_prefilters.py): a
# line without them is no boundary, and is not normalised to tell (most lines of a table,
# asked by every table that ends after them).
_BOUNDARY_CHARS = "部说词附评"
# (one search of their class, not a generator asking each: asked of every line of a table)
_HAS_BOUNDARY_CHAR = lazy.pattern("[" + _BOUNDARY_CHARS + "]")


def _is_part_boundary(ln: Line) -> bool:
    """A line that starts a new part of the document (not a table): 第三部分 …, 情况说明,
    名词解释, 附件, a performance self-evaluation table."""
    text = ln.text
    return _HAS_BOUNDARY_CHAR.search(text) is not None and _bounds_part(norm(text))


def _bounds_part(t: str) -> bool:
    """``_is_part_boundary`` of a line whose normalised text is ``t``."""
    if not t:
        return False
    if _PART_RE.match(t):
        # the heading of the tables part ('第二部分 …部门决算表') opens tables, it does not end
        # one (text tools may print it after the first table's title)
        return not t.endswith("决算表")
    if len(t) < 40 and (
        t.endswith("情况说明")
        or t in ("名词解释", "附件")
        or _NUMBERED_EXPLANATION.match(t)
        or "绩效自评表" in t
        or "绩效自评情况表" in t
        or t.startswith("项目单位自评")
    ):
        return True
    return False
