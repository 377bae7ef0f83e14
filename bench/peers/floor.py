"""The read+write floor: read both sheets of every file with fastexcel, write the same rows with plain xlsxwriter.

No screening, no checks, no sums, no styles: the least any consolidation has to do.
Run: python bench/peers/floor.py INBOX OUTPUT.xlsx
"""

import logging
import sys
import time
from pathlib import Path

import fastexcel
import xlsxwriter

# fastexcel logs a warning per column whose type it cannot guess (a mostly blank faktor column): thousands of
# stderr lines at 1.000 files, which cost the floor time no consolidation needs to spend
logging.disable(logging.WARNING)
t = time.perf_counter()
inbox, output = Path(sys.argv[1]), sys.argv[2]
sheets: dict[str, list[tuple]] = {"Kinerja": [], "Anggaran": []}
headers: dict[str, list[str]] = {}
for path in sorted(inbox.glob("*.xlsx")):
    reader = fastexcel.read_excel(str(path))
    for name, rows in sheets.items():
        frame = reader.load_sheet(name).to_polars()
        headers.setdefault(name, ["Berkas", *frame.columns])
        rows.extend((path.name, *row) for row in frame.iter_rows())
workbook = xlsxwriter.Workbook(output)
for name, rows in sheets.items():
    sheet = workbook.add_worksheet(name)
    sheet.write_row(0, 0, headers[name])
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, row)
workbook.close()
print(f"{time.perf_counter() - t:.4f} {sum(len(rows) for rows in sheets.values())}")
