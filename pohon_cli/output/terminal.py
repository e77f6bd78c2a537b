"""The terminal of every command: the one place that decides colour, width and plain text
(``detect``), and the two ways text is painted once that is decided.

Views (show, units, indicators, stats, report) go through ``Printer``: a tree printer with
guides, word wrapping that keeps the guides whole, and ANSI styles written directly. Its
own printer rather than ``rich.tree.Tree``: Rich lays out every node as a renderable
(10,000 nodes take seconds); this one writes each line once, so a 100,000-node tree
prints in about the time it takes to load it.

Rich stays for three short outputs (the problem lines of validate, the text of diff, the
table of ``pohon rules``), through ``write_rich_lines`` and ``write_rich_table`` only: it
drops control characters, expands tabs and lays out the table, and moving them to the
printer above would change the bytes a terminal receives. Those outputs are small, so
Rich's cost does not matter there.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from rich.cells import cell_len

# (text, style name of STYLES or level_colour); "" is unstyled
Segment = tuple[str, str]
# (text, Rich style such as "bold red"); "" is unstyled: the pieces of write_rich_lines
RichSegment = tuple[str, str]

MIN_TEXT_WIDTH = 20
DEFAULT_WIDTH = 80

# SGR codes; levels cycle through LEVEL_COLOURS by their index in `jenjang`
STYLES: dict[str, str] = {
    "kode": "1",
    "visi": "1;35",
    "misi": "1;35",
    "indicator": "1;32",
    "unit": "2",
    "guide": "2",
    "ref": "2;3",
    "figures": "36",
    "note": "2;3",
    "header": "1",
    # the name of a labelled line (hasil:, definisi:), dimmer than what it labels
    "label": "2",
}
LEVEL_COLOURS = ("35", "34", "36", "32", "33", "31")
_DIM = "2"


@dataclass(frozen=True, slots=True)
class Glyphs:
    """The guides of a tree and the small marks around them."""

    branch: str
    last: str
    pipe: str
    blank: str
    stem: str  # under an entry's own text, when items hang below it
    bullet: str
    up: str
    rule: str


BOX = Glyphs("├── ", "└── ", "│   ", "    ", "│ ", "• ", "↑", "─")
ASCII = Glyphs("|-- ", "`-- ", "|   ", "    ", "| ", "* ", "^", "-")


@dataclass(frozen=True, slots=True)
class Screen:
    """Where text goes: its width, and whether it may use colour and box-drawing."""

    width: int = DEFAULT_WIDTH
    colour: bool = False
    boxes: bool = False

    @property
    def glyphs(self) -> Glyphs:
        return BOX if self.boxes else ASCII

    def paint(self, text: str, style: str) -> str:
        if not self.colour or not style or not text:
            return text
        code = STYLES.get(style) or _level_code(style)
        return f"\x1b[{code}m{text}\x1b[0m" if code else text


def _level_code(style: str) -> str:
    if style.startswith("level"):
        return LEVEL_COLOURS[int(style[5:]) % len(LEVEL_COLOURS)]
    if style.startswith("dim:"):
        inner = STYLES.get(style[4:]) or _level_code(style[4:])
        return f"{_DIM};{inner}" if inner else _DIM
    return ""


def level_colour(index: int) -> str:
    """The style name that paints the jenjang at ``index`` (the colours cycle)."""
    return f"level{index}"


def detect(stream: TextIO, environ: Mapping[str, str] | None = None) -> Screen:
    """A terminal gets colour and box-drawing; a pipe or a file gets plain text.
    ``NO_COLOR`` turns colour off (box-drawing stays on a terminal); ``FORCE_COLOR``
    treats the stream as a terminal; ``TERM=dumb`` has no colour. The width is
    ``COLUMNS`` when set, else the terminal's, else 80."""
    env = os.environ if environ is None else environ
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError, OSError):
        tty = False
    terminal = tty or bool(env.get("FORCE_COLOR"))
    colour = terminal and not env.get("NO_COLOR") and env.get("TERM") != "dumb"
    width = DEFAULT_WIDTH
    columns = env.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        width = int(columns)
    elif tty:
        width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return Screen(width=max(width, MIN_TEXT_WIDTH), colour=colour, boxes=terminal)


