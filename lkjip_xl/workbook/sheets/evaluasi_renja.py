"""Evaluasi Renja (Permendagri 86/2017, form E.81), in every quarterly result: the column numbers of the form,
live formulas with their cached values (12 = 8+9+10+11 for jumlah, 13 = 12/7×100, 14 = 6+12, 15 = 14/5×100),
program rows totalling their kegiatan, and a footer with the average capaian, its predikat and the faktor texts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lkjip_xl.consolidate.tables import Consolidated
from lkjip_xl.consolidate.triwulan import keluaran_rows
from lkjip_xl.findings import col_letter
from lkjip_xl.planning.model import Master
from lkjip_xl.planning.rules import AGREGASI, JUMLAH, MAKSIMUM, NILAI_AKHIR, RATA_RATA, Band, aggregate, capaian, kategori
from lkjip_xl.planning.templates import capaian_formula, percent_formula
from lkjip_xl.planning.triwulan import INDIKATOR, KEGIATAN, KELUARAN, roman
from lkjip_xl.workbook.formats import ReportFormats
from lkjip_xl.xlsx.formats import LINE_HEIGHT, a4_landscape, wrapped_lines

SHEET = "Evaluasi Renja"
HEADER, FIRST = 3, 6  # rows 4-6 (0-based 3-5): labels, K/Rp, column numbers; data from row 7 (0-based 6)
PAIRS = (
    (5, "Target Renstra pada akhir periode"),
    (6, "Realisasi capaian kinerja Renstra s.d. tahun lalu"),
    (7, "Target kinerja dan anggaran Renja tahun berjalan"),
    (8, "Realisasi Triwulan I"),
    (9, "Realisasi Triwulan II"),
    (10, "Realisasi Triwulan III"),
    (11, "Realisasi Triwulan IV"),
    (12, "Realisasi capaian kinerja dan anggaran Renja tahun berjalan"),
    (13, "Tingkat capaian kinerja dan realisasi anggaran Renja (%)"),
    (14, "Realisasi kinerja dan anggaran Renstra s.d. tahun berjalan"),
    (15, "Tingkat capaian kinerja dan realisasi anggaran Renstra s.d. tahun berjalan (%)"),
)
LEVEL_COL = 4 + 2 * len(PAIRS) + 2  # hidden helper column: row level (indikator / program / kegiatan)


def k_col(number: int) -> int:
    """0-based column of the K (kinerja) half of form column `number` (5..15); Rp is the next one."""
    return 4 + 2 * (number - 5)


@dataclass
class _Row:
    level: str  # indikator | program | kegiatan
    sasaran: str = ""
    kode: str = ""
    nama: str = ""
    indikator: str = ""
    polaritas: str = "positif"
    agregasi: str = JUMLAH
    maks: float | None = None
    batas: float | None = None
    k5: float | None = None
    k6: float | None = None
    years: int = 0  # earlier Renstra years in k6 (rata-rata)
    k7: float | None = None
    rp5: int | None = None  # Pagu Renstra (master Anggaran)
    rp6: int | None = None  # Realisasi Renstra s.d. tahun lalu (master Anggaran)
    rp7: int | None = None
    k_tw: tuple[float | None, ...] = (None, None, None, None)
    rp_tw: tuple[float | None, ...] = (None, None, None, None)
    unit: str = ""
    keterangan: str = ""
    children: list[int] = field(default_factory=list)  # sheet rows of a program's kegiatan


def _renstra_before(master: Master, kode: str, agregasi: str) -> tuple[float | None, int]:
    """(6): realisasi of the Renstra years before this one by agregasi, and how many years it holds."""
    inst = master.instansi
    values = [
        float(h.realisasi)
        for h in sorted(master.riwayat, key=lambda h: h.tahun)
        if h.kode == kode and inst.renstra_awal <= h.tahun < inst.tahun and h.realisasi is not None
    ]
    if not values:
        return None, 0
    if agregasi == JUMLAH:
        return sum(values), len(values)
    if agregasi == MAKSIMUM:
        return max(values), len(values)
    if agregasi == RATA_RATA:
        return sum(values) / len(values), len(values)
    return values[-1], len(values)


def _rows(c: Consolidated) -> list[_Row]:
    master, tw = c.master, c.triwulan
    names = master.bidang_by_kode()
    by_kode = {r.kode: r for r in c.kinerja}
    rows: list[_Row] = []
    shown = ""
    for ind in master.indikator:
        k6, years = _renstra_before(master, ind.kode, ind.agregasi)
        first_of_sasaran, shown = ind.sasaran != shown, ind.sasaran
        rows.append(
            _Row(
                INDIKATOR,
                sasaran=ind.sasaran if first_of_sasaran else "",
                kode=ind.kode,
                indikator=ind.indikator,
                polaritas=ind.polaritas,
                agregasi=ind.agregasi,
                maks=None if ind.target_maks is None else float(ind.target_maks),
                batas=None if ind.batas_capaian is None else float(ind.batas_capaian),
                k5=None if ind.target_renstra is None else float(ind.target_renstra),
                k6=k6,
                years=years,
                k7=None if ind.target is None else float(ind.target),
                k_tw=tw.of(INDIKATOR, ind.kode),
                unit=names[ind.bidang].nama if ind.bidang in names else ind.bidang,
                keterangan=by_kode[ind.kode].keterangan if ind.kode in by_kode else "",
            )
        )
    outputs: dict[str, list[tuple[str, Any]]] = {}
    for (kode, kegiatan), ik in zip(keluaran_rows(master), master.indikator_kegiatan, strict=True):
        outputs.setdefault(kegiatan, []).append((kode, ik))
    for prog in master.programs():
        rows.append(
            _Row(
                "program",
                kode=prog.kode,
                nama=prog.nama,
                unit=", ".join(dict.fromkeys(names[k.bidang].nama if k.bidang in names else k.bidang for k in prog.kegiatan)),
            )
        )
        for keg in prog.kegiatan:
            unit = names[keg.bidang].nama if keg.bidang in names else keg.bidang
            outs = outputs.get(keg.kegiatan_kode) or [("", None)]
            for i, (okode, ik) in enumerate(outs):
                row = _Row(
                    KEGIATAN, kode=keg.kegiatan_kode if i == 0 else "", nama=keg.kegiatan_nama if i == 0 else "", unit=unit
                )
                if i == 0:
                    row.rp5, row.rp6 = keg.pagu_renstra, keg.realisasi_renstra_lalu
                    row.rp7 = keg.anggaran_final  # the budget in force (perubahan when there is one)
                    row.rp_tw = tw.of(KEGIATAN, keg.kegiatan_kode)
                if ik is not None:
                    row.indikator, row.agregasi = ik.indikator, ik.agregasi
                    row.k7 = None if ik.target is None else float(ik.target)
                    row.k_tw = tw.of(KELUARAN, okode)
                    row.keterangan = tw.notes.get(okode, "")
                rows.append(row)
    return rows


def _cell(col: int, r: int) -> str:
    return f"{col_letter(col)}{r + 1}"


def _write(ws: Any, r: int, col: int, formula: str, value: float | str | None, style: Any) -> None:
    ws.write_formula(r, col, formula, style, "" if value is None else value)


def _sd_formula(cells: list[str], n: int, agregasi: str) -> str:
    args = ",".join(cells)
    value = {JUMLAH: f"SUM({args})", RATA_RATA: f"AVERAGE({args})", MAKSIMUM: f"MAX({args})"}.get(agregasi, cells[-1])
    return f'=IF(COUNT({args})<{n},"",{value})'


def _renstra_formula(k6: str, k12: str, agregasi: str, years: int) -> str:
    """(14) K: jumlah 6 + 12; maksimum the larger; rata-rata the mean of the years; nilai akhir this year's level."""
    if agregasi == JUMLAH:
        return f'=IF({k12}="","",IF({k6}="",{k12},{k6}+{k12}))'
    if agregasi == MAKSIMUM:
        return f'=IF({k12}="","",IF({k6}="",{k12},MAX({k6},{k12})))'
    if agregasi == RATA_RATA and years:
        return f'=IF({k12}="","",IF({k6}="",{k12},({k6}*{years}+{k12})/{years + 1}))'
    return f'=IF({k12}="","",{k12})'


