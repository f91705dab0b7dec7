"""The first-read shortcuts of the narrative stages (issue 15) give the plain answers: a scan of
the whole document that picks the lines worth asking picks every line the plain loop would
take something from. Synthetic inputs only."""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from juesuan.locate import sections
from juesuan.read.types import Chunk, Line, Source

# pieces of headings and of what is not one: numerals, brackets, bullets, whitespace of every
# kind, 部分 whole and cut, the joiner the scan uses
_HEADING_PIECES = st.sampled_from(["第", "一", "三", "十", "部分", "部", "分", "、", ".", "(", "（", ")", "）", " ",
                                   "\t", "\u3000", "\u00a0", "\n", "-", "*", "•", "#", ">", "x", "\x00", "。",
                                   "情况说明", "收入支出决算总体情况", "5万元", "支出"])
_HEADING_LINE = st.lists(_HEADING_PIECES, max_size=10).map("".join)


def _lines(texts: list[str]) -> list[Line]:
    return [Line(no=k + 1, text=t, chunks=[Chunk(t)]) for k, t in enumerate(texts)]


@given(st.lists(_HEADING_LINE, max_size=12))
@settings(max_examples=800, deadline=None)
def test_the_head_lines_are_those_holding_a_part_word_or_opening_as_a_heading(texts: list[str]) -> None:
    plain = [k for k, t in enumerate(texts)
             if "部分" in t or sections._after_bullets(sections._text(Line(no=0, text=t))) in [*"一二三四五六七八九十(（"]]
    got = list(sections._head_lines(Source(path="made-up.txt", format="text", lines=_lines(texts))))
    if any("\x00" in t for t in texts):
        assert got == list(range(len(texts)))  # the joiner in a line: every line is asked
    else:
        assert got == plain


@given(st.lists(_HEADING_LINE, max_size=12), st.sets(st.integers(0, 11)),
       st.none() | st.tuples(st.integers(0, 6), st.integers(0, 12)))
@settings(max_examples=800, deadline=None)
def test_the_heads_are_those_of_asking_every_line(texts: list[str], skipped: set[int],
                                                   toc: tuple[int, int] | None) -> None:
    src = Source(path="made-up.txt", format="text", lines=_lines(texts))
    skip = dict.fromkeys(skipped, True)
    got = sections._scan_heads(src, skip, toc)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sections, "_head_lines", lambda src: range(len(src.lines)))
        plain = sections._scan_heads(src, skip, toc)
    assert got == plain


# ---- subjects: each run of pattern rules screened by one pattern ------------------------------

# words of the rules' patterns, cut and whole, and of phrases no rule knows
_SUBJECT_PIECES = st.sampled_from(["三公", "三", "公", "因公出国(境)费", "公务用车", "购置", "运行", "维护", "费", "支出",
                                   "收入", "总计", "合计", "本年", "、", ",", "外事接待", "国内公务接待", "机关运行经费",
                                   "政府采购", "财政拨款", "一般公共预算", "政府性基金预算", "国有资本经营预算", "基本",
                                   "项目", "年初", "上年", "结转", "和", "结余", "使用非", "人员经费", "公用经费",
                                   "工资福利", "商品和服务", "对个人和家庭的", "补助", "资本性", "事业收入", "经营支出",
                                   "(类)", "(款)", "(项)", "教育", "社会保障和就业", "x", "的"])
_TOPICS = st.sampled_from(["", "一般公共预算支出", "收入支出总体", "财政拨款总体", "政府采购", "三公", "支出",
                           "政府性基金", "国有资本经营", "基本支出", "收入"])


@given(st.lists(_SUBJECT_PIECES, min_size=1, max_size=6).map("".join), _TOPICS)
@settings(max_examples=1500, deadline=None)
def test_a_phrase_resolves_as_asking_every_rule_in_order(phrase: str, topic: str) -> None:
    from juesuan.extract.claims.subjects import _SUBJECT_TABLE, Resolver, Subj, _shorten

    res = Resolver(None)
    plain = next((got for rule in _SUBJECT_TABLE if (got := rule(res, phrase, topic)) is not None),
                 [Subj(_shorten(phrase))])
    assert res._resolve(phrase, topic) == plain


