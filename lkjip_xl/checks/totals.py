"""Total rows a bidang typed (JUMLAH, TOTAL, Jumlah Program …) against lkjip-xl's own sums of the rows they total."""

from __future__ import annotations

from typing import Any

from lkjip_xl.checks.common import rp
from lkjip_xl.findings import Finding
from lkjip_xl.intake.reader import BidangFile

UNREADABLE = frozenset({"N002", "N003", "N006", "N007"})


def check_totals(files: list[BidangFile], accepted: Any) -> list[Finding]:
    """A013 at a total's cell when its typed anggaran or realisasi is neither the sum of the kegiatan rows of its
    group (since the previous total row) nor the sum of every kegiatan row above it. Totals are never data."""
    import polars as pl

    out: list[Finding] = []
    keg = accepted.filter(pl.col("is_kegiatan")).select(
        "file", "row", pl.coalesce("anggaran", "m_anggaran").alias("anggaran"), "realisasi"
    )
    by_file: dict[str, list[tuple[int, int | None, int | None]]] = {}
    for file, row, anggaran, realisasi in keg.iter_rows():
        by_file.setdefault(file, []).append((row, anggaran, realisasi))
    for f in files:
        sheet = f.anggaran
        if sheet is None or not sheet.totals:
            continue
        rows = by_file.get(f.name, [])
        for total in sheet.totals:
            for i, key in ((1, "anggaran"), (2, "realisasi")):
                typed = total.get(key)
                if typed is None:
                    continue
                above = [r for r in rows if r[0] < total["row"]]
                group = [r for r in above if r[0] >= total["start"]]
                if not above:
                    continue
                sums = {sum(r[i] or 0 for r in part) for part in (group, above) if part}
                if typed in sums:
                    continue
                expected = sum(r[i] or 0 for r in (group or above))
                out.append(
                    Finding.make(
                        "A013",
                        f"{key.capitalize()} pada baris '{total['label'][:40]}' tertulis {rp(typed)}, "
                        f"jumlah baris kegiatan yang dijumlahkannya {rp(expected)}.",
                        file=f.name,
                        sheet=sheet.name,
                        cell=f"{sheet.letter(key)}{total['row']}",
                        bidang=f.bidang,
                        expected=rp(expected),
                        actual=rp(typed),
                    )
                )
    return out


def without_contradictions(findings: list[Finding]) -> list[Finding]:
    """One cell never says both 'cannot be read' and 'blank': a realisasi that could not be read is not also empty."""
    unreadable = {(f.file, _table(f.sheet), f.cell) for f in findings if f.code in UNREADABLE}
    if not unreadable:
        return findings
    return [f for f in findings if not (f.code in ("A006", "K001") and (f.file, _table(f.sheet), f.cell) in unreadable)]


def _table(sheet: str) -> str:
    """Which table a sheet holds, whatever the file calls it (`ANGGARAN`, `Realisasi Anggaran`)."""
    lower = sheet.lower()
    return "kinerja" if "kinerja" in lower else "anggaran" if "anggaran" in lower else lower
