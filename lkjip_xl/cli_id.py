"""Bahasa Indonesia for the panel titles of typer's help screens (typer ships English only)."""

from __future__ import annotations

from typing import Any

_TITLES = {
    "ARGUMENTS_PANEL_TITLE": "Argumen",
    "OPTIONS_PANEL_TITLE": "Opsi",
    "COMMANDS_PANEL_TITLE": "Perintah",
    "ERRORS_PANEL_TITLE": "Galat",
    "REQUIRED_LONG_STRING": "[wajib]",
    "DEFAULT_STRING": "[bawaan: {}]",
}


def install(rich_utils: Any) -> None:
    """Set the titles on `typer.rich_utils`; typer's vendored click keeps a few English words."""
    for name, text in _TITLES.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, text)
