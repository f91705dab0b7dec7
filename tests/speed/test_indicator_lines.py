"""The indicator reader's per-line shortcuts (issue 15) read what the plain reader reads: a
line's first cell screened before the whole line is asked whether it is a header, a text line
asked whether it is analysis only below a row and before the next row's labels. Synthetic
inputs only."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.performance import indicators as ind
from juesuan.extract.performance.common import Row
from juesuan.read.types import Chunk, Line
from juesuan.textnorm import norm

# pieces of header cells and their wrapped pieces, one-character tails, labels, figures,
# whitespace, compatibility forms that normalise into a header word ('⼀' is a Kangxi radical)
_HEADER_PIECES = st.sampled_from(["一级指标", "⼀级指标", "三级", "指标", "完成程", "度", "分值", "得分", "运算符号", "值", "率",
                                  "办结", "偏差", "原因分析", "产出指标", "数量指标", "95%", "3.5", " ", "\u3000", "　度"])
_HEADER_CELL = st.lists(_HEADER_PIECES, max_size=3).map("".join)


@given(st.lists(_HEADER_CELL, min_size=1, max_size=5), st.sampled_from(["", "完成程", "分值", "办结", "偏差"]))
@settings(max_examples=3000)
def test_a_line_whose_first_cell_cannot_open_a_header_is_no_header(tokens: list[str], prev: str) -> None:
    """The reader asks a line whether it is a header only when its first cell may open one."""
    if not ind.may_open_header(tokens[0]):
        assert not ind.is_header_line(tokens, prev)


def test_first_cell_examples() -> None:
    assert ind.may_open_header("一级指标") and ind.may_open_header("度") and ind.may_open_header(" ")
    assert not ind.may_open_header("重点工作办结率") and not ind.may_open_header("3.5")


class _PlainReader(ind.IndicatorReader):
    """The reader with ``_text_only`` as it was: every text asked whether it is a sentence, the
    last pending cell whether it opens a grading phrase by a question of its own."""

    def _text_only(self, tokens: list[str], ln: Line) -> None:
        alone = len(tokens) == 1
        if len(ln.chunks) > 1 and any(ind.is_plain(t) for t in tokens) and not ind.is_plain(tokens[0]) \
                and not all(ind._label(t).kind or ind._label(t).caption or ind.is_plain(t) for t in tokens):
            self.warnings.append(f"{self.title}：第 {ln.no} 行的数值与指标表头不符，未读取")
            return
        for t in tokens:
            if self.pending and _grade_open(self.pending[-1].text):
                self.pending[-1].text += t
                continue
            n = len(norm(t))
            sentence = ind._SENTENCE.search(t) or (alone and n > 12) or (alone and self.in_analysis and n >= 7)
            if sentence and self.rows and not self.pending:
                r = self.rows[-1]
                r.deviation = (r.deviation + t).strip() if r.deviation else t
                self.in_analysis = True
                self.analysis.append(t)
                continue
            self.in_analysis = False
            lb = ind._label(t)
            if lb.alone is not None and not self.after_caption:
                self.pending.append(ind.Frag(t, ln, alone))
            elif lb.caption:
                self.after_caption = lb.alone is None
                continue
            else:
                self.pending.append(ind.Frag(t, ln, alone))
            self.after_caption = False


def _grade_open(t: str) -> bool:
    t = norm(t)
    return t.startswith(("全部或", "部分达成", "未达成", "基本达成")) and not t.endswith("含)")


# cells of a form's lines: names (short, long, punctuated), level names, captions, points,
# grading phrases and their ranges, comparators, figures and scores
_CELLS = st.sampled_from(["重点工作办结率", "办结", "率", "产出指标", "数量指标", "成本指标", "(20分)", "绩效指标", "年度绩效目标",
                          "全部或基本达成预期指标", "100%-80%（含）", "（含）", "资金拨付及时，发放到位", "项目按计划完成",
                          "按时完成全部建设任务并通过验收", "=", "≥", "100", "95%", "%", "人", "1", "3.5", "5", "10",
                          "一级指标", "三级指标", "分值", "得分", "偏差原因分析", "合理合规", "优良"])
_LINE = st.tuples(st.lists(_CELLS, min_size=1, max_size=6), st.booleans())


def _row(no: int, cells: list[str], flat: bool) -> Row:
    text = " ".join(cells) if flat else "\t".join(cells)
    return Row(Line(no=no, text=text, chunks=[] if flat else [Chunk(c) for c in cells]))


def _state(r: ind.IndicatorReader) -> tuple[object, ...]:
    return (repr(r.rows), r.warnings, [(f.text, f.line.no, f.alone) for f in r.pending], r.in_analysis, r.analysis,
            r.header_tail, r.after_caption, r.level1, r.level2)


@given(st.lists(_LINE, max_size=12), st.booleans(), st.booleans())
@settings(max_examples=1500)
def test_the_reader_reads_lines_as_the_plain_reader_reads_them(lines: list[tuple[list[str], bool]], cmp: bool,
                                                               completion: bool) -> None:
    sc = ind.Scheme(cmp=cmp, completion=completion)
    ours, plain = ind.IndicatorReader(sc, "t"), _PlainReader(sc, "t")
    for no, (cells, flat) in enumerate(lines, 1):
        ours.feed(_row(no, cells, flat))
        plain.feed(_row(no, cells, flat))
        assert _state(ours) == _state(plain)


def _wraps_plain(a: str, b: str, target: bool = False) -> bool:
    """``wraps`` as it was: the join of every pair normalised and asked whether it is a level name."""
    if ind._unpointed(norm(a + b)) in ind._LEVELS_1_2:
        return True
    la, lb = ind._label(a), ind._label(b)
    if la.kind or lb.kind or la.alone is not None or lb.alone is not None:
        return False
    wa, wb = ind._width(a), ind._width(b)
    if target:
        return wa <= 3 and wb <= 3
    return wa >= 2 and (wb <= wa or len(b.strip()) <= len(a.strip()))


# pieces of wrapped cells: level names cut anywhere, points, the compatibility form of 指
# ('🈯'), names, figures, whitespace
_WRAP_PIECES = st.sampled_from(["社会", "效益", "社会效益", "指标", "指", "标", "🈯", "产出", "(20分)", "(5", "分)", "办结", "率", "1",
                                " ", "\u3000", "重点工作"])
_WRAP_CELL = st.lists(_WRAP_PIECES, max_size=3).map("".join)


@given(_WRAP_CELL, _WRAP_CELL, st.booleans())
@settings(max_examples=3000)
def test_wraps_answers_as_when_every_join_was_normalised(a: str, b: str, target: bool) -> None:
    assert ind.wraps(a, b, target) == _wraps_plain(a, b, target)


def test_no_character_but_biao_normalises_to_one_holding_it() -> None:
    """What the screen of ``wraps`` rests on (NFKC of every code point)."""
    import sys
    import unicodedata

    assert [c for c in map(chr, range(sys.maxunicode + 1))
            if not 0xD800 <= ord(c) <= 0xDFFF and c != "标" and "标" in unicodedata.normalize("NFKC", c)] == []
