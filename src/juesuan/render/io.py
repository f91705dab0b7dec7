"""Loading what the render commands take as input: a model JSON, an input workbook, or (through
the pipeline, when it can read it) any disclosure file."""

from __future__ import annotations

import zipfile
from pathlib import Path

from juesuan.model import Disclosure


class InputError(Exception):
    """One line: the file and why it cannot be used."""


def _is_input_workbook(p: Path) -> bool:
    try:
        with zipfile.ZipFile(p) as z:
            names = set(z.namelist())
            if "xl/workbook.xml" not in names:
                return False
            return "说明".encode() in z.read("xl/workbook.xml")
    except (zipfile.BadZipFile, OSError, KeyError):
        return False


def load_model(path: str | Path) -> Disclosure:
    from juesuan.pipeline import load_json
    from juesuan.read import ReadError, require_regular

    p = Path(path)
    try:
        require_regular(p)  # a FIFO would block the read below forever
        head = p.open("rb").read(64).lstrip()
        if p.suffix.lower() == ".json" or head.startswith(b"{"):
            return load_json(p)
    except ReadError as e:
        raise InputError(f"{p}: {e.why}") from e
    if _is_input_workbook(p):
        from juesuan.render.workbook import WorkbookError, read_input_workbook

        try:
            return read_input_workbook(p)
        except WorkbookError as e:
            raise InputError(str(e)) from e
    from juesuan.pipeline import load

    try:
        return load(p)
    except Exception as e:
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise InputError(msg if str(p) in msg else f"{p}: {msg}") from e
