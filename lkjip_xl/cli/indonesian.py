"""Bahasa Indonesia for typer's help screens (typer and its vendored click ship English only)."""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import re
import sys
from functools import wraps
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

_TITLES = {
    "RICH_HELP": "Coba [blue]'{command_path} {help_option}'[/] untuk bantuan.",
    "ABORTED_TEXT": "Dibatalkan.",
    "ARGUMENTS_PANEL_TITLE": "Argumen",
    "OPTIONS_PANEL_TITLE": "Opsi",
    "COMMANDS_PANEL_TITLE": "Perintah",
    "ERRORS_PANEL_TITLE": "Galat",
    "REQUIRED_LONG_STRING": "[wajib]",
    "DEFAULT_STRING": "[bawaan: {}]",
}
HELP_TEXT = "Tampilkan bantuan ini lalu keluar."
USAGE = "Pemakaian: "


RICH_UTILS = "typer.rich_utils"


def install() -> None:
    """Set the panel titles, the --help text and the usage prefix. Every step is optional: a typer release
    that moved these keeps working, in English.

    typer imports its rich helpers only to draw a help or error screen, and that import takes 0.1 s:
    the titles are set when it happens rather than importing them for every command.
    """
    _install_click()
    if RICH_UTILS in sys.modules:
        install_titles(sys.modules[RICH_UTILS])
    elif not any(isinstance(finder, _TitlesOnImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, _TitlesOnImport())


def install_titles(rich_utils: Any) -> None:
    for name, text in _TITLES.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, text)
    show = getattr(rich_utils, "rich_format_error", None)
    if show is not None and not getattr(show, "_lkjip", False):

        @wraps(show)
        def indonesian_error(error: Any) -> None:
            message = translate_error(error.format_message())
            error.format_message = lambda: message  # this exception only, as it is shown
            show(error)

        indonesian_error._lkjip = True  # type: ignore[attr-defined]
        rich_utils.rich_format_error = indonesian_error


# typer's vendored click words its usage errors in English, in code: the ones a command line of lkjip-xl can
# meet, in Bahasa Indonesia (anything else is shown as click words it)
_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Missing argument (.+?)\.(?= |$)"), r"Argumen \1 belum diberikan."),
    (re.compile(r"Missing option (.+?)\.(?= |$)"), r"Opsi \1 wajib diisi."),
    (re.compile(r"Missing parameter (.+?)\.(?= |$)"), r"Parameter \1 wajib diisi."),
    (re.compile(r"^Missing command\.$"), "Perintah belum diberikan."),
    (re.compile(r"^No such option: (\S+)"), r"Opsi tidak dikenal: \1"),
    (re.compile(r"\(Possible options: (.+)\)$"), r"(opsi yang ada: \1)"),
    (re.compile(r"^No such command (.+?)\."), r"Perintah \1 tidak dikenal."),
    (re.compile(r" Did you mean (.+)\?$"), r" Maksudnya \1?"),
    (re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((.+)\)$"), r"Argumen berlebih: \1"),
    (re.compile(r"^Option (.+?) requires an argument\.$"), r"Opsi \1 perlu diberi nilai."),
    (re.compile(r"^Option (.+?) requires (\d+) arguments\.$"), r"Opsi \1 perlu \2 nilai."),
    (re.compile(r"^Option (.+?) does not take a value\.$"), r"Opsi \1 tidak menerima nilai."),
    (re.compile(r"^Invalid value for (.+?): "), r"Nilai \1 tidak sah: "),
    (re.compile(r"^Invalid value: "), "Nilai tidak sah: "),
]


def translate_error(message: str) -> str:
    """typer's English usage error in Bahasa Indonesia (unchanged when it is not one lkjip-xl knows)."""
    for pattern, replacement in _ERRORS:
        message = pattern.sub(replacement, message)
    return message


class _TitlesOnImport(importlib.abc.MetaPathFinder):
    """Finds nothing itself: hands typer.rich_utils to its usual finder, with install_titles run after it loads."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        if fullname != RICH_UTILS:
            return None
        sys.meta_path.remove(self)  # once; also keeps find_spec below from coming back here
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = _TitlesLoader(spec.loader)
        return spec


class _TitlesLoader(importlib.abc.Loader):
    def __init__(self, loader: importlib.abc.Loader) -> None:
        self.loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.loader.exec_module(module)
        install_titles(module)


def _install_click() -> None:
    try:
        decorators = importlib.import_module("typer._click.decorators")
        formatting = importlib.import_module("typer._click.formatting")
    except ImportError:
        return
    option = getattr(decorators, "option", None)
    if option is not None and not getattr(option, "_lkjip", False):

        @wraps(option)
        def indonesian_option(*args: Any, **kwargs: Any) -> Any:
            if kwargs.get("help") == "Show this message and exit.":
                kwargs["help"] = HELP_TEXT
            return option(*args, **kwargs)

        indonesian_option._lkjip = True  # type: ignore[attr-defined]
        setattr(decorators, "option", indonesian_option)  # noqa: B010 (module attribute unknown to mypy)
    formatter = getattr(formatting, "HelpFormatter", None)
    write_usage = getattr(formatter, "write_usage", None)
    if write_usage is not None and not getattr(write_usage, "_lkjip", False):

        @wraps(write_usage)
        def indonesian_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
            write_usage(self, prog, args, USAGE if prefix is None else prefix)

        indonesian_usage._lkjip = True  # type: ignore[attr-defined]
        setattr(formatter, "write_usage", indonesian_usage)  # noqa: B010
