"""The pipeline, end to end — the one place that knows the order of the stages:

    read      juesuan.read          file → Source (lines with page, position, cells)
    locate    juesuan.locate        Source → the nine table regions (list[TableRegion])
    extract   juesuan.extract       regions → Disclosure with the tables as printed (cells)
    repair    juesuan.repair        Disclosure → OCR damage undone where evidence allows
    sections  juesuan.locate        Source → list[Section], the tables the 目录 lists
    claims    juesuan.extract       Source + sections + tables → list[Claim], list[PerformanceItem]

``load(path)`` is what every command (and ``juesuan.read``) calls. Each stage lives in its own
package; this module only wires them together.
"""

from __future__ import annotations

from pathlib import Path

from juesuan import memo
from juesuan.extract.claims import NarrativeContext, extract_claims
from juesuan.extract.claims.statements import extract_statements
from juesuan.extract.document import extract_tables, settle_declared_empty, table_lines, table_pages
from juesuan.extract.performance import extract_performance
from juesuan.extract.status import mark_unrecognised, set_status
from juesuan.gcpause import gc_paused
from juesuan.locate.sections import find_toc, locate_sections, toc_tables
from juesuan.locate.tables import TableRegion, find_tables, stray_titles
from juesuan.model import Disclosure
from juesuan.pages import page_ranges
from juesuan.read import ReadError, Source, is_model_json, read_source, reads_text, require_regular
from juesuan.repair import repair_document
from juesuan.repair.identities import DocumentIdentities
from juesuan.textnorm import norm


def load(path: str | Path) -> Disclosure:
    """Read any supported file into the canonical model. Raises ReadError (one clear line)
    when the file cannot be read or is not a final-accounts disclosure."""
    p = Path(path)
    require_regular(p)  # a FIFO is refused before anything opens it
    if is_model_json(p):
        return load_json(p)
    if reads_text(p):
        # A text source's lines and chunks are dropped once the model is built: read and
        # built within one pause of the collector, they are never walked by it (a pause
        # ending in between would walk them all once, tens of thousands of objects in a long
        # text, for nothing). A PDF is parsed with the collector running (gcpause).
        with gc_paused():
            return build(read_source(p))
    return build(read_source(p))


def load_json(p: Path) -> Disclosure:
    """A model JSON (``juesuan extract --format json``); its numbers are held to the same
    range as printed ones (money.first_implausible): 1E+999999 is a reading problem, not an
    Overflow in a rule."""
    from juesuan import limits
    from juesuan.money import first_implausible

    data = p.read_bytes()
    # One JSON object per cell, claim or statement: a model has thousands. Counted before
    # pydantic, which would build one error per missing field of each of a million "{}".
    limits.check(str(p), "max_rows", data.count(b"{"))
    try:
        doc = Disclosure.model_validate_json(data)
    except Exception as e:  # pydantic's ValidationError or a JSON decode error
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise ReadError(str(p), f"not a juesuan model JSON ({first})") from e
    bad = first_implausible(doc)
    if bad is not None:
        raise ReadError(str(p), f"模型 JSON 中的数字超出合理范围（{bad[0]}：{str(bad[1])[:40]}）")
    return doc


def build(src: Source) -> Disclosure:
    """The stages after reading, in order (the collector paused: juesuan.gcpause)."""
    memo.trim()  # (the text caches are bounded between documents: juesuan.memo)
    with gc_paused():
        return _build(src)


def _build(src: Source) -> Disclosure:
    # What several stages derive from the same document is derived once per build and passed
    # down (the identities for repair and the table status; the section ranges, paragraphs and
    # subject resolver for the three narrative readers): nothing outlives the build.
    regions = locate_tables(src)
    doc = extract_tables(src, regions)
    doc.warnings[:0] = src.warnings  # the reader's first (pages skipped or OCR'd, hidden sheets …)
    doc.unread_pages = dict(src.unread_pages)
    ids = DocumentIdentities(doc)
    repair_document(doc, ocr_pages=set(src.ocr_pages), doc_identities=ids)
    settle_declared_empty(doc)
    set_status(doc, table_lines(src, regions), doc_identities=ids, unread=_unread_by_table(src, regions))
    spans = [s for r in regions for s in r.spans]
    toc = find_toc(src)
    doc.sections = locate_sections(src, spans, toc)
    doc.toc_tables = toc_tables(src, toc)
    mark_unrecognised(doc, bool(src.ocr_pages), stray_titles(src, regions, toc))
    ctx = NarrativeContext(src, doc.sections, doc)
    doc.claims = extract_claims(ctx)
    doc.statements = extract_statements(ctx)
    doc.performance = extract_performance(src, doc.sections, doc.warnings, ctx)
    return doc


def _unread_by_table(src: Source, regions: list[TableRegion]) -> dict[str, list[tuple[int, str]]]:
    """By located table, the pages it may reach that the reader could not read, and why (a
    table not located is judged by ``mark_unrecognised``, from ``Disclosure.unread_pages``)."""
    if not src.unread_pages:
        return {}
    return {tid: [(p, why) for p, why in src.unread_pages.items() if any(a <= p <= b for a, b in spans)]
            for tid, spans in table_pages(src, regions).items()}


def locate_tables(src: Source) -> list[TableRegion]:
    """The table regions of a final-accounts disclosure; ReadError when the source is not one
    (no table found, or a budget document)."""
    regions = find_tables(src)
    # a 部门预算 is named as such whether or not its tables resemble ours
    text_head = norm("".join(ln.text for ln in src.lines[:80]))
    if "预算" in text_head and "决算" not in text_head and not any(r.id == "T01" for r in regions):
        raise ReadError(src.path, "a budget (预算) document, not a final-accounts (决算) disclosure")
    if not regions and src.unread_pages:  # the tables may be on the pages not read: say so, not "not one"
        raise ReadError(src.path, f"no 部门决算 table found on the pages read; page(s) {page_ranges(src.unread_pages)} "
                                  f"could not be read ({'; '.join(sorted(set(src.unread_pages.values())))})")
    if not regions:
        raise ReadError(src.path, "not a final-accounts disclosure (none of the nine 部门决算 tables found)")
    return regions


__all__ = ["ReadError", "build", "load", "load_json", "locate_tables"]
