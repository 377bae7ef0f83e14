"""Capaian of an indicator by polarity (positif, negatif, rentang) and cap, quarters added up by agregasi, and bands."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

POSITIF, NEGATIF, RENTANG = "positif", "negatif", "rentang"
POLARITAS = (POSITIF, NEGATIF, RENTANG)

# How a year (or the quarters up to N) is made of its quarters (domain.md §6). Stored per indicator.
JUMLAH, NILAI_AKHIR, RATA_RATA, MAKSIMUM = "jumlah", "nilai akhir", "rata-rata", "maksimum"
AGREGASI: dict[str, str] = {
    JUMLAH: "jumlah: realisasi tahun = TW I + TW II + TW III + TW IV (kumulatif)",
    NILAI_AKHIR: "nilai akhir: realisasi tahun = nilai triwulan terakhir (tingkat, rasio, indeks)",
    RATA_RATA: "rata-rata: realisasi tahun = rata-rata nilai triwulan",
    MAKSIMUM: "maksimum: realisasi tahun = nilai triwulan terbesar",
}
POLARITAS_LABEL: dict[str, str] = {
    POSITIF: "positif: Realisasi/Target × 100",
    RENTANG: (
        "rentang: di dalam Target–Target Maksimum = 100; di bawah: Realisasi/Target × 100; "
        "di atas: (2 − Realisasi/Target Maksimum) × 100"
    ),
}

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
    if t in {"rentang", "range", "stabil", "kisaran"}:
        return RENTANG
    return None


def normalise_agregasi(text: str) -> str | None:
    t = " ".join(str(text).strip().lower().replace("_", " ").split())
    if t in {"jumlah", "kumulatif", "sum", "total", "ya", "y"}:
        return JUMLAH
    if t in {"nilai akhir", "akhir", "terakhir", "last", "tingkat", "tidak", "t"}:
        return NILAI_AKHIR
    if t in {"rata-rata", "rata rata", "ratarata", "rerata", "average", "mean"}:
        return RATA_RATA
    if t in {"maksimum", "maks", "max", "maximum", "tertinggi", "terbesar"}:
        return MAKSIMUM
    return None


def capaian_uncapped(
    target: float | None, realisasi: float | None, polaritas: str, rumus: str, target_maks: float | None = None
) -> float | None:
    """Capaian in percent units before any cap, or None when it cannot be computed (blank, target 0).

    rentang (target range Target..Target Maksimum): inside = 100; below the lower bound L: R/L × 100; above the
    upper bound U: (2 − R/U) × 100, i.e. 100 minus the distance to the nearest bound in percent of that bound.
    """
    if target is None or realisasi is None:
        return None
    if polaritas == RENTANG:
        upper = target if target_maks is None else target_maks
        if realisasi < target:
            return None if target == 0 else realisasi / target * 100
        if realisasi > upper:
            return None if upper == 0 else (2 - realisasi / upper) * 100
        return 100.0
    if target == 0:
        return None
    if polaritas == NEGATIF:
        if rumus == "T/R":
            return None if realisasi == 0 else target / realisasi * 100
        return (2 - realisasi / target) * 100
    return realisasi / target * 100


def capaian(
    target: float | None,
    realisasi: float | None,
    polaritas: str,
    rumus: str,
    target_maks: float | None = None,
    batas: float | None = None,
) -> float | None:
    """Capaian in percent units, capped at `batas` (None: no cap); None when it cannot be computed."""
    value = capaian_uncapped(target, realisasi, polaritas, rumus, target_maks)
    if value is None or batas is None:
        return value
    return min(value, batas)


def aggregate(values: list[float | None], agregasi: str) -> float | None:
    """The realisasi of quarters 1..N (`values`, in order) by the indicator's rule; None when any of them is blank
    (a blank quarter is never read as 0, and the rule cannot be applied to part of the quarters)."""
    if not values or any(v is None for v in values):
        return None
    known = [float(v) for v in values if v is not None]
    if agregasi == JUMLAH:
        return sum(known)
    if agregasi == RATA_RATA:
        return sum(known) / len(known)
    if agregasi == MAKSIMUM:
        return max(known)
    return known[-1]


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


# Predikat of the Renja evaluation (Permendagri 86/2017): ≥ 91 Sangat Tinggi, 76–90 Tinggi, 66–75 Sedang,
# 51–65 Rendah, ≤ 50 Sangat Rendah, as bands without gaps (lower bound inclusive).
PERMENDAGRI_86_BANDS: tuple[Band, ...] = (
    Band("Sangat Tinggi", Decimal(91), None),
    Band("Tinggi", Decimal(76), Decimal(91)),
    Band("Sedang", Decimal(66), Decimal(76)),
    Band("Rendah", Decimal(51), Decimal(66)),
    Band("Sangat Rendah", None, Decimal(51)),
)
PREDIKAT_PERMENDAGRI, PREDIKAT_KATEGORI = "Permendagri 86/2017", "Kategori"


def normalise_predikat(text: str) -> str | None:
    t = "".join(str(text).lower().split())
    if t in {"", "permendagri86/2017", "permendagri86", "permendagri", "86/2017"}:
        return PREDIKAT_PERMENDAGRI
    if t in {"kategori", "master", "lembarkategori"}:
        return PREDIKAT_KATEGORI
    return None


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
