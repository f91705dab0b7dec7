"""Performance self-evaluation tables written from data: the synthetic tables are consistent by
construction, the form prints every figure (and keys it for the report), the 预算绩效 paragraph
agrees with the tables, and the round trip render → read gives the same items back."""

from __future__ import annotations

import random
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juesuan.model import PerformanceIndicator, PerformanceItem
from juesuan.render import render_bytes
from juesuan.render.narrative import build_document
from juesuan.render.narrative.blocks import Para
from juesuan.render.perf_layout import TOTAL_FUNDS, actual_text, perf_layout, target_text
from juesuan.synth import perf_tables as synth
from juesuan.textnorm import norm

HUNDRED = Decimal(100)


def _check_consistent(p: PerformanceItem) -> None:
    total = p.funds[0]
    assert total.source == TOTAL_FUNDS
    assert total.rate == (total.executed / total.budget * HUNDRED).quantize(Decimal("0.01"), ROUND_HALF_UP)
    # the score from the real rate (not the printed, rounded one), capped at the weight
    assert total.score == min(total.weight, (total.weight * total.executed / total.budget).quantize(
        Decimal("0.01"), ROUND_HALF_UP))
    for col in ("initial_budget", "budget", "executed"):  # the sources add up to the total row
        assert sum(getattr(f, col) for f in p.funds[1:]) == getattr(total, col)
    weights = sum(i.weight for i in p.indicators) + total.weight
    assert weights == 100
    assert p.total_score == sum(i.score for i in p.indicators) + total.score
    assert (p.budget, p.executed, p.rate, p.rate_score) == (total.budget, total.executed, total.rate, total.score)
    assert p.grade == synth.grade_of(p.total_score)
    for i in p.indicators:
        if i.target is None:
            assert i.score == i.weight
            continue
        met = i.actual <= i.target if i.comparator == "≤" else (
            i.actual == i.target if i.comparator == "=" else i.actual >= i.target)
        assert (i.score == i.weight) == met, i
        assert bool(i.deviation) != met  # a deduction says why


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**6), budget=st.integers(100, 10**8), share=st.integers(50, 100))
def test_synthetic_tables_are_consistent_by_construction(seed, budget, share):
    b = Decimal(budget) / 100
    e = (b * share / 100).quantize(Decimal("0.01"))
    p = synth.project("样例项目", "样例市某局", "样例市某局（本级）", 2024, b, e, random.Random(seed))
    _check_consistent(p)
    o = synth.overall("样例市某局", 2024, [("任务甲", b, e), ("任务乙", b, e)], random.Random(seed))
    _check_consistent(o)
    assert [t.rate for t in o.tasks] == [synth.rate_of(e, b)] * 2


def test_demo_departments_print_whole_tables(departments):
    for dep in departments:
        d = dep.years[-1].disclosure
        kinds = [p.kind for p in d.performance]
        assert kinds.count("overall") == 1 and kinds.count("project") >= 1
        for p in d.performance:
            _check_consistent(p)
            assert any(i.comparator in ("≥", "≤", "=") for i in p.indicators)
            assert all(i.unit for i in p.indicators if i.target is not None)


def test_the_form_prints_and_keys_every_figure(sample_year):
    p = next(x for x in sample_year[0].disclosure.performance if x.kind == "project")
    lay = perf_layout(p)
    printed = {str(v) for row in lay.body for v in row if v is not None}
    assert {"项目名称", p.name, "年度资金总额", "年初预算数", "绩效指标", "三级指标", "总分", p.grade} <= printed
    keys = set(lay.keys.values())
    table = f"P:{p.name}"
    assert (table, "", "全年预算数") in keys and (table, "", "执行率") in keys and (table, "", "总分") in keys
    for ind in p.indicators:
        assert target_text(ind) in printed and actual_text(ind) in printed
        assert {(table, ind.name, f) for f in ("年度指标值", "实际完成值", "分值", "得分")} <= keys


def test_targets_print_comparator_value_and_unit():
    ind = PerformanceIndicator(name="人均补助标准", comparator="≤", target=Decimal(1500), unit="元/人/月",
                               actual=Decimal("1350.00"))
    assert target_text(ind) == "≤1500元/人/月" and actual_text(ind) == "1350.00元/人/月"
    assert target_text(PerformanceIndicator(name="合规性", target_text="合规")) == "合规"


def test_txt_prints_the_attachment_part(sample_year):
    y, prev = sample_year
    txt = render_bytes(y.disclosure, "txt", prev.disclosure, y.supplement).decode("utf-8")
    part = txt[txt.rindex("第五部分 附件"):]
    assert part.count("项目支出绩效自评表") == sum(p.kind == "project" for p in y.disclosure.performance)
    assert "部门（单位）整体绩效自评表" in part and f"（{y.year}年度）" in part
    assert re.search(r"\t年度资金总额\t[\d,.]+\t[\d,.]+\t[\d,.]+\t10\t\d+\.\d\d%\t", part)


