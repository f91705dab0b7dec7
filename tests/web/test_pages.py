"""The pages as a browser receives them (FastAPI TestClient): status, content, and that no
document text can inject markup."""

from __future__ import annotations

import hashlib
import re

import pytest

from juesuan.model import Disclosure
from juesuan.report import audit

EXAMPLE = "src/juesuan/examples/sample_disclosure.json"
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://example.invalid","点我")'
# the store normalises department names (half-width brackets → full-width), so either may show
ESCAPED = re.compile(r"&lt;script&gt;alert[(（]1[)）]&lt;/script&gt;")


def _example(department: str, year: int = 2024) -> Disclosure:
    from pathlib import Path

    doc = Disclosure.model_validate_json((Path(__file__).resolve().parents[2] / EXAMPLE).read_text("utf-8"))
    doc.meta.department = department
    doc.meta.year = year
    return doc


def _save(store, doc: Disclosure, name: str, extra_findings=()):
    report = audit(doc)
    report.findings.extend(extra_findings)
    h = hashlib.sha256(f"{name}{doc.meta.year}{doc.meta.department}".encode()).hexdigest()
    return store.save(name, h, "json", doc, report, None, 0.1)


def _hostile_finding(doc: Disclosure):
    from juesuan.findings import Finding

    cell = doc.tables["T01"].cells[0]
    return Finding(rule="A-test", family="A", severity="error", message=f"{SCRIPT} {FORMULA}",
                   cells=[{"table": cell.table, "row": cell.row, "column": cell.column, "value": str(cell.value)}],
                   claims=[{"text": SCRIPT, "value": "1", "page": None, "line": 3}])


@pytest.fixture
def hostile(store):
    """A department named with markup and a formula, a file name with markup, a finding
    whose message and quoted claim carry a script."""
    doc = _example(f"样例市{SCRIPT}局")
    doc.tables["T01"].row_labels[doc.tables["T01"].cells[0].row] = FORMULA
    out = _save(store, doc, "<img src=x onerror=alert(2)>.json", [_hostile_finding(doc)])
    _save(store, _example(f"样例市{SCRIPT}局", 2023), f"{FORMULA}.json")
    return out


