"""Tables keyed by 功能分类 code: T02, T03, T05, T07, T08."""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations

from juesuan.extract import columns as colsolve
from juesuan.extract.grid import header_positions, is_amount, is_lanci, lanci_positions
from juesuan.extract.records import FUNC_CODE_RE, Record, flat_records, parent_row, tabbed_records
from juesuan.extract.rowsplit import rebalance
from juesuan.glossary import TABLES
from juesuan.money import tolerance
from juesuan.read.types import Line
from juesuan.textnorm import norm

# Printed header variants → canonical column, per table.
_VARIANTS: dict[str, dict[str, str]] = {
    "T02": {"財政拨款收入": "财政拨款收入", "财政拨款": "财政拨款收入", "附属部门上缴收入": "附属单位上缴收入", "合计": "本年收入合计"},
    "T03": {"合计": "本年支出合计", "对附属单位补助": "对附属单位补助支出"},
    "T05": {"合计": "小计"},
    "T07": {"年初结转和结余": "年初结转和结余", "年末结转与结余": "年末结转和结余"},
    "T08": {"小计": "合计"},
}


def column_choices(tid: str) -> dict[str, str]:
    out = {norm(c): c for c in TABLES[tid].columns}
    for k, v in _VARIANTS.get(tid, {}).items():
        out[norm(k)] = v
    return out


def is_tabbed(lines: list[Line]) -> bool:
    content = [ln for ln in lines if ln.text.strip() and not ln.marker]
    if not content:
        return True
    tabbed = sum(1 for ln in content if len(ln.chunks) > 1 or ln.gridded)
    return tabbed >= 0.3 * len(content)


def value_positions(lines: list[Line], tid: str) -> tuple[dict[int, str], int]:
    """Chunk position → canonical column for a tabbed table, and the row width."""
    cols = list(TABLES[tid].columns)
    header_lines = [ln for ln in lines if ln.chunks and not any(is_amount(c.text) and "." in c.text for c in ln.chunks)][:12]
    pos = header_positions(header_lines, column_choices(tid), cutoff=85)
    lanci = next((ln for ln in lines if is_lanci(ln)), None)
    width = max((len(ln.chunks) for ln in lines), default=0)
    if lanci is not None:
        lp = lanci_positions(lanci)
        if len(lp) == len(cols):
            # The 栏次 row says where the value columns are; readable headers name them,
            # the form's column order names the rest.
            named = {p: c for p, c in pos.items() if p in lp}
            unused = [c for c in cols if c not in named.values()]
            for p in lp:
                if p not in named and unused:
                    named[p] = unused.pop(0)
            pos = named
        elif lp:
            pos = {p: c for p, c in pos.items() if p in lp} or dict(zip(lp, cols))
    pos = {p: c for p, c in pos.items() if p >= 1}
    if not pos:
        # no readable header: value columns are the last len(cols) positions
        pos = {width - len(cols) + i: c for i, c in enumerate(cols)} if width >= len(cols) + 1 else {}
    return dict(sorted(pos.items())), max(width, (max(pos) + 1) if pos else 0)


def read_records(lines: list[Line], tid: str) -> tuple[list[Record], bool]:
    if is_tabbed(lines):
        pos, width = value_positions(lines, tid)
        recs = tabbed_records(lines, pos, FUNC_CODE_RE, width)
        if tid != "T07" and is_flow_layout(lines):
            # the 年初/本年收入/年末 columns the canonical table does not keep: read, not lost
            for rec in recs:
                rec.dropped += sum(1 for j, c in enumerate(rec.line.chunks)
                                   if j >= 1 and j not in pos and is_amount(c.text))
        return recs, True
    records = flat_records(lines, FUNC_CODE_RE)
    if tid != "T07" and not is_flow_layout(lines):  # a flow table has no total-first column
        rebalance(records)
    return records, False


def place_flat(
    records: list[Record],
    tid: str,
    active: list[str] | None,
    hints: dict[tuple[str, str], Decimal],
    prefer: list[str] | None = None,
    flow: bool = False,
    bounds: dict[tuple[str, str], Decimal] | None = None,
    room: dict[tuple[str, str], Decimal] | None = None,
) -> None:
    """Give every compact value its column (flat layout). ``flow``: the table is printed with
    年初/收入/支出/年末 columns (see ``place_flow``, which takes ``room``). ``bounds``: lower
    bounds per (row, column) from another table (``columns.assign``)."""
    cols = list(TABLES[tid].columns)
    if tid == "T07" or flow:
        place_flow(records, None if tid == "T07" else {"小计": cols[0], "基本支出": cols[1], "项目支出": cols[2]},
                   room=room, hints=hints)
        return
    total_col, others = cols[0], cols[1:]
    res = colsolve.assign(records, total_col, others, active=active, hints=hints, prefer=prefer, bounds=bounds)
    guessed = any(r.total and i in res.uncertain for i, r in enumerate(records))
    for i, rec in enumerate(records):
        for v, c in zip(rec.values, res.columns.get(i, [])):
            v.column = c
            if i in res.uncertain or (guessed and c != total_col):
                # a column no identity settled, or one placed under columns the 合计 row was
                # only guessed to print (no other table told them)
                v.uncertain = True
                v.note = "空栏未印出：该数值所在列" + ("由惯常列序推定" if guessed else "无法由勾稽关系确定")
        if i in res.uncertain:
            rec.code_note = (rec.code_note + "; " if rec.code_note else "") + res.notes.get(i, "column uncertain")


