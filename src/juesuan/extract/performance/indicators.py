"""The indicator tree of a self-evaluation table (一级/二级/三级指标 and their values).

Printed rows do not keep their columns: empty cells are dropped or doubled, names wrap over
several cells or lines, 一级/二级 are printed once and inherited by the rows below. So a row is
read by its shape, right to left, not by column position:

- the header (which may span several lines) fixes the value columns the table prints
  (:class:`Scheme`): 运算符号/度量单位 in their own columns, 完成程度, 分值, 偏差度;
- a row's values end with a run of plain numbers — [完成程度] [分值] 得分 [偏差度];
  what stands before that run is the target and the actual (with comparator and unit), before
  them the labels; what follows it is the deviation analysis;
- labels are sorted into 一级/二级/三级 by the standard vocabulary (产出指标, 数量指标 …) and
  otherwise by position (三级 last); the 三级 name of a vertical layout, wrapped over lines,
  is joined again;
- a line with labels but no values (vertical layouts) waits for the values line below it;
- a flattened row whose target and actual wrapped, each piece on a line of its own ('≤1500元' /
  '/人/月' / '1500.00' / '元/人/月'), has each value joined again when the two then carry the
  same unit; a row whose values still look to be in pieces is marked uncertain.

A row with values but no indicator name, or values that do not fit the header, is not
guessed: it becomes a reading warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from juesuan import lazy
from juesuan.comparators import PREFIX_RE, split_leading, split_trailing
from juesuan.extract.performance.common import Row, clean, d
from juesuan.memo import memo
from juesuan.model import PerformanceIndicator, made, printed_data
from juesuan.read.types import Line
from juesuan.textnorm import norm

LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
_LEVEL2_STEMS = ("数量", "质量", "时效", "经济效益", "社会效益", "生态效益", "可持续影响",
                 "服务对象满意度", "社会公众满意度", "经济成本", "社会成本", "生态环境成本")
LEVEL2 = tuple(s + "指标" for s in _LEVEL2_STEMS)
# the 一级 each standard 二级 belongs to (财预〔2020〕10号): a row printing 数量指标 is an 产出指标 row
# even when the 产出指标 heading, centred in its merged cell, is printed on a later line
PARENT = {**{s + "指标": "产出指标" for s in ("数量", "质量", "时效")},
          **{s + "指标": "效益指标" for s in ("经济效益", "社会效益", "生态效益", "可持续影响")},
          **{s + "指标": "满意度指标" for s in ("服务对象满意度", "社会公众满意度")},
          **{s + "指标": "成本指标" for s in ("经济成本", "社会成本", "生态环境成本")}}
# 二级 names printed without '指标' (a wrapped or cut cell); never an indicator's own name
_LEVEL2_BARE = {s: s + "指标" for s in ("经济效益", "社会效益", "生态效益", "可持续影响", "经济成本", "社会成本",
                                        "生态环境成本")}

# 完成程度 printed as a ratio: 1 means 100%; no table prints every completion below 5%
_RATIO_MAX = Decimal(5)
_NUM_RE = lazy.pattern(r"^-?\d+(?:\.\d+)?")
_PLAIN = lazy.pattern(r"^-?\d+(?:\.\d+)?%?$")
# the points a heading prints: inside its cell, closing it ('成本指标 (20分)', '产出指标(5' whose
# '分)' wrapped away), or in a cell of its own ('(20分)', OCR '(20))')
_NOTE_IN_CELL = lazy.pattern(r"[(（]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]*$")
_NOTE_ALONE = lazy.pattern(r"^[(（]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]*$")
_WEIGHT_NOTE = lazy.pattern(r"[(（]\s*\d+(?:\.\d+)?\s*分?\s*[)）]?$|\(\d+\)+$")
# the qualitative grading phrase, whose range '100%-80%（含）' a flattened line splits off
_GRADE_TAIL = lazy.pattern(r"^\d+%?-\d+%?\s*[(（]含")
# how the grading phrase opens (its range may be on a later line)
_GRADE_OPENERS = ("全部或", "部分达成", "未达成", "基本达成")
# how 三级指标 names end (…率, …度, …性, …数量): such a cell is a name, not a qualitative target
_NAME_END = lazy.pattern(r"(?:率|度|性|数|量|比例|占比)$")
# a text line that is analysis, not a label: punctuation of a sentence, or too long for a cell
_SENTENCE = lazy.pattern(r"[，。；：:,;、！？]")
# header words that mark a header cell even inside a longer cell ('改进措施运算'); the analysis
# column names (经费保障, 原因分析 …) are not among them: analysis text begins with them
HEADER_WORDS = ("运算符号", "度量单位", "年度指标值", "全年完成值", "实际完成值", "完成程度", "偏差度",
                 "一级指标", "二级指标", "三级指标", "年度目标值")
# any of them (one scan of a cell instead of one for each word: most cells hold none)
_HEADER_WORD = lazy.pattern("|".join(HEADER_WORDS))
# the header cells of the forms, run together: a vertical layout wraps them into pieces
# ('完成程' / '度', '硬件条件保' / '障'), each a piece of this text
_HEADER_TEXT = ("绩效指标一级指标二级指标三级指标运算符号指标值度量单位全年完成值完成程度分值得分偏差原因分析"
                "改进措施经费保障原因分析制度保障原因分析人员保障原因分析硬件条件保障原因分析其他原因分析年度目标值"
                "内容实际完成值未完成原因分析原因说明偏差度%偏差率%偏差原因分析及改进措施年初目标值(A)实际完成值(B)"
                "年度指标值二级抽旨标未完成原因分析改进措施运算符号内容度量单位经费保障制度保障人员保障"
                "硬件条件保障其他原因说明")
# cells of the table's left-hand caption column ('绩效指标', '年度绩效目标 (20 分)'), not labels
_CAPTION = lazy.pattern(r"^(?:绩效指标|年度|绩效|目标|(?:年度)?绩效(?:目标)?[\d\s:：()（）分.]*|[(（]\d+(?:\.\d+)?\s*分?[)）]*"
                        r"|\d+(?:\.\d+)?\s*分[)）]*|分[)）]+|.*\(\d+\)+)$")
# the characters a caption can open with but a digit (the pattern's ``\d``); what opens with
# none of them is a caption only by its bracket ('…(20)')
_CAPTION_FIRST = frozenset("绩年目(（分")


@dataclass(frozen=True)
class Scheme:
    """The value columns a table's indicator header prints."""

    cmp: bool = False  # 运算符号 / 度量单位 in their own columns
    completion: bool = False  # 完成程度
    weight: bool = True  # 分值
    deviation_rate: bool = False  # 偏差度 %
    # how many plain numbers end a row's values (before 偏差度): read for every row, so counted
    # once (the scheme is frozen)
    tail: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tail", int(self.completion) + int(self.weight) + 1)


