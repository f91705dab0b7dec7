"""Text outside any ruled table → prose rows: glyphs clustered by baseline, split into chunks
where a wide gap separates visually distinct runs. Consecutive multi-run lines that share
column positions (a table drawn without rulings) are aligned on common columns so the i-th
chunk of each line sits in the i-th column (``gridded=False``: the columns are guessed)."""

from __future__ import annotations

from operator import attrgetter

from juesuan.read.layout.glyphs import Glyph, cluster_baselines, join_glyphs, round2
from juesuan.read.layout.row import Row
from juesuan.read.types import Chunk
from juesuan.textnorm import nfkc

# A gap wider than this many character sizes separates two runs (cells of a table printed
# without rulings, or text set apart); justified Chinese prose stays below half a character.
RUN_GAP = 1.2
RUN_GAP_WIDE = 2.0
_X0, _X1, _TOP, _BOTTOM = attrgetter("x0"), attrgetter("x1"), attrgetter("top"), attrgetter("bottom")


def _f(v: float | None) -> float:
    """A coordinate of a chunk built here from glyphs (always set; typed optional in Chunk)."""
    return 0.0 if v is None else v


def _runs(line: list[Glyph], gap: float = RUN_GAP) -> list[list[Glyph]]:
    """Split one printed line into visually separate runs (wide gaps)."""
    runs: list[list[Glyph]] = [[line[0]]]
    run = runs[0]
    for a, b in zip(line, line[1:]):
        d = b.x0 - a.x1
        # (the size is at least 1: a gap of at most ``gap`` points splits nothing, and most
        # glyphs of a line are set closer than that)
        if d > gap and d > gap * max(min(a.size, b.size), 1.0):
            run = [b]
            runs.append(run)
        else:
            run.append(b)
    return runs


def _chunk_of(glyphs: list[Glyph]) -> Chunk:
    text = nfkc(join_glyphs(glyphs)).strip()
    # The run's extent, each side in a loop that runs in C (this runs for every prose line)
    return Chunk(text, round2(min(map(_X0, glyphs))), round2(max(map(_X1, glyphs))),
                 round2(min(map(_TOP, glyphs))), round2(max(map(_BOTTOM, glyphs))))


def _coarse(runs: list[list[Glyph]], chunks: list[Chunk]) -> list[Chunk]:
    """The line split at RUN_GAP_WIDE only, from its RUN_GAP runs and their chunks: a wide
    gap is also a gap, so the wide runs are the runs merged where the gap between them is
    narrower than RUN_GAP_WIDE (the same split as ``_runs(line, RUN_GAP_WIDE)``), and a run
    left whole keeps its chunk."""
    groups: list[list[int]] = [[0]]
    for i in range(1, len(runs)):
        a, b = runs[i - 1][-1], runs[i][0]
        size = max(min(a.size, b.size), 1.0)
        if b.x0 - a.x1 > RUN_GAP_WIDE * size:
            groups.append([i])
        else:
            groups[-1].append(i)
    if len(groups) == len(runs):
        return [c for c in chunks if c.text]
    out = (chunks[grp[0]] if len(grp) == 1 else _chunk_of([g for i in grp for g in runs[i]]) for grp in groups)
    return [c for c in out if c.text]


def prose_rows(glyphs: list[Glyph]) -> list[Row]:
    rows = []
    for ln in cluster_baselines(glyphs):
        runs = _runs(ln)
        every = [_chunk_of(r) for r in runs]
        chunks = [c for c in every if c.text]
        if not chunks:
            continue
        coarse = chunks if len(chunks) == 1 else _coarse(runs, every)
        top = min(_f(c.top) for c in chunks)
        bottom = max(_f(c.bottom) for c in chunks)
        rows.append(Row(top, bottom, chunks, False, coarse=coarse))
    return rows


def align_unruled(rows: list[Row]) -> None:
    """A table printed without rulings: consecutive prose lines with 3+ runs whose runs fall
    into shared columns get empty chunks for missing columns, so positions line up."""
    i = 0
    n = len(rows)
    while i < n:
        if rows[i].gridded or len(rows[i].chunks) < 3:
            i += 1
            continue
        j = i
        while j < n and not rows[j].gridded and len(rows[j].chunks) >= 2:
            j += 1
        block = rows[i:j]
        if len(block) >= 3 and _align_block(block):
            for r in block:
                r.coarse = None
        i = max(j, i + 1)
    for r in rows:
        if r.coarse is not None:
            r.chunks = r.coarse


def _columns(block: list[Row]) -> list[list[float]]:
    """Column extents of a block: from the rows with the most runs (the data rows), or, if
    those disagree on the order, all runs' extents merged."""
    m = max(len(r.chunks) for r in block)
    anchors = [r for r in block if len(r.chunks) == m]
    cols: list[list[float]] = []
    for i in range(m):
        xs0 = [_f(r.chunks[i].x0) for r in anchors]
        xs1 = [_f(r.chunks[i].x1) for r in anchors]
        cols.append([min(xs0), max(xs1)])
    if all(cols[i][1] <= cols[i + 1][0] + 1 for i in range(m - 1)):
        return cols
    spans = sorted((_f(c.x0), _f(c.x1)) for r in block for c in r.chunks)
    cols = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] - 1:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return cols


def _align_block(block: list[Row]) -> bool:
    """Every run of every row goes to the column it overlaps most; two runs in one column
    are joined."""
    cols = _columns(block)
    if len(cols) < 3 or len(cols) > 40:
        return False
    for r in block:
        slots: list[list[Chunk]] = [[] for _ in cols]
        for c in r.chunks:
            cx0, cx1 = _f(c.x0), _f(c.x1)
            best, bov = None, 0.0
            for k, (a, b) in enumerate(cols):
                ov = min(b, cx1) - max(a, cx0)
                if ov > bov:
                    best, bov = k, ov
            if best is None:  # in a gap between columns: the nearest one
                xc = (cx0 + cx1) / 2
                best = min(range(len(cols)), key=lambda k: min(abs(cols[k][0] - xc), abs(cols[k][1] - xc)))
            slots[best].append(c)
        new: list[Chunk] = []
        for (a, b), sl in zip(cols, slots):
            if not sl:
                new.append(Chunk("", round2(a), round2(b), round2(r.top), round2(r.bottom)))
            elif len(sl) == 1:
                new.append(sl[0])
            else:
                new.append(Chunk(" ".join(c.text for c in sl), sl[0].x0, sl[-1].x1, min(_f(c.top) for c in sl), max(_f(c.bottom) for c in sl)))
        r.chunks = new
    return True
