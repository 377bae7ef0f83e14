"""Headless LibreOffice and poppler helpers for the round-trip, recalculation and print tests, and the docs/img images."""

from __future__ import annotations

import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SOFFICE = shutil.which("soffice")
POPPLER = all(shutil.which(tool) for tool in ("pdfinfo", "pdftotext", "pdftoppm"))
SOFFICE_TIMEOUT = 180  # seconds for one soffice start converting a whole batch (about 5 s here)
TOOL_TIMEOUT = 60
A4_LANDSCAPE = (841.89, 595.28)  # points
DOC_DPI = 70

# Forces "Recalculation on file load: always" for Excel 2007+ files in a fresh profile (0 = always, 1 = never, 2 = ask).
RECALC_ALWAYS_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


class ToolError(RuntimeError):
    """An external tool failed or produced nothing."""


def _run(cmd: list[str], timeout: float) -> bytes:
    """Run a tool in its own process group and kill the whole group on timeout (soffice forks soffice.bin)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise ToolError(f"{cmd[0]} did not finish within {timeout} s") from None
    if proc.returncode != 0:
        raise ToolError(f"{cmd[0]} exited with {proc.returncode}: {err.decode(errors='replace')}")
    return out


def convert(files: list[Path], fmt: str, outdir: Path, profile: Path, *, recalc_on_load: bool = False) -> list[Path]:
    """Convert `files` with one soffice start; `profile` must be a fresh directory for this session.

    `recalc_on_load` makes LibreOffice recalculate every formula on load instead of trusting cached values.
    """
    if SOFFICE is None:
        raise ToolError("soffice not found")
    stems = [f.stem for f in files]
    if len(set(stems)) != len(stems):
        raise ValueError("files of one batch need distinct names")
    if recalc_on_load:
        (profile / "user").mkdir(parents=True, exist_ok=True)
        (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS_XCU, encoding="utf-8")
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [
        SOFFICE,
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        fmt,
        "--outdir",
        str(outdir),
        *(str(f) for f in files),
    ]
    _run(cmd, SOFFICE_TIMEOUT)
    ext = fmt.split(":", 1)[0]
    outputs = [outdir / f"{stem}.{ext}" for stem in stems]
    missing = [p.name for p in outputs if not p.is_file()]
    if missing:
        raise ToolError(f"soffice wrote no {', '.join(missing)}")
    return outputs


def only_sheet(src: Path, dst: Path, sheet: str) -> Path:
    """A byte-for-byte copy of `src` in which every sheet but `sheet` is hidden (LibreOffice prints visible sheets only)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = _hide_others(data.decode("utf-8"), sheet).encode("utf-8")
            zout.writestr(item, data)
    return dst


def _hide_others(xml: str, keep: str) -> str:
    """Hide every <sheet> but `keep` and make `keep` the active tab (LibreOffice prints the active sheet even hidden)."""
    tags = re.findall(r"<sheet\s[^>]*/>", xml)
    wanted = f' name="{_xml_escape(keep)}"'
    index = next((i for i, tag in enumerate(tags) if wanted in tag), None)
    if index is None:
        raise KeyError(keep)
    for i, tag in enumerate(tags):
        bare = re.sub(r'\sstate="[^"]*"', "", tag)
        xml = xml.replace(tag, bare if i == index else bare.replace("<sheet ", '<sheet state="hidden" ', 1), 1)
    view = re.search(r"<workbookView\b[^>]*/>", xml)
    if view is None:
        raise ToolError("workbook.xml has no workbookView")
    active = re.sub(r'\s(?:activeTab|firstSheet)="\d+"', "", view.group(0))
    active = active.replace("<workbookView", f'<workbookView activeTab="{index}" firstSheet="{index}"', 1)
    return xml.replace(view.group(0), active, 1)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# ---- PDF (poppler) -----------------------------------------------------------------------------------


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """(width, height) in points of every page."""
    info = _run(["pdfinfo", str(pdf)], TOOL_TIMEOUT).decode()
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    if not m:
        raise ToolError(f"pdfinfo gave no page count for {pdf.name}")
    pages = int(m.group(1))
    sizes = _run(["pdfinfo", "-f", "1", "-l", str(pages), str(pdf)], TOOL_TIMEOUT).decode()
    found = [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", sizes, re.M)]
    if len(found) != pages:
        raise ToolError(f"pdfinfo listed {len(found)} of {pages} page sizes")
    return found


def is_a4_landscape(size: tuple[float, float], tol: float = 1.0) -> bool:
    return abs(size[0] - A4_LANDSCAPE[0]) <= tol and abs(size[1] - A4_LANDSCAPE[1]) <= tol


def page_texts(pdf: Path) -> list[str]:
    """The text of every page, whitespace collapsed to single spaces."""
    raw = _run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], TOOL_TIMEOUT).decode("utf-8")
    pages = raw.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [" ".join(p.split()) for p in pages]


@dataclass(frozen=True)
class Raster:
    """One rendered page: 8-bit RGB pixels, row by row."""

    width: int
    height: int
    rgb: bytes

    def count_near(self, color: str, tol: int = 24) -> int:
        """Pixels within `tol` of `color` (#RRGGBB) on every channel."""
        target = tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))
        px = self.rgb
        return sum(
            1
            for i in range(0, len(px), 3)
            if abs(px[i] - target[0]) <= tol and abs(px[i + 1] - target[1]) <= tol and abs(px[i + 2] - target[2]) <= tol
        )

    def count_not_white(self, threshold: int = 240) -> int:
        px = self.rgb
        return sum(1 for i in range(0, len(px), 3) if min(px[i], px[i + 1], px[i + 2]) < threshold)


