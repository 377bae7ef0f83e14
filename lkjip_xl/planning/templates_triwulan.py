"""Planning data → one quarterly template per bidang (lkjip-xl template --triwulan N; layout schemas/triwulan.toml).

The Kinerja and Anggaran sheets keep the yearly template's columns (read by the same reader) and add the
realisasi of every quarter up to N: earlier quarters locked with the previous result's values when one is
given, quarter N typed by the bidang; "Realisasi s.d. Triwulan" is a live formula by the indicator's agregasi,
with its cached value. Keluaran holds the kegiatan's output indicators; faktor columns feed Evaluasi Renja."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lkjip_xl.findings import a1, col_letter
from lkjip_xl.planning.model import Bidang, Indikator, IndikatorKegiatan, Kegiatan, Master, Program
from lkjip_xl.planning.rules import aggregate, capaian
from lkjip_xl.planning.sdm_template import sdm_bidang, write_sdm
from lkjip_xl.planning.spec import Column, bidang_spec
from lkjip_xl.planning.templates import (
    _fit_row,
    _header,
    _row_text,
    _validation,
    capaian_formula,
    percent_formula,
    write_instructions,
    write_meta,
)
from lkjip_xl.planning.triwulan import (
    INDIKATOR,
    KEGIATAN,
    KELUARAN,
    TriwulanState,
    keluaran_kode,
    roman,
    sd_formula,
    triwulan_spec,
    tw_key,
)
from lkjip_xl.xlsx.formats import Formats, new_workbook

Values = tuple[float | None, ...]


def triwulan_filename(master: Master, bidang: Bidang, n: int) -> str:
    kode = re.sub(r"[^A-Za-z0-9.-]+", "-", bidang.kode).strip("-.") or "bidang"
    slug = re.sub(r"[^A-Za-z0-9]+", "_", bidang.nama).strip("_")
    return f"LKjIP_{master.instansi.tahun}_TW{n}_{kode}_{slug}.xlsx"


def write_triwulan_templates(master: Master, out_dir: Path, n: int, previous: TriwulanState | None = None) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_triwulan_template(master, b, out_dir / triwulan_filename(master, b, n), n, previous) for b in master.bidang]


class _Columns:
    """The columns of one quarterly sheet: the yearly ones with the quarter columns TW I..N (and more) inserted."""

    def __init__(self, base: tuple[Column, ...], extra: tuple[Column, ...], n: int, before: str, tail: tuple[str, ...]) -> None:
        by_key = {c.key: c for c in extra}
        cols: list[Column] = []
        for c in base:
            if c.key == before:
                cols += [by_key[tw_key(k)] for k in range(1, n + 1)]
            cols.append(by_key.get(c.key, c) if c.key == "realisasi" else c)
        cols += [by_key[k] for k in tail if k not in {c.key for c in base}]  # the yearly sheet may have them already
        if "agregasi" in by_key and "agregasi" not in tail:
            i = [c.key for c in cols].index("target")
            cols.insert(i, by_key["agregasi"])
        self.columns = tuple(cols)
        self.index = {c.key: i for i, c in enumerate(cols)}

    def column(self, key: str) -> Column:
        return self.columns[self.index[key]]

    def insert_after(self, key: str, column: Column) -> None:
        cols = list(self.columns)
        cols.insert(self.index[key] + 1, column)
        self.columns = tuple(cols)
        self.index = {c.key: i for i, c in enumerate(cols)}


def _target_tw_column(n: int) -> Column:
    """The quarter's own target (master columns Target TW I–IV), shown beside the yearly one when it is set."""
    return Column(
        key="target_tw",
        label=f"Target TW {roman(n)}",
        type="decimal",
        width=11,
        note=f"Target triwulan {roman(n)} dari master (hanya informasi; capaian dihitung terhadap target tahun).",
    )


class _SheetView:
    """What templates._header and _fit_row need of a sheet spec."""

    def __init__(self, cols: _Columns) -> None:
        self.columns = cols.columns
        self._cols = cols

    def column(self, key: str) -> Column:
        return self._cols.column(key)


