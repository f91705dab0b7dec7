"""How the in-process pipeline grows with the document (issue 15): one synthetic department
printed at 1×, 2×, 4× and 8× its cells, as text and as PDF, each read + audited in one process
(after a warm-up), CPU ms per document and per 1,000 cells, and the log-log slope of time
against cells (1 = linear; above 1, some step is superlinear). For the PDFs also the ratios
the issue sets its aim on, at each size: the reader, and read + audit, ÷ pypdfium2's plain
text of the same PDF (whether the ratio holds as documents grow).

A department grows the way real ones do: more 项 codes of its functional class (taken from
the catalogue, each with basic and project spending) and more projects with performance
self-evaluations; the writer prints it as text.
"""

from __future__ import annotations

import math
import random
import tempfile
import time
from dataclasses import replace
from pathlib import Path

FACTORS = (1, 2, 4, 8)


def _grown(factor: int):
    from juesuan import catalogue
    from juesuan.synth import PROFILES, generate_year
    from juesuan.synth import perf_tables as synth_perf

    base = PROFILES[0]
    cls = base.main_basic[0][0][:3]
    taken = {c for c, _ in base.main_basic + base.project} | {base.retire_code, base.medical_code}
    extra = [e.code for e in catalogue.entries("functional") if e.level == "项" and e.code.startswith(cls)
             and e.code not in taken and 2024 in e.editions]
    n_basic, n_project = len(base.main_basic) * (factor - 1), len(base.project) * (factor - 1)
    main_basic = base.main_basic + tuple((c, 0.1) for c in extra[:n_basic])
    project = base.project + tuple((c, 0.1) for c in extra[n_basic:n_basic + n_project])
    y = generate_year(replace(base, main_basic=main_basic, project=project), 2024)
    # more projects with whole self-evaluation tables (the writer prints three a department)
    firsts = [p for p in y.disclosure.performance if p.kind == "project"]
    for k in range(len(firsts) * (factor - 1)):
        p0 = firsts[k % len(firsts)]
        rng = random.Random(f"bench-growth/{factor}/{k}")
        y.disclosure.performance.append(synth_perf.project(f"{p0.name}（续{k + 1}）", base.name, base.units[0], 2024,
                                                           p0.budget, p0.executed, rng))
    return y


def _cpu(path: Path, k: int = 3) -> tuple[float, int]:
    import juesuan

    d = juesuan.read(path)
    juesuan.audit(d)
    best = float("inf")
    for _ in range(k):
        t = time.process_time()
        d = juesuan.read(path)
        juesuan.audit(d)
        best = min(best, time.process_time() - t)
    cells = sum(len(t.cells) for t in d.tables.values())
    cells += sum(len(p.indicators) * 4 + len(p.funds) * 6 for p in d.performance)
    return best, cells


def _plain_pdf_cpu(path: Path, k: int = 3) -> tuple[float, float]:
    """(pypdfium2's plain text, juesuan's reader) CPU s of the PDF, best of k."""
    import pypdfium2 as pdfium

    from juesuan.read.pdf import read_pdf

    data = path.read_bytes()

    def plain() -> None:
        doc = pdfium.PdfDocument(data)
        for i in range(len(doc)):
            doc[i].get_textpage().get_text_range()
        doc.close()

    out = []
    for fn in (plain, lambda: read_pdf(data, str(path))):
        fn()
        best = float("inf")
        for _ in range(k):
            t = time.process_time()
            fn()
            best = min(best, time.process_time() - t)
        out.append(best)
    return out[0], out[1]


def _slope(points: list[tuple[int, float]]) -> float:
    xs = [math.log(c) for c, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def run() -> list[tuple[str, str]]:
    from juesuan.render import render_file

    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        grown = [(f, _grown(f)) for f in FACTORS]
        for fmt in ("txt", "pdf"):
            points: list[tuple[int, float]] = []
            for f, y in grown:
                path = render_file(y.disclosure, fmt, Path(tmp) / f"grown{f}.{fmt}", None, y.supplement)
                secs, cells = _cpu(path)
                points.append((cells, secs))
                rows.append((f"{fmt} {f}× department ({cells} cells read), CPU ms",
                             f"{1000 * secs:.0f} ({1000_000 * secs / cells:.0f} per 1,000 cells)"))
                if fmt == "pdf":
                    plain, reader = _plain_pdf_cpu(path)
                    rows.append((f"  reader ÷ pypdfium2 text; read + audit ÷ it ({plain * 1000:.0f} ms)",
                                 f"{reader / plain:.2f}x; {secs / plain:.2f}x"))
            rows.append((f"{fmt}: growth with cells, log-log slope (1 = linear)", f"{_slope(points):.2f}"))
            for (c0, t0), (c1, t1) in zip(points, points[1:]):
                rows.append((f"  {fmt} step {c0} → {c1} cells: time ×", f"{t1 / t0:.2f} for cells ×{c1 / c0:.2f}"))
    return rows


if __name__ == "__main__":  # python benchmarks/bench_growth.py
    for label, fig in run():
        print(f"{label:55s} {fig}")
