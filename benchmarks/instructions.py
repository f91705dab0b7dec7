"""Instructions of each seed's first read (read + audit, as a batch meets it), counted by
callgrind: unlike CPU time they do not move with the machine's load or speed, so two trees can
be compared on a busy shared machine, one change at a time (CPU time there swings by ±30 %).

    python benchmarks/instructions.py [--src DIR] [SEED-PREFIX …]            # e.g. 002 003
    python benchmarks/instructions.py --marks juesuan:audit,juesuan.pipeline:build 003   # and what each costs

Each seed is read in a fresh process that has read the other seeds and the synthetic sample
first (``bench_speed.first_reads``); only the seed's own read is counted. ``PYTHONHASHSEED=0``
keeps dict and set orders, hence the counts, the same from run to run. Each ``--src`` tree gets
its own compiled-pattern cache (``JUESUAN_CACHE_DIR``), filled by a plain run first: a read
that compiles its patterns inside the count counts ~10 M more, and two trees sharing one cache
rewrite it for each other.

Where the count starts and stops: callgrind collects inside one C function only
(``--toggle-collect``). Debian's python3 (CI's and the Makefile's interpreter) is stripped, so
callgrind cannot name its builtins; this script therefore compiles ``cgmarks.c`` with the
running interpreter's headers (gcc) and runs the read inside ``cgmarks.run``. ``--marks``
wraps named functions in further C markers and prints each one's inclusive count, so a
function's cost is read off the same deterministic run (cProfile's own overhead misleads on
cheap functions). Without a compiler it falls back to ``builtin_breakpoint``, which needs an
interpreter with symbols (a source build such as pyenv's). About 70–100 s a seed; not part of
`make bench`.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))

from tests_support import SEEDS  # noqa: E402

SAMPLE = REPO / "src" / "juesuan" / "examples" / "sample_disclosure.txt"
MAX_MARKS = 16  # cgmarks.c's mark00 … mark15

# argv: MARKS SEED OTHERS…; MARKS is "" or "module:attr.attr,…". With the C markers, the read
# runs inside cgmarks.run and each named function calls through its own markNN.
_CHILD = """
import importlib, sys
import juesuan
from juesuan.gcpause import settle
try:
    import cgmarks
except ImportError:
    cgmarks = None

def wrap(i, spec):
    module, _, attr = spec.partition(":")
    owner = importlib.import_module(module)
    *path, name = attr.split(".")
    for part in path:
        owner = getattr(owner, part)
    f = getattr(owner, name)
    mark = getattr(cgmarks, "mark%02d" % i)
    def marked(*a, **k):
        return mark(f, *a, **k)
    setattr(owner, name, marked)
    if not path:  # modules that imported the function by name call it there
        for m in list(sys.modules.values()):
            if getattr(m, "__name__", "").startswith("juesuan") and getattr(m, name, None) is f:
                setattr(m, name, marked)

marks, seed, others = sys.argv[1], sys.argv[2], sys.argv[3:]
if cgmarks is not None:
    for i, spec in enumerate(s for s in marks.split(",") if s):
        wrap(i, spec)
for q in others:
    juesuan.audit(juesuan.read(q))
settle()
if cgmarks is not None:
    cgmarks.run(lambda: juesuan.audit(juesuan.read(seed)))
else:
    sys.breakpointhook = lambda: juesuan.audit(juesuan.read(seed))
    breakpoint()
