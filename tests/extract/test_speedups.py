"""The in-process speed-ups (issue 15) give exactly what the plain code gave."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.claims import clean_text, strip_noise
from juesuan.extract.performance.common import cells
from juesuan.read.types import Chunk, Line

# pieces the noise patterns look at: digits, separators, spaces, units, markup, CJK
_PIECES = st.sampled_from(["1", "0", "9", ".", ",", " ", "  ", "%", "万元", "元", "人", "人次", "<u>", "</b>",
                           "**", "$", "支", "出", "(", "（", ")", "a", "\t", "、"])
_TEXT = st.lists(_PIECES, max_size=30).map("".join)


@given(_TEXT)
@settings(max_examples=400)
def test_strip_noise_is_clean_text_without_the_line_map(text: str) -> None:
    assert strip_noise(text) == clean_text(text, list(range(len(text))))[0]


def test_strip_noise_examples() -> None:
    assert strip_noise("97. 20 %") == "97.20%"
    assert strip_noise("1,234.50 万元") == "1234.50万元"
    assert strip_noise("支 出**决算**") == "支出决算"


@given(st.lists(_TEXT, min_size=1, max_size=6))
def test_cells_of_a_line_are_a_fresh_list_each_call(texts: list[str]) -> None:
    ln = Line(no=1, text="\t".join(texts), chunks=[Chunk(t) for t in texts])
    first = cells(ln)
    first.append("changed")
    assert cells(ln) == first[:-1]


def test_cells_key_keeps_the_chunking() -> None:
    # the same text as one unsplit line and as two chunks are different lines
    flat = Line(no=1, text="项目\t97. 20%")
    split = Line(no=1, text="项目\t97. 20%", chunks=[Chunk("项目"), Chunk("97. 20%")])
    assert cells(split) == ["项目", "97.20%"]
    assert cells(flat) == ["项目\t97.20%"]
    assert cells(Line(no=2, text="467. 89 467. 89", chunks=[Chunk("467. 89 467. 89")])) == ["467.89", "467.89"]


def test_table_add_keeps_the_index_current() -> None:
    from decimal import Decimal

    from juesuan.model import Cell, Table

    t = Table(id="T01", name="收入支出决算总表")
    cells = [Cell(table="T01", row=f"{i}", column="决算数", value=Decimal(i)) for i in range(50)]
    for c in cells:
        assert t.add(c)
        assert t.get(c.row, c.column) is c
    assert not t.add(Cell(table="T01", row="7", column="决算数", value=Decimal(99)))  # first kept
    assert t.value("7", "决算数") == Decimal(7) and len(t.cells) == 50
    t.put(Cell(table="T01", row="7", column="决算数", value=Decimal(70)))  # replace still works
    assert t.value("7", "决算数") == Decimal(70)
    assert [c.row for c in t.cells] == [str(i) for i in range(50)]


def test_rows_view_lists_rows_once_and_hands_out_copies() -> None:
    from decimal import Decimal

    from juesuan.model import Cell, Disclosure, Table
    from juesuan.relations import DisclosureRows

    t = Table(id="T04", name="财政拨款收入支出决算总表")
    d = Disclosure(tables={"T04": t})
    for code in ("201", "20101", "2010101", "合计"):
        t.add(Cell(table="T04", row=code, column="合计", value=Decimal(1)))
    v = DisclosureRows(d)
    rows = v.code_rows("T04", 3)
    rows.append("999")
    assert v.code_rows("T04", 3) == ["201"]
    assert v.code_rows("T04") == ["201", "20101", "2010101"]
    assert v.rows("T04") == ["201", "20101", "2010101", "合计"]


# ---- performance tables: each line derived once (extract/performance/common.Row) ----------

_PERF_PIECES = st.sampled_from(["年度", "资金", "总额", "预算", "财政", "拨款", "三级", "指标", "级", "(万元)", "（万元）",
                                "其中:", "<u>", "</u>", "**", "$", " ", "  ", "1", "2.5", ".", ",", "%", "得分",
                                "单位", "结转", "上年", "其他", "专户管理"])
_PERF_TEXT = st.lists(_PERF_PIECES, max_size=12).map("".join)


def _line(texts: list[str]) -> Line:
    return Line(no=1, text="\t".join(texts), chunks=[Chunk(t) for t in texts] if len(texts) > 1 else [])


@given(st.lists(_PERF_TEXT, min_size=1, max_size=5))
@settings(max_examples=300, deadline=None)
def test_a_row_is_what_the_per_line_helpers_give(texts: list[str]) -> None:
    from juesuan.extract.performance.common import Row, words
    from juesuan.textnorm import norm

    ln = _line(texts)
    r = Row(ln)
    assert list(r.cells) == cells(ln)
    assert list(r.toks) == [c for c in cells(ln) if c.strip()]
    assert list(r.ntoks) == [norm(c) for c in cells(ln) if c.strip()]
    assert list(r.words) == words(ln)
    assert r.text == norm(ln.text)


@given(st.lists(_PERF_TEXT, min_size=1, max_size=5))
@settings(max_examples=300, deadline=None)
def test_the_line_prechecks_never_skip_a_line_the_cell_look_would_take(texts: list[str]) -> None:
    """The pre-checks on a line's whole text (a fund label needs one of 资预拨结, an indicator
    header 级) hold for every label the per-cell look can find: cleaning only deletes."""
    from juesuan.extract.performance import detail, funds
    from juesuan.extract.performance.common import Row
    from juesuan.textnorm import norm

    r = Row(_line(texts))
    for c in (*r.toks, *r.words):
        label = funds._LABEL_NOISE.sub("", funds._LABEL_NOISE.sub("", norm(c)))
        if funds._FUND_LABEL.search(label):
            assert funds._FUND_LABEL_CHARS.search(r.text)
    if any(detail._IND_HEAD.search(c) for c in r.ntoks):
        assert detail._is_indicator_header(r)


@given(st.decimals(allow_nan=True, allow_infinity=True, places=None))
@settings(max_examples=400, deadline=None)
def test_the_figure_tolerance_is_half_a_printed_unit(v) -> None:
    from juesuan.money import tolerance
    from juesuan.rules.base import half_unit
    from juesuan.rules.performance.common import t

    want = tolerance(1, half_unit(v))
    assert t(v) == want and str(t(v)) == str(want)


def test_the_figure_tolerance_examples() -> None:
    from decimal import Decimal

    from juesuan.rules.performance.common import t

    assert [str(t(Decimal(s))) for s in ("12.34", "12.3", "12", "1E+2", "0.125", "5.0")] == \
        ["0.005", "0.05", "0.5", "0.5", "0.0005", "0.05"]


# ideographs (basic block and extension A) beside everything that normalisation changes or
# combines: full-width forms, Kangxi radicals, compatibility ideographs, combining marks (which
# follow a letter or an ideograph), Hangul jamo, ligatures, spaces
_NFKC_PIECES = st.sampled_from(["中", "文", "㐀", "䶵", "鿿", "一", "１", "Ａ", "，", "（", "）", "　", "⼈", "⽀",
                                "豈", "a", "e", "\u0301", "\u0308", "\u0323", "\u3099", "か", "ᄀ", "ᅡ", "ᆨ",
                                "ﬁ", "½", "™", " ", "\t", "1", ".", "\u00a0", "\u2f00", "％", "～", "＂"])


@given(st.lists(_NFKC_PIECES, max_size=40).map("".join))
@settings(max_examples=600)
def test_nfkc_by_runs_between_ideographs_is_plain_nfkc(text: str) -> None:
    import unicodedata

    from juesuan.textnorm import nfkc

    assert nfkc(text) == unicodedata.normalize("NFKC", text)


# pieces of fund-row labels: the noise the label pattern deletes, and what stays
_LABEL_PIECES = st.sampled_from(["资金总额", "(万元)", "（万元）", ":", "：", "其中", "资金来源", "(1)", "（2）", "财政拨款",
                                 "万元", "\n", "a", "预算资金", "(", "）", "1"])


@given(st.lists(_LABEL_PIECES, max_size=8).map("".join))
@settings(max_examples=400)
def test_fund_label_noise_is_deleted_as_the_pattern_deletes_it(label: str) -> None:
    from juesuan.extract.performance.funds import _LABEL_NOISE, _label_noise_out

    assert _label_noise_out(label) == _LABEL_NOISE.sub("", label)


# ---- the narrative lines' phrase index: the document's lines normalised in one pass ----------

_PHRASE_PIECES = st.sampled_from(["1", "23", "4.5", ",", ".", " ", "  ", "\t", "\u3000", "\u00a0", "万元", "项目", "“",
                                  "a", "0", "١", "\n", "\x00", "。"])


@given(st.lists(st.lists(_PHRASE_PIECES, max_size=12).map("".join), max_size=8))
@settings(max_examples=400, deadline=None)
def test_the_phrase_text_is_each_line_normalised_and_joined(lines: list[str]) -> None:
    from juesuan.extract.claims.line_swaps import _SEP, PhraseIndex, _norm

    assert PhraseIndex(lambda: iter(lines)).text == _SEP.join(_norm(t) for t in lines)



# (a figure's separators and the spaces around it, whitespace a line starts or ends with, a
# digit that is not ASCII, the joiner: what a line can hold that its normal form does not)
_JUNCTION_PIECES = st.sampled_from(["评", "为", "“", "优", "项", "目", "1", "2.5", " ", "\n", "万元", "，", ",", ".",
                                    "\u3000", "١", "0", "\x00"])
_JUNCTION_TEXT = st.lists(_JUNCTION_PIECES, max_size=8).map("".join)


def _plain_across(lines: list[str], x: str, y: str) -> int:
    """The definition: the longest x[-i:] + y[:j] (i, j >= 1) anywhere in the document's text."""
    from juesuan.extract.claims.line_swaps import _SEP, _SIDE, PhraseIndex, _norm

    text = PhraseIndex(lambda: iter(lines)).text
    a = _norm(x).rpartition(_SEP)[2][-_SIDE:]
    b = _norm(y).partition(_SEP)[0][:_SIDE]
    return max((i + j for i in range(1, len(a) + 1) for j in range(1, len(b) + 1) if a[-i:] + b[:j] in text),
               default=0)


