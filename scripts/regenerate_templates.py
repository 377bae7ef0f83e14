"""Regenerate the committed example templates in templates_xlsx/ (run after changing the template layout)."""

from pathlib import Path

from lkjip_xl.example.build import build_master
from lkjip_xl.planning.templates import write_templates

if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "templates_xlsx"
    for path in write_templates(build_master(), target):
        print(path.relative_to(target.parent))
