"""locate: find the nine statistical tables in a source, whatever their printed number,
order or title variant, and tell them from their entries in the table of contents.

A table starts at a line carrying its title, confirmed by what follows within a few lines
(a 公开NN表 label, a 部门/单位 line, or a header row). It ends where the next table or the
next part of the document starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from juesuan.read.types import Chunk, Line, Source
from juesuan.textnorm import norm

# Title patterns checked most specific first, because shorter titles are substrings of longer
# ones (收入支出决算总表 ⊂ 财政拨款收入支出决算总表, 支出决算表 ⊂ many).
_TITLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (tid, re.compile(p))
    for tid, p in (
        ("T09", r"三公.{0,3}经费(?:支出)?(?:决算)?表"),
        ("T04", r"财政拨款收入支出决算总表"),
        ("T07", r"政府性基金预算财政拨款(?:收入)?支出决算表"),
        ("T08", r"国有资本经营预算财政拨款(?:收入)?支出决算表"),
        ("T06", r"一般公共预算财政拨款基本支出决算(?:明细)?表"),
        ("T05", r"一般公共预算财政拨款支出决算表"),
        ("T01", r"收入支出决算总表"),
        ("T02", r"^收入决算表$"),
        ("T03", r"^支出决算表$"),
    )
)
_NUMBER_RE = re.compile(r"公开\s*(\d{1,2})\s*表")
_ENUM_PREFIX_RE = re.compile(r"^[-•·\s]*(?:(?:[一二三四五六七八九十]+|\d{1,2})[、.．)）]\s*)?")
_PART_RE = re.compile(r"^第[一二三四五六七八九十]+部分")
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


@lru_cache(maxsize=8192)  # a line is asked about again by every title nearby (TOC, wrapped titles)
def match_title(text: str) -> str | None:
    """Canonical table id for a line that is (only) a table title, else None."""
    t = norm(text)
    if not t or len(t) > 60:
        return None
    t = _ENUM_PREFIX_RE.sub("", t)
    t = re.sub(r"^\d{4}年度?", "", t)
    t = re.sub(r"[（(]续[)）]$|续表$", "", t)
    t = re.sub(r"公开\d{1,2}表.*$", "", t)
    for tid, pat in _TITLE_PATTERNS:
        m = pat.search(t)
        if m is None:
            continue
        # The title must be (nearly) the whole line: a sentence that mentions a table is not
        # its title. Allow a short department/year prefix such as "2024年度…".
        rest = t[: m.start()] + t[m.end():]
        rest = re.sub(r"(?:一般公共预算)?财政拨款|\(|\)|“|”|\"|部门|单位", "", rest)
        if len(rest) <= 4:
            return tid
    return None


def _confirms_table(lines: list[Line], i: int) -> tuple[bool, str | None]:
    """Does the title at i open a real table (not a TOC entry)? Returns (yes, 公开NN).

    Evidence is gathered from the next few lines, stopping at another title (then we are in
    a list of titles: the 目录) or a new part of the document."""
    number = None
    m = _NUMBER_RE.search(lines[i].text)
    if m:
        number = m.group(1).zfill(2)
    unit_line = headerish = numeric_rows = 0
    for j in range(i + 1, min(i + 14, len(lines))):
        t = lines[j].text
        if not t.strip():
            continue
        if _is_part_boundary(lines[j]):
            break
        if match_title(t) and not _NUMBER_RE.search(t):
            break
        m = _NUMBER_RE.search(t)
        if m and number is None:
            number = m.group(1).zfill(2)
        n = norm(t)
        if n.startswith("部门:") or "单位:" in n or "金额单位" in n:
            unit_line += 1
        if "栏次" in n or (t.count("\t") >= 2 and any(w in n for w in _HEADER_WORDS)):
            headerish += 1
        if t.count("\t") >= 2 and re.search(r"\d\.\d\d", t):
            numeric_rows += 1
    ok = number is not None or unit_line > 0 or headerish >= 2 or (headerish >= 1 and numeric_rows >= 1)
    return ok, number


_GLUED_TITLE_RE = re.compile(r"\d\.\d\d(?=\D)")


def _wrapped_title(lines: list[Line], i: int) -> tuple[int, int] | None:
    """A title whose last characters a text tool put on a short line of their own, right
    after or one line further ('…并入本级收入支出决算总' … '表'): (start of the title in
    line i, index of the continuation line)."""
    text = lines[i].text
    if lines[i].gridded or len(lines[i].chunks) > 1 or not text:
        return None
    for j in range(i + 1, min(i + 3, len(lines))):
        rest = norm(lines[j].text)
        if not rest or len(rest) > 3 or re.search(r"\d", rest) or lines[j].gridded:
            continue
        if "表" not in norm(text[-30:] + rest):
            continue  # every title ends in 表: no end of this line makes one with rest
        if match_title(text):
            return None  # a whole title already (asked only here: most lines have no short line after them)
        for k in range(max(0, len(text) - 30), len(text) - 3):
            if match_title(text[k:] + rest) and (k == 0 or not match_title(text[k - 1:] + rest)):
                return k, j
    return None


def split_glued_titles(src: Source) -> None:
    """A title glued to the last row of the previous table ('… 2,995.39收入决算表': the text
    tool dropped the line break) gets a line of its own, so the table is found; so does a
    title whose last characters were wrapped onto a short line of their own."""
    wrapped: dict[int, tuple[int, int]] = {}
    for i in range(len(src.lines)):
        if (w := _wrapped_title(src.lines, i)) is not None:
            wrapped[i] = w
    skip = {j for _, j in wrapped.values()}
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
            continue
        # every title has a 表 (no other character normalises to one): a line without it has none
        glued = not ln.gridded and len(ln.chunks) <= 1 and "表" in ln.text
        found = list(_GLUED_TITLE_RE.finditer(ln.text)) if glued else []
        m = found[-1] if found else None
        if m is not None and match_title(ln.text[m.end():]):
            head, tail = ln.text[: m.end()], ln.text[m.end():].strip()
            out.append(Line(no=ln.no, text=head, chunks=[Chunk(head)], page=ln.page))
            out.append(Line(no=ln.no, text=tail, chunks=[Chunk(tail)], page=ln.page))
        else:
            out.append(ln)
    src.lines[:] = out


def find_tables(src: Source) -> list[TableRegion]:
    split_glued_titles(src)
    lines = src.lines
    starts: list[TableRegion] = []
    for i, ln in enumerate(lines):
        if ln.marker:
            continue
        tid = match_title(ln.text)
        if tid is None:
            continue
        ok, number = _confirms_table(lines, i)
        if ok:
            starts.append(TableRegion(tid, i, len(lines), ln.text.strip(), number))
    # Each table ends where the next one starts or where a new part of the document begins.
    for k, reg in enumerate(starts):
        limit = starts[k + 1].start if k + 1 < len(starts) else len(lines)
        end = limit
        for j in range(reg.start + 1, limit):
            if _is_part_boundary(lines[j]):
                end = j
                break
        reg.end = end
    # A title printed again (a table continued on the next page) joins the earlier region.
    merged: dict[str, TableRegion] = {}
    out: list[TableRegion] = []
    for reg in starts:
        if reg.id in merged:
            first = merged[reg.id]
            first.extra_spans.append((reg.start, reg.end))
            continue
        merged[reg.id] = reg
        out.append(reg)
    return out


def _is_part_boundary(ln: Line) -> bool:
    """A line that starts a new part of the document (not a table): 第三部分 …, 情况说明,
    名词解释, 附件, a performance self-evaluation table."""
    t = norm(ln.text)
    if not t:
        return False
    if _PART_RE.match(t):
        # the heading of the tables part ('第二部分 …部门决算表') opens tables, it does not end
        # one (text tools may print it after the first table's title)
        return not t.endswith("决算表")
    if len(t) < 40 and (
        t.endswith("情况说明")
        or t in ("名词解释", "附件")
        or re.match(r"^[一二三四五六七八九十]+、.*情况说明", t)
        or "绩效自评表" in t
        or "绩效自评情况表" in t
        or t.startswith("项目单位自评")
    ):
        return True
    return False
