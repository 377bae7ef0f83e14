"""The year a hand-made file says it is for, without metadata: its name, its sheet names and its title rows.
Dates (`15 Januari 2018`, `15/01/2018`) and periods (`2014–2019`) are not such a year."""

from __future__ import annotations

import re

_MONTHS = (
    "januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|nopember|november|desember|"
    "jan|feb|mar|apr|jun|jul|agu|agt|aug|sep|okt|oct|nov|des|dec"
)
_DATES = re.compile(
    rf"\d{{1,2}}\s*[-/. ]?\s*(?:{_MONTHS})\.?\s*[-/. ]?\s*\d{{4}}"
    r"|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}[-/._]\d{1,2}[-/._]\d{1,2}(?!\d)"
    r"|\d{4}\s*(?:[-–—/]|s\.?\s*d\.?|sampai)\s*\d{4}",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")


def years_in(text: str) -> list[str]:
    """The years a text names, dates and periods left out: `LKjIP_2016_IND` → 2016; `TAHUN ANGGARAN 2016` → 2016;
    `Magelang, 15 Januari 2018` → none; `Renstra 2014-2019` → none."""
    return _YEAR.findall(_DATES.sub(" ", text.replace("_", " ")))
