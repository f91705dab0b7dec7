from __future__ import annotations

import pytest

from juesuan.synth import generate


@pytest.fixture(scope="session")
def departments():
    return generate()


@pytest.fixture(scope="session")
def sample_year(departments):
    """人社局 (T07/T08 declared empty), last year, with its previous year."""
    dep = departments[0]
    return dep.years[-1], dep.years[-2]


@pytest.fixture(scope="session")
def full_year(departments):
    """住建局: every table has data (政府性基金 and 国有资本经营 included)."""
    dep = next(d for d in departments if d.key == "zhujian")
    return dep.years[-1], dep.years[-2]
