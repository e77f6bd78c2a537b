"""Capaian rolled up the cascade: from the offices that carry a parent's indicator
(``mendukung: KODE``) to the parent, per year, and a summary of each office.

Pure: a workspace (``load.workspace``), the report settings of each office and a year in;
roll-ups and office summaries out. Every capaian is computed as ``pohon report`` computes
it for one file (``report.build`` for each office's own rows; ``capaian.explain``,
``rounded`` and ``capped`` for the parent's): the same polaritas, bands, quarters and
konsolidasi, so that a roll-up can be checked by hand from the offices' own reports.

How the offices' realisasi meet the parent's target follows the parent's ``pembagian``:

- ``jumlah``: their sum, against the parent's target;
- ``rata_rata``: their mean, against the parent's target;
- none: each office by itself against the parent's target; the roll-up counts how many
  reach it (capaian of 100 or more) and gives the lowest and highest capaian.

A missing realisasi is missing, never 0: a sum or mean with an office missing is not made.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal

from pohon_cli.capaian import NoCapaian, capped, explain, rounded
from pohon_cli.i18n import _
from pohon_cli.load.workspace import Office, Workspace
from pohon_cli.model import QUARTERS, Indicator, Quarter, Split, Tree, Value
from pohon_cli.report import (
    PLACES,
    Report,
    Row,
    Settings,
    Status,
    Summary,
    build,
    planned_so_far,
)

_CONTEXT = Context(prec=28, Emax=MAX_EMAX, Emin=MIN_EMIN)
_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Share:
    """One office's part of a roll-up: its indicator carrying the parent's, its own row
    (as ``pohon report`` rates it against its own target), and, without ``pembagian``,
    its capaian against the parent's target (``against``, rounded to two places)."""

    office: str
    institution: str
    row: Row | None
    against: Decimal | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Rollup:
    """A parent's indicator in one year, with the offices carrying it.

    ``value`` is the sum or mean of the offices' realisasi (None without ``pembagian`` or
    when it cannot be made); ``raw``/``capped``/``band`` its capaian against ``target``;
    without ``pembagian``, ``reached`` of ``compared`` offices reach the target, from
    ``lowest`` to ``highest``. ``own`` is the parent's own row for the year, and
    ``differs`` says that the parent's own realisasi is not the rolled-up value."""

    office: str
    institution: str
    node: str
    indicator: Indicator
    year: int
    split: Split | None
    target: Value | None
    shares: tuple[Share, ...]
    status: Status
    value: Decimal | None = None
    partial: bool = False
    raw: Decimal | None = None
    capped: Decimal | None = None
    band: str | None = None
    reason: str | None = None
    reached: int = 0
    compared: int = 0
    lowest: Decimal | None = None
    highest: Decimal | None = None
    own: Row | None = None
    differs: bool = False


@dataclass(frozen=True, slots=True)
class OfficeSummary:
    """An office in the hierarchy (``depth`` 0 at the top) and its own report's overall
    figures for ``year``, with how many indicators fall in each band."""

    office: str
    institution: str
    parent: str | None
    depth: int
    year: int
    overall: Summary
    bands: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class Cascade:
    offices: tuple[OfficeSummary, ...]
    rollups: tuple[Rollup, ...]


def institution(tree: Tree) -> str:
    """The office's short name, else its name (as ``pohon report`` titles it)."""
    named = tree.header.institution
    return named.short_name or named.name


class _Reports:
    """Each office's report of a year, built once however many roll-ups ask, with its
    rows by indicator."""

    def __init__(self, settings: Mapping[str, Settings]) -> None:
        self.settings = settings
        self.built: dict[tuple[str, int], tuple[Report, dict[int, Row]]] = {}

    def report(self, office: Office, tree: Tree, year: int) -> Report:
        return self._of(office, tree, year)[0]

    def row(self, office: Office, tree: Tree, year: int, indicator: Indicator) -> Row | None:
        return self._of(office, tree, year)[1].get(id(indicator))

    def _of(self, office: Office, tree: Tree, year: int) -> tuple[Report, dict[int, Row]]:
        found = self.built.get((office.key, year))
        if found is None:
            report = build(tree, year, self.settings.get(office.key))
            rows: dict[int, Row] = {}
            for row in report.rows:
                rows.setdefault(id(row.indicator), row)
            found = self.built[(office.key, year)] = (report, rows)
        return found


