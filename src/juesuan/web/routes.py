"""The pages: document list and upload, document review, department and region comparisons.

Routes are synchronous (the store is): FastAPI runs them in its thread pool. Every piece of
document text reaches the browser through a Jinja2 template with autoescaping on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader

from juesuan.i18n import translate_reason
from juesuan.report.views import shown
from juesuan.store import NotFound, Store, juesuan_version
from juesuan.store.views import DocumentView
from juesuan.web import HERE, docview
from juesuan.web.files import Originals, data_dir
from juesuan.web.pageimage import PageCache, PageImageError, page_count

STATUS_LABELS = {"read": "已读取", "unreadable": "无法读取"}
PAGE_SIZE = 100  # documents per list page


def _int(v: str | None) -> int | None:
    v = (v or "").strip()
    return int(v) if v.isdigit() else None


def doc_status(d: DocumentView) -> tuple[str, str]:
    """(label, css class) of a document's latest reading, for lists and headers."""
    if d.status == "unreadable":
        return "无法读取", "bad"
    if d.status is None:
        return "未读取", "wait"
    s = d.summary or {}
    if s.get("error"):
        return "发现错误", "bad"
    if s.get("warning"):
        return "有警告", "warn"
    return "未发现问题", "ok"


def doc_row(d: DocumentView) -> dict[str, Any]:
    label, cls = doc_status(d)
    s = d.summary or {}
    return {"id": d.id, "file_name": d.file_name, "department": d.department, "department_id": d.department_id,
            "region": d.region, "year": d.year, "format": d.format,
            "error": translate_reason(d.error or ""),  # stored as the pipeline wrote it
            "status_label": label, "status_class": cls, "errors": s.get("error", 0),
            "warnings": s.get("warning", 0), "infos": s.get("info", 0),
            "created": d.created_at.strftime("%Y-%m-%d %H:%M")}


