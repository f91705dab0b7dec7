"""T06 一般公共预算财政拨款基本支出决算表: 经济分类 items printed in three side-by-side
column groups (code, name, 决算数), with 人员经费合计 and 公用经费合计 at the bottom.

Economic codes are unique across the groups, so each (code, name, value) triple stands on
its own and the group only matters for rebuilding a missing code from its neighbours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan import lazy
from juesuan.extract.grid import DIGITS_1_2, DIGITS_1_3, DIGITS_2, is_amount, is_note, squeeze_number
from juesuan.extract.records import ECON_CODE_FIRST, ECON_CODE_RE, Value, flat_tokens, make_value
from juesuan.read.types import Chunk, Line
from juesuan.textnorm import norm

# (asked of every token or line, compiled once)
_ECONOMIC_CODE = lazy.pattern(ECON_CODE_FIRST + r"\d{3}")  # a 4-digit fragment of one
_WIDE_GAP = lazy.pattern(r"\S {3,}\S")


@dataclass
class Triple:
    code: str | None
    name: str
    value: Value | None
    line: Line
    group: int | None = None
    fragment: str = ""  # code fragment printed (e.g. '3990' cut by the page width)
    note: str = ""
    uncertain: bool = False  # placed in a column group no identity confirmed


@dataclass
class Footer:
    key: str
    value: Value | None
    line: Line
    fragment: str = ""  # a number fragment glued to the label, kept as evidence


def _is_code(t: str) -> bool:
    return bool(ECON_CODE_RE.match(t))


def tabbed_triples(lines: list[Line]) -> tuple[list[Triple], list[Footer]]:
    triples: list[Triple] = []
    footers: list[Footer] = []
    width = max((len(ln.chunks) for ln in lines), default=9)
    # Groups are as many as the header's 决算数 cells; each is code(s), name, value — the
    # code sometimes in two cells (类 | 款).
    groups = max((sum(1 for c in ln.chunks if norm(c.text) in ("决算数", "金额")) for ln in lines[:12]), default=0)
    group_w = width // groups if groups else (3 if width >= 7 else max(width // 3, 1))
    for ln in lines:
        if ln.marker or not ln.chunks or is_note(ln.text):
            continue
        n = norm(ln.text)
        if "人员经费合计" in n or "公用经" in n:
            footers.extend(_footers_from_line(ln))
            continue
        cells = [c.text for c in ln.chunks]
        for g in range(0, len(cells), group_w):
            part = cells[g : g + group_w]
            chunks = ln.chunks[g : g + group_w]
            code = None
            name = ""
            val: Value | None = None
            for t, ch in zip(part, chunks):
                tt = norm(t)
                if not tt:
                    continue
                if code is not None and len(code) == 3 and DIGITS_2.fullmatch(tt) and not name:
                    code += tt  # 类 | 款 printed in separate cells
                elif _is_code(tt) and code is None and not name:
                    code = tt
                elif is_amount(t) and "." in squeeze_number(t):
                    val = make_value(t, ln, ch)
                elif not is_amount(tt):
                    name += tt
            if code is None and not name and val is None:
                continue
            if code is None and _is_header(name):
                continue
            triples.append(Triple(code, name, val, ln, group=g // group_w))
    return triples, footers


# the words of T06's header, which a page break repeats among the rows
HEADER_WORDS = ("科目编码", "科目名称", "决算数", "人员经费", "公用经费", "经济分类", "编码")


def _is_header(name: str) -> bool:
    return any(w in name for w in HEADER_WORDS)


def _footers_from_line(ln: Line) -> list[Footer]:
    """'人员经费合计 | 320.51 | 公用经费合计 | … | 1,715.70', also with the label split
    ('公用经 | 弗合计') or a number fragment glued to the label ('人员经费合计 40')."""
    toks: list[tuple[str, object]] = []
    for ch in ln.chunks:
        for t in squeeze_number(ch.text).split() or [""]:
            toks.append((t, ch))
    out: list[Footer] = []
    current: Footer | None = None
    loose: list[str] = []  # number fragments seen before any label on the line
    for t, ch in toks:
        nt = norm(t)
        if not nt:
            continue
        if "人员经费" in nt or nt.startswith("公用经") or nt in ("弗合计", "费合计"):
            if nt in ("弗合计", "费合计") and current is not None:
                continue
            key = "人员经费合计" if "人员" in nt else "公用经费合计"
            current = Footer(key, None, ln)
            out.append(current)
            continue
        if current is None:
            if DIGITS_1_3.fullmatch(nt):
                loose.append(nt)
            continue
        if is_amount(nt) and "." in nt and current.value is None:
            current.value = make_value(t, ln, ch)  # type: ignore[arg-type]
        elif DIGITS_1_3.fullmatch(nt) and current.value is None:
            current.fragment = (current.fragment + " " + nt).strip()
    # A bare fragment printed before a label belongs to the previous label ('40 … 57 公用…').
    return out


def flat_triples(lines: list[Line]) -> tuple[list[Triple], list[Footer]]:
    triples: list[Triple] = []
    cur: Triple | None = None
    pending: str | None = None
    started = False
    skip = _footer_amount_lines(lines)
    groups: dict[int, Triple] = {}  # column where a group's codes start → its latest row
    for ln in lines:
        if ln.marker or is_note(ln.text) or id(ln) in skip:
            continue
        toks = flat_tokens(ln)
        if not toks:
            continue
        n = "".join(toks)
        if "人员经费合计" in n or "公用经费合计" in n:
            continue  # footers_of reads them
        for t, col in zip(toks, _token_columns(ln, toks)):
            if t in HEADER_WORDS:
                continue  # the header a page break repeats: never a piece of a row's name
            if col is not None and groups and not _is_code(t) and not is_amount(t) and pending is None:
                # a column-keeping dump: a name fragment belongs to the group it stands in
                # (a wrapped left-group name is not glued to the right group's row)
                start = max((c for c in groups if c <= col + 2), default=None)
                if start is not None and groups[start].value is None:
                    groups[start].name += t
                    continue
            if pending is not None:
                if DIGITS_1_2.fullmatch(t):
                    code = pending + t
                    pending = None
                    cur = Triple(code if _is_code(code) else None, "", None, ln, fragment="" if _is_code(code) else code)
                    triples.append(cur)
                    started = True
                    continue
                # a 4-digit fragment not continued: the code was cut by the page width
                cur = Triple(None, "", None, ln, fragment=pending)
                triples.append(cur)
                pending = None
            if cur is not None and cur.code and len(cur.code) == 3 and not cur.name and cur.value is None \
                    and DIGITS_2.fullmatch(t) and _is_code(cur.code + t):
                cur.code += t  # 类 and 款 printed as separate tokens ('301 01')
                continue
            # (a prefilter: both code patterns open with ECON_CODE_FIRST, and most tokens, names
            # and amounts, do not: they are not asked of either)
            if t[0] == ECON_CODE_FIRST:
                if _ECONOMIC_CODE.fullmatch(t):
                    pending = t
                    continue
                if _is_code(t):
                    cur = Triple(t, "", None, ln)
                    triples.append(cur)
                    started = True
                    if col is not None:
                        # the tool shifts a group's column by a few characters from line to line
                        start = min((c for c in groups if abs(c - col) <= 6), key=lambda c: abs(c - col), default=col)
                        cur.group, groups[start] = start, cur
                    continue
            if not started or cur is None:
                continue
            if is_amount(t) and "." in t:
                if cur.value is None:
                    cur.value = make_value(t, ln)
                continue
            if cur.value is None:
                cur.name += t
    if pending is not None:
        triples.append(Triple(None, "", None, lines[-1], fragment=pending))
    return [t for t in triples if t.code or t.name or t.value], footers_of(lines)


def _token_columns(ln: Line, toks: list[str]) -> list[int | None]:
    """Each token's character column, on a line whose text keeps its columns (runs of spaces
    between cells, pdftotext -layout); None where unknown."""
    if not _WIDE_GAP.search(ln.text) and ln.indent < 3:
        return [None] * len(toks)
    out: list[int | None] = []
    at = 0
    for t in toks:
        k = ln.text.find(t, at)
        out.append(None if k < 0 else ln.indent + k)
        at = k + len(t) if k >= 0 else at
    return out


def _dedupe(footers: list[Footer]) -> list[Footer]:
    seen: dict[str, Footer] = {}
    for f in footers:
        if f.key not in seen or (seen[f.key].value is None and f.value is not None):
            seen[f.key] = f
    return list(seen.values())


# A line holding only the codes of one printed row of the two column groups: '301 302',
# '301 01 302', '303 04 302 24' (the names and amounts follow on the next lines).
# A name fragment may sit between the groups or after the right code ('301 08 机关…缴 302'),
# and a group's amount may be printed on the code line itself ('301 2,082.85 302 171.07').
_AMT = r"(-?[\d,]+\.\d{2}|-)"
_CLASS = rf"({ECON_CODE_FIRST}\d{{2}})"  # a class code (类), which a code line opens with
_CODE_LINE_RE = lazy.pattern(rf"^{_CLASS}(?: (\d{{2}}))?(?: ([^\d\s-][^\s]*))?(?: {_AMT})? {_CLASS}(?: (\d{{2}}))?"
                             rf"(?: ([^\d\s-][^\s]*))?(?: {_AMT})?$")


_ONE_CODE_RE = lazy.pattern(rf"^{_CLASS}(?: (\d{{2}}))?(?: ([^\d\s-][^\s]*))?(?: {_AMT})?$")


@dataclass
class CodeLine:
    """One printed row of the two column groups: (left code, right code, name fragments,
    amounts printed on the line); the left is empty once the left group has ended."""

    left: str
    right: str
    left_name: str = ""
    right_name: str = ""
    left_amount: str = ""
    right_amount: str = ""
    boundary: int | None = None  # character column where the right group starts (column-keeping dumps)


def _code_line(ln: Line, single: bool = False) -> CodeLine | None:
    """The code line ``ln`` is, if any; with ``single``, a line with the right group's code
    only (the left group has ended) counts too."""
    toks = flat_tokens(ln)
    # (a prefilter: both patterns open with a class code, and the text they are asked of with
    # the line's first token: a line whose first token does not open with ECON_CODE_FIRST is
    # none — most lines of the table, each asked by read_triples' count of code lines)
    if not toks or toks[0][0] != ECON_CODE_FIRST:
        return None
    merged: list[str] = []
    for t in toks:  # '因公出国 ( 境 ) 费' → one name fragment
        if merged and not t.isdigit() and not merged[-1].isdigit() and not is_amount(t) and not is_amount(merged[-1]):
            merged[-1] += t
        else:
            merged.append(t)
    text = " ".join(merged)
    m = _CODE_LINE_RE.match(text)
    if m is not None:
        g = [x or "" for x in m.groups()]
        return CodeLine(g[0] + g[1], g[4] + g[5], g[2], g[6], g[3], g[7], _boundary(ln, 1))
    m1 = _ONE_CODE_RE.match(text) if single else None
    if m1 is None:
        return None
    g = [x or "" for x in m1.groups()]
    return CodeLine("", g[0] + g[1], "", g[2], "", g[3], _boundary(ln, 0))


def _boundary(ln: Line, k: int) -> int | None:
    """Character column of the k-th class code on a line whose text keeps its columns (runs of
    spaces between the groups, as pdftotext -layout prints): where the right group starts."""
    if not _WIDE_GAP.search(ln.text):
        return None
    codes = list(re.finditer(r"(?<!\d)3\d{2}(?!\d)", ln.text))
    return ln.indent + codes[k].start() if len(codes) > k else None


def _column(ln: Line, tok: str) -> int | None:
    at = ln.text.find(tok)
    return None if at < 0 else ln.indent + at


def _is_footer_line(ln: Line) -> bool:
    n = norm(ln.text)
    return "人员经费" in n or "公用经费" in n


def _amounts_only(ln: Line) -> list[str]:
    toks = flat_tokens(ln)
    amounts = [t for t in toks if is_amount(t) and "." in t]
    return amounts if amounts and len(amounts) == len(toks) else []


def paired_triples(lines: list[Line], above: bool = False) -> list[Triple]:
    """Two column groups as PDF text tools print them: a line of codes (left, right), then the
    names, the right group's 款 and the amounts on the following lines (pdfplumber) — or, with
    ``above``, each row's amounts on a line of their own above its code line (pdftotext -layout
    sets a vertically centred value there). Names go left then right (a wrapped fragment to
    the side whose catalogue name it completes); an amount printed after the right group's
    name or 款 is the right one's; two amounts on a line of their own are left, right; a lone
    one goes to the side its character column says (a column-keeping dump), else to the side
    still without a value, else it is left open (marked uncertain on the left)."""
    out: list[Triple] = []
    pair: list[Triple] = []
    side = 0
    boundary: int | None = None
    waiting: list[tuple[Line, list[str]]] = []
    skip = _footer_amount_lines(lines)
    for ln in lines:
        if ln.marker or is_note(ln.text) or _is_footer_line(ln) or id(ln) in skip:
            continue
        cl = _code_line(ln, single=bool(pair))
        if cl is not None:
            pair = [Triple(cl.left or None, cl.left_name, None, ln, group=0), Triple(cl.right, cl.right_name, None, ln, group=1)]
            out.extend(pair if cl.left else pair[1:])
            side = 1 if cl.right_name or not cl.left else 0
            boundary = cl.boundary
            for tr, amt in ((pair[0], cl.left_amount), (pair[1], cl.right_amount)):
                if amt and tr.code:
                    tr.value = make_value(amt, ln)
            for wl, amounts in waiting:
                _put_amounts(pair, wl, amounts, boundary)
            waiting = []
            continue
        amounts = _amounts_only(ln)
        if amounts and above:
            waiting.append((ln, amounts))
            continue
        if not pair:
            continue
        if amounts:
            _put_amounts(pair, ln, amounts, boundary)
            continue
        side = _names_and_values(pair, ln, side)
    _settle_lone_values(out)
    return out


def _put_amounts(pair: list[Triple], ln: Line, amounts: list[str], boundary: int | None) -> None:
    live = [tr for tr in pair if tr.code]  # the left group may have ended
    free = [tr for tr in live if tr.value is None]
    cols = [_column(ln, t) for t in amounts]
    if boundary is not None and len(live) == 2 and None not in cols:
        for t, col in zip(amounts, cols):  # the character column says the group
            tr = pair[0] if col < boundary else pair[1]  # type: ignore[operator]
            if tr.value is None:
                tr.value = make_value(t, ln)
        return
    targets = live if len(amounts) == 2 else (free[-1:] if len(free) == 1 else live[:1])
    for tr, t in zip(targets, amounts):
        tr.value = make_value(t, ln)
        if len(amounts) == 1 and len(free) != 1 and len(live) == 2 and tr.value is not None:
            tr.note = "两栏各印一个数值时无法确定所属栏：按左栏放置"
            tr.uncertain = True


def _names_and_values(pair: list[Triple], ln: Line, side: int) -> int:
    """A line of names (and the right group's 款, and amounts) under a code line."""
    from juesuan import catalogue as cat

    side = 0 if pair[0].code else 1  # a line's first amount is the left group's
    for t in flat_tokens(ln):
        if is_amount(t) and "." in t:
            if pair[side].value is None:
                pair[side].value = make_value(t, ln)
        elif DIGITS_2.fullmatch(t) and len(pair[1].code or "") == 3:
            pair[1].code = (pair[1].code or "") + t
            side = 1
        elif not is_amount(t):
            known = [k for k, tr in enumerate(pair) if tr.code and len(tr.code) == 5
                     and (e := cat.get(tr.code)) is not None and norm(tr.name + t) in norm(e.name)]
            if len(known) == 1:  # the catalogue says whose name (or part of it) this is
                tgt = known[0]
            elif pair[side].name and (pair[side].value is not None or side == 0):
                tgt = 1 if side == 0 and not pair[1].name else side
            else:
                tgt = side
            pair[tgt].name += t
            side = tgt
    return side


def _footer_sources(content: list[Line]) -> dict[int, Line]:
    """Content index of each footer label line printed without its amount → the amounts-only
    line that holds it: the line just above (pdftotext -layout), or else just below. A line
    gives its figures to one footer only: a label whose neighbour the other footer took has
    no figure here (a printed figure is one cell, never two)."""
    out: dict[int, Line] = {}
    taken: set[int] = set()
    for k, ln in enumerate(content):
        if _is_footer_line(ln) and not is_note(ln.text) and not any(is_amount(t) and "." in t for t in flat_tokens(ln)):
            for j in (k - 1, k + 1):
                if 0 <= j < len(content) and j not in taken and _amounts_only(content[j]):
                    out[k] = content[j]
                    taken.add(j)
                    break
    return out


def _footer_amount_lines(lines: list[Line]) -> set[int]:
    """ids of amounts-only lines that hold the 人员经费合计 / 公用经费合计 values of a footer
    label line printed without them (``_footer_sources``)."""
    content = [ln for ln in lines if not ln.marker and ln.text.strip()]
    return {id(ln) for ln in _footer_sources(content).values()}


def footers_of(lines: list[Line]) -> list[Footer]:
    """The 人员经费合计 / 公用经费合计 footers of a flat table, their amounts on the label line
    or, when it has none, on an amounts-only line beside it (``_footer_sources``)."""
    content = [ln for ln in lines if not ln.marker and ln.text.strip()]
    sources = _footer_sources(content)
    out: list[Footer] = []
    for k, ln in enumerate(content):
        if not _is_footer_line(ln) or is_note(ln.text):
            continue
        toks = flat_tokens(ln)
        if k in sources:
            toks = _interleave(toks, _amounts_only(sources[k]))
        fake = Line(no=ln.no, text=ln.text, chunks=[Chunk(t) for t in toks], page=ln.page)
        for f in _footers_from_line(fake):
            f.line = ln
            if f.value is not None:
                f.value.line, f.value.chunk = ln, None
            out.append(f)
    return _dedupe(out)


def _interleave(labels: list[str], amounts: list[str]) -> list[str]:
    """Footer labels and the amounts printed on another line, in reading order: each label
    takes the next amount."""
    out: list[str] = []
    rest = list(amounts)
    for t in (x for lab in labels for x in re.split(r"(?=人员经费|公用经费)", lab) if x):
        out.append(t)
        if ("人员经费" in t or "公用经" in t) and rest:
            out.append(rest.pop(0))
    return out


def _settle_lone_values(triples: list[Triple]) -> None:
    """A lone amount under a pair of rows could be either group's: try both for each, keep
    the placement under which the most class sums hold; a value the sums cannot place stays
    marked."""
    from itertools import product

    lone = [k for k, t in enumerate(triples) if t.uncertain and t.group == 0 and t.value is not None
            and k + 1 < len(triples) and triples[k + 1].group == 1]
    if not lone or len(lone) > 14:
        return
    best, best_score = None, None
    for combo in product((0, 1), repeat=len(lone)):
        trial = [Triple(t.code, t.name, t.value, t.line, t.group) for t in triples]
        for k, right in zip(lone, combo):
            if right:
                trial[k + 1].value, trial[k].value = trial[k].value, None
        score = _identity_score(trial, [])
        if best_score is None or score > best_score:
            best, best_score, ties = combo, score, [combo]
        elif score == best_score:
            ties.append(combo)
    if best is None:
        return
    for j, (k, right) in enumerate(zip(lone, best)):
        settled = len({c[j] for c in ties}) == 1
        left, other = triples[k], triples[k + 1]
        if right:
            other.value, left.value = left.value, None
            other.note, left.note = ("" if settled else "两栏各印一个数值时无法确定所属栏"), ""
            other.uncertain, left.uncertain = not settled, False
        elif settled:
            left.note, left.uncertain = "", False


def _identity_score(triples: list[Triple], footers: list[Footer]) -> int:
    """Class = Σ items, and 人员/公用经费 = their classes, holding minus failing."""
    holding, failing = identity_tally(triples, footers)
    return holding - failing


def identity_tally(triples: list[Triple], footers: list[Footer]) -> tuple[int, int]:
    """(holding, failing) of T06's own identities: each class = Σ its items, 人员经费合计 =
    301 + 303, 公用经费合计 = the other classes."""
    from decimal import Decimal

    from juesuan.money import tolerance

    val = {t.code: t.value.parsed.value for t in triples if t.code and t.value is not None}
    holding = failing = 0
    for cls in [c for c in val if len(c) == 3]:
        items = [v for c, v in val.items() if len(c) == 5 and c.startswith(cls)]
        if items:
            ok = abs(val[cls] - sum(items, Decimal(0))) <= tolerance(len(items))
            holding, failing = holding + ok, failing + (not ok)
    for f in footers:
        parts = [v for c, v in val.items() if len(c) == 3 and (c in ("301", "303")) == (f.key == "人员经费合计")]
        if f.value is not None and parts:
            ok = abs(f.value.parsed.value - sum(parts, Decimal(0))) <= tolerance(len(parts))
            holding, failing = holding + ok, failing + (not ok)
    return holding, failing


def read_triples(lines: list[Line], tabbed: bool) -> tuple[list[Triple], list[Footer]]:
    triples, footers = tabbed_triples(lines) if tabbed else flat_triples(lines)
    footers = _dedupe(footers)
    if not tabbed and sum(1 for ln in lines if _code_line(ln)) >= 3:
        # the rows' amounts below their code lines or above them: the identities decide
        score = _identity_score(triples, footers)
        for above in (False, True):
            paired = paired_triples(lines, above)
            if (s := _identity_score(paired, footers)) > 0 and s > score:
                triples, score = paired, s
    return triples, footers


__all__ = ["Triple", "Footer", "read_triples", "identity_tally"]
