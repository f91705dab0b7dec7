"""Figures read by OCR are vouched for by the identities or marked uncertain: a recognition
slip (8 → 3, a lost digit) leaves no trace in the text, so a figure on an OCR'd page that no
identity confirms must not reach a reviewer as certain. Text-layer pages are left alone."""

from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan.repair import repair_document
from juesuan.repair.identities import identities


@pytest.fixture(scope="module")
def printed():
    from juesuan.synth import generate

    doc = generate()[0].years[-1].disclosure
    for c in doc.all_cells():
        c.page = 1 if c.table in ("T01", "T02", "T03") else 2
        c.raw = c.raw or format(c.value, "f")
    return doc


def _slipped(doc, page: int):
    """A copy of ``doc`` with one figure of ``page`` multiplied by ten (a digit OCR added:
    no one-digit-apart alternative), and that figure's key."""
    doc = doc.model_copy(deep=True)
    in_identity = {k for ident in identities(doc) for k in ident.keys}
    cell = next(c for c in doc.all_cells() if c.page == page and c.value > 1 and c.key in in_identity)
    cell.value *= 10
    cell.raw = format(cell.value, "f")
    return doc, cell.key


def test_a_slip_on_an_ocr_page_is_marked_uncertain(printed):
    doc, key = _slipped(printed, 1)
    repair_document(doc, ocr_pages={1})
    cell = doc.cell(*key)
    assert cell.uncertain and "no identity confirms" in cell.repair


def test_the_same_slip_in_a_text_layer_is_a_printed_figure(printed):
    doc, key = _slipped(printed, 1)
    repair_document(doc)
    assert not doc.cell(*key).uncertain  # the document's own error: the rules will say so


def test_figures_the_identities_confirm_stay_certain(printed):
    doc = printed.model_copy(deep=True)
    repair_document(doc, ocr_pages={1, 2})
    confirmed = 0
    for ident in identities(doc):
        cells = [doc.cell(*k) for k in ident.keys]
        if any(c is None for c in cells):
            continue
        total = doc.value(*ident.total)
        if total == sum((doc.value(*k) or Decimal(0) for k in ident.parts), Decimal(0)):
            assert not any(c.uncertain for c in cells), ident
            confirmed += len(cells)
    assert confirmed > 50


def test_only_ocr_pages_are_marked(printed):
    doc, key = _slipped(printed, 2)
    repair_document(doc, ocr_pages={1})
    assert not doc.cell(*key).uncertain
    assert not any(c.uncertain and "OCR" in c.repair for c in doc.all_cells() if c.page == 2)
