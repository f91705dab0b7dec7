"""Text normalisation shared by every stage that compares printed text with known names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "＂": '"', "〝": '"', "〞": '"'})
_SPACE_RE = re.compile(r"\s+")


def nfkc(s: str) -> str:
    """Full-width → half-width (digits, Latin, punctuation), compatibility forms (Kangxi
    radicals that OCR emits for ordinary characters) → ordinary characters."""
    # Most text is already normal; the quick check is ten times cheaper than normalising.
    return s if unicodedata.is_normalized("NFKC", s) else unicodedata.normalize("NFKC", s)


@lru_cache(maxsize=16384)  # the same titles and labels are compared over and over
def norm(s: str) -> str:
    """Key for comparing names: NFKC, no whitespace, straight quotes."""
    return _SPACE_RE.sub("", nfkc(s or "").translate(_QUOTES))


def squash(s: str) -> str:
    """Collapse whitespace runs to one space (for display)."""
    return _SPACE_RE.sub(" ", s or "").strip()