def scheme_of(header: str) -> Scheme:
    h = norm(header)
    return Scheme(cmp="运算" in h or "度量单位" in h, completion="完成程度" in h,
                  weight="分值" in h, deviation_rate="偏差度" in h or "偏差率" in h)


def is_header_line(tokens: Sequence[str], prev: str = "") -> bool:
    """Whether a line holds only header cells or pieces of them. A one-character piece counts
    only as the end of the piece before it ('完成程' / '度'), ``prev`` being the last header
    cell of the line above — else it is the end of a wrapped name ('…办结' / '率')."""
    seen = False
    for tok in tokens:
        for t in tok.split():
            t = norm(t)
            seen = True
            if _header_piece(t):
                prev = t
            elif len(t) == 1 and prev and prev + t in _HEADER_TEXT:
                prev = prev + t
            else:
                return False  # (most lines: their first cell is no header's)
    return seen


@memo(1 << 12)
def may_open_header(tok: str) -> bool:
    """Whether a line whose first cell is ``tok`` may be a header line for ``is_header_line``:
    False when its first piece is neither a header piece nor one character (which may end the
    piece above), whatever the line above. The reader asks this of every line's first cell
    (most lines are rows, and their first cells repeat: a name, a figure) before asking the
    whole line."""
    pieces = tok.split()
    if not pieces:
        return True  # (no piece: the line's next cell decides)
    t = norm(pieces[0])
    return len(t) == 1 or _header_piece(t)


@memo(1 << 12)
def _header_piece(t: str) -> bool:
    """A header cell, or a piece of the header text longer than one character."""
    return _HEADER_WORD.search(t) is not None or (len(t) > 1 and t in _HEADER_TEXT)


def last_cell(tokens: Sequence[str]) -> str:
    texts = [norm(t) for tok in tokens if tok for t in tok.split()]
    return texts[-1] if texts else ""


@dataclass
class _Widths:
    """What a table's wrapped cells tell of its column widths: the widths of full lines (all
    pieces of a wrapped cell but its last) → how often seen, for the 三级 name column and the
    年度指标值 column of qualitative targets."""

    name: dict[float, int] = field(default_factory=dict)
    target: dict[float, int] = field(default_factory=dict)

    @staticmethod
    def learn(into: dict[float, int], pieces: list[Frag]) -> None:
        for f in pieces[:-1]:
            w = _width(f.text)
            into[w] = into.get(w, 0) + 1

    @staticmethod
    def usual(seen: dict[float, int]) -> float | None:
        return max(seen.items(), key=lambda kv: (kv[1], kv[0]))[0] if seen else None


@dataclass(slots=True)
class Frag:
    text: str
    line: Line
    alone: bool  # the only text of its line (a vertical layout's wrapped cell)


