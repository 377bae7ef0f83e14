"""Command line: the typer app, its Indonesian texts, and the rich renderer (the only importer of typer and rich).

Takes arguments; calls one `jobs` function per command, renders its result, exits 0, 1 (findings) or 2.
"""

from lkjip_xl.cli.app import app, main

__all__ = ["app", "main"]
