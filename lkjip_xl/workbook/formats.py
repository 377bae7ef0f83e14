"""Cell formats of the finished LKjIP workbook, on top of the ones every lkjip-xl workbook shares."""

from __future__ import annotations

from typing import Any

from lkjip_xl.xlsx.formats import FMT_DEC, FMT_INT, FMT_RUPIAH, FMT_YEAR, Formats


class ReportFormats(Formats):
    """Formats of the finished LKjIP workbook, on top of the shared ones."""

    def __init__(self, wb: Any) -> None:
        super().__init__(wb)
        base = {"font_name": "Arial", "font_size": 10, "valign": "top"}
        border = {"border": 1, "border_color": "#9E9E9E"}
        total = {**base, **border, "bold": True, "bg_color": "#DDEBF7"}
        self.section = wb.add_format({**base, "bold": True, "font_size": 11, "font_color": "#1F4E78"})
        self.no = wb.add_format({**base, **border, "num_format": "0", "align": "center"})
        self.count = wb.add_format({**base, **border, "num_format": FMT_INT})
        self.year = wb.add_format({**base, **border, "num_format": FMT_YEAR, "align": "left"})
        self.text_indent = wb.add_format({**base, **border, "text_wrap": True, "indent": 1})
        self.total_text = wb.add_format({**total, "text_wrap": True})
        self.total_rupiah = wb.add_format({**total, "num_format": FMT_RUPIAH})
        self.total_pct = wb.add_format({**total, "num_format": FMT_DEC})
        self.total_count = wb.add_format({**total, "num_format": FMT_INT})
        self.paragraph = wb.add_format({**base, **border, "text_wrap": True, "align": "justify"})
        self.note = wb.add_format({**base, "italic": True, "font_color": "#555555"})
