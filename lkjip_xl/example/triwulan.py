"""Quarterly figures for the built-in example, derived from the report's yearly ones, and a quarterly filler.

The 2017 report publishes yearly figures only. For the four-quarter cycle each yearly realisasi R (as lkjip-xl
read it from the yearly files) is spread over the quarters so that the indicator's agregasi gives R back exactly:
- jumlah (and Rupiah of a kegiatan): a whole R is split as ⌊R/4⌋, ⌊R/4⌋, ⌊R/4⌋ and the rest; a fractional R
  as 0, 0, 0, R (sums of fractions in binary floating point would not give R back to the last bit);
- nilai akhir and maksimum: a rising level, R×1/4, R×2/4, R×3/4 (rounded to 2 decimals) and R in TW IV;
- rata-rata: R in every quarter;
- a blank R stays blank in every quarter.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from lkjip_xl.planning.rules import JUMLAH, RATA_RATA
from lkjip_xl.planning.triwulan import roman

Quarters = tuple[float | None, float | None, float | None, float | None]


def spread(value: float | int | None, agregasi: str) -> Quarters:
    """TW I..IV whose agregasi is `value` exactly."""
    if value is None:
        return (None, None, None, None)
    if agregasi == JUMLAH:
        if float(value).is_integer():
            whole = int(value)
            part = whole // 4
            return (float(part), float(part), float(part), float(whole - 3 * part))
        return (0.0, 0.0, 0.0, float(value))
    if agregasi == RATA_RATA:
        return (float(value),) * 4  # type: ignore[return-value]
    exact = Decimal(repr(float(value)))
    ramp = [float((exact * k / 4).quantize(Decimal("0.01"), ROUND_HALF_UP)) for k in (1, 2, 3)]
    return (ramp[0], ramp[1], ramp[2], float(value))


def fill_quarter(
    template: Path,
    out: Path,
    n: int,
    kinerja: dict[str, Quarters],
    anggaran: dict[str, Quarters],
    texts: dict[str, dict[str, str]] | None = None,
    keluaran: dict[str, Quarters] | None = None,
) -> Path:
    """Type the quarter values of a quarterly template as a bidang would: every TW column the template shows
    as an input (unlocked) cell gets its value; locked earlier quarters are left as the template holds them.
    `texts`: kode → {column label: text} (Faktor Pendorong, Keterangan, …)."""
    import openpyxl

    from lkjip_xl.example.fill import _save_reproducibly

    wb = openpyxl.load_workbook(template)
    for sheet, figures in (("Kinerja", kinerja), ("Anggaran", anggaran), ("Keluaran", keluaran or {})):
        if sheet not in wb.sheetnames:
            continue
        ws = wb[sheet]
        labels = {str(ws.cell(1, c).value): c for c in range(1, ws.max_column + 1)}
        for r in range(2, ws.max_row + 1):
            kode = str(ws.cell(r, 1).value or "").strip()
            for label, text in (texts or {}).get(kode, {}).items():
                _put(ws, labels, r, label, text)
            if kode not in figures:
                continue
            for k in range(1, n + 1):
                label = f"Realisasi TW {roman(k)}" + (" (Rp)" if sheet == "Anggaran" else "")
                cell = ws.cell(r, labels[label])
                if cell.protection.locked is False:
                    value = figures[kode][k - 1]
                    cell.value = None if value is None else (int(value) if sheet == "Anggaran" else value)
    out.parent.mkdir(parents=True, exist_ok=True)
    _save_reproducibly(wb, out)
    return out


def _put(ws: Any, labels: dict[str, int], r: int, label: str, text: str) -> None:
    if label in labels:
        ws.cell(r, labels[label]).value = text
