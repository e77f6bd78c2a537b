"""What changed between two trees (a ``Comparison``): one writer per format, in FORMATS.

``text`` is for a person at a terminal (grouped by the node where it happened, in colour
only when ``terminal.detect`` allows it), ``markdown`` for a pull-request comment or the
performance report (a table per kind of change), ``json`` for machines (numbers as the
text written).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from itertools import groupby
from typing import Any, TextIO

from pohon_cli.diff import KINDS, Added, Change, Kind, Shown, count_by_kind
from pohon_cli.model import number_text
from pohon_cli.output.tables import markdown_cell
from pohon_cli.output.terminal import RichSegment, Screen, detect, write_rich_lines
from pohon_cli.output.writer import Writer

_VALUES = frozenset(("target", "baseline", "realisasi"))
# Kinds of a value per year: one year's old -> new, with the difference.
_PER_YEAR: frozenset[Kind] = frozenset(("target", "realisasi", "anggaran"))
# Fields of prose, shown in quotes so that a changed sentence reads as one.
_PROSE = frozenset(
    (
        "uraian",
        "hasil",
        "nama",
        "visi",
        "catatan",
        "definisi",
        "formula",
        "sumber_data",
        "instansi.nama",
        "induk.nama",
        "induk.visi",
        "induk.misi",
    )
)
# The word for each kind in a summary, and the heading of its markdown table.
LABELS: dict[Kind, tuple[str, str]] = {
    "changed": ("other", "Other fields changed"),
    "recoded": ("re-coded", "Looks re-coded (a kode vanished, a nearly identical one appeared)"),
    "added": ("added", "Added"),
    "removed": ("removed", "Removed"),
    "renamed": ("renamed", "Renamed (uraian)"),
    "moved": ("moved", "Moved to another parent"),
    "jenjang": ("jenjang", "Jenjang changed"),
    "penanggung_jawab": ("penanggung jawab", "Penanggung jawab changed"),
    "satuan": ("satuan", "Satuan changed"),
    "polaritas": ("polaritas", "Polaritas changed"),
    "target": ("target", "Targets changed"),
    "baseline": ("baseline", "Baseline changed"),
    "realisasi": ("realisasi", "Realisasi changed"),
    "anggaran": ("anggaran", "Anggaran (pagu, realisasi anggaran) changed"),
    "order": ("order", "Sibling order changed"),
}
_STYLES: dict[Kind, str] = {
    "added": "green",
    "removed": "red",
    "recoded": "yellow",
    "moved": "yellow",
    "renamed": "cyan",
    "target": "magenta",
}


@dataclass(frozen=True, slots=True)
class Comparison:
    """The changes between two trees, and the names of the two sides as the user wrote
    them: what every writer of this module writes."""

    old: str
    new: str
    changes: Sequence[Change]


def value(shown: Shown, field: str | None = None) -> str:
    """A value as the file writes it: numbers with their digits, ranges as [low, high]."""
    if shown is None:
        return "–"
    if isinstance(shown, bool):
        return "true" if shown else "false"
    if isinstance(shown, tuple):
        if field in _VALUES:
            return "[" + ", ".join(map(_plain, shown)) + "]"
        if field == "anak" and not shown:
            return "(top of the tree)"
        return ", ".join(map(_plain, shown)) if shown else "–"
    return _plain(shown)


def _plain(shown: object) -> str:
    return number_text(shown) if isinstance(shown, Decimal) else str(shown)


def quoted(shown: Shown, field: str | None = None) -> str:
    """Prose in quotes, so that a renamed uraian reads as one text; other values bare."""
    return f"“{shown}”" if isinstance(shown, str) and field in _PROSE else value(shown, field)


def signed(delta: Decimal) -> str:
    """``+0.10``, ``-1``: the digits as ``number_text`` writes them, never ``+1E-7``."""
    return format(delta, "+f")


def describe(change: Change) -> str:
    """One change in a sentence, without its kode or place (the reader has them)."""
    c = change
    old, new = quoted(c.old, c.field), quoted(c.new, c.field)
    if c.kind == "added":
        return f"added {_noun(c)}: {quoted(c.new, 'uraian')}"
    if c.kind == "removed":
        return f"removed {_noun(c)}: {quoted(c.old, 'uraian')}"
    if c.kind == "recoded":
        return f"looks like {c.old} re-coded as {c.new}"
    if c.kind == "moved":
        if c.item == "indicator":
            return f"moved from {value(c.old)} to {value(c.new)}"
        if c.item == "unit":
            return f"atasan: {value(c.old)} → {value(c.new)}"
        return f"moved: under {value(c.old, 'anak')} → under {value(c.new, 'anak')}"
    if c.kind == "penanggung_jawab" and c.item == "indicator":
        # an indicator without its own answers through its node
        return f"{c.field}: {value(c.old) if c.old else 'the node’s'} → " + (
            value(c.new) if c.new else "the node’s"
        )
    if c.kind in _PER_YEAR:
        years = f"{c.old_year} → {c.year}" if c.old_year is not None else str(c.year)
        tail = f" ({signed(c.delta)})" if c.delta is not None else ""
        return f"{c.field} {years}: {old} → {new}{tail}"
    if c.kind == "order":
        return f"order of {c.field}: {old} → {new}"
    if c.item == "file" and c.kode is not None:
        return f"{c.field} {c.kode}: {old} → {new}"
    return f"{c.field}: {old} → {new}"


def _noun(change: Change) -> str:
    return {"unit": "unit kerja"}.get(change.item, change.item)


def lines(change: Change) -> str:
    """Where to look: the line in OLD and in NEW."""
    a, b = change.old_line, change.new_line
    if a is not None and b is not None:
        return f"line {a} → {b}"
    if a is not None:
        return f"old line {a}"
    if b is not None:
        return f"new line {b}"
    return ""


def summary(changes: Sequence[Change]) -> str:
    if not changes:
        return "no changes"
    counts = ", ".join(f"{n} {LABELS[kind][0]}" for kind, n in count_by_kind(changes).items())
    refused = sum(1 for c in changes if c.refused)
    tail = (
        f"; {refused} with a value the lint rules refuse (⚠, see pohon validate)" if refused else ""
    )
    return f"{len(changes)} change{'s' * (len(changes) != 1)}: {counts}{tail}"


def details(added: Added) -> str:
    """An added indicator's satuan, targets and penanggung jawab in one line."""
    parts = [f"satuan {added.satuan or '–'}"]
    if added.targets:
        parts.append("target " + _years(added.targets))
    else:
        parts.append("no target")
    partners = "".join(f" + {kode}" for kode in added.partners)
    parts.append(f"penanggung jawab {added.owner or '–'}{partners}")
    return " · ".join(parts)