FLOW_COLUMNS = TABLES["T07"].columns  # 年初结转和结余, 本年收入, 小计, 基本支出, 项目支出, 年末结转和结余
# When the identities leave a choice: fund money is mostly income spent on projects.
_USUAL_FLOW = ("本年收入", "小计", "项目支出", "基本支出", "年初结转和结余", "年末结转和结余")


def is_flow_layout(lines: list[Line]) -> bool:
    """A fund table printed with 年初/本年收入/本年支出/年末 columns (T07 everywhere; T08 in
    Shanghai's 收入支出决算表)."""
    head = norm("".join(ln.text for ln in lines[:12]))
    return "本年收入" in head and "年末结转" in head


def _usualness(cols: tuple[str, ...], values: list[Decimal]) -> tuple[int, int]:
    """How usual a placement is (lower: more): first where its non-zero amounts go — a
    printed zero is as likely in any column, so it must not pull an amount into a less usual
    one ('0 2.80 2.80 2.80 0': 年初 0 … 项目 2.80, 年末 0, not 基本 2.80, 项目 0) — then all."""
    return (sum(_USUAL_FLOW.index(c) for c, v in zip(cols, values) if v != 0),
            sum(_USUAL_FLOW.index(c) for c in cols))


def _flow_score(cols: tuple[str, ...], values: list[Decimal]) -> tuple[int, int]:
    """(failing, −holding) row identities: 小计 = 基本 + 项目; 年末 = 年初 + 收入 − 小计."""
    v = dict(zip(cols, values))
    g = lambda c: v.get(c, Decimal(0))  # noqa: E731 - an empty cell is 0
    checks = []
    if any(c in v for c in ("小计", "基本支出", "项目支出")):
        checks.append(abs(g("小计") - g("基本支出") - g("项目支出")) <= tolerance(2))
    checks.append(abs(g("年末结转和结余") - g("年初结转和结余") - g("本年收入") + g("小计")) <= tolerance(3))
    return checks.count(False), -checks.count(True)


def _parents_top_down(records: list[Record]) -> list[str]:
    keys = [k for k in (r.key for r in records) if k is not None]
    return sorted(keys, key=lambda k: (k != "合计", len(k), k))


def _solve_siblings(records: list[Record], parent: str, options: dict[int, list[tuple[str, ...]]]) -> None:
    from itertools import product

    pk = next((k for k, r in enumerate(records) if r.key == parent), None)
    kids = [k for k, r in enumerate(records) if parent_row(r.key) == parent and k in options]
    if pk is None or pk not in options or not kids or all(len(options[k]) == 1 for k in kids):
        return
    pvals = [dict(zip(o, (v.parsed.value for v in records[pk].values))) for o in options[pk]]
    cols = [c for c in FLOW_COLUMNS if len({pv.get(c) for pv in pvals}) == 1]  # settled in the parent
    n = 1
    for k in kids:
        n *= len(options[k])
    if n > 20000 or not cols:
        return
    best: list[tuple[tuple[str, ...], ...]] = []
    top = -1
    for combo in product(*(options[k] for k in kids)):
        sums = dict.fromkeys(cols, Decimal(0))
        for k, o in zip(kids, combo):
            for c, v in zip(o, records[k].values):
                if c in sums:
                    sums[c] += v.parsed.value
        score = sum(1 for c in cols if abs(pvals[0].get(c, Decimal(0)) - sums[c]) <= tolerance(len(kids)))
        if score > top:
            top, best = score, [combo]
        elif score == top:
            best.append(combo)
    for j, k in enumerate(kids):
        kept = [o for o in options[k] if any(b[j] == o for b in best)]
        if kept:
            options[k] = kept
            for v, c in zip(records[k].values, kept[0]):
                v.column = c


# Header cells as a text tool may set them level with a row ('合计 0 2002.80 合计 基本支出 项目支出 0':
# the 本年支出 sub-headers printed among the 合计 row's amounts, where its own cells are empty).
_FLOW_WORDS = {norm(c): c for c in FLOW_COLUMNS} | {"合计": "小计"}


