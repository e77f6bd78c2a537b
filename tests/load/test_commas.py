"""A decimal comma inside `{...}` or `[...]`: one problem at the number, saying what to write;
the valid forms that look alike (`[80,90]`, `{2024: 80,2025: 85}`) stay valid."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import run

from pohon_cli.load import load_text

HEADER = """\
versi: 1
instansi: {nama: Kantor Contoh}
tahun: 2024
visi: Visi contoh
misi:
  - {kode: M1, uraian: Misi satu}
"""


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """The 1-based (line, column) where the ``nth`` ``needle`` starts in ``text``."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _tree(indicator: str) -> str:
    return HEADER + (
        "pohon:\n"
        "  - kode: T1\n"
        "    jenjang: tujuan\n"
        "    uraian: Meningkatnya mutu pelayanan\n"
        "    indikator:\n"
        "      - kode: I1\n"
        "        uraian: Persentase layanan tepat waktu\n"
        "        satuan: persen\n"
        f"{indicator}"
    )


def _found(text: str) -> list[tuple[int, int, str, str, str | None]]:
    return [
        (p.line, p.column, p.code, p.message, p.hint) for p in load_text(text, "t.yaml").problems
    ]


def test_a_decimal_comma_in_a_year_mapping_is_one_problem_at_the_number() -> None:
    text = _tree("        target: {2024: 80,5}\n")
    [(line, column, code, message, hint)] = _found(text)
    assert (line, column, code) == (*at(text, "80,5"), "PK012")
    assert message.startswith("`80,5` has a decimal comma") and hint == "write 80.5"
    assert "not a year" not in message


def test_every_year_with_a_decimal_comma_is_told_and_no_duplicate_key() -> None:
    """`{2024: 80,5, 2025: 81,5}` reads `5` as a key twice: not a PK003 of its own."""
    text = _tree("        target: {2024: 80,5, 2025: 81,25, 2026: 82,5}\n")
    found = _found(text)
    assert [(p[0], p[1], p[2], p[4]) for p in found] == [
        (*at(text, "80,5"), "PK012", "write 80.5"),
        (*at(text, "81,25"), "PK012", "write 81.25"),
        (*at(text, "82,5"), "PK012", "write 82.5"),
    ]


def test_a_decimal_comma_in_quarters_and_with_thousands_dots() -> None:
    text = _tree(
        "        konsolidasi: jumlah\n"
        "        target: {2024: 1.250,5}\n"
        "        realisasi: {2024: {tw1: 25,5, tw2: 50,5}}\n"
    )
    assert [(p[0], p[1], p[2], p[4]) for p in _found(text)] == [
        (*at(text, "1.250,5"), "PK012", "write 1250.5"),
        (*at(text, "25,5"), "PK012", "write 25.5"),
        (*at(text, "50,5", 2), "PK012", "write 50.5"),
    ]


def test_a_range_with_decimal_commas_is_told_at_each_number() -> None:
    text = _tree(
        "        polaritas: stabil\n"
        "        target: {2024: [80,5, 90,5], 2025: [80, 90,5]}\n"
        "        baseline: [70,5, 75]\n"
    )
    assert [(p[0], p[1], p[2], p[4]) for p in _found(text)] == [
        (*at(text, "80,5"), "PK012", "write 80.5"),
        (*at(text, "90,5"), "PK012", "write 90.5"),
        (*at(text, "90,5", 2), "PK012", "write 90.5"),
        (*at(text, "70,5"), "PK012", "write 70.5"),
    ]


def test_valid_forms_that_look_alike_stay_valid_and_keep_their_digits() -> None:
    text = _tree(
        "        polaritas: stabil\n"
        "        target: {2024: [80,90], 2025: 80,2026: 85, 2027: 0.286, 2028: 1.10}\n"
        "        realisasi: {2024: 85, 2025: 80}\n"
    )
    loaded = load_text(text, "t.yaml")
    assert loaded.ok and loaded.tree is not None, loaded.problems
    [indicator] = loaded.tree.nodes["T1"].indicators
    assert indicator.targets == {
        2024: (Decimal(80), Decimal(90)),
        2025: Decimal(80),
        2026: Decimal(85),
        2027: Decimal("0.286"),
        2028: Decimal("1.10"),
    }
    assert str(indicator.targets[2028]) == "1.10"


def test_a_year_without_its_value_is_not_taken_for_a_decimal_comma() -> None:
    """`{2024: 80,2025}`: 2025 lacks its value, as the loader said before."""
    text = _tree("        target: {2024: 80,2025}\n")
    [(line, column, code, message, _)] = _found(text)
    year = at(text, "2025}")
    assert (line, column) == (year[0], year[1] + 4)  # where the missing value would be
    assert code == "PK012" and "the value is empty" in message
    assert "decimal comma" not in message


def test_a_range_written_high_to_low_is_not_taken_for_a_decimal_comma() -> None:
    """`[80,5]` is the range 80 to 5 as written: the loader says it runs high to low."""
    text = _tree("        target: {2024: [80,5]}\n")
    [(_, _, code, message, _)] = _found(text)
    assert code == "PK012" and "80 is above 5" in message


def test_a_list_that_is_no_range_is_left_alone() -> None:
    """Outside years and baseline a list of numbers is no range: `[1,2, 3,4]` is a scale of
    four, as before."""
    text = HEADER + "skala: {nilai: [1,2, 3,4]}\npohon: []\n"
    loaded = load_text(text, "t.yaml")
    assert loaded.ok and loaded.tree is not None, loaded.problems
    assert loaded.tree.header.scales == {"nilai": ("1", "2", "3", "4")}


def test_validate_prints_the_place_and_the_number_to_write(tmp_path: Path) -> None:
    path = tmp_path / "koma.yaml"
    path.write_text(_tree("        target: {2024: 80,5}\n"), encoding="utf-8")
    out = run("validate", path, expect=1).stdout
    line, column = at(path.read_text(encoding="utf-8"), "80,5")
    assert f"koma.yaml:{line}:{column}: error [PK012] `80,5` has a decimal comma" in out
    assert "(write 80.5)" in out and "not a year" not in out


def test_an_aliased_mapping_is_told_once() -> None:
    text = _tree(
        "        target: &years {2024: 80,5}\n"
        "      - {kode: I2, uraian: Persentase lain, satuan: persen, target: *years}\n"
    )
    assert [(p[0], p[1], p[4]) for p in _found(text)] == [(*at(text, "80,5"), "write 80.5")]
