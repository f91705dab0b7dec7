"""The rule engine: findings, the evaluation context, the rule base class and the registry.

Modelled on SQLFluff: every rule is one class with a stable id (family letter + short name),
a family, a severity and a docstring that explains it with a failing and a passing example.
Rules see only the canonical model (:class:`juesuan.model.Disclosure`), never raw text.

Equality of printed numbers is decided by :func:`juesuan.money.tolerance` only (0.005 per
printed term). A cell that is not printed is absent (not zero); an identity none of whose
cells is printed is not checked, and a table that is neither printed nor declared empty
takes no part in arithmetic (the completeness rules report it instead).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.glossary import CLASS_NAME, TABLES
from juesuan.model import Cell, Claim, Disclosure
from juesuan.money import ZERO, q2, tolerance

FAMILIES = {
    "C": "完整性",
    "A": "表内平衡",
    "H": "科目层级",
    "X": "表间勾稽",
    "N": "情况说明与报表一致性",
    "K": "科目编码与名称",
    "U": "单位与格式",
    "P": "绩效自评",
    "Y": "跨年比较",  # cross-year rules (juesuan.compare.crossyear): they need two documents
}
FAMILY_ORDER = tuple(FAMILIES)
SEVERITIES = ("error", "warning", "info")

Ref = tuple[str, str, str]  # (table, row, column)


def join_lines(text: str) -> str:
    """Join wrapped lines of Chinese prose: no space between two CJK characters."""
    out = ""
    for line in text.splitlines():
        line = line.strip()
        if out and line and (out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum()):
            out += " "
        out += line
    return out


def dec(v: Decimal | None) -> str | None:
    """A Decimal as the findings contract carries it: a plain decimal string."""
    return None if v is None else format(v, "f")


def num(v: Decimal | None) -> str:
    """A number as messages print it: two decimals, no separators."""
    if v is None:
        return "（空）"
    return format(q2(v), "f")


def pct(v: Decimal | None) -> str:
    return "（空）" if v is None else f"{format(q2(v), 'f')}%"


def half_unit(v: Decimal) -> Decimal:
    """Half a unit in the last printed digit of ``v`` (0.005 for 12.34, 0.05 for 12.3,
    0.5 for 12 or coarser)."""
    exp = v.as_tuple().exponent
    if not isinstance(exp, int):
        return Decimal("0.5")
    exp = min(max(exp, -6), 0)
    return Decimal(5).scaleb(exp - 1)


def printed_tolerance(*values: Decimal | None) -> Decimal:
    """Rounding tolerance of a relation between printed numbers of varying precision:
    ``money.tolerance`` per term, with the term's own printed unit."""
    return sum((tolerance(1, half_unit(v)) for v in values if v is not None), ZERO)


# ---------------------------------------------------------------------------------------
# Findings


@dataclass
class Finding:
    """One finding, exactly the shape of spec §6 (see :meth:`to_dict`)."""

    rule: str
    family: str
    severity: str
    message: str
    cells: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    expected: str | None = None
    actual: str | None = None
    difference: str | None = None
    location: dict = field(default_factory=lambda: {"page": None, "line": None})
    extraction_uncertain: bool = False

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "family": self.family,
            "severity": self.severity,
            "message": self.message,
            "cells": self.cells,
            "claims": self.claims,
            "expected": self.expected,
            "actual": self.actual,
            "difference": self.difference,
            "location": self.location,
            "extraction_uncertain": self.extraction_uncertain,
        }

    @property
    def cell_keys(self) -> set[Ref]:
        return {(c["table"], c["row"], c["column"]) for c in self.cells}


def cell_dict(c: Cell) -> dict:
    return {"table": c.table, "row": c.row, "column": c.column, "value": dec(c.value)}


def claim_dict(c: Claim) -> dict:
    return {"text": c.text, "value": dec(c.value), "page": c.page, "line": c.line}


# ---------------------------------------------------------------------------------------
# Context: indexed access to the model, with optional tracing of the cells a rule reads.


