"""Small masters and bidang workbooks built inline for tests (no binary fixtures)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

from lkjip_xl.checks.runner import Report, check_files
from lkjip_xl.planning.model import Bidang, Indikator, Instansi, Kegiatan, Master, Riwayat

KINERJA_HEADER = [
    "Kode Indikator",
    "Sasaran Strategis",
    "Indikator Kinerja",
    "Satuan",
    "Target",
    "Realisasi",
    "Capaian (%)",
    "Keterangan",
    "Faktor Pendorong",
    "Faktor Penghambat",
    "Upaya / Tindak Lanjut",
]
ANGGARAN_HEADER = ["Kode", "Program/Kegiatan", "Sumber Dana", "Anggaran (Rp)", "Realisasi (Rp)", "Realisasi (%)", "Keterangan"]


def small_master(rumus: str = "2 - R/T") -> Master:
    """Two bidang: B1 owns I1 (%), I2 (negative count) and program P1; B2 owns I3 and program P2."""
    from lkjip_xl.planning.model import Settings

    return Master(
        instansi=Instansi("Dinas Uji", "Kabupaten Uji", 2017, 2014, 2019),
        bidang=[Bidang("B1", "Bidang Satu"), Bidang("B2", "Bidang Dua")],
        indikator=[
            Indikator("I1", "Sasaran A", "Cakupan layanan", "%", "positif", Decimal(100), Decimal(100), False, "B1"),
            Indikator("I2", "Sasaran A", "Jumlah sengketa", "kasus", "negatif", Decimal(10), None, False, "B1"),
            Indikator(
                "I3", "Sasaran B", "Pencari kerja ditempatkan", "orang", "positif", Decimal(200), Decimal(1000), True, "B2"
            ),
        ],
        kegiatan=[
            Kegiatan("P1", "Program Satu", "P1.01", "Kegiatan Satu", "B1", "APBD II", 1000),
            Kegiatan("P1", "Program Satu", "P1.02", "Kegiatan Dua", "B1", "APBD II", 2000),
            Kegiatan("P2", "Program Dua", "P2.01", "Kegiatan Tiga", "B2", "APBN", 500),
        ],
        riwayat=[Riwayat("I1", 2016, Decimal(100), Decimal(90), None), Riwayat("I3", 2016, Decimal(200), Decimal(150), None)],
        settings=Settings(rumus_negatif=rumus),
        file="master.xlsx",
    )


GOOD_B1_KINERJA = [
    ["I1", "Sasaran A", "Cakupan layanan", "%", 100, 95, 95, "Kurang petugas", "", "Kurang petugas", "Menambah petugas"],
    ["I2", "Sasaran A", "Jumlah sengketa", "kasus", 10, 8, 120, ""],
]
GOOD_B1_ANGGARAN = [
    ["P1", "Program Satu", "APBD II", 3000, 2500, 83.33, ""],
    ["P1.01", "Kegiatan Satu", "APBD II", 1000, 900, 90, ""],
    ["P1.02", "Kegiatan Dua", "APBD II", 2000, 1600, 80, ""],
]


def write_bidang(
    path: Path,
    kinerja: list[list[Any]] | None = None,
    anggaran: list[list[Any]] | None = None,
    *,
    bidang: str | None = "B1",
    tahun: str = "2017",
    instansi: str = "Dinas Uji",
    kinerja_header: list[str] | None = None,
    anggaran_header: list[str] | None = None,
    title_rows: int = 0,
) -> Path:
    """A bidang workbook. A cell given as ("=formula", cached) is a formula; ("pct", v) is percent-formatted."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    formats = cell_formats(wb)
    for name, header, rows in (
        ("Kinerja", kinerja_header or KINERJA_HEADER, kinerja if kinerja is not None else GOOD_B1_KINERJA),
        ("Anggaran", anggaran_header or ANGGARAN_HEADER, anggaran if anggaran is not None else GOOD_B1_ANGGARAN),
    ):
        ws = wb.add_worksheet(name)
        for t in range(title_rows):
            ws.write_string(t, 0, f"Judul {t + 1}")
        for c, label in enumerate(header):
            ws.write_string(title_rows, c, label)
        for r, row in enumerate(rows, start=title_rows + 1):
            for c, value in enumerate(row):
                write_cell(ws, r, c, value, formats)
    if bidang is not None:
        meta = wb.add_worksheet("_meta")
        for r, (k, v) in enumerate(
            (
                ("Instansi", instansi),
                ("Pemerintah Daerah", "Kabupaten Uji"),
                ("Tahun", tahun),
                ("Kode Bidang", bidang),
                ("Nama Bidang", "x"),
                ("Versi Template", "1"),
            )
        ):
            meta.write_string(r, 0, k)
            meta.write_string(r, 1, v)
        meta.hide()
    wb.close()
    return path


def cell_formats(wb: Any) -> dict[str, Any]:
    """The formats write_cell uses, added to `wb` once."""
    return {"pct": wb.add_format({"num_format": "0.00%"}), "date": wb.add_format({"num_format": "dd/mm/yyyy"})}


def write_cell(ws: Any, r: int, c: int, value: Any, formats: dict[str, Any]) -> None:
    """One test cell: None is no cell, ("pct", v) a percent-formatted number, ("=formula", cached) a formula,
    a bool, a datetime (date format), text, or a number."""
    if value is None:
        return
    if isinstance(value, tuple) and value[0] == "pct":
        ws.write_number(r, c, value[1], formats["pct"])
    elif isinstance(value, tuple):
        ws.write_formula(r, c, value[0], None, value[1])
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, dt.datetime):
        ws.write_datetime(r, c, value, formats["date"])
    elif isinstance(value, str):
        ws.write_string(r, c, value)
    else:
        ws.write_number(r, c, value)


MEMORY_CAP = 2 << 30  # address space of a checking child: an allocation bomb fails there, not in pytest

# The start of a `python -c` child that checks files with its address space capped (then its own loop).
CAPPED_CHECKER = f"""
import json, sys, traceback
try:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP}))
except (ImportError, ValueError, OSError):
    pass
from pathlib import Path
from lkjip_xl.checks.runner import check_files
from tests.helpers import small_master

master = small_master()
"""


def check_in_capped_child(path: Path) -> list[tuple[str, str]]:
    """(code, location) of every finding when `path` is checked in a child with capped memory: a file that
    could abort calamine is tried there, where an abort fails this test instead of ending the test run."""
    script = CAPPED_CHECKER + (
        "report = check_files([Path(sys.argv[1])], master)\nprint(json.dumps([[f.code, f.location] for f in report.findings]))"
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", script, str(path)], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-800:]
    return [(code, location) for code, location in json.loads(done.stdout)]


def run(tmp_path: Path, *files: Path, master: Master | None = None, whole_set: bool = False) -> Report:
    return check_files(list(files), master or small_master(), whole_set=whole_set)


def codes_at(report: Report, code: str) -> list[str]:
    """Locations (Sheet!Cell) of the findings with `code`."""
    return [f.location for f in report.findings if f.code == code]


def state_sheets() -> list[str]:
    """The hidden sheet every merged result ends with (yearly or quarterly): the state, the master packed in it."""
    from lkjip_xl.planning.triwulan import STATE_SHEET

    return [STATE_SHEET]