def _renstra_value(k6: float | None, k12: float | None, agregasi: str, years: int) -> float | None:
    if k12 is None:
        return None
    if k6 is None or agregasi == NILAI_AKHIR or (agregasi == RATA_RATA and not years):
        return k12
    if agregasi == JUMLAH:
        return k6 + k12
    if agregasi == MAKSIMUM:
        return max(k6, k12)
    return (k6 * years + k12) / (years + 1)


def _spent(row: _Row, n: int) -> float | None:
    """(12) Rp of a kegiatan row: the quarters' sum, blank when nothing is known."""
    known = row.rp7 is not None or any(v is not None for v in row.rp_tw)
    return aggregate(list(row.rp_tw[:n]), JUMLAH) if known else None


def _renstra_rp(row: _Row, n: int) -> float | None:
    """(14) Rp = 6 + 12 (12 alone when 6 is blank, as for K); blank when 12 is."""
    return _renstra_value(None if row.rp6 is None else float(row.rp6), _spent(row, n), JUMLAH, 0)


def _percent(part: float | None, whole: float | int | None) -> float | None:
    """part / whole × 100; None ("cannot be computed") when either is blank or whole is 0."""
    return None if part is None or not whole else part / whole * 100


def _number(ws: Any, r: int, col: int, value: float | int | None, style: Any) -> None:
    if value is None:
        ws.write_blank(r, col, None, style)
    else:
        ws.write_number(r, col, value, style)