def test_the_rule_runs_hold_every_rule_in_order() -> None:
    from juesuan.extract.claims.subjects import _RULE_RUNS, _SUBJECT_TABLE

    assert tuple(rule for _, rules in _RULE_RUNS for rule in rules) == _SUBJECT_TABLE


# ---- tables: wrapped titles looked for only where their 表 can be ----------------------------

# titles whole and cut anywhere (the cut ends on a short line), the department's name before
# them, figures, whitespace, and what normalises (full-width letters, a decomposed accent)
_TITLE_PIECES = st.sampled_from(["表", "总表", "出决算表", "决算总", "收入支出决算总", "财政拨款收入支出决算",
                                 "一般公共预算财政拨款支", "某某区教育局", "2024年度", "1", "2,995.39", " ", "\t",
                                 "\u3000", "ｶﾞ", "e\u0301", "（续）", "公开01表", "单位：万元", "项目", "支出"])
_TITLE_LINE = st.lists(_TITLE_PIECES, max_size=6).map("".join)
_TITLES = st.sampled_from(["收入支出决算总表", "财政拨款收入支出决算总表", "一般公共预算财政拨款基本支出决算表",
                           "政府性基金预算财政拨款收入支出决算表", "项目收入支出决算表", "收入决算表"])


@st.composite
def _wrapped_lines(draw: st.DrawFn) -> list[str]:
    """A title cut in two, or whole and then marked continued (a line between at times), the
    department's name or a figure before it."""
    title = draw(_TITLES)
    cut = draw(st.integers(1, len(title)))
    head = draw(st.sampled_from(["", "某某区教育局", "2,995.39", "1"])) + title[:cut]
    return [head, *draw(st.lists(_TITLE_LINE, max_size=1)), title[cut:] + draw(st.sampled_from(["", "（续）"]))]


_TITLE_ROWS = st.lists(st.one_of(_TITLE_LINE.map(lambda t: [t]), _wrapped_lines()), max_size=6).map(
    lambda groups: [t for g in groups for t in g])


def test_only_the_ideographs_themselves_normalise_to_those_the_locator_looks_for() -> None:
    import sys
    import unicodedata

    from juesuan.locate.tables import _BOUNDARY_CHARS

    # (表: every title's last character; the others: a part boundary's, ``_is_part_boundary``)
    for ch in "表" + _BOUNDARY_CHARS:
        assert [c for c in range(sys.maxunicode + 1) if ch in unicodedata.normalize("NFKC", chr(c))] == [ord(ch)]


# a part boundary's words, whole and cut, and characters that normalise to some of theirs
_BOUNDARY_PIECES = st.sampled_from(["第三部分", "第", "三", "部分", "部", "分", "情况说明", "说明", "说", "名词解释", "名词", "附件", "附",
                                    "绩效自评表", "绩效自评情况表", "项目单位自评", "自评", "评", "决算表", "一、", "、",
                                    "\u337e", "\u3234", "\u2f83", "\u3242", "\U0001f216", "\ufa71", " ", "\t",
                                    "\u3000", "“", "收入", "x" * 20])


@given(st.lists(_BOUNDARY_PIECES, max_size=8).map("".join))
@settings(max_examples=1500, deadline=None)
def test_a_part_boundary_is_told_as_from_the_normalised_line(text: str) -> None:
    from juesuan.locate.tables import _bounds_part, _is_part_boundary
    from juesuan.textnorm import norm

    assert _is_part_boundary(Line(no=1, text=text)) == _bounds_part(norm(text))


@given(_TITLE_ROWS, st.lists(st.tuples(st.booleans(), st.integers(1, 2)), min_size=12, max_size=12))
@settings(max_examples=1000, deadline=None)
def test_the_wrapped_titles_are_those_of_asking_every_line(texts: list[str], kinds: list[tuple[bool, int]]) -> None:
    from juesuan.locate.tables import _wrapped_title, _wrapped_titles

    # (mostly plain lines of one chunk: a gridded line or one of several cells starts no title)
    lines = [Line(no=k + 1, text=t, chunks=[Chunk(t)] * (n if g else 1), gridded=g and n == 1)
             for k, (t, (g, n)) in enumerate(zip(texts, kinds * 3))]
    plain = {i: w for i in range(len(lines)) if (w := _wrapped_title(lines, i)) is not None}
    assert _wrapped_titles(lines, [i for i, ln in enumerate(lines) if "表" in ln.text]) == plain