@dataclass
class IndicatorReader:
    """Reads the rows of one table's indicator section, line by line."""

    scheme: Scheme
    title: str
    rows: list[PerformanceIndicator] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    level1: str = ""
    level2: str = ""
    pending: list[Frag] = field(default_factory=list)
    in_analysis: bool = False  # the last text line continued a row's analysis
    analysis: list[str] = field(default_factory=list)  # text lines taken as the last row's analysis
    header_tail: str = ""  # the last header cell of the line above, when it was a header line
    weight1: Decimal | None = None  # points printed with the 一级 / 二级 heading in force
    weight2: Decimal | None = None
    start1: int = 0  # index in ``rows`` of the first row under the 一级 / 二级 heading in force
    start2: int = 0
    after_caption: bool = False  # the last text cell was the caption column's ('年度绩效目标')
    widths: _Widths = field(default_factory=_Widths)
    early1: bool = False  # the 一级 in force was inferred from a 二级, before its heading was printed

    def feed(self, r: Row) -> None:
        ln = r.line
        if ln.marker or not r.count:
            return  # layout furniture ('— 3 —' between the pages of a form): never a label; a blank line
        # the non-empty cells; a single-cell line split on spaces (flattened rows)
        cs = r.words if r.count == 1 and " " in ln.text.strip() else r.toks
        tokens = _tokens(cs, ln) if len(cs) > 1 else list(cs)  # (most lines: one cell, nothing to join)
        if not tokens:
            return
        if may_open_header(tokens[0]) and is_header_line(tokens, self.header_tail) and (
                not self.rows or any(_HEADER_WORD.search(norm(t)) for t in tokens)):
            self.header_tail = last_cell(tokens)
            return  # the header (or its repetition after a page break); bare '指标' below it is a label
        self.header_tail = ""
        # a prefilter: a row's values end with figures, each holding a digit, which its
        # normalised text then holds too (normalising keeps a digit a digit): most lines are
        # labels, without one
        span = _value_span(tokens, self.scheme) if _DIGIT.search(r.text) else None
        if span is None:
            self._text_only(tokens, ln)
            return
        start, end = span
        self._row(tokens[:start], tokens[start:end], tokens[end:], ln)

    def _text_only(self, tokens: list[str], ln: Line) -> None:
        alone = len(tokens) == 1
        if len(ln.chunks) > 1 and any(is_plain(t) for t in tokens) and not is_plain(tokens[0]) \
                and not all(_label(t).kind or _label(t).caption or is_plain(t) for t in tokens):
            # a row of cells with figures that do not fit the header: say so, do not guess
            self.warnings.append(f"{self.title}：第 {ln.no} 行的数值与指标表头不符，未读取")
            return
        for t in tokens:
            if self.pending and _label(self.pending[-1].text).grade_open:
                self.pending[-1].text += t  # the grading phrase wrapped over two lines
                continue
            # (whether the text is a sentence is asked only when it matters: below a row, before
            # the next row's labels begin)
            if self.rows and not self.pending and (_SENTENCE.search(t) or alone and (
                    (n := len(norm(t))) > 12 or self.in_analysis and n >= 7)):
                # analysis text printed under the row it explains (wrapped narrower than the
                # sentence, wider than a name); once the next row's labels begin, a piece with
                # punctuation is part of a name ('…拨付到' / '位、发放到位')
                r = self.rows[-1]
                r.deviation = (r.deviation + t).strip() if r.deviation else t
                self.in_analysis = True
                self.analysis.append(t)
                continue
            self.in_analysis = False
            lb = _label(t)
            # (a heading's points are placed with its row, but a note below a caption is the
            # caption's)
            if lb.caption and (lb.alone is None or self.after_caption):
                self.after_caption = lb.alone is None
                continue
            self.pending.append(Frag(t, ln, alone))
            self.after_caption = False

    @property
    def wrapped(self) -> bool:
        """Whether a pending label is alone on its line (maybe a piece of a wrapped cell)."""
        return any(f.alone for f in self.pending)

    def _row(self, pre: list[str], tail: list[str], after: list[str], ln: Line) -> None:
        frags = self.pending + [Frag(t, ln, False) for t in pre]
        # whether a cell of the row may be wrapped over lines of its own: only a label alone on
        # its line above the values (pending) can be such a piece. A row without one (most rows
        # of a tabbed form) has no value in pieces to join or doubt and no wrapped name to join
        # or learn from: those steps, which look for such pieces, are not asked.
        wrapped = self.wrapped
        self.pending = []
        self.in_analysis = False
        self.after_caption = False
        doubtful = False
        if wrapped:
            frags = rejoin_values(frags)
            # a value still in pieces (its unit's tail on a line of its own, not joined because
            # the row does not justify it): which piece is which figure is a guess, so the row
            # says so
            doubtful = len(frags) >= 3 and (_continues_value(frags[-2], frags[-1]) or (
                _continues_value(frags[-3], frags[-2]) and measured(frags[-1].text)))
        labels, values = _split_values(frags, self.scheme, self.widths)
        if wrapped:
            self._learn_name_width(labels)
        lab = _levels(labels, self.scheme, self.level1, wrapped)
        level1, level2, name = lab.l1, lab.l2, lab.name
        placed = _place_notes(labels)
        if "open1" in placed and self.level1 and self.weight1 is None:
            self._weigh_open(placed["open1"])  # the heading above, whose cell wrapped onto this row
        parent = PARENT.get(_label(level2).strip) if level2 else None
        if not level1 and parent and self.level1 in LEVEL1 and parent != self.level1:
            # a 二级 of another 一级: that heading is centred in its merged cell, printed below
            self.level1, self.weight1, self.start1, self.early1 = parent, None, len(self.rows), True
        if level1:
            if level1 != self.level1:
                self.level2 = ""
            w1 = lab.w1 if lab.w1 is not None else placed.get("l1")
            if level1 == self.level1 and self.early1 and self.weight1 is None:
                if w1 is not None:
                    self._weigh_open(w1)  # the rows read under it before its heading get its points
            else:
                self.weight1, self.start1 = w1, len(self.rows)
                self.weight2, self.start2 = None, len(self.rows)
            self.level1, self.early1 = level1, False
        if level2:
            self.level2 = level2
            self.weight2, self.start2 = lab.w2 if lab.w2 is not None else placed.get("l2"), len(self.rows)
        if name and self.analysis and _width(name) <= 1 and self.rows:
            # a one-character name is the tail of a wrapped name whose punctuated lines were
            # taken for the row above's analysis ('规范流程，提高效' / '率，业务能力得到提' / '高')
            prev = self.rows[-1]
            taken = "".join(self.analysis)
            if prev.deviation.endswith(taken):
                prev.deviation = prev.deviation[: len(prev.deviation) - len(taken)].strip()
                name = norm(taken) + name
        self.analysis = []
        if not name:
            self.warnings.append(f"{self.title}：第 {ln.no} 行的指标值找不到三级指标名称，未读取")
            return
        self.rows.append(_indicator(self.level1, self.level2, name, values, tail, after, self.scheme, ln,
                                    self.weight1, self.weight2))
        if doubtful:
            self.rows[-1].uncertain = True

    def _learn_name_width(self, labels: list[Frag]) -> None:
        """The full lines of a name wrapped over lines of its own tell the name column's width."""
        run: list[Frag] = []
        for f in labels:
            lb = _label(f.text)
            if not f.alone or lb.kind or lb.alone is not None or lb.caption:
                run = []
            else:
                run.append(f)
        if len(run) >= 2 and all(wraps(a.text.strip(), b.text.strip()) for a, b in zip(run, run[1:])):
            _Widths.learn(self.widths.name, run)

    def _weigh_open(self, v: Decimal) -> None:
        """Points printed below the 一级 heading in force (its cell wrapped): they are that
        heading's, so every row under it so far gets them too."""
        self.weight1 = v
        for r in self.rows[self.start1:]:
            if r.level1 == self.level1 and r.level1_weight is None:
                r.level1_weight = v

    def finish(self) -> None:
        """After the last row: 完成程度 printed without % is a ratio (1 = 100%) when every such
        figure of the table is small; else percent. One table prints one way."""
        bare = [r for r in self.rows if "完成程度" in r.printed and not r.printed["完成程度"].raw.endswith("%")]
        if bare and all(r.completion is not None and r.completion <= _RATIO_MAX for r in bare):
            for r in bare:
                if r.completion is not None:
                    r.completion = r.completion * 100


