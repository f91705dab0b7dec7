"""extract: a located source → the canonical Disclosure (tables → cells, narrative → claims).

Order matters only where one table's evidence helps read another in the flat layout: the
label-keyed tables (T01, T04) and T06/T09 first, then the code-keyed ones, whose dropped
columns are placed with the help of what was already read.
"""

from __future__ import annotations

import re
from decimal import Decimal

from juesuan.extract import economic, functional, sangong, summary
from juesuan.extract.codes import rebuild_economic_codes, rebuild_functional_codes
from juesuan.extract.grid import strip_enum
from juesuan.extract.records import Record, Value
from juesuan.glossary import TABLES
from juesuan.locate.meta import locate_metadata
from juesuan.locate.tables import TableRegion, find_tables
from juesuan.model import Cell, Disclosure, Repair, Table
from juesuan.read.types import Line, ReadError, Source
from juesuan.textnorm import norm

_EMPTY_RE = re.compile(r"本表无数据|无此类资金|故本表无|本部门(?:本年度|当年|\d{4}年度?)?(?:没有|无)|我部门(?:本年度|当年)?(?:没有|无)|本单位(?:没有|无)|无.{0,12}(?:收支|支出|收入)[。.]?$")
_CODE_TABLES = ("T02", "T03", "T05", "T07", "T08")


def extract_document(src: Source) -> Disclosure:
    regions = find_tables(src)
    if not regions:
        raise ReadError(src.path, "not a final-accounts disclosure (none of the nine 部门决算 tables found)")
    text_head = norm("".join(ln.text for ln in src.lines[:80]))
    if "预算" in text_head and "决算" not in text_head and not any(r.id == "T01" for r in regions):
        raise ReadError(src.path, "a budget (预算) document, not a final-accounts (决算) disclosure")
    doc = Disclosure(meta=locate_metadata(src, [(r.start, r.end) for r in regions]))
    for tid in TABLES:
        doc.tables[tid] = Table(id=tid)
    by_id = {r.id: r for r in regions}
    region_lines = {r.id: _lines(src, r) for r in regions}
    for r in regions:
        t = doc.tables[r.id]
        first = src.lines[r.start]
        t.present, t.title, t.number, t.page, t.line = True, first.text.strip(), r.number, first.page, first.no
        t.end_line = src.lines[r.end - 1].no if r.end > r.start else first.no
        stmt = _empty_statement(region_lines[r.id])
        if stmt:
            t.declared_empty, t.empty_statement = True, stmt
    for tid in ("T01", "T04"):
        if tid in by_id:
            _extract_summary(doc, tid, region_lines[tid])
    if "T06" in by_id:
        _extract_economic(doc, region_lines["T06"])
    if "T09" in by_id:
        layout, vals = sangong.read_sangong(region_lines["T09"])
        t = doc.tables["T09"]
        t.layout = layout
        for row, item, v in vals:
            _put(doc, "T09", row, item, v, label=item)
    records: dict[str, tuple[list[Record], bool]] = {}
    for tid in ("T02", "T05", "T08", "T03", "T07"):
        if tid in by_id:
            recs, tabbed = functional.read_records(region_lines[tid], tid)
            records[tid] = (recs, tabbed)
            doc.tables[tid].layout = "tabbed" if tabbed else "flat"
    rebuild_functional_codes(doc, records)
    for tid in ("T02", "T05", "T08", "T03", "T07"):
        if tid not in records:
            continue
        recs, tabbed = records[tid]
        if not tabbed:
            functional.place_flat(recs, tid, _active_columns(doc, tid), _hints(doc, tid), _prefer(tid))
        for rec in recs:
            row = "合计" if rec.total else rec.code
            if row is None:
                doc.warnings.append(f"{tid} line {rec.line.no}: row '{rec.name}' has no code and none could be rebuilt; values skipped")
                continue
            if rec.name and not rec.total:
                doc.tables[tid].row_labels.setdefault(row, rec.name)
            elif rec.total:
                doc.tables[tid].row_labels.setdefault("合计", "合计")
            for v in rec.values:
                if v.column is None:
                    continue
                cell = _put(doc, tid, row, v.column, v, label=rec.name)
                if cell is not None and not tabbed and "uncertain" in rec.code_note:
                    cell.uncertain = True
                    cell.repair = (cell.repair + "; " if cell.repair else "") + rec.code_note
    if "T04" in by_id and not functional.is_tabbed(region_lines["T04"]):
        _place_t04_flat(doc)
    from juesuan.repair import repair_document

    repair_document(doc)
    for t in doc.tables.values():
        # "如本表为空，则…" is printed under every table; it declares emptiness only for a
        # table that indeed has no data.
        if t.declared_empty and t.has_data:
            t.declared_empty = False
    _narrative(src, doc, regions)
    return doc


