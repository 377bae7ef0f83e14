"""Efficiency of resource use per sasaran (PermenPAN-RB 53/2014): capaian kinerja beside serapan anggaran."""

from __future__ import annotations

from dataclasses import dataclass, field

from lkjip_xl.consolidate.tables import Consolidated, KinerjaRow

EFISIEN, KURANG_EFISIEN, TIDAK_DINILAI = "efisien", "kurang efisien", "tidak dapat dinilai"
RULE = (
    "efisien bila rata-rata capaian kinerja sasaran (%) ≥ serapan anggaran program yang melayaninya (%); "
    "kurang efisien bila lebih kecil; tidak dapat dinilai bila salah satunya tidak ada"
)


@dataclass
class EfisiensiRow:
    no: int
    sasaran: str
    indikator: int  # indicators of the sasaran
    dihitung: int  # of them with a computable capaian
    capaian: float | None  # mean capaian of those
    programs: list[str] = field(default_factory=list)  # program kode mapped to the sasaran (master Program PK)
    anggaran: int = 0
    realisasi: int = 0

    @property
    def serapan(self) -> float | None:
        return self.realisasi / self.anggaran * 100 if self.anggaran else None

    @property
    def selisih(self) -> float | None:
        """Capaian minus serapan, in percentage points."""
        return None if self.capaian is None or self.serapan is None else self.capaian - self.serapan

    @property
    def penilaian(self) -> str:
        if self.selisih is None:
            return TIDAK_DINILAI
        return EFISIEN if self.selisih >= 0 else KURANG_EFISIEN


def mean_capaian(rows: list[KinerjaRow]) -> tuple[float | None, int]:
    """The mean of the computable capaian, and how many there are."""
    values = [r.capaian for r in rows if r.capaian is not None]
    return (sum(values) / len(values) if values else None), len(values)


def efisiensi(c: Consolidated) -> list[EfisiensiRow]:
    """One row per sasaran, in master order; programs by the master's program → sasaran mapping."""
    by_sasaran: dict[str, list[KinerjaRow]] = {}
    for r in c.kinerja:
        by_sasaran.setdefault(r.sasaran, []).append(r)
    mapping = c.master.sasaran_of_program()
    out = []
    for no, (sasaran, rows) in enumerate(by_sasaran.items(), start=1):
        mean, n = mean_capaian(rows)
        row = EfisiensiRow(no, sasaran, len(rows), n, mean)
        for p in c.programs:
            if mapping.get(p.kode) == sasaran:
                row.programs.append(p.kode)
                row.anggaran += p.anggaran
                row.realisasi += p.realisasi or 0
        out.append(row)
    return out
