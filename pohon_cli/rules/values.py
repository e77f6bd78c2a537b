"""Can a value be met at all? Targets against their unit, their polarity and each other."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pohon_cli.i18n import N_, _
from pohon_cli.model import Indicator, Tree, number_text
from pohon_cli.problem import Problem
from pohon_cli.rules.base import (
    COUNT_UNITS,
    PERCENT_UNITS,
    Option,
    Options,
    Rule,
    at,
    has_values,
    is_number,
    show,
    unit_word,
    values_of,
)
from pohon_cli.rules.numbers import in_words


def _persen_range(tree: Tree, options: Options) -> Iterator[Problem]:
    units = options.folded("percent-units")
    low, high = options.number("min"), options.number("max")
    for _node, indicator in tree.indicators():
        if unit_word(indicator.unit) not in units:
            continue
        for path, value in values_of(indicator):
            bounds = value if isinstance(value, tuple) else (value,)
            for i, bound in enumerate(bounds):
                if not isinstance(bound, Decimal) or low <= bound <= high:
                    continue
                where = (*path, i) if isinstance(value, tuple) else path
                said = {
                    "key": path[0],
                    "year": path[-1],
                    "kode": indicator.code,
                    "value": number_text(bound),
                    "satuan": indicator.unit,
                    "low": number_text(low),
                    "high": number_text(high),
                }
                yield PERSEN_OUT_OF_RANGE.problem(
                    tree,
                    at(tree, indicator.code, *where),
                    _(
                        "the baseline of `{kode}` is {value}, but `satuan: {satuan}` lies "
                        "between {low} and {high}",
                        **said,
                    )
                    if len(path) == 1
                    else _(
                        "the {key} for {year} of `{kode}` is {value}, but `satuan: {satuan}` "
                        "lies between {low} and {high}",
                        **said,
                    ),
                    _(
                        "a share cannot be negative or more than the whole: check the value "
                        "or the satuan"
                    ),
                )


PERSEN_OUT_OF_RANGE = Rule(
    code="PK104",
    name="persen-out-of-range",
    severity="error",
    summary=N_("A value in persen lies outside 0–100."),
    rationale=N_(
        "A percentage of a whole cannot be negative or above 100: such a target can never be "
        "met (or is always exceeded), and its achievement is meaningless. Usually a typo, or "
        "the wrong satuan. An office that measures growth rates in persen (which can "
        "exceed 100, or fall below 0) can raise `max` and lower `min`."
    ),
    bad="""\
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    indikator:
      - kode: S1.1
        uraian: Persentase partisipasi pemilih
        satuan: persen
        target: {2024: 775}
""",
    good="""\
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    indikator:
      - kode: S1.1
        uraian: Persentase partisipasi pemilih
        satuan: persen
        target: {2024: 77.5}
""",
    check=_persen_range,
    options=(
        Option("percent-units", "words", PERCENT_UNITS, N_("satuan that mean a percentage")),
        Option("min", "number", Decimal(0), N_("the lowest value a percentage may take")),
        Option("max", "number", Decimal(100), N_("the highest value a percentage may take")),
    ),
)


def _why_number(indicator: Indicator, numeric: frozenset[str], text: str) -> str | None:
    """Why a number is expected where ``text`` is written, or None when text is fine."""
    unit = unit_word(indicator.unit)
    if unit in numeric:
        return _("`satuan: {satuan}` counts in numbers", satuan=indicator.unit)
    disguised = in_words(text, indicator.unit)
    if disguised is not None:
        return disguised.why
    if indicator.polarity is not None and indicator.polarity != "naik":
        return _("`polaritas: {polaritas}` compares numbers", polaritas=indicator.polarity)
    if any(is_number(v) or isinstance(v, tuple) for v in indicator.targets.values()):
        return _("the indicator's targets are numbers")
    return None


def _text_for_number(tree: Tree, options: Options) -> Iterator[Problem]:
    numeric = options.folded("numeric-units")
    for _node, indicator in tree.indicators():
        if not has_values(indicator, str):
            continue
        for path, value in values_of(indicator, str):
            if not isinstance(value, str):
                continue
            why = _why_number(indicator, numeric, value)
            if why is None:
                continue
            disguised = in_words(value, indicator.unit)
            if disguised is not None and disguised.why != why:
                # only where the satuan counts (``_why_number``): the text's reason follows
                why = _(
                    "`satuan: {satuan}` counts in numbers, and {other}",
                    satuan=indicator.unit,
                    other=disguised.why,
                )
            hint = (
                disguised.hint
                if disguised is not None
                else _("write a number, or leave the value out when there is none")
            )
            said = {"key": path[0], "year": path[-1], "kode": indicator.code, "value": value}
            yield TEXT_WHERE_NUMBER_EXPECTED.problem(
                tree,
                at(tree, indicator.code, *path),
                _(
                    "the baseline of `{kode}` is the text `{value}`, but a number is "
                    "expected: {why}",
                    why=why,
                    **said,
                )
                if len(path) == 1
                else _(
                    "the {key} for {year} of `{kode}` is the text `{value}`, but a number "
                    "is expected: {why}",
                    why=why,
                    **said,
                ),
                hint,
            )


TEXT_WHERE_NUMBER_EXPECTED = Rule(
    code="PK105",
    name="text-where-number-expected",
    severity="error",
    summary=N_("A target, baseline or realisasi is text where only a number makes sense."),
    rationale=N_(
        "Achievement is computed from numbers. A text value (`WTP`, `B`) is right for an "
        "opinion or a grade, but not when the satuan counts (persen, jumlah, dokumen, ...), "
        'when the text is a number in disguise (`"90"`, `90%`, `85,5` with a decimal '
        "comma, `1.500bh` or `12org` with the unit beside it), when `polaritas` is turun or "
        "stabil (they compare numbers), or when the indicator's other targets are numbers. "
        "pohon never converts such text silently: the message says the number to write "
        "(`1.500bh` is 1500, the Indonesian thousands dot, and `buah` goes in `satuan`)."
    ),
    bad="""\
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    indikator:
      - kode: S1.1
        uraian: Persentase partisipasi pemilih
        satuan: persen
        target: {2023: 75, 2024: "77,5"}
