"""The quarterly pass of a merge or check (--triwulan N): each file's quarter, its quarter values, realisasi up to
quarter N by agregasi put in place of the file's own figure, and the quarter values against the previous result."""

from __future__ import annotations

from dataclasses import dataclass, field

from lkjip_xl.findings import Finding
from lkjip_xl.intake.reader import BidangFile
from lkjip_xl.intake.triwulan import QuarterFile, QuarterRow, read_quarters
from lkjip_xl.numbers import format_id
from lkjip_xl.planning.model import Master
from lkjip_xl.planning.rules import JUMLAH, aggregate
from lkjip_xl.planning.triwulan import INDIKATOR, KEGIATAN, KELUARAN, TriwulanState, parse_triwulan, roman

TOLERANCE = 1e-6  # quarter values are typed figures: equal means equal up to float noise
Values = tuple[float | None, ...]


@dataclass
class QuarterData:
    """The quarter values every file gave (per file, per jenis and kode) and the texts typed beside them."""

    values: dict[str, dict[tuple[str, str], Values]] = field(default_factory=dict)
    texts: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # file -> indicator kode -> texts
    keterangan: dict[str, dict[str, str]] = field(default_factory=dict)  # file -> keluaran kode -> keterangan


class QuarterPass:
    """Called by checks.runner.check_files on the files once read (its `prepare`)."""

    def __init__(self, master: Master, triwulan: int | None, previous: TriwulanState | None = None) -> None:
        self.master, self.n, self.previous = master, triwulan, previous
        self.data = QuarterData()
        self.indikator = {i.kode: i for i in master.indikator}
        self.kegiatan = {k.kegiatan_kode: k for k in master.kegiatan}

    def __call__(self, files: list[BidangFile]) -> list[Finding]:
        out: list[Finding] = []
        for f in files:
            if not f.readable:
                continue
            declared = f.meta.get("triwulan", "")
            if self.n is None:
                if declared:
                    out.append(self._foreign(f, declared, "T002"))
                continue
            if parse_triwulan(declared) != self.n:
                out.append(self._foreign(f, declared, "T001"))
                f.readable = False  # its figures are of another quarter: neither checked nor merged
                continue
            percent = frozenset(i.kode for i in self.master.indikator if i.is_percent)
            q = read_quarters(f.path, f.name, f.bidang, percent)
            out += q.findings
            out += self._kinerja(f, q)
            out += self._anggaran(f, q)
            out += self._keluaran(f, q)
        return out

    def _foreign(self, f: BidangFile, declared: str, code: str) -> Finding:
        if code == "T002":
            message = f"Berkas triwulan {declared} dibaca tanpa --triwulan; realisasinya bukan realisasi tahunan."
        else:
            shown = f"triwulan {declared}" if declared else "laporan tahunan (tanpa triwulan)"
            message = f"Berkas untuk {shown}, penggabungan untuk triwulan {roman(self.n or 1)}; tidak digabung."
        return Finding.make(
            code,
            message,
            file=f.name,
            sheet="_meta",
            cell="B7",
            bidang=f.bidang,
            expected="" if self.n is None else str(self.n),
            actual=declared,
        )

    def _mk(self, f: BidangFile, code: str, sheet: str, cell: str, kode: str, message: str, **kw: str) -> Finding:
        return Finding.make(code, message, file=f.name, sheet=sheet, cell=cell, kode=kode, bidang=f.bidang, **kw)

    def _quarter_findings(
        self, f: BidangFile, sheet: str, jenis: str, kode: str, qrow: QuarterRow, agregasi: str, sd_letter: str = ""
    ) -> tuple[list[Finding], list[float | None], float | None]:
        """Blank, negative and changed quarter values of one row; its values TW I..N and realisasi s.d. N."""
        n = self.n or 4
        out: list[Finding] = []
        values = [None if v is None else float(v) for v in qrow.values[:n]]
        for k, v in enumerate(values, start=1):
            cell = f"{qrow.letters[k - 1]}{qrow.row}" if qrow.letters[k - 1] else ""
            if (v is None and any(x is not None for x in values)) or (v is None and k < n):
                out.append(self._mk(f, "T006", sheet, cell, kode, f"Realisasi TW {roman(k)} {kode} kosong."))
            elif v is not None and v < 0 and agregasi == JUMLAH:
                out.append(
                    self._mk(f, "T004", sheet, cell, kode, f"Realisasi TW {roman(k)} {kode} negatif.", actual=format_id(v, 2))
                )
        sd = aggregate(values, agregasi)
        if self.previous is None:
            return out, values, sd
        before = list(self.previous.of(jenis, kode)[: n - 1])
        for k, (now, then) in enumerate(zip(values[: n - 1], before, strict=True), start=1):
            if then is not None and (now is None or abs(now - then) > TOLERANCE):
                cell = f"{qrow.letters[k - 1]}{qrow.row}" if qrow.letters[k - 1] else ""
                out.append(
                    self._mk(
                        f,
                        "T005",
                        sheet,
                        cell,
                        kode,
                        f"Realisasi TW {roman(k)} {kode} berbeda dengan hasil triwulan lalu.",
                        expected=format_id(then, 2),
                        actual=format_id(now, 2),
                    )
                )
        earlier = aggregate(before, JUMLAH) if n > 1 else None
        if agregasi == JUMLAH and sd is not None and earlier is not None and sd < earlier - TOLERANCE:
            out.append(
                self._mk(
                    f,
                    "T004",
                    sheet,
                    f"{sd_letter or qrow.letters[n - 1]}{qrow.row}",
                    kode,
                    f"Realisasi kumulatif {kode} s.d. TW {roman(n)} lebih kecil dari s.d. TW {roman(n - 1)}.",
                    expected=f"≥ {format_id(earlier, 2)}",
                    actual=format_id(sd, 2),
                )
            )
        return out, values, sd

    def _replace(
        self, f: BidangFile, sheet: str, values: dict[str, list[object]], i: int, sd: float | None, money: bool
    ) -> list[Finding]:
        """Realisasi s.d. N computed from the quarters replaces the file's own figure; a different figure is T003."""
        written = values["realisasi"][i]
        new: float | int | None = None if sd is None else (round(sd) if money else sd)
        values["realisasi"][i] = new
        if written is None or new is None or abs(float(written) - float(new)) <= max(TOLERANCE, 0.5 if money else 0.005):  # type: ignore[arg-type]
            return []
        kode = str(values["kode"][i])
        letter = values.get("c_realisasi", [""])[i] or ""
        return [
            self._mk(
                f,
                "T003",
                sheet,
                f"{letter}{values['row'][i]}",
                kode,
                f"Realisasi s.d. TW {roman(self.n or 4)} {kode} tertulis {format_id(written, 2)}, hitungan dari triwulannya "  # type: ignore[arg-type]
                f"{format_id(new, 2)}.",
                expected=format_id(new, 2),
                actual=format_id(written, 2),  # type: ignore[arg-type]
            )
        ]

    def _kinerja(self, f: BidangFile, q: QuarterFile) -> list[Finding]:
        if f.kinerja is None:
            return []
        out: list[Finding] = []
        values = f.kinerja.values
        store = self.data.values.setdefault(f.name, {})
        texts = self.data.texts.setdefault(f.name, {})
        for i, kode in enumerate(values.get("kode", [])):
            ind = self.indikator.get(kode)
            qrow = q.kinerja.get(kode)
            if ind is None or ind.bidang != f.bidang or values["rejected"][i] or qrow is None or (INDIKATOR, kode) in store:
                continue
            found, tw, sd = self._quarter_findings(
                f, "Kinerja", INDIKATOR, kode, qrow, ind.agregasi, f.kinerja.letter("realisasi")
            )
            out += found
            out += self._replace(f, "Kinerja", values, i, sd, money=False)
            store[(INDIKATOR, kode)] = _padded(tw)
            texts[kode] = qrow.texts
        return out

    def _anggaran(self, f: BidangFile, q: QuarterFile) -> list[Finding]:
        if f.anggaran is None:
            return []
        out: list[Finding] = []
        values = f.anggaran.values
        store = self.data.values.setdefault(f.name, {})
        for i, kode in enumerate(values.get("kode", [])):
            keg = self.kegiatan.get(kode)
            qrow = q.anggaran.get(kode)
            if keg is None or keg.bidang != f.bidang or values["rejected"][i] or qrow is None or (KEGIATAN, kode) in store:
                continue
            found, _tw, _sd = self._quarter_findings(f, "Anggaran", KEGIATAN, kode, qrow, JUMLAH, f.anggaran.letter("realisasi"))
            out += found
            rupiah = [None if v is None else int(v.to_integral_value()) for v in qrow.values[: self.n or 4]]
            total = None if not rupiah or any(v is None for v in rupiah) else sum(v for v in rupiah if v is not None)
            out += self._replace(f, "Anggaran", values, i, total, money=True)  # Rupiah summed exactly, as int
            store[(KEGIATAN, kode)] = _padded([None if v is None else float(v) for v in rupiah])
        return out

    def _keluaran(self, f: BidangFile, q: QuarterFile) -> list[Finding]:
        from lkjip_xl.planning.triwulan import keluaran_kode

        out: list[Finding] = []
        store = self.data.values.setdefault(f.name, {})
        notes = self.data.keterangan.setdefault(f.name, {})
        seen: dict[str, int] = {}
        for ik in self.master.indikator_kegiatan:
            seen[ik.kegiatan_kode] = seen.get(ik.kegiatan_kode, 0) + 1
            kode = keluaran_kode(ik.kegiatan_kode, seen[ik.kegiatan_kode])
            keg = self.kegiatan.get(ik.kegiatan_kode)
            qrow = q.keluaran.get(kode)
            if keg is None or keg.bidang != f.bidang or qrow is None:
                continue
            found, tw, _sd = self._quarter_findings(f, "Keluaran", KELUARAN, kode, qrow, ik.agregasi)
            out += found
            store[(KELUARAN, kode)] = _padded(tw)
            notes[kode] = qrow.texts.get("keterangan", "")
        return out


def _padded(values: list[float | None]) -> Values:
    return tuple([*values, None, None, None, None][:4])
