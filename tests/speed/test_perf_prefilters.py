"""The first-read shortcuts of the performance readers (issue 15) give the plain answers: a
pattern spelt to open with a character class (so the regex engine skips to where a match can
start) finds what its plain spelling finds. Synthetic inputs only."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.performance import common
from juesuan.memo import uncached

# pieces of cells: figures, points, commas, whitespace of every kind, markup, ideographs, %
_CELL_PIECES = st.sampled_from(["0", "7", "12", ".", ",", " ", "\t", "\u3000", "\u00a0", "\n", "<", "<u>", "*", "**",
                                "$", "%", "项", "目", "（", "(", "）", ")", "a", "-", "≥", "万元"])
_CELL = st.lists(_CELL_PIECES, max_size=12).map("".join)


@given(_CELL)
@settings(max_examples=1500)
def test_the_noise_screen_finds_what_its_plain_spelling_finds(text: str) -> None:
    plain = re.compile(common._NEEDS_CLEAN_PLAIN)
    assert (common.NEEDS_CLEAN.search(text) is not None) == (plain.search(text) is not None)


@given(_CELL)
@settings(max_examples=1500)
def test_the_number_joins_delete_what_their_plain_spellings_delete(text: str) -> None:
    for ours, plain in zip(common._NUM_SPACES, common._NUM_SPACES_PLAIN, strict=True):
        assert ours.sub("", text) == re.sub(plain, "", text)


def test_number_join_examples() -> None:
    assert common.join_number_pieces("97. 20 93 .4 42.86 % 项 目") == "97.20 93.4 42.86% 项 目"


@given(_CELL)
@settings(max_examples=1500)
def test_a_text_the_screens_pass_over_is_its_own_noise_free_text(text: str) -> None:
    from juesuan.extract.claims.paragraphs import noise_changes_key, strip_noise

    if common.NOISE_MARK.search(text) is None:
        assert not noise_changes_key(text)
    if common.MAY_BE_NOISY.search(text) is None:
        assert strip_noise(text) == text


# pieces of indicator cells: header words whole and cut, names, figures, whitespace
_INDICATOR_PIECES = st.sampled_from(["运算符号", "度量", "单位", "年度指标值", "完成程度", "完成程", "度", "偏差度", "三级指标",
                                     "指标", "分值", "得分", "数量指标", "办结", "率", "100", "%", " ", "\t", "≥", "(", "（",
                                     "a", "元/人", "²"])


@given(st.lists(_INDICATOR_PIECES, max_size=8).map("".join))
@settings(max_examples=1500)
def test_the_header_word_scan_and_the_width_are_the_plain_ones(text: str) -> None:
    from juesuan.extract.performance import indicators as ind

    assert (ind._HEADER_WORD.search(text) is not None) == any(w in text for w in ind.HEADER_WORDS)
    plain = sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text.strip())
    assert ind._width(text) == plain and type(ind._width(text)) is type(plain)


# pieces of form lines: what cleaning deletes (markup, '$', commas, whitespace of every kind),
# figures and their points, the words that end the indicator rows and their first characters,
# compatibility forms that normalise to ideographs, ASCII and full-width signs
_LINE_PIECES = st.sampled_from(["0", "7", "12", ".", ",", " ", "\t", "\u3000", "\u00a0", "<u>", "</u>", "<", ">", "/",
                                "u", "b", "i", "s", "p", "*", "**", "$", "%", "-", "=", ">=", "≥", "人", "项目", "总分",
                                "注:", "注：", "自评等级", "指标自评得分小计", "㊟", "⼈", "（", "(", ")", "a", "１", "²", "\u0301"])
_LINE = st.lists(_LINE_PIECES, max_size=10).map("".join)


def _line(text: str, chunks: list[str] | None):
    from juesuan.read.types import Chunk, Line

    return Line(no=1, text=text, chunks=[Chunk(c) for c in chunks] if chunks is not None else [])


@given(_LINE, st.sampled_from([None, "one", "two"]), _LINE)
@settings(max_examples=3000)
def test_a_row_read_from_its_text_is_the_row_of_its_cleaned_cells(text: str, shape: str | None, other: str) -> None:
    """Row's shortcuts (a line of one text known to be one cell, its first character, its cells
    cleaned only when asked) give what cleaning every cell gives."""
    chunks = None if shape is None else [text] if shape == "one" else [text, other]
    ln = _line(text if chunks is None or len(chunks) == 1 else "\t".join(chunks), chunks)
    texts = tuple(chunks) if chunks else (ln.text,)
    cells, toks = uncached(common._cells_toks)(texts)
    r = common.Row(ln)
    assert r.count == len(toks)
    if shape == "two":
        assert r.lead is None
    elif r.lead is not None:
        assert r.lead == (toks[0][:1] if toks else "")
    assert r.cells == cells and r.toks == toks and r.count == len(toks)
    assert type(r) is common.Row  # (its cells asked for: a plain row again)


def _ends_plain(r) -> bool:
    """``detail.ends_indicators`` asking every one of the first four cells, normalised."""
    from juesuan.extract.performance import detail
    from juesuan.textnorm import norm

    if detail._END.match(r.text):
        return True
    return any(detail._END.match(norm(c)) and not detail._DIGIT.search(norm(c)) for c in r.toks[:4])


@given(_LINE, st.sampled_from([None, "one", "two"]), _LINE)
@settings(max_examples=3000)
def test_the_end_of_the_indicator_rows_is_what_asking_every_cell_finds(text: str, shape: str | None,
                                                                       other: str) -> None:
    from juesuan.extract.performance import detail

    chunks = None if shape is None else [text] if shape == "one" else [other, text]
    ln = _line(text if chunks is None or len(chunks) == 1 else "\t".join(chunks), chunks)
    assert detail.ends_indicators(common.Row(ln)) == _ends_plain(common.Row(ln))


# pieces of indicator labels: level names whole, bare and cut, points in every spelling (full-
# and half-width brackets, OCR '(20))', compatibility forms that normalise to a bracket), the
# caption column's words, figures and units, whitespace
_LABEL_PIECES = st.sampled_from(["产出指标", "成本指标", "数量指标", "社会效益", "生态环境成本", "指标", "数量", "(", "（", ")",
                                 "）", "﹙", "⑵", "20", "5", ".5", "分", " ", "\u3000", "绩效", "年度", "目标", "绩效指标", "≥",
                                 "95", "%", "元/人", "核定", "准确率", "人", "a", "-", ":", "１", "٣", "绩", "全部或",
                                 "基本达成", "含", "80%（含）"])
_LABEL = st.lists(_LABEL_PIECES, max_size=7).map("".join)


def _plain_label(t: str) -> dict[str, object]:
    """The questions the label record answers, asked one by one as the reader used to."""
    from juesuan.extract.performance import indicators as ind
    from juesuan.textnorm import norm

    def note(pattern, text):
        m = pattern(text)
        return ind.d(m.group(1)) if m else None

    unpointed = ind._WEIGHT_NOTE.sub("", norm(t))
    s = ind._LEVEL2_BARE.get(unpointed, unpointed)
    kind = 1 if s in ind.LEVEL1 else 2 if s in ind.LEVEL2 else 0
    head = next((v for v in ind.LEVEL2 + ind.LEVEL1 if s.startswith(v) and len(s) > len(v)), "")
    figure = ind.measured(s) and len(ind._IDEOGRAPH.findall(s)) <= 3
    dropped = bool(ind._CAPTION.match(s)) or figure
    return dict(unpointed=unpointed, strip=s, kind=kind, head=head,
                alone=note(ind._NOTE_ALONE.match, norm(t)), note_in=note(ind._NOTE_IN_CELL.search, norm(t)),
                caption=bool(ind._CAPTION.match(norm(t))), dropped=dropped,
                names=bool(s) and not kind and not dropped,
                grade_open=norm(t).startswith(("全部或", "部分达成", "未达成", "基本达成")) and not norm(t).endswith("含)"))


@given(_LABEL)
@settings(max_examples=3000)
def test_the_label_record_answers_what_each_question_asked_alone_answers(text: str) -> None:
    """The record made once per label text (its points patterns asked only of a text holding a
    bracket, the caption pattern only of one that holds a bracket or opens as a caption can)
    gives each answer the reader's separate questions gave."""
    from juesuan.extract.performance import indicators as ind

    lb = ind._Label(text)
    got = {k: getattr(lb, k) for k in ind._Label.__slots__}
    assert got == _plain_label(text)
    assert ind.is_level(text) == (got["kind"] != 0)