# ---- paragraphs: the deletions spelled to open with what they delete ---------------------------

# the deletions as first written (paragraphs._DELETIONS_NEEDING, in order)
_PLAIN_DELETIONS = (
    r"</?u>|</?b>|</?i>|\*\*|</?sub>|</?sup>|\$",
    r"(?<=\d)(?P<d>\s+)(?=\.\s*\d)",
    r"(?<=\d\.)(?P<d>\s+)(?=\d)",
    r"(?<=\d)(?P<d>\s+)(?=%)",
    r"(?<=\d)(?P<d>,\s?)(?=\d{3}(?:\.\d|[^\d]|$))",
    r"(?<=\d)(?P<d>\s+)(?=万元|亿元|元|辆|个|人次|批次|台|套|人\b|人[、,，。;；)])",
    r"(?<=[\u4e00-\u9fff(（)）])(?P<d>\s+)(?=[\u4e00-\u9fff(（)）])",
)
_NOISY_PIECES = st.sampled_from(["1", "23", "4.5", "١", ".", ",", ", ", " ", "  ", "\t", "\u3000", "\u00a0", "\n", "%",
                                 "万元", "元", "人", "人次", "个", "支", "出", "(", "（", "）", ")", "<b>", "**", "$",
                                 "a", "。", "、"])


@given(st.lists(_NOISY_PIECES, max_size=16).map("".join))
@settings(max_examples=1500, deadline=None)
def test_the_deletions_match_where_the_plain_patterns_do(text: str) -> None:
    import re

    from juesuan.extract.claims.paragraphs import _DELETE_RES

    assert len(_DELETE_RES) == len(_PLAIN_DELETIONS)
    for ours, plain in zip(_DELETE_RES, _PLAIN_DELETIONS, strict=True):
        assert [m.span() for m in ours.finditer(text)] == [m.span() for m in re.finditer(plain, text)]
        assert ours.groupindex.keys() == re.compile(plain).groupindex.keys()


@given(st.lists(_NOISY_PIECES, max_size=16).map("".join))
@settings(max_examples=1500, deadline=None)
def test_a_deletions_group_is_its_whole_match(text: str) -> None:
    from juesuan.extract.claims.paragraphs import _DELETIONS_NEEDING

    for dl in _DELETIONS_NEEDING:
        for pat in (dl.pattern, dl.in_spaces):
            group = "d" if "d" in pat.groupindex else 0
            assert [m.span() for m in pat.finditer(text)] == [m.span(group) for m in pat.finditer(text)]


def test_no_whitespace_but_the_space_is_printable() -> None:
    """A printable text holds no whitespace but the space (``paragraphs._deletions`` then asks
    the deletions spelt to open with ' '): over every code point."""
    assert [c for c in range(0x110000) if chr(c).isspace() and chr(c).isprintable()] == [ord(" ")]


@given(st.lists(_NOISY_PIECES, max_size=16).map("".join))
@settings(max_examples=1500, deadline=None)
@example("1 . 5")
@example("支 出")
def test_a_deletion_spelt_for_spaces_matches_where_it_does_in_a_printable_text(text: str) -> None:
    from juesuan.extract.claims.paragraphs import _DELETIONS_NEEDING

    assume(text.isprintable())
    for dl in _DELETIONS_NEEDING:
        assert [m.span() for m in dl.in_spaces.finditer(text)] == [m.span() for m in dl.pattern.finditer(text)]
        assert dl.in_spaces.groupindex == dl.pattern.groupindex


@given(st.lists(_NOISY_PIECES, max_size=16).map("".join))
@settings(max_examples=1500, deadline=None)
def test_what_the_comma_deletion_needs_is_the_plain_pattern(text: str) -> None:
    import re

    from juesuan.extract.claims.paragraphs import _COMMA_OR_MARKUP, noise_changes_key

    plain = r"\d,|[<*$]"
    # (found at the same characters: each match ends with the comma or the mark it looks for)
    assert [m.end() for m in re.finditer(_COMMA_OR_MARKUP, text)] == [m.end() for m in re.finditer(plain, text)]
    # (the deletions of more than whitespace need markup, or a comma after a figure, or markup)
    assert noise_changes_key(text) == (re.search(r"(?:[<*$])|(?:\d,|[<*$])", text) is not None)


