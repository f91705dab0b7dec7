"""The HTTP API (FastAPI): upload, documents, cells, findings, reviews, comparisons, exports.
Errors are RFC 9457 problem details. See docs/store.md.

    from juesuan.api import create_app
    app = create_app(open_store())     # uvicorn juesuan.api:... or `juesuan serve`
"""

from juesuan.api.app import DEFAULT_MAX_UPLOAD_MB, create_app

__all__ = ["DEFAULT_MAX_UPLOAD_MB", "create_app"]
