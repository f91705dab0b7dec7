"""Self-evaluation forms printed one cell a line — what many PDF tools make of a ruled form:
each cell on a line of its own, row after row, the empty cells dropped. The form's rows are
rebuilt here (each a line of tab-separated cells), so the readers of the other layouts
(:mod:`.attachment`, :mod:`.detail`, :mod:`.funds`, :mod:`.indicators`) read them as they read
any row.

A dropped cell leaves no trace, so a row's end is never taken from a count of lines; it comes
from the form's own structure:

- the head's label / value pairs (项目名称, 主管部门, 实施单位, 单位名称, 自评等级): a label and the
  cell after it;
- a run of column headers (项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分,
  年度主要任务 任务名称 …, 年度总体目标 预期目标 实际完成情况, the indicator header): one row;
- a text cell followed by figures (a funds or task row, a headline label and its figure, 总分):
  one row, the figures in their printed column order (the funds reader places them by the
  form's identity 执行率 = 执行数 ÷ 预算数, which a dropped cell does not disturb);
- the texts under 年度总体目标 / 预期目标 / 实际完成情况: one row of two cells when there are
  exactly two; otherwise split where one cell ends a sentence, and the table is named in a
  warning (a wrapped goal's pieces cannot be told from the two cells);
- an indicator row ends with its run of plain numbers (… [完成程度] 分值 得分 [偏差度]); the cells
  after the run are that row's analysis up to the next row's labels. A level name (一级/二级
  vocabulary) opens the next row; before it, or without one, a sentence is analysis. The row's
  labels are then its levels (carried down by the reader when not printed) and one name: a row
  left with more label cells than that (a wrapped name, a short analysis, a free-text level) or
  whose second cell may be the name (a value dropped) is read — a surplus of pieces joined as
  the vertical layout's reader joins a cell wrapped over lines (a name's pieces each no wider
  than the one above; a value's unit tail when target and actual then carry one unit) — but
  its indicator is marked uncertain and the table named in a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan import lazy
from juesuan.extract.performance.common import NUMTOK, Row, d, rows_of
from juesuan.extract.performance.indicators import (
    HEADER_WORDS,
    Frag,
    Scheme,
    comparator_only,
    is_header_line,
    is_level,
    is_plain,
    measured,
    rejoin_values,
    scheme_of,
    wraps,
)
from juesuan.read.types import TEXT, Chunk, Line

# the head's labels whose value is the next cell
_PAIRED = lazy.pattern(r"^(?:项目(?:\(政策\))?名称|主管部门|实施单位|(?:部门\(单位\)|单位)名称|自评等级)$")
# the column headers of the head's tables (funds, tasks, goals), '(万元)' / '(A)' allowed
_HEAD_COLUMN = lazy.pattern(r"^(?:年初预算数|全年预算数|全年执行数|预算数|执行数|分值|执行率|得分|任务名称|预期目标"
                            r"|实际完成情况|年初设定目标|全年完成情况|项目下达金额|项目执行金额|项目执行率)"
                            r"(?:\((?:万元|A|B|B/A)\))*$")
_GOAL_HEAD = lazy.pattern(r"^(?:年度总体目标|年度目标|年度绩效目标|总体目标)")
# the cells that close the indicator rows (detail._END's openings that a cell holds alone)
_TREE_END = lazy.pattern(r"^(?:指标自评得分小计|总分|总评价得分|绩效自评总得分|自评等级|注[:：]|单位主要负责人)")
_ANALYSIS_COLUMN = lazy.pattern(r"原因|措施|说明|保障")
_SENTENCE_END = ("。", "；", ";", "！")


# The headers of the forms' figure columns (the head's tables' and the indicator tree's).
# Printed one cell a line row by row, a header stands in its row's run of headers and a row
# opens with its label: a header is not directly followed by figures of its own (a head
# label's value is one figure: 年初预算数 / 10.00). Printed column by column (pdfminer's text
# boxes), each header is followed by its column's figures, one per row. Two such headers make
# a form no row structure puts back together (``by_column``). (Text columns' headers — 预期目标,
# 任务名称 — are left out: a text tool may set another table's figures after them.)
_FIGURE_COLUMNS = ("年初预算数", "全年预算数", "全年执行数", "预算数", "执行数", "分值", "执行率", "得分", "项目下达金额",
                   "项目执行金额", "项目执行率", "年度指标值", "实际完成值", "全年完成值", "指标值", "完成程度", "偏差度")
# (a cell's normalised text: '（万元）' is '(万元)'; a set, as every line of every form is asked)
_UNITS = ("(万元)", "(A)", "(B)", "(B/A)")
_FIGURE_HEADS = frozenset(h + unit for h in _FIGURE_COLUMNS for unit in ("", *_UNITS))
_HEAD_THEN_FIGURE = lazy.pattern("\n(?:" + "|".join(_FIGURE_COLUMNS) + ")(?:" + "|".join(map(re.escape, _UNITS))
                                 + ")?\n\\d")
BY_COLUMN_HEADS = 2
BY_COLUMN = ("表格各栏成块输出（每栏的数值接连印出，如 pdfminer 所得文本），数值无法对应到行，本表未读取；"
             "请改用原 PDF 或保留版式的文本（pdftotext -layout）")


def by_column(rows: list[Row]) -> bool:
    """Was a form (its rows, from its title to the next) printed column by column, one cell a
    line: ``BY_COLUMN_HEADS`` figure-column headers each directly followed by two figures?"""
    heads = _FIGURE_HEADS
    cells = [r for r in rows if r.count == 1 and not r.line.marker]
    seen = 0
    for k, c in enumerate(cells):
        if c.text in heads and k + 2 < len(cells) and _figure(cells[k + 1]) and _figure(cells[k + 2]) \
                and not (k and cells[k - 1].text in heads):
            seen += 1
            if seen >= BY_COLUMN_HEADS:
                return True
    return False


def name_rows(rows: list[Row]) -> list[Line]:
    """What a form printed column by column still says for sure: its head's names — a run of
    name labels (项目名称, 主管部门 …) and as many text cells after it, paired in order (the
    labels' column, then the values'; one label and its value printed row by row is the
    run of one) — and a line holding a name label with its name."""
    cells = [r for r in rows if r.text]
    out: list[Line] = []
    k = 0
    while k < len(cells):
        r = cells[k]
        if r.count > 1 and "名称" in r.text:
            out.append(r.line)
        if r.count != 1 or not _PAIRED.match(r.text) or r.text == "自评等级":
            k += 1
            continue
        j = k
        while j < len(cells) and cells[j].count == 1 and _PAIRED.match(cells[j].text) and cells[j].text != "自评等级":
            j += 1
        n = j - k
        values = cells[j:j + n]
        if len(values) == n and all(v.count == 1 and not _figure(v) and not _HEAD_COLUMN.match(v.text)
                                    and not _PAIRED.match(v.text) for v in values):
            out.extend(_row([a, v]) for a, v in zip(cells[k:j], values))
            j += n
        k = j
    return out


@dataclass
class Rebuilt:
    """A region's lines with its one-cell-a-line forms' rows rebuilt; ``doubt`` holds the
    (page, line) of each rebuilt indicator row whose end is a guess, ``notes`` per title line
    (its index in ``lines``) what else of that form is open."""

    lines: list[Line]
    doubt: set[tuple[int | None, int]] = field(default_factory=set)
    notes: dict[int, list[str]] = field(default_factory=dict)


def form_text(rows: list[Row]) -> str:
    """The non-blank rows' texts, each on a line of its own between two line breaks: what the
    cheap tests below search, once each (most regions are no such form)."""
    return "\n" + "\n".join(filter(None, map(TEXT, rows))) + "\n"


def maybe_cell_per_line(rows: list[Row], text: str | None = None) -> bool:
    """Cheap test asked of every region: some line holds 三级指标 alone right below 二级指标
    alone (a form printing its header one cell a line; a vertical dump prints them on one
    line). ``text``: ``form_text(rows)``, when the caller has it."""
    return "\n二级指标\n三级指标\n" in (form_text(rows) if text is None else text)


def maybe_by_column(rows: list[Row], text: str | None = None) -> bool:
    """Cheap test asked of every region before ``by_column``: some line is a figure-column
    header alone and the next one opens with a digit."""
    return _HEAD_THEN_FIGURE.search(form_text(rows) if text is None else text) is not None


def rebuild(lines: list[Line], titles: list[int]) -> Rebuilt:
    """``lines`` with each form (from a title index in ``titles`` to the next) printed one cell
    a line replaced by its rebuilt rows; other forms as they were."""
    out = Rebuilt([])
    bounds = titles + [len(lines)]
    out.lines.extend(lines[:bounds[0]])
    for a, b in zip(bounds, bounds[1:]):
        rows = rows_of(lines[a:b])
        if not maybe_cell_per_line(rows):
            out.lines.extend(lines[a:b])
            continue
        start = len(out.lines)
        notes: list[str] = []
        out.lines.extend(_Form(rows, out.doubt, notes).rebuild())
        if notes:
            out.notes[start] = notes
    return out


def _row(cells: list[Row]) -> Line:
    """One line of the cells (their original texts), at the first cell's place."""
    first = cells[0].line
    texts = [c.line.text.strip() for c in cells]
    return Line(no=first.no, text="\t".join(texts), chunks=[Chunk(t) for t in texts], page=first.page)


