"""Read back what a quarterly or yearly result keeps in its hidden sheets: the quarter values, or a yearly result's
realisasi (`_triwulan`, Triwulan 'Tahunan'), and the master it was made from (packed in `_triwulan`; in a version 1
result, sheets `_m Indikator`, …), for the next quarter (--sebelumnya) and next year's master (init --dari)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lkjip_xl.findings import Finding
from lkjip_xl.intake.table import normalise_kode, text_of
from lkjip_xl.planning.model import Master
from lkjip_xl.planning.state_pack import PACKED_LABEL, PackedStateError, unpack_state
from lkjip_xl.planning.triwulan import MASTER_PREFIX, STATE_SHEET, STATE_VERSION, TAHUNAN, TriwulanState, parse_triwulan

STATE_KEYS = {"instansi": "instansi", "pemerintah daerah": "pemda", "tahun": "tahun", "triwulan": "triwulan", "versi": "versi"}
STATE_HEADER = ("Jenis", "Kode", "TW I", "TW II", "TW III", "TW IV")
STATE_HEADER_TAHUNAN = ("Jenis", "Kode", "Realisasi Tahun")  # the hidden state of a yearly result


class StateError(Exception):
    """The workbook is not a quarterly result lkjip-xl can read: the command cannot run."""


def _sheets(path: Path) -> dict[str, list[list[Any]]]:
    from lkjip_xl.intake.workbook import UnreadableWorkbook, read_sheets

    def ours(names: list[str]) -> list[str]:
        return [n for n in names if n == STATE_SHEET or n.startswith(MASTER_PREFIX)]

    try:
        return read_sheets(path, ours)[1]
    except UnreadableWorkbook as exc:
        raise StateError(f"Hasil {exc}") from exc


def read_state(path: Path) -> TriwulanState:
    """The quarter values of a quarterly result; StateError when it has none (a yearly result, another file)."""
    state, _ = _state(path, _sheets(path))
    if state.tahunan:
        raise StateError(
            f"'{path.name}' adalah hasil tahunan (tanpa nilai per triwulan). Pakai hasil 'lkjip-xl merge … --triwulan N'."
        )
    return state


def _state(path: Path, sheets: dict[str, list[list[Any]]]) -> tuple[TriwulanState, dict[str, list[list[Any]]] | None]:
    """The state and, in a version 2 result, the master's sheets packed with it (None: version 1, which keeps them
    as `_m` sheets)."""
    rows = sheets.get(STATE_SHEET)
    if rows is None:
        raise StateError(
            f"'{path.name}' bukan hasil penggabungan triwulan (lembar {STATE_SHEET} tidak ada). "
            "Pakai hasil 'lkjip-xl merge … --triwulan N'."
        )
    meta: dict[str, str] = {}
    values: dict[tuple[str, str], tuple[float | None, ...]] = {}
    packed: list[str] | None = None
    data_row = 0  # list index of the PACKED_LABEL row
    in_table = False
    for i, row in enumerate(rows):
        cells = [*row, None, None, None, None, None, None][:6]
        first = text_of(cells[0])
        if packed is not None:
            if isinstance(cells[0], str) and cells[0]:
                packed.append(cells[0])
            continue
        if not in_table:
            if first == STATE_HEADER[0] and text_of(cells[1]) == STATE_HEADER[1]:
                in_table = True
            elif first == PACKED_LABEL and meta.get("versi") == STATE_VERSION:
                packed, data_row = [], i
            elif first.lower() in STATE_KEYS:
                meta[STATE_KEYS[first.lower()]] = text_of(cells[1])
            continue
        if not first:
            continue
        quarter = tuple(float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None for v in cells[2:6])
        values[(first, normalise_kode(cells[1]))] = quarter
    version = meta.get("versi", "1") or "1"
    if version not in ("1", STATE_VERSION):
        raise StateError(
            f"Lembar {STATE_SHEET} di '{path.name}' berversi {version}; lkjip-xl ini membaca versi 1 dan {STATE_VERSION}. "
            "Perbarui lkjip-xl."
        )
    if version == STATE_VERSION and packed is None:
        raise StateError(
            f"Lembar {STATE_SHEET} di '{path.name}' rusak (baris '{PACKED_LABEL}' di kolom A tidak ada); "
            "pakai hasil merge yang asli, atau jalankan merge itu lagi."
        )
    master = None
    if packed is not None:
        try:
            values, master = unpack_state(packed)
        except PackedStateError as exc:
            raise StateError(
                f"Lembar {STATE_SHEET} di '{path.name}' rusak (sel A{data_row + 2} ke bawah: {exc}); "
                "pakai hasil merge yang asli, atau jalankan merge itu lagi."
            ) from exc
    tahunan = meta.get("triwulan", "").lower() == TAHUNAN.lower()
    triwulan = 4 if tahunan else parse_triwulan(meta.get("triwulan"))
    tahun = meta.get("tahun", "")
    if triwulan is None or not tahun.isdigit():
        raise StateError(f"Lembar {STATE_SHEET} di '{path.name}' tidak menyebut tahun dan triwulannya.")
    if tahunan:
        values = {key: v[:1] for key, v in values.items()}
    state = TriwulanState(meta.get("instansi", ""), meta.get("pemda", ""), int(tahun), triwulan, values, path.name, tahunan)
    return state, master


def read_result(path: Path) -> tuple[Master, TriwulanState, list[Finding]]:
    """The master a quarterly or yearly result was made from, its values (state.tahunan: yearly), and the master's
    findings."""
    from lkjip_xl.intake.master import build_master_from_sheets
    from lkjip_xl.planning.spec import master_spec

    sheets = _sheets(path)
    state, packed = _state(path, sheets)
    copied = (
        packed if packed is not None else {n[len(MASTER_PREFIX) :]: r for n, r in sheets.items() if n.startswith(MASTER_PREFIX)}
    )
    missing = [name for name, spec in master_spec().items() if spec.required and name not in copied]
    if missing:
        raise StateError(f"Hasil '{path.name}' tidak memuat data perencanaan (lembar {MASTER_PREFIX}{missing[0]}).")
    master, findings = build_master_from_sheets(path.name, copied)
    return master, state, findings
