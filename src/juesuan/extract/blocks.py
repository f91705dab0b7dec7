"""Code-keyed tables printed column by column, one cell a line (``pdftotext`` without
``-layout``): placed by the table's identities, or not at all.

Such a tool prints the 类 codes of all rows, then the 款/项 codes, then the names, then the
amounts — each column's amounts in row order, blank cells dropped — and cuts these runs into
blocks wherever the page's layout made it see one (a taller row, a page break), so that the
runs of several columns interleave. What is known: the rows (the names, resolved in the
catalogue along the 类 → 款 → 项 path and confirmed by the printed code parts), the columns (the
form's), and the order of the amounts. The amounts stream is a merge of one sequence per
column, each in row order with gaps for blank cells. A placement is accepted only when every
identity of the table holds — parent = Σ children in each column, 合计 row = Σ 类 rows, and the
row identity (first column = Σ the others) — and it is the only one that does within a search
budget; values that another accepted placement would put elsewhere are marked uncertain.
Anything else leaves the table unreadable (its reason says why), never a guess.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from juesuan import catalogue as cat
from juesuan.extract.grid import amount, is_amount, is_note
from juesuan.extract.records import Value, flat_tokens
from juesuan.glossary import TABLES
from juesuan.model import Cell, Table
from juesuan.money import tolerance
from juesuan.read.types import Line

# The tables this reader handles: functional-code rows whose first column is the sum of the
# others. T02 (7 columns) and T03 (6) fit the same model but their placements are not found
# within the budget on the sample PDFs' dumps (the search grows with the columns): they stay
# unreadable until the search is smarter. (T07/T08's 年初/收入/支出/年末 rows and T06's column
# groups are other shapes.)
TABLES_SOLVED = ("T05",)
SEARCH_BUDGET = 20_000  # placements tried per table before giving up (then: unreadable)
_CODE3_RE = re.compile(r"^[2-9]\d{2}$")
_CODE2_RE = re.compile(r"^\d{2}$")
_FULL_RE = re.compile(r"^[2-9]\d{2}(?:\d{2}){1,2}$")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
# an amount of these tables: two decimals, or a dash for zero (a bare integer is a code part)
_AMOUNT_RE = re.compile(r"^-?[\d,]*\d\.\d{2}$|^[-—–]$")
_MAX_WRAP = 3  # a name broken over at most this many lines


@dataclass
class Placed:
    row: str  # "合计" or a functional code
    column: str
    value: Value
    uncertain: bool


def _tokens(lines: list[Line]) -> list[tuple[str, Line]]:
    out: list[tuple[str, Line]] = []
    for ln in lines:
        if ln.marker or is_note(ln.text):
            continue
        out.extend((t, ln) for t in flat_tokens(ln))
    return out


def _resolve(name: str, path: list[str]) -> str | None:
    """The code of ``name`` read after the rows on ``path`` (the current 类, 款): a 项 of the
    current 款, a 款 of the current 类, or a 类."""
    for parent, level in ((path[1] if len(path) > 1 else None, "项"), (path[0] if path else None, "款"), (None, "类")):
        if level != "类" and parent is None:
            continue
        code = cat.code_for_name(name, "functional", parent=parent, level=level)
        if code is not None:
            return code
    return None


def rows_from_names(tokens: list[str]) -> list[tuple[str, str, int]] | None:
    """(code, name, token index) of each row, from the names in print order (a name wrapped
    over lines is joined when the pieces alone are not names); None when the codes printed do
    not confirm them."""
    rows: list[tuple[str, str, int]] = []
    path: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if not _CJK_RE.search(t) or t == "合计":
            i += 1
            continue
        found = None
        for k in range(1, _MAX_WRAP + 1):
            piece = tokens[i:i + k]
            if len(piece) < k or not all(_CJK_RE.search(p) for p in piece):
                break
            code = _resolve("".join(piece), path)
            if code is not None:
                found = (code, "".join(piece), k)
                break
        if found is None:
            i += 1
            continue
        code, name, k = found
        path = [code[:3]] + ([code[:5]] if len(code) >= 5 else [])
        rows.append((code, name, i))
        i += k
    return rows if rows and _codes_confirm([c for c, _, _ in rows], tokens) else None


def _codes_confirm(codes: list[str], tokens: list[str]) -> bool:
    """The code tokens printed are exactly the rows' codes: whole (2080505) or in 类 | 款 | 项
    parts (208 · 05 · 05), each part once per row that has it."""
    full = Counter(t for t in tokens if _FULL_RE.match(t) or (_CODE3_RE.match(t) and t in codes))
    if full and Counter(codes) == full + Counter(c for c in codes if len(c) == 3 and c not in full):
        return True
    c3 = Counter(t for t in tokens if _CODE3_RE.match(t))
    c2 = Counter(t for t in tokens if _CODE2_RE.match(t))
    want3 = Counter(c[:3] for c in codes)
    want2 = Counter(p for c in codes for p in (c[3:5], c[5:7]) if p)
    return c3 == want3 and c2 == want2


class _Search:
    """Placements of an amounts stream into rows × columns (see the module doc)."""

    def __init__(self, parents: list[int | None], ncols: int, stream: list[Decimal], budget: int):
        self.n, self.k, self.stream, self.budget = len(parents), ncols, stream, budget
        kids: dict[int, list[int]] = {}
        for r, p in enumerate(parents):
            if p is not None:
                kids.setdefault(p, []).append(r)
        self.kids = kids
        # relation p = Σ kids closes (all its rows decided) at the largest index among them
        self.closing: dict[int, list[int]] = {}
        for p, ch in kids.items():
            self.closing.setdefault(max([p, *ch]), []).append(p)
        self.cell: dict[tuple[int, int], int] = {}  # (row, col) → stream index
        self.ptr = [0] * ncols
        self.used = [0] * ncols  # values placed per column
        self.solutions: list[dict[tuple[int, int], int]] = []
        # with no negative amount, a row's parts never exceed its first column
        self.bounded = all(x >= 0 for x in stream)
        self.exhausted = False

    def v(self, r: int, c: int) -> Decimal:
        i = self.cell.get((r, c))
        return self.stream[i] if i is not None else Decimal(0)

    def _column_ok(self, c: int, upto: int, start: int) -> bool:
        """Relations of column ``c`` closing at rows [start, upto) hold."""
        for idx in range(start, upto):
            for p in self.closing.get(idx, ()):
                ch = self.kids[p]
                if abs(self.v(p, c) - sum((self.v(x, c) for x in ch), Decimal(0))) > tolerance(len(ch)):
                    return False
        return True

    def _rows_ok(self, start: int, upto: int) -> bool:
        for r in range(start, upto):
            if any((r, c) in self.cell for c in range(self.k)):
                rest = sum((self.v(r, c) for c in range(1, self.k)), Decimal(0))
                if abs(self.v(r, 0) - rest) > tolerance(self.k - 1):
                    return False
        return True

    def run(self) -> None:
        self._step(0, 0)

    def _low(self) -> int:
        """Rows below this are decided in every column: a column passed over (one to its right
        opened first) stays blank to the end."""
        top = max((c for c in range(self.k) if self.used[c]), default=-1)
        return min((self.ptr[c] if self.used[c] or c > top else self.n) for c in range(self.k))

    def _step(self, i: int, last: int) -> None:
        if len(self.solutions) >= 2 or self.budget <= 0:
            return
        self.budget -= 1
        if i == len(self.stream):
            low = min(self.ptr)
            if all(self._column_ok(c, self.n, self.ptr[c]) for c in range(self.k)) and self._rows_ok(low, self.n):
                self.solutions.append(dict(self.cell))
            return
        top = max((c for c in range(self.k) if self.used[c]), default=-1)
        order = [last] + [c for c in range(self.k) if c != last]
        for c in order:
            if not self.used[c] and c < top:
                continue  # the tool prints the columns left to right: a column opens after those before it
            start = self.ptr[c]
            for r in range(start, self.n):
                # rows start..r-1 stay blank in column c; r takes the value
                if not self._column_ok_blank(c, start, r):
                    break  # a relation closed with these blanks fails: later r fail too
                if c > 0 and self.bounded and self.ptr[0] > r:
                    parts = sum((self.v(r, x) for x in range(1, self.k)), self.stream[i])
                    if parts > self.v(r, 0) + tolerance(self.k - 1):
                        continue
                low_before = self._low()
                self.cell[(r, c)] = i
                self.ptr[c] = r + 1
                self.used[c] += 1
                low_after = self._low()
                if self._column_ok(c, r + 1, r) and self._rows_ok(min(low_before, low_after), low_after):
                    self._step(i + 1, c)
                del self.cell[(r, c)]
                self.ptr[c] = start
                self.used[c] -= 1
                if len(self.solutions) >= 2 or self.budget <= 0:
                    return

    def _column_ok_blank(self, c: int, start: int, r: int) -> bool:
        return self._column_ok(c, r, start)


def solve(tid: str, lines: list[Line], budget: int = SEARCH_BUDGET) -> tuple[list[Placed], dict[str, str]] | None:
    """The cells of a column-block table and the rows' names, or None (with no guess)."""
    if tid not in TABLES_SOLVED:
        return None
    toks = _tokens(lines)
    texts = [t for t, _ in toks]
    rows = rows_from_names(texts)
    if rows is None:
        return None
    amounts = [(t, ln) for t, ln in toks if _AMOUNT_RE.match(t) and is_amount(t) and amount(t) is not None]
    if not amounts:
        return None
    cols = TABLES[tid].columns
    # the 合计 row: above the names or below them, as its label is printed; both are tried
    label_at = [i for i, t in enumerate(texts) if t == "合计"]
    below = bool(label_at) and label_at[-1] > rows[-1][2]
    for total_last in (below, not below):
        keys = [c for c, _, _ in rows]
        keys = keys + ["合计"] if total_last else ["合计"] + keys
        index = {k: j for j, k in enumerate(keys)}
        parents: list[int | None] = []
        for k in keys:
            if k == "合计":
                parents.append(None)
            elif len(k) == 3:
                parents.append(index["合计"])
            else:
                parents.append(index.get(k[:-2]))
        stream = [amount(t).value for t, _ in amounts]  # type: ignore[union-attr]
        s = _Search(parents, len(cols), stream, budget)
        s.run()
        if not s.solutions:
            continue
        first = s.solutions[0]
        unsure = {rc for rc, i in first.items() if len(s.solutions) > 1 and s.solutions[1].get(rc) != i}
        if s.budget <= 0 and len(s.solutions) == 1:
            unsure = set(first)  # not shown to be the only placement
        placed = []
        for (r, c), i in sorted(first.items(), key=lambda x: x[1]):
            t, ln = amounts[i]
            v = Value(raw=t, parsed=amount(t), line=ln, column=cols[c])  # type: ignore[arg-type]
            placed.append(Placed(keys[r], cols[c], v, (r, c) in unsure))
        return placed, {c: n for c, n, _ in rows}
    return None


UNCERTAIN_NOTE = "按列成块输出：该数值的位置另有一种同样满足勾稽关系的排法"


def place(t: Table, lines: list[Line]) -> bool:
    """Put the solved cells of a column-block table into ``t`` (its cells and row names
    replaced); False, leaving ``t`` alone, when no placement is confirmed."""
    solved = solve(t.id, lines)
    if solved is None:
        return False
    placed, names = solved
    t.cells = [Cell(table=t.id, row=p.row, column=p.column, value=p.value.parsed.value, raw=p.value.raw,
                    page=p.value.line.page, line=p.value.line.no, label=names.get(p.row, "合计"),
                    uncertain=p.uncertain, repair=UNCERTAIN_NOTE if p.uncertain else "")
               for p in placed]
    t.row_labels = {"合计": "合计", **names}
    return True


__all__ = ["Placed", "TABLES_SOLVED", "UNCERTAIN_NOTE", "place", "rows_from_names", "solve"]
