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
    out: list[Identity] = []
    unreadable = [(r.table, r.row, r.column) for r in doc.repairs if r.value is None]
    for rel, check in checks(DisclosureRows(doc, printed=unreadable)):
        if not rel.is_evidence(check):
            continue
        form = check.sum_form()
        if form is not None:
            out.append(Identity(form[0], form[1], rel.id))
    return out
