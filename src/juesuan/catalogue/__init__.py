"""Classification catalogue (政府收支分类科目): codes, names, hierarchy, name checks.

Two code systems are held, read from the CSV files in ``data/``:

- ``functional`` — 支出功能分类科目, 3/5/7 digits (类/款/项), all starting with ``2``;
- ``economic`` — 部门预算支出经济分类科目, 3/5 digits (类/款), all starting with ``3``.

A code alone tells its kind (``2…`` functional, ``3…`` economic), so most calls need no
``kind``. Names are compared after :func:`name_key` (NFKC, no whitespace, no quotes, full-
and half-width parentheses alike, a trailing ``（类）/（款）/（项）`` marker dropped).

Entries with ``status == "verify"`` come from the editors' knowledge of the official
editions and have not been checked against the printed book; ``confirmed`` ones are also
printed (code and name) in the seed disclosures. See ``docs/catalogue.md``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz

from juesuan import lazy
from juesuan.memo import memo
from juesuan.textnorm import norm

__all__ = [
    "Entry",
    "Kind",
    "best_match",
    "candidates",
    "children",
    "class_for",
    "code_for_name",
    "entries",
    "get",
    "is_known",
    "kind_of",
    "load",
    "name_key",
    "name_matches",
    "parent_of",
]

Kind = Literal["functional", "economic"]
KINDS: tuple[Kind, ...] = ("functional", "economic")
_FILES: dict[str, str] = {"functional": "functional.csv", "economic": "economic_dept.csv"}
_LEVELS = {3: "类", 5: "款", 7: "项"}

DEFAULT_MIN_SCORE = 70.0


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    level: str  # 类 / 款 / 项
    parent: str | None
    kind: Kind
    editions: tuple[int, ...]
    aliases: tuple[str, ...]
    status: str  # confirmed / verify
    provenance: str

    @property
    def names(self) -> tuple[str, ...]:
        """The official name first, then the aliases."""
        return (self.name, *self.aliases)


# --------------------------------------------------------------------------- names

_QUOTE_RE = lazy.pattern(r"[\"'`「」『』]")
_LEVEL_SUFFIX_RE = lazy.pattern(r"\((?:类|款|项)\)$")
_LEADING_CODE_RE = lazy.pattern(r"^[0-9０-９\s.．、,，:：|-]+")

# OCR sometimes splits a left-right character into its two components, or reads a
# simplified character as its traditional form. Applied to queries only (never to
# catalogue names), as one more reading of the query: it can only add a candidate reading.
_SPLIT_GLYPHS = {
    "贝占": "贴",
    "礻土": "社",
    "禾口": "和",
    "亻呆": "保",
    "力口": "加",
    "耳只": "职",
    "贝才": "财",
    "亻木": "休",
    "讠义": "议",
    "讠十": "计",
    "纟合": "给",
    "扌氐": "抵",
}
_TRAD = str.maketrans(
    {
        "費": "费",
        "務": "务",
        "補": "补",
        "貼": "贴",
        "險": "险",
        "醫": "医",
        "療": "疗",
        "資": "资",
        "業": "业",
        "運": "运",
        "員": "员",
        "職": "职",
        "會": "会",
    }
)


@memo(1 << 14)  # one printed name is compared with every candidate code's names
def name_key(name: str) -> str:
    """Comparison key: NFKC (（）→()), no whitespace, no quotes, no trailing (类)/(款)/(项)."""
    key = _QUOTE_RE.sub("", norm(name))
    return _LEVEL_SUFFIX_RE.sub("", key)


def _query_keys(name: str) -> list[str]:
    """Readings of a possibly garbled printed name, for fuzzy matching."""
    key = _LEADING_CODE_RE.sub("", name_key(name))
    keys = [key]
    fixed = key.translate(_TRAD)
    for split, whole in _SPLIT_GLYPHS.items():
        fixed = fixed.replace(split, whole)
    if fixed != key:
        keys.append(fixed)
    return [k for k in keys if k]


def _score(query: str, target: str) -> float:
    """Similarity 0–100 of a query key to a catalogue name key.

    Plain edit-distance ratio, or — when the query is longer — the ratio of its head to
    the name less a penalty that grows with the unmatched tail (a trailing OCR fragment
    such as ``行政运行丨`` scores 97; the longer of two nested names wins)."""
    best = fuzz.ratio(query, target)
    extra = len(query) - len(target)
    if 0 < extra <= len(target) and len(target) >= 2:
        head = fuzz.ratio(query[: len(target)], target) - 15.0 * extra / len(query)
        best = max(best, head)
    return float(best)


# --------------------------------------------------------------------------- loading


class _Catalogue:
    def __init__(self, items: list[Entry]) -> None:
        self.by_code: dict[tuple[str, str], Entry] = {}
        self.kids: dict[tuple[str, str], list[Entry]] = {}
        self.by_kind: dict[str, list[Entry]] = {k: [] for k in KINDS}
        self.keys: dict[tuple[str, str], tuple[str, ...]] = {}
        for e in items:
            self.by_code[(e.kind, e.code)] = e
            self.by_kind[e.kind].append(e)
            self.keys[(e.kind, e.code)] = tuple(dict.fromkeys(name_key(n) for n in e.names))
            if e.parent:
                self.kids.setdefault((e.kind, e.parent), []).append(e)
        for lst in self.kids.values():
            lst.sort(key=lambda x: x.code)
        all_eds = [y for e in items for y in e.editions]
        self.first_edition = min(all_eds)
        self.last_edition = max(all_eds)


# The catalogue is loaded by every command that reads a document, so loading is kept lean: the
# rows are read as lists (csv.reader: no dict per row), and a field repeated on most rows (the
# editions, an empty alias list) is split once (the caches below hold a few dozen values).
_COLUMNS = ("code", "name", "level", "parent", "editions", "aliases", "status", "provenance")


@cache
def _split(field: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in (field or "").split(";") if p.strip())


@cache
def _editions(field: str) -> tuple[int, ...]:
    return tuple(int(y) for y in _split(field))


def _rows(text: str) -> Iterator[list[str]]:
    """The data rows of a catalogue CSV, each with the fields of ``_COLUMNS`` stripped, in that
    order (whatever the file's own column order; blank lines skipped)."""
    rows = csv.reader(io.StringIO(text))
    header = next(rows, [])
    at = [header.index(c) for c in _COLUMNS]
    for row in rows:
        if row:
            yield [row[i].strip() for i in at]


@lru_cache(maxsize=1)
def _catalogue() -> _Catalogue:
    items: list[Entry] = []
    base = Path(__file__).with_name("data")  # (a package on disk: importlib.resources would add ~3 ms of imports)
    for kind in KINDS:
        text = (base / _FILES[kind]).read_text(encoding="utf-8")
        for code, name, level, parent, editions, aliases, status, provenance in _rows(text):
            items.append(Entry(code=code, name=name, level=level, parent=parent or None, kind=kind,
                               editions=_editions(editions), aliases=_split(aliases), status=status,
                               provenance=provenance))
    return _Catalogue(items)


def load() -> None:
    """Load the catalogue now rather than at its first lookup (a process about to fork a
    worker that will use it too: the worker inherits it)."""
    _catalogue()


# --------------------------------------------------------------------------- lookups


@memo(1 << 14)  # every lookup of every printed code, by every rule, starts here
def _clean_code(code: str | int) -> str:
    return re.sub(r"\s+", "", norm(str(code)))


def kind_of(code: str | int) -> Kind | None:
    """``functional`` for 3/5/7-digit codes starting with 2, ``economic`` for 3/5-digit
    codes starting with 3, else None."""
    c = _clean_code(code)
    if not c.isdigit():
        return None
    if c[0] == "2" and len(c) in (3, 5, 7):
        return "functional"
    if c[0] == "3" and len(c) in (3, 5):
        return "economic"
    return None


def get(code: str | int, kind: Kind | None = None) -> Entry | None:
    """The entry for ``code`` (kind inferred from the code when not given)."""
    if not kind:
        return _entry(code)
    return _catalogue().by_code.get((kind, _clean_code(code)))


@memo(1 << 14)  # (get's usual call: the readers and the rules look printed codes up by the thousand)
def _entry(code: str | int) -> Entry | None:
    c = _clean_code(code)
    k = kind_of(c)
    if k is None:
        return None
    return _catalogue().by_code.get((k, c))


def entries(kind: Kind | None = None) -> Iterator[Entry]:
    """All entries (of one kind), in catalogue order."""
    cat = _catalogue()
    for k in (kind,) if kind else KINDS:
        yield from cat.by_kind[k]


def children(code: str | int, kind: Kind | None = None) -> list[Entry]:
    """Direct children of ``code`` (款 of a 类, 项 of a 款), sorted by code."""
    c = _clean_code(code)
    k = kind or kind_of(c)
    if k is None:
        return []
    return list(_catalogue().kids.get((k, c), []))


def parent_of(code: str | int, kind: Kind | None = None) -> Entry | None:
    """The entry one level up (by code prefix; works for codes not in the catalogue)."""
    c = _clean_code(code)
    k = kind or kind_of(c)
    if k is None or len(c) <= 3:
        return None
    return get(c[:-2], k)


def class_for(code: str | int, kind: Kind | None = None) -> Entry | None:
    """The 类 (3-digit) entry that ``code`` belongs to."""
    c = _clean_code(code)
    k = kind or kind_of(c)
    if k is None:
        return None
    return get(c[:3], k)


def is_known(code: str | int, year: int | None = None, kind: Kind | None = None) -> bool:
    """Whether ``code`` is in the catalogue (of the edition for fiscal ``year``).

    A fiscal year outside the editions held is judged by the nearest edition held."""
    e = get(code, kind)
    if e is None:
        return False
    if year is None:
        return True
    cat = _catalogue()
    y = min(max(year, cat.first_edition), cat.last_edition)
    return y in e.editions


def name_matches(code: str | int, name: str, kind: Kind | None = None) -> bool:
    """True when ``name`` is the entry's name or one of its aliases (after :func:`name_key`)."""
    e = get(code, kind)
    if e is None:
        return False
    return name_key(name) in _catalogue().keys[(e.kind, e.code)]


def _scope(kind: Kind, level: str | None, parent: str | None) -> list[Entry]:
    items = _catalogue().by_kind[kind]
    if parent:
        p = _clean_code(parent)
        items = [e for e in items if e.code.startswith(p) and e.code != p]
    if level:
        items = [e for e in items if e.level == level]
    return items


def code_for_name(
    name: str, kind: Kind, parent: str | None = None, level: str | None = None
) -> str | None:
    """Exact (normalised) name → code, within ``parent``'s descendants and/or one ``level``.

    None when no entry, or more than one, carries that name in the scope (``行政运行``
    needs a parent; ``其他支出`` needs a level)."""
    key = name_key(name)
    keys = _catalogue().keys
    hits = {e.code for e in _scope(kind, level, parent) if key in keys[(e.kind, e.code)]}
    return hits.pop() if len(hits) == 1 else None


def candidates(
    name: str,
    kind: Kind,
    level: str | None = None,
    parent: str | None = None,
    limit: int = 5,
) -> list[tuple[Entry, float]]:
    """Entries ranked by similarity of their name or an alias to ``name`` (best first)."""
    queries = _query_keys(name)
    if not queries:
        return []
    keys = _catalogue().keys
    scored: list[tuple[Entry, float]] = []
    for e in _scope(kind, level, parent):
        s = max(_score(q, t) for q in queries for t in keys[(e.kind, e.code)])
        scored.append((e, s))
    scored.sort(key=lambda es: (-es[1], es[0].code))
    return scored[:limit]


def best_match(
    name: str,
    kind: Kind,
    level: str | None = None,
    parent: str | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
    margin: float = 0.0,
) -> tuple[Entry, float] | None:
    """The entry whose name best matches a (possibly OCR-garbled) printed ``name``.

    Restrict with ``level`` and/or ``parent`` (descendants of that code): short names such
    as 行政运行 recur under many 款. Returns ``(entry, score)`` with score 0–100, or None
    when nothing reaches ``min_score`` or when another entry scores within ``margin`` of
    the best (ambiguous — e.g. 行政运行 with no parent)."""
    ranked = candidates(name, kind, level=level, parent=parent, limit=2)
    if not ranked or ranked[0][1] < min_score:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] <= margin + 1e-9:
        return None
    return ranked[0]