def _years(targets: Sequence[tuple[int, Shown]]) -> str:
    """``2025: 90, 2026–2029: 95``: consecutive years with the same value written once."""
    runs: list[tuple[int, int, str]] = []
    for year, shown in targets:
        text = value(shown, "target")
        if runs and runs[-1][1] == year - 1 and runs[-1][2] == text:
            runs[-1] = (runs[-1][0], year, text)
        else:
            runs.append((year, year, text))
    return ", ".join(f"{a}: {t}" if a == b else f"{a}–{b}: {t}" for a, b, t in runs)


def refusal(change: Change) -> str:
    """``⚠ PK104 the target ...``: the lint errors at a changed value, one line."""
    return "; ".join(f"⚠ {r.code} {r.message}" for r in change.refused)


def _subject(change: Change) -> str:
    if change.item in ("misi", "unit"):
        return f"{'misi' if change.item == 'misi' else 'unit'} {change.kode}"
    if change.item == "file":
        return ""
    return change.kode or ""


def _groups(changes: Sequence[Change]) -> Iterator[tuple[tuple[str, ...] | None, list[Change]]]:
    """Consecutive changes of one node (None: the top of the file), with the node's path."""
    for node, members in groupby(changes, key=lambda c: c.node):
        group = list(members)
        if node is None:
            yield None, group
            continue
        first = group[0]
        yield (first.path if first.item == "node" else first.path[:-1]), group


# -- text ---------------------------------------------------------------------------------


