"""The tree as one self-contained web page: every datum, style and script inline, so that
the file works offline from an e-mail attachment, a shared drive or a CI artifact.

Pure: a tree, its reports, its problems and its posters (SVG text ``dot`` made at the
edge) in; the page's text out. The data go in as JSON inside a ``<script
type="application/json">`` block with ``<``, ``>`` and ``&`` written as ``\\u003c``...,
so no text of the file can close the block; the page's script puts every text in with
``textContent``, never as markup. The script and styles are the package files in
``render/web/``, inlined when the page is built.

The page's own words are said in the language of the run: the template's through its
slots, the script's from the ``words`` of the JSON block (``page_words``), with their
``{placeholders}`` filled by the script. They are the words the page has always shown,
Indonesian, in both languages (the page is ``lang="id"``, as the posters are).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from pohon_cli.filters import Filter, select
from pohon_cli.i18n import N_, _, language, tr
from pohon_cli.model import (
    QUARTERS,
    Actual,
    Indicator,
    Node,
    Tree,
    number_text,
    polarity_label,
    value_text,
)
from pohon_cli.problem import Problem
from pohon_cli.render.labels import LEVEL_STYLES, MISI_STYLE, level_style, level_title
from pohon_cli.report import Report, Row

# what the JSON block may not hold as itself: the HTML parser would read it as markup
_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")
# the XML prolog and doctype of dot's SVG: the page is HTML, the SVG goes in as an element
_PROLOG = re.compile(r"\A(?:\s*<\?xml[^>]*\?>|\s*<!DOCTYPE[^>]*>|\s*<!--.*?-->)*\s*", re.S)
_SLOT = re.compile(r"\{\{([A-Z_]+)\}\}")
_STATUS_TEXT = {
    "dinilai": "",
    "tanpa_realisasi": N_("no realisasi"),
    "tanpa_target": N_("no target"),
    "tidak_dinilai": N_("not rated"),
}


@dataclass(frozen=True, slots=True)
class Poster:
    """One misi's poster: the SVG ``dot`` drew from ``render.split(tree, "misi")``'s page,
    and which node each box is (``poster_ids``)."""

    misi: str
    svg: str
    ids: Mapping[str, str] = field(default_factory=dict)


def poster_ids(tree: Tree, misi: str) -> dict[str, str]:
    """The DOT ids of a misi page's boxes (``n0, n1, ...``) and their node kodes, in the
    order ``render.page.draw_part`` numbers them: walk order, first appearances, the
    nodes serving the misi."""
    selection = select(tree, Filter(misi=misi))
    steps = tree.walk(selection.roots, keep=selection.kept)
    order = [s.node.code for s in steps if s.first and s.node.code in selection.matched]
    return {f"n{i}": kode for i, kode in enumerate(order)}


@dataclass(frozen=True, slots=True)
class Office:
    """One office of a page: its tree, its reports (one per year offered, the first shown
    first), the problems ``pohon validate`` reports for its file, its posters, the file
    as given, the filters it opens with (``misi``, ``unit``), and for a page of several
    offices the index of each office a link of its file names (``web_links.links``)."""

    tree: Tree
    reports: Sequence[Report]
    problems: Sequence[Problem] = ()
    posters: Sequence[Poster] = ()
    name: str = ""
    start: Mapping[str, str] = field(default_factory=dict)
    files: Mapping[str, int] = field(default_factory=dict)


def build(
    tree: Tree,
    reports: Sequence[Report],
    problems: Sequence[Problem] = (),
    posters: Sequence[Poster] = (),
    *,
    name: str = "",
    start: Mapping[str, str] | None = None,
) -> str:
    """The page of one file (see ``Office``)."""
    return build_offices([Office(tree, reports, problems, posters, name, dict(start or {}))])


def build_offices(offices: Sequence[Office]) -> str:
    """The page of several offices (a folder), the first shown first; each opens in its
    own view, and a link between their files leads from one to the other."""
    shown: list[dict[str, Any]] = []
    figures: list[Poster] = []
    for office in offices:
        data = page_data(office.tree, office.reports, office.problems, name=office.name)
        data["start"] = dict(office.start)
        data["posters"] = [
            {"misi": p.misi, "ids": dict(p.ids), "fig": len(figures) + i}
            for i, p in enumerate(office.posters)
        ]
        data["berkas"] = dict(office.files)
        figures.extend(office.posters)
        shown.append(data)
    return _template({"offices": shown, "words": page_words()}, figures)


def page_data(
    tree: Tree, reports: Sequence[Report], problems: Iterable[Problem] = (), *, name: str = ""
) -> dict[str, Any]:
    """Everything the page shows, as plain JSON values; nodes and indicators are referred
    to by their index in ``nodes`` and ``indicators``."""
    header = tree.header
    node_index = {kode: i for i, kode in enumerate(tree.nodes)}
    indicators = [i for _node, i in tree.indicators()]
    indicator_index = {i.code: n for n, i in enumerate(indicators)}
    placed = _place_problems(tree, list(problems))
    missions = tree.all_missions()
    nodes = [
        _compact(
            _node(tree, node, node_index, indicator_index, missions.get(node.code, frozenset()))
            | {"p": placed.get(node.code, [])}
        )
        for node in tree.nodes.values()
    ]
    rows = [_rows_by_indicator(report) for report in reports]
    return {
        "file": name,
        "title": header.institution.name,
        "induk": _parent_file(tree),
        "short": header.institution.short_name or header.institution.name,
        "visi": header.vision or "",
        "year": header.year,
        "years": [report.year for report in reports],
        "levels": [_level(i, level) for i, level in enumerate(header.levels)],
        "misiStyle": MISI_STYLE.fill,
        "misi": [{"k": m.code, "u": m.description} for m in tree.mission_list()],
        "units": [{"k": u.code, "n": u.name, "a": u.parent} for u in header.units],
        "nodes": nodes,
        "roots": [node_index[k] for k in tree.roots],
        "indicators": [
            _compact(_indicator(tree, i, node_index, rows) | {"p": placed.get(i.code, [])})
            for i in indicators
        ],
        "problems": placed.get("", []),
        "filters": _filters(tree, node_index),
        "bands": [band.name for band in reports[0].settings.bands] if reports else [],
    }


def _parent_file(tree: Tree) -> str:
    parent = tree.header.parent_organisation
    return "" if parent is None or parent.file is None else parent.file


def _level(index: int, level: str) -> dict[str, Any]:
    style = level_style(index) if index < len(LEVEL_STYLES) else LEVEL_STYLES[-1]
    return {"k": level, "t": level_title(level), "fill": style.fill, "border": style.border}


def _node(
    tree: Tree,
    node: Node,
    node_index: Mapping[str, int],
    indicator_index: Mapping[str, int],
    missions: frozenset[str],
) -> dict[str, Any]:
    """A node: kode, level, texts, misi, units, children, and its indicators with the
    units answering for each there (``show --unit`` keeps an indicator by those)."""
    listed = [
        [indicator_index[i.code], list(tree.owners_under(node, i)), tree.carried_from(node, i)]
        for i in tree.listed(node)
    ]
    order = {m.code: n for n, m in enumerate(tree.mission_list())}
    return {
        "k": node.code,
        "l": tree.level_index(node),
        "u": node.description,
        "h": node.result or "",
        "m": sorted(missions, key=lambda m: order.get(m, len(order))),
        "o": list(node.owners),
        "n": node.note or "",
        "c": [node_index[k] for k in tree.children.get(node.code, ())],
        # the induk's nodes it serves, and the other offices' nodes it works with
        "sup": list(node.supports),
        "kol": [[c.file, c.code, c.role or ""] for c in node.partners],
        "i": listed,
        "line": tree.line_of(node.code),
    }


def _indicator(
    tree: Tree, indicator: Indicator, node_index: Mapping[str, int], rows: Sequence[dict[str, Row]]
) -> dict[str, Any]:
    """An indicator: its texts, manual IKU, targets and realisasi as written, and per year
    offered its row of the report (target, realisasi, capaian, band)."""
    home = tree.indicator_node[indicator.code]
    return {
        "k": indicator.code,
        "u": indicator.description,
        "s": indicator.unit or "",
        "pol": polarity_label(indicator.overall_polarity, indicator.polarity_written),
        "base": "" if indicator.baseline is None else value_text(indicator.baseline),
        "t": {str(y): _written(v) for y, v in sorted(indicator.written_targets.items())},
        "r": {str(y): _written(v) for y, v in sorted(indicator.realisations.items())},
        "def": indicator.definition or "",
        "f": indicator.formula or "",
        "src": indicator.data_source or "",
        "o": list(tree.owners_of(indicator)),
        "n": indicator.note or "",
        "home": node_index[home],
        "sup": indicator.supports or "",
        "cap": [_capaian(by_code.get(indicator.code)) for by_code in rows],
        "line": tree.line_of(indicator.code),
    }


def _written(value: Actual | None) -> str:
    """A target or realisasi as the file writes it; quarters as ``tw1 2, tw2 3``."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return ", ".join(f"{q} {number_text(value[q])}" for q in QUARTERS if q in value)
    return value_text(value)


