"""Reports of an audit: the findings contract of spec §6 and its renderings (json, csv,
text, html).

    report = audit(doc)            # juesuan.findings.Report
    report.to_dict()               # {"document": …, "findings": […], "summary": …, "coverage": …}
    to_csv(report), to_text(report), to_html(report)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from juesuan import memo

if TYPE_CHECKING:
    from juesuan.findings import Report
    from juesuan.model import Disclosure

# Importing this package (as ``juesuan extract``'s text view does, for report/extract_view.py)
# loads neither the findings models nor the rules: ``audit`` loads them when it runs, and
# ``Report`` and ``CSV_HEADER`` are served on first use (PEP 562).


def __getattr__(name: str) -> Any:
    value: Any
    if name == "Report":
        import juesuan.findings

        value = juesuan.findings.Report
    elif name == "CSV_HEADER":  # Chinese column names (页码, 行, 表, …, 复核意见); see report/views.py
        from juesuan.report.views import finding_headers

        value = tuple(finding_headers())
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def audit(doc: Disclosure, rules: Iterable[str] | str | None = None,
          exclude: Iterable[str] | str | None = None) -> Report:
    """Run the registered rules (or those ``rules`` names, minus ``exclude``: ids or family
    letters) over ``doc``; the report carries findings, coverage, reading warnings and repairs."""
    from juesuan.findings import DocumentInfo, Report
    from juesuan.rules.base import evaluate, select

    memo.trim()  # (the text caches are bounded between documents: juesuan.memo)
    findings, coverage = evaluate(doc, select(rules, exclude))
    return Report(document=DocumentInfo.of(doc), findings=findings, coverage=coverage,
                  reading_warnings=list(doc.warnings), repairs=list(doc.repairs), disclosure=doc)


def to_text(report: Report, width: int = 120) -> str:
    from juesuan.report.text import render_text

    return render_text(report, width=width)


def to_html(report: Report) -> str:
    from juesuan.report.html import render_html

    return render_html(report)


def to_csv(report: Report) -> str:
    """One finding a line, Chinese headers; the caller adds the BOM (report.sheets.excel_csv)."""
    from juesuan.report.sheets import findings_csv

    return findings_csv(report)


def to_xlsx(report: Report) -> bytes:
    """The findings workbook (审核发现, 核对覆盖情况, 文件信息)."""
    from juesuan.report.sheets import findings_xlsx

    return findings_xlsx(report)


__all__ = ["CSV_HEADER", "Report", "audit", "to_csv", "to_html", "to_text", "to_xlsx"]
