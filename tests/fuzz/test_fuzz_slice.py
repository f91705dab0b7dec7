"""A quick slice of the fuzz run (the full run is `make fuzz`): every damaged or hostile
input ends cleanly — a report, or one line naming the file; never an internal error, a
multi-line message or a crashed worker."""

from __future__ import annotations

import tempfile

from hypothesis import HealthCheck, given, settings

from juesuan.batch.isolate import run_one
from juesuan.fuzz.corpus import base_dir, write_bases
from juesuan.fuzz.run import FAILURES, Case, probe, reason_kind, run
from juesuan.fuzz.strategies import hostile_cases
from juesuan.limits import Limits

LIM = Limits(seconds=120, cpu_seconds=120, memory_mb=3072)


def test_two_cases_of_every_builder():
    res = run(26, workers=2, seed=20261202)
    assert sum(res.outcomes.values()) == 26
    assert res.ok, res.failures
    assert res.outcomes["report"] > 0 and res.outcomes["unreadable"] > 0


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=hostile_cases(["malformed_numbers", "legacy_encoding", "shuffled_tables", "byte_flips", "truncation"]))
def test_hypothesis_cases_end_cleanly(case: Case):
    bases = write_bases(base_dir())
    with tempfile.TemporaryDirectory() as work:
        kind, detail, _ = run_one(probe, (case, str(bases), work), LIM)
    assert kind not in FAILURES, (case, detail)


def test_reason_kind_drops_numbers_and_detail():
    assert reason_kind("PDF has 2000 pages (more than 500)") == "PDF has N pages "
    assert reason_kind("超出限制：页数 2,000 > 500（可用环境变量 JUESUAN_MAX_PAGES 调整）") == "超出限制：页数 N > N"
