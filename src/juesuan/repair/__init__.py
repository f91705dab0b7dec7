"""repair: undo OCR damage — only where the evidence justifies it — and record every change.

What counts as evidence (strongest first): the same figure printed elsewhere in the
document; an accounting identity that only the repaired value satisfies; the catalogue.
When the evidence cannot tell an OCR slip from a genuine error of the document, the printed
value is kept and the cell is marked uncertain, so a reviewer sees both possibilities.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from juesuan.memo import memo
from juesuan.model import Cell, Disclosure, Repair
from juesuan.money import YUAN_PER_WAN, one_digit_apart, parse_amount, parse_decimal, tolerance
from juesuan.repair.identities import CELL_KEY, CELL_VALUE, DocumentIdentities, Identity, Key, sum_gap
from juesuan.repair.names import repair_names

CENT = Decimal("0.01")


def repair_document(doc: Disclosure, ocr_pages: set[int] | frozenset[int] = frozenset(),
                    doc_identities: DocumentIdentities | None = None) -> None:
    """``ocr_pages``: pages read by OCR; a figure on them that no identity confirms is marked
    uncertain (recognition may have changed it without a trace). ``doc_identities``: the
    build's (the table status asks for them next)."""
    _convert_units(doc)
    ids = (doc_identities or DocumentIdentities(doc))()
    by_key: defaultdict[Key, list[Identity]] = defaultdict(list)
    for ident in ids:
        # (a list made only for a key met first, not one for every key: a document's identities
        # hold thousands of keys; read with get below, so no key is added by a look)
        by_key[ident.total].append(ident)
        for k in ident.parts:
            by_key[k].append(ident)
    all_cells = doc.all_cells()
    cells = dict(zip(map(CELL_KEY, all_cells), all_cells))
    _repair_numbers(doc, cells, by_key)
    _remove_strays(doc, cells, by_key)
    _restore_unreadable(doc, cells, by_key)
    _restore_lost_totals(doc, cells)
    _mark_suspicious(doc, cells, by_key)
    if ocr_pages:
        _mark_unconfirmed(cells, by_key, ocr_pages)
    repair_names(doc)


def _convert_units(doc: Disclosure) -> None:
    """Tables printed in 元 are converted to 万元; the printed text stays in ``raw``."""
    if doc.meta.unit != "元":
        return
    for c in doc.all_cells():
        c.value = c.value / YUAN_PER_WAN


def _record(doc: Disclosure, cell: Cell, reason: str, uncertain: bool = False) -> None:
    cell.repaired = True
    cell.repair = reason if not cell.repair else f"{cell.repair}; {reason}"
    cell.uncertain = cell.uncertain or uncertain
    doc.repairs.append(Repair(table=cell.table, row=cell.row, column=cell.column, raw=cell.raw,
                              value=format(cell.value, "f"), reason=reason, line=cell.line, page=cell.page))


def _implied(ident: Identity, key: Key, cells: dict[Key, Cell], skip: set[Key]) -> tuple[Decimal, int] | None:
    """The value ``key`` must have for ``ident`` to hold, from the other printed cells, and
    the number of printed terms (for the tolerance). None when another term is unknown."""
    others = [k for k in ident.keys if k != key]
    if any(k in skip for k in others):
        return None
    present = [k for k in others if k in cells]
    if not present:
        return None
    # n = printed terms of the sum (money.tolerance): the parts that are printed, with ``key``
    # itself counted when it is one of them.
    n_parts = sum(1 for k in ident.parts if k in cells or k == key)
    if ident.total == key:
        val = sum((cells[k].value for k in ident.parts if k in cells), Decimal(0))
    else:
        if ident.total not in cells:
            return None
        val = cells[ident.total].value - sum((cells[k].value for k in ident.parts if k in cells and k != key), Decimal(0))
    return val, max(n_parts, 1)


