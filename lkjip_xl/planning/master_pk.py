"""Checks of the budgets as planned and as changed: DPPA values, the Perjanjian Kinerja's programs and total."""

from __future__ import annotations

from lkjip_xl.findings import Finding, a1
from lkjip_xl.numbers import format_id
from lkjip_xl.planning.model import Master

PK_SHEET = "Program PK"


def pk_sum(master: Master) -> int:
    """The sum of the PK's program rows (the total a table of them must show)."""
    return sum(p.anggaran or 0 for p in master.program_pk)


def check_pk(master: Master, columns: dict[str, int]) -> list[Finding]:
    """M012 stated PK total ≠ its rows, M014 PK program not in the DPA,
    M015 PK sasaran not a sasaran of the indicators, M016 PK budget ≠ the program's DPA (murni)."""
    out: list[Finding] = []

    def cell(row: int, key: str) -> str:
        return a1(row, columns[key]) if row and key in columns else ""

    def add(code: str, message: str, sheet: str, where: str, kode: str = "", **kw: str) -> None:
        out.append(Finding.make(code, message, file=master.file, sheet=sheet, cell=where, kode=kode, **kw))

    if not master.program_pk:
        return out
    total = pk_sum(master)
    if master.pk_total is not None and master.pk_total != total:
        add(
            "M012",
            f"Jumlah anggaran Perjanjian Kinerja tertulis {format_id(master.pk_total)}, jumlah barisnya {format_id(total)}.",
            PK_SHEET,
            cell(master.pk_total_row, "anggaran"),
            "Jumlah",
            expected=format_id(total),
            actual=format_id(master.pk_total),
        )
    programs = {p.kode: p for p in master.programs()}
    sasaran = {i.sasaran for i in master.indikator}
    for pk in master.program_pk:
        prog = programs.get(pk.program_kode)
        if pk.program_kode and prog is None:
            add(
                "M014",
                f"Program PK '{pk.program_kode}' tidak ada di lembar Anggaran (DPA).",
                PK_SHEET,
                cell(pk.row, "program_kode"),
                pk.program_kode,
            )
        if pk.sasaran and pk.sasaran not in sasaran:
            add(
                "M015",
                f"Sasaran program {pk.program_kode or pk.program_nama} tidak ada di lembar Indikator.",
                PK_SHEET,
                cell(pk.row, "sasaran"),
                pk.program_kode,
                actual=pk.sasaran,
            )
        if prog is not None and pk.anggaran is not None and pk.anggaran != prog.anggaran_murni:
            add(
                "M016",
                f"Anggaran program {pk.program_kode} di Perjanjian Kinerja {format_id(pk.anggaran)}, "
                f"di DPA (murni) {format_id(prog.anggaran_murni)}.",
                PK_SHEET,
                cell(pk.row, "anggaran"),
                pk.program_kode,
                expected=format_id(prog.anggaran_murni),
                actual=format_id(pk.anggaran),
            )
    return out
