"""The console report: status per bidang, every galat as a diff, repeated findings grouped, fits 80 columns."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from lkjip_xl.checks.digest import amount, cell_ranges, difference, group_findings
from lkjip_xl.cli.app import app
from lkjip_xl.cli.render import render_merge, render_report
from lkjip_xl.findings import Finding, Severity
from lkjip_xl.jobs import MergeResult, demo

LINE_BUDGET_80 = 150


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> MergeResult:
    return demo(tmp_path_factory.mktemp("demo") / "lkjip-demo")


def _render(result: MergeResult, width: int, every: bool = False) -> list[str]:
    con = Console(width=width, record=True, file=io.StringIO(), highlight=False, soft_wrap=False)
    render_merge(con, result, every=every)
    return [line.rstrip() for line in con.export_text().splitlines()]


def _errors(result: MergeResult) -> list[Finding]:
    return [f for f in result.report.findings if f.severity is Severity.ERROR]


@pytest.mark.parametrize("width", [80, 120])
def test_every_galat_shows_its_cell_and_both_values(result: MergeResult, width: int) -> None:
    lines = _render(result, width)
    errors = _errors(result)
    assert errors
    for f in errors:
        section = next(n for n, line in enumerate(lines) if "·" in line and line.endswith(f.file)) if f.file else 0
        at = [n for n, line in enumerate(lines) if n > section and f.location in line and f.code in line]
        assert at, f"{f.location} {f.code} not shown"
        block = "\n".join(lines[at[0] : at[0] + 7])
        assert f.actual in block and f.expected in block, block


@pytest.mark.parametrize("width", [80, 120])
def test_status_table_has_a_line_per_bidang_with_its_status(result: MergeResult, width: int) -> None:
    text = "\n".join(_render(result, width))
    status_part = text[text.index("Status per bidang") :]
    files = {f.bidang: f for f in result.report.files}
    for b in result.report.master.bidang:
        errors = sum(1 for f in _errors(result) if f.file == files[b.kode].name)
        expected = "perlu perbaikan" if errors else "siap"
        assert re.search(rf"{b.kode}\b.*{expected}[\s│]+{errors}[\s│]", status_part), b.kode


def test_fits_80_columns_in_the_line_budget(result: MergeResult) -> None:
    lines = _render(result, 80)
    assert len(lines) <= LINE_BUDGET_80
    assert max(len(line) for line in lines) <= 80
    assert len(_render(result, 80, every=True)) > len(lines)


@pytest.mark.parametrize("width", [80, 120])
def test_repeated_warnings_are_one_line_per_file_and_sheet_unless_rinci(result: MergeResult, width: int) -> None:
    n001 = [f for f in result.report.findings if f.code == "N001"]
    places = {(f.file, f.sheet) for f in n001}
    assert len(n001) > len(places)  # the example repeats them
    grouped = [line for line in _render(result, width) if re.search(r"Peringatan\W+\S+!\S+\W+N001 ×\d+", line)]
    assert len(grouped) == len(places)
    every = [line for line in _render(result, width, every=True) if re.search(r"Peringatan\W+\S+!\S+\W+N001\b", line)]
    assert len(every) == len(n001)
    blk = [f for f in n001 if "BLK" in f.file]
    assert any(f"Anggaran!{cell_ranges([f.cell for f in blk])}" in line and f"×{len(blk)}" in line for line in grouped)


def test_the_gap_is_computed_from_the_written_and_expected_values(result: MergeResult) -> None:
    a004 = next(f for f in _errors(result) if f.code == "A004" and f.actual.startswith("Rp"))
    written, due = (int(re.sub(r"\D", "", v)) for v in (a004.actual, a004.expected))
    gap = abs(written - due)
    sign = "+" if written > due else "−"
    assert difference(a004) == f"selisih {sign}Rp {gap:,}".replace(",", ".")
    assert difference(a004) in "\n".join(_render(result, 80))


def test_piped_output_has_no_ansi_codes(tmp_path: Path) -> None:
    out = CliRunner().invoke(app, ["demo", str(tmp_path / "d")])
    assert out.exit_code == 0
    assert "\x1b[" not in out.output
    assert "Status per bidang" in out.output


def test_check_report_shows_status_only_for_the_files_checked(result: MergeResult) -> None:
    report = result.report
    con = Console(width=80, record=True, file=io.StringIO())
    render_report(con, report)
    text = con.export_text()
    assert "belum mengirim" not in text
    for f in _errors(result):
        assert f.location in text


# ---- digest helpers ----------------------------------------------------------------------------


def test_cell_ranges_compress_runs_and_rectangles() -> None:
    cells = [f"{c}{r}" for c in "DEF" for r in range(2, 11)]
    assert cell_ranges(cells) == "D2:F10"
    assert cell_ranges(["H4", "H6"]) == "H4,H6"
    assert cell_ranges(["E3", "F3", "E2"]) == "E2:E3,F3"
    assert cell_ranges(["A1", "A2", "B1"]) == "A1:A2,B1"


def test_amounts_read_back_from_finding_text() -> None:
    assert amount("Rp 2.304.722.445") is not None and amount("Rp 2.304.722.445").value == 2304722445  # type: ignore[union-attr]
    assert amount("93,54 %").unit == "pct"  # type: ignore[union-attr]
    assert amount("≤ Rp 5.000").value == 5000  # type: ignore[union-attr]
    assert amount("2,432,341,000") is None
    assert amount("") is None


def test_difference_needs_two_numbers_of_one_unit() -> None:
    k002 = Finding.make("K002", "x", expected="25", actual="5")
    assert difference(k002) == "Δ −20"
    k003 = Finding.make("K003", "x", expected="12,00 %", actual="60,00 %")
    assert difference(k003) == "Δ +48,00 poin"
    assert difference(Finding.make("K003", "x", expected="12,00 %", actual="Rp 5")) == ""
    assert difference(Finding.make("N001", "x", expected="5", actual="6")) == ""  # warnings: raw text, no gap


def test_galat_are_never_grouped() -> None:
    errors = [Finding.make("A003", "x", file="a.xlsx", sheet="Anggaran", cell=f"F{r}") for r in range(2, 6)]
    warnings = [Finding.make("N001", "x", file="a.xlsx", sheet="Anggaran", cell=f"D{r}") for r in range(2, 6)]
    groups = group_findings(errors + warnings)
    assert [g.count for g in groups] == [1, 1, 1, 1, 4]
    assert groups[-1].location == "Anggaran!D2:D5" and groups[-1].label == "N001 ×4"
    assert [g.count for g in group_findings(warnings, every=True)] == [1, 1, 1, 1]


def test_check_rinci_prints_every_finding(result: MergeResult) -> None:
    inbox = result.output.parent / "kotak_masuk"
    master = result.output.parent / "master_lkjip_2017.xlsx"
    blk = next(inbox.glob("*BLK*.xlsx"))
    args = ["check", str(blk), "--master", str(master)]
    grouped, every = CliRunner().invoke(app, args), CliRunner().invoke(app, [*args, "--rinci"])
    assert grouped.exit_code == every.exit_code == 1
    n001 = sum(1 for f in result.report.findings if f.code == "N001" and f.file == blk.name)
    assert every.output.count("N001") - grouped.output.count("N001") == n001 - 1


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> MergeResult:
    """45 bidang (bench layout): two files with galat (realisasi above anggaran), two bidang that sent nothing."""
    from lkjip_xl.jobs import merge
    from tests.bench.test_peers import _bench

    bench = _bench()
    tmp = tmp_path_factory.mktemp("many")
    master = bench.synthetic_master(45)
    inbox = tmp / "masuk"
    inbox.mkdir()
    path = bench.write_master(master, tmp / "master.xlsx")
    for i, b in enumerate(master.bidang):
        if i in (7, 30):
            continue
        bench.write_filled(master, b, inbox / f"{b.kode}.xlsx", 1.1 if i in (3, 40) else 0.9)
    return merge(path, inbox, tmp / "hasil.xlsx")


@pytest.mark.parametrize("width", [80, 120])
def test_a_province_sized_run_shows_who_needs_attention_and_counts_the_rest(many: MergeResult, width: int) -> None:
    from lkjip_xl.checks.status import CONSOLE_LINES

    lines = _render(many, width)
    text = "\n".join(lines)
    status_part = text[text.index("Status per bidang") : text.index("Workbook ditulis")]
    for kode in ("B0003", "B0040"):
        assert re.search(rf"{kode}\b.*perlu perbaikan", status_part), kode
    for kode in ("B0007", "B0030"):
        assert re.search(rf"{kode}\b.*belum mengirim", status_part), kode
    assert not re.search(r"B0001\b.*siap", status_part)  # a bidang with nothing to do is counted, not listed
    assert re.search(r"\b41 bidang lain\b", status_part) and "siap 41" in status_part
    for f in _errors(many):  # every galat still shown at its cell
        assert any(f.location in line and f.code in line for line in lines), f.location
    assert len(lines) < 3 * CONSOLE_LINES + 2 * len(_errors(many)) * 7
    every = "\n".join(_render(many, width, every=True))
    assert re.search(r"B0001\b.*siap", every) and "bidang lain" not in every


def test_shown_files_puts_files_with_galat_first_and_keeps_their_order() -> None:
    from lkjip_xl.checks.status import shown_files

    groups = [("B", f"f{i:02d}.xlsx") for i in range(40)]
    errors = {groups[35]: 2, groups[5]: 1}
    shown = shown_files(groups, errors, limit=4)
    assert shown == [groups[0], groups[1], groups[5], groups[35]]
    assert shown_files(groups, errors, every=True) == groups
    assert shown_files(groups[:4], errors, limit=4) == groups[:4]


def test_the_sections_past_the_limit_are_counted_with_their_galat(tmp_path: Path) -> None:
    from lkjip_xl.checks.status import CONSOLE_LINES

    findings = [
        Finding.make(
            "A004", "Realisasi melebihi anggaran.", file=f"f{i:02d}.xlsx", sheet="Anggaran", cell="E3", bidang=f"B{i:02d}"
        )
        for i in range(CONSOLE_LINES + 5)
    ]
    con = Console(width=120, record=True, file=io.StringIO(), highlight=False, soft_wrap=False)
    from lkjip_xl.cli.render import _sections

    _sections(con, findings, False, "x")
    text = con.export_text()
    assert sum(1 for f in findings if f"Berkas {f.file}" in text) == CONSOLE_LINES
    assert re.search(r"temuan 5 berkas lain tidak ditampilkan \(5 galat", text)