class _SumCache:
    """``_implied`` for every cell of every identity, without re-adding all the parts each
    time: each identity's sum of printed parts is taken once (Decimal sums of printed amounts
    are exact, so taking one term out again gives what adding the others would). For cells
    that are all settled (nothing skipped), as ``_mark_suspicious`` asks."""

    def __init__(self, cells: dict[Key, Cell]):
        self.cells = cells
        # id(identity) → (Σ printed parts, how many, smallest exponent among 0 and them, how
        # many have it). By identity, not by value: hashing an identity hashes all its parts,
        # and each is asked about once for every one of its cells.
        self.sums: dict[int, tuple[Decimal, int, int, int]] = {}
        self.verdicts: dict[int, bool | None] = {}  # id(identity) → holds' answer (None: ask implied)
        # the keys an identity found to hold answers True for (holds): _all_failing is None for
        # each, whatever its other identities say — most cells, known by a set's look before
        # any identity of theirs is asked
        self.held: set[Key] = set()

    def implied(self, ident: Identity, key: Key) -> tuple[Decimal, int] | None:
        cells = self.cells
        if key not in cells:
            return _implied(ident, key, cells, set())
        got = self.sums.get(id(ident))
        if got is None:
            printed = [cells[k].value for k in ident.parts if k in cells]
            exps = [0, *(int(v.as_tuple().exponent) for v in printed)]
            low = min(exps)
            got = self.sums[id(ident)] = (sum(printed, Decimal(0)), len(printed), low, exps.count(low))
        total, n_printed, low, at_low = got
        if ident.total == key:
            if n_printed == 0 or ident.total in ident.parts:
                return _implied(ident, key, cells, set())  # rare shapes: the plain way
            return total, max(n_printed, 1)
        if ident.total not in cells:
            return None
        # (how often the key is a part: a tuple's count, rather than a Counter made for every
        # identity, which costs more than all the counts asked of it)
        mine = ident.parts.count(key)
        v = cells[key].value
        # (the count first: building v.as_tuple() is dearer, and seldom does one part alone
        # print the finest decimals; a value's exponent was already read for the sum above)
        if mine and at_low <= mine and int(v.as_tuple().exponent) == low:
            # this cell alone has the finest decimals: the plain sum of the others prints fewer
            return _implied(ident, key, cells, set())
        return cells[ident.total].value - (total - mine * v), max(n_printed, 1)

    def holds(self, ident: Identity, key: Key) -> bool | None:
        """Whether ``ident`` holds for the printed ``key`` — what ``implied`` gives for it is
        within the tolerance of its value — when that does not depend on which of the
        identity's cells ``key`` is (None: ask ``implied``). With the total and ``key``
        printed, the total not among the parts and ``key`` the total or a part once, the
        value implied less the printed one is, exactly, the total less the sum of the printed
        parts: one answer for every cell of the identity, worked out once."""
        total_key = ident.total
        if key != total_key and ident.parts.count(key) != 1:
            return None
        verdicts = self.verdicts
        if id(ident) not in verdicts:
            verdicts[id(ident)] = verdict = self._verdict(ident)
            if verdict:
                self._held(ident)
        return verdicts[id(ident)]

    def _held(self, ident: Identity) -> None:
        # (the keys ``holds`` says True for, now that ``ident`` is known to hold)
        self.held.add(ident.total)
        parts = ident.parts
        if len(set(parts)) == len(parts):
            self.held.update(parts)
        else:
            self.held.update(k for k in parts if parts.count(k) == 1)

    def _verdict(self, ident: Identity) -> bool | None:
        total = self.cells.get(ident.total)
        if total is None or ident.total in ident.parts:
            return None  # the identity's shape leaves it to implied
        # (the printed parts by C-level calls: asked of most identities)
        printed = [c for c in map(self.cells.get, ident.parts) if c is not None]
        if not printed:
            return None
        return sum_gap(total.value, list(map(CELL_VALUE, printed))) is None


# Separators OCR confused (money.parse_amount's statuses): the value is unambiguous, the
# identities confirm it or it stays uncertain.
_SEPARATORS = {"comma_decimal": "comma as decimal point", "period_group": "periods as thousands separators"}


def _repair_numbers(doc: Disclosure, cells: dict[Key, Cell], by_key: dict[Key, list[Identity]]) -> None:
    damaged = {key: status for key, c in cells.items() if c.raw and (status := _damage(c.raw)) is not None}
    for key, status in damaged.items():
        if status in _SEPARATORS:
            c = cells[key]
            # Unambiguous once parsed ('14,344,12' can only be 14344.12); identities confirm.
            truncated = {k for k, q in damaged.items() if q == "truncated"}
            implied = [x for ident in by_key.get(key, []) if (x := _implied(ident, key, cells, truncated)) is not None]
            ok = [v for v, n in implied if abs(v - c.value) <= tolerance(n)]
            why = f"OCR: '{c.raw}' → {c.value} ({_SEPARATORS[status]}"
            why += f"; confirmed by {len(ok)} identit{'y' if len(ok) == 1 else 'ies'})" if ok else "; no identity to confirm it)"
            _record(doc, c, why, uncertain=not ok)
    # A truncated value is unknown in its last digit, so it cannot serve as evidence for
    # another until it is itself settled: repair in rounds, settled values first.
    pending = {k for k, q in damaged.items() if q == "truncated"}
    while pending:
        decided = []
        for key in sorted(pending):
            res = _resolve_truncated(cells[key], key, cells, by_key, pending - {key})
            if res is not None and not res[1]:
                decided.append((key, res))
        if not decided:
            break
        for key, (value, _, why) in decided:
            cells[key].value = value
            _record(doc, cells[key], why)
            pending.discard(key)
    for key in sorted(pending):
        c = cells[key]
        res = _resolve_truncated(c, key, cells, by_key, pending - {key})
        if res is None:
            c.uncertain = True
            c.repair = f"printed '{c.raw}' looks truncated; no identity determines the missing digit"
            continue
        value, ambiguous, why = res
        c.value = value
        _record(doc, c, why, uncertain=ambiguous)


