"""Scans as they really come (issue 15): the real sample's table pages rendered as damaged
scans — 150 dpi, rotated up to 1.5°, JPEG quality 70 to 50, sensor noise (``tests/read/scans.py``,
seeded, so every run reads the same pixels) — read through the whole pipeline (OCR, layout,
extraction, identity repair).

Per damage level, against the text layer's cells of the same pages:

- numeric cells exact (aim ≥ 98 %);
- wrong but marked uncertain (the identities could not confirm them: a reviewer is warned),
  and exact but marked uncertain (the price: figures no identity vouches for);
- **wrong and not marked** (silent errors; aim 0), and cells not read at all;
- cells read that the text layer does not have (spurious);
- CPU seconds per page (process time: every OCR thread's CPU counts) and wall seconds per
  page (with JUESUAN_BENCH_OCR_WORKERS threads, default 1: the machine is shared);
- the command a user runs (``juesuan extract -f csv``) on the most damaged scan, a process
  with as many OCR threads as cores are free: wall and CPU seconds per page;
- the process's peak memory (RSS) at the end;
- the whole sample with its tables pasted as pictures under typed titles: cells exact, wrong
  (marked or not), not read, and its CPU seconds.

Environment: JUESUAN_BENCH_SCAN_PDF (default: the real sample; one or more text-layer PDFs
separated by the path separator, e.g. disclosures the project has never seen: their own text
layer is the reference, so no hand-made truth is needed), JUESUAN_BENCH_SCAN_PAGES (default:
every page of the PDF with table cells; 1-based, e.g. "6-13,15-18"),
JUESUAN_BENCH_SCAN_DAMAGE ("all" by default, or indexes into REALISTIC such as "2"),
JUESUAN_BENCH_OCR_WORKERS, JUESUAN_BENCH_NO_OCR=1 (skip).
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))

from tests_support import SAMPLES  # noqa: E402

SAMPLE = SAMPLES / "上海市普陀区财政局2024年度部门决算.pdf"


def _pages(spec: str) -> list[int]:
    out: list[int] = []
    for part in spec.split(","):
        a, _, b = part.partition("-")
        out.extend(range(int(a), int(b or a) + 1))
    return out


def score(want: dict, got: dict) -> dict[str, int]:
    """Reference cells (key → value) against a read's cells (key → Cell)."""
    s = {"cells": len(want), "exact": 0, "exact_flagged": 0, "flagged": 0, "silent": 0, "missing": 0, "spurious": 0}
    for key, value in want.items():
        cell = got.get(key)
        if cell is None:
            s["missing"] += 1
        elif cell.value == value:
            s["exact"] += 1
            s["exact_flagged"] += cell.uncertain
        elif cell.uncertain:
            s["flagged"] += 1
        else:
            s["silent"] += 1
    s["spurious"] = sum(1 for key in got if key not in want)
    return s


def read_scan(data: bytes, workers: int):
    """The whole pipeline on a scanned PDF: (Disclosure, CPU s, wall s)."""
    from juesuan.pipeline import build
    from juesuan.read.pdf import read_pdf

    t, c = time.perf_counter(), time.process_time()
    doc = build(read_pdf(data, "scan.pdf", ocr_workers=workers))
    return doc, time.process_time() - c, time.perf_counter() - t