# points split over two tokens by a space: '(20' then '分)'
_POINTS_OPEN = lazy.pattern(r".*[(（]\s*\d+(?:\.\d+)?\s*分?")
_POINTS_CLOSE = lazy.pattern(r"分?[)）]+")
# what a cell of a tabbed row must hold for ``_tokens`` to join it to the one before: a
# closing bracket (points split by a space) or 含 (a grading range)
_JOINS = lazy.pattern(r"[)）含]")
_LEVELS_1_2 = LEVEL1 + LEVEL2
_LEVELS_2_1 = LEVEL2 + LEVEL1


def _tokens(cs: Sequence[str], ln: Line) -> list[str]:
    """The cells ``cs`` of the line ``ln`` with the pieces of one cell joined: points split by a
    space, a heading and its points, a grading range ('100%-80%（含）') and its phrase."""
    if not cs:
        return []
    flat = len(ln.chunks) <= 1  # (a heading's points are joined only on a flattened line)
    if not flat and not _JOINS.search("\t".join(cs)):
        return list(cs)  # (most rows of a tabbed form: no cell a join below needs, one scan)
    out = [cs[0]]  # (the first cell joins no cell before it)
    # (the patterns are asked only of a cell holding what they need: a closing bracket, 含)
    for c in cs[1:]:
        if c.endswith((")", "）")) and _POINTS_CLOSE.fullmatch(c) and _POINTS_OPEN.fullmatch(out[-1]):
            out[-1] = out[-1] + c  # points split by a space ('(20' '分)')
        elif flat and _note_alone(c) is not None and _label(out[-1]).kind and _label(out[-1]).note_in is None:
            out[-1] = out[-1] + c  # a flattened heading and its points ('产出指标' '(20分)')
        elif "含" in c and (_GRADE_TAIL.match(c) or c in ("(含)", "（含）")):
            out[-1] = out[-1] + c  # a grading range and its phrase
        else:
            out.append(c)
    return out


# The readers below ask the same questions of the same cell texts again and again (every row
# is looked at by several passes, and the labels, points and figures of a form repeat): the
# pure ones are cached by text.
_memo = memo(1 << 14)


@_memo
def is_plain(t: str) -> bool:
    return bool(_PLAIN.match(t))


@_memo
def comparator_only(t: str) -> bool:
    """A cell holding a comparator and nothing else (运算符号 in its own column)."""
    return bool(PREFIX_RE.match(t)) and not PREFIX_RE.sub("", t)