def test_label_record_examples() -> None:
    from decimal import Decimal

    from juesuan.extract.performance import indicators as ind

    lb = ind._Label("成本指标 (20分)")
    assert (lb.unpointed, lb.kind, lb.note_in, lb.alone, lb.names) == ("成本指标", 1, Decimal(20), None, False)
    assert ind._Label("(20分)").alone == Decimal(20) and ind._Label("(20分)").strip == ""  # nothing left to name
    assert ind._Label("社会效益").strip == "社会效益指标" and ind._Label("社会效益").kind == 2
    assert ind._Label("质量指标核定准确率").head == "质量指标" and ind._Label("准确率").names
    assert ind._Label("≥95%").dropped and ind._Label("绩效指标").caption


def _cells_plain(texts: tuple[str, ...]) -> tuple[str, ...]:
    """``common._cells`` looking at every cleaned cell for figures to split."""
    out: list[str] = []
    for c in texts:
        t = common.clean(c)
        parts = t.split()
        out.extend(parts if len(parts) > 1 and all(common.NUMTOK.match(p) for p in parts) else [t])
    return tuple(out)


@given(st.lists(_CELL, min_size=1, max_size=5).map(tuple))
@settings(max_examples=3000)
def test_a_line_of_cells_without_inner_whitespace_is_its_cleaned_cells(texts: tuple[str, ...]) -> None:
    """A line none of whose cleaned cells holds whitespace skips the look at each cell."""
    assert common._cells(texts) == _cells_plain(texts)


