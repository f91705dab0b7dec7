"""The one table of comparator words a performance target is printed with (≥ >= 大于等于 不低于
… 以上) and their normal form ("≥", "≤", "=", ">", "<").

Used by the reader (:mod:`juesuan.extract.performance.indicators`, which splits the 运算符号
off a printed 年度指标值) and by the rules (:mod:`juesuan.rules.performance.common`, which parse
comparators inside a qualitative target). One table, so the two never disagree on what a
printed target means.
"""

from __future__ import annotations

import re

from juesuan import lazy

# word as printed → normal form. '≪' / '≫' are how OCR reads a printed ≤ / ≥ more often than a
# table means "much less"; the full-width forms come from office documents.
COMPARATORS: dict[str, str] = {
    "≥": "≥", ">=": "≥", "＞＝": "≥", "≧": "≥", "≫": "≥", "大于等于": "≥", "不低于": "≥", "不少于": "≥",
    "≤": "≤", "<=": "≤", "＜＝": "≤", "≦": "≤", "≪": "≤", "小于等于": "≤", "不高于": "≤", "不超过": "≤",
    "不多于": "≤",
    "=": "=", "＝": "=", "等于": "=",
    ">": ">", "＞": ">", "大于": ">",
    "<": "<", "＜": "<", "小于": "<",
}
# words printed after the number ('90%以上', '3天以内'): the same meaning as a leading comparator
SUFFIXES: dict[str, str] = {"以上": "≥", "及以上": "≥", "或以上": "≥", "以下": "≤", "及以下": "≤", "或以下": "≤",
                            "以内": "≤", "及以内": "≤"}

# a leading comparator; longest words first so '>=' is not read as '>' followed by '='
PREFIX = "|".join(re.escape(w) for w in sorted(COMPARATORS, key=len, reverse=True))
PREFIX_RE = lazy.pattern(rf"^\s*({PREFIX})\s*")
SUFFIX_RE = lazy.pattern(r"(?:及|或)?(以上|以下|以内)$")


def normal(word: str) -> str | None:
    """The normal form of a comparator word ('>=' → '≥'); None for anything else."""
    return COMPARATORS.get(word.strip()) or SUFFIXES.get(word.strip())


def split_leading(text: str) -> tuple[str | None, str]:
    """('≥', '200人') for '>= 200人'; (None, text) when the text starts with no comparator."""
    m = PREFIX_RE.match(text)
    if not m:
        return None, text
    return COMPARATORS[m.group(1)], text[m.end():]


def split_trailing(text: str) -> tuple[str | None, str]:
    """('≥', '90%') for '90%以上'; (None, text) when the text ends with no comparator word."""
    m = SUFFIX_RE.search(text)
    if not m:
        return None, text
    return SUFFIXES[m.group(1)], text[:m.start()]
