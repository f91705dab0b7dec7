"""The whole of one self-evaluation table once :mod:`.attachment` has found it and read its
headline figures: 主管部门/实施单位, the year, 年度总体目标 and 实际完成情况, funds by source
and 整体 tasks (:mod:`.funds`), the indicator tree (:mod:`.indicators`), 自评等级 and the
table's own notes."""

from __future__ import annotations

import re

from juesuan.extract.performance.common import NUMTOK, cells, clean, words
from juesuan.extract.performance.funds import read_funds, read_management, read_tasks
from juesuan.extract.performance.indicators import (
    LEVEL1,
    IndicatorReader,
    is_header_line,
    last_cell,
    scheme_of,
)
from juesuan.model import PerformanceItem
from juesuan.read.types import Line, Source
from juesuan.textnorm import norm

_END = re.compile(r"^(?:指标自评得分小计|总分|总评价得分|绩效自评总得分|偏差大或|单位主要负责人|改进措施及|注[:：]|-?\s*\d\.\s*预算执行|自评等级)")
_YEAR = re.compile(r"(20\d{2})\s*年度?")
_GRADE = re.compile(r"自评等级[:：]?\s*([优良中差])")
_GOAL_HEAD = re.compile(r"^(?:年度总体目标|年度总体$|年度目标|年度绩效目标|总体目标)")
_TWO_COLUMNS = re.compile(r"(?:预期目标|年初设定目标|年初总体目标).*(?:实际完成情况|全年完成情况)")
_IND_HEAD = re.compile(r"三级指标|^三级$")
_NOTE = re.compile(r"^(?:注[:：]|-?\s*\d\.\s*\S)")


def fill(item: PerformanceItem, lines: list[Line], a: int, b: int, warnings: list[str]) -> None:
    """Fill ``item`` from the table in lines [a, b)."""
    _parties(item, lines, a, b)
    if item.year is None:
        for ln in lines[a:min(a + 4, b)]:
            m = _YEAR.search(ln.text)
            if m:
                item.year = int(m.group(1))
                break
    head = next((i for i in range(a, b) if _is_indicator_header(lines[i])), None)
    headless = False
    if head is None:  # some tables print no indicator header: the rows start at the first 一级指标
        head = next((i for i in range(a, b) if _starts_tree(lines[i])), None)
        headless = head is not None
    _goals(item, lines, a, head if head is not None else b)
    item.funds = read_funds(lines, a, head if head is not None else b)
    if item.kind == "overall":
        item.tasks = read_tasks(lines, a, head if head is not None else b)
    end = b
    if head is not None and _cell_per_line(lines, head):
        warnings.append(f"绩效自评表《{item.name}》：表格每格印在单独一行，指标未读取")
    elif head is not None:
        end = _indicators(item, lines, head, b, warnings, headless)
    item.indicators[:0] = read_management(lines, a, head if head is not None else b)
    for ln in lines[a:b]:
        m = _GRADE.search(norm(ln.text))
        if m:
            item.grade = m.group(1)
    notes = [clean(ln.text.replace("\t", " ")) for ln in lines[end:b] if _NOTE.match(ln.text.strip())]
    item.footnote = " ".join(n for n in notes if n)[:2000]
    last = next((i for i in range(b - 1, a - 1, -1) if lines[i].text.strip()), a)
    item.end_line = lines[last].no


def _cell_per_line(lines: list[Line], head: int) -> bool:
    """Whether the form prints each cell on a line of its own, row after row ('一级指标' /
    '二级指标' / '三级指标' on consecutive lines): its rows cannot be told apart by line, so the
    indicators are not read (a reading warning), never guessed. (A vertical dump that wraps cells
    but keeps a row's values on one line, as seed 003, prints the level headers on one line.)"""
    around = [norm(ln.text) for ln in lines[max(0, head - 2):head + 1] if ln.text.strip()]
    return around[-2:] == ["二级指标", "三级指标"]


def _is_indicator_header(ln: Line) -> bool:
    return any(_IND_HEAD.search(norm(c)) for c in cells(ln) if c)