@given(st.lists(_JUNCTION_TEXT, max_size=8), _JUNCTION_TEXT, _JUNCTION_TEXT, st.booleans())
@settings(max_examples=800, deadline=None)
def test_a_junction_is_weighed_over_the_lines_holding_its_pair_as_over_the_whole_text(
        lines: list[str], x: str, y: str, gathered: bool) -> None:
    from juesuan.extract.claims.line_swaps import PhraseIndex

    index = PhraseIndex(lambda: iter(lines))
    if gathered:  # the lines holding the pair gathered one by one however often it is met
        index._raw()
        index._budget = 10**6
    assert index.across(x, y) == _plain_across(lines, x, y)


def test_a_junction_is_weighed_by_its_best_line_of_several() -> None:
    from juesuan.extract.claims.line_swaps import PhraseIndex

    # the pair 为“ meets in both lines; the longer run only in the second
    index = PhraseIndex(lambda: iter(["评为“", "开展自评，其中评为“优”的项目"]))
    assert index.across("其中评为", "“优”的") == len("其中评为“优”的")
    assert index.across("评为", "“良") == len("评为“")
    # a pair met on more lines than are gathered: the whole text is searched, to the same answer
    many = PhraseIndex(lambda: iter(["评为“"] * 40 + ["开展自评，其中评为“优”的项目"]))
    assert many.across("其中评为", "“优”的") == len("其中评为“优”的")


