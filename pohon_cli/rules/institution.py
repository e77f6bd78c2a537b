"""Text that names another office: rows copied from another office's tree and left unedited.

An office is recognised as an institution word ("KPU", "Dinas", ...) followed, within a
few words, by a region: its kind (Provinsi, Kabupaten, Kota, ...) and its capitalised
name. A mention is the file's own office when its region is the region of `instansi`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pohon_cli.i18n import N_, _
from pohon_cli.model import Indicator, Node, Tree
from pohon_cli.problem import Problem
from pohon_cli.rules.base import Option, Options, Rule, at, span

REGION_KINDS: dict[str, str] = {
    "provinsi": "provinsi",
    "prov": "provinsi",
    "kabupaten": "kabupaten",
    "kab": "kabupaten",
    "kota": "kota",
    "kecamatan": "kecamatan",
    "kec": "kecamatan",
    "desa": "desa",
    "kelurahan": "kelurahan",
}
# how far down the government each kind of region lies: an office oversees the ones below
REGION_TIERS: dict[str, int] = {
    "provinsi": 0,
    "kabupaten": 1,
    "kota": 1,
    "kecamatan": 2,
    "desa": 3,
    "kelurahan": 3,
}
INSTITUTION_WORDS: tuple[str, ...] = (
    "KPU",
    "KIP",
    "Bawaslu",
    "Panwaslu",
    "Panwaslih",
    "Pemerintah",
    "Pemda",
    "Pemprov",
    "Pemkab",
    "Pemkot",
    "Dinas",
    "Badan",
    "Bappeda",
    "Inspektorat",
    "Sekretariat",
    "DPRD",
    "Kantor",
    "RSUD",
    "Kejaksaan",
    "Pengadilan",
)
RELATION_WORDS: tuple[str, ...] = ("ke", "kepada", "dari", "dengan", "bersama", "antara")
# how many words may stand between the institution word and the region
_REACH = 4
_TOKEN = re.compile(r"[^\s,;:()\"“”]+")
_APART = str.maketrans(dict.fromkeys("/,;:()\"“”.'", " "))
_REGION = re.compile(r"(?<!\w)(?:" + "|".join(REGION_KINDS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    kind: str
    name: tuple[str, ...]


def _region_kind(token: str) -> str | None:
    return REGION_KINDS.get(token.casefold().rstrip("."))


def _name_after(tokens: list[re.Match[str]], i: int) -> tuple[int, tuple[str, ...]]:
    """The capitalised words that follow the region kind at ``i``, and where they end."""
    end = tokens[i].end()
    name: list[str] = []
    for token in tokens[i + 1 : i + 5]:
        word = token.group()
        if not word[:1].isupper() or "/" in word or _region_kind(word):
            break
        name.append(word.rstrip(".").casefold())
        end = token.end()
    return end, tuple(name)


def _regions(text: str) -> set[tuple[str, tuple[str, ...]]]:
    """The regions named in an office's own name: ``Kabupaten Bengkulu Tengah``."""
    tokens = list(_TOKEN.finditer(text))
    found: set[tuple[str, tuple[str, ...]]] = set()
    for i, token in enumerate(tokens):
        kind = _region_kind(token.group())
        if kind is not None:
            found.add((kind, _name_after(tokens, i)[1]))
    return found


def _mentions(
    text: str, institutions: frozenset[str], relations: frozenset[str]
) -> Iterator[_Mention]:
    tokens = list(_TOKEN.finditer(text))
    # the last token of the previous mention: an institution word before it belongs to it
    taken = -1
    for i, token in enumerate(tokens):
        kind = _region_kind(token.group())
        if kind is None:
            continue
        owner = next(
            (
                j
                for j in range(i - 1, max(-1, i - 1 - _REACH), -1)
                if any(part.casefold() in institutions for part in tokens[j].group().split("/"))
            ),
            None,
        )
        if owner is None:
            continue
        if owner > 0 and tokens[owner - 1].group().casefold() in relations:
            continue  # "laporan ke KPU Provinsi": a relation with another office, not a copy
        end, name = _name_after(tokens, i)
        # "KPU Kota A dan Kota B": the second office starts at its own region, not at "KPU"
        start = tokens[owner].start() if owner > taken else token.start()
        taken = max(taken, i + len(name))
        yield _Mention(start, end, kind, name)


def _is_own(mention: _Mention, own: set[tuple[str, tuple[str, ...]]]) -> bool:
    for kind, name in own:
        if mention.kind != kind:
            continue
        if not mention.name or mention.name[: len(name)] == name:
            return True
        if _initials(mention.name) == name or _initials(name) == mention.name:
            return True  # "Provinsi NTB" for "Provinsi Nusa Tenggara Barat"
    return False


def _initials(name: tuple[str, ...]) -> tuple[str, ...] | None:
    """``(nusa, tenggara, barat)`` → ``(ntb,)``: the way a region's name is abbreviated."""
    return ("".join(word[0] for word in name),) if len(name) > 1 else None


