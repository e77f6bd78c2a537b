"""Is every result measured? Indicators, their units and the plan year's targets."""

from __future__ import annotations

from collections.abc import Iterator

from pohon_cli.i18n import N_, _
from pohon_cli.model import Tree
from pohon_cli.problem import Problem
from pohon_cli.rules.base import Option, Options, Rule, at, top


def _without_indicator(tree: Tree, options: Options) -> Iterator[Problem]:
    levels = options.chosen("levels")
    for node in tree.nodes.values():
        # an indicator carried down from above (`- rujuk: KODE`) measures the node too
        measured = node.indicators or node.code in tree.carried
        if measured or (levels is not None and node.level.casefold() not in levels):
            continue
        yield RESULT_WITHOUT_INDICATOR.problem(
            tree,
            at(tree, node.code, "kode"),
            _(
                "the {level} `{kode}` has no indicator: nothing says how it is measured",
                level=node.level,
                kode=node.code,
            ),
            _("add `indikator:` with its satuan and target"),
        )


RESULT_WITHOUT_INDICATOR = Rule(
    code="PK101",
    name="result-without-indicator",
    severity="warning",
    summary=N_("A node of a result level has no indicator."),
    rationale=N_(
        "Every kinerja (goal or objective) needs at least one indicator, or nobody can say "
        "whether it was achieved; SAKIP evaluators (LKE, PermenPAN-RB 88/2021) mark a result "
        "without an indicator. Which levels are results is an option: by default every level "
        "in `jenjang`. An indicator carried down from a node above (`- rujuk: KODE` in "
        "`indikator`) measures the node carrying it too."
    ),
    bad="""\
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
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
    check=_without_indicator,
    options=(
        Option(
            "levels",
            "words",
            None,
            N_("levels whose nodes need an indicator (default: every level in `jenjang`)"),
        ),
    ),
)


def _without_satuan(tree: Tree, options: Options) -> Iterator[Problem]:
    for _node, indicator in tree.indicators():
        if indicator.unit is None:
            yield INDICATOR_WITHOUT_SATUAN.problem(
                tree,
                at(tree, indicator.code, "kode"),
                _("the indicator `{kode}` has no `satuan`", kode=indicator.code),
                _("add `satuan:` (persen, jumlah, nilai, indeks, dokumen, ...)"),
            )
        elif not indicator.unit.strip():
            # `satuan: ""`, as a spreadsheet's empty cell is transcribed: no unit either
            yield INDICATOR_WITHOUT_SATUAN.problem(
                tree,
                at(tree, indicator.code, "satuan"),
                _("the `satuan` of the indicator `{kode}` is empty", kode=indicator.code),
                _("write the unit: persen, jumlah, nilai, indeks, dokumen, ..."),
            )


INDICATOR_WITHOUT_SATUAN = Rule(
    code="PK102",
    name="indicator-without-satuan",
    severity="warning",
    summary=N_("An indicator has no `satuan` (unit of measure), or an empty one."),
    rationale=N_(
        "A target means nothing without its unit: 100 what? The unit also decides which "
        "targets are possible (a persen lies between 0 and 100) and how achievement is "
        'computed. An empty `satuan: ""` (a blank cell, transcribed) says no more.'
    ),
    bad="""\
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    indikator:
      - kode: S1.1
        uraian: Partisipasi pemilih
        target: {2024: 77.5}
""",
    good="""\
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    indikator:
      - kode: S1.1
        uraian: Partisipasi pemilih
        satuan: persen
        target: {2024: 77.5}
""",
    check=_without_satuan,
)


def _without_target(tree: Tree, options: Options) -> Iterator[Problem]:
    """One problem per indicator without a target for ``tahun``; but when no indicator has
    one while several have targets for other years, one problem at ``tahun``: the file's
    year and its target columns disagree."""
    year = tree.header.year
    planned = [i for _node, i in tree.indicators() if i.targets]
    if len(planned) > 1 and all(year not in i.targets for i in planned):
        years = sorted({y for i in planned for y in i.targets})
        yield NO_TARGET_FOR_TAHUN.problem(
            tree,
            top(tree, "tahun"),
            # always several indicators: a plural form of its own is never needed
            _(
                "none of the {count} indicators with targets has one for {year}, the file's "
                "tahun (their targets are for {years}); the first is `{kode}`",
                count=len(planned),
                year=year,
                years=", ".join(map(str, years)),
                kode=planned[0].code,
            ),
            _(
                "write in `tahun` the year this file plans, or add the targets for {year}: "
                "`target: {{{year}: ...}}`",
                year=year,
            ),
        )
        planned = []
    for _node, indicator in tree.indicators():
        targets = indicator.targets
        if year in targets or (targets and not planned):
            continue
        if targets:
            pos = at(tree, indicator.code, "target")
            message = _(
                "the indicator `{kode}` has no target for {year}, the file's tahun",
                kode=indicator.code,
                year=year,
            )
        else:
            pos = at(tree, indicator.code, "kode")
            message = _("the indicator `{kode}` has no target", kode=indicator.code)
        yield NO_TARGET_FOR_TAHUN.problem(
            tree, pos, message, _("add `target: {{{year}: ...}}`", year=year)
        )


NO_TARGET_FOR_TAHUN = Rule(
    code="PK103",
    name="no-target-for-tahun",
    severity="warning",
    summary=N_("An indicator has no target for the file's `tahun`."),
    rationale=N_(
        "The file describes the plan of `tahun`; an indicator without a target for that "
        "year cannot be agreed in the Perjanjian Kinerja nor scored in the Laporan Kinerja. "
        "When no indicator has a target for `tahun` while several have targets for other "
        "years, the file's year and its target columns disagree: one problem, at `tahun`."
    ),
    bad="""\
tahun: 2024
pohon:
  - kode: S1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    indikator:
      - kode: S1.1
        uraian: Persentase partisipasi pemilih
        satuan: persen
        target: {2023: 75}
""",
    good="""\
tahun: 2024
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
    check=_without_target,
)

# Every rule of this family: the registry (``pohon_cli.rules``) reads them from here only.
RULES: tuple[Rule, ...] = (RESULT_WITHOUT_INDICATOR, INDICATOR_WITHOUT_SATUAN, NO_TARGET_FOR_TAHUN)
