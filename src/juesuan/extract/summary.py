"""The two-sided summary tables: T01 收入支出决算总表 and T04 财政拨款收入支出决算总表.

Each printed row holds an income item and an expenditure item side by side, each followed by
its 行次 (row number) and amount(s). The 行次 is the anchor: a small integer without a
decimal point. Rows are identified by their labels (the printed numbering and order vary,
and one seed prints half the table upside down), never by position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan import lazy
from juesuan.extract.grid import is_amount, is_lanci, is_note, match_label, strip_enum
from juesuan.extract.records import Value, flat_tokens, make_value
from juesuan.glossary import (
    FUNCTIONAL_CLASSES,
    T01_INCOME_ROWS,
    T04_EXPENDITURE_COLUMNS,
    T04_INCOME_ROWS,
)
from juesuan.read.types import Chunk, Line
from juesuan.textnorm import norm

_HANGCI_RE = lazy.pattern(r"^\d{1,2}$")

T01_INCOME_CHOICES = {norm(r): r for r in T01_INCOME_ROWS} | {
    "总计": "收入总计",
    "使用非财政拨款结余(含专用结余)": "使用非财政拨款结余",
    "上年结转和结余": "年初结转和结余",
    "年初结转与结余": "年初结转和结余",
}
_EXP_COMMON = {norm(name): code for code, name in FUNCTIONAL_CLASSES} | {
    "本年支出合计": "本年支出合计",
    "总计": "支出总计",
}
T01_EXP_CHOICES = _EXP_COMMON | {
    "结余分配": "结余分配",
    "年末结转和结余": "年末结转和结余",
    "年末结转与结余": "年末结转和结余",
}
T04_INCOME_CHOICES = {norm(r): r for r in T04_INCOME_ROWS[:5]} | {
    "总计": "收入总计",
    "国有资本经营财政拨款": "国有资本经营预算财政拨款",
    "一般公共预算财政拨款收入": "一般公共预算财政拨款",
    "政府性基金预算财政拨款收入": "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款收入": "国有资本经营预算财政拨款",
    "年初财政拨款结转与结余": "年初财政拨款结转和结余",
}
T04_EXP_CHOICES = _EXP_COMMON | {
    "年末财政拨款结转和结余": "年末财政拨款结转和结余",
    "年末财政拨款结转与结余": "年末财政拨款结转和结余",
}


def side_choices(tid: str) -> tuple[dict[str, str], dict[str, str]]:
    """(income, expenditure) labels a summary table's sides may carry, normalised → canonical."""
    return (T01_INCOME_CHOICES, T01_EXP_CHOICES) if tid == "T01" else (T04_INCOME_CHOICES, T04_EXP_CHOICES)


_FUND_SUBROW = {
    "一般公共预算财政拨款": "年初一般公共预算财政拨款",
    "政府性基金预算财政拨款": "年初政府性基金预算财政拨款",
    "国有资本经营预算财政拨款": "年初国有资本经营预算财政拨款",
}


@dataclass
class Side:
    label: str
    hangci: int | None
    values: list[Value | None] = field(default_factory=list)  # None = printed empty


@dataclass
class SummaryRow:
    line: Line
    sides: list[Side]


def _tokens(ln: Line) -> list[tuple[str, Chunk | None]]:
    if len(ln.chunks) > 1 or ln.gridded:
        return [(c.text.strip(), c) for c in ln.chunks]
    return [(t, None) for t in flat_tokens(ln)]


def _label_positions(lines: list[Line]) -> list[int]:
    """Positions of the two 项目 columns in a gridded header (forms printed without 行次)."""
    for ln in lines:
        if len(ln.chunks) > 1:
            pos = [i for i, c in enumerate(ln.chunks) if norm(c.text) == "项目"]
            if len(pos) >= 2:
                return pos[:2]
    return []


