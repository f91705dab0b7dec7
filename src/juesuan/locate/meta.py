"""locate: document metadata — department, year, unit — from the title page and the table
header lines (部门：… 2024年度 单位：万元)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice

from juesuan import lazy
from juesuan.model import Metadata
from juesuan.read.types import TEXT, Source
from juesuan.textnorm import norm

_DEPT_RE = lazy.pattern(r"部门(?:名称)?[:：]\s*([^\t]+?)(?:\s+\d{4}\s*年度.*)?$")
_YEAR_RE = lazy.pattern(r"(20\d{2})\s*年度")
_UNIT_RE = lazy.pattern(r"(?:金额)?单位[:：]\s*(万元|元)")
_TITLE_SUFFIX_RE = lazy.pattern(r"\s*(?:20\d{2}\s*年度?)?\s*(?:部门)?决算(?:公开)?\s*$")
_BARE_YEAR_RE = lazy.pattern(r"20\d{2}")
# a 年度 whose year was set apart: nothing before it, or a gap after something not a figure
_YEAR_TAKEN_RE = lazy.pattern(r"(?:^\s*|[^\d\s]\s+)年度")
# How far into the document (in lines that print something: a tool that keeps the page's
# layout, pdfplumber's layout=True, prints a cover's blank space as a score of blank lines)
# the cover's year and the title's department are looked for.
COVER_LINES = 6
TITLE_LINES = 15


def locate_metadata(src: Source, table_spans: list[tuple[int, int]]) -> Metadata:
    lines = src.lines
    meta = Metadata(source=src.path, format=src.format, pages=src.pages)
    years: Counter[int] = Counter()
    units: Counter[str] = Counter()
    depts: Counter[str] = Counter()
    for i in _table_header_indexes(table_spans):
        t = lines[i].text
        # (a header prints 'NNNN年度'; a year pdfplumber sets apart is on the line before the
        # table's title, outside its span: the cover pass below reads that)
        for m in _YEAR_RE.finditer(t):
            years[int(m.group(1))] += 1
        m = _UNIT_RE.search(norm(t))
        if m:
            units[m.group(1)] += 1
        m = _DEPT_RE.search(t.replace("\t", " ").strip())
        if m:
            depts[_clean_dept(m.group(1))] += 1
    title = _title(src)
    if not years:
        # No year on the table headers: the cover's year (its first COVER_LINES that print
        # something), else the year the whole document speaks of most. A single wrong heading
        # does not outvote them.
        years.update(_years(islice(filter(str.strip, map(TEXT, lines)), COVER_LINES)))
    if not years:
        years.update(_years(ln.text for ln in lines))
    if years:
        meta.year = years.most_common(1)[0][0]
    if units:
        meta.unit = units.most_common(1)[0][0]
        meta.unit_stated = True
    dept = depts.most_common(1)[0][0] if depts else ""
    # The 部门 line is often cut by the page width ("…人力资源和社会保障" / "服务中心" on a
    # later line): the document title carries the whole name.
    if title and (not dept or (title.startswith(dept) and len(title) > len(dept))):
        dept = title
    meta.department = dept
    return meta


def _table_header_indexes(spans: list[tuple[int, int]]):
    """The first lines of each table (title, 公开NN, 部门/年度/单位), never past its end."""
    for a, b in spans:
        yield from range(a, min(a + 10, b))


def _years(texts: Iterable[str]) -> Iterator[int]:
    """The years these lines print: 'NNNN年度', and a year set apart from its 年度 —
    pdfplumber prints a title's figures (another font, set lower) on a line of their own
    below it ('上海市…局' / '年度部门决算' / '2024'). Such a year counts only as a line that
    is a year alone right after a line whose 年度 lost it (at the line's start or after a
    gap): a year is read where the document prints it, never guessed."""
    taken = False  # the line before has a 年度 that lost its year
    for t in texts:
        for m in _YEAR_RE.finditer(t):
            yield int(m.group(1))
        if taken and _BARE_YEAR_RE.fullmatch(bare := t.strip()):
            yield int(bare)
        taken = "年度" in t and _YEAR_TAKEN_RE.search(t) is not None


def _clean_dept(s: str) -> str:
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"(?:金额)?单位[:：].*$", "", s)
    s = re.sub(r"20\d{2}年度?.*$", "", s)
    return s.strip(" :：")


def _title(src: Source) -> str:
    """The department name from the title lines before the 目录 (joined when wrapped)."""
    parts: list[str] = []
    for t in islice(filter(None, map(norm, map(TEXT, src.lines))), TITLE_LINES):
        if t.startswith("目录") or t.startswith("第一部分"):
            break
        parts.append(t)
    joined = "".join(parts)
    joined = re.sub(r"^20\d{2}年度?", "", joined)
    m = re.match(r"^(.*?)(?:20\d{2}年度?)?(?:部门)?决算", joined)
    if not m:
        return ""
    # (a trailing 年度 lost its year to a line of its own: pdfplumber sets the cover's figures
    # apart, 上海市…局 / 年度部门决算 / 2024)
    name = re.sub(r"20\d{2}年度?|年度$", "", m.group(1))
    name = re.sub(r"[二〇零一三四五六七八九十]{4}年[一二三四五六七八九十]+月.*$", "", name)
    return name if 2 <= len(name) <= 60 else ""
