"""The finished LKjIP workbook: sheets, values and cached values, formats, print setup, text safety, atomic writes."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from lkjip_xl.checks.runner import FileSummary
from lkjip_xl.consolidate.tables import AnggaranRow, Consolidated, KinerjaRow
from lkjip_xl.example.build import build_master, published_anggaran, published_kinerja
from lkjip_xl.findings import Finding, a1
from lkjip_xl.numbers import parse_text
from lkjip_xl.planning.model import Bidang, Instansi, Master
from lkjip_xl.planning.rules import capaian, kategori
from lkjip_xl.workbook import writer
from lkjip_xl.workbook.writer import SHEETS, write_workbook
from tests.helpers import state_sheets

FORMULA_TEXT = '=HYPERLINK("http://x")'


# ---- inputs ----------------------------------------------------------------------------------------


def _num(text: str) -> float:
    value = parse_text(text)
    assert value is not None, text
    return float(value)


def _kinerja_2017(master: Master) -> list[KinerjaRow]:
    """The 13 indicators with the published 2017 realisasi (IK09/IK10 unreported), capaian by polarity."""
    published = published_kinerja()
    sasaran_no: dict[str, int] = {}
    rows = []
    for ind in master.indikator:
        no = sasaran_no.setdefault(ind.sasaran, len(sasaran_no) + 1)
        target = None if ind.target is None else float(ind.target)
        realisasi = _num(published[ind.kode][1]) if ind.kode in published else None
        value = capaian(target, realisasi, ind.polaritas, master.settings.rumus_negatif)
        rows.append(
            KinerjaRow(
                no,
                ind.sasaran,
                ind.kode,
                ind.indikator,
                ind.satuan,
                ind.polaritas,
                ind.bidang,
                target,
                realisasi,
                value,
                kategori(value, master.bands),
                kumulatif=ind.kumulatif,
                target_renstra=None if ind.target_renstra is None else float(ind.target_renstra),
            )
        )
    return rows


def _anggaran_2017(master: Master) -> list[AnggaranRow]:
    """Programs and kegiatan of the DPA with the published kegiatan realisasi."""
    published = published_anggaran()
    rows: list[AnggaranRow] = []
    for prog in master.programs():
        kegiatan = [
            AnggaranRow(
                "kegiatan",
                k.kegiatan_kode,
                k.kegiatan_nama,
                k.sumber_dana,
                k.bidang,
                k.anggaran or 0,
                int(_num(published[k.kegiatan_kode][1])),
                prog.kode,
            )
            for k in prog.kegiatan
        ]
        realisasi = sum(k.realisasi or 0 for k in kegiatan)
        rows.append(AnggaranRow("program", prog.kode, prog.nama, prog.sumber_dana, "", prog.anggaran, realisasi))
        rows.extend(kegiatan)
    return rows


def _findings() -> list[Finding]:
    return [
        Finding.make("K001", FORMULA_TEXT, file="=evil.xlsx", sheet="Kinerja", cell="F2", kode="IK09", bidang="IND"),
        Finding.make(
            "N002",
            "'+cmd' tidak dapat dibaca",
            file="b.xlsx",
            sheet="Anggaran",
            cell="E3",
            kode="2.07.01.01",
            actual="+cmd",
            expected="@SUM(A1)",
            bidang="SEKRE",
        ),
        Finding.make("B011", "Berkas kunci\x07 dilewati\x00.", file="~$a.xlsx"),
    ]


def _files() -> list[FileSummary]:
    return [
        FileSummary("LKjIP_2017_SEKRE.xlsx", "SEKRE", "ab" * 32, 27, 25, 2, True),
        FileSummary("-1+2.xlsx", "IND", "cd" * 32, 16, 0, 16, False),
    ]


@pytest.fixture(scope="module")
def consolidated() -> Consolidated:
    master = build_master()
    return Consolidated(master, _kinerja_2017(master), _anggaran_2017(master), _findings(), _files(), ["~$a.xlsx", "x.txt"])


@pytest.fixture(scope="module")
def book(consolidated: Consolidated, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_workbook(consolidated, tmp_path_factory.mktemp("out") / "LKjIP_2017.xlsx")


def _cached(path: Path, sheet: str) -> list[list[Any]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def _row_of(ws: Any, col: str, value: str) -> int:
    return next(c.row for c in ws[col] if c.value == value)


# ---- structure and values --------------------------------------------------------------------------


def test_sheets_in_order(book: Path) -> None:
    names = openpyxl.load_workbook(book).sheetnames
    expected = [
        "Ringkasan",
        "Capaian Kinerja",
        "Perbandingan Capaian",
        "Capaian Renstra",
        "Realisasi Anggaran",
        "Temuan",
        "Sumber",
        "Perjanjian Kinerja",
        "SDM Aparatur",
        "Efisiensi",
        "Narasi",
    ]
    assert list(SHEETS) == expected
    assert names == [*expected, "Grafik", *state_sheets()]  # the hidden state init --dari reads (yearly)
    wb = openpyxl.load_workbook(book)
    assert [n for n in names if wb[n].sheet_state == "hidden"] == state_sheets()


def test_capaian_kinerja_values_and_merged_sasaran(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["Capaian Kinerja"]
    assert [c.value for c in ws[4]] == [
        "NO",
        "SASARAN STRATEGIS",
        "INDIKATOR KINERJA",
        "SATUAN",
        "TARGET",
        "REALISASI",
        "CAPAIAN (%)",
        "KATEGORI",
        "KETERANGAN",
    ]
    ik12 = _row_of(ws, "C", "Kontribusi sektor perindustrian terhadap PDRB (%)")
    assert [ws.cell(ik12, col).value for col in (5, 6, 7, 8)] == [18.11, 19.38, 107.01, "Memuaskan"]
    ik13 = _row_of(ws, "C", "Pertumbuhan industri")
    assert [ws.cell(ik13, col).value for col in (5, 6, 7, 8)] == [3.76, 2.88, 76.6, "Baik"]
    ik09 = _row_of(ws, "C", "Jumlah UKM non BPR/LKM UKM")
    assert ws.cell(ik09, 7).value is None  # blank, never 0 %
    assert ws.cell(ik09, 8).value == "tidak dapat dihitung"
    # sasaran 1 has 5 indicators (rows 5-9), 2 has 2, 3 has 1 (no merge), 4 has 2, 5 has 3
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert merged == {"A5:A9", "B5:B9", "A10:A11", "B10:B11", "A13:A14", "B13:B14", "A15:A17", "B15:B17"}
    assert [ws.cell(r, 1).value for r in (5, 10, 12, 13, 15)] == [1, 2, 3, 4, 5]
    assert ws["B10"].value == "Meningkatnya tingkat kesejahteraan tenaga kerja"
    assert ws["B6"].value is None and ws["A6"].value is None  # written once per sasaran
    assert _cached(book, "Capaian Kinerja")[ik12 - 1][6] == 107.01


def test_perbandingan_and_renstra(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["Perbandingan Capaian"]
    assert [c.value for c in ws[4]] == [
        "NO",
        "SASARAN STRATEGIS",
        "INDIKATOR KINERJA",
        "CAPAIAN 2016 (%)",
        "CAPAIAN 2017 (%)",
        "KETERANGAN",
    ]
    ik07 = _row_of(ws, "C", "Angka sengketa pengusaha pekerja per tahun")
    assert ws.cell(ik07, 6).value == "tidak dapat dibandingkan"
    ws = wb["Capaian Renstra"]
    assert [c.value for c in ws[4]][3:5] == ["TARGET AKHIR RENSTRA (2019)", "REALISASI S.D. 2017"]
    ik06 = _row_of(ws, "C", "Pencari kerja yang ditempatkan")
    assert ws.cell(ik06, 7).value.startswith("kumulatif")


def test_realisasi_anggaran_formulas_and_cached_values(book: Path, consolidated: Consolidated) -> None:
    ws = openpyxl.load_workbook(book)["Realisasi Anggaran"]
    cached = _cached(book, "Realisasi Anggaran")
    assert [c.value for c in ws[4]] == [
        "Kode",
        "Program/Kegiatan",
        "Sumber Dana",
        "Anggaran (Rp)",
        "Realisasi (Rp)",
        "%",
        "Sisa (Rp)",
    ]
    assert ws["A5"].value == "2.07.01" and ws["A5"].font.b
    assert ws["D5"].value == "=SUM(D6:D10)"
    assert ws["E5"].value == '=IF(COUNT(E6:E10)=0,"",SUM(E6:E10))'
    assert ws["F5"].value == '=IF(OR(D5="",D5=0,E5=""),"",E5/D5*100)'
    # the program total is the sum of its kegiatan (433.587.760), not the report's mistyped 433.884.867
    assert cached[4][3:7] == [446_930_000, 433_587_760, pytest.approx(433_587_760 / 446_930_000 * 100), 13_342_240]
    assert ws["D6"].value == 41_000_000 and ws["E6"].value == 40_103_050
    assert cached[5][5] == pytest.approx(40_103_050 / 41_000_000 * 100)
    total = _row_of(ws, "B", "JUMLAH")
    program_rows = [c.row for c in ws["A"][4 : total - 1] if c.font.b]
    assert ws.cell(total, 4).value == "=SUM(" + ",".join(f"D{r}" for r in program_rows) + ")"
    assert cached[total - 1][3:5] == [consolidated.total_anggaran, consolidated.total_realisasi]
    assert consolidated.total_anggaran == 8_516_086_000
    # rupiah cached values are exact integers in the file, not floats
    sheet_xml = zipfile.ZipFile(book).read("xl/worksheets/sheet5.xml").decode()
    assert re.search(rf'<c r="D{total}"[^>]*><f>[^<]+</f><v>8516086000</v>', sheet_xml)


def test_unreported_realisasi_stays_blank_in_formulas_and_cache(tmp_path: Path) -> None:
    c = _tiny()
    path = write_workbook(c, tmp_path / "t.xlsx")
    cached = _cached(path, "Realisasi Anggaran")
    # kegiatan 1.01.02 has no realisasi: % blank, sisa = anggaran; its program still sums what was reported
    assert cached[6][3:7] == [500_000, "", "", 500_000]
    assert cached[4][3:7] == [1_500_000, 800_000, pytest.approx(800_000 / 1_500_000 * 100), 700_000]


def test_number_formats(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["Realisasi Anggaran"]
    for cell in ("D5", "E5", "G5", "D6", "E6", "G6"):
        assert "#,##0" in ws[cell].number_format, cell
    for cell in ("F5", "F6"):
        assert "0.00" in ws[cell].number_format and "%" not in ws[cell].number_format
    ws = wb["Capaian Kinerja"]
    assert "0.00" in ws["G5"].number_format and "%" not in ws["G5"].number_format
    assert "#,##0" in ws["E10"].number_format  # 3.160 orang


def test_frozen_headers_and_a4_landscape(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    for name in wb.sheetnames:
        if name in state_sheets():  # hidden, never printed
            continue
        ws = wb[name]
        assert ws.freeze_panes == ("A3" if name in ("Ringkasan", "Grafik", "Narasi") else "A5"), name
        assert ws.page_setup.orientation == "landscape", name
        assert int(ws.page_setup.paperSize) == 9, name
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        # fitToWidth is omitted when it is 1 (the OOXML default); fitToHeight 0 = as many pages as needed
        assert int(ws.page_setup.fitToWidth or 1) == 1 and int(ws.page_setup.fitToHeight) == 0, name
        assert ws.print_title_rows == ("$1:$2" if name in ("Ringkasan", "Grafik", "Narasi") else "$4:$4"), name
    assert wb["Temuan"].auto_filter.ref == "A4:M7"


def test_column_widths_follow_content(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["Realisasi Anggaran"]
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    assert widths["B"] <= 61  # capped: long names wrap instead
    assert 13 <= widths["D"] <= 20  # fits 2.432.341.000


def test_text_from_bidang_files_lands_as_text(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["Temuan"]
    assert [c.value for c in ws[4]] == [
        "No",
        "Tingkat",
        "Kode",
        "Judul",
        "Bidang",
        "Berkas",
        "Lembar",
        "Sel",
        "Kode Baris",
        "Masalah",
        "Seharusnya",
        "Tertulis",
        "Saran",
    ]
    row = [c for c in ws[5]]
    assert row[9].value == FORMULA_TEXT and row[9].data_type == "s"
    assert row[5].value == "=evil.xlsx" and row[5].data_type == "s"
    assert (row[1].value, row[3].value) == ("Galat", "Realisasi indikator kosong")
    plus = [c for c in ws[6]]
    assert (plus[10].value, plus[11].value) == ("@SUM(A1)", "+cmd")
    assert all(c.data_type == "s" for c in plus[1:])
    assert ws["J7"].value == "Berkas kunci dilewati."  # control characters stripped
    assert not ws._hyperlinks
    sumber = wb["Sumber"]
    assert sumber["A6"].value == "-1+2.xlsx" and sumber["A6"].data_type == "s"
    cached = _cached(book, "Temuan")
    assert cached[4][9] == FORMULA_TEXT


def test_sumber_lists_files_and_skipped(book: Path) -> None:
    rows = _cached(book, "Sumber")
    assert rows[4][:7] == ["LKjIP_2017_SEKRE.xlsx", "SEKRE", "ab" * 32, 27, 25, 2, "ya"]
    assert rows[5][6] == "tidak"
    assert rows[6][:6] == ["JUMLAH", "", "", 43, 25, 18]
    skipped = [r[:2] for r in rows[9:]]
    assert skipped[0] == ["Berkas", "Keterangan"]
    assert skipped[1][0] == "~$a.xlsx" and "kunci Office" in skipped[1][1]
    assert skipped[2][0] == "x.txt"


def test_ringkasan_has_what_bab_iii_needs(book: Path, consolidated: Consolidated) -> None:
    rows = _cached(book, "Ringkasan")
    pairs = {r[0]: r[1:] for r in rows if r[0]}
    assert pairs["Memuaskan"][1] == 6 and pairs["Kurang"][1] == 2 and pairs["Capaian tidak dapat dihitung"][1] == 2
    assert pairs["Jumlah indikator"][1] == 13
    assert pairs["Jumlah anggaran (Rp)"][0] == 8_516_086_000
    assert [pairs[k][0] for k in ("Galat", "Peringatan", "Info")] == [2, 0, 1]
    assert pairs["Berkas dilewati (tidak dibaca)"][0] == 2
    assert pairs["Rumus capaian indikator negatif"][0].startswith("2 - R/T")
    paragraph = next(r[0] for r in rows if str(r[0]).startswith("Pada tahun 2017"))
    assert "dari anggaran Rp 8.516.086.000" in paragraph
    assert (
        "Dari 13 indikator kinerja tersebut, 6 indikator berkategori Memuaskan, 1 indikator berkategori Sangat Baik" in paragraph
    )


def test_charts_reference_cells(book: Path) -> None:
    z = zipfile.ZipFile(book)
    names = set(z.namelist())
    assert {"xl/charts/chart1.xml", "xl/charts/chart2.xml"} <= names
    chart1 = z.read("xl/charts/chart1.xml").decode()
    assert "<c:barChart>" in chart1 and "<c:lineChart>" in chart1
    assert "<c:f>Grafik!$C$5:$C$17</c:f>" in chart1 and "<c:f>Grafik!$D$5:$D$17</c:f>" in chart1
    chart2 = z.read("xl/charts/chart2.xml").decode()
    assert chart2.count("<c:ser>") == 2 and 'val="clustered"' in chart2
    grafik = openpyxl.load_workbook(book)["Grafik"]
    assert [grafik.cell(r, 4).value for r in range(5, 18)] == [100] * 13


@pytest.mark.parametrize(("indicators", "charts"), [(60, 2), (61, 1)])
def test_capaian_chart_only_up_to_sixty_indicators(
    consolidated: Consolidated, tmp_path: Path, indicators: int, charts: int
) -> None:
    """A Pemda-wide set has thousands of indicators: past 60 bars the chart gives way to a note."""
    import dataclasses

    from lkjip_xl.workbook.charts import MAX_CHART_ITEMS

    rows = [dataclasses.replace(consolidated.kinerja[0], kode=f"IK{i:03d}") for i in range(indicators)]
    path = write_workbook(dataclasses.replace(consolidated, kinerja=rows), tmp_path / "g.xlsx")
    names = zipfile.ZipFile(path).namelist()
    assert len([n for n in names if n.startswith("xl/charts/chart")]) == charts
    grafik = openpyxl.load_workbook(path)["Grafik"]
    if indicators > MAX_CHART_ITEMS:
        assert grafik["A4"].value.startswith("Grafik capaian tidak dibuat: 61 indikator")
        assert grafik["A7"].value == "Kode"  # the anggaran chart's table follows
    else:
        assert grafik.cell(4 + indicators, 1).value == f"IK{indicators - 1:03d}"


# ---- determinism and atomicity ---------------------------------------------------------------------


def test_same_input_same_bytes(consolidated: Consolidated, tmp_path: Path) -> None:
    a = write_workbook(consolidated, tmp_path / "a.xlsx").read_bytes()
    b = write_workbook(consolidated, tmp_path / "b.xlsx").read_bytes()
    assert a == b


def _boom(*_args: Any, **_kwargs: Any) -> None:
    raise RuntimeError("disk penuh")


@pytest.mark.parametrize("target", ["sheet", "fsync"])
def test_failed_write_keeps_old_output_and_leaves_no_temp(
    consolidated: Consolidated, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    out = tmp_path / "LKjIP.xlsx"
    out.write_bytes(b"hasil lama")
    if target == "sheet":
        monkeypatch.setattr(writer, "temuan", _boom)  # fails mid-workbook
    else:
        monkeypatch.setattr(os, "fsync", _boom)  # fails after the temp file is complete on disk
    with pytest.raises(RuntimeError, match="disk penuh"):
        write_workbook(consolidated, out)
    assert out.read_bytes() == b"hasil lama"
    assert [p.name for p in tmp_path.iterdir()] == ["LKjIP.xlsx"]


def test_replaces_existing_output(consolidated: Consolidated, tmp_path: Path) -> None:
    out = tmp_path / "LKjIP.xlsx"
    out.write_bytes(b"hasil lama")
    write_workbook(consolidated, out)
    assert zipfile.is_zipfile(out)
    assert [p.name for p in tmp_path.iterdir()] == ["LKjIP.xlsx"]


def test_empty_consolidated_still_writes(tmp_path: Path) -> None:
    c = Consolidated(build_master(), [], [], [], [])
    path = write_workbook(c, tmp_path / "kosong.xlsx")
    assert openpyxl.load_workbook(path).sheetnames[: len(SHEETS)] == list(SHEETS)


# ---- golden contents -------------------------------------------------------------------------------


def _tiny() -> Consolidated:
    """2 programs, 3 kegiatan (one unreported), 3 indicators under 2 sasaran (one not computable), 1 finding."""
    master = Master(Instansi("Dinas Uji", "Kabupaten Contoh", 2024, 2021, 2026), [Bidang("B1", "Bidang Satu")], [], [])
    kinerja = [
        KinerjaRow(
            1,
            "Sasaran A",
            "I1",
            "Cakupan layanan",
            "%",
            "positif",
            "B1",
            100.0,
            107.014,
            107.014,
            "Memuaskan",
            "=lebih baik",
            capaian_lalu=100.0,
            tren="naik",
            target_renstra=100.0,
            realisasi_renstra=107.014,
            capaian_renstra=107.014,
        ),
        KinerjaRow(
            1,
            "Sasaran A",
            "I2",
            "Jumlah sengketa",
            "kasus",
            "negatif",
            "B1",
            10.0,
            12.0,
            80.0,
            "Baik",
            capaian_lalu=None,
            tren="",
            target_renstra=None,
            realisasi_renstra=12.0,
        ),
        KinerjaRow(
            2,
            "Sasaran B",
            "I3",
            "Pencari kerja",
            "orang",
            "positif",
            "B1",
            200.0,
            None,
            None,
            "",
            capaian_lalu=90.5,
            tren="",
            target_renstra=1000.0,
            kumulatif=True,
            catatan_renstra="realisasi tahun ini belum ada",
        ),
    ]
    anggaran = [
        AnggaranRow("program", "1.01", "Program Satu", "APBD", "B1", 1_500_000, 800_000),
        AnggaranRow("kegiatan", "1.01.01", "Kegiatan Satu", "APBD", "B1", 1_000_000, 800_000, "1.01"),
        AnggaranRow("kegiatan", "1.01.02", "Kegiatan Dua", "APBD", "B1", 500_000, None, "1.01"),
        AnggaranRow("program", "1.02", "Program Dua", "DAK", "B1", 2_000_000, 1_500_000),
        AnggaranRow("kegiatan", "1.02.01", "Kegiatan Tiga", "DAK", "B1", 2_000_000, 1_500_000, "1.02"),
    ]
    findings = [
        Finding.make(
            "A006", "Realisasi kegiatan 1.01.02 kosong.", file="b1.xlsx", sheet="Anggaran", cell="E3", kode="1.01.02", bidang="B1"
        )
    ]
    files = [FileSummary("b1.xlsx", "B1", "0" * 64, 5, 4, 1, True)]
    return Consolidated(master, kinerja, anggaran, findings, files, ["~$b1.xlsx"])


def _dump(path: Path) -> dict[str, Any]:
    """Every sheet's non-empty cells (formulas as text) and merged ranges: the workbook's contents, not its bytes."""
    out: dict[str, Any] = {}
    for ws in openpyxl.load_workbook(path):
        cells = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
        out[ws.title] = {"cells": cells, "merged": sorted(str(r) for r in ws.merged_cells.ranges)}
    return out


# Reviewed by hand against _tiny(): percentages 107.014 → 107,01; rata-rata (107.014 + 80) / 2 → 93,51;
# realisasi 2.300.000 / 3.500.000 → 65,71 %; program 1.01 sums its two kegiatan, JUMLAH sums the program rows.
GOLDEN: dict[str, Any] = {
    "Ringkasan": {
        "cells": {
            "A1": "RINGKASAN LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN 2024",
            "A2": "Dinas Uji Kabupaten Contoh",
            "A4": "Identitas",
            "A5": "Instansi",
            "B5": "Dinas Uji",
            "A6": "Pemerintah daerah",
            "B6": "Kabupaten Contoh",
            "A7": "Tahun laporan",
            "B7": 2024,
            "A8": "Periode Renstra",
            "B8": "2021–2026",
            "A10": "Capaian kinerja tahun 2024",
            "A11": "Kategori",
            "B11": "Rentang capaian",
            "C11": "Jumlah indikator",
            "A12": "Memuaskan",
            "B12": "≥ 100 %",
            "C12": 1,
            "A13": "Sangat Baik",
            "B13": "85 % ≤ c < 100 %",
            "C13": 0,
            "A14": "Baik",
            "B14": "70 % ≤ c < 85 %",
            "C14": 1,
            "A15": "Cukup",
            "B15": "55 % ≤ c < 70 %",
            "C15": 0,
            "A16": "Kurang",
            "B16": "< 55 %",
            "C16": 0,
            "A17": "Capaian tidak dapat dihitung",
            "B17": "target 0/kosong atau realisasi kosong",
            "C17": 1,
            "A18": "Jumlah indikator",
            "C18": 3,
            "A20": "Rata-rata capaian (%)",
            "B20": 93.51,
            "C20": "rata-rata indikator yang capaiannya dapat dihitung",
            "A21": "Rumus capaian indikator negatif",
            "B21": "2 - R/T: (2 − Realisasi/Target) × 100 (PermenPAN-RB, kondisi khusus)",
            "A23": "Perbandingan capaian dengan tahun 2023",
            "A24": "Keterangan",
            "B24": "Jumlah indikator",
            "A25": "naik",
            "B25": 1,
            "A26": "tetap",
            "B26": 0,
            "A27": "turun",
            "B27": 0,
            "A28": "tidak dapat dibandingkan",
            "B28": 2,
            "A30": "Realisasi anggaran",
            "A31": "Jumlah program",
            "B31": 2,
            "A32": "Jumlah kegiatan",
            "B32": 3,
            "A33": "Kegiatan belum melaporkan realisasi",
            "B33": 1,
            "C33": "dihitung 0 dalam jumlah realisasi",
            "A34": "Jumlah anggaran (Rp)",
            "B34": 3500000,
            "C34": "anggaran murni (DPA)",
            "A35": "Jumlah realisasi (Rp)",
            "B35": 2300000,
            "A36": "Realisasi (%)",
            "B36": 65.71,
            "C36": "dari jumlah realisasi dan anggaran",
            "A37": "Sisa anggaran (Rp)",
            "B37": 1200000,
            "A39": "Temuan pemeriksaan berkas",
            "A40": "Tingkat",
            "B40": "Jumlah temuan",
            "A41": "Galat",
            "B41": 1,
            "A42": "Peringatan",
            "B42": 0,
            "A43": "Info",
            "B43": 0,
            "A45": "Berkas bidang",
            "A46": "Berkas dibaca",
            "B46": 1,
            "A47": "Berkas digabung",
            "B47": 1,
            "A48": "Berkas tidak digabung",
            "B48": 0,
            "A49": "Berkas dilewati (tidak dibaca)",
            "B49": 1,
            "A50": "Baris dibaca",
            "B50": 5,
            "A51": "Baris digabung",
            "B51": 4,
            "A52": "Baris ditolak",
            "B52": 1,
            "A54": "Paragraf pembuka Bab III (dapat disalin)",
            "A55": "Pada tahun 2024, Dinas Uji Kabupaten Contoh menetapkan 3 indikator kinerja dalam "
            "Perjanjian Kinerja. Dari 3 indikator kinerja tersebut, 1 indikator berkategori "
            "Memuaskan dan 1 indikator berkategori Baik; capaian 1 indikator tidak dapat dihitung. "
            "Rata-rata capaian kinerja sebesar 93,51 %. Dibandingkan tahun 2023, capaian 1 "
            "indikator naik dan 2 indikator tidak dapat dibandingkan. Realisasi anggaran sebesar "
            "Rp 2.300.000 dari anggaran Rp 3.500.000 (65,71 %) untuk 2 program dan 3 kegiatan; 1 "
            "kegiatan belum melaporkan realisasi.",
            "A56": "Catatan: masih ada 1 temuan tingkat Galat (lihat lembar Temuan); angka di atas dapat "
            "berubah setelah berkas bidang diperbaiki.",
        },
        "merged": ["A55:C55", "A56:C56"],
    },
    "Capaian Kinerja": {
        "cells": {
            "A1": "CAPAIAN KINERJA TAHUN 2024",
            "A2": "Dinas Uji Kabupaten Contoh",
            "A4": "NO",
            "B4": "SASARAN STRATEGIS",
            "C4": "INDIKATOR KINERJA",
            "D4": "SATUAN",
            "E4": "TARGET",
            "F4": "REALISASI",
            "G4": "CAPAIAN (%)",
            "H4": "KATEGORI",
            "I4": "KETERANGAN",
            "A5": 1,
            "B5": "Sasaran A",
            "C5": "Cakupan layanan",
            "D5": "%",
            "E5": 100,
            "F5": 107.014,
            "G5": 107.01,
            "H5": "Memuaskan",
            "I5": "=lebih baik",
            "C6": "Jumlah sengketa",
            "D6": "kasus",
            "E6": 10,
            "F6": 12,
            "G6": 80,
            "H6": "Baik",
            "A7": 2,
            "B7": "Sasaran B",
            "C7": "Pencari kerja",
            "D7": "orang",
            "E7": 200,
            "H7": "tidak dapat dihitung",
            # the legend of the rules used (issue 14): every rule beside the figures it produced
            "A9": "KETERANGAN RUMUS",
            "A10": "Polaritas positif: Realisasi/Target × 100 (2 indikator).",
            "A11": "Polaritas negatif: (2 − Realisasi/Target) × 100 (PermenPAN-RB, kondisi khusus) (1 indikator).",
            "A12": "Agregasi nilai akhir: realisasi tahun = nilai triwulan terakhir (tingkat, rasio, indeks) (2 indikator).",
            "A13": "Agregasi jumlah: realisasi tahun = TW I + TW II + TW III + TW IV (kumulatif) (1 indikator).",
            "A14": "Target 0 atau kosong, atau realisasi kosong: capaian tidak dapat dihitung (bukan 0 % atau 100 %).",
        },
        "merged": ["A5:A6", "B5:B6"],
    },
    "Perbandingan Capaian": {
        "cells": {
            "A1": "PERBANDINGAN CAPAIAN KINERJA TAHUN 2024 DENGAN TAHUN 2023",
            "A2": "Dinas Uji Kabupaten Contoh",
            "A4": "NO",
            "B4": "SASARAN STRATEGIS",
            "C4": "INDIKATOR KINERJA",
            "D4": "CAPAIAN 2023 (%)",
            "E4": "CAPAIAN 2024 (%)",
            "F4": "KETERANGAN",
            "A5": 1,
            "B5": "Sasaran A",
            "C5": "Cakupan layanan",
            "D5": 100,
            "E5": 107.01,
            "F5": "naik",
            "C6": "Jumlah sengketa",
            "E6": 80,
            "F6": "tidak dapat dibandingkan",
            "A7": 2,
            "B7": "Sasaran B",
            "C7": "Pencari kerja",
            "D7": 90.5,
            "F7": "tidak dapat dibandingkan",
        },
        "merged": ["A5:A6", "B5:B6"],
    },
    "Capaian Renstra": {
        "cells": {
            "A1": "CAPAIAN KINERJA TAHUN 2024 TERHADAP TARGET AKHIR RENSTRA 2021–2026",
            "A2": "Dinas Uji Kabupaten Contoh",
            "A4": "NO",
            "B4": "SASARAN STRATEGIS",
            "C4": "INDIKATOR KINERJA",
            "D4": "TARGET AKHIR RENSTRA (2026)",
            "E4": "REALISASI S.D. 2024",
            "F4": "CAPAIAN (%)",
            "G4": "CATATAN",
            "A5": 1,
            "B5": "Sasaran A",
            "C5": "Cakupan layanan",
            "D5": 100,
            "E5": 107.014,
            "F5": 107.01,
            "G5": "tingkat: realisasi tahun 2024",
            "C6": "Jumlah sengketa",
            "E6": 12,
            "G6": "tingkat: realisasi tahun 2024; target akhir Renstra belum ada di master",
            "A7": 2,
            "B7": "Sasaran B",
            "C7": "Pencari kerja",
            "D7": 1000,
            "G7": "kumulatif: jumlah realisasi 2021–2024; realisasi tahun ini belum ada",
        },
        "merged": ["A5:A6", "B5:B6"],
    },
    "Realisasi Anggaran": {
        "cells": {
            "A1": "REALISASI ANGGARAN TAHUN 2024",
            "A2": "Dinas Uji Kabupaten Contoh",
            "A3": "Anggaran (Rp): anggaran murni (DPA)",
            "A4": "Kode",
            "B4": "Program/Kegiatan",
            "C4": "Sumber Dana",
            "D4": "Anggaran (Rp)",
            "E4": "Realisasi (Rp)",
            "F4": "%",
            "G4": "Sisa (Rp)",
            "A5": "1.01",
            "B5": "Program Satu",
            "C5": "APBD",
            "D5": "=SUM(D6:D7)",
            "E5": '=IF(COUNT(E6:E7)=0,"",SUM(E6:E7))',
            "F5": '=IF(OR(D5="",D5=0,E5=""),"",E5/D5*100)',
            "G5": "=D5-N(E5)",
            "A6": "1.01.01",
            "B6": "Kegiatan Satu",
            "C6": "APBD",
            "D6": 1000000,
            "E6": 800000,
            "F6": 80,
            "G6": 200000,
            "A7": "1.01.02",
            "B7": "Kegiatan Dua",
            "C7": "APBD",
            "D7": 500000,
            "G7": 500000,
            "A8": "1.02",
            "B8": "Program Dua",
            "C8": "DAK",
            "D8": "=SUM(D9)",
            "E8": '=IF(COUNT(E9)=0,"",SUM(E9))',
            "F8": '=IF(OR(D8="",D8=0,E8=""),"",E8/D8*100)',
            "G8": "=D8-N(E8)",
            "A9": "1.02.01",
            "B9": "Kegiatan Tiga",
            "C9": "DAK",
            "D9": 2000000,
            "E9": 1500000,
            "F9": 75,
            "G9": 500000,
            "B10": "JUMLAH",
            "D10": "=SUM(D5,D8)",
            "E10": "=SUM(E5,E8)",
            "F10": '=IF(OR(D10="",D10=0,E10=""),"",E10/D10*100)',
            "G10": "=D10-E10",
        },
        "merged": [],
    },
    "Temuan": {
        "cells": {
            "A1": "TEMUAN PEMERIKSAAN BERKAS BIDANG TAHUN 2024",
            "A2": "Dinas Uji Kabupaten Contoh",
            "A4": "No",
            "B4": "Tingkat",
            "C4": "Kode",
            "D4": "Judul",
            "E4": "Bidang",
            "F4": "Berkas",
            "G4": "Lembar",
            "H4": "Sel",
            "I4": "Kode Baris",
            "J4": "Masalah",
            "K4": "Seharusnya",
            "L4": "Tertulis",
            "M4": "Saran",
            "A5": 1,
            "B5": "Galat",
            "C5": "A006",
            "D5": "Realisasi kegiatan kosong",
            "E5": "B1",
            "F5": "b1.xlsx",
            "G5": "Anggaran",
            "H5": "E3",
            "I5": "1.01.02",
            "J5": "Realisasi kegiatan 1.01.02 kosong.",
            "M5": "Isi Realisasi (Rp) kegiatan ini (ketik 0 bila memang tidak ada realisasi).",
        },
        "merged": [],
    },
    "Sumber": {
        "cells": {
            "A1": "BERKAS SUMBER LKjIP TAHUN 2024",
            "A2": "Dinas Uji Kabupaten Contoh",
            "A4": "Berkas",
            "B4": "Bidang",
            "C4": "SHA-256",
            "D4": "Baris dibaca",
            "E4": "Baris digabung",
            "F4": "Baris ditolak",
            "G4": "Digabung",
            "A5": "b1.xlsx",
            "B5": "B1",
            "C5": "0000000000000000000000000000000000000000000000000000000000000000",
            "D5": 5,
            "E5": 4,
            "F5": 1,
            "G5": "ya",
            "A6": "JUMLAH",
            "D6": "=SUM(D5)",
            "E6": "=SUM(E5)",
            "F6": "=SUM(F5)",
            "G6": "1 dari 1",
            "A8": "Berkas yang dilewati",
            "A9": "Berkas",
            "B9": "Keterangan",
            "A10": "~$b1.xlsx",
            "B10": "berkas kunci Office (dibuat saat berkas sedang dibuka); tidak dibaca",
        },
        "merged": ["B10:C10"],
    },
    "Grafik": {
        "cells": {
            "A1": "GRAFIK CAPAIAN KINERJA DAN REALISASI ANGGARAN TAHUN 2024",
            "A2": "Dinas Uji Kabupaten Contoh",
            "A3": "Data grafik disalin dari lembar Capaian Kinerja dan Realisasi Anggaran saat workbook dibuat; "
            "anggaran: anggaran murni (DPA).",
            "A4": "Kode",
            "B4": "Indikator Kinerja",
            "C4": "Capaian (%)",
            "D4": "Target (%)",
            "A5": "I1",
            "B5": "Cakupan layanan",
            "C5": 107.01,
            "D5": 100,
            "A6": "I2",
            "B6": "Jumlah sengketa",
            "C6": 80,
            "D6": 100,
            "A7": "I3",
            "B7": "Pencari kerja",
            "D7": 100,
            "A27": "Kode",
            "B27": "Program",
            "C27": "Anggaran (Rp)",
            "D27": "Realisasi (Rp)",
            "A28": "1.01",
            "B28": "Program Satu",
            "C28": 1500000,
            "D28": 800000,
            "A29": "1.02",
            "B29": "Program Dua",
            "C29": 2000000,
            "D29": 1500000,
        },
        "merged": [],
    },
    "Perjanjian Kinerja": {
        "cells": {
            "A1": "PERJANJIAN KINERJA TAHUN 2024",
            "A2": "Dinas Uji Kabupaten Contoh",
            "A4": "NO",
            "B4": "SASARAN STRATEGIS",
            "C4": "INDIKATOR KINERJA",
            "D4": "SATUAN",
            "E4": "TARGET",
            "A5": 1,
            "B5": "Sasaran A",
            "C5": "Cakupan layanan",
            "D5": "%",
            "E5": 100,
            "C6": "Jumlah sengketa",
            "D6": "kasus",
            "E6": 10,
            "A7": 2,
            "B7": "Sasaran B",
            "C7": "Pencari kerja",
            "D7": "orang",
            "E7": 200,
            "A9": "Program dan anggaran Perjanjian Kinerja",
            "A10": "Master tidak memuat lembar Program PK.",
        },
        "merged": ["A5:A6", "B5:B6"],
    },
    "SDM Aparatur": {
        "cells": {
            "A1": "SUMBER DAYA MANUSIA APARATUR TAHUN 2024",
            "A2": "Dinas Uji Kabupaten Contoh",
            "A4": "NO",
            "B4": "URAIAN",
            "C4": "JUMLAH (orang)",
            "D4": "KETERANGAN",
            "A5": "Lembar SDM berkas Sekretariat tidak ada atau tidak diperiksa.",
        },
        "merged": [],
    },
    "Efisiensi": {
        "cells": {
            "A1": "ANALISIS EFISIENSI PENGGUNAAN SUMBER DAYA TAHUN 2024",
            "A2": "Dinas Uji Kabupaten Contoh",
            "A4": "NO",
            "B4": "SASARAN STRATEGIS",
            "C4": "INDIKATOR (dihitung / semua)",
            "D4": "RATA-RATA CAPAIAN (%)",
            "E4": "PROGRAM",
            "F4": "ANGGARAN (Rp)",
            "G4": "REALISASI (Rp)",
            "H4": "SERAPAN (%)",
            "I4": "CAPAIAN − SERAPAN (poin)",
            "J4": "PENILAIAN",
            "A5": 1,
            "B5": "Sasaran A",
            "C5": "2 / 2",
            "D5": 93.51,
            "J5": "tidak dapat dinilai",
            "A6": 2,
            "B6": "Sasaran B",
            "C6": "0 / 1",
            "J6": "tidak dapat dinilai",
            "A8": "Aturan: efisien bila rata-rata capaian kinerja sasaran (%) ≥ serapan anggaran program yang melayaninya (%); kurang efisien bila lebih kecil; tidak dapat dinilai bila salah satunya tidak ada.",
            "A9": "Anggaran: anggaran murni (DPA); program → sasaran menurut lembar Program PK master.",
        },
        "merged": [],
    },
    "Narasi": {
        "cells": {
            "A1": "NARASI BAB III LKjIP TAHUN 2024",
            "A2": "Dinas Uji Kabupaten Contoh",
            "A4": "BAB III AKUNTABILITAS KINERJA",
            "A5": "A. Capaian Kinerja Organisasi",
            "A6": "1. Perbandingan Target dan Realisasi Kinerja Tahun 2024",
            "A7": "Pada tahun 2024, Dinas Uji Kabupaten Contoh menetapkan 2 (dua) sasaran strategis dengan 3 (tiga) indikator kinerja dalam Perjanjian Kinerja.",
            "A8": "Capaian 2 (dua) indikator dapat dihitung: 1 (satu) indikator berkategori Memuaskan dan 1 (satu) indikator berkategori Baik. Capaian 1 (satu) indikator tidak dapat dihitung: I3 Pencari kerja (realisasi tidak dilaporkan).",
            "A9": "Capaian kinerja secara keseluruhan sebesar 93,51 % (Sangat Baik), yaitu rata-rata capaian 2 (dua) indikator yang capaiannya dapat dihitung; indikator yang capaiannya tidak dapat dihitung tidak ikut dirata-rata.",
            "A10": "Sasaran 1: Sasaran A. Dari 2 (dua) indikator, rata-rata capaian 93,51 % dari 2 (dua) indikator yang dapat dihitung.",
            "A11": "Sasaran 2: Sasaran B. Dari 1 (satu) indikator, capaiannya belum dapat dihitung.",
            "A12": "2. Perbandingan Capaian Kinerja Tahun 2024 dengan Tahun 2023",
            "A13": "Dibandingkan tahun 2023, capaian 1 (satu) indikator naik dan 2 (dua) indikator tidak dapat dibandingkan. Indikator tidak dapat dibandingkan bila capaian salah satu tahun tidak ada.",
            "A14": "3. Perbandingan Realisasi dengan Target Akhir Renstra 2021–2026",
            "A15": "Terhadap target akhir Renstra, 1 (satu) indikator dapat dibandingkan: 1 (satu) indikator telah mencapai 100 % atau lebih dan 0 (nol) indikator belum. 2 (dua) indikator tidak dapat dibandingkan karena target akhir Renstra atau realisasinya belum ada.",
            "A16": "4. Analisis Efisiensi Penggunaan Sumber Daya",
            "A17": "Efisiensi dinilai per sasaran: efisien bila rata-rata capaian kinerja sasaran (%) ≥ serapan anggaran program yang melayaninya (%); kurang efisien bila lebih kecil; tidak dapat dinilai bila salah satunya tidak ada. Program dihubungkan ke sasarannya menurut master (lembar Program PK). Dari 2 (dua) sasaran, 2 (dua) tidak dapat dinilai.",
            "A18": "Sasaran 1: capaian kinerja 93,51 %, serapan anggaran tidak ada (belum ada program yang dihubungkan): tidak dapat dinilai.",
            "A19": "Sasaran 2: capaian kinerja tidak dapat dihitung, serapan anggaran tidak ada (belum ada program yang dihubungkan): tidak dapat dinilai.",
            "A20": "B. Realisasi Anggaran",
            "A21": "Untuk mencapai sasaran tersebut, pada tahun 2024 dilaksanakan 2 (dua) program dan 3 (tiga) kegiatan dengan anggaran murni (DPA) sebesar Rp 3.500.000 dan realisasi sebesar Rp 2.300.000 atau 65,71 % dari anggaran. Sebanyak 1 (satu) kegiatan belum melaporkan realisasi dan dihitung 0.",
        },
        "merged": [],
    },
}


def test_golden_contents(tmp_path: Path) -> None:
    from lkjip_xl.planning.master_writer import write_master
    from lkjip_xl.planning.spec import master_spec
    from lkjip_xl.planning.state_pack import unpack_state

    c = _tiny()
    dump = _dump(write_workbook(c, tmp_path / "tiny.xlsx"))
    master = _dump(write_master(c.master, tmp_path / "master.xlsx"))
    # the yearly state init --dari reads: one yearly realisasi per indicator and kegiatan (blank = none), and the
    # master's data sheets, packed as text below the label "Data"
    state = dump.pop("_triwulan")["cells"]
    meta = {state[f"A{r}"]: state[f"B{r}"] for r in range(1, 6)}
    assert meta == {
        "Instansi": "Dinas Uji",
        "Pemerintah Daerah": "Kabupaten Contoh",
        "Tahun": "2024",
        "Triwulan": "Tahunan",
        "Versi": "2",
    }
    assert state["A7"] == "Data"
    chunks = [state[f"A{r}"] for r in range(8, 8 + sum(1 for k in state if k.startswith("A")) - 6)]
    values, sheets = unpack_state(chunks)
    assert values == {
        ("indikator", "I1"): (107.014,),
        ("indikator", "I2"): (12.0,),
        ("indikator", "I3"): (None,),
        ("kegiatan", "1.01.01"): (800000.0,),
        ("kegiatan", "1.01.02"): (None,),
        ("kegiatan", "1.02.01"): (1500000.0,),
    }
    cells = {
        name: {"cells": {a1(r + 1, c): v for r, row in enumerate(rows) for c, v in enumerate(row) if v is not None}, "merged": []}
        for name, rows in sheets.items()
    }
    assert cells == {name: master[name] for name in master_spec()}  # the master's data sheets
    assert dump == GOLDEN


def test_golden_cached_values(tmp_path: Path) -> None:
    """What readers that do not recalculate (calamine, pandas, previews) see in the formula cells."""
    path = write_workbook(_tiny(), tmp_path / "tiny.xlsx")
    rows = [r[3:7] for r in _cached(path, "Realisasi Anggaran")[4:10]]
    assert rows == [
        [1_500_000, 800_000, pytest.approx(53.3333333), 700_000],
        [1_000_000, 800_000, 80, 200_000],
        [500_000, "", "", 500_000],
        [2_000_000, 1_500_000, 75, 500_000],
        [2_000_000, 1_500_000, 75, 500_000],
        [3_500_000, 2_300_000, pytest.approx(65.7142857), 1_200_000],
    ]
    assert _cached(path, "Sumber")[5][3:6] == [5, 4, 1]


def test_capaian_is_stored_as_displayed() -> None:
    # rounded half up like a person does (107,005 → 107,01), not as binary floats do (107.0 → 107.00)
    assert writer.pct_value(107.014) == 107.01 and writer.pct_value(107.005) == 107.01
    assert writer.pct_value(None) is None


def test_text_with_markup_and_excel_escapes_reads_back_verbatim(consolidated: Consolidated, tmp_path: Path) -> None:
    """Table sheets are serialised by lkjip-xl itself: XML markup and Excel's `_xHHHH_` escape must stay text."""
    import dataclasses

    tricky = "_x0041_ <b>&amp; \"kutip\" 'satu'  spasi "
    finding = Finding.make("K001", tricky, file="a.xlsx", sheet="Kinerja", cell="F2", kode="_x000D_", bidang="IND")
    path = write_workbook(dataclasses.replace(consolidated, findings=[finding]), tmp_path / "x.xlsx")
    ws = openpyxl.load_workbook(path)["Temuan"]
    assert (ws["J5"].value, ws["I5"].value) == (tricky, "_x000D_")
    cached = _cached(path, "Temuan")
    assert (cached[4][9], cached[4][8]) == (tricky, "_x000D_")


