"""The comparison logic of benchmarks/bench_unseen.py, on made-up truth (no unseen document)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from decimal import Decimal as D

import pytest

from tests_support import EXAMPLES, REPO


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_unseen", REPO / "benchmarks" / "bench_unseen.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_unseen"] = mod  # dataclasses look their module up while the class is made
    spec.loader.exec_module(mod)
    return mod


TRUTH = {
    ("合计", "小计"): D("100.00"),
    ("201", "小计"): D("60.00"),
    ("201", "项目支出"): D("60.00"),
    ("202", "小计"): D("40.00"),
    ("202", "基本支出"): D("40.00"),
    ("203", "基本支出"): D("0"),  # printed 0.00: matches an absent cell
}
GOT = {
    ("合计", "小计"): (D("100.00"), False),
    ("201", "小计"): (D("60.00"), False),
    ("201", "基本支出"): (D("60.00"), False),  # the project amount under the basic column
    ("202", "小计"): (D("41.00"), True),  # wrong but flagged
    ("204", "小计"): (D("5.00"), False),  # not in the truth
    ("205", "小计"): (D("0"), False),  # a 0 where the truth has nothing: not extra
}


def test_counts_each_kind_once(bench):
    s = bench.score_table("T05", TRUTH, GOT, "read")
    assert (s.truth, s.exact, s.wrong, s.misplaced, s.missing, s.extra) == (6, 3, 1, 1, 1, 1)
    # misplaced and extra are unflagged in a read table; the wrong cell is uncertain
    assert s.silent == 2
    assert any(c.startswith("misplaced 201|项目支出") for c in s.cells)


def test_a_zero_beside_the_true_value_is_one_misplaced_cell(bench):
    truth = {("301", "小计"): D("2.80"), ("301", "项目支出"): D("2.80")}
    got = {("301", "小计"): (D("2.80"), False), ("301", "项目支出"): (D("0"), True), ("301", "基本支出"): (D("2.80"), True)}
    s = bench.score_table("T07", truth, got, "partial")
    assert (s.exact, s.wrong, s.misplaced, s.extra) == (1, 0, 1, 0)


def test_a_table_partial_though_exact_is_reported(bench):
    doc = bench.DocScore(name="x", input="x.txt")
    doc.tables = [bench.score_table("T03", TRUTH, {k: (v, False) for k, v in TRUTH.items()}, "partial"),
                  bench.score_table("T05", TRUTH, GOT, "partial")]
    assert doc.needlessly_unread() == ["T03"]


def test_a_table_not_read_flags_all_its_cells(bench):
    s = bench.score_table("T05", TRUTH, GOT, "partial")
    assert s.silent == 0
    assert s.exact == 3


def test_wrong_value_printed_on_its_row_counts_as_printed(bench):
    s = bench.score_table("T05", TRUTH, GOT, "read", printed={"202": [D("41.00"), D("3.00")]})
    assert s.as_printed == 1
    s = bench.score_table("T05", TRUTH, GOT, "read", printed={"201": [D("41.00")]})
    assert s.as_printed == 0


def test_true_findings_by_rule_cells_and_text(bench):
    true = [("H-", {("T03", "212", "基本支出")}, ""), ("N-rate-base", set(), "接待")]
    assert bench.is_true_finding("H-T03-class-sum", [("T03", "212", "基本支出")], "", true)
    assert not bench.is_true_finding("H-T03-class-sum", [("T03", "213", "基本支出")], "", true)
    assert bench.is_true_finding("N-rate-base", [], "公务接待费 增长 100%", true)
    assert not bench.is_true_finding("N-rate-base", [], "因公出国（境）费", true)
    assert not bench.is_true_finding("K-code-known", [("T03", "212", "基本支出")], "", true)


def test_load_truth_reads_keys_and_amounts_with_separators(bench, tmp_path):
    p = tmp_path / "t.json"
    p.write_text(json.dumps({"tables": {"T01": {"cells": {"收入总计|金额": "1,234.50"}}},
                             "printed_rows": {"T06": {"30201": ["1,844.57"]}},
                             "true_findings": [{"rule": "N-", "text": "x"}]}, ensure_ascii=False), encoding="utf-8")
    t = bench.load_truth(p)
    assert t["cells"]["T01"][("收入总计", "金额")] == D("1234.50")
    assert t["printed"]["T06"]["30201"] == [D("1844.57")]
    assert t["true"] == [("N-", set(), "x")]


def test_measure_end_to_end_on_the_synthetic_sample(bench, tmp_path):
    """The bundled synthetic sample against a truth made from its own reading with one figure
    changed: exactly that cell is wrong, and the folder layout is the documented one."""
    import juesuan

    src = EXAMPLES / "sample_disclosure.txt"
    shutil.copy(src, tmp_path / "demo.txt")
    d = juesuan.read(src)
    tables = {}
    for t in d.tables.values():
        tables[t.id] = {"cells": {f"{c.row}|{c.column}": str(c.value) for c in t.cells}}
    tables["T01"]["cells"]["收入总计|金额"] = str(d.tables["T01"].value("收入总计", "金额") + 1)
    (tmp_path / "truth").mkdir()
    (tmp_path / "truth" / "demo.json").write_text(json.dumps({"tables": tables}, ensure_ascii=False), encoding="utf-8")
    [doc] = bench.measure_all(tmp_path)
    assert doc.error == ""
    assert doc.total("wrong") == 1
    assert doc.total("exact") == doc.total("truth") - 1
    assert any("收入总计|金额" in c for t in doc.tables for c in t.cells)


def test_against_a_saved_run_names_new_suspects(bench):
    from dataclasses import asdict

    before = bench.DocScore(name="x", input="x.txt", other_findings=["warning K-a: old"])
    before.tables = [bench.score_table("T05", TRUTH, GOT, "read")]
    now = bench.DocScore(name="x", input="x.txt", other_findings=["warning K-a: old", "error N-b: new"])
    now.tables = [bench.score_table("T05", TRUTH, {k: (v, False) for k, v in TRUTH.items()}, "read")]
    out = bench.against([now], [asdict(before)])
    assert out[0] == "x.txt: exact 3 → 6/6, silent 2 → 0, suspects 1 → 2"
    assert out[1:] == ["      new ? error N-b: new"]
