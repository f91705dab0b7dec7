"""`juesuan --help` starts fast because no command module loads heavy libraries at import.

Speed is measured by benchmarks/bench_speed.py; this test pins the cause: after importing the
CLI (which is all `--help` needs) none of the heavy modules is loaded.
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = (
    "pydantic", "juesuan.model", "juesuan.rules", "juesuan.pipeline", "juesuan.catalogue",
    "pypdfium2", "pdfplumber", "openpyxl", "docx", "reportlab", "lxml", "numpy",
    "rapidocr_onnxruntime", "sqlalchemy", "fastapi", "dask", "jinja2",
)


def test_cli_import_loads_no_heavy_module():
    code = (
        "import sys, juesuan.cli.main\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_help_runs_without_heavy_modules():
    code = (
        "import sys\n"
        "from juesuan.cli.main import app\n"
        "try:\n"
        "    app(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print('LOADED:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "用法" in out.stdout or "Usage" in out.stdout
    assert out.stdout.strip().endswith("LOADED:")