def roll_up(
    workspace: Workspace, settings: Mapping[str, Settings], year: int | None = None
) -> Cascade:
    """The office summaries in hierarchy order, and the roll-up of every parent's
    indicator that its child offices carry, for ``year`` (None: each year the parent's
    indicator has a target). ``settings`` by office key (``Settings()`` when absent)."""
    reports = _Reports(settings)
    children = workspace.children()
    offices: list[OfficeSummary] = []
    rollups: list[Rollup] = []
    for office, tree, depth in hierarchy(workspace):
        report = reports.report(office, tree, tree.header.year if year is None else year)
        offices.append(_summary(office, tree, workspace.parent(office), depth, report))
        carried: dict[str, list[tuple[Office, Tree, Indicator]]] = {}
        for child in _carried(children.get(office.key, ())):
            carried.setdefault(child[2].supports or "", []).append(child)
        for node, indicator in tree.indicators():
            shares = carried.get(indicator.code)
            if not shares:
                continue
            for each in sorted(indicator.targets) if year is None else [year]:
                parts = tuple(
                    Share(c.path, institution(ct), reports.row(c, ct, each, i))
                    for c, ct, i in shares
                )
                rollups.append(
                    _rolled(
                        office,
                        tree,
                        node.code,
                        indicator,
                        year=each,
                        shares=parts,
                        own=reports.row(office, tree, each, indicator),
                        settings=settings,
                    )
                )
    return Cascade(tuple(offices), tuple(rollups))


def hierarchy(workspace: Workspace) -> Iterator[tuple[Office, Tree, int]]:
    """Every loaded office under its parent, depth first, in the order of the workspace;
    an office whose parent is not loaded is at the top (as is one in a cycle of parents)."""
    children = workspace.children()
    seen: set[str] = set()

    def under(office: Office, depth: int) -> Iterator[tuple[Office, Tree, int]]:
        if office.key in seen or office.tree is None:
            return
        seen.add(office.key)
        yield office, office.tree, depth
        for child in children.get(office.key, ()):
            yield from under(child, depth + 1)

    tops = [o for o in workspace.offices.values() if _top(workspace, o)]
    for office in [*tops, *workspace.offices.values()]:
        yield from under(office, 0)


def _top(workspace: Workspace, office: Office) -> bool:
    parent = workspace.parent(office)
    return parent is None or parent.tree is None


def _carried(offices: Sequence[Office]) -> Iterator[tuple[Office, Tree, Indicator]]:
    """The indicators of ``offices`` that carry one of their parent's."""
    for office in offices:
        if office.tree is None:
            continue
        for _node, indicator in office.tree.indicators():
            if indicator.supports is not None:
                yield office, office.tree, indicator


def _summary(
    office: Office, tree: Tree, parent: Office | None, depth: int, report: Report
) -> OfficeSummary:
    bands = {band.name: 0 for band in report.settings.bands}
    for row in report.rows:
        if row.band is not None:
            bands[row.band] = bands.get(row.band, 0) + 1
    return OfficeSummary(
        office=office.path,
        institution=institution(tree),
        parent=None if parent is None else parent.path,
        depth=depth,
        year=report.year,
        overall=report.overall,
        bands=bands,
    )


def _rolled(
    office: Office,
    tree: Tree,
    node: str,
    indicator: Indicator,
    *,
    year: int,
    shares: tuple[Share, ...],
    own: Row | None,
    settings: Mapping[str, Settings],
) -> Rollup:
    """The roll-up of ``indicator`` of ``year`` over ``shares``, by its ``pembagian``."""
    rollup = Rollup(
        office=office.path,
        institution=institution(tree),
        node=node,
        indicator=indicator,
        year=year,
        split=indicator.split,
        target=indicator.targets.get(year),
        shares=shares,
        status="tanpa_target",
        own=own,
    )
    rated = settings.get(office.key) or Settings()
    scales = {**rated.scales, **tree.header.scales}
    rated = Settings(rated.bands, rated.cap, scales)
    if rollup.target is None:
        return replace(
            rollup, reason=_("{kode} has no target for {year}", kode=indicator.code, year=year)
        )
    if indicator.split is None:
        return _each(rollup, rated)
    return _combined(rollup, indicator.split, rated)


