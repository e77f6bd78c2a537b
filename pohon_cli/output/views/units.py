"""``pohon units``: the *Cascading Akuntabilitas Kinerja* page. Each unit kerja under its
atasan, with its duties, the nodes it owns and the indicators it answers for (also on
nodes another unit owns), and a count; what nobody answers for comes last."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, TextIO

from pohon_cli.i18n import _
from pohon_cli.model import Indicator, Node, Tree, Unit
from pohon_cli.output import counts, tables
from pohon_cli.output.terminal import Item, Printer, Screen, detect, flat
from pohon_cli.output.views.show import indicator_item, node_parts, result_line
from pohon_cli.output.writer import Writer


@dataclass(frozen=True, slots=True)
class UnitsRequest:
    """The tree, the nodes to account for (what the filters selected), the unit to start
    from (``--unit``: it and the units under it), the year of the targets shown."""

    tree: Tree
    nodes: Collection[str]
    top: str | None
    year: int
    indicators: bool = True


@dataclass(frozen=True, slots=True)
class Duty:
    """A node a unit answers for: ``owns`` when it is one of the node's penanggung_jawab
    (else it answers only for some of its indicators), and the indicators it answers for.
    A node or indicator of several units is a duty of each: ``partner`` when this unit
    owns the node but is not its lead."""

    node: Node
    owns: bool
    indicators: tuple[Indicator, ...]
    partner: bool = False


@dataclass(slots=True)
class Account:
    """One unit kerja (None: nobody) and what it answers for, with the units under it."""

    unit: Unit | None
    duties: list[Duty] = field(default_factory=list)
    below: list[Account] = field(default_factory=list)

    @property
    def nodes(self) -> int:
        return sum(d.owns for d in self.duties)

    @property
    def indicators(self) -> int:
        # an indicator carried down is listed under each node carrying it, counted once
        return len({i.code for d in self.duties for i in d.indicators})


def cascade(request: UnitsRequest) -> tuple[list[Account], Account]:
    """The accounts of the top units (each with the units under it), and the account of
    what no unit answers for."""
    tree = request.tree
    units = tree.header.units
    accounts: dict[str | None, Account] = {u.code: Account(u) for u in units}
    nobody = accounts[None] = Account(None)
    for kode, node in tree.nodes.items():
        if kode not in request.nodes:
            continue
        owners = node.owners or (None,)
        answering: dict[str | None, list[Indicator]] = {owner: [] for owner in owners}
        for indicator in tree.listed(node):
            for owner in tree.owners_under(node, indicator) or (None,):
                answering.setdefault(owner, []).append(indicator)
        for owner, indicators in answering.items():
            duty = Duty(node, owner in owners, tuple(indicators), owner in owners[1:])
            accounts[owner].duties.append(duty)
    tops: list[Account] = []
    for unit in units:
        if unit.parent is None or unit.parent not in accounts:
            tops.append(accounts[unit.code])
        else:
            accounts[unit.parent].below.append(accounts[unit.code])
    if request.top is not None:
        tops = [accounts[request.top]]
    return tops, nobody


def _counts(account: Account) -> str:
    nodes, indicators = counts.nodes(account.nodes), counts.indicators(account.indicators)
    return " " + _("({nodes}, {indicators})", nodes=nodes, indicators=indicators)


class _TextView:
    def __init__(self, request: UnitsRequest, screen: Screen) -> None:
        self.request = request
        self.g = screen.glyphs
        self.levels = {name: i for i, name in enumerate(request.tree.header.levels)}

    def duty(self, duty: Duty) -> Item:
        request = self.request
        node = duty.node
        item = Item(node_parts(node, self.levels, owner=not duty.owns))
        if duty.owns and len(node.owners) > 1:
            # shared: the lead sees its partners, a partner sees the lead
            with_ = (
                _("(partner of {kode})", kode=node.owner)
                if duty.partner
                else _("(lead, with {kodes})", kodes=", ".join(node.owners[1:]))
            )
            item.parts.append((f" {with_}", "unit"))
        item.more = result_line(node)
        if request.indicators:
            item.children = [
                indicator_item(request.tree, duty.node, i, request.year, self.g)
                for i in duty.indicators
            ]
        return item

    def own(self, account: Account) -> Item:
        """A unit's entry with its duties and nodes, without the units under it."""
        unit = account.unit
        if unit is None:
            item = Item([(_("no unit kerja"), "kode"), (_counts(account), "unit")])
        else:
            item = Item([(unit.code, "kode"), (" ", ""), (flat(unit.name), "")])
            item.parts.append((_counts(account), "unit"))
            item.children = [Item([("tugas: ", "note"), (flat(t), "")]) for t in unit.duties]
        item.children.extend(self.duty(d) for d in account.duties)
        return item

    def account(self, top: Account) -> Item:
        # iterative: a chain of atasan may be longer than Python's recursion allows
        root = self.own(top)
        stack = [(top, root)]
        while stack:
            account, item = stack.pop()
            for below in account.below:
                child = self.own(below)
                item.children.append(child)
                stack.append((below, child))
        return root

    def items(self) -> list[Item]:
        tops, nobody = cascade(self.request)
        items = [self.account(a) for a in tops]
        if nobody.duties and self.request.top is None:
            items.append(self.account(nobody))
        return items


def write_text(request: UnitsRequest, out: TextIO, screen: Screen | None = None) -> None:
    screen = screen or detect(out)
    Printer(out, screen).tree(_TextView(request, screen).items())


def _walk(tops: list[Account]) -> list[Account]:
    """Every account, each before the units under it, in file order."""
    found: list[Account] = []
    stack = list(reversed(tops))
    while stack:
        account = stack.pop()
        found.append(account)
        stack.extend(reversed(account.below))
    return found


def _account_json(account: Account) -> dict[str, Any]:
    unit = account.unit
    return {
        "kode": None if unit is None else unit.code,
        "nama": None if unit is None else unit.name,
        "atasan": None if unit is None else unit.parent,
        "tugas": [] if unit is None else list(unit.duties),
        "jumlah_simpul": account.nodes,
        "jumlah_indikator": account.indicators,
        "simpul": [
            {
                "kode": d.node.code,
                "jenjang": d.node.level,
                "penanggung_jawab": d.node.owner,  # a unit kode, as everywhere else
                "penanggung_jawab_lain": list(d.node.owners[1:]),
                "indikator": [i.code for i in d.indicators],
            }
            for d in account.duties
        ],
    }


def write_json(request: UnitsRequest, out: TextIO, screen: Screen | None = None) -> None:
    """Every unit once, each before the units under it (``atasan`` links them), with
    the nodes it answers for: whether it owns each (``penanggung_jawab``, the lead, or
    ``penanggung_jawab_lain``, the partners) and the kode of the indicators it answers
    for; then what no unit answers for. A node of several units is listed under each."""
    tops, nobody = cascade(request)
    data = {
        "unit_kerja": [_account_json(a) for a in _walk(tops)],
        "tanpa_unit": _account_json(nobody)["simpul"] if request.top is None else [],
    }
    tables.write_json(data, out)


FORMATS: dict[str, Writer[UnitsRequest]] = {
    "text": write_text,
    "json": write_json,
}
