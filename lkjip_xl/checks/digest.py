"""Findings digested for people: the size of each inconsistency, cells as ranges, repeated findings grouped."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from lkjip_xl.findings import Finding, Severity, col_letter
from lkjip_xl.numbers import format_id

# expected/actual are written by checks/common.py's rp(), pct() and num(): "Rp 1.234", "93,54 %", "3.160",
# optionally behind a bound ("≤ Rp 1.234"). Only those shapes are read back; anything else has no difference.
_ID_NUMBER = re.compile(r"-?\d{1,3}(?:\.\d{3})*(?:,\d+)?")
_CELL = re.compile(r"^([A-Z]{1,3})(\d+)$")
MINUS = "−"  # U+2212, as a number's sign is printed


@dataclass(frozen=True)
class Amount:
    """A value read back from a finding's text: its unit ('rp', 'pct' or '') and exact value."""

    unit: str
    value: Decimal


def amount(text: str) -> Amount | None:
    """The number a finding's expected/actual text states, or None when it is not one."""
    s = text.strip()
    for bound in ("≤", "≥", "<=", ">="):
        if s.startswith(bound):
            s = s[len(bound) :].strip()
    unit = ""
    if s.startswith("Rp "):
        unit, s = "rp", s[3:].strip()
    elif s.endswith("%"):
        unit, s = "pct", s[:-1].strip()
    if not _ID_NUMBER.fullmatch(s):
        return None
    return Amount(unit, Decimal(s.replace(".", "").replace(",", ".")))


def signed(value: Decimal, decimals: int = 0, prefix: str = "") -> str:
    """+Rp 297.107 / −0,35: the sign first, then the unit, then the Indonesian number."""
    sign = "+" if value > 0 else MINUS if value < 0 else "±"
    return f"{sign}{prefix}{format_id(abs(value), decimals)}"


def difference(f: Finding) -> str:
    """How far the written value is from what it should be: 'selisih +Rp 297.107', 'Δ −0,35 poin', 'Δ −20'.
    Empty when the finding does not state two comparable numbers (blank cells, text, warnings' raw text)."""
    if f.severity is not Severity.ERROR:
        return ""
    exp, act = amount(f.expected), amount(f.actual)
    if exp is None or act is None or exp.unit != act.unit:
        return ""
    delta = act.value - exp.value
    if exp.unit == "rp":
        return f"selisih {signed(delta, 0, 'Rp ')}"
    if exp.unit == "pct":
        return f"Δ {signed(delta, 2)} poin"
    places = max(_places(exp.value), _places(act.value))
    return f"Δ {signed(delta, min(places, 4))}"


def _places(value: Decimal) -> int:
    exp = value.normalize().as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


def cell_ranges(cells: list[str]) -> str:
    """A1 cells compressed to ranges: runs of rows per column, then neighbouring columns with the same runs
    joined into rectangles ('D2', 'D3', …, 'F10' → 'D2:F10'; 'H4', 'H6' → 'H4,H6')."""
    rows_by_col: dict[int, set[int]] = {}
    for cell in cells:
        m = _CELL.match(cell)
        if not m:
            continue
        col = 0
        for ch in m.group(1):
            col = col * 26 + ord(ch) - 64
        rows_by_col.setdefault(col - 1, set()).add(int(m.group(2)))
    runs = {col: _runs(sorted(rows)) for col, rows in rows_by_col.items()}
    parts: list[tuple[int, int, str]] = []  # (first row, first column, text): ranges read top-left first
    cols = sorted(runs)
    i = 0
    while i < len(cols):
        j = i
        while j + 1 < len(cols) and cols[j + 1] == cols[j] + 1 and runs[cols[j + 1]] == runs[cols[i]]:
            j += 1
        for first, last in runs[cols[i]]:
            start, end = f"{col_letter(cols[i])}{first}", f"{col_letter(cols[j])}{last}"
            parts.append((first, cols[i], start if start == end else f"{start}:{end}"))
        i = j + 1
    return ",".join(text for _, _, text in sorted(parts))


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for r in rows:
        if out and r == out[-1][1] + 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out


@dataclass(frozen=True)
class Group:
    """One line of a report: a single finding, or findings of one code in one file and sheet."""

    findings: tuple[Finding, ...]

    @property
    def first(self) -> Finding:
        return self.findings[0]

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def cells(self) -> str:
        return cell_ranges([f.cell for f in self.findings]) if self.count > 1 else self.first.cell

    @property
    def location(self) -> str:
        f = self.first
        if f.sheet and self.cells:
            return f"{f.sheet}!{self.cells}"
        return f.sheet

    @property
    def label(self) -> str:
        """'N001 ×27' or 'A004'."""
        return f"{self.first.code} ×{self.count}" if self.count > 1 else self.first.code


def group_findings(findings: list[Finding], every: bool = False) -> list[Group]:
    """Report lines, errors first: every galat on its own line (never hidden in a group); warnings and infos
    of one code in one file and sheet, located at cells, collapse into one line unless `every` is asked."""
    ordered = sorted(findings, key=lambda f: (f.severity.rank, f.sort_key()))
    groups: dict[tuple[str, ...], list[Finding]] = {}
    for n, f in enumerate(ordered):
        alone = every or f.severity is Severity.ERROR or not (f.sheet and f.cell)
        key = (str(n),) if alone else (f.severity.value, f.file, f.sheet, f.code)
        groups.setdefault(key, []).append(f)
    return [Group(tuple(g)) for g in groups.values()]


def frequent_codes(findings: list[Finding], top: int = 3) -> str:
    """'N001 ×27, A004 ×2, K005': a file's most frequent codes, galat before others at equal counts."""
    counts = Counter(f.code for f in findings)
    rank = {f.code: f.severity.rank for f in findings}
    best = sorted(counts, key=lambda c: (-counts[c], rank[c], c))[:top]
    return ", ".join(f"{c} ×{counts[c]}" if counts[c] > 1 else c for c in best)