def cells(text: str) -> int:
    """Terminal columns a text takes (wide characters count two)."""
    if text.isascii() or _NOT_SURELY_NARROW.search(text) is None:
        return len(text)
    return cell_len(text)


# Characters surely one column wide beyond ASCII: Latin letters with accents, dashes,
# quotes and bullets, arrows, box-drawing. Anything else is measured.
_NOT_SURELY_NARROW = re.compile("[^\x00-\u02ff\u2010-\u2027\u2190-\u21ff\u2500-\u259f]")


def _narrow(text: str) -> bool:
    """Every character one column wide, so that offsets in the text are columns on the
    screen (the fast path of wrapping)."""
    if text.isascii() or _NOT_SURELY_NARROW.search(text) is None:
        return True
    return cell_len(text) == len(text)


def flat(text: str) -> str:
    """One line: newlines and tabs (a literal block in the YAML) become single spaces."""
    return text if text.isprintable() else " ".join(text.split())


_WORD = re.compile(r"(\s*)(\S+)")


def wrap(parts: Sequence[Segment], width: int, first: int | None = None) -> list[list[Segment]]:
    """Greedy word wrap of styled segments into lines of at most ``width`` columns (the
    first line ``first``); a word longer than a line is cut. Spaces at a line break are
    dropped."""
    limit = width if first is None else first
    text = "".join(t for t, _ in parts)
    if not _narrow(text):
        return _wrap_words(parts, width, limit)
    if len(text) <= limit:
        return [list(parts)]
    spans = _spans(text, width, limit)
    if len(parts) == 1:
        style = parts[0][1]
        return [[(text[a:b], style)] for a, b in spans]
    return [_slice(parts, a, b) for a, b in spans]


def _spans(text: str, width: int, limit: int) -> list[tuple[int, int]]:
    """Where the lines of a text of narrow characters start and end: the fast path,
    searching for spaces with ``str.rfind`` rather than walking words."""
    spans: list[tuple[int, int]] = []
    start, size = 0, len(text)
    while size - start > limit:
        cut = text.rfind(" ", start + 1, start + limit + 1)
        if cut == -1:
            space = text.find(" ", start)
            head, _ = _cut(text[start : size if space == -1 else space], limit)
            end = after = start + len(head)
        else:
            end, after = cut, cut + 1
        while end > start and text[end - 1] == " ":
            end -= 1
        spans.append((start, end))
        start = after
        while start < size and text[start] == " ":
            start += 1
        limit = width
    if start < size:
        spans.append((start, size))
    return spans


def _slice(parts: Sequence[Segment], start: int, end: int) -> list[Segment]:
    """The styled pieces of ``parts`` between two offsets of their joined text."""
    out: list[Segment] = []
    pos = 0
    for text, style in parts:
        after = pos + len(text)
        if after > start and pos < end:
            out.append((text[max(start - pos, 0) : end - pos], style))
        pos = after
        if pos >= end:
            break
    return out


def _wrap_words(parts: Sequence[Segment], width: int, limit: int) -> list[list[Segment]]:
    """The general case, word by word, measuring wide characters as two columns."""
    if sum(cells(text) for text, _ in parts) <= limit:
        return [list(parts)]
    lines: list[list[Segment]] = []
    line: list[Segment] = []
    used = 0
    pending = 0  # spaces owed before the next word on the same line
    for text, style in parts:
        end = 0
        for match in _WORD.finditer(text):
            space, word = match.group(1), match.group(2)
            end = match.end()
            gap = pending + len(space)
            pending = 0
            size = cells(word)
            if line and used + gap + size <= limit:
                line.append((" " * gap + word, style))
                used += gap + size
                continue
            if line:
                lines.append(line)
                line, used, limit = [], 0, width
            while size > limit:
                head, word = _cut(word, limit)
                lines.append([(head, style)])
                size, limit = cells(word), width
            line.append((word, style))
            used = size
        pending += len(text) - end
    if line:
        lines.append(line)
    return lines


_BREAK_AFTER = re.compile(r"[-_/.,;:)]")


