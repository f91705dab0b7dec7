"""The accounting identities repair uses as evidence, taken from ``juesuan.relations``.

An identity is ``total = Σ parts`` over cell keys. Repair asks: which value of one damaged
cell makes its identities hold? These are the checks of the rule catalogue's relations that
the relation marks as evidence (``Relation.evidence``) and that are plain sums
(``one cell = Σ cells``, either way round), expanded for the rows the document prints —
including cells printed but unreadable, whose value repair may restore.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from typing import NamedTuple

from juesuan.expansion import Checks, document_checks
from juesuan.model import Disclosure
from juesuan.relations import RELATIONS

Key = tuple[str, str, str]
# Cell.key and Cell.value as C-level getters (the key is a Python property, and the status
# and repair stages key and sum every cell)
CELL_KEY = attrgetter("table", "row", "column")
CELL_VALUE = attrgetter("value")


class Identity(NamedTuple):  # (a tuple: hundreds a document, cheaper to make than a frozen dataclass)
    total: Key
    parts: tuple[Key, ...]
    name: str  # the relation's id

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
                out.append(_new_tuple(Identity, (*form, name)))
    return out


_new_tuple = tuple.__new__
