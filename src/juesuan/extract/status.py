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
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from juesuan.extract.grid import is_note
from juesuan.extract.records import flat_tokens
from juesuan.model import Disclosure, Table
from juesuan.money import tolerance
from juesuan.read.types import Line
from juesuan.repair.identities import Identity, identities

_AMOUNT_TOKEN_RE = re.compile(r"^-?\d{1,3}(?:,\d{3})*\.\d{2}$|^-?\d+\.\d{2}$")
# Below these, a few failing identities or unread figures are the document's own errors or
# stray numbers (a date, a page total), not a failed reading.
BULK_SHARE = Decimal("0.2")
MIN_FAILING = 3
UNREAD_SHARE = Decimal("0.2")
UNCERTAIN_SHARE = Decimal("0.3")


def printed_amounts(lines: list[Line]) -> int:
    """Amounts (with two decimals) printed in a table region, whatever the layout."""
    n = 0
    for ln in lines:
        if ln.marker or is_note(ln.text):
            continue
        toks = [c.text.strip() for c in ln.chunks] if len(ln.chunks) > 1 else flat_tokens(ln)
        n += sum(1 for t in toks if _AMOUNT_TOKEN_RE.match(t.replace(" ", "")))
    return n


def identity_failures(doc: Disclosure, tid: str, idents: list[Identity] | None = None) -> tuple[int, int]:
    """(failing, checkable) identities within table ``tid``. An identity is checkable when its
    total and at least one part are read; an unprinted part counts as 0. ``idents``: the
    document's identities, when the caller has them (they are the same for every table)."""
    cells = {c.key: c.value for c in doc.tables[tid].cells}
    failing = checkable = 0
    for ident in identities(doc) if idents is None else idents:
        if ident.total[0] != tid or any(k[0] != tid for k in ident.parts) or ident.total not in cells:
            continue
        present = [cells[k] for k in ident.parts if k in cells]
        if not present:
            continue
        checkable += 1
        if abs(cells[ident.total] - sum(present, Decimal(0))) > tolerance(len(present)):
            failing += 1
    return failing, checkable


Status = Literal["read", "partial", "unreadable"]


def judge(doc: Disclosure, t: Table, lines: list[Line], idents: list[Identity] | None = None) -> tuple[Status, str | None]:
    """The status and reason of one located table."""
    printed = printed_amounts(lines)
    if not t.cells:
        if t.declared_empty:
            return "read", None
        if printed:
            return "unreadable", f"已定位表格，表内印有 {printed} 个数值，但未能读出任何单元格（版式未能识别）"
        return "unreadable", "已定位表格，但表内没有读到任何数值，也没有“本表无数据”一类的说明"
    reasons = []
    status: Status = "read"
    failing, checkable = identity_failures(doc, t.id, idents)
    if failing >= MIN_FAILING and failing >= BULK_SHARE * checkable:
        status = "partial"
        reasons.append(f"表内勾稽关系 {checkable} 项中有 {failing} 项不成立，读取可能有误")
    unread = printed - len(t.cells)
    if printed and unread > max(Decimal(2), UNREAD_SHARE * printed):
        status = "partial"
        reasons.append(f"表内印有 {printed} 个数值，只读出 {len(t.cells)} 个")
    uncertain = sum(1 for c in t.cells if c.uncertain and not c.repaired)
    if uncertain > max(Decimal(2), UNCERTAIN_SHARE * len(t.cells)):
        status = "partial"
        reasons.append(f"{uncertain} 个数值所在的列无法由勾稽关系确定")
    return status, "；".join(reasons) or None


def set_status(doc: Disclosure, region_lines: dict[str, list[Line]]) -> None:
    """Give every located table its status and add a reading warning for each that is not
    read in full."""
    idents = identities(doc)  # expanding the relations is the costly part: once, not per table
    for tid, lines in region_lines.items():
        t = doc.tables[tid]
        t.status, t.status_reason = judge(doc, t, lines, idents)
        if t.status != "read":
            what = "无法读取" if t.status == "unreadable" else "仅部分读取"
            doc.warnings.append(f"{tid} {t.title or tid}：{what}。{t.status_reason}")


__all__ = ["judge", "set_status", "printed_amounts", "identity_failures"]