def write_triwulan_template(master: Master, bidang: Bidang, path: Path, n: int, previous: TriwulanState | None) -> Path:
    yearly, spec = bidang_spec(), triwulan_spec()
    wb = new_workbook(path, f"Template LKjIP {master.instansi.tahun} TW {roman(n)} {bidang.nama}")
    fmt = Formats(wb)
    _petunjuk(wb.add_worksheet(yearly.instructions_sheet), master, bidang, n, previous, fmt)
    kin = _Columns(
        yearly.kinerja.columns, spec.kinerja.columns, n, "realisasi", ("faktor_pendorong", "faktor_penghambat", "upaya")
    )
    if any(i.target_tw(n) is not None for i in master.indikator_of(bidang.kode)):
        kin.insert_after("target", _target_tw_column(n))
    _kinerja(wb.add_worksheet(yearly.kinerja.name), kin, master.indikator_of(bidang.kode), master, n, previous, fmt)
    ang = _Columns(yearly.anggaran.columns, spec.anggaran.columns, n, "realisasi", ())
    _anggaran(wb.add_worksheet(yearly.anggaran.name), ang, master.programs(bidang.kode), n, previous, fmt)
    outputs = _outputs(master, bidang)
    if outputs:
        _keluaran(wb.add_worksheet(spec.keluaran.name), outputs, master, n, previous, fmt)
    if sdm_bidang(master) == bidang:  # the Sekretariat's staff figures, as in the yearly template
        write_sdm(wb.add_worksheet(yearly.sdm.name), yearly, fmt, _header)
    _meta(wb.add_worksheet(yearly.metadata_sheet), master, bidang, n, fmt)
    wb.close()
    return path


def _outputs(master: Master, bidang: Bidang) -> list[tuple[str, Kegiatan, IndikatorKegiatan]]:
    """(row kode, kegiatan, output indicator) of the bidang's kegiatan, in master order."""
    kegiatan = {k.kegiatan_kode: k for k in master.kegiatan if k.bidang == bidang.kode}
    seen: dict[str, int] = {}
    out = []
    for ik in master.indikator_kegiatan:
        if ik.kegiatan_kode in kegiatan:
            seen[ik.kegiatan_kode] = seen.get(ik.kegiatan_kode, 0) + 1
            out.append((keluaran_kode(ik.kegiatan_kode, seen[ik.kegiatan_kode]), kegiatan[ik.kegiatan_kode], ik))
    return out


def _quarters(
    ws: Any, r: int, col: dict[str, int], n: int, known: Values, fmt: Formats, money: bool, locked: bool
) -> list[float | None]:
    """TW I..N cells of one row: earlier quarters locked with the previous values when a result was given."""
    values: list[float | None] = []
    for k in range(1, n + 1):
        c = col[tw_key(k)]
        value = known[k - 1] if k < n and locked else None
        values.append(value)
        if k < n and locked:
            style = fmt.locked_rupiah if money else fmt.locked_dec
        else:
            style = fmt.input_rupiah if money else fmt.input_dec
        if value is None:
            ws.write_blank(r, c, None, style)
        else:
            ws.write_number(r, c, value, style)
    return values


def _sd(ws: Any, r: int, col: dict[str, int], n: int, agregasi: str, values: list[float | None], style: Any) -> float | None:
    first, last = a1(r + 1, col[tw_key(1)]), a1(r + 1, col[tw_key(n)])
    value = aggregate(values, agregasi)
    ws.write_formula(r, col["realisasi"], sd_formula(first, last, n, agregasi), style, "" if value is None else value)
    return value


