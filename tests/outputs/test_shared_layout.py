"""One description of the nine tables (render/layout.py) drawn by both the writer and the HTML
audit report: every amount the report draws is a slot of the writer's grid, a finding's cells
are highlighted where the writer prints them, and codes outside the form's fixed lists are
drawn by both, never dropped."""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan.glossary import TABLE_IDS
from juesuan.model import Cell
from juesuan.render.layout import table_layout
from juesuan.render.perf_layout import perf_layout
from juesuan.render.perf_variants import detect
from juesuan.report import audit
from juesuan.report.html import render_html

from .helpers import broken, sample


def _num_cells(html: str) -> list[tuple[str, str]]:
    """(id, text) of every amount cell the report draws."""
    return re.findall(r'<td id="(c\d+)" class="num[^"]*"[^>]*>([^<]*)</td>', html)


def test_every_model_cell_is_drawn_once_in_its_layout_slot():
    d = sample()
    for tid in TABLE_IDS:
        lay = table_layout(d, tid)
        drawn = list(lay.keys.values())
        assert len(drawn) == len(set(drawn)), f"{tid}: a cell drawn twice"
        for c in d.tables[tid].cells:
            assert (tid, c.row, c.column) in drawn, f"{tid} {c.row}/{c.column} not drawn"
        for (i, j), (_, row, col) in lay.keys.items():
            v = lay.body[i][j]
            assert v == d.value(tid, row, col)


def test_report_draws_the_writers_grid():
    d = sample()
    html = render_html(audit(d))
    cells = _num_cells(html)
    n_slots = sum(len(table_layout(d, tid).keys) for tid in TABLE_IDS if d.tables[tid].present or d.tables[tid].cells)
    n_slots += sum(len(perf_layout(p, detect(p)).keys) for p in d.performance if p.source == "attachment")
    assert len(cells) == n_slots
    assert "栏次" in html and "行次" in html  # the official form's header rows, as the writer prints them


def test_a_finding_highlights_the_slot_the_writer_prints_its_cell_in():
    d = broken()
    rep = audit(d)
    f = next(f for f in rep.findings if any(c.key == ("T05", "合计", "基本支出") for c in f.cells))
    html = render_html(rep)
    n = rep.findings.index(f)
    hit = re.findall(r'<td id="c\d+" class="num[^"]*sev-(\w+)[^"]*" data-findings="([^"]*)"[^>]*>([^<]*)</td>', html)
    texts = {text for sev, fids, text in hit if f"f{n}" in fids.split()}
    want = table_layout(d, "T05").body[0][3]
    assert isinstance(want, Decimal)
    assert f"{want:,.2f}" in texts


def test_codes_outside_the_forms_lists_are_drawn_by_writer_and_report():
    d = sample()
    t06 = d.tables["T06"]
    t06.put(Cell(table="T06", row="30290", column="决算数", value=Decimal("1.23")))  # not in the form's list
    t06.row_labels["30290"] = "虚构经济科目"
    t01 = d.tables["T01"]
    t01.put(Cell(table="T01", row="299", column="金额", value=Decimal("4.56")))  # a class outside the 26
    t01.row_labels["299"] = "虚构支出类"
    lay06, lay01 = table_layout(d, "T06"), table_layout(d, "T01")
    assert ("T06", "30290", "决算数") in lay06.keys.values()
    assert ("T01", "299", "金额") in lay01.keys.values()
    assert any(row[3] == "二十七、虚构支出类" for row in lay01.body)
    html = render_html(audit(d))
    texts = [text for _, text in _num_cells(html)]
    assert "1.23" in texts and "4.56" in texts
