"""The hidden sheet of a quarterly or yearly result: `_triwulan`, its quarter values and the master's sheets packed
(planning/state_pack.py), read back by intake/triwulan_state.py for the next quarter and for next year's master."""

from __future__ import annotations

from typing import Any

from lkjip_xl.consolidate.tables import Consolidated
from lkjip_xl.planning.master_writer import master_rows
from lkjip_xl.planning.state_pack import PACKED_LABEL, pack_state
from lkjip_xl.planning.triwulan import INDIKATOR, KEGIATAN, STATE_SHEET, STATE_VERSION, TAHUNAN
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
    yearly realisasi per row) with the master's sheets, packed as text: what --sebelumnya and init --dari read back."""
    tw = c.triwulan
    inst = c.master.instansi
    values = tw.values if tw is not None else _yearly_values(c)
    ws = wb.add_worksheet(STATE_SHEET)
    ws.set_column(0, 1, 22)
    sw = SheetWriter(ws, splice=getattr(wb, "splice", None))
    triwulan = str(tw.n) if tw is not None else TAHUNAN
    meta = (("Instansi", inst.nama), ("Pemerintah Daerah", inst.pemda), ("Tahun", str(inst.tahun)), ("Triwulan", triwulan))
    for r, (label, value) in enumerate((*meta, ("Versi", STATE_VERSION))):
        sw.text(r, 0, label, measure=False)
        sw.text(r, 1, value, measure=False)
    header_row = len(meta) + 2
    sw.text(header_row, 0, PACKED_LABEL, measure=False)
    sw.packed_column(0, header_row + 1, pack_state(values, master_rows(c.master)))
    sw.finish()
    ws.hide()
