"""The whole of one self-evaluation table once :mod:`.attachment` has found it and read its
headline figures: 主管部门/实施单位, the year, 年度总体目标 and 实际完成情况, funds by source
and 整体 tasks (:mod:`.funds`), the indicator tree (:mod:`.indicators`), 自评等级 and the
table's own notes."""

from __future__ import annotations

from juesuan import lazy
from juesuan.extract.performance.common import NUMTOK, Row, clean
from juesuan.extract.performance.funds import read_funds, read_management, read_tasks
from juesuan.extract.performance.indicators import (
    LEVEL1,
    IndicatorReader,
    is_header_line,
    last_cell,
    scheme_of,
)
from juesuan.model import PerformanceItem
from juesuan.read.types import TEXT
from juesuan.textnorm import norm

_END = lazy.pattern(r"^(?:指标自评得分小计|总分|总评价得分|绩效自评总得分|偏差大或|单位主要负责人|改进措施及|注[:：]|-?\s*\d\.\s*预算执行|自评等级)")
_YEAR = lazy.pattern(r"(20\d{2})\s*年度?")
_GRADE = lazy.pattern(r"自评等级[:：]?\s*([优良中差])")
_GOAL_HEAD = lazy.pattern(r"^(?:年度总体目标|年度总体$|年度目标|年度绩效目标|总体目标)")
_TWO_COLUMNS = lazy.pattern(r"(?:预期目标|年初设定目标|年初总体目标).*(?:实际完成情况|全年完成情况)")
_IND_HEAD = lazy.pattern(r"三级指标|^三级$")
_NOTE = lazy.pattern(r"^(?:注[:：]|-?\s*\d\.\s*\S)")
_GOAL_CAPTIONS = lazy.pattern(r"(年初(设定|总体)目标|全年(实际)?完成情况|预期目标|实际完成情况)+")
_BEFORE_UNIT = lazy.pattern(r"^.*?施单位")
_DIGIT = lazy.pattern(r"\d")


# the first characters of _END's words: a cell ends the rows only when it holds no digit, so
# only a word, never the '1. 预算执行…' note, can end them from a cell
_END_FIRST = frozenset("指总绩偏单改注自")


def ends_indicators(r: Row) -> bool:
    """Whether the row ends the indicator rows: the 总分 / 小计 row (maybe after stray marks
    in its first cells), or the notes below the table. (The first four cells normalised: an
    indicator row is not asked for its other cells; a cell only when it opens with one of the
    words' first characters.)"""
    head = r.text[:1]
    # (the row's text is normalised, with no whitespace: it opens one of _END's words with its
    # first character, or the note's '-' or digit)
    if (head in _END_FIRST or head == "-" or head.isdecimal()) and _END.match(r.text):
        return True
    lead = r.lead
    # (a line of one text: only its first cell may be a word — what follows it are figures —
    # and its first character is known without cleaning it)
    for c in r.toks[:4] if lead is None else (lead,):
        head = c[:1]
        if head.isascii() or ("\u4e00" <= head <= "\u9fff" and head not in _END_FIRST):
            continue  # (an ideograph is its own NFKC, whatever follows: the cell's first after
            # norm; so is an ASCII character, with what may compose with it; '' is no cell)
        c = norm(c if lead is None else r.toks[0])
        if c[:1] in _END_FIRST and _END.match(c) and not _DIGIT.search(c):
            return True
    return False


def fill(item: PerformanceItem, rows: list[Row], warnings: list[str]) -> None:
    """Fill ``item`` from the table whose lines are ``rows`` (its title line first)."""
    # the rows' texts joined, asked once for the words two passes look for row by row (most
    # forms print no grade, the 整体 forms no parties: each pass would ask every row)
    joined = "\n".join(map(TEXT, rows))
    if "主管部门" in joined or "实施单位" in joined:
        _parties(item, rows)
    if item.year is None:
        for r in rows[:4]:
            m = _YEAR.search(r.line.text)
            if m:
                item.year = int(m.group(1))
                break
    head = next((i for i, r in enumerate(rows) if _is_indicator_header(r)), None)
    headless = False
    if head is None:  # some tables print no indicator header: the rows start at the first 一级指标
        head = next((i for i, r in enumerate(rows) if _starts_tree(r)), None)
        headless = head is not None
    above = rows[:head] if head is not None else rows  # the rows above the indicator tree
    _goals(item, above)
    item.funds = read_funds(above)
    if item.kind == "overall":
        item.tasks = read_tasks(above)
    end = len(rows)
    if head is not None and _cell_per_line(rows, head):
        warnings.append(f"绩效自评表《{item.name}》：表格每格印在单独一行，指标未读取")
    elif head is not None:
        end = _indicators(item, rows, head, warnings, headless)
    item.indicators[:0] = read_management(above)
    if "自评等级" in joined:
        item.grade = _grade(rows) or item.grade
    notes = [clean(r.line.text.replace("\t", " ")) for r in rows[end:] if _NOTE.match(r.line.text.strip())]
    item.footnote = " ".join(n for n in notes if n)[:2000]
    last = next((r for r in reversed(rows) if r.line.text.strip()), rows[0])
    item.end_line = last.line.no


def _grade(rows: list[Row]) -> str | None:
    """自评等级 as the last row printing it says (优/良/中/差); None when none does."""
    for r in reversed(rows):
        m = _GRADE.search(r.text) if "自评等级" in r.text else None
        if m:
            return m.group(1)
    return None


