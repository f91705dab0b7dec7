"""Small helpers every performance reader uses: name cleaning and cell tokens."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from juesuan import lazy
from juesuan.extract.claims import strip_noise
from juesuan.memo import memo
from juesuan.money import parse_decimal
from juesuan.read.types import TEXT, Line
from juesuan.textnorm import norm

N = r"(-?\d+(?:\.\d+)?)"
d = parse_decimal

# Whether a cell may hold OCR / markup noise: a figure then whitespace, a point or a comma
# ('97. 20', '1,234'), markup ('<u>', '**'), an ideograph then whitespace. Spelt to open with a
# character class (the match's last character, or markup's first, then lookbehinds): the engine
# skips to where a match can start instead of trying every character of a line (ideographs
# mostly), a tenth of the time. (The plain spelling, ``_NEEDS_CLEAN_PLAIN``, is the test's.)
NEEDS_CLEAN = lazy.pattern(r"[\s.,<*](?:(?<=\d[\s.,])|(?<=[\u4e00-\u9fff]\s)|(?<=<)|(?<=\*)\*)")
_NEEDS_CLEAN_PLAIN = r"\d[\s.,]|<|\*\*|[\u4e00-\u9fff]\s"
NUMTOK = lazy.pattern(r"^-?\d+(?:\.\d+)?%?$")
# What a deletion of ``strip_noise`` (claims.paragraphs) needs besides whitespace: markup (<u>,
# **, $) or a thousands comma. A text holding none of them is never ``noise_changes_key``
# (``NOISE_MARK``); one without whitespace either is its own ``strip_noise`` (``MAY_BE_NOISY``).
# One character class each, asked before the scans, which try every character of a line.
# (Tested against both: tests/speed/test_perf_prefilters.py.)
_NOISE_MARKS = "<*$,"
NOISE_MARK = lazy.pattern("[" + re.escape(_NOISE_MARKS) + "]")
MAY_BE_NOISY = lazy.pattern(r"[\s" + re.escape(_NOISE_MARKS) + "]")


def clean_name(s: str) -> str:
    s = re.sub(r"[\"“”'‘’《》]", "", s)
    s = re.sub(r"\s+", "", s)
    return s.strip(",，:：;；。.、-—")


# The readers look at the same cells many times (each table's rows are scanned by several
# passes): cleaning is cached by text, a line's cells by its cells' texts.
_CACHE = 1 << 14


@memo(_CACHE)
def clean(t: str) -> str:
    """One cell's text with OCR / markup noise removed ('97. 20%' → '97.20%')."""
    t = t.strip()
    if t and MAY_BE_NOISY.search(t) and NEEDS_CLEAN.search(t):
        t = strip_noise(t).strip()
    return t


# OCR / PDF damage inside one number: '97. 20' '93 .4' '42.86 %' (spaces only; a space
# between two words is a cell boundary in a flattened line and is kept). Each deletes a run of
# whitespace after a figure (or its point); spelt to open with the run's first character, then
# the lookbehind, so the engine skips to whitespace instead of trying every character (the
# plain spellings, ``_NUM_SPACES_PLAIN``, are the test's).
_NUM_SPACES = (lazy.pattern(r"\s(?<=\d\s)\s*(?=\.\s*\d)"), lazy.pattern(r"\s(?<=\d\.\s)\s*(?=\d)"),
               lazy.pattern(r"\s(?<=\d\s)\s*(?=%)"))
_NUM_SPACES_PLAIN = (r"(?<=\d)\s+(?=\.\s*\d)", r"(?<=\d\.)\s+(?=\d)", r"(?<=\d)\s+(?=%)")


def join_number_pieces(t: str) -> str:
    for pat in _NUM_SPACES:
        t = pat.sub("", t)
    return t


def words(ln: Line) -> list[str]:
    """The space-separated words of a flattened (single-cell) line, each cleaned; numbers
    broken by a stray space are joined first."""
    return list(text_words(ln.text))


