"""Small helpers every performance reader uses: name cleaning and cell tokens."""

from __future__ import annotations

import re

from juesuan.extract.claims import clean_text
from juesuan.money import parse_decimal
from juesuan.read.types import Line

N = r"(-?\d+(?:\.\d+)?)"
d = parse_decimal

NEEDS_CLEAN = re.compile(r"\d[\s.,]|<|\*\*|[\u4e00-\u9fff]\s")
NUMTOK = re.compile(r"^-?\d+(?:\.\d+)?%?$")


def clean_name(s: str) -> str:
    s = re.sub(r"[\"“”'‘’《》]", "", s)
    s = re.sub(r"\s+", "", s)
    return s.strip(",，:：;；。.、-—")


def clean(t: str) -> str:
    """One cell's text with OCR / markup noise removed ('97. 20%' → '97.20%')."""
    t = t.strip()
    if t and NEEDS_CLEAN.search(t):
        t = clean_text(t, [0] * len(t))[0].strip()
    return t


def cells(ln: Line) -> list[str]:
    """Cells of a line after noise removal; '467. 89 467. 89' in one cell becomes two."""
    out: list[str] = []
    for c in ln.cells if ln.chunks else [ln.text]:
        t = clean(c)
        if not t:
            out.append("")
            continue
        parts = t.split()
        if len(parts) > 1 and all(NUMTOK.match(p) for p in parts):
            out.extend(parts)
        else:
            out.append(t)
    return out


def nums(cs: list[str]) -> list[str]:
    return [c for c in cs if c and NUMTOK.match(c)]
