"""The speed ratios that matter (issue 15), measured side by side in one run.

- CLI start-up (``juesuan --help``) ÷ a bare interpreter (``python -c pass``);
- in-process read + audit of each text seed, ms per document, and how it grows with the
  document: the log-log slope of time against cell count over the seeds (1 = linear); and of
  the unseen disclosures' texts when ``JUESUAN_UNSEEN_DIR`` (default /tmp/unseen25) holds them;
- the same for each seed read once, as a batch reads it: in a process that has read every
  other seed (``first_reads``). The repeated runs above find every text of the document in
  the readers' caches (``lru_cache`` by text: cells, names, normalised lines) from the run
  before; a batch reads each document once, and pays for its texts.

And the same for the text other tools print from the sample PDFs (``text dumps``): a dump of
pdftotext without -layout prints its tables column by column, placed by a search over their
identities (extract/blocks) — seconds, not milliseconds, so measured once each and listed apart.

The text-layer PDF ratio (reader ÷ pypdfium2 plain text) is in bench_read; OCR of damaged
scans (accuracy, seconds per page, peak memory) in bench_scans.
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))

from tests_support import SAMPLES, SEEDS  # noqa: E402


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


def _cpu(path: Path, k: int = 7) -> tuple[float, float, float, object]:
    """CPU seconds of read + audit of one document, after a warm-up: (median, min, max) of
    ``k`` runs, and the last model. CPU time, not wall time: the machine may be shared, and
    even CPU time swings with the load (caches, frequency), hence the median and the spread."""
    import juesuan

    d = juesuan.read(path)
    juesuan.audit(d)  # warm: catalogues and compiled patterns load once per process
    times = []
    for _ in range(k):
        t = time.process_time()
        d = juesuan.read(path)
        juesuan.audit(d)
        times.append(time.process_time() - t)
    return statistics.median(times), min(times), max(times), d


def _unseen_texts() -> list[Path]:
    """The unseen disclosures' text versions (``JUESUAN_UNSEEN_DIR``, as bench_unseen), when
    the folder is there: measured only, never part of the repository."""
    folder = Path(os.environ.get("JUESUAN_UNSEEN_DIR") or "/tmp/unseen25")
    return sorted(folder.glob("*.txt")) if (folder / "truth").is_dir() else []


def _row(path: Path, label: str) -> tuple[tuple[str, str], tuple[int, float]]:
    med, low, high, d = _cpu(path)
    cells = sum(len(t.cells) for t in d.tables.values())  # type: ignore[attr-defined]
    return ((f"read + audit {label} ({cells} cells), CPU ms median [min–max]",
             f"{med * 1000:.0f} [{low * 1000:.0f}–{high * 1000:.0f}]"), (cells, med))


def in_process() -> list[tuple[str, str]]:
    """Each document read and audited in this one process, as a batch worker reads one after
    another: after its first document the worker sets aside what that loaded for good
    (``gcpause.settle``), and so does this bench."""
    import juesuan
    from juesuan.gcpause import settle

    rows: list[tuple[str, str]] = []
    points: list[tuple[int, float]] = []
    paths = [p for p in [*sorted(SEEDS.glob("*.txt")), REPO / "src" / "juesuan" / "examples" / "sample_disclosure.txt"]
             if p.exists()]
    if paths:
        juesuan.audit(juesuan.read(paths[0]))
        settle()
    for path in paths:
        row, point = _row(path, path.name[:16])
        rows.append(row)
        points.append(point)
    unseen = [_row(path, f"unseen {path.stem}")[0] for path in _unseen_texts()]
    if len(points) >= 2:
        xs = [math.log(c) for c, _ in points]
        ys = [math.log(t) for _, t in points]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        rows.append(("growth with cells: log-log slope (1 = linear)", f"{slope:.2f}"))
        rows.append(("mean CPU ms per text document (medians)", f"{1000 * sum(t for _, t in points) / len(points):.0f}"))
    return rows + unseen


# One process per seed: the other seeds and the synthetic sample read first (modules,
# patterns and what the documents share are warm, as in a batch), then the seed once.
_FIRST_READ = """
import sys, time, juesuan
from juesuan.gcpause import settle
for q in sys.argv[2:]:
    juesuan.audit(juesuan.read(q))
settle()
t = time.process_time()
juesuan.audit(juesuan.read(sys.argv[1]))
print(time.process_time() - t)
"""


def first_reads(k: int = 3) -> list[tuple[str, str]]:
    """CPU ms of each seed's read + audit when a batch worker meets it for the first time
    (median of ``k`` processes)."""
    paths = [*sorted(SEEDS.glob("*.txt")), REPO / "src" / "juesuan" / "examples" / "sample_disclosure.txt"]
    paths = [p for p in paths if p.exists()]
    rows: list[tuple[str, str]] = []
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    for path in paths[:-1]:
        others = [str(p) for p in paths if p != path]
        times = []
        for _ in range(k):
            out = subprocess.run([sys.executable, "-c", _FIRST_READ, str(path), *others], capture_output=True,
                                 text=True, env=env, check=False)
            try:
                times.append(float(out.stdout.strip().splitlines()[-1]))
            except (ValueError, IndexError):
                break  # (the document failed to read: its row says so below)
        rows.append((f"read + audit {path.name[:16]}, first read in a batch, CPU ms median of {k}",
                     f"{statistics.median(times) * 1000:.0f}" if times else "failed"))
    return rows


def text_dumps() -> list[tuple[str, str]]:
    """Read + audit of each sample PDF's text as each available tool prints it (dumped here,
    never kept), CPU s of one run: the column-block search has no warm-up to amortise."""
    import tempfile

    import juesuan
    from juesuan.read.dumps import available_tools, dump_pdf

    pdfs = sorted(SAMPLES.glob("*.pdf"))
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for tool in available_tools():
            times = []
            for i, pdf in enumerate(pdfs):
                p = Path(tmp) / f"{i}.{tool}.txt"
                p.write_text(dump_pdf(pdf, tool), encoding="utf-8")
                t = time.process_time()
                try:
                    juesuan.audit(juesuan.read(p))
                except juesuan.read.ReadError:
                    continue  # (a dump the tool left without a table: nothing to time)
                times.append(time.process_time() - t)
            if times:
                rows.append((f"read + audit of the sample PDFs' {tool} dumps in turn, CPU s",
                             " ".join(f"{x:.2f}" for x in times)))
    return rows


def run() -> list[tuple[str, str]]:
    return startup() + in_process() + first_reads() + text_dumps()


if __name__ == "__main__":
    for label, figure in run():
        print(f"{label:<58} {figure}")
