"""``pohon export``: the sheets written as an xlsx workbook, a folder of CSV files (one per
sheet) or one Markdown document. Every file is written atomically; a folder of CSV
files is made whole beside the target and renamed into place."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import secrets
import shutil
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from pohon_cli.export import Cell, Sheet
from pohon_cli.model import number_text
from pohon_cli.output import tables
from pohon_cli.output.files import write_atomic
from pohon_cli.problem import InputError


def cell_text(value: Cell) -> str:
    """A cell as CSV and Markdown write it: numbers with their digits, achievements in
    percent points (107.14), nothing as empty."""
    if isinstance(value, Decimal):
        return number_text(value)
    return "" if value is None else str(value)


def csv_text(sheet: Sheet) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow([tables.csv_cell(cell_text(v)) for v in row])
    return buffer.getvalue()


def csv_files(sheets: Sequence[Sheet]) -> dict[str, str]:
    """File name -> CSV text, one file per sheet."""
    return {f"{sheet.slug}.csv": csv_text(sheet) for sheet in sheets}


def markdown_text(sheets: Sequence[Sheet]) -> str:
    """One document: a heading and a table per sheet."""
    out = io.StringIO()
    for i, sheet in enumerate(sheets):
        if i:
            out.write("\n")
        out.write(f"## {tables.markdown_cell(sheet.name)}\n\n")
        numeric = frozenset(
            n for n, c in enumerate(sheet.columns) if c.kind in ("number", "percent")
        )
        rows = [tuple(cell_text(v) for v in row) for row in sheet.rows]
        tables.write_markdown(tables.Table(sheet.headers, rows, numeric), out)
    return out.getvalue()


def write_xlsx(sheets: Sequence[Sheet], out: str | None, stdout: TextIO) -> None:
    from pohon_cli.output.export_xlsx import xlsx_bytes

    if out is None or out == "-":
        raise InputError("an xlsx workbook is a file: give -o OUT.xlsx")
    save(out, xlsx_bytes(sheets))


def write_csv(sheets: Sequence[Sheet], out: str | None, stdout: TextIO) -> None:
    if out is None or out == "-":
        raise InputError("--format csv writes one file per sheet: give -o FOLDER")
    write_folder(out, {name: text.encode("utf-8") for name, text in csv_files(sheets).items()})


def write_markdown(sheets: Sequence[Sheet], out: str | None, stdout: TextIO) -> None:
    text = markdown_text(sheets)
    if out is None or out == "-":
        stdout.write(text)
    else:
        save(out, text)


def save(path: str, data: bytes | str) -> None:
    """``write_atomic``, with a folder that is missing or read-only as a usage error."""
    try:
        write_atomic(path, data)
    except OSError as error:
        reason = error.strerror or str(error)
        if isinstance(error, FileNotFoundError):
            reason = "no such folder"
        raise InputError(f"{path}: cannot write: {reason}") from None


def write_folder(path: str | Path, files: Mapping[str, bytes]) -> None:
    """Make the folder ``path`` hold exactly ``files``: written into a new folder beside it,
    then renamed into place. A folder that is there already is replaced only when it
    holds nothing but CSV files (an earlier export); anything else in it is refused, so
    that nothing the export did not write is lost."""
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise InputError(f"{path} is a file: --format csv writes a folder")
    if target.is_dir():
        foreign = sorted(
            e.name for e in target.iterdir() if not (e.is_file() and e.suffix == ".csv")
        )
        if foreign:
            raise InputError(
                f"{path} holds more than CSV files ({', '.join(foreign[:3])}): "
                "export replaces the whole folder, so give a new or empty one"
            )
    parent = target.absolute().parent
    if not parent.is_dir():
        raise InputError(f"{parent}: no such folder")
    token = secrets.token_hex(4)
    temp = parent / f".{target.name}.{token}.tmp"
    old = parent / f".{target.name}.{token}.old"
    try:
        temp.mkdir()
        for name, data in files.items():
            with open(temp / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        if target.is_dir():
            os.rename(target, old)
        os.rename(temp, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            shutil.rmtree(temp)
        if old.exists() and not target.exists():
            os.rename(old, target)
        raise InputError(f"{path}: cannot write the folder: {error.strerror or error}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(temp)
        if old.exists() and not target.exists():
            os.rename(old, target)
        raise
    with contextlib.suppress(OSError):
        shutil.rmtree(old)


FORMATS: dict[str, Callable[[Sequence[Sheet], str | None, TextIO], None]] = {
    "xlsx": write_xlsx,
    "csv": write_csv,
    "markdown": write_markdown,
}
# the format an output file's extension implies when --format is not given
BY_EXTENSION = {".xlsx": "xlsx", ".md": "markdown", ".markdown": "markdown"}
