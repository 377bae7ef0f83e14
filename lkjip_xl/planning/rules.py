"""Capaian of an indicator by polarity, and category bands."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

POSITIF, NEGATIF = "positif", "negatif"

# The two conventions for negative indicators (domain.md §2). Keys are what the master's
# Pengaturan sheet holds; labels are shown in the workbook's Ringkasan.
RUMUS_NEGATIF: dict[str, str] = {
    "2 - R/T": "(2 − Realisasi/Target) × 100 (PermenPAN-RB, kondisi khusus)",
    "T/R": "Target/Realisasi × 100",
}
DEFAULT_RUMUS_NEGATIF = "2 - R/T"
DEFAULT_TOLERANSI = Decimal("0.005")


def normalise_rumus(text: str) -> str | None:
    """Accept the spellings people type for the two conventions."""
    t = "".join(str(text).upper().split()).replace("×100", "").replace("X100", "").replace("*100", "")
    if t in {"2-R/T", "(2-R/T)", "A", "(A)", "2-REALISASI/TARGET"}:
        return "2 - R/T"
    if t in {"T/R", "B", "(B)", "TARGET/REALISASI"}:
        return "T/R"
    return None


def normalise_polaritas(text: str) -> str | None:
    t = str(text).strip().lower()
    if t in {"positif", "+", "positive", "naik"}:
        return POSITIF
    if t in {"negatif", "-", "negative", "turun"}:
        return NEGATIF
    return None


def capaian(target: float | None, realisasi: float | None, polaritas: str, rumus: str) -> float | None:
    """Capaian in percent units, or None when it cannot be computed (blank, target 0)."""
    if target is None or realisasi is None or target == 0:
        return None
    if polaritas == NEGATIF:
        if rumus == "T/R":
            return None if realisasi == 0 else target / realisasi * 100
        return (2 - realisasi / target) * 100
    return realisasi / target * 100


@dataclass(frozen=True)
class Band:
    """A category: lower bound inclusive, upper bound exclusive; None is unbounded."""

    kategori: str
    lower: Decimal | None
    upper: Decimal | None

    def contains(self, value: float) -> bool:
        return (self.lower is None or value >= float(self.lower)) and (self.upper is None or value < float(self.upper))

    @property
    def label(self) -> str:
        from lkjip_xl.numbers import format_id

        if self.lower is None and self.upper is not None:
            return f"< {format_id(self.upper, 0)} %"
        if self.upper is None and self.lower is not None:
            return f"≥ {format_id(self.lower, 0)} %"
        return f"{format_id(self.lower, 0)} % ≤ c < {format_id(self.upper, 0)} %"


DEFAULT_BANDS: tuple[Band, ...] = (
    Band("Memuaskan", Decimal(100), None),
    Band("Sangat Baik", Decimal(85), Decimal(100)),
    Band("Baik", Decimal(70), Decimal(85)),
    Band("Cukup", Decimal(55), Decimal(70)),
    Band("Kurang", None, Decimal(55)),
)


def kategori(value: float | None, bands: tuple[Band, ...] | list[Band]) -> str:
    if value is None:
        return ""
    for band in bands:
        if band.contains(value):
            return band.kategori
    return ""


def band_problems(bands: list[Band]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Pairs of band positions that overlap, and pairs with a gap between them (sorted by lower bound)."""

    def lower_of(i: int) -> float:
        bound = bands[i].lower
        return float("-inf") if bound is None else float(bound)

    order = sorted(range(len(bands)), key=lower_of)
    overlaps: list[tuple[int, int]] = []
    gaps: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(order):
        upper, lower = bands[a].upper, bands[b].lower
        if upper is None or lower is None or upper > lower:
            overlaps.append((a, b))
        elif upper < lower:
            gaps.append((a, b))
    if order and bands[order[0]].lower is not None:
        gaps.append((order[0], order[0]))
    if order and bands[order[-1]].upper is not None:
        gaps.append((order[-1], order[-1]))
    return overlaps, gaps
