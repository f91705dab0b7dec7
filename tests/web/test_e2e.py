"""End to end, as a reviewer uses it: a real browser (Debian's chromium driven by Playwright)
against uvicorn serving a temporary SQLite store.

In CI (CI=true) these tests must run: a missing chromium is a failure, not a skip
(`make test` installs it with scripts/chromium.sh).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from juesuan.web.devserver import CHROMIUM

pytestmark = pytest.mark.slow

if not Path(CHROMIUM).exists():
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"CI=true but {CHROMIUM} is missing: run scripts/chromium.sh (make test does)")
    pytest.skip(f"{CHROMIUM} is missing (scripts/chromium.sh installs it)", allow_module_level=True)

DEMO_DEPARTMENT = "jiaoyu"  # one synthetic department of `juesuan demo`, ingested for two years
TIMEOUT = 60_000  # ms; reading a 25-page PDF takes ~10 s on a slow machine


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from juesuan.api import create_app
    from juesuan.store import open_store
    from juesuan.web.devserver import BackgroundServer, demo_files

    root = tmp_path_factory.mktemp("e2e")
    store = open_store(str(root / "e2e.db"))
    demo = demo_files(root / "demo")
    for year in (2023, 2024):
        out = store.ingest(demo / DEMO_DEPARTMENT / str(year) / "disclosure.txt")
        assert out.status == "read", out.error
    with BackgroundServer(create_app(store)) as srv:
        srv.demo = demo  # type: ignore[attr-defined]
        yield srv
    store.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from juesuan.web.devserver import launch_chromium

    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(base_url=server.url, viewport={"width": 1400, "height": 900}, locale="zh-CN")
    pg = ctx.new_page()
    pg.set_default_timeout(TIMEOUT)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    # nothing may be fetched from another site (vendored assets only)
    pg.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server.url) else route.abort())
    yield pg
    ctx.close()
    assert not errors, f"JavaScript errors: {errors}"


def test_upload_pdf_see_findings_and_dismiss_one(page, sample_pdf):
    page.goto("/")
    page.set_input_files("#files", str(sample_pdf))
    row = page.locator(".upload-row", has_text=sample_pdf.name)
    row.locator(".msg.ok").wait_for()
    assert "错误" in row.inner_text()
    # the list refreshed itself (htmx) and shows the new document with its counts
    link = page.locator("#doclist a", has_text=sample_pdf.name)
    link.click()
    page.wait_for_url("**/documents/*")

    errors = page.locator(".finding.error")
    assert errors.count() >= 1
    # the page image of the PDF is shown, with boxes where the findings' cells are
    img = page.locator("#pageview img")
    img.wait_for()
    page.wait_for_function("document.querySelector('#pageview img').naturalWidth > 0")
    # clicking a finding with a place on a page shows that page with the finding selected
    boxed = page.locator(".finding[data-page]").first
    if boxed.count():
        boxed.locator("div.msg").click()
        page.wait_for_function("document.querySelector('#pageview img').src.includes('?f=')")

    # dismiss the first finding: a reason is required, then the decision is saved
    card = page.locator(".finding").first
    card_id = card.get_attribute("id")
    card.locator("input[name=reviewer]").fill("王审核")
    card.locator("button.dismiss").click()
    assert "驳回时请写明理由" in card.locator(".actions .note").inner_text()
    card.locator("input[name=reason]").fill("表内尾差，已与单位核实")
    card.locator("button.dismiss").click()
    page.locator(f"#{card_id} .verdict", has_text="已驳回").wait_for()
    assert "dismissed" in (page.locator(f"#{card_id}").get_attribute("class") or "")

    # the review-state filter counts it and shows only the dismissed ones
    page.locator(".state-filter button[data-state=dismissed]").click()
    assert page.locator(".finding:visible").count() == 1
    assert page.locator(".state-filter button[data-state=dismissed] .n").inner_text() == "1"
    page.locator(".state-filter button[data-state='']").click()

    page.reload()
    verdict = page.locator(f"#{card_id} .verdict")
    assert "已驳回" in verdict.inner_text() and "王审核" in verdict.inner_text()
    assert page.locator(f"#{card_id} input[name=reviewer]").input_value() == "王审核"  # remembered


def test_drop_several_files_each_with_its_outcome(page, server):
    """Two files dropped at once: one disclosure, one that is not a PDF at all."""
    page.goto("/")
    text = (server.demo / DEMO_DEPARTMENT / "2022" / "disclosure.txt").read_text("utf-8")
    transfer = page.evaluate_handle(
        """([good, bad]) => {
             const dt = new DataTransfer();
             dt.items.add(new File([good], '松溪县教育局2022.txt', {type: 'text/plain'}));
             dt.items.add(new File([bad], '坏文件.pdf', {type: 'application/pdf'}));
             return dt;
           }""", [text, "这不是 PDF"])
    page.dispatch_event("#drop", "drop", {"dataTransfer": transfer})
    assert page.locator(".upload-row progress").count() == 2
    page.locator(".upload-row", has_text="松溪县教育局2022.txt").locator(".msg.ok").wait_for()
    bad = page.locator(".upload-row", has_text="坏文件.pdf").locator(".msg.bad")
    bad.wait_for()
    assert "无法读取" in bad.inner_text()
    # the list shows the unreadable file as such, not as a document with errors
    page.locator("#doclist tr", has_text="坏文件.pdf").locator(".status.bad", has_text="无法读取").wait_for()


def test_department_years_compared_with_a_chart(page):
    page.goto("/departments")
    page.locator("table.list a").filter(has_text="教育").first.click()
    page.wait_for_url("**/departments/*")
    head = page.locator("#yoy thead").inner_text()
    assert "2023 年" in head and "2024 年" in head
    assert page.locator("#yoy .delta").count() > 0  # year-on-year changes
    # ECharts drew the 三公 chart on a canvas
    page.locator("#chart-sangong canvas").wait_for()
    assert page.locator("#chart-structure canvas").count() == 1


def test_region_league_table(page):
    page.goto("/regions")
    page.locator("table.list a").first.click()
    page.wait_for_url("**/regions/*")
    assert page.locator("#league tbody tr").count() >= 1
    page.locator("#chart-league canvas").wait_for()