_FIGURE_PIECES = st.sampled_from(["1", "23", "4.5", ".", "..", "١", " ", "\u3000", "万元", "元", "%", "人次", "人", "台(套)",
                                  "个", "支出", "，", "a"])


@given(st.lists(_FIGURE_PIECES, max_size=14).map("".join))
@settings(max_examples=1500, deadline=None)
def test_a_paragraphs_figures_are_those_of_the_plain_pattern(text: str) -> None:
    import re

    from juesuan.extract.claims.figures import _UNIT, FIG_RE

    plain = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*" + _UNIT)
    assert [(m.span(), m.groups()) for m in FIG_RE.finditer(text)] == [(m.span(), m.groups()) for m in plain.finditer(text)]


@given(st.lists(st.sampled_from(["(类)", "(款)", "(项)", "(", ")", "类", "款", "项", "教育", "普通教育", "x"]),
                max_size=10).map("".join), _TOPICS)
@settings(max_examples=1500, deadline=None)
def test_a_path_is_read_as_without_looking_for_its_class_first(phrase: str, topic: str) -> None:
    from juesuan.extract.claims.subjects import Resolver

    res = Resolver(None)
    assert res._path(phrase, topic) == res._path_of(phrase, topic)


_CLASS_PIECES = st.sampled_from(["教育", "教育支出", "社会保障和就业", "社会保障和就业支出", "农林水", "其他", "其他支出",
                                 "支出", "支", "出", "(类)", "普通", "x", "外交", "一般公共服务", "文化旅游体育与传媒支出"])


@given(st.lists(_CLASS_PIECES, max_size=5).map("".join), _TOPICS)
@settings(max_examples=1500, deadline=None)
def test_a_class_is_read_as_by_asking_every_class(phrase: str, topic: str) -> None:
    from juesuan.extract.claims.subjects import Resolver

    res = Resolver(None)
    assert res._class(phrase, topic) == res._class_of(phrase.replace("(类)", ""), topic)


# ---- reading order: a wanted figure's words end in one of a few characters --------------------

_WANTS_PIECES = st.sampled_from(["预算", "决算", "支出", "收入", "总计", "合计", "经费", "数", "总额", "为", ":", "：",
                                 "占", "金额", "额", "\n", " ", "x", "。", "12.5"])


@given(st.lists(_WANTS_PIECES, max_size=8).map("".join))
@settings(max_examples=1500, deadline=None)
def test_a_line_wanting_a_figure_ends_in_one_of_the_last_characters(text: str) -> None:
    from juesuan.extract.claims import reading_order as ro

    if ro._WANTS_FIGURE_RE.search(text) is not None:
        assert text.rstrip("\n")[-1:] in ro._WANTS_FIGURE_LAST
    assert ro._features(text, False).wants_figure == (ro._WANTS_FIGURE_RE.search(text) is not None)


# ---- paragraphs: a line of figures starts with a figure or a mark -----------------------------

_FIGURE_LINE_PIECES = st.sampled_from(["2024", "-", "12.5", "1,234", "%", "“", "”", "‘", "’", ":", "：", " ", "\t",
                                       "\u3000", "万元", "x", "٣", "0.95", ".", ","])


@given(st.lists(_FIGURE_LINE_PIECES, max_size=8).map("".join))
@settings(max_examples=1500, deadline=None)
def test_a_figure_line_is_found_as_by_asking_every_token(text: str) -> None:
    import importlib

    pg = importlib.import_module("juesuan.extract.claims.paragraphs")  # (the package exports a function of that name)
    toks = text.split()
    plain = toks if toks and all(pg._FIGURE_TOKEN_RE.match(t) or pg._MARK_TOKEN_RE.match(t) for t in toks) else None
    assert pg.figure_line(text) == plain


# ---- line swaps: a junction's phrases looked for in the lines as they are -----------------------

# pieces of a narrative line and of what normalising changes: figures (one with separators a
# figure holds only between digits), whitespace of every kind, a digit that is not ASCII, the
# joiner, the figure symbol's own digit
_SWAP_PIECES = st.sampled_from(["评", "为", "“", "优", "预", "算", "的", "1", "2.5", "3,4", ",", ".", ",.", " ", "\t",
                                "\u3000", "\u2028", "١", "0", "\x00", "万元", "，", "。"])
_SWAP_TEXT = st.lists(_SWAP_PIECES, max_size=8).map("".join)


