"""Achievement by hand: each polarity, ranges, and the cases with no honest number."""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest

from pohon_cli.capaian import NoCapaian, capaian, explain, rounded
from pohon_cli.model import Polarity, Value

D = Decimal
RANGE = (D(80), D(90))


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas", "expected"),
    [
        # naik: realisasi / target x 100
        (D(100), D(98), "naik", D(98)),
        (D("1.20"), D("1.32"), "naik", D(110)),
        (D(4), D(5), "naik", D(125)),
        (D(10), D(0), "naik", D(0)),
        # turun: (1 + (1 - realisasi / target)) x 100; the domain's example 7 -> 6.5
        (D(7), D("6.5"), "turun", D("107.1428571428571428571428571")),
        (D(2), D(3), "turun", D(50)),
        (D(2), D(1), "turun", D(150)),
        (D(1), D(3), "turun", D(-100)),
        # a range: 100 inside (bounds included), else against the nearer bound
        (RANGE, D(85), "stabil", D(100)),
        (RANGE, D(80), "stabil", D(100)),
        (RANGE, D(90), "stabil", D(100)),
        (RANGE, D(72), "stabil", D(90)),  # below: 72 / 80
        (RANGE, D(99), "stabil", D(90)),  # above: (2 - 99 / 90) x 100
        # a range is read as a range whatever the polaritas
        (RANGE, D(72), "naik", D(90)),
        (RANGE, D(99), "turun", D(90)),
        # stabil with one number is the range [n, n]
        (D(50), D(50), "stabil", D(100)),
        (D(50), D(40), "stabil", D(80)),
        (D(50), D(60), "stabil", D(80)),
        # met exactly is 100, even against a target of 0
        (D(0), D(0), "naik", D(100)),
        (D(0), D(0), "turun", D(100)),
    ],
)
def test_capaian_by_hand(
    target: Value, realisasi: Value, polaritas: Polarity, expected: Decimal
) -> None:
    assert capaian(target, realisasi, polaritas) == expected


@pytest.mark.parametrize(
    ("target", "realisasi", "polaritas"),
    [
        ("WTP", "WTP", "naik"),  # a text target: compared by a scale, not a number
        ("WTP", D(1), "naik"),
        (D(100), "WDP", "naik"),  # a text realisation
        (D(100), RANGE, "naik"),  # a range is no realisation
        (D(0), D(5), "naik"),  # nothing to divide by
        (D(0), D(1), "turun"),
        (D(-5), D(-4), "naik"),  # the formulas assume positive targets
        ((D(0), D(10)), D(-1), "stabil"),  # below a range that starts at 0
        ((D(-10), D(0)), D(1), "stabil"),  # above a range that ends at 0
    ],
)
def test_no_number_where_none_is_honest(
    target: Value, realisasi: Value, polaritas: Polarity
) -> None:
    assert capaian(target, realisasi, polaritas) is None


def test_default_polaritas_is_naik() -> None:
    assert capaian(D(50), D(25)) == D(50)


def test_result_does_not_depend_on_the_callers_decimal_context() -> None:
    with localcontext() as context:
        context.prec = 3
        low_precision = capaian(D(7), D("6.5"), "turun")
    assert low_precision == capaian(D(7), D("6.5"), "turun")
    assert low_precision is not None and rounded(low_precision, 3) == D("107.143")


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("107.1428571"), 1, "107.1"),
        (D("107.15"), 1, "107.2"),  # halves away from zero, as by hand
        (D("-107.15"), 1, "-107.2"),
        (D("0.05"), 1, "0.1"),
        (D(100), 1, "100.0"),
        (D(100), 2, "100.00"),
        (D("99.995"), 2, "100.00"),
    ],
)
def test_rounded(value: Decimal, places: int, expected: str) -> None:
    assert str(rounded(value, places)) == expected


def test_rounded_keeps_every_digit_of_a_huge_value() -> None:
    huge = capaian(D(1), D("1" + "0" * 40))
    assert huge is not None
    assert str(rounded(huge)) == "1" + "0" * 42 + ".0"


def test_why_there_is_no_capaian_keeps_the_digits() -> None:
    """A reason quotes the values as written, never str()'s 1E-7."""
    tiny = Decimal("0.0000001")
    reasons = [
        explain(-tiny, tiny),
        explain(Decimal("0.0"), Decimal("0.0000003")),
        explain((Decimal("-0.0000002"), -tiny), Decimal("-0.0000003"), "stabil"),
    ]
    texts = [r.reason for r in reasons if isinstance(r, NoCapaian)]
    assert len(texts) == 3 and not any("E-" in t for t in texts), texts
    assert "-0.0000001" in texts[0] and "0.0000003" in texts[1]
    assert "[-0.0000002, -0.0000001]" in texts[2] and "bound is -0.0000002" in texts[2]