def _value_span(tokens: list[str], sc: Scheme) -> tuple[int, int] | None:
    """[start, end) of the row's trailing plain numbers ([完成程度] [分值] 得分 [偏差度]) —
    the last run long enough; None when the line holds no such run (a label-only line)."""
    runs: list[tuple[int, int]] = []
    tail = sc.tail
    n = len(tokens)
    # each token asked once whether it is a plain number (a run's were asked again as it
    # ended), and the next one found by a C-level search (most tokens are words)
    plain = list(map(is_plain, tokens))
    plain.append(True)  # (the end stops the search: index n)
    i = plain.index(True)
    while i < n:
        j = i
        points = 0  # plain (non-%) numbers just before j
        while j < n and plain[j]:
            pct = tokens[j].endswith("%")
            if pct and points >= tail:
                break  # a percentage after the scores (偏差度) closes them; what follows is analysis
            points = 0 if pct else points + 1
            j += 1
        runs.append((i, j))
        if j < n and plain[j]:
            break  # the scores are found: later figures belong to the analysis
        i = plain.index(True, j)
    for a, b in reversed(runs):
        if b - a > tail and tokens[b - 1].endswith("%") and not tokens[b - 2].endswith("%"):
            b -= 1  # 偏差度 after the scores: not a score; it opens the row's analysis
        if b - a >= tail and _points(tokens[b - tail + int(sc.completion):b]):
            return b - tail, b
    if not sc.completion and len(tokens) >= 3 and measured(tokens[-1]) and measured(tokens[-2]):
        # target and actual but no score: a score cell merged over a group of rows
        return len(tokens), len(tokens)
    return None


def _points(tokens: list[str]) -> bool:
    """Whether tokens can be 分值/得分: points, never a percentage, at most 100."""
    return all(not t.endswith("%") and (d(t) or 0) <= 100 for t in tokens)


@_memo
def measured(t: str) -> bool:
    """A printed target or actual with a figure ('≥98%', '80 人', '311')."""
    return _NUM_RE.match(split_leading(clean(t))[1]) is not None  # (a figure: a digit, maybe after a minus)


def _split_values(frags: list[Frag], sc: Scheme, widths: _Widths | None = None) -> tuple[list[Frag], list[str]]:
    """(labels, [comparator, target, unit, actual] tokens as printed) of a row's text before
    its scores."""
    if sc.cmp:
        for k in range(len(frags) - 1, -1, -1):
            if comparator_only(frags[k].text):
                vals = [f.text for f in frags[k + 1:]]
                return frags[:k], [frags[k].text] + vals
    n = 2 if len(frags) >= 3 or sc.cmp else min(2, len(frags) - 1)
    if sc.cmp and len(frags) >= 2 and _is_grade_phrase(frags[-1].text):
        # qualitative row: the target's text may be wrapped over lines too
        widths = widths or _Widths()
        k = _target_start(frags, len(frags) - 2, _Widths.usual(widths.name), _Widths.usual(widths.target))
        _Widths.learn(widths.target, frags[k:-1])
        return frags[:k], ["", "".join(f.text for f in frags[k:-1]), "", frags[-1].text]
    k = len(frags)
    # where the first label that names something stands (the last cell is a value, never
    # asked): the name is never taken for a target. (Found once, not again for each count of
    # values tried.)
    first = _first_name(frags[:-1])
    if sc.weight and k >= 4 and measured(frags[-1].text) and measured(frags[-2].text) \
            and not measured(frags[-3].text) and not _NAME_END.search(norm(frags[-3].text)) and first < k - 3:
        n = 3  # a qualitative target with its percentage in a cell of its own ('高素质人才' '100%')
    n = max(0, min(n, k - 1 - first))  # fewer values when a name would be taken: the target cell is empty
    return frags[:k - n], [""] + [f.text for f in frags[k - n:]]


def _first_name(frags: list[Frag]) -> int:
    """The index of the first label that names something (``len(frags)`` when none does)."""
    for i, f in enumerate(frags):
        if _label(f.text).names:
            return i
    return len(frags)


# what a wrapped value's last piece can be: the rest of its unit ('/人/月', '次', '元/人/月'); and
# what a unit printed after a figure can be
_UNIT_TAIL = lazy.pattern(r"[%‰\u4e00-\u9fff/a-zA-Z²³]{1,8}")
_ABOUT = lazy.pattern(r"左右$")  # '300人左右': the unit is 人
_IDEOGRAPH = lazy.pattern(r"[\u4e00-\u9fff]")
_DIGIT = lazy.pattern(r"\d")


def _continues_value(a: Frag, b: Frag) -> bool:
    """Whether b may be the wrapped tail of the value a: both on lines of their own (a flattened
    row prints each piece of a wrapped cell on a line), a a figure, b unit characters only."""
    return a.alone and b.alone and measured(a.text) and bool(_UNIT_TAIL.fullmatch(b.text.strip()))


