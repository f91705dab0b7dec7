"""Knowing when a reading failed: each located table gets a status ("read", "partial",
"unreadable") and a reason in Chinese (model.Table contract), and a reading warning.

A misread table must never turn into a cascade of document "errors". Three signs, each
independent of the layout and of the input format:

* located but no cell read — the table is printed (and not declared empty) yet nothing came
  out; whether figures were printed in it tells a blank form from a failed reading;
* printed figures left unread — the region holds more amounts than became cells;
* the table's own identities (row sums, parent = Σ children) failing in bulk — a document
  with a few real errors fails a few, a misread one fails most;
and, weaker, many cells whose column no identity confirmed (``uncertain``).

One sign settles a whole source: a text tool that prints every cell on a line of its own and
emits a table column by column (pdftotext without -layout: the codes of all rows, then the
names, then each column's amounts, its runs cut where the tool saw blocks) does not say which
amount is whose. Its tables are placed by their identities where they can be
(``extract/blocks``: cells another placement could move are uncertain), kept where their own
identities confirm a row-by-row reading, and otherwise unreadable, their cells dropped rather
than shown as a guess (``column_blocks``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, NamedTuple

from juesuan import lazy
from juesuan.extract.blocks import TABLES_SOLVED, meter
from juesuan.extract.blocks import place as column_blocks_read
from juesuan.extract.blocks.cross import Bound, cross_bounds
from juesuan.extract.blocks.funds import TABLES_FUND
from juesuan.extract.blocks.sides import TABLES_SIDED
from juesuan.extract.grid import is_amount, is_note
from juesuan.extract.records import flat_tokens
from juesuan.glossary import TABLES
from juesuan.memo import memo
from juesuan.model import BLOCK_LAYOUT, Disclosure, Table
from juesuan.money import tolerance
from juesuan.pages import zh_unread
from juesuan.read.types import TEXT, Line
from juesuan.relations import Check
from juesuan.repair.identities import (
    DocumentIdentities,
    Identity,
    Key,
    by_table,
    identities,
    record_held,
    sum_gap,
    table_values,
)

_AMOUNT_TOKEN_RE = lazy.pattern(r"^-?\d{1,3}(?:,\d{3})*\.\d{2}$|^-?\d+\.\d{2}$")
# Below these, a few failing identities or unread figures are the document's own errors or
# stray numbers (a date, a page total), not a failed reading.
BULK_SHARE = Decimal("0.2")
MIN_FAILING = 3
UNREAD_SHARE = Decimal("0.2")
UNCERTAIN_SHARE = Decimal("0.3")
# A text of one cell a line: this share of a table's lines hold a single token; once one
# table of the source is seen printed column by column, the weaker share marks the others.
CELL_PER_LINE_SHARE = 0.9
CELL_PER_LINE_SHARE_IN_BLOCKS = 0.75
# Bare codes one after another, more than one printed row can hold (类 | 款 | 项 is three).
CODE_RUN = 4
_BARE_CODE_RE = lazy.pattern(r"^(?:[23]\d{2}(?:\d{2}){0,2}|\d{2})$")
# Most amounts one printed row shows one after another (T09's horizontal form: 预算数 and 决算数
# of six items); any other table: its value columns.
_ROW_AMOUNTS = {"T06": 3, "T09": 12}


def printed_amounts(lines: list[Line]) -> int:
    """Amounts (with two decimals) printed in a table region, whatever the layout."""
    n = 0
    for ln in lines:
        # (an amount has its point: a line split into tokens from its text holds none without
        # one in the text — splitting adds none — and is neither split nor asked whether it is
        # a note)
        flat = len(ln.chunks) <= 1
        if (flat and "." not in ln.text) or ln.marker or is_note(ln.text):
            continue
        toks = flat_tokens(ln) if flat else map(str.strip, map(TEXT, ln.chunks))
        n += sum(map(_is_amount_token, toks))
    return n


@memo(1 << 13)
def _is_amount_token(tok: str) -> bool:
    # (memoised: the tables print the same names, codes and figures again and again — 002's
    # regions print 2,148 tokens, 501 different ones, and 1,009 holding a point, 81 different
    # ones —, and asked through map, not a generator's frame)
    return "." in tok and _AMOUNT_TOKEN_RE.match(tok.replace(" ", "")) is not None


_DASHES = ("-", "—", "–")


def bare_zeros(lines: list[Line], bare_0: bool = False) -> int:
    """Zeros a cell-per-line text prints without decimals, a line each: a dash, or (``bare_0``:
    a fund table, whose Shanghai FY2025 form prints them so, extract/blocks/funds) a lone 0."""
    zeros = _DASHES + (("0",) if bare_0 else ())
    return sum(1 for ln in lines if not ln.marker and len(toks := flat_tokens(ln)) == 1 and toks[0] in zeros)


def identity_failures(doc: Disclosure, tid: str, own: list[Identity] | None = None) -> tuple[int, int]:
    """(failing, checkable) identities within table ``tid`` (``identity_verdicts``)."""
    v = identity_verdicts(doc, tid, own)
    return len(v.gaps), v.checkable


class IdentityVerdicts(NamedTuple):
    """What a table's own identities say of its printed values."""

    values: dict[Key, Decimal]  # the values they were judged over (repair.identities.table_values)
    gaps: list[tuple[Decimal, int]]  # each failing one's total less the sum of its parts, and the parts read
    checkable: int  # those whose total and at least one part are read
    held: dict[int, Check]  # by id, the checks of those that hold or none of whose cells is read


