"""The boxes of a pohon kinerja as Graphviz HTML-like labels: a node with its indicators
and targets, a band of the legend, a misi, the page's title.

Every text from the file goes into a label through ``escape``, which escapes it for both
layers that would read it: the HTML parser (``& < > "``) and Graphviz's own escape
sequences (a ``\\N`` in an uraian must not become the node's name). The words printed in
the picture are the posters' own, Indonesian (their English msgids are those words too:
the posters read so in either language), through the catalogue with every other text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from pohon_cli.i18n import _
from pohon_cli.model import (
    Indicator,
    Mission,
    Node,
    Range,
    Tree,
    Unit,
    Value,
    number_text,
    polarity_label,
    value_text,
)
from pohon_cli.model.budget import rupiah, serapan

# Characters per line of wrapped text: a node's uraian, an indicator's uraian, a node's
# hasil (smaller type, so more of it on a line of the same width).
NODE_LINE = 34
INDICATOR_LINE = 44
RESULT_LINE = 40

FONT = "Helvetica,Arial,sans-serif"
INK = "#222222"
CONTEXT_INK = "#6b6b6b"
EDGE = "#4d4d4d"


@dataclass(frozen=True, slots=True)
class LevelStyle:
    """How one level looks. Lightness falls one clear step per level, so the levels stay
    apart in grey print and for every kind of colour blindness; the border differs too.
    Fills are Okabe-Ito hues tinted to CIE L* 60, 68, 77, 86, 94, 97.5."""

    fill: str
    border: int
    line: str  # a Graphviz table STYLE: "" (square, solid), "rounded", "dashed", "dotted"


LEVEL_STYLES: tuple[LevelStyle, ...] = (
    LevelStyle("#4699C7", 3, ""),  # blue
    LevelStyle("#D592B7", 2, ""),  # reddish purple
    LevelStyle("#ECB63C", 2, "rounded"),  # orange
    LevelStyle("#B1E1D4", 1, "dashed"),  # bluish green
    LevelStyle("#F7F1A0", 1, "rounded"),  # yellow
    LevelStyle("#F2F9FD", 1, "dotted"),  # sky blue
)


# The misi band above the levels: white with a heavy border, apart from every level's fill.
MISI_STYLE = LevelStyle("#FFFFFF", 3, "")


def level_style(index: int) -> LevelStyle:
    return LEVEL_STYLES[index % len(LEVEL_STYLES)]


# -- text ---------------------------------------------------------------------------------


# The backslash (Graphviz's escape character: ``\\`` reads as one backslash) and what
# HTML-like labels and XML give a meaning to. A "]" is written as a reference too:
# Graphviz 2.43's label lexer fails on a text that is only "]". "&" goes first, as the
# others write "&"; no replacement writes a backslash or another escaped character.
_ESCAPES = (
    ("&", "&amp;"),
    ("\\", "\\\\"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("'", "&#39;"),
    ("]", "&#93;"),
)


def escape(value: str) -> str:
    """A value from the file as text inside an HTML-like label: backslashes doubled so
    Graphviz reads no escape sequence (``\\N``, ``\\G``, ``\\L``), then HTML-escaped.
    A chain of replace: each is a C scan, several times faster than str.translate."""
    for old, new in _ESCAPES:
        if old in value:
            value = value.replace(old, new)
    return value


def wrap(value: str, width: int) -> list[str]:
    """Lines of about ``width`` characters, broken between words only (a long word is
    never cut), keeping the line breaks written in the file. Runs of spaces count as one,
    as in HTML. Greedy and simple: textwrap costs seconds on 100,000 nodes."""
    lines: list[str] = []
    for paragraph in value.splitlines() or [""]:
        rest = " ".join(paragraph.split())
        while len(rest) > width:
            # the longest run of whole words that fits, else the one long word alone
            cut = rest.rfind(" ", 0, width + 1)
            if cut < 0:
                cut = rest.find(" ")
                if cut < 0:
                    break
            lines.append(rest[:cut])
            rest = rest[cut + 1 :]
        lines.append(rest)
    return lines


def wrapped(value: str, width: int) -> str:
    """The wrapped value escaped in one pass; a line break cannot be in a wrapped line."""
    return escape("\n".join(wrap(value, width))).replace("\n", "<BR/>")


def tag(name: str, inner: str, attributes: str = "") -> str:
    """``<B>``, ``<I>`` or ``<FONT>`` around ``inner``; Graphviz refuses an empty one as
    a syntax error, and so one holding only white space (``nama: "\\n"``): such a text
    (``uraian: ""``) gets no tag at all."""
    return f"<{name}{attributes}>{inner}</{name}>" if inner.strip() else ""


def small(inner: str, size: int = 9) -> str:
    return tag("FONT", inner, f' POINT-SIZE="{size}"')


def level_title(level: str) -> str:
    """``sasaran_strategis`` → ``SASARAN STRATEGIS``, as the posters' bands are named."""
    return level.replace("_", " ").upper()