@given(st.lists(_JUNCTION_TEXT, max_size=8), _JUNCTION_TEXT, _JUNCTION_TEXT, st.integers(2, 6))
@settings(max_examples=400, deadline=None)
def test_a_phrase_index_given_its_lines_joined_answers_as_one_joining_them(
        lines: list[str], x: str, y: str, n: int) -> None:
    from juesuan.extract.claims.line_swaps import PhraseIndex
    from juesuan.read.types import joined_texts

    given_joined = PhraseIndex(lambda: iter(lines), lambda: joined_texts(list(lines)))
    assert given_joined.attests(x, y, n) == PhraseIndex(lambda: iter(lines)).attests(x, y, n)
    assert given_joined.across(x, y) == PhraseIndex(lambda: iter(lines)).across(x, y)
    assert given_joined.text == PhraseIndex(lambda: iter(lines)).text


def test_the_documents_phrases_take_the_lines_the_locator_joined(monkeypatch) -> None:
    import importlib

    from juesuan.read.text import read_text
    from juesuan.read.types import joined_lines

    line_swaps = importlib.import_module("juesuan.extract.claims.line_swaps")
    paragraphs = importlib.import_module("juesuan.extract.claims.paragraphs")
    src = read_text("一、收入支出决算总体情况\n本年收入总计 12.00 万元。\n评为“优”的项目 3 个。\n".encode(), "a.txt")
    joined = joined_lines(src)
    monkeypatch.setattr(line_swaps, "joined_texts", lambda texts: 1 / 0)  # (not joined again)
    assert paragraphs.source_phrases(src)._raw() is joined