def _sheet_contents(path: Path) -> dict[str, Any]:
    """Everything a reader sees of each sheet: values or formulas, cell styles, merges, sizes, print set-up."""
    wb = openpyxl.load_workbook(path)
    out: dict[str, Any] = {}
    for ws in wb.worksheets:
        cells = {
            c.coordinate: (
                c.value,
                c.data_type,
                c.number_format,
                c.font.b,
                c.fill.fgColor.rgb,
                c.border.left.style,
                c.alignment.wrap_text,
                c.alignment.indent,
            )
            for row in ws.iter_rows()
            for c in row
            if c.value is not None or c.has_style
        }
        heights = {r: d.height for r, d in ws.row_dimensions.items() if d.height}
        widths = {k: d.width for k, d in ws.column_dimensions.items()}
        merges = sorted(str(r) for r in ws.merged_cells.ranges)
        setup = (ws.freeze_panes, ws.print_title_rows, ws.page_setup.orientation, ws.page_setup.paperSize, ws.auto_filter.ref)
        out[ws.title] = (cells, heights, widths, merges, setup, ws.dimensions)
    return out


def _fast_and_plain(consolidated: Consolidated, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The workbook written as usual (table sheets spliced) and with every cell written by xlsxwriter itself."""
    fast = write_workbook(consolidated, tmp_path / "cepat.xlsx")
    plain_workbook = writer.new_workbook
    monkeypatch.setattr(writer, "new_workbook", lambda path, title, splice=False: plain_workbook(path, title))
    return fast, write_workbook(consolidated, tmp_path / "biasa.xlsx")


def test_spliced_table_sheets_equal_what_xlsxwriter_writes_cell_by_cell(
    consolidated: Consolidated, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast path (cells serialised by SheetWriter) must be indistinguishable from xlsxwriter's own cells."""
    fast, plain = _fast_and_plain(consolidated, tmp_path, monkeypatch)
    fast_contents, plain_contents = _sheet_contents(fast), _sheet_contents(plain)
    assert list(fast_contents) == list(plain_contents) == [*SHEETS, "Grafik", *state_sheets()]
    for sheet in SHEETS:
        assert fast_contents[sheet] == plain_contents[sheet], sheet
    assert _sheet_contents(fast)["Capaian Kinerja"][3]  # the comparison covered merged sasaran ranges


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=12))
def test_clean_text_removes_exactly_what_excel_rejects(text: str) -> None:
    """Printable text skips the regex; the result must be the regex's all the same."""
    from lkjip_xl.xlsx.formats import _BAD_CHARS, clean_text

    assert clean_text(text) == _BAD_CHARS.sub("", text)