def _rows_by_indicator(report: Report) -> dict[str, Row]:
    """The report's row of each indicator (a carried one is scored once, at home)."""
    found: dict[str, Row] = {}
    for row in report.rows:
        found.setdefault(row.indicator.code, row)
    return found


def _capaian(row: Row | None) -> dict[str, str] | None:
    """A row of ``pohon report`` as the text report prints it: target, realisasi (quarters
    combined, or as written), capaian raw and capped, band or status, and why not rated."""
    if row is None:
        return None
    shown = row.realisasi if row.basis else row.written
    return _compact(
        {
            "target": "" if row.target is None else value_text(row.target),
            "realisasi": _written(shown),
            "raw": "" if row.raw is None else number_text(row.raw),
            "capped": "" if row.capped is None else number_text(row.capped),
            "band": row.band or "",
            "status": tr(_STATUS_TEXT[row.status]) if _STATUS_TEXT[row.status] else "",
            "note": "; ".join(p for p in (row.basis, row.reason) if p),
        }
    )


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    """Without its empty texts and lists: a 5,000-node page is a third smaller; the
    page's script puts the empty values back (page.js, ``filled``)."""
    return {k: v for k, v in values.items() if v not in ("", [], {}, None)}


def _filters(tree: Tree, node_index: Mapping[str, int]) -> dict[str, dict[str, list[int]]]:
    """The nodes each unit and each misi matches, as ``show --unit`` / ``--misi`` select
    them; the page adds their ancestors as context, as ``select`` does."""
    units = {
        u.code: sorted(node_index[k] for k in select(tree, Filter(unit=u.code)).matched)
        for u in tree.header.units
    }
    missions = {
        m.code: sorted(node_index[k] for k in select(tree, Filter(misi=m.code)).matched)
        for m in tree.mission_list()
    }
    return {"unit": units, "misi": missions}


