"""Does the tree cover the office? Every misi served, every unit accountable, every leaf owned."""

from __future__ import annotations

from collections.abc import Iterator

from pohon_cli.i18n import N_, _
from pohon_cli.model import Tree
from pohon_cli.problem import Problem
from pohon_cli.rules.base import Option, Options, Rule, at, clip, top


def _misi_not_served(tree: Tree, options: Options) -> Iterator[Problem]:
    served = {misi for node in tree.nodes.values() for misi in node.missions}
    if not served:
        return  # the file does not link nodes to misi at all: nothing to compare
    header = tree.header
    # the misi the file speaks of: its own, or (a perangkat daerah) its induk's
    where: tuple[str, ...] = ("misi",) if header.missions else ("induk", "misi")
    for i, mission in enumerate(header.declared_missions()):
        if mission.code not in served:
            yield MISI_NOT_SERVED.problem(
                tree,
                top(tree, *where, i, "kode"),
                _(
                    'no node serves the misi `{kode}` ("{uraian}")',
                    kode=mission.code,
                    uraian=clip(mission.description),
                ),
                _("list `{kode}` in the `misi` of the nodes that carry it out", kode=mission.code),
            )


MISI_NOT_SERVED = Rule(
    code="PK109",
    name="misi-not-served",
    severity="warning",
    summary=N_("A misi of the office is served by no node of the tree."),
    rationale=N_(
        "The tree is how an office carries out its misi. A misi that no tujuan or sasaran "
        "serves is a promise without a plan, and evaluators check that the goals follow "
        "from the misi. Silent when no node lists any misi (the file does not link them). "
        "A perangkat daerah that declares no `misi` of its own serves the kepala daerah's, "
        "written under `induk: misi:`: those are then the misi checked."
    ),
    bad="""\
misi:
  - {kode: M1, uraian: Meningkatkan partisipasi pemilih}
  - {kode: M2, uraian: Meningkatkan kualitas pelayanan}
pohon:
  - kode: T1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    misi: [M1]
""",
    good="""\
misi:
  - {kode: M1, uraian: Meningkatkan partisipasi pemilih}
  - {kode: M2, uraian: Meningkatkan kualitas pelayanan}
pohon:
  - kode: T1
    jenjang: tujuan
    uraian: Meningkatnya partisipasi pemilih
    misi: [M1]
  - kode: T2
    jenjang: tujuan
    uraian: Meningkatnya kualitas pelayanan
    misi: [M2]
""",
    check=_misi_not_served,
)


def _unit_owns_nothing(tree: Tree, options: Options) -> Iterator[Problem]:
    # every unit named, partners as well as leads
    owners = {kode for node in tree.nodes.values() for kode in node.owners}
    owners |= {kode for _node, ind in tree.indicators() for kode in ind.owners}
    if not owners:
        return  # the file does not assign units at all
    above = {unit.code: unit.parent for unit in tree.header.units}
    covered: set[str] = set()
    for owner in owners:
        # a unit answers through the units below it: mark the whole chain of atasan
        unit: str | None = owner
        while unit is not None and unit not in covered:
            covered.add(unit)
            unit = above.get(unit)
    for i, unit_def in enumerate(tree.header.units):
        if unit_def.code not in covered:
            yield UNIT_OWNS_NOTHING.problem(
                tree,
                top(tree, "unit_kerja", i, "kode"),
                _(
                    "the unit kerja `{kode}` ({name}) answers for no node or indicator, nor "
                    "does any unit below it",
                    kode=unit_def.code,
                    name=clip(unit_def.name, 40),
                ),
                _("make it the penanggung_jawab of its work, or remove it from unit_kerja"),
            )


