"""Shared helpers for frame checks: row subsets → findings, ownership/duplicate screening, tolerances."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from lkjip_xl.findings import Finding
from lkjip_xl.numbers import decimals_of, format_id

Row = dict[str, Any]
KODE_SHOWN = 60


def emit(
    rows: Any,
    code: str,
    sheet: str,
    cell_key: str,
    message: Callable[[Row], str],
    expected: Callable[[Row], str] | None = None,
    actual: Callable[[Row], str] | None = None,
) -> list[Finding]:
    """One finding per row of a polars frame, located at that row's `cell_key` column."""
    out = []
    for r in rows.iter_rows(named=True):
        if r["kode"] and len(r["kode"]) > KODE_SHOWN:  # a kode is short; anything longer is shown cut
            r["kode"] = r["kode"][:KODE_SHOWN] + "…"
        letter = r.get(f"c_{cell_key}") or r.get("c_kode") or "A"
        out.append(
            Finding.make(
                code,
                message(r),
                file=r["file"],
                sheet=r.get("sheet") or sheet,
                cell=f"{letter}{r['row']}",
                kode=r["kode"] or "",
                bidang=r["bidang"] or "",
                expected=expected(r) if expected else "",
                actual=actual(r) if actual else "",
            )
        )
    return out


def screen_rows(
    frame: Any, known: Any, owned: Any, sheet: str, codes: tuple[str, str, str], what: str
) -> tuple[Any, list[Finding]]:
    """Reject unknown codes, rows of another bidang and duplicates; return the accepted rows.

    `known` is a frame of valid `kode`; `owned` of valid (`kode`, `bidang`) pairs.
    """
    import polars as pl

    unknown_c, other_c, dup_c = codes
    out: list[Finding] = []
    live = frame.filter(~pl.col("rejected"))
    unknown = live.join(known, on="kode", how="anti")
    out += emit(
        unknown,
        unknown_c,
        sheet,
        "kode",
        lambda r: f"Kode '{r['kode']}' tidak ada di master {what}; baris tidak digabung.",
        actual=lambda r: r["kode"],
    )
    live = live.join(known, on="kode", how="semi")
    other = live.join(owned, on=["kode", "bidang"], how="anti")
    out += emit(
        other,
        other_c,
        sheet,
        "kode",
        lambda r: f"Kode '{r['kode']}' bukan milik bidang {r['bidang'] or '(tidak dikenal)'}; baris ditolak.",
        actual=lambda r: r["kode"],
    )
    live = live.join(owned, on=["kode", "bidang"], how="semi")
    live = live.with_columns(pl.col("row").rank("ordinal").over(["file", "kode"]).alias("_n"))
    dup = live.filter(pl.col("_n") > 1)
    out += emit(
        dup,
        dup_c,
        sheet,
        "kode",
        lambda r: f"Kode '{r['kode']}' sudah muncul di baris sebelumnya; baris ini tidak digabung.",
        actual=lambda r: r["kode"],
    )
    return live.filter(pl.col("_n") == 1).drop("_n"), out


def tolerance_expr(stated_dp: str, base: float) -> Any:
    """Half a unit of the stated value's last decimal, never below the master's tolerance."""
    import polars as pl

    half_unit = pl.lit(0.5) * pl.lit(10.0).pow(-pl.col(stated_dp).fill_null(2).clip(0, 6).cast(pl.Float64))
    return pl.max_horizontal(half_unit, pl.lit(base)) + 1e-9


def rp(v: Any) -> str:
    return "" if v is None else f"Rp {format_id(v)}"


def pct(v: Any) -> str:
    return "" if v is None else f"{format_id(v, 2)} %"


def num(v: Any) -> str:
    """A value in Indonesian display with the decimals it carries (at most 4): 3.160, 0,72, 1,1652."""
    if v is None:
        return ""
    return format_id(v, min(decimals_of(Decimal(repr(float(v)))), 4))


def missing_rows(
    accepted: Any, sheets: list[tuple[str, str]], owned: dict[str, list[tuple[str, str]]], code: str, sheet: str, noun: str
) -> list[Finding]:
    """One finding per (kode, nama) a file's bidang owns in the master that the file does not carry."""
    present = set(zip(accepted["file"].to_list(), accepted["kode"].to_list(), strict=True))
    out: list[Finding] = []
    for file, bidang in sheets:
        for kode, nama in owned.get(bidang, []):
            if (file, kode) not in present:
                out.append(
                    Finding.make(
                        code,
                        f"{noun} {kode} ({nama[:60]}) tidak ada di berkas.",
                        file=file,
                        sheet=sheet,
                        kode=kode,
                        bidang=bidang,
                    )
                )
    return out