@given(st.lists(_SWAP_TEXT, max_size=8), _SWAP_TEXT, _SWAP_TEXT, st.integers(2, 6))
@settings(max_examples=1500, deadline=None)
def test_a_junction_attested_is_one_whose_run_reaches_as_far(lines: list[str], x: str, y: str, n: int) -> None:
    from juesuan.extract.claims.line_swaps import PhraseIndex

    assert PhraseIndex(lambda: iter(lines)).attests(x, y, n) == (PhraseIndex(lambda: iter(lines)).across(x, y) >= n)


@given(st.lists(_SWAP_TEXT, max_size=8), _SWAP_TEXT, _SWAP_TEXT, st.integers(2, 6))
@settings(max_examples=1500, deadline=None)
@example(lines=["预算的评为 12.5"], x="预算的评为", y="1万元", n=4)  # (attested: 的评为0)
@example(lines=["预算的评为万元", "的评为1.5", "评为 1 万元"], x="预算的评为", y="1万元", n=4)  # (not: 0 ends each)
def test_a_junction_attested_by_the_lines_holding_its_pieces_is_one_whose_run_reaches_as_far(
        lines: list[str], x: str, y: str, n: int) -> None:
    from juesuan.extract.claims import line_swaps

    # (a budget of one line gathered per character of the document: the lines holding a
    # run's pieces are gathered, where a short test text's budget mostly asks ``across``)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(line_swaps, "_GATHER_COST", 1)
        attested = line_swaps.PhraseIndex(lambda: iter(lines)).attests(x, y, n)
    assert attested == (line_swaps.PhraseIndex(lambda: iter(lines)).across(x, y) >= n)


@given(st.lists(_SWAP_TEXT, max_size=8), _SWAP_TEXT)
@settings(max_examples=1500, deadline=None)
def test_a_run_without_a_figure_is_in_a_line_as_in_its_normal_form(lines: list[str], run: str) -> None:
    from juesuan.extract.claims.line_swaps import _SEP, _kept, _norm

    normal = _norm(run).replace(_SEP, "")
    if "\x00" not in "".join(lines) and _kept(normal):
        assert any(normal in t for t in lines) == any(normal in _norm(t) for t in lines)


@given(st.lists(_SWAP_TEXT, max_size=8), st.sampled_from(["评为", "为“", "预算", "算的", "的0", "0万", "0的", "元,", ",0",
                                                          "0.", "0“", "00", "0，", "，0"]))
@settings(max_examples=1500, deadline=None)
def test_the_lines_gathered_for_a_pair_are_every_line_holding_it_normalised(lines: list[str], pair: str) -> None:
    from juesuan.extract.claims.line_swaps import _JOIN, _holders, _needle, _norm

    if any(_JOIN in t for t in lines) or pair == "00":
        return  # (then the whole text is searched)
    raw = _JOIN.join(lines)
    gathered = {raw[s:e] for s, e in _holders(raw, _JOIN, *_needle(pair))}
    assert {t for t in lines if pair in _norm(t)} <= gathered


def test_the_lines_holding_a_needle_are_found_in_one_pass_whatever_it_holds() -> None:
    from juesuan.extract.claims.line_swaps import _JOIN, PhraseIndex, _holders

    # a needle that is (or ends at) the joiner once made the search find the same place forever
    raw = _JOIN.join(["评为优", "预算的"])
    assert _holders(raw, _JOIN, _JOIN, None) == [(0, 3)]  # (it ends: the line before the joiner)
    assert _holders(raw, _JOIN, "优" + _JOIN, None) == [(0, 3)]
    index = PhraseIndex(lambda: iter(["评为优", "预算的"]))
    assert index.attests("评为", "优" + _JOIN, 2) == (index.across("评为", "优" + _JOIN) >= 2)


def _gather_as_written(text: str, pair: str) -> str:
    """line_swaps._gather before it was put on ``_holders`` (session 25)."""
    from juesuan.extract.claims.line_swaps import _MEETING_LINES, _SEP

    found: list[str] = []
    pos = text.find(pair)
    while pos >= 0:
        if len(found) == _MEETING_LINES:
            return text
        start = text.rfind(_SEP, 0, pos) + 1
        end = text.find(_SEP, pos + len(pair))
        if end < 0:
            end = len(text)
        found.append(text[start:end])
        pos = text.find(pair, end)
    return _SEP.join(found)