UNIT_OWNS_NOTHING = Rule(
    code="PK110",
    name="unit-owns-nothing",
    severity="info",
    summary=N_("A unit kerja is the penanggung_jawab of nothing."),
    rationale=N_(
        "Cascading translates the tree into each unit's performance agreement; a unit that "
        "answers for nothing (itself or through the units below it) gets no agreement. "
        "Often a unit added to the list but never given its part of the tree. Silent when "
        "the file assigns no units at all."
    ),
    bad="""\
unit_kerja:
  - {kode: SEKRETARIAT, nama: Sekretariat}
  - {kode: TEKNIS, nama: Subbagian Teknis, atasan: SEKRETARIAT}
  - {kode: HUKUM, nama: Subbagian Hukum, atasan: SEKRETARIAT}
pohon:
  - kode: K1
    jenjang: kegiatan
    uraian: Pelaksanaan Teknis Pemilu
    penanggung_jawab: TEKNIS
""",
    good="""\
unit_kerja:
  - {kode: SEKRETARIAT, nama: Sekretariat}
  - {kode: TEKNIS, nama: Subbagian Teknis, atasan: SEKRETARIAT}
  - {kode: HUKUM, nama: Subbagian Hukum, atasan: SEKRETARIAT}
pohon:
  - kode: K1
    jenjang: kegiatan
    uraian: Pelaksanaan Teknis Pemilu
    penanggung_jawab: TEKNIS
  - kode: K2
    jenjang: kegiatan
    uraian: Pelaksanaan Bantuan Hukum
    penanggung_jawab: HUKUM
""",
    check=_unit_owns_nothing,
)


def _without_owner(tree: Tree, options: Options) -> Iterator[Problem]:
    if not tree.header.units:
        return  # the file names no unit kerja: accountability is not recorded here
    levels = options.chosen("levels")
    for node in tree.nodes.values():
        if node.owners:
            continue
        if node.indicators and all(ind.owners for ind in node.indicators):
            continue  # answered for indicator by indicator, as a cascading matrix does
        if levels is None:
            if tree.children.get(node.code):
                continue
            message = _(
                "`{kode}` is a leaf with no `penanggung_jawab`: no unit answers for it",
                kode=node.code,
            )
        elif node.level.casefold() in levels:
            message = _(
                "`{kode}` is a {level} with no `penanggung_jawab`: no unit answers for it",
                kode=node.code,
                level=node.level,
            )
        else:
            continue
        yield MISSING_PENANGGUNG_JAWAB.problem(
            tree,
            at(tree, node.code, "kode"),
            message,
            _("add `penanggung_jawab:` with the kode of a unit kerja"),
        )


MISSING_PENANGGUNG_JAWAB = Rule(
    code="PK111",
    name="missing-penanggung-jawab",
    severity="warning",
    summary=N_("A node where an accountable unit is expected has no `penanggung_jawab`."),
    rationale=N_(
        "Every leaf of the tree needs a unit that answers for it, or the tree does not "
        "translate into anyone's performance agreement. By default the leaves are checked "
        "(nodes without children); `levels` lists the levels to check instead. A node each "
        "of whose indicators names its own `penanggung_jawab` is answered for through them "
        "(a cascading matrix names a unit per indicator). Silent when the file declares no "
        "`unit_kerja`."
    ),
    bad="""\
unit_kerja:
  - {kode: TEKNIS, nama: Subbagian Teknis}
pohon:
  - kode: K1
    jenjang: kegiatan
    uraian: Pelaksanaan Teknis Pemilu
""",
    good="""\
unit_kerja:
  - {kode: TEKNIS, nama: Subbagian Teknis}
pohon:
  - kode: K1
    jenjang: kegiatan
    uraian: Pelaksanaan Teknis Pemilu
    penanggung_jawab: TEKNIS
""",
    check=_without_owner,
    options=(
        Option(
            "levels",
            "words",
            None,
            N_("levels whose nodes need a penanggung_jawab (default: the leaves of the tree)"),
        ),
    ),
)

# Every rule of this family: the registry (``pohon_cli.rules``) reads them from here only.
RULES: tuple[Rule, ...] = (MISI_NOT_SERVED, UNIT_OWNS_NOTHING, MISSING_PENANGGUNG_JAWAB)