@memo(_CACHE)
def text_words(text: str) -> tuple[str, ...]:
    """``words`` of a line's text, cached by text."""
    return tuple(filter(None, map(clean, join_number_pieces(text).split())))  # (C-level: no generator frames)


_BLANK_CELLS = ("",)
# a blank line's row (a third of a flattened form's lines): one empty cell, nothing to clean or
# normalise — its cells, toks, text, count, lead, ntoks and words, as ``_cells_toks(("",))``,
# ``norm("")`` and ``words`` give them
_BLANK = (_BLANK_CELLS, (), "", 0, "", (), ())

# A character that cleaning keeps and no figure holds: not whitespace, not a character of a
# figure (digits, '.', '%', '-'), not one of what ``strip_noise`` deletes (markup '<u>' '</sub>'
# '**', '$', a thousands comma). A text holding one (an ideograph, '=', a unit) is one non-empty
# cell, whatever cleaning does (``Row``). (Tested against ``_cells_toks``:
# tests/speed/test_perf_prefilters.py.)
KEPT_WORD = lazy.pattern(r"[^\s\d.%\-<>/*$,ubisp]")
# where a deletion of ``strip_noise`` can start a text: the first character of a text opening
# with any other is the first of its cleaned text (``Row.lead``; the other deletions need a
# character before them)
_NOISE_OPENS = "<*$"


class Row:
    """One line of a self-evaluation table as the readers see it, derived once per table: a
    table's lines are read by several passes (headline labels, parties, goals, funds, tasks,
    the indicator tree, 资金管理情况, the grade) that all start from the same cleaned cells
    and normalised text.

    ``count`` is ``len(toks)``; ``lead`` the first character of the first non-empty cell ('' when
    there is none) of a line of one text, None for a line of several cells. A line of one text
    holding a character that cleaning keeps and no figure holds (``KEPT_WORD``: most lines of a
    flattened form with a space, whose words the indicator reader reads instead) is one cell,
    whose first character is its text's unless a deletion of cleaning starts there: its cells
    are cleaned only when first asked for (it is an ``_Uncleaned`` row until then)."""

    __slots__ = ("line", "text", "count", "lead", "cells", "toks", "_ntoks", "_words")

    def __init__(self, ln: Line):
        self.line = ln
        ch = ln.chunks
        self._ntoks: tuple[str, ...] | None
        self._words: tuple[str, ...] | None
        self.cells: tuple[str, ...]
        self.toks: tuple[str, ...]
        self.text: str
        self.lead: str | None
        if not ch and not ln.text:
            self.cells, self.toks, self.text, self.count, self.lead, self._ntoks, self._words = _BLANK
            return
        self._ntoks = self._words = None
        self.text = norm(ln.text)
        if len(ch) > 1:
            self.cells, self.toks = _cells_toks(tuple(map(TEXT, ch)))  # (C-level: a form line has ~10 cells)
            self.count, self.lead = len(self.toks), None
            return
        t = ch[0].text if ch else ln.text
        if not MAY_BE_NOISY.search(t):
            # (no whitespace, markup or comma: its own clean text, one cell — most lines of a
            # flattened form; what ``_cells_toks((t,))`` gives)
            self.cells, self.toks = ((t,), (t,)) if t else (_BLANK_CELLS, ())
            self.count, self.lead = len(self.toks), t[:1]
        elif KEPT_WORD.search(t):
            self.count = 1
            h = t.lstrip()[:1]
            self.lead = None if h in _NOISE_OPENS else h
            self.__class__ = _Uncleaned  # (its cells made when first asked)
        else:
            self.cells, self.toks = _cells_toks((t,))
            self.count, self.lead = len(self.toks), self.toks[0][:1] if self.toks else ""

    @property
    def ntoks(self) -> tuple[str, ...]:
        """The non-empty cells, normalised."""
        if self._ntoks is None:
            self._ntoks = tuple(map(norm, self.toks))
        return self._ntoks

    @property
    def words(self) -> tuple[str, ...]:
        """:func:`words` of the line."""
        if self._words is None:
            self._words = text_words(self.line.text)
        return self._words