def identity_verdicts(doc: Disclosure, tid: str, own: list[Identity] | None = None) -> IdentityVerdicts:
    """The verdicts of the identities within table ``tid`` over its printed values. An
    unprinted part counts as 0. ``own``: the identities within ``tid``
    (``repair.identities.by_table``), when the caller has them."""
    t = doc.tables[tid]
    cells = table_values(t.cells)
    gaps: list[tuple[Decimal, int]] = []
    holding: dict[int, Check] = {}
    checkable = 0
    for ident in by_table(identities(doc)).get(tid, []) if own is None else own:
        total = cells.get(ident.total)
        if total is None:
            if ident.check is not None and not any(map(cells.__contains__, ident.parts)):
                holding[id(ident.check)] = ident.check  # (none of its cells printed: nothing to check)
            continue
        present = [v for v in map(cells.get, ident.parts) if v is not None]
        if not present:
            continue
        checkable += 1
        failing = sum_gap(total, present)
        if failing is not None:
            gaps.append((failing, len(present)))
        elif ident.check is not None:
            holding[id(ident.check)] = ident.check
    return IdentityVerdicts(cells, gaps, checkable, holding)


def skipped_explain(t: Table, gaps: list[tuple[Decimal, int]]) -> list[str]:
    """The rows skipped by the reader (``Table._skipped``) that a failing identity of the table
    points at: its total exceeds the sum of its parts by one of the row's figures (within the
    rounding of one more part). Such a row was part of the table — a figure lost in reading,
    not a misprint. A skipped row no failing identity points at (stray marks read as a row)
    leaves the table read."""
    return [what for what, figures in t._skipped
            if any(abs(gap - v) <= tolerance(n + 1) for gap, n in gaps for v in figures)]


def _content(lines: list[Line]) -> list[Line]:
    return [ln for ln in lines if _is_content(ln)]


def _is_content(ln: Line) -> bool:
    return bool(ln.text.strip()) and not ln.marker and not is_note(ln.text)


def cell_per_line(lines: list[Line], share: float = CELL_PER_LINE_SHARE) -> bool:
    """Does (nearly) every line of the region hold one cell (at least ``share`` of its content
    lines)?"""
    single = several = 0
    left = len(lines)  # lines not yet looked at: at most that many content lines to come
    for ln in lines:
        left -= 1
        if not _is_content(ln):
            continue
        if len(ln.chunks) <= 1 and not ln.gridded and len(flat_tokens(ln)) == 1:
            single += 1
        else:
            several += 1
            # Settled once even every line left holding one cell would not make the share (the
            # share only rises with single lines and falls with the others): a region printed
            # row by row, most of them, is known from its first lines instead of its last.
            if not _share_met(single + left, several, share):
                return False
    return single + several > 0 and _share_met(single, several, share)


def _share_met(single: int, several: int, share: float) -> bool:
    return single >= share * (single + several)


def column_blocks(tid: str, lines: list[Line]) -> bool:
    """A cell-per-line region printed column by column: a run of bare codes longer than one
    row's code, or of amounts longer than one row's values — which a text printed row by row
    never has."""
    if not cell_per_line(lines):
        return False
    longest = {"code": 0, "amount": 0}
    run = {"code": 0, "amount": 0}
    for ln in _content(lines):
        toks = flat_tokens(ln)
        tok = toks[0] if len(toks) == 1 else ""
        for kind, hit in (("code", bool(_BARE_CODE_RE.match(tok))), ("amount", is_amount(tok) and "." in tok)):
            run[kind] = run[kind] + 1 if hit else 0
            longest[kind] = max(longest[kind], run[kind])
    row_amounts = _ROW_AMOUNTS.get(tid, len(TABLES[tid].columns)) + 1
    return longest["code"] >= CODE_RUN or longest["amount"] > row_amounts


