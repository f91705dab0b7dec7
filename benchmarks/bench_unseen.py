"""Cell accuracy on real disclosures the project has not seen (issue 9), against hand-made truth.

The documents and their truth live OUTSIDE the repository (never commit their text or figures),
in the folder named by ``JUESUAN_UNSEEN_DIR`` (default ``/tmp/unseen25``)::

    <name>.txt | <name>.pdf | … one input per document (each present input is measured)
    truth/<name>.json           the true cells, see ``load_truth``

Per document and table it prints the reading status and the cells exact / wrong / missing /
extra against the truth, how many wrong or extra cells the reader did NOT flag (``silent``:
neither ``Cell.uncertain`` nor in a table whose status is not "read"), and the audit's
findings (errors + warnings), split into those the truth lists as true defects of the
document and the others (suspects: most often a misreading). A total line ends it.

    .venv/bin/python benchmarks/bench_unseen.py                  # this checkout's src
    /work/wt-X/.venv/bin/python benchmarks/bench_unseen.py --worktree-agnostic   # that venv's juesuan
    … --json                    results as JSON (stdout) instead of the tables
    … --details                 also list every wrong, missing and extra cell
    … --against=RUN.json        also the change per input against a saved --json run
    … NAME [NAME …]             only these documents (file stems)

``make bench`` runs it only when the folder exists (``run()`` says why it skipped otherwise).

Truth file: ``{"tables": {"T03": {"cells": {"<row>|<column>": "<decimal>", …}, "notes": […]}, …},
"printed_rows": {"T05": {"<row>": ["<decimal>", …]}}, "true_findings": [{"rule": "<id prefix>",
"cells": ["T03|212|基本支出", …], "text": "<in the message>"}]}``. Rows and columns are juesuan's canonical keys (docs/spec.md
§3). A blank printed cell and 0 are the same thing: a truth cell of 0 matches an absent cell,
and a cell juesuan reads as 0 where the truth has none is not "extra". ``printed_rows`` (optional)
gives, for tables whose printed amounts drift against their codes, the amounts printed on each
row's line: a wrong cell equal to one of them is counted as ``as printed`` (read faithfully,
but not what the department meant). A value read under another column of its own row counts
once, as ``misplaced`` (not as missing + extra). A finding is "true" when its rule id starts
with a listed ``rule``, it names one of that entry's cells (if the entry lists cells) and its
message contains the entry's ``text`` (if given).
"""

# no `from __future__ import annotations`: run.py loads this file without registering it in
# sys.modules, where dataclasses would look up string annotations
import json
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_DIR = Path("/tmp/unseen25")
INPUT_SUFFIXES = (".txt", ".pdf", ".docx", ".xlsx", ".html")
TABLE_IDS = ("T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09")

Key = tuple[str, str]  # (row, column)


@dataclass
class TableScore:
    """One table of one document against its truth."""

    table: str
    status: str = "absent"
    truth: int = 0
    exact: int = 0
    wrong: int = 0
    missing: int = 0
    extra: int = 0
    silent: int = 0  # wrong, misplaced or extra, not flagged (cell not uncertain, table read)
    misplaced: int = 0  # a true value read under another column of its row (not missing + extra)
    as_printed: int = 0  # wrong, but equal to an amount printed on the row's own line
    cells: list[str] = field(default_factory=list)  # details: "wrong 212|基本支出 1066.51≠10661.51"


@dataclass
class DocScore:
    name: str
    input: str
    seconds: float = 0.0
    error: str = ""
    tables: list[TableScore] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    true_findings: int = 0
    other_findings: list[str] = field(default_factory=list)  # "rule: message" of the suspects

    def total(self, attr: str) -> int:
        return sum(getattr(t, attr) for t in self.tables)

    def needlessly_unread(self) -> list[str]:
        """Tables not "read" although every true cell was read exactly: the audit skips them
        for nothing (a coverage loss, not a cell loss)."""
        return [t.table for t in self.tables
                if t.status in ("partial", "unreadable") and t.truth and t.exact == t.truth and not t.extra]


def _dec(v: Any) -> Decimal:
    return Decimal(str(v).replace(",", ""))


