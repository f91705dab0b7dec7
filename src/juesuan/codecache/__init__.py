"""What a command compiles the same way every run, compiled once and kept, as Python keeps
compiled modules (``.pyc``).

A ``juesuan`` command is a short process, and part of its time went to Python compiling, on
every run, the same things to the same result: the package's regular expressions
(:mod:`.patterns`) and the methods ``dataclasses`` writes for every dataclass imported
(:mod:`.functions`). Each kind is kept in one small file per interpreter in the user's cache
directory (:mod:`.cachefile`): ``~/.cache/juesuan``, or ``$XDG_CACHE_HOME/juesuan``;
``JUESUAN_CACHE_DIR`` names another, and set empty or to ``off`` it turns the caches off.
Deleting the files is always safe. What comes out of a cache equals what the compiler makes
(checked before anything is recorded), and no state of a file can turn into an error.
"""

from juesuan.codecache.cachefile import ENV, directory, flush_all, forget_all

__all__ = ["ENV", "directory", "flush_all", "forget_all"]
