"""Numbers written the Indonesian way: the number to write, in every message that meets one,
and no alarm on the real Renstra's ratios and scores."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CASES, run

from pohon_cli.model.numbers import plain_number, thousands_dot
from pohon_cli.rules.lint import Settings, lint_path
from pohon_cli.rules.numbers import in_words

REAL = Path("/work/shared/real/dishub_situbondo_renstra.yaml")


@pytest.mark.parametrize(
    ("written", "whole", "expected"),
    [
        ("80,5", False, "80.5"),
        ("-1,25", False, "-1.25"),
        ("1.500", True, "1500"),
        ("1.500", False, "1.500"),  # a ratio's 1.500 is as written
        ("1.500,5", False, "1500.5"),
        ("31.704.046.735", False, "31704046735"),
        ("1,500,000", False, "1500000"),
        ("0.286", True, "0.286"),  # no thousands group starts with 0
        ("1.10", True, "1.10"),
        ("+90", False, "90"),
        ("12", True, "12"),
        ("1.2.3", False, None),
        ("dua", False, None),
    ],
)
def test_plain_number_says_the_digits_to_write(
    written: str, whole: bool, expected: str | None
) -> None:
    assert plain_number(written, whole=whole) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.500", "1500"),
        ("12.000", "12000"),
        ("1.000", "1000"),
        ("1.5", None),
        ("1500", None),
        ("0.286", None),
        ("84.07", None),
        ("1.10", None),
        ("1234.500", None),
        ("-1.500", None),
    ],
)
def test_thousands_dot_only_where_three_digits_follow_one_dot(
    value: str, expected: str | None
) -> None:
    assert thousands_dot(Decimal(value)) == expected


@pytest.mark.parametrize(
    ("text", "satuan", "hint"),
    [
        ("80,5", "persen", "write 80.5"),
        ("90", "persen", "write 90 as a plain number, without quotes"),
        ("010", None, "write 10 as a plain number, without quotes"),
        ("+1.50", None, "write 1.50 as a plain number, without quotes"),
        ("90%", "persen", "write 90: `satuan: persen` already says what it counts"),
        ("90%", None, "write 90 and `satuan: persen`"),
        ("1.500bh", None, "write 1500 and `satuan: buah`"),
        ("12org", "orang", "write 12: `satuan: orang` already says what it counts"),
        ("12 org.", None, "write 12 and `satuan: orang`"),
        ("85 persen", "%", "write 85: `satuan: %` already says what it counts"),
        ("7 ekor", "buah", "write 7, and check that `satuan: buah` is the unit meant"),
        ("1,2,3", None, "write one number, with a decimal point and no thousands separator"),
    ],
)
def test_a_number_in_disguise_says_what_to_write(text: str, satuan: str | None, hint: str) -> None:
    reading = in_words(text, satuan)
    assert reading is not None and reading.hint == hint


@pytest.mark.parametrize("text", ["WTP", "BB", "7-8 bulan", "Predikat A", "2 tahun sekali"])
def test_words_are_no_number_in_disguise(text: str) -> None:
    assert in_words(text, None) is None


def test_validate_says_the_number_to_write_at_its_place(write: Callable[[str, str], Path]) -> None:
    path = write(
        """\
        versi: 1
        instansi: {nama: Dinas Perhubungan Kota Contoh}
        tahun: 2024
        visi: Terwujudnya transportasi yang aman
        misi: [{kode: M1, uraian: Meningkatkan keselamatan}]
        pohon:
          - kode: T1
            jenjang: tujuan
            uraian: Meningkatnya keselamatan transportasi
            indikator:
              - kode: T1.1
                uraian: Jumlah kendaraan yang lulus uji
                satuan: unit
                target: {2024: 1.500}
              - kode: T1.2
                uraian: Indeks kepuasan pengguna angkutan
                satuan: indeks
                target:
                  2024: 80,5
              - kode: T1.3
                uraian: Jumlah rambu yang dipasang
                satuan: ""
                target: {2024: 1.500bh}
        """,
        "angka.yaml",
    )
    out = run("validate", path, expect=1).stdout
    assert (
        "angka.yaml:14:24: warning [PK123] the target for 2024 of `T1.1` is `1.500` unit, "
        "read as 1.5: a count of unit is whole (if you mean 1500, write 1500" in out
    )
    assert "angka.yaml:19:17: error [PK105] the target for 2024 of `T1.2` is the text `80,5`" in out
    assert "(write 80.5)" in out
    assert "angka.yaml:22:17: warning [PK102] the `satuan` of the indicator `T1.3` is empty" in out
    assert "angka.yaml:23:24: error [PK105]" in out and "(write 1500 and `satuan: buah`)" in out


def test_the_count_units_are_an_option(write: Callable[[str, str], Path]) -> None:
    case = CASES / "rules" / "PK123-pass.yaml"
    path = write(case.read_text(encoding="utf-8"), "km.yaml")
    (path.parent / "pohon.toml").write_text(
        '[rules.PK123]\ncount-units = ["km"]\n', encoding="utf-8"
    )
    out = run("validate", path, "--select", "PK123").stdout
    assert "km.yaml:28:24: warning [PK123] the target for 2026 of `T1.4` is `1.500` km" in out
    assert out.count("[PK123]") == 1


@pytest.mark.skipif(not REAL.exists(), reason="the real Renstra is not on this machine")
def test_the_real_renstra_gets_no_number_alarm() -> None:
    """0.286 Rasio, 100 %, 82.97 Nilai are right as written; only its empty satuan (blank in
    the source, as its header says) is told."""
    problems = lint_path(REAL, Settings()).problems
    told = [(p.code, p.line) for p in problems if p.code in ("PK012", "PK102", "PK105", "PK123")]
    assert told == [("PK102", 429)]


def test_a_range_baseline_names_its_end(write: Callable[[str, str], Path]) -> None:
    """A baseline written as a range is named by its end, never as "the baseline for 0"."""
    path = write(
        """
        versi: 1
        instansi: {nama: Dinas Perhubungan}
        tahun: 2024
        jenjang: [tujuan]
        pohon:
          - kode: T1
            jenjang: tujuan
            uraian: Meningkatnya keselamatan transportasi
            indikator:
              - kode: T1.1
                uraian: Jumlah kendaraan yang lulus uji
                satuan: unit
                baseline: [1.200, 1.500]
                target: {2024: 1600}
        """,
        "rentang.yaml",
    )
    out = run("validate", path, "--select", "PK123").stdout
    assert "the low end of the baseline of `T1.1` is `1.200` unit, read as 1.2" in out
    assert "the high end of the baseline of `T1.1` is `1.500` unit, read as 1.5" in out
    assert "for 0" not in out and "for 1 " not in out
    said = run("validate", path, "--select", "PK123", "--lang", "id").stdout
    assert "batas bawah baseline `T1.1` adalah `1.200` unit" in said
