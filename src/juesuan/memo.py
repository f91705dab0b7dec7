"""A cache for the pure one-argument functions the readers and the rules ask of the same short
texts again and again (``norm``, ``clean``, ``parse_amount`` …): tens of thousands of calls a
document, four in five of them hits.

``functools.lru_cache`` costs about 270 instructions more a hit than a dict lookup on a plain
build of CPython 3.11 (pyenv's): its wrapper is called through the generic call protocol (an argument tuple built and
freed per call), builds a key and moves the entry to the front of its recency list. The
function :func:`memo` makes is the ``__getitem__`` of a dict whose ``__missing__`` computes
the value: a hit is one C call and one lookup. A miss costs one Python frame more than
lru_cache's, so ``__missing__`` does nothing else: a size check there (``len``, an attribute)
cost more on a document's misses than the hits saved. (On a build optimised with profiles,
as Debian's, the gain is smaller: a first read of seed 002 takes 1.5 M instructions fewer
than with lru_cache, one of 003, with more misses, 1.8 M more.)

So the bound is kept between documents, not per call: :func:`trim` empties every cache that
has grown past its size, and the pipeline calls it before each document it builds and each
audit. These functions are pure: an emptied cache only computes again, and a long batch
keeps its memory bounded (one document's texts above the bounds at most).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")


class _Memo(dict[Any, Any]):
    """Values by argument; a missing one is computed and kept."""

    __slots__ = ("fn", "maxsize")

    def __init__(self, fn: Callable[[Any], Any], maxsize: int):
        super().__init__()
        self.fn = fn
        self.maxsize = maxsize

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.fn(key)  # (an exception leaves nothing stored, as with lru_cache)
        return value


_ALL: list[_Memo] = []


def memo(maxsize: int) -> Callable[[Callable[[_K], _V]], Callable[[_K], _V]]:
    """Decorator: cache a pure function of one hashable argument, about ``maxsize`` values
    (see :func:`trim`). Call the result positionally (``f(x)``); :func:`uncached` gives back
    the function itself."""

    def wrap(fn: Callable[[_K], _V]) -> Callable[[_K], _V]:
        cache = _Memo(fn, maxsize)
        _ALL.append(cache)
        return cast(Callable[[_K], _V], cache.__getitem__)

    return wrap


def trim() -> None:
    """Empty every cache holding more than its ``maxsize`` values (between documents)."""
    for cache in _ALL:
        if len(cache) > cache.maxsize:
            cache.clear()


def uncached(cached: Callable[[_K], _V]) -> Callable[[_K], _V]:
    """The function behind a :func:`memo` cache, uncached (tests compare it with what it
    replaced)."""
    return cast(Callable[[_K], _V], cast(Any, cached).__self__.fn)
