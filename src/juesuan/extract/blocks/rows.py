"""The rows of a column-block table: its names in print order, resolved in the catalogue along
the 类 → 款 → 项 path, and confirmed by the code parts the tool printed apart from them."""

from __future__ import annotations

from collections import Counter

from juesuan import catalogue as cat
from juesuan import lazy

_CODE3_RE = lazy.pattern(r"^[2-9]\d{2}$")
_CODE2_RE = lazy.pattern(r"^\d{2}$")
_FULL_RE = lazy.pattern(r"^[2-9]\d{2}(?:\d{2}){1,2}$")
_CJK_RE = lazy.pattern(r"[\u4e00-\u9fff]")
_MAX_WRAP = 3  # a name broken over at most this many lines


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


__all__ = ["rows_from_names"]
