"""What an audit says: findings, coverage and the report (spec §6, docs/spec.md §6).

These are the typed results of ``juesuan.audit``. A :class:`Finding` is one problem (or one
root cause, with the findings it explains nested under ``consequences``); a
:class:`CoverageRow` says, for one rule and one table, whether the rule could check it; a
:class:`Report` carries both, with the reading warnings and repairs of the disclosure, so a
reader can tell "checked and fine" from "could not be checked".

The JSON shape (``to_dict``) is a public contract: other tools and our own baselines read it.
"""

from __future__ import annotations

import json
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer, model_validator

from juesuan.model import Cell, Claim, Disclosure, Location, Repair, made
from juesuan.money import decimal_text


class Severity(StrEnum):
    """How bad a finding is: ``error`` the figures contradict each other, ``warning`` it may be
    legitimate, ``info`` a note (e.g. printed rounding just beyond tolerance)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Family(StrEnum):
    """Rule families (spec §5); a rule id starts with its family letter."""

    C = "C"
    A = "A"
    H = "H"
    X = "X"
    N = "N"
    K = "K"
    U = "U"
    P = "P"
    Y = "Y"
    R = "R"


FAMILY_NAMES: dict[Family, str] = {
    Family.C: "完整性",
    Family.A: "表内平衡",
    Family.H: "科目层级",
    Family.X: "表间勾稽",
    Family.N: "情况说明与报表一致性",
    Family.K: "科目编码与名称",
    Family.U: "单位与格式",
    Family.P: "绩效自评",
    Family.Y: "跨年比较",
    Family.R: "读取",
}
SEVERITY_ORDER = {s: i for i, s in enumerate(Severity)}
FAMILY_ORDER = {f: i for i, f in enumerate(Family)}


def family_of(rule_id: str) -> Family:
    """The family a rule id belongs to: its first letter (``X-T05-T06-basic`` → X)."""
    # (asked for every finding and every rule an audit sorts: a dict lookup, not Enum's call)
    family = _FAMILY_BY_LETTER.get(rule_id[:1])
    if family is None:
        raise ValueError(f"rule id {rule_id!r} does not start with a family letter "
                         f"({' '.join(f.value for f in Family)})")
    return family


_FAMILY_BY_LETTER = {f.value: f for f in Family}


class FindingCell(BaseModel):
    """A table cell a finding is about, with the value it had."""

    model_config = ConfigDict(frozen=True)
    table: str
    row: str
    column: str
    value: Decimal | None = None

    @field_serializer("value")
    def _ser(self, v: Decimal | None) -> str | None:
        return decimal_text(v)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.table, self.row, self.column)

    @classmethod
    def of(cls, c: Cell) -> FindingCell:
        # (model.made: every cell a finding cites, hundreds in an audit)
        return made(cls, {"table": c.table, "row": c.row, "column": c.column, "value": c.value})


# A figure of a performance self-evaluation (绩效自评表) as a finding cell: ``table`` is
# PERF_TABLE + the project name (PerformanceItem.name), ``row`` the 三级指标 name — or the fund
# source (年度资金总额, 当年财政拨款 …) or task name — and "" for the table's own figures
# (总分), ``column`` the perf-csv field (PERF_TABLE_FIELDS / PERF_INDICATOR_FIELDS). Reports
# group performance findings by project and highlight these cells in the drawn table.
PERF_TABLE = "P:"


def perf_cell(project: str, column: str, value: Decimal | None = None, row: str = "") -> FindingCell:
    """The finding cell of one performance figure (see PERF_TABLE)."""
    return made(FindingCell, {"table": PERF_TABLE + project, "row": row, "column": column, "value": value})


def perf_project(table: str | None) -> str | None:
    """The project a finding cell's ``table`` names, when it is a performance figure."""
    return table[len(PERF_TABLE):] if table and table.startswith(PERF_TABLE) else None


class FindingClaim(BaseModel):
    """A narrative claim a finding is about: its text, value and where it was printed."""

    model_config = ConfigDict(frozen=True)
    text: str = ""
    value: Decimal | None = None
    page: int | None = None
    line: int | None = None

    @field_serializer("value")
    def _ser(self, v: Decimal | None) -> str | None:
        return decimal_text(v)

    @classmethod
    def of(cls, c: Claim) -> FindingClaim:
        return cls(text=c.text, value=c.value, page=c.page, line=c.line)


