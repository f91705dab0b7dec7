"""Property tests of the indicator and weight rules: tables consistent by construction raise
nothing, and one planted inconsistency raises exactly one finding of the rule that owns it."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.model import Disclosure, PerformanceIndicator, PerformanceItem
from juesuan.money import q2
from juesuan.rules import REGISTRY, all_rules, run_rules

amounts = st.decimals(min_value=D(1), max_value=D(10000), places=2)


def _run(rule: str, items: list[PerformanceItem]):
    doc = Disclosure()
    doc.meta.year = 2024
    doc.performance = items
    all_rules()  # registers every rule
    return run_rules(doc, [REGISTRY[rule]])


def _row(name: str, target: D, actual: D, **kw) -> PerformanceIndicator:
    return PerformanceIndicator(level1=kw.pop("level1", "产出指标"), name=name, comparator="≥", target=target,
                                target_text=f"≥{target}人", unit="人", actual=actual, actual_text=f"{actual}人", **kw)


@settings(max_examples=60, deadline=None)  # the first example loads the rules
@given(amounts, amounts)
def test_deviation_as_defined_is_never_reported(target, actual):
    dev = q2((actual - target) / target * 100)
    item = PerformanceItem(name="项目", indicators=[_row("人数", target, actual, deviation_rate=dev)])
    assert _run("P-deviation", [item]) == []


@settings(max_examples=60, deadline=None)  # the first example loads the rules
@given(amounts, st.decimals(min_value=D("0.01"), max_value=D("0.95"), places=2), st.sampled_from([D(-7), D(6)]))
def test_a_wrong_deviation_of_a_missed_target_is_reported(target, share, slip):
    actual = q2(target * share)  # missed: the deviation is negative and has no convention to hide in
    dev = q2((actual - target) / target * 100) + slip
    item = PerformanceItem(name="项目", indicators=[_row("人数", target, actual, deviation_rate=dev)])
    (f,) = _run("P-deviation", [item])
    assert f.cells and f.cells[0].table == "P:项目"


@settings(max_examples=60, deadline=None)  # the first example loads the rules
@given(amounts, amounts)
def test_completion_as_defined_is_never_reported(target, actual):
    completion = q2(min(D(100), actual / target * 100))
    item = PerformanceItem(name="项目", indicators=[_row("人数", target, actual, completion=completion)])
    assert _run("P-completion", [item]) == []


weights = st.lists(st.integers(min_value=1, max_value=30), min_size=2, max_size=8)


def _headed(ws: list[int], cut: int, bump: int = 0) -> PerformanceItem:
    """Rows with 分值 ws under two headings (rows [:cut] and [cut:]) whose printed points are
    the sums (the first plus ``bump``); scores full; total = Σ + the 执行率 part."""
    first, second = sum(ws[:cut]), sum(ws[cut:])
    rows = [PerformanceIndicator(level1="产出指标" if i < cut else "效益指标", name=f"指标{i}", weight=D(w),
                                 score=D(w), level1_weight=D(first + bump if i < cut else second))
            for i, w in enumerate(ws)]
    rate = 100 - first - second
    return PerformanceItem(name="项目", indicators=rows, weight=D(rate), rate_score=D(rate), total_score=D(100),
                           budget=D(10), executed=D(10))


@settings(max_examples=60, deadline=None)  # the first example loads the rules
@given(weights, st.data())
def test_heading_points_that_add_up_are_never_reported(ws, data):
    cut = data.draw(st.integers(min_value=1, max_value=len(ws) - 1))
    assert _run("P-heading-weight", [_headed(ws, cut)]) == []


@settings(max_examples=60, deadline=None)  # the first example loads the rules
@given(weights, st.data(), st.integers(min_value=1, max_value=5))
def test_a_heading_off_by_some_points_is_one_finding(ws, data, bump):
    cut = data.draw(st.integers(min_value=1, max_value=len(ws) - 1))
    found = _run("P-heading-weight", [_headed(ws, cut, bump)])
    # the heading itself, and (when no heading repeats) the headings' total: one cause each
    assert any("产出指标" in f.message and f.difference == str(-bump) for f in found)


@settings(max_examples=60, deadline=None)  # the first example loads the rules
@given(weights, st.data())
def test_a_missing_full_marks_row_is_one_uncertain_finding(ws, data):
    drop = data.draw(st.integers(min_value=0, max_value=len(ws) - 1))
    item = _headed(ws, 1)
    kept = [r.model_copy(update={"level1_weight": None}) for i, r in enumerate(item.indicators) if i != drop]
    item = item.model_copy(update={"indicators": kept})
    (f,) = _run("P-weight-sum", [item])
    assert f.extraction_uncertain and f.severity.value == "warning"


def test_demo_documents_raise_no_performance_finding():
    """The writer's demo self-evaluations are consistent by construction (执行率得分 = 分值 × 执行率,
    weights add to 100, 偏差度 printed as |实际 − 目标| ÷ 目标): no P rule may object."""
    from juesuan.rules.causes import flatten
    from juesuan.synth import generate

    all_rules()
    found = [(y.disclosure.meta.source, f.rule, f.message[:60]) for dep in generate() for y in dep.years
             for f in flatten(run_rules(y.disclosure)) if f.family == "P"]
    assert found == []
