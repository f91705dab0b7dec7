"""render: write a disclosure (the canonical model) out as xlsx, docx, html, pdf or txt.

    from juesuan.render import render_file
    render_file(disclosure, "txt", "out.txt", previous=prev, supplement=sup)

The document structure and the 情况说明 come from ``narrative.build_document``; the table grids
from ``layout.table_layout``; each format module only draws them.
"""

from __future__ import annotations

from pathlib import Path

from juesuan.model import Disclosure
from juesuan.render.missing import mark_missing
from juesuan.render.narrative import Document, build_document
from juesuan.render.perf_layout import apply_perf_variant, perf_layouts
from juesuan.render.perf_variants import PerfVariant
from juesuan.render.supplement import Supplement, load_supplement
from juesuan.render.variants import Variant, apply_variant, variant_layouts

FORMATS = ("txt", "xlsx", "docx", "html", "pdf")
EXTENSIONS = {"txt": ".txt", "xlsx": ".xlsx", "docx": ".docx", "html": ".html", "pdf": ".pdf"}


class RenderError(Exception):
    """Rendering cannot proceed (missing font, bad input); the message is one line."""


def render_bytes(d: Disclosure, fmt: str, previous: Disclosure | None = None,
                 supplement: Supplement | None = None, variant: Variant | None = None,
                 perf: PerfVariant | None = None) -> bytes:
    """``variant`` picks the printed layout (``juesuan.render.variants``), ``perf`` that of the
    performance self-evaluation forms (``juesuan.render.perf_variants``); default: national."""
    if fmt not in FORMATS:
        raise RenderError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    v = variant or Variant()
    if fmt == "xlsx":
        from juesuan.render.xlsx import render_xlsx

        return render_xlsx(d, variant_layouts(d, v) + perf_layouts(d.performance, perf))
    doc = apply_variant(build_document(d, previous, supplement), d, v)
    doc = mark_missing(apply_perf_variant(doc, perf or PerfVariant(), d.performance), d)
    if fmt == "txt":
        from juesuan.render.txt import render_txt

        return render_txt(doc, v.text).encode("utf-8")
    if fmt == "html":
        from juesuan.render.html import render_html

        return render_html(doc).encode("utf-8")
    if fmt == "docx":
        from juesuan.render.docx import render_docx

        return render_docx(doc)
    from juesuan.render.pdf import render_pdf

    return render_pdf(doc)


def render_file(d: Disclosure, fmt: str, path: str | Path, previous: Disclosure | None = None,
                supplement: Supplement | None = None, variant: Variant | None = None,
                perf: PerfVariant | None = None) -> Path:
    from juesuan.safeio import write_atomic

    return write_atomic(Path(path), render_bytes(d, fmt, previous, supplement, variant, perf))


__all__ = ["FORMATS", "EXTENSIONS", "Document", "PerfVariant", "RenderError", "Supplement", "Variant", "build_document",
           "load_supplement", "render_bytes", "render_file"]
