"""Code the standard library generates at run time, compiled once and kept between runs.

Two modules of the standard library write Python source at run time and compile it, every run,
to the same code:

- ``dataclasses`` writes the methods of every dataclass (``__init__``, ``__repr__``,
  ``__eq__``, ``__hash__``, ``__setattr__`` …) and compiles them with ``exec``: about 100
  classes and 400 methods in a ``check`` (the stages', the rules', Pydantic's and
  annotated_types'), 20–45 ms of the command's critical path;
- ``typing`` compiles every string annotation it meets (``ForwardRef``), and with
  ``from __future__ import annotations`` every annotation is a string: about 1,000 in a
  ``check``, when Pydantic builds the model and Typer reads the commands' signatures.

:func:`install` gives those two modules an ``exec`` and a ``compile`` of their own (module
globals, which a module's calls find before the builtins): a source text seen before is
executed from the code kept in ``generated-<cache_tag>.bin`` (:mod:`.cachefile`); any other is
compiled exactly as the builtin would (the same file name, mode and flags, and the calling
frame's ``__future__`` flags unless told not to inherit them), and its code is remembered.
Equal by construction: code is recorded only after its marshal round trip compared equal
(``code.__eq__`` compares the bytecode, constants, names and flags), and the file is used
only by the interpreter that wrote it. A source that does not compile raises as the builtin
does, and is not kept.

Only the command line installs it (``codecache.install``, from ``cli.main``): a command is a
short process that juesuan owns. The library, imported into someone else's process, leaves
the standard library alone.
"""

from __future__ import annotations
import __future__

import builtins
import dataclasses
import marshal
import sys
import typing
from types import CodeType, ModuleType
from typing import Any

from juesuan.codecache.cachefile import CacheFile

MAX_RECORDS = 16384  # about 1,500 in a command; more would mean code made from data
_FORMAT = 1

# what a compile inherits from the calling code (PyCF_MASK: the __future__ features)
_FUTURE_FLAGS = 0
for _name in __future__.all_feature_names:
    _FUTURE_FLAGS |= getattr(__future__, _name).compiler_flag

FILE = CacheFile("generated", (_FORMAT,), MAX_RECORDS)


def _compiled(source: str, filename: str, mode: str, flags: int, optimize: int) -> CodeType:
    key = (source, filename, mode, flags, optimize)
    code = FILE.get(key)
    if isinstance(code, CodeType):
        return code
    code = builtins.compile(source, filename, mode, flags=flags, dont_inherit=True, optimize=optimize)
    if FILE.writable():
        try:
            if marshal.loads(marshal.dumps(code)) == code:
                FILE.remember(key, code)
        except Exception:  # a constant marshal cannot write: just don't keep it
            pass
    return code


def _compile(source: Any, filename: Any, mode: str, flags: int = 0, dont_inherit: bool = False,
             optimize: int = -1, *, _depth: int = 1) -> Any:
    """``compile`` as the standard library calls it; source text comes from the cache."""
    if not dont_inherit:  # the caller's features, as the builtin would take them (not this module's)
        flags |= sys._getframe(_depth).f_code.co_flags & _FUTURE_FLAGS
    if not isinstance(source, str) or not isinstance(filename, str) or flags & ~_FUTURE_FLAGS:
        # bytes, an AST, PyCF_ONLY_AST and the like: the builtin
        return builtins.compile(source, filename, mode, flags, True, optimize)
    return _compiled(source, filename, mode, flags, optimize)


def _exec(source: Any, globals: dict[str, Any] | None = None,  # noqa: A002 - exec's own names
          locals: Any = None, /) -> None:
    """``exec`` as the standard library calls it; source text runs from its kept code."""
    caller = sys._getframe(1)
    if isinstance(source, str):
        source = _compile(source, "<string>", "exec", _depth=2)
    if globals is None:  # the builtin's default: the caller's namespaces
        globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
    builtins.exec(source, globals, locals)


_HOOKS: tuple[tuple[ModuleType, str, Any], ...] = ((dataclasses, "exec", _exec), (typing, "compile", _compile))


def install() -> None:
    """Code those modules generate from now on in this process comes through the cache."""
    for module, name, fn in _HOOKS:
        setattr(module, name, fn)


def uninstall() -> None:
    """Back to the builtins (tests)."""
    for module, name, fn in _HOOKS:
        if module.__dict__.get(name) is fn:
            delattr(module, name)


__all__ = ["MAX_RECORDS", "install", "uninstall"]
