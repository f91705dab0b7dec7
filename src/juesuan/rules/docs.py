"""The rule catalogue as Markdown (docs/rules.md), generated from the registry.

    python -m juesuan.rules.docs > docs/rules.md

tests/rules/test_docs.py fails when docs/rules.md is out of date.
"""

from __future__ import annotations

from collections import Counter

from juesuan.rules.base import FAMILIES, all_rules


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown() -> str:
    rules = all_rules()
    counts = Counter(r.family for r in rules)
    out = [
        "# Rule catalogue",
        "",
        "Generated from the rule registry by `python -m juesuan.rules.docs > docs/rules.md`; "
        "`tests/rules/test_docs.py` keeps it in sync. Each rule's docstring (in `src/juesuan/rules/`) "
        "gives a failing and a passing example.",
        "",
        "Equality of printed numbers: `money.tolerance(n)` = 0.005 per printed term (尾差). "
        "Severity: `error` an identity fails beyond tolerance or a required part is missing; "
        "`warning` may be legitimate; `info` a note.",
        "",
        f"{len(rules)} rules: " + ", ".join(f"{f} {FAMILIES[f]} {counts[f]}" for f in FAMILIES if counts[f]) + ".",
        "",
        "| id | family | severity | what it checks |",
        "|---|---|---|---|",
    ]
    for r in rules:
        out.append(f"| `{r.id}` | {r.family} {FAMILIES[r.family]} | {r.severity} | {_cell(r.summary)} |")
    out.append("")
    from juesuan.rules.causes import POLICY  # the audit engineer's section

    out.append(POLICY)
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    print(markdown(), end="")
