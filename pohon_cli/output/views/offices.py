"""``pohon show DIR`` and ``pohon units DIR``: the offices of a workspace under their
parents (``induk.berkas``), one entry each, with what its file holds, how it links to
the others and how many problems ``pohon validate`` finds in it; for ``units``, the
units kerja of each office and what each answers for, condensed from ``units FILE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TextIO

from pohon_cli.i18n import _
from pohon_cli.offices import Branch, Cascade, Counts, Problems, common_folder, shown_path
from pohon_cli.output import counts, tables
from pohon_cli.output.terminal import Item, Printer, Screen, Segment, detect, flat
from pohon_cli.output.views.units import Account, UnitsRequest, cascade
from pohon_cli.output.writer import Writer


@dataclass(frozen=True, slots=True)
class OfficesRequest:
    """The offices to show, under their parents."""

    cascade: Cascade


def _problems_text(problems: Problems | None) -> str:
    if problems is None:
        return _("not given: not checked")
    said = [
        counts.errors(problems.errors) if problems.errors else "",
        counts.warnings(problems.warnings) if problems.warnings else "",
    ]
    return ", ".join(s for s in said if s) or _("no problem")


def _counts_text(found: Counts) -> str:
    return _(
        "{nodes}, {indicators}, {supports} mendukung, {carried} carried, {partners} kolaborasi",
        nodes=counts.nodes(found.nodes),
        indicators=counts.indicators(found.indicators),
        supports=found.supports,
        carried=found.carried,
        partners=found.partners,
    )


def _name_parts(branch: Branch, folder: str) -> list[Segment]:
    """``nama (singkatan)  file``; a file that did not load has only its file."""
    where = shown_path(branch.office.path, folder)
    tree = branch.tree
    if tree is None:
        return [(where, "kode")]
    institution = tree.header.institution
    parts: list[Segment] = [(flat(institution.name), "kode")]
    if institution.short_name:
        parts.append((f" ({flat(institution.short_name)})", ""))
    parts.append((f"  {where}", "unit"))
    return parts


def _office_item(branch: Branch, folder: str) -> Item:
    parts = _name_parts(branch, folder)
    found = branch.counts
    parts.append((" · ", "guide"))
    parts.append((_("did not load") if found is None else _counts_text(found), "figures"))
    parts.append((" · ", "guide"))
    style = "note" if branch.problems is None or not branch.problems.total else "header"
    parts.append((_problems_text(branch.problems), style))
    return Item(parts)


def _totals(tree: Cascade) -> tuple[int, int, int, Problems, int]:
    """Offices, nodes, indicators, problems and offices not given, over every office."""
    branches = list(tree.walk())
    counted = [c for c in (b.counts for b in branches) if c is not None]
    problems = [b.problems for b in branches if b.problems is not None]
    return (
        len(branches),
        sum(c.nodes for c in counted),
        sum(c.indicators for c in counted),
        Problems(sum(p.errors for p in problems), sum(p.warnings for p in problems)),
        sum(b.problems is None for b in branches),
    )


def _totals_text(tree: Cascade) -> str:
    totals = _totals(tree)
    problems = totals[3]
    return _(
        "{offices}; {problems} ({errors}, {warnings})",
        offices=_offices_text(totals),
        problems=counts.problems(problems.total),
        errors=counts.errors(problems.errors),
        warnings=counts.warnings(problems.warnings),
    )


def _units_totals_text(tree: Cascade) -> str:
    return _offices_text(_totals(tree))


def _offices_text(totals: tuple[int, int, int, Problems, int]) -> str:
    """``7 offices (1 not given): 33 nodes, 36 indicators``."""
    offices, nodes, indicators, _problems, linked = totals
    values = {
        "offices": counts.offices(offices),
        "nodes": counts.nodes(nodes),
        "indicators": counts.indicators(indicators),
    }
    if linked:
        return _("{offices} ({linked} not given): {nodes}, {indicators}", linked=linked, **values)
    return _("{offices}: {nodes}, {indicators}", **values)


def _items(request: OfficesRequest, entry: Any, totals: Any = _totals_text) -> list[Item]:
    """The offices as a tree of items (``entry`` makes one office's item, without the
    offices under it), under the folder they share, then the ``totals`` line."""
    tree = request.cascade
    folder = common_folder([b.office.path for b in tree.walk()])
    items: list[Item] = []
    if folder:
        items.append(Item([(_("offices under {folder}/", folder=folder), "header")]))
    made: dict[int, Item] = {}
    for branch in tree.walk():
        made[id(branch)] = entry(branch, folder)
    for branch in tree.walk():
        made[id(branch)].children.extend(made[id(b)] for b in branch.below)
    items.extend(made[id(b)] for b in tree.tops)
    items.append(Item([(totals(tree), "header")]))
    return items


def write_text(request: OfficesRequest, out: TextIO, screen: Screen | None = None) -> None:
    screen = screen or detect(out)
    Printer(out, screen).tree(_items(request, _office_item))


# -- json -------------------------------------------------------------------------------


def _office_json(branch: Branch) -> dict[str, Any]:
    tree, found, problems = branch.tree, branch.counts, branch.problems
    institution = None if tree is None else tree.header.institution
    return {
        "file": branch.office.path,
        "instansi": None
        if institution is None
        else {"nama": institution.name, "singkatan": institution.short_name},
        "induk": branch.parent,
        "diberikan": branch.office.given,
        "dimuat": tree is not None,
        "jumlah_simpul": None if found is None else found.nodes,
        "jumlah_indikator": None if found is None else found.indicators,
        "jumlah_mendukung": None if found is None else found.supports,
        "jumlah_indikator_mendukung": None if found is None else found.carried,
        "jumlah_kolaborasi": None if found is None else found.partners,
        "jumlah_kesalahan": None if problems is None else problems.errors,
        "jumlah_peringatan": None if problems is None else problems.warnings,
    }


def _json(request: OfficesRequest, entry: Any) -> dict[str, Any]:
    """``{kantor: [office with its anak], jumlah}``; built bottom-up without recursion."""
    tree = request.cascade
    made: dict[int, dict[str, Any]] = {}
    branches = list(tree.walk())
    for branch in reversed(branches):
        shown = entry(branch)
        shown["anak"] = [made[id(b)] for b in branch.below]
        made[id(branch)] = shown
    offices, nodes, indicators, problems, linked = _totals(tree)
    return {
        "kantor": [made[id(b)] for b in tree.tops],
        "jumlah": {
            "kantor": offices,
            "kantor_tidak_diberikan": linked,
            "simpul": nodes,
            "indikator": indicators,
            "kesalahan": problems.errors,
            "peringatan": problems.warnings,
        },
    }


def write_json(request: OfficesRequest, out: TextIO, screen: Screen | None = None) -> None:
    tables.write_json(_json(request, _office_json), out)


FORMATS: dict[str, Writer[OfficesRequest]] = {
    "text": write_text,
    "json": write_json,
}


# -- units -------------------------------------------------------------------------------


def _accounts(branch: Branch) -> tuple[list[Account], Account]:
    tree = branch.tree
    assert tree is not None
    return cascade(UnitsRequest(tree, tree.nodes.keys(), None, tree.header.year, True))


def _account_parts(account: Account) -> list[Segment]:
    unit = account.unit
    values = {
        "nodes": counts.nodes(account.nodes),
        "indicators": counts.indicators(account.indicators),
    }
    counted = " " + _("({nodes}, {indicators})", **values)
    if unit is None:
        return [(_("no unit kerja"), "kode"), (counted, "unit")]
    if not (account.nodes or account.indicators or account.below):
        counted = " " + _("({nodes}, {indicators}): answers for nothing", **values)
    return [
        (unit.code, "kode"),
        (" " + _("[unit]") + " ", "note"),
        (flat(unit.name), ""),
        (counted, "unit"),
    ]


def _units_item(branch: Branch, folder: str) -> Item:
    """The office's line, then its units under their atasan with what each answers for,
    and what no unit answers for."""
    parts = _name_parts(branch, folder)
    found = branch.counts
    parts.append((" · ", "guide"))
    if found is None:
        parts.append((_("did not load"), "figures"))
        return Item(parts)
    shown = _(
        "{nodes}, {indicators}",
        nodes=counts.nodes(found.nodes),
        indicators=counts.indicators(found.indicators),
    )
    parts.append((shown, "figures"))
    item = Item(parts)
    tops, nobody = _accounts(branch)
    stack: list[tuple[Account, Item]] = []
    for account in tops + ([nobody] if nobody.duties else []):
        child = Item(_account_parts(account))
        item.children.append(child)
        stack.append((account, child))
    while stack:  # iterative: a chain of atasan may be long
        account, above = stack.pop()
        for below in account.below:
            child = Item(_account_parts(below))
            above.children.append(child)
            stack.append((below, child))
    if not tops and not nobody.duties:
        item.children.append(Item([(_("declares no unit kerja"), "note")]))
    return item


def write_units_text(request: OfficesRequest, out: TextIO, screen: Screen | None = None) -> None:
    screen = screen or detect(out)
    Printer(out, screen).tree(_items(request, _units_item, _units_totals_text))


def _unit_json(account: Account) -> dict[str, Any]:
    unit = account.unit
    assert unit is not None
    return {
        "kode": unit.code,
        "nama": unit.name,
        "atasan": unit.parent,
        "jumlah_simpul": account.nodes,
        "jumlah_indikator": account.indicators,
    }


def _office_units_json(branch: Branch) -> dict[str, Any]:
    shown = _office_json(branch)
    kept = ("file", "instansi", "induk", "diberikan", "dimuat", "jumlah_simpul")
    office = {key: shown[key] for key in kept}
    office["jumlah_indikator"] = shown["jumlah_indikator"]
    if branch.tree is None:
        office["unit_kerja"], office["tanpa_unit"] = [], None
        return office
    tops, nobody = _accounts(branch)
    every: list[Account] = []
    stack = list(reversed(tops))
    while stack:
        account = stack.pop()
        every.append(account)
        stack.extend(reversed(account.below))
    office["unit_kerja"] = [_unit_json(a) for a in every]
    office["tanpa_unit"] = {"jumlah_simpul": nobody.nodes, "jumlah_indikator": nobody.indicators}
    return office


def write_units_json(request: OfficesRequest, out: TextIO, screen: Screen | None = None) -> None:
    data = _json(request, _office_units_json)
    kept = ("kantor", "kantor_tidak_diberikan", "simpul", "indikator")
    data["jumlah"] = {k: data["jumlah"][k] for k in kept}
    tables.write_json(data, out)


UNITS_FORMATS: dict[str, Writer[OfficesRequest]] = {
    "text": write_units_text,
    "json": write_units_json,
}