def _sides_by_position(ln: Line, label_pos: list[int], n_exp_values: int) -> list[Side]:
    chunks = ln.chunks
    sides = []
    bounds = [(label_pos[0], label_pos[1]), (label_pos[1], len(chunks))]
    for k, (a, b) in enumerate(bounds):
        if a >= len(chunks):
            continue
        want = 1 if k == 0 else n_exp_values
        vals: list[Value | None] = []
        for ch in chunks[a + 1 : b][:want]:
            vals.append(make_value(ch.text, ln, ch) if ch.text.strip() and is_amount(ch.text) else None)
        sides.append(Side(label=norm(chunks[a].text), hangci=None, values=vals))
    return sides


def parse_rows(lines: list[Line], n_exp_values: int, tid: str = "T01") -> list[SummaryRow]:
    """Walk each line's tokens: label…, 行次, amount(s) — then the other side. Forms printed
    without a 行次 column are read by the positions of their two 项目 header cells, or — as
    text, with no positions — as a stream of labels each followed by its amounts."""
    rows = _parse_hangci_rows(lines, n_exp_values, tid)
    if not any(sd.values for r in rows for sd in r.sides):
        # Amounts on a line of their own sit below their labels (pdfplumber) or above them
        # (pdftotext -layout): read both ways, keep the reading the identities agree with.
        shared: list[list[tuple[Side, Side, list[Value]]]] = [[], []]
        readings = [parse_label_stream(lines, tid, above, shared[above]) for above in (False, True)]
        best = max((0, 1), key=lambda k: _agreement(readings[k], tid))
        stream = readings[best]
        _settle_shared(stream, shared[best], tid)
        if any(sd.values for r in stream for sd in r.sides):
            return stream
    return rows


def _settle_shared(rows: list[SummaryRow], shared: list[tuple[Side, Side, list[Value]]], tid: str) -> None:
    """Amounts printed on a line of their own under two labels, fewer than the labels: each
    was put under the later label; the identities say whether the earlier one's they are.
    Where they cannot tell, the amounts stay marked uncertain."""
    for first, later, values in shared:
        here = _agreement(rows, tid)
        later.values = [v for v in later.values if not any(v is w for w in values)]
        first.values.extend(values)
        moved = _agreement(rows, tid)
        if moved[0] < here[0] or (moved[0] == here[0] and not _only_unvalued_item(rows, first, tid)):
            first.values = [v for v in first.values if not any(v is w for w in values)]
            later.values.extend(values)
        if moved[0] != here[0]:
            for v in values:
                v.uncertain, v.note = False, ""
        elif first.values:
            for v in values:
                v.note = "两栏各印一个数值时无法确定所属栏：收入栏其余各项均印有数值，推定属收入栏"


def _only_unvalued_item(rows: list[SummaryRow], side: Side, tid: str) -> bool:
    """Is ``side`` a numbered income item, and the only one of the reading without an amount?
    The form prints every income item's amount (0.00 when nothing came in), while expenditure
    classes without spending may stay blank: where the identities cannot tell, an amount a
    wrapped income label and a wrapped expenditure label share is the income item's."""
    income, exp = side_choices(tid)

    def is_income(sd: Side) -> bool:  # a numbered income item (一、… 八、), not 使用结余 / 年初
        return strip_enum(sd.label) != sd.label and strip_enum(sd.label) in income and strip_enum(sd.label) not in exp

    items = [sd for r in rows for sd in r.sides if is_income(sd)]
    return is_income(side) and len(items) > 2 and all(sd.values for sd in items if sd is not side)


def _agreement(rows: list[SummaryRow], tid: str) -> tuple[int, int]:
    """(identities holding − failing, cells) for a candidate reading of T01/T04."""
    from juesuan.extract.status import identity_failures
    from juesuan.glossary import TABLE_IDS
    from juesuan.model import Cell, Disclosure, Table

    doc = Disclosure(tables={t: Table(id=t) for t in TABLE_IDS})
    t = doc.tables[tid]
    for key, vals, _label, _line, _inc in identify(rows, tid):
        for col, v in vals:
            if t.get(key, col) is None:
                t.put(Cell(table=tid, row=key, column=col, value=v.parsed.value))
    failing, checkable = identity_failures(doc, tid)
    return checkable - 2 * failing, len(t.cells)