# cells a tabbed form prints mostly: empty, figures, ideographs, brackets — no whitespace, markup
# or comma (``common._cells``'s one scan of the joined cells), with a few that hold one
_QUIET_CELL = st.lists(st.sampled_from(["", "0", "7", "12.5", ".", "%", "项", "目", "（", ")", "-", "≥", "万元"]),
                       max_size=6).map("".join)


@given(st.lists(st.one_of(_QUIET_CELL, _CELL), min_size=1, max_size=12).map(tuple))
@settings(max_examples=3000)
def test_a_line_without_whitespace_markup_or_comma_is_its_cells_as_printed(texts: tuple[str, ...]) -> None:
    """The one scan of a line's joined cells gives what cleaning each cell gives."""
    assert common._cells(texts) == _cells_plain(texts)


# pieces of a form line's key: every word the headline pass looks for, whole and cut, labels
_KEY_PIECES = st.sampled_from(["自评", "自", "评", "项目名称", "单位名称", "名称", "名", "总分", "全年预算数", "全年执行数", "分值",
                               "预算数(A)", "执行数(B)", "预算", "执行", "数", "资金总额", "资金", "总额", "预算资金", "金额",
                               "执行率", "得分", "减分项", "(A)", "100", "9.5", "%", "项目", "万元"])


@given(st.lists(_KEY_PIECES, max_size=8).map("".join))
@settings(max_examples=3000)
def test_a_line_the_headline_screen_passes_over_holds_no_word_the_pass_reads(tn: str) -> None:
    """A key holding none of the headline words fails every look of the headline pass that
    asks for a word."""
    from juesuan.extract.performance import attachment as at

    if at._HEADLINE_WORD.search(tn) is None:
        words = ("自评", "项目名称", "总分", "名称", "全年预算数", "预算数(A)", "执行数(B)", "资金总额", "预算资金")
        assert not any(w in tn for w in words) and at._LABEL_WORD.search(tn) is None
        assert at._NAME.match(tn) is None and at._UNIT_NAME.match(tn) is None and at._ANY_LABEL.search(tn) is None


@given(_LINE)
@settings(max_examples=3000)
def test_a_line_key_normalises_the_line_as_its_row_does(text: str) -> None:
    """The headline key normalises the line's text (its row's, a hit in norm's cache), not the
    text with its tabs made spaces and its ends stripped: the same, whitespace being dropped."""
    from juesuan.textnorm import norm

    assert norm(text) == norm(text.replace("\t", " ").strip())


def test_normalising_keeps_every_digit_a_digit() -> None:
    """read_funds asks a line's normalised text for a digit: a digit of any of its cells is
    one there too (NFKC maps each digit to a digit, and no character composes from one)."""
    import sys
    import unicodedata

    from juesuan.extract.performance import funds

    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if funds._DIGIT.match(ch):
            assert funds._DIGIT.search(unicodedata.normalize("NFKC", ch)), hex(cp)
        dec = unicodedata.decomposition(ch)
        if dec and not dec.startswith("<"):
            assert not funds._DIGIT.match(chr(int(dec.split()[0], 16))), hex(cp)
