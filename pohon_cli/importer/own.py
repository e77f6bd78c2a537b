"""pohon's own export read back: ``Cascading`` gives the nodes, their indicators and
targets; ``Anggaran`` the budget; ``Manual IK`` the definitions; ``Berkas`` every value no
other sheet shows (the header, misi, notes, realisations). An edit in any cell comes
back as that change. The workbook's printed headers and the CSV keys both read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from pohon_cli.export import LABELS
from pohon_cli.i18n import _
from pohon_cli.importer.cells import Note, Table, Value, number
from pohon_cli.importer.record import DIGITS
from pohon_cli.importer.values import (
    HEADER_ORDER,
    INDICATOR_ORDER,
    NODE_ORDER,
    RANGE,
    Imported,
    header_row,
    ordered,
    text,
    units,
)
from pohon_cli.yaml_writer import Flow

_KEYS = {label.lower(): key for key, label in reversed(LABELS.items())}
_QUARTERS = {"tw i": "tw1", "tw ii": "tw2", "tw iii": "tw3", "tw iv": "tw4"}
_DATED = re.compile(r"(.+?) (\d{4})(?: (tw i{1,3}|tw iv))?")
_TARGET = re.compile(r"target_(\d{4})(?:_(tw[1-4]))?")
_MONEY = re.compile(r"(anggaran|realisasi_anggaran)_(\d{4})")
# a polaritas export printed with pohon's reading after it, in either language:
# `naik (assumed)`, `naik (diasumsikan)`; the file did not write it
_ASSUMED = re.compile(r".*\([^()]*\)")
SHEETS = {"cascading": "Cascading", "manual_ik": "Manual IK", "anggaran": "Anggaran"}
RECORD = "berkas"


def key_of(header: str) -> str:
    """The CSV key of a column, from the key itself or the words the workbook prints."""
    written = " ".join(header.split()).lower()
    if re.fullmatch(r"[a-z0-9_]+", written):
        return written
    dated = _DATED.fullmatch(written)
    if dated is not None:
        stem = _KEYS.get(dated.group(1), dated.group(1).replace(" ", "_"))
        quarter = _QUARTERS.get(dated.group(3) or "")
        return f"{stem}_{dated.group(2)}" + (f"_{quarter}" if quarter else "")
    return _KEYS.get(written, written.replace(" ", "_"))


def slug(name: str) -> str:
    """``Manual IK`` and ``manual_ik.csv`` are the same sheet."""
    stem = name[:-4] if name.lower().endswith(".csv") else name
    return "_".join(stem.lower().split())


def is_own(tables: list[Table]) -> bool:
    """A ``Cascading`` sheet with export's headers (``Berkas`` beside it since issue 18)."""
    found = {slug(t.name): t for t in tables}.get("cascading")
    wanted = {"jenjang", "kode", "uraian", "induk"}
    return found is not None and header_row(found, wanted, key_of) is not None


def rows(table: Table, wanted: set[str]) -> Iterator[tuple[int, dict[str, Value]]]:
    """Each row under the header as key -> cell, with its row index."""
    top = header_row(table, wanted, key_of)
    if top is None:
        return
    keys = [key_of(text(v) or "") for v in table.rows[top]]
    for r in range(top + 1, len(table.rows)):
        cells = table.rows[r]
        if any(v is not None for v in cells):
            yield r, {k: cells[c] if c < len(cells) else None for c, k in enumerate(keys) if k}


def build(tables: list[Table], name: str, tahun: int | None) -> Imported:
    by_slug = {slug(t.name): t for t in tables}
    done = Imported({})
    record = _record(by_slug.get(RECORD), done)
    if RECORD not in by_slug:
        done.notes.append(
            Note(
                by_slug["cascading"].name,
                _(
                    "no Berkas sheet (an export before pohon 18): versi, instansi and tahun "
                    "are made up, each unit's kode is its name; visi, misi and what else only "
                    "the YAML held are not in these sheets"
                ),
            )
        )
    nodes, parents, carried = _cascading(by_slug["cascading"], record, done)
    items: dict[str, dict[str, Any]] = dict(nodes)
    for node in nodes.values():
        items.update((i["kode"], i) for i in node.get("indikator", ()))
    _money(by_slug.get("anggaran"), items, done)
    _manual(by_slug.get("manual_ik"), items, done)
    for kode, extra in record.items():
        digits = extra.pop(DIGITS, None) if kode else None
        if kode and kode in items:
            items[kode].update(extra)
            if isinstance(digits, dict):
                _restore_digits(items[kode], digits)
        elif kode:
            where = done.origins.get(f"berkas:{kode}", RECORD)
            message = _("`{kode}` is in no row of Cascading: left out", kode=kode)
            done.notes.append(Note(where, message, "error"))
    for kode, into in carried.items():
        for target_node in into:
            if target_node in nodes:
                nodes[target_node].setdefault("indikator", []).append({"rujuk": kode})
    header = ordered(dict(record.get("", {})) or _made_up(nodes, name, tahun), HEADER_ORDER)
    header["pohon"] = tree_of(nodes, parents, done)
    done.document = header
    return done


