"""Synthetic inputs for the output tests: the bundled made-up department, a report with a
coverage list (contract 3), and a model whose texts try to break out of their format."""

from __future__ import annotations

from decimal import Decimal
from importlib.resources import files
from pathlib import Path

from juesuan.model import Disclosure

SAMPLE = Path(str(files("juesuan.examples") / "sample_disclosure.json"))
SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
PLANTED = SAMPLES / "上海市普陀区财政局2024年度部门决算（植入错误版）.pdf"
CLEAN_PDF = SAMPLES / "上海市普陀区财政局2024年度部门决算.pdf"

COVERAGE = [
    {"rule": "A-T01-income-total", "table": "T01", "status": "passed", "reason": None},
    {"rule": "X-T05-T06-basic", "table": "T05", "status": "failed", "reason": None},
    {"rule": "H-T05-class", "table": "T05", "status": "not_checked", "reason": "T05 只读取了部分行"},
    {"rule": "A-T07-balance", "table": "T07", "status": "not_applicable", "reason": "本表无数据"},
    {"rule": "C-glossary", "table": None, "status": "failed", "reason": None},
]


def sample() -> Disclosure:
    return Disclosure.model_validate_json(SAMPLE.read_bytes())


def broken() -> Disclosure:
    """The sample with one figure changed so the audit has an error finding."""
    d = sample()
    for c in d.tables["T05"].cells:
        if c.row == "合计" and c.column == "基本支出":
            c.value += Decimal("10")
    return d


def hostile() -> Disclosure:
    """Texts a document could carry that must stay text in every output."""
    d = sample()
    t05 = d.tables["T05"]
    code = next(r for r in t05.rows() if r.isdigit() and len(r) == 7)
    t05.row_labels[code] = '=HYPERLINK("http://example.invalid/x","点我")'
    for c in t05.cells:
        if c.row == code:
            c.label = t05.row_labels[code]
    d.meta.department = "@SUM(A1:A9)测试局"
    return d


def report_with_coverage(doc: Disclosure | None = None):
    from juesuan.report import audit

    r = audit(doc or broken())
    try:  # the typed rows of contract 3 when the engine has them
        from juesuan.findings import CoverageRow
    except ImportError:
        r.coverage = [dict(x) for x in COVERAGE]
    else:
        r.coverage = [CoverageRow(**x) for x in COVERAGE]
    return r