@given(st.lists(st.text("评为优0的 ", max_size=4), max_size=8), st.integers(0, 40),
       st.sampled_from(["评为", "为优", "00", "的0", "优", "0"]))
@settings(max_examples=1500, deadline=None)
def test_gathering_a_pair_on_holders_is_gathering_it_as_written(lines: list[str], times: int, pair: str) -> None:
    from juesuan.extract.claims.line_swaps import _SEP, _gather

    text = _SEP.join(lines * times)  # (a pair held by more lines than are gathered, too)
    assert _gather(text, pair) == _gather_as_written(text, pair)


# ---- subjects: a project heading that opens a clause, found the quick way ---------------------

# the two clause headings as first written (subjects.PROJECT_HEADINGS[1:])
_PLAIN_CLAUSE_HEADINGS = (
    r"(?:^|[。:：;；])\s*(?:[-*•\s]*(?:\d{1,2}|[(（]\d{1,2}[)）])\s*[.、．]?\s*)?([^。:：;；,，]{2,80}?)(?:项目)?绩效自评综述",
    r"(?:^|[。:：;；,，])\s*([^。:：;；,，]{2,60}?)项目(?:绩效)?自评得分",
)
# their words whole and cut, what opens or ends a clause, numbering, names short and long
_HEADING_TEXT_PIECES = st.sampled_from(["绩效自评综述", "自评综述", "绩效", "自评", "综述", "项目", "自评得分", "得分", "。",
                                        ":", "：", ";", "；", ",", "，", " ", "\n", "1", "12", "(1)", "（2）", ".", "、",
                                        "-", "*", "•", "“", "”", "培训", "x" * 30, "人才政策补贴"])


@given(st.lists(_HEADING_TEXT_PIECES, max_size=14).map("".join))
@settings(max_examples=2000, deadline=None)
def test_a_clause_heading_is_found_where_the_plain_pattern_finds_it(text: str) -> None:
    import re

    from juesuan.extract.claims.subjects import PROJECT_HEADINGS

    for ours, plain in zip(PROJECT_HEADINGS[1:], _PLAIN_CLAUSE_HEADINGS, strict=True):
        assert ours.pattern == plain  # type: ignore[attr-defined]
        got = [(m.span(), m.span(1), m.groups()) for m in ours.finditer(text)]
        assert got == [(m.span(), m.span(1), m.groups()) for m in re.finditer(plain, text)]


# ---- paragraphs: what a line opens with, one match; chart lines screened by their first character ---

# the two openings as first written, each asked on its own
_PLAIN_MARKER = (r"^[\s\-*•·#>]*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}[、.．]|"
                 r"[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[.、．](?!\d))")
_PLAIN_PARA_START = r"^[\s\-*•·]*(?:与(?:上年|20\d\d\s*年度?|年初预算)[^,，]{0,4}相比)"
_OPENING_PIECES = st.sampled_from(["第", "三", "十", "部分", "一", "、", ".", "．", "(", "（", ")", "）", "1", "12", "١",
                                   " ", "\u3000", "-", "*", "•", "·", "#", ">", "与", "上年", "2024", "年度", "年初预算",
                                   "相比", "与上年相比", "与2024年度相比", "与年初预算数相比", ",", "，", "x", "图", "■", "●",
                                   "◆", "▲", "注:", "注："])


@given(st.lists(_OPENING_PIECES, max_size=8).map("".join))
@settings(max_examples=2000, deadline=None)
def test_a_lines_opening_is_told_as_by_the_plain_patterns(text: str) -> None:
    import importlib
    import re

    pg = importlib.import_module("juesuan.extract.claims.paragraphs")  # (the package exports a function of that name)
    m = pg._OPENS_RE.match(text)
    marker = re.match(_PLAIN_MARKER, text) is not None
    assert (m is not None) == (marker or re.match(_PLAIN_PARA_START, text) is not None)
    assert (m is not None and m.group("marker") is not None) == marker


@given(st.lists(_OPENING_PIECES, max_size=6).map("".join))
@settings(max_examples=2000, deadline=None)
def test_a_chart_line_starts_with_one_of_the_first_characters(text: str) -> None:
    import importlib

    pg = importlib.import_module("juesuan.extract.claims.paragraphs")
    t = text.strip()
    if pg._CHART_RE.match(t):
        assert t[:1] in pg._CHART_FIRST


