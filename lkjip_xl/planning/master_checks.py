"""Checks of the planning data: bands, polarity, ownership, duplicate codes, missing targets and anggaran."""

from __future__ import annotations

from collections import Counter

from lkjip_xl.findings import Finding, a1
from lkjip_xl.numbers import format_id
from lkjip_xl.planning.model import Master
from lkjip_xl.planning.rule_checks import check_rules
from lkjip_xl.planning.rules import POLARITAS, band_problems

# sheet -> (column key -> 0-based column, Excel row of each record in master order)
Where = dict[str, tuple[dict[str, int], list[int]]]


class _Locator:
    def __init__(self, file: str, where: Where) -> None:
        self.file, self.where = file, where

    def cell(self, sheet: str, index: int, key: str) -> str:
        columns, rows = self.where.get(sheet, ({}, []))
        if index >= len(rows) or key not in columns:
            return ""
        return a1(rows[index], columns[key])

    def finding(self, code: str, message: str, sheet: str, index: int, key: str, kode: str = "", **kw: str) -> Finding:
        return Finding.make(code, message, file=self.file, sheet=sheet, cell=self.cell(sheet, index, key), kode=kode, **kw)


def check_master(master: Master, where: Where | None = None) -> list[Finding]:
    loc = _Locator(master.file, where or {})
    out: list[Finding] = []
    out += _bands(master, loc)
    out += _duplicates(master, loc)
    known = {b.kode for b in master.bidang}
    for i, ind in enumerate(master.indikator):
        if ind.polaritas not in POLARITAS:
            out.append(
                loc.finding(
                    "M003",
                    f"Polaritas '{ind.polaritas}' indikator {ind.kode} tidak dikenal.",
                    "Indikator",
                    i,
                    "polaritas",
                    ind.kode,
                    actual=ind.polaritas,
                    expected="positif / negatif / rentang",
                )
            )
        if ind.bidang not in known:
            out.append(
                loc.finding(
                    "M004",
                    f"Indikator {ind.kode} dimiliki bidang '{ind.bidang}' yang tidak terdaftar.",
                    "Indikator",
                    i,
                    "bidang",
                    ind.kode,
                    actual=ind.bidang,
                )
            )
        if ind.target is None:
            out.append(loc.finding("M006", f"Target indikator {ind.kode} belum diisi.", "Indikator", i, "target", ind.kode))
    for i, keg in enumerate(master.kegiatan):
        if keg.bidang not in known:
            out.append(
                loc.finding(
                    "M004",
                    f"Kegiatan {keg.kegiatan_kode} dimiliki bidang '{keg.bidang}' yang tidak terdaftar.",
                    "Anggaran",
                    i,
                    "bidang",
                    keg.kegiatan_kode,
                    actual=keg.bidang,
                )
            )
        if keg.anggaran is None or keg.anggaran < 0:
            out.append(
                loc.finding(
                    "M010",
                    f"Anggaran kegiatan {keg.kegiatan_kode} kosong atau negatif.",
                    "Anggaran",
                    i,
                    "anggaran",
                    keg.kegiatan_kode,
                    actual=format_id(keg.anggaran),
                )
            )
        if keg.anggaran_perubahan is not None and keg.anggaran_perubahan < 0:
            out.append(
                loc.finding(
                    "M013",
                    f"Anggaran perubahan kegiatan {keg.kegiatan_kode} negatif.",
                    "Anggaran",
                    i,
                    "anggaran_perubahan",
                    keg.kegiatan_kode,
                    actual=format_id(keg.anggaran_perubahan),
                )
            )
        for key, value in (("pagu_renstra", keg.pagu_renstra), ("realisasi_renstra_lalu", keg.realisasi_renstra_lalu)):
            if value is not None and value < 0:
                label = "Pagu Renstra" if key == "pagu_renstra" else "Realisasi Renstra s.d. tahun lalu"
                out.append(
                    loc.finding(
                        "M017",
                        f"{label} kegiatan {keg.kegiatan_kode} negatif.",
                        "Anggaran",
                        i,
                        key,
                        keg.kegiatan_kode,
                        actual=format_id(value),
                    )
                )
        if not keg.program_kode:
            out.append(
                loc.finding(
                    "M009",
                    f"Kegiatan {keg.kegiatan_kode} tidak punya kode program.",
                    "Anggaran",
                    i,
                    "program_kode",
                    keg.kegiatan_kode,
                )
            )
    out += check_rules(master, loc.finding)
    return out


def _bands(master: Master, loc: _Locator) -> list[Finding]:
    out: list[Finding] = []
    if not master.bands:
        return [
            Finding.make(
                "M002", "Lembar Kategori kosong: tidak ada indikator yang dapat dikategorikan.", file=loc.file, sheet="Kategori"
            )
        ]
    overlaps, gaps = band_problems(master.bands)
    for a, b in overlaps:
        out.append(
            loc.finding(
                "M001",
                f"Kategori '{master.bands[a].kategori}' dan '{master.bands[b].kategori}' tumpang tindih.",
                "Kategori",
                b,
                "batas_bawah",
                master.bands[b].kategori,
            )
        )
    for a, b in gaps:
        if a == b:
            msg = f"Kategori '{master.bands[a].kategori}' harus terbuka di ujung (kosongkan batasnya) agar semua nilai tercakup."
        else:
            msg = f"Ada celah antara kategori '{master.bands[a].kategori}' dan '{master.bands[b].kategori}'."
        out.append(loc.finding("M002", msg, "Kategori", b, "batas_bawah", master.bands[b].kategori))
    return out


def _duplicates(master: Master, loc: _Locator) -> list[Finding]:
    out: list[Finding] = []
    for sheet, key, codes in (
        ("Bidang", "kode", [b.kode for b in master.bidang]),
        ("Indikator", "kode", [i.kode for i in master.indikator]),
        ("Anggaran", "kegiatan_kode", [k.kegiatan_kode for k in master.kegiatan]),
    ):
        seen: Counter[str] = Counter()
        for i, code in enumerate(codes):
            seen[code] += 1
            if seen[code] >= 2:
                out.append(loc.finding("M005", f"Kode '{code}' muncul lebih dari sekali di lembar {sheet}.", sheet, i, key, code))
    programs = {k.program_kode for k in master.kegiatan}
    for i, keg in enumerate(master.kegiatan):
        if keg.kegiatan_kode in programs:
            out.append(
                loc.finding(
                    "M005",
                    f"Kode kegiatan '{keg.kegiatan_kode}' sama dengan kode sebuah program.",
                    "Anggaran",
                    i,
                    "kegiatan_kode",
                    keg.kegiatan_kode,
                )
            )
    names: dict[str, str] = {}
    for i, keg in enumerate(master.kegiatan):
        if names.setdefault(keg.program_kode, keg.program_nama) != keg.program_nama:
            out.append(
                loc.finding(
                    "M005",
                    f"Program '{keg.program_kode}' tertulis dengan dua nama berbeda.",
                    "Anggaran",
                    i,
                    "program_nama",
                    keg.program_kode,
                    expected=names[keg.program_kode],
                    actual=keg.program_nama,
                )
            )
    return out
