"""Quarters (triwulan): names, the quarterly layout (schemas/triwulan.toml) and the live formulas of quarterly sheets."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from lkjip_xl.planning.rules import JUMLAH, MAKSIMUM, RATA_RATA, aggregate
from lkjip_xl.planning.spec import SheetSpec, _sheet
from lkjip_xl.resources import data_dir

ROMAN = ("I", "II", "III", "IV")
QUARTERS = (1, 2, 3, 4)
STATE_SHEET = "_triwulan"  # hidden sheet of every result: the quarter values and the master, read by --sebelumnya and init --dari
MASTER_PREFIX = "_m "  # version 1 only: hidden copies of the master's sheets ("_m Indikator", …), still read back
# 2: values and master packed as text in STATE_SHEET (planning/state_pack.py); 1: a cell table and MASTER_PREFIX sheets
STATE_VERSION = "2"
TAHUNAN = "Tahunan"  # the Triwulan of the hidden state of a yearly result: one yearly realisasi per row, no quarters


def roman(n: int) -> str:
    return ROMAN[n - 1]


def parse_triwulan(text: object) -> int | None:
    """1..4 from '2', 'II', 'TW II', 'Triwulan 2'; None otherwise."""
    t = str(text if text is not None else "").strip().upper().replace("TRIWULAN", "").replace("TW", "").strip()
    if t.endswith(".0"):
        t = t[:-2]
    if t in ("1", "2", "3", "4"):
        return int(t)
    return ROMAN.index(t) + 1 if t in ROMAN else None


@dataclass(frozen=True)
class TriwulanSpec:
    metadata_key: str
    kinerja: SheetSpec
    anggaran: SheetSpec
    keluaran: SheetSpec


@cache
def triwulan_spec() -> TriwulanSpec:
    with open(data_dir("schemas") / "triwulan.toml", "rb") as fh:
        raw = tomllib.load(fh)
    sheets = {s["name"]: _sheet(s) for s in raw["sheets"]}
    return TriwulanSpec(str(raw["metadata_key"]), sheets["Kinerja"], sheets["Anggaran"], sheets["Keluaran"])


def tw_key(n: int) -> str:
    return f"realisasi_tw{n}"


def sd_formula(first: str, last: str, n: int, agregasi: str) -> str:
    """Realisasi s.d. quarter n from the cells first..last (TW I..n) by agregasi; blank while any is blank."""
    cells = f"{first}:{last}"
    value = {JUMLAH: f"SUM({cells})", RATA_RATA: f"AVERAGE({cells})", MAKSIMUM: f"MAX({cells})"}.get(agregasi, last)
    return f'=IF(COUNT({cells})<{n},"",{value})'


INDIKATOR, KEGIATAN, KELUARAN = "indikator", "kegiatan", "keluaran"


@dataclass
class TriwulanState:
    """The quarter values a quarterly result holds (its hidden sheet `_triwulan`): per (jenis, kode), TW I..IV.

    jenis: indikator (Kinerja), kegiatan (Rupiah of a kegiatan), keluaran (output indicator of a kegiatan)."""

    instansi: str
    pemda: str
    tahun: int
    triwulan: int
    values: dict[tuple[str, str], tuple[float | None, ...]]
    file: str = ""
    tahunan: bool = False  # a yearly result (plain merge): values hold one yearly realisasi each, triwulan is 4

    def of(self, jenis: str, kode: str) -> tuple[float | None, ...]:
        return self.values.get((jenis, kode), (None, None, None, None))

    def year(self, jenis: str, kode: str, agregasi: str) -> float | None:
        """The year's realisasi: the yearly value of a yearly result, else the four quarters by agregasi."""
        if self.tahunan:
            return self.values.get((jenis, kode), (None,))[0]
        return aggregate(list(self.of(jenis, kode)), agregasi)


def keluaran_kode(kegiatan_kode: str, n: int) -> str:
    """The row kode of a kegiatan's n-th output indicator (1-based): P1.01/1."""
    return f"{kegiatan_kode}/{n}"