def _place_problems(tree: Tree, problems: list[Problem]) -> dict[str, list[dict[str, Any]]]:
    """Each problem under the node or indicator written last before its line ("" for the
    file's header): a problem inside a node's or an indicator's lines is shown there."""
    starts = sorted(
        (line, kode)
        for kode in [*tree.nodes, *tree.indicator_node]
        if (line := tree.line_of(kode)) is not None
    )
    lines = [line for line, _kode in starts]
    placed: dict[str, list[dict[str, Any]]] = {}
    for problem in sorted(problems):
        at = bisect_right(lines, problem.line) - 1
        kode = starts[at][1] if at >= 0 else ""
        placed.setdefault(kode, []).append(
            {
                "file": problem.file,
                "line": problem.line,
                "col": problem.column,
                "code": problem.code,
                "sev": problem.severity,
                "msg": problem.message,
                "hint": problem.hint or "",
            }
        )
    return placed


def page_words() -> dict[str, str]:
    """The words the page's script writes, by the name it uses, in the language of the run
    (``{name}``: what the script fills in)."""
    return {
        "count": _("{count} nodes"),
        "countOne": _("{count} node"),
        "carried": _("from {kode}"),
        "reference": _("→ {uraian} (see under its first parent)"),
        "problems": _("Problems (pohon validate)"),
        "none": _("None."),
        "uraian": _("Description"),
        "hasil": _("Result"),
        "misi": _("Misi"),
        "unit": _("Unit kerja"),
        "catatan": _("Notes"),
        "baris": _("Line"),
        "mendukung": _("Supports (parent)"),
        "kolaborasi": _("Collaboration"),
        "indikator": _("Indicator"),
        "indicatorTitle": _("Indicator {kode}"),
        "simpul": _("Node"),
        "satuan": _("Unit of measure"),
        "polaritas": _("Polarity"),
        "baseline": _("Baseline"),
        "capaianTitle": _("Capaian {year} (pohon report)"),
        "target": _("Target"),
        "realisasi": _("Realisasi"),
        "capaian": _("Capaian (%)"),
        "dibatasi": _("Capped (%)"),
        "predikat": _("Band"),
        "notRated": _("Not rated this year."),
        "targets": _("Targets and realisasi"),
        "tahun": _("Year"),
        "manual": _("Manual IKU"),
        "definisi": _("Definition"),
        "formula": _("Formula"),
        "sumber": _("Data source"),
        "notWritten": _("Not written."),
        "viewMisi": _("Misi {kode}"),
        "viewUnit": _("Unit kerja {unit}"),
        "viewSearch": _("Search: {q}"),
        "viewYear": _("Year {year}"),
        "visi": _("Visi: {visi}"),
        "summary": _("pohon validate: {count} problems (marked ! on the nodes). "),
        "summaryOne": _("pohon validate: {count} problem (marked ! on the node). "),
        "figureTarget": _("T {target}"),
    }


