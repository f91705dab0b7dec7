"""T09 财政拨款“三公”经费支出决算表, in either of its printed shapes:

* horizontal — one data row, 预算数 columns 1–6 then 决算数 columns 7–12 (合计, 因公出国（境）费,
  公务用车购置及运行费 小计, 公务用车购置费, 公务用车运行维护费, 公务接待费);
* vertical — one row per item (合计, 1、因公出国（境）费, …) with 预算数 and 决算数 columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan.extract.grid import (
    header_positions,
    is_amount,
    is_lanci,
    is_note,
    lanci_positions,
    match_label,
    strip_enum,
)
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


@dataclass
class OtherItems:
    """Expenses some provinces print in the “三公” table beside its six items (会议费、培训费 in
    Shaanxi's 一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表; 机关运行经费 in Yunnan's):
    not part of the table's model, so not read; ``printed`` counts the figures under them, and
    ``unplaced`` says the standard items could not be told from them (no cell is then read)."""
    names: list[str] = field(default_factory=list)
    printed: int = 0
    unplaced: bool = False


def read_sangong(lines: list[Line], others: OtherItems | None = None) -> tuple[str, list[tuple[str, str, Value]]]:
    """Return (layout, [(row 预算数/决算数, item, value)]). Values whose place only the
    identities could settle come back with ``Value.uncertain`` set. Items beyond the six are
    described in ``others`` (when given)."""
    others = others if others is not None else OtherItems()
    others.names = other_items(lines)
    lanci = next((ln for ln in lines if is_lanci(ln)), None)
    numeric_only = [ln for ln in lines if ln.chunks and _all_numeric(ln)]
    horizontal = (lanci is not None and len(lanci_positions(lanci)) >= 10) or \
        (numeric_only and _width(numeric_only[0]) >= 10) or _pairs_header(lines) is not None
    if others.names and _is_flat(lines) and (horizontal or _flat_compact(lines) is not None):
        # figures in order with no positions: which are the six items' cannot be told
        others.unplaced = True
        return "horizontal", []
    flat = _flat_compact(lines)
    if flat is not None:
        return flat
    if horizontal:
        return "horizontal", _horizontal(lines, lanci, others)
    return "vertical", _vertical(lines, others)


def other_items(lines: list[Line]) -> list[str]:
    """Names of expenses printed in the table that are none of its six items (a header cell or
    row name ending in 费 that names no “三公” item and is no piece of one's name wrapped over
    lines, such as 维护费 or (境)费)."""
    out: list[str] = []
    for ln in lines:
        if ln.marker or is_note(ln.text):
            continue
        # words as printed (flat_tokens would join a header's names across their spaces)
        cells = [c.text for c in ln.chunks] if len(ln.chunks) > 1 else ln.text.split()
        for c in cells:
            t = strip_enum(norm(c))
            if (3 <= len(t) <= 12 and t.endswith("费") and "三公" not in t and not is_amount(t)
                    and not any(t in name for name in ITEM_CHOICES)  # a piece of a wrapped item name
                    and match_label(t, ITEM_CHOICES, cutoff=80) is None and t not in out):
                out.append(t)
    return out


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


def _horizontal(lines: list[Line], lanci: Line | None, others: OtherItems) -> list[tuple[str, str, Value]]:
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
        others.printed += sum(1 for p, ch in enumerate(ln.chunks) if p not in pairs and is_amount(ch.text) and ch.text.strip())
        return out
    cells = [c.text for c in ln.chunks] if tabbed else flat_tokens(ln)
    chunks = list(ln.chunks) if tabbed else [None] * len(cells)
    positions = lanci_positions(lanci) if lanci is not None and tabbed else list(range(len(cells)))
    header = [h for h in lines if h is not ln and h is not lanci and not _all_numeric(h)]
    named = header_positions(header, ITEM_CHOICES, cutoff=85) if tabbed else {}
    half = len(positions) // 2 if len(positions) >= 12 else 6
    if others.names:
        # a header cell's position is its column's only where empty cells keep their place
        # (tab text, a grid); in space text they are dropped and positions shift
        kept = [h for h in header if len(h.chunks) == len(ln.chunks) or any(not c.text.strip() for c in h.chunks)]
        named = header_positions(kept, ITEM_CHOICES, cutoff=85) if tabbed else {}
    if others.names and not named:
        others.unplaced = True  # the six items' columns cannot be told from the others'
        return out
    for k, p in enumerate(positions[: 2 * half]):
        if p >= len(cells) or not cells[p].strip():
            continue
        row = "预算数" if k < half else "决算数"
        if others.names:  # only columns headed by one of the six items are theirs
            if p not in named:
                others.printed += is_amount(cells[p])
                continue
            item = named[p]
        else:
            item = named.get(p) or HORIZONTAL_ORDER[k % half] if half == 6 else HORIZONTAL_ORDER[k % 6]
        v = make_value(cells[p], ln, chunks[p])
        if v is not None:
            out.append((row, item, v))
    return out


def _vertical(lines: list[Line], others: OtherItems) -> list[tuple[str, str, Value]]:
    out: list[tuple[str, str, Value]] = []
    cols = ["预算数", "决算数"]
    header = next((ln for ln in lines if "预算数" in norm(ln.text) and "决算数" in norm(ln.text)), None)
    if header is not None and len(header.chunks) > 1:
        pos = {i: c for i, ch in enumerate(header.chunks) for c in cols if norm(ch.text) == c}
        if norm(header.chunks[0].text).startswith("决算"):
            cols = ["决算数", "预算数"]
    else:
        pos = {}
        if header is not None and norm(header.text).index("决算数") < norm(header.text).index("预算数"):
            cols = ["决算数", "预算数"]  # a flat header line printing 决算数 first
    partial: list[tuple[str, list[Value]]] = []  # items printing fewer values than columns
    pending = ""  # an item name wrapped over lines, its values not printed yet (flat layout)
    taken: set[int] = set()  # lines read as the tail of the name above them
    for k, ln in enumerate(lines):
        if ln.marker or is_note(ln.text) or ln is header or k in taken:
            pending = "" if k not in taken else pending
            continue
        tabbed = len(ln.chunks) > 1
        cells = [c.text for c in ln.chunks] if tabbed else flat_tokens(ln)
        label = "".join(c for c in cells if c.strip() and not is_amount(c))
        if not tabbed:
            if not any(is_amount(c) for c in cells):
                pending = _wrapped_item(pending, label)
                continue
            label, pending = _join_wrapped(pending, label), ""
            # a tool may set the values between a name's two lines ('2、公务用车购置' /
            # '54.77 46.65' / '及运行费'): the name ends on the next line
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            if nxt is not None and not _complete_item(label) and not nxt.marker and len(nxt.chunks) <= 1:
                rest = "".join(t for t in flat_tokens(nxt) if not is_amount(t))
                if rest and rest == "".join(flat_tokens(nxt)) and _complete_item(label + rest):
                    label = label + rest
                    taken.add(k + 1)
        if not label:
            continue
        m = match_label(label, ITEM_CHOICES, cutoff=80)
        if m is None:
            if strip_enum(norm(label)) in others.names:
                others.printed += sum(1 for c in cells if c.strip() and is_amount(c))
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
            made = [v for t, ch in zip(vals, chunks) if (v := make_value(t, ln, ch)) is not None]
            if len(made) >= len(cols):
                out.extend((col, m.key, v) for col, v in zip(cols, made))
            elif made:
                partial.append((m.key, made))
    if partial:
        out.extend(_place_partial_rows(out, partial, cols))
    return out


def _item_prefix(text: str) -> str:
    return strip_enum(text)


def _complete_item(text: str) -> bool:
    return _item_prefix(text) in ITEM_CHOICES


def _could_start(text: str) -> bool:
    s = _item_prefix(text)
    return bool(s) and any(k.startswith(s) for k in ITEM_CHOICES)


def _wrapped_item(pending: str, label: str) -> str:
    """The item name still waiting for its values after a line of name text only: a name
    wrapped over lines ('1、因公出国（境' / '）费') grows while it can still become an item's
    name; a complete name with no values (both cells empty, dropped) gives way to the next."""
    if pending and not _complete_item(pending) and _could_start(pending + label):
        return pending + label
    return label if _could_start(label) else ""


def _join_wrapped(pending: str, label: str) -> str:
    """The name of a line that prints values, with the part of it wrapped onto the lines above."""
    if not pending:
        return label
    if not label:
        return pending
    if not _complete_item(pending) and (_complete_item(pending + label) or _could_start(pending + label)):
        return pending + label
    return label


# --------------------------------------------------------------------------- flat, compact

_ROWS = ("预算数", "决算数")
# Items by how often a department spends on them (公务接待 and the car's running costs are
# common, going abroad and buying a car rare): the last resort among placements the
# identities cannot tell apart — the cells stay marked uncertain.
_USUAL = ("合计", "公务接待费", "公务用车购置及运行费", "公务用车运行维护费", "因公出国（境）费", "公务用车购置费")


def _is_flat(lines: list[Line]) -> bool:
    content = [ln for ln in lines if ln.text.strip() and not ln.marker]
    return bool(content) and not any(len(ln.chunks) > 1 or ln.gridded for ln in content)


def _flat_compact(lines: list[Line]) -> tuple[str, list[tuple[str, str, Value]]] | None:
    """T09 as PDF text tools print it: no positions, empty cells dropped. The header's order of
    预算数/决算数 words tells the slots — one block ×6 then the other (horizontal blocks, also
    when each is printed once as a band), or the two alternating under each item (pairs) — and the printed values are placed in
    those slots, in order, where the table's identities hold (合计 = 出国 + 车 + 接待,
    车 = 购置 + 运行). Vertical lists (one item a line) are left to ``_vertical``."""
    if not _is_flat(lines):
        return None
    # header words only: notes and prose below the table mention 预算数/决算数 too
    words = [w for ln in lines if not is_note(ln.text) and not re.search("[，。；,]", ln.text)
             for w in re.findall("预算数|决算数", norm(ln.text))]
    data = [ln for ln in lines if _all_numeric(ln)]
    if len(words) < 2 or not data or any(match_label(_label_of(ln), ITEM_CHOICES, cutoff=80) for ln in lines
                                         if _label_of(ln) and not _all_numeric(ln) and _has_amount(ln)):
        return None
    rows = (words[0], "决算数" if words[0] == "预算数" else "预算数")  # either may be printed first
    if len(words) >= 4 and words[0] != words[1]:
        layout, slots = "pairs", [(r, i) for i in HORIZONTAL_ORDER for r in rows]
    else:
        layout, slots = "horizontal", [(r, i) for r in rows for i in HORIZONTAL_ORDER]
    values = [v for ln in data for t in flat_tokens(ln) if (v := make_value(t, ln)) is not None]
    placed = place_by_identities(values, slots)
    return layout, placed


def _label_of(ln: Line) -> str:
    return "".join(t for t in flat_tokens(ln) if not is_amount(t))


def _has_amount(ln: Line) -> bool:
    return any(is_amount(t) and "." in t for t in flat_tokens(ln))


def _holds(cells: dict[tuple[str, str], Value]) -> tuple[int, int]:
    """(identities holding, identities failing) over T09's four relations."""
    from decimal import Decimal

    from juesuan.money import tolerance

    ok = bad = 0
    for row in _ROWS:
        for total, parts in (("合计", ("因公出国（境）费", "公务用车购置及运行费", "公务接待费")),
                             ("公务用车购置及运行费", ("公务用车购置费", "公务用车运行维护费"))):
            keys = [(row, total), *((row, p) for p in parts)]
            if not any(k in cells for k in keys):
                continue
            tot = cells[(row, total)].parsed.value if (row, total) in cells else Decimal(0)
            got = [cells[(row, p)].parsed.value for p in parts if (row, p) in cells]
            if abs(tot - sum(got, Decimal(0))) <= tolerance(max(len(got), 1)):
                ok += 1
            else:
                bad += 1
    return ok, bad


