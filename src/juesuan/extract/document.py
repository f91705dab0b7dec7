"""extract: the located table regions of a source → the nine tables as cells.

The pipeline (``juesuan.pipeline``) calls :func:`extract_tables`, then repair, then
:func:`settle_declared_empty`. Within the tables, order matters only where one table's
evidence helps read another in the flat layout: the label-keyed tables (T01, T04) and T06/T09
first, then the code-keyed ones, whose dropped columns are placed with the help of what was
already read.
"""

from __future__ import annotations

from decimal import Decimal

from juesuan import lazy
from juesuan.extract import economic, economic_drift, functional, realign, sangong, summary
from juesuan.extract.codes import (
    give_back_wrapped_lines,
    rebuild_economic_codes,
    rebuild_functional_codes,
    settle_wrapped_names,
)
from juesuan.extract.grid import strip_enum
from juesuan.extract.records import Record, Value
from juesuan.glossary import FUNDS, T06_TOTALS, TABLES
from juesuan.locate.meta import locate_metadata
from juesuan.locate.tables import TableRegion
from juesuan.model import Cell, Disclosure, Repair, Table, made
from juesuan.money import tolerance
from juesuan.read.types import Line, Source
from juesuan.relations import FUND_TABLES, T09_T06_FLOORS, DisclosureRows, implied
from juesuan.textnorm import norm

_EMPTY_RE = lazy.pattern(r"本表无数据|无此类资金|故本表无|本部门(?:本年度|当年|\d{4}年度?)?(?:没有|无)|我部门(?:本年度|当年)?(?:没有|无)|本单位(?:没有|无)|无.{0,12}(?:收支|支出|收入)[。.]?$")
# Every alternative of _EMPTY_RE holds one of these (tests/speed/test_table_prefilters.py): a
# line without them is not searched (asked of every line of every table; few hold either).
_EMPTY_WORDS = ("无", "没有")


def extract_tables(src: Source, regions: list[TableRegion]) -> Disclosure:
    """The nine tables of a located source as cells (as printed: repair comes after)."""
    doc = Disclosure(meta=locate_metadata(src, [(r.start, r.end) for r in regions]))
    for tid in TABLES:
        doc.tables[tid] = Table(id=tid)
    by_id = {r.id: r for r in regions}
    region_lines = table_lines(src, regions)
    for r in regions:
        _place_region(doc, src, r, region_lines[r.id])
    for tid in ("T01", "T04"):
        if tid in by_id:
            _extract_summary(doc, tid, region_lines[tid])
    if "T09" in by_id:  # before T06: its 决算数 are evidence for T06's drifted amounts
        others = sangong.OtherItems()
        layout, vals = sangong.read_sangong(region_lines["T09"], others)
        t = doc.tables["T09"]
        t.layout = layout
        _note_other_items(doc, t, others)
        for row, item, v in vals:
            _put(doc, "T09", row, item, v, label=item)
    if "T06" in by_id:
        _extract_economic(doc, region_lines["T06"])
    _extract_functional(doc, {tid: region_lines[tid] for tid in _CODE_ORDER if tid in by_id})
    if "T04" in by_id and not functional.is_tabbed(region_lines["T04"]):
        _place_t04_flat(doc)
    return doc


def _note_other_items(doc: Disclosure, t: Table, others: sangong.OtherItems) -> None:
    """Expenses printed in the “三公” table beyond its six items are not read: a reading note
    says so, and their figures count as printed and known (not as unread) — unless the six
    could not be told from them, which leaves the table unread with the reason."""
    if not others.names:
        return
    names = "、".join(others.names)
    if others.unplaced:
        t._doubts.append(f"表中另列{names}，“三公”经费各项的栏目无法与之区分，未读取")
        return
    t._unmodelled += others.printed
    doc.warnings.append(f"{t.id} {t.title or t.id}：表中另列{names}（不属于“三公”经费），未读取、未审核")


def settle_declared_empty(doc: Disclosure) -> None:
    """"如本表为空，则…" is printed under every table; it declares emptiness only for a table
    that indeed has no data (decided after repair, which may drop stray values)."""
    for t in doc.tables.values():
        if t.declared_empty and t.has_data:
            t.declared_empty = False


