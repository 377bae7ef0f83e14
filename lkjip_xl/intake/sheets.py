"""Which sheet holds which table, as people name and fill them: `KINERJA`, `Anggaran 2017`, `Kinerja (2)`, both
tables on `Sheet1`; the sheet whose name matches best is read, the others are named."""

from __future__ import annotations

import re

from lkjip_xl.intake.table import header_labels
from lkjip_xl.planning.spec import SheetSpec, normalise_label

_COPY = re.compile(r"\(\d+\)|\b(salinan|copy|lama|old|backup|cadangan)\b")
_WORDS = re.compile(r"[a-z]+")


def sheet_score(sheet: str, wanted: str) -> int:
    """How well a sheet's name says it holds the `wanted` table: 100 exactly, less for added words and for a copy's
    marks (`(2)`, `salinan`), 0 when the table's word is not in the name."""
    name, word = normalise_label(sheet), normalise_label(wanted)
    if name == word:
        return 100
    words = _WORDS.findall(name)
    if word not in words:
        return 0
    return max(1, 60 - 5 * (len(words) - 1) - (30 if _COPY.search(name) else 0))


def choose_sheets(names: list[str], wanted: list[str]) -> tuple[dict[str, str | None], dict[str, list[str]]]:
    """For each wanted table, the best-named sheet (first of equals) and the other sheets that could be meant."""
    chosen: dict[str, str | None] = {}
    ignored: dict[str, list[str]] = {}
    for table in wanted:
        scored = [(sheet_score(n, table), -i, n) for i, n in enumerate(names)]
        scored = [s for s in scored if s[0] > 0]
        if not scored:
            chosen[table] = None
            continue
        scored.sort(reverse=True)
        chosen[table] = scored[0][2]
        rest = [n for _, _, n in scored[1:] if sheet_score(n, other(table, wanted)) < sheet_score(n, table)]
        if rest:
            ignored[table] = rest
    return chosen, ignored


def other(table: str, wanted: list[str]) -> str:
    return next((w for w in wanted if w != table), table)


def is_header_of(row: list[object], spec: SheetSpec) -> bool:
    """Whether a row is the header row of `spec`'s table (its kode label and at least half of its labels)."""
    columns = header_labels(row, spec)
    return "kode" in columns and len(columns) >= max(3, (len(spec.columns) + 1) // 2)
