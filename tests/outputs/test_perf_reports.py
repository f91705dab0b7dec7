"""Performance findings in every report format, gathered per project, and the self-evaluation
tables drawn in the HTML report with the cells of a finding highlighted."""

from __future__ import annotations

import re
from io import BytesIO

from openpyxl import load_workbook

from juesuan.findings import Finding, perf_cell
from juesuan.report import audit
from juesuan.report.checklist import checklist
from juesuan.report.html import render_html
from juesuan.report.sheets import findings_csv, findings_xlsx
from juesuan.report.text import render_text
from juesuan.report.views import finding_project, grouped_findings

from .helpers import sample


def _report():
    """The sample with two projects' findings interleaved: one with a perf cell, one named
    only in its message, one located only by its line."""
    d = sample()
    a, b = [p for p in d.performance if p.kind == "project"][:2]
    a.line, a.end_line, b.line, b.end_line = 100, 140, 141, 180
    ind = b.indicators[0]
    rep = audit(d)
    rep.findings += [
        Finding(rule="P-indicator-score", message=f"三级指标“{ind.name}”得分与完成情况不符",
                cells=[perf_cell(b.name, "得分", ind.score, row=ind.name)]),
        Finding(rule="P-rate-score", message=f"附件项目绩效自评表“{a.name}”：执行率得分有误"),
        Finding(rule="P-total-score", message="总分不等于各项得分之和", location={"line": 150}),
        Finding(rule="P-narrative-count", message="情况说明所述自评项目个数与附件不符"),
    ]
    return d, a, b, ind, rep


def test_each_finding_is_placed_with_its_project():
    d, a, b, _, rep = _report()
    got = [finding_project(f, d) for f in rep.findings if f.family == "P"]
    assert got == [b.name, a.name, b.name, None]


def test_a_projects_findings_come_together_in_printed_order():
    d, a, b, _, rep = _report()
    projects = [p for p, f in grouped_findings(rep) if f.family == "P"]
    assert projects == [a.name, b.name, b.name, None]


def test_text_report_heads_each_project():
    d, a, b, ind, rep = _report()
    text = render_text(rep)
    assert text.count(f"绩效自评表：{a.name}") == 1 and text.count(f"绩效自评表：{b.name}") == 1
    assert text.index(f"绩效自评表：{a.name}") < text.index("执行率得分有误") < text.index(f"绩效自评表：{b.name}")
    assert text.index(f"绩效自评表：{b.name}") < text.index("得分与完成情况不符") < text.index("总分不等于")


def test_csv_and_xlsx_name_the_project_indicator_and_field():
    d, a, b, ind, rep = _report()
    csv = findings_csv(rep)
    assert f"绩效自评表：{b.name},{ind.name},得分" in csv
    assert f"绩效自评表：{a.name},,," in csv
    ws = load_workbook(BytesIO(findings_xlsx(rep))).active
    tables = [ws.cell(row=r, column=3).value for r in range(2, ws.max_row + 1)]
    assert f"绩效自评表：{a.name}" in tables and f"绩效自评表：{b.name}" in tables


def test_checklist_has_a_row_per_project():
    d, a, b, _, rep = _report()
    rows = {r.item: r for r in checklist(d, rep.findings)}
    assert rows[f"绩效自评：{a.name}"].verdict == "不合格" and "执行率得分有误" in rows[f"绩效自评：{a.name}"].note
    assert rows[f"绩效自评：{b.name}"].verdict == "不合格"
    others = [p.name for p in d.performance if p.name not in (a.name, b.name)]
    assert all(rows[f"绩效自评：{n}"].verdict == "合格" for n in others)
    assert "项目个数" in rows["绩效自评与说明"].note


def test_html_draws_each_table_and_highlights_the_findings_cells():
    d, a, b, ind, rep = _report()
    html = render_html(rep)
    n = next(i for i, f in enumerate(rep.findings) if f.rule == "P-indicator-score")
    attached = [p for p in d.performance if p.source == "attachment"]
    assert len(re.findall(r'id="t-P\d+"', html)) == len(attached)
    cells = re.findall(r'<td id="(c\d+)" class="num[^"]*sev-error[^"]*"[^>]*data-findings="([^"]*)"[^>]*>([^<]*)</td>',
                       html)
    assert [(text) for _, fids, text in cells if f"f{n}" in fids.split()] == [str(ind.score)]
    cid = next(c for c, fids, _ in cells if f"f{n}" in fids.split())
    assert f'data-cells="{cid}"' in html  # the finding links to its cell
    k = attached.index(a) + 1  # a finding without cells links to its project's table
    m = next(i for i, f in enumerate(rep.findings) if f.rule == "P-rate-score")
    assert re.search(rf'id="t-P{k}" data-findings="[^"]*\bf{m}\b', html)
    assert f'<h4 class="project">绩效自评表：{a.name}</h4>' in html


def test_headline_only_items_are_drawn_with_their_funds_row():
    """A table read only for its headline figures (older readers, narrative layouts) still
    draws 年度资金总额 so its figures can be highlighted."""
    d, *_ = _report()
    p = next(p for p in d.performance if p.kind == "project")
    p.funds, p.indicators = [], []
    rep = audit(d)
    rep.findings.append(Finding(rule="P-execution-rate", message="执行率有误",
                                cells=[perf_cell(p.name, "执行率", p.rate)]))
    html = render_html(rep)
    assert re.search(r'class="num[^"]*sev-error[^"]*"[^>]*>' + re.escape(f"{p.rate:.2f}%") + "<", html)
