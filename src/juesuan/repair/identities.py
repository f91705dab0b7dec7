"""The accounting identities repair uses as evidence, taken from ``juesuan.relations``.

An identity is ``total = Σ parts`` over cell keys. Repair asks: which value of one damaged
cell makes its identities hold? These are the checks of the rule catalogue's relations that
the relation marks as evidence (``Relation.evidence``) and that are plain sums
(``one cell = Σ cells``, either way round), expanded for the rows the document prints —
including cells printed but unreadable, whose value repair may restore.
"""

from __future__ import annotations

from dataclasses import dataclass

from juesuan.model import Disclosure
from juesuan.relations import DisclosureRows, checks

Key = tuple[str, str, str]


@dataclass(frozen=True)
class Identity:
    total: Key
    parts: tuple[Key, ...]
    name: str  # the relation's id

    @property
    def keys(self) -> tuple[Key, ...]:
        return (self.total, *self.parts)


def identities(doc: Disclosure) -> list[Identity]:
    """The identities of ``doc`` as it is now."""
    return _expand(doc, _shape(doc)[0])


class DocumentIdentities:
    """``identities(doc)`` for the stages of one build that ask in turn — repair, then the
    table status (again after a column-block table is placed) — expanded again only when the
    document's shape has changed since the last answer: which cells each table prints, its
    row names, the cells printed but unreadable. The expansion depends on nothing else (not
    on values), and repair seldom changes the shape. ``pipeline._build`` makes one per
    document; it goes with the build."""

    def __init__(self, doc: Disclosure):
        self.doc = doc
        self._shape: tuple | None = None
        self._ids: list[Identity] = []

    def __call__(self) -> list[Identity]:
        shape = _shape(self.doc)
        if shape != self._shape:
            self._ids = _expand(self.doc, shape[0])
            self._shape = shape
        return list(self._ids)


def _shape(doc: Disclosure) -> tuple:
    unreadable = tuple((r.table, r.row, r.column) for r in doc.repairs if r.value is None)
    return unreadable, tuple((tid, tuple((c.row, c.column) for c in t.cells), tuple(t.row_labels))
                             for tid, t in doc.tables.items())


def _expand(doc: Disclosure, unreadable: tuple[Key, ...]) -> list[Identity]:
    out: list[Identity] = []
    for rel, check in checks(DisclosureRows(doc, printed=unreadable)):
        if not rel.is_evidence(check):
            continue
        form = check.sum_form()
        if form is not None:
            out.append(Identity(form[0], form[1], rel.id))
    return out
