"""An office's own table: one row per indicator, a column per level (Tujuan, Sasaran,
Program, Kegiatan, Sub Kegiatan), then Indikator, Satuan, Target per year, Baseline,
Penanggung Jawab, Pagu per year.

A blank level cell continues the one above (a merged cell reads the same); a row whose
level cells are all blank is one more indicator of the node above. Nodes without a
kode column get kodes from their level and position (``T1``, ``T1.S2``, ``T1.S2.P1``,
indicators ``T1.S2.I1``), suffixed ``-2`` when a kode of the table already holds it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pohon_cli.i18n import _
from pohon_cli.importer.cells import Note, Table, thousands
from pohon_cli.importer.columns import LEVELS, Layout, layout
from pohon_cli.importer.own import tree_of
from pohon_cli.importer.values import HEADER_ORDER, Imported, ordered, target, text, units
from pohon_cli.yaml_writer import Flow

PREFIX = {"tujuan": "T", "sasaran": "S", "program": "P", "kegiatan": "K", "sub_kegiatan": "SK"}


@dataclass(slots=True)
class _State:
    nodes: dict[tuple[str, ...], dict[str, Any]] = field(default_factory=dict)
    parents: dict[str, list[str]] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    units: dict[str, None] = field(default_factory=dict)
    years: set[int] = field(default_factory=set)


def build(tables: list[Table], mapping: dict[str, str], name: str, tahun: int | None) -> Imported:
    """The first table whose header names a level or an indicator, as a pohon document."""
    done = Imported({})
    for table in tables:
        notes: list[Note] = []
        found = layout(table, mapping, notes)
        if found is None:
            continue
        done.notes += notes
        _year_of_target(table, found, tahun, done)
        state = _State()
        state.taken = _written_kodes(table, found)
        levels = [lv for lv in LEVELS if lv in found.fields.values()]
        _rows(table, found, levels, state, done)
        nodes = {n["kode"]: n for n in state.nodes.values()}
        header: dict[str, Any] = {"versi": 1, "instansi": {"nama": name}}
        years = sorted(state.years)
        header["tahun"] = tahun or (years[0] if years else 2025)
        if len(years) > 1:
            header["periode"] = {"awal": years[0], "akhir": years[-1]}
        if state.units:
            header["unit_kerja"] = [{"kode": u, "nama": u} for u in state.units]
        header["jenjang"] = Flow(levels)
        header = ordered(header, HEADER_ORDER)
        header["pohon"] = tree_of(nodes, state.parents, done)
        done.document = header
        return done
    raise LookupError(_("no sheet has a header naming a level (Tujuan, Sasaran, ...) or Indikator"))


def _written_kodes(table: Table, found: Layout) -> set[str]:
    columns = [c for c, f in found.fields.items() if f.startswith("kode_")]
    return {
        t for row in table.rows[found.first_data_row :] for c in columns
        if (t := text(row[c] if c < len(row) else None))
    }  # fmt: skip


def _rows(table: Table, found: Layout, levels: list[str], state: _State, done: Imported) -> None:
    by_field = {f: c for c, f in found.fields.items()}
    own, main = _level_indicators(table, found, levels, done)
    if main is not None:
        by_field["indikator"] = own.pop(main)
    path: list[str] = []
    for r in range(found.first_data_row, len(table.rows)):
        row = table.rows[r]

        def cell(name: str, row: list[Any] = row) -> Any:
            c = by_field.get(name)
            return row[c] if c is not None and c < len(row) else None

        written = [text(cell(lv)) for lv in levels]
        deepest = max((i for i, w in enumerate(written) if w), default=-1)
        if deepest >= 0:
            path = [written[i] or (path[i] if i < len(path) else "") for i in range(deepest + 1)]
        indicator = text(cell("indikator"))
        others = {lv: (v, c) for lv, c in own.items() if (v := text(table.cell(r, c))) is not None}
        if deepest < 0 and indicator is None and not others:
            if any(v is not None for v in row):
                message = _("a row with no level and no indicator: left out")
                done.notes.append(Note(table.place(r, 0), message))
            continue
        if not path or not all(path):
            message = _("a row under no level above it: left out")
            done.notes.append(Note(table.place(r, 0), message, "error"))
            continue
        node = _node(table, r, levels, path, cell=cell, state=state, done=done)
        pj = units(cell("penanggung_jawab"))
        for unit in [pj] if isinstance(pj, str) else list(pj or ()):
            state.units.setdefault(unit, None)
        if pj is not None and "penanggung_jawab" not in node:
            node["penanggung_jawab"] = pj
        for c, name in found.fields.items():
            if name.startswith("anggaran_"):
                amount = _number(table, r, c, done)
                if amount is not None:
                    node.setdefault("anggaran", {}).setdefault(int(name[-4:]), amount)
        for lv, (description, c) in others.items():
            at = state.nodes.get(tuple(path[: levels.index(lv) + 1]))
            kode = _text_only(at, description, state)
            if kode is not None:
                done.origins[kode] = table.place(r, c)
        if indicator is not None:
            if main is not None:
                node = state.nodes.get(tuple(path[: levels.index(main) + 1]), node)
            column = by_field["indikator"]
            _indicator(table, r, node, indicator, pj=pj, found=found, state=state, done=done)
            done.origins[node["indikator"][-1]["kode"]] = table.place(r, column)


def _year_of_target(table: Table, found: Layout, tahun: int | None, done: Imported) -> None:
    """A *Target* column with no year is the target of ``--tahun``; without it, which
    year it plans is not known: said at its cell, and left out rather than guessed."""
    for c, name in list(found.fields.items()):
        if name != "target":
            continue
        if tahun is not None and f"target_{tahun}" not in found.fields.values():
            found.fields[c] = f"target_{tahun}"
            continue
        del found.fields[c]
        header = text(table.cell(found.first_data_row - 1, c)) or "Target"
        message = (
            _(
                "a Target column with no year: say which year it plans with --tahun YEAR, or "
                "--map '{header}=target_YEAR'",
                header=header,
            )
            if tahun is None
            else _(
                "a Target column with no year beside a Target {year} column: left out",
                year=tahun,
            )
        )
        done.notes.append(Note(table.place(found.first_data_row - 1, c), message))


def _level_indicators(
    table: Table, found: Layout, levels: list[str], done: Imported
) -> tuple[dict[str, int], str | None]:
    """The columns of a level's own indicators (`Indikator Tujuan`, `Indikator Sasaran`):
    level -> column; and, when the table has no plain `Indikator` column, the level whose
    indicators take the satuan, targets and baseline of the row (the deepest), the others
    read by their wording alone (said once per column)."""
    own: dict[str, int] = {}
    for c, name in sorted(found.fields.items()):
        level = name.removeprefix("indikator_")
        if name.startswith("indikator_"):
            if level in levels:
                own[level] = c
            else:
                message = _(
                    "an indicator of the {level}, and no {level} column: left out", level=level
                )
                done.notes.append(Note(table.place(found.first_data_row - 1, c), message))
    if not own or "indikator" in found.fields.values():
        return own, None
    main = max(own, key=levels.index)
    for level, c in own.items():
        if level != main:
            message = _(
                "the {level}'s indicators are read by their wording alone: the satuan, "
                "target and baseline columns are those of the {main}'s",
                level=level,
                main=main,
            )
            done.notes.append(Note(table.place(found.first_data_row - 1, c), message))
    return own, main


def _text_only(node: dict[str, Any] | None, description: str, state: _State) -> str | None:
    """An indicator of ``node`` known by its wording alone, once however many rows repeat
    it (a merged cell, or the same text on each row of the level); its kode when new."""
    if node is None:
        return None
    listed = node.setdefault("indikator", [])
    if any(item["uraian"] == description for item in listed):
        return None
    kode = _derive(state, node["kode"], "I")
    state.taken.add(kode)
    listed.append({"kode": kode, "uraian": description})
    return kode


def _node(
    table: Table,
    r: int,
    levels: list[str],
    path: list[str],
    *,
    cell: Any,
    state: _State,
    done: Imported,
) -> dict[str, Any]:
    """The node the path ends at, made the first time its path is seen."""
    parent: str | None = None
    for depth in range(len(path)):
        key = tuple(path[: depth + 1])
        node = state.nodes.get(key)
        if node is None:
            level = levels[depth]
            # the row that first names a node may name its kode too, at any level
            kode = text(cell(f"kode_{level}")) or _derive(state, parent or "", PREFIX[level])
            state.taken.add(kode)
            node = {"kode": kode, "jenjang": level, "uraian": path[depth]}
            state.nodes[key] = node
            state.parents[kode] = [parent] if parent else []
            done.origins[kode] = table.place(r, 0)
        parent = node["kode"]
    return state.nodes[tuple(path)]


def _derive(state: _State, parent: str, prefix: str) -> str:
    """The next kode by level and position under ``parent``, never one already taken."""
    while True:
        count = state.counts.get((parent, prefix), 0) + 1
        state.counts[(parent, prefix)] = count
        kode = f"{parent}.{prefix}{count}" if parent else f"{prefix}{count}"
        suffix, chosen = 1, kode
        while chosen in state.taken:
            suffix += 1
            chosen = f"{kode}-{suffix}"
        return chosen


def _indicator(
    table: Table, r: int, node: dict[str, Any], description: str, *, pj: Any,
    found: Layout, state: _State, done: Imported,
) -> None:  # fmt: skip
    row = table.rows[r]

    def cell(c: int) -> Any:
        return row[c] if c < len(row) else None

    by_field = {f: c for c, f in found.fields.items()}
    kode = text(cell(by_field["kode_indikator"])) if "kode_indikator" in by_field else None
    kode = kode or _derive(state, node["kode"], "I")
    state.taken.add(kode)
    item: dict[str, Any] = {"kode": kode, "uraian": description}
    if "satuan" in by_field and text(cell(by_field["satuan"])):
        item["satuan"] = text(cell(by_field["satuan"]))
    targets = {}
    for c, name in sorted(found.fields.items(), key=lambda p: p[1]):
        if name.startswith("target_"):
            value = _number(table, r, c, done)
            if value is not None:
                targets[int(name[-4:])] = value
                state.years.add(int(name[-4:]))
    if targets:
        item["target"] = targets
    for key in ("definisi", "formula", "sumber_data"):
        if key in by_field and text(cell(by_field[key])):
            item[key] = text(cell(by_field[key]))
    if "baseline" in by_field:
        baseline = _number(table, r, by_field["baseline"], done)
        if baseline is not None:
            item["baseline"] = baseline
    if pj is not None and pj != node.get("penanggung_jawab"):
        item["penanggung_jawab"] = pj
    done.origins[kode] = table.place(r, by_field.get("indikator", 0))
    node.setdefault("indikator", []).append(item)


def _number(table: Table, r: int, c: int, done: Imported) -> Any:
    """A target, baseline or pagu; a thousands dot read as such is said at its cell."""
    raw = table.cell(r, c)
    value = target(raw, table.commas)
    if table.commas and isinstance(raw, str) and thousands(raw):
        message = _(
            "`{written}` read as {value} (a dot between thousands)",
            written=raw.strip(),
            value=value,
        )
        done.notes.append(Note(table.place(r, c), message))
    return value
