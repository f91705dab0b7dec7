"""Print an HTML file to PDF with headless Chromium, as a person would with "Print → Save as
PDF". Chromium comes from the Debian ``chromium`` package (scripts/chromium.sh); tests skip
with a clear reason only when it is not installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium() -> str | None:
    for c in CANDIDATES:
        if Path(c).is_file():
            return c
    return shutil.which("chromium")


def print_to_pdf(html: Path, pdf: Path, timeout: float = 180) -> Path:
    exe = chromium()
    if exe is None:
        raise FileNotFoundError("chromium is not installed (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
             html.resolve().as_uri()],
            check=True, capture_output=True, timeout=timeout)
    return pdf