def _parse_hangci_rows(lines: list[Line], n_exp_values: int, tid: str = "T01") -> list[SummaryRow]:
    rows: list[SummaryRow] = []
    label_pos = _label_positions(lines)
    inc_choices, exp_choices = side_choices(tid)
    totals = 0  # sides labelled 总计 so far
    carry: list[str] = []  # a flat label wrapped over lines before its 行次 ('一、一般公共预算' / '财政拨款收入')
    known = _known_labels(tid)
    used: set[int] = set()  # label lines taken as the tails of the row above
    for k, ln in enumerate(lines):
        if k in used:
            continue
        if ln.marker or is_lanci(ln) or not ln.text.strip():
            carry = []
            continue
        if is_note(ln.text) and not re.search(r"\t\d{1,2}\t", ln.text):
            continue
        toks = _tokens(ln)
        tabbed = any(c is not None for _, c in toks)
        if label_pos and tabbed and not any(_HANGCI_RE.match(norm(t)) for t, _ in toks):
            sides = _sides_by_position(ln, label_pos, n_exp_values)
            if any(sd.label for sd in sides):
                rows.append(SummaryRow(ln, sides))
            continue
        if not tabbed and not any(_HANGCI_RE.match(norm(t)) or is_amount(t) for t, _ in toks):
            n = norm(ln.text)
            carry = [] if any(w in n for w in ("项目", "行次", "决算数", "金额")) else carry + [n]
            continue
        sides: list[Side] = []
        label: list[str] = [] if tabbed else carry
        head = "".join(carry)
        carry = []
        i = 0
        while i < len(toks):
            t, ch = toks[i]
            tt = norm(t)
            # (a side printed blank is followed by the other side's higher 行次: '11 42 9,177.53')
            if _HANGCI_RE.match(tt) and (label or tabbed or not sides or sides[-1].values
                                         or (sides[-1].hangci is not None and int(tt) > sides[-1].hangci)):
                side = Side(label="".join(label), hangci=int(tt))
                label = []
                i += 1
                # an expenditure side printed alone (wrapped rows; 收入 block then 支出 block):
                # it has all its fund columns, and the second 总计 is the expenditure one
                totals += strip_enum(side.label) == "总计"
                exp_alone = not sides and (_looks_expenditure(side.label, exp_choices, inc_choices)
                                           or (strip_enum(side.label) == "总计" and totals > 1)
                                           or (not tabbed and 1 < n_exp_values == _amounts_to_end(toks, i)))
                want = n_exp_values if sides or exp_alone else 1
                while i < len(toks) and len(side.values) < want:
                    t2, ch2 = toks[i]
                    if tabbed and not t2.strip():
                        side.values.append(None)
                        i += 1
                        continue
                    if _is_flat_amount(t2) or (tabbed and is_amount(t2)):
                        side.values.append(make_value(t2, ln, ch2))
                        i += 1
                        continue
                    break
                sides.append(side)
                continue
            if tt and not (is_amount(tt) and not label):
                label.append(tt)
            i += 1
        if sides and not tabbed and any(strip_enum(sd.label) not in known for sd in sides if sd.label):
            tail_at = _tail_line(lines, k)
            tail = norm(lines[tail_at].text) if tail_at is not None else ""
            # two sides: the first is the income item, the second the expenditure one
            allowed = [set(inc_choices), set(exp_choices)] if len(sides) == 2 else [known] * len(sides)
            if _complete_sides(sides, head, tail, allowed) and tail_at is not None:
                used.add(tail_at)
        if sides:
            rows.append(SummaryRow(ln, sides))
        if label and not tabbed:
            # label text and no 行次 yet: the rest of the label (and its 行次) follows on the
            # next line — also after a side read in full ('八、其他收入 8 14.65 八、社会保障和就'
            # / '业支出 39 1,107.44')
            carry = label
    return rows


def _is_flat_amount(tok: str) -> bool:
    """A printed amount in flat text (a bare integer is a 行次, not an amount)."""
    return is_amount(tok) and ("." in tok or "," in tok or norm(tok) in ("-", "—"))


