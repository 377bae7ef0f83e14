"""Safe opening of a screened workbook with calamine: size limits checked first, the screened bytes parsed."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lkjip_xl.intake.guard import Screened
    from lkjip_xl.intake.sheetscan import SheetInfo


MAX_CELLS = 2_000_000  # a template sheet holds a few hundred cells; refuse before calamine allocates


MAX_ROWS = 100_000


MAX_COLS = 1_000


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return ""
    return h.hexdigest()


def open_workbook(path: Path, screened: Screened) -> Any:
    """calamine on the very bytes the guard screened (the file may have been replaced since). A file too large
    to have been kept is opened again, by name unless the name is not valid UTF-8 (calamine takes such a
    name only as an open file)."""
    import python_calamine as pc

    if screened.data is not None:
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(screened.data))
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        with path.open("rb") as fh:
            return pc.CalamineWorkbook.from_filelike(fh)
    return pc.CalamineWorkbook.from_path(str(path))


# A master holds a whole Pemda's planning (tens of OPD, thousands of kegiatan and sub kegiatan): far larger
# limits than a bidang sheet, still below what calamine can hold in memory (≈ 100 bytes a cell once read).
MASTER_LIMITS = (500_000, 1_000, 6_000_000)  # rows, columns, cells


def safe_size(info: Any, limits: tuple[int, int, int] = (MAX_ROWS, MAX_COLS, MAX_CELLS)) -> str | None:
    """Why a sheet must not reach calamine (which aborts the process when a huge range cannot be
    allocated), or None when it is safe to load."""
    if info is None or not info.complete:
        return "B024"
    rows, cols, cells = limits
    n_rows, n_cols = info.dimension_rows, info.dimension_cols
    return "B015" if n_rows > rows or n_cols > cols or n_rows * n_cols > cells else None


def over_limits(info: Any, limits: tuple[int, int, int] = (MAX_ROWS, MAX_COLS, MAX_CELLS)) -> str:
    """Which size limit a sheet exceeds and by how much, in Bahasa Indonesia ('' when none)."""
    from lkjip_xl.numbers import format_id

    rows, cols = info.dimension_rows, info.dimension_cols
    max_rows, max_cols, max_cells = limits
    size = f"berukuran {format_id(rows)} baris × {format_id(cols)} kolom"
    if rows > max_rows:
        return f"{size}: melebihi batas {format_id(max_rows)} baris sebanyak {format_id(rows - max_rows)} baris"
    if cols > max_cols:
        return f"{size}: melebihi batas {format_id(max_cols)} kolom sebanyak {format_id(cols - max_cols)} kolom"
    if rows * cols > max_cells:
        return f"{size} ({format_id(rows * cols)} sel): melebihi batas {format_id(max_cells)} sel sebanyak {format_id(rows * cols - max_cells)} sel"
    return ""


def refusal(info: SheetInfo | None) -> str:
    """Why a sheet is not loaded, for a message: the scan's own reason when it has one."""
    return info.problem if info is not None and info.problem else "rusak atau terlalu besar untuk dibaca dengan aman"
