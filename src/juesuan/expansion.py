"""Every relation's checks for one document, expanded once while the document keeps its shape.

Repair and the table status (the build) ask which identities hold over a document; the
identity rules (the audit) check the same relations over the same document: each expansion
of :data:`juesuan.relations.RELATIONS` costs as much as a dozen rules. What a relation expands
to depends only on the document's shape — which cells each table prints (and in which order),
its row names, and the cells printed but unreadable that repair counts as printed — never on a
value. So the checks are kept per document object and handed out again while that shape is
the same; a changed shape (a table re-placed, a cell added, a mutation test's new table)
expands again.

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

from juesuan.model import Disclosure
from juesuan.relations import RELATIONS, Check, DisclosureRows, Ref

Checks = Mapping[str, tuple[Check, ...]]  # relation id → its checks, in RELATIONS order


def shape(doc: Disclosure, printed: Iterable[Ref] = ()) -> tuple:
    """What the expansion of the relations over ``doc`` depends on (see the module doc)."""
    return tuple(printed), tuple([(tid, tuple(map(_PLACE, t.cells)), tuple(t.row_labels))
                                  for tid, t in doc.tables.items()])


_PLACE = attrgetter("row", "column")  # (asked of every cell each time a stage asks: no comprehension's frame)


def expand(doc: Disclosure, printed: Iterable[Ref] = ()) -> dict[str, tuple[Check, ...]]:
    """Every relation's checks for ``doc`` as it is now (``printed``: cells printed but
    unreadable, counted as printed: ``relations.DisclosureRows``)."""
    view = DisclosureRows(doc, printed=printed)
    return {rel.id: tuple(rel.expand(view)) for rel in RELATIONS}


# id(doc) → (weak reference to doc, shape, checks): the last expansion asked of each live
# document. (No lock: a dict's get and set are atomic, two threads asking at once at worst both
# expand, and a lock taken in the weak reference's callback could be waited on by the thread
# that holds it.)
_kept: dict[int, tuple[weakref.ref, tuple, dict[str, tuple[Check, ...]]]] = {}


def document_checks(doc: Disclosure, printed: Iterable[Ref] = ()) -> Checks:
    """``expand(doc, printed)``, kept for ``doc`` while its shape (with ``printed``) is the
    same. The answer is shared: read it, never change it."""
    now = shape(doc, printed)
    key = id(doc)
    got = _kept.get(key)
    if got is not None and got[0]() is doc and got[1] == now:
        return got[2]
    checks = expand(doc, now[0])
    _kept[key] = (weakref.ref(doc, partial(_forget, key)), now, checks)
    return checks


def _forget(key: int, _ref: object = None) -> None:
    # (called when a document is collected: its id may be given to a new object, whose entry,
    # if one was made meanwhile, holds a live reference and is kept)
    got = _kept.get(key)
    if got is not None and got[0]() is None:
        _kept.pop(key, None)


__all__ = ["Checks", "document_checks", "expand", "shape"]
