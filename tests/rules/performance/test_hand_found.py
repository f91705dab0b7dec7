"""The P rules against the performance defects found by hand in the five seeds
(hand_found.yaml, written before looking at what the rules report): the recall floor reached,
and no error or warning P finding that matches no hand-found defect (a false alarm)."""

from __future__ import annotations

import pytest

from tests_support import SEEDS

from .recall import KIND_RULES, audit_seeds, load_record, score

# recall reached on the record (69 of 78 on this branch); a rule change that loses a defect
# fails here. The 9 missed entries each carry the reason in the record (known_gap).
RECALL_FLOOR = 0.85


@pytest.fixture(scope="module")
def results():
    if not any(SEEDS.glob("00[0-4]_*.txt")):
        pytest.skip(f"seeds not available in {SEEDS}")
    return audit_seeds(SEEDS)


def test_record_is_well_formed():
    record = load_record()
    assert set(record) == {"000", "001", "002", "003", "004"}
    ids = [e.id for entries in record.values() for e in entries]
    assert len(ids) == len(set(ids))
    assert all(e.kind in KIND_RULES for entries in record.values() for e in entries)
    # a record about the narrative as a whole names what its finding must quote
    assert all(e.project or e.key or e.rows for entries in record.values() for e in entries)


def test_recall_floor(results):
    found = sum(len(r.found) for r in results)
    total = sum(len(r.entries) for r in results)
    assert total and found / total >= RECALL_FLOOR, [e.id for r in results for e in r.missed]


def test_every_miss_is_explained(results):
    unexplained = [e.id for r in results for e in r.missed if not e.known_gap]
    assert not unexplained


def test_no_false_alarms_on_the_seeds(results):
    unmatched = [(r.seed, f.rule, f.message[:80]) for r in results for f in r.unmatched]
    assert not unmatched


def test_matching_needs_the_rule_the_project_and_the_row():
    from juesuan.findings import Finding

    (entry,) = [e for e in load_record()["000"] if e.id == "000-fire-accident"]
    msg = "附件项目绩效自评表“农业农村局扑火队队员意外险”：三级指标“事故、险情漏瞒报或超时限报告件数”已达到目标，却只得 7.5 分"
    hit = Finding(rule="P-indicator-score", message=msg)
    assert score("000", [entry], [hit]).found == [entry]
    assert score("000", [entry], [hit.model_copy(update={"rule": "P-deviation"})]).missed == [entry]
    assert score("000", [entry], [hit.model_copy(update={"message": msg.replace("事故、险情", "其他")})]).missed == [entry]
    # nested findings count, and a finding about no record is unmatched
    root = Finding(rule="P-indicator-score", message="附件项目绩效自评表“别的项目”：…", consequences=[hit])
    assert score("000", [entry], [root]).unmatched == []
    assert score("000", [entry], [Finding(rule="P-grade", message="x")]).unmatched != []
