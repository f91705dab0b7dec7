"""Well-formed synthetic disclosures (made-up department, juesuan's own writer) that the
hostile builders damage: one per format, written once and cached on disk."""

from __future__ import annotations

import tempfile
from pathlib import Path

from juesuan.fuzz.hostile import FORMATS, Bases

BASES_VERSION = 3  # bump when the bases change (they are cached on disk)


def base_dir() -> Path:
    from juesuan.store.versions import juesuan_version

    return Path(tempfile.gettempdir()) / f"juesuan-fuzz-bases-{juesuan_version()}-{BASES_VERSION}"


def write_bases(directory: Path) -> Path:
    from juesuan.demo import PROFILES, generate_year
    from juesuan.render import render_bytes

    if all((directory / f"base.{f}").exists() for f in FORMATS):
        return directory
    directory.mkdir(parents=True, exist_ok=True)
    dy = generate_year(PROFILES[0], 2024, seed=7)
    for fmt in FORMATS:
        if fmt == "json":  # the model as `juesuan extract --format json` writes it (claims and all)
            from juesuan.pipeline import load

            data = load(directory / "base.txt").model_dump_json(indent=1).encode()
        else:
            data = render_bytes(dy.disclosure, fmt, None, dy.supplement)
        tmp = directory / f"base.{fmt}.part"
        tmp.write_bytes(data)
        tmp.replace(directory / f"base.{fmt}")
    return directory


_cache: dict[Path, Bases] = {}


def load_bases(directory: Path) -> Bases:
    if directory not in _cache:
        _cache[directory] = {f: (directory / f"base.{f}").read_bytes() for f in FORMATS}
    return _cache[directory]
