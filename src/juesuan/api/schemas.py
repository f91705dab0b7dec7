"""Response models of the API that are not store views (uploads, comparisons)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, field_serializer

from juesuan.store.views import DocumentView


class _Dec(BaseModel):
    @field_serializer("*", when_used="json")
    def _dec(self, v: Any) -> Any:
        if isinstance(v, Decimal):
            return format(v, "f")
        if isinstance(v, dict):
            return {k: (format(x, "f") if isinstance(x, Decimal) else x) for k, x in v.items()}
        return v


class UploadResult(BaseModel):
    file_name: str
    status: str  # 新增 | 已存在 | 重新读取 | 无法读取
    reading_status: str  # read | unreadable
    error: str | None = None
    document_id: int
    new_document: bool
    department: str | None = None
    year: int | None = None
    summary: dict[str, int] = {}


class DocumentPage(BaseModel):
    total: int
    items: list[DocumentView]


class YearRow(_Dec):
    table: str
    row: str
    column: str
    label: str
    values: dict[int, Decimal | None]
    changes: dict[int, Decimal | None]
    rates: dict[int, Decimal | None]


class YearComparison(BaseModel):
    department_id: int
    department: str
    years: list[int]
    rows: list[YearRow]


class LeagueEntry(_Dec):
    document_id: int
    department: str
    value: Decimal
    rank: int
    z: Decimal | None = None
    outlier: bool


class LeagueTable(_Dec):
    metric: str
    label: str
    unit: str
    count: int
    minimum: Decimal | None = None
    q1: Decimal | None = None
    median: Decimal | None = None
    q3: Decimal | None = None
    maximum: Decimal | None = None
    entries: list[LeagueEntry]
    missing: list[str]


class RegionComparison(BaseModel):
    year: int
    region: str | None
    documents: int
    method: str
    leagues: list[LeagueTable]


class ReviewRequest(BaseModel):
    state: str  # confirmed | dismissed
    reviewer: str
    reason: str = ""
