"""Costs paid on first use instead of at import.

A ``juesuan`` command is a short process: everything its modules do at import is paid on every
run, whether the run needs it or not. Two general means keep that cost to what a run uses:

* :func:`after_import` — run a function when a module is first imported (at once when it
  already is). The CLI adapts Typer's help and error screens (``cli/localise.py``) this way
  without importing them: they load Rich's Markdown renderer and more, and only a help screen
  or a usage error needs them.
* :func:`pattern` — a regular expression compiled when it is first used. Python compiles a
  pattern in Python code (``re._compiler``), a few hundred microseconds each; the readers
  hold a few hundred at module level and a document uses about half of them.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import re
import sys
import threading
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, cast, overload

# ----------------------------------------------------------------------------- after_import

_hooks: dict[str, list[Callable[[ModuleType], None]]] = {}
_lock = threading.Lock()


class _Loader(importlib.abc.Loader):
    """The module's own loader, then the hooks waiting for it."""

    def __init__(self, inner: Any, name: str):
        self._inner = inner
        self._name = name

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return cast(ModuleType | None, self._inner.create_module(spec))

    def exec_module(self, module: ModuleType) -> None:
        module.__loader__ = self._inner  # the module keeps its real loader (get_source, resources)
        self._inner.exec_module(module)
        with _lock:
            fns = _hooks.pop(self._name, [])
        for fn in fns:
            fn(module)

    def __getattr__(self, name: str) -> Any:  # get_source, get_filename … of the real loader
        return getattr(self._inner, name)


class _Finder(importlib.abc.MetaPathFinder):
    """First on ``sys.meta_path``: for a module someone waits for, the spec the other finders
    give, with its loader wrapped; for every other module, nothing (the next finder answers)."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
                  ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in _hooks:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _Loader(spec.loader, fullname)
                return spec
        return None


_finder = _Finder()


def after_import(name: str, fn: Callable[[ModuleType], None]) -> None:
    """Call ``fn(module)`` once the module ``name`` has been imported: now if it already is,
    else right after its first import (before the importer gets it)."""
    module = sys.modules.get(name)
    if module is not None:
        fn(module)
        return
    with _lock:
        _hooks.setdefault(name, []).append(fn)
        if _finder not in sys.meta_path:
            sys.meta_path.insert(0, _finder)


# ----------------------------------------------------------------------------- pattern


class _LazyPattern:
    """Stands for ``re.compile(pattern, flags)``. The first attribute asked for compiles the
    pattern and copies the compiled pattern's methods onto this object, so that later calls
    (``P.search(s)``) cost one attribute lookup, as on a compiled pattern."""

    def __init__(self, pattern: str | bytes, flags: int):
        self._args = (pattern, flags)
        self.pattern = pattern  # its source, without compiling (patterns built from others)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = re.compile(*self._args)
            for attr in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
                         "scanner", "flags", "groups", "groupindex"):
                self.__dict__[attr] = getattr(compiled, attr)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"pattern({self._args[0]!r})"


@overload
def pattern(regex: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]: ...
@overload
def pattern(regex: bytes, flags: int | re.RegexFlag = 0) -> re.Pattern[bytes]: ...


def pattern(regex: str | bytes, flags: int | re.RegexFlag = 0) -> re.Pattern[Any]:
    """``re.compile(regex, flags)``, compiled when first used. Typed as the compiled pattern
    it stands for: its methods and attributes (search … split, pattern, flags, groups,
    groupindex) are the compiled pattern's own. It is not an instance of ``re.Pattern``, so
    call its own methods (``P.sub(…)``), not the ``re`` module's (``re.sub(P, …)`` raises
    TypeError)."""
    return cast(re.Pattern[Any], _LazyPattern(regex, int(flags)))


__all__ = ["after_import", "pattern"]