def render(pdf: Path, page: int, dpi: int = 50) -> Raster:
    """Render one page (1-based) with pdftoppm as binary PPM and decode it."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "p"
        _run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-singlefile", str(pdf), str(root)], TOOL_TIMEOUT)
        return _read_ppm(root.with_suffix(".ppm").read_bytes())


def _read_ppm(data: bytes) -> Raster:
    m = re.match(rb"P6\s+(?:#[^\n]*\s+)*(\d+)\s+(\d+)\s+(\d+)\s", data)
    if not m or m.group(3) != b"255":
        raise ToolError("not an 8-bit binary PPM")
    width, height = int(m.group(1)), int(m.group(2))
    pixels = data[m.end() : m.end() + width * height * 3]
    if len(pixels) != width * height * 3:
        raise ToolError("truncated PPM")
    return Raster(width, height, pixels)


def save_png(pdf: Path, page: int, dest: Path, dpi: int = DOC_DPI) -> Path:
    """One page as a PNG image (docs/img)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    root = dest.with_suffix("")
    _run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-png", "-singlefile", str(pdf), str(root)], TOOL_TIMEOUT)
    return dest


# ---- cell values -----------------------------------------------------------------------------------


def sheet_values(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet's cell values as python-calamine reads them (cached values of formulas)."""
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def same_value(a: Any, b: Any, rel: float = 1e-6) -> bool:
    """Whole numbers (Rupiah, counts) exactly, other numbers within `rel` (relative), everything else exactly.

    Rupiah are exact: 1e-6 of 8.516.086.000 would let a total be off by 8.516 rupiah.
    """
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):
        if float(a).is_integer() and float(b).is_integer():
            return float(a) == float(b)
        return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=1e-9)
    return type(a) is type(b) and a == b


def value_differences(before: dict[str, list[list[Any]]], after: dict[str, list[list[Any]]]) -> list[str]:
    """'Sheet!R1C1: before != after' for every cell that differs (shape differences included)."""
    out = [f"lembar {name}: hilang" for name in before if name not in after]
    for name, rows in before.items():
        other = after.get(name)
        if other is None:
            continue
        height = max(len(rows), len(other))
        for r in range(height):
            left = rows[r] if r < len(rows) else []
            right = other[r] if r < len(other) else []
            for c in range(max(len(left), len(right))):
                a = left[c] if c < len(left) else ""
                b = right[c] if c < len(right) else ""
                if not same_value(a, b):
                    out.append(f"{name}!R{r + 1}C{c + 1}: {a!r} != {b!r}")
    return out


# ---- docs/img ----------------------------------------------------------------------------------------

DOC_SHEETS = {
    "Ringkasan": "gabungan-ringkasan.png",
    "Capaian Kinerja": "gabungan-capaian-kinerja.png",
    "Perbandingan Capaian": "gabungan-perbandingan-capaian.png",
    "Capaian Renstra": "gabungan-capaian-renstra.png",
    "Realisasi Anggaran": "gabungan-realisasi-anggaran.png",
    "Temuan": "gabungan-temuan.png",
    "Sumber": "gabungan-sumber.png",
    "Perjanjian Kinerja": "gabungan-perjanjian-kinerja.png",
    "SDM Aparatur": "gabungan-sdm-aparatur.png",
    "Efisiensi": "gabungan-efisiensi.png",
    "Narasi": "gabungan-narasi.png",
    "Grafik": "gabungan-grafik.png",
}
DOC_DOCUMENT_PAGE = (2, "dokumen-lkjip.png")  # the Word document's page where Bab III begins
DOC_TEMPLATE_SHEETS = {"Kinerja": "template-kinerja.png", "Anggaran": "template-anggaran.png"}
DOC_TEMPLATE_BIDANG = "SEKRE"


def write_doc_images(out_dir: Path) -> list[Path]:
    """First printed page of every sheet of the demo's finished workbook and of one bidang template, and one page
    of the demo's Word document, as PNG."""
    from lkjip_xl import jobs

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        result = jobs.demo(work / "demo")
        template = next((work / "demo" / "template").glob(f"*_{DOC_TEMPLATE_BIDANG}_*.xlsx"))
        pages = [(result.output, sheet, name) for sheet, name in DOC_SHEETS.items()]
        pages += [(template, sheet, name) for sheet, name in DOC_TEMPLATE_SHEETS.items()]
        variants = [only_sheet(src, work / Path(name).with_suffix(".xlsx").name, sheet) for src, sheet, name in pages]
        pdfs = convert(variants, "pdf", work / "pdf", work / "profil")
        written = [save_png(pdf, 1, out_dir / f"{pdf.stem}.png") for pdf in pdfs]
        assert result.document is not None
        document = convert([result.document], "pdf", work / "pdf-dokumen", work / "profil-dokumen")[0]
        page, name = DOC_DOCUMENT_PAGE
        return [*written, save_png(document, page, out_dir / name)]


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "img"
    for written in write_doc_images(target):
        print(written)