def _lines(src: Source, r: TableRegion) -> list[Line]:
    out: list[Line] = []
    for a, b in r.spans:
        out.extend(src.lines[a + 1 : b])
    return out


def _empty_statement(lines: list[Line]) -> str:
    for ln in lines:
        t = norm(ln.text)
        if _EMPTY_RE.search(t) and "本表反映" not in t:
            return ln.text.strip()
    return ""


def _put(doc: Disclosure, tid: str, row: str, column: str, v: Value, label: str = "") -> Cell | None:
    t = doc.tables[tid]
    if t.get(row, column) is not None:
        # A row printed twice (repeated header pages, OCR duplicates): keep the first.
        doc.warnings.append(f"{tid} {row}/{column} printed twice (line {v.line.no}); kept the first")
        return None
    bbox = v.chunk.bbox if v.chunk is not None else None
    cell = Cell(
        table=tid, row=row, column=column, value=v.parsed.value, raw=v.raw,
        page=v.line.page, line=v.line.no, bbox=bbox, label=label,
    )
    t.cells.append(cell)
    return cell


def _extract_summary(doc: Disclosure, tid: str, lines: list[Line]) -> None:
    n_exp = 1 if tid == "T01" else 4
    rows = summary.parse_rows(lines, n_exp)
    t = doc.tables[tid]
    for key, vals, label, _line, _is_income in summary.identify(rows, tid):
        label = strip_enum(label)  # the printed numbering (一、…) is not part of the name
        t.row_labels.setdefault(key, label)
        for col, v in vals:
            _put(doc, tid, key, col, v, label=label)


def _extract_economic(doc: Disclosure, lines: list[Line]) -> None:
    tabbed = functional.is_tabbed(lines)
    triples, footers = economic.read_triples(lines, tabbed)
    t = doc.tables["T06"]
    t.layout = "tabbed" if tabbed else "flat"
    rebuild_economic_codes(triples, doc)
    for tr in triples:
        if tr.code is None:
            if tr.value is not None:
                doc.warnings.append(f"T06 line {tr.line.no}: value {tr.value.raw} with no code; skipped")
            continue
        t.row_labels.setdefault(tr.code, tr.name)
        if tr.value is not None:
            cell = _put(doc, "T06", tr.code, "决算数", tr.value, label=tr.name)
            if cell is not None and tr.note:
                cell.repaired, cell.repair = True, tr.note
    for f in footers:
        t.row_labels.setdefault(f.key, f.key)
        if f.value is not None:
            _put(doc, "T06", f.key, "决算数", f.value, label=f.key)
        elif f.fragment or t.has_data:
            doc.warnings.append(f"T06 {f.key}: printed value unreadable ('{f.fragment}')")
            t.row_labels[f.key] = f.key
            doc.repairs.append(Repair(table="T06", row=f.key, column="决算数", raw=f.fragment, value=None,
                                      reason="unreadable", line=f.line.no, page=f.line.page))


