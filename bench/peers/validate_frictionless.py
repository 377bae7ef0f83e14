"""What a user would write with frictionless instead: validate the Anggaran sheet of every file against a
simple Table Schema (types, required code, no negative money, realisasi <= anggaran). No consolidation, no output.

Run: python bench/peers/validate_frictionless.py INBOX
(Not named frictionless_*: frictionless imports every such module on the path as a plugin.)
"""

import sys
import time
from pathlib import Path
from typing import ClassVar

from frictionless import Check, Checklist, Resource, Schema, errors, fields, formats


class RealisasiWithinAnggaran(Check):
    """Realisasi above anggaran is not allowed."""

    type = "realisasi-within-anggaran"
    Errors: ClassVar = [errors.RowConstraintError]

    def validate_row(self, row):
        anggaran, realisasi = row["Anggaran (Rp)"], row["Realisasi (Rp)"]
        if anggaran is not None and realisasi is not None and realisasi > anggaran:
            yield errors.RowConstraintError.from_row(row, note="realisasi melebihi anggaran")


t = time.perf_counter()
inbox = Path(sys.argv[1])
schema = Schema(
    fields=[
        fields.StringField(name="Kode", constraints={"required": True}),
        fields.StringField(name="Program/Kegiatan", constraints={"required": True}),
        fields.StringField(name="Sumber Dana"),
        fields.IntegerField(name="Anggaran (Rp)", constraints={"required": True, "minimum": 0}),
        fields.IntegerField(name="Realisasi (Rp)", constraints={"minimum": 0}),
        fields.NumberField(name="Realisasi (%)"),
        fields.StringField(name="Keterangan"),
    ]
)
# a custom check: row_constraint formulas name fields as Python names, and these labels have spaces
checklist = Checklist(checks=[RealisasiWithinAnggaran()])
rows = problems = invalid = 0
for path in sorted(inbox.glob("*.xlsx")):
    # a path relative to basepath: frictionless refuses absolute paths as "not safe"
    resource = Resource(path.name, basepath=str(inbox), control=formats.ExcelControl(sheet="Anggaran"), schema=schema)
    report = resource.validate(checklist)
    task = report.tasks[0]
    rows += task.stats.get("rows") or 0
    problems += len(task.errors)
    invalid += not report.valid
print(f"{time.perf_counter() - t:.4f} {rows} {problems} {invalid}")
