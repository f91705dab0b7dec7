"""`juesuan --help` starts fast because no command module loads heavy libraries at import.

Speed is measured by benchmarks/bench_speed.py; this test pins the cause: after importing the
CLI (which is all `--help` needs) none of the heavy modules is loaded.
"""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = (
    "pydantic", "juesuan.model", "juesuan.rules", "juesuan.pipeline", "juesuan.catalogue",
    "pypdfium2", "pdfplumber", "openpyxl", "docx", "reportlab", "lxml", "numpy",
    "rapidocr_onnxruntime", "sqlalchemy", "fastapi", "dask", "jinja2",
)


def _loaded(code: str, modules: tuple[str, ...]) -> str:
    """What ``code`` prints in a fresh process, then ``LOADED:`` and which of ``modules`` it loaded."""
    code += f"\nimport sys\nprint('LOADED:' + ','.join(m for m in {modules!r} if m in sys.modules))"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_cli_import_loads_no_heavy_module():
    assert _loaded("import juesuan.cli.main", HEAVY) == "LOADED:"


def test_help_runs_without_heavy_modules():
    out = _loaded("from juesuan.cli.main import app\ntry:\n    app(['--help'])\nexcept SystemExit:\n    pass", HEAVY)
    assert "用法" in out or "Usage" in out
    assert out.endswith("LOADED:")


# Typer's help and error screens (Rich's Markdown renderer, syntax highlighting, tracebacks):
# loaded only to draw a help screen or an error (cli/localise.py patches them as they load).
SCREENS = ("typer.rich_utils", "rich.markdown", "markdown_it", "pygments", "rich.traceback")


def test_cli_import_loads_no_help_screen_module():
    assert _loaded("import juesuan.cli.main", SCREENS) == "LOADED:"


def test_a_command_reading_a_document_loads_no_help_screen_module():
    """The whole of `juesuan extract` on the bundled (synthetic) sample, in a fresh process."""
    after = f"print(printed.splitlines()[0])\nprint('LOADED:' + ','.join(m for m in {SCREENS!r} if m in sys.modules))"
    out = _run_command_in_fresh_process("", after)
    assert out.startswith("table,row,column,value")
    assert out.endswith("LOADED:")


def test_screens_loaded_late_are_still_chinese():
    """A usage error in a fresh process: Typer loads its screens only then, and they are
    patched as they load (titles, messages)."""
    out = subprocess.run([sys.executable, "-m", "juesuan", "check"], capture_output=True, text=True,
                         env={**os.environ, "COLUMNS": "100"})
    assert out.returncode == 2
    assert "用法：" in out.stderr and "错误" in out.stderr and "缺少参数" in out.stderr
    assert "Usage" not in out.stderr and "Missing argument" not in out.stderr



def _run_command_in_fresh_process(prelude: str, after: str, env: dict[str, str] | None = None) -> str:
    """``juesuan extract -f csv`` on the bundled sample through ``main`` in a fresh process:
    ``prelude`` runs first, ``after`` once the command has exited, with what it printed in
    ``printed`` (what ``after`` prints is returned)."""
    from pathlib import Path

    import juesuan

    sample = Path(juesuan.__file__).parent / "examples" / "sample_disclosure.txt"
    code = (
        "import sys, io\n"
        f"{prelude}\n"
        "from juesuan.cli.main import main\n"
        "out, sys.stdout = sys.stdout, io.StringIO()\n"
        "try:\n"
        f"    main(['extract', {str(sample)!r}, '-f', 'csv'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "printed, sys.stdout = sys.stdout.getvalue(), out\n"
        f"{after}\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"} | (env or {})
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return out.stdout.strip()


def test_a_command_does_not_search_for_pydantic_plugins():
    """Pydantic's plugin search walks every installed distribution's entry points; a command
    builds only juesuan's own models and skips it (cli.main)."""
    prelude = ("import importlib.metadata as md\n"
               "walked = []\n"
               "_real = md.distributions\n"
               "md.distributions = lambda *a, **k: walked.append(1) or _real(*a, **k)")
    assert _run_command_in_fresh_process(prelude, "print('WALKED', len(walked))") == "WALKED 0"


def test_an_explicit_plugin_setting_is_kept():
    after = "import os; print(os.environ['PYDANTIC_DISABLE_PLUGINS'])"
    assert _run_command_in_fresh_process("", after, {"PYDANTIC_DISABLE_PLUGINS": "someplugin"}) == "someplugin"


def test_a_command_leaves_its_objects_out_of_the_exit_collection():
    """As the command's process exits, every object is frozen (gcpause.no_collection_at_exit):
    the interpreter's shutdown does not walk them all once more. Not before: a process that
    calls the entry point and goes on (a test) has its collector as it was."""
    prelude = ("import atexit, gc\n"  # registered first, so called last (after the command's own)
               "atexit.register(lambda: print('AT EXIT', gc.get_freeze_count() > 10000))")
    after = "print('AFTER', gc.get_freeze_count(), gc.isenabled())"
    out = _run_command_in_fresh_process(prelude, after)
    assert out.splitlines() == ["AFTER 0 True", "AT EXIT True"]


