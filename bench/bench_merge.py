"""Benchmark: `lkjip-xl merge` end to end against what a user would run instead, on the same generated files.

Contenders (each a plain script under bench/peers/, run as its own process like merge):
  floor       fastexcel read of both sheets of every file + plain xlsxwriter write of the same rows
  read        fastexcel read alone (no write)
  pandas-opx  pandas + openpyxl: read, concatenate, capaian, program sums and %, realisasi <= anggaran, to_excel
  pandas-cal  the same script with pandas' calamine engine
  frictionless frictionless' Python API validating the Anggaran sheets with a simple schema (skipped when
              frictionless is not importable; pandas scripts likewise without pandas)
For each N of --sizes every contender runs once per round, in turn (the order rotates), for --rounds
rounds; printed: medians, per-file cost, merge / contender per round (median and range), and peak
memory of each process tree. The machine is noisy: compare ratios from one run.
Run: python bench/bench_merge.py --sizes 100,1000   (pip install -e ".[dev,bench]" for the peers)
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import resource
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from statistics import median

import xlsxwriter

import lkjip_xl
from lkjip_xl.intake.workbook import MASTER_LIMITS
from lkjip_xl.planning.master_writer import write_master
from lkjip_xl.planning.model import Bidang, Indikator, Instansi, Kegiatan, Master
from lkjip_xl.planning.spec import bidang_spec

INDICATORS_PER_BIDANG = 4
PROGRAMS_PER_BIDANG, KEGIATAN_PER_PROGRAM = 2, 5

PEERS = Path(__file__).resolve().parent / "peers"
BARE_READ = """
import logging, sys, time, fastexcel
from pathlib import Path
logging.disable(logging.WARNING)  # as in floor.py: no warning per column of unknown type
t = time.perf_counter()
rows = 0
for p in sorted(Path(sys.argv[1]).glob('*.xlsx')):
    r = fastexcel.read_excel(str(p))
    for name in ('Kinerja', 'Anggaran'):
        rows += r.load_sheet(name).to_polars().height
print(f'{time.perf_counter() - t:.4f} {rows}')
"""
MIB = 1024 * 1024


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


def write_filled(master: Master, b: Bidang, path: Path, share: float = 0.9) -> None:
    """A filled template as Excel saves it: the template layout with values and cached percentages;
    every realisasi is `share` of its target or anggaran, every shortfall explained (no finding at share 0.9)."""
    spec = bidang_spec()
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Kinerja")
    ws.write_row(0, 0, [c.label for c in spec.kinerja.columns])
    for r, ind in enumerate(master.indikator_of(b.kode), start=1):
        target = float(ind.target or 0)
        realisasi = target * share
        cap = (2 - realisasi / target) * 100 if ind.polaritas == "negatif" else realisasi / target * 100
        ws.write_row(r, 0, [ind.kode, ind.sasaran, ind.indikator, ind.satuan, target, realisasi])
        ws.write_formula(r, 6, f"=F{r + 1}/E{r + 1}*100", None, round(cap, 2))
        # as an honest bidang writes them: a shortfall has its cause and what is done about it (else K020)
        below = cap < 100
        ws.write_row(
            r,
            7,
            [
                "Sesuai rencana kerja",
                "" if below else "Dukungan mitra kerja",
                "Anggaran terbatas" if below else "",
                "Dilanjutkan tahun depan" if below else "",
            ],
        )
    ws = wb.add_worksheet("Anggaran")
    ws.write_row(0, 0, [c.label for c in spec.anggaran.columns])
    r = 1
    for prog in master.programs(b.kode):
        first = r + 1
        ws.write_row(r, 0, [prog.kode, prog.nama, prog.sumber_dana])
        ws.write_formula(r, 3, f"=SUM(D{first + 1}:D{first + len(prog.kegiatan)})", None, prog.anggaran)
        real_total = sum(int((k.anggaran or 0) * share) for k in prog.kegiatan)
        ws.write_formula(r, 4, f"=SUM(E{first + 1}:E{first + len(prog.kegiatan)})", None, real_total)
        ws.write_formula(r, 5, f"=E{r + 1}/D{r + 1}*100", None, round(real_total / prog.anggaran * 100, 2))
        for k in prog.kegiatan:
            r += 1
            real = int((k.anggaran or 0) * share)
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


class TreeMemory(threading.Thread):
    """Samples the memory of a process and all its descendants (Linux /proc; Pss, so pages shared after a
    fork count once) every `interval` seconds until stopped; `peak` is the largest sum seen (0 without /proc)."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            self.peak = max(self.peak, sum(_pss(p) for p in _tree(self.pid)))
            self.stopped.wait(self.interval)


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:  # gone, or no /proc
            pass
    return found


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@dataclass
class Run:
    wall: float  # seconds, process start to exit
    # MiB: the process tree's largest sampled Pss sum; without /proc, ru_maxrss, which on Linux starts from this
    # (forking) process's own RSS, so it reads too high once the bench has generated many files
    peak: float
    cpu: float  # seconds of CPU (user + system) of the process and its reaped children: less moved by a busy machine
    out: str


