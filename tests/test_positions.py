"""Reading order of located things: a PDF numbers its lines per page."""

from __future__ import annotations

from decimal import Decimal

from juesuan.model import Claim, lines_apart, reading_order


def _at(page, line) -> Claim:
    return Claim(subject="x", kind="amount", value=Decimal(1), page=page, line=line)


def test_reading_order_is_page_then_line():
    claims = [_at(24, 3), _at(23, 8), _at(23, 19)]
    assert [(c.page, c.line) for c in sorted(claims, key=reading_order)] == [(23, 8), (23, 19), (24, 3)]


def test_lines_apart_only_on_one_page():
    assert lines_apart(_at(23, 8), _at(23, 19)) == 11
    assert lines_apart(_at(23, 19), _at(23, 8)) == -11
    assert lines_apart(_at(23, 8), _at(24, 8)) is None  # same number, another page: not 0 apart
    assert lines_apart(_at(None, 5), _at(None, 7)) == 2  # a text without pages
    assert lines_apart(_at(23, None), _at(23, 7)) is None
