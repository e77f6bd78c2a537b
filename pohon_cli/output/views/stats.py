"""``pohon stats``: the counts of ``pohon_cli.stats`` as a few lines and small tables,
short enough for a pull-request comment."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TextIO

from pohon_cli.output import tables
from pohon_cli.output.terminal import Screen, detect
from pohon_cli.output.writer import Writer
from pohon_cli.stats import Stats


@dataclass(frozen=True, slots=True)
class StatsRequest:
    file: str
    office: str
    stats: Stats


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def summary(request: StatsRequest) -> list[str]:
    """The headline and the few numbers that need no table."""
    s = request.stats
    lines = [
        f"{request.file}: {request.office}, {s.year}",
        f"{_plural(s.nodes, 'node')}, {_plural(s.indicators, 'indicator')}, "
        f"{len(s.units)} unit kerja, {len(s.missions)} misi",
    ]
    spread = ", ".join(f"{n} on {_plural(k, 'node')}" for n, k in s.indicators_per_node)
    if spread:
        lines.append(f"indicators per node: {spread}")
    if s.shared:
        shared = ", ".join(f"{kode} ({parents} parents)" for kode, parents in s.shared)
        lines.append(f"shared by several parents: {shared}")
    served = sum(m.nodes > 0 for m in s.missions)
    lines.append(f"misi served: {served} of {len(s.missions)}" + _unserved(s))
    lines.append(
        f"without a unit: {_plural(s.nodes_without_unit, 'node')}, "
        f"{_plural(s.indicators_without_unit, 'indicator')}"
    )
    lines.append(
        f"{s.year}: {s.indicators - s.without_target} of {s.indicators} indicators "
        f"with a target, {s.with_realisasi} with a realisasi"
    )
    return lines


def _unserved(s: Stats) -> str:
    missing = [m.kode for m in s.missions if m.nodes == 0]
    return f" (none serves {', '.join(missing)})" if missing else ""


def sections(stats: Stats) -> list[tuple[str, tables.Table]]:
    """The small tables: per level, per unit kerja, per misi."""
    levels = tables.Table(
        ("jenjang", "nodes", "indicators", "nodes without indicators"),
        [
            (c.level, str(c.nodes), str(c.indicators), str(c.without_indicators))
            for c in stats.levels
        ],
        numeric=frozenset({1, 2, 3}),
    )
    units = tables.Table(
        ("unit kerja", "nodes", "indicators"),
        [(u.kode, str(u.nodes), str(u.indicators)) for u in stats.units],
        numeric=frozenset({1, 2}),
    )
    missions = tables.Table(
        ("misi", "nodes", "indicators"),
        [(m.kode, str(m.nodes), str(m.indicators)) for m in stats.missions],
        numeric=frozenset({1, 2}),
    )
    return [("per level", levels), ("per unit kerja", units), ("per misi", missions)]


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
