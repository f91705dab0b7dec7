"""benchmarks/instructions.py: the C markers it compiles for callgrind, and how it reads their counts."""

from __future__ import annotations

import importlib.util
import shutil
import sys

import pytest

from tests_support import REPO


def _module(name: str, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


instructions = _module("bench_instructions_under_test", REPO / "benchmarks" / "instructions.py")


@pytest.mark.skipif(shutil.which("gcc") is None and shutil.which("cc") is None, reason="no C compiler")
def test_the_markers_compile_and_call_through(tmp_path, monkeypatch):
    assert instructions.build_marks(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "cgmarks", raising=False)
    import cgmarks

    assert cgmarks.run(lambda: 42) == 42
    # a mark passes positional and keyword arguments through, and raises what the function raises
    assert cgmarks.mark15(lambda a, b=0: (a, b), 1, b=2) == (1, 2)
    with pytest.raises(ZeroDivisionError):
        cgmarks.mark00(lambda: 1 / 0)


ANNOTATED = """\
--------------------------------------------------------------------------------
Ir                   file:function
--------------------------------------------------------------------------------
518,912,004 (100.0%)  ???:cgmarks_run [/tmp/x/cgmarks.cpython-311-x86_64-linux-gnu.so]
 70,000,000 (13.5%)  ???:cgmark01'2 [/tmp/x/cgmarks.cpython-311-x86_64-linux-gnu.so]
 61,230,118 (11.8%)  ???:cgmark01 [/tmp/x/cgmarks.cpython-311-x86_64-linux-gnu.so]
  9,400,000 ( 1.8%)  ???:cgmark00 [/tmp/x/cgmarks.cpython-311-x86_64-linux-gnu.so]
  1,000,000 ( 0.2%)  ???:cgmark00'2 [/tmp/x/cgmarks.cpython-311-x86_64-linux-gnu.so]
"""


def test_each_mark_is_read_by_its_number_and_a_mark_never_entered_is_zero():
    # (a mark entered inside itself, cgmarkNN'2, is a part of the mark's count, not the count)
    assert instructions.parse_marks(ANNOTATED, 3) == [9_400_000, 61_230_118, 0]
