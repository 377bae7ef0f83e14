"""lkjip-xl: check bidang Excel files against the planning master and merge them into the LKjIP workbook.

The public API is what the commands use: `check`, `merge`, `demo`, `init_master`, `make_templates`
(each raises `LkjipError` when it cannot run) and the `Finding` type with its `CATALOGUE` of codes.
Names are imported on first use, so `lkjip-xl --help` stays instant.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"
_EXPORTS = {
    "CATALOGUE": "lkjip_xl.findings",
    "Finding": "lkjip_xl.findings",
    "Severity": "lkjip_xl.findings",
    "LkjipError": "lkjip_xl.jobs",
    "MergeResult": "lkjip_xl.jobs",
    "check": "lkjip_xl.jobs",
    "demo": "lkjip_xl.jobs",
    "init_master": "lkjip_xl.jobs",
    "make_templates": "lkjip_xl.jobs",
    "merge": "lkjip_xl.jobs",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'lkjip_xl' has no attribute {name!r}")
