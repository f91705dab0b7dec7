"""Glyph helpers of the layout (``read.layout.glyphs``): repeats and blanks dropped, text
joined, coordinates rounded — on made-up glyphs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juesuan.read.layout import Glyph, join_glyphs
from juesuan.read.layout.glyphs import dedupe, round1, round2


def _g(text: str, x0: float, base: float = 100.0, size: float = 10.0, space_before: bool = False) -> Glyph:
    return Glyph(text, x0, x0 + 0.5 * size, base - 0.8 * size, base + 0.2 * size, base, size, space_before)


def test_dedupe_keeps_a_page_without_repeats_whole_and_in_order():
    gs = [_g(t, 10.0 * i) for i, t in enumerate("合计123.45")]
    out = dedupe(gs)
    assert out == gs and out is not gs


def test_dedupe_drops_fake_bold_and_blanks():
    """A run drawn twice a hair apart (fake bold) keeps its first drawing; blank glyphs go;
    the same character elsewhere on the line stays."""
    first = [_g(t, 10.0 * i) for i, t in enumerate("收入12")]
    again = [_g(t, 10.0 * i + 0.3) for i, t in enumerate("收入12")]
    blanks = [_g(" ", 45.0), _g("", 46.0), _g("\u3000", 47.0)]
    far = _g("1", 80.0)
    out = dedupe(first + blanks + again + [far])
    assert out == first + [far]


@given(st.lists(st.tuples(st.sampled_from(["1", "2", "合", " ", ""]), st.integers(0, 6), st.integers(0, 3)), max_size=30))
def test_dedupe_is_the_plain_first_seen_filter(spec):
    gs = [_g(t, x * 0.6, 100.0 + b * 0.7) for t, x, b in spec]
    seen, want = set(), []
    for g in gs:
        key = (g.text, round(g.x0), round(g.base))
        if g.text and not g.text.isspace() and key not in seen:
            seen.add(key)
            want.append(g)
    assert dedupe(gs) == want


@pytest.mark.parametrize("v", [0.005, 0.015, 2.675, 1.0049999, 123.455, -3.14159, 7, 1e-9, 1e300])
def test_remembered_rounding_is_round(v):
    for _ in range(2):  # the second time from memory
        assert round2(v) == round(v, 2) and type(round2(v)) is type(round(v, 2))
        assert round1(v) == round(v, 1) and type(round1(v)) is type(round(v, 1))


def test_join_glyphs_touching_and_spaced():
    """Touching glyphs join without a space, even after a typed blank; a typed blank over a
    gap, or a wide gap between Latin glyphs, gives one; inside a cell Chinese characters
    spread apart still join."""
    a = _g("1", 0.0)
    assert join_glyphs([a, _g("2", 5.0)]) == "12"
    assert join_glyphs([a, _g("2", 5.0, space_before=True)]) == "12"
    assert join_glyphs([a, _g("2", 7.0)]) == "12"
    assert join_glyphs([a, _g("2", 7.0, space_before=True)]) == "1 2"
    assert join_glyphs([a, _g("2", 9.0)]) == "1 2"
    assert join_glyphs([_g("合", 0.0), _g("计", 30.0)], in_cell=True) == "合计"


@given(st.lists(st.tuples(st.sampled_from(["1", "合", ".", "计", "—"]), st.floats(0.0, 40.0), st.sampled_from([5.0, 9.0, 10.5, 12.0])),
                min_size=1, max_size=25))
def test_wide_runs_merged_from_runs_are_the_wide_split(spec):
    """A prose line's coarse chunks, merged from its runs, are those of splitting the line
    at wide gaps directly."""
    from juesuan.read.layout.prose import RUN_GAP_WIDE, _chunk_of, _coarse, _runs

    x, line = 0.0, []
    for text, gap, size in spec:
        g = _g(text, x + gap, size=size)
        line.append(g)
        x = g.x1
    runs = _runs(line)
    got = _coarse(runs, [_chunk_of(r) for r in runs])
    assert got == [c for c in (_chunk_of(r) for r in _runs(line, RUN_GAP_WIDE)) if c.text]


@given(st.lists(st.tuples(st.sampled_from(["1", "合", ".", "计"]), st.floats(0.0, 60.0), st.sampled_from([5.0, 9.0, 12.0]),
                          st.sampled_from([100.0, 100.0, 100.0, 102.5, float("nan")])), min_size=1, max_size=20))
def test_one_baseline_is_cluster_baselines_on_a_single_baseline(spec):
    """A cell's glyphs on one baseline (to the bit) are the one line cluster_baselines makes of
    them, the same glyphs in the same order (ties in x kept in their given order); on
    several baselines, or a baseline that is not a number, there is no shortcut."""
    from juesuan.read.layout.glyphs import cluster_baselines, one_baseline

    gs = [_g(t, round(x), base, size) for t, x, size, base in spec]  # rounded x: ties happen
    got = one_baseline(gs)
    lines = cluster_baselines(gs)
    bases = {g.base for g in gs}
    if len(bases) == 1 and all(b == b for b in bases):  # one baseline, a number
        assert len(lines) == 1 and [id(g) for g in got] == [id(g) for g in lines[0]]
    else:
        assert got is None


@given(st.lists(st.tuples(st.floats(-2.0, 30.0), st.sampled_from([0.5, 1.0, 5.0, 9.0, float("nan")])), min_size=1, max_size=25))
def test_runs_split_where_the_gap_is_wider_than_run_gap_sizes(spec):
    """A prose line splits into runs exactly where a gap exceeds RUN_GAP times the smaller
    neighbour's size (at least 1 pt), small sizes and sizes that are not numbers included."""
    from juesuan.read.layout.prose import RUN_GAP, _runs

    x, line = 0.0, []
    for gap, size in spec:
        g = Glyph("1", x + gap, x + gap + 3.0, 90.0, 102.0, 100.0, size)
        line.append(g)
        x = g.x1
    runs = _runs(line)
    assert [g for r in runs for g in r] == line
    starts = {id(r[0]) for r in runs[1:]}
    for a, b in zip(line, line[1:]):
        assert (id(b) in starts) == (b.x0 - a.x1 > RUN_GAP * max(min(a.size, b.size), 1.0))


@given(st.lists(st.one_of(st.floats(-1e6, 1e6), st.sampled_from([0.5, 1.5, 2.5, -0.5, -2.5, -0.0]), st.integers(-5, 5)), max_size=20))
def test_dedupe_rounds_coordinates_as_round_does(values):
    """The keys' rounding (float.__round__ when every value is a float) is ``round``: halves
    to even, ints (OCR boxes) as they are."""
    from juesuan.read.layout.glyphs import _rounded

    assert _rounded(values) == [round(v) for v in values]
