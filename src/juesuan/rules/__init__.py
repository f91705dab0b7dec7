"""The audit: a registry of rules (families C A H X N K U P, spec §5) over the canonical model.

    from juesuan.rules import run_rules, evaluate, select
    findings = run_rules(doc)                      # list[Finding], most severe first
    findings, coverage = evaluate(doc, select("A,H", exclude="H-kuan-sum"))
"""

from juesuan.findings import Finding, sort_findings
from juesuan.rules.base import (
    FAMILIES,
    REGISTRY,
    Context,
    Rule,
    all_rules,
    evaluate,
    register,
    run_rules,
    select,
)

__all__ = ["FAMILIES", "REGISTRY", "Context", "Finding", "Rule", "all_rules", "evaluate", "register", "run_rules",
           "select", "sort_findings"]