# passes of the cross-table placements over the column-block tables (each pass that settles a
# cell may let another table settle one)
CROSS_ROUNDS = 3
# placements a column-block table's reading by its own identities alone tries before it is put
# off until the other tables are placed (``_place_alone``). On the plain pdftotext dumps of the
# sample PDFs and two unseen ones, every table settled alone took 0–17,308; the three that took
# 100,000–313,000 ended with more than half to all of their figures uncertain, and the others' bounds
# then placed them for a fraction of that
ALONE_PLACEMENTS = 20_000
BLOCK_REASON = ("文本每个单元格各占一行，且各栏数值成块输出（如不带 -layout 的 pdftotext 所得文本），"
                "数值无法对应到行和栏；请改用原 PDF 或保留版式的文本（pdftotext -layout）")


# a column-block table some of whose figures another placement could put in other cells
CELL_PER_LINE_FAILING = ("文本每个单元格各占一行，空白单元格不留痕迹，表内勾稽关系 {checkable} 项中有 {failing} 项不成立："
                         "无法区分是原表错误还是数值对错了行或栏，未据此审核；请改用原 PDF 或保留版式的文本（pdftotext -layout）")
BLOCK_UNCERTAIN = "{n} 个数值所在的行或栏无法由勾稽关系确定（文本按列成块输出）"

Status = Literal["read", "partial", "unreadable"]
# a table that reaches a page the reader could not read (read.types.Source.unread_pages)
UNREAD_PAGES = "第 {pages} 页有未能读取的内容（{why}），本表可能缺少其中的行"
# a table not located in a document with pages the reader could not read: not known to be missing
NOT_FOUND_UNREAD = "未找到本表，但第 {pages} 页有未能读取的内容（{why}），本表可能印在其中"
# A table located with no figure printed in it and no statement that it has no data: printed
# blank (the document's defect) or not read (ours) — the only unreadable table whose blank a
# rule may still point out, as both (rules.narrative.ClaimBlank). Every other unreadable table
# is one the reader saw figures in and could not place: a reading failure, never a finding.
NO_FIGURES = "已定位表格，但表内没有读到任何数值，也没有“本表无数据”一类的说明"


def judge(doc: Disclosure, t: Table, lines: list[Line], own: list[Identity] | None = None) -> tuple[Status, str | None]:
    """The status and reason of one located table (``own``: its identities, ``by_table``).
    The verdicts of its identities are kept for the audit (``repair.identities.record_held``)."""
    printed = printed_amounts(lines)
    if not t.cells:
        if t.declared_empty:
            return "read", None
        if printed and t._doubts:  # the reader said why it placed nothing
            return "unreadable", "；".join(t._doubts)
        if printed:
            return "unreadable", f"已定位表格，表内印有 {printed} 个数值，但未能读出任何单元格（版式未能识别）"
        return "unreadable", NO_FIGURES
    reasons = []
    status: Status = "read"
    verdicts = identity_verdicts(doc, t.id, own)
    # the table's last judging is the one the audit sees: its identity rules need not check
    # again what held over the same values (repair.identities.held)
    record_held(doc, t, verdicts.values, verdicts.held)
    gaps, checkable = verdicts.gaps, verdicts.checkable
    failing = len(gaps)
    if failing >= MIN_FAILING and failing >= BULK_SHARE * checkable:
        status = "partial"
        reasons.append(f"表内勾稽关系 {checkable} 项中有 {failing} 项不成立，读取可能有误")
    elif failing and t.layout != BLOCK_LAYOUT and cell_per_line(lines, CELL_PER_LINE_SHARE_IN_BLOCKS):
        # one cell a line, read row by row: a blank cell leaves no trace, so a figure taken for
        # the wrong row or column and a misprint look the same; only identities that hold
        # confirm such a reading (a column-block placement is confirmed by its own search)
        status = "partial"
        reasons.append(CELL_PER_LINE_FAILING.format(failing=failing, checkable=checkable))
    unread = printed - len(t.cells) - t._unmodelled
    if printed and unread > max(Decimal(2), UNREAD_SHARE * printed):
        status = "partial"
        reasons.append(f"表内印有 {printed} 个数值，只读出 {len(t.cells)} 个")
    if t._doubts:  # the reader saw it could not place some printed figures
        status = "partial"
        reasons.extend(t._doubts)
    lost = skipped_explain(t, gaps)
    if lost:  # the identities that fail are missing exactly what a skipped row printed
        status = "partial"
        reasons.extend(lost)
    if t._covered:
        status = "partial"
        reasons.append(f"{'、'.join(t._covered)} 的位置印出的是表头文字，未读到数值")
    uncertain = sum(1 for c in t.cells if c.uncertain and not c.repaired)
    if uncertain > max(Decimal(2), UNCERTAIN_SHARE * len(t.cells)):
        status = "partial"
        reasons.append(f"{uncertain} 个数值所在的列无法由勾稽关系确定")
    return status, "；".join(reasons) or None


