"""Fixtures for the reader tests: a cached read of each real sample PDF."""

from __future__ import annotations

import pytest

from .helpers import SAMPLE_2024, SAMPLE_PLANTED, SAMPLE_TEMPLATE, read_sample


@pytest.fixture(scope="session")
def src2024():
    return read_sample(SAMPLE_2024)


@pytest.fixture(scope="session")
def src_planted():
    return read_sample(SAMPLE_PLANTED)


@pytest.fixture(scope="session")
def src_template():
    return read_sample(SAMPLE_TEMPLATE)


@pytest.fixture(scope="session")
def rendered_pdf() -> bytes:
    """A synthetic disclosure printed by juesuan's own PDF writer (ruled tables)."""
    from juesuan.render import render_bytes
    from juesuan.synth import generate

    dep = generate()[0]
    return render_bytes(dep.years[-1].disclosure, "pdf", previous=dep.years[-2].disclosure)