_CODE_ORDER = ("T02", "T05", "T08", "T03", "T07")  # T03 after T05/T08: their figures place its columns


def _place_region(doc: Disclosure, src: Source, r: TableRegion, lines: list[Line]) -> None:
    t = doc.tables[r.id]
    first = src.lines[r.start]
    t.present, t.title, t.number, t.page, t.line = True, first.text.strip(), r.number, first.page, first.no
    t.end_line = src.lines[r.end - 1].no if r.end > r.start else first.no
    stmt = _empty_statement(lines)
    if stmt:
        t.declared_empty, t.empty_statement = True, stmt


def _extract_functional(doc: Disclosure, region_lines: dict[str, list[Line]]) -> None:
    """The code-keyed tables: read their rows, rebuild codes across tables, then place the
    values of flat layouts with the evidence of what was already read."""
    records: dict[str, tuple[list[Record], bool]] = {}
    for tid, lines in region_lines.items():
        recs, tabbed = functional.read_records(lines, tid)
        records[tid] = (recs, tabbed)
        doc.tables[tid].layout = "tabbed" if tabbed else "flat"
    rebuild_functional_codes(doc, records)
    for tid, (recs, tabbed) in records.items():
        if not tabbed:
            give_back_wrapped_lines(recs)
            settle_wrapped_names(recs)
            if tid != "T07" and not functional.is_flow_layout(region_lines[tid]):
                _realign(doc, tid, recs, records)
            # (T03's hints and bounds both come from what the fund tables say of it: asked once)
            parts = _fund_parts_of_t03(doc, DisclosureRows(doc)) if tid == "T03" else None
            functional.place_flat(recs, tid, _active_columns(doc, tid), _hints(doc, tid, parts), _prefer(tid),
                                  flow=functional.is_flow_layout(region_lines[tid]), bounds=_bounds(doc, tid, parts),
                                  room=_room(doc, tid))
        for rec in recs:
            _put_record(doc, tid, rec, tabbed)
        unsure = sum(rec.unsure_dropped for rec in recs)
        if unsure:
            doc.tables[tid]._doubts.append(f"{unsure} 个数值可能在本年支出各栏，也可能在本表不录入的年初、本年收入或"
                                           "年末栏，勾稽关系无法确定，未读入")


# Total-first code tables whose rows' totals bound each other, code by code: T05 and T08 are
# parts of T03 (X-T05-T03-bound, X-T08-T03-bound).
_PART_OF = {"T05": "T03", "T08": "T03"}


def _realign(doc: Disclosure, tid: str, recs: list[Record], records: dict[str, tuple[list[Record], bool]]) -> None:
    """Amount rows drifted against their code rows (``realign``): realign them by the sibling
    table's totals when every hierarchy identity then holds, else mark the rows no identity
    confirms uncertain. A sibling whose own rows fail in bulk tells nothing."""
    left = realign.realign(recs, _sibling_refs(tid, records))
    if left is not None:
        what = ""
        if left and realign.repeats_run_start(left, recs):
            # read, and known to repeat figures already placed: not "left unread"
            doc.tables[tid]._unmodelled += sum(len(tp) for tp in left)
            what = f"；末尾另有 {len(left)} 行数值重复了表首各行的数值，未读入"
        elif left:
            what = f"；另有 {len(left)} 行数值无法对应到任何科目，未读入"
        doc.warnings.append(f"{tid}：金额行与科目行错位，已按表内勾稽关系和相关表重新对齐{what}")
    elif realign.flag_unconfirmed(recs):
        doc.warnings.append(f"{tid}：表内勾稽关系大量不成立，金额行与科目行可能错位；未得到印证的行已标记为存疑")


def _sibling_refs(tid: str, records: dict[str, tuple[list[Record], bool]]) -> dict[str, realign.Reference]:
    """What the tables ``tid`` is part of (``high``) or that are part of it (``low``) say of
    each of its rows' totals. A sibling whose own rows fail in bulk says nothing."""
    refs: dict[str, realign.Reference] = {}
    for other, (orecs, _tabbed) in records.items():
        whole, part = _PART_OF.get(tid) == other, _PART_OF.get(other) == tid
        # (a table neither part nor whole of this one bounds none of its rows: whether its
        # hierarchy fails in bulk, which takes working it out, is not asked)
        if not (whole or part) or realign.fails_in_bulk(orecs):
            continue
        for rec in orecs:
            key = rec.key
            if key is None or not rec.values:
                continue
            v = rec.values[0].parsed.value
            if whole:
                refs.setdefault(key, realign.Reference()).high = v
            else:
                ref = refs.setdefault(key, realign.Reference())
                ref.low = v if ref.low is None else max(ref.low, v)
    return refs