def _kinerja(
    ws: Any, cols: _Columns, rows: list[Indikator], master: Master, n: int, previous: TriwulanState | None, fmt: Formats
) -> None:
    view = _SheetView(cols)
    _header(ws, view, fmt)  # type: ignore[arg-type]
    col = cols.index
    for r, ind in enumerate(rows, start=1):
        for key in ("kode", "sasaran", "indikator", "satuan", "agregasi"):
            ws.write_string(r, col[key], getattr(ind, key), fmt.locked_text)
        if ind.target is None:
            ws.write_blank(r, col["target"], None, fmt.locked_dec)
        else:
            ws.write_number(r, col["target"], float(ind.target), fmt.locked_dec)
        if "target_tw" in col:
            quarter_target = ind.target_tw(n)
            if quarter_target is None:
                ws.write_blank(r, col["target_tw"], None, fmt.locked_dec)
            else:
                ws.write_number(r, col["target_tw"], float(quarter_target), fmt.locked_dec)
        known = previous.of(INDIKATOR, ind.kode) if previous else (None,) * 4
        values = _quarters(ws, r, col, n, known, fmt, money=False, locked=previous is not None)
        sd = _sd(ws, r, col, n, ind.agregasi, values, fmt.formula_pct)
        t, re_ = a1(r + 1, col["target"]), a1(r + 1, col["realisasi"])
        maks = None if ind.target_maks is None else float(ind.target_maks)
        batas = None if ind.batas_capaian is None else float(ind.batas_capaian)
        target = None if ind.target is None else float(ind.target)
        value = capaian(target, sd, ind.polaritas, master.settings.rumus_negatif, maks, batas)
        formula = capaian_formula(t, re_, ind.polaritas, master.settings.rumus_negatif, maks, batas)
        ws.write_formula(r, col["capaian"], formula, fmt.formula_pct, "" if value is None else value)
        for key in ("keterangan", "faktor_pendorong", "faktor_penghambat", "upaya"):
            ws.write_blank(r, col[key], None, fmt.input_text)
        _fit_row(ws, view, r, {"sasaran": ind.sasaran, "indikator": ind.indikator})  # type: ignore[arg-type]
    for k in range(1, n + 1):
        _validation(ws, 1, len(rows), col[tw_key(k)], f"Realisasi TW {roman(k)}")


def _anggaran(ws: Any, cols: _Columns, programs: list[Program], n: int, previous: TriwulanState | None, fmt: Formats) -> None:
    view = _SheetView(cols)
    _header(ws, view, fmt)  # type: ignore[arg-type]
    col = cols.index
    r = 1
    for prog in programs:
        first, last = r + 1, r + len(prog.kegiatan)
        _row_text(ws, r, col, prog.kode, prog.nama, prog.sumber_dana, fmt.locked_bold)
        _fit_row(ws, view, r, {"nama": prog.nama, "sumber_dana": prog.sumber_dana}, bold=True)  # type: ignore[arg-type]
        sums: dict[str, int] = {}
        for k in range(1, n + 1):
            known = [previous.of(KEGIATAN, g.kegiatan_kode)[k - 1] if previous and k < n else None for g in prog.kegiatan]
            sums[tw_key(k)] = int(sum(v for v in known if v is not None))
        # quarter n is still blank, so no kegiatan has its s.d. figure yet: the SUM of blanks is 0
        sums["anggaran"], sums["realisasi"] = prog.anggaran, 0
        for key in ("anggaran", *(tw_key(k) for k in range(1, n + 1)), "realisasi"):
            letter = col_letter(col[key])
            ws.write_formula(r, col[key], f"=SUM({letter}{first + 1}:{letter}{last + 1})", fmt.formula_rupiah_bold, sums[key])
        ws.write_formula(
            r, col["persen"], percent_formula(a1(r + 1, col["anggaran"]), a1(r + 1, col["realisasi"])), fmt.formula_pct_bold, ""
        )
        ws.write_blank(r, col["keterangan"], None, fmt.input_text)
        for keg in prog.kegiatan:
            r += 1
            _row_text(ws, r, col, keg.kegiatan_kode, keg.kegiatan_nama, keg.sumber_dana, fmt.locked_text)
            _fit_row(ws, view, r, {"nama": keg.kegiatan_nama})  # type: ignore[arg-type]
            if keg.anggaran_final is None:
                ws.write_blank(r, col["anggaran"], None, fmt.locked_rupiah)
            else:
                ws.write_number(r, col["anggaran"], keg.anggaran_final, fmt.locked_rupiah)
            spent = previous.of(KEGIATAN, keg.kegiatan_kode) if previous else (None,) * 4
            values = _quarters(ws, r, col, n, spent, fmt, money=True, locked=previous is not None)
            _sd(ws, r, col, n, "jumlah", values, fmt.formula_rupiah_bold)
            ws.write_formula(
                r, col["persen"], percent_formula(a1(r + 1, col["anggaran"]), a1(r + 1, col["realisasi"])), fmt.formula_pct, ""
            )
            ws.write_blank(r, col["keterangan"], None, fmt.input_text)
            for k in range(1, n + 1):
                _validation(ws, r, r, col[tw_key(k)], f"Realisasi TW {roman(k)} (Rp)")
        r += 1


