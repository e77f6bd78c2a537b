"""The lint rules (PK1xx): an explicit registry {code: rule}, one module per family.

The loader's own checks (PK0xx) are not rules: they describe a file that is broken, are
always errors, and can be neither ignored nor silenced. They are listed here so that
reports and ``pohon rules`` can name them.
"""

from __future__ import annotations

from pohon_cli.rules import coverage, duplicates, indicators, institution, values, wording, years
from pohon_cli.rules.base import Rule
from pohon_cli.rules.suppression import UNUSED_SUPPRESSION
from pohon_cli.suggest import did_you_mean

RULES: dict[str, Rule] = {
    "PK101": indicators.RESULT_WITHOUT_INDICATOR,
    "PK102": indicators.INDICATOR_WITHOUT_SATUAN,
    "PK103": indicators.NO_TARGET_FOR_TAHUN,
    "PK104": values.PERSEN_OUT_OF_RANGE,
    "PK105": values.TEXT_WHERE_NUMBER_EXPECTED,
    "PK106": values.ONE_VALUE_PER_YEAR,
    "PK107": wording.NAME_UNIT_MISMATCH,
    "PK108": institution.OTHER_INSTITUTION,
    "PK109": coverage.MISI_NOT_SERVED,
    "PK110": coverage.UNIT_OWNS_NOTHING,
    "PK111": coverage.MISSING_PENANGGUNG_JAWAB,
    "PK112": duplicates.DUPLICATE_URAIAN,
    "PK113": duplicates.NEAR_DUPLICATE_URAIAN,
    "PK114": wording.GOAL_AS_ACTIVITY,
    "PK115": years.UNCHALLENGING_TARGET,
    "PK116": years.YEAR_OUTSIDE_PERIODE,
    "PK117": years.REALISASI_WITHOUT_TARGET,
    "PK118": UNUSED_SUPPRESSION,
    "PK119": values.RANGE_WITHOUT_STABIL,
    "PK120": years.BELOW_PARENT_TARGET,
}

LOADER_CHECKS: dict[str, str] = {
    "PK001": "YAML syntax error",
    "PK002": "not UTF-8, or a control character / NUL byte",
    "PK003": "a key written twice in one mapping",
    "PK004": "a tag, a merge key `<<:`, or a second document",
    "PK005": "aliases that expand beyond the size of the file, or nesting too deep",
    "PK010": "an unknown key",
    "PK011": "a required key is missing",
    "PK012": "a value of the wrong kind",
    "PK020": "a kode used twice",
    "PK021": "a reference to nothing: `penanggung_jawab`, `misi`, `atasan`, `rujuk`",
    "PK022": "a node whose `jenjang` is not below its parent's",
    "PK023": "a `jenjang` that is not declared in `jenjang`",
    "PK024": "a cycle: a `rujuk` to an ancestor, or `atasan` that lead back to the unit",
}

_BY_NAME = {rule.name: rule for rule in RULES.values()}


def find_rule(word: str) -> Rule | None:
    """A rule by its code (any case) or its name."""
    return RULES.get(word.upper()) or _BY_NAME.get(word.casefold())


def not_a_rule(word: str) -> str:
    """Why ``word`` names no rule, with a suggestion: for messages about config and flags."""
    if word.upper() in LOADER_CHECKS:
        return (
            f"`{word}` is a loader check, not a lint rule: a broken file is always an error, "
            "and cannot be ignored, re-graded or silenced"
        )
    hint = did_you_mean(word, [*RULES, *_BY_NAME])
    return f"`{word}` is not a rule" + (f" ({hint})" if hint else "; `pohon rules` lists them")


__all__ = ["LOADER_CHECKS", "RULES", "Rule", "find_rule", "not_a_rule"]
