"""A reading failure never becomes a finding: synthetic departments (juesuan.synth, made-up
figures, every identity and narrative figure consistent) rendered to PDF, each PDF dumped by
every PDF tool this machine has (juesuan.read.dumps), each dump read and audited.

Per tool, summed over the departments: findings (errors and warnings) the dump gives that the
PDF itself does not give — each one a misreading turned into a claim about the document, the
figure that must stay 0 —, the PDF's findings the dump loses (what the tool's text cannot
carry: said in coverage as not checked), and the self-evaluation forms the reader said it
could not read in full (printed column by column: extract/performance/percell.by_column; or
their funds block: extract/performance/funds.funds_unread) out of those the PDF has. The synthetic narrative keeps the template's placeholders, so the PDF's own
findings are U-template-residue only.

Run: ``.venv/bin/python benchmarks/bench_dump_findings.py [SEED …]`` (default: the bundled seed).
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))


def _findings(report) -> Counter:
    def flat(fs):
        for f in fs:
            yield f
            yield from flat(f.consequences)

    return Counter(f.rule for f in flat(report.findings) if f.severity in ("error", "warning"))


def measure(seeds: list[int]) -> dict[str, Counter]:
    """tool → counts: 'extra' and 'lost' findings, 'forms' and 'unread' forms, 'failed' reads."""
    from rich.progress import Progress

    import juesuan
    from juesuan.pipeline import load
    from juesuan.read import ReadError
    from juesuan.read.dumps import available_tools, dump_pdf
    from juesuan.render import render_file
    from juesuan.synth import generate

    out: dict[str, Counter] = {t: Counter() for t in available_tools()}
    depts = [(seed, d) for seed in seeds for d in generate(seed)]
    with tempfile.TemporaryDirectory() as tmp, Progress(transient=True) as bar:
        task = bar.add_task("部门", total=len(depts))
        for seed, dept in depts:
            pdf = Path(tmp) / f"{seed}_{dept.profile.key}.pdf"
            render_file(dept.years[-1].disclosure, "pdf", pdf)
            want = load(pdf)
            want_rules = _findings(juesuan.audit(want))
            forms = sum(1 for p in want.performance if p.source == "attachment")
            for tool, c in out.items():
                dump = pdf.with_suffix(f".{tool}.txt")
                dump.write_text(dump_pdf(pdf, tool), encoding="utf-8")
                try:
                    doc = load(dump)
                except ReadError:
                    c["failed"] += 1
                    continue
                got = _findings(juesuan.audit(doc))
                c["extra"] += sum((got - want_rules).values())
                c["lost"] += sum((want_rules - got).values())
                c["forms"] += forms
                c["unread"] += sum(1 for p in doc.performance if p.source == "attachment" and p.status != "read")
            bar.advance(task)
    return out


def run(seeds: list[int] | None = None) -> list[tuple[str, str]]:
    from juesuan.render.pdf import FontMissing, register_font
    from juesuan.synth import DEFAULT_SEED

    try:
        register_font()
    except FontMissing:
        return [("skipped", "no CJK font to render the PDFs (Debian fonts-wqy-microhei)")]
    rows = []
    for tool, c in measure(seeds or [DEFAULT_SEED]).items():
        rows.append((f"{tool}: findings the PDF does not give (must be 0) / PDF findings lost",
                     f"{c['extra']} / {c['lost']}"))
        rows.append((f"{tool}: forms said unread or read in part / forms; dumps not read", f"{c['unread']} / {c['forms']}; {c['failed']}"))
    return rows


if __name__ == "__main__":
    for label, fig in run([int(a) for a in sys.argv[1:]] or None):
        print(f"{label}: {fig}")
