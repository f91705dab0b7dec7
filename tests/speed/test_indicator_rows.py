"""The indicator reader's per-row shortcuts (issue 15) read what the plain reader reads: the
first naming label found once for every count of values tried, and a row with no label alone
on its line not asked for the pieces of a wrapped cell. Synthetic inputs only."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.performance import indicators as ind
from juesuan.read.types import Line
from juesuan.textnorm import norm

# label and value cells: level names, captions, points, names, qualitative targets, figures
_TEXTS = st.sampled_from(["产出指标", "数量指标", "社会效益", "指标", "年度绩效目标", "(20分)", "（10）", "绩效指标",
                          "培训人数", "办结率", "高素质人才", "管理规范", "明显", "合格", "≥95%", "95%", "100", "3.5",
                          "300人", "300-400人", "=", "≤", "元/人/月", "全部或基本达成预期", " 办结率 ", "2024年", "人"])
_SCHEME = st.builds(ind.Scheme, cmp=st.booleans(), completion=st.booleans(), weight=st.booleans(),
                    deviation_rate=st.booleans())
_LINE = Line(no=1, text="")


def _frags(texts: list[str], alone: list[bool] | None = None) -> list[ind.Frag]:
    return [ind.Frag(t, _LINE, bool(alone and alone[i % len(alone)])) for i, t in enumerate(texts)]


def _split_values_as_it_was(frags: list[ind.Frag], sc: ind.Scheme,
                            widths: ind._Widths | None = None) -> tuple[list[ind.Frag], list[str]]:
    """``_split_values`` as it was: every count of values tried asked again whether a label
    before them names something."""
    if sc.cmp:
        for k in range(len(frags) - 1, -1, -1):
            if ind.comparator_only(frags[k].text):
                vals = [f.text for f in frags[k + 1:]]
                return frags[:k], [frags[k].text] + vals
    n = 2 if len(frags) >= 3 or sc.cmp else min(2, len(frags) - 1)
    if sc.cmp and len(frags) >= 2 and ind._is_grade_phrase(frags[-1].text):
        widths = widths or ind._Widths()
        k = ind._target_start(frags, len(frags) - 2, ind._Widths.usual(widths.name), ind._Widths.usual(widths.target))
        ind._Widths.learn(widths.target, frags[k:-1])
        return frags[:k], ["", "".join(f.text for f in frags[k:-1]), "", frags[-1].text]
    n = max(n, 0)
    if sc.weight and len(frags) >= 4 and ind.measured(frags[-1].text) and ind.measured(frags[-2].text) \
            and not ind.measured(frags[-3].text) and not ind._NAME_END.search(norm(frags[-3].text)) \
            and any(ind._label(f.text).names for f in frags[:-3]):
        n = 3
    while n > 0 and not any(ind._label(f.text).names for f in frags[:len(frags) - n]):
        n -= 1
    return frags[:len(frags) - n], [""] + [f.text for f in frags[len(frags) - n:]]


@given(st.lists(_TEXTS, max_size=7), _SCHEME)
@settings(max_examples=100)
def test_split_values_reads_as_it_did(texts: list[str], sc: ind.Scheme) -> None:
    frags = _frags(texts)
    assert ind._split_values(frags, sc) == _split_values_as_it_was(frags, sc)


@given(st.lists(_TEXTS, max_size=7), _SCHEME, st.sampled_from(["", "产出指标"]))
@settings(max_examples=100)
def test_a_row_without_a_label_alone_on_its_line_has_no_wrapped_piece(texts: list[str], sc: ind.Scheme,
                                                                     above: str) -> None:
    """What the reader skips for such a row finds nothing there: no value in pieces to join or
    doubt, no name width to learn, no wrapped label to join."""
    frags = _frags(texts)
    assert ind.rejoin_values(frags) == frags
    assert len(frags) < 3 or not (ind._continues_value(frags[-2], frags[-1])
                                  or ind._continues_value(frags[-3], frags[-2]))
    reader = ind.IndicatorReader(sc, "t")
    reader._learn_name_width(frags)
    assert reader.widths == ind._Widths()
    assert ind._levels(frags, sc, above, wrapped=False) == ind._levels(frags, sc, above)


def test_the_reader_marks_a_label_alone_on_its_line() -> None:
    reader = ind.IndicatorReader(ind.Scheme(), "t")
    reader._text_only(["产出指标", "培训人数"], _LINE)
    assert not reader.wrapped
    reader._text_only(["培训人"], _LINE)
    assert reader.wrapped and reader.pending[-1].alone
    reader._row([], ["5", "5"], [], _LINE)
    assert not reader.wrapped and not reader.pending
