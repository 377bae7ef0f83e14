"""Command line: the typer app, its Indonesian texts, and the rich renderer (the only importer of typer and rich).

Takes the arguments of a command; calls one `jobs` function, and gives its result rendered and an exit code
(0, 1 for findings, 2 when the command cannot run).
"""

from lkjip_xl.cli.app import app, main

__all__ = ["app", "main"]