def _put_record(doc: Disclosure, tid: str, rec: Record, tabbed: bool) -> None:
    row = rec.key
    if row is None:
        doc.warnings.append(f"{tid} line {rec.line.no}: row '{rec.name}' has no code and none could be rebuilt; values skipped")
        figures = [v.parsed.value for v in rec.values if v.parsed.value is not None]
        if figures:
            doc.tables[tid]._skipped.append((f"第 {rec.line.no} 行“{rec.name}”没有科目编码且无法推定，其数值未读取", figures))
        return
    t = doc.tables[tid]
    # (the private attributes only when there is something to add: each access goes through
    # pydantic's __getattr__/__setattr__, and a table has hundreds of records)
    if rec.dropped:
        t._unmodelled += rec.dropped
    if rec.covered:
        t._covered += [f"{row} {col}" for col in rec.covered]
    if rec.name and not rec.total:
        t.row_labels.setdefault(row, rec.name)
    elif rec.total:
        t.row_labels.setdefault("合计", "合计")
    for v in rec.values:
        if v.column is None:
            continue
        cell = _put(doc, tid, row, v.column, v, label=rec.name)
        if cell is not None and not tabbed and "uncertain" in rec.code_note:
            cell.uncertain = True
            cell.repair = (cell.repair + "; " if cell.repair else "") + rec.code_note


def table_lines(src: Source, regions: list[TableRegion]) -> dict[str, list[Line]]:
    """Each located table's own lines, by table id."""
    return {r.id: _lines(src, r) for r in regions}


def table_pages(src: Source, regions: list[TableRegion]) -> dict[str, list[tuple[int, int]]]:
    """The pages each located table may reach, a range a span: from its title's page to the
    page where what follows it begins (a page between them with nothing read — a picture not
    OCR'd, a page skipped — may hold its last rows)."""
    last = src.pages or max((ln.page or 0 for ln in src.lines), default=0)
    out: dict[str, list[tuple[int, int]]] = {}
    for r in regions:
        for a, b in r.spans:
            first = src.lines[a].page
            end = src.lines[b].page if b < len(src.lines) else last
            if first is not None and end is not None:
                out.setdefault(r.id, []).append((first, end))
    return out


def _lines(src: Source, r: TableRegion) -> list[Line]:
    out: list[Line] = []
    for a, b in r.spans:
        out.extend(src.lines[a + 1 : b])
    return out


def _empty_statement(lines: list[Line]) -> str:
    for ln in lines:
        t = norm(ln.text)
        if (_EMPTY_WORDS[0] in t or _EMPTY_WORDS[1] in t) and _EMPTY_RE.search(t) and "本表反映" not in t:
            return ln.text.strip()
    return ""


def _put(doc: Disclosure, tid: str, row: str, column: str, v: Value, label: str = "") -> Cell | None:
    bbox = v.chunk.bbox if v.chunk is not None else None
    cell = made(Cell, {  # (model.made: one per printed amount)
        "table": tid, "row": row, "column": column, "value": v.parsed.value, "raw": v.raw,
        "page": v.line.page, "line": v.line.no, "bbox": bbox, "label": label,
        "uncertain": v.uncertain, "repair": v.note,
    })
    # (Table.add looks the place up itself: made first, the cell of a row printed twice is
    # made for nothing, but every other cell's place is looked up once, not twice)
    if not doc.tables[tid].add(cell):
        # A row printed twice (repeated header pages, OCR duplicates): keep the first.
        doc.warnings.append(f"{tid} {row}/{column} printed twice (line {v.line.no}); kept the first")
        return None
    return cell


