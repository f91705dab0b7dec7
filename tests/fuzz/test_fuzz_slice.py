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


def test_cli_probe_judges_what_a_user_sees(tmp_path):
    """The real `juesuan check` in a subprocess: a report on stdout and a silent stderr, or
    exactly one Chinese line naming the file (exit 2)."""
    from juesuan.fuzz.run import check_cli

    bases = write_bases(base_dir())
    good = tmp_path / "好.txt"
    good.write_bytes((bases / "base.txt").read_bytes())
    assert check_cli(good)[0] == "report"
    cut = tmp_path / "截断.pdf"
    cut.write_bytes((bases / "base.pdf").read_bytes()[:500])
    kind, reason = check_cli(cut, ocr=False)
    assert kind == "unreadable" and "PDF" in reason, reason


def test_clean_line_wants_the_file_and_a_chinese_reason():
    from juesuan.fuzz.run import clean_line

    assert clean_line("juesuan：无法读取 a.pdf：PDF 文件已损坏", "a.pdf")
    assert not clean_line("juesuan：无法读取 a.pdf：corrupt PDF", "a.pdf")  # reason left in English
    assert not clean_line("juesuan：无法读取 b.pdf：PDF 文件已损坏", "a.pdf")
    assert not clean_line("juesuan：无法读取 a.pdf：PDF\n文件已损坏", "a.pdf")