class Context:
    def __init__(self, doc: Disclosure):
        self.doc = doc
        self.touched: set[Ref] | None = None
        self._cells: dict[Ref, Cell] = {}
        self._rows: dict[str, list[str]] = {}
        for tid, t in doc.tables.items():
            for c in t.cells:
                self._cells[(tid, c.row, c.column)] = c
            self._rows[tid] = t.rows()
        self._claims_by_subject: dict[str, list[Claim]] | None = None

    # tables -------------------------------------------------------------------------
    def usable(self, tid: str) -> bool:
        """A table takes part in arithmetic when it has cells or is declared empty (then all
        its cells are zero). A table neither printed nor declared empty does not."""
        t = self.doc.tables.get(tid)
        if t is None:
            return False
        return bool(t.cells) or t.declared_empty

    def rows(self, tid: str) -> list[str]:
        return self._rows.get(tid, [])

    def code_rows(self, tid: str, length: int | None = None) -> list[str]:
        return [r for r in self.rows(tid) if r.isdigit() and (length is None or len(r) == length)]

    def columns(self, tid: str) -> tuple[str, ...]:
        return TABLES[tid].columns

    def label(self, tid: str, row: str) -> str:
        t = self.doc.tables.get(tid)
        name = t.row_labels.get(row, "") if t is not None else ""
        if not name:
            c = next((c for (tt, r, _), c in self._cells.items() if tt == tid and r == row and c.label), None)
            name = c.label if c else ""
        if not name and tid in ("T01", "T04") and row in CLASS_NAME:
            name = CLASS_NAME[row]
        return name

    # cells --------------------------------------------------------------------------
    def cell(self, tid: str, row: str, column: str) -> Cell | None:
        key = (tid, row, column)
        if self.touched is not None:
            self.touched.add(key)
        return self._cells.get(key)

    def value(self, tid: str, row: str, column: str) -> Decimal | None:
        c = self.cell(tid, row, column)
        return None if c is None else c.value

    def cells(self, tid: str) -> list[Cell]:
        t = self.doc.tables.get(tid)
        if t is None:
            return []
        if self.touched is not None:
            self.touched.update(c.key for c in t.cells)
        return list(t.cells)

    # claims -------------------------------------------------------------------------
    def claims_by_subject(self) -> dict[str, list[Claim]]:
        if self._claims_by_subject is None:
            idx: dict[str, list[Claim]] = {}
            for c in self.doc.claims:
                idx.setdefault(c.subject, []).append(c)
            self._claims_by_subject = idx
        return self._claims_by_subject

    def claim_cell(self, claim: Claim) -> Cell | None:
        if claim.cell is None:
            return None
        return self.cell(claim.cell.table, claim.cell.row, claim.cell.column)

    # descriptions -------------------------------------------------------------------
    def describe(self, ref: Ref, with_table: bool = True) -> str:
        tid, row, col = ref
        parts: list[str] = [TABLES[tid].title] if with_table else []
        if row.isdigit():
            name = self.label(tid, row)
            parts.append(f"{row} {name}".strip())
        else:
            parts.append(row)
        if tid == "T09":
            parts.append(col)
        elif col not in ("金额", "决算数"):
            parts.append(col)
        return " ".join(parts)


# ---------------------------------------------------------------------------------------
# Rules and the registry

REGISTRY: dict[str, Rule] = {}


def register(cls: type[Rule]) -> type[Rule]:
    inst = cls()
    if not inst.id or inst.id[0] != inst.family or inst.family not in FAMILIES:
        raise ValueError(f"bad rule id/family: {cls.__name__} {inst.id!r} {inst.family!r}")
    if inst.severity not in SEVERITIES:
        raise ValueError(f"bad severity for {inst.id}: {inst.severity}")
    if inst.id in REGISTRY:
        raise ValueError(f"duplicate rule id {inst.id}")
    if not (cls.__doc__ or "").strip():
        raise ValueError(f"rule {inst.id} has no docstring")
    REGISTRY[inst.id] = inst
    return cls


