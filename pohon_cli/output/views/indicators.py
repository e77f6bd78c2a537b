"""``pohon indicators``: every indicator of the selected nodes as one table (the IKU and
indikator kegiatan a planner pastes into a Renstra, a PK or a spreadsheet)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TextIO

from pohon_cli.capaian import capaian, rounded
from pohon_cli.filters import Selection
from pohon_cli.model import Indicator, Node, Tree
from pohon_cli.output import tables
from pohon_cli.output.terminal import Screen, detect
from pohon_cli.output.writer import Writer


@dataclass(frozen=True, slots=True)
class IndicatorsRequest:
    """The tree, what the filter selected, and the years of the columns: ``years`` for
    targets, ``actual_years`` for realisasi and capaian."""

    tree: Tree
    selection: Selection
    years: tuple[int, ...]
    actual_years: tuple[int, ...]


def columns(tree: Tree, year: int | None) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The years of the target columns (every year any target names, or only ``year``)
    and of the realisasi columns (every year with a realisasi somewhere, or only ``year``
    when it has one): the same columns whatever the filter, so tables line up."""
    targets: set[int] = set()
    actuals: set[int] = set()
    for _, indicator in tree.indicators():
        targets.update(indicator.targets)
        actuals.update(indicator.actuals)
    if year is not None:
        return (year,), tuple(y for y in (year,) if y in actuals)
    return tuple(sorted(targets)), tuple(sorted(actuals))


def rows(request: IndicatorsRequest) -> list[tuple[Node, Indicator]]:
    """The indicators of the selected nodes in file order (with ``--unit``, those the
    unit answers for)."""
    matched = request.selection.matched
    tree = request.tree
    return [
        (node, indicator)
        for kode, node in tree.nodes.items()
        if kode in matched
        for indicator in request.selection.indicators(tree, node)
    ]


def _achieved(indicator: Indicator, year: int) -> Any:
    target, actual = indicator.targets.get(year), indicator.actuals.get(year)
    if target is None or actual is None:
        return None
    value = capaian(target, actual, indicator.polarity)
    return None if value is None else rounded(value)


def table(request: IndicatorsRequest) -> tables.Table:
    years, actual_years = request.years, request.actual_years
    text = tables.value_text
    headers = (
        "kode",
        "uraian",
        "simpul",
        "jenjang",
        "satuan",
        "polaritas",
        "baseline",
        *(f"target {y}" for y in years),
        *(f"realisasi {y}" for y in actual_years),
        *(f"capaian {y}" for y in actual_years),
        "penanggung_jawab",
    )
    body: list[tuple[str, ...]] = []
    tree = request.tree
    for node, indicator in rows(request):
        achieved = (_achieved(indicator, y) for y in actual_years)
        body.append(
            (
                indicator.code,
                indicator.description,
                node.code,
                node.level,
                indicator.unit or "",
                indicator.polarity,
                text(indicator.baseline),
                *(text(indicator.targets.get(y)) for y in years),
                *(text(indicator.actuals.get(y)) for y in actual_years),
                *("" if a is None else str(a) for a in achieved),
                ", ".join(tree.owners_of(indicator)),  # lead first
            )
        )
    numeric = frozenset(range(6, len(headers) - 1))
    return tables.Table(headers, body, numeric, flexible=1)


def write_text(request: IndicatorsRequest, out: TextIO, screen: Screen | None = None) -> None:
    screen = screen or detect(out)
    tables.write_text(table(request), out, screen)


def write_csv(request: IndicatorsRequest, out: TextIO, screen: Screen | None = None) -> None:
    tables.write_csv(table(request), out)


def write_markdown(request: IndicatorsRequest, out: TextIO, screen: Screen | None = None) -> None:
    tables.write_markdown(table(request), out)


def write_json(request: IndicatorsRequest, out: TextIO, screen: Screen | None = None) -> None:
    """One object per indicator; values keep their type (numbers, texts, [low, high])."""
    value = tables.value_json
    tree = request.tree
    data = [
        {
            "kode": indicator.code,
            "uraian": indicator.description,
            "simpul": node.code,
            "jenjang": node.level,
            "satuan": indicator.unit,
            "polaritas": indicator.polarity,
            "baseline": value(indicator.baseline),
            "target": {str(y): value(indicator.targets.get(y)) for y in request.years},
            "realisasi": {str(y): value(indicator.actuals.get(y)) for y in request.actual_years},
            "capaian": {str(y): _achieved(indicator, y) for y in request.actual_years},
            "penanggung_jawab": tree.owner_of(indicator),
            "penanggung_jawab_lain": list(tree.owners_of(indicator)[1:]),
            "nasional": indicator.national,
            "baris": tree.line_of(indicator.code),
        }
        for node, indicator in rows(request)
    ]
    tables.write_json(data, out)


FORMATS: dict[str, Writer[IndicatorsRequest]] = {
    "text": write_text,
    "csv": write_csv,
    "markdown": write_markdown,
    "json": write_json,
}