def _data_row(ws: Any, fmt: ReportFormats, r: int, row: _Row, n: int, rumus: str) -> tuple[float | None, float | None]:
    """One indicator or kegiatan row; returns (13) K and Rp as cached."""
    bold = row.level == "program"
    text = fmt.total_text if bold else fmt.text
    for col, value in enumerate((row.sasaran, row.kode, row.nama, row.indikator)):
        ws.write_string(r, col, value, text)
    ws.write_string(r, LEVEL_COL, row.level)
    num, rp = (fmt.total_count if bold else fmt.dec), (fmt.total_rupiah if bold else fmt.rupiah)
    pct = fmt.total_pct if bold else fmt.pct
    _number(ws, r, k_col(5), row.k5, num)
    _number(ws, r, k_col(6), row.k6, num)
    _number(ws, r, k_col(7), row.k7, num)
    _number(ws, r, k_col(5) + 1, row.rp5 if row.level == "kegiatan" else None, rp)
    _number(ws, r, k_col(6) + 1, row.rp6 if row.level == "kegiatan" else None, rp)
    k_cells = [_cell(k_col(8 + k), r) for k in range(n)]
    rp_cells = [_cell(k_col(8 + k) + 1, r) for k in range(n)]
    for k in range(4):
        _number(ws, r, k_col(8 + k), row.k_tw[k] if k < n else None, num)
    k12 = aggregate(list(row.k_tw[:n]), row.agregasi)
    has_k = row.level != "program" and (row.k7 is not None or row.indikator)
    if has_k:
        _write(ws, r, k_col(12), _sd_formula(k_cells, n, row.agregasi), k12, num)
    else:
        ws.write_blank(r, k_col(12), None, num)
        k12 = None
    k7, k12c, k6 = _cell(k_col(7), r), _cell(k_col(12), r), _cell(k_col(6), r)
    c13 = capaian(row.k7, k12, row.polaritas, rumus, row.maks, row.batas) if has_k else None
    k14 = _renstra_value(row.k6, k12, row.agregasi, row.years) if has_k else None
    c15 = capaian(row.k5, k14, row.polaritas, rumus, None, row.batas) if has_k else None
    if has_k:
        _write(ws, r, k_col(13), capaian_formula(k7, k12c, row.polaritas, rumus, row.maks, row.batas), c13, pct)
        _write(ws, r, k_col(14), _renstra_formula(k6, k12c, row.agregasi, row.years), k14, num)
        k5, k14c = _cell(k_col(5), r), _cell(k_col(14), r)
        _write(ws, r, k_col(15), capaian_formula(k5, k14c, row.polaritas, rumus, None, row.batas), c15, pct)
    else:
        for number in (13, 14, 15):
            ws.write_blank(r, k_col(number), None, pct)
    p13 = None
    if row.level == "kegiatan":
        _number(ws, r, k_col(7) + 1, row.rp7, rp)
        for k in range(4):
            _number(ws, r, k_col(8 + k) + 1, row.rp_tw[k] if k < n else None, rp)
        spent = _spent(row, n)
        if row.kode:
            rp6, rp12, rp14 = (_cell(k_col(number) + 1, r) for number in (6, 12, 14))
            _write(ws, r, k_col(12) + 1, _sd_formula(rp_cells, n, JUMLAH), spent, rp)
            done = _renstra_rp(row, n)
            _write(ws, r, k_col(14) + 1, _renstra_formula(rp6, rp12, JUMLAH, 0), done, rp)
            p13 = _percent(spent, row.rp7)
            _write(ws, r, k_col(13) + 1, percent_formula(_cell(k_col(7) + 1, r), rp12), p13, pct)
            _write(ws, r, k_col(15) + 1, percent_formula(_cell(k_col(5) + 1, r), rp14), _percent(done, row.rp5), pct)
        else:
            for number in (12, 13, 14):
                ws.write_blank(r, k_col(number) + 1, None, rp)
            ws.write_blank(r, k_col(15) + 1, None, pct)
    elif row.level == INDIKATOR:
        for number in (7, 8, 9, 10, 11, 12, 13, 14, 15):
            ws.write_blank(r, k_col(number) + 1, None, rp)
    ws.write_string(r, k_col(15) + 2, row.unit, text)
    ws.write_string(r, k_col(15) + 3, row.keterangan, text)
    # LibreOffice does not refit row heights when it opens a file: set what the wrapped texts need
    texts = ((row.sasaran, 24), (row.kode, 11), (row.nama, 28), (row.indikator, 28), (row.unit, 20), (row.keterangan, 20))
    lines = max(wrapped_lines(value, width, bold) for value, width in texts)
    if lines > 1:
        ws.set_row(r, lines * LINE_HEIGHT)
    return c13, p13


