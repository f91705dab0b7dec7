"""Compatibility name for ``juesuan.synth`` (the synthetic departments), and the command that
regenerates the bundled sample: ``python -m juesuan.demo --write-sample``."""

from __future__ import annotations

import sys

from juesuan.synth import *  # noqa: F403
from juesuan.synth import (
    __all__,  # noqa: F401
    write_sample,
)

if __name__ == "__main__":  # python -m juesuan.demo --write-sample
    if sys.argv[1:] == ["--write-sample"]:
        write_sample()
    else:
        print("usage: python -m juesuan.demo --write-sample   (for demo output use: juesuan demo OUTDIR)")
        sys.exit(2)