def _sst(strings: list[str], writer: Any = None) -> str:
    """sharedStrings.xml of `strings` as `writer` writes it (None: xlsxwriter's own SharedStrings)."""
    import io

    from xlsxwriter.sharedstrings import SharedStrings, SharedStringTable

    table = SharedStringTable()
    for text in strings:
        table._get_shared_string_index(text)
    table._sort_string_data()
    sst = (writer or SharedStrings)()
    sst.string_table = table
    sst._set_filehandle(io.StringIO())
    sst._assemble_xml_file()
    return str(sst.fh.getvalue())


def _xlsxwriter_sst(strings: list[str]) -> str:
    return _sst(strings)


def _text_sst(strings: list[str]) -> str:
    from lkjip_xl.xlsx.direct import _TextSharedStrings

    return _sst(strings, _TextSharedStrings)


def _rich_shaped(text: str) -> bool:
    return text.startswith("<r>") and text.endswith("</r>")


_SST_TEXT = st.one_of(
    st.text(alphabet=st.characters(codec=None, exclude_categories=("Cs",)), max_size=10),
    st.sampled_from(["_x0041_", "_X00ff_ a", " spasi ", "\n", "a\tb", "&<>\"'", "\ufffe\uffff", "<r>", "<r></r>x"]),
)