# A cell-per-line table in a source that printed another table column by column is kept only
# when its reading is confirmed: all its printed figures read, none uncertain, and at least this
# many of its own identities checkable, every one holding.
MIN_CONFIRMING = 3


def confirmed(doc: Disclosure, t: Table, lines: list[Line], own: list[Identity]) -> bool:
    """Is the table's reading confirmed by its own identities? (A table the tool printed row
    by row, one cell a line, in a source where another table came out in column blocks.)"""
    if not t.cells or column_blocks(t.id, lines):
        return False
    if printed_amounts(lines) + bare_zeros(lines, t.id in TABLES_FUND) != len(t.cells) + t._unmodelled:
        return False
    failing, checkable = identity_failures(doc, t.id, own)
    return failing == 0 and checkable >= MIN_CONFIRMING


def set_status(doc: Disclosure, region_lines: dict[str, list[Line]],
               doc_identities: DocumentIdentities | None = None,
               unread: dict[str, list[tuple[int, str]]] | None = None) -> None:
    """Give every located table its status and add a reading warning for each that is not
    read in full. When one table of the source was printed column by column, every
    cell-per-line table of it is unreadable (the same tool emitted them all) and keeps no
    cells or row names — a guess shown as a figure would be a misreading — unless its own
    identities confirm its reading (``confirmed``: it was printed row by row).
    ``doc_identities``: the build's (repair has expanded them for the same shape).
    ``unread``: by table, the pages it may reach whose content the reader could not read
    (and why): such a table may be missing rows, so it is read at most partly."""
    now = doc_identities or DocumentIdentities(doc)
    blocks = any(column_blocks(tid, lines) for tid, lines in region_lines.items())
    # each table's identities (by_table): the same for every table, until a table changes
    own: dict[str, list[Identity]] | None = None
    if blocks:
        own = now.by_table()
        kept = {tid for tid, lines in region_lines.items() if confirmed(doc, doc.tables[tid], lines, own.get(tid, []))}
    placed: list[str] = []
    failed: list[str] = []
    put_off: list[str] = []  # placed alone: put off until the others are placed (blocks.meter)
    for tid, lines in region_lines.items():
        t = doc.tables[tid]
        if blocks and tid not in kept and cell_per_line(lines, CELL_PER_LINE_SHARE_IN_BLOCKS) and not t.declared_empty:
            doc.repairs = [r for r in doc.repairs if r.table != tid]
            own = None
            if not t.cells and not printed_amounts(lines):
                # no figure a column-block print could have misplaced: blank, as judge says
                # (its row names, codes and names in blocks of their own, are not kept either)
                t.row_labels, t._ranges = {}, None
                t.status, t.status_reason = "unreadable", NO_FIGURES
                continue
            t.layout = BLOCK_LAYOUT
            t.cells, t.row_labels, t._ranges = [], {}, None
            t.status, t.status_reason = "unreadable", BLOCK_REASON
            # T01/T04 sum up the other tables: placed after them, with what they say of it
            if tid not in TABLES_SIDED and _place_alone(doc, t, lines, now, put_off):
                placed.append(tid)
            else:
                failed.append(tid)
        else:
            if own is None:
                own = now.by_table()
            t.status, t.status_reason = judge(doc, t, lines, own.get(tid, []))
            if t.status != "read" and (blocks or cell_per_line(lines, CELL_PER_LINE_SHARE_IN_BLOCKS)):
                # read one cell a line and not confirmed (judge): a figure taken for the wrong
                # row or column looks like a misprint; and in a source the tool printed column by
                # column it may have printed this table out of order too. None of its figures is
                # sure where it was put
                for c in t.cells:
                    c.uncertain = True
    # a column-block table its own identities left in doubt, or could not place: the other
    # tables, now judged, may tell its columns apart (cross-table identities,
    # extract/blocks/cross.py); a table settled so may settle another in turn (T03 places T01's
    # 类, T01 then T02's columns), until none does
    # so may a table kept from its row-by-row reading whose columns that reading left in doubt
    # (a row prints fewer figures than the form has columns): placed as column blocks — a
    # print row by row is one band a row — it replaces that reading when it settles more
    rowwise = [tid for tid in (kept if blocks else ()) if tid in TABLES_SOLVED and any(
        c.uncertain for c in doc.tables[tid].cells) and cell_per_line(region_lines[tid], CELL_PER_LINE_SHARE_IN_BLOCKS)]
    tried: dict[str, object] = {}  # the cross bounds each table was last placed with
    _cross_rounds(doc, region_lines, placed, failed, rowwise, tried, now, put_off)
    # the readings put off and still not placed: alone, in full, in the order they came; what
    # they settle may settle others in turn
    while put_off:
        tid = put_off.pop(0)
        if tid in failed and _place_blocks(doc, doc.tables[tid], region_lines[tid], False, now):
            failed.remove(tid)
            placed.append(tid)
            _cross_rounds(doc, region_lines, placed, failed, rowwise, tried, now, put_off)
    for tid, lost in (unread or {}).items():
        t = doc.tables[tid]
        if lost and t.cells:
            t.status = "partial"
            note = UNREAD_PAGES.format(**zh_unread(dict(lost)))
            t.status_reason = f"{t.status_reason}；{note}" if t.status_reason else note
    for tid in region_lines:
        t = doc.tables[tid]
        if t.status != "read":
            doc.warnings.append(_reading_warning(t))