def child(cmd: list[str]) -> Run:
    """Run one child process to its end: wall time, memory and stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        sampler = TreeMemory(proc.pid)
        sampler.start()
        if hasattr(os, "wait4"):  # this child's own peak, not the largest of all children so far
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t
            proc.returncode = os.waitstatus_to_exitcode(status)
            largest, cpu = usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime
        else:
            proc.wait()
            wall = time.perf_counter() - t
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # of all children so far: a rough figure
            largest, cpu = usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime
        sampler.stopped.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.read().decode()[-2000:]}")
        return Run(wall, (sampler.peak or largest) / MIB, cpu, out.read().decode())


def lkjip() -> list[str]:
    """The console script installed with this interpreter, as a user runs it. Not the first `lkjip-xl` on PATH:
    that may be a version manager's shim (pyenv's is a bash script costing ~0.06 s per run), which the bare
    read, run by this interpreter directly, does not pay."""
    script = Path(sysconfig.get_path("scripts")) / ("lkjip-xl.exe" if os.name == "nt" else "lkjip-xl")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "lkjip_xl"]


@dataclass
class Contender:
    name: str
    what: str
    needs: str  # the module it imports ("" for none beyond lkjip-xl's own dependencies)
    slow: bool  # a peer script: skipped above --peers-max files
    runs: list[Run] = field(default_factory=list)

    def command(self, case: Path) -> list[str]:
        inbox, py = str(case / "masuk"), sys.executable
        return {
            "merge": [*lkjip(), "merge", str(case / "master.xlsx"), inbox, "-o", str(case / "hasil.xlsx"), "--force"],
            "floor": [py, str(PEERS / "floor.py"), inbox, str(case / "floor.xlsx")],
            "read": [py, "-c", BARE_READ, inbox],
            "pandas-opx": [py, str(PEERS / "pandas_merge.py"), "openpyxl", inbox, str(case / "pandas.xlsx")],
            "pandas-cal": [py, str(PEERS / "pandas_merge.py"), "calamine", inbox, str(case / "pandas.xlsx")],
            "frictionless": [py, str(PEERS / "validate_frictionless.py"), inbox],
        }[self.name]


def contenders() -> list[Contender]:
    return [
        Contender("merge", "lkjip-xl merge (screening, checks, styled LKjIP workbook)", "", False),
        Contender("floor", "fastexcel read + plain xlsxwriter write (bench/peers/floor.py)", "fastexcel", False),
        Contender("read", "fastexcel read alone", "fastexcel", False),
        Contender("pandas-opx", "pandas + openpyxl (bench/peers/pandas_merge.py openpyxl)", "pandas", True),
        Contender("pandas-cal", "pandas + calamine (bench/peers/pandas_merge.py calamine)", "pandas", True),
        Contender("frictionless", "frictionless validate, Anggaran (bench/peers/validate_frictionless.py)", "frictionless", True),
    ]


def make_case(n: int, work: Path) -> Path:
    """N filled bidang files and their master, as the bench and the fairness test use them."""
    case = work / f"n{n}"
    inbox = case / "masuk"
    inbox.mkdir(parents=True)
    master = synthetic_master(n)
    write_master(master, case / "master.xlsx")
    for b in master.bidang:
        write_filled(master, b, inbox / f"{b.kode}.xlsx")
    return case


def bench_n(n: int, work: Path, rounds: int, peers_max: int) -> dict[str, Contender] | None:
    rows = n * PROGRAMS_PER_BIDANG * KEGIATAN_PER_PROGRAM + 1
    max_rows = MASTER_LIMITS[0]  # the rows a master sheet may have
    if rows > max_rows:  # merge refuses it (B015), as it would any sheet that large: calamine could abort
        largest = (max_rows - 1) // (PROGRAMS_PER_BIDANG * KEGIATAN_PER_PROGRAM)
        print(
            f"N={n:>6}  skipped: its master's Anggaran sheet has {rows} rows, over the {max_rows} merge reads; largest N {largest}"
        )
        return None
    case = make_case(n, work)
    field_ = []
    for c in contenders():
        if c.needs and importlib.util.find_spec(c.needs) is None:
            print(f"N={n:>6}  {c.name}: skipped, {c.needs} is not installed (pip install -e '.[bench]')")
        elif c.slow and n > peers_max:
            print(f"N={n:>6}  {c.name}: skipped above --peers-max {peers_max} files")
        else:
            field_.append(c)
    for r in range(rounds):  # in turn, so all see the same state of this noisy machine; the order rotates
        for c in field_[r % len(field_) :] + field_[: r % len(field_)]:
            c.runs.append(child(c.command(case)))
    merge = field_[0]
    load = " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(
        f"N={n:>6}  {rounds} rounds, load average after them {load}. wall: process start to exit, median (min-max); per file: median wall / N; cpu: median "
        "CPU s of the tree; peak: largest Pss sum of the tree; merge/x: per round, median (min-max)"
    )
    for c in field_:
        walls = [x.wall for x in c.runs]
        line = (
            f"  {c.name:<12} wall {median(walls):6.2f} s ({min(walls):5.2f}-{max(walls):5.2f}) {median(walls) / n * 1000:6.2f} ms/file"
            f"  cpu {median(x.cpu for x in c.runs):6.2f} s"
            f"  peak {max(x.peak for x in c.runs):5.0f} MiB"
        )
        if c is not merge:
            ratios = [m.wall / x.wall for m, x in zip(merge.runs, c.runs, strict=True)]
            cpus = [m.cpu / x.cpu for m, x in zip(merge.runs, c.runs, strict=True)]
            line += f"  merge/x wall {median(ratios):4.2f}x ({min(ratios):.2f}-{max(ratios):.2f}), cpu {median(cpus):4.2f}x"
            if c.slow:
                line += f"; merge {1 / median(ratios):4.1f}x faster"
        print(line)
    return {c.name: c for c in field_}


def targets(results: dict[int, dict[str, Contender]]) -> None:
    """The issue's targets, against the medians of the paired ratios."""

    def ratio(got: dict[str, Contender], name: str) -> float:
        return median(m.wall / x.wall for m, x in zip(got["merge"].runs, got[name].runs, strict=True))

    def cpu(got: dict[str, Contender], name: str) -> float:
        return median(m.cpu / x.cpu for m, x in zip(got["merge"].runs, got[name].runs, strict=True))

    for n, got in results.items():
        if n < 1000:  # the targets are set for 1.000 and 10.000 files (9.999: see bench_n)
            continue
        big, checks = n >= 9_000, []
        if "floor" in got:
            limit = 1.3 if big else 1.5
            checks.append(
                f"merge/floor {ratio(got, 'floor'):.2f}x <= {limit}x: {'met' if ratio(got, 'floor') <= limit else 'MISSED'}"
                f" (cpu {cpu(got, 'floor'):.2f}x)"
            )
        for name in ("pandas-opx", "pandas-cal", "frictionless"):
            if name in got and not big:
                faster = 1 / ratio(got, name)
                checks.append(f"{faster:.2f}x faster than {name} (>= 5x): {'met' if faster >= 5 else 'MISSED'}")
        peak = max(x.peak for x in got["merge"].runs)
        checks.append(f"peak {peak:.0f} MiB < 1024: {'met' if peak < 1024 else 'MISSED'}")
        print(f"N={n:>6}  targets: " + "; ".join(checks))


