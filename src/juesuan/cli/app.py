"""The Typer application. Each area registers its own commands in its own module
(cli/extract.py, cli/check.py, cli/render.py) so no two stages edit one file.

All user-facing text is looked up in :mod:`juesuan.i18n` (Chinese; English with the global
``--lang en`` option or ``JUESUAN_LANG=en``)."""

from __future__ import annotations

import typer

from juesuan.cli import localise
from juesuan.i18n import set_lang, t

localise.install()

app = typer.Typer(
    name="juesuan",
    help=t("app.help"),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message: str, code: int = 2) -> typer.Exit:
    """One line on stderr, then the exit status. Never a traceback."""
    typer.echo(f"{t('err.prefix')}{message}", err=True)
    return typer.Exit(code)


def _set_lang(ctx: typer.Context, value: str) -> str:
    set_lang(value)
    localise.relabel(ctx.command)
    return value


@app.callback(help=t("app.help"))
def _root(
    lang: str = typer.Option("zh", "--lang", help=t("opt.lang"), envvar="JUESUAN_LANG", is_eager=True,
                             callback=_set_lang, show_default=False),
) -> None:
    pass