@given(st.lists(_OPENING_PIECES | st.sampled_from(["\t", "1、", "(一)", "一、", "（12）", "3.", "4．5"]), max_size=6).map("".join))
@settings(max_examples=2000, deadline=None)
def test_a_numbered_item_starts_a_paragraph(text: str) -> None:
    import importlib

    from juesuan.extract.claims import reading_order as ro
    from juesuan.textnorm import item_marker

    # (so reading order asks for an item's marker only of a line starting a paragraph)
    pg = importlib.import_module("juesuan.extract.claims.paragraphs")
    m = pg._OPENS_RE.match(text)
    if item_marker(text) is not None:
        assert m is not None and m.group("marker") is not None
    assert ro._features(text, m is not None).item == item_marker(text)


def _features_as_written(text: str, starts_para: bool):
    """reading_order._features before session 25 (first bracket by a search, last by rfind;
    a clause's punctuation by a generator)."""
    import importlib

    from juesuan.textnorm import item_marker

    ro = importlib.import_module("juesuan.extract.claims.reading_order")
    first, last = text[:1], text[-1:]
    m = ro._BRACKET_RE.search(text)
    if m is None:
        first_opens = last_opens = closes_early = False
    else:
        first_opens = m.group() in ro._OPEN
        last_opens = text[max(map(text.rfind, ro._BRACKETS))] in ro._OPEN
        closes_early = ro._CLOSES_RE.match(text) is not None
    starts_figure = first.isdigit()
    return (first_opens, last_opens, first in ro._CLOSE, closes_early,
            ("类" in text or "款" in text) and ro._OPEN_NAME_RE.search(text) is not None,
            "项" in text and ro._NAME_GOES_ON_RE.match(text) is not None,
            (last in ro._WANTS_FIGURE_LAST or last == "\n")
            and ro._WANTS_FIGURE_RE.search(text, max(0, len(text) - ro._WANTS_FIGURE_TAIL)) is not None,
            starts_figure, starts_figure and ro._STARTS_AMOUNT_RE.match(text) is not None,
            last in ro._CLAUSE_END or (starts_para and not any(ch in text for ch in "，,。；;")),
            not starts_para and last not in ro._ENDS, starts_para,
            item_marker(text) if starts_para else None)


_LINE_PIECES = st.sampled_from(["（", "）", "(", ")", "类", "款", "项", "一般", "1、", "(二)", "12.5", "万元", "%", "，", ",",
                                "。", "；", ";", "：", "为", "占", "金额", " ", "\n", "”", "x"])


@given(st.lists(_LINE_PIECES, max_size=12).map("".join), st.booleans())
@settings(max_examples=2000, deadline=None)
def test_a_lines_features_are_as_first_written(text: str, starts_para: bool) -> None:
    import importlib

    ro = importlib.import_module("juesuan.extract.claims.reading_order")
    assert tuple(ro._features(text, starts_para)) == _features_as_written(text, starts_para)


def test_every_use_word_holds_what_screens_a_phrase_for_them() -> None:
    import importlib

    ex = importlib.import_module("juesuan.extract.claims.extraction")
    # (extraction splits a figure's phrase at _USE_WORDS only when it holds 用于 or 主要)
    assert all("用于" in word or "主要" in word for word in ex._USE_WORDS.pattern.split("|"))


# ---- statements: where a sentence's subject ends, by two patterns that can skip ahead ----------

# the subject's end as first written (statements._TRIGGER_WORDS and _TRIGGER_AMOUNT, in one)
_PLAIN_TRIGGERS = (r"(?:年初|全年|调整后)预算|预算(?:数|为|是)|(?:支出)?决算|完成|主要用于|主要原因|占|"
                   r"(?:比|较|与)\s*(?:上年|20\d\d)|\d+(?:\.\d+)?\s*(?:万元|亿元|元|%)(?!\s*(?:[(（]含[)）]|以上|以下))")
# the words, cut and whole, figures of every kind, units, thresholds and whitespace
_TRIGGER_PIECES = st.sampled_from(["年初", "全年", "调整后", "预算", "预", "算", "数", "为", "是", "支出", "支", "决算", "决",
                                   "完成", "完", "主要用于", "主要原因", "主要", "占", "比", "较", "与", "上年", "上",
                                   "20", "2024", "202", "1", "23", "4.5", ".", "١", " ", "\u3000", "\t", "万元", "亿元",
                                   "元", "%", "万", "(", "（", "含", ")", "）", "以上", "以下", "以", "x", "，", "。"])


