"""The speed ratios that matter (issue 15), measured side by side in one run.

- CLI start-up (``juesuan --help``) ÷ a bare interpreter (``python -c pass``);
- in-process read + audit of each text seed, ms per document, and how it grows with the
  document: the log-log slope of time against cell count over the seeds (1 = linear);
- OCR of realistic scans: table pages of the real sample rendered at 150 dpi, rotated,
  JPEG-compressed and noisy (tests/read/scans.py), read through the whole pipeline: seconds
  per page, share of the text layer's cells read exactly, and peak memory of the process.

The text-layer PDF ratio (reader ÷ pypdfium2 plain text) is in bench_read.
Environment: JUESUAN_BENCH_OCR_PAGES (default "15,18": T05 and T09), JUESUAN_BENCH_NO_OCR=1.
"""

from __future__ import annotations

import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))

from tests_support import SAMPLES, SEEDS  # noqa: E402

SAMPLE = SAMPLES / "上海市普陀区财政局2024年度部门决算.pdf"


def _wall(cmd: list[str], k: int = 5) -> float:
    best = float("inf")
    for _ in range(k):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - t)
    return best


def startup() -> list[tuple[str, str]]:
    exe = Path(sys.executable)
    cli = exe.parent / "juesuan"
    bare = _wall([str(exe), "-c", "pass"])
    if not cli.exists():
        return [("CLI start-up", "juesuan not installed in this interpreter's environment")]
    help_ = _wall([str(cli), "--help"])
    return [
        ("bare interpreter start, s", f"{bare:.3f}"),
        ("juesuan --help, s", f"{help_:.3f}"),
        ("CLI start-up ÷ bare interpreter", f"{help_ / bare:.1f}x"),
    ]


def in_process() -> list[tuple[str, str]]:
    import juesuan

    rows: list[tuple[str, str]] = []
    points: list[tuple[int, float]] = []
    for path in sorted(SEEDS.glob("*.txt")):
        d = juesuan.read(path)
        juesuan.audit(d)  # warm: catalogues and compiled patterns load once per process
        best = float("inf")
        for _ in range(3):
            t = time.process_time()
            d = juesuan.read(path)
            juesuan.audit(d)
            best = min(best, time.process_time() - t)
        cells = sum(len(t.cells) for t in d.tables.values())
        points.append((cells, best))
        rows.append((f"read + audit {path.name[:3]} ({cells} cells), CPU ms", f"{best * 1000:.0f}"))
    if len(points) >= 2:
        xs = [math.log(c) for c, _ in points]
        ys = [math.log(t) for _, t in points]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        rows.append(("growth with cells: log-log slope (1 = linear)", f"{slope:.2f}"))
        rows.append(("mean CPU ms per text document", f"{1000 * sum(t for _, t in points) / len(points):.0f}"))
    return rows


def ocr() -> list[tuple[str, str]]:
    if os.environ.get("JUESUAN_BENCH_NO_OCR"):
        return [("OCR", "skipped (JUESUAN_BENCH_NO_OCR)")]
    from juesuan.read import ocr as ocr_mod

    if not ocr_mod.available() or not SAMPLE.exists():
        return [("OCR", "not installed, or the sample is missing")]
    from juesuan.pipeline import load
    from read.scans import REALISTIC, Damage, scanned_pdf

    pages = [int(p) for p in os.environ.get("JUESUAN_BENCH_OCR_PAGES", "15,18").split(",")]
    ref = load(SAMPLE)
    want = {(t.id, c.row, c.column): c.value for t in ref.tables.values() for c in t.cells if c.page in pages}
    rows: list[tuple[str, str]] = []
    for dmg in (Damage(dpi=150), *REALISTIC):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(scanned_pdf(SAMPLE.read_bytes(), dmg, pages, seed=7))
            f.flush()
            t, c = time.perf_counter(), time.process_time()  # process time counts every OCR thread
            d = load(f.name)
            el, cpu = time.perf_counter() - t, time.process_time() - c
        got = {(t.id, c.row, c.column): c.value for t in d.tables.values() for c in t.cells}
        ok = sum(1 for k, v in want.items() if got.get(k) == v)
        label = f"{dmg.angle:+.1f}°, JPEG {dmg.jpeg_quality or '-'}, noise {dmg.noise:g}"
        rows.append((f"OCR scan ({label}): cells exact", f"{ok}/{len(want)} = {100 * ok / max(len(want), 1):.1f}%"))
        rows.append((f"OCR scan ({label}): CPU s/page (wall)", f"{cpu / len(pages):.2f} ({el / len(pages):.2f})"))
    rows.append(("peak memory of this process (RSS), MB", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}"))
    return rows


def run() -> list[tuple[str, str]]:
    return startup() + in_process() + ocr()


if __name__ == "__main__":
    for label, figure in run():
        print(f"{label:<58} {figure}")
