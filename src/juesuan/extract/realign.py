"""Amount rows that drifted against their code rows (flat layout, total-first code tables).

Some text tools emit a table's amount column apart from its code/name column: the amounts
of each printed row come out as a run, one row's amounts a line, while codes and names come
out with names wrapped over several lines. Where the table lists a code whose row prints no
amount (a fund-only code of 政府性基金 in the 一般公共预算 table), the run of amounts does not
skip it: from that row on, every code line carries a later row's amounts, and the last rows
carry amounts that are not theirs (pdfplumber on some FY2025 disclosures). Placing columns
cannot see this: each drifted row still adds up within itself (its whole tuple moved).

Two identities can see it. The table's hierarchy — parent = Σ children on the total column —
fails in bulk; and the sibling table says which figure a code can carry: T05's and T08's
rows are part of T03's same code (≤, and usually =), T03's rows at least T05's.

:func:`realign` treats the amount rows as a sequence and aligns it, in order, to the code
rows (a code row may get no amounts; an amount row may be left over), maximising the rows
whose total equals the sibling table's figure, within the bounds. The alignment is kept only
when every hierarchy identity of the realigned table holds. Otherwise :func:`flag_unconfirmed`
marks every row that no holding identity ties to its amounts uncertain: a misplaced figure
is never shown as read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from juesuan.extract.records import Record, Value, add_note, parent_row
from juesuan.money import tolerance

# Below these, failing identities are the document's own slips, not a drift (status.py).
MIN_FAILING = 3
BULK_SHARE = Decimal("0.2")
# Alignment scores, compared in this order: rows whose total equals the sibling's figure; rows
# taking amounts; amount rows passed over inside the run (the run is contiguous: left-over rows
# are at its end); rows keeping the amounts printed on their own line (when the caller knows
# where each amount row was printed: the text tool moved as little as it could); then rows
# taking amounts as early as they can (a drift starts at a row that prints nothing and
# carries on: a later row does not give its amounts back).
Score = tuple[int, int, int, int, int]
REALIGNED = "数值与行的对应按表内勾稽关系和相关表同一科目的数值重新对齐（文本中金额行与科目行错位）"
UNCONFIRMED = "表内勾稽关系大量不成立（金额行与科目行可能错位），该行数值与科目的对应未得到印证"


@dataclass
class Reference:
    """What the sibling table says about a row's total: ``low`` ≤ total ≤ ``high`` (None: no
    bound), usually equal to one of them."""

    low: Decimal | None = None
    high: Decimal | None = None

    def allows(self, v: Decimal) -> bool:
        tol = tolerance(2)
        return (self.low is None or v >= self.low - tol) and (self.high is None or v <= self.high + tol)

    def equals(self, v: Decimal) -> bool:
        return any(b is not None and abs(b - v) <= tolerance(1) for b in (self.low, self.high))


def hierarchy(keys: list[str | None], totals: list[Decimal | None]) -> list[tuple[int, list[int], bool]]:
    """(parent, children, holds) for each parent whose total is printed and that has child
    rows: parent total = Σ children's totals (a child printing nothing is 0)."""
    index = {k: i for i, k in enumerate(keys) if k is not None}
    kids: dict[int, list[int]] = {}
    for i, k in enumerate(keys):
        up = parent_row(k)
        if up is not None and up in index:
            kids.setdefault(index[up], []).append(i)
    out = []
    for p, ch in kids.items():
        whole = totals[p]
        if whole is None:
            continue
        s = sum((totals[c] or Decimal(0) for c in ch), Decimal(0))
        out.append((p, ch, abs(s - whole) <= tolerance(len(ch))))
    return out


def _totals(records: list[Record]) -> list[Decimal | None]:
    return [r.values[0].parsed.value if r.values else None for r in records]


def fails_in_bulk(records: list[Record]) -> bool:
    checks = hierarchy([r.key for r in records], _totals(records))
    failing = sum(1 for *_, ok in checks if not ok)
    return failing >= MIN_FAILING and failing >= BULK_SHARE * len(checks)