def _keluaran(
    ws: Any,
    outputs: list[tuple[str, Kegiatan, IndikatorKegiatan]],
    master: Master,
    n: int,
    previous: TriwulanState | None,
    fmt: Formats,
) -> None:
    spec = triwulan_spec().keluaran
    shown = tuple(c for c in spec.columns if not c.key.startswith("realisasi_tw") or int(c.key[-1]) <= n)
    cols = {c.key: i for i, c in enumerate(shown)}

    class _View:
        columns = shown

        @staticmethod
        def column(key: str) -> Column:
            return shown[cols[key]]

    _header(ws, _View, fmt)  # type: ignore[arg-type]
    for r, (kode, keg, ik) in enumerate(outputs, start=1):
        ws.write_string(r, cols["kode"], kode, fmt.locked_text)
        ws.write_string(r, cols["kegiatan"], keg.kegiatan_nama, fmt.locked_text)
        ws.write_string(r, cols["indikator"], ik.indikator, fmt.locked_text)
        ws.write_string(r, cols["satuan"], ik.satuan, fmt.locked_text)
        ws.write_string(r, cols["agregasi"], ik.agregasi, fmt.locked_text)
        if ik.target is None:
            ws.write_blank(r, cols["target"], None, fmt.locked_dec)
        else:
            ws.write_number(r, cols["target"], float(ik.target), fmt.locked_dec)
        known = previous.of(KELUARAN, kode) if previous else (None,) * 4
        values = _quarters(ws, r, cols, n, known, fmt, money=False, locked=previous is not None)
        sd = _sd(ws, r, cols, n, ik.agregasi, values, fmt.formula_pct)
        t, re_ = a1(r + 1, cols["target"]), a1(r + 1, cols["realisasi"])
        target = None if ik.target is None else float(ik.target)
        value = capaian(target, sd, "positif", master.settings.rumus_negatif)
        ws.write_formula(
            r, cols["capaian"], capaian_formula(t, re_, "positif", ""), fmt.formula_pct, "" if value is None else value
        )
        ws.write_blank(r, cols["keterangan"], None, fmt.input_text)
        _fit_row(ws, _View, r, {"kegiatan": keg.kegiatan_nama, "indikator": ik.indikator})  # type: ignore[arg-type]
    for k in range(1, n + 1):
        _validation(ws, 1, len(outputs), cols[tw_key(k)], f"Realisasi TW {roman(k)}")


def _petunjuk(ws: Any, master: Master, bidang: Bidang, n: int, previous: TriwulanState | None, fmt: Formats) -> None:
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 100)
    i = master.instansi
    earlier = (
        f"Triwulan sebelumnya (TW I s.d. TW {roman(n - 1)}) diambil dari hasil triwulan lalu dan dikunci."
        if previous and n > 1
        else "Isi juga triwulan sebelumnya bila kolomnya kuning."
        if n > 1
        else ""
    )
    lines = [
        (f"TEMPLATE LKjIP {i.tahun} TRIWULAN {roman(n)}", ""),
        ("Instansi", f"{i.nama} {i.pemda}"),
        ("Bidang", f"{bidang.nama} ({bidang.kode})"),
        ("Triwulan", f"TW {roman(n)} tahun {i.tahun}"),
        ("", ""),
        ("Cara mengisi", "Isi hanya sel berwarna kuning. Sel abu-abu (data perencanaan) dan hijau (rumus) dikunci."),
        ("", f"Ketik realisasi triwulan {roman(n)} saja (bukan kumulatif) di kolom Realisasi TW {roman(n)}. {earlier}"),
        (
            "",
            "Realisasi s.d. Triwulan dihitung menurut agregasi indikator: jumlah = TW I + … + TW ini; nilai akhir = "
            "nilai triwulan ini; rata-rata; maksimum. Kosong tidak sama dengan 0: ketik 0 bila memang nol.",
        ),
        ("", "Faktor Pendorong, Faktor Penghambat dan Upaya / Tindak Lanjut dipakai di lembar Evaluasi Renja."),
        ("", "Jangan menambah, menghapus atau mengganti kode baris. Simpan sebagai .xlsx lalu kirim ke Sekretariat."),
    ]
    write_instructions(ws, lines, fmt)


def _meta(ws: Any, master: Master, bidang: Bidang, n: int, fmt: Formats) -> None:
    write_meta(ws, master, bidang, bidang_spec().template_version, fmt, ((triwulan_spec().metadata_key, str(n)),))