def _text_lines(comparison: Comparison, arrow: str) -> Iterator[list[RichSegment]]:
    yield [("pohon diff ", "bold"), (f"{comparison.old} → {comparison.new}", "")]
    for path, group in _groups(comparison.changes):
        width = max(len(_subject(c)) for c in group)
        yield []
        yield [("top of the file" if path is None else arrow.join(path), "bold")]
        for change in group:
            line: list[RichSegment] = [("  ", "")]
            subject = _subject(change)
            if subject:
                line.append((subject.ljust(width) + "  ", "bold"))
            line.append((describe(change), _STYLES.get(change.kind, "")))
            where = lines(change)
            if where:
                line.append((f"  ({where})", "dim"))
            if change.refused:
                line.append(("  " + refusal(change), "bold red"))
            yield line
            if change.added is not None:
                indent = " " * (2 + (width + 2 if subject else 0))
                yield [(indent + details(change.added), "")]
    yield []
    yield [(summary(comparison.changes), "bold")]


def write_text(comparison: Comparison, out: TextIO, screen: Screen | None = None) -> None:
    if not (screen or detect(out)).colour:
        # piped, or asked for no colour: plain lines, written without Rich (fast on
        # a diff of a hundred thousand changes)
        plain = _text_lines(comparison, " > ")
        out.writelines("".join(t for t, _ in line) + "\n" for line in plain)
        return
    write_rich_lines(_text_lines(comparison, " › "), out)


