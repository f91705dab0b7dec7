"""The T06 searches' shared setup (``economic.Frame``) and the run placements' listed spans
(``econruns.placements``) give exactly what the plain per-search code gave: the same setup,
the same placements in the same order, the same budget spent. Made-up tables only."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan.extract.blocks.economic import EconomicSearch, Frame, Rows
from juesuan.extract.blocks.econruns import _Fixed, _parent, _spans, columns, placements
from juesuan.glossary import PERSONNEL_CLASSES, T06_TOTALS

_CLASSES = ["301", "302", "303", "310", "399"]


@st.composite
def _tables(draw: st.DrawFn) -> tuple[Rows, dict[int, int]]:
    """A T06's rows (classes, each with some items, the totals) with values in half cents,
    some rows anchored to an amount and the other amounts free."""
    classes = draw(st.lists(st.sampled_from(_CLASSES), min_size=1, max_size=4, unique=True))
    codes: list[str] = []
    for c in sorted(classes):
        codes.append(c)
        codes += [f"{c}{n:02d}" for n in draw(st.lists(st.integers(1, 99), max_size=4, unique=True))]
    rows = [*codes, *T06_TOTALS]
    anchored_rows = draw(st.lists(st.sampled_from(rows), unique=True))
    nfree = draw(st.integers(0, 4))
    amounts = draw(st.lists(st.integers(-3, 40) if draw(st.booleans()) else st.integers(0, 40),
                            min_size=len(anchored_rows) + nfree, max_size=len(anchored_rows) + nfree))
    values = dict(enumerate(x * 100 for x in amounts))
    anchored = {r: i for i, r in enumerate(anchored_rows)}
    return Rows(codes, {}, anchored, list(range(len(anchored_rows), len(amounts))), list(T06_TOTALS)), values


def _plain_setup(rows: Rows, values: dict[int, int]) -> dict[str, object]:
    """The setup as each search used to work it out, from scratch."""
    classes = [c for c in rows.codes if len(c) == 3]
    fixed = {r: values[i] for r, i in rows.anchored.items()}
    fixed_items = {c: (0, 0) for c in classes}
    for r, x in fixed.items():
        if len(r) == 5 and r[:3] in fixed_items:
            total, n = fixed_items[r[:3]]
            fixed_items[r[:3]] = (total + x, n + 1)
    open_items: dict[str, list[str]] = {c: [] for c in classes}
    for r in rows.codes:
        if len(r) == 5 and r[:3] in open_items and r not in rows.anchored:
            open_items[r[:3]].append(r)
    return {"classes": classes, "fixed": fixed, "_fixed_items": fixed_items, "open_items": open_items,
            "open_rows": [r for r in [*classes, *rows.totals] if r not in rows.anchored],
            "free": sorted((values[i] for i in rows.free), reverse=True),
            "_classes_of": {p: [c for c in classes if (c in PERSONNEL_CLASSES) == p] for p in (True, False)},
            "bounded": all(v >= 0 for v in values.values())}


def _outcome(s: EconomicSearch) -> tuple[object, ...]:
    s.run()
    return s.solutions, s.budget


@given(_tables(), st.booleans())
@settings(max_examples=300, deadline=None)
def test_a_search_sets_up_as_the_plain_code_did(table: tuple[Rows, dict[int, int]], exact: bool) -> None:
    rows, values = table
    s = EconomicSearch(rows, values, 500, exact=exact)
    assert {k: getattr(s, k) for k in _plain_setup(rows, values)} == _plain_setup(rows, values)


@given(_tables(), st.data())
@settings(max_examples=300, deadline=None)
def test_a_shared_frame_finds_what_a_fresh_search_finds(table: tuple[Rows, dict[int, int]], data: st.DataObject) -> None:
    # econruns shares one frame among searches that anchor different rows of one table
    rows, values = table
    frame = Frame.of(rows.codes, values)
    everything = [*rows.anchored.values(), *rows.free]
    for _ in range(3):
        keep = data.draw(st.lists(st.sampled_from(sorted(rows.anchored)), unique=True)) if rows.anchored else []
        other = Rows(rows.codes, {}, {r: rows.anchored[r] for r in keep},
                     [i for i in everything if i not in {rows.anchored[r] for r in keep}], rows.totals)
        budget = data.draw(st.integers(1, 400))
        assert _outcome(EconomicSearch(other, values, budget, exact=True, frame=frame)) == \
            _outcome(EconomicSearch(other, values, budget, exact=True))


def _plain_placements(cols: list[list[str]], runs: list[list[int]], values: dict[int, int],
                      budget: list[int]) -> Iterator[dict[str, int]]:
    """``placements`` as it was: every span looked at afresh."""
    fixed = _Fixed(cols)
    taken: dict[str, int] = {}
    order = sorted(runs, key=len, reverse=True)

    def step(u: int) -> Iterator[dict[str, int]]:
        if u == len(order):
            yield dict(taken)
            return
        run = order[u]
        for col in cols:
            for s in _spans(col, len(run)):
                budget[0] -= 1
                if budget[0] < 0:
                    return
                rows = col[s:s + len(run)]
                if any(r in taken for r in rows):
                    continue
                for r, i in zip(rows, run):
                    taken[r] = i
                    fixed.values[r] = values[i]
                if fixed.wholes_hold(list({p for r in rows if (p := _parent(r)) is not None}
                                          | {r for r in rows if r in fixed.children})):
                    yield from step(u + 1)
                for r in rows:
                    del taken[r]
                    del fixed.values[r]

    yield from step(0)


@given(_tables(), st.lists(st.integers(2, 4), min_size=1, max_size=3), st.integers(1, 3000))
@settings(max_examples=300, deadline=None)
def test_run_placements_are_those_of_the_plain_code(table: tuple[Rows, dict[int, int]], sizes: list[int],
                                                     budget: int) -> None:
    rows, values = table
    cols = columns(rows.codes)
    # runs of consecutive amounts, with values cycling through the table's
    runs, at = [], 0
    for size in sizes:
        runs.append(list(range(at, at + size)))
        at += size
    figures = {i: values[i % len(values)] if values else 0 for i in range(at)}
    new, old = [budget], [budget]
    got, want = [], []
    # the consumer spends from the budget between placements, as solve_runs does
    for p in placements(cols, runs, figures, new):
        got.append((p, new[0]))
        new[0] -= 1
    for p in _plain_placements(cols, runs, figures, old):
        want.append((p, old[0]))
        old[0] -= 1
    assert got == want and new == old
