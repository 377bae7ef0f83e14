"""Benchmark: `lkjip-xl merge` end to end vs a bare fastexcel read of the same files (run: python bench/bench_merge.py).

Prints wall time, peak memory (RSS of the child process) and the ratio, for N = 10, 100, 1000 files,
plus `--help` start-up and the demo's merge. Bare read and merge alternate for several rounds and the
medians are printed: the machine is noisy, so compare ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import sysconfig
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from statistics import median

import xlsxwriter

from lkjip_xl.planning.master_writer import write_master
from lkjip_xl.planning.model import Bidang, Indikator, Instansi, Kegiatan, Master
from lkjip_xl.planning.spec import bidang_spec

INDICATORS_PER_BIDANG = 4
PROGRAMS_PER_BIDANG, KEGIATAN_PER_PROGRAM = 2, 5

BARE_READ = """
import sys, time, fastexcel
from pathlib import Path
t = time.perf_counter()
rows = 0
for p in sorted(Path(sys.argv[1]).glob('*.xlsx')):
    r = fastexcel.read_excel(str(p))
    for name in ('Kinerja', 'Anggaran'):
        rows += r.load_sheet(name).to_polars().height
print(f'{time.perf_counter() - t:.4f} {rows}')
"""


def synthetic_master(n: int) -> Master:
    bidang = [Bidang(f"B{i:04d}", f"Bidang {i:04d}") for i in range(n)]
    indikator = [
        Indikator(
            f"I{i:04d}.{j}",
            f"Sasaran {i % 7}",
            f"Indikator {j} bidang {i}",
            "%" if j % 2 else "orang",
            "negatif" if j == 3 else "positif",
            Decimal(100 if j % 2 else 250),
            None,
            False,
            b.kode,
        )
        for i, b in enumerate(bidang)
        for j in range(INDICATORS_PER_BIDANG)
    ]
    kegiatan = [
        Kegiatan(
            f"P{i:04d}.{p}",
            f"Program {p} bidang {i}",
            f"P{i:04d}.{p}.{k:02d}",
            f"Kegiatan {k} program {p}",
            b.kode,
            "APBD II",
            10_000_000 * (k + 1),
        )
        for i, b in enumerate(bidang)
        for p in range(PROGRAMS_PER_BIDANG)
        for k in range(KEGIATAN_PER_PROGRAM)
    ]
    return Master(Instansi("Pemerintah Uji", "Kabupaten Uji", 2017, 2014, 2019), bidang, indikator, kegiatan)


def write_filled(master: Master, b: Bidang, path: Path) -> None:
    """A filled template as Excel saves it: the template layout with values and cached percentages."""
    spec = bidang_spec()
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Kinerja")
    ws.write_row(0, 0, [c.label for c in spec.kinerja.columns])
    for r, ind in enumerate(master.indikator_of(b.kode), start=1):
        target = float(ind.target or 0)
        realisasi = target * 0.9
        cap = (2 - realisasi / target) * 100 if ind.polaritas == "negatif" else realisasi / target * 100
        ws.write_row(r, 0, [ind.kode, ind.sasaran, ind.indikator, ind.satuan, target, realisasi])
        ws.write_formula(r, 6, f"=F{r + 1}/E{r + 1}*100", None, round(cap, 2))
        ws.write_string(r, 7, "Sesuai rencana kerja")
    ws = wb.add_worksheet("Anggaran")
    ws.write_row(0, 0, [c.label for c in spec.anggaran.columns])
    r = 1
    for prog in master.programs(b.kode):
        first = r + 1
        ws.write_row(r, 0, [prog.kode, prog.nama, prog.sumber_dana])
        ws.write_formula(r, 3, f"=SUM(D{first + 1}:D{first + len(prog.kegiatan)})", None, prog.anggaran)
        real_total = sum(int((k.anggaran or 0) * 0.9) for k in prog.kegiatan)
        ws.write_formula(r, 4, f"=SUM(E{first + 1}:E{first + len(prog.kegiatan)})", None, real_total)
        ws.write_formula(r, 5, f"=E{r + 1}/D{r + 1}*100", None, round(real_total / prog.anggaran * 100, 2))
        for k in prog.kegiatan:
            r += 1
            real = int((k.anggaran or 0) * 0.9)
            ws.write_row(r, 0, [k.kegiatan_kode, k.kegiatan_nama, k.sumber_dana, k.anggaran, real])
            ws.write_formula(r, 5, f"=E{r + 1}/D{r + 1}*100", None, round(real / (k.anggaran or 1) * 100, 2))
        r += 1
    meta = wb.add_worksheet("_meta")
    for i, (label, value) in enumerate(
        (
            ("Instansi", master.instansi.nama),
            ("Pemerintah Daerah", master.instansi.pemda),
            ("Tahun", str(master.instansi.tahun)),
            ("Kode Bidang", b.kode),
            ("Nama Bidang", b.nama),
            ("Versi Template", "1"),
        )
    ):
        meta.write_string(i, 0, label)
        meta.write_string(i, 1, value)
    meta.hide()
    wb.close()


def child(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MiB) and stdout of one child process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        if hasattr(os, "wait4"):  # this child's own peak, not the largest of all children so far
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t
            proc.returncode = os.waitstatus_to_exitcode(status)
            peak = usage.ru_maxrss
        else:
            proc.wait()
            wall = time.perf_counter() - t
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        out.seek(0)
        err.seek(0)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.read().decode()[-2000:]}")
        return wall, peak / 1024, out.read().decode()


def lkjip() -> list[str]:
    """The console script installed with this interpreter, as a user runs it. Not the first `lkjip-xl` on PATH:
    that may be a version manager's shim (pyenv's is a bash script costing ~0.06 s per run), which the bare
    read, run by this interpreter directly, does not pay."""
    script = Path(sysconfig.get_path("scripts")) / ("lkjip-xl.exe" if os.name == "nt" else "lkjip-xl")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "lkjip_xl"]


def bench_n(n: int, work: Path, rounds: int) -> None:
    case = work / f"n{n}"
    inbox = case / "masuk"
    inbox.mkdir(parents=True)
    master = synthetic_master(n)
    master_path = write_master(master, case / "master.xlsx")
    for b in master.bidang:
        write_filled(master, b, inbox / f"{b.kode}.xlsx")
    merge_cmd = [*lkjip(), "merge", str(master_path), str(inbox), "-o", str(case / "hasil.xlsx"), "--force"]
    bare_walls, loops, merge_walls, ratios, peaks = [], [], [], [], []
    for _ in range(rounds):  # alternating, so both see the same state of this noisy machine
        bare_wall, _rss, out = child([sys.executable, "-c", BARE_READ, str(inbox)])
        merge_wall, merge_rss, _ = child(merge_cmd)
        bare_walls.append(bare_wall)
        loops.append(float(out.split()[0]))
        merge_walls.append(merge_wall)
        ratios.append(merge_wall / bare_wall)
        peaks.append(merge_rss)
    print(
        f"N={n:>5}  merge {median(merge_walls):5.2f} s (peak {max(peaks):4.0f} MiB) | bare fastexcel read: process "
        f"{median(bare_walls):4.2f} s, loop {median(loops):4.2f} s | merge/bare-process: median {median(ratios):4.2f}x "
        f"(rounds {min(ratios):4.2f}-{max(ratios):4.2f}x), merge/bare-loop {median(merge_walls) / median(loops):5.2f}x"
    )


PHASES = """
import json, sys, time
t = time.perf_counter()
from pathlib import Path
from lkjip_xl.jobs import merge
result = merge(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), force=True)
print(json.dumps({**result.seconds, "total": time.perf_counter() - t}))
"""


def bench_phases(n: int, work: Path) -> None:
    """Where one merge of the largest case spends its time (jobs.merge called in a fresh process)."""
    case = work / f"n{n}"
    _, _, out = child([sys.executable, "-c", PHASES, str(case / "master.xlsx"), str(case / "masuk"), str(case / "fase.xlsx")])
    seconds = json.loads(out)
    total = seconds.pop("total")
    parts = ", ".join(f"{phase} {value:.2f}" for phase, value in seconds.items())
    print(f"N={n:>5}  one merge by phase (s): {parts}; with importing lkjip_xl (not Python's start-up) {total:.2f}")


def bench_startup(work: Path) -> None:
    helps = [child([*lkjip(), "--help"])[0] for _ in range(5)]
    print(f"--help: best {min(helps):.3f} s, median {sorted(helps)[2]:.3f} s (target < 0.5 s)")
    demo = work / "demo"
    t_demo = child([*lkjip(), "demo", str(demo)])[0]
    master = demo / "master_lkjip_2017.xlsx"
    t_merge = child([*lkjip(), "merge", str(master), str(demo / "kotak_masuk"), "-o", str(work / "d.xlsx")])[0]
    print(
        f"demo (master + templates + filling + merge): {t_demo:.2f} s; demo merge alone incl. start-up: "
        f"{t_merge:.2f} s (target < 3 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--rounds", type=int, default=5, help="alternating bare/merge runs per size (medians printed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lkjip-bench-") as tmp:
        work = Path(tmp)
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
        bench_startup(work)
        for n in (int(x) for x in args.sizes.split(",")):
            bench_n(n, work, args.rounds)
        bench_phases(max(int(x) for x in args.sizes.split(",")), work)


if __name__ == "__main__":
    main()