@memo(1 << 13)
def _damage(raw: str) -> str | None:
    """How OCR damaged a printed figure, as money.parse_amount tells (truncated, or one of
    _SEPARATORS); None when it did not. (Memoised: a document prints the same figures again
    and again — 0.00 above all — and the question is asked of every cell.)"""
    p = parse_amount(raw.replace(" ", ""))
    return p.status if p is not None and p.status in _DAMAGED else None


_DAMAGED = frozenset(("truncated", *_SEPARATORS))


def _resolve_truncated(c: Cell, key: Key, cells, by_key, skip) -> tuple[Decimal, bool, str] | None:
    """The value of a truncated cell its identities require: (value, ambiguous?, reason)."""
    frac = c.raw.replace(" ", "").rpartition(".")[2]
    base = parse_decimal(c.raw.replace(" ", "").rstrip(".")) or Decimal(0)
    cands = [base + CENT * k for k in range(10 if len(frac) == 1 else 100)]
    implied = [x for ident in by_key.get(key, []) if (x := _implied(ident, key, cells, skip)) is not None]
    if not implied:
        return None
    scored = []
    for v in cands:
        passes, dev = 0, Decimal(0)
        for iv, n in implied:
            t = tolerance(n)
            if abs(v - iv) <= t:
                passes += 1
                dev += abs(v - iv) / t
        scored.append((passes, -dev, v))
    scored.sort(reverse=True)
    best = scored[0]
    if best[0] == 0:
        return None
    runner = scored[1] if len(scored) > 1 else None
    why = f"OCR: '{c.raw}' truncated → {best[2]} (the value its {best[0]} identit{'y' if best[0] == 1 else 'ies'} require"
    ambiguous = runner is not None and runner[0] == best[0]
    why += f"; {runner[2]} would also fit)" if runner is not None and ambiguous else ")"
    return best[2], ambiguous, why


def _remove_strays(doc: Disclosure, cells: dict[Key, Cell], by_key: dict[Key, list[Identity]]) -> None:
    """A number where the table has none (a stamp, a smudge read as digits): every identity
    it takes part in fails with it and holds exactly without it. Only for the summary
    tables' balance rows, where OCR debris lands and an empty cell is normal."""
    candidates = {"结余分配", "使用非财政拨款结余", "年初结转和结余", "年末结转和结余"}
    for key, c in list(cells.items()):
        if c.table not in ("T01", "T04") or c.row not in candidates:
            continue
        rel = by_key.get(key, [])
        if not rel:
            continue
        fails_with = holds_without = 0
        for ident in rel:
            x = _implied(ident, key, cells, set())
            if x is None:
                continue
            v, n = x
            if abs(v - c.value) > tolerance(n):
                fails_with += 1
            if v == 0:
                holds_without += 1
        if fails_with and fails_with == len(rel) and holds_without == len(rel) and c.value != 0:
            doc.tables[c.table].remove(c.row, c.column)
            del cells[key]
            doc.repairs.append(Repair(table=c.table, row=c.row, column=c.column, raw=c.raw, value=None,
                                      reason=f"stray value '{c.raw}' dropped: the totals it belongs to hold exactly without it",
                                      line=c.line, page=c.page))


def _restore_unreadable(doc: Disclosure, cells: dict[Key, Cell], by_key: dict[Key, list[Identity]]) -> None:
    """Totals printed but unreadable (a label with a fragment like '40 … 57'): restore each
    from the identity that defines it, and keep the restoration only when the identities are
    over-determined and all hold afterwards (more identities than restored cells)."""
    reps = [r for r in doc.repairs if r.reason == "unreadable" and r.value is None]
    if not reps:
        return
    keys = {(r.table, r.row, r.column) for r in reps}
    found: dict[Key, Decimal] = {}
    for key in keys:
        for ident in by_key.get(key, []):
            if ident.total == key and not any(k in keys for k in ident.parts):
                x = _implied(ident, key, cells, set())
                if x is not None:
                    found[key] = x[0]
                    break
    for r in reps:
        r.reason = f"printed value unreadable ('{r.raw}'); not restored (identities do not determine it)"
    if set(found) != keys:
        return
    trial = dict(cells)
    for key, v in found.items():
        trial[key] = Cell(table=key[0], row=key[1], column=key[2], value=v)
    touched = {id(i): i for key in keys for i in by_key.get(key, [])}.values()
    checks = [i for i in touched if all(k in trial for k in i.keys if k != i.total) and i.total in trial]
    holds = all(sum_gap(trial[i.total].value, [trial[k].value for k in i.parts if k in trial]) is None for i in checks)
    if not holds or len(checks) <= len(keys):
        return
    for r in reps:
        key = (r.table, r.row, r.column)
        cell = Cell(table=r.table, row=r.row, column=r.column, value=found[key], raw=r.raw, line=r.line,
                    page=r.page, label=r.row)
        doc.tables[r.table].put(cell)
        cells[key] = cell
        doc.repairs.remove(r)
        _record(doc, cell, f"printed value unreadable ('{r.raw}'); restored as {found[key]}: "
                           f"{len(checks)} identities hold with it", uncertain=True)


