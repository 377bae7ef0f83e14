"""Planning data → one bidang template per bidang (layout from schemas/bidang.toml)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lkjip_xl.findings import a1, col_letter
from lkjip_xl.planning.model import Bidang, Indikator, Master, Program
from lkjip_xl.planning.rules import NEGATIF, RENTANG
from lkjip_xl.planning.sdm_template import sdm_bidang, write_sdm
from lkjip_xl.planning.spec import BidangSpec, SheetSpec, bidang_spec
from lkjip_xl.xlsx.formats import LINE_HEIGHT, Formats, a4_landscape, new_workbook, wrapped_lines

META_KEYS = (
    ("instansi", "Instansi"),
    ("pemda", "Pemerintah Daerah"),
    ("tahun", "Tahun"),
    ("bidang_kode", "Kode Bidang"),
    ("bidang_nama", "Nama Bidang"),
    ("template_version", "Versi Template"),
)


def template_filename(master: Master, bidang: Bidang) -> str:
    """LKjIP_2017_IND_Bidang_Industri.xlsx: a name every file system takes (a kode such as 'HI/SK' or 'K:1'
    would otherwise name a folder, or a file Windows refuses)."""
    kode = re.sub(r"[^A-Za-z0-9.-]+", "-", bidang.kode).strip("-.") or "bidang"
    slug = re.sub(r"[^A-Za-z0-9]+", "_", bidang.nama).strip("_")
    return f"LKjIP_{master.instansi.tahun}_{kode}_{slug}.xlsx"


def write_templates(master: Master, out_dir: Path) -> list[Path]:
    """One workbook per bidang, pre-filled with that bidang's indicators and kegiatan only."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_template(master, b, out_dir / template_filename(master, b)) for b in master.bidang]


def write_template(master: Master, bidang: Bidang, path: Path) -> Path:
    spec = bidang_spec()
    wb = new_workbook(path, f"Template LKjIP {master.instansi.tahun} {bidang.nama}")
    fmt = Formats(wb)
    with_sdm = sdm_bidang(master) == bidang  # the Sekretariat's template also carries the staff figures
    _petunjuk(wb.add_worksheet(spec.instructions_sheet), master, bidang, spec, fmt, with_sdm)
    _kinerja(wb.add_worksheet(spec.kinerja.name), spec.kinerja, master.indikator_of(bidang.kode), master, fmt)
    _anggaran(wb.add_worksheet(spec.anggaran.name), spec.anggaran, master.programs(bidang.kode), fmt)
    if with_sdm:
        write_sdm(wb.add_worksheet(spec.sdm.name), spec, fmt, _header)
    _meta(wb.add_worksheet(spec.metadata_sheet), master, bidang, spec, fmt)
    wb.close()
    return path


def _header(ws: Any, sheet: SheetSpec, fmt: Formats) -> None:
    for c, col in enumerate(sheet.columns):
        ws.set_column(c, c, col.width)
        ws.write_string(0, c, col.label, fmt.header)
        if col.note:
            ws.write_comment(0, c, col.note, {"x_scale": 2, "y_scale": 1.2})
    ws.set_row(0, 30)
    ws.freeze_panes(1, 0)
    a4_landscape(ws)
    ws.protect(
        "",
        {
            "format_columns": True,
            "format_rows": True,
            "select_locked_cells": True,
            "select_unlocked_cells": True,
            "autofilter": True,
        },
    )


def _fit_row(ws: Any, sheet: SheetSpec, r: int, texts: dict[str, str], bold: bool = False) -> None:
    """Set the height a row's wrapped text needs: LibreOffice does not refit rows when it opens a file."""
    lines = max((wrapped_lines(text, sheet.column(key).width, bold) for key, text in texts.items()), default=1)
    if lines > 1:
        ws.set_row(r, lines * LINE_HEIGHT)


def _validation(ws: Any, first: int, last: int, col: int, label: str) -> None:
    if last < first:
        return
    ws.data_validation(
        first,
        col,
        last,
        col,
        {
            "validate": "decimal",
            "criteria": ">=",
            "value": 0,
            "input_title": label,
            "input_message": "Ketik angka ≥ 0, tanpa titik ribuan atau satuan.",
            "error_title": "Nilai tidak valid",
            "error_message": f"{label} harus angka 0 atau lebih.",
        },
    )


def _number(value: float) -> str:
    """A constant inside a formula: Excel's own spelling (dot decimal, no exponent for ordinary values)."""
    from decimal import Decimal

    text = format(Decimal(repr(value)).normalize(), "f")
    return text


