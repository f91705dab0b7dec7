"""Tables keyed by 功能分类 code: T02, T03, T05, T07, T08."""

from __future__ import annotations

from decimal import Decimal

from juesuan.extract import columns as colsolve
from juesuan.extract.grid import header_positions, is_amount, is_lanci, lanci_positions
from juesuan.extract.records import FUNC_CODE_RE, Record, flat_records, tabbed_records
from juesuan.extract.rowsplit import rebalance
from juesuan.glossary import TABLES
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
        return tabbed_records(lines, pos, FUNC_CODE_RE, width), True
    records = flat_records(lines, FUNC_CODE_RE)
    if tid != "T07":  # T07 has no total-first column
        rebalance(records)
    return records, False


def place_flat(
    records: list[Record],
    tid: str,
    active: list[str] | None,
    hints: dict[tuple[str, str], Decimal],
    prefer: list[str] | None = None,
) -> None:
    """Give every compact value its column (flat layout)."""
    cols = list(TABLES[tid].columns)
    if tid == "T07":
        _place_t07(records)
        return
    total_col, others = cols[0], cols[1:]
    res = colsolve.assign(records, total_col, others, active=active, hints=hints, prefer=prefer)
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


def _place_t07(records: list[Record]) -> None:
    # T07 has no single total-first column; with all six printed, order decides; otherwise
    # 本年收入/小计/项目 (the usual non-empty ones) in that order, marked uncertain.
    cols = list(TABLES["T07"].columns)
    for rec in records:
        if len(rec.values) == len(cols):
            for v, c in zip(rec.values, cols):
                v.column = c
        else:
            usual = ["本年收入", "小计", "项目支出", "基本支出", "年初结转和结余", "年末结转和结余"]
            for v, c in zip(rec.values, usual):
                v.column = c
            rec.code_note = (rec.code_note + "; " if rec.code_note else "") + "column uncertain (values dropped in print)"
