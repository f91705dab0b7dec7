"""The reviewers' web application: server-rendered pages (Jinja2, htmx) on the same FastAPI app
as the HTTP API. See docs/web.md.

    from juesuan.web import mount
    mount(app, store)          # adds the pages and /static to a FastAPI app

Everything the browser needs is served from ``/static`` (htmx and ECharts are vendored); no
page loads anything from another site.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from juesuan.store import Store

HERE = Path(__file__).parent


def mount(app: FastAPI, store: Store, files_dir: Path | None = None) -> None:
    """Register the web pages and static files on ``app``. ``files_dir`` holds uploaded
    originals and cached page images (default: beside the SQLite database, see files.py)."""
    from fastapi.staticfiles import StaticFiles

    from juesuan.web.routes import Pages

    pages = Pages(app, store, files_dir)
    app.state.web = pages
    # juesuan.api's upload calls this with each stored file: keep PDFs' originals for page images
    app.state.keep_original = pages.files.keep
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")


__all__ = ["mount"]