def _extract_summary(doc: Disclosure, tid: str, lines: list[Line]) -> None:
    n_exp = 1 if tid == "T01" else 4
    rows = summary.parse_rows(lines, n_exp, tid)
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
    if not tabbed:  # each column group's rows in order (groups known in column-keeping dumps)
        for g in dict.fromkeys(tr.group for tr in triples):
            settle_wrapped_names([tr for tr in triples if tr.group == g])
        notes, doubts, repeats = economic_drift.realign_groups(triples, footers, _t09_bounds(doc))
        doc.warnings.extend(notes)
        t._doubts.extend(doubts)
        t._unmodelled += repeats  # read, and known to repeat figures already placed
    for tr in triples:
        if tr.code is None:
            if tr.value is not None:
                doc.warnings.append(f"T06 line {tr.line.no}: value {tr.value.raw} with no code; skipped")
            continue
        t.row_labels.setdefault(tr.code, tr.name)
        if tr.value is not None:
            cell = _put(doc, "T06", tr.code, "决算数", tr.value, label=tr.name)
            if cell is not None and tr.uncertain:
                cell.uncertain, cell.repair = True, tr.note
            elif cell is not None and tr.note:
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


def _t09_bounds(doc: Disclosure) -> dict[str, realign.Reference]:
    """What the “三公” table says about T06's 30212 / 30217 / 30231 / 31013: each is part of
    T09's 决算数 for its item (X-T09-T06-floor), usually all of it. A T09 that read no 决算数
    says nothing; an item it leaves blank is 0."""
    t09 = doc.tables.get("T09")
    if t09 is None or not any(c.row == "决算数" for c in t09.cells):
        return {}
    return {code: realign.Reference(high=doc.value("T09", "决算数", col) or Decimal(0)) for col, code in T09_T06_FLOORS}


def _active_columns(doc: Disclosure, tid: str) -> list[str] | None:
    """Columns of a flat table that the 合计 row prints, from another table's evidence: T02's
    合计 row repeats T01's income items (relation X-T01-T02-income)."""
    if tid == "T02":
        total = TABLES["T02"].columns[0]
        implied_t02 = implied(DisclosureRows(doc), "X-T01-T02-income", "T02")
        src = {ref[2]: v for ref, v in implied_t02.items() if ref[1] == "合计" and ref[2] != total}
        # T01 is evidence only where its own income items add up to its 本年收入合计 (a T01
        # read in part would name too few columns)
        whole = implied_t02.get(("T02", "合计", total))
        if any(v for v in src.values()) and whole is not None \
                and abs(whole - sum((v for v in src.values() if v), Decimal(0))) <= tolerance(len(src)):
            return [c for c, v in src.items() if v]
    return None


def _hints(doc: Disclosure, tid: str, parts: list[tuple[tuple[str, str], Decimal]] | None = None,
           ) -> dict[tuple[str, str], Decimal]:
    """Values another table prints for the same code and column: T05 合计 基本支出 = T06 人员经费
    + 公用经费 (X-T05-T06-basic, when T06 prints both); fully fiscal-funded rows agree between
    T03 and T05 / T08 (the bounds X-T05-T03-bound, X-T08-T03-bound usually hold with equality).
    ``parts``: ``_fund_parts_of_t03`` when the caller has it."""
    view = DisclosureRows(doc)
    hints: dict[tuple[str, str], Decimal] = {}
    if tid == "T05" and all(doc.value("T06", t, "决算数") is not None for t in T06_TOTALS):
        v = implied(view, "X-T05-T06-basic", "T05").get(("T05", "合计", "基本支出"))
        if v is not None:
            hints[("合计", "基本支出")] = v
    if tid == "T03":
        for key, v in _fund_parts_of_t03(doc, view) if parts is None else parts:
            hints.setdefault(key, v)
    if tid == "T07":
        # T04's income side prints the fund's 本年收入 and 年初 as label rows of one amount each
        # (X-T04-T07): they settle the 合计 row, and through it (parent = Σ children) the rows.
        t04, fund = doc.tables["T04"], FUNDS[1]
        for row, col in ((fund, "本年收入"), ("年初" + fund, "年初结转和结余")):
            cell = t04.get(row, "金额")
            if cell is not None and not cell.uncertain:
                hints[("合计", col)] = cell.value
    return hints


# T03 columns whose per-code figures the fund tables print (X-T05-T03-bound, X-T08-T03-bound).
_T03_FUND_PARTS = (("X-T05-T03-bound", "T05"), ("X-T08-T03-bound", "T08"))


