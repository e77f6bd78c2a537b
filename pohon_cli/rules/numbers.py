"""Numbers written the Indonesian way: a decimal comma, a thousands dot, a unit beside them.

YAML reads a decimal point and no separators. `1.500` orang (one thousand five hundred, as
an Indonesian writes it) is read as one and a half without a word; `12org` and `80,5` are
read as text. This family says which number to write; PK105 words its message with
``in_words`` from here, so that every such value gets the same advice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pohon_cli.i18n import N_, _
from pohon_cli.model import Indicator, Tree, number_text
from pohon_cli.model.numbers import plain_number, thousands_dot
from pohon_cli.problem import Problem
from pohon_cli.rules.base import (
    COUNT_UNITS,
    PERCENT_UNITS,
    Option,
    Options,
    Rule,
    at,
    unit_word,
)

# Satuan that count whole things: a count is never one and a half.
WHOLE_UNITS: tuple[str, ...] = (
    *COUNT_UNITS,
    "desa",
    "kelurahan",
    "kecamatan",
    "sekolah",
    "rumah",
    "keluarga",
    "kk",
    "jiwa",
    "peserta",
    "pegawai",
    "lembaga",
    "titik",
    "lokasi",
    "ruas",
    "kendaraan",
    "armada",
    "trayek",
    "sertifikat",
    "izin",
    "produk",
    "kelompok",
    "koperasi",
    "umkm",
    "pasar",
    "eksemplar",
    "lembar",
    "set",
    "kasus",
    "pengaduan",
)
# Units as planners abbreviate them beside a number: `12org`, `1.500bh`.
_SHORT = {
    "bh": "buah",
    "org": "orang",
    "dok": "dokumen",
    "keg": "kegiatan",
    "pkt": "paket",
    "lap": "laporan",
    "x": "kali",
    "%": "persen",
    "prosen": "persen",
}
# A number, then perhaps a unit: `80,5`, `90%`, `1.500bh`, `85 persen`, `12 org.`
_WRITTEN = re.compile(r"\s*(?P<number>[-+]?[0-9][0-9.,]*)\s*(?P<unit>%|[^\W\d_]+)?\.?\s*")


@dataclass(frozen=True, slots=True)
class Reading:
    """A text that is a number in disguise: why, and what to write instead."""

    why: str
    hint: str


def in_words(text: str, satuan: str | None) -> Reading | None:
    """How a text written where a number belongs reads as a number (PK105's advice), or
    None when it is no number written with a comma, a dot or a unit."""
    found = _WRITTEN.fullmatch(text)
    if found is None:
        return None
    unit = found.group("unit")
    named = _SHORT.get(unit.casefold(), unit.casefold()) if unit else None
    whole = (named or unit_word(satuan) or "") in WHOLE_UNITS
    number = plain_number(found.group("number"), whole=whole)
    if number is None:
        # `1,2,3`, `1.2.3`: digits and separators, but no one number
        return Reading(
            _("it is written like a number, as text"),
            _("write one number, with a decimal point and no thousands separator"),
        )
    if named is None:
        if "," in found.group("number"):
            return Reading(
                _("it is written with a decimal comma"), _("write {number}", number=number)
            )
        return Reading(
            _("it is a number written as text (in quotes, with a leading zero or a sign)"),
            _(
                "write {number} as a plain number, without quotes",
                number=format(Decimal(number), "f"),
            ),
        )
    written = unit_word(satuan)
    why = _("it is a number with its unit `{unit}` beside it", unit=unit)
    said = {"number": number, "named": named, "satuan": satuan}
    if written is None:
        return Reading(why, _("write {number} and `satuan: {named}`", **said))
    if written == named or (named == "persen" and written in PERCENT_UNITS):
        return Reading(
            why, _("write {number}: `satuan: {satuan}` already says what it counts", **said)
        )
    return Reading(
        why, _("write {number}, and check that `satuan: {satuan}` is the unit meant", **said)
    )


# where a number is written: ("target", 2024), ("baseline",), ("realisasi", 2024, "tw1"),
# and a range's bound after it (0 or 1)
_Place = tuple[str | int, ...]


def _written(indicator: Indicator) -> Iterator[tuple[_Place, Decimal]]:
    """Every number of an indicator as written: years, quarters and ranges' bounds (not
    ``actuals``, whose quarters are combined and stand nowhere in the file)."""
    years: list[tuple[str, dict[int, Any]]] = [
        ("target", indicator.targets),
        ("target_induk", indicator.parent_targets),
        ("realisasi", indicator.realisations),
    ]
    found: list[tuple[_Place, Any]] = [
        ((key, year), value) for key, values in years for year, value in values.items()
    ]
    if indicator.baseline is not None:
        found.append((("baseline",), indicator.baseline))
    for place, value in found:
        if isinstance(value, Decimal):
            yield place, value
        elif isinstance(value, tuple):
            yield from (((*place, i), bound) for i, bound in enumerate(value))
        elif isinstance(value, dict):
            yield from (((*place, q), number) for q, number in value.items())


def _message(place: _Place, said: dict[str, object]) -> str:
    """The message for a number with a thousands dot, by where it is written: "the target
    for 2024", "the realisasi for 2024 tw1", "the low end of the target for 2024"."""
    said = {**said, "key": place[0], "year": place[1] if len(place) > 1 else None}
    if place[0] == "baseline" and len(place) > 1:  # a range: ("baseline", bound)
        if place[1] == 0:
            return _(
                "the low end of the baseline of `{kode}` is `{value}` {satuan}, read as "
                "{read}: a count of {unit} is whole",
                **said,
            )
        return _(
            "the high end of the baseline of `{kode}` is `{value}` {satuan}, read as "
            "{read}: a count of {unit} is whole",
            **said,
        )
    if len(place) > 2 and isinstance(place[2], str):
        return _(
            "the {key} for {year} {quarter} of `{kode}` is `{value}` {satuan}, read as "
            "{read}: a count of {unit} is whole",
            quarter=place[2],
            **said,
        )
    if len(place) > 2:
        if place[2] == 0:
            return _(
                "the low end of the {key} for {year} of `{kode}` is `{value}` {satuan}, read "
                "as {read}: a count of {unit} is whole",
                **said,
            )
        return _(
            "the high end of the {key} for {year} of `{kode}` is `{value}` {satuan}, read "
            "as {read}: a count of {unit} is whole",
            **said,
        )
    if len(place) > 1:
        return _(
            "the {key} for {year} of `{kode}` is `{value}` {satuan}, read as {read}: a count "
            "of {unit} is whole",
            **said,
        )
    return _(
        "the {key} of `{kode}` is `{value}` {satuan}, read as {read}: a count of {unit} is whole",
        **said,
    )