def test_narrative_paragraph_agrees_with_the_tables(sample_year):
    y, prev = sample_year
    d = y.disclosure
    doc = build_document(d, prev.disclosure, y.supplement)
    paras = [b.text for b in doc.blocks if isinstance(b, Para)]
    head = next(t for t in paras if "预算绩效管理工作开展情况" in t)
    projects = [p for p in d.performance if p.kind == "project"]
    assert f"项目{len(projects)}个" in head
    assert f"{sum(p.budget for p in projects):,.2f}万元" in head
    assert "整体绩效自评的单位1个" in head
    for p in projects:
        para = next(t for t in paras if f"“{p.name}”项目自评综述" in t)
        assert f"{p.budget:,.2f}万元" in para and f"{p.executed:,.2f}万元" in para
        assert f"{p.rate:.2f}%" in para and f"{p.total_score:.2f}分" in para and p.grade in para


# -- round trip ----------------------------------------------------------------------------------

def _indicator_sig(i: PerformanceIndicator) -> tuple:
    # a qualitative target or completion is compared as text; a numeric one by its numbers
    return (norm(i.level1), norm(i.level2), norm(i.name), i.comparator, i.target,
            i.unit if i.target is not None else "", norm(i.target_text) if i.target is None else "", i.actual,
            norm(i.actual_text) if i.actual is None else "", i.weight, i.score, norm(i.deviation))


def signature(p: PerformanceItem) -> tuple:
    """What a self-evaluation table prints (no provenance); texts as the reader normalises
    them (full-width punctuation → half-width: textnorm.norm)."""
    return (norm(p.name), p.kind, norm(p.department), norm(p.implementer), p.year, p.initial_budget, p.budget,
            p.executed, p.rate, p.rate_score, p.weight, p.total_score, p.grade, norm(p.objective),
            norm(p.achieved),
            tuple((norm(f.source), f.initial_budget, f.budget, f.executed, f.weight, f.rate, f.score)
                  for f in p.funds),
            tuple(_indicator_sig(i) for i in p.indicators),
            tuple((norm(t.name), t.budget, t.executed, t.rate, t.weight, t.score) for t in p.tasks))


def _read_back(d, fmt: str, tmp_path, prev=None, sup=None) -> list[PerformanceItem]:
    from juesuan.pipeline import load
    from juesuan.render import render_file

    path = render_file(d, fmt, tmp_path / f"perf.{fmt}", prev, sup)
    return [p for p in load(path).performance if p.source == "attachment"]


def _assert_same(want: list[PerformanceItem], got: list[PerformanceItem]) -> None:
    assert [signature(p) for p in got] == [signature(p) for p in want]


def _projects(items: list[PerformanceItem]) -> list[PerformanceItem]:
    return [p for p in items if p.kind == "project"]


@pytest.mark.parametrize("fmt", ["txt", "html", "docx", "xlsx", "pdf"])
def test_round_trip_gives_the_same_items(fmt, sample_year, tmp_path):
    y, prev = sample_year
    want = [p for p in y.disclosure.performance if p.source == "attachment"]
    _assert_same(_projects(want), _projects(_read_back(y.disclosure, fmt, tmp_path, prev.disclosure, y.supplement)))


@pytest.mark.parametrize("k", range(4))
def test_round_trip_every_demo_department(k, departments, tmp_path):
    for i, y in enumerate(departments[k].years):
        prev = departments[k].years[i - 1].disclosure if i else None
        want = [p for p in y.disclosure.performance if p.source == "attachment"]
        _assert_same(_projects(want), _projects(_read_back(y.disclosure, "txt", tmp_path, prev, y.supplement)))


@pytest.mark.parametrize("fmt", ["txt", "html", "docx", "xlsx", "pdf"])
def test_round_trip_overall_table(fmt, sample_year, tmp_path):
    y, prev = sample_year
    want = [p for p in y.disclosure.performance if p.kind == "overall"]
    got = [p for p in _read_back(y.disclosure, fmt, tmp_path, prev.disclosure, y.supplement) if p.kind == "overall"]
    _assert_same(want, got)


_NAME = st.text(alphabet="甲乙丙丁戊己庚辛壬癸就业培训补贴运维改造服务", min_size=2, max_size=12)


def _project(name: str, seed: int, cents: int, share: int) -> PerformanceItem:
    budget = Decimal(cents) / 100
    executed = (budget * share / 100).quantize(Decimal("0.01"))
    return synth.project(name, "样例市某局", "样例市某局（本级）", 2024, budget, executed, random.Random(seed))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(specs=st.lists(st.tuples(_NAME, st.integers(0, 10**6), st.integers(1000, 10**8), st.integers(0, 100)),
                      min_size=1, max_size=3, unique_by=lambda s: s[0]))
def test_round_trip_holds_for_any_table(specs, sample_year, tmp_path):
    items = [_project(*spec) for spec in specs]
    d = sample_year[0].disclosure.model_copy(deep=True)
    d.performance = items
    _assert_same(items, _read_back(d, "txt", tmp_path))
