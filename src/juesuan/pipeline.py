"""The pipeline, end to end: read → locate → extract → repair → model.

``load(path)`` is what every command calls. Each stage lives in its own package; this
module only wires them together.
"""

from __future__ import annotations

from pathlib import Path

from juesuan.model import Disclosure
from juesuan.read import ReadError, Source, read_source


def load(path: str | Path) -> Disclosure:
    """Read any supported file into the canonical model. Raises ReadError (one clear line)
    when the file cannot be read or is not a final-accounts disclosure."""
    p = Path(path)
    if p.suffix.lower() == ".json" or _looks_like_json(p):
        return load_json(p)
    src = read_source(p)
    return build(src)


def _looks_like_json(p: Path) -> bool:
    try:
        with p.open("rb") as f:
            return f.read(64).lstrip().startswith(b"{")
    except OSError:
        return False


def load_json(p: Path) -> Disclosure:
    try:
        return Disclosure.model_validate_json(p.read_bytes())
    except Exception as e:  # pydantic's ValidationError or a JSON decode error
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise ReadError(str(p), f"not a juesuan model JSON ({first})") from e


def build(src: Source) -> Disclosure:
    from juesuan.extract.document import extract_document

    return extract_document(src)


__all__ = ["load", "build", "ReadError"]
