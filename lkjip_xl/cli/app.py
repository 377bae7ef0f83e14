"""typer commands: parse arguments, call one library function, render, exit with a meaningful code."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from lkjip_xl.cli import indonesian as cli_id

cli_id.install()

app = typer.Typer(
    help="lkjip-xl: periksa dan gabungkan berkas Excel bidang menjadi workbook LKjIP.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2

MasterOpt = Annotated[Path, typer.Option("--master", "-m", help="Workbook master (data perencanaan).")]
JsonOpt = Annotated[Path | None, typer.Option("--json", help="Tulis temuan juga sebagai JSON ke berkas ini.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Peringatan dihitung sebagai galat.")]
TriwulanOpt = Annotated[
    int | None, typer.Option("--triwulan", "-t", help="Triwulan 1–4: template/berkas/hasil per triwulan (tanpa: tahunan).")
]
SebelumnyaOpt = Annotated[
    Path | None,
    typer.Option("--sebelumnya", help="Hasil penggabungan triwulan sebelumnya (N−1): triwulan lalu dikunci/dibandingkan."),
]
RinciOpt = Annotated[
    bool,
    typer.Option("--rinci", help="Tampilkan setiap temuan pada barisnya sendiri (tanpa pengelompokan temuan yang berulang)."),
]


def _fail(problem: Exception | str) -> None:
    """Say in Indonesian why the command cannot run (never a traceback) and exit 2."""
    from lkjip_xl.cli.render import console, error

    if isinstance(problem, OSError):
        where = f" '{problem.filename}'" if problem.filename else ""
        message = f"Berkas{where} tidak dapat dibaca atau ditulis: {_os_reason(problem)}."
    else:
        message = str(problem)
    error(console(stderr=True), message)
    raise typer.Exit(EXIT_CANNOT_RUN)


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command ended by Ctrl-C


def _interrupted(output: Path | None) -> None:
    """Ctrl-C: say so in Indonesian and exit 130 (the workers are already ended, no workbook half-written)."""
    from lkjip_xl.cli.render import console

    kept = f" Workbook '{output}' tidak ditulis (yang lama, bila ada, tidak diubah)." if output is not None else ""
    message = f"Dihentikan (Ctrl-C) sebelum selesai.{kept} Jalankan lagi perintahnya bila perlu."
    console(stderr=True).print(message, style="bold red", markup=False, highlight=False)
    raise typer.Exit(EXIT_INTERRUPTED)


def _json_target(path: Path | None) -> None:
    """--json names a new report file: never a workbook (a slip of the keyboard would overwrite an input)."""
    from lkjip_xl.jobs import SPREADSHEET_SUFFIXES

    if path is not None and path.suffix.lower() in SPREADSHEET_SUFFIXES:
        _fail(f"--json '{path}' berakhiran {path.suffix}: pilih nama berakhiran .json agar tidak menimpa lembar kerja.")


def _os_reason(problem: OSError) -> str:
    """The system's reason in Bahasa Indonesia for the common cases (the system's own words otherwise)."""
    import errno

    if isinstance(problem, FileNotFoundError):
        return "tidak ditemukan"
    if isinstance(problem, PermissionError):
        return "tidak ada izin, atau berkas sedang terbuka di Excel (tutup dulu)"
    if isinstance(problem, IsADirectoryError):
        return "nama itu dipakai sebuah folder"
    if problem.errno == errno.ENOSPC:
        return "ruang disk penuh"
    return problem.strerror or type(problem).__name__


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Folder tujuan workbook master.")],
    contoh: Annotated[bool, typer.Option("--contoh", help="Isi dengan contoh LKjIP Disperinnaker Kab. Magelang 2017.")] = False,
    dari: Annotated[
        Path | None,
        typer.Option(
            "--dari", help="Master tahun berikutnya dari hasil tahunan (lkjip-xl merge) atau hasil triwulan IV (--triwulan 4)."
        ),
    ] = None,
    tahun: Annotated[int | None, typer.Option("--tahun", help="Tahun master baru (bawaan: tahun hasil + 1).")] = None,
) -> None:
    """Buat workbook master (kosong, contoh Magelang 2017 dengan --contoh, atau tahun berikutnya dengan --dari)."""
    from lkjip_xl.cli.render import console, findings_table, render_paths
    from lkjip_xl.jobs import LkjipError, init_from_result, init_master

    try:
        path, findings = init_from_result(folder, dari, tahun) if dari is not None else (init_master(folder, contoh), [])
    except (LkjipError, OSError) as exc:
        _fail(exc)
        return
    con = console()
    if findings:
        con.print(findings_table(findings, f"Master: {path.name}"))
    render_paths(con, "Master ditulis:", [path])


@app.command()
def template(
    master: Annotated[Path, typer.Argument(help="Workbook master.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder tujuan template.")] = Path("template"),
    force: Annotated[bool, typer.Option("--force", help="Timpa template yang sudah ada di folder itu.")] = False,
    triwulan: TriwulanOpt = None,
    sebelumnya: SebelumnyaOpt = None,
) -> None:
    """Buat satu template Excel untuk setiap bidang dari master (per triwulan dengan --triwulan N)."""
    from lkjip_xl.cli.render import console, findings_table, render_paths
    from lkjip_xl.jobs import LkjipError, make_templates

    try:
        paths, findings = make_templates(master, output, force, triwulan, sebelumnya)
    except (LkjipError, OSError) as exc:
        _fail(exc)
        return
    con = console()
    if findings:
        con.print(findings_table(findings, f"Master: {master.name}"))
    if not paths:
        con.print("Template tidak dibuat: perbaiki galat di master terlebih dahulu.")
        raise typer.Exit(EXIT_FINDINGS)
    render_paths(con, "Template ditulis:", paths)


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Berkas bidang yang diperiksa.")],
    master: MasterOpt,
    json_path: JsonOpt = None,
    strict: StrictOpt = False,
    rinci: RinciOpt = False,
    triwulan: TriwulanOpt = None,
) -> None:
    """Periksa berkas isian bidang terhadap master; laporkan setiap masalah per lembar dan sel."""
    from lkjip_xl.cli.render import console, progress, render_report, write_json
    from lkjip_xl.jobs import LkjipError
    from lkjip_xl.jobs import check as run_check

    _json_target(json_path)
    con = console()
    try:
        with progress(con, len(files)) as tick:
            report = run_check(files, master, tick, triwulan)
        if json_path:
            write_json(json_path, report)
    except (LkjipError, OSError) as exc:
        _fail(exc)
        return
    except KeyboardInterrupt:
        _interrupted(None)
    render_report(con, report, every=rinci)
    code = report.exit_code(strict)
    del report  # as in merge: free the rows before the exit, not at shutdown
    raise typer.Exit(code)


@app.command()
def merge(
    master: Annotated[Path, typer.Argument(help="Workbook master.")],
    inbox: Annotated[Path, typer.Argument(help="Folder berisi berkas dari semua bidang.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Workbook LKjIP yang ditulis (.xlsx).")],
    json_path: JsonOpt = None,
    strict: StrictOpt = False,
    force: Annotated[bool, typer.Option("--force", help="Timpa workbook hasil yang sudah ada.")] = False,
    rinci: RinciOpt = False,
    kembalikan: Annotated[
        Path | None,
        typer.Option(
            "--kembalikan",
            help="Tulis ke folder ini, untuk setiap berkas bertemuan, salinan bertanda (<nama>_perbaikan.xlsx) "
            "dan teks email (<nama>_pesan.txt) untuk bidangnya.",
        ),
    ] = None,
    sebelumnya: Annotated[
        Path | None,
        typer.Option(
            "--sebelumnya",
            help="Workbook hasil merge sebelumnya: tampilkan temuan yang sudah diperbaiki, yang baru, yang masih ada, "
            "dan setiap nilai yang berubah (juga lembar Perubahan); dengan --triwulan N: hasil triwulan N−1, "
            "triwulan lalu dibandingkan.",
        ),
    ] = None,
    docx: Annotated[Path | None, typer.Option("--docx", help="Tulis juga dokumen Word Bab II dan Bab III (.docx).")] = None,
    triwulan: TriwulanOpt = None,
) -> None:
    """Periksa dan gabungkan semua berkas bidang menjadi workbook LKjIP (per triwulan dengan --triwulan N)."""
    from lkjip_xl.cli.render import console, progress, render_merge, write_json
    from lkjip_xl.jobs import LkjipError
    from lkjip_xl.jobs import merge as run_merge

    _json_target(json_path)
    con = console()
    try:
        count = sum(1 for _ in inbox.iterdir()) if inbox.is_dir() else 0
        with progress(con, count) as tick:
            result = run_merge(
                master, inbox, output, force, tick, kembalikan=kembalikan, sebelumnya=sebelumnya, docx=docx, triwulan=triwulan
            )
        if json_path:
            write_json(json_path, result.report, result.output, result.changes)
    except (LkjipError, OSError) as exc:
        _fail(exc)
        return
    except KeyboardInterrupt:
        _interrupted(output)
    render_merge(con, result, every=rinci)
    _document_written(con, result.document)
    code = result.report.exit_code(strict)
    del result  # the exit's traceback keeps this frame alive to the end: free the rows now, not at shutdown
    raise typer.Exit(code)


@app.command()
def banding(
    lama: Annotated[Path, typer.Argument(help="Versi lama berkas bidang.")],
    baru: Annotated[Path, typer.Argument(help="Versi baru berkas bidang yang sama.")],
    master: MasterOpt,
    json_path: JsonOpt = None,
    rinci: RinciOpt = False,
) -> None:
    """Bandingkan dua versi satu berkas bidang: temuan yang diperbaiki, yang baru, yang masih ada, nilai yang berubah."""
    from lkjip_xl.cli.render import console, render_banding, write_json
    from lkjip_xl.jobs import LkjipError
    from lkjip_xl.jobs import banding as run_banding

    _json_target(json_path)
    try:
        result = run_banding(lama, baru, master)
        if json_path:
            write_json(json_path, result.after, None, result.changes)
    except (LkjipError, OSError) as exc:
        _fail(exc)
        return
    render_banding(console(), result, every=rinci)
    raise typer.Exit(result.after.exit_code())


@app.command()
def demo(
    folder: Annotated[Path, typer.Argument(help="Folder kerja contoh.")] = Path("lkjip-demo"),
    rinci: RinciOpt = False,
) -> None:
    """Jalankan seluruh alur pada contoh bawaan (LKjIP Disperinnaker Kab. Magelang 2017)."""
    from lkjip_xl.cli.render import console, render_merge
    from lkjip_xl.jobs import LkjipError
    from lkjip_xl.jobs import demo as run_demo

    try:
        result = run_demo(folder)
    except (LkjipError, OSError) as exc:
        _fail(exc)
        return
    con = console()
    render_merge(con, result, every=rinci)
    _document_written(con, result.document)
    # The example carries the report's own inconsistencies on purpose: finding them is success.
    raise typer.Exit(EXIT_OK)


def _document_written(con: Any, path: Path | None) -> None:
    if path is not None:
        from rich.text import Text

        con.print(Text("Dokumen ditulis: ", style="bold green") + Text(str(path)))


def main() -> None:
    """The `lkjip-xl` script: run the command, flush what it printed, and end the process.

    The process ends with os._exit: after a merge, the interpreter's own shutdown (tearing down the
    polars, pandera and numpy modules) took a further 0.2-0.3 s, measured at 1,000 files, with nothing
    left to do. Nothing of lkjip-xl runs at exit: outputs are written atomically and worker processes are
    shut down before the command returns. An unexpected exception still ends the normal way, with its
    traceback.
    """
    _readable_streams()
    try:
        app()
        code = 0
    except SystemExit as exc:
        code = _exit_status(exc.code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


# Windows writes redirected output (`lkjip-xl merge … > laporan.txt`) in its ANSI code page, cp1252, which
# has no ≈, ≤ or ≥: printing a finding with one would crash the report after the work is done. Characters a
# stream cannot encode become their nearest ASCII instead (rich already draws its tables in ASCII there).
_NEAREST_ASCII = {
    "≈": "~",
    "≤": "<=",
    "≥": ">=",
    "→": "->",
    "–": "-",
    "—": "-",
    "…": "...",
    "·": "-",
    "×": "x",
    "•": "*",
    "−": "-",
    "Δ": "selisih",
}
_ASCII_HANDLER = "lkjip-xl-ascii"  # a codec error handler name


def _nearest_ascii(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(_NEAREST_ASCII.get(ch, "?") for ch in text), error.end


def _readable_streams() -> None:
    """stdout and stderr that are not UTF-8 print what they cannot encode as its nearest ASCII."""
    import codecs

    codecs.register_error(_ASCII_HANDLER, _nearest_ascii)
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
        if not encoding.startswith("utf") and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors=_ASCII_HANDLER)


def _exit_status(code: object) -> int:
    """SystemExit's code as a process status: None is 0, text is printed and is 1 (as Python itself does)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
