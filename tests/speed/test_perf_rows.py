"""The first-read shortcuts of a self-evaluation table's rows (issue 15): a blank line's row made
without a call, and the goal reader asking a row's cells only when it has two, give what the
plain readers give. Synthetic inputs only."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.performance import attachment, common, detail, percell
from juesuan.memo import uncached
from juesuan.model import PerformanceItem
from juesuan.read.types import Chunk, Line
from juesuan.textnorm import norm

# pieces of form lines: what cleaning deletes (markup, '$', commas, whitespace of every kind),
# figures and their points, ideographs and compatibility forms that normalise to them, the goal
# captions, ASCII and full-width signs
_PIECES = st.sampled_from(["0", "7", "12", ".", ",", " ", "\t", "\u3000", "\u00a0", "<u>", "</u>", "<", "*", "**", "$",
                           "%", "-", "人", "项目", "目标", "年度目标", "预期目标", "实际完成情况", "⼈", "（", "(", ")", "a",
                           "１", "²", "\u0301", "“", "”"])
_TEXT = st.lists(_PIECES, max_size=8).map("".join)


def _line(no: int, text: str, shape: str | None, other: str = "") -> Line:
    """A line of one text (no chunk, or one), of two cells, or blank (text '' and no chunk)."""
    if shape == "blank":
        return Line(no=no, text="", chunks=[])
    chunks = None if shape is None else [text] if shape == "one" else [text, other]
    joined = text if chunks is None or len(chunks) == 1 else "\t".join(chunks)
    return Line(no=no, text=joined, chunks=[Chunk(c) for c in chunks] if chunks else [])


_LINE = st.builds(_line, st.integers(1, 9), _TEXT, st.sampled_from([None, "one", "two", "blank"]), _TEXT)


def _fields(r: common.Row) -> tuple[object, ...]:
    return r.line, r.text, r.count, r.lead, r.cells, r.toks, r.ntoks, r.words


def _plain_fields(ln: Line) -> tuple[object, ...]:
    """A row's fields as cleaning and normalising every cell gives them."""
    texts = tuple(c.text for c in ln.chunks) if ln.chunks else (ln.text,)
    cells, toks = uncached(common._cells_toks)(texts)
    lead = None if len(ln.chunks) > 1 else toks[0][:1] if toks else ""
    return (ln, norm(ln.text), len(toks), lead, cells, toks, tuple(map(norm, toks)),
            uncached(common.text_words)(ln.text))


@given(st.lists(_LINE, max_size=6))
@settings(max_examples=1500)
def test_the_rows_of_lines_are_their_cleaned_and_normalised_cells(lines: list[Line]) -> None:
    """``rows_of`` (blank lines' rows made without a call) and ``Row`` (blank ones too) give
    every field as the plain reading does."""
    for r, ln in zip(common.rows_of(lines), lines, strict=True):
        assert r.line is ln
        want = _plain_fields(ln)
        lead = r.lead
        assert r.ntoks == want[6]
        if lead is not None or r.count != 1:  # (a line of one text may know its first cell's first character only)
            assert lead == want[3]
        assert _fields(r)[:3] == want[:3] and _fields(r)[4:] == want[4:]
        assert _fields(common.Row(ln))[4:] == want[4:]


def test_a_blank_rows_fields() -> None:
    ln = Line(no=7, text="", chunks=[])
    for r in (common.rows_of([ln])[0], common.Row(ln)):
        assert type(r) is common.Row and r.line is ln
        assert _fields(r) == (ln, "", 0, "", ("",), (), (), ())


def _goals_plain(item: PerformanceItem, rows: list[common.Row]) -> None:
    """``detail._goals`` as it was: every row's cells asked (and cleaned)."""
    start = next((i for i, r in enumerate(rows) if detail._GOAL_HEAD.match(r.text)), None)
    if start is None:
        return
    paras: list[list[str]] = [[]]
    body = [r for r in rows[start + 1:] if r.line.text.strip() and not r.line.marker]
    two = len(rows[start].line.chunks) <= 1 and detail._TWO_COLUMNS.search(rows[start].text) is not None \
        and len(body) == 1
    for r in rows[start + 1:]:
        if r.line.marker:
            continue
        toks: tuple[str, ...] | list[str] = r.toks
        ntoks = r.ntoks
        if two and len(toks) == 1 and len(r.line.text.split()) == 2:
            toks = r.line.text.split()
            ntoks = tuple([norm(c) for c in toks])
        words = "".join(ntoks)
        if not toks:
            if paras[-1]:
                paras.append([])
            continue
        if words in ("目标", "年度目标") or detail._GOAL_CAPTIONS.fullmatch(words):
            continue
        if len(toks) >= 2:
            item.objective = item.objective or (ntoks[-2] if len(toks) > 2 and detail._caption(toks[0]) else ntoks[0])
            item.achieved = item.achieved or ntoks[-1]
            return
        paras[-1].append(ntoks[0])
    paras = [p for p in paras if p]
    if paras:
        item.objective = "".join(paras[0])
        item.achieved = "".join(x for p in paras[1:] for x in p)


_HEADERS = st.sampled_from(["年度总体目标", "年度总体目标 预期目标 实际完成情况", "年度目标", "项目名称"])


@given(_HEADERS, st.sampled_from([None, "one", "two"]), st.lists(st.tuples(_LINE, st.booleans()), max_size=6))
@settings(max_examples=1500)
def test_the_goals_are_what_asking_every_rows_cells_finds(header: str, shape: str | None,
                                                          body: list[tuple[Line, bool]]) -> None:
    lines = [_line(1, header, shape, "实际完成情况")] + [
        Line(no=ln.no, text=ln.text, chunks=ln.chunks, marker="page_number" if marker else "") for ln, marker in body]
    ours, plain = PerformanceItem(name="项目"), PerformanceItem(name="项目")
    detail._goals(ours, common.rows_of(lines))
    _goals_plain(plain, common.rows_of(lines))
    assert (ours.objective, ours.achieved) == (plain.objective, plain.achieved)


@given(st.lists(_LINE, max_size=6))
@settings(max_examples=1000)
def test_the_lines_keys_are_their_rows_texts_or_the_cached_keys(lines: list[Line]) -> None:
    """``line_keys`` (a row's normalised text for a line without a noise mark) gives what
    ``_line_key`` gives each line."""
    assert attachment.line_keys(common.rows_of(lines)) == [uncached(attachment._line_key)(ln.text) for ln in lines]


def _cell_per_line_plain(rows: list[common.Row]) -> bool:
    """``percell.maybe_cell_per_line`` as first written: a loop over the non-blank rows."""
    prev = ""
    for r in rows:
        if not r.text:
            continue
        if r.text == "三级指标" and prev == "二级指标":
            return True
        prev = r.text
    return False


_LEVEL_TEXT = st.sampled_from(["二级指标", "三级指标", "一级指标", "二级指标三级指标", "三级指标 ", " 二级指标", "", " ", "指标"])


@given(st.lists(st.tuples(_LEVEL_TEXT, st.sampled_from([None, "one", "two", "blank"])), max_size=8))
@settings(max_examples=500)
def test_a_form_printed_one_cell_a_line_is_found_as_the_plain_loop_finds_it(
        texts: list[tuple[str, str | None]]) -> None:
    rows = common.rows_of([_line(k, t, shape, "三级指标") for k, (t, shape) in enumerate(texts, 1)])
    assert percell.maybe_cell_per_line(rows) == _cell_per_line_plain(rows)
