"""Mutation testing of the rule catalogue.

For every printed cell that takes part in at least one identity (a rule of family A, H or X
reads it), change its value — one cell at a time, by +1.00 and by ×10 — rerun the rules that
read that cell, and count the mutations that produce a new finding whose ``cells`` include
the mutated cell. The share of such mutations is the detection rate of the catalogue on that
document.

Speed: the rules are traced once on the unmutated document (the context records every cell
each rule reads); a mutation reruns only the rules that read the mutated cell, on the same
indexed context with one entry swapped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.model import Cell, Disclosure
from juesuan.rules.base import Context, Ref, Rule, all_rules

IDENTITY_FAMILIES = ("A", "H", "X")


def plus_one(v: Decimal) -> Decimal:
    return v + Decimal("1.00")


def times_ten(v: Decimal) -> Decimal:
    return v * 10


DEFAULT_MUTATIONS: tuple[tuple[str, Callable[[Decimal], Decimal]], ...] = (("+1.00", plus_one), ("×10", times_ten))


@dataclass
class MutationResult:
    total: int = 0
    caught: int = 0
    cells: int = 0
    missed: list[tuple[Ref, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.caught / self.total if self.total else 1.0


def _signature(f) -> tuple:
    return (f.rule, f.message)


def _identity_cells(doc: Disclosure, rules: Iterable[Rule]) -> set[Ref]:
    ctx = Context(doc)
    keys: set[Ref] = set()
    for r in rules:
        if r.family in IDENTITY_FAMILIES:
            ctx.touched = set()
            for _ in r.check(ctx):
                pass
            keys |= ctx.touched
    return keys


def mutation_test(doc: Disclosure, rules: Iterable[Rule] | None = None,
                  mutations=DEFAULT_MUTATIONS, cells_from: Iterable[Rule] | None = None) -> MutationResult:
    """Mutate every identity cell (the cells the A/H/X rules among ``cells_from`` — by default
    ``rules`` — read) and count the mutations ``rules`` flag."""
    rules = list(rules) if rules is not None else all_rules()
    ctx = Context(doc)
    touched: dict[str, set[Ref]] = {}
    baseline: set[tuple] = set()
    for r in rules:
        ctx.touched = set()
        for f in r.check(ctx):
            baseline.add(_signature(f))
        touched[r.id] = ctx.touched
    ctx.touched = None

    readers: dict[Ref, list[Rule]] = {}
    for r in rules:
        for key in touched[r.id]:
            readers.setdefault(key, []).append(r)
    if cells_from is None:
        identity_keys = set()
        for r in rules:
            if r.family in IDENTITY_FAMILIES:
                identity_keys |= touched[r.id]
    else:
        identity_keys = _identity_cells(doc, cells_from)

    result = MutationResult()
    for _tid, table in doc.tables.items():
        for cell in list(table.cells):
            key = cell.key
            if key not in identity_keys:
                continue
            result.cells += 1
            for label, fn in mutations:
                new_value = fn(cell.value)
                if new_value == cell.value:
                    continue
                result.total += 1
                mutated: Cell = cell.model_copy(update={"value": new_value})
                ctx.replace(mutated)
                table.put(mutated)
                hit = False
                try:
                    for r in readers.get(key, ()):
                        for f in r.check(ctx):
                            if key in f.cell_keys and _signature(f) not in baseline:
                                hit = True
                                break
                        if hit:
                            break
                finally:
                    ctx.replace(cell)
                    table.put(cell)
                if hit:
                    result.caught += 1
                else:
                    result.missed.append((key, label))
    return result


def mutation_rate(doc: Disclosure, rules: Iterable[Rule] | None = None) -> float:
    """Share of single-cell mutations (+1.00, ×10) of identity cells that some rule flags
    with a finding naming the mutated cell."""
    return mutation_test(doc, rules).rate
