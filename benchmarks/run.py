"""`make bench`: run every benchmarks/bench_*.py and print its figures.

Each module exposes ``run() -> list[tuple[str, str]]`` (label, figure). Speed lives here, not
in tests: tests never assert on wall-clock time.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    con = Console()
    only = set(argv)
    failed = 0
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem
        if only and name not in only:
            continue
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        # Registered before it runs: dataclasses (and pickling workers) look the module up by name.
        sys.modules[name] = mod
        t0 = time.perf_counter()
        try:
            spec.loader.exec_module(mod)
            rows = mod.run()
        except Exception as e:  # a broken benchmark is reported, the others still run
            con.print(f"[red]{name}: failed: {type(e).__name__}: {e}[/red]")
            failed += 1
            continue
        t = Table(title=f"{name}  ({time.perf_counter() - t0:.1f} s)", title_justify="left")
        t.add_column("measure")
        t.add_column("figure", justify="right")
        for label, fig in rows:
            t.add_row(label, fig)
        con.print(t)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