def _cross_rounds(doc: Disclosure, region_lines: dict[str, list[Line]], placed: list[str], failed: list[str],
                  rowwise: list[str], tried: dict[str, object], now: DocumentIdentities, put_off: list[str]) -> None:
    """The column-block tables left in doubt (or not placed), placed again with what the other
    tables now say of them (``cross_bounds``), round after round while a round settles a cell.
    ``placed``, ``failed``, ``rowwise`` (see ``set_status``) and ``tried`` are updated; a table
    placed alone whose reading is put off again goes (back) to ``put_off``."""
    for _ in range(CROSS_ROUNDS):
        settled = False
        for tid in placed + failed + rowwise:
            t = doc.tables[tid]
            doubt = sum(c.uncertain for c in t.cells) if tid not in failed else len(region_lines[tid])
            bounds, first = cross_bounds(doc, tid), tid not in tried
            if not doubt or tried.get(tid) == bounds:
                continue
            tried[tid] = bounds
            if not bounds and not (first and tid in TABLES_SIDED):
                continue  # nothing new to place it with
            if tid in rowwise:
                if _replace_rowwise(doc, t, region_lines[tid], now, bounds):
                    rowwise.remove(tid)
                    placed.append(tid)
                    settled = True
            elif (_place_blocks(doc, t, region_lines[tid], True, now, bounds) if bounds
                  else _place_alone(doc, t, region_lines[tid], now, put_off)):
                if tid in failed:
                    failed.remove(tid)
                    placed.append(tid)
                settled = settled or sum(c.uncertain for c in t.cells) < doubt
        if not settled:
            break


def _place_blocks(doc: Disclosure, t: Table, lines: list[Line], cross: bool,
                  now: DocumentIdentities, known: dict[tuple[str, str], Bound] | None = None) -> bool:
    """Place a column-block table's cells (``extract/blocks``) and judge it; False, the table
    left as it was, when no placement is confirmed. ``known``: the cross bounds, when just
    computed."""
    if not column_blocks_read(t, lines, doc, cross=cross, known=known):
        return False
    _judge_placed(doc, t, lines, now)
    return True


def _place_alone(doc: Disclosure, t: Table, lines: list[Line], now: DocumentIdentities, put_off: list[str]) -> bool:
    """``_place_blocks`` by the table's own identities alone, put off (False, its id added to
    ``put_off``) once it has tried ``ALONE_PLACEMENTS`` placements: the other tables' bounds
    may then settle it for a fraction of that (``blocks.meter``)."""
    with meter.capped(ALONE_PLACEMENTS):
        try:
            return _place_blocks(doc, t, lines, False, now)
        except meter.PutOff:
            put_off.append(t.id)
            return False


