"""Exports of stored findings with their review state (CSV; xlsx)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from juesuan.store.store import Store
from juesuan.store.views import DocumentView, FindingView

HEADER = ("document_id", "file_name", "department", "year", "rule", "family", "severity", "message", "cells",
          "expected", "actual", "difference", "page", "line", "extraction_uncertain", "review_state", "reviewer",
          "review_reason", "reviewed_at")
# a spreadsheet would run a cell starting with one of these as a formula
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _safe(v: Any) -> Any:
    if isinstance(v, str) and v.startswith(_FORMULA):
        return "'" + v
    return v


def rows(store: Store, findings: Iterable[FindingView]) -> Iterable[list[Any]]:
    docs: dict[int, DocumentView] = {}
    for f in findings:
        d = docs.get(f.document_id)
        if d is None:
            d = docs[f.document_id] = store.document(f.document_id)
        data = f.finding
        loc = data.get("location") or {}
        cells = "; ".join(f"{c['table']}/{c['row']}/{c['column']}={c.get('value')}" for c in data.get("cells") or [])
        r = f.review
        yield [f.document_id, d.file_name, d.department or "", d.year or "", f.rule, f.family, f.severity,
               f.message, cells, data.get("expected") or "", data.get("actual") or "", data.get("difference") or "",
               loc.get("page") or "", loc.get("line") or "",
               "true" if data.get("extraction_uncertain") else "false",
               r.state if r else "", r.reviewer if r else "", r.reason if r else "",
               r.created_at.isoformat(timespec="seconds") if r else ""]


def findings_csv(store: Store, findings: Iterable[FindingView]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for row in rows(store, findings):
        w.writerow([_safe(v) for v in row])
    return buf.getvalue()


def findings_xlsx(store: Store, findings: Iterable[FindingView]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "问题清单"
    ws.append(list(HEADER))
    for row in rows(store, findings):
        ws.append([_safe(v) for v in row])
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
