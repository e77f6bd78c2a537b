"""``pohon stats``: the counts of ``pohon_cli.stats`` as a few lines and small tables,
short enough for a pull-request comment."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TextIO

from pohon_cli.i18n import _, n_
from pohon_cli.output import counts, tables
from pohon_cli.output.terminal import Screen, detect
from pohon_cli.output.writer import Writer
from pohon_cli.stats import Stats


@dataclass(frozen=True, slots=True)
class StatsRequest:
    file: str
    office: str
    stats: Stats


def summary(request: StatsRequest) -> list[str]:
    """The headline and the few numbers that need no table."""
    s = request.stats
    lines = [
        f"{request.file}: {request.office}, {s.year}",
        _(
            "{nodes}, {indicators}, {units} unit kerja, {missions} misi",
            nodes=counts.nodes(s.nodes),
            indicators=counts.indicators(s.indicators),
            units=len(s.units),
            missions=len(s.missions),
        ),
    ]
    spread = ", ".join(
        n_("{indicators} on {count} node", "{indicators} on {count} nodes", k, indicators=n)
        for n, k in s.indicators_per_node
    )
    if spread:
        lines.append(_("indicators per node: {spread}", spread=spread))
    if s.shared:
        shared = ", ".join(
            _("{kode} ({parents} parents)", kode=kode, parents=parents)
            for kode, parents in s.shared
        )
        lines.append(_("shared by several parents: {shared}", shared=shared))
    served = sum(m.nodes > 0 for m in s.missions)
    missing = [m.kode for m in s.missions if m.nodes == 0]
    if missing:
        lines.append(
            _(
                "misi served: {served} of {total} (none serves {missing})",
                served=served,
                total=len(s.missions),
                missing=", ".join(missing),
            )
        )
    else:
        lines.append(_("misi served: {served} of {total}", served=served, total=len(s.missions)))
    lines.append(
        _(
            "without a unit: {nodes}, {indicators}",
            nodes=counts.nodes(s.nodes_without_unit),
            indicators=counts.indicators(s.indicators_without_unit),
        )
    )
    lines.append(
        _(
            "{year}: {targeted} of {total} indicators with a target, {actual} with a realisasi",
            year=s.year,
            targeted=s.indicators - s.without_target,
            total=s.indicators,
            actual=s.with_realisasi,
        )
    )
    return lines


def sections(stats: Stats) -> list[tuple[str, tables.Table]]:
    """The small tables: per level, per unit kerja, per misi."""
    nodes, indicators = _("nodes"), _("indicators")
    levels = tables.Table(
        ("jenjang", nodes, indicators, _("nodes without indicators")),
        [
            (c.level, str(c.nodes), str(c.indicators), str(c.without_indicators))
            for c in stats.levels
        ],
        numeric=frozenset({1, 2, 3}),
    )
    units = tables.Table(
        ("unit kerja", nodes, indicators),
        [(u.kode, str(u.nodes), str(u.indicators)) for u in stats.units],
        numeric=frozenset({1, 2}),
    )
    missions = tables.Table(
        ("misi", nodes, indicators),
        [(m.kode, str(m.nodes), str(m.indicators)) for m in stats.missions],
        numeric=frozenset({1, 2}),
    )
    return [
        (_("per level"), levels),
        (_("per unit kerja"), units),
        (_("per misi"), missions),
    ]


def write_text(request: StatsRequest, out: TextIO, screen: Screen | None = None) -> None:
    screen = screen or detect(out)
    out.write("\n".join(summary(request)) + "\n")
    for title, table in sections(request.stats):
        if table.rows:
            out.write(f"\n{screen.paint(title, 'header')}\n")
            tables.write_text(table, out, screen)


def write_markdown(request: StatsRequest, out: TextIO, screen: Screen | None = None) -> None:
    """A heading, the summary as a list, the tables: paste it as a PR comment."""
    first, *rest = summary(request)
    out.write(f"### {tables.markdown_cell(first)}\n\n")
    out.write("".join(f"- {tables.markdown_cell(line)}\n" for line in rest))
    for title, table in sections(request.stats):
        if table.rows:
            out.write(f"\n**{title}**\n\n")
            tables.write_markdown(table, out)


def write_json(request: StatsRequest, out: TextIO, screen: Screen | None = None) -> None:
    data = {"file": request.file, "instansi": request.office, **asdict(request.stats)}
    data["indicators_per_node"] = [
        {"indicators": n, "nodes": k} for n, k in request.stats.indicators_per_node
    ]
    data["shared"] = [{"kode": k, "parents": p} for k, p in request.stats.shared]
    tables.write_json(data, out)


FORMATS: dict[str, Writer[StatsRequest]] = {
    "text": write_text,
    "markdown": write_markdown,
    "json": write_json,
}
