"""extract: performance self-evaluations (绩效自评) — the narrative summaries in the 预算绩效
section (:mod:`.narrative`) and the self-evaluation tables of the attachments
(:mod:`.attachment` finds each table and its headline figures; :mod:`.detail` reads the rest:
texts, funds and tasks via :mod:`.funds`, the indicator tree via :mod:`.indicators`)."""

from __future__ import annotations

from juesuan.extract.claims.context import NarrativeContext
from juesuan.extract.performance.attachment import attachment_items
from juesuan.extract.performance.narrative import narrative_items
from juesuan.model import PerformanceItem, Section
from juesuan.read.types import Source


def extract_performance(src: Source, sections: list[Section], warnings: list[str] | None = None,
                        ctx: NarrativeContext | None = None) -> list[PerformanceItem]:
    """Every performance item of the document; reading problems go to ``warnings``. ``ctx``:
    the build's narrative context, whose section ranges and paragraphs the claims and
    statements readers have already derived (made here when not given)."""
    ctx = ctx or NarrativeContext(src, sections)
    out: list[PerformanceItem] = []
    for sec, a, b in ctx.ranges:
        if sec.kind == "narrative" and sec.topic == "预算绩效":
            out.extend(narrative_items(ctx, sec, a, b))
        elif sec.kind == "attachment":
            out.extend(attachment_items(src, a, b, warnings))
    return out


__all__ = ["extract_performance"]