def _figure(r: Row) -> bool:
    return len(r.toks) == 1 and bool(NUMTOK.match(r.toks[0]))


def _plain(r: Row) -> bool:
    return len(r.toks) == 1 and is_plain(r.toks[0])


# what an analysis cell holds when it says nothing ('无', '/', '—'): never an indicator's name
_BLANK = ("无", "/", "-", "—", "--", "——", "√")
# a sentence's punctuation (norm has made it half-width): an analysis, not a name. Not '、', ':' or '.',
# which names hold ('资金拨付、发放到位率', 'PM2.5'), nor a length: a long name is no sentence
_SENTENCE_MARK = lazy.pattern(r"[,;!?。]")


def _analysis(r: Row) -> bool:
    return bool(_SENTENCE_MARK.search(r.text)) or r.text in _BLANK


def _short(cells: list[Row], sc: Scheme) -> bool:
    """Whether a row (its cells up to the end of its run of figures) scored below its 分值."""
    figs = [x.toks[0] for x in cells if _plain(x)]
    if sc.deviation_rate and figs and figs[-1].endswith("%"):
        figs = figs[:-1]  # 偏差度 after 得分
    if not sc.weight or len(figs) < 2:
        return True  # no 分值 to compare with: assume the row may have an analysis
    weight, score = d(figs[-2]), d(figs[-1])
    return weight is None or score is None or score < weight


