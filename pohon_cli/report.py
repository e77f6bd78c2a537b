"""The achievement report (*capaian kinerja*) of one year: the rows of a Laporan Kinerja.

Pure: a tree, a selection, a year and the settings in; rows and summaries out. For every
indicator of the selection, its target and realisasi of the year, the achievement raw
and capped, and its rating band; then averages per node, per unit kerja, per misi and
overall. Indicators without a realisasi are listed as missing and never counted as 0.

Arithmetic is ``Decimal`` throughout, rounded once per figure to two places, halves
away from zero (``ROUND_HALF_UP``); the averages are of the rounded capped values shown,
so that a reader can check them by hand from the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal
from typing import Literal

from pohon_cli.capaian import NoCapaian, capped, explain, rounded
from pohon_cli.filters import Selection, counted_once
from pohon_cli.i18n import _
from pohon_cli.model import (
    QUARTERS,
    Actual,
    Indicator,
    Quarter,
    Quarters,
    Tree,
    Value,
    combine,
)
from pohon_cli.model import budget as money

PLACES = 2
# exponents as wide as Decimal allows: a realisasi of a million digits must not overflow
_CONTEXT = Context(prec=28, Emax=MAX_EMAX, Emin=MIN_EMIN)


@dataclass(frozen=True, slots=True)
class Band:
    """A rating band (*predikat*): the achievements from ``lowest`` up to the next band."""

    name: str
    lowest: Decimal


# The bands organisational performance reports (LKj) commonly use, after the five
# intervals of Permendagri 86/2017's evaluation of plans: 91-100, 76-90, 66-75, 51-65,
# 50 and below. See docs/report.md for why these and not PermenPAN-RB 6/2022's.
DEFAULT_BANDS: tuple[Band, ...] = (
    Band("Sangat Baik", Decimal(91)),
    Band("Baik", Decimal(76)),
    Band("Cukup", Decimal(66)),
    Band("Kurang", Decimal(51)),
    Band("Sangat Kurang", Decimal(0)),
)
# No achievement counts for more than this in an average (PermenPAN-RB 6/2022 scores any
# result above 110% as 120).
DEFAULT_CAP = Decimal(120)


@dataclass(frozen=True, slots=True)
class Settings:
    """How achievements are rated and capped, and the ordered scales of text values per
    satuan (worst first)."""

    bands: tuple[Band, ...] = DEFAULT_BANDS
    cap: Decimal | None = DEFAULT_CAP
    scales: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # best first, once: band() is asked for every indicator
        ordered = tuple(sorted(self.bands, key=lambda b: b.lowest, reverse=True))
        object.__setattr__(self, "bands", ordered)

    def band(self, value: Decimal) -> str:
        """The band ``value`` falls in; below every band, the lowest."""
        for band in self.bands:
            if value >= band.lowest:
                return band.name
        return self.bands[-1].name


Status = Literal["dinilai", "tanpa_realisasi", "tanpa_target", "tidak_dinilai"]
# dinilai: rated; tanpa_realisasi: missing; tanpa_target: no target for the year;
# tidak_dinilai: a target and a realisasi, but no honest number (the reason says why)
STATUSES: tuple[Status, ...] = ("dinilai", "tanpa_realisasi", "tanpa_target", "tidak_dinilai")


@dataclass(frozen=True, slots=True)
class Row:
    """One indicator in the report of a year.

    ``written`` is the realisasi as the file writes it (a value or its quarters);
    ``realisasi`` the one value compared with the target; ``basis`` how quarters made it
    ("" for a value of the whole year); ``partial`` when the year is still in progress.
    ``raw`` and ``capped`` are rounded to two places. ``target`` is the one value the
    realisasi is compared with: the year's, or for a year in progress against a target
    written per quarter, the quarters measured so far (``target_quarters``). ``owner`` is
    the lead unit, ``partners`` the other units answering for the indicator with it."""

    node: str
    indicator: Indicator
    owner: str | None
    target: Value | None
    written: Actual | None
    realisasi: Value | None
    basis: str
    partial: bool
    status: Status
    raw: Decimal | None = None
    capped: Decimal | None = None
    band: str | None = None
    reason: str | None = None
    line: int | None = None
    # the target as the file writes it (a value or its quarters), and the quarters of it
    # compared with a year in progress (empty when the year's target is compared)
    target_written: Actual | None = None
    target_quarters: tuple[Quarter, ...] = ()
    partners: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Summary:
    """The average of the capped achievements of a group of indicators (a node, a unit, a
    misi, everything), with how many were rated, missing, or could not be rated; for a
    unit, ``partner`` of them it answers for as a partner, not as the lead."""

    kode: str
    name: str
    rated: int
    missing: int
    unrated: int
    no_target: int
    partial: int
    average: Decimal | None
    band: str | None
    partner: int = 0


@dataclass(frozen=True, slots=True)
class Efficiency:
    """A line of the LKjIP's efficiency table: a node's average capaian (or an indicator's
    capaian) beside its serapan anggaran, and capaian − serapan in percentage points."""

    kode: str
    name: str
    is_indicator: bool
    capaian: Decimal
    serapan: Decimal
    gap: Decimal


@dataclass(frozen=True, slots=True)
class Budget:
    """Serapan anggaran of the year: each budgeted node and indicator, per misi, the office
    (``None`` when nothing counted has a pagu), and the efficiency table."""

    lines: tuple[money.Line, ...] = ()
    missions: tuple[money.Sum, ...] = ()
    office: money.Sum | None = None
    efficiency: tuple[Efficiency, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    year: int
    settings: Settings
    rows: tuple[Row, ...]
    nodes: tuple[Summary, ...]
    units: tuple[Summary, ...]
    missions: tuple[Summary, ...]
    overall: Summary
    budget: Budget = Budget()

    def missing(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.status == "tanpa_realisasi")


def settings_with(
    bands: Sequence[tuple[str, Decimal]] | None = None,
    cap: Decimal | bool | None = None,
    scales: Mapping[str, tuple[str, ...]] | None = None,
) -> Settings:
    """Settings from what a configuration says (None: the default; ``cap`` False: none)."""
    return Settings(
        bands=DEFAULT_BANDS if bands is None else tuple(Band(n, b) for n, b in bands),
        cap=DEFAULT_CAP if cap is None or cap is True else (None if cap is False else cap),
        scales=dict(scales or {}),
    )


def build(
    tree: Tree,
    year: int,
    settings: Settings | None = None,
    selection: Selection | None = None,
) -> Report:
    """The report of ``year`` over the selected nodes and the indicators the selection
    shows on them (everything when None). The file's ``skala`` wins over the settings'."""
    settings = settings or Settings()
    scales = {**settings.scales, **tree.header.scales}
    settings = Settings(settings.bands, settings.cap, scales)
    matched = None if selection is None else selection.matched
    shown = (
        (node, indicator)
        for kode, node in tree.nodes.items()
        if matched is None or kode in matched
        for indicator in (
            tree.listed(node) if selection is None else selection.indicators(tree, node)
        )
    )
    # an indicator carried down is scored once: under the node it is written on
    rows = [_row(tree, n.code, i, year, settings) for n, i in counted_once(tree, shown)]
    nodes = _by_node(tree, rows, settings, selection)
    return Report(
        year=year,
        settings=settings,
        rows=tuple(rows),
        nodes=nodes,
        units=_by_unit(tree, rows, settings),
        missions=_by_mission(tree, rows, settings),
        overall=summarise("", "", rows, settings),
        budget=_budget(tree, year, matched, rows, nodes),
    )


def _budget(
    tree: Tree,
    year: int,
    matched: frozenset[str] | None,
    rows: Sequence[Row],
    nodes: Sequence[Summary],
) -> Budget:
    """Serapan anggaran over the selected nodes, and capaian beside it where both exist."""
    lines = money.lines(tree, year, matched)
    if not lines:
        return Budget()
    office = money.summed("", "", lines)
    averages = {s.kode: s.average for s in nodes}
    raws: dict[str, Decimal | None] = {}
    for row in rows:
        raws.setdefault(row.indicator.code, row.raw)
    efficiency = []
    for line in lines:
        capaian = (raws if line.is_indicator else averages).get(line.kode)
        if capaian is not None and line.serapan is not None:
            gap = _CONTEXT.subtract(capaian, line.serapan)
            efficiency.append(
                Efficiency(line.kode, line.name, line.is_indicator, capaian, line.serapan, gap)
            )
    return Budget(
        lines=lines,
        missions=money.by_mission(tree, lines, tree.all_missions()),
        office=office if office.counted else None,
        efficiency=tuple(efficiency),
    )


def _row(tree: Tree, node: str, indicator: Indicator, year: int, settings: Settings) -> Row:
    target = indicator.targets.get(year)
    planned = indicator.written_targets.get(year)
    written = indicator.realisations.get(year)
    realisasi: Value | None = None
    basis, partial, gap = "", False, None
    compared: tuple[Quarter, ...] = ()
    if isinstance(written, dict):
        realisasi, basis, partial, gap = quarters_combined(written, indicator)
        so_far = planned_so_far(planned, written, indicator) if partial else None
        if realisasi is not None and so_far is not None:
            target, compared, basis = so_far
    else:
        realisasi = written
    row = Row(
        node=node,
        indicator=indicator,
        owner=tree.owner_under(tree.nodes[node], indicator),
        partners=tree.owners_under(tree.nodes[node], indicator)[1:],
        target=target,
        written=written,
        realisasi=realisasi,
        basis=basis,
        partial=partial,
        status="tanpa_target",
        line=tree.line_of(indicator.code),
        target_written=planned,
        target_quarters=compared,
    )
    if target is None:
        return replace(row, reason=_("no target for {year}", year=year))
    if realisasi is None:
        reason = gap or _("no realisasi for {year}", year=year)
        return replace(row, status="tanpa_realisasi", reason=reason)
    scale = settings.scales.get(indicator.unit) if indicator.unit is not None else None
    result = explain(target, realisasi, indicator.polarity_for(target), scale)
    if isinstance(result, NoCapaian):
        return replace(row, status="tidak_dinilai", reason=result.reason)
    raw = rounded(result, PLACES)
    kept = rounded(capped(result, settings.cap), PLACES)
    return replace(row, status="dinilai", raw=raw, capped=kept, band=settings.band(raw))


def quarters_combined(
    quarters: Quarters, indicator: Indicator
) -> tuple[Decimal | None, str, bool, str | None]:
    """The realisasi made of the quarters written, as (value, basis, partial, why it is
    missing): the whole year once it is complete, else the quarters so far."""
    how = indicator.consolidation
    written = [q for q in QUARTERS if q in quarters]
    last = written[-1]
    span = last if how == "terakhir" or len(written) == 1 else f"{written[0]}–{last}"
    whole = combine(quarters, how, complete=True)
    if whole is not None:
        return whole, f"{how} {span}", False, None
    so_far = combine(quarters, how)
    if so_far is None:
        absent = [q for q in QUARTERS[: QUARTERS.index(last)] if q not in quarters]
        why = _(
            "{quarters} missing before {last}: a missing quarter is not 0, "
            "so the {how} of the year so far cannot be made",
            quarters=", ".join(absent),
            last=last,
            how=how,
        )
        return None, "", True, why
    return so_far, _("{how} {span}, year in progress", how=how, span=span), True, None


def planned_so_far(
    planned: Actual | None, measured: Quarters, indicator: Indicator
) -> tuple[Decimal, tuple[Quarter, ...], str] | None:
    """For a year in progress, the target of the quarters measured so far, when the
    target is written per quarter: the target of tw1..twN combined as the realisasi is
    (for ``terakhir``, twN's own), the quarters it is made of, and the basis in words.
    None when the target is one value for the year (compared as it is) or, for
    ``terakhir``, twN has no target of its own."""
    how = indicator.consolidation
    if not isinstance(planned, dict) or how is None:
        return None
    written = [q for q in QUARTERS if q in measured]
    last = written[-1]
    if how == "terakhir":
        if last not in planned:
            return None
        basis = _("terakhir {last} against the target of {last}, year in progress", last=last)
        return planned[last], (last,), basis
    quarters = QUARTERS[: QUARTERS.index(last) + 1]
    target = combine({q: planned[q] for q in quarters if q in planned}, how)
    if target is None:
        return None
    span = last if len(written) == 1 else f"{written[0]}–{last}"
    basis = _(
        "{how} {span} against the target up to {last}, year in progress",
        how=how,
        span=span,
        last=last,
    )
    return target, quarters, basis


def summarise(kode: str, name: str, rows: Iterable[Row], settings: Settings) -> Summary:
    """The average of the rated rows' capped achievements, and the counts of the others."""
    counts = dict.fromkeys(STATUSES, 0)
    total, partial = Decimal(0), 0
    for row in rows:
        counts[row.status] += 1
        if row.capped is not None:
            total = _CONTEXT.add(total, row.capped)
            partial += row.partial
    rated = counts["dinilai"]
    average = rounded(_CONTEXT.divide(total, Decimal(rated)), PLACES) if rated else None
    return Summary(
        kode=kode,
        name=name,
        rated=rated,
        missing=counts["tanpa_realisasi"],
        unrated=counts["tidak_dinilai"],
        no_target=counts["tanpa_target"],
        partial=partial,
        average=average,
        band=None if average is None else settings.band(average),
    )


def _by_node(
    tree: Tree, rows: Sequence[Row], settings: Settings, selection: Selection | None
) -> tuple[Summary, ...]:
    """One summary per node with indicators in the report, in the order the tree reads."""
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row.node, []).append(row)
    roots = None if selection is None else selection.roots
    order = dict.fromkeys(
        s.node.code for s in tree.walk(roots) if s.first and s.node.code in grouped
    )
    # nodes no root reaches (not in a loaded tree, but cheap to keep): file order
    order.update(dict.fromkeys(grouped))
    return tuple(summarise(k, tree.nodes[k].description, grouped[k], settings) for k in order)


