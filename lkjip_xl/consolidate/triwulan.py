"""The quarter values of a quarterly merge: from the merged files, earlier quarters carried from the previous
result where a bidang sent nothing; what Evaluasi Renja and the hidden `_triwulan` sheet show."""

from __future__ import annotations

from dataclasses import dataclass, field

from lkjip_xl.checks.runner import Report
from lkjip_xl.checks.triwulan import QuarterPass
from lkjip_xl.planning.model import Master
from lkjip_xl.planning.rules import JUMLAH, aggregate
from lkjip_xl.planning.triwulan import INDIKATOR, KEGIATAN, KELUARAN, TriwulanState, keluaran_kode

Values = tuple[float | None, ...]


@dataclass
class Triwulan:
    n: int
    values: dict[tuple[str, str], Values]
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # indicator kode -> faktor texts
    notes: dict[str, str] = field(default_factory=dict)  # keluaran kode -> keterangan
    previous: str = ""  # file name of the previous quarter's result, when given

    def of(self, jenis: str, kode: str) -> Values:
        return self.values.get((jenis, kode), (None, None, None, None))

    def sd(self, jenis: str, kode: str, agregasi: str) -> float | None:
        """Realisasi s.d. quarter n by agregasi (None when a quarter up to n is blank)."""
        return aggregate(list(self.of(jenis, kode)[: self.n]), agregasi)

    def state(self, master: Master) -> TriwulanState:
        inst = master.instansi
        return TriwulanState(inst.nama, inst.pemda, inst.tahun, self.n, dict(self.values))


def keluaran_rows(master: Master) -> list[tuple[str, str]]:
    """(row kode, kegiatan kode) of every output indicator, in master order."""
    seen: dict[str, int] = {}
    out = []
    for ik in master.indikator_kegiatan:
        seen[ik.kegiatan_kode] = seen.get(ik.kegiatan_kode, 0) + 1
        out.append((keluaran_kode(ik.kegiatan_kode, seen[ik.kegiatan_kode]), ik.kegiatan_kode))
    return out


def consolidate_triwulan(report: Report, quarters: QuarterPass, previous: TriwulanState | None) -> Triwulan:
    master, n = report.master, quarters.n or 4
    merged = [f.name for f in report.files if f.merged]
    got: dict[tuple[str, str], Values] = {}
    texts: dict[str, dict[str, str]] = {}
    notes: dict[str, str] = {}
    for name in merged:
        for key, given in quarters.data.values.get(name, {}).items():
            got.setdefault(key, given)
        for kode, t in quarters.data.texts.get(name, {}).items():
            texts.setdefault(kode, t)
        for kode, note in quarters.data.keterangan.get(name, {}).items():
            notes.setdefault(kode, note)
    keys = [(INDIKATOR, i.kode) for i in master.indikator]
    keys += [(KEGIATAN, k.kegiatan_kode) for k in master.kegiatan]
    keys += [(KELUARAN, kode) for kode, _ in keluaran_rows(master)]
    values: dict[tuple[str, str], Values] = {}
    for key in keys:
        if key in got:
            values[key] = got[key]
        else:  # no merged file for it: the quarters already reported stay, this one is blank
            before = previous.of(*key) if previous else (None, None, None, None)
            values[key] = tuple(before[k] if k < n - 1 else None for k in range(4))
    return Triwulan(n, values, texts, notes, previous.file if previous else "")


__all__ = ["JUMLAH", "Triwulan", "consolidate_triwulan", "keluaran_rows"]
