"""The in-process shortcuts of issue 15 give the plain answers: a cheap test that skips an
expensive scan skips it only where the scan could not have found anything, and a model made
without BaseModel.__init__ is the model __init__ makes, validated the same way. Synthetic
inputs only."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from juesuan.memo import uncached
from juesuan.model import Cell, Printed, made, printed_at, printed_data
from juesuan.rules.wording import RESIDUE_RES, residue_hits, residue_places

# pieces of template residue and of ordinary narrative around it
_WORDING = st.sampled_from(["增加", "减少", "下降", "高于", "(", "（", ")", "）", "X", "Ｘ", "×", "某", "【", "】",
                            "[请填写", "]", "请", "填写", "列明", "批次", "不涉及的不列", "如持平作持平表述", "20",
                            "2", "0", "5", "年", "度", "……", "。", " ", "万元", "示例单位", "支出"])


@given(st.lists(_WORDING, max_size=30).map("".join))
@settings(max_examples=800)
def test_template_residue_hits_are_those_of_scanning_with_every_pattern(text: str) -> None:
    plain = [(kind, m.group(0)) for kind, pat in RESIDUE_RES for m in pat.finditer(text)]
    assert residue_hits(text) == plain


@given(st.lists(st.lists(_WORDING, max_size=12).map("".join), max_size=6))
@settings(max_examples=300)
def test_only_the_statements_that_may_hold_residue_are_scanned(texts: list[str]) -> None:
    places = residue_places(texts, "\n".join(texts))
    found = [(i, hit) for i in places for hit in residue_hits(texts[i], places[i])]
    assert found == [(i, hit) for i, text in enumerate(texts) for hit in residue_hits(text)]
    assert list(places) == sorted(places)


@given(st.lists(_WORDING, max_size=30).map("".join))
@settings(max_examples=800)
def test_the_unfinished_year_pattern_finds_what_the_plain_one_finds(text: str) -> None:
    import re

    from juesuan.rules.wording import RESIDUE_RES

    plain = re.compile(r"(?<!\d)20\d\s*年度?(?!\d)")
    ours = dict(RESIDUE_RES)["未填完的年度"]
    assert [m.span() for m in ours.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_template_residue_examples() -> None:
    assert residue_hits("收入增加（减少）XXX 万元") == [("待选用词", "增加（减少）"), ("占位符", "XXX")]
    assert residue_hits("202 年度支出……。") == [("未填完的年度", "202 年度"), ("省略号", "出……。")]
    assert residue_hits("收入支出总计减少 56.95 万元，下降 1.87%。") == []


@given(st.text(max_size=12), st.none() | st.integers(1, 500), st.none() | st.integers(1, 9000))
def test_printed_at_is_the_model_init_makes(raw: str, page: int | None, line: int | None) -> None:
    made, plain = printed_at(raw, page, line), Printed(raw=raw, page=page, line=line)
    assert made == plain and type(made) is Printed
    assert made.model_dump_json() == plain.model_dump_json()
    assert printed_data({"分值": raw}, page, line) == {"分值": plain}


def test_printed_at_is_held_to_validation_in_the_tests() -> None:
    # (a record made without validating: JUESUAN_CHECK_MADE, which the suite sets, validates it too)
    with pytest.raises(ValidationError):
        printed_at("12.5", "第三页", 4)  # type: ignore[arg-type]


_NARRATIVE = st.sampled_from(["（", "(", "）", ")", "类", "款", "项", "预算", "决算", "为", "：", "数", "占", "金额",
                              "总额", "\n", "示例", "支出", "12.5", "万元", " ", "。", "3", "%", "元", "a"])


@given(st.lists(_NARRATIVE, max_size=14).map("".join))
@settings(max_examples=800)
def test_reading_order_line_features_are_the_plain_ones(text: str) -> None:
    from juesuan.extract.claims import reading_order as ro

    brackets = [ch for ch in text if ch in "（()）"]
    f = ro._features(text, False)
    assert f.first_opens == (bool(brackets) and brackets[0] in "（(")
    assert f.last_opens == (bool(brackets) and brackets[-1] in "（(")
    assert f.open_name == (ro._OPEN_NAME_RE.search(text) is not None)
    assert f.wants_figure == (ro._WANTS_FIGURE_RE.search(text) is not None)
    assert f.closes_early == (ro._CLOSES_RE.match(text) is not None)
    assert f.name_goes_on == (ro._NAME_GOES_ON_RE.match(text) is not None)
    assert f.starts_amount == (ro._STARTS_AMOUNT_RE.match(text) is not None)


def test_made_is_the_model_init_makes() -> None:
    from decimal import Decimal

    from juesuan.findings import FindingCell, perf_cell

    fields = {"table": "T05", "row": "2010101", "column": "基本支出", "value": Decimal("12.30"), "raw": "12.30",
              "page": 2, "line": 17, "bbox": None, "label": "行政运行", "uncertain": False, "repair": ""}
    cell, plain = made(Cell, dict(fields)), Cell(**fields)
    assert cell == plain and cell.model_dump_json() == plain.model_dump_json()
    short = made(Cell, {"table": "T05", "row": "201", "column": "小计", "value": Decimal(1)})
    assert short == Cell(table="T05", row="201", column="小计", value=Decimal(1)) and short.label == ""
    assert FindingCell.of(cell) == FindingCell(table="T05", row="2010101", column="基本支出", value=Decimal("12.30"))
    assert perf_cell("示例项目", "得分") == FindingCell(table="P:示例项目", row="", column="得分", value=None)
    with pytest.raises(ValidationError):  # (validated under the suite's check: juesuan.construct)
        made(Cell, {"table": "T05", "row": "201", "column": "小计", "value": "不是数字"})


# what the deletions look for and around: figures, separators, markup, the units they keep a
# figure with, Chinese words
_NOISY = _WORDING | _NARRATIVE | st.sampled_from(["1", ",", "234", " ", "\u3000", "<b>", "</u>", "**", "$", ".", "%", "人",
                                                  "台", "\t", "辆", "个", "套", "批次", "亿元", "人次", "元", "．", "、"])


@given(st.lists(_NOISY, max_size=20).map("".join))
@settings(max_examples=800)
def test_paragraph_cleaning_is_every_deletion_in_turn(text: str) -> None:
    from juesuan.extract.claims.paragraphs import _DELETE_RES, _delete, clean_text

    plain, lmap = text, list(range(len(text)))
    for pat in _DELETE_RES:
        plain, lmap = _delete(plain, lmap, pat)
    assert clean_text(text, list(range(len(text)))) == (plain, lmap)


@given(st.lists(_NOISY, max_size=20).map("".join))
@settings(max_examples=800)
def test_cell_noise_is_stripped_by_every_deletion_in_turn(text: str) -> None:
    from juesuan.extract.claims.paragraphs import _DELETE_RES, strip_noise

    plain = text
    for pat in _DELETE_RES:
        plain = pat.sub("", plain)
    assert uncached(strip_noise)(text) == plain


# what names are made of, and everything norm removes or maps: whitespace of every kind
# (Python's and the pattern's \s agree on it), curly and full-width quotes, full-width forms
_NAME_PIECES = st.sampled_from(["一般公共预算", "“", "”", "‘", "’", "＂", "〝", "〞", "\"", "'", " ", "\u3000", "\t",
                                "\xa0", "\u2003", "\u200b", "\u2028", "\x1c", "（", "）", "１２", "ＡＢ", "㈠", "ﬁ"])


@given(st.lists(_NAME_PIECES | st.text(max_size=3), max_size=12).map("".join))
@settings(max_examples=1500)
def test_norm_is_nfkc_without_whitespace_with_straight_quotes(text: str) -> None:
    import re

    from juesuan.textnorm import _QUOTES, nfkc, norm

    assert uncached(norm)(text) == re.sub(r"\s", "", nfkc(text).translate(_QUOTES))


_FORM_LINE = st.sampled_from(["部门年初预算支出金额", "项目预算金额", "全年预算数", "全年执行数", "执行率", "预算执行率得分",
                              "指标自评得分小计", "减分项", "绩效自评总得分", "总评价得分", "(万元)", " ", "12.5", "%",
                              "预算", "执行", "得", "分", "金", "额", "示例项目"])


@given(st.lists(_FORM_LINE, max_size=8).map("".join))
@settings(max_examples=600)
def test_a_form_line_without_a_label_word_holds_no_label(text: str) -> None:
    from juesuan.extract.performance.attachment import _ANY_LABEL, _LABEL_WORD

    if _ANY_LABEL.search(text):
        assert _LABEL_WORD.search(text)


_MARKER_PIECES = st.sampled_from(["（", "(", ")", "）", "一", "十", "三", "、", ".", "．", "1", "12", "１", "٣", "²", "-", " ",
                                  "　", "*", "项目", "a", "第"])


@given(st.lists(_MARKER_PIECES, max_size=6).map("".join))
@settings(max_examples=600)
def test_an_item_marker_is_read_as_the_patterns_alone_read_it(text: str) -> None:
    from juesuan.textnorm import MARKER_LEAD, item_marker, marker_by_patterns

    # the prefilter (a marker's first character) never turns away what a pattern would read
    assert item_marker(text) == marker_by_patterns(text.lstrip(MARKER_LEAD))


# cells around the end of a form's indicator rows: the end words, pieces of them, marks, figures
_END_CELLS = st.lists(st.sampled_from(["总分", "总", "分", "指标自评得分小计", "自评等级", "自评", "注:", "注：", "1.",
                                       " 预算执行", "-", "- 1.", "偏差大或", "单位主要负责人", "改进措施及", "绩效自评总得分",
                                       "100", "9", "√", "·", "产出指标", " ", "总评价得分"]),
                      max_size=4).map("".join)


@given(st.lists(_END_CELLS, min_size=1, max_size=6))
@settings(max_examples=800)
def test_the_indicator_rows_end_where_every_cell_asked_of_the_pattern_says(cells: list[str]) -> None:
    import re

    from juesuan.extract.performance.common import Row
    from juesuan.extract.performance.detail import _END, ends_indicators
    from juesuan.read.types import Chunk, Line
    from juesuan.textnorm import norm

    r = Row(Line(1, "\t".join(cells), [Chunk(c) for c in cells]))
    plain = bool(_END.match(r.text)) or any(
        _END.match(c) and not re.search(r"\d", c) for c in map(norm, r.toks[:4]))
    assert ends_indicators(r) == plain


_HEADING_PIECES = st.sampled_from(["一", "十二", "三", "、", ".", "．", "(", "（", ")", "）", " ", "\u3000", "-", "*",
                                   "•", "·", "#", ">", "收入", "支出", "1", "a", "第", "部分", "\t"])


@given(st.lists(_HEADING_PIECES, max_size=12).map("".join))
@settings(max_examples=800)
def test_a_heading_is_asked_of_its_pattern_whenever_the_pattern_could_match(text: str) -> None:
    from juesuan.locate.sections import _CN_NUM, CHAP_RE, SUB_RE, _after_bullets

    head = _after_bullets(text)
    if CHAP_RE.match(text):
        assert head and head in _CN_NUM
    if SUB_RE.match(text):
        assert head and head in "(（"


def test_nfkc_composes_at_most_four_code_points_and_keeps_a_character_of_each_non_space() -> None:
    """The facts of Unicode (as this Python's unicodedata has it) that let the title locator
    skip normalising a long line (locate.tables._tail_line), and the 目录 locator a line
    without 目 (locate.sections.TOC_CHARS: no other character's decomposition holds one, so
    none normalises to one and NFKC composes none)."""
    import sys
    import unicodedata

    from juesuan.locate.sections import TOC_CHARS

    chars = [chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF]
    assert max(len(unicodedata.normalize("NFD", c)) for c in chars) <= 4
    assert all("".join(unicodedata.normalize("NFKC", c).split()) for c in chars if not c.isspace())
    assert {c for c in chars if "目" in unicodedata.normalize("NFKD", c)} == set(TOC_CHARS)


_TOC_PIECES = st.sampled_from(["目", "\u2f6c", "录", "目录", "\u2f6c录", "(", "（", ")", "）", " ", "\u3000", "\t", "部门决算", "2024年",
                               "公开", "第一部分", "一、", "收入支出决算总表", "。", "x"])


@given(st.lists(st.lists(_TOC_PIECES, max_size=4).map("".join), max_size=12))
@example(["第一部分", "\u2f6c", "录", "一、收入支出决算总表"])
@settings(max_examples=300, deadline=None)
def test_the_toc_is_found_as_by_asking_every_line(texts: list[str]) -> None:
    from juesuan.locate import sections
    from juesuan.read.types import Chunk, Line, Source

    src = Source(path="made-up.txt", format="text", lines=[Line(no=k + 1, text=t, chunks=[Chunk(t)])
                                                           for k, t in enumerate(texts)])
    got = sections.find_toc(src)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sections, "TOC_CHARS", ("", ""))  # ("" is in every text: every line asked)
        assert got == sections.find_toc(src)


_TAIL_PIECES = st.sampled_from(["出决算表", "表", "支", "1", " ", "\u3000", "\t", "e\u0301", "\u1100\u1161\u11a8", "ᾂ",
                                "\u0313\u0300\u0345", "ｶﾞ", "㈠", "（续）", "收入支出决算总表", "财政拨款"])


@given(st.lists(_TAIL_PIECES | st.text(max_size=4), max_size=24).map("".join))
@settings(max_examples=1500)
def test_a_wrapped_titles_tail_is_found_without_normalising_long_lines(text: str) -> None:
    from juesuan.locate.tables import _tail_line, _tail_text
    from juesuan.textnorm import norm

    assert uncached(_tail_line)(text) == _tail_text(norm(text))


# a form line's pieces: figures and their units, separators, markup, whitespace of every kind,
# brackets, quotes, and marks that compose with what stands before them
_FORM_PIECES = _NOISY | _NAME_PIECES | st.sampled_from(["\u0301", "\u0308", "e", "\u3099", "か", "ｶ", "ﾞ", "(", "）",
                                                        "97. 20", "42.86 %", "1,234.5", "预算执行率", "得分", "\u00a8"])


@given(st.lists(_FORM_PIECES, max_size=16).map("".join))
@settings(max_examples=2000)
def test_a_form_lines_key_is_its_cleaned_text_normalised(text: str) -> None:
    from juesuan.extract.performance.attachment import _line_clean, _line_key
    from juesuan.textnorm import norm

    raw = text.replace("\t", " ").strip()
    assert uncached(_line_key)(text) == (norm(uncached(_line_clean)(text)) if raw else None)


@pytest.mark.parametrize("text", ["1**,234", "1<b>,</b>234万元", "12$,345.6", "3 ,5", "7 . 5 %", "支 出 1 个"])
def test_a_deletion_is_kept_when_an_earlier_one_makes_what_it_needs(text: str) -> None:
    """Markup deleted between a figure and a comma makes a thousands separator: the comma's
    deletion must not have been skipped for want of a figure before it."""
    from juesuan.extract.claims.paragraphs import _DELETE_RES, strip_noise

    plain = text
    for pat in _DELETE_RES:
        plain = pat.sub("", plain)
    assert uncached(strip_noise)(text) == plain


_FIGURE_PIECES = st.sampled_from(["1", "23", ".", ",", " ", "\u3000", "\t", "99. 16", "3, 042. 92", "445.69", "221",
                                  "02", "01", "住房公积金", "收入决算表", "30207", "邮电费", "%", "万元", "一般", "支出"])


@given(st.lists(_FIGURE_PIECES, max_size=14).map("".join))
@settings(max_examples=1500)
def test_the_number_substitutions_asked_first_give_the_plain_substitutions(text: str) -> None:
    from juesuan.extract.grid import _SPLIT_NUMBER_RE, squeeze_number
    from juesuan.extract.records import _CJK_GAP_RE, _GLUED_AMOUNT_RE, _GLUED_CODE_RE, _flat_tokens
    from juesuan.rules.performance.common import BROKEN_POINT, join_broken_points

    assert join_broken_points(text) == BROKEN_POINT.sub(r"\1.\2", text)
    assert uncached(squeeze_number)(text) == _SPLIT_NUMBER_RE.sub(r"\1", text.strip())
    plain = _CJK_GAP_RE.sub("", _SPLIT_NUMBER_RE.sub(r"\1", text.replace("\t", " ").strip()))
    plain = _GLUED_CODE_RE.sub(r"\1 ", _GLUED_AMOUNT_RE.sub(r"\1 ", plain))
    assert uncached(_flat_tokens)(text) == tuple(plain.split())


# lines of a self-evaluation form: its words, figures, whitespace of every kind, digits of
# other scripts (which \d matches) and full-width forms that normalising turns into ASCII
_FORM_LINE = st.lists(_FORM_PIECES | st.sampled_from(["指标自评得分小计", "总分", "注:", "注：", "-", "－", "1.", "١",
                                                     "２", "预算执行", "自评等级", "单位主要负责人", "\t", "\u3000"]),
                      max_size=12).map("".join)


@given(_FORM_LINE)
@settings(max_examples=1500)
def test_the_end_of_the_indicator_rows_is_asked_of_its_pattern_whenever_it_could_match(text: str) -> None:
    """``ends_indicators`` asks its pattern of a row's text only when the text opens with what
    the pattern needs: one of its words' first characters, the note's '-' or a digit."""
    from juesuan.extract.performance.common import Row
    from juesuan.extract.performance.detail import _END, _END_FIRST, ends_indicators
    from juesuan.read.types import Chunk, Line

    row = Row(Line(1, text, [Chunk(text)] if text else []))
    head = row.text[:1]
    if _END.match(row.text):
        assert head in _END_FIRST or head == "-" or head.isdecimal()
        assert ends_indicators(row)


@given(_FORM_LINE)
@settings(max_examples=500)
def test_a_blank_row_is_the_row_the_general_path_makes_and_feeds_nothing(text: str) -> None:
    from juesuan.extract.performance.common import Row, _cells_toks
    from juesuan.extract.performance.indicators import IndicatorReader, Scheme
    from juesuan.read.types import Chunk, Line
    from juesuan.textnorm import norm

    for ln in (Line(1, text, [Chunk(text)] if text else []), Line(1, "", [])):
        row = Row(ln)
        texts = tuple(c.text for c in ln.chunks) or (ln.text,)
        assert (row.cells, row.toks, row.text) == (*uncached(_cells_toks)(texts), uncached(norm)(ln.text))
        if not row.toks:  # what the indicator reader skips without asking for the row's tokens
            reader = IndicatorReader(Scheme(), "t")
            reader.feed(Row(ln))
            assert row.count == 0 and not reader.rows and not reader.pending and not reader.warnings


# the characters the hints of a flat line's substitutions reason about: Chinese characters
# (and the two just outside the range), ASCII and other digits, the point, commas, spaces
_FLAT_PIECES = st.sampled_from(["1", "2", "3", "0", "23", "201", "30207", "445.69", "2,995.39", ".", ",", " ", "  ",
                                "\t", "\u3000", "１", "٣", "邮", "电费", "因 公 出 国", "一", "\u4dff", "\ua000", "a", "-"])


@given(st.lists(_FLAT_PIECES, max_size=16).map("".join))
@settings(max_examples=1500)
def test_a_flat_line_substitution_changes_nothing_where_its_hint_is_not_found(text: str) -> None:
    from juesuan.extract import records as r

    for hint, pat, template in ((r._CJK_GAP_HINT, r._CJK_GAP_RE, ""), (r._GLUED_AMOUNT_HINT, r._GLUED_AMOUNT_RE, r"\1 "),
                                (r._GLUED_CODE_HINT, r._GLUED_CODE_RE, r"\1 ")):
        if hint.search(text) is None:
            assert pat.search(text) is None and pat.sub(template, text) == text
    plain = r._CJK_GAP_RE.sub("", uncached(r.squeeze_number)(text.replace("\t", " ")))
    plain = r._GLUED_CODE_RE.sub(r"\1 ", r._GLUED_AMOUNT_RE.sub(r"\1 ", plain))
    assert uncached(r._flat_tokens)(text) == tuple(plain.split())


def _plain_sibling_refs(tid: str, records: dict) -> dict:
    """document._sibling_refs as first written: every table's hierarchy asked."""
    from juesuan.extract import realign
    from juesuan.extract.document import _PART_OF

    refs: dict = {}
    for other, (orecs, _tabbed) in records.items():
        if realign.fails_in_bulk(orecs):
            continue
        for rec in orecs:
            if rec.key is None or not rec.values:
                continue
            v = rec.values[0].parsed.value
            if _PART_OF.get(tid) == other:
                refs.setdefault(rec.key, realign.Reference()).high = v
            elif _PART_OF.get(other) == tid:
                ref = refs.setdefault(rec.key, realign.Reference())
                ref.low = v if ref.low is None else max(ref.low, v)
    return refs


_CODES = ["201", "20101", "2010101", "2010102", "20102", "2010201", "205", "20501", "2050101", "208"]


@given(st.data())
@settings(max_examples=300, deadline=None)
def test_the_sibling_tables_bounds_are_those_of_asking_every_table(data) -> None:
    from decimal import Decimal

    from juesuan.extract.document import _sibling_refs
    from juesuan.extract.records import Record, Value
    from juesuan.money import Parsed
    from juesuan.read.types import Line

    ln = Line(no=1, text="")

    def table() -> tuple[list[Record], bool]:
        recs = []
        for code in data.draw(st.lists(st.sampled_from(_CODES + [None, "合计"]), max_size=12)):
            amounts = data.draw(st.lists(st.integers(0, 30), max_size=2))
            values = [Value(raw=str(a), parsed=Parsed(Decimal(a), "ok", str(a)), line=ln) for a in amounts]
            recs.append(Record(code=None if code == "合计" else code, name="", line=ln, values=values,
                               total=code == "合计"))
        return recs, False

    records = {tid: table() for tid in data.draw(st.permutations(["T02", "T05", "T08", "T03", "T07"]))}
    for tid in records:
        assert _sibling_refs(tid, records) == _plain_sibling_refs(tid, records)


_TABLE_PIECES = st.sampled_from(["1", "23", "0", ".", "．", ",", " ", "\t", "\u3000", "99. 16", "3, 042. 92", "445.69",
                                 "2,995.39", "221", "-", "1.5", "30207", "邮电费", "注：", "本表反映", "合计", "a"])


@given(st.lists(st.tuples(st.lists(_TABLE_PIECES, max_size=8).map("".join),
                          st.lists(st.lists(_TABLE_PIECES, max_size=3).map("".join), max_size=4),
                          st.sampled_from(["", "page_number"])), max_size=6))
@settings(max_examples=800)
def test_the_amounts_printed_are_those_of_asking_every_token(rows) -> None:
    from juesuan.extract.grid import is_note
    from juesuan.extract.records import flat_tokens
    from juesuan.extract.status import _AMOUNT_TOKEN_RE, printed_amounts
    from juesuan.read.types import Chunk, Line

    lines = [Line(no=i, text=text, chunks=[Chunk(c) for c in cells], marker=marker)
             for i, (text, cells, marker) in enumerate(rows)]
    plain = 0
    for ln in lines:
        if ln.marker or is_note(ln.text):
            continue
        toks = [c.text.strip() for c in ln.chunks] if len(ln.chunks) > 1 else flat_tokens(ln)
        plain += sum(1 for t in toks if _AMOUNT_TOKEN_RE.match(t.replace(" ", "")))
    assert printed_amounts(lines) == plain
