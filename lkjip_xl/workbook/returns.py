"""What goes back to each bidang after a merge: the annotated copy and the message, per input file."""

from __future__ import annotations

from pathlib import Path

from lkjip_xl.checks.runner import Report
from lkjip_xl.checks.status import TAK_TERBACA, bidang_status
from lkjip_xl.findings import Severity
from lkjip_xl.intake.parallel import display_names
from lkjip_xl.workbook.annotate import annotate
from lkjip_xl.workbook.message import findings_message, unreadable_message

COPY_SUFFIX, MESSAGE_SUFFIX = "_perbaikan.xlsx", "_pesan.txt"


def write_returns(report: Report, paths: list[Path], directory: Path) -> list[Path]:
    """For every input with findings, `<stem>_perbaikan.xlsx` and `<stem>_pesan.txt` in `directory`; for a
    file that cannot be read, the message alone. Files without findings get nothing."""
    by_name = dict(zip(display_names(paths), paths, strict=True))
    inputs = {p.resolve() for p in paths}
    written: list[Path] = []
    stems: set[str] = set()
    for line in bidang_status(report, every_bidang=False):
        source = by_name.get(line.file)
        worth = line.status == TAK_TERBACA or any(f.severity is not Severity.INFO for f in line.findings)
        if source is None or not worth:
            continue
        stem = source.stem
        if stem in stems:  # two inputs of one name in different folders: the second gets its folder's name too
            stem = f"{source.parent.name}_{stem}"
        stems.add(stem)
        message = directory / f"{stem}{MESSAGE_SUFFIX}"
        if line.status == TAK_TERBACA:
            text = unreadable_message(line.file, line.nama, line.bidang, line.findings)
        else:
            copy = directory / f"{stem}{COPY_SUFFIX}"
            if copy.resolve() in inputs or message.resolve() in inputs:
                continue  # never over an input (the inbox itself is refused before any work)
            try:
                written.append(annotate(source, line.findings, copy))
                copy_name = copy.name
            except Exception:  # a file calamine reads but openpyxl cannot edit: the message still goes, naming the cells
                copy_name = ""
            text = findings_message(line.file, line.nama, line.bidang, line.findings, copy_name)
        message.write_text(text, encoding="utf-8", newline="\n")
        written.append(message)
    return written
