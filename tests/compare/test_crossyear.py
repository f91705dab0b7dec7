"""Y rules: the narrative's year-on-year statements and opening balances against the previous
year's disclosure. Each rule has passing and failing cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan.compare.crossyear import CROSS_YEAR_RULES, YearMismatch, cross_year, year_on_year
from juesuan.model import Claim, Disclosure

SAMPLE = "src/juesuan/examples/sample_disclosure.txt"


@pytest.fixture(scope="module")
def pair() -> tuple[Disclosure, Disclosure]:
    """This year as read from the bundled sample text (so it has narrative claims), and the
    previous year's model the sample was written from."""
    from juesuan.pipeline import load
    from store_engines import demo_departments

    cur = load(SAMPLE)
    prev = demo_departments()[0].years[-2].disclosure
    assert (cur.meta.year, prev.meta.year) == (2024, 2023)
    return cur, prev


def _rules(findings) -> list[str]:
    return [f.rule for f in findings]


def _chained(cur: Disclosure, prev: Disclosure) -> Disclosure:
    """A copy of prev to edit (the demo chains its years: prev's closings are cur's openings)."""
    return prev.model_copy(deep=True)


def test_demo_years_chain():
    """Every consecutive pair of demo years passes the cross-year rules: openings = last year's
    closings, and the narrative's year-on-year statements match last year's figures."""
    from store_engines import demo_departments

    for dept in demo_departments():
        for prev, cur in zip(dept.years, dept.years[1:]):
            assert cross_year(cur.disclosure, prev.disclosure) == [], (dept.key, cur.year)


def test_every_y_rule_is_documented_and_in_family_y():
    for rule in CROSS_YEAR_RULES:
        assert rule.id.startswith("Y-") and rule.family == "Y" and rule.severity == "warning"
        assert "失败示例" in rule.description and "通过示例" in rule.description


def test_consistent_years_pass(pair):
    cur, prev = pair
    assert cross_year(cur, _chained(cur, prev)) == []


def test_change_amount_against_a_restated_previous_year(pair):
    cur, prev = pair
    p = _chained(cur, prev)
    p.cell("T01", "收入总计", "金额").value += Decimal("100")  # last year printed another total
    found = [f for f in cross_year(cur, p) if f.rule == "Y-change"]
    # 收入总计 is stated with an amount and a rate in one clause: one finding, not two
    assert len([f for f in found if "收入总计" in f.message and "财政拨款" not in f.message]) == 1
    f = next(f for f in found if "收入总计" in f.message and "财政拨款" not in f.message).to_dict()
    assert f["expected"] == "3941.78" and f["actual"] == "3841.78" and f["difference"] == "-100.00"
    assert f["cells"] and f["cells"][0]["table"] == "T01" and f["claims"]


def test_change_rate_alone_is_checked(pair):
    cur, prev = pair
    cur2 = cur.model_copy(deep=True)
    cur2.claims = [c for c in cur2.claims if not (c.subject == "三公经费" and c.kind == "change_amount")]
    p = _chained(cur2, prev)
    assert "Y-change" not in _rules(cross_year(cur2, p))
    p.cell("T09", "决算数", "合计").value = Decimal("8.00")  # 4.22 vs 8.00: −47.25%, not −34.37%
    found = [f for f in cross_year(cur2, p) if f.rule == "Y-change" and "三公经费" in f.message]
    assert len(found) == 1 and "34.37%" in found[0].message


def test_budget_comparisons_are_not_year_on_year():
    budget = Claim(subject="x", kind="change_amount", value=Decimal(0), direction="持平", text="决算数与预算数持平")
    yoy = Claim(subject="x", kind="change_amount", value=Decimal(1), direction="增加", text="比上年增加1.00万元")
    named = Claim(subject="x", kind="change_amount", value=Decimal(1), direction="增加",
                  text="比2023年度预算口径增加1.00万元")
    assert not year_on_year(budget, 2024)
    assert year_on_year(yoy, 2024) and year_on_year(named, 2024)


def test_carryover_pass_and_fail(pair):
    cur, prev = pair
    p = _chained(cur, prev)
    assert "Y-carryover" not in _rules(cross_year(cur, p))
    p.cell("T04", "年末财政拨款结转和结余", "合计").value += Decimal("5")
    p.cell("T04", "年末财政拨款结转和结余", "一般公共预算财政拨款").value += Decimal("5")
    p.cell("T01", "年末结转和结余", "金额").value += Decimal("5")
    found = [f for f in cross_year(cur, p) if f.rule == "Y-carryover"]
    # one cause (5.00 more carried out last year): the T04 total only, not its split, not T01
    assert len(found) == 1
    f = found[0].to_dict()
    assert f["cells"][0]["table"] == "T04" and f["difference"] == "-5.00"


def test_carryover_reports_a_different_non_fiscal_difference(pair):
    cur, prev = pair
    p = _chained(cur, prev)
    p.cell("T01", "年末结转和结余", "金额").value += Decimal("7")
    found = [f for f in cross_year(cur, p) if f.rule == "Y-carryover"]
    assert [f.to_dict()["cells"][0]["table"] for f in found] == ["T01"]


def test_rounding_is_not_a_difference(pair):
    cur, prev = pair
    p = _chained(cur, prev)
    p.cell("T01", "年末结转和结余", "金额").value += Decimal("0.01")
    assert "Y-carryover" not in _rules(cross_year(cur, p))


def test_years_must_be_consecutive(pair):
    cur, prev = pair
    old = prev.model_copy(deep=True)
    old.meta.year = 2021
    with pytest.raises(YearMismatch, match="相邻两年"):
        cross_year(cur, old)
