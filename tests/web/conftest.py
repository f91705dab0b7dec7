"""Fixtures of the web tests: a temporary store behind the application."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / ".." / "shared" / "samples"
SAMPLE_PDF = SAMPLES / "上海市普陀区财政局2024年度部门决算.pdf"


@pytest.fixture
def store(tmp_path):
    from juesuan.store import open_store

    s = open_store(str(tmp_path / "web.db"))
    yield s
    s.close()


@pytest.fixture
def client(store):
    from fastapi.testclient import TestClient

    from juesuan.api import create_app

    with TestClient(create_app(store)) as c:
        yield c


@pytest.fixture
def sample_pdf() -> Path:
    """The real Shanghai sample (../shared beside the checkout, as in CI)."""
    if not SAMPLE_PDF.exists():
        pytest.skip("../shared/samples not beside the checkout")
    return SAMPLE_PDF
