"""Two adjacent narrative lines a text tool printed the wrong way round, put back by what
the document itself writes elsewhere.

Why it happens: ``pdftotext -layout`` orders a page's lines by the top of their first word.
When a document's Chinese font declares a very short ascent (often a broken embedded font)
and its figures and quote marks are set in a Latin font of ordinary ascent, a line that
starts with a figure (“598.42万元；…”), a quote mark (“优”的项目…) or a Latin letter gets a
top a few points *above* the line before it, and the tool prints it first:

    …工作机制；实行                              …工作机制；实行
    全过程…编报绩效目标的2024年度项目4个，涉及预算金额   598.42万元；…绩效自评
    598.42万元；绩效跟踪评价的…；绩效自评          全过程…涉及预算金额
    (as written)                                 (as printed)

No seam ``reading_order`` knows is left (no bracket, no 项 name, no figure wanted), yet the
figure now follows “实行” and a claim reads the wrong subject.

What betrays the swap is the prose itself: a writer's line break cuts a phrase, and a
disclosure writes its phrases again and again (涉及预算金额…万元, 绩效评级为“…”). Each
junction between two consecutive lines is weighed by its *attestation*: the longest run of
characters across it that occurs inside one line of the document (figures count as one
symbol, so 598.42 and 0.95 are alike). A swap is weighed only where it can be this fault —
the line printed first starts with a figure, a Latin letter or a quote mark or bracket and
does not open an item or paragraph; the line printed second stops mid-sentence; read the
other way round their junction is attested by ``MIN_RUN`` characters at least and better than
as printed. Of all sets of such swaps (non-overlapping: a run of them, as when several lines
of one paragraph start with figures, is weighed together), the one whose junctions are best
attested, less ``MIN_RUN`` per swap, is taken; the printed order wins every tie. A swap thus
pays for itself with evidence across the seams it changes, and lines in the writer's order —
whose junctions are the attested ones — stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

# A run across a junction this long is a phrase the document writes (“金额0万元”, “评级为“”),
# not a chance meeting of two characters.
MIN_RUN = 4
_SIDE = 12  # characters of each line looked at across a junction
# a figure, whatever its digits, separators and the spaces around it: one symbol
_FIGURE_RE = re.compile(r"\s*\d(?:[\d,.]*\d)?\s*")
_SPACE_RE = re.compile(r"\s+")
_SEP = "\n"  # between lines and cells: a run never crosses it
# a line ending its sentence or clause, or closing a bracket or quote
_ENDS = "。；;！!？?：:）)”\"'"


def _norm(text: str) -> str:
    return _SPACE_RE.sub(_SEP, _FIGURE_RE.sub("0", text.strip()))


def _tall_start(text: str) -> bool:
    """Does the line start with a glyph a disclosure sets in a Latin font (a figure, a Latin
    letter, a quote mark or bracket) rather than a Chinese character or Chinese punctuation?"""
    ch = text[:1]
    if not ch:
        return False
    o = ord(ch)
    return not (0x3000 <= o <= 0x303F or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xFF00 <= o <= 0xFFEF)


class PhraseIndex:
    """The text of a document's lines, asked how well the end of one line and the start of
    another are written together elsewhere. Built on first use (most sections never ask)."""

    def __init__(self, lines: Callable[[], Iterable[str]]):
        self._lines = lines
        self._text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = _SEP.join(_norm(t) for t in self._lines())
        return self._text

    def across(self, x: str, y: str) -> int:
        """The longest run ``x[-i:] + y[:j]`` (i, j ≥ 1, figures one symbol) found inside one
        line of the document; 0 when not even the two characters meeting at the junction are."""
        a = _norm(x).rpartition(_SEP)[2][-_SIDE:]
        b = _norm(y).partition(_SEP)[0][:_SIDE]
        text = self.text
        best, j = 0, len(b)
        # a longer tail of x never allows a longer head of y: the longest j shrinks as i grows
        for i in range(1, len(a) + 1):
            while j >= 1 and a[-i:] + b[:j] not in text:
                j -= 1
            if j < 1:
                break
            best = max(best, i + j)
        return best


def restore_swaps(texts: Sequence[str], starts_para: Sequence[bool], order: list[int],
                  index: PhraseIndex) -> list[int]:
    """``order`` (indices of ``texts``, a section's narrative lines) with the adjacent pairs
    printed the wrong way round put back (see module doc). The first line stays first."""
    n = len(order)
    memo: dict[tuple[int, int], int] = {}

    def run(a: int, b: int) -> int:
        got = memo.get((a, b))
        if got is None:
            got = memo[(a, b)] = index.across(texts[a], texts[b])
        return got

    def swappable(k: int) -> bool:
        x, y = order[k], order[k + 1]
        tx, ty = texts[x], texts[y]
        if not _tall_start(tx) or starts_para[x] or not ty or ty[-1] in _ENDS:
            return False
        back = run(y, x)
        return back >= MIN_RUN and back > run(x, y)

    cands = {k for k in range(1, n - 1) if swappable(k)}
    if not cands:
        return order
    moving = {order[k] for k in cands} | {order[k + 1] for k in cands}

    def junction(a: int, b: int) -> int:
        # a junction between two lines no swap moves is in every arrangement: it weighs 0
        return run(a, b) if a in moving or b in moving else 0

    # best[k][s]: (weight, swaps) of the lines before position k as arranged best, where the
    # last of them is order[k-1] (s=0) or, the pair k-2, k-1 swapped, order[k-2] (s=1); of two
    # arrangements equally weighed the one with fewer swaps is kept, so printed order wins ties
    best: list[list[tuple[int, list[int]] | None]] = [[None, None] for _ in range(n + 1)]
    best[1][0] = (0, [])

    def offer(k: int, s: int, got: tuple[int, list[int]]) -> None:
        have = best[k][s]
        if have is None or (got[0], -len(got[1])) > (have[0], -len(have[1])):
            best[k][s] = got

    for k in range(1, n):
        for s in (0, 1):
            state = best[k][s]
            if state is None:
                continue
            w, swaps = state
            last = order[k - 2] if s else order[k - 1]
            offer(k + 1, 0, (w + junction(last, order[k]), swaps))
            if k in cands:
                x, y = order[k], order[k + 1]
                offer(k + 2, 1, (w + junction(last, y) + run(y, x) - MIN_RUN, [*swaps, k]))
    ends = [e for e in best[n] if e is not None]
    _, swaps = max(ends, key=lambda e: (e[0], -len(e[1])))
    out = list(order)
    for k in swaps:
        out[k], out[k + 1] = out[k + 1], out[k]
    return out


__all__ = ["MIN_RUN", "PhraseIndex", "restore_swaps"]
