"""The first-read shortcuts of the indicator tree's reader (issue 15) give the plain answers:
a screen passes over only what the full reading would find nothing in. Synthetic inputs only."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.performance import detail
from juesuan.extract.performance import indicators as ind
from juesuan.extract.performance.common import Row
from juesuan.read.types import Chunk, Line

# pieces of form cells: figures in several scripts (ASCII, full-width, Arabic-Indic, a
# superscript that is no digit), signs, units, words, whitespace and markup cleaning deletes
_PIECES = st.sampled_from(["0", "7", "12", "100", "１", "٣", "²", ".", "%", "-", "≥", ">=", "=", "人", "元/人", "分",
                           "完成程度", "数量指标", "办结率", "(", "（", ")", "含", " ", "\t", "\u3000", "<u>", "**", ",", "$"])
_CELL = st.lists(_PIECES, min_size=1, max_size=6).map("".join)
_SCHEME = st.builds(ind.Scheme, cmp=st.booleans(), completion=st.booleans(), weight=st.booleans(),
                    deviation_rate=st.booleans())


def _row(cells: list[str]) -> Row:
    return Row(Line(no=1, text="\t".join(cells), chunks=[Chunk(c) for c in cells] if len(cells) > 1 else []))


@given(st.lists(_CELL, min_size=1, max_size=8), _SCHEME)
@settings(max_examples=1500)
def test_a_row_whose_text_holds_no_digit_has_no_values(cells: list[str], sc: ind.Scheme) -> None:
    """The reader asks a row for its values only when its normalised text holds a digit: a
    value span needs a figure, and a figure's digit is one in the normalised text too."""
    r = _row(cells)
    for tokens in (list(r.toks), list(r.words), cells):
        tokens = [t for t in tokens if t]
        if ind._value_span(tokens, sc) is not None:
            assert ind._DIGIT.search(r.text), tokens


@given(st.lists(st.sampled_from(["", " ", "\t", "\u3000", "\u00a0", "<u>", "</u>", "**", "$", ",", "人", "总分", "注:",
                                 "1", "."]), max_size=4))
@settings(max_examples=2000)
def test_a_blank_row_neither_ends_the_rows_nor_is_read(cells: list[str]) -> None:
    """The indicator loop passes over a row with no text and no cell without asking whether it
    ends the rows or feeding it to the reader: neither would find anything."""
    r = _row(cells)
    if r.text or r.count:
        return
    assert not detail.ends_indicators(r)
    reader = ind.IndicatorReader(ind.Scheme(), "t")
    before = repr(reader)
    reader.feed(r)
    assert repr(reader) == before


_WORD_PIECES = st.sampled_from(["自评", "等级", "自评等级", "自评等级:优", "自评等级：良", "等级中", "主管", "部门", "主管部门",
                                "实施", "单位", "实施单位", "\n", "x", "优"])


@given(st.lists(st.lists(_WORD_PIECES, max_size=4).map("".join), max_size=6))
@settings(max_examples=2000)
def test_the_joined_rows_hold_a_word_when_a_row_does(texts: list[str]) -> None:
    """fill asks the rows' texts joined for 自评等级 and the parties' words once: the joined text
    holds one exactly when a row's text does (no word holds the joiner)."""
    joined = "\n".join(texts)
    for word in ("自评等级", "主管部门", "实施单位"):
        assert (word in joined) == any(word in t for t in texts)


@given(st.lists(st.lists(_WORD_PIECES, max_size=4).map("".join), max_size=6))
@settings(max_examples=2000)
def test_the_grade_is_the_last_printed(texts: list[str]) -> None:
    """_grade looks from the bottom for the first row printing a grade: the grade the rows
    would leave read top to bottom, each overwriting the last."""
    rows = [_row([t]) for t in texts]
    grade = None
    for r in rows:
        m = detail._GRADE.search(r.text) if "自评等级" in r.text else None
        if m:
            grade = m.group(1)
    assert detail._grade(rows) == grade


def _value_span_plain(tokens: list[str], sc: ind.Scheme) -> tuple[int, int] | None:
    """``_value_span`` as first written: each token asked whether it is plain at each step."""
    runs: list[tuple[int, int]] = []
    tail = sc.tail
    i = 0
    while i < len(tokens):
        if ind.is_plain(tokens[i]):
            j = i
            points = 0
            while j < len(tokens) and ind.is_plain(tokens[j]):
                if tokens[j].endswith("%") and points >= tail:
                    break
                points = 0 if tokens[j].endswith("%") else points + 1
                j += 1
            runs.append((i, j))
            if j < len(tokens) and ind.is_plain(tokens[j]):
                break
            i = j
        else:
            i += 1
    for a, b in reversed(runs):
        if b - a > tail and tokens[b - 1].endswith("%") and not tokens[b - 2].endswith("%"):
            b -= 1
        if b - a >= tail and ind._points(tokens[b - tail + int(sc.completion):b]):
            return b - tail, b
    if not sc.completion and len(tokens) >= 3 and ind.measured(tokens[-1]) and ind.measured(tokens[-2]):
        return len(tokens), len(tokens)
    return None


# row tokens: scores, percentages, figures with units, comparators, words
_TOKEN = st.sampled_from(["10", "5", "100", "0.5", "120", "100%", "95%", "-3%", "≥95%", "80人", "≥", "人", "完成", "较好",
                          "一"])


@given(st.lists(_TOKEN, max_size=12), _SCHEME)
@settings(max_examples=3000)
def test_the_value_span_is_the_one_the_plain_loop_finds(tokens: list[str], sc: ind.Scheme) -> None:
    assert ind._value_span(tokens, sc) == _value_span_plain(tokens, sc)


def _tokens_plain(cs: list[str], ln: Line) -> list[str]:
    """``_tokens`` as first written: every condition asked of every cell."""
    out: list[str] = []
    for c in cs:
        if out and c.endswith((")", "）")) and ind._POINTS_CLOSE.fullmatch(c) and ind._POINTS_OPEN.fullmatch(out[-1]):
            out[-1] = out[-1] + c
        elif out and ind._note_alone(c) is not None and ind._label(out[-1]).kind and \
                ind._label(out[-1]).note_in is None and len(ln.chunks) <= 1:
            out[-1] = out[-1] + c
        elif out and "含" in c and ind._GRADE_TAIL.match(c):
            out[-1] = out[-1] + c
        elif out and c in ("(含)", "（含）"):
            out[-1] = out[-1] + c
        else:
            out.append(c)
    return out


# cells a line's pieces may be joined from: points split and whole, headings, grading ranges
_JOIN_CELL = st.sampled_from(["(20", "（5", "分)", "分）", ")", "(20分)", "（10分）", "产出指标", "数量指标", "成本指标(20分)",
                              "全部或基本达成", "100%-80%(含)", "80%-60%（含", "(含)", "（含）", "含", "10", "指标"])


@given(st.lists(_JOIN_CELL, max_size=8), st.booleans())
@settings(max_examples=3000)
def test_a_lines_cells_are_joined_as_the_plain_loop_joins_them(cs: list[str], flat: bool) -> None:
    ln = Line(no=1, text="\t".join(cs), chunks=[] if flat else [Chunk(c) for c in cs] + [Chunk("")])
    assert ind._tokens(cs, ln) == _tokens_plain(cs, ln)
