"""The LKjIP as a Word document (python-docx): Bab II (Perjanjian Kinerja) and Bab III (text and tables).

A4 portrait, headings as in the report, tables with their header row repeated on every page, numbers
Indonesian-style. Deterministic: fixed document properties and zip entry times, so the same inputs give
the same bytes.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Sequence, Set
from pathlib import Path
from typing import Any

from lkjip_xl.consolidate.efisiensi import efisiensi
from lkjip_xl.consolidate.narasi import FAKTOR, HEADING1, HEADING2, HEADING3, Block, narasi
from lkjip_xl.consolidate.pk import pk_table
from lkjip_xl.consolidate.tables import Consolidated, KinerjaRow
from lkjip_xl.numbers import format_id, round_half_up
from lkjip_xl.workbook.sheets.common import TIDAK_DAPAT_DIBANDINGKAN, TIDAK_DAPAT_DIHITUNG, kinerja_order
from lkjip_xl.xlsx.formats import FIXED_DATE, clean_text

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
TABLE_STYLE = "Isi Tabel"  # the paragraph style of table cells (8 pt, no space after)
Cell = str  # every cell is written as text: numbers already in Indonesian display


def write_document(c: Consolidated, path: Path) -> Path:
    """Write the .docx atomically (a temporary file beside `path`, then renamed onto it)."""
    path = Path(path)
    data = document_bytes(c)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def document_bytes(c: Consolidated) -> bytes:
    doc = _new_document(c)
    _bab2(doc, c)
    _bab3(doc, c)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _without_clock(buffer.getvalue())


def _without_clock(data: bytes) -> bytes:
    """python-docx stamps every zip entry with the current time: the same entries again, at a fixed time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info))
    return out.getvalue()


def _new_document(c: Consolidated) -> Any:
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    inst = c.master.instansi
    props = doc.core_properties
    props.title = clean_text(f"LKjIP {inst.nama} {inst.pemda} {inst.tahun}")
    props.author = props.last_modified_by = "lkjip-xl"
    props.created = props.modified = props.last_printed = FIXED_DATE
    props.revision = 1
    props.language = "id-ID"
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(10)
    from docx.enum.style import WD_STYLE_TYPE

    cells = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cells.base_style = doc.styles["Normal"]
    cells.font.size = Pt(8)
    cells.paragraph_format.space_after = Pt(0)
    title = doc.add_paragraph(style="Title")
    title.add_run(clean_text(f"LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN {inst.tahun}"))
    doc.add_paragraph(clean_text(f"{inst.nama} {inst.pemda}"), style="Subtitle")
    return doc


def _table(
    doc: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    numeric: set[int],
    widths: Sequence[float],
    bold_rows: Set[int] = frozenset(),
) -> Any:
    """A grid table; its header row repeats on every page; numeric columns right-aligned; `widths` in cm."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    # python-docx's Paragraph.style setter searches every style per cell (1.5 s for the demo): set the id once known
    style_id = doc.styles[TABLE_STYLE].style_id
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    sizes = [Cm(w) for w in widths]
    for column, size in zip(table.columns, sizes, strict=True):
        column.width = size  # the grid (LibreOffice); each cell's own width below (Word)
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")  # python-docx has no property for it; the element is the schema's own
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for r, values in enumerate([list(headers), *rows]):
        cells = header.cells if r == 0 else table.add_row().cells  # rows added one by one: indexing is quadratic
        for col, value in enumerate(values):
            cells[col].width = sizes[col]
            paragraph = cells[col].paragraphs[0]
            paragraph._p.style = style_id
            run = paragraph.add_run(clean_text(value))
            if r == 0 or (r - 1) in bold_rows:
                run.bold = True
            if r == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif col in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()
    return table


def _num(value: float | int | None, decimals: int = 0) -> str:
    return "" if value is None else format_id(value, decimals)


def _quantity(value: float | None) -> str:
    """Targets and realisasi as the workbook shows them: whole numbers as 3.160, fractions as 18,11."""
    if value is None:
        return ""
    return format_id(value) if float(value).is_integer() else format_id(value, 2)


def _pct(value: float | None) -> str:
    return "" if value is None else format_id(round_half_up(value, 2), 2)


# ---- Bab II ------------------------------------------------------------------------------------------


def _bab2(doc: Any, c: Consolidated) -> None:
    year = c.master.instansi.tahun
    doc.add_heading("BAB II PERENCANAAN KINERJA", level=1)
    doc.add_heading(f"A. Perjanjian Kinerja Tahun {year}", level=2)
    rows = [
        [str(r.no) if first else "", r.sasaran if first else "", r.indikator, r.satuan, _quantity(r.target)]
        for r, first in _sasaran_firsts(c.kinerja)
    ]
    _table(doc, ["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "SATUAN", "TARGET"], rows, {0, 4}, (1, 5.5, 6.5, 2, 2))
    doc.add_heading("B. Program dan Anggaran", level=2)
    table = pk_table(c.master)
    if not table.rows:
        doc.add_paragraph("Master tidak memuat program Perjanjian Kinerja.")
        return
    basis = c.master.anggaran_basis
    body = [
        [str(i), r.nama, r.sumber_dana, _num(r.anggaran_pk), _num(r.anggaran), _num(r.selisih)]
        for i, r in enumerate(table.rows, start=1)
    ]
    body.append(["", "JUMLAH", "", _num(table.total_pk), _num(table.total_anggaran), _num(table.selisih)])
    if table.stated_total is not None:
        body.append(
            ["", "JUMLAH TERTULIS DI PERJANJIAN KINERJA", "", _num(table.stated_total), "", _num(table.stated_difference)]
        )
    headers = ["NO", "PROGRAM", "SUMBER DANA", "ANGGARAN PK (Rp)", f"{basis.upper()} (Rp)", "SELISIH (Rp)"]
    _table(doc, headers, body, {0, 3, 4, 5}, (1, 6, 1.8, 2.8, 2.8, 2.6), set(range(len(table.rows), len(body))))


def _sasaran_firsts(rows: list[KinerjaRow]) -> list[tuple[KinerjaRow, bool]]:
    """Indicators grouped by sasaran, each flagged when it is its sasaran's first (NO and SASARAN shown once)."""
    seen: set[int] = set()
    out = []
    for r in kinerja_order(rows):
        out.append((r, r.no not in seen))
        seen.add(r.no)
    return out


