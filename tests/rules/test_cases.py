"""Every rule case in tests/rules/cases/*.yml (format: docs/rules.md, "Rule cases"): build the
case's disclosure, run the one rule, compare its findings with the case's — severity, expected,
actual, difference and the cells — exactly."""

from __future__ import annotations

import pytest

from juesuan.rules import REGISTRY, all_rules, run_rules

from .rule_cases import CASES, build, load_cases

ALL = load_cases()


def summary(findings) -> list[dict]:
    out = []
    for f in findings:
        e: dict = {"severity": f.severity.value}
        for k in ("expected", "actual", "difference"):
            if getattr(f, k) is not None:
                e[k] = getattr(f, k)
        e["cells"] = ["/".join(c.key) for c in f.cells]
        out.append(e)
    return out


@pytest.mark.parametrize(("rule_id", "case"), ALL, ids=[f"{r}:{i}" for i, (r, _) in enumerate(ALL)])
def test_case(rule_id, case):
    found = run_rules(build(case), [REGISTRY[rule_id]])
    assert all(f.rule == rule_id and f.family == rule_id[0] and f.message for f in found)
    assert summary(found) == case["findings"], [f.message for f in found]


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.id)
def test_every_rule_has_passing_and_failing_cases(rule):
    mine = [c for r, c in ALL if r == rule.id]
    assert (CASES / f"{rule.id}.yml").exists(), f"no case file for {rule.id}"
    assert any(not c["findings"] for c in mine), f"{rule.id}: no passing case"
    assert any(c["findings"] for c in mine), f"{rule.id}: no failing case"


def test_case_files_name_registered_rules():
    assert {r for r, _ in ALL} <= set(REGISTRY)
