"""Which column of an office's own table holds what: headers recognised by their words
(Indonesian variants, with or without spaces, any capitals), a header split over two
rows (``Target`` above ``2025 | 2026``), and ``--map COLUMN=field`` over all of it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pohon_cli.i18n import _
from pohon_cli.importer.cells import Note, Table, column_name
from pohon_cli.importer.values import text

LEVELS = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
_LEVEL_WORDS = {
    "tujuan": "tujuan",
    "sasaran": "sasaran",
    "sasaranstrategis": "sasaran",
    "program": "program",
    "kegiatan": "kegiatan",
    "subkegiatan": "sub_kegiatan",
}
_WORDS = {
    "indikator": "indikator",
    "indikatorkinerja": "indikator",
    "indikatorkinerjautama": "indikator",
    "iku": "indikator",
    "ik": "indikator",
    "ikk": "indikator",
    "satuan": "satuan",
    "baseline": "baseline",
    "kondisiawal": "baseline",
    "penanggungjawab": "penanggung_jawab",
    "pj": "penanggung_jawab",
    "unitkerja": "penanggung_jawab",
    "unitpenanggungjawab": "penanggung_jawab",
    "kodeindikator": "kode_indikator",
    # the indicator's manual (manual IKU), as e-SAKIP's IKU tables write it
    "definisi": "definisi",
    "definisioperasional": "definisi",
    "formula": "formula",
    "formulasi": "formula",
    "rumus": "formula",
    "caraperhitungan": "formula",
    "sumberdata": "sumber_data",
    # a target with no year: the year of --tahun (build says so when there is none)
    "target": "target",
    "no": "-",
    "nomor": "-",
}
_YEAR = re.compile(r"(?:19|20)\d\d")
FIELDS = re.compile(
    r"(?:tujuan|sasaran|program|kegiatan|sub_kegiatan|indikator|satuan|baseline|"
    r"indikator_(?:tujuan|sasaran|program|kegiatan|sub_kegiatan)|definisi|formula|sumber_data|"
    r"penanggung_jawab|kode_indikator|kode_(?:tujuan|sasaran|program|kegiatan|sub_kegiatan)|"
    r"(?:target|anggaran)_\d{4}|-)"
)


def squeeze(header: str) -> str:
    """``Sub Kegiatan``, ``SUB-KEGIATAN`` and ``subkegiatan`` read alike."""
    return re.sub(r"[^a-z0-9]", "", header.lower())


def field_of(header: str, above: str = "") -> str | None:
    """The field a header names (``above`` is the group header over it, ``Target`` over
    ``2025``); None when it names nothing import knows."""
    word = squeeze(header)
    years = _YEAR.findall(header)
    group = squeeze(above)
    if re.fullmatch(r"(?:19|20)\d\d", word) and group:
        word, years = group + word, [word]
    stem = _YEAR.sub("", word)
    if years and ("target" in stem):
        return f"target_{years[0]}"
    if years and ("pagu" in stem or "anggaran" in stem):
        return f"anggaran_{years[0]}"
    if "kondisiawal" in stem or stem.startswith("baseline"):
        return "baseline"
    if stem.startswith("kode") and stem[4:] in _LEVEL_WORDS:
        return f"kode_{_LEVEL_WORDS[stem[4:]]}"
    if stem in _LEVEL_WORDS:
        return _LEVEL_WORDS[stem]
    if stem in _WORDS:
        return _WORDS[stem]
    if stem.startswith("indikator"):
        # `Indikator Tujuan`, `Indikator Kinerja Sasaran`: the indicator of that level
        rest = stem.removeprefix("indikator").removeprefix("kinerja")
        level = _LEVEL_WORDS.get(rest)
        return "indikator" if level is None else f"indikator_{level}"
    return None


@dataclass(slots=True)
class Layout:
    """The header rows found and the field of each column."""

    first_data_row: int
    fields: dict[int, str]


def layout(table: Table, mapping: dict[str, str], notes: list[Note]) -> Layout | None:
    """The header row (the row among the first 20 that names most fields, with a level
    or an indicator among them), a second header row under it when it holds years, and
    the field of each column; what names nothing is noted at its cell."""
    best, best_count = None, 1
    for r in range(min(20, len(table.rows))):
        named = [field_of(text(v) or "") for v in table.rows[r]]
        count = sum(f is not None and f != "-" for f in named)
        useful = any(f in LEVELS or f == "indikator" for f in named)
        if useful and count > best_count:
            best, best_count = r, count
    if best is None:
        return None
    heads = [text(v) or "" for v in table.rows[best]]
    below = [text(v) or "" for v in table.rows[best + 1]] if best + 1 < len(table.rows) else []
    two_rows = any(_YEAR.fullmatch(b) for b in below)
    fields: dict[int, str] = {}
    for c, head in enumerate(heads):
        sub = below[c] if two_rows and c < len(below) and below[c] != head else ""
        found = field_of(sub, head) if sub else field_of(head)
        name = head if not sub else f"{head} {sub}"
        chosen = _mapped(mapping, name, c)
        if chosen is not None:
            found = chosen
        if found is None and name:
            place = table.place(best + (1 if sub else 0), c)
            message = _("column `{name}` is not placed: say --map '{name}=FIELD'", name=name)
            notes.append(Note(place, message))
        if found is not None and found != "-":
            if found in fields.values():
                message = _("a second `{field}` column: left out", field=found)
                notes.append(Note(table.place(best, c), message))
                continue
            fields[c] = found
    return Layout(best + (2 if two_rows else 1), fields)


def _mapped(mapping: dict[str, str], header: str, column: int) -> str | None:
    """``--map`` by the header's words or by the column's letter (``F``)."""
    for key, value in mapping.items():
        if squeeze(key) == squeeze(header) and header:
            return value
    return mapping.get(column_name(column))


def parse_map(items: list[str]) -> dict[str, str]:
    """``COLUMN=field`` pairs; ValueError with the item that is not one."""
    found: dict[str, str] = {}
    for item in items:
        column, sep, value = item.rpartition("=")
        value = value.strip().lower()
        if not sep or not column.strip() or not FIELDS.fullmatch(value):
            raise ValueError(item)
        found[column.strip()] = value
    return found
