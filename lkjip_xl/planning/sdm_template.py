"""The SDM sheet (Bab I staff figures) of the Sekretariat's template: three breakdowns, each with a typed Jumlah."""

from __future__ import annotations

from typing import Any

from lkjip_xl.planning.model import Bidang, Master
from lkjip_xl.planning.spec import SDM_GROUPS, SDM_TITLES, BidangSpec
from lkjip_xl.xlsx.formats import Formats

JUMLAH = "Jumlah"


def sdm_bidang(master: Master) -> Bidang | None:
    """The bidang whose template carries the SDM sheet: the Sekretariat (name or kode), or None (no SDM sheet)."""
    from lkjip_xl.planning.spec import bidang_spec

    word = bidang_spec().sdm_rows.bidang.lower()
    for b in master.bidang:
        if word in b.nama.lower() or word in b.kode.lower():
            return b
    return None


def write_sdm(ws: Any, spec: BidangSpec, fmt: Formats, header: Any) -> None:
    """Header, then per breakdown its default rows (counts to type) and a Jumlah row (the total to type)."""
    sheet = spec.sdm
    header(ws, sheet, fmt)
    col = {c.key: i for i, c in enumerate(sheet.columns)}
    r = 1
    count_rows: list[int] = []
    for group in SDM_GROUPS:
        for label in (*spec.sdm_rows.rows[group], JUMLAH):
            total = label == JUMLAH
            ws.write_string(r, col["kelompok"], SDM_TITLES[group], fmt.locked_bold if total else fmt.locked_text)
            ws.write_string(r, col["uraian"], label, fmt.locked_bold if total else fmt.input_text)
            ws.write_blank(r, col["jumlah"], None, fmt.input_rupiah)
            count_rows.append(r)
            r += 1
    ws.data_validation(
        1,
        col["jumlah"],
        r - 1,
        col["jumlah"],
        {
            "validate": "integer",
            "criteria": ">=",
            "value": 0,
            "input_title": "Jumlah (orang)",
            "input_message": "Ketik bilangan bulat ≥ 0 (0 bila tidak ada).",
            "error_title": "Nilai tidak valid",
            "error_message": "Jumlah pegawai harus bilangan bulat 0 atau lebih.",
        },
    )
