"""T06 一般公共预算财政拨款基本支出决算表: 经济分类 items printed in three side-by-side
column groups (code, name, 决算数), with 人员经费合计 and 公用经费合计 at the bottom.

Economic codes are unique across the groups, so each (code, name, value) triple stands on
its own and the group only matters for rebuilding a missing code from its neighbours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.extract.grid import is_amount, is_note, squeeze_number
from juesuan.extract.records import ECON_CODE_RE, Value, flat_tokens, make_value
from juesuan.read.types import Chunk, Line
from juesuan.textnorm import norm


@dataclass
class Triple:
    code: str | None
    name: str
    value: Value | None
    line: Line
    group: int | None = None
    fragment: str = ""  # code fragment printed (e.g. '3990' cut by the page width)
    note: str = ""


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
                if code is not None and len(code) == 3 and re.fullmatch(r"\d{2}", tt) and not name:
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


def _is_header(name: str) -> bool:
    return any(w in name for w in ("科目编码", "科目名称", "决算数", "人员经费", "公用经费", "经济分类", "编码"))


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
            if re.fullmatch(r"\d{1,3}", nt):
                loose.append(nt)
            continue
        if is_amount(nt) and "." in nt and current.value is None:
            current.value = make_value(t, ln, ch)  # type: ignore[arg-type]
        elif re.fullmatch(r"\d{1,3}", nt) and current.value is None:
            current.fragment = (current.fragment + " " + nt).strip()
    # A bare fragment printed before a label belongs to the previous label ('40 … 57 公用…').
    return out


def flat_triples(lines: list[Line]) -> tuple[list[Triple], list[Footer]]:
    triples: list[Triple] = []
    footers: list[Footer] = []
    cur: Triple | None = None
    pending: str | None = None
    started = False
    for ln in lines:
        if ln.marker or is_note(ln.text):
            continue
        toks = flat_tokens(ln)
        if not toks:
            continue
        n = "".join(toks)
        if "人员经费合计" in n or "公用经费合计" in n:
            fake = Line(no=ln.no, text=ln.text, chunks=[Chunk(t) for t in toks], page=ln.page)
            for f in _footers_from_line(fake):
                f.line = ln
                if f.value is not None:
                    f.value.line = ln
                    f.value.chunk = None
                footers.append(f)
            continue
        for t in toks:
            if pending is not None:
                if re.fullmatch(r"\d{1,2}", t):
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
                    and re.fullmatch(r"\d{2}", t) and _is_code(cur.code + t):
                cur.code += t  # 类 and 款 printed as separate tokens ('301 01')
                continue
            if re.fullmatch(r"3\d{3}", t):
                pending = t
                continue
            if _is_code(t):
                cur = Triple(t, "", None, ln)
                triples.append(cur)
                started = True
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
    return [t for t in triples if t.code or t.name or t.value], _dedupe(footers)


def _dedupe(footers: list[Footer]) -> list[Footer]:
    seen: dict[str, Footer] = {}
    for f in footers:
        if f.key not in seen or (seen[f.key].value is None and f.value is not None):
            seen[f.key] = f
    return list(seen.values())


def read_triples(lines: list[Line], tabbed: bool) -> tuple[list[Triple], list[Footer]]:
    triples, footers = tabbed_triples(lines) if tabbed else flat_triples(lines)
    return triples, _dedupe(footers)


__all__ = ["Triple", "Footer", "read_triples"]