def _template_words() -> dict[str, str]:
    """The template's words (its ``{{T_...}}`` slots), escaped for text and attributes."""
    words = {
        "T_MISI": _("Misi"),
        "T_OFFICE": _("Office"),
        "T_SEARCH": _("Search kode, uraian, indicator, unit…"),
        "T_SEARCH_LABEL": _("Search kode, uraian, indicator or unit kerja"),
        "T_ALL": _("all"),
        "T_UNIT": _("Unit kerja"),
        "T_YEAR": _("Year"),
        "T_DEPTH": _("Depth"),
        "T_EXPAND": _("Open all"),
        "T_COLLAPSE": _("Close all"),
        "T_POSTERS": _("Posters"),
        "T_TREE": _("Pohon kinerja"),
        "T_POSTERS_LABEL": _("Posters by misi"),
        "T_POSTERS_HELP": _("Mouse wheel: zoom · drag: pan · click a box: see it in the tree"),
        "T_PANEL": _("Details"),
        "T_PANEL_CLOSE": _("Close details"),
    }
    return {slot: _attribute(text) for slot, text in words.items()}


def _asset(name: str) -> str:
    return files("pohon_cli.render").joinpath("web", name).read_text(encoding="utf-8")


def json_block(data: Any) -> str:
    """JSON that no text in it can break out of a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE_RE.sub(lambda m: _UNSAFE[m.group()], text)


def _svg(poster: Poster) -> str:
    """dot's SVG as an element of the page: its prolog and doctype dropped."""
    return _PROLOG.sub("", poster.svg, count=1)


def _template(data: dict[str, Any], posters: Sequence[Poster]) -> str:
    """The page: the template's slots filled in one pass, so that a text of the file that
    reads like a slot (``{{SCRIPT}}`` in an uraian) stays text."""
    title = data["offices"][0]["short"] if data["offices"] else ""
    slots = {
        "TITLE": _attribute(_("Pohon kinerja — {name}", name=title)),
        "LANG": language(),
        "STYLE": _asset("page.css"),
        "POSTERS": "\n".join(
            f'<figure class="poster" data-poster="{i}" hidden>{_svg(p)}</figure>'
            for i, p in enumerate(posters)
        ),
        "DATA": json_block(data),
        "SCRIPT": _asset("page.js"),
        **_template_words(),
    }
    return _SLOT.sub(lambda m: slots[m.group(1)], _asset("page.html"))


def _attribute(text: str) -> str:
    """Text for an HTML element's content or a quoted attribute."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
