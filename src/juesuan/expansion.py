"""Every relation's checks for one document, expanded once while the document keeps its shape.

Repair and the table status (the build) ask which identities hold over a document; the
identity rules (the audit) check the same relations over the same document: each expansion
of :data:`juesuan.relations.RELATIONS` costs as much as a dozen rules. What a relation expands
to depends only on the document's shape — which cells each table prints (and in which order),
its row names, and which of the cells it asks about that no table holds are counted as printed
(those printed but unreadable, which repair counts and the audit does not) — never on a value.
So the checks are kept per document object and handed out again while that shape is the same;
a changed shape (a table re-placed, a cell added, a mutation test's new table) expands again.
Only the few cells an expansion asked about and found in no table take part: the build
counts as printed every cell repair could not read or dropped as a stray, the audit none, and
most of them (a stray balance of T01) no relation asks about — the audit reuses the build's
checks then.

Why kept here and not on the document: ``Disclosure`` is a pydantic model whose private
attributes take part in ``==`` and in copies, and the checks are no part of what was read.
They are kept beside it, by the document's identity, for as long as the document lives (a
weak reference drops them with it), so two documents — built in turn, or at once in threads —
never see each other's.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping
from functools import partial
from operator import attrgetter
from typing import Any, NamedTuple

from juesuan.model import Disclosure
from juesuan.relations import RELATIONS, Check, DisclosureRows, Ref

Checks = Mapping[str, tuple[Check, ...]]  # relation id → its checks, in RELATIONS order


def shape(doc: Disclosure) -> tuple:
    """What the expansion of the relations over ``doc`` depends on besides which cells are
    counted as printed (see the module doc)."""
    return tuple([(tid, tuple(map(_PLACE, t.cells)), tuple(t.row_labels)) for tid, t in doc.tables.items()])


_PLACE = attrgetter("row", "column")  # (asked of every cell each time a stage asks: no comprehension's frame)


class _Asking(DisclosureRows):
    """The rows of a document, noting the cells asked about that no table holds: whether
    each is counted as printed is all an expansion reads of ``printed``."""

    def __init__(self, doc: Disclosure, printed: Iterable[Ref] = ()) -> None:
        super().__init__(doc, printed)
        self.missing: set[Ref] = set()

    def cell(self, tid: str, row: str, column: str) -> Any:
        t = self.doc.tables.get(tid)
        c = None if t is None else t.get(row, column)
        if c is None:
            self.missing.add((tid, row, column))
            return super().cell(tid, row, column)
        return c


def _expand(view: DisclosureRows) -> dict[str, tuple[Check, ...]]:
    return {rel.id: tuple(rel.expand(view)) for rel in RELATIONS}


def expand(doc: Disclosure, printed: Iterable[Ref] = ()) -> dict[str, tuple[Check, ...]]:
    """Every relation's checks for ``doc`` as it is now (``printed``: cells printed but
    unreadable, counted as printed: ``relations.DisclosureRows``)."""
    return _expand(DisclosureRows(doc, printed=printed))


class _Kept(NamedTuple):
    doc: weakref.ref
    shape: tuple  # shape(doc) when expanded
    missing: frozenset[Ref]  # the cells the expansion asked about and found in no table
    printed: frozenset[Ref]  # those of them counted as printed
    checks: dict[str, tuple[Check, ...]]


# id(doc) → the last expansion asked of each live document. (No lock: a dict's get and set are
# atomic, two threads asking at once at worst both expand, and a lock taken in the weak
# reference's callback could be waited on by the thread that holds it.)
_kept: dict[int, _Kept] = {}


def document_checks(doc: Disclosure, printed: Iterable[Ref] = ()) -> Checks:
    """``expand(doc, printed)``, kept for ``doc`` while its shape is the same and the cells the
    expansion found in no table are counted as printed as they were (``printed`` may differ in
    cells it never asked about). The answer is shared: read it, never change it."""
    now = shape(doc)
    printed = frozenset(printed)
    key = id(doc)
    got = _kept.get(key)
    if got is not None and got.doc() is doc and got.shape == now and got.missing & printed == got.printed:
        return got.checks
    view = _Asking(doc, printed)
    checks = _expand(view)
    _kept[key] = _Kept(weakref.ref(doc, partial(_forget, key)), now, frozenset(view.missing),
                       frozenset(view.missing & printed), checks)
    return checks


def _forget(key: int, _ref: object = None) -> None:
    # (called when a document is collected: its id may be given to a new object, whose entry,
    # if one was made meanwhile, holds a live reference and is kept)
    got = _kept.get(key)
    if got is not None and got.doc() is None:
        _kept.pop(key, None)


__all__ = ["Checks", "document_checks", "expand", "shape"]
