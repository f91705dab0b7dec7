"""Reports rebuilt from what the store holds (the model and the findings of a reading), so an
HTML or CSV report of a stored document needs no re-reading."""

from __future__ import annotations

import dataclasses
from typing import Any

from juesuan.store.store import NotFound, Store


def _finding(data: dict[str, Any]) -> Any:
    from juesuan.rules.base import Finding

    validate = getattr(Finding, "model_validate", None)
    if validate is not None:  # the pydantic Finding of juesuan.findings
        return validate(data)
    names = {f.name for f in dataclasses.fields(Finding)}
    return Finding(**{k: v for k, v in data.items() if k in names})


def stored_report(store: Store, document_id: int, reading_id: int | None = None) -> Any:
    """The report of a stored reading (the latest by default), as ``juesuan.report`` builds it."""
    model = store.model(document_id, reading_id)
    if model is None:
        raise NotFound(f"文件 {document_id} 未能读取，没有报告")
    findings = [_finding(f.finding) for f in store.findings(document_id=document_id, reading_id=reading_id)]
    try:
        from juesuan.findings import DocumentInfo, Report  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # before juesuan.findings: the report module's own dataclass
        from juesuan.report import Report  # type: ignore[assignment,unused-ignore]

        return Report(doc=model, findings=findings)  # type: ignore[call-arg,unused-ignore]
    return Report(document=DocumentInfo.of(model), findings=findings,  # type: ignore[call-arg,unused-ignore]
                  reading_warnings=list(model.warnings), repairs=list(model.repairs), disclosure=model)


def report_html(report: Any) -> str:
    import juesuan.report as rep

    to_html = getattr(rep, "to_html", None)
    return str(to_html(report) if to_html is not None else report.to_html())
