"""``pohon indicators``: every indicator of the selected nodes as one table (the IKU and
indikator kegiatan a planner pastes into a Renstra, a PK or a spreadsheet)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TextIO

from pohon_cli.capaian import capaian, rounded
from pohon_cli.filters import Selection
from pohon_cli.model import Indicator, Node, Tree, polarity_label
from pohon_cli.model.budget import serapan
from pohon_cli.output import tables
from pohon_cli.output.report_budget import amounts_json
from pohon_cli.output.terminal import Item, Printer, Screen, Segment, detect, flat
from pohon_cli.output.writer import Writer


@dataclass(frozen=True, slots=True)
class IndicatorsRequest:
    """The tree, what the filter selected, and the years of the columns: ``years`` for
    targets, ``actual_years`` for realisasi and capaian."""

    tree: Tree
    selection: Selection
    years: tuple[int, ...]
    actual_years: tuple[int, ...]
    # the indicator manual (manual IKU): a card per indicator in text, three more
    # columns (definisi, formula, sumber_data) in csv, markdown and json
    detail: bool = False


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
    value = capaian(target, actual, indicator.polarity_for(target))
    return None if value is None else rounded(value)


def _target_text(indicator: Indicator, year: int, quarters: bool) -> str:
    """A year's target; written per quarter, with its quarters when ``quarters``."""
    text = tables.value_text(indicator.targets.get(year))
    planned = indicator.written_targets.get(year)
    if quarters and isinstance(planned, dict):
        return f"{text} ({tables.quarters_text(planned)})"
    return text


def _budget_columns(request: IndicatorsRequest) -> tuple[int, bool]:
    """The plan year, and whether the table shows budget columns: only when some indicator
    of the tree has a pagu or a realisasi anggaran for it (same columns whatever the
    filter; none for a tree without budgets, so its table stays as it was)."""
    year = request.tree.header.year
    shown = any(year in i.budget or year in i.spent for _, i in request.tree.indicators())
    return year, shown


def _money(indicator: Indicator, year: int) -> tuple[str, str, str]:
    pagu, spent = indicator.budget.get(year), indicator.spent.get(year)
    text = tables.value_text
    return text(pagu), text(spent), text(serapan(pagu, spent))


def table(request: IndicatorsRequest, quarters: bool = True) -> tables.Table:
    """The rows for people (``quarters``: a target written per quarter shows them) and
    for programs (CSV: each cell one value)."""
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
    year, money = _budget_columns(request)
    numeric = frozenset(range(6, len(headers) - 1))
    if money:
        numeric |= {len(headers), len(headers) + 1, len(headers) + 2}
        headers += (f"anggaran {year}", f"realisasi anggaran {year}", f"serapan {year}")
    body: list[tuple[str, ...]] = []
    tree = request.tree
    listed = rows(request)
    # there when the file carries an indicator down: the same columns whatever the filter
    carried = bool(tree.carried)
    if carried:
        headers += ("dibawa_dari",)
    # the manual's columns come last: the cards of --detail read them from the end
    headers += _MANUAL if request.detail else ()
    for node, indicator in listed:
        achieved = (_achieved(indicator, y) for y in actual_years)
        body.append(
            (
                indicator.code,
                indicator.description,
                node.code,
                node.level,
                indicator.unit or "",
                polarity_label(indicator.overall_polarity, indicator.polarity_written),
                text(indicator.baseline),
                *(_target_text(indicator, y, quarters) for y in years),
                *(text(indicator.actuals.get(y)) for y in actual_years),
                *("" if a is None else str(a) for a in achieved),
                ", ".join(tree.owners_under(node, indicator)),  # lead first
                *(_money(indicator, year) if money else ()),
                *((tree.carried_from(node, indicator) or "",) if carried else ()),
                *(_manual(indicator) if request.detail else ()),
            )
        )
    return tables.Table(headers, body, numeric, flexible=1)


_MANUAL = ("definisi", "formula", "sumber_data")


def _manual(indicator: Indicator) -> tuple[str, str, str]:
    return (indicator.definition or "", indicator.formula or "", indicator.data_source or "")


def write_text(request: IndicatorsRequest, out: TextIO, screen: Screen | None = None) -> None:
    screen = screen or detect(out)
    if request.detail:
        Printer(out, screen).tree(_cards(table(request)))
        return
    tables.write_text(table(request), out, screen)


def _cards(found: tables.Table) -> list[Item]:
    """The Manual IKU on screen: an indicator a card, its kode and uraian, its figures
    on one line, then each part of its manual on a labelled line of its own."""
    headers = found.headers
    manual = len(headers) - len(_MANUAL)
    cards: list[Item] = []
    for row in found.rows:
        figures = "; ".join(
            f"{headers[c]}: {flat(cell)}" for c, cell in enumerate(row[:manual]) if cell and c > 1
        )
        lines: list[list[Segment]] = [[(figures, "figures")]]
        lines += [
            [(f"{headers[c].replace('_', ' ')}:", "label"), (" ", ""), (flat(row[c]), "")]
            for c in range(manual, len(headers))
            if row[c].strip()
        ]
        cards.append(Item([(row[0], "indicator"), (" ", ""), (flat(row[1]), "")], lines))
    return cards


def write_csv(request: IndicatorsRequest, out: TextIO, screen: Screen | None = None) -> None:
    tables.write_csv(table(request, quarters=False), out)


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
            "polaritas": indicator.overall_polarity,
            "polaritas_tertulis": indicator.polarity_written,
            "baseline": value(indicator.baseline),
            "target": {str(y): value(indicator.targets.get(y)) for y in request.years},
            "target_triwulan": {
                y: q
                for y, q in tables.quarterly(indicator.written_targets).items()
                if int(y) in request.years
            },
            "realisasi": {str(y): value(indicator.actuals.get(y)) for y in request.actual_years},
            "capaian": {str(y): _achieved(indicator, y) for y in request.actual_years},
            "penanggung_jawab": tree.owner_under(node, indicator),
            "penanggung_jawab_lain": list(tree.owners_under(node, indicator)[1:]),
            **(_manual_json(indicator) if request.detail else {}),
            "nasional": indicator.national,
            "baris": tree.line_of(indicator.code),
            **amounts_json(indicator),
        }
        | _carried(tree, node, indicator)
        for node, indicator in rows(request)
    ]
    tables.write_json(data, out)


def _carried(tree: Tree, node: Node, indicator: Indicator) -> dict[str, str]:
    """``dibawa_dari``, only on an indicator listed under a node it is carried into."""
    home = tree.carried_from(node, indicator)
    return {} if home is None else {"dibawa_dari": home}


def _manual_json(indicator: Indicator) -> dict[str, str | None]:
    """The manual's keys, as ``show --format json`` names them (null when not written)."""
    return {
        "definisi": indicator.definition,
        "formula": indicator.formula,
        "sumber_data": indicator.data_source,
    }


FORMATS: dict[str, Writer[IndicatorsRequest]] = {
    "text": write_text,
    "csv": write_csv,
    "markdown": write_markdown,
    "json": write_json,
}
