"""The writer never invents a figure: a row the form always prints (收入总计, 本年收入合计,
三公 决算数) that a supplied table lacks makes the sections written from it say 【待补充】,
and validation says which figures are missing — never “收入总计0.00万元”."""

from __future__ import annotations

from juesuan.render import render_bytes
from juesuan.render.missing import MARK, missing_findings, row_not_supplied


def _without_rows(d, tid, *rows):
    d = d.model_copy(deep=True)
    d.tables[tid].cells = [c for c in d.tables[tid].cells if c.row not in rows]
    return d


def test_missing_total_rows_are_marked_not_zero(sample_year):
    y, prev = sample_year
    d = _without_rows(y.disclosure, "T01", "收入总计", "本年收入合计")
    text = render_bytes(d, "txt", prev.disclosure, y.supplement).decode()
    assert "收入总计0.00万元" not in text and "本年收入合计0.00万元" not in text
    assert f"{MARK}（本部分依据的收入支出决算总表“收入总计”未提供）" in text
    assert f"{MARK}（本部分依据的收入支出决算总表“本年收入合计”未提供）" in text
    found = [f for f in missing_findings(d, prev.disclosure, y.supplement) if "缺少" in f.message]
    assert len(found) == 1 and "“收入总计”" in found[0].message and found[0].rule == "C-render-missing"


def test_a_complete_model_has_nothing_missing(sample_year, full_year):
    for y, prev in (sample_year, full_year):
        assert missing_findings(y.disclosure, prev.disclosure, y.supplement) == []
        assert MARK not in render_bytes(y.disclosure, "txt", prev.disclosure, y.supplement).decode()


def test_blank_cells_and_unprinted_classes_are_zeros_not_missing(sample_year):
    d = sample_year[0].disclosure
    t03_rows = {c.row for c in d.tables["T03"].cells}
    assert "合计" in t03_rows and not row_not_supplied(d, "T03", "合计")
    assert not row_not_supplied(d, "T03", "2080199")  # a class with no spending is not printed
    assert not row_not_supplied(d, "T07", "合计")  # declared empty: no figures at all
    assert row_not_supplied(_without_rows(d, "T09", "决算数"), "T09", "决算数")
