
from juesuan.rules import all_rules
from juesuan.rules.docs import markdown
from tests_support import DOCS

DOC = DOCS / "rules.md"


def test_rules_md_in_sync():
    assert DOC.read_text(encoding="utf-8") == markdown(), (
        "docs/rules.md is out of date: python -m juesuan.rules.docs > docs/rules.md")


def test_every_rule_listed():
    text = DOC.read_text(encoding="utf-8")
    for r in all_rules():
        assert f"`{r.id}`" in text