def place_by_identities(values: list[Value], slots: list[tuple[str, str]]) -> list[tuple[str, str, Value]]:
    """Place values printed in order into ordered slots (empty cells dropped): all printed →
    one each; fewer → the order-keeping placement under which the identities hold; when
    several do, the one using the most usual items (then the leftmost) is kept and its values
    are marked uncertain."""
    from itertools import combinations

    if len(values) > len(slots):
        values = values[: len(slots)]
    if len(values) == len(slots):
        return [(r, i, v) for (r, i), v in zip(slots, values)]
    best: list[tuple[tuple[int, int, int], tuple[int, ...]]] = []
    for combo in combinations(range(len(slots)), len(values)):
        cells = {slots[k]: v for k, v in zip(combo, values)}
        ok, bad = _holds(cells)
        best.append(((bad, -ok, sum(_USUAL.index(slots[k][1]) for k in combo)), combo))
    best.sort(key=lambda x: x[0])
    top = best[0]
    tied = [b for b in best if b[0][:2] == top[0][:2]]
    out = []
    for j, (k, v) in enumerate(zip(top[1], values)):
        if len({b[1][j] for b in tied}) > 1 or top[0][0] > 0:
            v.uncertain = True
            v.note = "三公经费表空栏未印出：该数值所在栏由勾稽关系推定，仍有其他可能" if top[0][0] == 0 else \
                "三公经费表空栏未印出：没有一种排列能使勾稽关系成立，按印出顺序放置"
        out.append((*slots[k], v))
    return out


