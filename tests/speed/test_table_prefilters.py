"""The table stages' shortcuts (extract.economic, extract.records, extract.status, locate) give the
plain answers: a screen never rejects what the check it guards accepts. Synthetic inputs only."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.document import _EMPTY_RE, _EMPTY_WORDS
from juesuan.extract.economic import _CODE_LINE_RE, _ECONOMIC_CODE, _ONE_CODE_RE, _code_line
from juesuan.extract.grid import is_amount
from juesuan.extract.records import ECON_CODE_FIRST, ECON_CODE_RE, flat_tokens


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.from_regex(ECON_CODE_RE.pattern, fullmatch=True),
                 st.from_regex(_ECONOMIC_CODE.pattern, fullmatch=True)))
def test_every_economic_code_token_opens_with_the_character_flat_triples_screens_for(token: str) -> None:
    assert ECON_CODE_RE.match(token) or _ECONOMIC_CODE.fullmatch(token)
    assert token[0] == ECON_CODE_FIRST


# digits of several scripts (\d matches them all), and what else a token of T06 holds
_TOKEN_PIECES = st.sampled_from(["3", "30", "301", "3010", "2", "1", "0", "9", "３", "٣", "३", "01", "02", "99",
                                 "工资", ".", ",", "1,234.56", "-", " ", "\n"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_TOKEN_PIECES, max_size=5).map("".join))
def test_a_token_not_opening_with_the_screened_character_is_no_economic_code(token: str) -> None:
    if not token or token[0] != ECON_CODE_FIRST:
        assert not ECON_CODE_RE.match(token) and not _ECONOMIC_CODE.fullmatch(token)


@settings(max_examples=800, deadline=None)
@given(st.one_of(st.from_regex(_CODE_LINE_RE.pattern, fullmatch=True), st.from_regex(_ONE_CODE_RE.pattern, fullmatch=True)))
def test_a_code_line_opens_with_the_character_its_first_token_is_screened_for(text: str) -> None:
    # (_code_line asks the patterns of its tokens joined, the first one first)
    assert _CODE_LINE_RE.match(text) or _ONE_CODE_RE.match(text)
    assert text[0] == ECON_CODE_FIRST


_LINE_PIECES = st.sampled_from(["301", "302", "3", "30", "01", "1", "2,082.85", "171.07", "-", "工资福利支出", "因公出国",
                                "(", "境", ")", "费", "３01", " ", "  ", "\t", "人员经费合计"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_LINE_PIECES, max_size=10).map("".join), st.booleans())
def test_the_code_line_screen_rejects_only_what_the_patterns_reject(text: str, single: bool) -> None:
    from juesuan.read.types import Chunk, Line

    ln = Line(1, text, [Chunk(text)])
    got = _code_line(ln, single)
    toks = flat_tokens(ln)
    if not toks or toks[0][0] != ECON_CODE_FIRST:
        assert got is None
        # the plain test: the tokens merged as _code_line merges them, asked of both patterns
        merged: list[str] = []
        for t in toks:
            if merged and not t.isdigit() and not merged[-1].isdigit() and not is_amount(t) and not is_amount(merged[-1]):
                merged[-1] += t
            else:
                merged.append(t)
        assert not _CODE_LINE_RE.match(" ".join(merged)) and not _ONE_CODE_RE.match(" ".join(merged))


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["", "表", "收入决算表", "部门收支决算总表", "2,995.39", "\t", "x", "表表", "（续）", "麦",
                                 "表 x 表", "\x00", "表\x00", "x\x00表"]), max_size=12))
def test_the_lines_holding_biao_are_those_a_loop_finds(texts: list[str]) -> None:
    # (the lines are scanned joined by LINE_JOINER, \x00: a line holding it is asked alone)
    from juesuan.locate.tables import _biao
    from juesuan.read.types import Chunk, Line, Source

    lines = [Line(k, t, [Chunk(t)]) for k, t in enumerate(texts, 1)]
    src = Source(path="made-up.txt", format="text", lines=lines)
    assert _biao(src) == [i for i, ln in enumerate(lines) if "表" in ln.text]
    # asked again of lines changed in between (new line objects, as a pass that changes one
    # makes): the joined text is made again, not the one the first question made
    src.lines[:] = [Line(ln.no, ln.text + "表", [Chunk(ln.text + "表")]) for ln in lines[::2]]
    assert _biao(src) == [i for i, ln in enumerate(src.lines) if "表" in ln.text]


@settings(max_examples=1000, deadline=None)
@given(st.from_regex(_EMPTY_RE.pattern))
def test_a_text_the_empty_statement_pattern_finds_holds_a_word_it_is_screened_for(text: str) -> None:
    assert _EMPTY_RE.search(text)
    assert any(w in text for w in _EMPTY_WORDS)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["本表", "无", "数据", "没", "有", "本部门", "2024年度", "收支", "。", "本单位", "我部门", "x",
                                 "本表反映"]), max_size=8).map("".join))
def test_the_empty_statement_screen_rejects_only_what_the_pattern_rejects(text: str) -> None:
    if not any(w in text for w in _EMPTY_WORDS):
        assert not _EMPTY_RE.search(text)



# ---- the table status's identities, by table ---------------------------------------------------

_KEYS = st.tuples(st.sampled_from(["T02", "T03", "T05"]), st.sampled_from(["合计", "201", "20101", "2010101"]),
                  st.sampled_from(["合计", "基本支出", "项目支出"]))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_KEYS, st.lists(_KEYS, max_size=4)), max_size=12), st.sampled_from(["T02", "T03", "T05"]))
def test_a_tables_identities_are_those_whose_every_cell_it_holds(pairs, tid: str) -> None:
    from juesuan.repair.identities import Identity, by_table

    idents = [Identity(total, tuple(parts), "X") for total, parts in pairs]
    plain = [i for i in idents if i.total[0] == tid and all(k[0] == tid for k in i.parts)]
    assert by_table(idents).get(tid, []) == plain


_VALUES = st.sampled_from([D("1.00"), D("2.00"), D("3.00"), D("0.00"), D("1.004"), D("-1.00")])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, max_size=20), st.lists(st.tuples(_KEYS, st.lists(_KEYS, max_size=4)), max_size=12),
       st.sampled_from(["T02", "T03", "T05"]))
def test_a_tables_identity_verdicts_are_those_of_its_plain_scan(cells, pairs, tid: str) -> None:
    from juesuan.extract.status import identity_verdicts
    from juesuan.model import Cell, Disclosure, Table
    from juesuan.money import tolerance
    from juesuan.repair.identities import Identity, by_table

    doc = Disclosure(tables={t: Table(id=t) for t in ("T02", "T03", "T05")})
    for (t, row, col), v in cells.items():
        doc.tables[t].cells.append(Cell(table=t, row=row, column=col, value=v))
    idents = [Identity(total, tuple(parts), "X") for total, parts in pairs]
    # the scan as first written: every identity of the document asked whether it lies in tid
    values = {c.key: c.value for c in doc.tables[tid].cells}
    gaps, checkable = [], 0
    for i in idents:
        if i.total[0] != tid or any(k[0] != tid for k in i.parts) or i.total not in values:
            continue
        present = [values[k] for k in i.parts if k in values]
        if present:
            checkable += 1
            gap = values[i.total] - sum(present, D(0))
            if abs(gap) > tolerance(len(present)):
                gaps.append((gap, len(present)))
    verdicts = identity_verdicts(doc, tid, by_table(idents).get(tid, []))
    assert (verdicts.gaps, verdicts.checkable) == (gaps, checkable)