_ROW_TOTALS = {"T02": "本年收入合计", "T03": "本年支出合计", "T05": "小计", "T08": "合计"}


def _restore_lost_totals(doc: Disclosure, cells: dict[Key, Cell]) -> None:
    """A row whose total cell came out empty while its parts are printed (OCR lost the
    number): restore it when the sum of the parts equals the total another table prints for
    the same code — two independent witnesses of one figure."""
    for tid, tot in _ROW_TOTALS.items():
        t = doc.tables[tid]
        for row in t.rows():
            if not row.isdigit() or t.get(row, tot) is not None:
                continue
            parts = [c for c in t.cells if c.row == row and c.column != tot]
            if not parts:
                continue
            total = sum((c.value for c in parts), Decimal(0))
            witness = next((o for o, col in _ROW_TOTALS.items() if o != tid
                            and doc.tables[o].value(row, col) == total and total != 0), None)
            if witness is None:
                continue
            p0 = parts[0]
            cell = Cell(table=tid, row=row, column=tot, value=total, raw="", line=p0.line, page=p0.page, label=p0.label)
            t.put(cell)
            cells[cell.key] = cell
            _record(doc, cell, f"total printed empty while its parts sum to {total}, the figure {witness} prints "
                               f"for the same code: restored", uncertain=True)


def _all_failing(sums: _SumCache, idents: list[Identity], key: Key, value: Decimal) -> list[tuple[Decimal, int]] | None:
    """What each identity of ``key`` that can be checked implies for it, when every one of them
    fails; None as soon as one holds (most cells: the first one asked)."""
    out = []
    for ident in idents:
        # (most cells' first identity holds: known without the implied value, and the same
        # answer for all of the identity's cells)
        if sums.holds(ident, key):
            return None
        x = sums.implied(ident, key)
        if x is None:
            continue
        if abs(x[0] - value) <= tolerance(x[1]):
            return None
        out.append(x)
    return out


def _mark_suspicious(doc: Disclosure, cells: dict[Key, Cell], by_key: dict[Key, list[Identity]]) -> None:
    """A fully printed value that breaks its identities where one changed digit would make
    them all hold might be an OCR slip or a typo of the document. It is kept as printed and
    marked uncertain, with the alternative named."""
    sums = _SumCache(cells)
    held = sums.held
    for key, c in cells.items():
        if key in held:
            continue
        mine = by_key.get(key, [])
        if c.repaired or c.uncertain or len(mine) < 2:
            continue  # (one identity cannot single out a digit: see below)
        failing = _all_failing(sums, mine, key, c.value)
        if failing is None or len(failing) < 2:
            continue
        target = failing[0][0]
        if all(abs(v - target) <= tolerance(n) for v, n in failing) and one_digit_apart(c.value, target):
            c.uncertain = True
            c.repair = f"printed {c.raw} breaks {len(failing)} identities that {target} satisfies (one digit apart): OCR slip or document error"



def _mark_unconfirmed(cells: dict[Key, Cell], by_key: dict[Key, list[Identity]], ocr_pages: set[int] | frozenset[int]) -> None:
    """A figure read by OCR is confirmed when an identity it takes part in holds: an OCR slip
    would have to be cancelled exactly by another. Every other figure from an OCR'd page is
    marked uncertain: OCR can turn one digit into another without a trace (8 → 3, 1 → 7), and
    a reviewer must know which figures nothing vouches for."""
    sums = _SumCache(cells)
    for key, c in cells.items():
        if c.page not in ocr_pages or c.uncertain:
            continue
        if _all_failing(sums, by_key.get(key, []), key, c.value) is None:  # (one holds)
            continue
        c.uncertain = True
        note = "read by OCR; no identity confirms it"
        c.repair = note if not c.repair else f"{c.repair}; {note}"
