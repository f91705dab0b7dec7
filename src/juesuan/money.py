"""Money: parsing printed amounts, and the one tolerance policy for printed rounding (尾差).

Values are printed rounded to 0.01, so each printed term may be off by up to half a cent
(0.005 万元). A sum of n printed terms may therefore miss its printed total by up to
n × 0.005 (spec §5); beyond that it is an error. n counts the terms added up (the parts),
not the total. An equality of one figure printed twice is the case n = 1: differences come
in whole cents, so it must hold exactly. That is the whole policy; every rule and every
repair calls ``tolerance()`` and nothing else decides what "equal" means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
HALF_CENT = Decimal("0.005")
PERCENT_HALF = Decimal("0.005")  # a percentage printed to 0.01 is off by up to 0.005 points
ZERO = Decimal("0")
YUAN_PER_WAN = Decimal("10000")


def tolerance(n_terms: int, unit: Decimal = HALF_CENT) -> Decimal:
    """Largest difference printed rounding can explain for a sum of ``n_terms`` printed
    terms compared with its printed total."""
    return unit * max(n_terms, 1)


def q2(v: Decimal) -> Decimal:
    """Round half-up to 0.01, the way the tables are printed."""
    return v.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(v: Decimal | None) -> str:
    """Format as printed in disclosures: thousands separators, two decimals."""
    if v is None:
        return ""
    return f"{q2(v):,.2f}"


def plain(v: Decimal | None) -> str:
    return "" if v is None else format(v, "f")


_FULLWIDTH = str.maketrans("０１２３４５６７８９，．－％（）", "0123456789,.-%()")
DASHES = {"-", "—", "–", "－", "_", "——", "一"}


@dataclass(frozen=True)
class Parsed:
    """A printed number after parsing. ``status`` says how sure we are:
    ok        read as printed
    zero_dash a dash, meaning zero
    comma_decimal  '14, 344, 12': the last comma is a decimal point (OCR)
    truncated '3, 042. 9': fewer decimals than the table prints; true value unknown in the
              last digit (the caller must look for evidence)
    integer   printed without decimals (fine in some tables; suspicious in others)
    """

    value: Decimal
    status: str
    raw: str


_NUM_RE = re.compile(r"^[+-]?\d[\d,]*(\.\d*)?$")
# No disclosure prints an amount of 10^15 or more (万元 or 元): such a "number" is a reading
# problem (digits run together, garbage), and arithmetic on it would leave Decimal's
# 28-digit precision. It is not parsed as an amount.
MAX_DIGITS = 15


def parse_amount(raw: str) -> Parsed | None:
    """Parse a printed money cell. Returns None when the text is not a number at all."""
    s = (raw or "").translate(_FULLWIDTH).strip()
    if not s:
        return None
    if s in DASHES:
        return Parsed(ZERO, "zero_dash", raw)
    s = re.sub(r"\s+", "", s)
    neg = False
    if s.startswith("(") and s.endswith(")"):
        neg, s = True, s[1:-1]
    if s.startswith("-") and len(s) > 1:
        neg, s = True, s[1:]
    if not _NUM_RE.match(s):
        return None
    status = "ok"
    if "." not in s:
        groups = s.split(",")
        if len(groups) >= 2 and len(groups[-1]) == 2 and all(len(g) == 3 for g in groups[1:-1]):
            # '14,344,12': thousands groups are 3 digits; a last group of 2 is the cents.
            s = "".join(groups[:-1]) + "." + groups[-1]
            status = "comma_decimal"
        else:
            if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
                return None
            s = "".join(groups)
            status = "integer"
    else:
        whole, _, frac = s.partition(".")
        groups = whole.split(",")
        if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
            return None
        s = "".join(groups) + "." + frac
        if len(frac) == 1:
            status = "truncated"
        elif len(frac) == 0:
            s = s.rstrip(".")
            status = "truncated"
    try:
        v = Decimal(s)
    except InvalidOperation:
        return None
    if not plausible(v):
        return None
    return Parsed(-v if neg else v, status, raw)


def plausible(v: Decimal | None) -> bool:
    """A finite number with fewer than MAX_DIGITS integer digits: what any printed figure
    of a disclosure is. Every parser of printed numbers refuses the rest."""
    return v is not None and v.is_finite() and (not v or v.adjusted() < MAX_DIGITS)


def parse_percent(raw: str) -> Decimal | None:
    s = (raw or "").translate(_FULLWIDTH).replace(" ", "").rstrip("%")
    try:
        v = Decimal(s)
    except InvalidOperation:
        return None
    return v if plausible(v) else None  # not NaN, Infinity, 1e400