def extrapolate(results: dict[int, dict[str, Contender]]) -> None:
    """Linear extrapolation of merge to a province and a whole country from the two largest sizes measured."""
    if len(results) < 2:
        return
    (n1, a), (n2, b) = sorted(results.items())[-2:]
    t1, t2 = (median(x.wall for x in g["merge"].runs) for g in (a, b))
    m1, m2 = (max(x.peak for x in g["merge"].runs) for g in (a, b))
    dt, dm = (t2 - t1) / (n2 - n1), (m2 - m1) / (n2 - n1)
    print(f"merge per extra file between N={n1} and N={n2}: {dt * 1000:.2f} ms, {dm * 1024:.0f} KiB of peak memory")
    for label, n in (("province (35 x 40 x 5)", 7_000), ("national", 110_000)):
        print(f"  EXTRAPOLATED, not measured: {label} N={n}: ~{t2 + dt * (n - n2):.0f} s, ~{m2 + dm * (n - n2):.0f} MiB peak")


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
    run = child([sys.executable, "-c", PHASES, str(case / "master.xlsx"), str(case / "masuk"), str(case / "fase.xlsx")])
    seconds = json.loads(run.out)
    total = seconds.pop("total")
    parts = ", ".join(f"{phase} {value:.2f}" for phase, value in seconds.items())
    print(f"N={n:>6}  one merge by phase (s): {parts}; with importing lkjip_xl (not Python's start-up) {total:.2f}")