def _below(mention: _Mention, own: set[tuple[str, tuple[str, ...]]]) -> bool:
    """A region below the office's own (a Kecamatan's desa, a province's kabupaten): an
    office the tree oversees or works through, not one it was copied from."""
    lowest = max(REGION_TIERS[kind] for kind, _name in own)
    return REGION_TIERS[mention.kind] > lowest


def _other_institution(tree: Tree, options: Options) -> Iterator[Problem]:
    institution = tree.header.institution
    own = _regions(institution.name)
    if institution.short_name:
        own |= _regions(institution.short_name)
    if not own:
        return  # a national office, or a name without a region: nothing to compare with
    words = set(options.folded("institution-words"))
    for name in (institution.name, institution.short_name or ""):
        words.update(w.casefold() for w in name.split()[:1])
    institutions = frozenset(words)
    relations = options.folded("relation-words")
    national = options.flag("check-national")
    own_name = institution.short_name or institution.name
    for item in _items(tree):
        if item.national and not national:
            continue
        for key, text in _texts(item):
            # a cheap look before the words are read one by one: most texts name no office
            if not text or institutions.isdisjoint(text.casefold().translate(_APART).split()):
                continue
            if not _REGION.search(text):
                continue
            for mention in _mentions(text, institutions, relations):
                if _is_own(mention, own) or _below(mention, own):
                    continue
                named = text[mention.start : mention.end]
                pos, end = span(tree, at(tree, item.code, key), text, mention.start, mention.end)
                yield OTHER_INSTITUTION.problem(
                    tree,
                    pos,
                    _(
                        '`{kode}` names "{name}", another office than this file\'s instansi '
                        "({instansi})",
                        kode=item.code,
                        name=named,
                        instansi=own_name,
                    ),
                    _("copied from another office's tree? name this office instead"),
                    end,
                )


def _items(tree: Tree) -> Iterator[Node | Indicator]:
    for node in tree.nodes.values():
        yield node
        yield from node.indicators


def _texts(item: Node | Indicator) -> tuple[tuple[str, str | None], ...]:
    """The texts of an item that state what it is: not `catatan`, a note about the text."""
    if isinstance(item, Node):
        return (("uraian", item.description),)
    return (("uraian", item.description), ("definisi", item.definition), ("formula", item.formula))


OTHER_INSTITUTION = Rule(
    code="PK108",
    name="other-institution",
    severity="warning",
    summary=N_("A node or indicator names another office than the file's `instansi`."),
    rationale=N_(
        "Offices often start their tree from another office's (the province's, a "
        "neighbouring city's) and forget to edit a row: the published tree then promises "
        "results of an office that is not theirs. An office is an institution word "
        '("KPU", "Dinas", ...; the first word of `instansi` counts too) followed by a '
        "region (Provinsi, Kabupaten, Kota, ...) other than the file's own, whose name may "
        'be abbreviated ("Provinsi NTB" is "Provinsi Nusa Tenggara Barat"). A relation '
        '("laporan ke KPU Provinsi", "dari", "dengan", ...) is not flagged, nor an office '
        "of a region below the file's own (a Kecamatan's Pemerintah Desa, a province's "
        "Dinas Kabupaten: offices it oversees), nor "
        "enumerations such as Kabupaten/Kota, nor inherited national items "
        "(`nasional: true`) unless `check-national` is set. Silent when `instansi` names "
        "no region."
    ),
    bad="""\
instansi:
  nama: Komisi Pemilihan Umum Kabupaten Bengkulu Tengah
  singkatan: KPU Kabupaten Bengkulu Tengah
pohon:
  - kode: K1
    jenjang: kegiatan
    uraian: Penyusunan Peraturan
    indikator:
      - kode: K1.1
        uraian: Persentase peraturan KPU Kota Bengkulu yang disusun tepat waktu
        satuan: persen
        target: {2024: 100}
""",
    good="""\
instansi:
  nama: Komisi Pemilihan Umum Kabupaten Bengkulu Tengah
  singkatan: KPU Kabupaten Bengkulu Tengah
pohon:
  - kode: K1
    jenjang: kegiatan
    uraian: Penyusunan Peraturan
    indikator:
      - kode: K1.1
        uraian: Persentase peraturan KPU Kabupaten Bengkulu Tengah yang disusun tepat waktu
        satuan: persen
        target: {2024: 100}
""",
    check=_other_institution,
    options=(
        Option(
            "institution-words",
            "words",
            INSTITUTION_WORDS,
            N_("words that start the name of an office"),
        ),
        Option(
            "relation-words",
            "words",
            RELATION_WORDS,
            N_("words before an office that make it a relation, not a copy"),
        ),
        Option("check-national", "flag", False, N_("also check items with `nasional: true`")),
    ),
)

# Every rule of this family: the registry (``pohon_cli.rules``) reads them from here only.
RULES: tuple[Rule, ...] = (OTHER_INSTITUTION,)
