"""Targets over the years: against what was already reached, inside the plan period."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pohon_cli.i18n import N_, _, n_, tr
from pohon_cli.model import Indicator, Tree, number_text
from pohon_cli.problem import Problem
from pohon_cli.rules.base import Options, Rule, at
from pohon_cli.source import Pos

_SINGLE = Decimal(0)  # a single target: what `_rising` says of it holds for each of them

# The messages of PK115 and PK120 by the polaritas a target is judged by (None: not
# written, when a single target is naik), each a whole sentence for the catalogue.
_BELOW_REALISASI = {
    None: N_(
        "without `polaritas` (a single target is naik), the target of `{kode}` for {year} "
        "({target}) is below the realisasi of {previous} ({value})"
    ),
    "naik": N_(
        "with `polaritas: naik`, the target of `{kode}` for {year} ({target}) is below the "
        "realisasi of {previous} ({value})"
    ),
    "turun": N_(
        "with `polaritas: turun`, the target of `{kode}` for {year} ({target}) is above the "
        "realisasi of {previous} ({value})"
    ),
}
_BELOW_BASELINE = {
    None: N_(
        "without `polaritas` (a single target is naik), the target of `{kode}` for {year} "
        "({target}) is below the baseline ({value})"
    ),
    "naik": N_(
        "with `polaritas: naik`, the target of `{kode}` for {year} ({target}) is below the "
        "baseline ({value})"
    ),
    "turun": N_(
        "with `polaritas: turun`, the target of `{kode}` for {year} ({target}) is above the "
        "baseline ({value})"
    ),
}
_ALL_BELOW_BASELINE = {
    None: N_(
        "without `polaritas` (a single target is naik), the targets of `{kode}` for {years} "
        "are all below the baseline ({value})"
    ),
    "naik": N_(
        "with `polaritas: naik`, the targets of `{kode}` for {years} are all below the "
        "baseline ({value})"
    ),
    "turun": N_(
        "with `polaritas: turun`, the targets of `{kode}` for {years} are all above the "
        "baseline ({value})"
    ),
}
_BELOW_INDUK = {
    None: N_(
        "without `polaritas` (a single target is naik), the target of `{kode}` for {year} "
        "({target}) is below the induk's target ({value})"
    ),
    "naik": N_(
        "with `polaritas: naik`, the target of `{kode}` for {year} ({target}) is below the "
        "induk's target ({value})"
    ),
    "turun": N_(
        "with `polaritas: turun`, the target of `{kode}` for {year} ({target}) is above the "
        "induk's target ({value})"
    ),
}


def _rising(indicator: Indicator, target: Decimal) -> bool | None:
    """True for ``naik`` (also when ``polaritas`` is not written: a single target is naik),
    False for ``turun``; None for ``stabil`` (no side is worse)."""
    polarity = indicator.polarity_for(target)
    if polarity == "stabil":
        return None
    return polarity == "naik"


def _worse(rising: bool, target: Decimal, reference: Decimal) -> bool:
    """Whether the target plans worse than the reference."""
    return (target < reference) if rising else (target > reference)


def _said(indicator: Indicator, year: int, target: Decimal, value: Decimal) -> dict[str, object]:
    """The values of a message about a target worse than ``value``."""
    return {
        "kode": indicator.code,
        "year": year,
        "target": number_text(target),
        "previous": year - 1,
        "value": number_text(value),
    }


def _unchallenging(tree: Tree, options: Options) -> Iterator[Problem]:
    """Each target worse than last year's realisasi; the targets worse than the baseline
    (no realisasi before them) are one problem per indicator, at the first of them."""
    hint = _(
        "a target must at least keep what was already reached: an evaluator scores a "
        "target worse than that zero"
    )
    for _node, indicator in tree.indicators():
        actuals, baseline = indicator.actuals, indicator.baseline
        if (not actuals and not isinstance(baseline, Decimal)) or indicator.polarity == "stabil":
            continue  # nothing to compare a target with, or no side is worse
        under_baseline: list[tuple[int, Decimal]] = []
        rising = _rising(indicator, _SINGLE) is True  # stabil was passed over
        for year, target in indicator.targets.items():
            if not isinstance(target, Decimal):
                continue
            previous = actuals.get(year - 1)
            if isinstance(previous, Decimal):
                if _worse(rising, target, previous):
                    yield UNCHALLENGING_TARGET.problem(
                        tree,
                        at(tree, indicator.code, "target", year),
                        tr(
                            _BELOW_REALISASI[indicator.polarity],
                            **_said(indicator, year, target, previous),
                        ),
                        hint,
                    )
            elif isinstance(baseline, Decimal) and _worse(rising, target, baseline):
                under_baseline.append((year, target))
        if under_baseline:
            yield _under_baseline(tree, indicator, under_baseline, hint)


def _under_baseline(
    tree: Tree, indicator: Indicator, found: list[tuple[int, Decimal]], hint: str
) -> Problem:
    """One problem for the targets of one indicator worse than its baseline."""
    assert isinstance(indicator.baseline, Decimal)
    year, target = min(found)
    said = _said(indicator, year, target, indicator.baseline)
    said["years"] = ", ".join(f"{y} ({number_text(t)})" for y, t in sorted(found))
    table = _ALL_BELOW_BASELINE if len(found) > 1 else _BELOW_BASELINE
    return UNCHALLENGING_TARGET.problem(
        tree, at(tree, indicator.code, "target", year), tr(table[indicator.polarity], **said), hint
    )


UNCHALLENGING_TARGET = Rule(
    code="PK115",
    name="unchallenging-target",
    severity="warning",
    summary=N_("A target is worse than the previous year's realisasi or the baseline."),
    rationale=N_(
        "Targets must be achievable and challenging (LKE, PermenPAN-RB 88/2021): with "
        "`polaritas: naik`, a target lower than last year's realisation or the baseline "
        "(or, with `turun`, higher) plans to do worse than already done, and evaluators "
        "score it zero. Last year's realisasi is used when written, else the baseline (the "
        "targets of one indicator worse than its baseline are one problem). "
        "Without `polaritas` a single target is naik, as `pohon report` scores it; a "
        "range target is scored within the range (as `stabil`), and no side of it is worse."
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
        realisasi: {2023: 78}
        target: {2024: 75}
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
        realisasi: {2023: 78}
        target: {2024: 80}
""",
    check=_unchallenging,
)


