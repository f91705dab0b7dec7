"""A department-year's figures (cents) as the canonical model: the nine tables, printed names,
the 本表无数据 statement of a table without money."""

from __future__ import annotations

from juesuan.glossary import CLASS_NAME, T01_INCOME_ITEMS, T09_ITEMS
from juesuan.model import Cell, Disclosure, Metadata, Table
from juesuan.money import fmt
from juesuan.render.codes import T06_GROUPS, economic_name, functional_name
from juesuan.synth.cents import Rows, dec, ordered
from juesuan.synth.figures import Figures
from juesuan.synth.profiles import Profile

TABLE_TITLES = {
    "T01": "收入支出决算总表",
    "T02": "收入决算表",
    "T03": "支出决算表",
    "T04": "财政拨款收入支出决算总表",
    "T05": "一般公共预算财政拨款支出决算表",
    "T06": "一般公共预算财政拨款基本支出决算表",
    "T07": "政府性基金预算财政拨款收入支出决算表",
    "T08": "国有资本经营预算财政拨款支出决算表",
    "T09": "财政拨款“三公”经费支出决算表",
}
TABLE_NUMBERS = {tid: f"{i:02d}" for i, tid in enumerate(TABLE_TITLES, start=1)}
_T04_INCOME_ROWS = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款", "本年收入合计",
                    "年初财政拨款结转和结余", "年初一般公共预算财政拨款", "年初政府性基金预算财政拨款",
                    "年初国有资本经营预算财政拨款", "收入总计")


def empty_statement(tid: str) -> str:
    if tid == "T07":
        return "说明：本部门本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"
    if tid == "T08":
        return "说明：本部门本年度没有国有资本经营预算财政拨款支出，故本表无数据。"
    if tid == "T09":
        return "说明：本部门本年度没有财政拨款“三公”经费支出，故本表无数据。"
    return "说明：本部门本年度无此类资金收支，故本表无数据。"


class _Builder:
    def __init__(self, d: Disclosure):
        self.d = d

    def table(self, tid: str) -> Table:
        t = self.d.table(tid)
        t.title = TABLE_TITLES[tid]
        t.number = TABLE_NUMBERS[tid]
        t.present = True
        t.unit = "万元"
        return t

    @staticmethod
    def put(t: Table, row: str, col: str, cents: int, label: str) -> None:
        v = dec(cents)
        t.row_labels.setdefault(row, label)
        t.cells.append(Cell(table=t.id, row=row, column=col, value=v, raw=fmt(v), label=label))

    def t01(self, f: Figures) -> None:
        t = self.table("T01")
        for row in T01_INCOME_ITEMS + ("本年收入合计", "使用非财政拨款结余", "年初结转和结余", "收入总计"):
            self.put(t, row, "金额", f.t01[row], "总计" if row == "收入总计" else row)
        for code, name in CLASS_NAME.items():
            v = f.tables["T03"].get(code, {}).get("本年支出合计", 0)
            if v:
                self.put(t, code, "金额", v, name)
        for row in ("本年支出合计", "结余分配", "年末结转和结余", "支出总计"):
            self.put(t, row, "金额", f.t01[row], "总计" if row == "支出总计" else row)

    def functional(self, tid: str, rows: Rows, columns: tuple[str, ...], always: tuple[str, ...]) -> None:
        """A code-keyed table: a cell for every non-zero value, and for the ``always`` columns."""
        t = self.table(tid)
        for code in ordered(rows):
            name = "合计" if code == "合计" else functional_name(code)
            t.row_labels[code] = name
            for col in columns:
                v = rows[code].get(col, 0)
                if v or col in always:
                    self.put(t, code, col, v, name)

    def t04(self, f: Figures) -> None:
        t = self.table("T04")
        for row in _T04_INCOME_ROWS:
            label = row.removeprefix("年初") if row.startswith("年初") and row != "年初财政拨款结转和结余" else row
            self.put(t, row, "金额", f.t04_income[row], "总计" if row == "收入总计" else label)
        sources = {"一般公共预算财政拨款": (f.tables["T05"], "小计"), "政府性基金预算财政拨款": (f.tables["T07"], "小计"),
                   "国有资本经营预算财政拨款": (f.tables["T08"], "合计")}
        for code, name in CLASS_NAME.items():
            parts = {col: src.get(code, {}).get(key, 0) for col, (src, key) in sources.items()}
            if any(parts.values()):
                self.put(t, code, "合计", sum(parts.values()), name)
                for col, v in parts.items():
                    self.put(t, code, col, v, name)
        totals, closes = f.t04_totals, f.t04_closes
        for row, vals in (("本年支出合计", totals), ("年末财政拨款结转和结余", closes),
                          ("支出总计", {c: totals[c] + closes[c] for c in totals})):
            label = "总计" if row == "支出总计" else row
            self.put(t, row, "合计", sum(vals.values()), label)
            for col, v in vals.items():
                self.put(t, row, col, v, label)

    def t06(self, f: Figures) -> None:
        t = self.table("T06")
        for group in T06_GROUPS:
            for code in group:
                v = f.t06.get(code, 0)
                t.row_labels[code] = economic_name(code)
                if v or code in ("301", "302", "303"):
                    self.put(t, code, "决算数", v, economic_name(code))
        self.put(t, "人员经费合计", "决算数", f.personnel, "人员经费合计")
        self.put(t, "公用经费合计", "决算数", f.public, "公用经费合计")

    def fund_tables(self, f: Figures) -> None:
        """T07/T08; declared empty when there is no such money (the 合计 row prints 0.00)."""
        for tid, cols in (("T07", ("年初结转和结余", "本年收入", "小计", "基本支出", "项目支出", "年末结转和结余")),
                          ("T08", ("合计", "基本支出", "项目支出"))):
            rows = f.tables[tid]
            if not rows:
                t = self.table(tid)
                t.declared_empty = True
                t.empty_statement = empty_statement(tid)
                rows = {"合计": {}}
            self.functional(tid, rows, cols, cols)

    def t09(self, f: Figures) -> None:
        t = self.table("T09")
        t.layout = "horizontal"
        for row in ("预算数", "决算数"):
            for col in T09_ITEMS:
                self.put(t, row, col, f.t09[row][col], row)


def disclosure(profile: Profile, year: int, seed: int, f: Figures) -> Disclosure:
    d = Disclosure(meta=Metadata(source=f"synthetic:{profile.key}:{year}:seed={seed}", format="json",
                                 department=profile.name, year=year, unit="万元", unit_stated=True,
                                 kind="部门决算"))
    d.toc_tables = list(TABLE_TITLES)
    b = _Builder(d)
    b.t01(f)
    b.functional("T02", f.tables["T02"], b.table("T02").spec.columns, ("本年收入合计",))
    b.functional("T03", f.tables["T03"], b.table("T03").spec.columns, ("本年支出合计",))
    b.t04(f)
    cols05 = ("小计", "基本支出", "项目支出")
    b.functional("T05", f.tables["T05"], cols05, cols05)
    b.t06(f)
    b.fund_tables(f)
    b.t09(f)
    return d
