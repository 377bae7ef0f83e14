"""Write the finished LKjIP workbook: summary, capaian tables, realisasi anggaran, findings, sources and charts."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from lkjip_xl.consolidate.tables import Consolidated
from lkjip_xl.workbook.formats import ReportFormats
from lkjip_xl.workbook.sheets.anggaran import realisasi_anggaran
from lkjip_xl.workbook.sheets.bab2 import perjanjian_kinerja
from lkjip_xl.workbook.sheets.bab3 import efisiensi_sheet, narasi_sheet
from lkjip_xl.workbook.sheets.capaian import capaian_kinerja, perbandingan, renstra
from lkjip_xl.workbook.sheets.common import HEADER_ROW, SHEETS, kinerja_order, pct_value
from lkjip_xl.workbook.sheets.jejak import jejak, perubahan
from lkjip_xl.workbook.sheets.lampiran import sumber, temuan
from lkjip_xl.workbook.sheets.ringkasan import bab3_paragraph, ringkasan
from lkjip_xl.workbook.sheets.sdm import sdm_aparatur
from lkjip_xl.xlsx.formats import clean_text, new_workbook

__all__ = ["HEADER_ROW", "SHEETS", "bab3_paragraph", "pct_value", "write_workbook"]


def write_workbook(c: Consolidated, path: Path) -> Path:
    """Write the workbook atomically: a temporary file beside `path`, flushed to disk, then renamed onto it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    _remove_stale_temporaries(path)
    try:
        _render(c, tmp)
        _fsync_file(tmp)
        os.replace(tmp, path)
    except BaseException:
        # an interrupted write must neither leave debris nor touch the previous output
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return path


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files left by a killed run (its process is gone) are removed; a live run's are left alone.

    POSIX only: on Windows, probing a process with os.kill would terminate it.
    """
    if os.name != "posix":
        return
    for stale in path.parent.glob(f".{path.name}.tmp-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            stale.unlink(missing_ok=True)
        except OSError:  # alive but not ours (EPERM): not stale
            continue


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX only: Windows cannot open a directory)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _render(c: Consolidated, path: Path) -> None:
    inst = c.master.instansi
    wb = new_workbook(path, clean_text(f"LKjIP {inst.nama} {inst.pemda} {inst.tahun}"), splice=True)
    try:
        _sheets(wb, c)
    except BaseException:
        getattr(wb, "discard", lambda: None)()  # its temporary files, at once (a failed or interrupted write)
        raise


def _sheets(wb: Any, c: Consolidated) -> None:
    from lkjip_xl.workbook.charts import add_grafik

    fmt = ReportFormats(wb)
    ringkasan(wb, fmt, c)
    capaian_kinerja(wb, fmt, c)
    perbandingan(wb, fmt, c)
    renstra(wb, fmt, c)
    programs = realisasi_anggaran(wb, fmt, c)
    if c.triwulan is not None:  # a quarterly merge: the Renja evaluation form
        from lkjip_xl.workbook.sheets.evaluasi_renja import evaluasi_renja

        evaluasi_renja(wb, fmt, c)
    temuan(wb, fmt, c)
    sumber(wb, fmt, c)
    perjanjian_kinerja(wb, fmt, c)
    sdm_aparatur(wb, fmt, c)
    efisiensi_sheet(wb, fmt, c)
    narasi_sheet(wb, fmt, c)
    if c.changes is not None:
        perubahan(wb, fmt, c, c.changes)
    add_grafik(wb, fmt, c, kinerja_order(c.kinerja), programs)
    if c.trail is not None:
        jejak(wb, c.trail)
    from lkjip_xl.workbook.sheets.state_triwulan import state_sheets

    state_sheets(wb, fmt, c)  # quarterly or yearly: what --sebelumnya and init --dari read back
    wb.close()
