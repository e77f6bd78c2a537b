"""The way in from the spreadsheets offices already have: tables read from a workbook or
CSV (``read``), recognised as pohon's own export (``own``) or as an office's Renstra or
cascading table (``columns``, ``matrix``), and turned into a pohon document written by
the YAML writer. Pure except for reading the file: the command writes and validates.
"""

from __future__ import annotations

import re

from pohon_cli.importer.cells import Note, Table
from pohon_cli.importer.columns import parse_map
from pohon_cli.importer.read import read
from pohon_cli.importer.values import Imported

__all__ = ["Imported", "Note", "Table", "convert", "origin_lines", "parse_map", "read"]

_KODE_LINE = re.compile(r"^\s*(?:- )?kode: (.+?)\s*$")


def convert(
    tables: list[Table], mapping: dict[str, str], name: str, tahun: int | None = None
) -> Imported:
    """The tables as a pohon document: pohon's own export when it has its ``Cascading``
    sheet (and no ``--map``), else the first table whose headers name a level or an
    indicator. LookupError when none does."""
    from pohon_cli.importer import matrix, own

    notes = [n for t in tables for n in t.notes]
    if own.is_own(tables) and not mapping:
        done = own.build(tables, name, tahun)
    else:
        done = matrix.build(tables, mapping, name, tahun)
    done.notes[:0] = notes
    return done


def origin_lines(text: str, origins: dict[str, str]) -> list[tuple[int, str]]:
    """(line, cell) for each ``kode:`` line of the written YAML whose node or indicator
    came from a cell, in line order: a problem at a line comes from the last one above."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _KODE_LINE.match(line)
        if match is not None:
            kode = match.group(1).strip('"')
            if kode in origins:
                found.append((number, origins[kode]))
    return found
