"""Read the Sekretariat's planning workbook (the master) into the model, with every problem in it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from lkjip_xl.findings import Finding, a1
from lkjip_xl.intake.table import CellReader, find_header, is_blank, normalise_kode, text_of
from lkjip_xl.planning.model import (
    Bidang,
    Indikator,
    IndikatorKegiatan,
    Instansi,
    Kegiatan,
    Master,
    ProgramPK,
    Riwayat,
    Settings,
)
from lkjip_xl.planning.rules import (
    NILAI_AKHIR,
    PREDIKAT_PERMENDAGRI,
    Band,
    normalise_agregasi,
    normalise_polaritas,
    normalise_predikat,
    normalise_rumus,
)
from lkjip_xl.planning.spec import SheetSpec, master_spec


class MasterError(Exception):
    """The master cannot be used at all (unreadable, missing sheets): the command cannot run."""


@dataclass
class _Rows:
    """Records of one master table with their Excel row, read through the spec."""

    records: list[dict[str, Any]]
    rows: list[int]
    columns: dict[str, int]
    name: str = ""


JUMLAH_DEFAULT = "jumlah"  # a kegiatan's output is a count delivered over the year unless said otherwise


def read_master(path: Path) -> tuple[Master, list[Finding]]:
    """The master and every problem in it; MasterError when it cannot be read at all."""
    from lkjip_xl.intake.workbook import UnreadableWorkbook, read_sheets

    try:
        _, sheets = read_sheets(path)
    except UnreadableWorkbook as exc:
        raise MasterError(f"Master {exc}") from exc
    specs = master_spec()
    missing = [name for name, spec in specs.items() if spec.required and name not in sheets]
    if missing:
        raise MasterError(f"Master '{path.name}' tidak memuat lembar: {', '.join(missing)}. Buat master dengan 'lkjip-xl init'.")
    return _Builder(path.name, sheets, specs).build()


def build_master_from_sheets(file: str, sheets: dict[str, list[list[Any]]]) -> tuple[Master, list[Finding]]:
    """The master from sheets already read (e.g. the copy a quarterly result keeps), with its findings."""
    return _Builder(file, sheets, master_spec()).build()


class _Builder:
    def __init__(self, file: str, sheets: dict[str, list[list[Any]]], specs: dict[str, SheetSpec]) -> None:
        self.file, self.sheets, self.specs = file, sheets, specs
        self.findings: list[Finding] = []

    def _finding(self, code: str, message: str, sheet: str, cell: str = "", kode: str = "", **kw: str) -> None:
        self.findings.append(Finding.make(code, message, file=self.file, sheet=sheet, cell=cell, kode=kode, **kw))

    def build(self) -> tuple[Master, list[Finding]]:
        inst = self._keyvalue("Instansi")
        instansi = Instansi(
            nama=str(inst.get("nama") or ""),
            pemda=str(inst.get("pemda") or ""),
            tahun=int(inst.get("tahun") or 0),
            renstra_awal=int(inst.get("renstra_awal") or 0),
            renstra_akhir=int(inst.get("renstra_akhir") or 0),
        )
        bid = self._table("Bidang")
        bidang = [Bidang(r["kode"], r["nama"]) for r in bid.records]
        ind = self._table("Indikator")
        indikator = [self._indikator(r, row, ind) for r, row in zip(ind.records, ind.rows, strict=True)]
        keg = self._table("Anggaran")
        kegiatan = [
            Kegiatan(
                program_kode=r["program_kode"],
                program_nama=r["program_nama"],
                kegiatan_kode=r["kegiatan_kode"],
                kegiatan_nama=r["kegiatan_nama"],
                bidang=r["bidang"],
                sumber_dana=r["sumber_dana"],
                anggaran=None if r["anggaran"] is None else int(r["anggaran"]),
                row=row,
                anggaran_perubahan=None if r.get("anggaran_perubahan") is None else int(r["anggaran_perubahan"]),
                pagu_renstra=None if r.get("pagu_renstra") is None else int(r["pagu_renstra"]),
                realisasi_renstra_lalu=None if r.get("realisasi_renstra_lalu") is None else int(r["realisasi_renstra_lalu"]),
            )
            for r, row in zip(keg.records, keg.rows, strict=True)
        ]
        riwayat = [
            Riwayat(r["kode"], int(r["tahun"] or 0), r["target"], r["realisasi"], r["capaian"], r["keterangan"])
            for r in self._table("Riwayat").records
        ]
        kat = self._table("Kategori")
        bands = [Band(r["kategori"], r["batas_bawah"], r["batas_atas"]) for r in kat.records]
        settings = self._settings()
        ik = self._table("Indikator Kegiatan")
        indikator_kegiatan = [
            IndikatorKegiatan(
                r["kegiatan_kode"], r["indikator"], r["satuan"], r["target"], self._agregasi(r, row, ik, JUMLAH_DEFAULT), row
            )
            for r, row in zip(ik.records, ik.rows, strict=True)
        ]
        master = Master(
            instansi, bidang, indikator, kegiatan, riwayat, bands, settings, file=self.file, indikator_kegiatan=indikator_kegiatan
        )
        pk = self._table("Program PK") if "Program PK" in self.sheets else _Rows([], [], {})
        self._program_pk(master, pk)
        from lkjip_xl.planning.master_checks import check_master

        where = {
            name: (t.columns, t.rows)
            for name, t in (("Bidang", bid), ("Indikator", ind), ("Anggaran", keg), ("Kategori", kat), ("Indikator Kegiatan", ik))
        }
        self.findings.extend(check_master(master, where))
        from lkjip_xl.planning.master_pk import check_pk

        self.findings.extend(check_pk(master, pk.columns))
        return master, self.findings

    def _agregasi(self, r: dict[str, Any], row: int, table: _Rows, default: str) -> str:
        """The agregasi rule of a record: blank gives `default`; an unknown word is an M022 (default used)."""
        text = r.get("agregasi") or ""
        if not text.strip():
            return default
        rule = normalise_agregasi(text)
        if rule is None:
            j = table.columns.get("agregasi")
            self._finding(
                "M022",
                f"Agregasi '{text}' tidak dikenal; dipakai '{default}'.",
                table.name,
                a1(row, j) if j is not None else "",
                kode=str(r.get("kode") or r.get("kegiatan_kode") or ""),
                actual=text,
                expected="jumlah / nilai akhir / rata-rata / maksimum",
            )
            return default
        return rule

    def _program_pk(self, master: Master, pk: _Rows) -> None:
        """PK program rows; a row named 'Jumlah' without a kode is the PK's stated total."""
        for r, row in zip(pk.records, pk.rows, strict=True):
            anggaran = None if r["anggaran"] is None else int(r["anggaran"])
            if not r["program_kode"] and r["program_nama"].strip().lower() in {"jumlah", "total", "jumlah total"}:
                master.pk_total, master.pk_total_row = anggaran, row
                continue
            master.program_pk.append(
                ProgramPK(r["program_kode"], r["program_nama"], r["sumber_dana"], anggaran, r["sasaran"], row)
            )

    def _indikator(self, r: dict[str, Any], row: int, table: _Rows) -> Indikator:
        return Indikator(
            kode=r["kode"],
            sasaran=r["sasaran"],
            indikator=r["indikator"],
            satuan=r["satuan"],
            polaritas=normalise_polaritas(r["polaritas"]) or r["polaritas"],
            target=r["target"],
            target_renstra=r["target_renstra"],
            kumulatif=False,
            bidang=r["bidang"],
            keterangan=r["keterangan"],
            row=row,
            agregasi=self._agregasi(r, row, table, NILAI_AKHIR),
            target_maks=r["target_maks"],
            batas_capaian=r["batas_capaian"],
            target_triwulan=tuple(r[f"target_tw{n}"] for n in range(1, 5)),
        )

    def _settings(self) -> Settings:
        kv = self._keyvalue("Pengaturan")
        rumus = normalise_rumus(str(kv.get("rumus_negatif") or "2 - R/T"))
        if rumus is None:
            self._finding(
                "M008",
                f"Rumus indikator negatif '{kv.get('rumus_negatif')}' tidak dikenal; "
                "isi '2 - R/T' atau 'T/R'. Dipakai '2 - R/T'.",
                "Pengaturan",
                kode="rumus_negatif",
            )
            rumus = "2 - R/T"
        tol = kv.get("toleransi")
        if not isinstance(tol, Decimal) or tol < 0 or tol > 5:
            if tol is not None:
                self._finding(
                    "M008", "Toleransi pembulatan harus angka 0–5 poin persen; dipakai 0,005.", "Pengaturan", kode="toleransi"
                )
            tol = Decimal("0.005")
        predikat = normalise_predikat(str(kv.get("predikat") or ""))
        if predikat is None:
            self._finding(
                "M026",
                f"Predikat Evaluasi Renja '{kv.get('predikat')}' tidak dikenal; dipakai 'Permendagri 86/2017'.",
                "Pengaturan",
                kode="predikat",
            )
            predikat = PREDIKAT_PERMENDAGRI
        return Settings(rumus, tol, predikat)

    def _keyvalue(self, name: str) -> dict[str, Any]:
        spec, rows = self.specs[name], self.sheets[name]
        reader = CellReader(self.file, name)
        out: dict[str, Any] = {}
        cells: dict[str, str] = {}  # where each value belongs: column B beside its label
        for i, row in enumerate(rows):
            if not row or not isinstance(row[0], str):
                continue
            for col in spec.columns:
                if col.matches(row[0]):
                    value = row[1] if len(row) > 1 else None
                    out[col.key] = reader.number(value, i + 1, 1, col, col.key) if col.numeric else text_of(value)
                    cells[col.key] = a1(i + 1, 1)
        self.findings.extend(reader.findings)
        for col in spec.columns:
            if col.required and out.get(col.key) in (None, ""):
                self._finding("M011", f"'{col.label}' di lembar {name} belum diisi.", name, cells.get(col.key, ""), kode=col.key)
        return out

    def _table(self, name: str) -> _Rows:
        spec = self.specs[name]
        if name not in self.sheets:  # an optional sheet left out
            return _Rows([], [], {}, name)
        rows = self.sheets[name]
        header = find_header(rows, spec)
        missing = [c.label for c in spec.columns if c.required and (header is None or c.key not in header.columns)]
        if header is None or missing:
            self._finding("M007", f"Lembar {name} tidak memuat kolom: {', '.join(missing)}.", name)
            return _Rows([], [], {}, name)
        reader = CellReader(self.file, name)
        out = _Rows([], [], header.columns, name)
        # per column, once: where it is, how it is read, and whether a blank is an M011
        plan = [
            (
                col,
                col.key,
                header.columns.get(col.key),
                col.numeric,
                col.key.endswith("kode") or col.key == "bidang",
                col.required and col.key not in ("target", "anggaran"),
            )
            for col in spec.columns
        ]
        number = reader.number
        for i in range(header.last_row, len(rows)):
            row, excel_row = rows[i], i + 1
            if not any(v is not None and (type(v) is not str or v.strip()) for v in row):
                continue
            width = len(row)
            rec: dict[str, Any] = {}
            for col, key, j, numeric, is_kode, must_fill in plan:
                raw = row[j] if j is not None and j < width else None
                # text cells, most of a master, read inline (text_of and normalise_kode for anything else)
                text = raw.strip() if type(raw) is str else None
                if numeric:
                    rec[key] = None if j is None else number(raw, excel_row, j, col)
                elif is_kode:
                    rec[key] = text.replace(" ", "").rstrip(".") if text is not None else normalise_kode(raw)
                else:
                    rec[key] = text if text is not None else text_of(raw)
                if must_fill and j is not None and (raw is None or text == "" or (text is None and is_blank(raw))):
                    self._finding("M011", f"{col.label} kosong.", name, a1(excel_row, j))
            out.records.append(rec)
            out.rows.append(excel_row)
        self.findings.extend(reader.findings)
        return out


__all__ = ["MasterError", "build_master_from_sheets", "read_master"]
