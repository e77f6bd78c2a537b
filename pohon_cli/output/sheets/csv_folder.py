"""``pohon export --format csv``: one CSV file per sheet, in a folder made whole beside
the target and renamed into place, so a reader never sees half an export."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import secrets
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from pohon_cli.export import Sheet
from pohon_cli.i18n import _
from pohon_cli.output import tables
from pohon_cli.output.sheets.request import SheetsRequest, cell_text
from pohon_cli.output.terminal import Screen
from pohon_cli.problem import InputError


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


def write(request: SheetsRequest, out: TextIO, screen: Screen | None = None) -> None:
    if request.path is None or request.path == "-":
        raise InputError(_("--format csv writes one file per sheet: give -o FOLDER"))
    files = csv_files(request.sheets)
    write_folder(request.path, {name: text.encode("utf-8") for name, text in files.items()})


def write_folder(path: str | Path, files: Mapping[str, bytes]) -> None:
    """Make the folder ``path`` hold exactly ``files``: written into a new folder beside it,
    then renamed into place. A folder that is there already is replaced only when it
    holds nothing but CSV files (an earlier export); anything else in it is refused, so
    that nothing the export did not write is lost."""
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise InputError(_("{path} is a file: --format csv writes a folder", path=path))
    if target.is_dir():
        foreign = sorted(
            e.name for e in target.iterdir() if not (e.is_file() and e.suffix == ".csv")
        )
        if foreign:
            raise InputError(
                _(
                    "{path} holds more than CSV files ({names}): "
                    "export replaces the whole folder, so give a new or empty one",
                    path=path,
                    names=", ".join(foreign[:3]),
                )
            )
    parent = target.absolute().parent
    if not parent.is_dir():
        raise InputError(_("{path}: no such folder", path=parent))
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
        reason = error.strerror or error
        raise InputError(
            _("{path}: cannot write the folder: {reason}", path=path, reason=reason)
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(temp)
        if old.exists() and not target.exists():
            os.rename(old, target)
        raise
    with contextlib.suppress(OSError):
        shutil.rmtree(old)