def bench_startup(work: Path) -> None:
    helps = [child([*lkjip(), "--help"]).wall for _ in range(5)]
    print(f"--help: best {min(helps):.3f} s, median {sorted(helps)[2]:.3f} s (target < 0.5 s)")
    demo = work / "demo"
    t_demo = child([*lkjip(), "demo", str(demo)]).wall
    master = demo / "master_lkjip_2017.xlsx"
    t_merge = child([*lkjip(), "merge", str(master), str(demo / "kotak_masuk"), "-o", str(work / "d.xlsx")]).wall
    print(
        f"demo (master + templates + filling + merge): {t_demo:.2f} s; demo merge alone incl. start-up: "
        f"{t_merge:.2f} s (target < 3 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000", help="numbers of bidang files, comma separated (10000 works)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per size; each contender runs once a round")
    parser.add_argument("--peers-max", type=int, default=1000, help="run the pandas and frictionless scripts up to this N")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="lkjip-bench-") as tmp:
        work = Path(tmp)
        load = " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {load}")
        # as pip does when it installs the wheel: with PYTHONDONTWRITEBYTECODE set and an editable install,
        # every merge would compile lkjip_xl again (~0.1 s) while the peers' libraries come compiled
        compileall.compile_dir(str(Path(lkjip_xl.__file__).parent), quiet=1)
        bench_startup(work)
        measured = {n: bench_n(n, work, args.rounds, args.peers_max) for n in sizes}
        results = {n: got for n, got in measured.items() if got is not None}
        targets(results)
        extrapolate(results)
        if results:
            bench_phases(max(results), work)


if __name__ == "__main__":
    main()
