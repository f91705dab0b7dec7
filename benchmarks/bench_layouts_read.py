"""Reading the page text that PDF tools give: cell accuracy per (sample × tool).

Each sample PDF (shared/samples) is dumped with pdfplumber, pypdfium2, pdftotext and
pdftotext -layout (pages joined by form feeds, ``juesuan.read.dumps``); each dump is read and
its cells compared with the cells read from the PDF itself (the reference).

Figures per (sample × tool): cells right / reference cells (recall), cells read that the PDF
read does not have or has with another value (wrong), tables located, and tables whose
status is not "read". Run: ``.venv/bin/python benchmarks/bench_layouts_read.py``.
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
    ok = sum(1 for k, v in ref.items() if got.get(k) == v)
    wrong = sum(1 for k, v in got.items() if ref.get(k) != v)
    tables = f"{len(doc.tables_found())}/{len(ref_doc.tables_found())}"
    flagged = [f"{t.id}:{getattr(t, 'status', 'read')}" for t in doc.tables.values()
               if t.present and getattr(t, "status", "read") != "read"]
    return {"ref": len(ref), "ok": ok, "wrong": wrong, "tables": tables, "status": " ".join(flagged)}


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
                             f"{acc} ({ok}/{ref}), wrong {wrong}, tables {r['tables']} {r['status']}".strip()))
    rows.append(("all dumps", f"{total_ok / max(total_ref, 1):.2%} ({total_ok}/{total_ref}), wrong {total_wrong}"))
    return rows


if __name__ == "__main__":
    for label, fig in run():
        print(f"{label:48s} {fig}")