class Finding(BaseModel):
    """One finding, the shape of spec §6 (see :meth:`to_dict`). ``family`` derives from the
    rule id when not given. ``expected``/``actual``/``difference`` are decimal strings (or a
    short text where the rule compares something other than numbers)."""

    rule: str
    family: Family
    severity: Severity = Severity.ERROR
    message: str
    cells: list[FindingCell] = Field(default_factory=list)
    claims: list[FindingClaim] = Field(default_factory=list)
    expected: str | None = None
    actual: str | None = None
    difference: str | None = None
    location: Location = Field(default_factory=Location)
    extraction_uncertain: bool = False
    consequences: list[Finding] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _derive_family(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("family") is None and data.get("rule"):
            data = {**data, "family": family_of(str(data["rule"]))}
        return data

    def to_dict(self) -> dict:
        """The spec §6 JSON object (plus ``consequences`` when there are any)."""
        out: dict[str, Any] = {
            "rule": self.rule,
            "family": self.family.value,
            "severity": self.severity.value,
            "message": self.message,
            "cells": [c.model_dump(mode="json") for c in self.cells],
            "claims": [c.model_dump(mode="json") for c in self.claims],
            "expected": self.expected,
            "actual": self.actual,
            "difference": self.difference,
            "location": {"page": self.location.page, "line": self.location.line},
            "extraction_uncertain": self.extraction_uncertain,
        }
        if self.consequences:
            out["consequences"] = [f.to_dict() for f in self.consequences]
        return out

    @property
    def cell_keys(self) -> set[tuple[str, str, str]]:
        return {c.key for c in self.cells}

    @property
    def tables(self) -> set[str]:
        return {c.table for c in self.cells}


CoverageStatus = Literal["passed", "failed", "not_applicable", "not_checked"]


class CoverageRow(BaseModel):
    """Whether one rule could check one table. ``table`` is None for a rule about the whole
    document (completeness, narrative without a cell). ``not_checked`` is never a pass: the
    table could not be read (its ``status``), so the rule said nothing about it."""

    rule: str
    table: str | None = None
    status: CoverageStatus
    reason: str | None = None  # Chinese, for not_applicable and not_checked


class DocumentInfo(BaseModel):
    """The ``document`` block of a report."""

    source: str = ""
    department: str = ""
    year: int | None = None
    unit: str = "万元"
    tables_found: list[str] = Field(default_factory=list)

    @classmethod
    def of(cls, d: Disclosure) -> DocumentInfo:
        m = d.meta
        return cls(source=m.source, department=m.department, year=m.year, unit=m.unit,
                   tables_found=d.tables_found())


def summarise(findings: list[Finding]) -> dict[str, int]:
    """Counts by severity, every severity present (``{"error": n, "warning": n, "info": n}``)."""
    out = {s.value: 0 for s in Severity}
    for f in findings:
        out[f.severity.value] += 1
    return out


class Report(BaseModel):
    """The result of an audit. ``disclosure`` is the audited model (not serialised; the HTML
    report draws its tables from it)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    findings: list[Finding] = Field(default_factory=list)
    reading_warnings: list[str] = Field(default_factory=list)
    repairs: list[Repair] = Field(default_factory=list)
    coverage: list[CoverageRow] = Field(default_factory=list)
    disclosure: Disclosure | None = Field(default=None, exclude=True, repr=False)

    @property
    def summary(self) -> dict[str, int]:
        return summarise(self.findings)

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def to_dict(self) -> dict:
        """``document``, ``findings``, ``summary`` (spec §6), then ``reading_warnings``,
        ``repairs`` and ``coverage``."""
        return {
            "document": self.document.model_dump(mode="json"),
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary,
            "reading_warnings": list(self.reading_warnings),
            "repairs": [r.model_dump(mode="json") for r in self.repairs],
            "coverage": [c.model_dump(mode="json") for c in self.coverage],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Most severe first, then by family, rule and place."""
    return sorted(
        findings,
        key=lambda f: (SEVERITY_ORDER[f.severity], FAMILY_ORDER[f.family], f.rule,
                       f.location.page or 0, f.location.line or 0),
    )


__all__ = ["FAMILY_NAMES", "CoverageRow", "CoverageStatus", "DocumentInfo", "Family", "Finding", "FindingCell",
           "FindingClaim", "Report", "Severity", "family_of", "sort_findings", "summarise"]
