"""reading_order weighs the moves of an arrangement only where a move can pay (session 27):
the junctions found to be seams once per round, and no move weighed when fewer than two seams
are left (a move must remove two). The moves made are those of weighing every junction on
every round. Synthetic lines."""

from __future__ import annotations

import importlib

from hypothesis import example, given, settings
from hypothesis import strategies as st

ro = importlib.import_module("juesuan.extract.claims.reading_order")

# pieces of narrative lines that leave seams or answer them: brackets, 类/款/项 names, figures,
# numbered items, words wanting a figure, clause ends
_LINE_PIECES = st.sampled_from(["(", "（", ")", "）", "(类)", "(款)", "行政运行", "(项)", "12.5万元", "3", "1、", "2、",
                                "（一）", "年初预算为", "占", "金额", "。", "；", ",", "支出", "收入"])
_LINES = st.lists(st.lists(_LINE_PIECES, min_size=1, max_size=6).map("".join), min_size=1, max_size=14)


def _moved_before(order: list[int], feats) -> list[int]:
    """reading_order's moves before session 27: every junction weighed on every round."""
    budget = ro._BUDGET
    seams_of: dict = {}
    while budget > 0:
        cost = ro._cost(order, feats, seams_of)
        best = None
        for p in range(len(order) - 1):
            x, y = feats[order[p]], feats[order[p + 1]]
            if not ro._seam(x, y):
                continue
            cands = []
            q = next((q for q in range(p + 2, min(len(order), p + 2 + ro._WINDOW)) if ro._answers(x, feats[order[q]])), None)
            if q is not None:
                e = ro._block_after(order, q, feats)
                s = ro._block_before(order, p, feats)
                cands += [order[:p + 1] + order[q:e] + order[p + 1:q] + order[e:],
                          order[:s] + order[p + 1:q] + order[s:p + 1] + order[q:]]
            q = next((q for q in range(p + 2, min(len(order), p + 2 + ro._WINDOW)) if ro._wanted_by(y, feats[order[q]])), None)
            if q is not None:
                cands.append(order[:p + 1] + order[p + 2:q + 1] + order[p + 1:p + 2] + order[q + 1:])
            for cand in cands:
                budget -= 1
                c = ro._cost(cand, feats, seams_of)
                if c <= cost - 2 and (best is None or c < best[0]):
                    best = (c, cand)
        if best is None:
            break
        order = best[1]
    return order


@given(_LINES, st.lists(st.booleans(), min_size=14, max_size=14))
@example(["收入）", "）。", "("], [True, False, False] + [False] * 11)  # two seams, one move removes both
@settings(max_examples=100, deadline=None)
def test_the_moves_are_those_of_weighing_every_junction(texts: list[str], starts: list[bool]) -> None:
    feats = [ro._features(t, s) for t, s in zip(texts, starts)]
    order = list(range(len(texts)))
    assert ro._moved(list(order), feats) == _moved_before(order, feats)