class _Uncleaned(Row):
    """A :class:`Row` whose cells are not cleaned yet: the first time they are asked for, they
    are, and it is a plain Row again (whose cells and other fields are read as slots: no call
    per access, as a property or ``__getattr__`` on Row would cost at every read of any field)."""

    __slots__ = ()

    if not TYPE_CHECKING:  # (for mypy, a Row's cells are its slots)
        @property
        def cells(self) -> tuple[str, ...]:
            self._clean()
            return self.cells

        @property
        def toks(self) -> tuple[str, ...]:
            self._clean()
            return self.toks

    def _clean(self) -> None:
        self.__class__ = Row  # type: ignore[assignment]  # (a Row again: same slots)
        ch = self.line.chunks
        # (``_cells_toks`` of the one text: its cleaned text, one cell — never empty nor split
        # into figures, as it holds a KEPT_WORD character. Not asked of that cache: a line of a
        # form seen once would miss there.)
        self.cells = self.toks = (clean(ch[0].text if ch else self.line.text),)


_new = object.__new__


def rows_of(lines: list[Line]) -> list[Row]:
    rows: list[Row] = []
    for ln in lines:
        if ln.chunks or ln.text:
            rows.append(Row(ln))
        else:  # (a blank line's row made here, without a call into Python: a third of a flattened form's lines)
            r = _new(Row)
            r.line = ln
            r.cells, r.toks, r.text, r.count, r.lead, r._ntoks, r._words = _BLANK
            rows.append(r)
    return rows


def cells(ln: Line) -> list[str]:
    """Cells of a line after noise removal; '467. 89 467. 89' in one cell becomes two."""
    return list(_cells_toks(tuple([c.text for c in ln.chunks]) if ln.chunks else (ln.text,))[0])


# whitespace inside a cleaned cell (cleaning strips its ends): what may split it into figures
_INNER_SPACE = lazy.pattern(r"\s")


def _cells(texts: tuple[str, ...]) -> tuple[str, ...]:
    # (not cached of its own: asked through ``_cells_toks``'s cache, by the same texts)
    if len(texts) > 1 and not MAY_BE_NOISY.search("".join(texts)):
        # no cell holds whitespace, markup or a comma: each is its own clean text (``clean``
        # strips whitespace and asks MAY_BE_NOISY first) and none splits — most lines of a
        # tabbed form, one scan instead of a cached call per cell (most of them empty). (A
        # text of its own is asked here only when it may be noisy: ``Row``.)
        return texts
    cs = tuple(map(clean, texts))
    if len(cs) > 1 and not _INNER_SPACE.search("".join(cs)):
        # no cleaned cell holds whitespace (cleaning strips a cell's ends: whitespace in the
        # joined cells is inside one), so none splits: the cleaned cells are the cells — most
        # lines of a tabbed form, asked with one scan instead of a look at each cell (a text
        # of its own, a flattened line, mostly holds some: it is looked at as before)
        return cs
    out: list[str] = []
    for t in cs:
        if not t:
            out.append("")
            continue
        parts = t.split()
        if len(parts) > 1 and all(NUMTOK.match(p) for p in parts):
            out.extend(parts)
        else:
            out.append(t)
    return tuple(out)


@memo(_CACHE)
def _cells_toks(texts: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``_cells(texts)`` and its non-empty cells: a form repeats its lines' cells (empty
    rows, the same figures), so the second tuple is made once per distinct line too."""
    cs = _cells(texts)
    return cs, tuple(filter(None, cs))


def nums(cs: Sequence[str]) -> list[str]:
    return [c for c in cs if c and NUMTOK.match(c)]
