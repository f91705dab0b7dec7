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
    from juesuan.report import Report

    model = store.model(document_id, reading_id)
    if model is None:
        raise NotFound(f"文件 {document_id} 未能读取，没有报告")
    found = store.findings(document_id=document_id, reading_id=reading_id)
    return Report(doc=model, findings=[_finding(f.finding) for f in found])
