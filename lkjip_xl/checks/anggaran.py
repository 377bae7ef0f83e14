"""Checks of the Anggaran sheets of all files at once: ownership, totals, percentages, planning values."""

from __future__ import annotations

from typing import Any

from lkjip_xl.checks.common import emit, missing_rows, num, pct, rp, screen_rows, tolerance_expr
from lkjip_xl.checks.kodes import match_kodes
from lkjip_xl.checks.scale import flag_scaled
from lkjip_xl.findings import Finding
from lkjip_xl.planning.model import Master

SHEET = "Anggaran"


def reference(master: Master) -> tuple[Any, Any, Any]:
    """(known kode, owned (kode, bidang) pairs, kegiatan facts) from the master DPA."""
    import polars as pl

    keg = pl.DataFrame(
        {
            "kode": [k.kegiatan_kode for k in master.kegiatan],
            "owner": [k.bidang for k in master.kegiatan],
            "m_anggaran": [k.anggaran_final for k in master.kegiatan],  # the budget in force
            "program_kode": [k.program_kode for k in master.kegiatan],
        },
        schema={"kode": pl.Utf8, "owner": pl.Utf8, "m_anggaran": pl.Int64, "program_kode": pl.Utf8},
    )
    programs = keg.select(pl.col("program_kode").alias("kode"), pl.col("owner")).unique()
    owned = pl.concat([keg.select("kode", "owner"), programs]).rename({"owner": "bidang"}).unique()
    known = owned.select("kode").unique()
    return known, owned, keg


def check_anggaran(frame: Any, master: Master, sheets: list[tuple[str, str]]) -> tuple[list[Finding], Any]:
    """All findings of the Anggaran rows, and the accepted rows (level and master anggaran joined).

    `sheets` names every (file, bidang) whose Anggaran sheet was read, even when it had no rows.
    """
    import polars as pl

    from lkjip_xl.checks.schema import build_schema, failures
    from lkjip_xl.planning.spec import bidang_spec

    known, owned, keg = reference(master)
    basis = "DPPA" if master.has_perubahan else "DPA"
    frame, out = match_kodes(frame, known["kode"].to_list(), "A012", SHEET)
    accepted, screened = screen_rows(frame, known, owned, SHEET, ("A008", "A009", "A010"), "DPA")
    out += screened
    accepted = accepted.join(keg.drop("owner"), on="kode", how="left").with_columns(
        pl.col("m_anggaran").is_not_null().alias("is_kegiatan")
    )
    accepted, scaled = flag_scaled(accepted, keg, SHEET)
    out += scaled
    tol = float(master.settings.toleransi)
    accepted = _with_persen_hitung(accepted, keg).with_columns(tolerance_expr("persen_dp", tol).alias("tol"))
    too_small = (
        (pl.col("persen") > 0)
        & (pl.col("persen") <= 3)
        & ((pl.col("persen") * 100 - pl.col("persen_hitung")).abs() <= pl.col("tol") * 100)
    )
    accepted = accepted.with_columns(too_small.fill_null(False).alias("persen_kecil"))
    schema = build_schema(
        bidang_spec().anggaran,
        {
            "A001": ~pl.col("is_kegiatan") | (pl.col("realisasi") <= pl.col("m_anggaran")),
            "A003": pl.col("persen_kecil") | ((pl.col("persen") - pl.col("persen_hitung")).abs() <= pl.col("tol")),
        },
    )
    for code, column, index in failures(schema, accepted):
        out += _from_schema(code, column, accepted.slice(index, 1))
    out += emit(
        accepted.filter(pl.col("persen_kecil")),
        "N005",
        SHEET,
        "persen",
        lambda r: f"Realisasi (%) {pct(r['persen'])} tampak 100 kali terlalu kecil (hitungan {pct(r['persen_hitung'])}).",
        expected=lambda r: pct(r["persen_hitung"]),
        actual=lambda r: num(r["persen"]),
    )
    kegiatan = accepted.filter(pl.col("is_kegiatan"))
    out += emit(
        kegiatan.filter(pl.col("anggaran").is_not_null() & (pl.col("anggaran") != pl.col("m_anggaran"))),
        "A005",
        SHEET,
        "anggaran",
        lambda r: f"Anggaran {r['kode']} berbeda dengan master ({basis}); nilai master dipakai.",
        expected=lambda r: rp(r["m_anggaran"]),
        actual=lambda r: rp(r["anggaran"]),
    )
    out += emit(
        kegiatan.filter(pl.col("realisasi").is_null() & ~pl.col("skala")),
        "A006",
        SHEET,
        "realisasi",
        lambda r: f"Realisasi kegiatan {r['kode']} kosong.",
    )
    out += _program_totals(accepted)
    owned = {b: [(k.kegiatan_kode, k.kegiatan_nama) for k in ks] for b, ks in master.by_bidang()[1].items()}
    out += missing_rows(accepted, sheets, owned, "A007", SHEET, "Kegiatan")
    return out, accepted


