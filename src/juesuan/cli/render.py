"""Commands that write disclosures: ``render``, ``template``, ``demo``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from juesuan.cli.app import app, fail


def _one_line(e: BaseException) -> str:
    s = str(e).strip().splitlines()
    return s[0] if s else type(e).__name__


@app.command()
def render(
    model: Path = typer.Argument(..., help="Model JSON, input workbook (juesuan template), or any disclosure juesuan can read."),
    to: str = typer.Option(..., "--to", help="Output format: xlsx | docx | html | pdf | txt."),
    out: Path | None = typer.Option(None, "--out", help="Output file ('-' for stdout with txt/html). Default: next to MODEL."),
    previous: Path | None = typer.Option(None, "--previous", help="Previous year's model JSON (year-on-year sentences)."),
    budgets: Path | None = typer.Option(None, "--budgets", help="BUDGETS.json: 年初预算 and facts not in the tables."),
    force: bool = typer.Option(False, "--force", help="Render even when the figures fail validation."),
    style: str | None = typer.Option(None, "--style", help="表格样式：national（全国：公开07政府性基金、08国有资本经营、09“三公”）"
                                     "或 shanghai（上海：公开07“三公”、08政府性基金、09国有资本经营）；不指定时按输入文件的表序判断。"),
) -> None:
    """Write a disclosure from data, after checking that its figures hold together."""
    from juesuan.render import EXTENSIONS, FORMATS, RenderError, load_supplement, render_bytes
    from juesuan.render.io import InputError, load_model
    from juesuan.render.missing import missing_findings
    from juesuan.render.pdf import FontMissing
    from juesuan.render.validate import errors, validate
    from juesuan.render.variants import STYLES, detect_variant

    fmt_ = to.lower().lstrip(".")
    if fmt_ not in FORMATS:
        raise fail(f"unknown format {to!r} (choose from {', '.join(FORMATS)})")
    if style is not None and style not in STYLES:
        raise fail(f"未知的表格样式 {style!r}（可选：{'、'.join(STYLES)}）")
    try:
        d = load_model(model)
        prev = load_model(previous) if previous else None
        sup = load_supplement(budgets) if budgets else None
    except (InputError, ValueError) as e:
        raise fail(_one_line(e))
    findings = validate(d) + missing_findings(d)
    errs = errors(findings)
    for f in findings:
        typer.echo(f"juesuan: {f.severity}: {f.rule}: {f.message}", err=True)
    if errs and not force:
        raise fail(f"{model}: {len(errs)} error finding(s) in the figures; not rendering (use --force to render anyway)", 1)
    try:
        data = render_bytes(d, fmt_, prev, sup, detect_variant(d, style))
    except FontMissing as e:
        raise fail(_one_line(e))
    except RenderError as e:
        raise fail(_one_line(e))
    if out is not None and str(out) == "-":
        if fmt_ not in ("txt", "html"):
            raise fail(f"--out - (stdout) is only for txt and html, not {fmt_}")
        sys.stdout.write(data.decode("utf-8"))
        return
    if out is None:
        out = model.with_suffix(EXTENSIONS[fmt_])
        if out.resolve() == model.resolve():
            out = model.with_name(model.stem + "_决算" + EXTENSIONS[fmt_])
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as e:
        raise fail(f"{out}: cannot write ({e.strerror or e})")
    typer.echo(str(out))


@app.command()
def template(out: Path = typer.Argument(..., help="Where to write the empty input workbook (.xlsx).")) -> None:
    """Write an empty input workbook: one sheet per table, codes offered as pick lists."""
    from juesuan.render.workbook import write_template

    if out.suffix.lower() != ".xlsx":
        raise fail(f"{out}: the template is an Excel workbook; give a .xlsx file name")
    try:
        write_template(out)
    except OSError as e:
        raise fail(f"{out}: cannot write ({e.strerror or e})")
    typer.echo(str(out))


@app.command()
def demo(
    outdir: Path = typer.Argument(..., help="Directory for the synthetic departments."),
    seed: int = typer.Option(None, "--seed", help="Seed of the synthetic data (deterministic)."),
    formats: str = typer.Option("txt,xlsx,docx,html,pdf", "--formats", help="Comma-separated formats to render."),
) -> None:
    """Create synthetic departments (made-up names, several years) and render each in every format."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from juesuan.render import EXTENSIONS, FORMATS, render_bytes
    from juesuan.render.pdf import FontMissing, register_font
    from juesuan.render.workbook import write_input_workbook
    from juesuan.synth import DEFAULT_SEED, generate

    wanted = [f.strip().lower() for f in formats.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad:
        raise fail(f"unknown format(s): {', '.join(bad)} (choose from {', '.join(FORMATS)})")
    if "pdf" in wanted:
        try:
            register_font()
        except FontMissing as e:
            typer.echo(f"juesuan: skipping pdf: {_one_line(e)}", err=True)
            wanted.remove("pdf")
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise fail(f"{outdir}: cannot create ({e.strerror or e})")
    depts = generate(DEFAULT_SEED if seed is None else seed)
    jobs = [(dep, i) for dep in depts for i in range(len(dep.years))]
    console = Console(stderr=True)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=False) as progress:
        task = progress.add_task("rendering", total=len(jobs) * (len(wanted) + 1))
        for dep, i in jobs:
            y = dep.years[i]
            prev = dep.years[i - 1].disclosure if i > 0 else None
            base = outdir / dep.key / str(y.year)
            try:
                base.mkdir(parents=True, exist_ok=True)
                (base / "model.json").write_text(y.disclosure.model_dump_json(indent=1) + "\n", encoding="utf-8")
                (base / "budgets.json").write_text(y.supplement.model_dump_json(indent=1) + "\n", encoding="utf-8")
                write_input_workbook(y.disclosure, base / "input.xlsx")
                progress.advance(task)
                for f in wanted:
                    progress.update(task, description=f"{dep.name} {y.year} {f}")
                    (base / f"disclosure{EXTENSIONS[f]}").write_bytes(render_bytes(y.disclosure, f, prev, y.supplement))
                    progress.advance(task)
            except OSError as e:
                raise fail(f"{base}: cannot write ({e.strerror or e})")
        progress.update(task, description="done")
    typer.echo(f"{len(depts)} synthetic departments × {len(depts[0].years) if depts else 0} years written to {outdir}")
