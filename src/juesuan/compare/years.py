"""One department across years: every cell, year on year."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.glossary import TABLE_IDS
from juesuan.model import Disclosure
from juesuan.money import q2

CellKey = tuple[str, str, str]  # (table, row, column)


@dataclass
class CellSeries:
    """One cell's printed value in each year (None: not printed that year)."""

    table: str
    row: str
    column: str
    label: str
    values: dict[int, Decimal | None]
    # year → change against the previous year in the series, and the rate in percent
    # (None when either year is missing, or the rate when the previous value is 0)
    changes: dict[int, Decimal | None] = field(default_factory=dict)
    rates: dict[int, Decimal | None] = field(default_factory=dict)

    @property
    def key(self) -> CellKey:
        return (self.table, self.row, self.column)


@dataclass
class YearTable:
    years: list[int]
    rows: list[CellSeries]

    def get(self, table: str, row: str, column: str) -> CellSeries | None:
        return next((r for r in self.rows if r.key == (table, row, column)), None)


def rate(current: Decimal, previous: Decimal) -> Decimal | None:
    """Change in percent, rounded to 0.01 as disclosures print it; None when previous is 0."""
    if previous == 0:
        return None
    return q2((current - previous) / abs(previous) * 100)


def year_on_year(models: dict[int, Disclosure], *, tables: tuple[str, ...] = TABLE_IDS) -> YearTable:
    """Every cell printed in any of the years, with its value per year and the change from the
    year before. ``models`` maps a year to that year's disclosure."""
    years = sorted(models)
    index: dict[CellKey, CellSeries] = {}
    for y in years:
        doc = models[y]
        for c in doc.all_cells():
            if c.table not in tables:
                continue
            s = index.get(c.key)
            if s is None:
                label = c.label or doc.tables[c.table].row_labels.get(c.row, "")
                s = index[c.key] = CellSeries(c.table, c.row, c.column, label, {yy: None for yy in years})
            s.values[y] = c.value
    order = {t: i for i, t in enumerate(TABLE_IDS)}
    rows = sorted(index.values(), key=lambda s: (order.get(s.table, 99), s.row, s.column))
    for s in rows:
        for prev, cur in zip(years, years[1:]):
            a, b = s.values.get(cur), s.values.get(prev)
            if a is None or b is None or cur != prev + 1:
                s.changes[cur] = s.rates[cur] = None
            else:
                s.changes[cur] = a - b
                s.rates[cur] = rate(a, b)
    return YearTable(years=years, rows=rows)
