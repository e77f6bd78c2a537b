"""A sheet as the export makes it: typed cells under columns with two names, the key a
program reads and the words a planner prints."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from pohon_cli.model import QUARTERS, Actual, Tree, Value, value_text

# text: a short text; long: a text that wraps; value: a target or realisasi (a number as
# written, or a text, or a range as text); number: a count; percent: an achievement
Kind = Literal["text", "long", "value", "number", "percent"]
Cell = str | Decimal | int | None


# The words a planner prints above each column, by header; a header with a year
# (target_2025) is labelled by its stem (Target 2025).
LABELS: dict[str, str] = {
    "jenjang": "Jenjang",
    "kode": "Kode",
    "uraian": "Uraian",
    "induk": "Induk",
    "misi": "Misi",
    "penanggung_jawab": "Penanggung Jawab",
    "kode_indikator": "Kode Indikator",
    "indikator": "Indikator Kinerja",
    "satuan": "Satuan",
    "polaritas": "Polaritas",
    "baseline": "Baseline",
    "penanggung_jawab_indikator": "Penanggung Jawab Indikator",
    "simpul": "Kode Kinerja",
    "konsolidasi": "Konsolidasi",
    "definisi": "Definisi",
    "formula": "Formula",
    "sumber_data": "Sumber Data",
    "unit_kerja": "Unit Kerja",
    "nasional": "Nasional",
    "unit": "Kode Unit",
    "nama_unit": "Unit Kerja",
    "atasan": "Atasan",
    "jenis": "Jenis",
    "hasil": "Hasil",
    "tw1": "TW I",
    "tw2": "TW II",
    "tw3": "TW III",
    "tw4": "TW IV",
    "target_tw1": "Target TW I",
    "target_tw2": "Target TW II",
    "target_tw3": "Target TW III",
    "target_tw4": "Target TW IV",
    "dasar": "Dasar Perhitungan",
    "capaian": "Capaian",
    "capaian_dibatasi": "Capaian (Dibatasi)",
    "predikat": "Predikat",
    "status": "Status",
    "keterangan": "Keterangan",
    "per": "Per",
    "dinilai": "Dinilai",
    "tanpa_realisasi": "Tanpa Realisasi",
    "tidak_dinilai": "Tidak Dinilai",
    "tanpa_target": "Tanpa Target",
    "rata_rata": "Rata-rata Capaian",
    "target": "Target",
    "realisasi": "Realisasi",
    "anggaran": "Pagu Anggaran",
    "realisasi_anggaran": "Realisasi Anggaran",
    "serapan": "Serapan Anggaran",
}
_WITH_YEAR = re.compile(r"([a-z_]+)_(\d{4})")
# a quarter of a year's target: target_2026_tw1 -> Target 2026 TW I
_WITH_QUARTER = re.compile(r"([a-z_]+_\d{4})_(tw[1-4])")


def label(header: str) -> str:
    """The words a planner prints for a column: ``target_2025`` -> ``Target 2025``."""
    found = LABELS.get(header)
    if found is not None:
        return found
    with_quarter = _WITH_QUARTER.fullmatch(header)
    if with_quarter is not None:
        return f"{label(with_quarter.group(1))} {LABELS[with_quarter.group(2)]}"
    with_year = _WITH_YEAR.fullmatch(header)
    if with_year is not None and with_year.group(1) in LABELS:
        return f"{LABELS[with_year.group(1)]} {with_year.group(2)}"
    return header.replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    kind: Kind = "text"
    # width in characters, as a spreadsheet measures it
    width: int = 14

    @property
    def label(self) -> str:
        return label(self.header)


@dataclass(frozen=True, slots=True)
class Sheet:
    """One table: ``name`` is the sheet's (xlsx) and, as ``slug``, the CSV file's;
    ``title`` says what it is, in the words printed above it."""

    name: str
    slug: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    title: str = ""

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(c.label for c in self.columns)


@dataclass(frozen=True, slots=True)
class Cover:
    """What the top of every printed sheet says: the office and the year of the file."""

    instansi: str
    tahun: int


def cover(tree: Tree) -> Cover:
    return Cover(tree.header.institution.name, tree.header.year)


def value_cell(value: Value | None) -> Cell:
    """A target or realisasi: a number as written, a text, a range as ``[80, 90]``."""
    if isinstance(value, tuple):
        return value_text(value)
    return value


def units_cell(owners: Sequence[str]) -> str | None:
    """The units of a node or indicator in one cell, lead first: ``A`` or ``A, B``."""
    return ", ".join(owners) if owners else None


def quarter_cells(written: Actual | None) -> tuple[Cell, ...]:
    """tw1..tw4 of a value written per quarter; blanks for one value of the year."""
    return tuple(written.get(q) if isinstance(written, dict) else None for q in QUARTERS)
