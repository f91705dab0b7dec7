"""What a reviewer is told from a text dump of a sample PDF, tool by tool: the PDF's own errors
and warnings, less only those resting on tables the dump could not read in full — never one
the PDF does not give (a reading failure is never a document error), never one blamed on
another figure.

The dumps are made at test time from ../shared (juesuan.read.dumps; no document text is
committed). The cases this pins: pdfplumber's layout=True prints each gap of a line as a run
of spaces and the figures set lower below it (read as 1511.89 元, U-yuan-for-wan, before the
gaps took runs); pdftotext and pdfminer print the tables out of order (a blank 三公 table
said "figures not placeable" instead of blank; a change rate judged against a total printed
as 0 alone, N-change-rate, where the PDF blames the 0).
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

import juesuan
from juesuan.pipeline import load
from juesuan.read.dumps import OUT_OF_ORDER, TOOLS, available_tools, dump_pdf

from .helpers import SAMPLE_2024, SAMPLE_PLANTED, sample_path

# (sample, tool) → the PDF's findings the dump does not give: each rests on a table the tool
# printed out of order and the reader says it read only in part or not at all
LOST: dict[tuple[str, str], Counter] = {
    (SAMPLE_2024, "pdftotext"): Counter({"N-list-items": 1}),  # 基本支出决算表 partial
    # the tables but 三公 unreadable: every narrative figure against a cell goes unchecked
    (SAMPLE_2024, "pdfminer"): Counter({"N-claim-cell": 2, "N-list-items": 1, "N-rate-base": 2}),
    # (T01 placed from column blocks with one figure uncertain: the narrative's totals are
    # judged against the cells every placement fixes, Table.known, and found as in the PDF)
    (SAMPLE_PLANTED, "pdftotext"): Counter({"N-list-items": 1}),
    (SAMPLE_PLANTED, "pdfminer"): Counter({"N-claim-cell": 2, "N-list-items": 1}),
}


def _flat(findings):
    for f in findings:
        yield f
        yield from _flat(f.consequences)


def _rules(doc, report=None) -> Counter:
    report = report or juesuan.audit(doc)
    return Counter(f.rule for f in _flat(report.findings) if f.severity in ("error", "warning"))


def _not_checked(report) -> set[str]:
    """The rules coverage says were not checked on some table."""
    return {r.rule for r in report.coverage if r.status == "not_checked"}


@cache
def _pdf_rules(name: str) -> Counter:
    return _rules(load(sample_path(name)))


@pytest.mark.parametrize("name", [SAMPLE_2024, SAMPLE_PLANTED])
@pytest.mark.parametrize("tool", TOOLS)
def test_a_dump_gives_the_pdfs_findings_less_its_unread_tables(name, tool, tmp_path):
    if tool not in available_tools():
        pytest.skip(f"{tool}: not installed")
    pdf = _pdf_rules(name)
    dump = tmp_path / f"{Path(name).stem}.{tool}.txt"
    dump.write_text(dump_pdf(sample_path(name), tool), encoding="utf-8")
    report = juesuan.audit(load(dump))
    got = _rules(None, report)
    assert got - pdf == Counter(), f"{tool}: findings the PDF does not give"
    lost = LOST.get((name, tool), Counter())
    assert pdf - got == lost, f"{tool}: findings lost"
    # a finding lost to a table read in part is a rule not checked there, never one passed
    assert set(lost) <= _not_checked(report), f"{tool}: lost findings' rules said passed"


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory):
    """The package's example disclosure rendered to PDF as `juesuan render … --to pdf --force`
    does (its narrative keeps the template's placeholders, an error the writer stops at)."""
    from typer.testing import CliRunner

    from juesuan.cli.main import app
    from juesuan.render.pdf import FontMissing, register_font

    try:
        register_font()
    except FontMissing:
        pytest.skip("no CJK font to render the PDF (Debian fonts-wqy-microhei; `make system-deps`)")
    pdf = tmp_path_factory.mktemp("example") / "example.pdf"
    model = Path(juesuan.__file__).parent / "examples" / "sample_disclosure.txt"
    r = CliRunner().invoke(app, ["render", str(model), "--to", "pdf", "--out", str(pdf), "--force"])
    assert r.exit_code == 0, r.output
    return pdf


@pytest.mark.parametrize("tool", OUT_OF_ORDER)
def test_a_form_printed_a_cell_a_line_gives_no_blank_total(tool, example_pdf, tmp_path):
    """Out-of-order dumps (pdfminer's text boxes, pdftotext's column blocks) print a form's
    cells one a line, each column apart: the 部门整体 form's 总分 label stands alone, its
    figures (100, 98.28) at the foot of their columns. A label alone there is not a blank
    cell: the total is not read, and no P-blank-total is raised for it."""
    if tool not in available_tools():
        pytest.skip(f"{tool}: not installed")
    dump = tmp_path / f"example.{tool}.txt"
    dump.write_text(dump_pdf(example_pdf, tool), encoding="utf-8")
    assert _rules(load(dump)) - _rules(load(example_pdf)) == Counter()


@pytest.fixture(scope="module")
def department_pdfs(tmp_path_factory):
    """Two synthetic departments (juesuan.synth, made-up figures) rendered to PDF: their
    self-evaluation forms come out of pdfminer column by column."""
    from juesuan.render import render_file
    from juesuan.render.pdf import FontMissing, register_font
    from juesuan.synth import generate

    try:
        register_font()
    except FontMissing:
        pytest.skip("no CJK font to render the PDF (Debian fonts-wqy-microhei; `make system-deps`)")
    out = tmp_path_factory.mktemp("departments")
    pdfs = []
    for dept in generate(1)[2:4]:
        pdf = out / f"{dept.profile.key}.pdf"
        render_file(dept.years[-1].disclosure, "pdf", pdf)
        pdfs.append(pdf)
    return pdfs


@pytest.mark.parametrize("k", [0, 1])
def test_forms_printed_column_by_column_are_kept_unread(k, department_pdfs, tmp_path):
    """pdfminer prints a form's columns one after another: no figure can be put back in its
    row, so such a form is kept by its name, marked unreadable, and no rule judges its figures
    (no finding the PDF does not give); every form of the PDF is there, read or said unread."""
    if "pdfminer" not in available_tools():
        pytest.skip("pdfminer: not installed")
    pdf = department_pdfs[k]
    dump = tmp_path / "dept.pdfminer.txt"
    dump.write_text(dump_pdf(pdf, "pdfminer"), encoding="utf-8")
    doc = load(dump)
    report = juesuan.audit(doc)
    assert _rules(None, report) - _rules(load(pdf)) == Counter()
    forms = {p.name: p.status for p in doc.performance if p.source == "attachment"}
    projects = [p.name for p in load(pdf).performance if p.source == "attachment" and p.kind == "project"]
    assert set(projects) <= set(forms)
    assert "unreadable" in forms.values()
    assert any(r.status == "not_checked" and "未能读取" in (r.reason or "") for r in report.coverage if r.rule.startswith("P-"))
