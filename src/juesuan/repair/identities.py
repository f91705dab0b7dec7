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
    """The identities of ``doc`` as it is now. Repair and the table status both ask (status
    again after repair, which seldom changes which cells are printed): the expansion is kept
    for the last document and reused while its shape — which cells each table prints, its
    row names, the cells printed but unreadable — is the same; the expansion depends on
    nothing else (not on values)."""
    global _last
    shape = _shape(doc)
    last = _last
    if last is not None and last[0] is doc and last[1] == shape:
        return list(last[2])
    out = _expand(doc, shape[0])
    _last = (doc, shape, out)
    return list(out)


# (document, its shape, its identities): the last expansion (one document is kept alive by it)
_last: tuple[Disclosure, tuple, list[Identity]] | None = None


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