def _program_row(ws: Any, fmt: ReportFormats, r: int, rows: list[_Row], first: int, last: int, n: int) -> None:
    """Rp columns 5, 6, 7, 8-11, 12 and 14 as SUM of the program's kegiatan rows (5 and 6 blank when none of its
    kegiatan has the value); 13 and 15 from those sums."""
    kegiatan = [x for x in rows if x.level == "kegiatan" and x.kode]
    sums: dict[int, float | None] = {}
    for number, values in ((5, [x.rp5 for x in kegiatan]), (6, [x.rp6 for x in kegiatan])):
        known = [v for v in values if v is not None]
        sums[number] = float(sum(known)) if known else None
    sums[7] = float(sum(x.rp7 or 0 for x in kegiatan))
    for k in range(4):
        sums[8 + k] = float(sum(x.rp_tw[k] or 0 for x in kegiatan)) if k < n else None
    done = [aggregate(list(x.rp_tw[:n]), JUMLAH) for x in kegiatan]
    sums[12] = float(sum(v for v in done if v is not None))
    sums[14] = float(sum(v for v in (_renstra_rp(x, n) for x in kegiatan) if v is not None))
    for number, value in sums.items():
        col = k_col(number) + 1
        if value is None:
            ws.write_blank(r, col, None, fmt.total_rupiah)
        else:
            letter = col_letter(col)
            ws.write_formula(r, col, f"=SUM({letter}{first + 1}:{letter}{last + 1})", fmt.total_rupiah, value)
    p13 = sums[12] / sums[7] * 100 if sums[7] and sums[12] is not None else None
    _write(ws, r, k_col(13) + 1, percent_formula(_cell(k_col(7) + 1, r), _cell(k_col(12) + 1, r)), p13, fmt.total_pct)
    rp5, rp14 = _cell(k_col(5) + 1, r), _cell(k_col(14) + 1, r)
    _write(ws, r, k_col(15) + 1, percent_formula(rp5, rp14), _percent(sums[14], sums[5]), fmt.total_pct)