def rejoin_values(frags: list[Frag]) -> list[Frag]:
    """A flattened row whose target and actual cells wrapped ('≥1500元' / '/人/月' / '1500.00' /
    '元/人/月'): the pieces of each value joined again. Justified only by the row itself: after
    the join the target and the actual carry the same unit, which the join gave them (the unit
    is printed with both values); a row that does not agree is left as it was."""
    k = len(frags)
    if k < 3:
        return frags
    actual = 2 if _continues_value(frags[k - 2], frags[k - 1]) else 1
    j = k - actual
    target = 2 if j >= 2 and _continues_value(frags[j - 2], frags[j - 1]) else 1
    if actual == target == 1 or j - target < 1:
        return frags
    t_text = "".join(f.text.strip() for f in frags[j - target:j])
    a_text = "".join(f.text.strip() for f in frags[j:])
    _, tv, tu = _value(t_text)
    _, av, au = _value(a_text)
    if tv is None or av is None or not tu or tu != au:
        return frags
    if not any(_label(f.text).names for f in frags[:j - target]):
        return frags  # the name is never taken into a value
    return frags[:j - target] + [Frag(t_text, frags[j - target].line, False), Frag(a_text, frags[j].line, False)]


def _figure(t: str) -> bool:
    """A figure with at most a unit ('2600元/人', '≥95%'), not a name that starts with one."""
    return measured(t) and len(_IDEOGRAPH.findall(t)) <= 3


def _target_start(frags: list[Frag], k: int, name_width: float | None = None,
                  target_width: float | None = None) -> int:
    """Where a qualitative target wrapped over lines begins, its last piece being frags[k].
    The 年度指标值 column is narrow (two or three characters a line: '管理' / '规范'): earlier pieces are
    that wide and as wide as each other. A piece is the tail of a wrapped name instead when the
    two pieces above it are full lines of one width ('促进提升全市' / '技术人员业务' / '水平'), or
    when the piece above it fills a line of the name column (``name_width``, learnt from the
    table's wrapped names: a full line is rarely a cell's last) and the piece is wider than the
    target's next line, so it cannot be a full line of the target column ('提升事业单位人' /
    '员配置' / '长久') nor as wide as the full lines of the table's earlier wrapped targets
    (``target_width``: '管理规' / '范' before '补充完善内控制度' / '逐步完' / '成'). Pieces of one
    width ('依法行政能力' / '管理' / '规范') stay the target: a name that ends exactly at the
    line's end is then indistinguishable by layout."""
    width = None
    while k > 0 and frags[k].alone and frags[k - 1].alone and not _label(frags[k - 1].text).kind:
        w = _width(frags[k - 1].text)
        if w > 3 or w < _width(frags[k].text) or (width is not None and w != width):
            break
        if name_width and k >= 2 and frags[k - 2].alone and abs(_width(frags[k - 2].text) - name_width) <= 0.5 \
                and w != _width(frags[k].text) and w != target_width:
            break  # (pieces of one width, '管理' / '规范', stay one target: the name may end a full line)
        if k >= 3 and frags[k - 2].alone and frags[k - 3].alone and \
                _width(frags[k - 2].text) == _width(frags[k - 3].text) > w:
            break
        width = w
        k -= 1
    return k


def _is_grade_phrase(t: str) -> bool:
    return "达成" in t or "达到" in t


# (asked of the same neighbouring cells by the name-width learner and the level reader; of
# three arguments, so an lru_cache: juesuan.memo takes one)
@lru_cache(maxsize=1 << 14)
def wraps(a: str, b: str, target: bool = False) -> bool:
    """Whether b continues a (one cell wrapped over two lines): a is at least as long as b
    and neither is a standard level name."""
    # (a level name ends with 指标, and no character but 标 normalises to one holding 标: a pair
    # without it is not asked to normalise its join, a text new for each pair)
    if ("标" in a or "标" in b) and _unpointed(norm(a + b)) in _LEVELS_1_2:
        return True  # a level name wrapped ('社会效益' / '指标')
    la, lb = _label(a), _label(b)
    if la.kind or lb.kind or la.alone is not None or lb.alone is not None:
        return False  # a points cell closes a heading; it never continues a name
    wa, wb = _width(a), _width(b)
    if target:
        return wa <= 3 and wb <= 3
    # the column wraps at a width; a line counts characters or printed width depending on
    # how the text was extracted, so either measure may show it
    return wa >= 2 and (wb <= wa or len(b.strip()) <= len(a.strip()))


_NARROW = lazy.pattern(r"[\u0000-\u2e7f]")  # below the CJK radicals: printed half width


@_memo  # (asked only of a vertical layout's wrapped cells: not part of every label's record)
def _width(t: str) -> float:
    """Printed width in Chinese characters: digits, Latin letters and ASCII punctuation are half."""
    t = t.strip()
    # (each character is 1.0 or 0.5, exact in floating point: the sum is the count less half
    # the narrow ones, counted by one scan)
    return len(t) - 0.5 * len(_NARROW.findall(t)) if t else 0


def _unpointed(n: str) -> str:
    """A heading's text as printed (``n`` normalised), without the points closing it
    ('成本指标(20分)' → '成本指标')."""
    return _WEIGHT_NOTE.sub("", n)


def _level_head(s: str) -> str:
    """The level name a label begins with when more follows it ('质量指标核定…准确率'), else ''."""
    if not s.startswith(_LEVELS_2_1):
        return ""
    return next((v for v in _LEVELS_2_1 if s.startswith(v) and len(s) > len(v)), "")


