"""benchmarks/run.py (`make bench`) runs every bench module, including one that defines dataclasses."""

from __future__ import annotations

import importlib.util
import sys

from tests_support import REPO


def test_runner_loads_a_bench_that_defines_a_dataclass(tmp_path, monkeypatch, capsys):
    (tmp_path / "bench_dc.py").write_text(
        "from __future__ import annotations\n"
        "from dataclasses import dataclass\n"
        "@dataclass(frozen=True)\n"
        "class Row:\n"
        "    label: str\n"
        "def run():\n"
        "    return [(Row('x').label, '1')]\n",
        encoding="utf-8",
    )
    spec = importlib.util.spec_from_file_location("bench_runner_under_test", REPO / "benchmarks" / "run.py")
    runner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(runner)
    monkeypatch.setattr(runner, "HERE", tmp_path)
    monkeypatch.delitem(sys.modules, "bench_dc", raising=False)
    assert runner.main([]) == 0
    out = capsys.readouterr().out
    assert "bench_dc" in out and "failed" not in out