def _by_unit(tree: Tree, rows: Sequence[Row], settings: Settings) -> tuple[Summary, ...]:
    """One summary per unit kerja answering for indicators of the report, in the order of
    ``unit_kerja``; indicators nobody answers for under the kode ``-``. An indicator of
    several units counts under each (as a partner under all but the lead); the overall
    average counts it once."""
    grouped: dict[str, list[Row]] = {}
    partner: dict[str, int] = {}
    for row in rows:
        grouped.setdefault(row.owner or "-", []).append(row)
        for kode in row.partners:
            grouped.setdefault(kode, []).append(row)
            partner[kode] = partner.get(kode, 0) + 1
    names = {u.code: u.name for u in tree.header.units}
    order = [k for k in names if k in grouped] + [k for k in grouped if k not in names]
    return tuple(
        replace(
            summarise(k, names.get(k, _("(no unit kerja)")), grouped[k], settings),
            partner=partner.get(k, 0),
        )
        for k in order
    )


def _by_mission(tree: Tree, rows: Sequence[Row], settings: Settings) -> tuple[Summary, ...]:
    """One summary per misi, of the indicators of the nodes serving it (a node serving
    several misi counts in each)."""
    missions = tree.all_missions()
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        for misi in missions.get(row.node, ()):
            grouped.setdefault(misi, []).append(row)
    return tuple(
        summarise(m.code, m.description, grouped[m.code], settings)
        for m in tree.mission_list()
        if m.code in grouped
    )
