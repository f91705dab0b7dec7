"""The Typer application. Each area registers its own commands in its own module
(cli/extract.py, cli/check.py, cli/render.py) so no two stages edit one file."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="juesuan",
    help="juesuan (决算): read, audit and write departmental final-accounts disclosures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message: str, code: int = 2) -> typer.Exit:
    """One line on stderr, then the exit status. Never a traceback."""
    typer.echo(f"juesuan: {message}", err=True)
    return typer.Exit(code)


@app.callback()
def _root() -> None:
    """juesuan (决算): read, audit and write departmental final-accounts disclosures."""
