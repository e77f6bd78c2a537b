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
from pohon_cli.diff.change import Item
from pohon_cli.i18n import N_, _, n_, tr
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
# The word for each kind in a summary, and the heading of its markdown table (English,
# translated where shown).
LABELS: dict[Kind, tuple[str, str]] = {
    "changed": (N_("other"), N_("Other fields changed")),
    "recoded": (
        N_("re-coded"),
        N_("Looks re-coded (a kode vanished, a nearly identical one appeared)"),
    ),
    "added": (N_("added"), N_("Added")),
    "removed": (N_("removed"), N_("Removed")),
    "renamed": (N_("renamed"), N_("Renamed (uraian)")),
    "moved": (N_("moved"), N_("Moved to another parent")),
    "jenjang": (N_("jenjang"), N_("Jenjang changed")),
    "penanggung_jawab": (N_("penanggung jawab"), N_("Penanggung jawab changed")),
    "satuan": (N_("satuan"), N_("Satuan changed")),
    "polaritas": (N_("polaritas"), N_("Polaritas changed")),
    "target": (N_("target"), N_("Targets changed")),
    "baseline": (N_("baseline"), N_("Baseline changed")),
    "realisasi": (N_("realisasi"), N_("Realisasi changed")),
    "anggaran": (N_("anggaran"), N_("Anggaran (pagu, realisasi anggaran) changed")),
    "order": (N_("order"), N_("Sibling order changed")),
}
# what was added or removed, by item
_ADDED: dict[Item, str] = {
    "file": N_("added file: {uraian}"),
    "misi": N_("added misi: {uraian}"),
    "unit": N_("added unit kerja: {uraian}"),
    "node": N_("added node: {uraian}"),
    "indicator": N_("added indicator: {uraian}"),
}
_REMOVED: dict[Item, str] = {
    "file": N_("removed file: {uraian}"),
    "misi": N_("removed misi: {uraian}"),
    "unit": N_("removed unit kerja: {uraian}"),
    "node": N_("removed node: {uraian}"),
    "indicator": N_("removed indicator: {uraian}"),
}
# the item in the markdown table of the top of the file
_ITEMS: dict[Item, str] = {
    "file": N_("file"),
    "misi": N_("misi"),
    "unit": N_("unit kerja"),
    "node": N_("node"),
    "indicator": N_("indicator"),
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
            return _("(top of the tree)")
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
        return tr(_ADDED[c.item], uraian=quoted(c.new, "uraian"))
    if c.kind == "removed":
        return tr(_REMOVED[c.item], uraian=quoted(c.old, "uraian"))
    if c.kind == "recoded":
        return _("looks like {old} re-coded as {new}", old=c.old, new=c.new)
    if c.kind == "moved":
        if c.item == "indicator":
            return _("moved from {old} to {new}", old=value(c.old), new=value(c.new))
        if c.item == "unit":
            return f"atasan: {value(c.old)} → {value(c.new)}"
        return _(
            "moved: under {old} → under {new}", old=value(c.old, "anak"), new=value(c.new, "anak")
        )
    if c.kind == "penanggung_jawab" and c.item == "indicator":
        # an indicator without its own answers through its node
        nodes = _("the node’s")
        return f"{c.field}: {value(c.old) if c.old else nodes} → " + (
            value(c.new) if c.new else nodes
        )
    if c.kind in _PER_YEAR:
        years = f"{c.old_year} → {c.year}" if c.old_year is not None else str(c.year)
        tail = f" ({signed(c.delta)})" if c.delta is not None else ""
        return f"{c.field} {years}: {old} → {new}{tail}"
    if c.kind == "order":
        return _("order of {field}: {old} → {new}", field=c.field, old=old, new=new)
    if c.item == "file" and c.kode is not None:
        return f"{c.field} {c.kode}: {old} → {new}"
    return f"{c.field}: {old} → {new}"


def lines(change: Change) -> str:
    """Where to look: the line in OLD and in NEW."""
    a, b = change.old_line, change.new_line
    if a is not None and b is not None:
        return _("line {old} → {new}", old=a, new=b)
    if a is not None:
        return _("old line {line}", line=a)
    if b is not None:
        return _("new line {line}", line=b)
    return ""


def summary(changes: Sequence[Change]) -> str:
    if not changes:
        return _("no changes")
    counts = ", ".join(f"{n} {tr(LABELS[kind][0])}" for kind, n in count_by_kind(changes).items())
    refused = sum(1 for c in changes if c.refused)
    if refused:
        return n_(
            "{count} change: {counts}; {refused} with a value the lint rules refuse "
            "(⚠, see pohon validate)",
            "{count} changes: {counts}; {refused} with a value the lint rules refuse "
            "(⚠, see pohon validate)",
            len(changes),
            counts=counts,
            refused=refused,
        )
    return n_("{count} change: {counts}", "{count} changes: {counts}", len(changes), counts=counts)


def details(added: Added) -> str:
    """An added indicator's satuan, targets and penanggung jawab in one line."""
    parts = [f"satuan {added.satuan or '–'}"]
    if added.targets:
        parts.append("target " + _years(added.targets))
    else:
        parts.append(_("no target"))
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
        yield [(_("top of the file") if path is None else arrow.join(path), "bold")]
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
        out.writelines("".join(t for t, __ in line) + "\n" for line in plain)
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
                _cell(tr(_ITEMS[c.item])),
                _code(c.kode),
                _cell(tr(LABELS[c.kind][0]) if c.kind != "changed" else _("changed")),
                _code(c.field),
                _md_value(c, c.old),
                _md_value(c, c.new),
                _md_lines(c),
            ]
            for c in top
        ]
        head = [_("Item"), _("Kode"), _("Change"), _("Field"), _("Old"), _("New")]
        head.append(_("Line (old → new)"))
        top_head = "#### " + _("Top of the file")
        text += ["", top_head, "", *_with_notes(_table(head, rows), top)]
    tree = [c for c in changes if not c.top_level]
    for kind in KINDS:
        members = [c for c in tree if c.kind == kind]
        if not members:
            continue
        text += ["", f"#### {tr(LABELS[kind][1])} ({len(members)})", ""]
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
        columns.append((_("Refused by lint"), [_cell(refusal(c)) for c in changes]))
    if not columns:
        return table
    head, rule, *rows = table
    head = head + " " + " | ".join(name for name, __ in columns) + " |"
    rule = rule + " --- |" * len(columns)
    rows = [
        row + " " + " | ".join(cells[i] for __, cells in columns) + " |"
        for i, row in enumerate(rows)
    ]
    return [head, rule, *rows]


def _kind_table(kind: Kind, changes: Sequence[Change]) -> list[str]:
    def under(c: Change) -> str:
        above = c.path[:-1]
        return " › ".join(_code(k) for k in above) if above else _("(top of the tree)")

    def what(c: Change) -> str:
        return _("indicator") if c.item == "indicator" else _("node")

    lines_head = _("Line (old → new)")
    kode, under_head, old, new = _("Kode"), _("Under"), _("Old"), _("New")
    if kind in _PER_YEAR:
        # anggaran holds two keys (pagu and realisasi anggaran): its table names the field
        field = kind == "anggaran"
        head = [kode, under_head, *([_("Field")] if field else []), _("Year"), old, new]
        head += [_("Difference"), lines_head]
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
        head = [kode, _("What"), under_head, _("Uraian"), lines_head]
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
        head = [kode, _("What"), under_head, _("Field"), old, new, lines_head]
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
