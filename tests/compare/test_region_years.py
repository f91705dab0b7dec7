"""League tables with robust outliers; one department year on year."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juesuan.compare.region import METRICS, league, median, quantile, region_leagues, robust_z
from juesuan.compare.years import rate, year_on_year
from store_engines import demo_departments

D = Decimal


def test_robust_z_marks_the_extreme_department():
    items = [(i, f"部门{i}", D(v)) for i, v in enumerate(["10", "11", "12", "10.5", "11.5", "95"])]
    lg = league("sangong", "“三公”经费", "万元", items)
    assert [e.name for e in lg.entries if e.outlier] == ["部门5"]
    assert lg.entries[0].name == "部门5" and lg.entries[0].rank == 1
    assert lg.median == D("11.25") and lg.minimum == D("10") and lg.maximum == D("95")


def test_no_outliers_when_values_agree_or_too_few():
    same = [(i, f"部门{i}", D("5")) for i in range(6)]
    assert not any(e.outlier for e in league("m", "m", "万元", same).entries)
    few = [(0, "a", D("1")), (1, "b", D("1.1")), (2, "c", D("1.2")), (3, "d", D("900"))]
    assert not any(e.outlier for e in league("m", "m", "万元", few).entries)


def test_mad_zero_falls_back_to_mean_absolute_deviation():
    values = [D(5)] * 5 + [D(50)]
    z = robust_z(values)
    assert z[-1] is not None and z[-1] > D("3.5") and z[0] == 0


def test_missing_values_are_listed_not_ranked():
    lg = league("m", "m", "万元", [(0, "甲", D(1)), (1, "乙", None)])
    assert lg.missing == ["乙"] and [e.name for e in lg.entries] == ["甲"]


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # a busy machine is not a failure
@given(st.lists(st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False), min_size=1, max_size=30))
def test_median_and_quartiles_are_order_statistics(values):
    s = sorted(values)
    assert s[0] <= quantile(values, D("0.25")) <= median(values) <= quantile(values, D("0.75")) <= s[-1]
    assert median(values) == quantile(values, D("0.5"))


def test_region_leagues_over_demo_departments():
    docs = [(i, d.name, d.years[-1].disclosure) for i, d in enumerate(demo_departments())]
    leagues = {lg.metric: lg for lg in region_leagues(docs, {0: {"error": 2, "warning": 1}})}
    assert set(m.id for m in METRICS) <= set(leagues)
    sg = leagues["sangong"]
    assert sg.count == len(docs) and all(isinstance(e.value, Decimal) for e in sg.entries)
    assert sg.entries == sorted(sg.entries, key=lambda e: -e.value)
    basic, project = leagues["basic_share"], leagues["project_share"]
    for e in basic.entries:
        other = next(x for x in project.entries if x.key == e.key)
        assert abs(e.value + other.value - 100) <= D("0.01")
    assert leagues["findings_error"].entries[0].key == 0


def test_year_on_year_every_cell():
    dept = demo_departments()[0]
    models = {y.year: y.disclosure for y in dept.years}
    yt = year_on_year(models)
    assert yt.years == sorted(models)
    s = yt.get("T01", "收入总计", "金额")
    assert s is not None
    for y in yt.years[1:]:
        a, b = models[y].value("T01", "收入总计", "金额"), models[y - 1].value("T01", "收入总计", "金额")
        assert s.changes[y] == a - b and s.rates[y] == rate(a, b)
    n_cells = len({c.key for m in models.values() for c in m.all_cells()})
    assert len(yt.rows) == n_cells


def test_rate_of_zero_previous_is_undefined():
    assert rate(D(5), D(0)) is None and rate(D("110"), D("100")) == D("10.00")
