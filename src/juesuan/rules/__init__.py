"""The audit: a registry of rules (families C A H X N K U P, spec §5) over the canonical model.

    from juesuan.rules import run_rules, all_rules
    findings = run_rules(doc)          # list[Finding], most severe first
"""

from juesuan.rules.base import (
    FAMILIES,
    REGISTRY,
    Context,
    Finding,
    Rule,
    all_rules,
    register,
    run_rules,
    sort_findings,
)

__all__ = ["FAMILIES", "REGISTRY", "Context", "Finding", "Rule", "all_rules", "register", "run_rules",
           "sort_findings"]