def _amounts_to_end(toks: list[tuple[str, Chunk | None]], i: int) -> int:
    """How many amounts follow position ``i`` when nothing else does to the end of the line
    (-1 otherwise): a 行次 followed by every fund column and nothing more is an expenditure row
    printed alone, whatever its label — also when the label is wrapped around the line
    ('八、社会保障和就' / '17 3,772.32 3,772.32 - -' / '业支出'), so not yet known."""
    rest = [t for t, _ in toks[i:]]
    return len(rest) if rest and all(_is_flat_amount(t) for t in rest) else -1


def _tail_line(lines: list[Line], k: int) -> int | None:
    """The index of the label-only line right after line k (no 行次, no amount), if any."""
    j = k + 1
    if j >= len(lines) or lines[j].marker or is_lanci(lines[j]) or is_note(lines[j].text):
        return None
    toks = flat_tokens(lines[j])
    if not toks or any(_HANGCI_RE.match(norm(t)) or is_amount(t) for t in toks):
        return None
    return j


def _splits(text: str, n: int) -> list[list[str]]:
    """Every way to cut ``text`` into ``n`` consecutive (possibly empty) parts."""
    if n == 1:
        return [[text]]
    return [[text[:i], *rest] for i in range(len(text) + 1) for rest in _splits(text[i:], n - 1)]


def _complete_sides(sides: list[Side], head: str, tail: str, allowed: list[set[str]]) -> bool:
    """Two-line labels as PDF text tools print them around a 行次 line: the heads of both
    sides' labels on the line above, their tails on the line below ('一、一般公共预算 一、一般
    公共服务' / '1 8,765.30 32' / '财政拨款收入 支出'). Share the head and tail text out over
    the sides, in order, so that every label is one the glossary knows for its side (``allowed``; a side may stay
    empty); first without the tail. Returns whether the tail was used; nothing changes when
    no sharing completes the labels."""
    own = [sd.label for sd in sides]
    if head and own[0].startswith(head):
        own[0] = own[0][len(head):]  # the first side took the head while it was read
    for use_tail in (False, True) if tail else (False,):
        for hs in _splits(head, len(sides)):
            for ts in _splits(tail if use_tail else "", len(sides)):
                labels = [h + o + t for h, o, t in zip(hs, own, ts)]
                if all(not lab or strip_enum(lab) in ok for lab, ok in zip(labels, allowed)) and any(labels):
                    for sd, lab in zip(sides, labels):
                        sd.label = lab
                    return use_tail
    return False


# A printed item number (一、 … 二十六、) starts a new label, also when the text tool glued two
# labels of one printed row together ("八、其他收入八、社会保障和就业支出").
_ENUM_START_RE = lazy.pattern(r"(?<![一二三四五六七八九十])(?=[一二三四五六七八九十]{1,3}、)")


def _known_labels(tid: str) -> set[str]:
    inc, exp = side_choices(tid)
    return set(inc) | set(exp)


def _split_known(piece: str, known: set[str]) -> list[str]:
    """'本年收入合计本年支出合计' → two known labels, also two labels' first parts when the
    whole could not begin any; a piece that is not a concatenation of known labels (a wrapped
    fragment, a name not in the glossary) stays whole."""
    if strip_enum(piece) in known:
        return [piece]

    def starts(t: str) -> bool:
        head = strip_enum(t)
        return any(x.startswith(head) for x in known)

    # the heads of two wrapped labels side by side ('年初财政拨款结转年末财政拨款结转')
    heads = not starts(piece)
    for k in range(2, len(piece) - 1):
        left, right = piece[:k], piece[k:]
        whole_left = strip_enum(left) in known or (heads and len(strip_enum(left)) >= 3 and starts(left))
        if whole_left and (strip_enum(right) in known or starts(right)):
            return [left, *_split_known(right, known)]
    return [piece]


