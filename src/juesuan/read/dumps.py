"""The page text that common PDF tools give for a PDF, pages joined by form feeds.

Disclosures often reach a reviewer (or another program) as such a dump rather than as the
PDF. The reader must read each of them to the same cells as the PDF itself; tests and
``benchmarks/bench_layouts_read.py`` use these dumps of the sample PDFs as a development set
(the documents' text is generated at run time, never committed).

Tools: pdfplumber ``extract_text`` (one physical row a line, cells separated by spaces), and
with ``layout=True`` (character columns kept: runs of spaces where a cell or a figure of
another font was, a figure set lower than its line printed on a line of its own below it),
pypdfium2 ``get_text_range`` (likewise, CRLF line ends), poppler's ``pdftotext`` in reading
order (column blocks), with ``-layout`` (character columns kept) and with ``-raw`` (the
content stream's order), and pdfminer.six
``extract_text`` with its default layout analysis (what its ``pdf2txt.py`` prints: every text
box a paragraph, a form's cells one a line, boxes in an order of their own — a title may come
after its table's cells), and pypdf ``extract_text`` (the content stream's order, a row a line;
pypdf is a test dependency, so the tool is there only where the tests' packages are).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

TOOLS = ("pdfplumber", "pdfplumber-layout", "pypdfium2", "pdftotext", "pdftotext-layout", "pdftotext-raw",
         "pdfminer", "pypdf")
# pdftotext's options by tool
_PDFTOTEXT = {"pdftotext": [], "pdftotext-layout": ["-layout"], "pdftotext-raw": ["-raw"]}
# Tools that print a form's cells in an order of their own, not row by row: column blocks
# (pdftotext), text boxes (pdfminer). What they print is read where identities place it, else
# said unreadable; their dumps cannot give every cell of the PDF.
OUT_OF_ORDER = ("pdftotext", "pdfminer")


def available_tools() -> list[str]:
    """The tools this machine has (poppler-utils may be missing, pypdf is a test dependency)."""
    have_poppler = shutil.which("pdftotext") is not None
    have_pypdf = importlib.util.find_spec("pypdf") is not None
    return [t for t in TOOLS if (have_poppler or not t.startswith("pdftotext")) and (have_pypdf or t != "pypdf")]


def dump_pdf(path: str | Path, tool: str) -> str:
    """The text of every page of ``path`` as ``tool`` extracts it, pages joined by form feeds."""
    p = Path(path)
    if tool in ("pdfplumber", "pdfplumber-layout"):
        # pdfplumber itself, not pypdfium2: the point is the text *this tool* prints (its own
        # line grouping and spacing), which a reviewer may have been handed instead of the PDF.
        import pdfplumber

        with pdfplumber.open(p) as pdf:
            return "\f".join((page.extract_text(layout=tool.endswith("layout")) or "") for page in pdf.pages)
    if tool == "pypdfium2":
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(p))
        try:
            return "\f".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        finally:
            doc.close()
    if tool == "pdfminer":
        # pdfminer.six comes with pdfplumber (MIT); its converter ends every page with a form feed
        from pdfminer.high_level import extract_text
        from pdfminer.layout import LAParams

        text = extract_text(str(p), laparams=LAParams())
        return text[:-1] if text.endswith("\f") else text
    if tool == "pypdf":
        import pypdf

        return "\f".join(page.extract_text() or "" for page in pypdf.PdfReader(str(p)).pages)
    if tool in _PDFTOTEXT:
        args = ["pdftotext", "-enc", "UTF-8", *_PDFTOTEXT[tool], str(p), "-"]
        return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout
    raise ValueError(f"unknown tool {tool!r}; one of {', '.join(TOOLS)}")


__all__ = ["OUT_OF_ORDER", "TOOLS", "available_tools", "dump_pdf"]
