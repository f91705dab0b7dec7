"""Reports rebuilt from what the store holds (the model and the findings of a reading), so an
HTML or CSV report of a stored document needs no re-reading."""

from __future__ import annotations

from juesuan.findings import DocumentInfo, Finding, Report
from juesuan.store.store import NotFound, Store


def stored_report(store: Store, document_id: int, reading_id: int | None = None) -> Report:
    """The report of a stored reading (the latest by default), as ``juesuan.report`` builds it:
    its findings, reading notes, repairs and coverage."""
    model = store.model(document_id, reading_id)
    if model is None:
        raise NotFound(f"文件 {document_id} 未能读取，没有报告")
    findings = [Finding.model_validate(f.finding)
                for f in store.findings(document_id=document_id, reading_id=reading_id)]
    return Report(document=DocumentInfo.of(model), findings=findings, reading_warnings=list(model.warnings),
                  repairs=list(model.repairs), coverage=store.coverage(document_id, reading_id),
                  disclosure=model)


def report_html(report: Report) -> str:
    from juesuan.report import to_html  # the HTML writer loads Jinja2: only when asked for

    return to_html(report)
