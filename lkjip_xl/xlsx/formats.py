"""Shared xlsxwriter formats and deterministic workbook set-up (Indonesian display, A4, fixed properties)."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

# [$-421] tags the format as Indonesian so LibreOffice shows 1.234.567,89 whatever its own locale;
# Excel shows the reader's regional separators (Indonesian on the Sekretariat's machines).
FMT_RUPIAH = "[$-421]#,##0"
FMT_DEC = "[$-421]#,##0.00"
FMT_DEC_AUTO = "[$-421]#,##0.##"
FIXED_DATE = _dt.datetime(2000, 1, 1)  # fixed creation time: same inputs give the same bytes


def new_workbook(path: Path, title: str, splice: bool = False) -> Any:
    """A workbook with fixed properties; with `splice`, table sheets' cells are serialised by SheetWriter itself."""
    from lkjip_xl.xlsx.direct import SplicingWorkbook, TextWorkbook

    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    wb = SplicingWorkbook(path, options) if splice else TextWorkbook(str(path), options)
    wb.set_properties({"title": title, "author": "lkjip-xl", "company": "", "created": FIXED_DATE})
    wb.set_calc_mode("auto")
    return wb


class Formats:
    """The handful of cell formats every lkjip-xl workbook uses."""

    def __init__(self, wb: Any) -> None:
        base = {"font_name": "Arial", "font_size": 10, "valign": "top"}
        border = {"border": 1, "border_color": "#9E9E9E"}
        self.header = wb.add_format(
            {
                **base,
                **border,
                "bold": True,
                "bg_color": "#1F4E78",
                "font_color": "#FFFFFF",
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
            }
        )
        self.title = wb.add_format({**base, "bold": True, "font_size": 13})
        self.subtitle = wb.add_format({**base, "italic": True, "font_color": "#555555"})
        self.text = wb.add_format({**base, **border, "text_wrap": True})
        self.text_bold = wb.add_format({**base, **border, "text_wrap": True, "bold": True})
        self.locked_text = wb.add_format({**base, **border, "text_wrap": True, "bg_color": "#F2F2F2"})
        self.locked_bold = wb.add_format({**base, **border, "text_wrap": True, "bold": True, "bg_color": "#F2F2F2"})
        self.locked_rupiah = wb.add_format({**base, **border, "num_format": FMT_RUPIAH, "bg_color": "#F2F2F2"})
        self.locked_rupiah_bold = wb.add_format({**base, **border, "num_format": FMT_RUPIAH, "bg_color": "#F2F2F2", "bold": True})
        self.locked_dec = wb.add_format({**base, **border, "num_format": FMT_DEC_AUTO, "bg_color": "#F2F2F2"})
        self.input_rupiah = wb.add_format({**base, **border, "num_format": FMT_RUPIAH, "bg_color": "#FFF2CC", "locked": False})
        self.input_dec = wb.add_format({**base, **border, "num_format": FMT_DEC_AUTO, "bg_color": "#FFF2CC", "locked": False})
        self.input_text = wb.add_format({**base, **border, "text_wrap": True, "bg_color": "#FFF2CC", "locked": False})
        self.formula_pct = wb.add_format({**base, **border, "num_format": FMT_DEC, "bg_color": "#E2EFDA"})
        self.formula_pct_bold = wb.add_format({**base, **border, "num_format": FMT_DEC, "bg_color": "#E2EFDA", "bold": True})
        self.formula_rupiah_bold = wb.add_format(
            {**base, **border, "num_format": FMT_RUPIAH, "bg_color": "#E2EFDA", "bold": True}
        )
        self.rupiah = wb.add_format({**base, **border, "num_format": FMT_RUPIAH})
        self.rupiah_bold = wb.add_format({**base, **border, "num_format": FMT_RUPIAH, "bold": True})
        self.dec = wb.add_format({**base, **border, "num_format": FMT_DEC_AUTO})
        self.pct = wb.add_format({**base, **border, "num_format": FMT_DEC})
        self.pct_bold = wb.add_format({**base, **border, "num_format": FMT_DEC, "bold": True})
        self.integer = wb.add_format({**base, **border, "num_format": "0"})
        self.plain = wb.add_format({**base, "text_wrap": True})
        self.plain_bold = wb.add_format({**base, "bold": True})


def a4_landscape(ws: Any, header_rows: tuple[int, int] | None = (0, 0)) -> None:
    """A4 landscape, fitted to the page width, header rows repeated on every page."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    if header_rows is not None:
        ws.repeat_rows(*header_rows)
    ws.set_footer("&C&8Halaman &P dari &N")


FMT_INT = "[$-421]#,##0"  # counts and whole numbers: 3.160
FMT_YEAR = "0"  # a year is not a quantity: 2017, never 2.017
MAX_CELL_TEXT = 32_767  # Excel's limit of characters in one cell
LINE_HEIGHT = 13.0  # points per line of wrapped 10 pt Arial
DEFAULT_WIDTH = 8.43  # Excel's default column width
# Characters XML 1.0 or Excel reject (all C0 controls but tab and newline, DEL, lone surrogates, non-characters).
_BAD_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: object) -> str:
    """Text fit for a cell: unusable control characters removed, cut to Excel's cell limit."""
    text = "" if value is None else str(value)
    if text.isprintable() and len(text) <= MAX_CELL_TEXT:  # no control, surrogate or non-character: as is
        return text
    return _BAD_CHARS.sub("", text)[:MAX_CELL_TEXT]


def wrapped_lines(text: str, width: float, bold: bool = False) -> int:
    """Lines a wrapped cell of `width` units needs, wrapping whole words as spreadsheets do; leans high.

    A width unit is one Calibri 11 digit; 10 pt Arial text fits about 1.2 characters into it (bold capitals
    about 1.0), less a little padding.
    """
    usable = max(1.0, width * (1.0 if bold else 1.2) - 1.5)
    total = 0
    for part in text.split("\n"):
        lines, used = 1, 0.0
        for word in part.split():
            size = float(len(word))
            if used and used + 1 + size > usable:
                lines, used = lines + 1, size
            else:
                used += size + (1 if used else 0)
            while used > usable:  # a word longer than the column breaks across lines
                lines, used = lines + 1, used - usable
        total += lines
    return total