def _measured(rows: Sequence[Row]) -> dict[Quarter, Decimal]:
    """The quarters any of ``rows`` writes (their values do not matter here)."""
    found: dict[Quarter, Decimal] = {}
    for row in rows:
        if isinstance(row.written, dict):
            found.update(row.written)
    return {q: found[q] for q in QUARTERS if q in found}


def _compared(
    rollup: Rollup, value: Value, rows: Sequence[Row], settings: Settings
) -> Decimal | NoCapaian:
    """Capaian of ``value`` against the parent's target (for a year in progress, the
    parent's target of the quarters measured, when it writes its target per quarter)."""
    indicator = rollup.indicator
    target = rollup.target
    assert target is not None
    if any(r.partial for r in rows):
        planned = indicator.written_targets.get(rollup.year)
        so_far = planned_so_far(planned, _measured(rows), indicator)
        if so_far is not None:
            target = so_far[0]
    scale = settings.scales.get(indicator.unit) if indicator.unit is not None else None
    return explain(target, value, indicator.polarity_for(target), scale)


def _combined(rollup: Rollup, split: Split, settings: Settings) -> Rollup:
    """``jumlah`` or ``rata_rata``: one value from every office, rated as one indicator."""
    rows = [s.row for s in rollup.shares if s.row is not None]
    for share in rollup.shares:
        realisasi = None if share.row is None else share.row.realisasi
        if realisasi is None:
            why = _(
                "{office} has no realisasi for {year}: a missing "
                "realisasi is not 0, so the {split} cannot be made",
                office=share.institution,
                year=rollup.year,
                split=split,
            )
            return replace(rollup, status="tanpa_realisasi", reason=why)
        if not isinstance(realisasi, Decimal):
            why = _(
                "the realisasi of {office} is not a number: no {split}",
                office=share.institution,
                split=split,
            )
            return replace(rollup, status="tidak_dinilai", reason=why)
    total = Decimal(0)
    for row in rows:
        assert isinstance(row.realisasi, Decimal)
        total = _CONTEXT.add(total, row.realisasi)
    value = total if split == "jumlah" else _CONTEXT.divide(total, Decimal(len(rows)))
    own = rollup.own.realisasi if rollup.own is not None else None
    rollup = replace(
        rollup,
        value=value,
        partial=any(r.partial for r in rows),
        differs=isinstance(own, Decimal) and own != value,
    )
    result = _compared(rollup, value, rows, settings)
    if isinstance(result, NoCapaian):
        return replace(rollup, status="tidak_dinilai", reason=result.reason)
    raw = rounded(result, PLACES)
    kept = rounded(capped(result, settings.cap), PLACES)
    return replace(rollup, status="dinilai", raw=raw, capped=kept, band=settings.band(raw))


def _each(rollup: Rollup, settings: Settings) -> Rollup:
    """No ``pembagian``: each office's realisasi against the parent's target by itself."""
    shares: list[Share] = []
    for share in rollup.shares:
        row = share.row
        if row is None or row.realisasi is None:
            shares.append(replace(share, reason=_("no realisasi for {year}", year=rollup.year)))
            continue
        result = _compared(rollup, row.realisasi, [row], settings)
        if isinstance(result, NoCapaian):
            shares.append(replace(share, reason=result.reason))
        else:
            shares.append(replace(share, against=rounded(result, PLACES)))
    values = [s.against for s in shares if s.against is not None]
    if not values:
        return replace(
            rollup,
            shares=tuple(shares),
            status="tanpa_realisasi",
            reason=_("no office has a realisasi to compare for {year}", year=rollup.year),
        )
    return replace(
        rollup,
        shares=tuple(shares),
        status="dinilai",
        partial=any(s.row is not None and s.row.partial for s in shares),
        reached=sum(1 for v in values if v >= _HUNDRED),
        compared=len(values),
        lowest=min(values),
        highest=max(values),
    )