""",
    good="""\
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    indikator:
      - kode: S1.1
        uraian: Persentase partisipasi pemilih
        satuan: persen
        target: {2023: 75, 2024: 77.5}
""",
    check=_text_for_number,
    options=(
        Option(
            "numeric-units",
            "words",
            PERCENT_UNITS + COUNT_UNITS + ("hari", "bulan", "rupiah", "rp"),
            N_("satuan whose values are always numbers"),
        ),
    ),
)


def _one_value(tree: Tree, options: Options) -> Iterator[Problem]:
    for _node, indicator in tree.indicators():
        if not has_values(indicator, tuple):
            continue
        for path, value in values_of(indicator, tuple):
            if isinstance(value, tuple) and path[0] != "target":
                said = {"year": path[-1], "kode": indicator.code, "range": show(value)}
                yield ONE_VALUE_PER_YEAR.problem(
                    tree,
                    at(tree, indicator.code, *path),
                    _(
                        "the baseline of `{kode}` is a range {range}: what happened is one value",
                        **said,
                    )
                    if len(path) == 1
                    else _(
                        "the realisasi for {year} of `{kode}` is a range {range}: what "
                        "happened is one value",
                        **said,
                    ),
                    _("write the one value measured"),
                )


def _range_without_stabil(tree: Tree, options: Options) -> Iterator[Problem]:
    for _node, indicator in tree.indicators():
        # not written, a range is scored within the range (as stabil): nothing to say
        if indicator.polarity in (None, "stabil") or not has_values(indicator, tuple):
            continue
        for path, value in values_of(indicator, tuple):
            if not isinstance(value, tuple) or path[0] != "target":
                continue
            said = {"year": path[-1], "kode": indicator.code, "range": show(value)}
            yield RANGE_WITHOUT_STABIL.problem(
                tree,
                at(tree, indicator.code, *path),
                _(
                    "the target for {year} of `{kode}` is a range {range}, but `polaritas` is "
                    "naik: a realisasi inside it scores 100, one above {better} scores more, "
                    "as `pohon report` computes it; a reader may expect otherwise",
                    better=number_text(value[1]),
                    **said,
                )
                if indicator.polarity == "naik"
                else _(
                    "the target for {year} of `{kode}` is a range {range}, but `polaritas` is "
                    "turun: a realisasi inside it scores 100, one below {better} scores more, "
                    "as `pohon report` computes it; a reader may expect otherwise",
                    better=number_text(value[0]),
                    **said,
                ),
                _(
                    "write `polaritas: stabil` when a range is best (outside it scores less on "
                    "both sides); otherwise write the one target meant"
                ),
            )


ONE_VALUE_PER_YEAR = Rule(
    code="PK106",
    name="one-value-per-year",
    severity="error",
    summary=N_("A realisasi or baseline written as a range: what was measured is one value."),
    rationale=N_(
        "A baseline or a realisasi is what was measured in a year: one value, from which "
        "the achievement is computed. A range there cannot be scored. (Two entries for the "
        "same year are already refused by the loader as a duplicate key, PK003; a range "
        "target is PK119.)"
    ),
    bad="""\
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    indikator:
      - kode: S1.1
        uraian: Persentase partisipasi pemilih
        satuan: persen
        target: {2024: 80}
        realisasi: {2023: [75, 78]}
""",
    good="""\
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    indikator:
      - kode: S1.1
        uraian: Persentase partisipasi pemilih
        satuan: persen
        target: {2024: 80}
        realisasi: {2023: 76.5}
""",
    check=_one_value,
)

RANGE_WITHOUT_STABIL = Rule(
    code="PK119",
    name="range-target-without-stabil",
    severity="warning",
    summary=N_(
        "A range target `[low, high]` on an indicator whose written polaritas is naik or turun."
    ),
    rationale=N_(
        "A range is the natural target of a `stabil` indicator (inside the range scores "
        "100). PermenPAN-RB 6/2022 also writes ranges for `naik` and `turun` indicators "
        '("7-8 bulan"); pohon then scores as its examples do: 100 inside the range, and '
        "outside it against the nearer bound with the polaritas' formula (with naik, 92 "
        "against [80, 90] is 102.22 and 70 is 87.5). Evaluators differ, so say it plainly: "
        "make the indicator `stabil`, or write the one target meant. Without `polaritas`, "
        "a range target is scored within the range, as `stabil`: nothing to say."
    ),
    bad="""\
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    indikator:
      - kode: S1.1
        uraian: Persentase partisipasi pemilih
        satuan: persen
        polaritas: naik
        target: {2024: [75, 80]}
""",
    good="""\
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Terjaganya inflasi daerah
    indikator:
      - kode: S1.1
        uraian: Tingkat inflasi
        satuan: persen
        polaritas: stabil
        target: {2024: [2, 4]}
""",
    check=_range_without_stabil,
)

# Every rule of this family: the registry (``pohon_cli.rules``) reads them from here only.
RULES: tuple[Rule, ...] = (
    PERSEN_OUT_OF_RANGE,
    TEXT_WHERE_NUMBER_EXPECTED,
    ONE_VALUE_PER_YEAR,
    RANGE_WITHOUT_STABIL,
)
