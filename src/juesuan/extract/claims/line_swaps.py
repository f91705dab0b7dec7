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
disclosure writes its phrases again and again (涉及预算金额…万元, 评级为“…”). Each junction
between two consecutive lines is weighed by its *attestation*: the longest run of characters
across it that occurs inside one line of the document (figures count as one symbol, so 598.42
and 0.95 are alike). A swap is weighed only where it can be this fault — the line printed
first starts with a figure, a Latin letter or an opening quote mark and does not open an item
or paragraph, the line printed second stops mid-sentence, and as printed the two meet in no
phrase of the document (a chance meeting of a few characters at most) but in a better one the
other way round (two lines alike, 评为“优”… and 评为“良”…, meet in a phrase either way:
they are never swapped for each other). Of all sets of such swaps (non-overlapping: a
run of them, as when several lines of a paragraph start with figures, is weighed together)
the best attested is taken, each swap costing ``SWAP_COST``: it must gain a phrase's worth of
attestation (four characters, 金额0万元 or 评级为“) across the junctions it changes, and
the printed order wins every tie. Lines in the writer's order, whose junctions are the
attested ones, stay as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from juesuan import lazy
from juesuan.read.types import LINE_JOINER, joined_texts

# What a swap must gain, less one: more attestation than a chance meeting of two or three
# characters across the junctions it changes.
SWAP_COST = 3
_SIDE = 12  # characters of each line looked at across a junction
# a figure, whatever its digits, separators and the spaces around it: one symbol. The plain
# spelling is FIGURE below; this one matches the same text but opens with a character class,
# so the regex engine skips to where a figure can start instead of trying the pattern at every
# character of the document (a third of the time over a long text)
FIGURE = r"\s*\d(?:[\d,.]*\d)?\s*"
_FIGURE_RE = lazy.pattern(r"[\s\d](?:(?<=\s)\s*\d)?(?<=\d)(?:[\d,.]*\d)?\s*")
_FIGURE_SYMBOL = "0"  # what a figure reads as
_SEP = "\n"  # between lines and cells: a run never crosses it
# lines holding a junction's pair gathered at most: past that many, searching them is no
# cheaper than searching the whole text
_MEETING_LINES = 32
# what gathering the lines that hold a character costs, per occurrence of it, in characters
# of the document normalised (about 5,000 instructions against 300)
_GATHER_COST = 16
_OPENING_QUOTES = "“‘\"'"


def _norm(text: str) -> str:
    """``text`` stripped, each figure one symbol ('0'), each run of whitespace ``_SEP``."""
    return _spaced(_FIGURE_RE.sub(_FIGURE_SYMBOL, text.strip()))


def _spaced(text: str) -> str:
    # (``text`` has no space at either end: it was stripped, and a figure absorbs the spaces
    # around it. So splitting on whitespace runs is replacing each with _SEP — str.split and
    # the pattern \s agree on what is whitespace — for a tenth of the cost of a pattern.)
    return _SEP.join(text.split())


# joins the lines while they are normalised together: neither a space nor part of a figure,
# so no match of either pattern reaches across it
_JOIN = LINE_JOINER


def _norm_each(lines: list[str]) -> list[str]:
    """``[_norm(t) for t in lines]`` (no line holding the joiner) with each pattern run once
    over them all instead of once per line: a long form has thousands of short lines, and each
    run costs more than the line."""
    return _spaced(_FIGURE_RE.sub(_FIGURE_SYMBOL, _JOIN.join(map(str.strip, lines)))).split(_JOIN)


def _tail(x: str) -> str:
    """The end of ``x`` a junction's runs are taken from (normalised, at most ``_SIDE``)."""
    return _norm(x).rpartition(_SEP)[2][-_SIDE:]


def _head(y: str) -> str:
    """The start of ``y`` a junction's runs are taken from (normalised, at most ``_SIDE``)."""
    return _norm(y).partition(_SEP)[0][:_SIDE]


