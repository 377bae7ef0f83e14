"""Checks of the indicator rules in the master: target ranges, caps, quarterly targets, kegiatan output indicators."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from lkjip_xl.findings import Finding
from lkjip_xl.numbers import format_id
from lkjip_xl.planning.model import Indikator, Master
from lkjip_xl.planning.rules import JUMLAH, MAKSIMUM, RATA_RATA, RENTANG

# (code, message, sheet, index in that sheet's records, column key, kode, expected, actual) -> Finding
Locate = Callable[..., Finding]


def check_rules(master: Master, locate: Locate) -> list[Finding]:
    out: list[Finding] = []
    for i, ind in enumerate(master.indikator):
        out += _range(ind, i, locate)
        out += _cap(ind, i, locate)
        out += _quarters(ind, i, locate)
    kegiatan = {k.kegiatan_kode for k in master.kegiatan}
    for i, ik in enumerate(master.indikator_kegiatan):
        if ik.kegiatan_kode not in kegiatan:
            out.append(
                locate(
                    "M024",
                    f"Indikator keluaran '{ik.indikator}' menyebut kegiatan {ik.kegiatan_kode} yang tidak ada di lembar Anggaran.",
                    "Indikator Kegiatan",
                    i,
                    "kegiatan_kode",
                    ik.kegiatan_kode,
                    actual=ik.kegiatan_kode,
                )
            )
        if ik.target is None:
            out.append(
                locate(
                    "M025",
                    f"Target indikator keluaran kegiatan {ik.kegiatan_kode} belum diisi.",
                    "Indikator Kegiatan",
                    i,
                    "target",
                    ik.kegiatan_kode,
                )
            )
    return out


def _range(ind: Indikator, i: int, locate: Locate) -> list[Finding]:
    if ind.polaritas != RENTANG:
        return []
    if ind.target_maks is None:
        message = f"Indikator {ind.kode} berpolaritas rentang tanpa Target Maksimum; dihitung sebagai rentang satu titik."
        return [locate("M020", message, "Indikator", i, "target_maks", ind.kode)]
    if ind.target is not None and ind.target_maks < ind.target:
        return [
            locate(
                "M020",
                f"Target Maksimum indikator {ind.kode} lebih kecil dari Target (batas bawah rentang).",
                "Indikator",
                i,
                "target_maks",
                ind.kode,
                expected=f"≥ {format_id(ind.target)}",
                actual=format_id(ind.target_maks),
            )
        ]
    return []


def _cap(ind: Indikator, i: int, locate: Locate) -> list[Finding]:
    if ind.batas_capaian is None or ind.batas_capaian >= 100:
        return []
    return [
        locate(
            "M023",
            f"Batas capaian indikator {ind.kode} {format_id(ind.batas_capaian)} % di bawah 100 %.",
            "Indikator",
            i,
            "batas_capaian",
            ind.kode,
            expected="≥ 100 atau kosong",
            actual=format_id(ind.batas_capaian),
        )
    ]


def _quarters(ind: Indikator, i: int, locate: Locate) -> list[Finding]:
    """Quarterly targets, when given, are all four and add up to the yearly target by the indicator's rule."""
    given = [t for t in ind.target_triwulan if t is not None]
    if not given:
        return []
    if len(given) < 4:
        message = f"Target triwulan indikator {ind.kode} hanya terisi {len(given)} dari 4."
        return [locate("M021", message, "Indikator", i, "target_tw1", ind.kode)]
    if ind.target is None:
        return []
    year = _year_of(given, ind.agregasi)
    if abs(year - ind.target) <= Decimal("0.005"):
        return []
    return [
        locate(
            "M021",
            f"Target triwulan indikator {ind.kode} menurut agregasi '{ind.agregasi}' = {format_id(year)}, "
            f"berbeda dengan target tahun {format_id(ind.target)}.",
            "Indikator",
            i,
            "target_tw4",
            ind.kode,
            expected=format_id(ind.target),
            actual=format_id(year),
        )
    ]


def _year_of(values: list[Decimal], agregasi: str) -> Decimal:
    if agregasi == JUMLAH:
        return sum(values, Decimal(0))
    if agregasi == RATA_RATA:
        return sum(values, Decimal(0)) / len(values)
    if agregasi == MAKSIMUM:
        return max(values)
    return values[-1]
