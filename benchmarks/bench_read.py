"""Reader benchmark on the real samples (shared/samples).

``run() -> list[tuple[str, str]]`` returns (label, figure) rows:

- text-layer PDF, every sample and every PDF of JUESUAN_BENCH_PDFS: juesuan's reader (PDFium
  glyphs and rulings + layout) ÷ pypdfium2's plain text (no boxes, no layout), CPU time, the
  two taking turns, median of JUESUAN_BENCH_ROUNDS rounds with the rounds' spread (aim ≤ 3×);
  then seconds per page on the 2024 sample, and pdfplumber's plain text for comparison;
- OCR: the table pages rendered to bitmaps and read through the OCR path (seconds per page),
  and the share of numeric table cells whose OCR text equals the text-layer text
  (cells matched by position, both in PDF points);
- the whole pipeline (juesuan.pipeline.load) relative to plain text extraction, when the
  pipeline is available.

Run: ``.venv/bin/python benchmarks/bench_read.py`` (OCR rows need ``pip install juesuan[ocr]``).
Environment: JUESUAN_SAMPLES (folder of the samples), JUESUAN_BENCH_PDFS (more PDFs for the
ratio, e.g. ``JUESUAN_BENCH_PDFS='/tmp/unseen/*.pdf' make bench``), JUESUAN_BENCH_ROUNDS,
JUESUAN_BENCH_OCR_PAGES ("6-20" by
default: the pages holding the nine tables; "all" for every page), JUESUAN_BENCH_OCR_DPI
(default: the reader's own OCR_DPI), JUESUAN_BENCH_NO_OCR=1 (skip the OCR rows).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

SAMPLE = "上海市普陀区财政局2024年度部门决算.pdf"


def _sample() -> Path | None:
    for cand in (os.environ.get("JUESUAN_SAMPLES"), HERE.parent.parent / "shared" / "samples", Path("/work/shared/samples")):
        if cand and (Path(cand) / SAMPLE).exists():
            return Path(cand) / SAMPLE
    return None


def _pages(spec: str, n: int) -> list[int]:
    if spec == "all":
        return list(range(1, n + 1))
    out: list[int] = []
    for part in spec.split(","):
        if "-" in part:
            a, b = part.split("-")
            out.extend(range(int(a), int(b) + 1))
        elif part.strip():
            out.append(int(part))
    return [p for p in out if 1 <= p <= n]


def _best_of(fn, k: int = 3) -> float:
    """Best CPU time of k runs (process time: the machine is shared, wall time would measure
    the neighbours)."""
    best = float("inf")
    for _ in range(k):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def _rounds(fns, k: int) -> list[list[float]]:
    """CPU time of each function in each of k rounds, the functions taking turns in each
    round, so a neighbour's burst on the shared machine weighs on all of them alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(k):
        for i, fn in enumerate(fns):
            t = time.process_time()
            fn()
            times[i].append(time.process_time() - t)
    return times


