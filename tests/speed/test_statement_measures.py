"""The statements reader finds a sentence's budgets and final amount by patterns that open with
their literal word (session 27): the budgets (kind and amount) and the final amount are those
of the plain patterns, whose optional words before it made the engine try every character.
Synthetic sentences."""

from __future__ import annotations

import importlib
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

statements = importlib.import_module("juesuan.extract.claims.statements")

_MONEY = r"(\d+(?:\.\d+)?)\s*(万元|亿元|元)"
_PLAIN_BUDGET = re.compile(r"(年初|全年|调整后)?预算(?:数|总额)?(?:为|是|:|：)?\s*" + _MONEY)
_PLAIN_FINAL = re.compile(r"(?:支出)?决算(?:数)?(?:为|是|:|：)?\s*" + _MONEY)

# the words of both patterns, whole and cut, figures and units, 完成 before a budget
_PIECES = st.sampled_from(["年初", "全年", "调整后", "调整", "后", "年", "预算", "预", "算", "数", "总额", "为", "是", ":",
                           "：", " ", "12.5", "0", "万元", "亿元", "元", "完成", "支出", "决算", "，", "。", "x"])
_SENTENCES = st.lists(_PIECES, max_size=24).map("".join)


def _budgets_before(sent: str) -> list[tuple[str, object]]:
    """statements' budgets before session 27: the plain pattern's matches."""
    return [((bm.group(1) or "") + "预算", statements._wan(bm.group(2), bm.group(3)))
            for bm in _PLAIN_BUDGET.finditer(sent) if not statements._DONE_BEFORE.search(sent, 0, bm.start())]


@given(_SENTENCES)
@example("年初预算为1万元，调整后预算2元,完成全年预算3万元")
@settings(max_examples=100, deadline=None)
def test_the_budgets_and_final_amount_are_those_of_the_plain_patterns(sent: str) -> None:
    assert statements._budgets(sent) == _budgets_before(sent)
    got, plain = statements.FINAL_RE.search(sent), _PLAIN_FINAL.search(sent)
    assert (got and got.groups()) == (plain and plain.groups())


_PATH_PIECES = st.sampled_from(["类", "款", "项", "(", ")", "（", "）", "分类", "支出", "行政运行", ",", "、", "1", " "])


@given(st.lists(_PATH_PIECES, max_size=16).map("".join))
@settings(max_examples=100, deadline=None)
def test_a_path_is_looked_for_only_where_a_bracketed_class_is(sent: str) -> None:
    if "类)" not in sent and "类）" not in sent:
        assert statements._PATH_RE.search(sent) is None
