from decimal import Decimal

from juesuan.rules import REGISTRY
from juesuan.rules.mutation import mutation_rate, mutation_test

from .builders import department

FLOOR = 0.99


def test_mutation_rate_floor_on_synthetic_department():
    result = mutation_test(department())
    assert result.cells > 200 and result.total > 400
    assert result.rate >= FLOOR, result.missed[:20]


def test_mutation_rate_drops_without_the_identity_rules():
    # the measure can fail: with only the completeness rules nothing is caught
    only_c = [r for r in REGISTRY.values() if r.family == "C"]
    result = mutation_test(department(), rules=only_c + [REGISTRY["A-T05-row"]], cells_from=REGISTRY.values())
    assert result.rate < FLOOR


def test_mutation_leaves_document_unchanged():
    doc = department()
    before = [(c.key, c.value) for c in doc.all_cells()]
    mutation_rate(doc)
    assert [(c.key, c.value) for c in doc.all_cells()] == before
    assert doc.value("T05", "合计", "小计") == Decimal("3125.77")


import pytest  # noqa: E402


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_mutation_rate_floor_on_real_seeds(seed, prefix):
    # every cell that takes part in an identity, changed one at a time, must be pointed at
    result = mutation_test(seed(prefix).model_copy(deep=True))
    assert result.cells > 100
    assert result.rate >= FLOOR, result.missed[:20]