def _cell_per_line(rows: list[Row], head: int) -> bool:
    """Whether the form still prints each cell on a line of its own, row after row ('一级指标' /
    '二级指标' / '三级指标' on consecutive lines). :mod:`.percell` rebuilds such a form's rows
    before it gets here; should one still reach here, it is not read (a reading
    warning), never guessed. (A vertical dump that wraps cells but keeps a row's values on one
    line, as seed 003, prints the level headers on one line.)"""
    around = [r.text for r in rows[max(0, head - 2):head + 1] if r.line.text.strip()]
    return around[-2:] == ["二级指标", "三级指标"]


def _is_indicator_header(r: Row) -> bool:
    # (a cell's text is the line's with characters deleted: a line without 级 has no such cell)
    return "级" in r.text and any(_IND_HEAD.search(c) for c in r.ntoks)


def _parties(item: PerformanceItem, rows: list[Row]) -> None:
    """主管部门 and 实施单位 ('主管部门||X||实施单位||Y', or on lines of their own)."""
    for r in rows:
        t = r.text
        if "主管部门" not in t and "实施单位" not in t:
            continue
        toks = r.ntoks
        if len(toks) == 1:  # flattened: split on spaces first (cleaning joins words between Chinese)
            toks = tuple([norm(x) for x in r.words])
        role = ""
        got: dict[str, list[str]] = {"dep": [], "imp": []}
        for tok in toks:
            if tok.startswith("主管部门") or tok in ("主管", "部门"):
                role, tok = "dep", tok[len("主管部门"):] if tok.startswith("主管部门") else ""
            elif "实施单位" in tok or "施单位" in tok or tok in ("项目实", "项目实施"):
                role, tok = "imp", _BEFORE_UNIT.sub("", tok) if "施单位" in tok else ""
            if role and tok and tok not in got[role]:
                got[role].append(tok)
        if got["dep"] and not item.department:
            item.department = got["dep"][-1].rstrip("-")
        if got["imp"] and not item.implementer:
            item.implementer = got["imp"][-1].rstrip("-")
        if item.department and item.implementer:
            return


def _goals(item: PerformanceItem, rows: list[Row]) -> None:
    """年度总体目标 (objective) and 实际完成情况 (achieved): the text under their header row —
    two cells of one row, or two paragraphs of lines in a vertical layout."""
    start = next((i for i, r in enumerate(rows) if _GOAL_HEAD.match(r.text)), None)
    if start is None:
        return
    paras: list[list[str]] = [[]]
    # a flattened header naming both columns ('年度总体目标 预期目标 实际完成情况') over a single
    # line of two words: the two cells. (Text wrapped over several lines is paragraphs instead.)
    # (a page's number printed between them is layout furniture, never a cell)
    two = len(rows[start].line.chunks) <= 1 and _TWO_COLUMNS.search(rows[start].text) is not None \
        and sum(1 for r in rows[start + 1:] if r.line.text.strip() and not r.line.marker) == 1
    for r in rows[start + 1:]:
        if r.line.marker:
            continue
        if not r.count:
            if paras[-1]:
                paras.append([])
            continue
        # (a row's cells are asked for only when it has two: most rows here are a line of a
        # paragraph, one cell, whose normalised text ``ntoks`` gives without cleaning it)
        toks: tuple[str, ...] | list[str] | None = r.toks if r.count >= 2 else None
        ntoks = r.ntoks
        if two and toks is None and len(r.line.text.split()) == 2:
            toks = r.line.text.split()
            ntoks = tuple([norm(c) for c in toks])
        words = "".join(ntoks)
        if words in ("目标", "年度目标") or _GOAL_CAPTIONS.fullmatch(words):
            continue
        if toks is not None:
            item.objective = item.objective or (ntoks[-2] if len(toks) > 2 and _caption(toks[0]) else ntoks[0])
            item.achieved = item.achieved or ntoks[-1]
            return
        paras[-1].append(ntoks[0])
    paras = [p for p in paras if p]
    if paras:
        item.objective = "".join(paras[0])
        item.achieved = "".join(x for p in paras[1:] for x in p)


def _caption(t: str) -> bool:
    return norm(t) in ("年度目标", "年度总体目标", "目标")


def _starts_tree(r: Row) -> bool:
    toks = r.ntoks
    return any(t in LEVEL1 for t in toks) and any(NUMTOK.match(t) for t in toks)


def _indicators(item: PerformanceItem, rows: list[Row], head: int, warnings: list[str],
                headless: bool = False) -> int:
    """Read the indicator rows below the header at ``head`` (from ``head`` itself when the
    table prints no header); the index where they end."""
    b = len(rows)
    header = ["分值 得分 偏差度" if headless else rows[head].line.text]
    i = head if headless else head + 1
    tail = "" if headless else last_cell(rows[head].toks)
    while i < b:
        toks = rows[i].toks
        if toks and not is_header_line(toks, tail):
            break
        header.append(rows[i].line.text)
        tail = last_cell(toks) if toks else tail
        i += 1
    title = f"绩效自评表《{item.name}》"
    reader = IndicatorReader(scheme_of(" ".join(header)), title, header_tail=tail)
    end = b
    for k, r in enumerate(rows[i:], i):
        # (a blank line, a third of a flattened form's, ends nothing, and the reader passes
        # over it: asked of neither, no text to match, no cell)
        if r.text or r.count:
            if ends_indicators(r):
                end = k  # 总分 / 小计 row (maybe after stray marks), or the notes below the table
                break
            reader.feed(r)
    reader.finish()
    item.indicators = reader.rows
    warnings.extend(reader.warnings)
    if not reader.rows:
        warnings.append(f"{title}：有指标表头，但没有读出任何指标行")
    return end
