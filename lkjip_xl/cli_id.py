"""Bahasa Indonesia for typer's help screens (typer and its vendored click ship English only)."""

from __future__ import annotations

import importlib
from functools import wraps
from typing import Any

_TITLES = {
    "ARGUMENTS_PANEL_TITLE": "Argumen",
    "OPTIONS_PANEL_TITLE": "Opsi",
    "COMMANDS_PANEL_TITLE": "Perintah",
    "ERRORS_PANEL_TITLE": "Galat",
    "REQUIRED_LONG_STRING": "[wajib]",
    "DEFAULT_STRING": "[bawaan: {}]",
}
HELP_TEXT = "Tampilkan bantuan ini lalu keluar."
USAGE = "Pemakaian: "


def install(rich_utils: Any) -> None:
    """Set the panel titles, the --help text and the usage prefix. Every step is optional: a typer release
    that moved these keeps working, in English."""
    for name, text in _TITLES.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, text)
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