@given(st.lists(_TRIGGER_PIECES, max_size=16).map("".join))
@example("单价100万元 (含)以上设备, 1元 以上占 2.5 % 以下")  # (amounts a threshold follows, spaced: rare draws)
@example("其中:12.5万元（含）以下支出决算与 2023年")
@settings(max_examples=2000, deadline=None)
def test_a_subjects_end_is_where_the_plain_pattern_starts(text: str) -> None:
    import re

    from juesuan.extract.claims.statements import _trigger_start

    m = re.search(_PLAIN_TRIGGERS, text)
    assert _trigger_start(text) == (m.start() if m else None)


# ---- paragraphs: what a deletion needs, screened by its characters ---------------------------

def test_every_match_of_a_deletions_need_is_one_of_its_characters() -> None:
    """A need's screen (``_Need.chars``) may reject a text only when its pattern cannot match:
    every match, found over every code point (each after a digit, for the context), is one
    character among ``chars``."""
    import re

    from juesuan.extract.claims.paragraphs import _DELETIONS_NEEDING

    every = "".join("0" + chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    needs = {dl.needs for dl in _DELETIONS_NEEDING if dl.needs is not None}
    assert needs
    for need in needs:
        found = {m.group() for m in re.finditer(need.pattern, every)}
        assert found and all(len(got) == 1 and got in need.chars for got in found), need.pattern


_UNIT_PIECES = st.sampled_from(["台", "套", "辆", "批次", "亿元", "人次", "人", "个", "元", "万元"])


@given(st.lists(_NOISY_PIECES | _UNIT_PIECES, max_size=16).map("".join))
@settings(max_examples=1500, deadline=None)
@example("1,234")
@example("，<b>")
@example("1 套")
def test_a_need_is_found_where_its_pattern_or_its_deletion_matches(text: str) -> None:
    import re

    from juesuan.extract.claims.paragraphs import _DELETIONS_NEEDING

    for dl in _DELETIONS_NEEDING:
        if dl.needs is not None:
            assert dl.needs.found(text) == (re.search(dl.needs.pattern, text) is not None)
            assert dl.needs.found(text) or dl.pattern.search(text) is None


# ---- figures: a phrase's leading and trailing junk ------------------------------------------

_JUNK_PIECES = st.sampled_from(["其中", "主要用于", "以下方面", "包括", "和", "及", "与上年相比", "2024", "年", "年度", "末",
                                "截至", "12月31日", "本部门", "共", "共计", "均", "均为", "为", "是", "达", "达到", "中",
                                "决算中", "支出决算中", "分别为", ":", "：", "1", "1、", "(一)", "（二）", "一.", " ", "\t",
                                "\u3000", "-", "*", "、", "\n", "教育支出", "x"])


@given(st.lists(_JUNK_PIECES, max_size=10).map("".join))
@settings(max_examples=2000, deadline=None)
@example("中为")
@example(" 其中 、本部门共为 \n")
@example("(一)1、 2024年度与上年相比")
def test_a_phrase_is_stripped_as_by_deleting_one_piece_at_a_time(text: str) -> None:
    import re

    from juesuan.extract.claims.figures import _LEAD_JUNK, _strip_lead

    piece = "^" + _LEAD_JUNK.pattern.removeprefix("(?:").removesuffix(")*")  # (one piece, at the start)
    plain, prev = text, None
    while prev != plain:
        prev, plain = plain, re.sub(piece, "", plain, count=1)
    assert _strip_lead(text) == plain.strip()


@given(st.lists(_JUNK_PIECES, max_size=10).map("".join))
@settings(max_examples=2000, deadline=None)
@example("中为")
@example("x均 为 \n")
@example("支出决算中分别为：")
@example("x均为")
def test_a_phrase_tail_is_stripped_as_by_deleting_one_piece_at_a_time(text: str) -> None:
    import re

    from juesuan.extract.claims.figures import _TAIL_PIECE, _strip_tail

    plain, prev = text, None
    while prev != plain:
        prev, plain = plain, re.sub(_TAIL_PIECE + "$", "", plain).strip()
    assert _strip_tail(text) == plain
