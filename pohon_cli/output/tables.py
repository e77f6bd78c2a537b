"""Tables for people and for other programs: aligned text (wrapped to the screen), CSV,
Markdown, and JSON that keeps every number exactly as the file writes it."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from pohon_cli.model import Value, number_text
from pohon_cli.model import value_text as model_value_text
from pohon_cli.output import json_writer
from pohon_cli.output.terminal import Item, Printer, Screen, Segment, cells, flat, wrap

COLUMN_GAP = 2
# narrower than this, a wrapped uraian reads worse than a card per row
MIN_FLEXIBLE = 24


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of text under headers; ``numeric`` columns align right; the ``flexible``
    column (a long text such as uraian) is the one that wraps to fit the screen."""

    headers: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    numeric: frozenset[int] = frozenset()
    flexible: int | None = None


def value_text(value: Value | None) -> str:
    """A target, baseline or realisasi as the file writes it: ``1.10``, ``WTP``, ``[80, 90]``."""
    return "" if value is None else model_value_text(value)


def quarters_text(value: Any) -> str:
    """The quarters of a year written per quarter, compactly: ``tw1 25, tw2 50``."""
    return ", ".join(f"{q} {number_text(v)}" for q, v in value.items())


def quarterly(written: Mapping[int, Any]) -> dict[str, Any]:
    """The years written per quarter, for JSON: ``{"2026": {"tw1": 25, ...}}``."""
    return {str(y): dict(v) for y, v in written.items() if isinstance(v, dict)}


def value_json(value: Value | None) -> Any:
    """The JSON form of a value: numbers stay numbers (see ``json_text``), ranges lists."""
    if isinstance(value, tuple):
        return list(value)
    return value


def write_json(data: Any, out: TextIO) -> None:
    """Indented JSON in which every Decimal is a number with the digits written (1.10
    stays 1.10, never 1.1). Written as it is encoded: a 100,000-node tree never exists
    as one string."""
    json_writer.write(data, out, ensure_ascii=False, decimals=True)
    out.write("\n")


def json_text(data: Any) -> str:
    """``write_json`` into a string."""
    buffer = io.StringIO()
    write_json(data, buffer)
    return buffer.getvalue()


def write_text(table: Table, out: TextIO, screen: Screen) -> None:
    """Columns two spaces apart under a ruled header, the flexible column wrapped to fit;
    a column nobody filled is left out. When that is too wide, headers of several words
    take a line a word (``target`` over ``2024``); when it is still too wide, each row
    becomes a card: its first column and flexible text, then the rest as ``header:
    value``."""
    keep = [c for c in range(len(table.headers)) if any(row[c] for row in table.rows)]
    if not table.rows:
        keep = list(range(len(table.headers)))
    headers = [table.headers[c] for c in keep]
    rows = [[flat(row[c]) for c in keep] for row in table.rows]
    flexible = keep.index(table.flexible) if table.flexible in keep else None
    content = [0] * len(keep)
    for row in rows:
        for c, cell in enumerate(row):
            content[c] = max(content[c], cells(cell))
    stacked = [[h] for h in headers]
    widths = [max(w, cells(h)) for w, h in zip(content, headers, strict=True)]
    excess = sum(widths) + COLUMN_GAP * (len(widths) - 1) - screen.width
    if excess > 0:
        stacked = [h.split(" ") for h in headers]
        widths = [
            max(w, *(cells(word) for word in words))
            for w, words in zip(content, stacked, strict=True)
        ]
        excess = sum(widths) + COLUMN_GAP * (len(widths) - 1) - screen.width
    printer = Printer(out, screen)
    if excess > 0:
        if flexible is None or widths[flexible] - excess < MIN_FLEXIBLE:
            printer.tree(_cards(headers, rows, flexible))
            return
        widths[flexible] -= excess
    right = [c in table.numeric for c in keep]
    height = max(len(words) for words in stacked)
    for n in range(height):
        # headers of several lines sit on the rule, like a spreadsheet's
        texts = [
            words[n - height + len(words)] if n >= height - len(words) else "" for words in stacked
        ]
        printer.line(screen.paint(_row(texts, widths, right), "header"))
    printer.line(screen.paint(_rule(widths, screen.glyphs.rule), "guide"))
    for row in rows:
        if flexible is None or cells(row[flexible]) <= widths[flexible]:
            printer.line(_row(row, widths, right))
            continue
        wrapped = wrap([(row[flexible], "")], widths[flexible])
        for n, line in enumerate(wrapped):
            texts = row if n == 0 else [""] * len(row)
            texts = [*texts[:flexible], "".join(t for t, _ in line), *texts[flexible + 1 :]]
            printer.line(_row(texts, widths, right))
    printer.flush()


def _cards(
    headers: Sequence[str], rows: Sequence[Sequence[str]], flexible: int | None
) -> list[Item]:
    cards: list[Item] = []
    for row in rows:
        parts: list[Segment] = [(row[0], "kode")]
        if flexible is not None and flexible != 0:
            parts += [(" ", ""), (row[flexible], "")]
        rest = "; ".join(
            f"{headers[c]}: {cell}" for c, cell in enumerate(row) if cell and c not in (0, flexible)
        )
        cards.append(Item(parts, [[(rest, "figures")]] if rest else []))
    return cards


def _row(texts: Sequence[str], widths: Sequence[int], right: Sequence[bool]) -> str:
    out: list[str] = []
    for c, text in enumerate(texts):
        pad = " " * (widths[c] - cells(text))
        out.append(pad + text if right[c] else text + pad)
    return (" " * COLUMN_GAP).join(out).rstrip()


def _rule(widths: Sequence[int], char: str) -> str:
    return (" " * COLUMN_GAP).join(char * w for w in widths)


# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs: ``'`` before a formula-like start
    (``=SUM(...)``, ``@cmd``), but not before a negative number."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_csv(table: Table, out: TextIO) -> None:
    """RFC 4180 CSV with a header row; every column kept, so the layout is stable."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([csv_cell(cell) for cell in row])


# What Markdown would read as markup, each escaped with a backslash: table breaks, HTML,
# code, emphasis and strike-through; an underscore only at a word's edge (``_x_``), so that
# ``penanggung_jawab`` stays readable; ``&`` only before an entity (``&lt;``); ``(`` only
# after ``]``, which is all a link or an image needs (ranges ``[80, 90]`` stay as written).
_MARKDOWN_SPECIAL = re.compile(
    r"[\\|<>*`~]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|&(?=#?[0-9A-Za-z]+;)|(?<=\])\("
)


def markdown_cell(text: str) -> str:
    """A cell that renders as the text itself: no table breaks, no HTML, no code, no
    emphasis, no link."""
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(), flat(text))


def write_markdown(table: Table, out: TextIO) -> None:
    """A GitHub-flavoured Markdown table; every column kept."""
    align = ["---:" if c in table.numeric else "---" for c in range(len(table.headers))]
    lines = [
        "| " + " | ".join(markdown_cell(h) for h in table.headers) + " |",
        "| " + " | ".join(align) + " |",
    ]
    lines.extend("| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in table.rows)
    out.write("\n".join(lines) + "\n")
