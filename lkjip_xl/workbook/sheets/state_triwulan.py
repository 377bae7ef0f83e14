"""Hidden sheets of a quarterly or yearly result: `_triwulan` (the quarter values, machine-readable) and the master's sheets
(`_m Indikator`, …), read back by intake/triwulan_state.py for the next quarter and for next year's master."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lkjip_xl.consolidate.tables import Consolidated
from lkjip_xl.intake.triwulan_state import STATE_HEADER, STATE_HEADER_TAHUNAN
from lkjip_xl.planning.master_writer import master_rows, write_master_sheets
from lkjip_xl.planning.triwulan import INDIKATOR, KEGIATAN, MASTER_PREFIX, STATE_SHEET, STATE_VERSION, TAHUNAN
from lkjip_xl.workbook.formats import ReportFormats
from lkjip_xl.workbook.sheetwriter import SheetWriter


def _yearly_values(c: Consolidated) -> dict[tuple[str, str], tuple[float | None, ...]]:
    """The yearly realisasi of every indicator and kegiatan (master order), blank where not reported."""
    out: dict[tuple[str, str], tuple[float | None, ...]] = {}
    for k in c.kinerja:
        out[(INDIKATOR, k.kode)] = (k.realisasi,)
    for a in c.kegiatan:
        out[(KEGIATAN, a.kode)] = (None if a.realisasi is None else float(a.realisasi),)
    return out


def state_sheets(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
    """The hidden state of a quarterly result (quarter values) or of a yearly one (Triwulan 'Tahunan', one
    yearly realisasi per row), and the master's sheets: what --sebelumnya and init --dari read back."""
    tw = c.triwulan
    inst = c.master.instansi
    values = tw.values if tw is not None else _yearly_values(c)
    ws = wb.add_worksheet(STATE_SHEET)
    ws.set_column(0, 1, 22)
    triwulan = str(tw.n) if tw is not None else TAHUNAN
    meta = (("Instansi", inst.nama), ("Pemerintah Daerah", inst.pemda), ("Tahun", str(inst.tahun)), ("Triwulan", triwulan))
    for r, (label, value) in enumerate((*meta, ("Versi", STATE_VERSION))):
        ws.write_string(r, 0, label)
        ws.write_string(r, 1, value)
    header_row = len(meta) + 2
    for col, label in enumerate(STATE_HEADER if tw is not None else STATE_HEADER_TAHUNAN):
        ws.write_string(header_row, col, label)
    for r, ((jenis, kode), row_values) in enumerate(values.items(), start=header_row + 1):
        ws.write_string(r, 0, jenis)
        ws.write_string(r, 1, kode)
        for k, v in enumerate(row_values):
            if v is not None:
                ws.write_number(r, 2 + k, v)
    ws.hide()
    _master_copies(wb, c)


def _master_copies(wb: Any, c: Consolidated) -> None:
    """The master's sheets as plain values, hidden, serialised directly (large masters: 1.000 bidang)."""
    splice = getattr(wb, "splice", None)
    if splice is None:
        write_master_sheets(wb, c.master, MASTER_PREFIX, plain=True)
        return
    for name, rows in master_rows(c.master).items():
        ws = wb.add_worksheet(f"{MASTER_PREFIX}{name}")
        sw = SheetWriter(ws, splice=splice)
        for r, row in enumerate(rows):
            for col, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                    sw.number(r, col, float(value), None)
                else:
                    sw.text(r, col, str(value), measure=False)
        sw.finish()
        ws.hide()