class Rule:
    """Base class. Subclasses set ``id``, ``family``, ``severity``, ``name`` (a short Chinese
    title) and implement :meth:`check`."""

    id: str = ""
    family: str = ""
    severity: str = "error"
    name: str = ""

    @property
    def description(self) -> str:
        return textwrap.dedent(self.__doc__ or "").strip()

    @property
    def summary(self) -> str:
        return join_lines(self.description.split("\n\n", 1)[0])

    def check(self, ctx: Context) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- building findings ------------------------------------------------------------
    def finding(
        self,
        message: str,
        *,
        cells: Sequence[Cell] = (),
        claims: Sequence[Claim] = (),
        expected: Decimal | str | None = None,
        actual: Decimal | str | None = None,
        difference: Decimal | str | None = None,
        severity: str | None = None,
        page: int | None = None,
        line: int | None = None,
        uncertain: bool = False,
    ) -> Finding:
        seen: set[Ref] = set()
        cell_list = []
        for c in cells:
            if c is not None and c.key not in seen:
                seen.add(c.key)
                cell_list.append(c)
        if page is None and line is None:
            for c in list(cell_list) + [cl for cl in claims if cl is not None]:
                if c.page is not None or c.line is not None:
                    page, line = c.page, c.line
                    break
        unc = uncertain or any(c.repaired or c.uncertain for c in cell_list)

        def s(v):
            return dec(v) if isinstance(v, Decimal) else v

        return Finding(
            rule=self.id,
            family=self.family,
            severity=severity or self.severity,
            message=message,
            cells=[cell_dict(c) for c in cell_list],
            claims=[claim_dict(c) for c in claims if c is not None],
            expected=s(expected),
            actual=s(actual),
            difference=s(difference),
            location={"page": page, "line": line},
            extraction_uncertain=unc,
        )

    def relation(
        self,
        ctx: Context,
        lhs: Sequence[tuple[int, Ref]],
        rhs: Sequence[tuple[int, Ref]],
        op: str = "=",
        *,
        require: Sequence[Ref] = (),
        severity: str | None = None,
        note: str = "",
        max_terms: int = 8,
    ) -> Finding | None:
        """Check ``Σ lhs op Σ rhs`` (op is '=', '<=' or '>='), absent cells counting as zero.

        Not checked when no cell of the relation is printed, or when a cell in ``require``
        is absent (an optional total). Tolerance: ``money.tolerance`` of the number of
        printed terms on both sides."""
        lc = [(s, r, ctx.cell(*r)) for s, r in lhs]
        rc = [(s, r, ctx.cell(*r)) for s, r in rhs]
        everything = lc + rc
        if all(c is None for _, _, c in everything):
            return None
        for r in require:
            if ctx.cell(*r) is None:
                return None
        lv = sum((s * c.value for s, _, c in lc if c is not None), ZERO)
        rv = sum((s * c.value for s, _, c in rc if c is not None), ZERO)
        n = sum(1 for _, _, c in everything if c is not None)
        tol = tolerance(n)
        diff = lv - rv
        if op == "=":
            ok = abs(diff) <= tol
            sym = "≠"
        elif op == "<=":
            ok = diff <= tol
            sym = ">"
        else:
            ok = diff >= -tol
            sym = "<"
        if ok:
            return None
        msg = (
            f"{self._side(ctx, lc, lv, max_terms)} {sym} {self._side(ctx, rc, rv, max_terms, lc)}"
            f"，相差 {num(diff)}（尾差容许 {format(tol, 'f')}，{n} 个数）"
        )
        if op != "=":
            msg += f"；应满足 左 {'≤' if op == '<=' else '≥'} 右"
        if note:
            msg += f"；{note}"
        return self.finding(
            msg,
            cells=[c for _, _, c in everything if c is not None],
            expected=rv,
            actual=lv,
            difference=diff,
            severity=severity,
        )

    @staticmethod
    def _side(ctx: Context, terms, total: Decimal, max_terms: int, before=()) -> str:
        prev_table = before[-1][1][0] if before else None
        out = []
        shown = terms
        if len(terms) > max_terms:
            # long sums: show the non-zero terms first, summarise the rest
            nonzero = [t for t in terms if t[2] is not None and t[2].value != 0]
            shown = nonzero[: max_terms - 1] if len(nonzero) >= max_terms else nonzero
            if not shown:
                shown = terms[: max_terms - 1]
        for i, (s, ref, c) in enumerate(shown):
            desc = ctx.describe(ref, with_table=ref[0] != prev_table)
            prev_table = ref[0]
            v = num(c.value) if c is not None else "（空）"
            sign = "" if i == 0 and s > 0 else (" − " if s < 0 else " + ")
            if i == 0 and s < 0:
                sign = "−"
            out.append(f"{sign}{desc} {v}")
        if len(shown) < len(terms):
            ids = {id(t) for t in shown}
            rest = [t for t in terms if id(t) not in ids]
            rest_v = sum((s * c.value for s, _, c in rest if c is not None), ZERO)
            if rest_v == 0:
                out.append(f" + 其余 {len(rest)} 项（均为 0 或空）")
            else:
                out.append(f" + 其余 {len(rest)} 项 {num(rest_v)}")
        text = "".join(out)
        if len(terms) > 1:
            text += f" = {num(total)}"
        return text


def all_rules() -> list[Rule]:
    _load()
    return sorted(REGISTRY.values(), key=lambda r: (FAMILY_ORDER.index(r.family), r.id))


def _load() -> None:
    # importing the family modules registers their rules
    from juesuan.rules import (  # noqa: F401
        arithmetic,
        catalogue_rules,
        completeness,
        crosstable,
        hierarchy,
        narrative,
        performance,
        units,
    )


SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(
        findings,
        key=lambda f: (SEVERITY_ORDER[f.severity], FAMILY_ORDER.index(f.family), f.rule,
                       f.location.get("page") or 0, f.location.get("line") or 0),
    )


def run_rules(doc: Disclosure, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """Evaluate the rules (all registered rules by default) and return the findings, most
    severe first."""
    ctx = Context(doc)
    out: list[Finding] = []
    for rule in rules if rules is not None else all_rules():
        out.extend(rule.check(ctx))
    return sort_findings(out)


def iter_pairs(items: Sequence) -> Iterator[tuple]:
    for i in range(len(items) - 1):
        yield items[i], items[i + 1]
