"""Our ruled-table finder (``read.layout.grid``) gives exactly the cells of pdfplumber's
table finder, which the reader used before: on every page of the real samples, of a PDF
juesuan's writer prints (two layout variants too), and on generated grids with jittered,
broken and duplicated rulings. pdfplumber stays a dependency (the fallback parser), so it
serves as the oracle here."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.read.layout import Edge, find_tables
from juesuan.read.pdfium_page import page_edges

from .helpers import SAMPLE_2024, SAMPLE_PLANTED, SAMPLE_TEMPLATE, sample_path


def plumber_tables(edges: list[Edge], tol: float = 3.0, min_len: float = 3.0):
    """The finder as it was: pdfplumber's merge → intersections → cells → tables."""
    from pdfplumber import table as pt

    objs = []
    for e in edges:
        if e.orientation == "h" and e.x1 - e.x0 >= min_len:
            y = (e.top + e.bottom) / 2
            objs.append({"orientation": "h", "x0": e.x0, "x1": e.x1, "top": y, "bottom": y, "width": e.x1 - e.x0, "height": 0})
        elif e.orientation == "v" and e.bottom - e.top >= min_len:
            x = (e.x0 + e.x1) / 2
            objs.append({"orientation": "v", "x0": x, "x1": x, "top": e.top, "bottom": e.bottom, "width": 0, "height": e.bottom - e.top})
    nv = sum(1 for o in objs if o["orientation"] == "v")
    if not objs or nv == 0 or nv == len(objs):
        return []
    merged = pt.merge_edges(objs, tol, tol, tol, tol)
    inter = pt.edges_to_intersections(merged, 1, 1)
    return pt.cells_to_tables(pt.intersections_to_cells(inter))


def _pdf_pages(data: bytes):
    doc = pdfium.PdfDocument(data)
    try:
        for i in range(len(doc)):
            page = doc[i]
            yield i + 1, page_edges(page, page.get_size()[1])
            page.close()
    finally:
        doc.close()


@pytest.mark.parametrize("name", [SAMPLE_2024, SAMPLE_PLANTED, SAMPLE_TEMPLATE])
def test_same_cells_as_pdfplumber_on_samples(name):
    pages = list(_pdf_pages(sample_path(name).read_bytes()))
    assert sum(bool(find_tables(e)) for _, e in pages) >= 9  # the nine tables are ruled
    assert [p for p, e in pages if find_tables(e) != plumber_tables(e)] == []


def test_same_cells_as_pdfplumber_on_layout_variants():
    from juesuan.render import render_bytes
    from juesuan.render.variants import Variant
    from juesuan.synth import generate

    dep = generate()[0]
    y, prev = dep.years[-1], dep.years[-2]
    for v in (Variant(), Variant(style="shanghai", stacked=True, t09="vertical", split_codes=True),
              Variant(lineno=False, t09="paired", t06_groups=2, page_rows=7, wrap=6)):
        data = render_bytes(y.disclosure, "pdf", prev.disclosure, y.supplement, v)
        pages = list(_pdf_pages(data))
        assert any(find_tables(e) for _, e in pages)
        assert [p for p, e in pages if find_tables(e) != plumber_tables(e)] == [], v


@st.composite
def ruled_pages(draw) -> list[Edge]:
    """One or two grids with jittered positions, gaps, duplicated and stray segments."""
    edges: list[Edge] = []
    jit = st.floats(-2.5, 2.5, allow_nan=False)
    for _ in range(draw(st.integers(1, 2))):
        x0, y0 = draw(st.floats(0, 300)), draw(st.floats(0, 400))
        xs = [x0]
        for _ in range(draw(st.integers(1, 6))):
            xs.append(xs[-1] + draw(st.floats(4, 80)))
        ys = [y0]
        for _ in range(draw(st.integers(1, 8))):
            ys.append(ys[-1] + draw(st.floats(4, 30)))
        for y in ys:
            if draw(st.booleans()) or y in (ys[0], ys[-1]):  # whole rule, or cell by cell
                edges.append(Edge("h", xs[0] + draw(jit), xs[-1] + draw(jit), y + draw(jit), y))
            else:
                for a, b in zip(xs, xs[1:]):
                    if draw(st.integers(0, 5)):  # now and then a missing piece
                        edges.append(Edge("h", a + draw(jit), b + draw(jit), y + draw(jit), y))
        for x in xs:
            for a, b in zip(ys, ys[1:]):
                if draw(st.integers(0, 6)):
                    xx = x + draw(jit)
                    edges.append(Edge("v", xx, xx, a + draw(jit), b + draw(jit)))
    for _ in range(draw(st.integers(0, 4))):  # strays: short ticks, a duplicated rule
        k = draw(st.integers(0, len(edges) - 1))
        edges.append(edges[k])
    return edges


@settings(max_examples=150, deadline=None)
@given(ruled_pages())
def test_same_cells_as_pdfplumber_on_generated_grids(edges):
    assert find_tables(edges) == plumber_tables(edges)


def test_no_table_without_both_orientations():
    assert find_tables([Edge("h", 0, 100, 10, 10), Edge("h", 0, 100, 30, 30)]) == []
    assert find_tables([Edge("v", 10, 10, 0, 100)]) == []


@given(st.lists(st.one_of(st.floats(0.0, 60.0), st.sampled_from([10.0, 11.5, 13.0, 13.01, 40.0])), max_size=40))
def test_grid_lines_are_the_means_of_chains_of_close_values(vals):
    """ruled.cluster_values: sorted values, a new group wherever the next one is more than 1.5
    from the last, each group's mean (summed in sorted order, as a plain loop would)."""
    from juesuan.read.layout.ruled import cluster_values

    groups: list[list[float]] = []
    for v in sorted(vals):
        if groups and v - groups[-1][-1] <= 1.5:
            groups[-1].append(v)
        else:
            groups.append([v])
    assert cluster_values(vals, 1.5) == [sum(g) / len(g) for g in groups]