def _judge_placed(doc: Disclosure, t: Table, lines: list[Line], now: DocumentIdentities) -> None:
    t.status, t.status_reason = judge(doc, t, lines, now.by_table().get(t.id, []))
    uncertain = sum(1 for c in t.cells if c.uncertain)
    if uncertain and t.status == "read":
        # a figure placed there may belong to another row altogether: the rules, which check
        # read tables only, would report the other row's difference as the document's
        t.status, t.status_reason = "partial", BLOCK_UNCERTAIN.format(n=uncertain)


def _replace_rowwise(doc: Disclosure, t: Table, lines: list[Line], now: DocumentIdentities,
                     known: dict[tuple[str, str], Bound] | None = None) -> bool:
    """Place a table read row by row, with uncertain columns, as column blocks with the other
    tables' bounds; keep that placement (False: the reading left as it was) only when it
    leaves fewer cells uncertain and puts every figure the reading was sure of where it was."""
    before = (t.cells, t.row_labels, t.layout, t.status, t.status_reason, t._ranges)
    doubt = sum(c.uncertain for c in t.cells)
    sure = {c.key: c.value for c in t.cells if not c.uncertain}
    # the rows are the reading's (each amount printed after its row's code and name)
    rows_of = {c.line: c.row for c in t.cells if c.line is not None}
    if column_blocks_read(t, lines, doc, cross=True, rows_of=rows_of, known=known) and sum(c.uncertain for c in t.cells) < doubt \
            and all(t.value(k[1], k[2]) == v for k, v in sure.items()):
        doc.repairs = [r for r in doc.repairs if r.table != t.id]  # they were of the other reading
        t.layout = BLOCK_LAYOUT
        _judge_placed(doc, t, lines, now)
        return True
    t.cells, t.row_labels, t.layout, t.status, t.status_reason, t._ranges = before
    return False


def _reading_warning(t: Table) -> str:
    what = "无法读取" if t.status == "unreadable" else "仅部分读取"
    # (a table not located has no printed title: its official one names it)
    return f"{t.id} {t.title or TABLES[t.id].title}：{what}。{t.status_reason}"


UNRECOGNISED_IN_SCAN = "目录列有此表，但扫描页中未能识别出此表（标题或表头可能识别有误），本表未读取"
UNRECOGNISED_AFTER_TITLE = ("第 {page} 页（第 {line} 行）印有此表标题，但其后未能识别出表格（文本工具可能打乱了表格单元格的顺序），"
                            "本表未读取；请改用原 PDF 或保留版式的文本（pdftotext -layout）")


def mark_unrecognised(doc: Disclosure, scanned: bool, titles: dict[str, Line]) -> None:
    """A table printed but not recognised, or perhaps printed where the reader could not read,
    is unreadable, not missing: its absence is never
    reported as the document's (C rules skip unread tables).

    ``titles``: tables whose title the body prints on a line of its own although no table was
    located under it (``locate.tables.stray_titles``) — a text tool that printed the form's cells
    out of order. In a scan, also a table the 目录 lists that the pages show nowhere: OCR can
    garble the title the locator needs (一 lost from 一般公共预算…). A text layer's titles are
    exact, so there a table neither located nor titled stays absent — unless a page of the
    document was not read (``Disclosure.unread_pages``: a picture without OCR, a page skipped,
    the time run out): the table may be printed there."""
    for tid, t in doc.tables.items():  # every table is in the model, located or not (extract_tables)
        if t.present or t.declared_empty:
            continue
        if tid in titles:
            ln = titles[tid]
            t.status, t.status_reason = "unreadable", UNRECOGNISED_AFTER_TITLE.format(page=ln.page or 1, line=ln.no)
        elif scanned and tid in doc.toc_tables:
            t.status, t.status_reason = "unreadable", UNRECOGNISED_IN_SCAN
        elif doc.unread_pages:  # it may be printed on a page the reader could not read
            t.status, t.status_reason = "unreadable", NOT_FOUND_UNREAD.format(**zh_unread(doc.unread_pages))
        else:
            continue
        doc.warnings.append(_reading_warning(t))


__all__ = ["judge", "set_status", "mark_unrecognised", "printed_amounts", "identity_failures", "identity_verdicts", "column_blocks",
           "cell_per_line"]