class _Aligner:
    """The alignments of one table's amount rows to its rows (``align``), asked again and again
    with other forbidden pairs (``_verified``, ``settle``): which amount row each row may take,
    and what taking it scores, depend only on the rows, the amount rows, the bounds and
    ``own`` (the row each amount row was printed on, when known), so they are worked out once.

    A score (see ``Score``) is held as one integer, its parts weighted by powers of a base
    larger than any difference two scores' parts can have: comparing the integers compares the
    tuples in order, at a fraction of the cost of building and comparing tuples."""

    def __init__(self, keys: list[str | None], tuples: list[list[Value]], refs: dict[str, Reference],
                 own: list[int] | None = None):
        n, m = len(keys), len(tuples)
        self.n, self.m = n, m
        base = n * n + n + m + 2
        w = [base ** 4, base ** 3, base ** 2, base, 1]
        self.skip = -w[2]  # an amount row nobody takes
        # pair[i][k]: the score of row i taking amount row k (None: a bound forbids it)
        self.pair: list[list[int | None]] = []
        for i, key in enumerate(keys):
            ref = refs.get(key) if key is not None else None
            row: list[int | None] = []
            for k in range(m):
                total = tuples[k][0].parsed.value
                if ref is not None and not ref.allows(total):
                    row.append(None)
                    continue
                match = int(ref is not None and ref.equals(total))
                kept = int(own is not None and own[k] == i)
                row.append(match * w[0] + w[1] + kept * w[3] + (n - i) * w[4])
            self.pair.append(row)

    def align(self, forbidden: frozenset[tuple[int, int]] = frozenset()) -> list[int | None]:
        """For each row, the index of the amount row it takes (None: none), in order: the
        alignment with the most totals equal to the sibling's figure, within every bound, and
        pairing no (row, amount row) in ``forbidden`` (ties go to rows keeping their own)."""
        n, m, skip, pair = self.n, self.m, self.skip, self.pair
        best: list[list[int | None]] = [[None] * (m + 1) for _ in range(n + 1)]
        step: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
        best[0][0] = 0
        # the moves out of (i, k), in this order (ties keep the first): row i prints no
        # amounts; amount row k is nobody's; row i takes amount row k
        for i in range(n + 1):
            here, there = best[i], best[i + 1] if i < n else None
            for k in range(m + 1):
                s = here[k]
                if s is None:
                    continue
                if there is not None:
                    cur = there[k]
                    if cur is None or s > cur:
                        there[k], step[i + 1][k] = s, (i, k)
                if k < m and i > 0:
                    v = s + skip
                    cur = here[k + 1]
                    if cur is None or v > cur:
                        here[k + 1], step[i][k + 1] = v, (i, k)
                if there is not None and k < m:
                    gain = pair[i][k]
                    if gain is not None and (i, k) not in forbidden:
                        v = s + gain
                        cur = there[k + 1]
                        if cur is None or v > cur:
                            there[k + 1], step[i + 1][k + 1] = v, (i, k)
        # left-over amount rows at the end are free
        last = best[n]
        k_end = max((k for k in range(m + 1) if last[k] is not None), key=lambda k: (last[k], -k))
        out: list[int | None] = [None] * n
        i, k = n, k_end
        while (i, k) != (0, 0):
            prev = step[i][k]
            assert prev is not None
            if prev[0] == i - 1 and prev[1] == k - 1:
                out[i - 1] = k - 1
            i, k = prev
        return out


# Alignments tried after the best one fails the hierarchy: each round forbids one pairing the
# sibling table did not confirm (a row that took an amount row only because its bound allowed it).
MAX_ROUNDS = 6
# Alignment cells (rows × amount rows) tried in all, at most: past it the rows are flagged
# instead (a long table failing in bulk for another reason must not cost minutes).
MAX_WORK = 4_000_000


