"""Screenshots of the main web pages for docs/screenshots/ (and for looking at them).

    .venv/bin/python scripts/screenshots.py [OUTDIR]

Builds a throw-away store with the synthetic `juesuan demo` departments (three years each) and
the planted-error copy of the Shanghai sample PDF (../shared/samples), serves it with uvicorn
and photographs the pages with Debian's chromium (scripts/chromium.sh installs it).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from juesuan.api import create_app
from juesuan.store import open_store
from juesuan.web.devserver import BackgroundServer, demo_files, launch_chromium

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / ".." / "shared" / "samples" / "上海市普陀区财政局2024年度部门决算（植入错误版）.pdf"


def build(root: Path):  # type: ignore[no-untyped-def]
    store = open_store(str(root / "shots.db"))
    app = create_app(store)
    for f in sorted(demo_files(root / "demo").glob("*/*/disclosure.txt")):
        store.ingest(f)
    if SAMPLE.exists():
        out = store.ingest(SAMPLE)
        app.state.keep_original(out.content_hash, SAMPLE)
    return store, app


def shoot(url: str, outdir: Path) -> list[Path]:
    shots = []
    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page(viewport={"width": 1440, "height": 960}, locale="zh-CN", device_scale_factor=1)

        def save(name: str, full: bool = False) -> None:
            page.wait_for_load_state("networkidle")
            path = outdir / f"{name}.png"
            page.screenshot(path=str(path), full_page=full)
            shots.append(path)

        page.goto(url + "/")
        save("documents")

        pdf_link = page.locator("#doclist a", has_text=".pdf")
        if pdf_link.count():
            pdf_link.first.click()
            page.wait_for_url("**/documents/*")
            boxed = page.locator(".finding.error[data-page]")
            if boxed.count():
                boxed.first.locator("div.msg").click()
                page.wait_for_function("document.querySelector('#pageview img').src.includes('?f=')")
                page.wait_for_function("document.querySelector('#pageview img').complete")
            save("document")

        page.goto(url + "/departments")
        page.locator("table.list a", has_text="教育局").first.click()  # a synthetic department, three years
        page.wait_for_url("**/departments/*")
        page.locator(".chart canvas").first.wait_for()
        save("department", full=True)

        page.goto(url + "/regions")
        page.locator("table.list a").get_by_text("样例市", exact=True).click()  # all synthetic departments
        page.wait_for_url("**/regions/*")
        page.locator(".chart canvas").first.wait_for()
        save("region", full=True)
        browser.close()
    return shots


def main() -> None:
    outdir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    outdir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="juesuan-shots-") as tmp:
        store, app = build(Path(tmp))
        with BackgroundServer(app) as srv:
            for p in shoot(srv.url, outdir):
                print(p.relative_to(outdir.parent) if outdir.parent in p.parents else p)
        store.close()
    print(f"{time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
