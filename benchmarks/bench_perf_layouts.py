"""Indicator-row accuracy per performance layout family: the self-evaluation tables of every
synthetic department printed in each family of ``juesuan.render.perf_variants`` and read back
with ``juesuan.pipeline.load`` (``bench_layouts.py`` does the same for the nine tables).

Per family: indicator rows read back exactly (every printed field equal) ÷ rows printed;
"flagged" rows or table figures the reader marked (uncertain, a reading warning); "silent"
ones wrong, lost or invented without a word (``juesuan.render.perf_readback``, the definition
the property test uses). Families are measured in txt with cells tab-separated and
space-separated (the flattened form); the seeds' families also in html, docx, xlsx and pdf.
Run: ``.venv/bin/python benchmarks/bench_perf_layouts.py``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

SEED_FAMILIES = ("default", "deviation form (002)", "heading weights (001)", "split, wrapped (003)",
                 "split, two-row header, headline (000)",
                 "split, wrapped, paged")


def run() -> list[tuple[str, str]]:
    from juesuan.pipeline import load
    from juesuan.render import render_file
    from juesuan.render.pdf import FontMissing, register_font
    from juesuan.render.perf_readback import Readback, compare
    from juesuan.render.perf_variants import families, printed
    from juesuan.render.variants import Variant
    from juesuan.synth import DEFAULT_SEED, generate

    years = [dep.years[-1] for dep in generate(DEFAULT_SEED)]
    fams = families()
    jobs = [(name, "txt", text) for name in fams for text in ("tab", "space")]
    formats = ["html", "docx", "xlsx"]
    try:
        register_font()
        formats.append("pdf")
    except FontMissing:
        pass
    jobs += [(name, fmt, "tab") for fmt in formats for name in SEED_FAMILIES]
    rows: list[tuple[str, str]] = []
    total = Readback()
    with tempfile.TemporaryDirectory() as tmp:
        for name, fmt, text in jobs:
            r = Readback()
            for y in years:
                v = fams[name]
                path = render_file(y.disclosure, fmt, Path(tmp) / f"p.{fmt}", None, y.supplement,
                                   Variant(text=text), v)  # type: ignore[arg-type]
                back = load(path)
                want = [printed(p, v) for p in y.disclosure.performance if p.source == "attachment"]
                r.add(compare(want, [p for p in back.performance if p.source == "attachment"], back.warnings))
            total.add(r)
            label = f"{fmt}{'/' + text if fmt == 'txt' else ''}: {name}"
            rows.append((label, f"{r.exact / max(r.rows, 1):.2%} ({r.exact}/{r.rows}), flagged {len(r.flagged)}, "
                                f"silent {len(r.silent)}"))
    rows.append((f"all ({len(jobs)} family × format runs)",
                 f"{total.exact / max(total.rows, 1):.2%} ({total.exact}/{total.rows}), flagged {len(total.flagged)}, "
                 f"silent {len(total.silent)}"))
    return rows


if __name__ == "__main__":
    for label, fig in run():
        print(f"{label:60s} {fig}")
