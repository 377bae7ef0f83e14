"""The rules that produced a sheet's figures, printed under its table (agencies disagree; a reader must see which)."""

from __future__ import annotations

from collections import Counter

from lkjip_xl.consolidate.tables import Consolidated
from lkjip_xl.numbers import format_id
from lkjip_xl.planning.rules import AGREGASI, NEGATIF, POLARITAS_LABEL, RUMUS_NEGATIF

LEGEND_TITLE = "KETERANGAN RUMUS"


def rule_lines(c: Consolidated, agregasi: bool = True) -> list[str]:
    """One line per rule used by at least one indicator, with how many use it; then every cap that applied."""
    polaritas = Counter(r.polaritas for r in c.kinerja)
    lines = []
    for pol, count in polaritas.items():
        if pol == NEGATIF:
            rumus = c.master.settings.rumus_negatif
            label = f"negatif: {RUMUS_NEGATIF[rumus]}"
        else:
            label = POLARITAS_LABEL.get(pol, pol)
        lines.append(f"Polaritas {label} ({format_id(count)} indikator).")
    if agregasi:
        for rule, count in Counter(r.agregasi for r in c.kinerja).items():
            lines.append(f"Agregasi {AGREGASI.get(rule, rule)} ({format_id(count)} indikator).")
    capped = [r for r in c.kinerja if r.batas_capaian is not None]
    for r in capped:
        line = f"Batas capaian {r.kode}: {format_id(r.batas_capaian, 2)} %"
        if r.capaian_tanpa_batas is not None and r.capaian is not None and r.capaian_tanpa_batas > r.capaian:
            line += f" (dibatasi; tanpa batas {format_id(r.capaian_tanpa_batas, 2)} %)"
        lines.append(line + ".")
    lines.append("Target 0 atau kosong, atau realisasi kosong: capaian tidak dapat dihitung (bukan 0 % atau 100 %).")
    return lines
