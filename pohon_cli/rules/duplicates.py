"""The same statement twice: copy-paste between nodes or indicators. One pass, one dict
(a rule), never a comparison of every pair."""

from __future__ import annotations

from collections.abc import Iterator

from pohon_cli.i18n import N_, _
from pohon_cli.model import Tree
from pohon_cli.problem import Problem
from pohon_cli.rules.base import Option, Options, Rule, at, clip

# (kode, uraian, national?): plain tuples, one per node and indicator
_Item = tuple[str, str, bool]


def _items(tree: Tree) -> Iterator[_Item]:
    """Nodes and their indicators, in the order the file writes them."""
    for node in tree.nodes.values():
        yield node.code, node.description, node.national
        for indicator in node.indicators:
            yield indicator.code, indicator.description, indicator.national


def _pairs(tree: Tree, options: Options, exact: bool) -> Iterator[tuple[_Item, _Item]]:
    """Each item whose text an earlier item already has: as written (``exact``), or up to
    case and spacing, where a repeat of words already seen as written is left to ``exact``.
    """
    inherited = options.flag("include-inherited")
    # (text, or its normalised form; national?) -> the first item with it
    first: dict[tuple[str, bool], _Item] = {}
    # for normalised texts that repeat: the texts seen as written
    variants: dict[tuple[str, bool], set[str]] = {}
    same: _Item | None
    for item in _items(tree):
        __, text, national = item
        key = (text if exact else " ".join(text.casefold().split()), national)
        if not inherited:
            # one look-up: the item itself when its text is new
            same = first.setdefault(key, item)
            if same is item:
                continue
        else:
            same = first.get(key)
        if same is None and inherited:
            key = (key[0], not national)
            same = first.get(key)
        if same is None:
            # an inherited item and the office's copy of it are cascading, not copy-paste
            first[key[0], national] = item
            continue
        if not exact:
            seen = variants.setdefault(key, {same[1]})
            if text in seen:
                continue  # the same words as written: PK112's to report
            seen.add(text)
        yield same, item


def _report(rule: Rule, tree: Tree, options: Options, exact: bool) -> Iterator[Problem]:
    for first, (kode, text, __) in _pairs(tree, options, exact):
        said = {
            "kode": kode,
            "first": first[0],
            "line": at(tree, first[0], "uraian")[0],
            "text": clip(text),
        }
        if exact:
            message = _('`{kode}` has the same uraian as `{first}` (line {line}): "{text}"', **said)
        else:
            message = _(
                "the uraian of `{kode}` differs from that of `{first}` (line {line}) only in "
                'case or spacing: "{text}"',
                **said,
            )
        yield rule.problem(
            tree,
            at(tree, kode, "uraian"),
            message,
            _(
                "when it is the same node, write it once and `rujuk` it; otherwise say how "
                "the two differ"
            ),
        )


def _duplicate(tree: Tree, options: Options) -> Iterator[Problem]:
    return _report(DUPLICATE_URAIAN, tree, options, exact=True)


def _near_duplicate(tree: Tree, options: Options) -> Iterator[Problem]:
    return _report(NEAR_DUPLICATE_URAIAN, tree, options, exact=False)


_INHERITED = Option(
    "include-inherited",
    "flag",
    False,
    N_("also report an inherited item (`nasional: true`) and the office's item that repeats it"),
)

DUPLICATE_URAIAN = Rule(
    code="PK112",
    name="duplicate-uraian",
    severity="warning",
    summary=N_("Two nodes or indicators have the same uraian."),
    rationale=N_(
        "Two results worded the same are either one result written twice (write it once "
        "and `rujuk` it from the second parent; an indicator carried down unchanged is "
        "written once and listed below as `- rujuk: KODE`) or a row copied and not "
        "edited. An inherited national item (`nasional: true`) and the office's own item "
        "with the same words are how cascading works, and are not reported unless "
        "`include-inherited` is set."
    ),
    bad="""\
pohon:
  - kode: S1
    jenjang: sasaran
    uraian: Meningkatnya partisipasi pemilih
  - kode: S2
    jenjang: sasaran
    uraian: Meningkatnya partisipasi pemilih
""",
    good="""\
pohon:
  - kode: S1
    jenjang: sasaran
    uraian: Meningkatnya partisipasi pemilih
  - kode: S2
    jenjang: sasaran
    uraian: Meningkatnya kualitas data pemilih
""",
    check=_duplicate,
    options=(_INHERITED,),
)

NEAR_DUPLICATE_URAIAN = Rule(
    code="PK113",
    name="near-duplicate-uraian",
    severity="warning",
    summary=N_("Two uraian differ only in capitals or spacing."),
    rationale=N_(
        "Text that differs only in case or spaces is the same statement typed twice; the "
        "difference hides the duplicate from a reader and from search. An inherited "
        "national item (`nasional: true`) and the office's own item with the same words are "
        "how cascading works, and are not reported unless `include-inherited` is set."
    ),
    bad="""\
pohon:
  - kode: S1
    jenjang: sasaran
    uraian: Meningkatnya partisipasi pemilih
  - kode: S2
    jenjang: sasaran
    uraian: Meningkatnya  Partisipasi Pemilih
""",
    good="""\
pohon:
  - kode: S1
    jenjang: sasaran
    uraian: Meningkatnya partisipasi pemilih
  - kode: S2
    jenjang: sasaran
    uraian: Meningkatnya kualitas data pemilih
""",
    check=_near_duplicate,
    options=(_INHERITED,),
)

# Every rule of this family: the registry (``pohon_cli.rules``) reads them from here only.
RULES: tuple[Rule, ...] = (DUPLICATE_URAIAN, NEAR_DUPLICATE_URAIAN)