def parse_label_stream(lines: list[Line], tid: str, above: bool = False,
                       shared: list[tuple[Side, Side, list[Value]]] | None = None) -> list[SummaryRow]:
    """Two-sided rows as PDF text tools print them: space-separated, no 行次, no positions —
    income label, its amount, expenditure label, its amount(s) on one line; empty cells
    dropped; a long label wrapped onto the next line. Each label takes the amounts that
    follow it; a fragment that completes an unfinished label joins it. Some tools put a
    row's amounts on a line of their own below its labels: they are shared out over those
    labels (one each when the counts agree; T04's income side has one amount column); with
    ``above``, an amounts-only line followed by unvalued labels belongs to those labels.
    Each label becomes a one-sided row; ``identify`` tells its side from the glossary."""
    known = _known_labels(tid)
    rows: list[SummaryRow] = []
    last: Side | None = None
    bare: list[Side] = []  # labels of the previous line, all still without amounts
    waiting: list[Value] = []  # amounts printed on the line above their labels
    heads: list[Side] = []  # the last labels still unfinished (their tails may follow)
    income, known_exp = side_choices(tid)
    prev_sides: list[Side] = []  # the labels of the previous line
    content = [ln for ln in lines if not (ln.marker or is_lanci(ln) or is_note(ln.text) or not ln.text.strip())]
    for k, ln in enumerate(content):
        toks = flat_tokens(ln)
        amounts = [t for t in toks if _is_printed_amount(t)]
        values_only = bool(amounts) and len(amounts) == len(toks)
        if heads and toks and not amounts and not any(_HANGCI_RE.match(norm(t)) for t in toks) \
                and not all(strip_enum(p) in known for p in _ENUM_START_RE.split(norm("".join(toks))) if p):
            # the tails of two-line labels, printed below the line of their amounts
            if _complete_sides(heads, "", norm("".join(toks)), [known] * len(heads)):
                heads = []
                continue
        if values_only and len(bare) > 1:
            _share_out(bare, [v for t in amounts if (v := make_value(t, ln)) is not None], tid, shared)
            bare = []
            continue
        if values_only and above and _labels_wait_above(content, k):
            waiting = [v for t in amounts if (v := make_value(t, ln)) is not None]
            continue
        line_sides: list[Side] = []
        for tok in toks:
            if _is_printed_amount(tok):
                if last is not None and (v := make_value(tok, ln)) is not None:
                    # an income item has one amount: a second is the unfinished label's above it
                    # ('八、社会保障和就' / '八、其他收入 14.65 1,107.44' / '业支出')
                    spare = [sd for sd in prev_sides if not sd.values and sd is not last and sd in heads]
                    full = last.values and strip_enum(last.label) in income and strip_enum(last.label) not in known_exp
                    (spare[-1] if full and spare else last).values.append(v)
                continue
            if _HANGCI_RE.match(norm(tok)):
                continue
            for part in (p for p in _ENUM_START_RE.split(norm(tok)) if p):
                for piece in _split_known(part, known):
                    # (a tool may set the amount of a two-line label between its lines:
                    # '十一、城乡社区支' / '9,177.53' / '出' — the label is still completed)
                    if last is not None and strip_enum(last.label) not in known \
                            and _completes(last.label, piece, known):
                        last.label += piece
                        continue
                    last = Side(label=piece, hangci=None)
                    line_sides.append(last)
                    rows.append(SummaryRow(ln, [last]))
        if waiting and line_sides:
            _share_above(line_sides, waiting)
            waiting = []
        if line_sides or amounts:
            bare = line_sides if line_sides and not any(sd.values for sd in line_sides) else []
        heads = [sd for sd in heads + line_sides if strip_enum(sd.label) not in known][-2:]
        prev_sides = line_sides
    # The data start at the first numbered or valued label: labels before it are header
    # cells ("一般公共预算 | 财政拨款" over T04's fund columns), not rows.
    start = next((k for k, r in enumerate(rows) if r.sides[0].values or _ENUM_START_RE.match(r.sides[0].label)
                  and strip_enum(r.sides[0].label) != r.sides[0].label), len(rows))
    return [r for r in rows[start:] if strip_enum(r.sides[0].label) in known or r.sides[0].values]


