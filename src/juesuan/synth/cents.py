"""Integer cents of 万元: every total is the exact sum of its parts, so identities hold with no 尾差."""

from __future__ import annotations

import random
from decimal import Decimal

from juesuan.money import q2

Rows = dict[str, dict[str, int]]  # row key → column → cents


def allocate(total: int, weights: list[float], rng: random.Random | None = None, jitter: float = 0.0) -> list[int]:
    """Split ``total`` cents into integer parts proportional to ``weights`` (largest remainder);
    the parts always sum to ``total`` exactly."""
    w = [max(0.0, x * (1 + rng.uniform(-jitter, jitter)) if rng and jitter else x) for x in weights]
    s = sum(w)
    if total == 0 or s == 0:
        return [0] * len(weights)
    raw = [total * x / s for x in w]
    parts = [int(r) for r in raw]
    rest = total - sum(parts)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - parts[i]), i))
    for i in order[:rest]:
        parts[i] += 1
    return parts


def dec(cents: int) -> Decimal:
    return q2(Decimal(cents) / 100)


def add(d: Rows, code: str, col: str, cents: int) -> None:
    row = d.setdefault(code, {})
    row[col] = row.get(col, 0) + cents


def rollup(items: Rows) -> Rows:
    """项 rows → 项 + 款 + 类 rows and 合计, each the exact sum of its children."""
    out: Rows = {}
    for code, cols in items.items():
        for key in (code, code[:5], code[:3], "合计"):
            for col, v in cols.items():
                add(out, key, col, v)
    return out


def ordered(rows: Rows) -> list[str]:
    codes = sorted(r for r in rows if r != "合计")
    return (["合计"] if "合计" in rows else []) + codes
