"""API routes. Sync handlers: FastAPI runs them in its thread pool, so a long ingest does
not block other requests."""

from __future__ import annotations

import tempfile
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from juesuan import lazy
from juesuan.api.schemas import (
    DocumentPage,
    LeagueEntry,
    LeagueTable,
    RegionComparison,
    ReviewRequest,
    UploadResult,
    YearComparison,
    YearRow,
)
from juesuan.compare import region as region_mod
from juesuan.store import Store
from juesuan.store.views import CellView, DepartmentView, DocumentView, FindingView, ReviewView, RuleStats

router = APIRouter()
_UNSAFE = lazy.pattern(r"[\x00-\x1f/\\:*?\"<>|]+")


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


def safe_name(name: str | None) -> str:
    """The last part of a browser-supplied file name, without path or control characters."""
    base = _UNSAFE.sub("_", (name or "").replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    return base[:200] or "upload"


# ---------------------------------------------------------------------- documents


@router.post("/documents", response_model=list[UploadResult], tags=["documents"],
             summary="Upload one or many disclosures (multipart field `file`, repeatable; or `files`)")
def upload(request: Request, store: StoreDep,
           file: Annotated[list[UploadFile] | None, File(description="a disclosure; repeat for many")] = None,
           files: Annotated[list[UploadFile] | None, File(description="alias of `file`")] = None,
           source_url: Annotated[str | None, Form(description="where the file was published")] = None,
           ) -> list[UploadResult]:
    uploads = (file or []) + (files or [])
    if not uploads:
        raise HTTPException(400, "请选择要上传的文件（表单字段 file）")
    out = []
    keep = getattr(request.app.state, "keep_original", None)
    from juesuan.store.reading import IsolatedReader, read_and_audit

    with tempfile.TemporaryDirectory(prefix="juesuan-upload-") as tmp, \
            (IsolatedReader() if request.app.state.isolate else nullcontext(read_and_audit)) as read:
        for i, up in enumerate(uploads):
            name = safe_name(up.filename)
            path = Path(tmp) / f"{i}" / name
            path.parent.mkdir()
            with path.open("wb") as fh:
                while chunk := up.file.read(1 << 20):
                    fh.write(chunk)
            o = store.ingest(path, source_url=source_url, reader=read)
            if keep is not None:
                keep(o.content_hash, path)
            out.append(UploadResult(file_name=name, status=o.label, reading_status=o.status, error=o.error,
                                    document_id=o.document_id, new_document=o.new_document,
                                    department=o.department, year=o.year, summary=o.summary))
    return out


@router.get("/documents", response_model=DocumentPage, tags=["documents"], summary="List and filter documents")
def list_documents(store: StoreDep,
                   department_id: int | None = None, year: int | None = None,
                   region: Annotated[str | None, Query(description="a prefix or suffix of the region, e.g. 上海市")] = None,
                   status: Literal["read", "unreadable"] | None = None,
                   q: Annotated[str | None, Query(description="part of the file or department name")] = None,
                   limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                   offset: Annotated[int, Query(ge=0)] = 0) -> DocumentPage:
    kw: dict[str, Any] = dict(department_id=department_id, year=year, region=region, status=status, q=q)
    return DocumentPage(total=store.count_documents(**kw), items=store.documents(**kw, limit=limit, offset=offset))


@router.get("/documents/{document_id}", response_model=DocumentView, tags=["documents"],
            summary="A document, its latest reading and its reading history")
def get_document(document_id: int, store: StoreDep) -> DocumentView:
    return store.document(document_id)


@router.get("/documents/{document_id}/model", tags=["documents"],
            summary="The document's model (spec §3/§4 JSON, as `juesuan extract --format json`)")
def get_model(document_id: int, store: StoreDep, reading_id: int | None = None) -> Response:
    model = store.model(document_id, reading_id)
    if model is None:
        raise HTTPException(404, f"文件 {document_id} 未能读取，没有模型（见 error）")
    return Response(model.model_dump_json(), media_type="application/json")


@router.get("/documents/{document_id}/cells", response_model=list[CellView], tags=["documents"],
            summary="Cells with provenance")
def get_cells(document_id: int, store: StoreDep, table: str | None = None,
              reading_id: int | None = None) -> list[CellView]:
    return store.cells(document_id, table=table, reading_id=reading_id)


@router.get("/documents/{document_id}/findings", response_model=list[FindingView], tags=["findings"],
            summary="Findings of the document's latest reading, with their review state")
def get_document_findings(document_id: int, store: StoreDep, severity: str | None = None,
                          family: str | None = None, rule: str | None = None,
                          state: Literal["confirmed", "dismissed", "unreviewed"] | None = None) -> list[FindingView]:
    store.document(document_id)
    return store.findings(document_id=document_id, severity=severity, family=family, rule=rule, state=state)


@router.get("/documents/{document_id}/report.html", response_class=HTMLResponse, tags=["exports"],
            summary="The standalone HTML report (tables drawn, finding cells highlighted)")
def get_report_html(document_id: int, store: StoreDep) -> HTMLResponse:
    from juesuan.store.reports import report_html, stored_report

    return HTMLResponse(report_html(stored_report(store, document_id)))


@router.get("/documents/{document_id}/findings.csv", tags=["exports"], summary="The document's findings as CSV")
def get_document_findings_csv(document_id: int, store: StoreDep) -> Response:
    from juesuan.store.export import findings_csv

    store.document(document_id)
    return _download(findings_csv(store, store.findings(document_id=document_id)).encode("utf-8-sig"),
                     f"findings-{document_id}.csv", "text/csv; charset=utf-8")


# ---------------------------------------------------------------------- findings and reviews


@router.get("/findings", response_model=list[FindingView], tags=["findings"],
            summary="Findings across the latest readings of all documents")
def list_findings(store: StoreDep, rule: str | None = None, family: str | None = None,
                  severity: str | None = None,
                  state: Literal["confirmed", "dismissed", "unreviewed"] | None = None,
                  limit: Annotated[int, Query(ge=1, le=5000)] = 500,
                  offset: Annotated[int, Query(ge=0)] = 0) -> list[FindingView]:
    return store.findings(rule=rule, family=family, severity=severity, state=state, limit=limit, offset=offset)


@router.get("/findings.{fmt}", tags=["exports"], summary="Export findings with review state (csv or xlsx)")
def export_findings(fmt: Literal["csv", "xlsx"], store: StoreDep, rule: str | None = None,
                    family: str | None = None, severity: str | None = None,
                    state: Literal["confirmed", "dismissed", "unreviewed"] | None = None) -> Response:
    from juesuan.store.export import findings_csv, findings_xlsx

    found = store.findings(rule=rule, family=family, severity=severity, state=state)
    if fmt == "csv":
        return _download(findings_csv(store, found).encode("utf-8-sig"), "findings.csv", "text/csv; charset=utf-8")
    return _download(findings_xlsx(store, found), "findings.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@router.post("/findings/{finding_id}/review", response_model=ReviewView, tags=["findings"],
             summary="Confirm or dismiss a finding, with a reason, by a named reviewer")
def review(finding_id: int, body: ReviewRequest, store: StoreDep) -> ReviewView:
    return store.review(finding_id, body.state, body.reviewer, body.reason)  # type: ignore[arg-type]


@router.get("/findings/{finding_id}/reviews", response_model=list[ReviewView], tags=["findings"],
            summary="Review history of a finding (across readings)")
def review_history(finding_id: int, store: StoreDep) -> list[ReviewView]:
    return store.review_history(finding_id)


@router.get("/stats", response_model=list[RuleStats], tags=["findings"],
            summary="Per rule: findings, confirmed, dismissed, unreviewed")
def stats(store: StoreDep) -> list[RuleStats]:
    return store.stats()


# ---------------------------------------------------------------------- departments and comparisons


@router.get("/departments", response_model=list[DepartmentView], tags=["departments"], summary="Departments")
def list_departments(store: StoreDep, region: str | None = None) -> list[DepartmentView]:
    return store.departments(region=region)


@router.get("/departments/{department_id}", response_model=DepartmentView, tags=["departments"],
            summary="A department: spellings, years, consolidated units")
def get_department(department_id: int, store: StoreDep) -> DepartmentView:
    return store.department(department_id)


@router.get("/departments/{department_id}/years", response_model=YearComparison, tags=["comparisons"],
            summary="Every cell of a department, year on year")
def compare_years(department_id: int, store: StoreDep, table: str | None = None) -> YearComparison:
    dep = store.department(department_id)
    yt = store.compare_years(department_id)
    rows = [YearRow(table=r.table, row=r.row, column=r.column, label=r.label, values=r.values, changes=r.changes,
                    rates=r.rates) for r in yt.rows if table is None or r.table == table]
    return YearComparison(department_id=dep.id, department=dep.name, years=yt.years, rows=rows)


@router.get("/compare/region", response_model=RegionComparison, tags=["comparisons"],
            summary="League tables and distributions of the departments of a region in a year")
def compare_region(store: StoreDep, year: int, region: str | None = None,
                   metric: str | None = None) -> RegionComparison:
    n, leagues = store.compare_region(year, region)
    if metric is not None:
        leagues = [lg for lg in leagues if lg.metric == metric]
        if not leagues:
            raise HTTPException(404, f"没有这个比较指标：{metric}")
    out = [LeagueTable(metric=lg.metric, label=lg.label, unit=lg.unit, count=lg.count, minimum=lg.minimum,
                       q1=lg.q1, median=lg.median, q3=lg.q3, maximum=lg.maximum, missing=lg.missing,
                       entries=[LeagueEntry(document_id=e.key, department=e.name, value=e.value, rank=e.rank,
                                            z=e.z, outlier=e.outlier) for e in lg.entries])
           for lg in leagues]
    return RegionComparison(year=year, region=region, documents=n, method=region_mod.METHOD, leagues=out)


def _download(data: bytes, name: str, media: str) -> Response:
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})
