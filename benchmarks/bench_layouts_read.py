"""Reading the page text that PDF tools give: cell accuracy per (sample × tool).

Each sample PDF (shared/samples) is dumped with pdfplumber, pypdfium2, pdftotext and
pdftotext -layout (pages joined by form feeds, ``juesuan.read.dumps``); each dump is read and
its cells compared with the cells read from the PDF itself (the reference).

Figures per (sample × tool): cells right / reference cells (recall; and of them, those not
marked uncertain: "certain"), cells read that the PDF
read does not have or has with another value (wrong), tables located, tables whose status is
not "read", and findings (errors and warnings) on the dump beside those on the PDF.

Then the writer's layout families (juesuan.render.variants) for one synthetic department,
rendered to PDF and dumped by each tool: input cells read back exact, and "silent" cells
(wrong or invented without an uncertain mark, or missing from a table said read; a zero the
form prints as "0" or "-" and the reader leaves absent is not missing: blank, 0 and absent are
one value in a disclosure).
Run: ``.venv/bin/python benchmarks/bench_layouts_read.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))


def samples() -> list[Path]:
    for cand in (os.environ.get("JUESUAN_SAMPLES"), HERE.parent.parent / "shared" / "samples", Path("/work/shared/samples")):
        if cand and Path(cand).is_dir():
            return sorted(Path(cand).glob("*.pdf"))
    return []


def cells(doc) -> dict[tuple[str, str, str], object]:
    return {(c.table, c.row, c.column): c.value for c in doc.all_cells()}


def compare(pdf: Path, tool: str, workdir: Path) -> dict[str, object]:
    """Read ``pdf`` and its ``tool`` dump; return the comparison figures."""
    from juesuan.pipeline import load
    from juesuan.read.dumps import dump_pdf
    from juesuan.read.types import ReadError

    ref_doc = load(pdf)
    ref = cells(ref_doc)
    txt = workdir / f"{pdf.stem}.{tool}.txt"
    txt.write_text(dump_pdf(pdf, tool), encoding="utf-8")
    try:
        doc = load(txt)
    except ReadError as e:
        return {"ref": len(ref), "ok": 0, "wrong": 0, "tables": f"unreadable: {e.why}", "status": ""}
    got = cells(doc)
    findings = f"findings {_findings(doc)} (PDF {_findings(ref_doc)})"
    ok = sum(1 for k, v in ref.items() if got.get(k) == v)
    # read with certainty (not marked uncertain) and exact: what a reviewer can rely on
    sure = sum(1 for c in doc.all_cells() if not c.uncertain and ref.get(c.key) == c.value)
    wrong = sum(1 for k, v in got.items() if ref.get(k) != v)
    tables = f"{len(doc.tables_found())}/{len(ref_doc.tables_found())}"
    flagged = [f"{t.id}:{getattr(t, 'status', 'read')}" for t in doc.tables.values()
               if t.present and getattr(t, "status", "read") != "read"]
    return {"ref": len(ref), "ok": ok, "sure": sure, "wrong": wrong, "tables": tables, "status": " ".join(flagged),
            "findings": findings}


def _findings(doc) -> int:
    import juesuan

    return sum(1 for f in juesuan.audit(doc).findings if str(f.severity) in ("error", "warning", "Severity.ERROR",
                                                                            "Severity.WARNING"))


def run() -> list[tuple[str, str]]:
    from juesuan.read.dumps import available_tools

    pdfs = samples()
    if not pdfs:
        return [("samples", "not found (set JUESUAN_SAMPLES)")]
    rows: list[tuple[str, str]] = []
    total_ok = total_ref = total_wrong = 0
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in pdfs:
            for tool in available_tools():
                r = compare(pdf, tool, Path(tmp))
                ref, ok, wrong = int(r["ref"]), int(r["ok"]), int(r["wrong"])  # type: ignore[call-overload]
                total_ok, total_ref, total_wrong = total_ok + ok, total_ref + ref, total_wrong + wrong
                acc = f"{ok / ref:.2%}" if ref else "—"
                rows.append((f"{pdf.stem[-12:]} × {tool}",
                             f"{acc} ({ok}/{ref}; certain {r.get('sure', 0)}), wrong {wrong}, {r.get('findings', '')}, "
                             f"tables {r['tables']} {r['status']}".strip()))
    rows.append(("all dumps", f"{total_ok / max(total_ref, 1):.2%} ({total_ok}/{total_ref}), wrong {total_wrong}"))
    return rows + variant_rows()


def variant_rows() -> list[tuple[str, str]]:
    """The writer's layout families rendered to PDF, dumped by each tool, read back."""
    from dataclasses import replace

    from juesuan.pipeline import load
    from juesuan.read.dumps import available_tools, dump_pdf
    from juesuan.render import render_file
    from juesuan.render.pdf import FontMissing, register_font
    from juesuan.render.variants import families
    from juesuan.synth import PROFILES, YEARS, generate_year

    try:
        register_font()
    except FontMissing:
        return [("variants × tools", "no CJK font to render PDFs")]
    year = generate_year(PROFILES[2], YEARS[-1], 11)
    want = {c.key: c.value for c in year.disclosure.all_cells()}
    fams = {replace(v, text="tab", meta="lines") for v in families().values()}  # txt-only axes
    tally = {t: [0, 0, 0] for t in available_tools()}  # right, cells, silent
    # plain pdftotext's column blocks, per table: cells read exact and not marked uncertain
    sure: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for k, v in enumerate(sorted(fams, key=lambda v: v.name())):
            pdf = render_file(year.disclosure, "pdf", Path(tmp) / f"v{k}.pdf", None, year.supplement, v)
            for tool, t in tally.items():
                txt = Path(tmp) / f"v{k}.{tool}.txt"
                txt.write_text(dump_pdf(pdf, tool), encoding="utf-8")
                back = load(txt)
                got = {c.key: c for c in back.all_cells()}
                t[0] += sum(1 for key, val in want.items() if key in got and got[key].value == val)
                t[1] += len(want)
                t[2] += sum(1 for key, val in want.items() if (key in got and got[key].value != val
                                                              and not got[key].uncertain)
                            or (key not in got and val != 0 and back.tables[key[0]].status == "read"))
                t[2] += sum(1 for key, g in got.items() if key not in want and not g.uncertain)
                if tool == "pdftotext":
                    for key, val in want.items():
                        row = sure.setdefault(key[0], [0, 0])
                        row[0] += key in got and got[key].value == val and not got[key].uncertain
                        row[1] += 1
    rows = [(f"{len(fams)} layout families as PDF × {tool}", f"{r / max(n, 1):.2%} ({r}/{n}), silent {s}")
            for tool, (r, n, s) in tally.items()]
    if sure:
        rows.append(("  pdftotext, certain and exact per table", " ".join(f"{t} {a}/{b}" for t, (a, b) in sorted(sure.items()))))
    return rows


if __name__ == "__main__":
    for label, fig in run():
        print(f"{label:48s} {fig}")
