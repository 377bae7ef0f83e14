"""Hidden sheets of a quarterly result: `_triwulan` (the quarter values, machine-readable) and the master's sheets
(`_m Indikator`, …), read back by intake/triwulan_state.py for the next quarter and for next year's master."""

from __future__ import annotations

from typing import Any

from lkjip_xl.consolidate.tables import Consolidated
from lkjip_xl.intake.triwulan_state import STATE_HEADER
from lkjip_xl.planning.master_writer import write_master_sheets
from lkjip_xl.planning.triwulan import MASTER_PREFIX, STATE_SHEET, STATE_VERSION
from lkjip_xl.workbook.formats import ReportFormats


def state_sheets(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
    tw = c.triwulan
    inst = c.master.instansi
    ws = wb.add_worksheet(STATE_SHEET)
    ws.set_column(0, 1, 22)
    meta = (("Instansi", inst.nama), ("Pemerintah Daerah", inst.pemda), ("Tahun", str(inst.tahun)), ("Triwulan", str(tw.n)))
    for r, (label, value) in enumerate((*meta, ("Versi", STATE_VERSION))):
        ws.write_string(r, 0, label)
        ws.write_string(r, 1, value)
    header_row = len(meta) + 2
    for col, label in enumerate(STATE_HEADER):
        ws.write_string(header_row, col, label)
    for r, ((jenis, kode), values) in enumerate(tw.values.items(), start=header_row + 1):
        ws.write_string(r, 0, jenis)
        ws.write_string(r, 1, kode)
        for k, v in enumerate(values):
            if v is not None:
                ws.write_number(r, 2 + k, v)
    ws.hide()
    write_master_sheets(wb, c.master, MASTER_PREFIX)
