"""The built-in example: the Magelang 2017 master and bidang files filled with the published figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from lkjip_xl.example import data
from lkjip_xl.numbers import parse_text
from lkjip_xl.planning.model import Bidang, Indikator, Instansi, Kegiatan, Master, ProgramPK, Riwayat


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else parse_text(text)


def _rupiah(text: str) -> int:
    value = parse_text(text)
    assert value is not None, text
    return int(value)


def _sumber_dana(nama: str) -> str:
    return "DBHCHT" if "(DBHCHT)" in nama else "APBD II"


def build_master() -> Master:
    """The 2017 planning data: PK targets and programs (Bab II), DPA from the Realisasi Anggaran table, 2016 as riwayat."""
    indikator = [
        Indikator(kode, sas, ind, sat, pol, _dec(t), _dec(tr), kum, bid, ket)
        for kode, sas, ind, sat, pol, t, tr, kum, bid, ket in data.INDIKATOR
    ]
    kegiatan = [
        Kegiatan(pkode, pnama, f"{pkode}.{i:02d}", knama, bid, _sumber_dana(knama), _rupiah(kang))
        for pkode, bid, pnama, _a, _r, _p, kegs in data.PROGRAMS
        for i, (knama, kang, _kr, _kp) in enumerate(kegs, start=1)
    ]
    riwayat = [Riwayat(kode, 2016, _dec(t), _dec(r), _dec(c), ket) for kode, t, r, c, ket in data.RIWAYAT_2016]
    return Master(
        instansi=Instansi(**data.INSTANSI),  # type: ignore[arg-type]
        bidang=[Bidang(k, n) for k, n in data.BIDANG],
        indikator=indikator,
        kegiatan=kegiatan,
        riwayat=riwayat,
        file="master_lkjip_2017.xlsx",
        program_pk=[ProgramPK(k, n, sd, _rupiah(a), sas) for k, n, a, sd, sas in data.PK_PROGRAMS],
        pk_total=_rupiah(data.PK_TOTAL),
    )


def published_kinerja() -> dict[str, tuple[str, str, str]]:
    """kode → (target, realisasi, capaian) as printed in Bab III.A.1."""
    return {kode: (t, r, c) for kode, t, r, c in data.KINERJA_PUBLISHED}


def published_anggaran() -> dict[str, tuple[str, str, str]]:
    """kode (program and kegiatan) → (anggaran, realisasi, persen) as printed in Bab III.B."""
    out: dict[str, tuple[str, str, str]] = {}
    for pkode, _bid, _nama, a, r, p, kegs in data.PROGRAMS:
        out[pkode] = (a, r, p)
        for i, (_kn, ka, kr, kp) in enumerate(kegs, start=1):
            out[f"{pkode}.{i:02d}"] = (ka, kr, kp)
    return out


def fill_with_published(template: Path, out: Path) -> Path:
    """Fill a bidang template as a bidang would, with the report's published figures as they are."""
    from lkjip_xl.example.fill import fill

    return fill(template, out, published_kinerja(), published_anggaran(), data.TEXT_STYLE_PROGRAMS, sdm=data.SDM)
