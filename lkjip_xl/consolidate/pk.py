"""Bab II: the Perjanjian Kinerja's programs beside the budget in force (DPA or DPPA), with their difference."""

from __future__ import annotations

from dataclasses import dataclass

from lkjip_xl.planning.model import Master


@dataclass(frozen=True)
class PkRow:
    """One program of the PK (or of the DPA only): PK budget as signed, the budget in force, the difference."""

    kode: str
    nama: str
    sumber_dana: str
    anggaran_pk: int | None  # None: the program is in the DPA but not in the PK
    anggaran: int | None  # None: the program is in the PK but not in the DPA (e.g. APBN)
    sasaran: str = ""

    @property
    def selisih(self) -> int | None:
        """Budget in force minus PK budget (positive: more than signed)."""
        if self.anggaran_pk is None or self.anggaran is None:
            return None
        return self.anggaran - self.anggaran_pk


@dataclass(frozen=True)
class PkTable:
    rows: list[PkRow]
    stated_total: int | None  # the PK's own JUMLAH as written

    @property
    def total_pk(self) -> int:
        return sum(r.anggaran_pk or 0 for r in self.rows)

    @property
    def total_anggaran(self) -> int:
        return sum(r.anggaran or 0 for r in self.rows)

    @property
    def selisih(self) -> int:
        return self.total_anggaran - self.total_pk

    @property
    def stated_difference(self) -> int | None:
        """Stated PK total minus the sum of its rows (a finding, M012, when not 0)."""
        return None if self.stated_total is None else self.stated_total - self.total_pk


def pk_table(master: Master) -> PkTable:
    """PK programs in PK order, then DPA programs the PK does not list."""
    programs = {p.kode: p for p in master.programs()}
    rows: list[PkRow] = []
    seen: set[str] = set()
    for pk in master.program_pk:
        prog = programs.get(pk.program_kode)
        seen.add(pk.program_kode)
        rows.append(
            PkRow(pk.program_kode, pk.program_nama, pk.sumber_dana, pk.anggaran, prog.anggaran if prog else None, pk.sasaran)
        )
    if rows:
        for kode, prog in programs.items():
            if kode not in seen:
                rows.append(PkRow(kode, prog.nama, prog.sumber_dana, None, prog.anggaran))
    return PkTable(rows, master.pk_total)
