"""Rewrite the finding-code table in README.md from the catalogue in lkjip_xl/findings.py."""

from pathlib import Path

from lkjip_xl.catalogue_doc import replace_section

if __name__ == "__main__":
    readme = Path(__file__).resolve().parent.parent / "README.md"
    readme.write_text(replace_section(readme.read_text(encoding="utf-8")), encoding="utf-8")
