"""Chinese (or, with ``--lang en``, English) for the parts of the help and error screens that
Typer and its vendored Click write themselves: panel titles, the usage prefix, the help
option's description, the type column and the usage-error messages.

Why patching: Typer exposes these only as module constants and hard-coded strings (there is
no locale hook), so the CLI sets the constants and wraps four functions, once, at import of
:mod:`juesuan.cli.app`. Our own help texts come from :mod:`juesuan.i18n`.

Typer's screens (``typer.rich_utils``) import Rich's Markdown renderer, syntax highlighting and
tracebacks; only a help screen or an error needs them, so Typer imports that module when it
draws one. The CLI does not import it either: its part of the patch is applied when Typer
first imports it (:func:`juesuan.lazy.after_import`), so a command that reads a document
never loads it, and when a screen is drawn, the Markdown renderer and tracebacks it never
uses are not loaded (:func:`juesuan.lazy.defer_while_importing`).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

from typer import _click

from juesuan.i18n import english_for, lang, t, translate_reason
from juesuan.lazy import after_import, defer_while_importing

_RICH_UTILS = "typer.rich_utils"

_TITLES = {
    "zh": {"ARGUMENTS_PANEL_TITLE": "参数", "OPTIONS_PANEL_TITLE": "选项", "COMMANDS_PANEL_TITLE": "命令",
           "ERRORS_PANEL_TITLE": "错误", "ABORTED_TEXT": "已中止。", "DEFAULT_STRING": "[默认：{}]",
           "REQUIRED_LONG_STRING": "[必填]", "ENVVAR_STRING": "[环境变量：{}]",
           "RICH_HELP": "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。"},
    "en": {"ARGUMENTS_PANEL_TITLE": "Arguments", "OPTIONS_PANEL_TITLE": "Options", "COMMANDS_PANEL_TITLE": "Commands",
           "ERRORS_PANEL_TITLE": "Error", "ABORTED_TEXT": "Aborted.", "DEFAULT_STRING": "[default: {}]",
           "REQUIRED_LONG_STRING": "[required]", "ENVVAR_STRING": "[env var: {}]",
           "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help."},
}
_USAGE = {"zh": ("用法：", "[选项]", "命令", "[参数]..."), "en": ("Usage: ", "[OPTIONS]", "COMMAND", "[ARGS]...")}
_state = {"installed": False}


def set_titles() -> None:
    """Typer's screen titles in the current language (when its screens are loaded; else they
    get them as they load: ``_patch_screens``)."""
    rich_utils = sys.modules.get(_RICH_UTILS)
    if rich_utils is None:
        return
    for name, text in _TITLES[lang()].items():
        setattr(rich_utils, name, text)


def _wrap_help_option(orig: Any) -> Any:
    def get_help_option(self: Any, ctx: Any) -> Any:
        opt = orig(self, ctx)
        if opt is not None:
            opt.help = t("opt.help")
        return opt

    return get_help_option


def _wrap_usage(orig: Any) -> Any:
    def get_usage(self: Any, ctx: Any) -> str:
        text: str = orig(self, ctx)
        for en, local in zip(_USAGE["en"], _USAGE[lang()], strict=True):
            text = text.replace(en, local, 1)
        return text

    return get_usage


def _wrap_error(orig: Any) -> Any:
    def rich_format_error(e: Any) -> None:
        fmt = e.format_message
        e.format_message = lambda: translate_reason(fmt())
        orig(e)

    return rich_format_error


def _wrap_text(orig: Any) -> Any:
    """Help text folds instead of ending in '…': Chinese has no spaces to wrap at, so Rich's
    default (ellipsis on a 'word' wider than the column) would cut whole sentences."""

    def make_rich_text(*args: Any, **kw: Any) -> Any:
        out = orig(*args, **kw)
        if hasattr(out, "overflow"):
            out.overflow = "fold"
        return out

    return make_rich_text


# The type column of an option or argument, as Typer labels it from the annotation (<str>,
# <int>, <path>, list[str] …): programmers' words. Choices (<text|json>) keep their values.
_TYPE_WORDS = {"zh": {"str": "文本", "int": "整数", "float": "数值", "path": "路径", "file": "文件",
                      "directory": "文件夹", "list[str]": "文本"},
               "en": {"str": "text", "list[str]": "text"}}


def _wrap_type(orig: Any) -> Any:
    """A flag takes no value, so it shows no type (Typer prints <bool>, which reads as if
    ``--coverage`` wanted one); other types in the interface language."""

    def display_type_rich(self: Any, ctx: Any) -> str | None:
        if getattr(self, "is_flag", False):
            return None
        shown: str | None = orig(self, ctx)
        if shown is None or not shown.startswith("<"):
            return shown
        label, _, rest = shown[1:].partition(">")
        return f"<{_TYPE_WORDS[lang()].get(label, label)}>{rest}"

    return display_type_rich


def _patch_screens(rich_utils: ModuleType) -> None:
    rich_utils.rich_format_error = _wrap_error(rich_utils.rich_format_error)  # type: ignore[attr-defined]
    rich_utils._make_rich_text = _wrap_text(rich_utils._make_rich_text)  # type: ignore[attr-defined]
    set_titles()


def install() -> None:
    """Patch Typer once (idempotent): Click's command class now, Typer's screens when they
    load."""
    if _state["installed"]:
        return
    _state["installed"] = True
    cmd = _click.core.Command
    cmd.get_help_option = _wrap_help_option(cmd.get_help_option)  # type: ignore[method-assign]
    cmd.get_usage = _wrap_usage(cmd.get_usage)  # type: ignore[method-assign]
    from typer.core import TyperArgument, TyperOption

    for cls in (TyperArgument, TyperOption):
        cls.display_type_rich = _wrap_type(cls.display_type_rich)  # type: ignore[method-assign]
    after_import(_RICH_UTILS, _patch_screens)
    # Those screens in Rich markup (the app's mode) never draw Markdown, and with pretty
    # exceptions off never a Rich traceback: the two modules (with markdown_it and Pygments,
    # about half of ``juesuan --help``'s time) load only if one is ever drawn.
    defer_while_importing(_RICH_UTILS, {"rich.markdown": ("Markdown",), "rich.traceback": ("Traceback",)})


def relabel(group: Any) -> None:
    """Under ``--lang en``: replace every Chinese help text of the command tree that the
    catalogue knows with its English (commands other engineers add keep their own text)."""
    set_titles()
    if lang() != "en":
        return
    stack = [group]
    while stack:
        cmd = stack.pop()
        for attr in ("help", "short_help"):
            text = getattr(cmd, attr, None)
            if isinstance(text, str) and english_for(text.strip()):
                setattr(cmd, attr, english_for(text.strip()))
        for p in getattr(cmd, "params", []):
            if isinstance(getattr(p, "help", None), str) and english_for(p.help):
                p.help = english_for(p.help)
        stack.extend(getattr(cmd, "commands", {}).values())


__all__ = ["install", "relabel", "set_titles"]
