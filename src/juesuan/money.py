"""Money: parsing printed amounts, and the one tolerance policy for printed rounding (尾差).

Values are printed rounded to 0.01, so each printed term may be off by up to half a cent
(0.005 万元). A sum of n printed terms may therefore miss its printed total by up to
n × 0.005 (spec §5). Every rule and every repair calls ``tolerance()`` and nothing else
decides what "equal" means. A difference just beyond it (``rounding_band``: one more cent per
term) that no single printed digit explains is still 尾差 and reported as info, never as an
error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import (
    ROUND_DOWN,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Decimal,
    InvalidOperation,
    getcontext,
    localcontext,
)

from juesuan import lazy
from juesuan.memo import memo

CENT = Decimal("0.01")
BASIS = Decimal("0.0001")
HALF_CENT = Decimal("0.005")
ZERO = Decimal("0")
YUAN_PER_WAN = Decimal("10000")


def tolerance(n_terms: int, unit: Decimal = HALF_CENT) -> Decimal:
    """Largest difference printed rounding can explain for a sum of ``n_terms`` printed
    terms compared with its printed total."""
    return unit * max(n_terms, 1)


def rounding_band(n_terms: int) -> Decimal:
    """Largest difference still treated as printed rounding (尾差) rather than an error: the
    tolerance plus one cent per printed term. A difference between ``tolerance`` and this
    band is reported as ``info`` unless one cell's single digit explains it (docs/rules.md)."""
    return tolerance(n_terms) + CENT * max(n_terms, 1)


def one_digit_apart(a: Decimal, b: Decimal) -> bool:
    """True when ``a`` and ``b`` printed to 0.01 differ in exactly one digit (a typo or an OCR
    slip of one digit, not rounding)."""
    sa, sb = f"{a:.2f}", f"{b:.2f}"
    return len(sa) == len(sb) and sum(x != y for x, y in zip(sa, sb, strict=True)) == 1


def quantize(v: Decimal, unit: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """``v`` rounded to the exponent of ``unit`` — the one place the rules, readers and
    writers round, because ``Decimal.quantize`` raises InvalidOperation when the result has
    more digits than the context's 28 (a ratio of a 15-digit amount to a tiny one, rounded to
    0.0001). Computed with the precision the result needs, so it never raises and equals
    ``v.quantize(unit)`` wherever that succeeds. NaN and infinity come back unchanged; so does
    a value too large to be worth rounding (more than MAX_ROUNDED_DIGITS digits)."""
    if not v.is_finite():
        return v
    # (the two units nearly every caller rounds to, by identity: as_tuple() builds a named
    # tuple in Python, a third of the cost of a call; a unit of another exponent, even one
    # equal to these, is taken apart)
    exp = _CENT_EXPONENT if unit is CENT else _BASIS_EXPONENT if unit is BASIS else unit.as_tuple().exponent
    if not isinstance(exp, int):
        return v
    adjusted = v.adjusted()
    needed = (adjusted if adjusted > 0 else 0) - exp + 2
    if needed > MAX_ROUNDED_DIGITS:
        return v
    if needed <= getcontext().prec:
        # the usual case (every figure a message prints): the precision the local context
        # below would set is the current one, so the same quantize, without copying the
        # context (a copy and its two signal dicts, most of the rest of the cost)
        return v.quantize(unit, rounding)
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, needed)
        return v.quantize(unit, rounding=rounding)


_CENT_EXPONENT = CENT.as_tuple().exponent
_BASIS_EXPONENT = BASIS.as_tuple().exponent


def truncate(v: Decimal, unit: Decimal) -> Decimal:
    """``v`` cut (toward zero, not rounded) at the exponent of ``unit``; never raises
    (unlike ``(v // unit) * unit``, whose integer quotient may exceed the precision)."""
    return quantize(v, unit, ROUND_DOWN)


def q2(v: Decimal) -> Decimal:
    """Round half-up to 0.01, the way the tables are printed."""
    return quantize(v, CENT)


def q4(v: Decimal) -> Decimal:
    """Round to 0.0001, the precision of a finding's expected value and difference (half-even,
    Decimal's default, as these figures have always been rounded)."""
    return quantize(v, BASIS, ROUND_HALF_EVEN)


def fmt(v: Decimal | None) -> str:
    """Format as printed in disclosures: thousands separators, two decimals."""
    if v is None:
        return ""
    return f"{q2(v):,.2f}"


def plain(v: Decimal | None) -> str:
    """A plain decimal string ("" for None): no separators, no rounding."""
    return "" if v is None else format(v, "f")


def decimal_text(v: Decimal | None) -> str | None:
    """A Decimal as the JSON contracts carry it: a plain decimal string, None stays None."""
    return None if v is None else format(v, "f")


_FULLWIDTH = str.maketrans("０１２３４５６７８９，．－％（）", "0123456789,.-%()")
DASHES = {"-", "—", "–", "－", "_", "——", "一"}
_SPACES = lazy.pattern(r"\s+")  # (compiled once: every printed amount is parsed)


