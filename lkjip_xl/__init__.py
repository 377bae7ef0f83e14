"""lkjip-xl: check bidang Excel files against the planning master and merge them into the LKjIP workbook.

The public API is what the commands use: `check`, `merge`, `demo`, `init_master`, `make_templates`
(each raises `LkjipError` when it cannot run) and the `Finding` type with its `CATALOGUE` of codes.
"""

from lkjip_xl.findings import CATALOGUE, Finding, Severity
from lkjip_xl.jobs import LkjipError, MergeResult, check, demo, init_master, make_templates, merge

__version__ = "0.1.0"
__all__ = [
    "CATALOGUE",
    "Finding",
    "LkjipError",
    "MergeResult",
    "Severity",
    "check",
    "demo",
    "init_master",
    "make_templates",
    "merge",
]
