"""A standalone HTML page (inline CSS, no external resources): the whole disclosure, tables
drawn with merged headers, placeholders highlighted."""

from __future__ import annotations

from types import SimpleNamespace

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from juesuan import lazy
from juesuan.render.layout import html_rows
from juesuan.render.narrative import Document, Heading, PageBreak, Para, TableBlock, TocEntry

_PH = lazy.pattern(r"(【请填写：[^】]*】)")


def _mark(text: str) -> Markup:
    parts = _PH.split(text)
    return Markup("").join(Markup(f'<span class="placeholder">{escape(p)}</span>') if _PH.fullmatch(p) else escape(p)
                           for p in parts)


def render_html(doc: Document) -> str:
    env = Environment(loader=PackageLoader("juesuan.render", "templates"),
                      autoescape=select_autoescape(["html", "j2"]), keep_trailing_newline=True)
    blocks = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            blocks.append(SimpleNamespace(kind="heading", level=b.level, html=_mark(b.text)))
        elif isinstance(b, Para):
            blocks.append(SimpleNamespace(kind="para", html=_mark(b.text)))
        elif isinstance(b, TocEntry):
            blocks.append(SimpleNamespace(kind="toc", level=b.level, html=_mark(b.text)))
        elif isinstance(b, PageBreak):
            blocks.append(SimpleNamespace(kind="page"))
        elif isinstance(b, TableBlock):
            header, body = html_rows(b.layout)
            blocks.append(SimpleNamespace(kind="table", lay=b.layout, header=header, body=body))
    return env.get_template("disclosure.html.j2").render(doc=doc, blocks=blocks)
