"""The report's console (juesuan.report.terminal): document text printed as the document has
it, highlighted only where colours show."""

from __future__ import annotations

import io

import pytest

from juesuan.report.terminal import stdout_console


def test_emoji_codes_in_document_text_are_printed_as_they_are():
    buf = io.StringIO()
    stdout_console(file=buf, width=80).print("项目名称:warning:和:smile:")
    assert buf.getvalue() == "项目名称:warning:和:smile:\n"


@pytest.mark.parametrize(("force", "colour"), [(False, False), (True, True)])
def test_highlighting_only_where_colour_shows(monkeypatch, force, colour):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    from rich.highlighter import ReprHighlighter

    calls = []
    real = ReprHighlighter.highlight
    monkeypatch.setattr(ReprHighlighter, "highlight", lambda self, text: calls.append(1) or real(self, text))
    buf = io.StringIO()
    console = stdout_console(file=buf, width=80, force_terminal=force, color_system="standard" if force else None)
    console.print("支出 123.45 万元")
    assert bool(calls) is colour  # the highlighter runs only where its colours show
    assert ("\x1b[" in buf.getvalue()) is colour