@_memo  # (asked of every cell of a line of several: most are figures, whose label is not asked)
def _note_alone(t: str) -> Decimal | None:
    """The points of a cell that holds nothing else ('(20分)', '(20', OCR '(20))')."""
    m = _NOTE_ALONE.match(norm(t))
    return d(m.group(1)) if m else None


class _Label:
    """What the reader asks of a cell text as a label, answered at once: whether it is a level
    name, a caption, a heading's points, a figure. Each question was a memoised function of
    its own, and each new label text missed about eight caches (a call and a look-up each);
    ``_label(t)``, cached by text, makes the record once."""

    __slots__ = ("unpointed", "strip", "kind", "head", "alone", "note_in", "caption", "dropped", "names",
                 "grade_open")

    def __init__(self, t: str) -> None:
        n = norm(t)
        # the points patterns and the points' removal need a bracket: most labels hold none
        bracket = "(" in n or "（" in n
        # the text without the points closing it; a 二级 printed without '指标' is that 二级
        self.unpointed = u = _unpointed(n) if bracket else n
        self.strip = s = _LEVEL2_BARE.get(u, u)
        self.kind = 1 if s in LEVEL1 else 2 if s in LEVEL2 else 0  # 一级, 二级 or neither
        self.head = _level_head(s)
        self.alone = _note_alone(t) if bracket else None
        # the points closing a heading's cell ('成本指标 (20分)' → 20)
        m = _NOTE_IN_CELL.search(n) if bracket else None
        self.note_in = d(m.group(1)) if m else None
        # a cell of the caption column (the pattern asked only of a text that opens with one of
        # its first characters or holds a bracket: most labels do neither)
        self.caption = (n[:1] in _CAPTION_FIRST or n[:1].isdecimal() or bracket) and _CAPTION.match(n) is not None
        # a caption, or a figure that lost its place, once the points are stripped: never part
        # of a name; what names something is neither, nor a level name
        # (a figure holds a digit: most labels hold none, and are not asked of the pattern)
        self.dropped = (self.caption if s == n else _CAPTION.match(s) is not None) or (
            _DIGIT.search(s) is not None and _figure(s))
        self.names = bool(s) and not self.kind and not self.dropped
        # a grading phrase ('全部或基本达成预期指标100%-80%（含）') whose end is on a later line (asked
        # of the last pending label at every cell of a text line)
        self.grade_open = n.startswith(_GRADE_OPENERS) and not n.endswith("含)")


_label = _memo(_Label)


def is_level(t: str) -> bool:
    return _label(t).kind != 0


@dataclass
class _Labels:
    l1: str = ""
    l2: str = ""
    name: str = ""
    w1: Decimal | None = None  # points printed in the 一级 / 二级 heading's own cell
    w2: Decimal | None = None


def _place_notes(frags: list[Frag]) -> dict[str, Decimal]:
    """Whose points a cell holding only points ('(20分)') is, from where it stands in its row:
    - left of another such cell or of a 一级 heading: the caption column's ('年度绩效目标' /
      '(80分)'), never a level's;
    - right below / beside a heading printed without points (its cell wrapped, or a vertical
      layout's next line): that heading's ("l1" / "l2");
    - else the 一级 heading in force above this row, whose cell wrapped onto it ("open1").
    A cell right below a caption on its own line was dropped as the caption's already."""
    out: dict[str, Decimal] = {}
    for k, f in enumerate(frags):
        v = _label(f.text).alone
        if v is None:
            continue
        if any(_label(g.text).alone is not None or _label(g.text).kind == 1 for g in frags[k + 1:]):
            continue
        prev = frags[k - 1] if k else None
        kind = _label(prev.text).kind if prev is not None else 0
        if prev is not None and kind and _label(prev.text).note_in is None:
            out.setdefault("l1" if kind == 1 else "l2", v)
        elif any(_label(g.text).kind == 1 for g in frags[:k]):
            out.setdefault("l1", v)
        elif not any(_label(g.text).kind for g in frags[:k]):
            out.setdefault("open1", v)
    return out