def _kept(run: str) -> bool:
    """Is ``run`` (normalised, no ``_SEP``) written as it is in every line holding it? So it
    holds no figure, and not only the separators a figure can hold (',' and '.': 1,.5 is one
    figure). Normalising keeps every other character that is not whitespace, and drops no
    ',' or '.' next to one of them (a figure holds them only between its digits), so such a
    run is in a line's normal form exactly when it is in the line."""
    return _FIGURE_SYMBOL not in run and _JOIN not in run and bool(run.strip(",."))


def _tall_start(text: str) -> bool:
    """Does the line start with a glyph a disclosure sets in a Latin font: a figure, a Latin
    letter or an opening quote mark? (Not punctuation in general: the text is NFKC, so a
    Chinese '；' or '（' reads as ASCII here, and a Chinese font draws them.)"""
    ch = text[:1]
    return ch.isascii() and ch.isalnum() or ch in _OPENING_QUOTES


class PhraseIndex:
    """The text of a document's lines, asked how well the end of one line and the start of
    another are written together elsewhere. Built on first use (most sections never ask), and
    then only as far as the junctions asked about need (normalising a long document's every
    line costs more than weighing all its junctions): whether a phrase meets across a
    junction is asked of the lines as they are where the phrase holds no figure; otherwise
    the lines that can hold the two characters meeting at it are normalised."""

    def __init__(self, lines: Callable[[], Iterable[str]], joined: Callable[[], str | None] | None = None):
        """``lines``: the document's lines (asked afresh each time); ``joined``: the same joined
        as ``read.types.joined_texts`` joins them, where the caller keeps them so (the source's
        ``joined_lines``, which the locator has made: joining thousands of lines again costs
        more than all the junctions a document asks about)."""
        self._lines = lines
        self._join = joined if joined is not None else lambda: joined_texts(list(lines()))
        self._read = False  # _joined made
        self._joined: str | None = None  # the lines joined by _JOIN (None: a line holds it)
        self._text: str | None = None
        self._normed: dict[int, str] = {}  # a line of _joined (by its start), normalised
        # occurrences of a junction's characters the lines that hold them are still gathered
        # for, one by one, before the whole text is normalised instead (set on first use)
        self._budget = 0

    def _raw(self) -> str | None:
        """The document's lines joined by ``_JOIN``; None when a line holds the joiner (then
        ``text`` is searched whole)."""
        if not self._read:
            self._read = True
            joined = self._join()
            if joined is not None:
                self._joined = joined
                self._budget = len(joined) // _GATHER_COST
        return self._joined

    @property
    def text(self) -> str:
        """The document's lines normalised (``_norm``), joined by ``_SEP``."""
        if self._text is None:
            raw = self._raw()
            if raw is None:
                self._text = _SEP.join(map(_norm, self._lines()))
            else:
                self._text = _SEP.join(_norm_each(raw.split(_JOIN)))
        return self._text

    def across(self, x: str, y: str) -> int:
        """The longest run ``x[-i:] + y[:j]`` (i, j ≥ 1, figures one symbol) found inside one
        line of the document; 0 when not even the two characters meeting at the junction are."""
        a, b = _tail(x), _head(y)
        if not a or not b:
            return 0
        text = self._meeting(a[-1] + b[0])
        best, j = 0, len(b)
        # a longer tail of x never allows a longer head of y: the longest j shrinks as i grows
        for i in range(1, len(a) + 1):
            while j >= 1 and a[-i:] + b[:j] not in text:
                j -= 1
            if j < 1:
                break
            best = max(best, i + j)
        return best

    def attests(self, x: str, y: str, n: int) -> bool:
        """``across(x, y) >= n`` (``n`` ≥ 2). A run of ``n`` characters or more across the junction holds
        one of exactly ``n`` (cut from its ends down to the junction). Those without a figure
        (``_kept``) are looked for in the lines as they are (one search of the document each,
        no line normalised), the others in the few lines holding their words (``_in_holders``)."""
        raw = self._raw()
        if raw is None:
            return self.across(x, y) >= n
        # (a run holding the joiner would span two lines of raw: it is not kept, so asked of across)
        a, b = _tail(x), _head(y)
        kept: list[str] = []
        others: list[str] = []
        for i in range(max(1, n - len(b)), min(len(a), n - 1) + 1):
            run = a[-i:] + b[:n - i]
            (kept if _kept(run) else others).append(run)
        if any(run in raw for run in kept):
            return True
        if not others:
            return False
        found = self._in_holders(others)
        return self.across(x, y) >= n if found is None else found

    def _in_holders(self, runs: list[str]) -> bool | None:
        """Is one of ``runs`` (normalised, each holding a figure) in a line of the document
        once normalised? Asked of the lines holding a run's longest piece without a figure
        (every line holding the run does: normalising keeps every character but whitespace
        and figures), the rarest pieces first; None when the pieces are too short or too
        common for that to cost less than ``across`` (which asks every line holding the two
        characters meeting at the junction: a figure and a character, hundreds of lines)."""
        raw = self._raw()
        if raw is None or self._text is not None:
            return None
        needles = [max(run.split(_FIGURE_SYMBOL), key=len) for run in runs]
        if min(map(len, needles)) < 2 or any(_JOIN in needle for needle in needles):
            return None
        counts = [raw.count(needle) for needle in needles]
        if sum(counts) > self._budget:
            return None
        for count, run, needle in sorted(zip(counts, runs, needles)):
            if run in self._normed_holders(raw, needle, None, count):
                return True
        return False

    def _meeting(self, pair: str) -> str:
        """The lines of the document that can hold ``pair`` (the two characters meeting at a
        junction) once normalised, normalised and joined by ``_SEP``. Every run ``across`` asks
        about holds that pair and no ``_SEP``, so it is in the document's text exactly when it
        is in one of these lines: the dozen-odd searches of one junction go over a few lines,
        and only these lines are normalised (until that costs more than the whole text)."""
        raw = self._raw()
        if raw is None or pair == _FIGURE_SYMBOL * 2 or _JOIN in pair:
            # (two figures meet on every line of a form; a pair holding the joiner is in no line)
            return _gather(self.text, pair)
        needle, fits = _needle(pair)
        count = raw.count(needle)
        if self._text is not None or count > self._budget:
            return _gather(self.text, pair)
        return self._normed_holders(raw, needle, fits, count)

    def _normed_holders(self, raw: str, needle: str, fits: Callable[[str, int], bool] | None, count: int) -> str:
        """The lines of ``raw`` holding ``needle`` where ``fits`` (``_holders``), normalised
        (each line once for the index) and joined by ``_SEP``; the ``count`` occurrences of
        the needle spent from the budget."""
        self._budget -= count
        spans = _holders(raw, _JOIN, needle, fits)
        assert spans is not None  # (no most: every line holding the needle)
        normed = self._normed
        new = [(s, e) for s, e in spans if s not in normed]
        normed.update(zip([s for s, _ in new], _norm_each([raw[s:e] for s, e in new])))
        return _SEP.join([normed[s] for s, _ in spans])


