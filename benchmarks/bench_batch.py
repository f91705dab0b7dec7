"""Batch throughput: documents/s through `juesuan batch` (bounded workers → store), peak
memory per worker, speed-up from 1 to 2 workers, and the CPU per real PDF in a batch ÷
pypdfium2's plain text of it.

The corpus: synthetic departments from juesuan's own writer in five formats, plus the real
seeds and samples from ../shared when present. To reach JUESUAN_BENCH_DOCS documents (default
1,000) without rendering each one, a rendered document is reused with a harmless change that
gives it new bytes (a trailing newline / PDF comment after %%EOF / zip archive comment / HTML
comment): the batch reads each copy in full, since it only skips bytes it has seen.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MIX = {"txt": 0.6, "pdf": 0.15, "docx": 0.1, "xlsx": 0.1, "html": 0.05}
DEPARTMENTS = 4  # distinct synthetic departments rendered per format


def _variant(fmt: str, data: bytes, k: int) -> bytes:
    if fmt == "txt":
        return data + b"\n" * (k + 1)
    if fmt == "pdf":
        return data + b"%% copy %d\n" % k
    if fmt in ("docx", "xlsx"):
        src = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info in src.infolist():
                z.writestr(info, src.read(info.filename))
            z.comment = b"copy %d" % k
        return out.getvalue()
    return data + b"<!-- copy %d -->" % k


def build_corpus(directory: Path, total: int) -> dict[str, list[Path]]:
    from juesuan.demo import PROFILES, generate_year
    from juesuan.render import render_bytes

    rendered: dict[str, list[bytes]] = {f: [] for f in MIX}
    for i in range(DEPARTMENTS):
        dy = generate_year(PROFILES[i % len(PROFILES)], 2024 - i % 3, seed=500 + i)
        for fmt in MIX:
            rendered[fmt].append(render_bytes(dy.disclosure, fmt, None, dy.supplement))
    out: dict[str, list[Path]] = {f: [] for f in MIX}
    real = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "samples").glob("*.pdf"))
    out["real"] = []
    for p in real:
        target = directory / "real" / p.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(p.read_bytes())
        out["real"].append(target)
    left = total - len(real)
    for fmt, share in MIX.items():
        n = round(left * share)
        for k in range(n):
            base = rendered[fmt][k % DEPARTMENTS]
            p = directory / fmt / f"d{k:04d}.{fmt}"
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(_variant(fmt, base, k))
            out[fmt].append(p)
    return out


def run_batch(files: list[Path], workers: int) -> tuple[float, float, int, float, float]:
    """(wall seconds, peak MB of any worker, failures, parent CPU s, workers' CPU s) for one
    batch into a fresh store. CPU time is what the figures are judged on: the machine is
    shared, and wall time measures the neighbours as much as juesuan."""
    from juesuan.batch.runner import execute, plan, run_local
    from juesuan.limits import current
    from juesuan.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        t0, c0 = time.perf_counter(), time.process_time()
        entries, jobs = plan(files, store, html=False)
        peak = [0.0]
        failed = [0]
        worker_cpu = [0.0]

        def outcomes():
            for out in run_local(jobs, workers, current()):
                worker_cpu[0] += out.cpu_s
                yield out

        def seen(entry, result):
            peak[0] = max(peak[0], entry.peak_mb)
            failed[0] += entry.run_status != "ok"

        execute(store, entries, jobs, outcomes(), None, seen)
        seconds, parent_cpu = time.perf_counter() - t0, time.process_time() - c0
        store.close()
    return seconds, peak[0], failed[0], parent_cpu, worker_cpu[0]


def _cpu_rate(n: int, parent: float, workers: float, cores: int = 2) -> str:
    """Documents per second the CPU time allows on ``cores`` free cores (parent and workers
    share them), and the CPU ms per document on each side."""
    per_doc = (parent + workers) / max(n, 1)
    return f"{cores / per_doc:.1f} docs/s on {cores} free cores (CPU/doc: parent {1000 * parent / n:.0f} ms, worker {1000 * workers / n:.0f} ms)"


def real_pdf_ratio(copies: int = 8) -> list[tuple[str, str]]:
    """A year's PDFs as a batch sees them (issue 15: a reviewer with thousands of files): the
    real sample PDFs (and those of JUESUAN_BENCH_PDFS), each in ``copies`` copies, read,
    audited and stored by 2 workers; CPU per PDF (parent and workers) ÷ pypdfium2's plain text
    of the same PDFs in process. Start-up and imports are paid once per worker, not per file."""
    import statistics

    from bench_read import _extra_pdfs, plain_text

    real = [p for p in sorted((SHARED / "samples").glob("*.pdf")) if "模板" not in p.name] + _extra_pdfs()
    if not real:
        return [("real PDFs in a batch", "no sample PDF found")]
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, src in enumerate(real):
            data = src.read_bytes()
            for k in range(copies):
                p = Path(tmp) / f"r{i}" / f"c{k}.pdf"
                p.parent.mkdir(exist_ok=True)
                p.write_bytes(_variant("pdf", data, k))
                files.append(p)
        _, _, failed, pc, wc = run_batch(files, 2)
    plain = []
    for src in real:
        data = src.read_bytes()
        plain_text(data)
        times = []
        for _ in range(5):
            t = time.process_time()
            plain_text(data)
            times.append(time.process_time() - t)
        plain.append(statistics.median(times))
    per_pdf, per_plain = (pc + wc) / len(files), sum(plain) / len(plain)
    return [(f"{len(files)} real PDFs ({len(real)} × {copies} copies), 2 workers: CPU per PDF ÷ pypdfium2 text",
             f"{per_pdf / per_plain:.1f}x ({1000 * per_pdf:.0f} ÷ {1000 * per_plain:.0f} ms; read, audit and store; "
             f"{failed} failed)")]


def run() -> list[tuple[str, str]]:
    total = int(os.environ.get("JUESUAN_BENCH_DOCS", "1000"))
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = build_corpus(Path(tmp), total)
        everything = [p for ps in corpus.values() for p in ps]
        secs, peak, failed, pc, wc = run_batch(everything, 2)
        n = len(everything)
        rows.append((f"{n} mixed documents, 2 workers (wall)", f"{n / secs:.1f} docs/s ({secs:.0f} s)"))
        rows.append((f"{n} mixed documents, 2 workers (CPU)", _cpu_rate(n, pc, wc)))
        rows.append(("  failed (real template PDF and the like)", str(failed)))
        rows.append(("  peak memory of a worker", f"{peak:.0f} MB"))
        texts = corpus["txt"][:200]
        t1, p1, _, pc1, wc1 = run_batch(texts, 1)
        t2, p2, _, pc2, wc2 = run_batch(texts, 2)
        rows.append((f"{len(texts)} text documents, 1 worker (wall)", f"{len(texts) / t1:.1f} docs/s"))
        rows.append((f"{len(texts)} text documents, 2 workers (wall)", f"{len(texts) / t2:.1f} docs/s"))
        rows.append((f"{len(texts)} text documents, 2 workers (CPU)", _cpu_rate(len(texts), pc2, wc2)))
        rows.append(("  speed-up 1 → 2 workers (wall)", f"{t1 / t2:.2f}×"))
        pdfs = corpus["pdf"][:60]
        tp, pp, _, pcp, wcp = run_batch(pdfs, 2)
        rows.append((f"{len(pdfs)} text-layer PDFs, 2 workers (wall)", f"{len(pdfs) / tp:.2f} PDFs/s (peak {pp:.0f} MB a worker)"))
        rows.append((f"{len(pdfs)} text-layer PDFs, 2 workers (CPU)", _cpu_rate(len(pdfs), pcp, wcp)))
        for fmt in ("docx", "xlsx", "html"):
            sub = corpus[fmt][:40]
            ts, ps, _, pcs, wcs = run_batch(sub, 2)
            rows.append((f"{len(sub)} {fmt}, 2 workers", f"{len(sub) / ts:.1f} docs/s wall (peak {ps:.0f} MB); "
                                                         f"{_cpu_rate(len(sub), pcs, wcs)}"))
    rows.extend(real_pdf_ratio())
    return rows


if __name__ == "__main__":  # python benchmarks/bench_batch.py
    for label, fig in run():
        print(f"{label:45s} {fig}")
