"""juesuan (决算): read, audit and write China's departmental final-accounts disclosures.

The public Python API (documented in docs/api.md)::

    import juesuan
    d = juesuan.read("report.pdf")                 # -> juesuan.model.Disclosure
    r = juesuan.audit(d, rules=["A", "X"])         # -> juesuan.findings.Report
    juesuan.render(d, to="xlsx", path="out.xlsx")  # -> Path of the written file

Everything else is internal and may change.
"""

from __future__ import annotations

import functools
import importlib
import sys
import types
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Generic, ParamSpec, TypeVar

from juesuan.findings import CoverageRow, Family, Finding, Report, Severity
from juesuan.model import Disclosure

_P = ParamSpec("_P")
_R = TypeVar("_R")

try:
    __version__ = version("juesuan")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"


def _read(path: str | Path) -> Disclosure:
    """Read a disclosure (PDF, scan, text, Word, Excel, HTML or a model JSON) into the model.
    Raises :class:`juesuan.read.ReadError` (one line naming the file) when it cannot."""
    from juesuan.pipeline import load

    return load(path)


def audit(disclosure: Disclosure, rules: Iterable[str] | str | None = None,
          exclude: Iterable[str] | str | None = None) -> Report:
    """Audit a disclosure. ``rules``/``exclude``: rule ids or family letters (a list or a
    comma-separated string); by default every registered rule. Raises ValueError for an
    unknown name."""
    from juesuan.report import audit as _audit

    return _audit(disclosure, rules=rules, exclude=exclude)


def _render(disclosure: Disclosure, to: str, path: str | Path) -> Path:
    """Write ``disclosure`` as ``to`` (txt, xlsx, docx, html or pdf) to ``path``; returns the
    path. Raises :class:`juesuan.render.RenderError` for an unknown format."""
    from juesuan.render import render_file

    return render_file(disclosure, to, path)


class _Stage(Generic[_P, _R]):
    """An API function that shares its name with a pipeline stage's subpackage
    (``juesuan.read``, ``juesuan.render``). Calling it runs the function; any other attribute
    is the subpackage's, so ``import juesuan.render.pdf as pdf`` and
    ``juesuan.read.ReadError`` keep working."""

    def __init__(self, fn: Callable[_P, _R], package: str) -> None:
        functools.update_wrapper(self, fn)
        self._fn = fn
        self._package = package

    def __call__(self, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        return self._fn(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(importlib.import_module(self._package), name)

    def __repr__(self) -> str:
        return f"<juesuan API function {self._package}>"


class _Package(types.ModuleType):
    """Importing a subpackage makes Python set it as an attribute of its parent, which would
    replace the API function of the same name; this keeps the function (a :class:`_Stage`)."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) and isinstance(getattr(self, name, None), _Stage):
            return
        super().__setattr__(name, value)


read = _Stage(_read, "juesuan.read")
render = _Stage(_render, "juesuan.render")
sys.modules[__name__].__class__ = _Package

__all__ = ["CoverageRow", "Disclosure", "Family", "Finding", "Report", "Severity", "__version__", "audit",
           "read", "render"]