def _place_partial_rows(full: list[tuple[str, str, Value]], partial: list[tuple[str, list[Value]]],
                        cols: list[str]) -> list[tuple[str, str, Value]]:
    """Vertical-list items that print one value of two (the empty cell dropped): the column is
    the one under which the identities hold, with the rows printed in full; if several
    columns do, the first is kept and marked uncertain."""
    from itertools import combinations, product

    base = {(r, i): v for r, i, v in full}
    options = [list(combinations(cols, len(vals))) for _, vals in partial]
    scored = []
    for choice in product(*options):
        cells = dict(base)
        for (item, vals), cs in zip(partial, choice):
            cells.update({(c, item): v for c, v in zip(cs, vals)})
        ok, bad = _holds(cells)
        scored.append(((bad, -ok), choice))
    scored.sort(key=lambda x: x[0])
    top = scored[0]
    out = []
    for k, ((item, vals), cs) in enumerate(zip(partial, top[1])):
        alternatives = {s[1][k] for s in scored if s[0] == top[0]}
        for c, v in zip(cs, vals):
            if len(alternatives) > 1 or top[0][0] > 0:
                v.uncertain = True
                v.note = "三公经费表此项只印出一个数值：所在栏无法由勾稽关系确定"
            out.append((c, item, v))
    return out
