"""What the store's queries return: pydantic models, JSON-ready (money as decimal strings).
The HTTP API uses them as its response schemas, so the two never drift apart."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, field_serializer

ReviewState = Literal["confirmed", "dismissed"]
ReadingStatus = Literal["read", "unreadable"]


class _Money(BaseModel):
    @field_serializer("*", when_used="json")
    def _dec(self, v: Any) -> Any:
        return format(v, "f") if isinstance(v, Decimal) else v


class DepartmentView(BaseModel):
    id: int
    name: str
    key: str
    region: str
    parent_id: int | None = None
    aliases: list[str] = []
    years: list[int] = []
    units: dict[int, list[str]] = {}  # year → consolidated units (决算单位构成)


class ReadingView(BaseModel):
    id: int
    juesuan_version: str
    ruleset_version: str
    status: ReadingStatus
    error: str | None = None
    elapsed_s: float | None = None
    summary: dict[str, int]
    created_at: datetime


class DocumentView(BaseModel):
    """A document with its latest reading."""

    id: int
    content_hash: str
    file_name: str
    source_url: str | None = None
    format: str
    size: int | None = None
    year: int | None = None
    kind: str | None = None
    department_id: int | None = None
    department: str | None = None
    region: str | None = None
    status: ReadingStatus | None = None
    error: str | None = None
    juesuan_version: str | None = None
    ruleset_version: str | None = None
    summary: dict[str, int] = {}
    created_at: datetime
    readings: list[ReadingView] = []  # filled by Store.document(); empty in listings


class CellView(_Money):
    table: str
    row: str
    column: str
    value: Decimal
    raw: str = ""
    page: int | None = None
    line: int | None = None
    repaired: bool = False
    repair: str = ""
    uncertain: bool = False
    label: str = ""


class ReviewView(BaseModel):
    id: int
    document_id: int
    rule: str
    state: ReviewState
    reviewer: str
    reason: str
    created_at: datetime


class FindingView(BaseModel):
    """A finding of spec §6 plus where it is stored and its review state."""

    id: int
    document_id: int
    reading_id: int
    rule: str
    family: str
    severity: str
    message: str
    match_key: str
    finding: dict[str, Any]  # the spec §6 object
    review: ReviewView | None = None


class RuleStats(BaseModel):
    rule: str
    findings: int
    confirmed: int
    dismissed: int
    unreviewed: int

    @property
    def confirmed_share(self) -> float | None:
        done = self.confirmed + self.dismissed
        return None if done == 0 else self.confirmed / done
