"""Reports read as people read them: the text report piped into a file or an email, the HTML
report printed (Chromium "print to PDF"), the coverage summary in every format."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from juesuan.cli.main import app
from juesuan.report.text import render_text

from .helpers import PLANTED, broken, report_with_coverage, sample

runner = CliRunner()


def _model(tmp_path, doc):
    p = tmp_path / "m.json"
    p.write_text(doc.model_dump_json(), encoding="utf-8")
    return p


def test_piped_text_report_never_cuts_a_message(tmp_path):
    rep = report_with_coverage(broken())
    long = "很长的说明" * 60 + "（结尾标记）"
    rep.findings[0].message = long
    text = render_text(rep, width=60)
    assert long in text.replace("\n", "")
    assert long in text  # one line, not wrapped at the width of a terminal that is not there
    assert "…" not in text


def test_cli_text_to_a_pipe_keeps_whole_messages(tmp_path):
    m = _model(tmp_path, broken())
    proc = subprocess.run([sys.executable, "-m", "juesuan.cli.main", "check", str(m)],
                          capture_output=True, text=True, env={"COLUMNS": "40", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 1, proc.stderr
    data = json.loads(runner.invoke(app, ["check", str(m), "--format", "json"]).stdout)
    for f in data["findings"]:
        assert f["message"] in proc.stdout
    assert "…" not in proc.stdout


def test_text_coverage_summary_shows_not_checked_separately():
    text = render_text(report_with_coverage(broken()))
    assert "核对覆盖情况" in text
    assert "通过 1　未通过 2　不适用 1　未核对 1（通过率 25.00%）" in text
    assert "未核对　" in text and "T05 只读取了部分行" in text


def test_coverage_missing_is_said_not_hidden():
    from juesuan.report import audit

    text = render_text(audit(sample()))
    assert "核对覆盖情况" in text
    rep = audit(sample())
    if rep.coverage is None:
        assert "不能据此认为全部通过" in text


def test_json_carries_coverage():
    d = report_with_coverage(broken()).to_dict()
    assert [c["status"] for c in d["coverage"]].count("not_checked") == 1


def test_html_has_coverage_and_print_stylesheet():
    from juesuan.report.html import render_html

    html = render_html(report_with_coverage(broken()))
    assert "@media print" in html and "size: A4" in html and "break-before:page" in html
    assert "核对覆盖情况" in html and "未核对" in html and "T05 只读取了部分行" in html
    # summary and findings come before the first drawn table
    assert html.index('id="findings"') < html.index('id="coverage"') < html.index('id="t-T01"')


def test_percentages_print_as_percentages(tmp_path):
    if not PLANTED.exists():
        pytest.skip(f"sample not available: {PLANTED}")
    r = runner.invoke(app, ["check", str(PLANTED), "--format", "html", "-o", str(tmp_path / "r.html")])
    assert r.exit_code == 1
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "71.65%" in html and "71.6539" not in html


@pytest.mark.slow
def test_html_report_prints_to_a4_pdf(tmp_path):
    from support.chromium import chromium, print_to_pdf

    if chromium() is None:
        pytest.skip("chromium is not installed (apt-get install -y chromium; make test installs it)")
    if not PLANTED.exists():
        pytest.skip(f"sample not available: {PLANTED}")
    html = tmp_path / "report.html"
    r = runner.invoke(app, ["check", str(PLANTED), "--format", "html", "-o", str(html)])
    assert r.exit_code == 1
    pdf = print_to_pdf(html, tmp_path / "out.pdf")
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    n = len(doc)
    found = json.loads(runner.invoke(app, ["check", str(PLANTED), "--format", "json"]).stdout)
    tables = len(found["document"]["tables_found"])
    # summary + findings take a page or two, then one page per drawn table (T03 is missing)
    assert tables + 1 <= n <= tables + 4, n
    first = doc[0]
    w, h = first.get_size()
    assert abs(w - 595) < 3 and abs(h - 842) < 3  # A4 portrait, in points
    text = first.get_textpage().get_text_range()
    assert "审核报告" in text and "错误" in text and "九张表齐全" in text
    # a wide table (T01) sits on its own landscape page
    sizes = [doc[i].get_size() for i in range(n)]
    assert any(pw > ph for pw, ph in sizes)
    t01 = next(i for i in range(n) if "T01 ·" in doc[i].get_textpage().get_text_range())  # the caption
    assert t01 > 0 and sizes[t01][0] > sizes[t01][1]


def test_document_text_in_the_report_is_never_read_as_markup():
    """Reading notes, reasons and project names quote the document: brackets that look like
    Rich markup (a style, a closing tag) are printed as the document has them."""
    doc = broken()
    doc.warnings.append("第 3 页：表头“[b]项目[/b]”与“[/x]”无法识别")
    rep = report_with_coverage(doc)
    row = next(x for x in rep.coverage if x.status == "not_checked")
    row.reason = "只读取了部分行（“[red]合计[/red]”）"
    text = render_text(rep)
    assert "第 3 页：表头“[b]项目[/b]”与“[/x]”无法识别" in text
    assert "只读取了部分行（“[red]合计[/red]”）" in text