def format_value(value: Value) -> str:
    """A target as written (1.10 stays 1.10), a range as low–high."""
    if isinstance(value, tuple):
        low, high = value
        return f"{number_text(low)}–{number_text(high)}"
    return value_text(value)


def _target(indicator: Indicator, year: int) -> str:
    """The target cell: value and satuan, and the polarity when it is not the default
    (a ``turun`` target of 1 reads "at most 1")."""
    value: Decimal | str | Range | None = indicator.targets.get(year)
    shown = "—" if value is None else format_value(value)
    if indicator.unit:
        shown += f" {indicator.unit}"
    cell = small(escape(shown), 10)
    polarity = indicator.polarity_for(value)
    if polarity != "naik":
        shown_polarity = polarity_label(polarity, indicator.polarity_written)
        cell += "<BR/>" + small(escape(_("polarity {polarity}", polarity=shown_polarity)), 8)
    return cell


# -- node labels --------------------------------------------------------------------------


def table(style: LevelStyle, fill: str, rows: Iterable[str], color: str = INK) -> str:
    line = f' STYLE="{style.line}"' if style.line else ""
    return (
        f'<<TABLE BORDER="{style.border}"{line} CELLBORDER="0" CELLSPACING="0" '
        f'CELLPADDING="3" BGCOLOR="{fill}" COLOR="{color}">' + "".join(rows) + "</TABLE>>"
    )


def node_label(
    tree: Tree, node: Node, shown: Sequence[Indicator], year: int, units: dict[str, Unit]
) -> str:
    """A node's box with the indicators ``shown`` (with --unit, only that unit's)."""
    style = level_style(tree.level_index(node))
    kind = level_title(node.level) + (" · " + _("national") if node.national else "")
    rows = [
        f'<TR><TD ALIGN="LEFT"><B>{escape(node.code)}</B></TD>'
        f'<TD ALIGN="RIGHT">{small(escape(kind), 8)}</TD></TR>',
        f'<TR><TD COLSPAN="2">{wrapped(node.description, NODE_LINE)}</TD></TR>',
    ]
    rows += result_row(node)
    if node.owners:
        owner = _owners_name(node.owners, units)
        rows.append(f'<TR><TD COLSPAN="2">{small(tag("I", wrapped(owner, 44)))}</TD></TR>')
    pagu = node.budget.get(year)
    if pagu is not None:
        share = serapan(pagu, node.spent.get(year))
        if share is None:
            money = _("Pagu {year}: {amount}", year=year, amount=rupiah(pagu))
        else:
            money = _(
                "Pagu {year}: {amount} · {share}% spent",
                year=year,
                amount=rupiah(pagu),
                share=number_text(share),
            )
        rows.append(f'<TR><TD COLSPAN="2">{small(escape(money), 8)}</TD></TR>')
    if shown:
        rows.append("<HR/>")
        heads = tag("B", escape(_("INDICATOR"))), tag("B", escape(_("TARGET {year}", year=year)))
        rows.append(
            f'<TR><TD ALIGN="LEFT" BGCOLOR="white">{small(heads[0], 8)}</TD>'
            f'<TD ALIGN="RIGHT" BGCOLOR="white">{small(heads[1], 8)}</TD></TR>'
        )
        for i, indicator in enumerate(shown):
            if i:
                rows.append("<HR/>")
            home = tree.carried_from(node, indicator)
            rows.append(_indicator_row(node, indicator, year, units, home))
    return table(style, style.fill, rows)