@dataclass(frozen=True)
class Parsed:
    """A printed number after parsing. ``status`` says how sure we are:
    ok        read as printed
    zero_dash a dash, meaning zero
    comma_decimal  '14, 344, 12': the last comma is a decimal point (OCR)
    period_group   '2.995.39': the periods before the last are thousands separators (OCR)
    truncated '3, 042. 9': fewer decimals than the table prints; true value unknown in the
              last digit (the caller must look for evidence)
    integer   printed without decimals (fine in some tables; suspicious in others)
    """

    value: Decimal
    status: str
    raw: str


_NUM_RE = lazy.pattern(r"^[+-]?\d[\d,]*(\.\d*)?$")
# No disclosure prints an amount of 10^15 or more (万元 or 元), nor a figure with more than
# MAX_DECIMALS decimals (performance tables print up to 8: '11.34939638'): such a "number"
# is a reading problem (digits run together, garbage, '0.000…0001%'), and arithmetic on it
# would leave Decimal's 28-digit precision. It is not parsed as a number. (Within these bounds
# a ratio a / b × 100 of two parsed figures is below 10^25: rounded to 0.01 it still fits the
# default 28 digits; finer rounding goes through quantize(), which never raises.)
MAX_DIGITS = 15
MAX_DECIMALS = 8
MAX_ROUNDED_DIGITS = 80  # quantize() leaves values of more digits as they are


# Printed figures repeat (the same amount in several tables, the same points and rates in every
# self-evaluation): parsing is pure and its results immutable, so it is cached by text.
_PARSED_CACHE = 1 << 15


@memo(_PARSED_CACHE)
def parse_amount(raw: str) -> Parsed | None:
    """Parse a printed money cell. Returns None when the text is not a number at all."""
    s = (raw or "").translate(_FULLWIDTH).strip()
    if not s:
        return None
    if s in DASHES:
        return Parsed(ZERO, "zero_dash", raw)
    s = _SPACES.sub("", s)
    neg = False
    if s.startswith("(") and s.endswith(")"):
        neg, s = True, s[1:-1]
    if s.startswith("-") and len(s) > 1:
        neg, s = True, s[1:]
    if s.count(".") >= 2 and "," not in s:
        # '2.995.39': OCR took the thousands commas for periods. Only the full shape counts —
        # 1 to 3 digits, groups of 3, then the decimals — else it is no number.
        *head, frac = s.split(".")
        if not (0 < len(head[0]) <= 3 and all(len(g) == 3 for g in head[1:]) and len(frac) == 2
                and "".join(head + [frac]).isdigit()):
            return None
        v = Decimal("".join(head) + "." + frac)
        return Parsed(-v if neg else v, "period_group", raw) if plausible(v) else None
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


def plausible(v: Decimal | None, decimals: int = MAX_DECIMALS) -> bool:
    """A finite number with fewer than MAX_DIGITS integer digits and at most ``decimals``
    decimals: what any printed figure of a disclosure is. Every parser of printed numbers
    refuses the rest (a reading problem, never an exception further down)."""
    if v is None or not v.is_finite():
        return False
    exp = v.as_tuple().exponent
    return isinstance(exp, int) and exp >= -decimals and (not v or v.adjusted() < MAX_DIGITS)


def first_implausible(obj: object, where: str = "") -> tuple[str, Decimal] | None:
    """The first number in a parsed structure (a model read from JSON: pydantic models,
    dicts, lists) that is not plausible — where it is and what — or None. Figures the
    pipeline computed may carry more decimals than printed ones (up to Decimal's 28), never
    more magnitude."""
    if isinstance(obj, Decimal):
        return None if plausible(obj, decimals=28) else (where or "/", obj)
    # pydantic's field table, on BaseModels and pydantic dataclasses (model.Record) alike
    fields = getattr(type(obj), "__pydantic_fields__", None)
    if fields is not None:
        items: Iterable[tuple[object, object]] = ((k, getattr(obj, k, None)) for k in fields)
    elif isinstance(obj, dict):
        items = obj.items()
    elif isinstance(obj, list | tuple):
        items = enumerate(obj)
    else:
        return None
    for key, value in items:
        bad = first_implausible(value, f"{where}/{key}")
        if bad is not None:
            return bad
    return None


@memo(_PARSED_CACHE)
def parse_decimal(text: str | None) -> Decimal | None:
    """A plain number as the narrative prints it ('1,234.5', '97.51%', '3 042'): separators,
    spaces and a trailing % dropped; None when it is not a number. Table cells, whose damage
    matters, go through :func:`parse_amount` instead."""
    if text is None:
        return None
    s = text.replace(",", "").replace(" ", "").rstrip("%")
    if not s or s in ("-", "."):
        return None
    try:
        v = Decimal(s)
    except InvalidOperation:
        return None
    return v if plausible(v) else None  # not NaN, Infinity, 1e400
