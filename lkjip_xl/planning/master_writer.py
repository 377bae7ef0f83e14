"""Write the master (planning) workbook from the master spec, blank or filled."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from lkjip_xl.planning.model import Master, Settings
from lkjip_xl.planning.rules import AGREGASI, DEFAULT_BANDS, POLARITAS_LABEL, RUMUS_NEGATIF
from lkjip_xl.planning.spec import INTEGER, MONEY, Column, SheetSpec, master_spec
from lkjip_xl.xlsx.formats import Formats, a4_landscape, new_workbook

PETUNJUK = [
    "PETUNJUK WORKBOOK MASTER LKjIP",
    "",
    "Workbook ini berisi data perencanaan yang ditetapkan Sekretariat sebelum bidang melapor.",
    "Lembar Instansi: nama instansi, pemerintah daerah, tahun laporan dan periode Renstra.",
    "Lembar Bidang: kode dan nama setiap bidang/UPT yang mengisi template (termasuk Sekretariat).",
    "Lembar Indikator: indikator Perjanjian Kinerja: sasaran, satuan, polaritas (positif = makin tinggi makin baik,",
    "   negatif = makin rendah makin baik, rentang = target berupa rentang Target–Target Maksimum), target tahun ini,",
    "   target akhir Renstra, agregasi triwulan, bidang pemilik; boleh juga Target Maksimum (untuk rentang),",
    "   Batas Capaian (%) (mis. 120; kosong = tanpa batas) dan Target TW I–IV.",
    "   Polaritas " + POLARITAS_LABEL["positif"] + "; " + POLARITAS_LABEL["rentang"] + ".",
    "   Agregasi " + "; ".join(AGREGASI.values()) + ". (Kolom lama 'Kumulatif' ya/tidak tetap dibaca: ya = jumlah.)",
    "Lembar Indikator Kegiatan (boleh kosong): indikator keluaran kegiatan: kode kegiatan, indikator, satuan, target.",
    "Lembar Riwayat: target, realisasi atau capaian tahun-tahun sebelumnya (untuk perbandingan dan capaian Renstra).",
    "Lembar Anggaran: DPA per kegiatan: kode dan nama program, kode dan nama kegiatan, bidang pemilik, sumber dana,",
    "   anggaran murni (DPA) dalam Rupiah bulat, dan anggaran perubahan (DPPA) bila APBD-Perubahan mengubahnya",
    "   (kosong = tidak berubah). Realisasi diperiksa terhadap anggaran yang berlaku: perubahan bila ada.",
    "   Anggaran program = jumlah anggaran kegiatannya (dihitung otomatis). Boleh juga Pagu Renstra (Rp) (anggaran",
    "   kegiatan selama periode Renstra) dan Realisasi Renstra s.d. Tahun Lalu (Rp): kolom 5 dan 6 Rp Evaluasi Renja",
    "   (kosong = belum diketahui, bukan 0).",
    "Lembar Program PK: program seperti tertulis di Perjanjian Kinerja yang ditandatangani: kode program (kosong bila",
    "   tidak ada di DPA, mis. dana APBN), nama, sumber dana, anggaran PK, sasaran yang dilayaninya; baris 'Jumlah'",
    "   (tanpa kode) = total tertulis di PK. Lembar ini boleh tidak ada.",
    "Lembar Kategori: rentang kategori capaian (batas bawah termasuk, batas atas tidak; kosong = tak terbatas).",
    "   Rentang tidak boleh tumpang tindih atau berlubang.",
    "Lembar Pengaturan: rumus indikator negatif, toleransi pembulatan persentase, dan predikat Evaluasi Renja",
    "   ('Permendagri 86/2017': ≥ 91 Sangat Tinggi, 76–90 Tinggi, 66–75 Sedang, 51–65 Rendah, ≤ 50 Sangat Rendah;",
    "   atau 'Kategori': rentang di lembar Kategori).",
    "   Rumus '2 - R/T' = " + RUMUS_NEGATIF["2 - R/T"] + "; 'T/R' = " + RUMUS_NEGATIF["T/R"] + ".",
    "",
    "Setelah diisi: 'lkjip-xl template MASTER -o FOLDER' membuat template untuk setiap bidang.",
]


def write_master(master: Master | None, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = new_workbook(path, "Master LKjIP")
    fmt = Formats(wb)
    ws = wb.add_worksheet("Petunjuk")
    ws.set_column(0, 0, 110)
    for i, line in enumerate(PETUNJUK):
        ws.write_string(i, 0, line, fmt.title if i == 0 else fmt.plain)
    specs = master_spec()
    settings = master.settings if master else Settings()
    for name, spec in specs.items():
        if spec.kind == "keyvalue":
            values = _keyvalues(name, master, settings)
            _write_keyvalue(wb.add_worksheet(name), spec, values, fmt)
        else:
            _write_table(wb.add_worksheet(name), _columns(name, spec, master), _records(name, master), fmt)
    wb.close()
    return path


# optional columns written only when some row holds a value (or in a blank master): a master made before they
# existed, and every result made from it, is written exactly as before
WHEN_FILLED = {"Anggaran": ("pagu_renstra", "realisasi_renstra_lalu")}


def _columns(name: str, spec: SheetSpec, master: Master | None) -> tuple[Column, ...]:
    optional = WHEN_FILLED.get(name, ())
    if master is None or not optional:
        return spec.columns
    records = _records(name, master)
    return tuple(c for c in spec.columns if c.key not in optional or any(r.get(c.key) is not None for r in records))


def _keyvalues(name: str, master: Master | None, settings: Settings) -> dict[str, Any]:
    if name == "Pengaturan":
        return {"rumus_negatif": settings.rumus_negatif, "toleransi": settings.toleransi, "predikat": settings.predikat}
    if master is None:
        return {}
    i = master.instansi
    return {"nama": i.nama, "pemda": i.pemda, "tahun": i.tahun, "renstra_awal": i.renstra_awal, "renstra_akhir": i.renstra_akhir}


def _records(name: str, master: Master | None) -> list[dict[str, Any]]:
    if name == "Kategori":
        bands = master.bands if master else list(DEFAULT_BANDS)
        return [{"kategori": b.kategori, "batas_bawah": b.lower, "batas_atas": b.upper} for b in bands]
    if master is None:
        return []
    if name == "Bidang":
        return [{"kode": b.kode, "nama": b.nama} for b in master.bidang]
    if name == "Indikator":
        return [
            {**vars(i), **{f"target_tw{n}": i.target_tw(n) for n in range(1, 5)}, "batas_capaian": i.batas_capaian}
            for i in master.indikator
        ]
    if name == "Indikator Kegiatan":
        return [vars(k) for k in master.indikator_kegiatan]
    if name == "Riwayat":
        return [vars(r) for r in master.riwayat]
    if name == "Program PK":
        rows = [vars(p) for p in master.program_pk]
        if master.pk_total is not None:
            rows.append({"program_nama": "Jumlah", "anggaran": master.pk_total})
        return rows
    return [vars(k) for k in master.kegiatan]


def master_rows(master: Master) -> dict[str, list[list[Any]]]:
    """Every master sheet as rows of plain values (labels, then values; None = blank): what the reader reads back."""
    out: dict[str, list[list[Any]]] = {}
    for name, spec in master_spec().items():
        if spec.kind == "keyvalue":
            values = _keyvalues(name, master, master.settings)
            out[name] = [[col.label, values.get(col.key)] for col in spec.columns]
        else:
            columns = _columns(name, spec, master)
            rows: list[list[Any]] = [[col.label for col in columns]]
            rows += [[rec.get(col.key) for col in columns] for rec in _records(name, master)]
            out[name] = rows
    return out


def _write_keyvalue(ws: Any, spec: SheetSpec, values: dict[str, Any], fmt: Formats) -> None:
    ws.set_column(0, 0, 36)
    ws.set_column(1, 1, 50)
    for r, col in enumerate(spec.columns):
        ws.write_string(r, 0, col.label, fmt.text_bold)
        _write_value(ws, r, 1, values.get(col.key), col.type, fmt)


def _write_table(ws: Any, columns: tuple[Column, ...], records: list[dict[str, Any]], fmt: Formats) -> None:
    for c, col in enumerate(columns):
        ws.set_column(c, c, col.width)
        ws.write_string(0, c, col.label, fmt.header)
    for r, rec in enumerate(records, start=1):
        for c, col in enumerate(columns):
            _write_value(ws, r, c, rec.get(col.key), col.type, fmt)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(records), 1), len(columns) - 1)
    a4_landscape(ws)


def _write_value(ws: Any, r: int, c: int, value: Any, typ: str, fmt: Formats) -> None:
    if value is None or value == "":
        ws.write_blank(r, c, None, fmt.text)
    elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        style = fmt.rupiah if typ == MONEY else fmt.integer if typ == INTEGER else fmt.dec
        ws.write_number(r, c, float(value), style)
    else:
        ws.write_string(r, c, str(value), fmt.text)
