"""Before/after guard for behaviour-preserving speed-ups: every output of read + audit, written
so two runs can be compared.

    python benchmarks/snapshot.py dump before.json.gz      # at the commit before a change
    python benchmarks/snapshot.py dump after.json.gz       # after it
    python benchmarks/snapshot.py compare before.json.gz after.json.gz

The corpus: the five real seeds, the real sample PDFs (text layer), every synthetic department
and year as the demo writes it (txt, with last year's figures), each text layout family of
``juesuan.render.variants.families`` on two departments, and docx/xlsx/html of one department.
Per document it keeps the whole model (cells with values, flags and positions, claims,
performance tables), the reading warnings, and the audit: findings with their evidence,
repairs and coverage. ``compare`` prints the first differing paths of each changed document
and exits 1 when any document differs. ``JUESUAN_SNAPSHOT_NO_PDF=1`` leaves the PDFs out (slow).
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE.parent / "tests"))

from tests_support import SAMPLES, SEEDS  # noqa: E402


def _inputs(tmp: Path) -> Iterator[tuple[str, Path]]:
    from juesuan.render import render_file
    from juesuan.render.variants import Variant, families
    from juesuan.synth import DEFAULT_SEED, generate

    for p in sorted(SEEDS.glob("*.txt")):
        yield f"seed/{p.name}", p
    if not os.environ.get("JUESUAN_SNAPSHOT_NO_PDF"):
        for p in sorted(SAMPLES.glob("*.pdf")):
            yield f"sample/{p.name}", p
    depts = generate(DEFAULT_SEED)
    for dep in depts:
        for i, y in enumerate(dep.years):
            prev = dep.years[i - 1].disclosure if i else None
            path = render_file(y.disclosure, "txt", tmp / "demo.txt", prev, y.supplement)
            yield f"demo/{dep.key}/{y.year}", path
    for dep in depts[:2]:
        y = dep.years[-1]
        for name, v in families().items():
            path = render_file(y.disclosure, "txt", tmp / "variant.txt", None, y.supplement, v)
            yield f"variant/{dep.key}/{name}", path
    y = depts[0].years[-1]
    for fmt in ("docx", "xlsx", "html"):
        path = render_file(y.disclosure, fmt, tmp / f"fmt.{fmt}", None, y.supplement, Variant())
        yield f"format/{depts[0].key}/{fmt}", path


def _outputs(path: Path, tmp: Path) -> dict[str, Any]:
    import juesuan
    from juesuan.read import ReadError

    try:
        d = juesuan.read(path)
    except ReadError as e:
        return {"unreadable": e.why}
    r = juesuan.audit(d)
    out = json.dumps({"model": d.model_dump(mode="json"), "report": r.model_dump(mode="json")}, ensure_ascii=False)
    return json.loads(out.replace(str(tmp), "<tmp>"))  # the rendered inputs' temporary names


def dump(out: Path) -> None:
    docs: dict[str, Any] = {}
    cpu = time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        for key, path in _inputs(Path(tmp)):
            docs[key] = _outputs(path, Path(tmp))
    with gzip.open(out, "wt", encoding="utf-8") as f:
        json.dump(docs, f, ensure_ascii=False, sort_keys=True)
    print(f"{len(docs)} documents -> {out} ({time.process_time() - cpu:.1f} s CPU)")


def _diff(a: Any, b: Any, path: str, out: list[str], limit: int = 8) -> None:
    if len(out) >= limit:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{path}/{k}: {'missing before' if k not in a else 'missing after'}")
            else:
                _diff(a[k], b[k], f"{path}/{k}", out, limit)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items before, {len(b)} after")
        for i, (x, y) in enumerate(zip(a, b)):
            _diff(x, y, f"{path}[{i}]", out, limit)
    elif a != b:
        out.append(f"{path}: {a!r:.120} -> {b!r:.120}")


def compare(before: Path, after: Path) -> int:
    with gzip.open(before, "rt", encoding="utf-8") as f:
        a = json.load(f)
    with gzip.open(after, "rt", encoding="utf-8") as f:
        b = json.load(f)
    changed = 0
    for key in sorted(set(a) | set(b)):
        if a.get(key) == b.get(key):
            continue
        changed += 1
        diffs: list[str] = []
        _diff(a.get(key), b.get(key), "", diffs)
        print(f"CHANGED {key}")
        for line in diffs:
            print(f"    {line}")
    print(f"{len(set(a) | set(b))} documents, {changed} changed")
    return 1 if changed else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "dump":
        dump(Path(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        print(__doc__)
        sys.exit(2)