# ---- Bab III -----------------------------------------------------------------------------------------


def _bab3(doc: Any, c: Consolidated) -> None:
    """The text block by block; each section's table follows its paragraphs."""
    tables = {"1.": _capaian, "2.": _perbandingan, "3.": _renstra, "4.": _efisiensi, "B.": _anggaran}
    pending: str | None = None
    for block in narasi(c):
        if block.style in (HEADING1, HEADING2, HEADING3):
            if pending:
                tables[pending](doc, c)
            pending = next((k for k in tables if block.text.startswith(k)), None)
        _block(doc, block)
    if pending:
        tables[pending](doc, c)


def _block(doc: Any, block: Block) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    level = {HEADING1: 1, HEADING2: 2, HEADING3: 3}.get(block.style)
    if level is not None:
        doc.add_heading(clean_text(block.text), level=level)
        return
    paragraph = doc.add_paragraph(clean_text(block.text))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if block.style == FAKTOR:
        paragraph.paragraph_format.left_indent = Cm(1)


def _capaian(doc: Any, c: Consolidated) -> None:
    rows = [
        [
            str(r.no) if first else "",
            r.sasaran if first else "",
            r.indikator,
            r.satuan,
            _quantity(r.target),
            _quantity(r.realisasi),
            _pct(r.capaian),
            r.kategori if r.capaian is not None else TIDAK_DAPAT_DIHITUNG,
        ]
        for r, first in _sasaran_firsts(c.kinerja)
    ]
    headers = ["NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN (%)", "KATEGORI"]
    _table(doc, headers, rows, {0, 4, 5, 6}, (0.9, 3.2, 3.4, 1.6, 1.7, 2.0, 1.9, 2.3))


def _perbandingan(doc: Any, c: Consolidated) -> None:
    year = c.master.instansi.tahun
    rows = [
        [str(r.no) if first else "", r.indikator, _pct(r.capaian_lalu), _pct(r.capaian), r.tren or TIDAK_DAPAT_DIBANDINGKAN]
        for r, first in _sasaran_firsts(c.kinerja)
    ]
    headers = ["NO", "INDIKATOR KINERJA", f"CAPAIAN {year - 1} (%)", f"CAPAIAN {year} (%)", "KETERANGAN"]
    _table(doc, headers, rows, {0, 2, 3}, (1, 8, 2.5, 2.5, 3))


def _renstra(doc: Any, c: Consolidated) -> None:
    inst = c.master.instansi
    rows = [
        [
            str(r.no) if first else "",
            r.indikator,
            _quantity(r.target_renstra),
            _quantity(r.realisasi_renstra),
            _pct(r.capaian_renstra),
        ]
        for r, first in _sasaran_firsts(c.kinerja)
    ]
    headers = [
        "NO",
        "INDIKATOR KINERJA",
        f"TARGET AKHIR RENSTRA ({inst.renstra_akhir})",
        f"REALISASI S.D. {inst.tahun}",
        "CAPAIAN (%)",
    ]
    _table(doc, headers, rows, {0, 2, 3, 4}, (1, 7, 3, 3, 3))


def _efisiensi(doc: Any, c: Consolidated) -> None:
    rows = [
        [
            str(r.no),
            r.sasaran,
            _pct(r.capaian),
            _num(r.anggaran) if r.programs else "",
            _num(r.realisasi) if r.programs else "",
            _pct(r.serapan),
            r.penilaian,
        ]
        for r in efisiensi(c)
    ]
    headers = ["NO", "SASARAN STRATEGIS", "CAPAIAN (%)", "ANGGARAN (Rp)", "REALISASI (Rp)", "SERAPAN (%)", "PENILAIAN"]
    _table(doc, headers, rows, {0, 2, 3, 4, 5}, (0.9, 5.0, 1.9, 2.6, 2.6, 1.9, 2.1))


def _anggaran(doc: Any, c: Consolidated) -> None:
    rows: list[list[Cell]] = []
    bold: set[int] = set()
    for r in c.anggaran:
        if r.level == "program":
            bold.add(len(rows))
        rows.append([r.kode, r.nama, _num(r.anggaran), _num(r.realisasi), _pct(r.persen)])
    bold.add(len(rows))
    rows.append(["", "JUMLAH", _num(c.total_anggaran), _num(c.total_realisasi), _pct(c.total_persen)])
    headers = ["KODE", "PROGRAM/KEGIATAN", f"{c.master.anggaran_basis.upper()} (Rp)", "REALISASI (Rp)", "%"]
    _table(doc, headers, rows, {2, 3, 4}, (2.2, 7.8, 2.8, 2.8, 1.4), bold)