def run() -> list[tuple[str, str]]:
    if os.environ.get("JUESUAN_BENCH_NO_OCR"):
        return [("damaged scans", "skipped (JUESUAN_BENCH_NO_OCR)")]
    from juesuan.read import ocr

    if not ocr.available() or not SAMPLE.exists():
        return [("damaged scans", "OCR not installed, or the sample is missing")]
    from juesuan.pipeline import load
    from read.scans import REALISTIC, scanned_pdf

    which = os.environ.get("JUESUAN_BENCH_SCAN_DAMAGE", "all")
    damages = REALISTIC if which == "all" else tuple(REALISTIC[int(i)] for i in which.split(","))
    workers = int(os.environ.get("JUESUAN_BENCH_OCR_WORKERS", "1"))
    given = os.environ.get("JUESUAN_BENCH_SCAN_PDF")
    pdfs = [Path(p) for p in given.split(os.pathsep) if p] if given else [SAMPLE]
    ocr.get_engine()  # loaded once, outside the timings
    rows: list[tuple[str, str]] = []
    total = {"cells": 0, "exact": 0, "silent": 0, "cpu": 0.0, "pages": 0}
    for pdf in pdfs:
        ref = load(pdf)
        spec = os.environ.get("JUESUAN_BENCH_SCAN_PAGES")
        pages = _pages(spec) if spec else sorted({c.page for t in ref.tables.values() for c in t.cells if c.page})
        want = {(t.id, c.row, c.column): c.value for t in ref.tables.values() for c in t.cells if c.page in pages}
        rows.append(("pages", f"{len(pages)} of {pdf.name} ({','.join(map(str, pages))})"))
        for dmg in damages:
            scan = scanned_pdf(pdf.read_bytes(), dmg, pages, seed=7)
            rows += _damaged(scan, len(pages), want, dmg, workers, total)
        rows.append(_command(scan, len(pages), damages[-1]))  # (the last, most damaged scan)
    rows.append(("all damage levels: numeric cells exact (aim ≥ 98%)",
                 f"{total['exact']}/{total['cells']} = {100 * total['exact'] / max(total['cells'], 1):.1f}%"))
    rows.append(("all damage levels: wrong and not marked uncertain (aim 0)", str(total["silent"])))
    rows.append(("all damage levels: OCR CPU s/page (aim ≤ 3)", f"{total['cpu'] / max(total['pages'], 1):.2f}"))
    if not given:
        rows += _pictured(load(SAMPLE), workers)
    rows.append(("peak memory of this process (RSS), MB", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}"))
    return rows


def _damaged(scan: bytes, pages: int, want: dict, dmg, workers: int, total: dict) -> list[tuple[str, str]]:
    """The scan (``pages`` pages with damage ``dmg``) read back, scored against ``want`` (the
    text layer's cells); adds to ``total``."""
    doc, cpu, wall = read_scan(scan, workers)
    # The scan holds only the chosen pages, renumbered from 1: cells compare by table and place.
    got = {(t.id, c.row, c.column): c for t in doc.tables.values() for c in t.cells}
    s = score(want, got)
    label = f"{dmg.angle:+.1f}°, JPEG {dmg.jpeg_quality}, noise {dmg.noise:g}"
    rows: list[tuple[str, str]] = []
    rows.append((f"{label}: numeric cells exact", f"{s['exact']}/{s['cells']} = {100 * s['exact'] / max(s['cells'], 1):.1f}%"))
    rows.append((f"{label}: wrong but marked uncertain / wrong, not marked / not read / spurious",
                 f"{s['flagged']} / {s['silent']} / {s['missing']} / {s['spurious']}"))
    rows.append((f"{label}: exact but marked uncertain (no identity confirms them)", str(s["exact_flagged"])))
    rows.append((f"{label}: CPU s/page (wall, {workers} thread{'s' if workers > 1 else ''})",
                 f"{cpu / pages:.2f} ({wall / pages:.2f})"))
    total["cells"] += s["cells"]
    total["exact"] += s["exact"]
    total["silent"] += s["silent"]
    total["cpu"] += cpu
    total["pages"] += pages
    return rows


def _command(scan: bytes, pages: int, dmg) -> tuple[str, str]:
    """``juesuan extract -f csv`` on the scan, as a user runs it: a process, reading in its
    bounded worker, as many OCR threads as cores are free (``juesuan.cores``). Wall seconds a
    page, and the command's CPU seconds (its worker's included)."""
    import subprocess

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scan.pdf"
        path.write_bytes(scan)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "juesuan", "extract", "-f", "csv", str(path)],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    label = f"{dmg.angle:+.1f}°, JPEG {dmg.jpeg_quality}: the command (extract -f csv), wall s/page (CPU s/page)"
    return (label, f"{wall / pages:.2f} ({cpu / pages:.2f})")


def _pictured(ref, workers: int) -> list[tuple[str, str]]:
    """The whole sample with every ruled table pasted as a picture under its typed title
    (``tests/read/pictured.py``): the pictures are found on text pages and OCR'd alone."""
    from read.pictured import pictured_tables_pdf

    want = {(t.id, c.row, c.column): c.value for t in ref.tables.values() for c in t.cells}
    doc, cpu, _wall = read_scan(pictured_tables_pdf(SAMPLE.read_bytes()), workers)
    got = {(t.id, c.row, c.column): c for t in doc.tables.values() for c in t.cells}
    s = score(want, got)
    return [
        ("tables pasted as pictures (the whole sample): cells exact", f"{s['exact']}/{s['cells']} = {100 * s['exact'] / max(s['cells'], 1):.1f}%"),
        ("tables pasted as pictures: wrong but marked uncertain / wrong, not marked / not read",
         f"{s['flagged']} / {s['silent']} / {s['missing']}"),
        ("tables pasted as pictures: CPU s for the document", f"{cpu:.1f}"),
    ]


if __name__ == "__main__":
    for label, figure in run():
        print(f"{label:<80} {figure}")