def _printed_headers(word: str) -> list[str] | None:
    """The flow columns a run of header words names, in order ('合计基本支出项目支出' → 小计,
    基本支出, 项目支出); None unless the whole text is header words."""
    out: list[str] = []
    rest = norm(word)
    while rest:
        hit = next((w for w in sorted(_FLOW_WORDS, key=len, reverse=True) if rest.startswith(w)), None)
        if hit is None:
            return None
        out.append(_FLOW_WORDS[hit])
        rest = rest[len(hit):]
    return out


def _keeps_slots(cols: tuple[str, ...], rec: Record) -> bool:
    """Does a placement respect the header words printed among the row's amounts? A header
    word after the k-th amount stands in its own column's place: that column is empty, the
    amounts before it are in columns to its left, the ones after it to its right."""
    for k, word in rec.between:
        for h in _printed_headers(word) or []:
            at = FLOW_COLUMNS.index(h)
            if h in cols or any(FLOW_COLUMNS.index(c) > at for c in cols[:k]) \
                    or any(FLOW_COLUMNS.index(c) < at for c in cols[k:]):
                return False
    return True


def _within_room(cols: tuple[str, ...], rec: Record, room: dict[tuple[str, str], Decimal]) -> bool:
    """Does no value exceed what the sibling tables leave for its code and column (``room``:
    T03's 基本/项目 of the code less the other fund tables' — a fund table's spending is part
    of the department's)?"""
    key = rec.key
    for c, v in zip(cols, rec.values):
        limit = room.get((key or "", c))
        if limit is not None and v.parsed.value > limit + tolerance(3):
            return False
    return True


def _agrees(cols: tuple[str, ...], rec: Record, hints: dict[tuple[str, str], Decimal]) -> bool:
    """Does a placement give every hinted cell of the row its figure (a column left out is
    an empty cell: it agrees only with a hint of zero)?"""
    got = dict(zip(cols, (v.parsed.value for v in rec.values)))
    return all(abs(got.get(c, Decimal(0)) - want) <= tolerance(1)
               for (row, c), want in hints.items() if row == rec.key)


def place_flow(records: list[Record], keep: dict[str, str] | None = None,
               room: dict[tuple[str, str], Decimal] | None = None,
               hints: dict[tuple[str, str], Decimal] | None = None) -> None:
    """Columns of compact rows in a 年初/收入/支出/年末 table: the order-keeping placement
    under which the row's identities hold; where several do, the most usual columns, and
    the values whose column differs between them are marked uncertain. Header words printed
    among a row's amounts hold their columns' places; ``room`` (row, column) → the most a
    cell can hold, by the sibling tables, rules out placements that exceed it, and ``hints``
    (row, column) → the figure another table prints for the cell keep the ones that agree
    (each only when some placement is left). ``keep``
    renames the columns the canonical table has and drops the others (Shanghai T08 →
    合计/基本/项目)."""
    options: dict[int, list[tuple[str, ...]]] = {}
    for i, rec in enumerate(records):
        vals = [v.parsed.value for v in rec.values]
        if not vals or len(vals) > len(FLOW_COLUMNS):
            continue
        cands = [c for c in combinations(FLOW_COLUMNS, len(vals)) if _keeps_slots(c, rec)] \
            or list(combinations(FLOW_COLUMNS, len(vals)))
        if room:
            cands = [c for c in cands if _within_room(c, rec, room)] or cands
        if hints:
            cands = [c for c in cands if _agrees(c, rec, hints)] or cands
        scored = sorted((_flow_score(c, vals), _usualness(c, vals), c) for c in cands)
        options[i] = [c for sc, _, c in scored if sc == scored[0][0]]  # most usual first
        for v, col in zip(rec.values, options[i][0]):
            v.column = col
    # Rows the row identities leave open: the hierarchy (parent = Σ children per column).
    # Rows the row identities leave open: the hierarchy, siblings jointly under their parent
    # (parent = Σ children, per column the parent has settled), top-down.
    for parent in _parents_top_down(records):
        _solve_siblings(records, parent, options)
    for i, opts in options.items():
        if _keeps_slots(opts[0], records[i]):
            records[i].covered = [h for _, w in records[i].between for h in _printed_headers(w) or []]
        for j, v in enumerate(records[i].values):
            if len({o[j] for o in opts}) > 1:
                v.uncertain = True
                v.note = "空栏未印出：该数值所在列无法由勾稽关系确定"
    for rec in records:
        if keep is not None:
            gone = [v for v in rec.values if v.column not in keep]
            rec.dropped += sum(1 for v in gone if not v.uncertain)
            rec.unsure_dropped += sum(1 for v in gone if v.uncertain)  # maybe a kept column's: not read
            rec.values = [v for v in rec.values if v.column in keep]
            for v in rec.values:
                v.column = keep[v.column or ""]
            rec.covered = [keep[c] for c in rec.covered if c in keep]
