"""The package layout shows the flow: stages import only earlier stages, only cli/ imports rich and typer."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lkjip_xl"

# The flow, in order. A module may import its own stage, earlier stages and the shared leaves; nothing but the
# entry point (__main__) imports cli/.
SHARED = ("findings", "numbers", "resources", "catalogue_doc", "xlsx")
STAGES = ("planning", "intake", "checks", "consolidate", "workbook", "example", "jobs", "cli")
ENTRY = ("__init__", "__main__")
UI_LIBRARIES = ("rich", "typer", "click")
MAX_TOP_LEVEL_MODULES = 8


def rank(module: str) -> int:
    """0 for the shared leaves, 1… along the flow; a module is named by its dotted path under lkjip_xl."""
    head = module.split(".")[0]
    if head in SHARED:
        return 0
    if head in STAGES:
        return 1 + STAGES.index(head)
    if head in ENTRY:
        return len(STAGES) + 1
    raise AssertionError(f"lkjip_xl/{head} belongs to no stage: add it to SHARED or STAGES in {__file__}")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def imports_of(source: str, module: str) -> list[tuple[str, int]]:
    """(imported module, line) for every import in `source`, those inside functions too, relative ones resolved."""
    out: list[tuple[str, int]] = []
    package = module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ["lkjip_xl", *package[: len(package) - node.level + 1]]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            out.append((name, node.lineno))
            if name == "lkjip_xl":  # from lkjip_xl import jobs: the module jobs
                out += [(f"lkjip_xl.{alias.name}", node.lineno) for alias in node.names]
    return out


def violations(source: str, module: str) -> list[str]:
    """What in `source` (the module `module`, dotted under lkjip_xl) runs against the flow."""
    problems = []
    own = rank(module)
    in_cli = module.split(".")[0] in ("cli", "__main__")
    for name, line in imports_of(source, module):
        top = name.split(".")[0]
        if top in UI_LIBRARIES and not in_cli:
            problems.append(f"{module}:{line} imports {name}: only cli/ imports rich and typer")
        if top != "lkjip_xl" or name == "lkjip_xl":
            continue
        target = name.removeprefix("lkjip_xl.")
        if target.split(".")[0] == "cli" and not in_cli:
            problems.append(f"{module}:{line} imports {name}: nothing imports cli/")
        elif rank(target) > own:
            problems.append(f"{module}:{line} imports {name}, a later stage")
    return problems


def all_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_no_module_imports_a_later_stage_or_the_cli_and_only_cli_imports_rich_and_typer() -> None:
    problems = [v for path in all_modules() for v in violations(path.read_text(encoding="utf-8"), module_name(path))]
    assert problems == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("intake.reader", "from lkjip_xl.checks.runner import Report\n", ["later stage"]),
        ("planning.spec", "def f():\n    from lkjip_xl.workbook import writer\n", ["later stage"]),
        ("findings", "from lkjip_xl.planning.model import Master\n", ["later stage"]),
        ("checks.runner", "import rich\n", ["only cli/"]),
        ("workbook.writer", "from lkjip_xl.cli.render import console\n", ["nothing imports cli/"]),
        ("consolidate.tables", "from . import compare\nfrom ..intake import reader\n", []),
        ("intake.reader", "from ..checks import runner\n", ["later stage"]),
        ("jobs", "from lkjip_xl import jobs, findings\nfrom lkjip_xl.workbook.writer import write_workbook\n", []),
        ("cli.app", "import typer\nfrom lkjip_xl.jobs import merge\n", []),
    ],
)
def test_the_layout_check_sees_each_kind_of_violation(module: str, source: str, expected: list[str]) -> None:
    found = violations(source, module)
    assert len(found) == len(expected)
    assert all(want in got for want, got in zip(expected, found, strict=True))


def test_the_top_level_holds_the_stages_and_few_modules() -> None:
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert set(STAGES) - {"jobs"} <= packages
    assert packages <= set(STAGES) | set(SHARED) | {"workbook"}, packages


def test_every_module_says_what_it_is_for_and_every_stage_what_it_takes_and_gives() -> None:
    missing = [module_name(p) for p in all_modules() if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert missing == []
    for stage in (s for s in STAGES if (PACKAGE / s).is_dir()):
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8"))) or ""
        assert "Takes" in doc and "gives" in doc, stage


HELP_PROBE = """
import contextlib, io, sys
with contextlib.redirect_stdout(io.StringIO()):
    try:
        from lkjip_xl.cli import app
        app([*sys.argv[1:], "--help"])
    except SystemExit:
        pass
print(" ".join(sorted(m for m in sys.modules if m.startswith("lkjip_xl") or m.split(".")[0] in %r)))
"""
HEAVY = ("polars", "pandera", "openpyxl", "xlsxwriter", "python_calamine", "numpy", "pandas", "docx", "num2words", "lxml")


@pytest.mark.parametrize("command", [[], ["merge"], ["check"], ["template"], ["init"], ["demo"], ["banding"]])
def test_help_loads_only_the_command_line(command: list[str]) -> None:
    """`--help` stays instant: the library and its heavy dependencies load inside the commands that run."""
    import subprocess
    import sys

    probe = HELP_PROBE % (list(HEAVY),)
    done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, timeout=60, check=True)
    loaded = done.stdout.split()
    assert [m for m in loaded if m.split(".")[0] in HEAVY] == []
    assert {m for m in loaded if m.startswith("lkjip_xl")} <= {
        "lkjip_xl",
        "lkjip_xl.cli",
        "lkjip_xl.cli.app",
        "lkjip_xl.cli.indonesian",
    }