def _thousands_dot(tree: Tree, options: Options) -> Iterator[Problem]:
    units = options.folded("count-units")
    for _node, indicator in tree.indicators():
        unit = unit_word(indicator.unit)
        if unit not in units:
            continue
        for place, value in _written(indicator):
            meant = thousands_dot(value)
            if meant is None:
                continue
            said: dict[str, object] = {
                "kode": indicator.code,
                "value": number_text(value),
                "satuan": indicator.unit,
                "read": number_text(value.normalize()),
                "unit": unit,
            }
            yield THOUSANDS_DOT_IN_COUNT.problem(
                tree,
                at(tree, indicator.code, *place),
                _message(place, said),
                _(
                    "if you mean {meant}, write {meant}: YAML reads a dot as a decimal point, "
                    "never between thousands",
                    meant=meant,
                ),
            )


THOUSANDS_DOT_IN_COUNT = Rule(
    code="PK123",
    name="thousands-dot-in-count",
    severity="warning",
    summary=N_("A count written with a thousands dot (`1.500` orang), which YAML reads as 1.5."),
    rationale=N_(
        "Indonesian writes one thousand five hundred as `1.500`, but YAML, like every "
        "program, reads the dot as a decimal point: `1.500` orang is one and a half, and "
        "its achievement is computed from that. pohon keeps the digits as written, so it "
        "tells `1.500` from `1.5`: a value with exactly three digits after a single dot, "
        "where the satuan counts whole things (orang, unit, dokumen, ...: the option "
        "`count-units`), is flagged with the number to write. `0.286` Rasio or `84.07` "
        "Nilai are never flagged."
    ),
    bad="""\
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    indikator:
      - kode: S1.1
        uraian: Jumlah pemilih pemula yang mengikuti sosialisasi
        satuan: orang
        target: {2024: 1.500}
""",
    good="""\
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    indikator:
      - kode: S1.1
        uraian: Jumlah pemilih pemula yang mengikuti sosialisasi
        satuan: orang
        target: {2024: 1500}
""",
    check=_thousands_dot,
    options=(Option("count-units", "words", WHOLE_UNITS, N_("satuan that count whole things")),),
)

# Every rule of this family: the registry (``pohon_cli.rules``) reads them from here only.
RULES: tuple[Rule, ...] = (THOUSANDS_DOT_IN_COUNT,)
