"""Rule cases as data (SQLFluff-style): tests/rules/cases/<rule-id>.yml, the format described
in docs/rules.md ("Rule cases"). ``load_cases()`` reads them; ``build(case)`` makes the case's
disclosure: the synthetic department of builders.py with the case's edits applied."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from juesuan.model import Cell, Claim, Disclosure, PerformanceIndicator, PerformanceItem, Statement, Table

from .builders import department

CASES = Path(__file__).resolve().parent / "cases"
EDITS = ("cells", "tables", "row_labels", "meta", "drop_sections", "claims", "drop_claims", "add_claims",
         "add_statements", "performance", "indicators", "add_performance")


def load_cases() -> list[tuple[str, dict]]:
    """(rule id, case) for every case of every file; the file name is the rule id."""
    out = []
    for p in sorted(CASES.glob("*.yml")):
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        if data.get("rule") != p.stem:
            raise ValueError(f"{p.name}: 'rule' must be the file's name ({p.stem})")
        for case in data["cases"]:
            unknown = set(case) - set(EDITS) - {"name", "findings"}
            if unknown:
                raise ValueError(f"{p.name}: case {case.get('name')!r}: unknown keys {sorted(unknown)}")
            out.append((p.stem, case))
    return out


def _get(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part, None) if obj is not None else None
    return obj


def _matches(obj: Any, match: dict) -> bool:
    return all(str(_get(obj, k)) == str(v) for k, v in match.items())


def _set_cells(doc: Disclosure, cells: dict) -> None:
    for key, value in cells.items():
        tid, row, col = key.split("/")
        t = doc.tables[tid]
        if value is None:
            t.remove(row, col)
        else:
            old = t.get(row, col)
            new = Cell(table=tid, row=row, column=col, value=Decimal(str(value)), raw=str(value))
            t.put(old.model_copy(update={"value": new.value}) if old is not None else new)


def _set_tables(doc: Disclosure, tables: dict) -> None:
    for tid, attrs in tables.items():
        if attrs is None:
            doc.tables.pop(tid, None)
            continue
        t = doc.tables.setdefault(tid, Table(id=tid))
        for k, v in attrs.items():
            setattr(t, k, v)


def _set_labels(doc: Disclosure, labels: dict) -> None:
    for tid, rows in labels.items():
        for row, name in rows.items():
            if name is None:
                doc.tables[tid].row_labels.pop(str(row), None)
            else:
                doc.tables[tid].row_labels[str(row)] = name


def _update(items: list, edits: list[dict]) -> None:
    for e in edits:
        hits = [i for i, x in enumerate(items) if _matches(x, e["match"])]
        if not hits:
            raise KeyError(f"no item matches {e['match']}")
        for i in hits:
            items[i] = type(items[i]).model_validate({**items[i].model_dump(), **e["set"]})


def _update_indicators(items: list[PerformanceItem], edits: list[dict]) -> None:
    """Edit indicator rows: {match: <item fields>, indicator: <indicator fields>, set: {...}};
    ``set: null`` removes the row, ``append: {...}`` adds a row."""
    for e in edits:
        hits = [p for p in items if _matches(p, e["match"])]
        if not hits:
            raise KeyError(f"no item matches {e['match']}")
        if "append" in e:
            for p in hits:
                p.indicators.append(PerformanceIndicator.model_validate(e["append"]))
            continue
        rows = [(p, i) for p in hits for i, ind in enumerate(p.indicators) if _matches(ind, e["indicator"])]
        if not rows:
            raise KeyError(f"no indicator matches {e['indicator']}")
        for p, i in reversed(rows):
            if e["set"] is None:
                p.indicators.pop(i)
            else:
                p.indicators[i] = PerformanceIndicator.model_validate({**p.indicators[i].model_dump(), **e["set"]})


def build(case: dict) -> Disclosure:
    doc = department()
    _set_tables(doc, case.get("tables") or {})
    _set_cells(doc, case.get("cells") or {})
    _set_labels(doc, case.get("row_labels") or {})
    for k, v in (case.get("meta") or {}).items():
        setattr(doc.meta, k, v)
    for m in case.get("drop_sections") or []:
        doc.sections = [s for s in doc.sections if not _matches(s, m)]
    _update(doc.claims, case.get("claims") or [])
    for m in case.get("drop_claims") or []:
        doc.claims = [c for c in doc.claims if not _matches(c, m)]
    doc.claims += [Claim.model_validate(c) for c in case.get("add_claims") or []]
    doc.statements += [Statement.model_validate(s) for s in case.get("add_statements") or []]
    _update(doc.performance, case.get("performance") or [])
    _update_indicators(doc.performance, case.get("indicators") or [])
    doc.performance += [PerformanceItem.model_validate(p) for p in case.get("add_performance") or []]
    return doc