def _judge(keys: list[str | None], tuples: list[list[Value]], refs: dict[str, Reference],
           taken: list[int | None]) -> tuple[int, int, set[int], set[int]]:
    """(failing identities, checkable identities, suspect rows, confirmed rows) of an
    alignment. A row that takes amounts is confirmed by its sibling's equal figure or by a
    holding identity it is part of; suspects are the unconfirmed rows that take amounts and
    the rows of failing identities whose figure the sibling does not confirm."""
    totals = [tuples[t][0].parsed.value if t is not None else None for t in taken]
    checks = hierarchy(keys, totals)
    matched = {i for i, t in enumerate(taken) if t is not None
               and (ref := refs.get(keys[i] or "")) is not None and ref.equals(tuples[t][0].parsed.value)}
    confirmed = matched | {i for p, ch, ok in checks if ok for i in (p, *ch) if taken[i] is not None}
    suspects = {i for i, t in enumerate(taken) if t is not None and i not in confirmed}
    suspects |= {i for p, ch, ok in checks if not ok for i in (p, *ch) if taken[i] is not None and i not in matched}
    return sum(1 for *_, ok in checks if not ok), len(checks), suspects, confirmed


@dataclass
class Rules:
    """What makes an alignment acceptable besides its identities: how many identities must be
    checkable (a flat code table has many; a T06 column group one class sum), where each
    amount row was printed (``own``, see ``_Aligner``), and the caller's own test of the
    alignment (``accept``: e.g. the left-over rows must repeat the run's start)."""

    min_checks: int = MIN_FAILING
    own: list[int] | None = None
    accept: Callable[[list[int | None]], bool] | None = None


def _holds(keys: list[str | None], tuples: list[list[Value]], refs: dict[str, Reference],
           taken: list[int | None], rules: Rules) -> bool:
    failing, checkable, suspects, _confirmed = _judge(keys, tuples, refs, taken)
    total_row = keys.index("合计") if "合计" in keys else None
    return (checkable >= rules.min_checks and not failing and not suspects
            and (total_row is None or taken[total_row] is not None)
            and (rules.accept is None or rules.accept(taken)))


def _verified(keys: list[str | None], tuples: list[list[Value]], refs: dict[str, Reference],
              rules: Rules | None = None) -> list[int | None] | None:
    """The best alignment under which every hierarchy identity holds and every row that takes
    amounts is confirmed (and the 合计 row, when printed, takes its own), or None."""
    rules = rules or Rules()
    forbidden: frozenset[tuple[int, int]] = frozenset()
    aligner = _Aligner(keys, tuples, refs, rules.own)
    taken = aligner.align()
    for _ in range(MAX_ROUNDS):
        if _holds(keys, tuples, refs, taken, rules):
            return taken
        _failing, checkable, suspects, _confirmed = _judge(keys, tuples, refs, taken)
        if checkable < rules.min_checks:
            return None
        if len(suspects) * (len(keys) + 1) * (len(tuples) + 1) > MAX_WORK // MAX_ROUNDS:
            return None
        tries = []
        for i in sorted(suspects):
            pair = (i, taken[i])
            alt = aligner.align(forbidden | {pair})  # type: ignore[arg-type]
            f, _, sus, conf = _judge(keys, tuples, refs, alt)
            tries.append(((f + len(sus), -len(conf)), alt, pair))
        if not tries:
            return None
        _, taken, pair = min(tries, key=lambda x: x[0])
        forbidden = forbidden | {pair}  # type: ignore[arg-type]
    return None


def _figure(tuples: list[list[Value]], t: int | None) -> Decimal:
    return tuples[t][0].parsed.value if t is not None else Decimal(0)  # blank == 0


def _matches(keys: list[str | None], tuples: list[list[Value]], refs: dict[str, Reference], taken: list[int | None]) -> int:
    """Rows whose figure equals the sibling table's (blank counts as 0)."""
    return sum(1 for k, t in zip(keys, taken) if (ref := refs.get(k or "")) is not None and ref.equals(_figure(tuples, t)))