def _with_persen_hitung(accepted: Any, keg: Any) -> Any:
    """`persen_hitung`, % realisasi as lkjip-xl computes it, never from a stored formula result: a kegiatan's
    realisasi over its DPA anggaran; a program's Σ realisasi of its kegiatan in the file over Σ DPA anggaran of
    the kegiatan its bidang owns (null while a kegiatan of it is missing or blank: A006/A007 say so)."""
    import polars as pl

    owned = keg.group_by(["program_kode", "owner"]).agg(
        pl.col("m_anggaran").sum().alias("_p_anggaran"), pl.len().cast(pl.Int64).alias("_p_n")
    )
    done = (
        accepted.filter(pl.col("is_kegiatan"))
        .group_by(["file", "program_kode"])
        .agg(pl.col("realisasi").sum().alias("_p_realisasi"), pl.col("realisasi").count().cast(pl.Int64).alias("_p_filled"))
        .rename({"program_kode": "kode"})
    )
    joined = accepted.join(owned.rename({"program_kode": "kode", "owner": "bidang"}), on=["kode", "bidang"], how="left").join(
        done, on=["file", "kode"], how="left"
    )
    kegiatan = pl.col("realisasi").cast(pl.Float64) / pl.col("m_anggaran").cast(pl.Float64) * 100
    program = pl.col("_p_realisasi").cast(pl.Float64) / pl.col("_p_anggaran").cast(pl.Float64) * 100
    complete = (pl.col("_p_filled") == pl.col("_p_n")) & (pl.col("_p_anggaran") > 0)
    value = (
        pl.when(pl.col("is_kegiatan") & (pl.col("m_anggaran") > 0))
        .then(kegiatan)
        .when(~pl.col("is_kegiatan") & complete.fill_null(False))
        .then(program)
        .otherwise(None)
    )
    return joined.with_columns(value.alias("persen_hitung")).drop("_p_anggaran", "_p_n", "_p_realisasi", "_p_filled")


def _from_schema(code: str, column: str | None, row: Any) -> list[Finding]:
    if code == "A002":
        key = column or "realisasi"
        return emit(
            row,
            "A002",
            SHEET,
            key,
            lambda r: f"{key.capitalize()} {r['kode']} bernilai negatif.",
            expected=lambda r: "≥ 0",
            actual=lambda r: rp(r[key]),
        )
    if code == "A001":
        return emit(
            row,
            "A001",
            SHEET,
            "realisasi",
            lambda r: f"Realisasi {r['kode']} melebihi anggaran yang berlaku (DPPA bila ada, selain itu DPA).",
            expected=lambda r: f"≤ {rp(r['m_anggaran'])}",
            actual=lambda r: rp(r["realisasi"]),
        )
    return emit(
        row,
        "A003",
        SHEET,
        "persen",
        lambda r: f"Realisasi (%) {r['kode']} tertulis {pct(r['persen'])}, seharusnya {pct(r['persen_hitung'])}.",
        expected=lambda r: pct(r["persen_hitung"]),
        actual=lambda r: pct(r["persen"]),
    )


def _program_totals(accepted: Any) -> list[Finding]:
    import polars as pl

    sums = (
        accepted.filter(pl.col("is_kegiatan"))
        .group_by(["file", "program_kode"])
        .agg(
            pl.col("anggaran").sum().alias("sum_anggaran"),
            pl.col("realisasi").sum().alias("sum_realisasi"),
            pl.col("realisasi").null_count().alias("blank_realisasi"),
        )
        .rename({"program_kode": "kode"})
    )
    programs = accepted.filter(~pl.col("is_kegiatan")).join(sums, on=["file", "kode"], how="left")
    out: list[Finding] = []
    for key in ("anggaran", "realisasi"):
        bad = programs.filter(pl.col(key).is_not_null() & (pl.col(key) != pl.col(f"sum_{key}").fill_null(0)))
        out += _total_findings(bad, key)
    return out


def _total_findings(bad: Any, key: str) -> list[Finding]:
    return emit(
        bad,
        "A004",
        SHEET,
        key,
        lambda r: f"{key.capitalize()} program {r['kode']} tidak sama dengan jumlah kegiatannya.",
        expected=lambda r: rp(r[f"sum_{key}"] or 0),
        actual=lambda r: rp(r[key]),
    )
