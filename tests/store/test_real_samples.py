"""End to end on the real Shanghai sample and its planted-error copy: two documents of one
department and year, the consolidated units, the planted errors stored and reviewable."""

from __future__ import annotations

import pytest

from tests_support import SHARED

SAMPLES = SHARED / "samples"
ORIGINAL = SAMPLES / "上海市普陀区财政局2024年度部门决算.pdf"
PLANTED = SAMPLES / "上海市普陀区财政局2024年度部门决算（植入错误版）.pdf"

pytestmark = pytest.mark.slow


@pytest.fixture
def store(tmp_path):
    if not (ORIGINAL.exists() and PLANTED.exists()):
        pytest.skip("the real samples are not beside the checkout")
    from juesuan.store import open_store

    s = open_store(str(tmp_path / "real.db"))
    yield s
    s.close()


def test_real_sample_and_planted_copy(store):
    a = store.ingest(ORIGINAL, source_url="https://example.invalid/original.pdf")
    b = store.ingest(PLANTED)
    assert a.status == b.status == "read" and a.document_id != b.document_id
    da, db = store.document(a.document_id), store.document(b.document_id)
    assert da.format == "pdf" and da.year == db.year == 2024
    assert da.department_id == db.department_id  # one department, two documents
    dep = store.department(da.department_id)
    assert dep.key == "普陀区财政局" and dep.region == "上海市普陀区"
    assert dep.units[2024] == ["上海市普陀区财政局", "上海市普陀区财政局财政所", "上海市普陀区国库收付中心"]
    planted = store.findings(document_id=b.document_id, severity="error")
    assert len(planted) >= 3 and b.summary["error"] == len(planted)
    cells = store.cells(a.document_id, table="T01")
    assert any(c.page is not None for c in cells)  # provenance kept
    n, leagues = store.compare_region(2024, "上海市")
    assert n == 1  # one document per department: the newest
    store.review(planted[0].id, "confirmed", "审核员甲", "与原件核对，确为错误")
    assert store.findings(document_id=b.document_id, state="confirmed")[0].id == planted[0].id
