from __future__ import annotations

from pathlib import Path

import pytest

from batch.synth_docs import synthetic_texts


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """Six synthetic disclosures in a nested folder, plus two files that cannot be read."""
    root = tmp_path_factory.mktemp("corpus")
    synthetic_texts(root / "a", 3)
    synthetic_texts(root / "b" / "c", 3, start=3)
    (root / "b" / "notes.txt").write_bytes(b"\x00\x01binary\x00junk")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj<<>>\n")
    (root / ".hidden.txt").write_text("ignored", encoding="utf-8")
    return root