def _header(ws: Any, fmt: ReportFormats, c: Consolidated) -> None:
    inst, n = c.master.instansi, c.triwulan.n
    ws.write_string(0, 0, f"EVALUASI TERHADAP HASIL RENJA {inst.nama.upper()} {inst.pemda.upper()}", fmt.title)
    ws.write_string(1, 0, f"Periode pelaksanaan: tahun {inst.tahun}, sampai dengan triwulan {roman(n)}", fmt.subtitle)
    for col, (label, number) in enumerate(
        (("Sasaran", 1), ("Kode", 2), ("Program / Kegiatan", 3), ("Indikator Kinerja Program (outcome) / Kegiatan (output)", 4))
    ):
        ws.merge_range(HEADER, col, HEADER + 1, col, label, fmt.header)
        ws.write_string(HEADER + 2, col, str(number), fmt.header)
    for number, label in PAIRS:
        col = k_col(number)
        ws.merge_range(HEADER, col, HEADER, col + 1, label, fmt.header)
        ws.write_string(HEADER + 1, col, "K", fmt.header)
        ws.write_string(HEADER + 1, col + 1, "Rp", fmt.header)
        ws.merge_range(HEADER + 2, col, HEADER + 2, col + 1, str(number), fmt.header)
    for i, label in enumerate(("Unit Penanggung Jawab", "Keterangan")):
        col = k_col(15) + 2 + i
        ws.merge_range(HEADER, col, HEADER + 1, col, label, fmt.header)
        ws.write_string(HEADER + 2, col, str(16 + i), fmt.header)
    ws.set_row(HEADER, 54)
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 11)
    ws.set_column(2, 3, 28)
    for number, _label in PAIRS:
        ws.set_column(k_col(number), k_col(number), 9)  # K
        ws.set_column(k_col(number) + 1, k_col(number) + 1, 14)  # Rp: 8.516.086.000
    ws.set_column(k_col(15) + 2, k_col(15) + 3, 20)
    ws.set_column(LEVEL_COL, LEVEL_COL, None, None, {"hidden": True})
    ws.freeze_panes(FIRST, 4)
    a4_landscape(ws, (HEADER, HEADER + 2))


def _predikat_formula(cell: str, bands: list[Band]) -> str:
    """Nested IF from the highest band down: the predikat of the average capaian, blank when it has none."""
    ordered = sorted(bands, key=lambda b: float("-inf") if b.lower is None else float(b.lower), reverse=True)
    expr = '""'
    for band in reversed(ordered):
        text = band.kategori.replace('"', '""')
        expr = f'"{text}"' if band.lower is None else f'IF({cell}>={band.lower},"{text}",{expr})'
    return f'=IF({cell}="","",{expr})'