def _parties(item: PerformanceItem, lines: list[Line], a: int, b: int) -> None:
    """主管部门 and 实施单位 ('主管部门||X||实施单位||Y', or on lines of their own)."""
    for ln in lines[a:b]:
        t = norm(ln.text)
        if "主管部门" not in t and "实施单位" not in t:
            continue
        toks = [norm(c) for c in cells(ln) if c.strip()]
        if len(toks) == 1:  # flattened: split on spaces first (cleaning joins words between Chinese)
            toks = [norm(x) for x in words(ln)]
        role = ""
        got: dict[str, list[str]] = {"dep": [], "imp": []}
        for tok in toks:
            if tok.startswith("主管部门") or tok in ("主管", "部门"):
                role, tok = "dep", tok[len("主管部门"):] if tok.startswith("主管部门") else ""
            elif "实施单位" in tok or "施单位" in tok or tok in ("项目实", "项目实施"):
                role, tok = "imp", re.sub(r"^.*?施单位", "", tok) if "施单位" in tok else ""
            if role and tok and tok not in got[role]:
                got[role].append(tok)
        if got["dep"] and not item.department:
            item.department = got["dep"][-1].rstrip("-")
        if got["imp"] and not item.implementer:
            item.implementer = got["imp"][-1].rstrip("-")
        if item.department and item.implementer:
            return


def _goals(item: PerformanceItem, lines: list[Line], a: int, b: int) -> None:
    """年度总体目标 (objective) and 实际完成情况 (achieved): the text under their header row —
    two cells of one row, or two paragraphs of lines in a vertical layout."""
    start = next((i for i in range(a, b) if _GOAL_HEAD.match(norm(lines[i].text))), None)
    if start is None:
        return
    paras: list[list[str]] = [[]]
    # a flattened header naming both columns ('年度总体目标 预期目标 实际完成情况') over a single
    # line of two words: the two cells. (Text wrapped over several lines is paragraphs instead.)
    body = [ln for ln in lines[start + 1:b] if ln.text.strip()]
    two = len(lines[start].chunks) <= 1 and _TWO_COLUMNS.search(norm(lines[start].text)) is not None \
        and len(body) == 1
    for ln in lines[start + 1:b]:
        toks = [c for c in cells(ln) if c.strip()]
        if two and len(toks) == 1 and len(ln.text.split()) == 2:
            toks = ln.text.split()
        words = "".join(norm(c) for c in toks)
        if not toks:
            if paras[-1]:
                paras.append([])
            continue
        if words in ("目标", "年度目标") or re.fullmatch(r"(年初(设定|总体)目标|全年(实际)?完成情况|预期目标|实际完成情况)+", words):
            continue
        if len(toks) >= 2:
            item.objective = item.objective or norm(toks[-2] if len(toks) > 2 and _caption(toks[0]) else toks[0])
            item.achieved = item.achieved or norm(toks[-1])
            return
        paras[-1].append(norm(toks[0]))
    paras = [p for p in paras if p]
    if paras:
        item.objective = "".join(paras[0])
        item.achieved = "".join(x for p in paras[1:] for x in p)


def _caption(t: str) -> bool:
    return norm(t) in ("年度目标", "年度总体目标", "目标")


def _starts_tree(ln: Line) -> bool:
    toks = [norm(c) for c in cells(ln) if c.strip()]
    return any(t in LEVEL1 for t in toks) and any(NUMTOK.match(t) for t in toks)


def _indicators(item: PerformanceItem, lines: list[Line], head: int, b: int, warnings: list[str],
                headless: bool = False) -> int:
    """Read the indicator rows below the header at ``head`` (from ``head`` itself when the
    table prints no header); the index where they end."""
    header = ["分值 得分 偏差度" if headless else lines[head].text]
    i = head if headless else head + 1
    tail = "" if headless else last_cell([c for c in cells(lines[head]) if c])
    while i < b:
        toks = [c for c in cells(lines[i]) if c]
        if toks and not is_header_line(toks, tail):
            break
        header.append(lines[i].text)
        tail = last_cell(toks) if toks else tail
        i += 1
    title = f"绩效自评表《{item.name}》"
    reader = IndicatorReader(scheme_of(" ".join(header)), title, header_tail=tail)
    while i < b:
        t = norm(lines[i].text)
        first = [norm(c) for c in cells(lines[i]) if c.strip()][:4]
        if _END.match(t) or any(_END.match(c) and not re.search(r"\d", c) for c in first):
            break  # 总分 / 小计 row (maybe after stray marks), or the notes below the table
        reader.feed(lines[i])
        i += 1
    reader.finish()
    item.indicators = reader.rows
    warnings.extend(reader.warnings)
    if not reader.rows:
        warnings.append(f"{title}：有指标表头，但没有读出任何指标行")
    return i


def read_detail(src: Source, item: PerformanceItem, a: int, b: int, warnings: list[str]) -> None:
    fill(item, src.lines, a, b, warnings)
