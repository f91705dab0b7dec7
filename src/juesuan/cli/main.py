"""Entry point: import every command module so its commands register on the app."""

from __future__ import annotations

import importlib

from juesuan.cli.app import app

for _mod in ("extract", "check", "render"):
    try:
        importlib.import_module(f"juesuan.cli.{_mod}")
    except ModuleNotFoundError as e:  # a command module not written yet
        if e.name != f"juesuan.cli.{_mod}":
            raise

__all__ = ["app"]

if __name__ == "__main__":  # pragma: no cover
    app()
