"""Output safety: document text stays text in every format, -o never follows a symlink or
leaves half a file, and nothing reaches the network."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from juesuan.cli.main import app
from juesuan.safeio import UnsafeOutput, csv_text, write_atomic

from .helpers import CLEAN_PDF, hostile, sample

runner = CliRunner()


# -- atomic, symlink-safe writes ---------------------------------------------------------

def test_write_atomic_replaces_whole_file_and_leaves_no_temp(tmp_path):
    p = tmp_path / "out.txt"
    p.write_text("old", encoding="utf-8")
    write_atomic(p, "新内容")
    assert p.read_text(encoding="utf-8") == "新内容"
    assert [x.name for x in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_refuses_a_symlink_and_leaves_its_target_alone(tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "report.html"
    link.symlink_to(target)
    with pytest.raises(UnsafeOutput):
        write_atomic(link, "<html>")
    assert target.read_text(encoding="utf-8") == "keep me" and link.is_symlink()


def test_cli_output_through_symlink_is_refused(tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "r.html"
    link.symlink_to(target)
    m = tmp_path / "m.json"
    m.write_text(sample().model_dump_json(), encoding="utf-8")
    r = runner.invoke(app, ["check", str(m), "--format", "html", "-o", str(link)])
    assert r.exit_code == 2 and "符号链接" in r.output and "Traceback" not in r.output
    assert target.read_text(encoding="utf-8") == "keep me"


def test_failed_write_leaves_old_file_and_no_partial(tmp_path, monkeypatch):
    p = tmp_path / "out.xlsx"
    p.write_bytes(b"old")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(p, b"x" * 1000)
    assert p.read_bytes() == b"old"
    assert [x.name for x in tmp_path.iterdir()] == ["out.xlsx"]


# -- formulas ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, out", [
    ("=1+1", "'=1+1"), ("+86 10", "'+86 10"), ("@SUM(A1)", "'@SUM(A1)"), ("-x", "'-x"),
    ("-12.50", "-12.50"), ("+3", "+3"), ("一般公共服务支出", "一般公共服务支出"), ("", ""),
])
def test_csv_text(text, out):
    assert csv_text(text) == out


def test_rendered_xlsx_keeps_a_formula_looking_label_as_text(tmp_path):
    m = tmp_path / "m.json"
    m.write_text(hostile().model_dump_json(), encoding="utf-8")
    out = tmp_path / "d.xlsx"
    r = runner.invoke(app, ["render", str(m), "--to", "xlsx", "--out", str(out), "--force"])
    assert r.exit_code == 0, r.output
    wb = load_workbook(out)
    texts = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert texts and all(c.data_type == "s" for c in texts)
    numbers = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
               if isinstance(c.value, (int, float))]
    assert numbers  # amounts are still numbers


def test_input_workbook_and_findings_xlsx_keep_formulas_as_text(tmp_path):
    from juesuan.render.workbook import workbook_bytes
    from juesuan.report import audit
    from juesuan.report.sheets import findings_xlsx

    d = hostile()
    for data in (workbook_bytes(d), findings_xlsx(audit(d))):
        wb = load_workbook(io.BytesIO(data))
        cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)
                 and c.value.startswith(("=", "@"))]
        assert all(c.data_type == "s" for c in cells)
    raw = workbook_bytes(d)
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        xml = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in xml  # no formula element anywhere


# -- markup escaping -------------------------------------------------------------------

def test_pdf_markup_is_escaped_and_never_fetches_an_image(tmp_path, monkeypatch):
    pytest.importorskip("reportlab")
    from reportlab.lib import utils

    from juesuan.render import render_bytes
    from juesuan.render.pdf import FontMissing, register_font

    try:
        register_font()
    except FontMissing as e:
        pytest.skip(str(e))
    img = tmp_path / "secret.png"
    img.write_bytes(b"\x89PNG\r\n\x1a\n")  # opened only if the markup were interpreted
    opened: list[str] = []
    real = utils.open_for_read

    def spy(name, *a, **kw):
        opened.append(str(name))
        return real(name, *a, **kw)

    monkeypatch.setattr(utils, "open_for_read", spy)
    d = sample()
    d.tables["T05"].number = f'<img src="{img}" width="40" height="40"/>'
    d.meta.department = '<a href="http://example.invalid">样例局</a>&'
    pdf = render_bytes(d, "pdf")
    assert not any("secret.png" in o or "example.invalid" in o for o in opened)
    assert b"/Subtype /Image" not in pdf


def test_report_html_escapes_document_text(tmp_path):
    from juesuan.report import audit
    from juesuan.report.html import render_html

    d = hostile()
    d.tables["T05"].row_labels[next(iter(d.tables["T05"].row_labels))] = "<script>alert(1)</script>"
    d.warnings.append("<img src=x onerror=alert(1)>")
    html = render_html(audit(d))
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;img src=x" in html


# -- no network -----------------------------------------------------------------------

SITECUSTOMIZE = textwrap.dedent('''
    import socket, os
    _log = os.environ["JUESUAN_NET_LOG"]
    def _blocked(self, address, *a, **k):
        with open(_log, "a") as f:
            f.write(repr(address) + "\\n")
        raise OSError("network blocked by test")
    socket.socket.connect = _blocked
    socket.socket.connect_ex = _blocked
    _real = socket.create_connection
    def _cc(address, *a, **k):
        with open(_log, "a") as f:
            f.write(repr(address) + "\\n")
        raise OSError("network blocked by test")
    socket.create_connection = _cc
''')


@pytest.mark.slow
def test_cli_runs_with_the_network_blocked(tmp_path):
    if not CLEAN_PDF.exists():
        pytest.skip(f"sample PDF not available: {CLEAN_PDF}")
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "net.log"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
           "JUESUAN_NET_LOG": str(log)}
    exe = [sys.executable, "-m", "juesuan.cli.main"]
    runs = [
        ["check", str(CLEAN_PDF), "--format", "html", "-o", str(tmp_path / "r.html")],
        ["check", str(CLEAN_PDF), "--format", "xlsx", "-o", str(tmp_path / "r.xlsx")],
        ["render", str(CLEAN_PDF), "--to", "pdf", "--out", str(tmp_path / "d.pdf"), "--force"],
        ["template", str(tmp_path / "t.xlsx"), "--from", str(CLEAN_PDF)],
    ]
    probe = subprocess.run([sys.executable, "-c", "import socket; socket.socket().connect(('192.0.2.1', 80))"],
                           env=env, capture_output=True, text=True)
    assert "network blocked by test" in probe.stderr  # the guard is active in the subprocess
    log.unlink()
    for args in runs:
        p = subprocess.run(exe + args, env=env, capture_output=True, text=True, timeout=300)
        assert p.returncode in (0, 1), (args, p.stderr)
        assert "Traceback" not in p.stderr
    assert not log.exists(), log.read_text()
    assert all(Path(a).exists() for a in (tmp_path / "r.html", tmp_path / "r.xlsx", tmp_path / "t.xlsx"))
