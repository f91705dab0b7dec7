"""Entry point: import every command module so its commands register on the app."""

from __future__ import annotations

from juesuan.cli import check, extract, render  # noqa: F401  (registers the commands)
from juesuan.cli.app import app

__all__ = ["app"]

if __name__ == "__main__":  # pragma: no cover
    app()
