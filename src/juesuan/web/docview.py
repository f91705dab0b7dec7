"""What the document page shows, built from the store: the findings (with their review state),
the nine tables as :mod:`juesuan.report.html` draws them, and where on the PDF each finding's
cells were printed.

The table layouts are not repeated here: ``juesuan.report.html._Grid`` builds them from the
model and the findings, exactly as in the standalone report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from juesuan.findings import FAMILY_NAMES as _FAMILY_NAMES
from juesuan.findings import Finding
from juesuan.glossary import TABLE_IDS
from juesuan.model import Disclosure
from juesuan.report.html import SEV_LABEL, _Grid
from juesuan.rules.base import SEVERITIES
from juesuan.store.views import FindingView, ReviewView
from juesuan.web.pageimage import Box


def as_finding(d: dict[str, Any]) -> Finding:
    """A stored spec §6 dict back into a Finding (what the report drawing expects), with its
    nested consequences."""
    return Finding.model_validate({**d, "location": d.get("location") or {}})


@dataclass
class FindingItem:
    """One finding card: ``n`` is its position (the report's ``f{n}`` anchor), ``id`` the store's."""

    n: int
    id: int | None
    f: Finding
    review: dict[str, Any] | None = None
    cell_ids: str = ""
    page: int | None = None  # where to show it on the original
    boxes: list[tuple[int, tuple[float, float, float, float]]] = field(default_factory=list)  # (page, bbox)
    # findings of the same root cause, nested under this one by the engine (spec: consequences)
    consequences: list[Finding] = field(default_factory=list)

    @property
    def numeric(self) -> bool:
        """Whether expected / actual are numbers worth a line (some rules put words there)."""
        vals = [v for v in (self.f.expected, self.f.actual) if v is not None]
        return bool(vals) and all(_is_number(v) for v in vals)

    def focus(self, page: int) -> float | None:
        """Top of this finding's first box on ``page``, in PDF points."""
        return next((bbox[1] for p, bbox in self.boxes if p == page), None)


def _is_number(v: object) -> bool:
    try:
        Decimal(str(v))
    except (InvalidOperation, ValueError):
        return False
    return True


@dataclass
class _Report:  # the two attributes _Grid reads
    disclosure: Disclosure
    findings: list[Finding]


def review_dict(r: ReviewView | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {"state": r.state, "reviewer": r.reviewer, "reason": r.reason,
            "at": r.created_at.strftime("%Y-%m-%d %H:%M")}


def _severity_rank(v: FindingView) -> int:
    return SEVERITIES.index(v.severity) if v.severity in SEVERITIES else len(SEVERITIES)


@dataclass
class DocumentPage:
    items: list[FindingItem]
    tables: list[dict[str, Any]]
    groups: list[dict[str, Any]]

    def hits_by_page(self) -> dict[int, int]:
        out: dict[int, int] = {}
        for it in self.items:
            for p in {p for p, _ in it.boxes} or ({it.page} if it.page else set()):
                out[p] = out.get(p, 0) + 1
        return out

    def boxes(self, page: int, selected: int | None = None) -> list[Box]:
        out = []
        for it in self.items:
            sev = "selected" if it.n == selected else it.f.severity
            out += [Box(bbox, sev, str(it.n + 1)) for p, bbox in it.boxes if p == page]
        # the selected finding's boxes last, so they are drawn on top
        return sorted(out, key=lambda b: b.severity == "selected")


def build(model: Disclosure | None, views: Sequence[FindingView], with_tables: bool = True) -> DocumentPage:
    """The findings ordered by severity, each linked to its drawn cells and printed boxes;
    ``with_tables=False`` skips drawing the nine tables (page images need only the boxes)."""
    ordered = sorted(views, key=_severity_rank)
    findings = [as_finding(v.finding) for v in ordered]
    if model is None:
        items = [FindingItem(n=i, id=v.id, f=f, review=review_dict(v.review))
                 for i, (v, f) in enumerate(zip(ordered, findings))]
        return DocumentPage(items, [], _groups(items))
    grid = _Grid(_Report(model, findings))
    tables = [grid.table(tid) for tid in TABLE_IDS] if with_tables else []
    items = []
    for i, (v, f) in enumerate(zip(ordered, findings)):
        it = FindingItem(n=i, id=v.id, f=f, review=review_dict(v.review), consequences=list(f.consequences))
        ids = []
        for c in f.cells:
            key = c.key
            ids.append(grid.cid(key))
            cell = model.cell(*key)
            if cell is not None and cell.page and cell.bbox:
                it.boxes.append((cell.page, cell.bbox))
        it.cell_ids = " ".join(ids)
        it.page = _page_of(f, it.boxes)
        items.append(it)
    return DocumentPage(items, tables, _groups(items))


def _page_of(f: Finding, boxes: list[tuple[int, Any]]) -> int | None:
    if boxes:
        return boxes[0][0]
    if f.location.page:
        return f.location.page
    return next((cl.page for cl in f.claims if cl.page), None)


def _groups(items: list[FindingItem]) -> list[dict[str, Any]]:
    out = []
    for sev in SEVERITIES:
        chosen = [it for it in items if it.f.severity == sev]
        if chosen:
            out.append({"severity": sev, "label": SEV_LABEL[sev], "entries": chosen})
    return out


FAMILY_NAMES = {f.value: name for f, name in _FAMILY_NAMES.items()}