def _no_markup(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "onerror=alert" not in html.replace("onerror=alert(2)&gt;", "")  # only as escaped text


def test_document_list_escapes_and_counts(client, hostile):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    _no_markup(html)
    assert ESCAPED.search(html)
    assert "&lt;img src=x onerror=alert(2)&gt;.json" in html
    assert 'lang="zh-CN"' in html and "把决算文件拖到这里" in html
    assert html.count('<tr>') >= 3  # header + two documents
    assert 'data-endpoint="/api/documents"' in html


def test_document_list_filters(client, store, hostile):
    _save(store, _example("样例市青禾区文化局", 2022), "culture.json")
    assert "culture.json" in client.get("/?year=2022").text
    assert "culture.json" not in client.get("/?year=2024").text
    assert "还没有文档符合筛选条件" in client.get("/?status=unreadable").text
    dep = store.departments()[0]
    assert re.search(r"共 \d+ 份", client.get(f"/?department={dep.id}").text)


def test_document_page_draws_tables_and_findings_escaped(client, hostile):
    html = client.get(f"/documents/{hostile.document_id}").text
    _no_markup(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; =HYPERLINK(&#34;http://example.invalid&#34;,&#34;点我&#34;)" in html
    assert html.count('class="tbl"') == 9  # the nine tables, as juesuan.report.html lays them out
    assert "sev-error" in html  # the hostile finding's cell is highlighted
    assert html.count('class="finding ') == len(client.get(f"/api/documents/{hostile.document_id}/findings").json())
    assert 'hx-post="/api/findings/' in html and "驳回" in html
    exports = re.findall(r'href="(/api/documents/\d+/(?:report\.html|findings\.csv))"', html)
    assert len(exports) == 2
    for export in exports:
        assert client.get(export).status_code == 200


def test_review_fragment_after_api_decision(client, hostile):
    fid = client.get(f"/api/documents/{hostile.document_id}/findings").json()[0]["id"]
    r = client.post(f"/api/findings/{fid}/review", json={"state": "dismissed", "reviewer": SCRIPT, "reason": FORMULA})
    assert r.status_code == 200
    frag = client.get(f"/documents/{hostile.document_id}/findings/{fid}/review").text
    assert "已驳回" in frag and SCRIPT not in frag and ESCAPED.search(frag)
    assert "改为确认" in frag
    page = client.get(f"/documents/{hostile.document_id}").text
    assert re.search(r'class="finding [a-z]+ dismissed" id="f\d+"', page)


def test_department_and_region_pages(client, store, hostile):
    dep = store.departments()[0]
    html = client.get(f"/departments/{dep.id}").text
    _no_markup(html)
    assert "2023 年" in html and "2024 年" in html and 'id="yoy"' in html
    assert 'id="chart-sangong"' in html and "/static/vendor/echarts-5.6.0.min.js" in html
    # the chart option is JSON in a single-quoted attribute: nothing in it may close the quote
    for opt in re.findall(r"data-option='([^']*)'", html):
        assert "<" not in opt and ">" not in opt
    assert dep.region  # 样例市
    html = client.get(f"/regions/{dep.region}").text
    _no_markup(html)
    assert 'id="league"' in html and "稳健 z 分数" in html
    for opt in re.findall(r"data-option='([^']*)'", html):
        assert "<" not in opt
    assert dep.region in client.get("/regions").text
    listing = client.get("/departments").text
    _no_markup(listing)


def test_unreadable_document(client, store):
    out = store.save("broken.pdf", "0" * 64, "pdf", None, None, "文件已损坏：无法解析 PDF 结构", 0.1)
    html = client.get(f"/documents/{out.document_id}").text
    assert "无法读取本文件：文件已损坏" in html and "不是文件中的错误" in html
    assert 'class="tbl"' not in html
    assert "无法读取" in client.get("/").text
    # a reason stored as the pipeline wrote it (English) is shown in Chinese
    out = store.save("empty.txt", "1" * 64, "text", None, None, "empty file", 0.1)
    assert "无法读取本文件：文件是空的" in client.get(f"/documents/{out.document_id}").text


@pytest.mark.parametrize("path", ["/documents/999", "/departments/999", "/regions/没有这个地区",
                                  "/documents/999/findings/1/review"])
def test_missing_things_are_chinese_404s(client, path):
    r = client.get(path)
    assert r.status_code == 404 and "未找到" in r.text


def test_static_assets_are_local(client):
    for path in ("/static/vendor/htmx-2.0.11.min.js", "/static/vendor/echarts-5.6.0.min.js", "/static/app.css"):
        assert client.get(path).status_code == 200
    html = client.get("/").text
    assert not re.search(r'(src|href)="(https?:)?//', html)  # no CDN, nothing from another site


@pytest.mark.slow
def test_pdf_page_image_with_boxes(client, sample_pdf):
    r = client.post("/api/documents", files={"file": (sample_pdf.name, sample_pdf.read_bytes(), "application/pdf")})
    doc_id = r.json()[0]["document_id"]
    html = client.get(f"/documents/{doc_id}").text
    m = re.search(r'<img src="(/documents/\d+/pages/(\d+)\.png)', html)
    assert m, "a PDF document shows a page image"
    png = client.get(m.group(1))
    assert png.status_code == 200 and png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"
    assert client.get(f"/documents/{doc_id}/pages/999.png").status_code == 404
    frag = client.get(f"/documents/{doc_id}/pageview?page=2").text
    assert "原文第 2 页" in frag


def test_consequences_are_nested_under_their_root_cause(client, store):
    doc = _example("样例市青禾区财政局")
    root = {"rule": "A-root", "family": "A", "severity": "error", "message": "根本原因", "cells": [], "claims": [],
            "expected": "1", "actual": "2", "difference": "-1", "location": {"page": None, "line": None},
            "extraction_uncertain": False,
            "consequences": [{"rule": "X-follow", "family": "X", "severity": "error", "message": "随之不符", "cells": [],
                              "claims": [], "location": {"page": None, "line": None}}]}
    out = _save(store, doc, "root.json", [root])
    html = client.get(f"/documents/{out.document_id}").text
    assert "同一原因引起的其他不符（1）" in html and "随之不符" in html


def test_document_list_pages(client, store, monkeypatch):
    import juesuan.web.routes as routes

    monkeypatch.setattr(routes, "PAGE_SIZE", 2)
    for i in range(5):
        _save(store, _example(f"样例市第{i}区财政局", 2020 + i), f"d{i}.json")
    first = client.get("/").text
    assert "共 5 份 · 第 1/3 页" in first and "下一页" in first and "上一页" not in first
    assert "d4.json" in first and "d0.json" not in first  # newest first
    last = client.get("/?page=3").text
    assert "d0.json" in last and "第 3/3 页" in last and "下一页" not in last
    assert "第 3/3 页" in client.get("/?page=99").text  # clamped, not an error


def test_region_league_marks_an_outlier(client, store):
    """Six departments of one city; one spends forty times the others on 三公: its row and
    value are marked 异常 and its bar is red."""
    from decimal import Decimal

    # every total changed (none left at 1×) so each document breaks the same T09 sum and has
    # the same number of findings; only 三公 differs
    for i, factor in enumerate(("1.02", "1.1", "0.9", "1.05", "0.95", "40")):
        doc = _example(f"样例市第{i}区财政局")
        cell = doc.tables["T09"].get("决算数", "合计")
        cell.value = q = (cell.value * Decimal(factor)).quantize(Decimal("0.01"))
        assert doc.value("T09", "决算数", "合计") == q
        _save(store, doc, f"r{i}.json")
    html = client.get("/regions/样例市?metric=sangong").text
    rows = re.findall(r"<tr class=\"has-outlier\">.*?</tr>", html, re.S)
    assert len(rows) == 1 and "样例市第5区财政局" in rows[0] and "异常" in rows[0]
    option = re.search(r"id=\"chart-league\"[^>]*data-option='([^']*)'", html).group(1)
    assert option.count("#c62828") == 1  # one red bar
    assert "样例市" in client.get("/regions").text


def test_finding_numbers_are_shown_as_people_print_them():
    """A share's expected value is 71.65% on the page, never the raw ratio 71.6539."""
    from jinja2 import Environment, FileSystemLoader

    from juesuan.findings import Finding
    from juesuan.report.views import shown
    from juesuan.web import HERE

    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True)
    env.globals.update(shown=shown, url=lambda *a, **k: "#", static=lambda p: p, family_names={})
    f = Finding(rule="N-share", family="N", message="称占比 71.73%，而 2106.66 ÷ 2940.05 = 71.65%",
                expected="71.6539", actual="71.73", difference="0.0761")
    it = {"f": f, "id": 1, "n": 0, "review": None, "cell_ids": "", "page": None, "numeric": True,
          "consequences": []}
    html = env.get_template("_finding.html.j2").render(it=it, doc={"id": 1})
    assert "71.65%" in html and "71.6539" not in html