def _levels(frags: list[Frag], sc: Scheme, above: str = "", wrapped: bool = True) -> _Labels:
    """(一级, 二级, 三级) from a row's labels, with the points printed in a heading's cell; ''
    for a level the row does not print. ``above`` is the 一级 in force: 成本指标 is a 二级 under
    产出指标 (the older framework), else a 一级. ``wrapped``: whether a label may be a piece of a
    cell wrapped over lines of its own (False when none is ``alone``: nothing to join)."""
    if not wrapped:
        texts = [f.text.strip() for f in frags]
    else:  # join the pieces of one cell wrapped over lines
        texts = []
        prev: Frag | None = None
        for f in frags:
            t = f.text.strip()
            if texts and prev is not None and f.alone and prev.alone and wraps(prev.text.strip(), t):
                texts[-1] += t
            else:
                texts.append(t)
            prev = f
    l1 = l2 = ""
    w1 = w2 = None
    rest: list[str] = []
    queue = list(texts)
    while queue:
        t = queue.pop(0)
        lb = _label(t)
        if lb.dropped:
            continue  # a caption, or a figure that lost its place: never part of a name
        s, head = lb.strip, lb.head
        if head and not rest:  # a level printed in the name's cell ('质量指标 核定…准确率')
            queue.insert(0, s[len(head):])
            s = t = head
            lb = _label(t)
        if s in LEVEL2 or (s == "成本指标" and (l1 or above) == "产出指标"):
            l2, w2, rest = lb.unpointed, lb.note_in, []  # as printed ('社会效益')
        elif s in LEVEL1:
            l1, w1, l2, w2, rest = s, lb.note_in, "", None, []
        elif s:
            rest.append(t)
    if not sc.weight:  # the old 4-column form: no free-text levels, a name split over cells
        return _Labels(l1, l2, norm("".join(t for t in rest if norm(t) != "指标")), w1, w2)  # '指标': a level's tail
    if not rest:
        return _Labels(l1, l2, "", w1, w2)
    name = norm(rest[-1])
    if len(rest) >= 2 and not l2:  # free-text levels (整体 tables): points stripped from the name
        l2, w2 = _label(rest[-2]).unpointed, _label(rest[-2]).note_in
    if len(rest) >= 3 and not l1:
        l1, w1 = _label(rest[-3]).unpointed, _label(rest[-3]).note_in
    return _Labels(l1, l2, name, w1, w2)


def _indicator(l1: str, l2: str, name: str, values: list[str], tail: list[str], after: list[str], sc: Scheme,
               ln: Line, w1: Decimal | None, w2: Decimal | None) -> PerformanceIndicator:
    """One indicator row from its parts (``values`` before the scores ``tail``, ``after`` them),
    under headings carrying the points ``w1`` / ``w2``."""
    cmp_tok, rest = (values[0], values[1:]) if values else ("", [])
    target_raw = actual_raw = unit = ""
    if sc.cmp and cmp_tok and len(rest) >= 3:
        target_raw, unit, actual_raw = rest[0], rest[1], rest[-1]
    elif len(rest) >= 2:
        target_raw, actual_raw = rest[0], rest[-1]
        if len(rest) == 3 and not sc.cmp:
            target_raw = f"{rest[0]} {rest[1]}"
    elif rest:
        target_raw = rest[0]
    sep_unit = unit  # printed in its own 度量单位 column
    comparator, target, t_unit = _value(cmp_tok + target_raw)
    _, actual, a_unit = _value(actual_raw)
    unit = unit or t_unit or a_unit
    scores = list(map(d, tail))
    weight = scores[-2] if sc.weight and len(scores) >= 2 else None
    score = scores[-1] if scores else None
    done = tail[0] if sc.completion and len(tail) == sc.tail else ""  # 完成程度 opens the run
    raw_target = " ".join(filter(None, (cmp_tok, target_raw, sep_unit)))
    # the figures as printed, those printed only (the scores, 完成程度 and 偏差度 are plain
    # figures, never empty)
    pr = {}
    if raw_target:
        pr["年度指标值"] = raw_target
    if actual_raw:
        pr["实际完成值"] = actual_raw
    if weight is not None:
        pr["分值"] = tail[-2]
    if score is not None:
        pr["得分"] = tail[-1]
    if done:
        pr["完成程度"] = done
    deviation_rate = None
    if after and is_plain(after[0]) and after[0].endswith("%"):
        if sc.deviation_rate:
            pr["偏差度"] = after[0]
            deviation_rate = d(after[0].rstrip("%"))
        after = after[1:]  # 偏差度, read here when the header names it
    return made(PerformanceIndicator, dict(
        level1=l1, level2=l2, name=name, comparator=comparator, target=target,
        target_text=clean(cmp_tok + target_raw + sep_unit),
        unit=unit, actual=actual, actual_text=clean(actual_raw + (unit if sc.cmp and actual is not None and not a_unit else "")),
        weight=weight, score=score, reverse=comparator in ("≤", "<") or "成本" in l1 + l2,
        # a ratio (no %) is scaled once the table is read
        completion=d(done.rstrip("%")) if done else None, deviation_rate=deviation_rate,
        level1_weight=w1, level2_weight=w2, page=ln.page, line=ln.no,
        # the analysis cells: ticks and stray figures in the 原因 columns are not analysis
        deviation="".join(t for t in after if t not in ("√", "/", "-", "—") and not is_plain(t)).strip(),
        printed=printed_data(pr, ln.page, ln.no),
    ))


@_memo
def _value(raw: str) -> tuple[str | None, Decimal | None, str]:
    """(comparator, number, unit) of a printed target or actual ('≥95%', '300 人', '明显')."""
    t = clean(raw).replace(" ", "")
    cmp, t = split_leading(t)
    m2 = _NUM_RE.match(t)
    if not m2:
        return cmp, None, ""
    rest = t[m2.end():]
    if rest.startswith("-") or rest.startswith("~"):  # a range '300-400人': no single target
        return cmp, None, rest.lstrip("-~0123456789.")
    after, rest = split_trailing(rest)  # '90%以上': the comparator printed after the number
    cmp = cmp or after
    unit = _ABOUT.sub("", rest)
    if unit and not _UNIT_TAIL.fullmatch(unit):
        return cmp, None, ""
    return cmp, d(m2.group(0)), unit
