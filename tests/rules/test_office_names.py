"""PK129's search (rules/office_names.py): the trie of names finds what an alternation of
the same names, longest first, finds, as whole words, in any case."""

from __future__ import annotations

import random
import re

import pytest

from pohon_cli.rules.office_names import pattern

NAMES = [
    "kpu",
    "kpu ri",
    "kpu provinsi bengkulu",
    "kpu provinsi",
    "kpu kota bengkulu",
    "kpu kabupaten bengkulu tengah",
    "bappeda",
    "dinas pendidikan",
    "dinas p.u.",
]


def _alternation(names: list[str]) -> re.Pattern[str]:
    words = sorted(names, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(r"(?<!\w)(?:" + body + r")(?!\w)", re.IGNORECASE)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Laporan KPU Provinsi Bengkulu tahun ini", ["KPU Provinsi Bengkulu"]),
        ("Laporan KPU  Provinsi\nBengkulu", ["KPU  Provinsi\nBengkulu"]),
        ("KPU Provinsi Bengkulutengah", ["KPU Provinsi"]),
        ("KPUD dan SKPU", []),
        ("kpu kabupaten bengkulu", ["kpu"]),
        ("oleh Dinas P.U. kota", ["Dinas P.U."]),
        ("BAPPEDA, KPU RI.", ["BAPPEDA", "KPU RI"]),
    ],
)
def test_names_are_found_as_whole_words_longest_first(text: str, found: list[str]) -> None:
    assert [m.group(0) for m in pattern(NAMES).finditer(text)] == found


def test_the_trie_finds_what_the_alternation_finds() -> None:
    rng = random.Random(13)
    words = ["kpu", "kota", "provinsi", "bengkulu", "tengah", "ri", "dinas", "p.u.", "x"]
    trie, alternation = pattern(NAMES), _alternation(NAMES)
    for _ in range(2000):
        text = "".join(rng.choice(words) + rng.choice([" ", "  ", ",", "\n", ""]) for _ in range(8))
        text = "".join(c.upper() if rng.random() < 0.3 else c for c in text)
        expected = [(m.start(), m.end()) for m in alternation.finditer(text)]
        assert [(m.start(), m.end()) for m in trie.finditer(text)] == expected, text