def plain_text(data: bytes) -> None:
    """The floor: pypdfium2's plain text of every page (no boxes, no layout)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    for i in range(len(doc)):
        tp = doc[i].get_textpage()
        tp.get_text_range()
        tp.close()
    doc.close()


def _extra_pdfs() -> list[Path]:
    """PDFs named by JUESUAN_BENCH_PDFS (glob patterns separated by spaces or the path
    separator), for measuring the ratio on documents nobody tuned on."""
    import glob

    spec = os.environ.get("JUESUAN_BENCH_PDFS", "")
    pats = [p for part in spec.split(os.pathsep) for p in part.split()]
    return [Path(f) for pat in pats for f in sorted(glob.glob(os.path.expanduser(pat)))]


def text_layer_ratios(folder: Path) -> list[tuple[str, str]]:
    """juesuan's reader ÷ pypdfium2 plain text on every sample PDF and on the PDFs of
    JUESUAN_BENCH_PDFS (aim ≤ 3×). CPU time, the two taking turns in each of
    JUESUAN_BENCH_ROUNDS rounds (default 9): the ratio of the medians, and the spread of the
    rounds' own ratios (the machine's noise)."""
    from juesuan.read.pdf import read_pdf

    rounds = int(os.environ.get("JUESUAN_BENCH_ROUNDS", "9"))
    rows: list[tuple[str, str]] = []
    for path in sorted(folder.glob("*.pdf")) + _extra_pdfs():
        data = path.read_bytes()
        read_pdf(data, str(path))  # warm: imports, PDFium's font caches
        plain, read = _rounds([partial(plain_text, data), partial(read_pdf, data, str(path))], rounds)
        t_plain, t_read = statistics.median(plain), statistics.median(read)
        each = sorted(r / p for p, r in zip(plain, read))
        rows.append((f"{path.name[:24]}: reader ÷ pypdfium2 text (CPU ms {t_read * 1000:.0f} ÷ {t_plain * 1000:.0f})",
                     f"{t_read / t_plain:.2f}x  (rounds {each[0]:.2f}–{each[-1]:.2f})"))
    return rows


def run() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    path = _sample()
    if path is None:
        return [("sample", "not found (set JUESUAN_SAMPLES)")]
    data = path.read_bytes()
    rows.extend(text_layer_ratios(path.parent))

    import pypdfium2 as pdfium

    from juesuan.read.pdf import read_pdf

    def plain():
        plain_text(data)

    def plain_plumber():
        # the same library's plain text: pdfplumber's extract_text, page by page
        import io

        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()

    ref = read_pdf(data, str(path))
    n = ref.pages or 1
    t_plain = _best_of(plain)
    t_plumber = _best_of(plain_plumber)
    rows.append(("plain text extraction (pdfplumber extract_text), CPU s/page", f"{t_plumber / n:.4f}"))
    t_text = _best_of(lambda: read_pdf(data, str(path)))
    rows.append(("sample", f"{path.name} ({n} pages)"))
    rows.append(("plain text extraction (pypdfium2), CPU s/page", f"{t_plain / n:.4f}"))
    rows.append(("text-layer PDF reader (lines+grid), CPU s/page", f"{t_text / n:.4f}"))

    # OCR
    from juesuan.read import ocr

    if os.environ.get("JUESUAN_BENCH_NO_OCR"):
        rows.append(("OCR", "skipped (JUESUAN_BENCH_NO_OCR)"))
    elif not ocr.available():
        rows.append(("OCR", "not installed (pip install juesuan[ocr])"))
    else:
        import juesuan.read.pdf_ocr as pdfmod
        from juesuan.read.layout import Deadline
        from juesuan.read.types import Source

        dpi = int(os.environ.get("JUESUAN_BENCH_OCR_DPI", str(pdfmod.OCR_DPI)))
        pages = _pages(os.environ.get("JUESUAN_BENCH_OCR_PAGES", "6-20"), n)
        engine = ocr.get_engine()
        old = pdfmod.OCR_DPI
        pdfmod.OCR_DPI = dpi
        try:
            doc = pdfium.PdfDocument(data)
            lines = []
            t = time.process_time()
            for p in pages:
                lines.extend(pdfmod._ocr_page(doc, p - 1, engine, p, Deadline(None)))
            t_ocr = time.process_time() - t
            doc.close()
        finally:
            pdfmod.OCR_DPI = old
        osrc = Source(path=str(path), format="pdf", lines=lines, pages=n)
        eq, tot, misses = ocr.numeric_agreement(ref, osrc, pages=set(pages))
        rows.append((f"OCR at {dpi} dpi, pages {pages[0]}-{pages[-1]}, CPU s/page", f"{t_ocr / max(len(pages), 1):.2f}"))
        rows.append(("OCR numeric-cell accuracy vs text layer", f"{eq}/{tot} = {100 * eq / max(tot, 1):.1f}%"))
        if misses:
            rows.append(("OCR numeric misses (page: expected→got)", "; ".join(f"{p}: {a}→{b or '∅'}" for p, a, b in misses[:8])))

    # Whole pipeline
    try:
        from juesuan.pipeline import load

        t_pipe = _best_of(lambda: load(path))
        rows.append(("whole pipeline (pipeline.load), CPU s/page", f"{t_pipe / n:.3f}"))
        rows.append(("whole pipeline / plain text extraction", f"{t_pipe / t_plain:.1f}x"))
        rows.append(("whole pipeline / text-layer reader", f"{t_pipe / t_text:.2f}x"))
        rows.append(("whole pipeline / pdfplumber extract_text", f"{t_pipe / t_plumber:.1f}x"))
    except Exception as e:  # the pipeline is not ready yet, or fails on this file
        rows.append(("whole pipeline", f"unavailable ({type(e).__name__}: {str(e)[:80]})"))
    rows.extend(process_ratio(path))
    return rows


# A side-by-side run as a user times it: two commands, each a fresh interpreter.
_PLAIN_SCRIPT = ("import sys, pypdfium2 as p; d = p.PdfDocument(sys.argv[1]); "
                 "sys.stdout.write('\\f'.join(d[i].get_textpage().get_text_range() for i in range(len(d))))")


# The commands timed as processes: the cells as CSV, the readable view, the audit.
_COMMANDS = (("extract -f csv", ["extract", "-f", "csv"]), ("extract", ["extract"]), ("check", ["check"]),
             # a first run: nothing in the compile caches yet (juesuan.codecache), which it fills
             ("check, first run", ["check"]))
_FIRST_RUN = "check, first run"


def process_ratio(path: Path, rounds: int = 5) -> list[tuple[str, str]]:
    """``juesuan extract -f csv``, ``juesuan extract`` and ``juesuan check`` on the PDF, each
    as a process ÷ a pypdfium2 text script as a process, the commands taking turns, medians:

    - wall-clock time, what a user waits for (a command reads in a worker process while it
      prepares the build: on two cores the two overlap);
    - CPU of the child and of every process it waited for (its reading worker), user +
      system: what a machine spends, the figure a batch's throughput follows.

    Unlike the reader's ratio above this counts each interpreter's start-up and imports, the
    whole pipeline, the audit and the output; ``check, first run`` starts each time with an
    empty compile cache (juesuan.codecache), as the first command after an install does. On
    the sample and the PDFs of
    JUESUAN_BENCH_PDFS. (Output goes to /dev/null and no terminal is attached, as when a
    script runs the command: on a terminal a progress bar is drawn as well.)"""
    import resource
    import subprocess
    import tempfile
    import time

    def child(args: list[str], first_run: bool = False) -> tuple[float, float]:
        with tempfile.TemporaryDirectory(prefix="juesuan-bench-cache-") as empty:
            # a first run: an empty cache directory of its own, as after an install
            env = dict(os.environ, JUESUAN_CACHE_DIR=empty) if first_run else None
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    rows: list[tuple[str, str]] = []
    for pdf in [path, *_extra_pdfs()]:
        plain = [sys.executable, "-c", _PLAIN_SCRIPT, str(pdf)]
        ours = [[sys.executable, "-m", "juesuan", *args, str(pdf)] for _, args in _COMMANDS]
        for cmd in ours:
            child(cmd)  # warm: bytecode caches, the OS's file cache
        times: list[list[tuple[float, float]]] = [[] for _ in range(len(ours) + 1)]
        firsts = [False, *(label == _FIRST_RUN for label, _ in _COMMANDS)]
        for _ in range(rounds):
            for i, cmd in enumerate([plain, *ours]):
                times[i].append(child(cmd, firsts[i]))
        base = [statistics.median(t[k] for t in times[0]) for k in (0, 1)]
        for (label, _), t in zip(_COMMANDS, times[1:]):
            wall, cpu = (statistics.median(x[k] for x in t) for k in (0, 1))
            rows.append((f"{pdf.name[:24]}: juesuan {label} ÷ pypdfium2 text script, processes: wall "
                         f"(s {wall:.2f} ÷ {base[0]:.2f}); CPU (s {cpu:.2f} ÷ {base[1]:.2f})",
                         f"{wall / base[0]:.1f}x; {cpu / base[1]:.1f}x"))
    return rows


if __name__ == "__main__":
    for label, figure in run():
        print(f"{label:<48} {figure}")