def capaian_formula(
    target: str, realisasi: str, polaritas: str, rumus: str, target_maks: float | None = None, batas: float | None = None
) -> str:
    """The live Capaian (%) formula for one row (rules.capaian in Excel); blank while an input is missing.

    A range's upper bound and a cap are constants of the master, written into the locked formula."""
    if polaritas == RENTANG:
        upper = target if target_maks is None else _number(target_maks)
        return (
            f'=IF(OR({target}="",{realisasi}=""),"",IF({realisasi}<{target},IF({target}=0,"",{realisasi}/{target}*100),'
            f'IF({realisasi}>{upper},IF({upper}=0,"",(2-{realisasi}/{upper})*100),100)))'
        )
    guard = f'OR({target}="",{realisasi}="",{target}=0'
    if polaritas == NEGATIF and rumus == "T/R":
        guard, value = f"{guard},{realisasi}=0)", f"{target}/{realisasi}*100"
    elif polaritas == NEGATIF:
        guard, value = f"{guard})", f"(2-{realisasi}/{target})*100"
    else:
        guard, value = f"{guard})", f"{realisasi}/{target}*100"
    if batas is not None:
        value = f"MIN({_number(batas)},{value})"
    return f'=IF({guard},"",{value})'


def _kinerja(ws: Any, sheet: SheetSpec, rows: list[Indikator], master: Master, fmt: Formats) -> None:
    _header(ws, sheet, fmt)
    col = {c.key: i for i, c in enumerate(sheet.columns)}
    for r, ind in enumerate(rows, start=1):
        ws.write_string(r, col["kode"], ind.kode, fmt.locked_text)
        ws.write_string(r, col["sasaran"], ind.sasaran, fmt.locked_text)
        ws.write_string(r, col["indikator"], ind.indikator, fmt.locked_text)
        ws.write_string(r, col["satuan"], ind.satuan, fmt.locked_text)
        if ind.target is None:
            ws.write_blank(r, col["target"], None, fmt.locked_dec)
        else:
            ws.write_number(r, col["target"], float(ind.target), fmt.locked_dec)
        ws.write_blank(r, col["realisasi"], None, fmt.input_dec)
        t, re_ = a1(r + 1, col["target"]), a1(r + 1, col["realisasi"])
        maks = None if ind.target_maks is None else float(ind.target_maks)
        batas = None if ind.batas_capaian is None else float(ind.batas_capaian)
        formula = capaian_formula(t, re_, ind.polaritas, master.settings.rumus_negatif, maks, batas)
        ws.write_formula(r, col["capaian"], formula, fmt.formula_pct, "")
        for key in ("keterangan", "faktor_pendorong", "faktor_penghambat", "upaya"):
            ws.write_blank(r, col[key], None, fmt.input_text)
        _fit_row(ws, sheet, r, {"sasaran": ind.sasaran, "indikator": ind.indikator})
    _validation(ws, 1, len(rows), col["realisasi"], "Realisasi")


def percent_formula(anggaran: str, realisasi: str) -> str:
    return f'=IF(OR({anggaran}="",{realisasi}="",{anggaran}=0),"",{realisasi}/{anggaran}*100)'


def _anggaran(ws: Any, sheet: SheetSpec, programs: list[Program], fmt: Formats) -> None:
    _header(ws, sheet, fmt)
    col = {c.key: i for i, c in enumerate(sheet.columns)}
    r = 1
    kegiatan_rows: list[int] = []
    for prog in programs:
        first, last = r + 1, r + len(prog.kegiatan)
        _row_text(ws, r, col, prog.kode, prog.nama, prog.sumber_dana, fmt.locked_bold)
        _fit_row(ws, sheet, r, {"nama": prog.nama, "sumber_dana": prog.sumber_dana}, bold=True)
        for key, cached in (("anggaran", prog.anggaran), ("realisasi", 0)):
            letter = col_letter(col[key])
            ws.write_formula(r, col[key], f"=SUM({letter}{first + 1}:{letter}{last + 1})", fmt.formula_rupiah_bold, cached)
        ws.write_formula(
            r, col["persen"], percent_formula(a1(r + 1, col["anggaran"]), a1(r + 1, col["realisasi"])), fmt.formula_pct_bold, ""
        )
        ws.write_blank(r, col["keterangan"], None, fmt.input_text)
        for keg in prog.kegiatan:
            r += 1
            kegiatan_rows.append(r)
            _row_text(ws, r, col, keg.kegiatan_kode, keg.kegiatan_nama, keg.sumber_dana, fmt.locked_text)
            _fit_row(ws, sheet, r, {"nama": keg.kegiatan_nama})
            if keg.anggaran_final is None:  # the budget in force: DPPA where the APBD-Perubahan changed it
                ws.write_blank(r, col["anggaran"], None, fmt.locked_rupiah)
            else:
                ws.write_number(r, col["anggaran"], keg.anggaran_final, fmt.locked_rupiah)
            ws.write_blank(r, col["realisasi"], None, fmt.input_rupiah)
            ws.write_formula(
                r, col["persen"], percent_formula(a1(r + 1, col["anggaran"]), a1(r + 1, col["realisasi"])), fmt.formula_pct, ""
            )
            ws.write_blank(r, col["keterangan"], None, fmt.input_text)
        r += 1
    for kr in kegiatan_rows:
        _validation(ws, kr, kr, col["realisasi"], "Realisasi (Rp)")