def _gather(text: str, pair: str) -> str:
    """The runs of ``text`` between two ``_SEP`` that hold ``pair``, joined by ``_SEP``: the
    dozen-odd searches of one junction go over a few of them instead of the whole text (a
    long document's text is tens of thousands of characters, each search a scan of it). A
    pair met everywhere ('00': figures side by side) gathers the whole text."""
    spans = _holders(text, _SEP, pair, None, _MEETING_LINES)
    return text if spans is None else _SEP.join([text[s:e] for s, e in spans])


def _needle(pair: str) -> tuple[str, Callable[[str, int], bool] | None]:
    """What a line must hold to hold ``pair`` once normalised, and what must hold around
    each place it does (a prefilter: every line that holds the pair passes, and a few that
    do not). Normalising keeps every character but whitespace and figures, so two kept
    characters meet in a normalised line only where they meet in the line; a figure's symbol
    stands for a digit with the line's spaces around it (``_FIGURE_RE``), so a kept character
    before it is followed by spaces and a digit in the line, one after it follows a digit and
    spaces."""
    c, d = pair[0], pair[1]
    if c == _FIGURE_SYMBOL:
        return d, _after_figure
    if d == _FIGURE_SYMBOL:
        return c, _before_figure
    return pair, None


def _holders(text: str, sep: str, needle: str, fits: Callable[[str, int], bool] | None,
             most: int | None = None) -> list[tuple[int, int]] | None:
    """The spans of the lines of ``text`` (separated by ``sep``) holding ``needle`` where
    ``fits`` (``_needle``), each line once (a line ends at the first ``sep`` from where the
    needle starts); None when more than ``most`` do."""
    spans: list[tuple[int, int]] = []
    pos = text.find(needle)
    while pos >= 0:
        if fits is not None and not fits(text, pos):
            pos = text.find(needle, pos + 1)
            continue
        if len(spans) == most:
            return None
        start = text.rfind(sep, 0, pos) + 1
        end = text.find(sep, pos)
        if end < 0:
            end = len(text)
        spans.append((start, end))
        pos = text.find(needle, max(end, pos + 1))  # (always forward, whatever the needle holds)
    return spans


