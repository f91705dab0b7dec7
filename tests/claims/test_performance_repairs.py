"""Seed 001's attachment tables: the weight printed in the row label and a budget whose
leading digits OCR lost."""

from __future__ import annotations

from decimal import Decimal as D


def _item(doc, name):
    return next(p for p in doc.performance if p.source == "attachment" and p.name.startswith(name))


def test_weight_from_row_label(seed):
    d = seed("001")
    assert _item(d, "社会保险经办机构").weight == D("20")
    assert _item(d, "劳动维权工作经费").weight == D("20")


def test_lost_leading_digits_repaired_and_marked(seed):
    d = seed("001")
    p = _item(d, "劳动维权工作经费")
    assert p.budget == D("881.16") and p.uncertain and "1.16" in p.note


def test_consistent_items_untouched(seed):
    d = seed("000")
    assert not any(p.uncertain for p in d.performance)