def _row_text(ws: Any, r: int, col: dict[str, int], kode: str, nama: str, sumber: str, style: Any) -> None:
    ws.write_string(r, col["kode"], kode, style)
    ws.write_string(r, col["nama"], nama, style)
    ws.write_string(r, col["sumber_dana"], sumber, style)


def _petunjuk(ws: Any, master: Master, bidang: Bidang, spec: BidangSpec, fmt: Formats, sdm: bool = False) -> None:
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 100)
    i = master.instansi
    lines: list[tuple[str, str]] = [
        (f"TEMPLATE LKjIP {i.tahun}", ""),
        ("Instansi", f"{i.nama} {i.pemda}"),
        ("Bidang", f"{bidang.nama} ({bidang.kode})"),
        ("", ""),
        ("Cara mengisi", "Isi hanya sel berwarna kuning. Sel abu-abu (data perencanaan) dan hijau (rumus) dikunci."),
        ("", "Angka diketik tanpa titik ribuan, 'Rp' atau satuan. Kosong tidak sama dengan 0: ketik 0 bila memang nol."),
        ("", "Kolom persen dalam satuan persen: 55,35 berarti 55,35 % (jangan ketik tanda %)."),
        ("", "Jangan menambah, menghapus atau mengganti kode baris. Simpan sebagai .xlsx lalu kirim ke Sekretariat."),
        ("Anggaran", f"Kolom Anggaran (Rp) memuat anggaran yang berlaku: {master.anggaran_basis}."),
        ("", ""),
    ]
    for sheet in (spec.kinerja, spec.anggaran, *((spec.sdm,) if sdm else ())):
        lines.append((f"Lembar {sheet.name}", ""))
        lines.extend((c.label, c.note) for c in sheet.columns)
        lines.append(("", ""))
    write_instructions(ws, lines, fmt)


def write_instructions(ws: Any, lines: list[tuple[str, str]], fmt: Formats) -> None:
    """A Petunjuk sheet: (label, text) lines, the first as its title, printed A4 and protected."""
    for r, (a, b) in enumerate(lines):
        ws.write_string(r, 0, a, fmt.title if r == 0 else fmt.plain_bold)
        ws.write_string(r, 1, b, fmt.plain)
        if wrapped_lines(b, 100) > 1:
            ws.set_row(r, wrapped_lines(b, 100) * LINE_HEIGHT)
    a4_landscape(ws, header_rows=None)
    ws.protect("", {"select_locked_cells": True})


def _meta(ws: Any, master: Master, bidang: Bidang, spec: BidangSpec, fmt: Formats) -> None:
    write_meta(ws, master, bidang, spec.template_version, fmt)


def write_meta(
    ws: Any, master: Master, bidang: Bidang, version: str, fmt: Formats, extra: tuple[tuple[str, str], ...] = ()
) -> None:
    """The hidden _meta sheet that says which instansi, year and bidang a template is for (plus `extra` rows)."""
    values = {
        "instansi": master.instansi.nama,
        "pemda": master.instansi.pemda,
        "tahun": str(master.instansi.tahun),
        "bidang_kode": bidang.kode,
        "bidang_nama": bidang.nama,
        "template_version": version,
    }
    ws.set_column(0, 1, 30)
    rows = [(label, values[key]) for key, label in META_KEYS] + list(extra)
    for r, (label, value) in enumerate(rows):
        ws.write_string(r, 0, label, fmt.plain_bold)
        ws.write_string(r, 1, value, fmt.plain)
    ws.protect("", {})
    ws.hide()


__all__ = ["capaian_formula", "template_filename", "write_template", "write_templates"]