def _cell(text: str, at: Line) -> Row:
    """One cell of the text of a cell wrapped over lines, at its first piece's place."""
    return Row(Line(no=at.no, text=text, chunks=[Chunk(text)], page=at.page))


def _rejoined(labels: list[Row], in_run: int) -> list[Row]:
    """A row left with more label cells than one name, its pieces joined the way the vertical
    layout's reader joins a cell wrapped over lines (:mod:`.indicators`: a value's unit tail
    when the target and the actual then carry the same unit; a name's pieces each no wider than
    the one above). Best effort for a row that stays marked uncertain: pieces that do not join
    so are left as printed."""
    lead = 0
    while lead < len(labels) and is_level(labels[lead].text):
        lead += 1
    rest = labels[lead:]
    c = next((m for m, x in enumerate(rest) if comparator_only(x.text)), None)
    if c is None and in_run == 0:
        joined = rejoin_values([Frag(r.line.text.strip(), r.line, True) for r in rest])
        if len(joined) < len(rest):  # the values' pieces joined: the target and the actual are the last two
            k = len(joined) - 2
            rest = rest[:k] + [_cell(f.text, f.line) for f in joined[k:]]
    v = len(rest) - c if c is not None else min(max(2 - in_run, 0), len(rest) - 1)
    names = rest[:len(rest) - v]
    if len(names) > 1 and all(wraps(a.line.text.strip(), b.line.text.strip()) for a, b in zip(names, names[1:])):
        rest = [_cell("".join(n.line.text.strip() for n in names), names[0].line)] + rest[len(names):]
    return labels[:lead] + rest