def evaluasi_renja(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
    ws = wb.add_worksheet(SHEET)
    _header(ws, fmt, c)
    n, rumus = c.triwulan.n, c.master.settings.rumus_negatif
    rows = _rows(c)
    capaian_k: list[float] = []
    r = FIRST
    i = 0
    while i < len(rows):
        row = rows[i]
        if row.level == "program":
            j = i + 1
            while j < len(rows) and rows[j].level == "kegiatan":
                j += 1
            _data_row(ws, fmt, r, row, n, rumus)
            _program_row(ws, fmt, r, rows[i + 1 : j], r + 1, r + j - i - 1, n)
            for offset, child in enumerate(rows[i + 1 : j], start=1):
                c13, _ = _data_row(ws, fmt, r + offset, child, n, rumus)
                if c13 is not None:
                    capaian_k.append(c13)
            r += j - i
            i = j
            continue
        c13, _ = _data_row(ws, fmt, r, row, n, rumus)
        if c13 is not None:
            capaian_k.append(c13)
        r += 1
        i += 1
    _footer(ws, fmt, c, r + 1, r - 1, capaian_k)


def _footer(ws: Any, fmt: ReportFormats, c: Consolidated, r: int, last: int, capaian_k: list[float]) -> None:
    u = col_letter(k_col(13))
    span = f"{u}{FIRST + 1}:{u}{last + 1}"
    average = sum(capaian_k) / len(capaian_k) if capaian_k else None
    bands = c.master.predikat_bands
    ws.write_string(r, 2, "Rata-rata capaian kinerja (%)", fmt.total_text)
    ws.write_formula(r, k_col(13), f'=IF(COUNT({span})=0,"",AVERAGE({span}))', fmt.total_pct, "" if average is None else average)
    level = col_letter(LEVEL_COL)
    area = f"{level}{FIRST + 1}:{level}{last + 1}"
    j, t = col_letter(k_col(7) + 1), col_letter(k_col(12) + 1)
    total7 = sum(x.rp7 or 0 for x in _rows(c) if x.level == "kegiatan" and x.kode)
    total12 = sum(
        v
        for x in _rows(c)
        if x.level == "kegiatan" and x.kode
        for v in [aggregate(list(x.rp_tw[: c.triwulan.n]), JUMLAH)]
        if v is not None
    )
    ws.write_string(r + 1, 2, "Realisasi anggaran (%)", fmt.total_text)
    formula = (
        f'=IF(SUMIF({area},"kegiatan",{j}{FIRST + 1}:{j}{last + 1})=0,"",'
        f'SUMIF({area},"kegiatan",{t}{FIRST + 1}:{t}{last + 1})/SUMIF({area},"kegiatan",{j}{FIRST + 1}:{j}{last + 1})*100)'
    )
    ws.write_formula(r + 1, k_col(13) + 1, formula, fmt.total_pct, total12 / total7 * 100 if total7 else "")
    ws.write_string(r + 2, 2, "Predikat kinerja", fmt.total_text)
    predikat = kategori(average, bands) if average is not None else ""
    ws.write_formula(r + 2, k_col(13), _predikat_formula(f"{u}{r + 1}", bands), fmt.total_text, predikat)
    texts = c.triwulan.texts
    for offset, (label, key) in enumerate(
        (
            ("Faktor pendorong", "faktor_pendorong"),
            ("Faktor penghambat", "faktor_penghambat"),
            ("Tindak lanjut", "upaya"),
        ),
        start=3,
    ):
        ws.write_string(r + offset, 2, label, fmt.total_text)
        joined = "; ".join(f"{kode}: {t[key]}" for kode, t in texts.items() if t.get(key))
        ws.write_string(r + offset, 3, joined, fmt.text)
    legend = [
        "Keterangan rumus: K = kinerja (satuan indikator), Rp = Rupiah.",
        "12 = 8 + 9 + 10 + 11 untuk agregasi jumlah (dan Rupiah); nilai akhir = triwulan terakhir; rata-rata; maksimum.",
        "13 = 12 / 7 × 100 (indikator negatif dan rentang menurut polaritasnya, lihat lembar Capaian Kinerja).",
        "14 = 6 + 12 untuk jumlah; nilai akhir = 12; maksimum = yang terbesar; 15 = 14 / 5 × 100.",
        "Rp: 5 = Pagu Renstra, 6 = Realisasi Renstra s.d. tahun lalu (lembar Anggaran master; kosong = belum diisi); "
        "14 = 6 + 12; 15 = 14 / 5 × 100.",
        "Baris program = jumlah kegiatannya. Predikat: " + "; ".join(f"{b.label} {b.kategori}" for b in bands) + ".",
        *(f"Agregasi {text}." for rule, text in AGREGASI.items() if any(i.agregasi == rule for i in c.master.indikator)),
    ]
    for offset, line in enumerate(legend, start=7):
        ws.write_string(r + offset, 0, line, fmt.note)
