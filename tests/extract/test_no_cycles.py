"""Reading and auditing a text disclosure leaves no reference cycles: what a document's read
makes is freed as soon as the model is dropped, not at the collector's next pass (a batch
worker reads thousands). The column search's recursive closures made such cycles on seed 003
(about 2,000 objects: its records, values and lines)."""

from __future__ import annotations

import gc

import pytest

import juesuan
from tests_support import SEEDS


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else [])
def test_a_text_disclosure_is_read_and_audited_without_reference_cycles(seed: str) -> None:
    path = SEEDS / seed
    juesuan.audit(juesuan.read(path))  # what a first read loads for good (modules, caches)
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        doc = juesuan.read(path)
        report = juesuan.audit(doc)
        del doc, report
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