# -- markdown -----------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Markdown table cells: the text itself, never a pipe, a line break or markup from
    the file (the escaping of every markdown table pohon writes)."""
    return markdown_cell(text)


def _code(text: str | None, table: bool = True) -> str:
    """A kode or a field name in a code span; with a backtick of its own, escaped text."""
    if not text:
        return ""
    if "`" in text:
        return _cell(text)
    one_line = text.replace("\r", " ").replace("\n", " ")
    if table:
        # GFM splits a row on every unescaped pipe, even inside a code span
        one_line = one_line.replace("|", "\\|")
    return f"`{one_line}`"


def code_span(text: str) -> str:
    """A path or kode in a code span outside a table (the folders' diff names files so)."""
    return _code(text, False)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [_row(head), _row(["---"] * len(head)), *(_row(r) for r in rows)]


def _md_value(change: Change, shown: Shown) -> str:
    return _cell(value(shown, change.field))


def _md_lines(change: Change) -> str:
    a = "–" if change.old_line is None else str(change.old_line)
    b = "–" if change.new_line is None else str(change.new_line)
    return f"{a} → {b}"


def write_markdown(comparison: Comparison, out: TextIO, screen: Screen | None = None) -> None:
    changes = comparison.changes
    old, new = _code(comparison.old, False), _code(comparison.new, False)
    text = [f"### pohon diff: {old} → {new}", ""]
    text.append(f"**{summary(changes)}**")
    top = [c for c in changes if c.top_level]
    if top:
        rows = [
            [
                _cell(_noun(c) if c.item != "file" else "file"),
                _code(c.kode),
                _cell(LABELS[c.kind][0] if c.kind != "changed" else "changed"),
                _code(c.field),
                _md_value(c, c.old),
                _md_value(c, c.new),
                _md_lines(c),
            ]
            for c in top
        ]
        head = ["Item", "Kode", "Change", "Field", "Old", "New", "Line (old → new)"]
        text += ["", "#### Top of the file", "", *_with_notes(_table(head, rows), top)]
    tree = [c for c in changes if not c.top_level]
    for kind in KINDS:
        members = [c for c in tree if c.kind == kind]
        if not members:
            continue
        text += ["", f"#### {LABELS[kind][1]} ({len(members)})", ""]
        text += _with_notes(_kind_table(kind, members), members)
    out.write("\n".join(text) + "\n")


def _with_notes(table: list[str], changes: Sequence[Change]) -> list[str]:
    """The table with a column for an added indicator's details and one for the lint
    errors at a new value, each only when a change of the table has one."""
    columns: list[tuple[str, list[str]]] = []
    if any(c.added is not None for c in changes):
        cells = [_cell(details(c.added)) if c.added is not None else "" for c in changes]
        columns.append(("Satuan · target · penanggung jawab", cells))
    if any(c.refused for c in changes):
        columns.append(("Refused by lint", [_cell(refusal(c)) for c in changes]))
    if not columns:
        return table
    head, rule, *rows = table
    head = head + " " + " | ".join(name for name, _ in columns) + " |"
    rule = rule + " --- |" * len(columns)
    rows = [
        row + " " + " | ".join(cells[i] for _, cells in columns) + " |"
        for i, row in enumerate(rows)
    ]
    return [head, rule, *rows]


def _kind_table(kind: Kind, changes: Sequence[Change]) -> list[str]:
    def under(c: Change) -> str:
        above = c.path[:-1]
        return " › ".join(_code(k) for k in above) if above else "(top of the tree)"

    def what(c: Change) -> str:
        return "indicator" if c.item == "indicator" else "node"

    lines_head = "Line (old → new)"
    if kind in _PER_YEAR:
        # anggaran holds two keys (pagu and realisasi anggaran): its table names the field
        field = kind == "anggaran"
        head = ["Kode", "Under", *(["Field"] if field else []), "Year", "Old", "New"]
        head += ["Difference", lines_head]
        rows = [
            [
                _code(c.kode),
                under(c),
                *([_code(c.field)] if field else []),
                f"{c.old_year} → {c.year}" if c.old_year is not None else str(c.year),
                _md_value(c, c.old),
                _md_value(c, c.new),
                signed(c.delta) if c.delta is not None else "",
                _md_lines(c),
            ]
            for c in changes
        ]
    elif kind in ("added", "removed"):
        head = ["Kode", "What", "Under", "Uraian", lines_head]
        rows = [
            [
                _code(c.kode),
                what(c),
                under(c),
                _cell(value(c.new if kind == "added" else c.old)),
                _md_lines(c),
            ]
            for c in changes
        ]
    else:
        head = ["Kode", "What", "Under", "Field", "Old", "New", lines_head]
        rows = [
            [
                _code(c.kode),
                what(c),
                under(c),
                _code(c.field),
                _md_value(c, c.old),
                _md_value(c, c.new),
                _md_lines(c),
            ]
            for c in changes
        ]
    return _table(head, rows)


# -- json ---------------------------------------------------------------------------------


def _json_value(shown: Shown | tuple[str, ...]) -> Any:
    """Numbers as the text written (``1.10`` stays ``"1.10"``); ranges and lists as lists."""
    if isinstance(shown, Decimal):
        return number_text(shown)
    if isinstance(shown, tuple):
        return [_json_value(v) for v in shown]
    return shown


def as_dict(change: Change) -> dict[str, Any]:
    """Every field of the change, numbers as the text written, tuples as lists; ``added``
    as ``{satuan, target: {year: value}, penanggung_jawab, penanggung_jawab_lain}`` (or
    null; the lead unit, and the partners), ``refused`` as a
    list of ``{code, message}``."""
    row = {f.name: _json_value(getattr(change, f.name)) for f in _PLAIN_FIELDS}
    added = change.added
    row["added"] = (
        None
        if added is None
        else {
            "satuan": added.satuan,
            "target": {str(year): _json_value(v) for year, v in added.targets},
            "penanggung_jawab": added.owner,
            "penanggung_jawab_lain": list(added.partners),
        }
    )
    row["refused"] = [{"code": r.code, "message": r.message} for r in change.refused]
    return row


_PLAIN_FIELDS = tuple(f for f in fields(Change) if f.name not in ("added", "refused"))


def write_json(comparison: Comparison, out: TextIO, screen: Screen | None = None) -> None:
    """A JSON list with one change object per line: easy to read, to grep, and fast."""
    if not comparison.changes:
        out.write("[]\n")
        return
    rows = (json.dumps(as_dict(c), ensure_ascii=False) for c in comparison.changes)
    out.write("[\n  " + ",\n  ".join(rows) + "\n]\n")


FORMATS: dict[str, Writer[Comparison]] = {
    "text": write_text,
    "markdown": write_markdown,
    "json": write_json,
}
