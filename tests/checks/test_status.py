"""Status per bidang: siap, perlu perbaikan, belum mengirim, tidak terbaca."""

from __future__ import annotations

from pathlib import Path

from lkjip_xl.checks.status import BELUM, PERBAIKAN, SIAP, TAK_TERBACA, bidang_status
from tests.helpers import GOOD_B1_KINERJA, run, write_bidang


def test_each_bidang_of_the_master_has_a_status(tmp_path: Path) -> None:
    good = write_bidang(tmp_path / "b1.xlsx")
    report = run(tmp_path, good, whole_set=True)
    assert [(s.bidang, s.status) for s in bidang_status(report)] == [("B1", SIAP), ("B2", BELUM)]
    assert [s.bidang for s in bidang_status(report, every_bidang=False)] == ["B1"]


def test_galat_mean_perlu_perbaikan_and_a_damaged_file_tidak_terbaca(tmp_path: Path) -> None:
    rows = [list(r) for r in GOOD_B1_KINERJA]
    rows[0][5] = None  # K001
    bad = write_bidang(tmp_path / "b1.xlsx", kinerja=rows)
    broken = tmp_path / "LKjIP_2017_B2_Bidang_Dua.xlsx"
    broken.write_bytes(b"PK\x03\x04 terpotong")
    lines = {s.bidang: s for s in bidang_status(run(tmp_path, bad, broken, whole_set=True))}
    assert lines["B1"].status == PERBAIKAN and lines["B1"].errors == 1 and "K001" in lines["B1"].codes
    assert lines["B2"].status == TAK_TERBACA and lines["B2"].file == broken.name


def test_past_a_console_of_lines_only_those_needing_attention_are_listed() -> None:
    from lkjip_xl.checks.status import BidangStatus, shown_status
    from lkjip_xl.findings import Finding

    warn = Finding.make("K005", "x", file="w.xlsx")
    lines = [BidangStatus(f"B{i:02d}", "", f"b{i:02d}.xlsx", SIAP) for i in range(40)]
    lines[3].status, lines[9].status = PERBAIKAN, BELUM
    lines[20].findings = [warn]
    shown = shown_status(lines, limit=30)
    assert [s.bidang for s in shown.lines] == ["B03", "B09", "B20"]  # in their order, siap-with-peringatan too
    assert shown.hidden == {SIAP: 37}
    assert shown_status(lines, limit=2).lines == [lines[3], lines[9]]  # galat and not sent before peringatan
    assert shown_status(lines, every=True).lines == lines
    quiet = shown_status([BidangStatus(f"B{i:02d}", "", "", SIAP) for i in range(40)], limit=30)
    assert (quiet.lines, quiet.hidden) == ([], {SIAP: 40})