def result_row(node: Node) -> list[str]:
    """The ``hasil`` under the name (a nomenclature ``uraian``), smaller and marked, so
    the name stays the box's title; nothing when the node has none."""
    if node.result is None or not node.result.strip():
        return []
    text = tag("I", escape(_("Result:"))) + " " + wrapped(node.result, RESULT_LINE)
    return [f'<TR><TD COLSPAN="2">{small(text, 9)}</TD></TR>']


def _indicator_row(
    node: Node, indicator: Indicator, year: int, units: dict[str, Unit], home: str | None
) -> str:
    head = f"<B>{escape(indicator.code)}</B>"
    if indicator.national:
        head += small(escape(" · " + _("national")), 8)
    if home is not None:
        # carried down unchanged from the node above where it is written
        head += small(escape(" · " + _("carried from {kode}", kode=home)), 8)
    body = wrapped(indicator.description, INDICATOR_LINE)
    if indicator.owners and indicator.owners != node.owners:
        owner = _owners_name(indicator.owners, units)
        body += "<BR/>" + small(tag("I", wrapped(owner, INDICATOR_LINE + 8)), 8)
    return (
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" BGCOLOR="white">'
        f"{small(head + '<BR/>' + body, 10)}</TD>"
        f'<TD ALIGN="RIGHT" VALIGN="TOP" BGCOLOR="white">{_target(indicator, year)}</TD></TR>'
    )


def _owners_name(owners: tuple[str, ...], units: dict[str, Unit]) -> str:
    """The units by name, the lead first and its partners after it: ``Lead (+ Other)``."""
    names = [units[kode].name if kode in units else kode for kode in owners]
    return names[0] + (f" (+ {', '.join(names[1:])})" if len(names) > 1 else "")


def context_label(tree: Tree, node: Node) -> str:
    """A node drawn only so the selection reads in context: grey, without indicators."""
    style = LevelStyle("white", 1, "dashed")
    kind = level_title(node.level) + " · " + _("context")
    rows = [
        f'<TR><TD ALIGN="LEFT"><B>{escape(node.code)}</B></TD>'
        f'<TD ALIGN="RIGHT">{small(escape(kind), 8)}</TD></TR>',
        f'<TR><TD COLSPAN="2">{wrapped(node.description, NODE_LINE)}</TD></TR>',
        *result_row(node),
    ]
    return table(style, "white", rows, CONTEXT_INK)


def misi_label(misi: Mission) -> str:
    """A misi's box in the misi band: its kode and its words, as the posters head a page."""
    kind = escape(_("MISI"))
    rows = [
        f'<TR><TD ALIGN="LEFT"><B>{escape(misi.code)}</B></TD>'
        f'<TD ALIGN="RIGHT">{small(kind, 8)}</TD></TR>',
        f'<TR><TD COLSPAN="2">{wrapped(misi.description, NODE_LINE)}</TD></TR>',
    ]
    return table(MISI_STYLE, MISI_STYLE.fill, rows)


def band_label(level: str, style: LevelStyle) -> str:
    """A band of the legend, on the left of each rank, as the posters name their rows."""
    return table(
        style,
        style.fill,
        [f'<TR><TD CELLPADDING="6"><B>{escape(level_title(level))}</B></TD></TR>'],
    )


def title_label(tree: Tree, main: str, lines: Sequence[str]) -> str:
    header = tree.header
    rows = [
        f'<TR><TD><FONT POINT-SIZE="20"><B>{escape(main)}</B></FONT></TD></TR>',
        f"<TR><TD>{small(escape(header.institution.name), 14)}</TD></TR>",
    ]
    rows.extend(f'<TR><TD><FONT POINT-SIZE="12">{line}</FONT></TD></TR>' for line in lines)
    return '<<TABLE BORDER="0" CELLPADDING="2" CELLSPACING="0">' + "".join(rows) + "</TABLE>>"
