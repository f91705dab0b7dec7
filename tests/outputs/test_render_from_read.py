"""For the finance officer who writes: render from a disclosure juesuan has read keeps what
its narrative stated; the template is pre-filled from last year; pick lists cover the whole
catalogue."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from juesuan.cli.main import app
from juesuan.model import CellRef, Claim
from juesuan.render.from_claims import merge, supplement_from_claims
from juesuan.render.supplement import Supplement

from .helpers import CLEAN_PDF, sample

runner = CliRunner()


def _claim(subject, kind, value, unit="万元", section="", cell=None, **kw):
    return Claim(subject=subject, kind=kind, value=Decimal(value), unit=unit, section=section, cell=cell, **kw)


def test_supplement_from_claims_synthetic():
    d = sample()
    d.claims = [
        _claim("一般公共预算财政拨款支出", "budget", "1200.00"),
        _claim("社会保障和就业支出(类)就业补助(款)社会保险补贴(项)", "budget", "80.00"),
        _claim("社会保障和就业支出(类)就业补助(款)社会保险补贴(项)", "amount", "75.00",
               cell=CellRef(table="T05", row="2080704", column="小计")),
        _claim("机关运行经费", "amount", "120.00", section="机关运行经费"),
        _claim("机关运行经费", "change_amount", "20.00", section="机关运行经费", direction="增加"),
        _claim("政府采购支出总额", "amount", "300.00", section="政府采购支出情况"),
        _claim("政府采购货物支出", "amount", "100.00", section="政府采购支出情况"),
        _claim("政府采购服务支出", "amount", "200.00", section="政府采购支出情况"),
        _claim("执法执勤用车", "count", "2", unit="辆"),
        _claim("单价100万元以上设备", "count", "1", unit="台(套)"),
        _claim("国内公务接待批次", "count", "3", unit="批次"),
        _claim("国内公务接待人次", "count", "25", unit="人次"),
        _claim("绩效自评的2024年度项目", "count", "4", unit="个", section="预算绩效管理情况"),
        _claim("涉及预算金额", "amount", "598.42", section="预算绩效管理情况"),
    ]
    s = supplement_from_claims(d)
    assert s.budget_general == Decimal("1200.00")
    assert s.budget_by_code == {"2080704": Decimal("80.00")}
    assert s.operating_expenses == Decimal("120.00") and s.operating_expenses_previous == Decimal("100.00")
    assert (s.procurement.total, s.procurement.goods, s.procurement.services) == (300, 100, 200)
    assert s.procurement.works is None  # not stated → placeholder, never an invented 0
    assert s.assets.vehicles == {"执法执勤用车": 2} and s.assets.equipment_over_1m == 1
    assert (s.sangong.reception_batches, s.sangong.reception_people) == (3, 25)
    assert s.sangong.outbound_groups is None
    assert s.performance.projects_self_evaluated == 4 and s.performance.amount_self_evaluated == Decimal("598.42")


def test_given_budgets_override_what_was_read():
    read = Supplement(budget_general=Decimal("1"), operating_expenses=Decimal("5"))
    read.procurement.total = Decimal("9")
    given = Supplement(budget_general=Decimal("2"))
    given.procurement.goods = Decimal("3")
    m = merge(read, given)
    assert m.budget_general == 2 and m.operating_expenses == 5
    assert m.procurement.total == 9 and m.procurement.goods == 3


@pytest.mark.slow
def test_render_from_a_read_pdf_keeps_its_facts(tmp_path):
    if not CLEAN_PDF.exists():
        pytest.skip(f"sample not available: {CLEAN_PDF}")
    out = tmp_path / "d.txt"
    r = runner.invoke(app, ["render", str(CLEAN_PDF), "--to", "txt", "-o", str(out)])
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    # figures stated only in the narrative of the PDF (real values of the Shanghai sample)
    assert "年初预算为2,993.92万元" in text  # 一般公共预算财政拨款支出 年初预算
    assert "政府采购支出总额251.25万元" in text
    assert "机关运行经费支出184.65万元，比2023年度增加2.55万元" in text
    assert "单价100万元（含）以上设备（不含车辆）2台（套）" in text
    assert "年初预算为1,560.05万元" in text  # a 项 budget, matched to its T05 code
    assert "【请填写：政府采购支出总额" not in text and "【请填写：机关运行经费（万元）" not in text


@pytest.mark.slow
def test_template_from_last_year(tmp_path):
    if not CLEAN_PDF.exists():
        pytest.skip(f"sample not available: {CLEAN_PDF}")
    out = tmp_path / "录入表.xlsx"
    r = runner.invoke(app, ["template", str(out), "--from", str(CLEAN_PDF)])
    assert r.exit_code == 0, r.output
    wb = load_workbook(out)
    info = wb["说明"]
    assert info["B2"].value == "上海市普陀区财政局" and info["B3"].value == 2025
    ws = next(wb[n] for n in wb.sheetnames if n.startswith("T05"))
    keys = [ws.cell(row=i, column=1).value for i in range(2, 12)]
    assert "2010601" in keys  # last year's rows are offered
    amounts = [c.value for row in ws.iter_rows(min_row=2, min_col=3) for c in row if c.value is not None]
    assert amounts == []  # last year's figures are not copied into this year's workbook


def test_pick_lists_cover_the_bundled_catalogue(tmp_path):
    import juesuan.catalogue as cat

    out = tmp_path / "t.xlsx"
    assert runner.invoke(app, ["template", str(out)]).exit_code == 0
    wb = load_workbook(out)
    codes = wb["科目"]
    functional = {str(c.value) for c in codes["A"][1:] if c.value}
    economic = {str(c.value) for c in codes["C"][1:] if c.value}
    assert {e.code for e in cat.entries("functional")} <= functional
    assert {e.code for e in cat.entries("economic")} <= economic
    ws = next(wb[n] for n in wb.sheetnames if n.startswith("T05"))
    dv = ws.data_validations.dataValidation[0]
    assert dv.formula1.endswith(f"${len(functional) + 1}")
