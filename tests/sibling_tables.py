"""Tiny documents for the mechanisms that read one table's figures as evidence for another's."""

from __future__ import annotations

from decimal import Decimal

from juesuan.model import Cell, Disclosure, Table


def t05_one_row(uncertain: bool, status: str = "read") -> Disclosure:
    """A T05 of one class, 201, all 基本支出 (30.00; its row uncertain when asked), and an empty
    T03 to place: what T05 says of T03's 201 基本支出 is the question."""
    d = Disclosure()
    t05 = Table(id="T05", present=True, status=status)
    for row, col, v in (("合计", "小计", "30.00"), ("合计", "基本支出", "30.00"),
                        ("201", "小计", "30.00"), ("201", "基本支出", "30.00")):
        t05.put(Cell(table="T05", row=row, column=col, value=Decimal(v), uncertain=uncertain and row == "201"))
    d.tables["T05"] = t05
    d.tables["T03"] = Table(id="T03", present=True)
    return d