def _below_parent(tree: Tree, options: Options) -> Iterator[Problem]:
    for _node, indicator in tree.indicators():
        for year, parents in indicator.parent_targets.items():
            target = indicator.targets.get(year)
            if not isinstance(target, Decimal) or not isinstance(parents, Decimal):
                continue
            rising = _rising(indicator, target)
            if rising is None or not _worse(rising, target, parents):
                continue
            yield BELOW_PARENT_TARGET.problem(
                tree,
                at(tree, indicator.code, "target", year),
                tr(_BELOW_INDUK[indicator.polarity], **_said(indicator, year, target, parents)),
                _(
                    "an inherited indicator is planned at the induk's target or better: "
                    "{value} or more",
                    value=number_text(parents),
                )
                if rising
                else _(
                    "an inherited indicator is planned at the induk's target or better: "
                    "{value} or less",
                    value=number_text(parents),
                ),
            )


BELOW_PARENT_TARGET = Rule(
    code="PK120",
    name="below-parent-target",
    severity="warning",
    summary=N_("An inherited indicator's target is worse than the target its induk set."),
    rationale=N_(
        "An office that inherits an indicator from its induk (a district KPU from the "
        "national KPU) does not plan below the induk's target for it: with `polaritas: "
        "naik` the target is at least `target_induk` of the same year (with `turun`, at "
        "most); without `polaritas` a single target is naik. Silent without "
        "`target_induk`, with `stabil`, and for text or range values. When the indicator "
        "carries one of the parent file's (`mendukung`) and that file is checked with it, "
        "the parent's own target replaces the copy: PK126 speaks instead."
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
        nasional: true
        target_induk: {2024: 77.5}
        target: {2024: 75}
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
        polaritas: naik
        nasional: true
        target_induk: {2024: 77.5}
        target: {2024: 78}
""",
    check=_below_parent,
)


def _outside_period(tree: Tree, options: Options) -> Iterator[Problem]:
    """One problem per year outside the periode, at its first value: a table whose
    columns run a year past the plan is one inconsistency, not one per indicator."""
    period = tree.header.period
    if period is None:
        return
    found: dict[int, list[tuple[Pos, str, str]]] = {}
    for _node, indicator in tree.indicators():
        for key, years in (("target", indicator.targets), ("realisasi", indicator.actuals)):
            for year in years:
                if not period.start <= year <= period.end:
                    place = at(tree, indicator.code, key, year, key=True)
                    found.setdefault(year, []).append((place, key, indicator.code))
    span = f"{period.start}–{period.end}"
    for year in sorted(found):
        values = found[year]
        place, key, kode = min(values)
        if len(values) == 1:
            yield YEAR_OUTSIDE_PERIODE.problem(
                tree,
                place,
                _(
                    "`{kode}` has a target for {year}, outside the periode {span}",
                    kode=kode,
                    year=year,
                    span=span,
                )
                if key == "target"
                else _(
                    "`{kode}` has a realisasi for {year}, outside the periode {span}",
                    kode=kode,
                    year=year,
                    span=span,
                ),
                _(
                    "a value from before the period belongs in `baseline`; one after it, in "
                    "the next period's file"
                ),
            )
            continue
        yield YEAR_OUTSIDE_PERIODE.problem(
            tree,
            place,
            _many_outside(values, year, span, kode, key),
            _(
                "a value from before the period belongs in `baseline`; one after it, in the "
                "next period's file; or, when the plan runs to {year}, correct the `periode`",
                year=year,
            ),
        )


def _many_outside(
    values: list[tuple[Pos, str, str]], year: int, span: str, kode: str, key: str
) -> str:
    """ "53 targets of 53 indicators are for 2042, outside the periode 2020–2024; the first
    is the target of `S1.1`", and the same with realisasi, or with both."""
    targets = sum(1 for value in values if value[1] == "target")
    actuals = len(values) - targets
    indicators = len({value[2] for value in values})
    said = {"year": year, "span": span, "kode": kode, "targets": targets, "actuals": actuals}
    if not actuals:
        return n_(
            "{targets} targets of {count} indicator are for {year}, outside the periode "
            "{span}; the first is the target of `{kode}`",
            "{targets} targets of {count} indicators are for {year}, outside the periode "
            "{span}; the first is the target of `{kode}`",
            indicators,
            **said,
        )
    if not targets:
        return n_(
            "{actuals} realisasi of {count} indicator are for {year}, outside the periode "
            "{span}; the first is the realisasi of `{kode}`",
            "{actuals} realisasi of {count} indicators are for {year}, outside the periode "
            "{span}; the first is the realisasi of `{kode}`",
            indicators,
            **said,
        )
    first = {"first": key}
    if targets == 1:
        return n_(
            "1 target and {actuals} realisasi of {count} indicator are for {year}, outside "
            "the periode {span}; the first is the {first} of `{kode}`",
            "1 target and {actuals} realisasi of {count} indicators are for {year}, outside "
            "the periode {span}; the first is the {first} of `{kode}`",
            indicators,
            **said,
            **first,
        )
    return n_(
        "{targets} targets and {actuals} realisasi of {count} indicator are for {year}, "
        "outside the periode {span}; the first is the {first} of `{kode}`",
        "{targets} targets and {actuals} realisasi of {count} indicators are for {year}, "
        "outside the periode {span}; the first is the {first} of `{kode}`",
        indicators,
        **said,
        **first,
    )


YEAR_OUTSIDE_PERIODE = Rule(
    code="PK116",
    name="year-outside-periode",
    severity="warning",
    summary=N_("A target or realisasi is for a year outside the `periode`."),
    rationale=N_(
        "The file is the plan of one Renstra period; a year outside it is a typo (2042 for "
        "2024) or belongs to another plan. Said once per year, at its first value, with "
        "how many values are for it: target columns running a year past the `periode` "
        "are one inconsistency. Silent when the file has no `periode`."
    ),
    bad="""\
periode: {awal: 2020, akhir: 2024}
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    indikator:
      - kode: S1.1
        uraian: Persentase partisipasi pemilih
        satuan: persen
        target: {2024: 77, 2042: 80}
""",
    good="""\
periode: {awal: 2020, akhir: 2024}
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    indikator:
      - kode: S1.1
        uraian: Persentase partisipasi pemilih
        satuan: persen
        target: {2023: 75, 2024: 77}
""",
    check=_outside_period,
)


def _actual_without_target(tree: Tree, options: Options) -> Iterator[Problem]:
    """One problem per realisasi without its year's target; but a year for which several
    indicators have a realisasi and none has a target is one problem, at its first value."""
    period = tree.header.period
    planned: set[int] = set()
    unplanned: dict[int, list[tuple[Pos, str]]] = {}
    for _node, indicator in tree.indicators():
        targets = indicator.targets
        planned.update(targets)
        for year in indicator.actuals:
            if year in targets:
                continue
            if period is not None and not period.start <= year <= period.end:
                continue  # PK116 already says so
            place = at(tree, indicator.code, "realisasi", year, key=True)
            unplanned.setdefault(year, []).append((place, indicator.code))
    for year, values in sorted(unplanned.items()):
        if year in planned or len(values) == 1:
            for place, kode in values:
                yield REALISASI_WITHOUT_TARGET.problem(
                    tree,
                    place,
                    _(
                        "`{kode}` has a realisasi for {year} but no target for that year",
                        kode=kode,
                        year=year,
                    ),
                    _("add the target for {year}, or check the year", year=year),
                )
            continue
        place, kode = min(values)
        yield REALISASI_WITHOUT_TARGET.problem(
            tree,
            place,
            n_(
                "{count} indicator has a realisasi for {year}, a year no indicator has a "
                "target for; the first is `{kode}`",
                "{count} indicators have a realisasi for {year}, a year no indicator has a "
                "target for; the first is `{kode}`",
                len(values),
                year=year,
                kode=kode,
            ),
            _(
                "add the targets for {year}; or, when these are the values before the plan, "
                "write them as `baseline`",
                year=year,
            ),
        )


REALISASI_WITHOUT_TARGET = Rule(
    code="PK117",
    name="realisasi-without-target",
    severity="warning",
    summary=N_("A realisasi is recorded for a year that has no target."),
    rationale=N_(
        "Achievement is realisasi against target: a realisasi without a target cannot be "
        "scored, and usually means a mistyped year or a target left out. (Years outside "
        "the periode are PK116's.) A year for which several indicators have a realisasi "
        "and none has a target is one problem, at its first value."
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
        target: {2024: 77}
        realisasi: {2023: 75}
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
        target: {2023: 74, 2024: 77}
        realisasi: {2023: 75}
""",
    check=_actual_without_target,
)

# Every rule of this family: the registry (``pohon_cli.rules``) reads them from here only.
RULES: tuple[Rule, ...] = (
    UNCHALLENGING_TARGET,
    BELOW_PARENT_TARGET,
    YEAR_OUTSIDE_PERIODE,
    REALISASI_WITHOUT_TARGET,
)
