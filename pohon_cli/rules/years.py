"""Targets over the years: against what was already reached, inside the plan period."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pohon_cli.model import Indicator, Tree, number_text
from pohon_cli.problem import Problem
from pohon_cli.rules.base import Options, Rule, at
from pohon_cli.source import Pos


def _reached(indicator: Indicator, year: int) -> tuple[str, Decimal] | None:
    """What a target of ``year`` is measured against: last year's realisasi, or the baseline."""
    previous = indicator.actuals.get(year - 1)
    if isinstance(previous, Decimal):
        return f"the realisasi of {year - 1}", previous
    if isinstance(indicator.baseline, Decimal):
        return "the baseline", indicator.baseline
    return None


def _rising(indicator: Indicator, target: Decimal) -> bool | None:
    """True for ``naik`` (also when ``polaritas`` is not written: a single target is naik),
    False for ``turun``; None for ``stabil`` (no side is worse)."""
    polarity = indicator.polarity_for(target)
    if polarity == "stabil":
        return None
    return polarity == "naik"


def _polarity_said(indicator: Indicator) -> str:
    """How a message names the polaritas it judges by: written, or assumed."""
    if indicator.polarity is None:
        return "without `polaritas` (a single target is naik)"
    return f"with `polaritas: {indicator.polarity}`"


def _worse(rising: bool, target: Decimal, reference: Decimal) -> str | None:
    """ "below" or "above" when the target plans worse than the reference, else None."""
    if (target < reference) if rising else (target > reference):
        return "below" if rising else "above"
    return None


def _unchallenging(tree: Tree, options: Options) -> Iterator[Problem]:
    """Each target worse than last year's realisasi; the targets worse than the baseline
    (no realisasi before them) are one problem per indicator, at the first of them."""
    hint = (
        "a target must at least keep what was already reached: an evaluator scores a "
        "target worse than that zero"
    )
    for _node, indicator in tree.indicators():
        under_baseline: list[tuple[int, Decimal, str]] = []
        for year, target in indicator.targets.items():
            if not isinstance(target, Decimal):
                continue
            rising = _rising(indicator, target)
            reached = _reached(indicator, year)
            if rising is None or reached is None:
                continue
            what, value = reached
            side = _worse(rising, target, value)
            if side is None:
                continue
            if what == "the baseline":
                under_baseline.append((year, target, side))
                continue
            yield UNCHALLENGING_TARGET.problem(
                tree,
                at(tree, indicator.code, "target", year),
                f"{_polarity_said(indicator)}, the target of `{indicator.code}` "
                f"for {year} ({number_text(target)}) is {side} {what} "
                f"({number_text(value)})",
                hint,
            )
        if under_baseline:
            yield _under_baseline(tree, indicator, under_baseline, hint)


def _under_baseline(
    tree: Tree, indicator: Indicator, found: list[tuple[int, Decimal, str]], hint: str
) -> Problem:
    """One problem for the targets of one indicator worse than its baseline."""
    assert isinstance(indicator.baseline, Decimal)
    baseline = number_text(indicator.baseline)
    year, target, side = min(found)
    if len(found) == 1:
        said = f"target of `{indicator.code}` for {year} ({number_text(target)}) is"
    else:
        years = ", ".join(f"{y} ({number_text(t)})" for y, t, _ in sorted(found))
        said = f"targets of `{indicator.code}` for {years} are all"
    return UNCHALLENGING_TARGET.problem(
        tree,
        at(tree, indicator.code, "target", year),
        f"{_polarity_said(indicator)}, the {said} {side} the baseline ({baseline})",
        hint,
    )


UNCHALLENGING_TARGET = Rule(
    code="PK115",
    name="unchallenging-target",
    severity="warning",
    summary="A target is worse than the previous year's realisasi or the baseline.",
    rationale=(
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
            if rising is None:
                continue
            side = _worse(rising, target, parents)
            if side is not None:
                yield BELOW_PARENT_TARGET.problem(
                    tree,
                    at(tree, indicator.code, "target", year),
                    f"{_polarity_said(indicator)}, the target of `{indicator.code}` "
                    f"for {year} ({number_text(target)}) is {side} the induk's target "
                    f"({number_text(parents)})",
                    "an inherited indicator is planned at the induk's target or better: "
                    f"{number_text(parents)} or {'more' if rising else 'less'}",
                )


BELOW_PARENT_TARGET = Rule(
    code="PK120",
    name="below-parent-target",
    severity="warning",
    summary="An inherited indicator's target is worse than the target its induk set.",
    rationale=(
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
    hint = (
        "a value from before the period belongs in `baseline`; one after it, in the next "
        "period's file"
    )
    for year in sorted(found):
        values = found[year]
        place, key, kode = min(values)
        what = "a target" if key == "target" else "a realisasi"
        if len(values) == 1:
            yield YEAR_OUTSIDE_PERIODE.problem(
                tree, place, f"`{kode}` has {what} for {year}, outside the periode {span}", hint
            )
            continue
        yield YEAR_OUTSIDE_PERIODE.problem(
            tree,
            place,
            f"{_counted(values)} for {year}, outside the periode {span}; the first is "
            f"the {key} of `{kode}`",
            f"{hint}; or, when the plan runs to {year}, correct the `periode`",
        )


def _counted(values: list[tuple[Pos, str, str]]) -> str:
    """``53 targets of 53 indicators``, ``2 targets and 1 realisasi of 2 indicators``."""
    targets = sum(1 for _, key, _ in values if key == "target")
    actuals = len(values) - targets
    parts = [f"{targets} target{'s' * (targets != 1)}"] if targets else []
    parts += [f"{actuals} realisasi"] if actuals else []
    indicators = len({kode for _, _, kode in values})
    return f"{' and '.join(parts)} of {indicators} indicator{'s' * (indicators != 1)} are"


YEAR_OUTSIDE_PERIODE = Rule(
    code="PK116",
    name="year-outside-periode",
    severity="warning",
    summary="A target or realisasi is for a year outside the `periode`.",
    rationale=(
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
    planned = {year for _, i in tree.indicators() for year in i.targets}
    unplanned: dict[int, list[tuple[Pos, str]]] = {}
    for _node, indicator in tree.indicators():
        for year in indicator.actuals:
            if year in indicator.targets:
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
                    f"`{kode}` has a realisasi for {year} but no target for that year",
                    f"add the target for {year}, or check the year",
                )
            continue
        place, kode = min(values)
        yield REALISASI_WITHOUT_TARGET.problem(
            tree,
            place,
            f"{len(values)} indicators have a realisasi for {year}, a year no indicator has "
            f"a target for; the first is `{kode}`",
            f"add the targets for {year}; or, when these are the values before the plan, "
            "write them as `baseline`",
        )


REALISASI_WITHOUT_TARGET = Rule(
    code="PK117",
    name="realisasi-without-target",
    severity="warning",
    summary="A realisasi is recorded for a year that has no target.",
    rationale=(
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
