"""The application factory. Routes are in routes.py; the web pages (juesuan.web) mount on the
same app."""

from __future__ import annotations

import os
from typing import Any

from fastapi import FastAPI

from juesuan.api import problems
from juesuan.store import Store, juesuan_version

DEFAULT_MAX_UPLOAD_MB = 50
ENV_MAX_UPLOAD = "JUESUAN_MAX_UPLOAD_MB"

DESCRIPTION = """\
HTTP interface of the juesuan results store: upload disclosures (部门决算公开), list and
filter documents, read a document's model, cells and findings, record reviews (确认/驳回),
compare a department across years and the departments of a region, export findings.

Errors are problem details (RFC 9457, `application/problem+json`) with a Chinese `detail`.
Money values are decimal strings in 万元.
"""


def max_upload_bytes(mb: float | None = None) -> int:
    if mb is None:
        env = os.environ.get(ENV_MAX_UPLOAD)
        try:
            mb = float(env) if env else DEFAULT_MAX_UPLOAD_MB
        except ValueError:
            mb = DEFAULT_MAX_UPLOAD_MB
    return int(mb * 1024 * 1024)


def create_app(store: Store, *, max_upload_mb: float | None = None, web: bool = True,
               isolate: bool = True) -> FastAPI:
    """The API (under /api) on a FastAPI app; the web pages too when ``web`` and juesuan.web
    is installed. ``max_upload_mb`` limits every request body (default JUESUAN_MAX_UPLOAD_MB
    or 50); a larger request is answered 413 before it is read. ``isolate`` reads uploads in
    a bounded worker process (juesuan.limits), so a hostile file cannot hang the server."""
    from juesuan.api.routes import router

    app = FastAPI(title="juesuan API", version=juesuan_version(), description=DESCRIPTION,
                  openapi_url="/api/openapi.json", docs_url="/api/docs", redoc_url=None)
    app.state.store = store
    app.state.isolate = isolate
    # the web pages set this to keep uploaded originals (for page images): (hash, path) → None
    app.state.keep_original = None
    problems.install(app)
    app.include_router(router, prefix="/api")
    app.add_middleware(problems.BodyLimit, limit=max_upload_bytes(max_upload_mb))
    if web:
        _mount_web(app, store)
    return app


def _mount_web(app: FastAPI, store: Store) -> Any:
    try:
        from juesuan.web import mount
    except ImportError:  # the web pages are not part of this build
        return None
    return mount(app, store)
