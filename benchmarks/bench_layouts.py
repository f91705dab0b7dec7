"""Cell accuracy per layout family: every synthetic department printed in each layout family
(juesuan.render.variants.families) and read back with juesuan.pipeline.load.

Accuracy = input cells read back with their exact value ÷ input cells. "silent" counts the
cells that are wrong or invented without being marked uncertain (the ones that matter most).
Text families are measured on txt (their axes only exist there); the two style presets are
also measured on every other format.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from rich.progress import Progress

from juesuan.pipeline import load
from juesuan.render import render_file
from juesuan.render.variants import Variant, families
from juesuan.synth import DEFAULT_SEED, generate


def _score(d, back) -> tuple[int, int, int]:
    want = {c.key: c.value for c in d.all_cells()}
    got = {c.key: c for c in back.all_cells()}
    right = sum(1 for k, v in want.items() if k in got and got[k].value == v)
    silent = sum(1 for k, v in want.items() if k in got and got[k].value != v and not got[k].uncertain)
    silent += sum(1 for k, g in got.items() if k not in want and not g.uncertain)
    return right, len(want), silent


def run() -> list[tuple[str, str]]:
    years = [dep.years[-1] for dep in generate(DEFAULT_SEED)]
    jobs: list[tuple[str, Variant, str]] = [(name, v, "txt") for name, v in families().items()]
    for fmt in ("html", "docx", "xlsx", "pdf"):
        jobs += [(name, v, fmt) for name, v in (("national", Variant()), ("shanghai preset", Variant.preset("shanghai")),
                                                ("stacked=True", Variant(stacked=True)))]
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp, Progress(transient=True) as progress:
        task = progress.add_task("layout families", total=len(jobs) * len(years))
        for name, v, fmt in jobs:
            right = total = silent = 0
            for y in years:
                try:
                    path = render_file(y.disclosure, fmt, Path(tmp) / f"b.{fmt}", None, y.supplement, v)
                    r, t, s = _score(y.disclosure, load(path))
                except Exception:  # a reading failure scores zero for that department
                    r, t, s = 0, len(y.disclosure.all_cells()), 0
                right, total, silent = right + r, total + t, silent + s
                progress.advance(task)
            rows.append((f"{fmt}: {name}", f"{100 * right / total:.2f}%  silent {silent}"))
    return rows


if __name__ == "__main__":
    for label, fig in run():
        print(f"{label:70s} {fig}")
