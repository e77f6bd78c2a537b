"""What the builders share: the document being written with the cell each part came
from, a cell as text or as a target value, and key order as the format lists it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pohon_cli.importer.cells import Note, Table, Value, number
from pohon_cli.yaml_writer import Flow

RANGE = re.compile(r"\[\s*(-?[0-9.,]+)\s*,\s*(-?[0-9.,]+)\s*\]")
# the keys of a node and of an indicator in the order docs/format.md lists them
NODE_ORDER = (
    "kode", "jenjang", "uraian", "hasil", "misi", "penanggung_jawab", "jenis", "nasional",
    "catatan", "anggaran", "realisasi_anggaran", "mendukung", "kolaborasi", "indikator", "anak",
)  # fmt: skip
INDICATOR_ORDER = (
    "kode", "uraian", "satuan", "target", "target_induk", "polaritas", "baseline", "realisasi",
    "konsolidasi", "definisi", "formula", "sumber_data", "penanggung_jawab", "nasional",
    "catatan", "anggaran", "realisasi_anggaran", "mendukung", "pembagian",
)  # fmt: skip
HEADER_ORDER = (
    "versi", "instansi", "induk", "tahun", "periode", "visi", "misi", "unit_kerja", "skala",
    "jenjang",
)  # fmt: skip


@dataclass(slots=True)
class Imported:
    """The document import made (plain data, in file order), the cell each node,
    indicator and header key came from, and what it could not place."""

    document: dict[str, Any]
    origins: dict[str, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)


def ordered(data: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """``data`` with its keys in the format's order (others after them)."""
    known = {k: data[k] for k in order if k in data}
    return known | {k: v for k, v in data.items() if k not in known}


def text(value: Value) -> str | None:
    """A cell as text: a number with its digits, a text trimmed, blank as None."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value, "f")
    stripped = value.strip()
    return stripped or None


def target(value: Value, commas: bool) -> Any:
    """A target, baseline or amount: a number as Decimal, ``[80, 90]`` as a range, any
    other text as text (``WTP``), never a float."""
    if value is None or isinstance(value, Decimal):
        return value
    written = value.strip()
    if not written:
        return None
    found = number(written, commas)
    if found is not None:
        return found
    span = RANGE.fullmatch(written)
    if span is not None:
        low, high = number(span.group(1), commas), number(span.group(2), commas)
        if low is not None and high is not None:
            return Flow((low, high))
    return written


def units(value: Value) -> Any:
    """``A`` or ``A, B`` (lead first) as pohon writes one unit or several."""
    written = text(value)
    if written is None:
        return None
    found = [u.strip() for u in written.split(",") if u.strip()]
    return found[0] if len(found) == 1 else Flow(found)


def header_row(table: Table, wanted: set[str], key_of: Any, within: int = 20) -> int | None:
    """The first row of the first ``within`` whose cells name every one of ``wanted``."""
    for r in range(min(within, len(table.rows))):
        keys = {key_of(text(v) or "") for v in table.rows[r]}
        if wanted <= keys:
            return r
    return None