def _active_columns(doc: Disclosure, tid: str) -> list[str] | None:
    """Columns of a flat table that the 合计 row prints, from another table's evidence."""
    if tid == "T02":
        t01 = doc.tables["T01"]
        fiscal = sum((t01.value(r, "金额") or Decimal(0)) for r in ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入"))
        src = {
            "财政拨款收入": fiscal,
            "上级补助收入": t01.value("上级补助收入", "金额"),
            "事业收入": t01.value("事业收入", "金额"),
            "经营收入": t01.value("经营收入", "金额"),
            "附属单位上缴收入": t01.value("附属单位上缴收入", "金额"),
            "其他收入": t01.value("其他收入", "金额"),
        }
        if any(v for v in src.values()):
            return [c for c, v in src.items() if v]
    return None


def _hints(doc: Disclosure, tid: str) -> dict[tuple[str, str], Decimal]:
    """Values another table prints for the same code and column (fully fiscal-funded rows
    agree between T03 and T05; T05 合计 基本支出 = T06 人员经费 + 公用经费)."""
    hints: dict[tuple[str, str], Decimal] = {}
    if tid == "T05":
        t06 = doc.tables["T06"]
        a, b = t06.value("人员经费合计", "决算数"), t06.value("公用经费合计", "决算数")
        if a is not None and b is not None:
            hints[("合计", "基本支出")] = a + b
    if tid == "T03":
        for other in ("T05", "T08"):
            for c in doc.tables[other].cells:
                if c.column in ("基本支出", "项目支出"):
                    hints.setdefault((c.row, c.column), c.value)
    return hints


def _place_t04_flat(doc: Disclosure) -> None:
    """T04's expenditure side in the flat layout prints only its non-empty fund columns, so
    the values after 合计 were placed in order. Re-place them where the fund tables say they
    belong: 一般公共预算 = T05 小计, 政府性基金 = T07 小计, 国有资本经营 = T08 合计."""
    from itertools import combinations

    t04 = doc.tables["T04"]
    funds = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
    source = {funds[0]: ("T05", "小计"), funds[1]: ("T07", "小计"), funds[2]: ("T08", "合计")}
    for row in [r for r in t04.rows() if t04.get(r, "合计") is not None]:
        placed = [t04.get(row, f) for f in funds if t04.get(row, f) is not None]
        if not placed or len(placed) == len(funds):
            continue
        fund_row = "合计" if not row.isdigit() else row
        best, best_score = None, -1
        for combo in combinations(funds, len(placed)):
            score = 0
            for cell, fund in zip(placed, combo):
                tid, col = source[fund]
                hint = doc.tables[tid].value(fund_row, col)
                if hint is not None and hint == cell.value:
                    score += 2
                elif hint is None and fund != funds[0]:
                    score -= 1  # a fund table with nothing for this row is unlikely
            if score > best_score:
                best, best_score = combo, score
        if best is None:
            continue
        for cell in placed:
            t04.cells.remove(cell)
        for cell, fund in zip(placed, best):
            cell.column = fund
            t04.cells.append(cell)
        t04._index = None


def _prefer(tid: str) -> list[str] | None:
    # State-capital spending is almost always project spending; the last-resort guess says so.
    return ["项目支出", "基本支出"] if tid == "T08" else None


def _narrative(src: Source, doc: Disclosure, regions: list[TableRegion]) -> None:
    """Sections, table of contents, claims and performance items (narrative side)."""
    spans = [s for r in regions for s in r.spans]
    try:
        from juesuan.extract.claims import extract_claims
        from juesuan.extract.claims.statements import extract_statements
        from juesuan.extract.performance import extract_performance
        from juesuan.locate.sections import locate_sections, toc_tables
    except ImportError:  # narrative stage not installed
        return
    doc.sections = locate_sections(src, spans)
    doc.toc_tables = toc_tables(src)
    doc.claims = extract_claims(src, doc.sections, doc)
    doc.statements = extract_statements(src, doc.sections, doc)
    doc.performance = extract_performance(src, doc.sections)


__all__ = ["extract_document"]
