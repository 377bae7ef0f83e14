"""Safe opening of a screened workbook with calamine: size limits checked first, the screened bytes parsed."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
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


class UnreadableWorkbook(Exception):
    """A workbook the command needs whole (the master, an earlier result) cannot be read; the message says why."""


def why_unsafe(info: SheetInfo | None, limits: tuple[int, int, int]) -> str:
    """Why a sheet is not loaded: the limit it exceeds and by how much, or the scan's own reason."""
    if info is not None and info.complete:
        return over_limits(info, limits) or refusal(info)
    return refusal(info)


def read_sheets(
    path: Path, select: Callable[[list[str]], list[str]] | None = None, limits: tuple[int, int, int] | None = None
) -> tuple[list[str], dict[str, list[list[Any]]]]:
    """Every sheet name, and the rows of the sheets `select` picks from them (None: all), read the safe way:
    screened by the guard, each sheet's size checked by the XML scan before calamine loads it. Raises
    UnreadableWorkbook, in Bahasa Indonesia, for a file or a sheet that cannot be read. `limits`: MASTER_LIMITS."""
    limits = limits or MASTER_LIMITS
    from lkjip_xl.intake.guard import screen_file
    from lkjip_xl.intake.sheetxml import scan_workbook

    screened = screen_file(path)
    if not screened.readable:
        detail = "; ".join(f.message for f in screened.findings) or "berkas tidak dapat dibaca"
        raise UnreadableWorkbook(f"'{path}' tidak dapat dibaca: {detail}")
    try:
        wb = open_workbook(path, screened)
        names = list(wb.sheet_names)
        wanted = names if select is None else select(names)
        infos = scan_workbook(path, wanted, screened.parts, size_only=True)
        unsafe = list(dict.fromkeys(name for name in wanted if safe_size(infos.get(name), limits)))
        if unsafe:
            listed = "; ".join(f"lembar {name} {why_unsafe(infos.get(name), limits)}" for name in unsafe)
            raise UnreadableWorkbook(f"'{path.name}' tidak dibaca: {listed}.")
        return names, {name: wb.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in wanted}
    except (UnreadableWorkbook, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine raises several unrelated types for damaged files, a Rust panic too
        raise UnreadableWorkbook(f"'{path}' tidak dapat dibaca: {exc}") from exc