def _restore_digits(item: dict[str, Any], digits: dict[str, Any]) -> None:
    """Put back the digits a workbook lost (``Berkas``'s ``angka``: ``1.10`` read as
    ``1.1``), where the cell still holds that number: an edited cell is the edit."""
    for path, written in digits.items():
        exact = number(str(written), False)
        if exact is not None:
            _restore(item, str(path).split("."), exact)


def _restore(data: Any, parts: list[str], exact: Decimal) -> Any:
    if not parts:
        return exact if isinstance(data, Decimal) and data == exact else data
    head, rest = parts[0], parts[1:]
    if isinstance(data, dict):
        key: Any = int(head) if head.isdigit() and int(head) in data else head
        if key in data:
            data[key] = _restore(data[key], rest, exact)
    elif isinstance(data, tuple) and head.isdigit() and int(head) < len(data):
        items = list(data)
        items[int(head)] = _restore(items[int(head)], rest, exact)
        return Flow(items) if isinstance(data, Flow) else tuple(items)
    return data


def _made_up(nodes: dict[str, dict[str, Any]], name: str, tahun: int | None) -> dict[str, Any]:
    """The header of an export without ``Berkas``: what the sheets say of it."""
    units: dict[str, None] = {}
    years: set[int] = set()
    for node in nodes.values():
        for item in [node, *node.get("indikator", ())]:
            owners = item.get("penanggung_jawab")
            units.update(dict.fromkeys([owners] if isinstance(owners, str) else owners or ()))
            years.update(item.get("target", {}))
    levels = list(dict.fromkeys(str(n["jenjang"]) for n in nodes.values()))
    header: dict[str, Any] = {"versi": 1, "instansi": {"nama": name}}
    header["tahun"] = tahun or (min(years) if years else 2025)
    if units:
        header["unit_kerja"] = [{"kode": u, "nama": u} for u in units]
    header["jenjang"] = Flow(levels)
    return header


def tree_of(
    nodes: dict[str, dict[str, Any]], parents: dict[str, list[str]], done: Imported
) -> list[Any]:
    """The nodes nested under the first parent each names; ``rujuk`` under the others."""
    top: list[Any] = []
    for kode, node in nodes.items():
        node.update(ordered(node, NODE_ORDER))
        for i, item in enumerate(node.get("indikator", ())):
            node["indikator"][i] = ordered(item, INDICATOR_ORDER)
        above = [p for p in parents.get(kode, []) if p in nodes]
        for p in parents.get(kode, []):
            if p not in nodes:
                message = _("induk `{kode}` is no kode of the table: left out", kode=p)
                done.notes.append(Note(done.origins[kode], message))
        if not above:
            top.append(node)
        for i, p in enumerate(above):
            nodes[p].setdefault("anak", []).append(node if i == 0 else {"rujuk": kode})
    return top


def _cascading(
    table: Table, record: dict[str, dict[str, Any]], done: Imported
) -> tuple[dict[str, dict[str, Any]], dict[str, list[str]], dict[str, list[str]]]:
    nodes: dict[str, dict[str, Any]] = {}
    parents: dict[str, list[str]] = {}
    carried: dict[str, list[str]] = {}
    for r, row in rows(table, {"jenjang", "kode", "uraian", "induk"}):
        kode = text(row.get("kode"))
        if kode is None:
            message = _("a row without kode: left out")
            done.notes.append(Note(table.place(r, 1), message, "error"))
            continue
        node = nodes.get(kode)
        if node is None:
            node = {
                "kode": kode,
                "jenjang": text(row.get("jenjang")),
                "uraian": text(row.get("uraian")),
            }
            _put(node, "hasil", text(row.get("hasil")))
            _put(node, "penanggung_jawab", units(row.get("penanggung_jawab")))
            nodes[kode] = node
            parents[kode] = [
                p.strip() for p in (text(row.get("induk")) or "").split(",") if p.strip()
            ]
            done.origins[kode] = table.place(r, 0)
        code = text(row.get("kode_indikator"))
        if code is None:
            continue
        done.origins[code] = table.place(r, 6)
        node.setdefault("indikator", []).append(_indicator(code, row, node, table.typed))
        into = text(row.get("dibawa_ke"))
        if into:
            carried[code] = [k.strip() for k in into.split(",") if k.strip()]
    return nodes, parents, carried