def _fund_parts_of_t03(doc: Disclosure, view: DisclosureRows) -> list[tuple[tuple[str, str], Decimal]]:
    """((row, column), figure) for each 基本支出 / 项目支出 cell a fund table read (T05, then T08)
    says is part of T03's same cell. A guessed placement confirms nothing: uncertain cells
    are left out."""
    out = []
    for rid, source in _T03_FUND_PARTS:
        for ref, v in implied(view, rid, "T03").items():
            if ref[2] not in ("基本支出", "项目支出") or v is None:
                continue
            cell = doc.cell(source, ref[1], ref[2])
            if cell is None or cell.uncertain:
                continue
            out.append(((ref[1], ref[2]), v))
    return out


def _bounds(doc: Disclosure, tid: str, parts: list[tuple[tuple[str, str], Decimal]] | None = None,
            ) -> dict[tuple[str, str], Decimal]:
    """Lower bounds on a flat table's cells from another table: each fund table's 基本支出 /
    项目支出 for a code is part of T03's (the relations' "≤"), so T03's cell is at least the
    largest of them. Unlike a hint (usually equal), a bound is an identity: it may confirm."""
    bounds: dict[tuple[str, str], Decimal] = {}
    if tid == "T03":
        for key, v in _fund_parts_of_t03(doc, DisclosureRows(doc)) if parts is None else parts:
            bounds[key] = max(bounds.get(key, v), v)
    return bounds


def _room(doc: Disclosure, tid: str) -> dict[tuple[str, str], Decimal]:
    """For T07 (read last): the most each code's 基本支出 / 项目支出 can hold — T03's figure
    (all the department's spending on the code) less what T05 and T08 spend on it. Only from
    rows T03 read with certainty; an upper bound, so a fund table read in part only widens it."""
    if tid != "T07":
        return {}
    t03 = doc.tables["T03"]
    rows: dict[str, list[Cell]] = {}
    for c in t03.cells:
        rows.setdefault(c.row, []).append(c)
    out: dict[tuple[str, str], Decimal] = {}
    for row, cells in rows.items():
        if any(c.uncertain for c in cells):
            continue
        for col in ("基本支出", "项目支出"):
            others = [doc.tables[o].get(row, col) for o in ("T05", "T08")]
            if any(c is not None and c.uncertain for c in others):
                continue
            total = t03.value(row, col) or Decimal(0)
            out[(row, col)] = total - sum((c.value for c in others if c is not None), Decimal(0))
    return out


def _place_t04_flat(doc: Disclosure) -> None:
    """T04's expenditure side in the flat layout prints only its non-empty fund columns, so
    the values after 合计 were placed in order. Re-place them where the fund tables say they
    belong: 一般公共预算 = T05 小计, 政府性基金 = T07 小计, 国有资本经营 = T08 合计."""
    from itertools import combinations

    t04 = doc.tables["T04"]
    funds, source = FUNDS, FUND_TABLES
    for row in [r for r in t04.rows() if t04.get(r, "合计") is not None]:
        placed = [c for f in funds if (c := t04.get(row, f)) is not None]
        if not placed or len(placed) == len(funds):
            continue
        fund_row = "合计" if not row.isdigit() else row
        best, best_score, tied = None, -1, []
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
                best, best_score, tied = combo, score, [combo]
            elif score == best_score:
                tied.append(combo)
        if best is None:
            continue
        for cell in placed:
            t04.remove(cell.row, cell.column)
        for j, (cell, fund) in enumerate(zip(placed, best)):
            update: dict = {"column": fund}
            if best_score <= 0 or len({c[j] for c in tied}) > 1:
                # no fund table confirms the column: a placement, not a reading
                update["uncertain"] = True
                update["repair"] = (cell.repair + "; " if cell.repair else "") + "空栏未印出：资金来源列未得到分表印证"
            t04.put(cell.model_copy(update=update))


def _prefer(tid: str) -> list[str] | None:
    # State-capital spending is almost always project spending; the last-resort guess says so.
    return ["项目支出", "基本支出"] if tid == "T08" else None


__all__ = ["extract_tables", "settle_declared_empty", "table_lines"]
