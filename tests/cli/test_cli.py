"""The command line: exit codes 0/1/2, --json, --strict, messages instead of tracebacks."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lkjip_xl.cli.app import app
from lkjip_xl.example.build import build_master
from lkjip_xl.planning.master_writer import write_master
from tests.helpers import GOOD_B1_KINERJA, small_master, write_bidang

runner = CliRunner()


@pytest.fixture
def master(tmp_path: Path) -> Path:
    return write_master(small_master(), tmp_path / "master.xlsx")


def test_clean_file_exits_0_and_says_so(tmp_path: Path, master: Path) -> None:
    result = runner.invoke(app, ["check", str(write_bidang(tmp_path / "b1.xlsx")), "--master", str(master)])
    assert result.exit_code == 0, result.output
    assert "Tidak ada masalah" in result.output


def test_errors_exit_1_and_json_carries_every_field(tmp_path: Path, master: Path) -> None:
    rows = [list(r) for r in GOOD_B1_KINERJA]
    rows[0][5] = None
    path = write_bidang(tmp_path / "b1.xlsx", kinerja=rows)
    out = tmp_path / "temuan.json"
    result = runner.invoke(app, ["check", str(path), "--master", str(master), "--json", str(out)])
    assert result.exit_code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    finding = next(f for f in data["findings"] if f["code"] == "K001")
    assert {k: finding[k] for k in ("severity", "bidang", "file", "sheet", "cell", "kode")} == {
        "severity": "error",
        "bidang": "B1",
        "file": "b1.xlsx",
        "sheet": "Kinerja",
        "cell": "F2",
        "kode": "I1",
    }
    assert {"message", "expected", "actual"} <= finding.keys()


def test_warnings_exit_0_unless_strict(tmp_path: Path, master: Path) -> None:
    rows = [list(r) for r in GOOD_B1_KINERJA]
    rows[0][7:11] = ["", "", "", ""]  # capaian 95 % without keterangan or faktor: a warning
    path = write_bidang(tmp_path / "b1.xlsx", kinerja=rows)
    assert runner.invoke(app, ["check", str(path), "--master", str(master)]).exit_code == 0
    assert runner.invoke(app, ["check", str(path), "--master", str(master), "--strict"]).exit_code == 1


def test_unreadable_master_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "master.xlsx"
    bad.write_text("bukan excel")
    result = runner.invoke(app, ["check", str(write_bidang(tmp_path / "b1.xlsx")), "--master", str(bad)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_missing_input_file_exits_2(tmp_path: Path, master: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "tidak_ada.xlsx"), "--master", str(master)])
    assert result.exit_code == 2


def test_bad_arguments_exit_2() -> None:
    assert runner.invoke(app, ["check"]).exit_code == 2


def test_init_writes_blank_and_example_masters(tmp_path: Path) -> None:
    assert runner.invoke(app, ["init", str(tmp_path / "kosong")]).exit_code == 0
    assert (tmp_path / "kosong" / "master_lkjip.xlsx").is_file()
    assert runner.invoke(app, ["init", str(tmp_path / "contoh"), "--contoh"]).exit_code == 0
    assert (tmp_path / "contoh" / "master_lkjip_2017.xlsx").is_file()
    assert runner.invoke(app, ["init", str(tmp_path / "contoh"), "--contoh"]).exit_code == 2  # never overwrites


def test_template_writes_one_file_per_bidang(tmp_path: Path) -> None:
    master = write_master(build_master(), tmp_path / "m.xlsx")
    result = runner.invoke(app, ["template", str(master), "-o", str(tmp_path / "tpl")])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "tpl").glob("LKjIP_2017_*.xlsx"))) == 5


def test_template_refuses_a_master_with_errors(tmp_path: Path) -> None:
    import openpyxl

    master = write_master(build_master(), tmp_path / "m.xlsx")
    wb = openpyxl.load_workbook(master)
    wb["Indikator"]["E2"] = "kadang-kadang"
    wb.save(master)
    result = runner.invoke(app, ["template", str(master), "-o", str(tmp_path / "tpl")])
    assert result.exit_code == 1
    assert not list((tmp_path / "tpl").glob("*.xlsx"))


def test_two_inputs_with_the_same_name_are_told_apart(tmp_path: Path, master: Path) -> None:
    from lkjip_xl.jobs import check

    (tmp_path / "d1").mkdir()
    (tmp_path / "d2").mkdir()
    a, b = write_bidang(tmp_path / "d1" / "b1.xlsx"), write_bidang(tmp_path / "d2" / "b1.xlsx")
    report = check([a, b, a], master)
    assert [f.name for f in report.files] == [str(a), str(b)]
    assert report.findings == []


def test_help_is_in_indonesian() -> None:
    result = runner.invoke(app, ["check", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for word in ("Pemakaian", "Argumen", "Opsi", "Tampilkan bantuan ini lalu keluar."):
        assert word in result.output


def test_a_folder_given_to_check_stands_for_its_spreadsheets(tmp_path: Path, master: Path) -> None:
    from lkjip_xl.jobs import check

    folder = tmp_path / "masuk"
    folder.mkdir()
    write_bidang(folder / "b1.xlsx")
    (folder / "catatan.txt").write_text("x")
    report = check([folder], master)
    assert [f.name for f in report.files] == ["b1.xlsx"]
    assert [f.code for f in report.findings] == ["B014"]


def test_the_script_process_ends_with_the_command_status_and_its_output(tmp_path: Path, master: Path) -> None:
    """`main` ends the process itself (os._exit): statuses 0/1/2 and everything printed must survive that."""
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "lkjip_xl", *args], capture_output=True, text=True, timeout=120)

    clean = run("check", str(write_bidang(tmp_path / "b1.xlsx")), "--master", str(master), "--json", str(tmp_path / "a.json"))
    assert clean.returncode == 0 and clean.stdout.strip()
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["errors"] == 0
    rows = [list(r) for r in GOOD_B1_KINERJA]
    rows[0][5] = None
    bad = run("check", str(write_bidang(tmp_path / "b2.xlsx", kinerja=rows)), "--master", str(master))
    assert bad.returncode == 1 and "K001" in bad.stdout
    cannot = run("check", str(tmp_path / "b1.xlsx"), "--master", str(tmp_path / "tidak_ada.xlsx"))
    assert cannot.returncode == 2 and cannot.stderr.strip() and "Traceback" not in cannot.stderr
    assert run("merge").returncode == 2


def test_help_screens_are_indonesian_without_loading_them_for_other_commands(tmp_path: Path) -> None:
    """typer's rich helpers (0.1 s to import) load only for a help or error screen, titled in Indonesian."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from lkjip_xl.cli.app import app\n"
        f"app(['init', {str(tmp_path)!r}], standalone_mode=False)\n"
        "print('typer.rich_utils' in sys.modules)\n"
    )
    plain = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert plain.stdout.strip().splitlines()[-1] == "False"
    helped = subprocess.run([sys.executable, "-m", "lkjip_xl", "template", "--help"], capture_output=True, text=True, timeout=60)
    assert helped.returncode == 0 and "Opsi" in helped.stdout and "Pemakaian" in helped.stdout
    wrong = subprocess.run([sys.executable, "-m", "lkjip_xl", "merge"], capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 2 and "Galat" in wrong.stderr
    assert "'master'" in wrong.stderr and not {"Missing", "Try", "for help"} & set(wrong.stderr.replace(".", " ").split())


@pytest.mark.parametrize(
    ("english", "absent"),
    [
        ("Missing argument 'master'.", "Missing"),
        ("Missing option '--output' / '-o'.", "Missing"),
        ("No such option: --bogus (Possible options: --force, --json)", "Possible"),
        ("No such command 'mrege'. Did you mean 'merge'?", "mean"),
        ("Got unexpected extra argument(s) (b c)", "unexpected"),
        ("Option '-o' requires an argument.", "requires"),
        ("Option '--strict' does not take a value.", "take"),
        ("Invalid value for 'FOLDER': x", "Invalid"),
    ],
)
def test_usage_errors_are_shown_in_indonesian_with_their_names_kept(english: str, absent: str) -> None:
    """typer words its usage errors in English; lkjip-xl shows them in Bahasa Indonesia, names untouched."""
    from lkjip_xl.cli.indonesian import translate_error

    shown = translate_error(english)
    assert absent not in shown
    names = [w for w in english.replace("(", " ").replace(")", " ").replace(",", " ").split() if w[:1] in "'-"]
    assert all(name.rstrip(".?:") in shown for name in names)


def test_report_redirected_to_a_cp1252_file_prints_instead_of_crashing(tmp_path: Path, master: Path) -> None:
    """Windows writes redirected output in cp1252, which has no ≤ (A001's "≤ Rp 1.000"): the report must
    still print, with the nearest ASCII, and the exit code must be the findings' one."""
    import os
    import subprocess
    import sys

    from tests.helpers import GOOD_B1_ANGGARAN

    rows = [list(r) for r in GOOD_B1_ANGGARAN]
    rows[1][4] = 1500  # realisasi above the anggaran of 1.000: A001, expected "≤ Rp 1.000"
    path = write_bidang(tmp_path / "b1.xlsx", anggaran=rows)
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run(
        [sys.executable, "-m", "lkjip_xl", "check", str(path), "--master", str(master)],
        capture_output=True,
        env=env,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 1, done.stderr.decode("cp1252")
    assert b"Traceback" not in done.stderr
    out = done.stdout.decode("cp1252")
    assert "A001" in out and "<=" in out


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux file names can be bytes that are not UTF-8")
def test_merge_of_a_file_named_in_latin1_prints_and_writes_json_without_a_traceback(tmp_path: Path, master: Path) -> None:
    """An attachment saved under a Windows-1252 name (bytes, not UTF-8) on a UTF-8 console: the file is merged,
    and its name is shown readably in the workbook's Sumber sheet."""
    import json
    import os
    import subprocess

    inbox = tmp_path / "masuk"
    inbox.mkdir()
    write_bidang(inbox / "asal.xlsx").rename(os.fsdecode(bytes(inbox) + b"/LKjIP_\xc9konomi_B1.xlsx"))
    report = tmp_path / "laporan.json"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}  # strict: a raw surrogate would fail to print
    args = ["merge", str(master), str(inbox), "-o", str(tmp_path / "hasil.xlsx"), "--json", str(report)]
    done = subprocess.run(
        [sys.executable, "-m", "lkjip_xl", *args],
        capture_output=True,
        env=env,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")[-800:]
    assert done.returncode in (0, 1)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["rows"] == 5 and not any(f["code"] == "B024" for f in data["findings"])
    import openpyxl

    wb = openpyxl.load_workbook(tmp_path / "hasil.xlsx", read_only=True)
    names = {row[0] for row in wb["Sumber"].iter_rows(values_only=True)}
    wb.close()  # a read-only workbook keeps its file open: unclosed, it warns later, inside another test
    assert "LKjIP_Ékonomi_B1.xlsx" in names


def test_a_folder_given_to_check_skips_the_master_inside_it(tmp_path: Path, master: Path) -> None:
    from lkjip_xl.jobs import check

    folder = master.parent  # the master's own folder, with a bidang file beside it
    write_bidang(folder / "b1.xlsx")
    report = check([folder], master)
    assert [f.name for f in report.files] == ["b1.xlsx"]
    assert [(f.code, f.file) for f in report.findings] == [("B027", master.name)]


def test_a_template_that_cannot_be_written_is_reported_not_a_traceback(tmp_path: Path) -> None:
    """E.g. the old template still open in Excel on Windows; here a folder already has the template's name."""
    from lkjip_xl.planning.templates import template_filename

    example = build_master()
    master = write_master(example, tmp_path / "master.xlsx")
    out = tmp_path / "template"
    (out / template_filename(example, example.bidang[0])).mkdir(parents=True)
    result = runner.invoke(app, ["template", str(master), "-o", str(out), "--force"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert template_filename(example, example.bidang[0]) in result.output.replace("\n", "")  # names the file


def test_json_report_never_overwrites_a_workbook(tmp_path: Path, master: Path) -> None:
    """`--json b1.xlsx` (a slip) must not replace the bidang file with JSON."""
    path = write_bidang(tmp_path / "b1.xlsx")
    before = path.read_bytes()
    result = runner.invoke(app, ["check", str(path), "--master", str(master), "--json", str(path)])
    assert result.exit_code == 2
    assert path.read_bytes() == before
    inbox = tmp_path / "masuk"
    inbox.mkdir()
    result = runner.invoke(app, ["merge", str(master), str(inbox), "-o", str(tmp_path / "h.xlsx"), "--json", str(master)])
    assert result.exit_code == 2 and not (tmp_path / "h.xlsx").exists()


def test_template_never_replaces_an_existing_file_without_force(tmp_path: Path, master: Path) -> None:
    """A bidang's filled file saved under its template's name must not be lost to a regeneration."""
    out = tmp_path / "tpl"
    assert runner.invoke(app, ["template", str(master), "-o", str(out)]).exit_code == 0
    filled = sorted(out.glob("*.xlsx"))[0]
    filled.write_bytes(b"isian bidang")
    result = runner.invoke(app, ["template", str(master), "-o", str(out)])
    assert result.exit_code == 2 and filled.read_bytes() == b"isian bidang"
    assert runner.invoke(app, ["template", str(master), "-o", str(out), "--force"]).exit_code == 0
    assert filled.read_bytes() != b"isian bidang"
