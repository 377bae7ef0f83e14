"""Checks of the Kinerja sheets of all files at once: realisasi, targets, capaian by polarity."""

from __future__ import annotations

from typing import Any

from lkjip_xl.checks.common import emit, missing_rows, num, pct, screen_rows, tolerance_expr
from lkjip_xl.checks.kodes import match_kodes
from lkjip_xl.findings import Finding
from lkjip_xl.planning.model import Master
from lkjip_xl.planning.rules import NEGATIF, RENTANG

SHEET = "Kinerja"
IMPLAUSIBLE_LOW, IMPLAUSIBLE_HIGH = 0.0, 200.0


def reference(master: Master) -> Any:
    import polars as pl

    return pl.DataFrame(
        {
            "kode": [i.kode for i in master.indikator],
            "owner": [i.bidang for i in master.indikator],
            "m_target": [None if i.target is None else float(i.target) for i in master.indikator],
            "polaritas": [i.polaritas for i in master.indikator],
            "m_percent": [i.is_percent for i in master.indikator],
            "m_target_maks": [None if i.target_maks is None else float(i.target_maks) for i in master.indikator],
            "m_batas": [None if i.batas_capaian is None else float(i.batas_capaian) for i in master.indikator],
        },
        schema={
            "kode": pl.Utf8,
            "owner": pl.Utf8,
            "m_target": pl.Float64,
            "polaritas": pl.Utf8,
            "m_percent": pl.Boolean,
            "m_target_maks": pl.Float64,
            "m_batas": pl.Float64,
        },
    )


def capaian_expr(target: Any, realisasi: Any, rumus: str, target_maks: Any = None, batas: Any = None) -> Any:
    """Capaian in percent units for each row's polarity (rules.capaian, column-wise), capped at `batas` when it is
    given and not null; null when it cannot be computed."""
    import polars as pl

    positive = realisasi / target * 100
    negative = target / realisasi * 100 if rumus == "T/R" else (2 - realisasi / target) * 100
    computable = target.is_not_null() & realisasi.is_not_null() & (target != 0)
    if rumus == "T/R":
        computable = computable & ((pl.col("polaritas") != NEGATIF) | (realisasi != 0))
    value = pl.when(pl.col("polaritas") == NEGATIF).then(negative).otherwise(positive)
    value = pl.when(computable).then(value).otherwise(None)
    if target_maks is not None:
        upper = pl.coalesce(target_maks, target)
        below = pl.when(target != 0).then(realisasi / target * 100).otherwise(None)
        above = pl.when(upper != 0).then((2 - realisasi / upper) * 100).otherwise(None)
        ranged = pl.when(realisasi < target).then(below).when(realisasi > upper).then(above).otherwise(pl.lit(100.0))
        ranged = pl.when(target.is_not_null() & realisasi.is_not_null()).then(ranged).otherwise(None)
        value = pl.when(pl.col("polaritas") == RENTANG).then(ranged).otherwise(value)
    if batas is not None:
        value = pl.when(batas.is_not_null() & (value > batas)).then(batas).otherwise(value)
    return value


