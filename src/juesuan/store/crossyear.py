"""Cross-year findings in the store: when a year of a department is saved, its Y findings
are computed against the stored previous year, and the stored next year's Y findings are
recomputed against it (so the order of ingestion does not matter)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from juesuan.compare.crossyear import cross_year
from juesuan.model import Disclosure
from juesuan.store.schema import Document, FindingRow, Reading


def _latest_read(s: Session, department_id: int, year: int) -> Reading | None:
    q = (select(Reading).join(Document, Document.id == Reading.document_id)
         .where(Document.department_id == department_id, Document.year == year, Reading.status == "read")
         .order_by(Reading.id.desc()).limit(1))
    return s.scalars(q).first()


def refresh_crossyear(s: Session, doc: Document, reading: Reading,
                      model: Callable[[], Disclosure]) -> list[dict[str, Any]]:
    """The Y findings of the reading being saved (its model built by ``model()`` only when a
    neighbouring year is stored); updates the next year's stored ones."""
    from juesuan.store.store import _save_findings, _summary, unpack_model

    if doc.department_id is None or doc.year is None:
        return []
    out: list[dict[str, Any]] = []
    prev = _latest_read(s, doc.department_id, doc.year - 1)
    if prev is not None and prev.model is not None:
        out = [f.to_dict() for f in cross_year(model(), unpack_model(prev.model))]
    nxt = _latest_read(s, doc.department_id, doc.year + 1)
    if nxt is not None and nxt.model is not None:
        s.execute(delete(FindingRow).where(FindingRow.reading_id == nxt.id, FindingRow.family == "Y"))
        fresh = [f.to_dict() for f in cross_year(unpack_model(nxt.model), model())]
        _save_findings(s, nxt.id, fresh)
        kept = [{"severity": sev} for (sev,) in s.execute(select(FindingRow.severity)
                                                          .where(FindingRow.reading_id == nxt.id))]
        summary = _summary(kept)
        nxt.errors, nxt.warnings, nxt.infos = summary["error"], summary["warning"], summary["info"]
    return out
