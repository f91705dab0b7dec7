"""Instructions of each seed's first read (read + audit, as a batch meets it), counted by
callgrind: unlike CPU time they do not move with the machine's load or speed, so two trees can
be compared on a busy shared machine, one change at a time (CPU time there swings by ±30 %).

    python benchmarks/instructions.py [--src DIR] [SEED-PREFIX …]   # e.g. 002 003

Each seed is read in a fresh process that has read the other seeds and the synthetic sample
first (``bench_speed.first_reads``); only the seed's own read is counted: callgrind collects
inside ``builtin_breakpoint`` alone (``--toggle-collect``), and the read runs in the
``breakpoint()`` hook. That needs valgrind and an interpreter with its symbols (a source
build such as pyenv's; Debian's python3 is stripped). ``PYTHONHASHSEED=0`` keeps dict and set
orders, hence the counts, the same from run to run. About 100 s a seed; not part of `make bench`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))

from tests_support import SEEDS  # noqa: E402

SAMPLE = REPO / "src" / "juesuan" / "examples" / "sample_disclosure.txt"

_CHILD = """
import sys, juesuan
from juesuan.gcpause import settle
for q in sys.argv[2:]:
    juesuan.audit(juesuan.read(q))
settle()
sys.breakpointhook = lambda: juesuan.audit(juesuan.read(sys.argv[1]))
breakpoint()
"""


def count(seed: Path, others: list[Path], src: Path) -> int | None:
    """Instructions of ``seed``'s read + audit after ``others``; None when nothing was counted
    (an interpreter without symbols) or callgrind failed."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0")
        subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=builtin_breakpoint",
                        f"--callgrind-out-file={out}", sys.executable, "-c", _CHILD, str(seed), *map(str, others)],
                       env=env, capture_output=True, check=False)
        if not out.exists():
            return None
        for line in out.read_text(errors="replace").splitlines():
            if line.startswith(("summary:", "totals:")):
                n = int(line.split()[1])
                return n or None
    return None


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=REPO / "src", help="the tree to measure (its src folder)")
    ap.add_argument("seeds", nargs="*", help="seed file name prefixes (default: every seed)")
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed")
        return 1
    paths = sorted(SEEDS.glob("*.txt"))
    chosen = [p for p in paths if not args.seeds or any(p.name.startswith(s) for s in args.seeds)]
    for seed in chosen:
        n = count(seed, [p for p in [*paths, SAMPLE] if p != seed], args.src)
        print(f"{seed.name[:16]}  {'no count (an interpreter without symbols?)' if n is None else f'{n / 1e6:,.1f} M'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
