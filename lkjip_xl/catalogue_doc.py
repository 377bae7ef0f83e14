"""The finding-code catalogue rendered as a Markdown table (kept in the README, checked for drift)."""

from __future__ import annotations

from lkjip_xl.findings import CATALOGUE

START, END = "<!-- kode-temuan:mulai -->", "<!-- kode-temuan:selesai -->"
FAMILIES = {"B": "Berkas", "N": "Nilai sel", "A": "Anggaran", "K": "Kinerja", "M": "Master", "S": "SDM", "G": "Gabungan"}


def markdown_table() -> str:
    lines = ["| Kode | Kelompok | Tingkat | Masalah | Yang harus dilakukan |", "| --- | --- | --- | --- | --- |"]
    for code in sorted(CATALOGUE, key=lambda c: (list(FAMILIES).index(c[0]), c)):
        entry = CATALOGUE[code]
        hint = entry.hint.replace("|", "\\|")
        lines.append(f"| `{code}` | {FAMILIES[code[0]]} | {entry.severity.label} | {entry.title} | {hint} |")
    return "\n".join(lines)


def replace_section(readme: str) -> str:
    before, _, rest = readme.partition(START)
    _, _, after = rest.partition(END)
    return f"{before}{START}\n{markdown_table()}\n{END}{after}"
