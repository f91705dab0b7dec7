"""Compiled regular expressions kept between runs.

Python compiles a pattern in Python code (``re._parser``, ``re._compiler``). A pattern with a
character class reaching past Latin-1 is the dear kind: sre fills a 65,536-entry map in a
Python loop for every range, and most of juesuan's patterns have one (``[\\u4e00-\\u9fff]``,
``[（(]``). A command compiles about 150 of them, 35–45 ms on a slow machine, every run,
on its critical path: the same patterns, to the same code, each time.

``compile(regex, flags)`` returns ``re.compile(regex, flags)``. The compiled code of every
pattern compiled this way is kept (``patterns-<cache_tag>.bin``, :mod:`.cachefile`) and rebuilt
from it on later runs with sre's own constructor, ``_sre.compile``, the last step of
``re.compile``. Equal by construction:

- a pattern is recorded only after its rebuilt form compared equal to what ``re.compile``
  made (``Pattern.__eq__`` compares the pattern, flags and compiled code);
- the file is used only by the interpreter that wrote it (its header adds sre's MAGIC, code
  size and the widest character to the interpreter's);
- a record sre refuses is compiled afresh.

Only patterns of the package's own modules come here (``lazy.pattern``): a fixed set, so the
file stays small. A pattern built from a document's text would make it grow with every
document; the file is capped (``MAX_PATTERNS``) in case one ever is. (Not every fixed pattern
is the same text every run: ``tokenize`` builds its token pattern from a set, whose order
changes with the hash seed, so it would be a new entry each run. It is not kept.)
"""

from __future__ import annotations

import re
import sys
from array import array
from typing import Any

from juesuan.codecache.cachefile import CacheFile

try:  # CPython's sre internals (no type stubs); on another implementation the cache is off
    import _sre  # type: ignore[import-not-found,unused-ignore]
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - not CPython
    _sre = None  # type: ignore[assignment,unused-ignore]

MAX_PATTERNS = 4096  # a few hundred in use; more would mean patterns built from documents
_FORMAT = 1  # bumped when the record layout below changes

# compiled code is a sequence of unsigned ints of sre's code size; kept as bytes (an array's),
# which marshal reads ~100× faster than a list of ints
_CODE_TYPE = next((t for t in "IL" if _sre is not None and array(t).itemsize == _sre.CODESIZE), None)

# (pattern, flags) → (flags as compiled, code as bytes, groups, groupindex, indexgroup)
Record = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

FILE = CacheFile("patterns", (_FORMAT, getattr(_sre, "MAGIC", None), getattr(_sre, "CODESIZE", None),
                              sys.maxunicode), MAX_PATTERNS)


def _from_record(regex: str | bytes, r: Record) -> re.Pattern[Any]:
    code = array(_CODE_TYPE or "I")
    code.frombytes(r[1])
    return _sre.compile(regex, r[0], code.tolist(), r[2], r[3], r[4])


def _record(regex: str | bytes, flags: int) -> Record:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for this pattern."""
    p = _parser.parse(regex, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return int(flags | p.state.flags), array(_CODE_TYPE or "I", code).tobytes(), p.state.groups - 1, \
        groupindex, tuple(indexgroup)


def compile(regex: str | bytes, flags: int = 0) -> re.Pattern[Any]:  # noqa: A001 - re's own name
    """``re.compile(regex, flags)``, from the cache when this interpreter compiled it before."""
    flags = int(flags)
    if _CODE_TYPE is None or flags & re.DEBUG or FILE.path is None:  # not CPython, debugging, off
        return re.compile(regex, flags)
    key = (regex, flags)
    rec = FILE.get(key)
    if rec is not None:
        try:
            return _from_record(regex, rec)
        except Exception:  # a record sre refuses: compile it afresh below
            pass
    compiled = re.compile(regex, flags)
    if not FILE.writable():  # nowhere to keep it: recording would only cost a second compile
        return compiled
    try:
        made = _record(regex, flags)
        if _from_record(regex, made) == compiled:
            FILE.remember(key, made)
    except Exception:  # sre's internals are not what this module expects: just don't keep it
        pass
    return compiled


__all__ = ["MAX_PATTERNS", "compile"]