@given(st.lists(_PHRASE_PIECES, max_size=16).map("".join))
@settings(max_examples=400, deadline=None)
def test_a_line_is_normalised_as_the_plain_patterns_would(text: str) -> None:
    import re

    from juesuan.extract.claims.line_swaps import _SEP, FIGURE, _norm

    assert _norm(text) == re.sub(r"\s+", _SEP, re.sub(FIGURE, "0", text.strip()))


# ---- the text reader: one chunk per distinct cell text ----------------------------------------


def test_a_text_shares_the_chunks_of_equal_cells_and_reads_the_same() -> None:
    from juesuan.read.text import read_text

    src = read_text("项目\t10\t\t100\n合计\t10\t\t\n说明 10 万元\n".encode(), "made-up.txt")
    a, b = src.lines[0], src.lines[1]
    assert [c.text for c in a.chunks] == ["项目", "10", "", "100"] and a.text == "项目\t10\t\t100"
    assert [c.text for c in b.chunks] == ["合计", "10", "", ""]
    assert a.chunks[1] is b.chunks[1] and a.chunks[2] is b.chunks[2] is b.chunks[3]
    assert [c.text for c in src.lines[2].chunks] == ["说明 10 万元"]


def test_cutting_a_long_line_leaves_the_chunks_it_shares_alone() -> None:
    from juesuan import limits
    from juesuan.read import _cut_long_lines
    from juesuan.read.types import Source

    shared = Chunk("长" * 30)
    long_line = Line(no=1, text="\t".join([shared.text] * 3), chunks=[shared, shared, shared])
    other = Line(no=2, text=shared.text, chunks=[shared])
    limits.use(limits.Limits(max_line_chars=40))
    try:
        src = _cut_long_lines(Source(path="made-up.txt", format="text", lines=[long_line, other]))
    finally:
        limits.use(None)
    long_line = src.lines[0]
    assert [c.text for c in long_line.chunks] == ["长" * 30, "长" * 9] and long_line.text == ("长" * 30 + "\t" + "长" * 9)
    assert other.chunks[0] is shared and shared.text == "长" * 30


def test_a_cut_line_is_joined_as_cut_and_only_a_long_line_is_cut() -> None:
    """The cut asks the joined lines first (no line is longer than they are), so the cut must
    leave them made again of the line as cut."""
    from juesuan import limits
    from juesuan.read import _cut_long_lines
    from juesuan.read.types import LINE_JOINER, Source, joined_lines

    limits.use(limits.Limits(max_line_chars=40))
    try:
        src = _cut_long_lines(Source(path="made-up.txt", format="text",
                                     lines=[Line(no=1, text="长" * 50, chunks=[Chunk("长" * 50)]), Line(no=2, text="短")]))
        # together longer than the cap, neither line is: nothing cut
        whole = _cut_long_lines(Source(path="made-up.txt", format="text", lines=[Line(no=1, text="长" * 30), Line(no=2, text="短" * 30)]))
    finally:
        limits.use(None)
    assert [ln.text for ln in src.lines] == ["长" * 40, "短"] and len(src.warnings) == 1
    assert joined_lines(src) == "长" * 40 + LINE_JOINER + "短"
    assert [ln.text for ln in whole.lines] == ["长" * 30, "短" * 30] and not whole.warnings
