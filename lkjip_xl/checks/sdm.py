"""Checks of the staff figures (SDM, Bab I): each typed Jumlah against its rows, the three breakdowns alike."""

from __future__ import annotations

from collections import Counter
from typing import Any

from lkjip_xl.findings import Finding, a1
from lkjip_xl.intake.sdm import SdmEntry, SdmSheet, read_sdm
from lkjip_xl.numbers import format_id
from lkjip_xl.planning.model import Master
from lkjip_xl.planning.spec import SDM_GROUPS, SDM_TITLES


def check_sdm(files: list[Any], master: Master) -> tuple[SdmSheet | None, list[Finding]]:
    """The Sekretariat file's SDM sheet (None when no such file is checked) and its findings S001–S006."""
    from lkjip_xl.planning.sdm_template import sdm_bidang

    owner = sdm_bidang(master)
    mine = [f for f in files if owner is not None and f.bidang == owner.kode]
    if not mine:
        return None, []
    f = mine[0]
    sheet = read_sdm(f.path, f.name, f.bidang)
    if sheet is None:
        message = "Berkas Sekretariat tidak memuat lembar SDM; rincian pegawai Bab I tidak dapat diperiksa."
        return None, [Finding.make("S005", message, file=f.name, sheet="SDM", bidang=f.bidang)]
    return sheet, sheet.findings + sdm_findings(sheet)


def groups(sheet: SdmSheet) -> dict[str, tuple[list[SdmEntry], SdmEntry | None]]:
    """Per breakdown: its rows and its typed Jumlah row (the first one)."""
    out: dict[str, tuple[list[SdmEntry], SdmEntry | None]] = {}
    for g in SDM_GROUPS:
        rows = [e for e in sheet.entries if e.group == g and not e.total]
        total = next((e for e in sheet.entries if e.group == g and e.total), None)
        if rows or total:
            out[g] = (rows, total)
    return out


def sdm_findings(sheet: SdmSheet) -> list[Finding]:
    out: list[Finding] = []

    def add(code: str, message: str, row: int, kode: str, **kw: str) -> None:
        cell = a1(row, sheet.jumlah_col) if row else ""
        out.append(
            Finding.make(code, message, file=sheet.file, sheet=sheet.sheet, cell=cell, kode=kode, bidang=sheet.bidang, **kw)
        )

    by_group = groups(sheet)
    counted: dict[str, int] = {}
    for g in SDM_GROUPS:
        if g not in by_group:
            add("S003", f"Rincian menurut {SDM_TITLES[g]} tidak ada di lembar SDM.", 0, SDM_TITLES[g])
            continue
        rows, total = by_group[g]
        for e in rows:
            if e.jumlah is None:
                add("S006", f"Jumlah pegawai '{e.uraian}' kosong.", e.row, e.uraian)
            elif e.jumlah < 0:
                add("S004", f"Jumlah pegawai '{e.uraian}' negatif.", e.row, e.uraian, actual=format_id(e.jumlah))
        counted[g] = sum(e.jumlah or 0 for e in rows)
        if total is None or total.jumlah is None:
            last = rows[-1].row + 1 if rows else 0
            add("S003", f"Rincian menurut {SDM_TITLES[g]} tanpa baris Jumlah yang diisi.", total.row if total else last, "Jumlah")
        elif total.jumlah != counted[g]:
            add(
                "S001",
                f"Jumlah menurut {SDM_TITLES[g]} tertulis {format_id(total.jumlah)} orang, jumlah barisnya "
                f"{format_id(counted[g])} orang.",
                total.row,
                "Jumlah",
                expected=format_id(counted[g]),
                actual=format_id(total.jumlah),
            )
    if len(set(counted.values())) > 1:
        # the breakdown that disagrees with the others is the one to look at (the first one when all differ)
        common = Counter(counted.values()).most_common()
        reference = common[0][0] if common[0][1] > 1 else next(iter(counted.values()))
        shown = "; ".join(f"{SDM_TITLES[g]} {format_id(n)}" for g, n in counted.items())
        for g, n in counted.items():
            if n != reference:
                rows, total = by_group[g]
                row = total.row if total else rows[-1].row
                add(
                    "S002",
                    f"Rincian pegawai tidak menghitung orang yang sama: {shown} orang.",
                    row,
                    SDM_TITLES[g],
                    expected=format_id(reference),
                    actual=format_id(n),
                )
    return out
