"""The top-level guard: an unexpected exception is one Chinese line and exit 3, never a
traceback and never 1 (which means "the document has errors")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from juesuan.cli import main as cli_main

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "juesuan" / "examples" / "sample_disclosure.txt"


def test_internal_error_is_one_line_exit_3(monkeypatch, capsys):
    import juesuan

    def broken(doc, **kw):
        raise KeyError("rule table\nsecond line")

    monkeypatch.setattr(juesuan, "audit", broken)
    with pytest.raises(SystemExit) as e:
        cli_main.main(["check", str(SAMPLE)])
    assert e.value.code == cli_main.EXIT_INTERNAL == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "内部错误" in err and "KeyError" in err and "Traceback" not in err


@pytest.mark.parametrize("where, name", [
    ("juesuan.read", "read_source"),  # in the bounded worker (which inherits the patch)
    ("juesuan.pipeline", "build"),  # in the command's own process, from what the worker read
])
def test_reader_or_build_bug_is_exit_3(monkeypatch, capsys, where, name):
    import importlib

    def broken(arg):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(importlib.import_module(where), name, broken)
    with pytest.raises(SystemExit) as e:
        cli_main.main(["extract", str(SAMPLE)])
    assert e.value.code == 3
    err = capsys.readouterr().err
    assert "ZeroDivisionError" in err and "Traceback" not in err and err.count("\n") == 1


def test_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    r = subprocess.run([sys.executable, "-m", "juesuan", "check", str(fifo)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "pipe.txt" in r.stderr and "不是普通文件" in r.stderr and "Traceback" not in r.stderr


def test_library_warnings_do_not_leak(tmp_path):
    code = (
        "import logging, warnings, sys\n"
        "from juesuan.cli.main import quiet_libraries\n"
        "quiet_libraries()\n"
        "warnings.warn('openpyxl style warning')\n"
        "logging.getLogger('pdfminer.pdfpage').warning('CropBox missing')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stderr == ""


def _check(env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {**os.environ, **env_extra}
    return subprocess.run([sys.executable, "-m", "juesuan", "check", str(SAMPLE)], capture_output=True, text=True,
                          timeout=120, env=env)


def test_limit_hit_is_exit_2_naming_it():
    r = _check({"JUESUAN_MAX_BYTES": "1000"})
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "sample_disclosure.txt" in r.stderr and "文件大小" in r.stderr and "JUESUAN_MAX_BYTES" in r.stderr



def test_a_newline_in_a_file_name_keeps_the_error_on_one_line(tmp_path):
    bad = tmp_path / "坏\n名.txt"
    bad.write_bytes(b"")
    r = subprocess.run([sys.executable, "-m", "juesuan", "check", str(bad)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "坏\\x0a名.txt" in r.stderr and "文件是空的" in r.stderr
