"""Synthetic disclosures for batch tests (made-up departments, juesuan's own writer)."""

from __future__ import annotations

from pathlib import Path


def synthetic_texts(directory: Path, n: int, start: int = 0) -> list[Path]:
    """``n`` synthetic disclosures (made-up departments, juesuan's own writer) as text."""
    from juesuan.demo import PROFILES, generate_year
    from juesuan.render import render_bytes

    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(start, start + n):
        dy = generate_year(PROFILES[i % len(PROFILES)], 2022 + i % 3, seed=100 + i)
        p = directory / f"dept{i:02d}.txt"
        p.write_bytes(render_bytes(dy.disclosure, "txt", None, dy.supplement))
        out.append(p)
    return out