class Pages:
    def __init__(self, app: FastAPI, store: Store, files_dir: Path | None = None):
        self.app = app
        self.store = store
        self.files = Originals(files_dir or data_dir(store.url))
        self.cache = PageCache(self.files.page_cache)
        self.env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True,
                               trim_blocks=True, lstrip_blocks=True)
        self.env.globals.update(url=self.url, static=self.static, family_names=docview.FAMILY_NAMES, shown=shown)
        self.router = APIRouter(include_in_schema=False)
        self._routes()

    # -- helpers -----------------------------------------------------------------------
    def url(self, name: str, **params: Any) -> str:
        return str(self.app.url_path_for(f"web.{name}", **{k: str(v) for k, v in params.items()}))

    @staticmethod
    def api_path(path: str) -> str:
        """A path of juesuan.api's router (mounted under /api by create_app)."""
        return f"/api{path}"

    @staticmethod
    def static(path: str) -> str:
        # the version in the query makes browsers fetch our own scripts and styles again after
        # an upgrade (the vendored files carry their version in their names)
        return f"/static/{path}" if path.startswith("vendor/") else f"/static/{path}?v={juesuan_version()}"

    def render(self, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.setdefault("wide", False)
        ctx.setdefault("nav", "")
        return HTMLResponse(self.env.get_template(template).render(**ctx), status_code=status)

    def not_found(self, message: str) -> HTMLResponse:
        return self.render("error.html.j2", status=404, title="未找到", message=message)

    def _routes(self) -> None:
        r = self.router
        r.add_api_route("/", self.documents, methods=["GET"], name="web.documents")
        r.add_api_route("/documents/{document_id}", self.document, methods=["GET"], name="web.document")
        r.add_api_route("/documents/{document_id}/pageview", self.pageview, methods=["GET"], name="web.pageview")
        r.add_api_route("/documents/{document_id}/pages/{page}.png", self.page_image, methods=["GET"],
                        name="web.page_image")
        r.add_api_route("/documents/{document_id}/findings/{finding_id}/review", self.review, methods=["GET"],
                        name="web.review")
        from juesuan.web.compare_pages import register

        register(self)

    # -- document list and upload --------------------------------------------------------
    def documents(self, department: str | None = None, year: str | None = None, status: str | None = None,
                  page: str | None = None) -> HTMLResponse:
        filters = {"department": department or "", "year": year or "",
                   "status": status if status in STATUS_LABELS else ""}
        dep_id, yr, st = _int(department), _int(year), filters["status"] or None
        total = self.store.count_documents(department_id=dep_id, year=yr, status=st)
        pages = max(1, -(-total // PAGE_SIZE))
        current = min(max(_int(page) or 1, 1), pages)
        docs = self.store.documents(department_id=dep_id, year=yr, status=st, limit=PAGE_SIZE,
                                    offset=(current - 1) * PAGE_SIZE)
        deps = self.store.departments()
        facets = {"departments": [{"id": d.id, "name": d.name} for d in deps],
                  "years": sorted({y for d in deps for y in d.years}, reverse=True)}
        kept = {k: v for k, v in filters.items() if v}
        query = "?" + urlencode(kept | ({"page": current} if current > 1 else {})) if kept or current > 1 else ""

        def page_url(n: int) -> str:
            return self.url("documents") + "?" + urlencode(kept | {"page": n})

        return self.render("documents.html.j2", title="文档", nav="documents", docs=[doc_row(d) for d in docs],
                           total=total, page=current, pages=pages, page_url=page_url, filters=filters,
                           facets=facets, query=query, status_labels=STATUS_LABELS,
                           upload_url=self.api_path("/documents"))

    # -- one document --------------------------------------------------------------------
    def _load(self, document_id: int, with_tables: bool = True) -> tuple[DocumentView, Any, docview.DocumentPage]:
        doc = self.store.document(document_id)
        model = self.store.model(document_id) if doc.status == "read" else None
        page = docview.build(model, self.store.findings(document_id=document_id), with_tables)
        return doc, model, page

    def _pdf(self, doc: DocumentView) -> Path | None:
        return self.files.find(doc.content_hash) if doc.format == "pdf" else None

    def _page_ctx(self, doc: DocumentView, view: docview.DocumentPage, page: int | None,
                  selected: int | None) -> dict[str, Any]:
        pdf = self._pdf(doc)
        if pdf is None:
            return {"pages": [], "page": None, "selected": None, "focus_px": None}
        hits = view.hits_by_page()
        n = page_count(pdf)
        first = min(hits) if hits else 1
        page = page if page is not None and 1 <= page <= n else first
        chosen = next((it for it in view.items if it.n == selected), None)
        top = chosen.focus(page) if chosen is not None else None
        return {"pages": [{"n": i, "hits": hits.get(i, 0)} for i in range(1, n + 1)], "page": page,
                "selected": selected, "focus_px": None if top is None else round(top * self.cache.scale)}

    def document(self, document_id: int, page: int | None = None,
                 f: int | None = None) -> HTMLResponse:
        try:
            doc, model, view = self._load(document_id)
        except NotFound as e:
            return self.not_found(str(e))
        row = doc_row(doc)
        title = f"{doc.department or doc.file_name} {doc.year or ''}".strip()
        return self.render("document.html.j2", title=title, nav="documents", wide=True, doc=row, model=model, findings=view.items, groups=view.groups,
            tables=view.tables, warnings=(model.warnings if model else []),
            **self._page_ctx(doc, view, page, f))

    def pageview(self, document_id: int, page: int | None = None, f: int | None = None) -> HTMLResponse:
        try:
            doc, _, view = self._load(document_id, with_tables=False)
        except NotFound as e:
            return self.not_found(str(e))
        ctx = self._page_ctx(doc, view, page, f)
        if not ctx["pages"]:
            return HTMLResponse("", status_code=404)
        return self.render("_pageview.html.j2", doc=doc_row(doc), **ctx)

    def page_image(self, document_id: int, page: int, f: int | None = None) -> Response:
        try:
            doc, _, view = self._load(document_id, with_tables=False)
        except NotFound as e:
            return Response(str(e), status_code=404, media_type="text/plain; charset=utf-8")
        pdf = self._pdf(doc)
        if pdf is None:
            return Response("没有可显示的原文页面（只有上传的 PDF 保存原件）", status_code=404,
                            media_type="text/plain; charset=utf-8")
        try:
            png = self.cache.png(pdf, page, view.boxes(page, f), digest=doc.content_hash)
        except PageImageError as e:
            return Response(str(e), status_code=404, media_type="text/plain; charset=utf-8")
        return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=60"})

    def review(self, document_id: int, finding_id: int) -> HTMLResponse:
        """A finding's review state and buttons (fetched again after the API recorded a decision)."""
        try:
            doc, _, view = self._load(document_id, with_tables=False)
        except NotFound as e:
            return self.not_found(str(e))
        item = next((it for it in view.items if it.id == finding_id), None)
        if item is None:
            return self.not_found(f"文件 {document_id} 没有编号为 {finding_id} 的问题")
        return self.render("_review.html.j2", it=item, doc=doc_row(doc))
