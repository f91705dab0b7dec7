"""T09 财政拨款“三公”经费支出决算表, in either of its printed shapes:

* horizontal — one data row, 预算数 columns 1–6 then 决算数 columns 7–12 (合计, 因公出国（境）费,
  公务用车购置及运行费 小计, 公务用车购置费, 公务用车运行维护费, 公务接待费);
* vertical — one row per item (合计, 1、因公出国（境）费, …) with 预算数 and 决算数 columns.
"""

from __future__ import annotations

from juesuan.extract.grid import header_positions, is_amount, is_lanci, is_note, lanci_positions, match_label
from juesuan.extract.records import Value, flat_tokens, make_value
from juesuan.glossary import T09_ITEMS
from juesuan.read.types import Line
from juesuan.textnorm import norm

# Column order of the horizontal form within each half.
HORIZONTAL_ORDER = ("合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费", "公务用车运行维护费", "公务接待费")
ITEM_CHOICES = {norm(i): i for i in T09_ITEMS} | {
    "小计": "公务用车购置及运行费",
    "公务用车购置及运行维护费": "公务用车购置及运行费",
    "因公出国(境)费用": "因公出国（境）费",
    "公务用车运行费": "公务用车运行维护费",
}


def read_sangong(lines: list[Line]) -> tuple[str, list[tuple[str, str, Value]]]:
    """Return (layout, [(row 预算数/决算数, item, value)])."""
    lanci = next((ln for ln in lines if is_lanci(ln)), None)
    numeric_only = [ln for ln in lines if ln.chunks and _all_numeric(ln)]
    if (lanci is not None and len(lanci_positions(lanci)) >= 10) or (numeric_only and _width(numeric_only[0]) >= 10) \
            or _pairs_header(lines):
        return "horizontal", _horizontal(lines, lanci)
    return "vertical", _vertical(lines)


def _width(ln: Line) -> int:
    return len(ln.chunks) if len(ln.chunks) > 1 else len(flat_tokens(ln))


def _all_numeric(ln: Line) -> bool:
    cells = [c.text for c in ln.chunks if c.text.strip()] if len(ln.chunks) > 1 else flat_tokens(ln)
    return bool(cells) and all(is_amount(c) for c in cells) and any("." in c for c in cells)


def _pairs_header(lines: list[Line]) -> dict[int, tuple[str, str]] | None:
    """Forms that print 预算数 | 决算数 under each item (item-major): position → (row, item),
    the item taken from the nearest item header at or left of the position (merged cells)."""
    rows_line = next((ln for ln in lines if len(ln.chunks) > 3
                      and sum(norm(c.text) in ("预算数", "决算数") for c in ln.chunks) >= 4), None)
    if rows_line is None:
        return None
    out: dict[int, tuple[str, str]] = {}
    item_lines = [ln for ln in lines if ln is not rows_line and len(ln.chunks) > 3 and not _all_numeric(ln)]
    for p, ch in enumerate(rows_line.chunks):
        row = norm(ch.text)
        if row not in ("预算数", "决算数"):
            continue
        item = None
        for ln in item_lines:  # deeper header lines refine the item (小计 / 购置费 / 运行费)
            for q in range(min(p, len(ln.chunks) - 1), -1, -1):
                t = norm(ln.chunks[q].text)
                if t:
                    m = match_label(t, ITEM_CHOICES, cutoff=80)
                    if m is not None and (q == p or q == p - 1):
                        item = m.key
                    break
        if item is not None:
            out[p] = (row, item)
    return out or None


def _horizontal(lines: list[Line], lanci: Line | None) -> list[tuple[str, str, Value]]:
    out: list[tuple[str, str, Value]] = []
    data = [ln for ln in lines if _all_numeric(ln) and ln is not lanci]
    if not data:
        return out
    ln = data[0]
    tabbed = len(ln.chunks) > 1
    pairs = _pairs_header(lines) if tabbed else None
    if pairs:
        for p, (row, item) in pairs.items():
            if p < len(ln.chunks) and ln.chunks[p].text.strip():
                v = make_value(ln.chunks[p].text, ln, ln.chunks[p])
                if v is not None:
                    out.append((row, item, v))
        return out
    cells = [c.text for c in ln.chunks] if tabbed else flat_tokens(ln)
    chunks = list(ln.chunks) if tabbed else [None] * len(cells)
    positions = lanci_positions(lanci) if lanci is not None and tabbed else list(range(len(cells)))
    header = [h for h in lines if h is not ln and h is not lanci and not _all_numeric(h)]
    named = header_positions(header, ITEM_CHOICES, cutoff=85) if tabbed else {}
    half = len(positions) // 2 if len(positions) >= 12 else 6
    for k, p in enumerate(positions[: 2 * half]):
        if p >= len(cells) or not cells[p].strip():
            continue
        row = "预算数" if k < half else "决算数"
        item = named.get(p) or HORIZONTAL_ORDER[k % half] if half == 6 else HORIZONTAL_ORDER[k % 6]
        v = make_value(cells[p], ln, chunks[p])
        if v is not None:
            out.append((row, item, v))
    return out


def _vertical(lines: list[Line]) -> list[tuple[str, str, Value]]:
    out: list[tuple[str, str, Value]] = []
    cols = ["预算数", "决算数"]
    header = next((ln for ln in lines if "预算数" in norm(ln.text) and "决算数" in norm(ln.text)), None)
    if header is not None and len(header.chunks) > 1:
        pos = {i: c for i, ch in enumerate(header.chunks) for c in cols if norm(ch.text) == c}
        if norm(header.chunks[0].text).startswith("决算"):
            cols = ["决算数", "预算数"]
    else:
        pos = {}
    for ln in lines:
        if ln.marker or is_note(ln.text) or ln is header:
            continue
        tabbed = len(ln.chunks) > 1
        cells = [c.text for c in ln.chunks] if tabbed else flat_tokens(ln)
        label = "".join(c for c in cells if c.strip() and not is_amount(c))
        if not label:
            continue
        m = match_label(label, ITEM_CHOICES, cutoff=80)
        if m is None:
            continue
        if tabbed and pos:
            for p, col in pos.items():
                if p < len(cells) and cells[p].strip():
                    v = make_value(cells[p], ln, ln.chunks[p])
                    if v is not None:
                        out.append((col, m.key, v))
        else:
            vals = [c for c in cells if is_amount(c) and c.strip()]
            chunks = [ch for ch in ln.chunks if is_amount(ch.text) and ch.text.strip()] if tabbed else [None] * len(vals)
            for col, t, ch in zip(cols, vals, chunks):
                v = make_value(t, ln, ch)
                if v is not None:
                    out.append((col, m.key, v))
    return out
