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
Last, the column blocks (variants ``tight_rows``: rows set solid, as the real forms are, so
plain pdftotext emits each column's cells as a block): families of the axes that change what
the blocks hold, for every synthetic profile, dumped by plain pdftotext and read in a bounded
worker (memory and time as the CLI reads a file); per table: cells certain and exact / uncertain
/ WRONG (certain but not the input's: extra, another value, or missing from a table said read),
and the tables read / partial / unreadable.
Run: ``.venv/bin/python benchmarks/bench_layouts_read.py [--blocks]`` (``--blocks``: only that).
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
    return rows + variant_rows() + column_block_rows()


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


# The column-block families: tight rows with each axis that changes what the blocks hold.
def column_block_families() -> dict[str, object]:
    from dataclasses import replace

    from juesuan.render.variants import Variant

    tight = Variant(tight_rows=True)
    shanghai = replace(Variant.preset("shanghai"), tight_rows=True)
    return {
        "tight": tight,
        "tight 元": replace(tight, unit="元"),
        "tight zero '-'": replace(tight, zero="-"),
        "tight split codes": replace(tight, split_codes=True),
        "tight vertical 三公": replace(tight, t09="vertical"),
        "tight no 行次": replace(tight, lineno=False),
        "tight stacked T01/T04": replace(tight, stacked=True),
        "tight wrapped names": replace(tight, wrap=8),
        "tight paged (12 rows)": replace(tight, page_rows=12),
        "tight provincial (Yunnan T05)": replace(tight, titles="provincial"),
        "tight Shanghai preset": shanghai,
        "tight Shanghai bare 0 split": replace(shanghai, fund_zero="0", split_codes=True),
    }


def tally_tables(want_d, back, per: dict) -> list[str]:
    """Add ``back``'s cells to per-table counts against ``want_d``'s: ok (certain and exact),
    unc, WRONG (certain and wrong, extra, or missing from a table said read: zeros aside),
    and the table's status. Returns the WRONG cells, described."""
    want = {c.key: c.value for c in want_d.all_cells()}
    got = {c.key: c for c in back.all_cells()}
    bad = []
    for tid in want_d.tables:
        p = per.setdefault(tid, {"ok": 0, "unc": 0, "WRONG": 0, "cells": 0, "read": 0, "partial": 0,
                                 "unreadable": 0, "failed": 0})
        p["cells"] += sum(1 for k in want if k[0] == tid)
        t = back.tables.get(tid)
        if t is not None and t.present:
            p[t.status or "read"] += 1
    for k, g in got.items():
        p = per[k[0]] if k[0] in per else per.setdefault(k[0], {"ok": 0, "unc": 0, "WRONG": 0, "cells": 0})
        if g.uncertain:
            p["unc"] += 1
        elif want.get(k, 0 if k not in want else None) == g.value:
            p["ok"] += 1
        else:
            p["WRONG"] += 1
            bad.append(f"{k}={g.value} (input {want.get(k)})")
    for k, v in want.items():
        t = back.tables.get(k[0])
        if k not in got and v != 0 and t is not None and t.status == "read":
            per[k[0]]["WRONG"] += 1
            bad.append(f"{k} missing (input {v})")
    return bad


def column_block_rows(verbose: bool = False) -> list[tuple[str, str]]:
    """The column-block families × synthetic profiles through plain pdftotext, per table."""
    from juesuan.batch.task import load_bounded
    from juesuan.read.dumps import available_tools, dump_pdf
    from juesuan.read.types import ReadError
    from juesuan.render import render_file
    from juesuan.render.pdf import FontMissing, register_font
    from juesuan.synth import PROFILES, YEARS, generate_year

    if "pdftotext" not in available_tools():
        return [("column blocks × pdftotext", "no pdftotext (poppler-utils)")]
    try:
        register_font()
    except FontMissing:
        return [("column blocks × pdftotext", "no CJK font to render PDFs")]
    per: dict[str, dict[str, int]] = {}
    failed: list[str] = []
    wrong_docs = 0
    fams = column_block_families()
    with tempfile.TemporaryDirectory() as tmp:
        for name, v in fams.items():
            for prof in PROFILES:
                year = generate_year(prof, YEARS[-1], 11)
                pdf = render_file(year.disclosure, "pdf", Path(tmp) / "v.pdf", None, year.supplement, v)
                txt = Path(tmp) / "v.txt"
                txt.write_text(dump_pdf(pdf, "pdftotext"), encoding="utf-8")
                try:
                    back = load_bounded(txt)
                except ReadError as e:
                    failed.append(f"{name}/{prof.key}: {e.why}")
                    for tid in year.disclosure.tables:
                        per.setdefault(tid, {"ok": 0, "unc": 0, "WRONG": 0, "cells": 0, "read": 0, "partial": 0,
                                             "unreadable": 0, "failed": 0})["failed"] += 1
                    continue
                bad = tally_tables(year.disclosure, back, per)
                wrong_docs += bool(bad)
                if verbose and bad:
                    print(f"  WRONG {name}/{prof.key}: {'; '.join(bad[:8])}", flush=True)
    rows = [(f"{len(fams)} column-block families × {len(PROFILES)} profiles × pdftotext",
             f"WRONG cells {sum(p['WRONG'] for p in per.values())} in {wrong_docs} documents, "
             f"{len(failed)} documents not read (bound hit)")]
    for tid, p in sorted(per.items()):
        rows.append((f"  {tid} certain&exact / uncertain / WRONG",
                     f"{p['ok']}/{p['cells']} u{p['unc']} WRONG {p['WRONG']}; tables read {p.get('read', 0)}, "
                     f"partial {p.get('partial', 0)}, unreadable {p.get('unreadable', 0)}, failed {p.get('failed', 0)}"))
    rows += [("  not read", f) for f in failed[:6]]
    return rows


if __name__ == "__main__":
    if "--blocks" in sys.argv:
        for label, fig in column_block_rows(verbose=True):
            print(f"{label:48s} {fig}", flush=True)
        sys.exit(0)
    for label, fig in run():
        print(f"{label:48s} {fig}")
