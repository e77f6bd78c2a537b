"""A page fitted to a sheet of paper: the sizes offices print on, how far the drawing must
be scaled to fit one, whether its text still reads at that scale, and the DOT attributes
that make Graphviz draw it so.

Pure arithmetic on sizes in inches (Graphviz's unit); the drawing's own size comes from a
first layout, at the edge (pohon_cli/dot.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from pohon_cli.i18n import _

MM = 1 / 25.4
# ISO A sizes and the Indonesian folio (F4), portrait, in millimetres.
PAPERS: dict[str, tuple[int, int]] = {
    "A4": (210, 297),
    "F4": (215, 330),
    "A3": (297, 420),
    "A2": (420, 594),
    "A1": (594, 841),
    "A0": (841, 1189),
}
# White space Graphviz leaves around every drawing (its ``pad``), in inches.
PAD = 0.3
# White border left on every side of the sheet, for printers that cannot print to the edge.
MARGIN_MM = 10
# The smallest text in any box (level tags, column heads, polarity) is 8 pt at full size;
# on paper it must print at READABLE_PT or more, so the uraian and indicators (10-11 pt)
# print at 6.25 pt or more: the size of the fine print on forms.
SMALLEST_PT = 8.0
READABLE_PT = 5.0
# Pixels per inch of a PNG: enough for print (96, Graphviz's default, blurs on paper).
DEFAULT_DPI = 200


@dataclass(frozen=True, slots=True)
class Sheet:
    """A sheet of ``paper`` (a key of PAPERS), turned on its side when ``landscape``."""

    paper: str
    landscape: bool = False

    @property
    def size(self) -> tuple[float, float]:
        """Width and height in inches."""
        short, long = (side * MM for side in PAPERS[self.paper])
        return (long, short) if self.landscape else (short, long)

    @property
    def name(self) -> str:
        """The sheet as a message names it: ``A3``, ``A3 landscape``."""
        return _("{paper} landscape", paper=self.paper) if self.landscape else self.paper

    def scale(self, width: float, height: float) -> float:
        """How much a drawing of ``width`` × ``height`` inches is scaled to fill the sheet
        inside its margins, keeping its proportions (above 1: enlarged)."""
        inner_w, inner_h = (side - 2 * MARGIN_MM * MM for side in self.size)
        return min(inner_w / width, inner_h / height)

    def reads(self, width: float, height: float) -> bool:
        """Whether the smallest text of the drawing prints at a readable size."""
        return SMALLEST_PT * self.scale(width, height) >= READABLE_PT


def drawn_size(width: float, height: float) -> tuple[float, float]:
    """The size ``dot`` draws a page laid out at ``width`` × ``height`` inches: with its
    pad."""
    return width + 2 * PAD, height + 2 * PAD


def smallest_fitting(width: float, height: float) -> Sheet | None:
    """The smallest sheet (portrait first) on which a drawing reads, if any."""
    for paper in PAPERS:
        for landscape in (False, True):
            sheet = Sheet(paper, landscape)
            if sheet.reads(width, height):
                return sheet
    return None


def refusal(sheet: Sheet, width: float, height: float, key: str | None, split: bool) -> str:
    """Why a page (the page for ``key``, when named) cannot go on ``sheet`` and what would:
    a larger or turned sheet, else a smaller page. Two clauses, each said whole."""
    printed = SMALLEST_PT * sheet.scale(width, height)
    sizes = {
        "width": f"{width * 2.54:.0f}",
        "height": f"{height * 2.54:.0f}",
        "sheet": sheet.name,
        "printed": f"{printed:.1f}",
        "readable": f"{READABLE_PT:g}",
    }
    if key is None:
        why = _(
            "the page ({width} × {height} cm at full size) does not fit on {sheet}: its "
            "smallest text would print at {printed} pt, below the {readable} pt that reads "
            "on paper",
            **sizes,
        )
    else:
        why = _(
            "the page for {key} ({width} × {height} cm at full size) does not fit on "
            "{sheet}: its smallest text would print at {printed} pt, below the {readable} "
            "pt that reads on paper",
            key=key,
            **sizes,
        )
    fitting = smallest_fitting(width, height)
    if fitting is None and split:
        what = _("no sheet up to A0 holds it: draw less on one page (--root KODE or --depth N)")
    elif fitting is None:
        what = _(
            "no sheet up to A0 holds it: draw less on one page (--split paper -o FOLDER/ to "
            "cut it into pages that fit, --split misi, --root KODE or --depth N)"
        )
    else:
        flags = f"--paper {fitting.paper}" + (" --landscape" if fitting.landscape else "")
        if split:
            what = _(
                "use {flags}, or draw less on one page (--root KODE or --depth N)", flags=flags
            )
        else:
            what = _(
                "use {flags}, or draw less on one page (--split paper -o FOLDER/ to cut it "
                "into pages that fit, --split misi, --root KODE or --depth N)",
                flags=flags,
            )
    return f"{why}; {what}"


def attributes(sheet: Sheet | None, fmt: str, dpi: int, drawing: tuple[float, float]) -> str:
    """Graph attributes for ``dot``: the drawing scaled to the sheet (``size`` ending in
    ``!`` also enlarges a small one) and centred by margins that make the page exactly the
    sheet; a PNG's pixels per inch."""
    lines = []
    if sheet is not None:
        width, height = drawing
        scale = sheet.scale(width, height)
        inner_w, inner_h = (side - 2 * MARGIN_MM * MM for side in sheet.size)
        sheet_w, sheet_h = sheet.size
        margin_x = (sheet_w - width * scale) / 2
        margin_y = (sheet_h - height * scale) / 2
        lines.append(f'size="{inner_w:.3f},{inner_h:.3f}!"')
        lines.append(f'margin="{margin_x:.3f},{margin_y:.3f}"')
    if fmt == "png":
        lines.append(f'dpi="{dpi}"')
    return "".join(f"\t{line}\n" for line in lines)


def fitted(source: str, attrs: str) -> str:
    """The DOT ``source`` with graph attributes added at its end (they apply to the whole
    graph wherever they stand)."""
    if not attrs:
        return source
    end = source.rindex("}")
    return source[:end] + attrs + source[end:]
