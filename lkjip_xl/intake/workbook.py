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


def safe_size(info: Any) -> str | None:
    """Why a sheet must not reach calamine (which aborts the process when a huge range cannot be
    allocated), or None when it is safe to load."""
    if info is None or not info.complete:
        return "B024"
    if info.dimension_rows > MAX_ROWS or info.dimension_cols > MAX_COLS or info.dimension_rows * info.dimension_cols > MAX_CELLS:
        return "B015"
    return None


def refusal(info: SheetInfo | None) -> str:
    """Why a sheet is not loaded, for a message: the scan's own reason when it has one."""
    return info.problem if info is not None and info.problem else "rusak atau terlalu besar untuk dibaca dengan aman"