def load_truth(path: Path) -> dict[str, Any]:
    """The truth file as {"cells": {tid: {(row, col): Decimal}}, "printed": {tid: {row:
    [Decimal]}}, "true": [(rule prefix, {(tid, row, col)})]}."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    cells: dict[str, dict[Key, Decimal]] = {}
    for tid, t in raw.get("tables", {}).items():
        cells[tid] = {}
        for k, v in t.get("cells", {}).items():
            row, _, col = k.partition("|")
            cells[tid][(row, col)] = _dec(v)
    printed = {tid: {row: [_dec(x) for x in xs] for row, xs in rows.items()}
               for tid, rows in raw.get("printed_rows", {}).items()}
    true = [(f["rule"], {tuple(c.split("|", 2)) for c in f.get("cells", [])}, f.get("text", ""))
            for f in raw.get("true_findings", [])]
    return {"cells": cells, "printed": printed, "true": true}


def score_table(tid: str, truth: dict[Key, Decimal], got: dict[Key, tuple[Decimal, bool]],
                status: str, printed: dict[str, list[Decimal]] | None = None) -> TableScore:
    """Compare one table's cells. ``got``: (row, column) → (value, uncertain). A blank and 0
    are the same; a wrong or extra cell is silent when neither it is uncertain nor the table's
    status is other than "read"."""
    s = TableScore(tid, status=status, truth=len(truth))
    flagged_table = status != "read"
    # values read under the wrong column of their row: {(row, value): [column, …]} of extras
    stray: dict[tuple[str, Decimal], list[str]] = {}
    for (row, col), (value, _) in got.items():
        if value != 0 and (row, col) not in truth:
            stray.setdefault((row, value), []).append(col)
    moved: set[Key] = set()
    for key, want in truth.items():
        have = got.get(key)
        if have is not None and have[0] == 0 and want != 0 and stray.get((key[0], want)):
            have = None  # a 0 read here and the true value read beside it: one misplaced cell
        if have is None:
            if want == 0:
                s.exact += 1
            elif stray.get((key[0], want)):
                col = stray[(key[0], want)].pop(0)
                moved.add((key[0], col))
                s.misplaced += 1
                if not (got[(key[0], col)][1] or flagged_table):
                    s.silent += 1
                s.cells.append(f"misplaced {key[0]}|{key[1]} {want} read under {col}")
            else:
                s.missing += 1
                s.cells.append(f"missing {key[0]}|{key[1]} {want}")
            continue
        value, uncertain = have
        if value == want:
            s.exact += 1
            continue
        s.wrong += 1
        if not (uncertain or flagged_table):
            s.silent += 1
        if printed and value in printed.get(key[0], ()):
            s.as_printed += 1
        s.cells.append(f"wrong {key[0]}|{key[1]} {value}≠{want}{' (uncertain)' if uncertain else ''}")
    for key, (value, uncertain) in got.items():
        if key in truth or value == 0 or key in moved:
            continue
        s.extra += 1
        if not (uncertain or flagged_table):
            s.silent += 1
        s.cells.append(f"extra {key[0]}|{key[1]} {value}{' (uncertain)' if uncertain else ''}")
    return s


def is_true_finding(rule: str, cells: Iterable[tuple[str, str, str]], message: str,
                    true: list[tuple[str, set[tuple[str, ...]], str]]) -> bool:
    """A finding is a true defect of the document when the truth lists its rule (id prefix),
    and, if that entry names cells, the finding involves one of them, and, if it gives a text,
    the message contains it."""
    keys = set(cells)
    return any(rule.startswith(prefix) and (not want or keys & want) and text in message
               for prefix, want, text in true)


def measure(path: Path, truth: dict[str, Any]) -> DocScore:
    """Read and audit one input in-process; score it against ``truth``."""
    import juesuan
    from juesuan.read import ReadError

    doc = DocScore(name=path.stem, input=path.name)
    t0 = time.process_time()
    try:
        d = juesuan.read(path)
        report = juesuan.audit(d)
    except ReadError as e:
        doc.error = f"unreadable: {e}"
        return doc
    doc.seconds = time.process_time() - t0
    tables = {t.id: t for t in (d.tables.values() if isinstance(d.tables, dict) else d.tables)}
    for tid in TABLE_IDS:
        t = tables.get(tid)
        got = {} if t is None else {(c.row, c.column): (c.value, c.uncertain) for c in t.cells}
        status = "absent" if t is None or not t.present else t.status
        want = truth["cells"].get(tid)
        if want is None and not got:
            continue
        doc.tables.append(score_table(tid, want or {}, got, status, truth["printed"].get(tid)))
    for f in report.findings:
        sev = str(f.severity)
        if sev not in ("error", "warning"):
            continue
        if sev == "error":
            doc.errors += 1
        else:
            doc.warnings += 1
        if is_true_finding(f.rule, (c.key for c in f.cells), f.message, truth["true"]):
            doc.true_findings += 1
        else:
            doc.other_findings.append(f"{sev} {f.rule}: {f.message}")
    return doc


def inputs(folder: Path, only: set[str]) -> list[tuple[Path, Path]]:
    """(input, truth) for every input with a truth file."""
    out = []
    for truth in sorted((folder / "truth").glob("*.json")):
        if only and truth.stem not in only:
            continue
        for suf in INPUT_SUFFIXES:
            p = folder / f"{truth.stem}{suf}"
            if p.exists():
                out.append((p, truth))
    return out


def measure_all(folder: Path, only: Iterable[str] = ()) -> list[DocScore]:
    return [measure(p, load_truth(t)) for p, t in inputs(folder, set(only))]


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "-"


def lines(docs: list[DocScore], details: bool = False) -> list[str]:
    out = []
    hdr = (f"{'document/table':<22}{'status':<11}{'exact':>13}{'wrong':>7}{'moved':>7}{'silent':>7}{'print':>7}"
           f"{'miss':>6}{'extra':>6}")
    for d in docs:
        if d.error:
            out.append(f"{d.input}: {d.error}")
            continue
        out.append(f"== {d.input}  ({d.seconds:.1f} s CPU)")
        out.append(hdr)
        for t in d.tables:
            out.append(f"  {t.table:<20}{t.status:<11}{t.exact:>6}/{t.truth:<6}{t.wrong:>7}{t.misplaced:>7}{t.silent:>7}"
                       f"{t.as_printed:>7}{t.missing:>6}{t.extra:>6}")
            if details:
                out.extend(f"      {c}" for c in t.cells)
        out.append(f"  cells {d.total('exact')}/{d.total('truth')} = {_pct(d.total('exact'), d.total('truth'))}; "
                   f"findings {d.errors} errors + {d.warnings} warnings: {d.true_findings} true, "
                   f"{len(d.other_findings)} other (suspects)")
        if d.needlessly_unread():
            out.append(f"  not read although exact: {', '.join(d.needlessly_unread())}")
        out.extend(f"      ? {f}" for f in d.other_findings)
    ok = [d for d in docs if not d.error]
    tot = sum(d.total("truth") for d in ok)
    ex = sum(d.total("exact") for d in ok)
    out.append(f"TOTAL {len(ok)}/{len(docs)} inputs read: cells exact {ex}/{tot} = {_pct(ex, tot)}, "
               f"wrong {sum(d.total('wrong') for d in ok)}, misplaced {sum(d.total('misplaced') for d in ok)} "
               f"(silent {sum(d.total('silent') for d in ok)}, "
               f"as printed {sum(d.total('as_printed') for d in ok)}), missing {sum(d.total('missing') for d in ok)}, "
               f"extra {sum(d.total('extra') for d in ok)}; findings {sum(d.errors + d.warnings for d in ok)}, "
               f"true {sum(d.true_findings for d in ok)}, other {sum(len(d.other_findings) for d in ok)}; "
               f"tables not read although exact {sum(len(d.needlessly_unread()) for d in ok)}")
    return out


def folder() -> Path:
    return Path(os.environ.get("JUESUAN_UNSEEN_DIR") or DEFAULT_DIR)


def run() -> list[tuple[str, str]]:
    """`make bench` rows: one per input and a total; skipped without the folder."""
    f = folder()
    if not (f / "truth").is_dir():
        return [("unseen documents", f"skipped: no {f}/truth (set JUESUAN_UNSEEN_DIR)")]
    docs = measure_all(f)
    rows = []
    for d in docs:
        if d.error:
            rows.append((d.input, d.error))
            continue
        rows.append((f"{d.input}: cells exact (silent wrong, other findings)",
                     f"{d.total('exact')}/{d.total('truth')} ({d.total('silent')}, {len(d.other_findings)})"))
    ok = [d for d in docs if not d.error]
    ex, tot = sum(d.total("exact") for d in ok), sum(d.total("truth") for d in ok)
    rows.append(("all unseen: cells exact", f"{ex}/{tot} = {_pct(ex, tot)}"))
    return rows


def against(docs: list[DocScore], baseline: list[dict[str, Any]]) -> list[str]:
    """Per input, the change against a saved ``--json`` run: exact cells, silent cells and
    suspect findings (each "was → now"), and the suspects that are new."""
    old = {b["input"]: b for b in baseline}
    out = []
    for d in docs:
        b = old.get(d.input)
        if b is None or d.error or b.get("error"):
            out.append(f"{d.input}: {'new input' if b is None else 'unreadable in one of the runs'}")
            continue
        was_exact = sum(t["exact"] for t in b["tables"])
        was_silent = sum(t["silent"] for t in b["tables"])
        fresh = [f for f in d.other_findings if f not in b["other_findings"]]
        out.append(f"{d.input}: exact {was_exact} → {d.total('exact')}/{d.total('truth')}, "
                   f"silent {was_silent} → {d.total('silent')}, "
                   f"suspects {len(b['other_findings'])} → {len(d.other_findings)}")
        out.extend(f"      new ? {f}" for f in fresh)
    return out


def main(argv: list[str]) -> int:
    base_path = next((a.split("=", 1)[1] for a in argv if a.startswith("--against=")), None)
    args = [a for a in argv if not a.startswith("--")]
    if "--worktree-agnostic" not in argv:
        sys.path.insert(0, str(HERE.parent / "src"))  # measure this checkout
    f = folder()
    if not (f / "truth").is_dir():
        print(f"skipped: no {f}/truth (set JUESUAN_UNSEEN_DIR)")
        return 0
    import juesuan

    docs = measure_all(f, args)
    if "--json" in argv:
        print(json.dumps([asdict(d) for d in docs], ensure_ascii=False, indent=1))
        return 0
    print(f"juesuan from {Path(juesuan.__file__).parent}; unseen folder {f}")
    print("\n".join(lines(docs, details="--details" in argv)))
    if base_path:
        print(f"-- against {base_path}")
        print("\n".join(against(docs, json.loads(Path(base_path).read_text(encoding="utf-8")))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
