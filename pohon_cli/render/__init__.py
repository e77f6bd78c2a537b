"""Drawing a pohon kinerja the way the published posters read: tree → DOT source text.

Pure: no files, no subprocess, no environment; ``dot`` runs at the edge (pohon_cli/dot.py).
Along the flow: ``labels`` (the boxes as HTML-like labels), ``page`` (one page and the
pages of a split), ``cut`` (a page too large for its paper as several), ``units`` (the
units chart), ``paper`` (fitting a page to a sheet).
"""

from pohon_cli.render.cut import cut
from pohon_cli.render.labels import LEVEL_STYLES, LevelStyle, format_value, level_style, level_title
from pohon_cli.render.page import BIG_PAGE, SPLITS, WHOLE_TREE, Page, advice, draw, split
from pohon_cli.render.units import draw_units

__all__ = [
    "BIG_PAGE",
    "LEVEL_STYLES",
    "SPLITS",
    "WHOLE_TREE",
    "LevelStyle",
    "Page",
    "advice",
    "cut",
    "draw",
    "draw_units",
    "format_value",
    "level_style",
    "level_title",
    "split",
]
