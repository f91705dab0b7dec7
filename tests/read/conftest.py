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
