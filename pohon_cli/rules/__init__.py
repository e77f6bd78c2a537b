"""The lint rules (PK1xx), one module per family, and the registry read from them.

A rule's code is written once, in its ``Rule``. Each family module lists its rules in its
own ``RULES`` tuple, and the registry is every family's rules in code order: the order of
``pohon rules``, of the SARIF rule list and of the rules' run. Adding a rule is one entry
in its family's ``RULES`` and two case files, ``tests/cases/rules/PKxxx-{fail,pass}.yaml``;
adding a family is one more line in ``_FAMILIES``.

For readers of the registry (``pohon rules``, the docs, the problem formats):
``every_rule()`` and ``rule_by_code(code)``; ``RULES`` is the same registry as a dict
keyed by code, and ``find_rule`` also accepts a rule's name.

The loader's own checks (PK0xx) are not rules: they describe a file that is broken, are
always errors, and can be neither ignored nor silenced. They are listed here so that
reports and ``pohon rules`` can name them.
"""

from __future__ import annotations

from pohon_cli.i18n import N_, _
from pohon_cli.rules import (
    budget,
    cascade,
    coverage,
    duplicates,
    indicators,
    inherited,
    institution,
    numbers,
    suppression,
    values,
    wording,
    years,
)
from pohon_cli.rules.base import Rule
from pohon_cli.suggest import did_you_mean

_FAMILIES: tuple[tuple[Rule, ...], ...] = (
    indicators.RULES,
    values.RULES,
    wording.RULES,
    institution.RULES,
    coverage.RULES,
    duplicates.RULES,
    years.RULES,
    suppression.RULES,
    budget.RULES,
    numbers.RULES,
    cascade.RULES,
    inherited.RULES,
)

# Code order, not family order: a rule keeps its place in every output whichever family
# holds it, and a new rule (the next code) comes last.
RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in sorted((rule for family in _FAMILIES for rule in family), key=lambda r: r.code)
}

LOADER_CHECKS: dict[str, str] = {
    "PK001": N_("YAML syntax error"),
    "PK002": N_("not UTF-8, or a control character / NUL byte"),
    "PK003": N_("a key written twice in one mapping"),
    "PK004": N_("a tag, a merge key `<<:`, or a second document"),
    "PK005": N_("aliases that expand beyond the size of the file, or nesting too deep"),
    "PK010": N_("an unknown key"),
    "PK011": N_("a required key is missing"),
    "PK012": N_("a value of the wrong kind"),
    "PK020": N_("a kode used twice"),
    "PK021": N_("a reference to nothing: `penanggung_jawab`, `misi`, `atasan`, `rujuk`"),
    "PK022": N_("a node whose `jenjang` is not below its parent's"),
    "PK023": N_("a `jenjang` that is not declared in `jenjang`"),
    "PK024": N_("a cycle: a `rujuk` to an ancestor, or `atasan` that lead back to the unit"),
}

# What each loader check means and what to do about it, for readers who meet the code
# away from the docs: SARIF's ``fullDescription`` and ``help``, shown by code-scanning
# dashboards beside the result. A test keeps its codes those of LOADER_CHECKS.
LOADER_CHECK_HELP: dict[str, str] = {
    "PK001": N_(
        "The file is not valid YAML (or an alias names no anchor), so nothing in it can "
        "be read. Fix the line shown: often an indentation, an unclosed quote or bracket, or "
        "a `:` inside a text that needs quotes."
    ),
    "PK002": N_(
        "The file must be UTF-8 text: UTF-16/32 or Latin-1 files, control characters "
        "and NUL bytes are refused. Save the file as UTF-8 and remove the character shown."
    ),
    "PK003": N_(
        "A key is written twice in one mapping; a YAML reader would silently keep the "
        "last. Keep one of the two, or merge them."
    ),
    "PK004": N_(
        "Tags (`!!python/...`, `!foo`), merge keys `<<:` and a second document (`---`) "
        "are not part of the format. Write the values out plainly, one document per file."
    ),
    "PK005": N_(
        "Aliases that expand far beyond the size of the file, lists and mappings nested "
        "about 1,000 deep, or a tree deeper than 64 levels are refused to keep every run "
        "quick and safe. Write the values out, or flatten the nesting."
    ),
    "PK010": N_(
        "A key the format does not know: often a typo (the message says which key was "
        "meant). Rename it, or remove it; notes go in `catatan`."
    ),
    "PK011": N_(
        "A key the format requires is missing (such as a node's `kode`, `jenjang` or "
        "`uraian`). Add it."
    ),
    "PK012": N_(
        "A value of the wrong kind: text where a number, year, list, range or level "
        "name is expected, or the reverse; or a decimal comma inside `{...}` or `[...]`, which "
        "YAML reads as two values. Write the value in the kind the message names (`80.5`)."
    ),
    "PK020": N_(
        "A kode is used twice; nodes and indicators share one namespace, misi and units "
        "have their own (an indicator carried twice into one node too). Give each its own kode, "
        "or use `rujuk` to show a node or an indicator again."
    ),
    "PK021": N_(
        "A `penanggung_jawab`, `misi`, `atasan` or `rujuk` names a kode that does not "
        "exist, or a `rujuk` among a node's indicators names no indicator of a node above it. "
        "Correct the kode, or add what it names."
    ),
    "PK022": N_(
        "A node's `jenjang` must be below its parent's in the file's `jenjang` list. "
        "Move the node, or correct its jenjang."
    ),
    "PK023": N_(
        "A node's `jenjang` is not one of the levels declared in `jenjang`. Use a "
        "declared level, or declare it."
    ),
    "PK024": N_(
        "A `rujuk` points at one of its own ancestors, or the `atasan` of the units "
        "lead back to where they started. Break the cycle."
    ),
}

_BY_NAME = {rule.name: rule for rule in RULES.values()}


def every_rule() -> tuple[Rule, ...]:
    """Every lint rule, in code order (the order ``pohon rules`` lists them in)."""
    return tuple(RULES.values())


def rule_by_code(code: str) -> Rule:
    """The lint rule with this code, in any case; KeyError when no rule has it (a loader
    check's code included: see ``LOADER_CHECKS``)."""
    return RULES[code.upper()]


def find_rule(word: str) -> Rule | None:
    """A rule by its code (any case) or its name."""
    return RULES.get(word.upper()) or _BY_NAME.get(word.casefold())


def not_a_rule(word: str) -> str:
    """Why ``word`` names no rule, with a suggestion: for messages about config and flags."""
    if word.upper() in LOADER_CHECKS:
        return _(
            "`{word}` is a loader check, not a lint rule: a broken file is always an error, "
            "and cannot be ignored, re-graded or silenced",
            word=word,
        )
    hint = did_you_mean(word, [*RULES, *_BY_NAME])
    if hint:
        return _("`{word}` is not a rule ({hint})", word=word, hint=hint)
    return _("`{word}` is not a rule; `pohon rules` lists them", word=word)


__all__ = [
    "LOADER_CHECKS",
    "LOADER_CHECK_HELP",
    "RULES",
    "Rule",
    "every_rule",
    "find_rule",
    "not_a_rule",
    "rule_by_code",
]
