"""typer commands: parse arguments, call one library function, render, exit with a meaningful code."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

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
) -> None:
    """Buat workbook master (kosong, atau contoh Magelang 2017 dengan --contoh)."""
    from lkjip_xl.cli.render import console, render_paths
    from lkjip_xl.jobs import LkjipError, init_master

    try:
        path = init_master(folder, contoh)
    except (LkjipError, OSError) as exc:
        _fail(exc)
        return
    render_paths(console(), "Master ditulis:", [path])


@app.command()
def template(
    master: Annotated[Path, typer.Argument(help="Workbook master.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder tujuan template.")] = Path("template"),
    force: Annotated[bool, typer.Option("--force", help="Timpa template yang sudah ada di folder itu.")] = False,
) -> None:
    """Buat satu template Excel untuk setiap bidang dari master."""
    from lkjip_xl.cli.render import console, findings_table, render_paths
    from lkjip_xl.jobs import LkjipError, make_templates

    try:
        paths, findings = make_templates(master, output, force)
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
) -> None:
    """Periksa berkas isian bidang terhadap master; laporkan setiap masalah per lembar dan sel."""
    from lkjip_xl.cli.render import console, progress, render_report, write_json
    from lkjip_xl.jobs import LkjipError
    from lkjip_xl.jobs import check as run_check

    _json_target(json_path)
    con = console()
    try:
        with progress(con, len(files)) as tick:
            report = run_check(files, master, tick)
        if json_path:
            write_json(json_path, report)
    except (LkjipError, OSError) as exc:
        _fail(exc)
        return
    except KeyboardInterrupt:
        _interrupted(None)
    render_report(con, report)
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
) -> None:
    """Periksa dan gabungkan semua berkas bidang menjadi workbook LKjIP."""
    from lkjip_xl.cli.render import console, progress, render_merge, write_json
    from lkjip_xl.jobs import LkjipError
    from lkjip_xl.jobs import merge as run_merge

    _json_target(json_path)
    con = console()
    try:
        count = sum(1 for _ in inbox.iterdir()) if inbox.is_dir() else 0
        with progress(con, count) as tick:
            result = run_merge(master, inbox, output, force, tick)
        if json_path:
            write_json(json_path, result.report, result.output)
    except (LkjipError, OSError) as exc:
        _fail(exc)
        return
    except KeyboardInterrupt:
        _interrupted(output)
    render_merge(con, result)
    code = result.report.exit_code(strict)
    del result  # the exit's traceback keeps this frame alive to the end: free the rows now, not at shutdown
    raise typer.Exit(code)


@app.command()
def demo(
    folder: Annotated[Path, typer.Argument(help="Folder kerja contoh.")] = Path("lkjip-demo"),
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
    render_merge(console(), result)
    # The example carries the report's own inconsistencies on purpose: finding them is success.
    raise typer.Exit(EXIT_OK)


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
_NEAREST_ASCII = {"≈": "~", "≤": "<=", "≥": ">=", "→": "->", "–": "-", "—": "-", "…": "...", "·": "-", "×": "x", "•": "*"}
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
