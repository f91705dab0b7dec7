"""Where the test inputs live — the one home for these paths. The real documents are in
../shared beside the checkout (CI has it there); tests that need them skip without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("JUESUAN_SHARED") or REPO.parent / "shared")
SEEDS = SHARED / "seeds"
SAMPLES = SHARED / "samples"
REFERENCE = SHARED / "reference"
DOCS = REPO / "docs"
EXAMPLES = REPO / "src" / "juesuan" / "examples"


def seed_file(prefix: str) -> Path:
    """The seed whose name starts with ``prefix`` ('000' … '004'); skips the test without it."""
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not available in {SEEDS}")
    return matches[0]
