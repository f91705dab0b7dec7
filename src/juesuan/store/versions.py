"""What read a document: the juesuan version and the rule-set version.

The rule-set version is a hash of the source of every rule module, so any change to a rule
(its logic, not only its id) makes stored results stale and a batch re-runs them, while an
unchanged rule set lets ``Store.has_result`` skip work already done.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path


@cache
def juesuan_version() -> str:
    import juesuan

    v = getattr(juesuan, "__version__", None)
    if isinstance(v, str) and v:
        return v
    try:
        return metadata.version("juesuan")
    except metadata.PackageNotFoundError:  # running from a source tree without install
        return "0+unknown"


def _rule_sources() -> list[Path]:
    import juesuan.compare.crossyear as crossyear
    import juesuan.rules as rules

    files = sorted(Path(rules.__file__).resolve().parent.glob("*.py"))
    return files + [Path(crossyear.__file__).resolve()]


@cache
def ruleset_version() -> str:
    h = hashlib.sha256()
    for p in _rule_sources():
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:12]
