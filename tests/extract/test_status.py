"""Table.status / status_reason: a table located but not (fully) read is never silent."""

from __future__ import annotations

from juesuan.pipeline import build
from juesuan.read.text import read_text

HEAD = "一般公共预算财政拨款支出决算表\n单位：万元\n项目\t\t合计\t基本支出\t项目支出\n"


def _doc(text: str):
    return build(read_text(text.encode("utf-8"), "synthetic.txt"))


def test_a_table_read_in_full_is_read():
    t = _doc(HEAD + "201\t一般公共服务支出\t10.00\t6.00\t4.00\n合计\t\t10.00\t6.00\t4.00\n").tables["T05"]
    assert t.status == "read" and t.status_reason is None


def test_located_with_figures_but_no_cell_is_unreadable():
    # the figures are there, but in no shape the reader knows: no code, no label
    d = _doc(HEAD + "见附图 10.00 6.00 4.00\n")
    t = d.tables["T05"]
    assert not t.cells
    assert t.status == "unreadable"
    assert "未能读出任何单元格" in t.status_reason
    assert any(w.startswith("T05") and "无法读取" in w for w in d.warnings)


def test_located_blank_table_without_statement_is_unreadable():
    t = _doc(HEAD + "合计\n").tables["T05"]
    assert t.status == "unreadable" and "没有读到任何数值" in t.status_reason


def test_declared_empty_table_is_read():
    t = _doc(HEAD + "合计\n注：本部门无一般公共预算财政拨款支出，故本表无数据。\n").tables["T05"]
    assert t.declared_empty and t.status == "read"


def test_identities_failing_in_bulk_make_a_table_partial():
    rows = "".join(f"2010{k}\t项{k}\t9.00\t1.00\t1.00\n" for k in range(1, 6))
    t = _doc(HEAD + "201\t一般公共服务支出\t45.00\t5.00\t5.00\n" + rows).tables["T05"]
    assert t.status == "partial" and "勾稽关系" in t.status_reason


def test_one_real_error_does_not_make_a_table_partial():
    t = _doc(HEAD + "201\t一般公共服务支出\t10.00\t6.00\t4.00\n20101\t人大事务\t10.00\t6.00\t4.00\n"
             "2010101\t行政运行\t10.00\t6.00\t4.01\n合计\t\t10.00\t6.00\t4.00\n").tables["T05"]
    assert t.status == "read"
