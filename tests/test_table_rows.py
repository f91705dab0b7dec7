"""Table.rows() gives rows in printed order, including rows printed without an amount."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from juesuan.model import Cell, Table


def _table(printed: list[str], with_amount: set[str]) -> Table:
    t = Table(id="T03")
    for r in printed:  # as a reader fills it: the label, then the row's cells
        t.row_labels.setdefault(r, f"name of {r}")
        if r in with_amount:
            t.cells.append(Cell(table="T03", row=r, column="合计", value=Decimal(1)))
    return t


def test_a_row_printed_without_amounts_keeps_its_place():
    # 205 教育支出 is printed with figures, 20502 without (all blank), 2050201 with figures
    t = _table(["合计", "205", "20502", "2050201"], {"合计", "205", "2050201"})
    assert t.rows() == ["合计", "205", "20502", "2050201"]


def test_a_first_row_without_amounts_stays_first():
    t = _table(["201", "20101", "2010101"], {"2010101"})
    assert t.rows() == ["201", "20101", "2010101"]


def test_rows_with_cells_but_no_label_keep_their_cell_order():
    t = Table(id="T06")
    for r in ("30101", "30102"):
        t.cells.append(Cell(table="T06", row=r, column="决算数", value=Decimal(2)))
    t.row_labels["30199"] = "其他工资福利支出"  # labelled after rows it was not printed with
    assert t.rows() == ["30101", "30102", "30199"]


codes = st.lists(st.text("0123456789", min_size=3, max_size=7), min_size=1, max_size=12, unique=True)


@given(printed=codes, data=st.data())
def test_printed_order_is_kept_for_any_subset_with_amounts(printed, data):
    with_amount = set(data.draw(st.lists(st.sampled_from(printed), unique=True)))
    t = _table(printed, with_amount)
    assert t.rows() == printed
