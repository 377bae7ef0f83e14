"""Next year's master from a finished year (lkjip-xl init DIR --dari HASIL.xlsx, a yearly or TW IV result): planning data carried,
Riwayat extended with the finished year's target, realisasi and capaian, new targets and anggaran left blank."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from lkjip_xl.findings import Finding
from lkjip_xl.numbers import round_half_up
from lkjip_xl.planning.model import Kegiatan, Master, Riwayat
from lkjip_xl.planning.rules import JUMLAH, capaian
from lkjip_xl.planning.triwulan import INDIKATOR, KEGIATAN, TriwulanState


def _decimal(value: float | None, places: int | None = None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(round_half_up(value, places))) if places is not None else Decimal(repr(value))


def finished_year(master: Master, state: TriwulanState) -> list[Riwayat]:
    """One Riwayat row per indicator: the year's target, realisasi (the yearly value, or by agregasi over the four
    quarters), and the capaian as the report shows it (capped, rounded to 2 decimals; blank when it cannot be
    computed)."""
    rumus = master.settings.rumus_negatif
    out = []
    for ind in master.indikator:
        realisasi = state.year(INDIKATOR, ind.kode, ind.agregasi)
        target = None if ind.target is None else float(ind.target)
        maks = None if ind.target_maks is None else float(ind.target_maks)
        batas = None if ind.batas_capaian is None else float(ind.batas_capaian)
        value = capaian(target, realisasi, ind.polaritas, rumus, maks, batas)
        out.append(Riwayat(ind.kode, master.instansi.tahun, ind.target, _decimal(realisasi), _decimal(value, 2)))
    return out


def _renstra_budget(master: Master, state: TriwulanState, keg: Kegiatan, new: int) -> Kegiatan:
    """Pagu Renstra carried; Realisasi Renstra s.d. tahun lalu + the finished year's realisasi (the year's alone in
    the Renstra's first year, for a kegiatan with a Pagu Renstra). Blank when either part is unknown (blank never
    means 0), and both blank when the new year starts another Renstra period."""
    inst = master.instansi
    if new > inst.renstra_akhir:
        return replace(keg, pagu_renstra=None, realisasi_renstra_lalu=None)
    spent = state.year(KEGIATAN, keg.kegiatan_kode, JUMLAH)
    before = keg.realisasi_renstra_lalu
    if before is None and keg.pagu_renstra is not None and inst.tahun <= inst.renstra_awal:
        before = 0  # the Renstra's first year: nothing before it
    if spent is None or before is None:
        return replace(keg, realisasi_renstra_lalu=None)
    return replace(keg, realisasi_renstra_lalu=before + int(round_half_up(spent, 0)))


def next_year(master: Master, state: TriwulanState, tahun: int | None = None) -> tuple[Master, list[Finding]]:
    """The master of `tahun` (default: the next year). A target for the new year is taken from a Riwayat row of
    that year (a per-year Renstra target typed in advance); otherwise it is blank, as is every anggaran."""
    done = master.instansi.tahun
    new = tahun or done + 1
    finished = {r.kode: r for r in finished_year(master, state)}
    kept = [r for r in master.riwayat if not (r.tahun == done and r.kode in finished)]
    planned = {r.kode: r.target for r in master.riwayat if r.tahun == new and r.target is not None}
    riwayat = sorted([*kept, *finished.values()], key=lambda r: (r.kode, r.tahun))
    indikator = [replace(i, target=planned.get(i.kode), target_triwulan=(), row=0) for i in master.indikator]
    kegiatan = [
        replace(_renstra_budget(master, state, k, new), anggaran=None, anggaran_perubahan=None, row=0) for k in master.kegiatan
    ]
    outputs = [replace(k, target=None, row=0) for k in master.indikator_kegiatan]
    result = replace(
        master,
        instansi=replace(master.instansi, tahun=new),
        indikator=indikator,
        kegiatan=kegiatan,
        riwayat=riwayat,
        indikator_kegiatan=outputs,
        program_pk=[replace(p, anggaran=None, row=0) for p in master.program_pk],  # next year's PK is signed anew
        pk_total=None,
        file=f"master_lkjip_{new}.xlsx",
    )
    findings = []
    if new > master.instansi.renstra_akhir:
        inst = master.instansi
        findings.append(
            Finding.make(
                "M027",
                f"Tahun {new} di luar periode Renstra {inst.renstra_awal}–{inst.renstra_akhir}: isi periode Renstra baru "
                "(Renstra Tahun Awal/Akhir) dan target akhir Renstra setiap indikator.",
                file=result.file,
                sheet="Instansi",
                cell="B4",
                expected=f"≥ {new}",
                actual=str(inst.renstra_akhir),
            )
        )
    return result, findings