def _is_printed_amount(tok: str) -> bool:
    return is_amount(tok) and ("." in tok or norm(tok) in ("-", "—"))


def _labels_wait_above(content: list[Line], k: int) -> bool:
    """Is the amounts-only line ``k`` printed above its labels (pdftotext -layout sets a value
    on a text line of its own above a label in a taller cell)? Possibly when the next line
    starts with a label and is not itself followed by amounts only; the identities decide."""
    if k + 1 >= len(content):
        return False
    nxt = flat_tokens(content[k + 1])
    if not nxt or _is_printed_amount(nxt[0]):
        return False
    if k + 2 < len(content):
        after = flat_tokens(content[k + 2])
        if after and all(_is_printed_amount(t) for t in after):
            return False
    return True


def _share_above(sides: list[Side], values: list[Value]) -> None:
    """Amounts from the line above go to that line's labels in reading order: each label
    before the last takes one; the last takes the rest, before its own amounts."""
    values = list(values)
    for sd in sides[:-1]:
        if not values:
            return
        if not sd.values:
            sd.values.append(values.pop(0))
    sides[-1].values[:0] = values


def _share_out(sides: list[Side], values: list[Value], tid: str,
               shared: list[tuple[Side, Side, list[Value]]] | None = None) -> None:
    """Amounts printed on their own line under a line of several labels."""
    if len(values) == len(sides):
        for sd, v in zip(sides, values):
            sd.values.append(v)
    elif tid == "T04" and len(sides) == 2 and len(values) > 2:
        sides[0].values.append(values[0])  # income side: one 金额 column
        sides[1].values.extend(values[1:])
    elif tid == "T04" and len(sides) == 2 and len(values) == 1:
        sides[0].values.append(values[0])  # an expenditure row prints 合计 and its funds
    else:
        sides[-1].values.extend(values)  # the usual reading order: they follow the last label
        if len(sides) > 1:
            for v in values:
                v.uncertain, v.note = True, "两栏各印一个数值时无法确定所属栏：按阅读顺序放在后一栏"
            if shared is not None:
                shared.append((sides[-2], sides[-1], values))


def _completes(label: str, piece: str, known: set[str]) -> bool:
    joined = strip_enum(label + piece)
    return joined in known or any(k.startswith(joined) for k in known)


def identify(rows: list[SummaryRow], tid: str):
    """Yield (row_key, [(column, Value)], label, line) for each side with a known label."""
    income_choices, exp_choices = side_choices(tid)
    exp_cols = ["金额"] if tid == "T01" else list(T04_EXPENDITURE_COLUMNS)
    seen_income: set[str] = set()
    for row in rows:
        for k, side in enumerate(row.sides[:2]):
            if not side.label:
                continue
            if len(row.sides) >= 2:
                is_income = k == 0
            else:
                is_income = not _looks_expenditure(side.label, exp_choices, income_choices)
                if is_income and "收入总计" in seen_income and strip_enum(side.label) in ("总计", "合计"):
                    is_income = False  # the second 总计 of a two-sided table is the expenditure one
            choices = income_choices if is_income else exp_choices
            m = match_label(side.label, choices)
            if m is None:
                continue
            key = m.key
            if tid == "T04" and is_income and key in _FUND_SUBROW:
                # The fund rows appear twice: as income (行次 1–3) and as the parts of
                # 年初财政拨款结转和结余 (行次 29–31). The 行次, else the second sighting, tells.
                if (side.hangci is not None and side.hangci > 20) or key in seen_income:
                    key = _FUND_SUBROW[key]
            seen_income.add(key)
            cols = ["金额"] if is_income else exp_cols
            vals = [(c, v) for c, v in zip(cols, side.values) if v is not None]
            yield key, vals, side.label, row.line, is_income


def _looks_expenditure(label: str, exp_choices: dict[str, str], income_choices: dict[str, str]) -> bool:
    s = strip_enum(label)
    if s in income_choices:
        return False
    return s in exp_choices and s not in ("总计",)

