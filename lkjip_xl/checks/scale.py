"""Amounts typed in thousands or millions without saying so: about 1.000× or 1.000.000× smaller than their anggaran."""

from __future__ import annotations

from typing import Any

from lkjip_xl.checks.common import emit, rp
from lkjip_xl.findings import Finding

MIN_ANGGARAN = 1_000_000  # below this a realisasi in thousands would be under a thousand: nothing to tell apart
BAND = 1.5  # realisasi × 1.000 (or × 1.000.000) at most 1,5 × its anggaran: a realisasi in Rupiah that small is not real


def flag_scaled(accepted: Any, keg: Any, sheet: str) -> tuple[Any, list[Finding]]:
    """A014 at each realisasi that looks typed in thousands/millions (against the DPA anggaran of the kegiatan, or
    of the program's kegiatan its bidang owns); that realisasi is never merged as Rupiah (it becomes blank, with
    the column `skala` saying why, so that no 'blank' finding follows)."""
    import polars as pl

    programs = keg.group_by(["program_kode", "owner"]).agg(pl.col("m_anggaran").sum().alias("_ref"))
    joined = accepted.join(
        programs.rename({"program_kode": "kode", "owner": "bidang"}), on=["kode", "bidang"], how="left"
    ).with_columns(pl.coalesce("m_anggaran", "_ref").alias("_ref"))
    ratio = pl.col("realisasi").cast(pl.Float64) * 1000 / pl.col("_ref").cast(pl.Float64)
    flag = (pl.col("realisasi") > 0) & (pl.col("_ref") >= MIN_ANGGARAN) & (ratio <= BAND)
    joined = joined.with_columns(flag.fill_null(False).alias("skala"))
    flagged = joined.filter(pl.col("skala"))
    out = emit(
        flagged,
        "A014",
        sheet,
        "realisasi",
        lambda r: (
            f"Realisasi {r['kode']} {rp(r['realisasi'])} terhadap anggaran {rp(r['_ref'])}: tampak ditulis dalam "
            f"{'jutaan' if r['realisasi'] * 1_000_000 <= BAND * r['_ref'] else 'ribuan'} rupiah; tidak digabung."
        ),
        expected=lambda r: f"≈ {rp(r['realisasi'] * (1_000_000 if r['realisasi'] * 1_000_000 <= BAND * r['_ref'] else 1000))}",
        actual=lambda r: rp(r["realisasi"]),
    )
    if flagged.height:
        joined = joined.with_columns(pl.when(pl.col("skala")).then(None).otherwise(pl.col("realisasi")).alias("realisasi"))
    return joined.drop("_ref"), out
