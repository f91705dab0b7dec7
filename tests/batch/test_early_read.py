"""A command's read started before its command line is parsed (cli.early, batch.task
start_reading): the guess of the document's path agrees with what Click parses, the command
takes the read only for exactly that path, and a read nobody takes is dropped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.core import TyperArgument, TyperGroup, TyperOption

from juesuan.batch import isolate, task
from juesuan.cli.early import APP_VALUE_OPTIONS, DOCUMENT_COMMANDS, document_to_read
from juesuan.cli.main import app

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "juesuan" / "examples" / "sample_disclosure.txt"


def _command(name: str):
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    return group.commands[name]


def _value_options(cmd) -> set[str]:
    return {o for p in cmd.params if isinstance(p, TyperOption) and not p.is_flag for o in p.opts + p.secondary_opts}


@pytest.mark.parametrize("name", sorted(DOCUMENT_COMMANDS))
def test_the_table_of_options_is_the_commands_own(name):
    """cli.early's table says which options take a value; it must be what the command has,
    and the command's first argument must be the document it loads."""
    cmd = _command(name)
    assert _value_options(cmd) == set(DOCUMENT_COMMANDS[name])
    arguments = [p for p in cmd.params if isinstance(p, TyperArgument)]
    assert arguments and arguments[0].name == "file"


def test_the_apps_own_value_options():
    assert _value_options(typer.main.get_command(app)) - {"--help"} == set(APP_VALUE_OPTIONS)


@pytest.fixture
def doc(tmp_path, monkeypatch):
    """An existing document, an existing other file (an output, a previous year), in the
    current directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.txt").write_text("x", encoding="utf-8")
    (tmp_path / "other.json").write_text("{}", encoding="utf-8")
    return "doc.txt"


@pytest.mark.parametrize("args, expected", [
    (["extract", "doc.txt"], "doc.txt"),
    (["extract", "./doc.txt"], "doc.txt"),  # as the command gets it: a Path
    (["--lang", "en", "check", "-f", "json", "doc.txt"], "doc.txt"),
    (["--lang=en", "check", "--format=json", "doc.txt"], "doc.txt"),
    (["extract", "-fcsv", "doc.txt"], "doc.txt"),
    (["extract", "-o", "other.json", "doc.txt"], "doc.txt"),  # an option's value is not the document
    (["check", "--coverage", "--rules", "A", "doc.txt", "--previous", "other.json"], "doc.txt"),
    (["check", "--", "doc.txt"], "doc.txt"),
    (["extract", "doc.txt", "--help"], None),
    (["--help", "extract", "doc.txt"], None),
    (["render", "doc.txt"], None),  # not a command that loads a document first
    (["extract", "missing.pdf"], None),
    (["extract", "-o"], None),
    (["extract"], None),
    ([], None),
])
def test_the_document_a_command_line_names(doc, args, expected):
    assert document_to_read(args) == expected


_FLAGS = {"extract": ["--excel"], "check": ["--coverage"]}


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(DOCUMENT_COMMANDS)), st.data())
def test_the_guess_is_what_click_parses(name, data):
    """Any arrangement of a command's options around the document: the guess is the file
    Click parses (or nothing), never another token."""
    cmd = _command(name)
    values = sorted(DOCUMENT_COMMANDS[name])
    opts = data.draw(st.lists(st.one_of(
        st.sampled_from(values).map(lambda o: [o, "json" if o in ("-f", "--format") else "v.txt"]),
        st.sampled_from([o for o in values if o.startswith("--")]).map(lambda o: [f"{o}={'json' if o == '--format' else 'v'}"]),
        st.sampled_from(_FLAGS[name]).map(lambda o: [o]),
    ), max_size=4))
    at = data.draw(st.integers(0, len(opts)))
    args = [t for group in opts[:at] for t in group] + [str(SAMPLE)] + [t for group in opts[at:] for t in group]
    parsed = cmd.make_context(name, list(args), resilient_parsing=True).params["file"]
    assert document_to_read([name, *args]) == str(parsed) == str(SAMPLE)


@pytest.fixture
def workers(monkeypatch):
    """Every worker process started, as it starts."""
    started: list[isolate._Worker] = []
    real = isolate._Worker.__init__

    def counting(self, *a, **k):
        real(self, *a, **k)
        started.append(self)

    monkeypatch.setattr(isolate._Worker, "__init__", counting)
    yield started
    task.drop_early_read()


def test_the_command_takes_the_read_started_for_its_document(workers):
    task.start_reading(str(SAMPLE))
    assert len(workers) == 1
    doc = task.load_bounded(SAMPLE)
    assert doc.tables and len(workers) == 1  # no second worker: the early read was taken
    assert task.load_bounded(SAMPLE).model_dump() == doc.model_dump()  # (taken once)
    assert len(workers) == 2


def test_a_read_of_another_file_is_dropped(workers, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    task.start_reading(str(other))
    early = workers[0]
    doc = task.load_bounded(SAMPLE)
    assert doc.tables and len(workers) == 2
    early.proc.join(timeout=10)
    assert not early.alive()


def test_a_read_nobody_takes_is_stopped(workers):
    task.start_reading(str(SAMPLE))
    task.drop_early_read()
    workers[0].proc.join(timeout=10)
    assert not workers[0].alive()


def test_the_read_starts_before_typer_is_imported():
    """In a fresh process, through the console script's ``main``: the read of the document
    starts before Typer loads, and the command's output is the usual one."""
    code = (
        "import sys, io\n"
        "import juesuan.batch.task as task\n"
        "seen = []\n"
        "real = task.start_reading\n"
        "task.start_reading = lambda p: seen.append(('typer' in sys.modules, p)) or real(p)\n"
        "from juesuan.cli.main import main\n"
        "out, sys.stdout = sys.stdout, io.StringIO()\n"
        "try:\n"
        f"    main(['extract', '-f', 'csv', {str(SAMPLE)!r}])\n"
        "except SystemExit as e:\n"
        "    code = e.code\n"
        "printed, sys.stdout = sys.stdout.getvalue(), out\n"
        "print(seen, code, printed.splitlines()[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == f"[(False, {str(SAMPLE)!r})] 0 table,row,column,value,raw,page,line,repaired,repair"


def test_a_usage_error_after_an_early_read_is_still_the_usage_error():
    out = subprocess.run([sys.executable, "-m", "juesuan", "extract", str(SAMPLE), "-f", "bogus"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "bogus" in out.stderr and "Traceback" not in out.stderr
