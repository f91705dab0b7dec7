"""Commands that write disclosures: ``render``, ``template``, ``demo``."""

from __future__ import annotations

from pathlib import Path

import typer

from juesuan.cli.app import app, fail
from juesuan.cli.io import reading, write_output
from juesuan.i18n import read_error, severity, t, translate_reason


def _one_line(e: BaseException) -> str:
    s = str(e).strip().splitlines()
    return s[0] if s else type(e).__name__


def _input_error(e: BaseException) -> str:
    """An InputError/ValueError line ``path: why`` as ``无法读取 path：原因``."""
    line = _one_line(e)
    path, sep, why = line.partition(": ")
    return read_error(path, why) if sep else translate_reason(line)


@app.command(help=t("render.help"))
def render(
    model: Path = typer.Argument(..., help=t("render.model"), show_default=False),
    to: str = typer.Option(..., "--to", help=t("render.to"), show_default=False),
    out: Path | None = typer.Option(None, "--out", "-o", help=t("render.out"), show_default=False),
    previous: Path | None = typer.Option(None, "--previous", help=t("render.previous"), show_default=False),
    budgets: Path | None = typer.Option(None, "--budgets", help=t("render.budgets"), show_default=False),
    force: bool = typer.Option(False, "--force", help=t("render.force")),
    style: str | None = typer.Option(None, "--style", help=t("render.style"), show_default=False),
) -> None:
    import sys

    from juesuan.render import EXTENSIONS, FORMATS, RenderError, load_supplement, render_bytes
    from juesuan.render.from_claims import merge, supplement_from_claims
    from juesuan.render.io import InputError, load_model
    from juesuan.render.missing import missing_findings
    from juesuan.render.pdf import FontMissing
    from juesuan.render.validate import errors, validate
    from juesuan.render.variants import STYLES, detect_variant
    from juesuan.report.views import get

    fmt_ = to.lower().lstrip(".")
    if fmt_ not in FORMATS:
        raise fail(t("err.unknown_format", fmt=to, choices=", ".join(FORMATS)))
    if style is not None and style not in STYLES:
        raise fail(t("err.unknown_style", style=style, choices="、".join(STYLES)))
    try:
        with reading(model):
            d = load_model(model)
        with reading(previous or model, show=previous is not None):
            prev = load_model(previous) if previous else None
        given = load_supplement(budgets) if budgets else None
    except (InputError, ValueError) as e:
        raise fail(_input_error(e)) from None
    # a disclosure that was read keeps what its narrative stated (budgets, procurement, …)
    sup = supplement_from_claims(d)
    if given is not None:
        sup = merge(sup, given)
    findings = validate(d) + missing_findings(d, prev, sup)
    errs = errors(findings)
    for f in findings:  # dicts today, findings.Finding objects after the engine refactor
        typer.echo(t("err.prefix") + t("validate.line", severity=severity(str(get(f, "severity", "error"))),
                                       rule=get(f, "rule", "?"), message=get(f, "message", "")), err=True)
    if errs and not force:
        raise fail(t("err.not_rendering", path=model, n=len(errs)), 1)
    try:
        data = render_bytes(d, fmt_, prev, sup, detect_variant(d, style))
    except (FontMissing, RenderError) as e:
        raise fail(_one_line(e)) from None
    if out is not None and str(out) == "-":
        if fmt_ not in ("txt", "html"):
            raise fail(t("err.stdout_only_text", fmt=fmt_))
        sys.stdout.write(data.decode("utf-8"))
        return
    if out is None:
        out = model.with_suffix(EXTENSIONS[fmt_])
        if out.resolve() == model.resolve():
            out = model.with_name(model.stem + "_决算" + EXTENSIONS[fmt_])
    write_output(out, data)
    typer.echo(t("written", path=out))


@app.command(help=t("template.help"))
def template(
    out: Path = typer.Argument(..., help=t("template.out"), show_default=False),
    from_: Path | None = typer.Option(None, "--from", help=t("template.from"), show_default=False),
) -> None:
    from juesuan.render.workbook import workbook_bytes

    if out.suffix.lower() != ".xlsx":
        raise fail(t("err.template_suffix", path=out))
    d = None
    if from_ is not None:
        from juesuan.cli.io import load_or_exit

        d = load_or_exit(from_)
    # last year's figures are not copied: a stale number must never be published as this year's
    write_output(out, workbook_bytes(d, figures=False))
    typer.echo(t("written", path=out))


@app.command(help=t("demo.help"))
def demo(
    outdir: Path = typer.Argument(..., help=t("demo.outdir"), show_default=False),
    seed: int = typer.Option(None, "--seed", help=t("demo.seed"), show_default=False),
    formats: str = typer.Option("txt,xlsx,docx,html,pdf", "--formats", help=t("demo.formats")),
) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from juesuan.render import EXTENSIONS, FORMATS, render_bytes
    from juesuan.render.pdf import FontMissing, register_font
    from juesuan.render.workbook import workbook_bytes
    from juesuan.safeio import write_atomic
    from juesuan.synth import DEFAULT_SEED, generate
    from juesuan.synth.perf_tables import demo_form

    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad:
        raise fail(t("err.unknown_formats", fmts=", ".join(bad), choices=", ".join(FORMATS)))
    if "pdf" in wanted:
        try:
            register_font()
        except FontMissing as e:
            typer.echo(t("err.prefix") + t("err.skip_pdf", why=_one_line(e)), err=True)
            wanted.remove("pdf")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise fail(t("err.mkdir", path=outdir, why=e.strerror or e)) from None
    depts = generate(DEFAULT_SEED if seed is None else seed)
    jobs = [(dep, i) for dep in depts for i in range(len(dep.years))]
    console = Console(stderr=True)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=False) as progress:
        task = progress.add_task(t("progress.rendering"), total=len(jobs) * (len(wanted) + 1))
        for dep, i in jobs:
            y = dep.years[i]
            prev = dep.years[i - 1].disclosure if i > 0 else None
            base = outdir / dep.key / str(y.year)
            try:
                write_atomic(base / "model.json", y.disclosure.model_dump_json(indent=1) + "\n")
                write_atomic(base / "budgets.json", y.supplement.model_dump_json(indent=1) + "\n")
                write_atomic(base / "input.xlsx", workbook_bytes(y.disclosure))
                progress.advance(task)
                for f in wanted:
                    progress.update(task, description=f"{dep.name} {y.year} {f}")
                    write_atomic(base / f"disclosure{EXTENSIONS[f]}",
                                 render_bytes(y.disclosure, f, prev, y.supplement, None, demo_form(dep.key)))
                    progress.advance(task)
            except OSError as e:
                raise fail(t("err.write", path=base, why=e.strerror or e)) from None
        progress.update(task, description=t("progress.done"))
    typer.echo(t("demo.written", n=len(depts), years=len(depts[0].years) if depts else 0, path=outdir))
