"""Shared test helpers: where the real documents live (../shared beside the checkout)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
SAMPLES = SHARED / "samples"


def seed_path(prefix: str) -> Path:
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not available in {SEEDS}")
    return matches[0]


@cache
def _load(path: str):
    from juesuan.pipeline import load

    return load(path)


@pytest.fixture(scope="session")
def seed():
    """seed('001') → the extracted Disclosure (cached for the session)."""

    def get(prefix: str):
        return _load(str(seed_path(prefix)))

    return get
