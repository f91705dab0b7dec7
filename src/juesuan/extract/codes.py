"""Rebuilding classification codes that a printed row lost (names only, a code cut by the
page width, a cell with neither). Evidence, strongest first: the same name with its code in
another table of the same document (in the same order), then the catalogue."""

from __future__ import annotations

from juesuan import catalogue as cat
from juesuan.extract.records import Record
from juesuan.model import Disclosure
from juesuan.textnorm import norm


def rebuild_functional_codes(doc: Disclosure, records: dict[str, tuple[list[Record], bool]]) -> None:
    sequences = {tid: [(r.code, norm(r.name)) for r in recs if r.code] for tid, (recs, _) in records.items()}
    for tid, (recs, _) in records.items():
        last_code: str | None = None
        for rec in recs:
            if rec.total:
                continue
            if rec.code:
                last_code = rec.code
                continue
            if not rec.name:
                continue
            code, why = _from_siblings(tid, norm(rec.name), last_code, sequences)
            if code is None:
                code, why = _from_catalogue(norm(rec.name), last_code)
            if code is not None:
                rec.code = code
                rec.code_note = why
                last_code = code


def _from_siblings(tid, name, last_code, sequences):
    for other, seq in sequences.items():
        if other == tid or not seq:
            continue
        start = 0
        if last_code is not None:
            idx = [i for i, (c, _) in enumerate(seq) if c == last_code]
            start = idx[0] + 1 if idx else 0
        for c, n in seq[start:]:
            if n == name:
                return c, f"code missing in print; rebuilt as {c} from {other}, which prints the same name after the same rows"
    return None, ""


def _from_catalogue(name, last_code):
    parents = []
    if last_code:
        parents = [last_code[:5], last_code[:3]] if len(last_code) == 7 else [last_code, last_code[:3]]
    for parent in parents + [None]:
        code = cat.code_for_name(name, "functional", parent=parent)
        if code:
            return code, f"code missing in print; rebuilt as {code} from the catalogue name"
    return None, ""


def rebuild_economic_codes(triples, doc: Disclosure) -> None:
    known = {t.code for t in triples if t.code}
    for i, tr in enumerate(triples):
        if tr.code:
            continue
        if tr.fragment and tr.name:
            m = cat.best_match(tr.name, "economic", parent=tr.fragment[:3])
            if m is not None:
                tr.code = m[0].code
                tr.note = f"code printed as '{tr.fragment}' (cut by the page width); rebuilt from the name"
                known.add(tr.code)
                continue
        if tr.name:
            code = cat.code_for_name(tr.name, "economic")
            if code and code not in known:
                tr.code = code
                tr.note = f"code missing in print; rebuilt as {code} from the catalogue name"
                known.add(code)
                continue
        if not tr.name and tr.value is not None and tr.group is not None:
            # A class total printed with neither code nor name: the class is the parent of the
            # next item in the same column group.
            for nxt in triples[i + 1 :]:
                if nxt.group == tr.group and nxt.code and len(nxt.code) == 5:
                    cls = nxt.code[:3]
                    if cls not in known:
                        tr.code = cls
                        tr.note = f"code and name missing in print; rebuilt as class {cls}, the parent of {nxt.code} below it"
                        known.add(cls)
                    break
