"""Evaluasi Renja (Permendagri 86/2017, form E.81), in every quarterly result."""

from __future__ import annotations

from typing import Any

from lkjip_xl.consolidate.tables import Consolidated
from lkjip_xl.workbook.formats import ReportFormats

SHEET = "Evaluasi Renja"


def evaluasi_renja(wb: Any, fmt: ReportFormats, c: Consolidated) -> None:
    ws = wb.add_worksheet(SHEET)
    ws.write_string(0, 0, f"EVALUASI TERHADAP HASIL RENJA TRIWULAN {c.triwulan.n}", fmt.title)
