"""The quarterly options on the command line: --triwulan, --sebelumnya, init --dari; exit codes 0/1/2."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from lkjip_xl.cli.app import app
from lkjip_xl.example.triwulan import fill_quarter
from lkjip_xl.planning.master_writer import write_master
from tests.helpers import small_master

runner = CliRunner()
KINERJA = {"I1": (100, 100, 100, 100), "I2": (10, 10, 10, 10), "I3": (50, 50, 50, 50)}
ANGGARAN = {"P1.01": (250, 250, 250, 250), "P1.02": (500, 500, 500, 500), "P2.01": (125, 125, 125, 125)}


def test_four_quarters_and_the_next_year_from_the_command_line(tmp_path: Path) -> None:
    master = write_master(small_master(), tmp_path / "master.xlsx")
    previous: list[str] = []
    for n in (1, 2, 3, 4):
        out = tmp_path / f"t{n}"
        done = runner.invoke(app, ["template", str(master), "-o", str(out), "--triwulan", str(n), *previous])
        assert done.exit_code == 0, done.output
        inbox = tmp_path / f"in{n}"
        for t in sorted(out.iterdir()):
            fill_quarter(t, inbox / t.name, n, KINERJA, ANGGARAN)
        result = tmp_path / f"hasil_tw{n}.xlsx"
        done = runner.invoke(app, ["merge", str(master), str(inbox), "-o", str(result), "--triwulan", str(n), *previous])
        assert done.exit_code == 0, done.output  # every capaian 100 %, every quarter consistent
        previous = ["--sebelumnya", str(result)]
    done = runner.invoke(app, ["init", str(tmp_path / "2018"), "--dari", str(tmp_path / "hasil_tw4.xlsx")])
    assert done.exit_code == 0 and (tmp_path / "2018" / "master_lkjip_2018.xlsx").is_file(), done.output
    # the wrong previous result, or an unfinished year: the command cannot run
    wrong = ["merge", str(master), str(tmp_path / "in3"), "-o", str(tmp_path / "x.xlsx"), "--triwulan", "3"]
    done = runner.invoke(app, [*wrong, "--sebelumnya", str(tmp_path / "hasil_tw1.xlsx")])
    assert done.exit_code == 2 and "Traceback" not in done.output
    done = runner.invoke(app, ["init", str(tmp_path / "x"), "--dari", str(tmp_path / "hasil_tw2.xlsx")])
    assert done.exit_code == 2
    # a quarterly inbox merged as a yearly report: T002 errors, exit 1
    done = runner.invoke(app, ["merge", str(master), str(tmp_path / "in4"), "-o", str(tmp_path / "y.xlsx")])
    assert done.exit_code == 1 and "T002" in done.output


def test_next_year_from_the_demos_yearly_result(tmp_path: Path) -> None:
    """init --dari on a plain (yearly) merge: exit 0 and the master; again into the same folder: exit 2 (never
    overwrites); the yearly result as --sebelumnya of TW II: exit 2."""
    assert runner.invoke(app, ["demo", str(tmp_path / "demo")]).exit_code in (0, 1)
    yearly = tmp_path / "demo" / "LKjIP_2017_gabungan.xlsx"
    done = runner.invoke(app, ["init", str(tmp_path / "2018"), "--dari", str(yearly)])
    assert done.exit_code == 0 and (tmp_path / "2018" / "master_lkjip_2018.xlsx").is_file(), done.output
    assert runner.invoke(app, ["init", str(tmp_path / "2018"), "--dari", str(yearly)]).exit_code == 2
    assert runner.invoke(app, ["init", str(tmp_path / "2016"), "--dari", str(yearly), "--tahun", "2016"]).exit_code == 2
    master = str(tmp_path / "demo" / "master_lkjip_2017.xlsx")
    done = runner.invoke(app, ["template", master, "-o", str(tmp_path / "t2"), "--triwulan", "2", "--sebelumnya", str(yearly)])
    assert done.exit_code == 2 and "Traceback" not in done.output
