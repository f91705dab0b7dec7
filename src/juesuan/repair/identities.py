"""The accounting identities repair uses as evidence, taken from ``juesuan.relations``.

An identity is ``total = Σ parts`` over cell keys. Repair asks: which value of one damaged
cell makes its identities hold? These are the checks of the rule catalogue's relations that
the relation marks as evidence (``Relation.evidence``) and that are plain sums
(``one cell = Σ cells``, either way round), expanded for the rows the document prints —
including cells printed but unreadable, whose value repair may restore.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from decimal import Decimal
from functools import partial
from operator import attrgetter
from typing import NamedTuple

from juesuan.expansion import Checks, document_checks
from juesuan.model import Cell, Disclosure, Table
from juesuan.money import ZERO, tolerance
from juesuan.relations import RELATIONS, Check

Key = tuple[str, str, str]
# Cell.key and Cell.value as C-level getters (the key is a Python property, and the status
# and repair stages key and sum every cell)
CELL_KEY = attrgetter("table", "row", "column")
CELL_VALUE = attrgetter("value")


class Identity(NamedTuple):  # (a tuple: hundreds a document, cheaper to make than a frozen dataclass)
    total: Key
    parts: tuple[Key, ...]
    name: str  # the relation's id
    check: Check | None = None  # the check it was made from (``held``)

    @property
    def keys(self) -> tuple[Key, ...]:
        return (self.total, *self.parts)


def identities(doc: Disclosure) -> list[Identity]:
    """The identities of ``doc`` as it is now."""
    return list(_sum_forms(document_checks(doc, _unreadable(doc))))


class DocumentIdentities:
    """``identities(doc)`` for the stages of one build that ask in turn — repair, then the
    table status (again after a column-block table is placed). The relations' checks are
    expanded again only when the document's shape has changed (``juesuan.expansion``, which
    also hands them to the audit's identity rules); the identities are picked from them again
    only when the checks are new. ``pipeline._build`` makes one per document; it goes with the
    build."""

    def __init__(self, doc: Disclosure):
        self.doc = doc
        self._checks: Checks | None = None
        self._ids: list[Identity] = []
        self._by_table: dict[str, list[Identity]] | None = None

    def __call__(self) -> list[Identity]:
        return list(self._current())

    def by_table(self) -> dict[str, list[Identity]]:
        """``by_table(self())``, grouped again only when the identities are new (the table
        status judges each column-block table again after placing it). Shared: read it, never
        change it."""
        ids = self._current()
        if self._by_table is None:
            self._by_table = by_table(ids)
        return self._by_table

    def _current(self) -> list[Identity]:
        checks = document_checks(self.doc, _unreadable(self.doc))
        if checks is not self._checks:
            self._ids = _sum_forms(checks)
            self._checks = checks
            self._by_table = None
        return self._ids


def by_table(idents: Iterable[Identity]) -> dict[str, list[Identity]]:
    """The identities whose cells all lie in one table, listed by that table (the table status
    judges each table by its own: one pass over the document's identities, not one a table)."""
    out: dict[str, list[Identity]] = {}
    for ident in idents:
        tid = ident.total[0]
        for k in ident.parts:  # (a loop, not all() over a generator: hundreds of identities)
            if k[0] != tid:
                break
        else:
            out.setdefault(tid, []).append(ident)
    return out


def _unreadable(doc: Disclosure) -> tuple[Key, ...]:
    return tuple((r.table, r.row, r.column) for r in doc.repairs if r.value is None)


def _sum_forms(checks: Checks) -> list[Identity]:
    out: list[Identity] = []
    for rel in RELATIONS:
        name = rel.id
        for check in rel.evidence_checks(checks[name]):
            form = check.sum_form()
            if form is not None:
                # (tuple.__new__ itself: a named tuple's __new__ is a Python function, and a
                # document has hundreds of identities)
                out.append(_new_tuple(Identity, (*form, name, check)))
    return out


_new_tuple = tuple.__new__


def sum_gap(total: Decimal, parts: list[Decimal]) -> Decimal | None:
    """How far a sum identity is from holding: its printed total less the sum of its printed
    ``parts``, when that is beyond the rounding of as many printed parts (``money.tolerance``);
    None when it holds. The one statement of it, for repair and the table status (whose
    verdicts the audit reuses: ``held``)."""
    diff = total - sum(parts, ZERO)
    # (most identities hold exactly: no tolerance to work out)
    return diff if diff and abs(diff) > tolerance(len(parts)) else None


def table_values(cells: list[Cell]) -> dict[Key, Decimal]:
    """A table's printed values by cell key: what its own identities are judged over."""
    return dict(zip(map(CELL_KEY, cells), map(CELL_VALUE, cells)))


# The table status's last verdicts, by document and table: id(doc) → (a weak reference to the
# document, {table id: (the table, its values then (table_values), {id(check): check} of the
# identities within it that held, or none of whose cells is printed)}). The audit's identity rules
# do not check again what was found so over the same values: each check costs as much as a small
# rule's whole run, and most hold or print nothing. A verdict is served only for the very check it was made from (kept alive here, so
# its id is no other's), and only while the document holds the same table with keys and values
# equal to those it was found over: a verdict is a function of the two, so it cannot be stale —
# a repaired, re-placed or replaced cell, a cell added or moved, makes a different dict. (Kept
# beside the document, not on it, for the reasons ``juesuan.expansion`` gives; no lock, as
# there.)
_held: dict[int, tuple[weakref.ref, dict[str, tuple[Table, dict[Key, Decimal], dict[int, Check]]]]] = {}


def record_held(doc: Disclosure, t: Table, values: dict[Key, Decimal], checks: dict[int, Check]) -> None:
    """Keep ``checks`` (by id), the identities within ``t`` found to hold over ``values`` (or
    none of whose cells ``values`` holds)."""
    key = id(doc)
    got = _held.get(key)
    if got is None or got[0]() is not doc:
        got = _held[key] = (weakref.ref(doc, partial(_forget, key)), {})
    got[1][t.id] = (t, values, checks)


def held(doc: Disclosure) -> dict[int, Check]:
    """The checks last found to hold within each table of ``doc`` (``record_held``), by id,
    of the tables the document still holds with the same cell keys and values."""
    got = _held.get(id(doc))
    out: dict[int, Check] = {}
    if got is None or got[0]() is not doc:
        return out
    for tid, (t, values, checks) in got[1].items():
        if doc.tables.get(tid) is t and values == table_values(t.cells):
            out.update(checks)
    return out


def _forget(key: int, _ref: object = None) -> None:
    # (when a document is collected: an entry a new document with its id has made meanwhile is kept)
    got = _held.get(key)
    if got is not None and got[0]() is None:
        _held.pop(key, None)
