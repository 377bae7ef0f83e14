"""Kode as people type them (`ik09`, `IK 10`, `3.31.16.1` for `3.31.16.01`): matched to the master's kode when unique."""

from __future__ import annotations

import re
from typing import Any

from lkjip_xl.checks.common import emit
from lkjip_xl.findings import Finding

_DIGITS = re.compile(r"\d+")


def canonical(kode: str) -> str:
    """The form two spellings of one kode share: capitals, no spaces or trailing dots, no leading zeros in a number."""
    text = re.sub(r"\s+", "", kode).rstrip(".").upper()
    return _DIGITS.sub(lambda m: str(int(m.group())), text)


def match_kodes(frame: Any, known: list[str], code: str, sheet: str) -> tuple[Any, list[Finding]]:
    """Rows whose kode is not the master's but spells exactly one master kode get that kode, with a warning
    (`code`) at the kode cell; a kode that matches none or several is left for the unknown-kode finding."""
    import polars as pl

    exact = set(known)
    typed = frame.filter(~pl.col("rejected") & (pl.col("kode") != "") & ~pl.col("kode").is_in(sorted(exact)))
    if typed.height == 0:
        return frame, []
    spelled: dict[str, list[str]] = {}
    for k in exact:
        spelled.setdefault(canonical(k), []).append(k)
    mapping = {}
    for raw in typed["kode"].unique().to_list():
        hits = spelled.get(canonical(raw), [])
        if len(hits) == 1:
            mapping[raw] = hits[0]
    if not mapping:
        return frame, []
    matched = typed.filter(pl.col("kode").is_in(sorted(mapping)))
    out = emit(
        matched,
        code,
        sheet,
        "kode",
        lambda r: f"Kode '{r['kode']}' dibaca sebagai kode master '{mapping[r['kode']]}'.",
        expected=lambda r: mapping[r["kode"]],
        actual=lambda r: r["kode"],
    )
    renamed = pl.when(pl.col("rejected")).then(pl.col("kode")).otherwise(pl.col("kode").replace(mapping))
    return frame.with_columns(renamed.alias("kode")), out