@given(st.lists(_SST_TEXT.filter(lambda t: not _rich_shaped(t)), max_size=8))
def test_shared_strings_are_byte_for_byte_what_xlsxwriter_writes(strings: list[str]) -> None:
    """The fast sharedStrings.xml (one f-string per plain text) must equal xlsxwriter's own, escapes included."""
    assert _text_sst(strings) == _xlsxwriter_sst(strings)


def test_text_shaped_like_rich_text_is_escaped_as_text() -> None:
    """xlsxwriter would write "<r>…</r>" raw (its rich-text storage); from a bidang file that breaks the XML."""
    assert "<si><t>&lt;r&gt;&lt;b&gt;&lt;/r&gt;</t></si>" in _text_sst(["<r><b></r>"])
    assert "<si><r><b></r></si>" in _xlsxwriter_sst(["<r><b></r>"])  # what the escaping prevents


def test_rich_shaped_text_from_a_bidang_file_reads_back_as_text(consolidated: Consolidated, tmp_path: Path) -> None:
    import dataclasses

    rich = "<r><b></r>"
    rows = [dataclasses.replace(consolidated.kinerja[0], keterangan=rich), *consolidated.kinerja[1:]]
    finding = Finding.make("K001", rich, file="a.xlsx", sheet="Kinerja", cell="F2")
    path = write_workbook(dataclasses.replace(consolidated, kinerja=rows, findings=[finding]), tmp_path / "x.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb["Temuan"]["J5"].value == rich
    assert rich in [c.value for row in wb["Capaian Kinerja"].iter_rows() for c in row]


def test_spliced_package_has_xlsxwriters_members_in_its_order(
    consolidated: Consolidated, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The splicing workbook zips xlsxwriter's parts itself: none may be missing, added or reordered."""
    fast, plain = _fast_and_plain(consolidated, tmp_path, monkeypatch)
    with zipfile.ZipFile(fast) as a, zipfile.ZipFile(plain) as b:
        assert [i.filename for i in a.infolist()] == [i.filename for i in b.infolist()]
        assert {i.date_time for i in a.infolist()} == {(1980, 1, 1, 0, 0, 0)}  # no timestamp of today
        assert a.read("docProps/core.xml") == b.read("docProps/core.xml")


@given(st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)))
def test_numbers_are_written_as_xlsxwriter_writes_them(value: float) -> None:
    """Rupiah (ints) skip float formatting; the text must still be xlsxwriter's %.16G."""
    from lkjip_xl.xlsx.direct import number_text

    assert number_text(value) == f"{value:.16G}"


def test_shared_string_counts_match_the_cells_that_use_them(book: Path) -> None:
    """Table cells take their indexes from xlsxwriter's string table directly: its counts must stay exact."""
    with zipfile.ZipFile(book) as z:
        sst = z.read("xl/sharedStrings.xml").decode()
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    count, unique = (int(x) for x in re.search(r'count="(\d+)" uniqueCount="(\d+)"', sst).groups())  # type: ignore[union-attr]
    used = [int(i) for xml in sheets for i in re.findall(r't="s"><v>(\d+)</v>', xml)]
    assert count == len(used)
    assert unique == sst.count("<si>") == len(set(used)) and max(used) == unique - 1