def _before_figure(raw: str, pos: int) -> bool:
    """Is the character at ``pos`` followed by spaces and a digit?"""
    k = pos + 1
    while k < len(raw) and raw[k].isspace():
        k += 1
    return raw[k:k + 1].isdecimal()


def _after_figure(raw: str, pos: int) -> bool:
    """Does the character at ``pos`` follow a digit and spaces?"""
    k = pos - 1
    while k >= 0 and raw[k].isspace():
        k -= 1
    return k >= 0 and raw[k].isdecimal()


def restore_swaps(texts: Sequence[str], starts_para: Sequence[bool], ends: Sequence[bool],
                  order: list[int], index: PhraseIndex) -> list[int]:
    """``order`` (indices of ``texts``, a section's narrative lines) with the adjacent pairs
    printed the wrong way round put back (see module doc). ``starts_para``: the line opens an
    item or paragraph; ``ends``: it ends its sentence or clause. The first line stays first."""
    n = len(order)
    memo: dict[tuple[int, int], int] = {}

    def run(a: int, b: int) -> int:
        got = memo.get((a, b))
        if got is None:
            got = memo[(a, b)] = index.across(texts[a], texts[b])
        return got

    def swappable(k: int) -> bool:
        x, y = order[k], order[k + 1]
        if not _tall_start(texts[x]) or starts_para[x] or ends[y] or not texts[y]:
            return False
        # as printed the two lines meet in no written phrase (a chance meeting at most), the
        # other way round in a better one (two lines alike, 评为“优”… and 评为“良”…, meet in a
        # phrase either way: never swapped for each other)
        if index.attests(texts[x], texts[y], SWAP_COST + 1):
            return False  # (the cheap question first: most junctions meet in a phrase)
        printed = run(x, y)
        return printed <= SWAP_COST and run(y, x) > printed

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
                offer(k + 2, 1, (w + junction(last, y) + run(y, x) - SWAP_COST, [*swaps, k]))
    finals = [e for e in best[n] if e is not None]
    _, swaps = max(finals, key=lambda e: (e[0], -len(e[1])))
    out = list(order)
    for k in swaps:
        out[k], out[k + 1] = out[k + 1], out[k]
    return out


__all__ = ["SWAP_COST", "PhraseIndex", "restore_swaps"]