class _Form:
    def __init__(self, rows: list[Row], doubt: set[tuple[int | None, int]], notes: list[str]):
        self.rows = rows
        self.doubt = doubt
        self.notes = notes
        self.out: list[Line] = []

    def rebuild(self) -> list[Line]:
        rows = self.rows
        # the cells: every non-blank line. A page's number printed between two cells of a row
        # (the form broken over pages) is furniture: dropped, so that it cannot end a row
        cells = [r for r in rows if r.text and not r.line.marker]
        head = next((k for k, c in enumerate(cells) if c.text == "三级指标"), len(cells))
        while head > 0 and cells[head - 1].text in ("一级指标", "二级指标", "绩效指标"):
            head -= 1
        end = next((k for k in range(head, len(cells)) if _TREE_END.match(cells[k].text)), len(cells))
        self._plain(cells[:head])
        self._tree(cells[head:end])
        self._plain(cells[end:])
        return self.out

    # -- the head and the closing rows -----------------------------------------------------

    def _plain(self, cells: list[Row]) -> None:
        k = 0
        while k < len(cells):
            c = cells[k]
            if len(c.toks) != 1:
                self.out.append(c.line)
                k += 1
                continue
            nxt = cells[k + 1] if k + 1 < len(cells) else None
            if _PAIRED.match(c.text) and nxt is not None and self._value_cell(cells, k + 1):
                j = k + 2
                while c.text != "自评等级" and self._value_cell(cells, j):
                    j += 1  # the value wrapped in its cell ('基层公共文化服务设施运' / '行维护补助资金')
                if j > k + 2:
                    self.notes.append(f"{c.text}每格印在单独一行且有折行，{c.text}按相连的 {j - k - 1} 行拼接，可能有误")
                    joined = self._joined(cells[k + 1:j])
                    self.out.append(Line(no=c.line.no, text=f"{c.line.text.strip()}\t{joined}",
                                         chunks=[Chunk(c.line.text.strip()), Chunk(joined)], page=c.line.page))
                else:
                    self.out.append(_row(cells[k:j]))
                k = j
                continue
            j = k + 1
            if _TREE_END.match(c.text) and nxt is not None and is_level(nxt.text) and k + 2 < len(cells) \
                    and _figure(cells[k + 2]):
                # a level's merged cell (一级 '效益指标', centred over its rows) that the tool
                # printed after the tree's last row, between 总分 and its figures: no cell of
                # this row — it goes after it, where no reader takes it for a label
                j = k + 2
                while j < len(cells) and _figure(cells[j]):
                    j += 1
                self.out.append(_row([c, *cells[k + 2:j]]))
                self.out.append(nxt.line)
                k = j
                continue
            if not _figure(c) and nxt is not None and _figure(nxt):  # a label and its figures
                while j < len(cells) and _figure(cells[j]):
                    j += 1
            elif _HEAD_COLUMN.match(c.text) or (nxt is not None and _HEAD_COLUMN.match(nxt.text) and not _figure(c)):
                while j < len(cells) and _HEAD_COLUMN.match(cells[j].text):
                    j += 1  # a caption and its column headers
            self.out.append(_row(cells[k:j]))
            if _GOAL_HEAD.match(c.text):
                j = self._goals(cells, j)
            k = j

    @staticmethod
    def _value_cell(cells: list[Row], j: int) -> bool:
        """Whether cells[j] may be (a piece of) a head label's value: a text cell that is no
        label, column header, goal or indicator header, nor a caption or a row's label (the
        cell before column headers or figures)."""
        if j >= len(cells):
            return False
        c = cells[j]
        if len(c.toks) != 1 or _figure(c) or _PAIRED.match(c.text) or _HEAD_COLUMN.match(c.text) \
                or _GOAL_HEAD.match(c.text) or _TREE_END.match(c.text) or is_header_line(c.toks):
            return False
        nxt = cells[j + 1] if j + 1 < len(cells) else None
        return nxt is None or not (_figure(nxt) or _HEAD_COLUMN.match(nxt.text))

    def _goals(self, cells: list[Row], k: int) -> int:
        """The texts under the goals' header (预期目标 / 实际完成情况), up to the next figure or
        label: one row of two cells; the index after them."""
        j = k
        while j < len(cells) and len(cells[j].toks) == 1 and not _figure(cells[j]) \
                and not _PAIRED.match(cells[j].text) and not _HEAD_COLUMN.match(cells[j].text) \
                and not is_header_line(cells[j].toks):
            j += 1
        texts = cells[k:j]
        if len(texts) < 2:
            return k
        if len(texts) > 2:
            ends = [m for m in range(1, len(texts)) if texts[m - 1].text.endswith(_SENTENCE_END)]
            cut = ends[0] if len(ends) == 1 else 1
            self.notes.append("年度总体目标与实际完成情况每格印在单独一行且有折行，两者的分界不确定")
            joined = [self._joined(texts[:cut]), self._joined(texts[cut:])]
            self.out.append(Line(no=texts[0].line.no, text="\t".join(joined), chunks=[Chunk(t) for t in joined],
                                 page=texts[0].line.page))
            return j
        self.out.append(_row(texts))
        return j

    @staticmethod
    def _joined(cells: list[Row]) -> str:
        return "".join(c.line.text.strip() for c in cells)

    # -- the indicator rows --------------------------------------------------------------

    def _tree(self, cells: list[Row]) -> None:
        header: list[Row] = []
        k = 0
        while k < len(cells) and len(cells[k].toks) == 1 and is_header_line(cells[k].toks, header[-1].text if header
                                                                           else ""):
            header.append(cells[k])
            k += 1
        if not header:
            self.out.extend(c.line for c in cells)
            return
        self.out.append(_row(header))
        scheme = scheme_of(" ".join(h.text for h in header))
        analysis_cols = sum(1 for h in header if _ANALYSIS_COLUMN.search(h.text))
        # the cells of the rows (page furniture and a repeated header are emitted as they come)
        body = list(self._headers_out(cells[k:]))
        # the row ends: each maximal run of plain numbers long enough to hold the scores
        runs: list[tuple[int, int]] = []
        i = 0
        while i < len(body):
            if _plain(body[i]):
                j = i
                while j < len(body) and _plain(body[j]):
                    j += 1
                if j - i >= scheme.tail:
                    runs.append((i, j))
                i = j
            else:
                i += 1
        prev_end = 0
        pending: list[Row] = []  # the last row's cells, its analysis still to come
        for s, e in runs:
            run = [x.toks[0] for x in body[s:e]]
            # values the run holds (an actual printed as a plain number, '98.98%'), before its scores
            dev = int(scheme.deviation_rate and len(run) > scheme.tail and run[-1].endswith("%"))
            analysis, labels, sure, spill = self._split(body[prev_end:s], _short(pending, scheme) if pending else None,
                                                        analysis_cols, max(len(run) - scheme.tail - dev, 0))
            if pending and spill:
                self._doubt(pending)  # more cells before the next row's levels than analysis columns
            self._close(pending, analysis)
            if not sure:
                labels = _rejoined(labels, max(len(run) - scheme.tail - dev, 0))
            pending = labels + body[s:e]
            if not sure:
                self._doubt(pending)
            prev_end = e
        rest = body[prev_end:]
        if pending:
            if len(rest) > analysis_cols:
                self._doubt(pending)
            self._close(pending, rest[:max(analysis_cols, 0)] if analysis_cols else [])
            rest = rest[analysis_cols:] if analysis_cols else rest
        for c in rest:
            self.out.append(c.line)  # no scores follow: left to the reader (it warns of what it cannot place)

    def _headers_out(self, cells: list[Row]):
        """The body's cells; a repeated indicator header (the form broken over pages) and a line
        of several cells are emitted as they are."""
        k = 0
        while k < len(cells):
            c = cells[k]
            if len(c.toks) != 1:
                self.out.append(c.line)
                k += 1
                continue
            j = k
            prev = ""
            while j < len(cells) and len(cells[j].toks) == 1 and is_header_line(cells[j].toks, prev):
                prev = cells[j].text
                j += 1
            if j > k and any(w in cells[m].text for m in range(k, j) for w in HEADER_WORDS):
                self.out.append(_row(cells[k:j]))
                k = j
                continue
            yield c
            k += 1

    @staticmethod
    def _split(between: list[Row], short: bool | None, analysis_cols: int,
               in_run: int) -> tuple[list[Row], list[Row], bool, bool]:
        """(the previous row's analysis, this row's labels and values, whether this row's
        labels are certain, whether the previous row's analysis is not) of the cells between
        two runs of scores. ``short``: None for the first row, else whether the row above
        scored below its 分值 (a deviation, which its analysis cell explains); ``in_run``: how
        many of the row's values are plain numbers in its run of scores."""
        lvl = next((m for m, c in enumerate(between) if is_level(c.text)), None)
        spill = False
        if lvl is not None:  # the row's labels open with its level: what precedes is analysis
            analysis, rest = between[:lvl], between[lvl:]
            spill = len(analysis) > analysis_cols
            sure = not spill
            while rest and is_level(rest[0].text):
                rest = rest[1:]
        else:  # a sentence, or a blank's placeholder, after the scores is the row above's analysis
            m = 0
            if short is not None:
                while m < min(analysis_cols, len(between) - 1) and _analysis(between[m]):
                    m += 1
            sure = True
            if m and measured(between[m].text):
                m -= 1  # a value follows: the last cell taken was the row's name (a sentence-like one)
                sure = False
            analysis, rest = between[:m], between[m:]
        # the row's own cells past its levels: one name, then its values — a comparator cell
        # opens the split columns' values (运算符号 指标值 度量单位 实际值), else the target and the
        # actual are the last two cells (those of them not in the run)
        c = next((m for m, x in enumerate(rest) if comparator_only(x.text)), None)
        names = c if c is not None else max(len(rest) - max(2 - in_run, 0), 1 if rest else 0)
        if names > 1:
            sure = False
        elif lvl is None and short and analysis_cols and not analysis and len(rest) >= 2 and \
                not measured(rest[1].text):
            # the row above scored short, so it may have a short analysis ('见说明') that is not a
            # sentence: 'X Y [Z]' is a name and text values, or that analysis, a name and a value
            sure = False
        return analysis, between[len(analysis):], sure, spill

    def _close(self, cells: list[Row], analysis: list[Row]) -> None:
        if cells:
            self.out.append(_row(cells + analysis))
        elif analysis:
            self.out.extend(a.line for a in analysis)

    def _doubt(self, cells: list[Row]) -> None:
        first = cells[0].line
        self.doubt.add((first.page, first.no))
