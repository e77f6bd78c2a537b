"""``pohon import``: a spreadsheet (xlsx, ods, CSV, or the CSV folder of ``pohon export``)
as a pohon file, written atomically and validated, each problem at its YAML line and
the cell it came from."""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import Annotated

import typer

from pohon_cli.cli.app import EXIT_OK, EXIT_PROBLEMS, app, fail
from pohon_cli.cli.options import LangOpt
from pohon_cli.i18n import N_, _

SheetArg = Annotated[
    str,
    typer.Argument(
        help=N_("The workbook (.xlsx, .xls, .ods), CSV file, or folder of CSV files."),
        show_default=False,
    ),
]

MapOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        help=N_(
            "COLUMN=field: the header (or column letter) holds field (tujuan, sasaran, "
            "program, kegiatan, sub_kegiatan, indikator, satuan, target_2025, baseline, "
            "penanggung_jawab, anggaran_2025, kode_program..., kode_indikator, or - to skip)."
        ),
        show_default=False,
    ),
]


@app.command("import")
def import_(
    sheet: SheetArg,
    *,
    output: Annotated[
        str,
        typer.Option("--output", "-o", help=N_("The pohon file to write."), show_default=False),
    ],
    force: Annotated[
        bool, typer.Option("--force", help=N_("Replace the output file when it is there."))
    ] = False,
    mapping: MapOpt = None,
    instansi: Annotated[
        str | None,
        typer.Option(
            "--instansi",
            help=N_("The office's name (default: the file's name)."),
            show_default=False,
        ),
    ] = None,
    tahun: Annotated[
        int | None,
        typer.Option(
            "--tahun",
            help=N_("The plan year (default: the first target year)."),
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Read an office's spreadsheet, or pohon's own export, into a pohon file.

    Exit 0: written and valid; 1: written, problems left (listed); 2: not written.
    """
    from pohon_cli import importer
    from pohon_cli.output.files import same_file, save
    from pohon_cli.yaml_writer import dump

    target = Path(output)
    if target.exists() and not force:
        fail(_("{output} is there already: add --force to replace it", output=output))
    if target.exists() and same_file(output, sheet):
        fail(_("{output} is the table being read: give another -o", output=output))
    try:
        columns = importer.parse_map(mapping or [])
    except ValueError as error:
        fail(_("--map {error}: say COLUMN=field, e.g. --map 'Uraian IKU=indikator'", error=error))
    tables = importer.read(sheet)
    name = instansi or Path(sheet.rstrip("/")).stem
    try:
        done = importer.convert(tables, columns, name, tahun)
    except LookupError as error:
        fail(
            _(
                "{sheet}: {error}; say which column holds what with --map COLUMN=field",
                sheet=sheet,
                error=error,
            )
        )
    try:
        text = dump(done.document)
    except ValueError as error:  # pragma: no cover - the builders write plain data
        fail(_("{sheet}: cannot write the tree: {error}", sheet=sheet, error=error))
    save(output, text)
    failed = any(n.severity == "error" for n in done.notes)
    for note in done.notes:
        typer.echo(f"{note.place}: {note.severity}: {note.message}", err=True)
    failed |= _validate(output, text, done.origins)
    if failed:
        said = _("{output}: written; problems are left to fix (above)", output=output)
    else:
        said = _("{output}: written", output=output)
    typer.echo(said, err=True)
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)


def _validate(output: str, text: str, origins: dict[str, str]) -> bool:
    """Check the written file as ``pohon validate`` does; print each problem at its line
    with the cell its node or indicator came from. True when an error is left."""
    from pohon_cli import importer
    from pohon_cli.config import Finder, Overrides
    from pohon_cli.rules.lint import check_files

    places = importer.origin_lines(text, origins)
    lines = [line for line, _cell in places]
    failed = False
    for checked in check_files([(output, Finder(Overrides()).settings_for(Path(output)))], 1):
        for p in checked.problems:
            at = bisect_right(lines, p.line) - 1
            cell = _(" (from {cell})", cell=places[at][1]) if at >= 0 else ""
            typer.echo(
                f"{p.file}:{p.line}:{p.column}: {p.severity} {p.code} {p.message}{cell}", err=True
            )
            if p.hint:
                typer.echo(_("  hint: {hint}", hint=p.hint), err=True)
            failed |= p.severity == "error"
    return failed