"""


def build_marks(into: Path) -> bool:
    """Compile cgmarks.c into ``into`` for this interpreter; False without a compiler."""
    cc = shutil.which("gcc") or shutil.which("cc")
    if cc is None:
        return False
    target = into / f"cgmarks{sysconfig.get_config_var('EXT_SUFFIX')}"
    done = subprocess.run([cc, "-O2", "-shared", "-fPIC", f"-I{sysconfig.get_paths()['include']}",
                           str(HERE / "cgmarks.c"), "-o", str(target)], capture_output=True, check=False)
    return done.returncode == 0


def _cache_dir(src: Path) -> Path:
    """One compiled-pattern cache per measured tree, kept between runs (see the docstring)."""
    key = hashlib.sha1(str(src.resolve()).encode()).hexdigest()[:10]
    path = Path(tempfile.gettempdir()) / f"juesuan-instructions-{key}"
    path.mkdir(exist_ok=True)
    return path


def count(seed: Path, others: list[Path], src: Path, marks: list[str], lib: Path | None) -> tuple[int | None, list[int]]:
    """Instructions of ``seed``'s read + audit after ``others`` (None when nothing was counted:
    no markers in ``lib`` and an interpreter without symbols, or callgrind failed), and the
    inclusive count of each function in ``marks`` (which need the markers)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(src), *([str(lib)] if lib else [])]),
                   PYTHONHASHSEED="0", JUESUAN_CACHE_DIR=str(_cache_dir(src)))
        argv = ["-c", _CHILD, ",".join(marks), str(seed), *map(str, others)]
        plain = subprocess.run([sys.executable, *argv], env=env, capture_output=True, text=True, check=False)
        if plain.returncode != 0:  # (a mark that names no function, a tree that fails): say why
            raise SystemExit(f"{seed.name}: {(plain.stderr.strip().splitlines() or ['failed'])[-1]}")
        toggle = "cgmarks_run" if lib else "builtin_breakpoint"
        subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no", f"--toggle-collect={toggle}",
                        f"--callgrind-out-file={out}", sys.executable, *argv],
                       env=env, capture_output=True, check=False)
        if not out.exists():
            return None, []
        total = next((int(line.split()[1]) for line in out.read_text(errors="replace").splitlines()
                      if line.startswith(("summary:", "totals:"))), 0)
        return total or None, _mark_counts(out, len(marks)) if marks else []


def _mark_counts(out: Path, n: int) -> list[int]:
    """Inclusive instructions of cgmark00 … cgmark(n-1) in a callgrind output file."""
    shown = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out)],
                           capture_output=True, text=True, check=False).stdout
    return parse_marks(shown, n)


def parse_marks(annotated: str, n: int) -> list[int]:
    """Each mark's inclusive count from ``callgrind_annotate --inclusive=yes`` (0 for a mark never
    entered). A mark entered inside itself is listed again as ``cgmarkNN'2``, a part of the first."""
    found: dict[int, int] = {}
    for line in annotated.splitlines():
        m = re.match(r"\s*([\d,]+)\s.*:cgmark(\d\d) ", line)
        if m:
            found[int(m.group(2))] = int(m.group(1).replace(",", ""))
    return [found.get(i, 0) for i in range(n)]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=REPO / "src", help="the tree to measure (its src folder)")
    ap.add_argument("--marks", default="", help=f"up to {MAX_MARKS} functions, module:attr[.attr], comma-separated: "
                    "each one's inclusive count")
    ap.add_argument("seeds", nargs="*", help="seed file name prefixes (default: every seed)")
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed")
        return 1
    marks = [s for s in args.marks.split(",") if s]
    if len(marks) > MAX_MARKS:
        ap.error(f"at most {MAX_MARKS} functions")
    paths = sorted(SEEDS.glob("*.txt"))
    chosen = [p for p in paths if not args.seeds or any(p.name.startswith(s) for s in args.seeds)]
    with tempfile.TemporaryDirectory() as tmp:
        lib = Path(tmp) if build_marks(Path(tmp)) else None
        if marks and lib is None:
            ap.error("--marks needs a C compiler (gcc) to build cgmarks.c")
        for seed in chosen:
            total, each = count(seed, [p for p in [*paths, SAMPLE] if p != seed], args.src, marks, lib)
            print(f"{seed.name[:16]}  {'no count (no compiler, and an interpreter without symbols?)' if total is None else f'{total / 1e6:,.1f} M'}")
            for spec, n in zip(marks, each, strict=True):
                print(f"  {n / 1e6:10,.2f} M  {spec}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
