"""What a command compiles the same way every run, compiled once and kept, as Python keeps
compiled modules (``.pyc``).

A ``juesuan`` command is a short process, and part of its time went to Python compiling, on
every run, the same things to the same result: regular expressions (:mod:`.patterns`), and
the code ``dataclasses`` and ``typing`` generate (:mod:`.generated`). Each kind is kept in one
small file per interpreter in the user's cache directory (:mod:`.cachefile`):
``~/.cache/juesuan``, or ``$XDG_CACHE_HOME/juesuan``;
``JUESUAN_CACHE_DIR`` names another, and set empty or to ``off`` it turns the caches off.
Deleting the files is always safe. What comes out of a cache equals what the compiler makes
(checked before anything is recorded), and no state of a file can turn into an error.
"""

from juesuan.codecache.cachefile import ENV, directory, flush_all, forget_all


def install() -> None:
    """The standard library's own compiling (dataclasses, typing) goes through the cache from
    now on in this process. Only the command line calls it: a command is a short process
    juesuan owns; the library, imported into another program, leaves the standard library
    alone (the package's own patterns use the cache either way)."""
    from juesuan.codecache import generated

    generated.install()


def uninstall() -> None:
    """Back to the standard library's own (tests)."""
    from juesuan.codecache import generated

    generated.uninstall()


__all__ = ["ENV", "directory", "flush_all", "forget_all", "install", "uninstall"]
