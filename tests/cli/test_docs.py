"""The README stays true: the code table matches the catalogue and every command is documented."""

from __future__ import annotations

from pathlib import Path

from lkjip_xl.catalogue_doc import replace_section
from lkjip_xl.cli.app import app

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_code_table_matches_the_catalogue() -> None:
    text = README.read_text(encoding="utf-8")
    assert replace_section(text) == text, "run: python scripts/update_readme_codes.py"


def test_every_command_is_documented_with_an_example() -> None:
    text = README.read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        assert f"`lkjip-xl {name}" in text, name


def test_every_command_has_indonesian_help() -> None:
    for command in app.registered_commands:
        assert command.callback is not None and command.callback.__doc__
