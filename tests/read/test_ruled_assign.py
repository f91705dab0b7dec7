"""Glyphs to the cells of a ruled table (``layout.ruled._assign``) as a plain scan assigns them.

``_assign`` lists, once per table, the spans each grid position can find its glyphs in; the
plain scan below goes through every span for every glyph, keeping those covering the glyph's
grid position or one next to it, first containing one winning. They must agree on every
glyph, whatever the grid, the spans' boxes (off the grid lines by up to the clustering
tolerance and more, overlapping, spanning rows and columns) and the glyphs (on grid lines, on
box edges, outside the grid).
"""

from __future__ import annotations

import bisect

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.read.layout import Glyph
from juesuan.read.layout.ruled import _assign


def plain_assign(spans, xs, ys, glyphs):
    """Each glyph to the first span, in ``spans`` order, among those covering its grid
    position or one next to it, whose box widened by 0.5 pt contains its centre."""
    cell_glyphs: dict[tuple[int, int], list[Glyph]] = {}
    used: set[int] = set()
    for g in glyphs:
        x, y = g.xc, g.yc
        if not (xs[0] - 0.5 <= x <= xs[-1] + 0.5 and ys[0] - 0.5 <= y <= ys[-1] + 0.5):
            continue
        r, c = bisect.bisect_right(ys, y) - 1, bisect.bisect_right(xs, x) - 1
        for r0, c0, r1, c1, bb in spans:
            if not (r0 - 1 <= r <= r1 and c0 - 1 <= c <= c1):  # covers no position of the 3×3 block
                continue
            if bb[0] - 0.5 <= x <= bb[2] + 0.5 and bb[1] - 0.5 <= y <= bb[3] + 0.5:
                cell_glyphs.setdefault((r0, c0), []).append(g)
                used.add(id(g))
                break
    return cell_glyphs, used


_JITTER = st.sampled_from([0.0, 0.0, 0.3, -0.3, 0.5, -0.5, 0.7, -0.7, -1.4, 2.5])


@st.composite
def tables(draw):
    xs = sorted(set(draw(st.lists(st.sampled_from([0.0, 10.0, 12.0, 30.0, 31.5, 55.0, 80.0, 81.0]), min_size=2, max_size=6))))
    ys = sorted(set(draw(st.lists(st.sampled_from([0.0, 8.0, 9.5, 20.0, 32.0, 33.0, 50.0]), min_size=2, max_size=6))))
    if len(xs) < 2 or len(ys) < 2:
        xs, ys = [0.0, 10.0], [0.0, 8.0]
    spans = []
    for _ in range(draw(st.integers(1, 12))):
        r0 = draw(st.integers(0, len(ys) - 2))
        c0 = draw(st.integers(0, len(xs) - 2))
        r1 = draw(st.integers(r0 + 1, len(ys) - 1))
        c1 = draw(st.integers(c0 + 1, len(xs) - 1))
        bb = (xs[c0] + draw(_JITTER), ys[r0] + draw(_JITTER), xs[c1] + draw(_JITTER), ys[r1] + draw(_JITTER))
        spans.append((r0, c0, r1, c1, bb))
    # glyph centres on grid lines, next to them, on the boxes' widened edges, inside; often a
    # cell's middle first (where the answer is sure) and then a point near its edge
    marks = sorted({v + d for v in xs for d in (0.0, 0.5, -0.5, 0.2, -0.2, 1.0, -1.0, 2.0, -3.0)}
                   | {e for *_, bb in spans for e in (bb[0] - 0.5, bb[2] + 0.5)})
    levels = sorted({v + d for v in ys for d in (0.0, 0.5, -0.5, 0.2, -0.2, 1.0, -1.0, 2.0, -3.0)}
                    | {e for *_, bb in spans for e in (bb[1] - 0.5, bb[3] + 0.5)})
    middles = [((xs[c] + xs[c + 1]) / 2, (ys[r] + ys[r + 1]) / 2) for r in range(len(ys) - 1) for c in range(len(xs) - 1)]
    glyphs = []
    for _ in range(draw(st.integers(0, 60))):
        if draw(st.booleans()):
            x, y = draw(st.sampled_from(middles))
        else:
            x = draw(st.sampled_from(marks) | st.floats(-5, 90))
            y = draw(st.sampled_from(levels) | st.floats(-5, 60))
        glyphs.append(Glyph("字", x, x, y, y, y, 0.0))  # centre (x, y) to the bit
    return spans, xs, ys, glyphs


@settings(max_examples=400, deadline=None)
@given(tables())
def test_assign_as_the_plain_scan(table):
    spans, xs, ys, glyphs = table
    got, got_used = _assign(spans, xs, ys, glyphs)
    want, want_used = plain_assign(spans, xs, ys, glyphs)
    assert got_used == want_used
    assert {k: [id(g) for g in v] for k, v in got.items()} == {k: [id(g) for g in v] for k, v in want.items()}


def test_a_glyph_on_the_next_grid_line_is_looked_up_afresh():
    """A glyph on the grid line that ends the last glyph's cell belongs to the next position
    (a cell is ``lo <= v < hi``), whose spans differ: a narrow column's box drawn short of its
    left line reaches over the line before it, and comes first; so does a short row's."""
    xs, ys = [0.0, 10.0, 11.5, 30.0], [0.0, 10.0, 11.0, 20.0]
    narrow = (0, 2, 1, 3, (11.5 - 1.4, 0.0, 30.0, 10.0))
    low = (2, 0, 3, 1, (0.0, 11.0 - 1.4, 10.0, 20.0))  # a row's box drawn above its top line, likewise
    spans = [narrow, low, (0, 0, 1, 1, (0.0, 0.0, 10.0, 10.0)), (0, 1, 1, 2, (10.0, 0.0, 11.5, 10.0)),
             (1, 0, 2, 1, (0.0, 10.0, 10.0, 11.0))]
    points = [(5.0, 5.0), (10.0, 5.0), (5.0, 5.0), (5.0, 10.0)]
    glyphs = [Glyph("字", x, x, y, y, y, 0.0) for x, y in points]
    got, used = _assign(spans, xs, ys, glyphs)
    assert (got, used) == plain_assign(spans, xs, ys, glyphs)
    assert {k: len(v) for k, v in got.items()} == {(0, 0): 2, (0, 2): 1, (2, 0): 1}