def _indicator(
    code: str, row: dict[str, Value], node: dict[str, Any], typed: bool
) -> dict[str, Any]:
    item: dict[str, Any] = {"kode": code, "uraian": exact(row.get("indikator"))}
    _put(item, "satuan", exact(row.get("satuan")))
    targets: dict[int, Any] = {}
    for key, value in row.items():
        found = _TARGET.fullmatch(key)
        written = value_of(value, typed)
        if found is None or written is None:
            continue
        year, quarter = int(found.group(1)), found.group(2)
        if quarter:
            slot = targets.get(year)
            targets[year] = (slot if isinstance(slot, dict) else {}) | {quarter: written}
        elif not isinstance(targets.get(year), dict):
            targets[year] = written
    _put(item, "target", dict(sorted(targets.items())))
    polarity = text(row.get("polaritas"))
    if polarity is not None and not _ASSUMED.fullmatch(polarity):
        item["polaritas"] = polarity
    _put(item, "baseline", value_of(row.get("baseline"), typed))
    own = units(row.get("penanggung_jawab_indikator"))
    if own is not None and own != node.get("penanggung_jawab"):
        item["penanggung_jawab"] = own
    return item


def _money(table: Table | None, items: dict[str, dict[str, Any]], done: Imported) -> None:
    if table is None:
        return
    for r, row in rows(table, {"jenis", "kode"}):
        item = items.get(text(row.get("kode")) or "")
        if item is None:
            message = _("a kode that is in no row of Cascading")
            done.notes.append(Note(table.place(r, 1), message))
            continue
        for key, value in row.items():
            found = _MONEY.fullmatch(key)
            amount = value_of(value, table.typed)
            if found is not None and amount is not None:
                item.setdefault(found.group(1), {})[int(found.group(2))] = amount


def _manual(table: Table | None, items: dict[str, dict[str, Any]], done: Imported) -> None:
    if table is None:
        return
    for _r, row in rows(table, {"kode", "definisi"}):
        item = items.get(text(row.get("kode")) or "")
        if item is None:
            continue
        for key in ("konsolidasi", "definisi", "formula", "sumber_data"):
            _put(item, key, text(row.get(key)) if key == "konsolidasi" else exact(row.get(key)))


def exact(value: Value) -> str | None:
    """A text as the sheet holds it, spaces and line breaks kept (export wrote it so)."""
    return value if isinstance(value, str) else text(value)


def value_of(value: Value, typed: bool) -> Any:
    """A value as export wrote it: a number cell is a number, ``[80, 90]`` a range; in a
    CSV a text of plain digits (``1.10``) is a number; any other text stays text
    (``85,5`` written as text in YAML is that text, not 85.5)."""
    if value is None or isinstance(value, Decimal):
        return value
    span = RANGE.fullmatch(value)
    if span is not None:
        low, high = number(span.group(1), False), number(span.group(2), False)
        if low is not None and high is not None:
            return Flow((low, high))
    found = None if typed or "," in value else number(value, False)
    return value if found is None else found


def _record(table: Table | None, done: Imported) -> dict[str, dict[str, Any]]:
    """``Berkas``: kode ('' for the header) -> key -> value, each value read as YAML."""
    from pohon_cli.load.parse import parse

    found: dict[str, dict[str, Any]] = {}
    if table is None:
        return found
    for r, row in rows(table, {"kode", "kunci", "nilai"}):
        kode, key, raw = text(row.get("kode")) or "", text(row.get("kunci")), row.get("nilai")
        if key is None or raw is None:
            continue
        place = table.place(r, 2)
        source = raw if isinstance(raw, str) else format(raw, "f")
        value, problems = parse(source, place)
        for problem in problems:
            message = _("{problem}: left out", problem=problem.message)
            done.notes.append(Note(place, message, "error"))
        if problems:
            continue
        found.setdefault(kode, {})[key] = plain(value)
        done.origins.setdefault(f"berkas:{kode}" if kode else key, place)
    return found


def plain(value: Any) -> Any:
    """Parsed YAML without its positions: dicts, lists, text and Decimal."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    if value is not None and value != {}:
        data[key] = value
