"""``python -m juesuan``: the same guarded entry point as the ``juesuan`` command."""

from juesuan.cli.main import entry

entry()