def test_a_command_on_one_document_runs_without_collections():
    """The collector is paused over a command on one document (gcpause.for_command): the
    hundred young collections its imports and build made are gone, and what it allocated has
    moved to the oldest generation as the pause ends (no young collection walks it at once).
    (What is left is the interpreter's start, before ``main``.)"""
    prelude = ("import gc\n"
               "runs = []\n"
               "gc.callbacks.append(lambda phase, info: phase == 'start' and runs.append(info['generation']))\n"
               "import juesuan.cli.main\n"
               "del runs[:]")
    after = "print(len(runs), gc.get_count()[0] < 1000)"
    runs, young_left = _run_command_in_fresh_process(prelude, after).split()
    assert int(runs) <= 2 and young_left == "True", (runs, young_left)
    # reading in its own process (JUESUAN_ISOLATE=0), a command keeps its collector running
    runs, _ = _run_command_in_fresh_process(prelude, after, {"JUESUAN_ISOLATE": "0"}).split()
    assert int(runs) > 20


def test_help_screens_load_no_markdown_renderer_and_no_traceback():
    """Typer's screens import Rich's Markdown renderer and tracebacks (with markdown_it and
    Pygments), which a help screen in Rich markup never draws: they stay unloaded
    (lazy.defer_while_importing), and the screen is still drawn whole."""
    code = ("import os\nos.environ['COLUMNS'] = '100'\nfrom juesuan.cli.main import app\n"
            "try:\n    app(['check', '--help'])\nexcept SystemExit:\n    pass")
    out = _loaded(code, ("typer.rich_utils", "rich.markdown", "markdown_it", "pygments", "rich.traceback"))
    assert "用法" in out and "选项" in out and "--format" in out
    assert out.endswith("LOADED:typer.rich_utils")


def test_a_command_does_not_import_what_the_plugin_search_needs():
    """Pydantic's plugin loader imports importlib.metadata for a search the command skips:
    the module stays unloaded; with plugins enabled by the user the loader is the real one."""
    after = ("loader = sys.modules['pydantic.plugin._loader']\n"
             "print('importlib.metadata' in sys.modules, type(loader.importlib_metadata).__name__)")
    assert _run_command_in_fresh_process("", after) == "False _Placeholder"
    out = _run_command_in_fresh_process("", after, {"PYDANTIC_DISABLE_PLUGINS": "someplugin"})
    assert out == "True module"


def test_a_command_does_not_import_importlib_resources():
    """lazy's finder and loader are plain classes and the catalogue reads its data by path: a
    command does without importlib.abc, importlib.resources and zipfile (about 4 ms)."""
    after = "print(sorted(m for m in ('importlib.abc', 'importlib.resources', 'zipfile') if m in sys.modules))"
    assert _run_command_in_fresh_process("", after) == "[]"


def test_a_command_keeps_what_it_compiles(tmp_path):
    """The command line installs the standard library's compile cache (juesuan.codecache);
    the files it writes are the ones the next command reads."""
    after = ("import dataclasses, typing\n"
             "print(dataclasses.exec.__module__, typing.compile.__module__)")
    out = _run_command_in_fresh_process("", after, {"JUESUAN_CACHE_DIR": str(tmp_path)})
    assert out == "juesuan.codecache.generated juesuan.codecache.generated"
    assert sorted(p.name.split("-")[0] for p in tmp_path.iterdir()) == ["generated", "patterns"]


def _run_entry(prelude: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    """The console script (``cli.main.entry``) in a fresh process, ``prelude`` run first."""
    code = f"import sys\n{prelude}\nsys.argv = ['juesuan', *{args!r}]\nfrom juesuan.cli.main import entry\nentry()\n"
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def _sample() -> str:
    from pathlib import Path

    import juesuan

    return str(Path(juesuan.__file__).parent / "examples" / "sample_disclosure.txt")


def test_a_command_on_one_document_ends_its_process_without_teardown():
    """After a command on one document the process ends at once (cli.main.end_process,
    ``os._exit``) with the command's status, once the atexit functions have run and
    everything printed is delivered. Any other command exits as Python does."""
    prelude = ("import atexit, os\n"
               "atexit.register(lambda: print('AT EXIT', flush=True))\n"
               "_exit = os._exit\n"
               "def ended(code):\n"
               "    os.write(1, f'ENDED {code}\\n'.encode())\n"
               "    _exit(code)\n"
               "os._exit = ended\n")
    out = _run_entry(prelude, ["extract", _sample(), "-f", "csv"])
    assert out.returncode == 0, out.stderr
    assert "table,row,column,value,raw,page,line,repaired,repair" in out.stdout.splitlines()
    assert out.stdout.splitlines()[-2:] == ["AT EXIT", "ENDED 0"]
    out = _run_entry(prelude, ["check", _sample()])  # (the bundled sample has error findings)
    assert out.returncode == 1 and out.stdout.splitlines()[-2:] == ["AT EXIT", "ENDED 1"]
    out = _run_entry(prelude, ["--help"])
    assert out.returncode == 0 and out.stdout.splitlines()[-1] == "AT EXIT" and "ENDED" not in out.stdout


def test_end_process_leaves_the_ordinary_exit_when_it_cannot_end_now(monkeypatch):
    """A thread still running, a message as the status, or output that cannot be flushed
    (a closed pipe): end_process returns and the ordinary exit does what Python does."""
    import io
    import threading

    from juesuan.cli import main as cli_main

    ended: list[object] = []
    monkeypatch.setattr(cli_main.os, "_exit", ended.append)
    cli_main.end_process("a message")
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        cli_main.end_process(0)
    finally:
        release.set()
        worker.join()

    class Closed(io.StringIO):
        def flush(self):
            raise BrokenPipeError

    monkeypatch.setattr(cli_main.sys, "stdout", Closed())
    monkeypatch.setattr("atexit._run_exitfuncs", lambda: None)  # (not this test process's own)
    cli_main.end_process(0)
    assert ended == []
    monkeypatch.setattr(cli_main.sys, "stdout", io.StringIO())
    cli_main.end_process(3)
    assert ended == [3]