def settle(keys: list[str | None], tuples: list[list[Value]], refs: dict[str, Reference],
           rules: Rules) -> tuple[list[int | None], set[int]] | None:
    """The verified alignment (``_verified``) and the rows it does not settle: those to which
    another alignment, as acceptable, gives another figure. (An identity that every candidate
    satisfies confirms none of them: a class sum holds wherever a one-row shift starts.) Each
    alternative pairs one row with another amount row than the verified alignment does, and is
    counted only when the sibling table supports it as well (as many equal figures)."""
    taken = _verified(keys, tuples, refs, rules)
    if taken is None:
        return None
    evidence = _matches(keys, tuples, refs, taken)
    unsettled: set[int] = set()
    aligner = _Aligner(keys, tuples, refs, rules.own)
    for i, t in enumerate(taken):
        if t is None:
            continue
        alt = aligner.align(frozenset({(i, t)}))
        # an alternative the sibling table supports less (fewer equal figures) unsettles nothing:
        # the bound allows it, the usual equality speaks against it
        if _holds(keys, tuples, refs, alt, rules) and _matches(keys, tuples, refs, alt) >= evidence:
            unsettled |= {j for j in range(len(keys)) if _figure(tuples, alt[j]) != _figure(tuples, taken[j])}
    return taken, unsettled


def realign(records: list[Record], refs: dict[str, Reference]) -> list[list[Value]] | None:
    """Realign the amount rows of a table whose hierarchy fails in bulk (see module). Returns
    the left-over amount rows when the realignment is kept (records changed in place), None
    when nothing was changed."""
    if not refs or not fails_in_bulk(records):
        return None
    keys = [r.key for r in records]
    tuples = [r.values for r in records if r.values]
    taken = _verified(keys, tuples, refs)
    if taken is None:
        return None
    owner = [i for i, r in enumerate(records) if r.values]  # amount row → the row it was printed on
    for i, (rec, t) in enumerate(zip(records, taken)):
        rec.values = list(tuples[t]) if t is not None else []
        if t is None:
            # a code row printing no amount here is none of this table's rows (blank == absent);
            # kept as a name-only row it would be listed after the rows with figures
            rec.name = ""
        elif owner[t] != i:
            for v in rec.values:
                v.note = add_note(v.note, REALIGNED)
                v.line, v.chunk = rec.line, None  # printed on the row's own line in the document
    used = {t for t in taken if t is not None}
    return [tp for j, tp in enumerate(tuples) if j not in used]


def repeats_run_start(left: list[list[Value]], records: list[Record]) -> bool:
    """Are the left-over amount rows, in order, a copy of the first amount rows placed? (The
    tool started the run over: figures read, and known to be repeats.)"""
    return repeats_start(left, [r.values for r in records if r.values])


def repeats_start(left: list[list[Value]], placed: list[list[Value]]) -> bool:
    """Are the amount rows ``left`` a copy, in order, of the first of ``placed``?"""
    first = placed[: len(left)]
    return bool(left) and len(first) == len(left) and all(
        [v.raw for v in a] == [v.raw for v in b] for a, b in zip(left, first))


def flag_unconfirmed(records: list[Record]) -> int:
    """In a table whose hierarchy fails in bulk, mark uncertain every value of a row that no
    holding identity ties to its amounts (a parent or child of a holding parent = Σ children).
    Returns how many rows were marked."""
    if not fails_in_bulk(records):
        return 0
    checks = hierarchy([r.key for r in records], _totals(records))
    # A parent with one child confirms nothing here: a drift moves both rows' amounts along
    # together, and a parent and its only child print the same figure.
    confirmed = {i for p, ch, ok in checks if ok and len(ch) > 1 for i in (p, *ch)}
    marked = 0
    for i, rec in enumerate(records):
        if i in confirmed or not rec.values:
            continue
        marked += 1
        for v in rec.values:
            v.uncertain = True
            v.note = add_note(v.note, UNCONFIRMED)
    return marked


__all__ = ["Reference", "Rules", "realign", "repeats_run_start", "repeats_start", "settle", "flag_unconfirmed", "fails_in_bulk", "hierarchy"]
