"""Validation before rendering: do the figures hold together?

``validate(d)`` audits the disclosure with the rule catalogue (``juesuan.rules``: the
identities of ``juesuan.relations`` and the other families) and keeps the findings about its
figures. The renderer refuses to write a disclosure with error findings unless forced.
"""

from __future__ import annotations

from collections.abc import Iterable

from juesuan.findings import Family, Finding, Severity
from juesuan.model import Disclosure
from juesuan.rules import run_rules

# Families that say nothing about the figures being rendered: the rendered document always
# prints all nine tables (empty ones with a statement), every 情况说明 section and the
# glossary (C), and writes its narrative afresh from the figures (N).
IGNORED_FAMILIES = (Family.C, Family.N)


def validate(d: Disclosure) -> list[Finding]:
    """Findings about the disclosure's own figures, most severe first (errors block rendering)."""
    return [f for f in run_rules(d) if f.family not in IGNORED_FAMILIES]


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


__all__ = ["IGNORED_FAMILIES", "errors", "validate"]