def check_kinerja(frame: Any, master: Master, sheets: list[tuple[str, str]]) -> tuple[list[Finding], Any]:
    """All findings of the Kinerja rows, and the accepted rows with `capaian_hitung` (master target)."""
    import polars as pl

    from lkjip_xl.checks.schema import build_schema, failures
    from lkjip_xl.planning.spec import bidang_spec

    ref = reference(master)
    owned = ref.select("kode", pl.col("owner").alias("bidang"))
    frame, out = match_kodes(frame, ref["kode"].to_list(), "K012", SHEET)
    accepted, screened = screen_rows(frame, ref.select("kode"), owned, SHEET, ("K007", "K008", "K009"), "Perjanjian Kinerja")
    out += screened
    accepted = accepted.join(ref.drop("owner"), on="kode", how="left")
    # A percent indicator whose realisasi looks like a fraction (0.72 for 72 %) is flagged, not
    # turned into a capaian of ~1 %.
    small = pl.col("m_percent") & (pl.col("realisasi") > 0) & (pl.col("realisasi") <= 2) & (pl.col("m_target") >= 10)
    accepted = accepted.with_columns(small.fill_null(False).alias("realisasi_kecil"))
    tol = float(master.settings.toleransi)
    rumus = master.settings.rumus_negatif
    raw = capaian_expr(pl.col("m_target"), pl.col("realisasi"), rumus, pl.col("m_target_maks"))
    hitung = pl.when(pl.col("m_batas").is_not_null() & (raw > pl.col("m_batas"))).then(pl.col("m_batas")).otherwise(raw)
    accepted = accepted.with_columns(
        pl.when(pl.col("realisasi_kecil")).then(None).otherwise(hitung).alias("capaian_hitung"),
        pl.when(pl.col("realisasi_kecil")).then(None).otherwise(raw).alias("capaian_tanpa_batas"),
        tolerance_expr("capaian_dp", tol).alias("tol"),
    )
    capaian_kecil = (
        (pl.col("capaian") > 0)
        & (pl.col("capaian") <= 3)
        & ((pl.col("capaian") * 100 - pl.col("capaian_hitung")).abs() <= pl.col("tol") * 100)
    )
    accepted = accepted.with_columns(capaian_kecil.fill_null(False).alias("capaian_kecil"))
    schema = build_schema(
        bidang_spec().kinerja,
        {
            # a capped indicator's written capaian may be the capped or the uncapped figure
            "K003": pl.col("capaian_kecil")
            | ((pl.col("capaian") - pl.col("capaian_hitung")).abs() <= pl.col("tol"))
            | ((pl.col("capaian") - pl.col("capaian_tanpa_batas")).abs() <= pl.col("tol")),
            "K004": (pl.col("capaian_hitung") >= IMPLAUSIBLE_LOW) & (pl.col("capaian_hitung") <= IMPLAUSIBLE_HIGH),
        },
    )
    for code, _column, index in failures(schema, accepted):
        out += _from_schema(code, accepted.slice(index, 1))
    out += emit(
        accepted.filter(pl.col("realisasi").is_null()),
        "K001",
        SHEET,
        "realisasi",
        lambda r: f"Realisasi indikator {r['kode']} kosong.",
    )
    out += emit(
        accepted.filter(pl.col("target").is_not_null() & ((pl.col("target") - pl.col("m_target")).abs() > 1e-9)),
        "K002",
        SHEET,
        "target",
        lambda r: f"Target {r['kode']} berbeda dengan Perjanjian Kinerja; nilai master dipakai.",
        expected=lambda r: num(r["m_target"]),
        actual=lambda r: num(r["target"]),
    )
    out += emit(
        accepted.filter(pl.col("realisasi_kecil")),
        "N005",
        SHEET,
        "realisasi",
        lambda r: f"Realisasi {num(r['realisasi'])} % tampak 100 kali terlalu kecil untuk target {num(r['m_target'])} %.",
        expected=lambda r: f"≈ {num(r['realisasi'] * 100)}",
        actual=lambda r: num(r["realisasi"]),
    )
    out += emit(
        accepted.filter(pl.col("capaian_kecil")),
        "N005",
        SHEET,
        "capaian",
        lambda r: f"Capaian {num(r['capaian'])} tampak 100 kali terlalu kecil (hitungan {pct(r['capaian_hitung'])}).",
        expected=lambda r: pct(r["capaian_hitung"]),
        actual=lambda r: num(r["capaian"]),
    )
    out += emit(
        accepted.filter(pl.col("capaian_tanpa_batas") > pl.col("capaian_hitung")),
        "K030",
        SHEET,
        "capaian",
        lambda r: f"Capaian {r['kode']} {pct(r['capaian_tanpa_batas'])} dibatasi {pct(r['m_batas'])}.",
        expected=lambda r: pct(r["capaian_hitung"]),
        actual=lambda r: pct(r["capaian_tanpa_batas"]),
    )
    cannot = pl.col("realisasi").is_not_null() & pl.col("capaian_hitung").is_null() & ~pl.col("realisasi_kecil")
    out += emit(
        accepted.filter(cannot),
        "K010",
        SHEET,
        "capaian",
        lambda r: f"Capaian {r['kode']} tidak dapat dihitung (target {num(r['m_target']) or 'kosong'}).",
    )
    # One warning per unexplained indicator: the cause may be written in Keterangan or in the faktor columns.
    # K005 when neither says anything; K020 when only Keterangan does (Bab III's analysis then has no cause), and
    # only in a file that has the faktor columns: one made from an older template is not asked to add them.
    below = pl.col("capaian_hitung") < 100
    blank = {
        k: pl.col(k).fill_null("").str.strip_chars() == ""
        for k in ("keterangan", "faktor_pendorong", "faktor_penghambat", "upaya")
    }
    no_faktor = blank["faktor_pendorong"] & blank["faktor_penghambat"] & blank["upaya"]
    out += emit(
        accepted.filter(below & blank["keterangan"] & no_faktor),
        "K005",
        SHEET,
        "keterangan",
        lambda r: f"Capaian {r['kode']} {pct(r['capaian_hitung'])} di bawah 100 % tanpa keterangan.",
        actual=lambda r: pct(r["capaian_hitung"]),
    )
    out += emit(
        accepted.filter(below & ~blank["keterangan"] & no_faktor & (pl.col("c_faktor_penghambat").fill_null("") != "")),
        "K020",
        SHEET,
        "faktor_penghambat",
        lambda r: f"Capaian {r['kode']} {pct(r['capaian_hitung'])} di bawah 100 % tanpa faktor penghambat maupun upaya.",
        actual=lambda r: pct(r["capaian_hitung"]),
    )
    owned = {b: [(i.kode, i.indikator) for i in inds] for b, inds in master.by_bidang()[0].items()}
    out += missing_rows(accepted, sheets, owned, "K006", SHEET, "Indikator")
    return out, accepted


def _from_schema(code: str, row: Any) -> list[Finding]:
    if code == "K004":
        return emit(
            row,
            "K004",
            SHEET,
            "capaian",
            lambda r: f"Capaian {r['kode']} {pct(r['capaian_hitung'])} tidak wajar.",
            expected=lambda r: "0–200 %",
            actual=lambda r: pct(r["capaian_hitung"]),
        )
    return emit(
        row,
        "K003",
        SHEET,
        "capaian",
        lambda r: (
            f"Capaian {r['kode']} tertulis {pct(r['capaian'])}, seharusnya {pct(r['capaian_hitung'])} "
            f"(polaritas {r['polaritas']})."
        ),
        expected=lambda r: pct(r["capaian_hitung"]),
        actual=lambda r: pct(r["capaian"]),
    )
