"""Helpers for the reader tests: where the real sample PDFs are (tests skip when shared/ is
not beside the repository), a cached read of each, and a row finder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests_support import SAMPLES


def samples_dir() -> Path | None:
    for cand in (os.environ.get("JUESUAN_SAMPLES"), SAMPLES):
        if cand and Path(cand).is_dir():
            return Path(cand)
    return None


SAMPLE_2024 = "上海市普陀区财政局2024年度部门决算.pdf"
SAMPLE_PLANTED = "上海市普陀区财政局2024年度部门决算（植入错误版）.pdf"
SAMPLE_TEMPLATE = "附件2：部门决算模板.pdf"


def sample_path(name: str) -> Path:
    d = samples_dir()
    if d is None or not (d / name).exists():
        pytest.skip(f"sample {name} not available")
    return d / name


_cache: dict[str, object] = {}


def read_sample(name: str):
    from juesuan.read import read_source

    if name not in _cache:
        _cache[name] = read_source(sample_path(name))
    return _cache[name]


def row(src, *cells_prefix: str, page: int | None = None):
    """The first line whose leading non-empty cells equal ``cells_prefix``."""
    for ln in src.lines:
        if page is not None and ln.page != page:
            continue
        filled = [c for c in ln.cells if c]
        if filled[: len(cells_prefix)] == list(cells_prefix):
            return ln
    raise AssertionError(f"no line starting with {cells_prefix!r}")