def _cut(word: str, width: int) -> tuple[str, str]:
    """The first ``width`` columns of a word, and the rest; after a hyphen, underscore or
    slash when there is one (``IK-SENGKETA-`` / ``DIHADAPI``, ``Pemilu/`` / ``Pemilihan``)."""
    if word.isascii():
        end = width
    else:
        used, end = 0, len(word)
        for i, char in enumerate(word):
            used += cell_len(char)
            if used > width:
                end = max(i, 1)
                break
    breaks = [m.end() for m in _BREAK_AFTER.finditer(word, 0, end)]
    if breaks and breaks[-1] < len(word):
        end = breaks[-1]
    return word[:end], word[end:]


@dataclass(slots=True)
class Item:
    """One entry of a printed tree: a paragraph on its first line, further paragraphs on
    lines of their own, and the items beneath it. ``dim`` greys the whole entry."""

    parts: list[Segment]
    more: list[list[Segment]] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    dim: bool = False


class Printer:
    """Writes items as a tree to a stream, in chunks, so output starts at once."""

    CHUNK = 2000

    def __init__(self, out: TextIO, screen: Screen) -> None:
        self.out = out
        self.screen = screen
        self.lines: list[str] = []

    def line(self, text: str) -> None:
        self.lines.append(text)
        if len(self.lines) >= self.CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.lines:
            self.out.write("\n".join(self.lines) + "\n")
            self.lines.clear()

    def styled(self, parts: Iterable[Segment], dim: bool = False) -> str:
        """A line of segments, with runs of one style painted together."""
        screen = self.screen
        if not screen.colour:
            return "".join(text for text, _ in parts)
        out: list[str] = []
        run: list[str] = []
        current = ""
        for text, style in parts:
            painted = (f"dim:{style}" if style else "dim:") if dim else style
            if painted != current and run:
                out.append(screen.paint("".join(run), current))
                run.clear()
            current = painted
            run.append(text)
        if run:
            out.append(screen.paint("".join(run), current))
        return "".join(out)

    def paragraph(self, first: str, rest: str, parts: Sequence[Segment], dim: bool) -> None:
        """``parts`` wrapped to the room the guides leave, the first line after ``first``
        and the others after ``rest``."""
        width = self.screen.width
        # guides are one column a character, so len() measures them
        room = max(width - len(rest), MIN_TEXT_WIDTH)
        head = max(width - len(first), MIN_TEXT_WIDTH)
        if not self.screen.colour:
            # plain text: one string to wrap, no styles to carry across the breaks
            text = "".join(t for t, _ in parts)
            if len(text) <= head and _narrow(text):
                self.line(first + text)
                return
            for n, line in enumerate(wrap([(text, "")], room, head)):
                self.line((first if n == 0 else rest) + "".join(t for t, _ in line))
            return
        guide = self.screen.paint
        for n, line in enumerate(wrap(parts, room, head)):
            self.line(guide(first if n == 0 else rest, "guide") + self.styled(line, dim))

    def tree(self, roots: Iterable[Item]) -> None:
        """Every root at the left margin, its items beneath it with guides."""
        g = self.screen.glyphs
        # (item, guides before its first line, guides before what comes under it)
        stack: list[tuple[Item, str, str]] = [(r, "", "") for r in reversed(list(roots))]
        while stack:
            item, lead, under = stack.pop()
            below = under + (g.stem if item.children else "  ")
            self.paragraph(lead, below, item.parts, item.dim)
            for more in item.more:
                self.paragraph(below, below, more, item.dim)
            last = len(item.children) - 1
            for n in range(last, -1, -1):
                child = item.children[n]
                if n == last:
                    stack.append((child, under + g.last, under + g.blank))
                else:
                    stack.append((child, under + g.branch, under + g.pipe))
        self.flush()


def write_rich_lines(lines: Iterable[Sequence[RichSegment]], out: TextIO) -> None:
    """Lines of Rich-styled pieces, painted by Rich on ``out`` (call it only when the
    screen has colour: plain text needs no painter). Rich is imported here, when used."""
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, soft_wrap=True, highlight=False, markup=False, emoji=False)
    for line in lines:
        console.print(Text.assemble(*line))


def write_rich_table(headers: Sequence[str], rows: Iterable[Sequence[str]], out: TextIO) -> None:
    """Rows under bold headers, laid out by Rich without borders (with markup in cells)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(*headers, box=None, header_style="bold")
    for row in rows:
        table.add_row(*row)
    Console(file=out, highlight=False).print(table)
