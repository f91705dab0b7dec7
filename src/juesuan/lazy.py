"""Costs paid on first use instead of at import.

A ``juesuan`` command is a short process: everything its modules do at import is paid on every
run, whether the run needs it or not. Two general means keep that cost to what a run uses:

* :func:`after_import` — run a function when a module is first imported (at once when it
  already is). The CLI adapts Typer's help and error screens (``cli/localise.py``) this way
  without importing them: they load Rich's Markdown renderer and more, and only a help screen
  or a usage error needs them.
* :func:`defer_while_importing` — a module imports names it rarely uses from a costly
  module: while it is imported, those names are stand-ins that import the costly module
  when first used. Typer's screens (``typer.rich_utils``) import Rich's Markdown renderer
  and its tracebacks (with them markdown_it and Pygments: about half the time of
  ``juesuan --help``), which a help screen in Rich markup never uses.
* :func:`pattern` — a regular expression compiled when it is first used. Python compiles a
  pattern in Python code (``re._compiler``), a few hundred microseconds each; the readers
  hold a few hundred at module level and a document uses about half of them.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import re
import sys
import threading
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, cast, overload

from juesuan.codecache import patterns as pattern_cache

# ----------------------------------------------------------------------------- after_import

_hooks: dict[str, list[Callable[[ModuleType], None]]] = {}
_lock = threading.Lock()


class _Loader:  # (not importlib.abc's: importing it brings importlib.resources, ~4 ms a command)
    """The module's own loader, then the hooks waiting for it."""

    def __init__(self, inner: Any, name: str):
        self._inner = inner
        self._name = name

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return cast(ModuleType | None, self._inner.create_module(spec))

    def exec_module(self, module: ModuleType) -> None:
        module.__loader__ = self._inner  # the module keeps its real loader (get_source, resources)
        placed = _place_stand_ins(self._name)
        try:
            self._inner.exec_module(module)
        finally:
            _remove_stand_ins(placed)
        with _lock:
            fns = _hooks.pop(self._name, [])
        for fn in fns:
            fn(module)

    def __getattr__(self, name: str) -> Any:  # get_source, get_filename … of the real loader
        return getattr(self._inner, name)


class _Finder:
    """First on ``sys.meta_path``: for a module someone waits for, the spec the other finders
    give, with its loader wrapped; for every other module, nothing (the next finder answers)."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
                  ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in _hooks and fullname not in _deferred:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = cast(Any, _Loader(spec.loader, fullname))  # (a Loader by its methods)
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


# ----------------------------------------------------------------------------- deferred names

_deferred: dict[str, dict[str, tuple[str, ...]]] = {}  # importer -> {module: names}


class _Placeholder(ModuleType):
    """Stands in ``sys.modules`` for a module not loaded yet while an importer runs: it has
    the stand-in names; any other attribute loads the real module and is its attribute."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_real_module(self.__name__), name)


def _real_module(name: str) -> ModuleType:
    if isinstance(sys.modules.get(name), _Placeholder):
        del sys.modules[name]
    return importlib.import_module(name)


class _StandIn(type):
    """The type of a stand-in name: calling it (``Markdown(text)``) or asking it for an
    attribute (``Traceback.from_exception``) imports its module and answers as the real class.
    It is a class, so annotations that combine it (``Markdown | Text``) still evaluate."""

    _module: str

    def _real(cls) -> Any:
        return getattr(_real_module(cls._module), cls.__name__)

    def __call__(cls, *args: Any, **kw: Any) -> Any:
        return cls._real()(*args, **kw)

    def __getattr__(cls, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(cls._real(), name)

    def __instancecheck__(cls, obj: Any) -> bool:
        # (nothing can be an instance of a class whose module was never loaded)
        module = sys.modules.get(cls._module)
        if module is None or isinstance(module, _Placeholder):
            return False
        return isinstance(obj, getattr(module, cls.__name__))


def _place_stand_ins(importer: str) -> list[tuple[str, ModuleType]]:
    with _lock:
        wanted = _deferred.pop(importer, {})
    placed: list[tuple[str, ModuleType]] = []
    for module, names in wanted.items():
        if module in sys.modules:  # already loaded: the importer gets the real names
            continue
        holder = _Placeholder(module)
        for name in names:
            setattr(holder, name, _StandIn(name, (), {"_module": module, "__module__": module}))
        sys.modules[module] = holder
        placed.append((module, holder))
    return placed


def _remove_stand_ins(placed: list[tuple[str, ModuleType]]) -> None:
    """Once the importer has run, whoever imports the module gets the real one."""
    for module, holder in placed:
        if sys.modules.get(module) is holder:
            del sys.modules[module]


def defer_while_importing(importer: str, names: dict[str, tuple[str, ...]]) -> None:
    """When ``importer`` is first imported, the ``names`` it takes from each module not yet
    loaded (``{"rich.markdown": ("Markdown",)}``) are stand-ins (classes) that import the
    module when first called or asked for an attribute. No effect if ``importer`` is already
    imported. Only the importer's own imports see the stand-ins: once it has run, importing
    the module gives the real one."""
    if importer in sys.modules:
        return
    with _lock:
        _deferred.setdefault(importer, {}).update(names)
        if _finder not in sys.meta_path:
            sys.meta_path.insert(0, _finder)


# ----------------------------------------------------------------------------- pattern


# what a compiled pattern's stand-in offers: methods (put on the stand-in once compiled) and data
_PATTERN_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")
_PATTERN_DATA = ("flags", "groups", "groupindex")


class _LazyPattern:
    """Stands for ``re.compile(pattern, flags)``. The first call of one of its methods compiles
    the pattern and puts the compiled pattern's methods on this object (its ``__dict__``, which
    a lookup asks before the class's stand-in methods), so that later calls (``P.search(s)``)
    cost one attribute lookup, as on a compiled pattern. (Not a ``__getattr__``: a class with
    one has every attribute of every instance looked up through the hook, found or not, and a
    document asks its patterns for a method tens of thousands of times.)"""

    def __init__(self, pattern: str | bytes, flags: int):
        self._args = (pattern, flags)
        self.pattern = pattern  # its source, without compiling (patterns built from others)

    def _compiled(self) -> re.Pattern[Any]:
        compiled = self.__dict__.get("_re")
        if compiled is None:
            compiled = self.__dict__["_re"] = pattern_cache.compile(*self._args)
            for attr in _PATTERN_METHODS:
                self.__dict__[attr] = getattr(compiled, attr)
        return cast(re.Pattern[Any], compiled)

    def __repr__(self) -> str:
        return f"pattern({self._args[0]!r})"


def _first_call(name: str) -> Callable[..., Any]:
    def method(self: _LazyPattern, *args: Any, **kwargs: Any) -> Any:
        return getattr(self._compiled(), name)(*args, **kwargs)

    method.__name__ = method.__qualname__ = name
    return method


def _data(name: str) -> property:
    return property(lambda self: getattr(self._compiled(), name))


for _name in _PATTERN_METHODS:
    setattr(_LazyPattern, _name, _first_call(_name))
for _name in _PATTERN_DATA:
    setattr(_LazyPattern, _name, _data(_name))


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


__all__ = ["after_import", "defer_while_importing", "pattern"]
