"""Tables: exact numbers in JSON, CSV a spreadsheet cannot run, Markdown that renders as
the text, and text tables that fit the screen."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from pohon_cli.output.tables import (
    Table,
    csv_cell,
    json_text,
    markdown_cell,
    value_json,
    value_text,
    write_csv,
    write_markdown,
    write_text,
)
from pohon_cli.output.terminal import Screen


def test_json_keeps_the_digits_as_written() -> None:
    data = {"target": {"2024": Decimal("1.10")}, "tiny": Decimal("0.0000001"), "neg": Decimal("-3")}
    text = json_text(data)
    assert '"2024": 1.10' in text and '"neg": -3' in text
    assert json.loads(text, parse_float=Decimal)["target"]["2024"] == Decimal("1.10")
    assert json.loads(text)["tiny"] == 1e-7


def test_json_leaves_text_that_looks_like_a_number_alone() -> None:
    text = json_text({"kode": "1.10", "note": 'say "1.10"'})
    assert json.loads(text) == {"kode": "1.10", "note": 'say "1.10"'}


def test_values() -> None:
    assert value_text(Decimal("1.10")) == "1.10"
    assert value_text((Decimal(80), Decimal(90))) == "[80, 90]"
    assert value_text("WTP") == "WTP" and value_text(None) == ""
    assert value_json((Decimal(80), Decimal(90))) == [Decimal(80), Decimal(90)]


def test_csv_cells_never_run_as_formulas() -> None:
    assert csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert csv_cell("+62 812") == "'+62 812"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("-5") == "-5" and csv_cell("-1.25") == "-1.25"
    assert csv_cell("- catatan") == "'- catatan"
    assert csv_cell("Persentase") == "Persentase"


def test_csv_round_trips() -> None:
    out = io.StringIO()
    write_csv(Table(("a", "b"), [("x, y", 'kata "kutip"'), ("1.10", "")]), out)
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["a", "b"],
        ["x, y", 'kata "kutip"'],
        ["1.10", ""],
    ]


def test_markdown_renders_as_the_text() -> None:
    assert markdown_cell("a | b") == "a \\| b"
    assert markdown_cell("<b>tebal</b> *miring*") == "\\<b\\>tebal\\</b\\> \\*miring\\*"
    assert markdown_cell("dua\nbaris") == "dua baris"
    # links, strike-through, entities and emphasis by underscores are text too; names
    # with underscores inside and ranges stay as they are written
    assert markdown_cell("[x](http://y) ~~z~~ &lt;") == "[x]\\(http://y) \\~\\~z\\~\\~ \\&lt;"
    assert markdown_cell("_a_ penanggung_jawab [80, 90] A & B") == (
        "\\_a\\_ penanggung_jawab [80, 90] A & B"
    )
    out = io.StringIO()
    write_markdown(Table(("kode", "nilai"), [("A", "1")], numeric=frozenset({1})), out)
    assert out.getvalue() == "| kode | nilai |\n| --- | ---: |\n| A | 1 |\n"


TABLE = Table(
    ("kode", "uraian", "kosong", "target 2024"),
    [
        ("A-1", "Persentase sengketa hukum yang dimenangkan", "", "100"),
        ("B-22", "Opini", "", "WTP"),
    ],
    numeric=frozenset({3}),
    flexible=1,
)


def _text(table: Table, width: int) -> str:
    out = io.StringIO()
    write_text(table, out, Screen(width=width))
    return out.getvalue()


def test_text_table_drops_empty_columns_and_aligns_numbers() -> None:
    assert _text(TABLE, 100) == (
        "kode  uraian                                      target 2024\n"
        "----  ------------------------------------------  -----------\n"
        "A-1   Persentase sengketa hukum yang dimenangkan          100\n"
        "B-22  Opini                                               WTP\n"
    )


def test_text_table_stacks_headers_then_wraps_the_flexible_column() -> None:
    assert _text(TABLE, 40) == (
        "                                  target\n"
        "kode  uraian                        2024\n"
        "----  --------------------------  ------\n"
        "A-1   Persentase sengketa hukum      100\n"
        "      yang dimenangkan\n"
        "B-22  Opini                          WTP\n"
    )


def test_text_table_too_wide_for_the_screen_becomes_cards() -> None:
    assert _text(TABLE, 30) == (
        "A-1 Persentase sengketa hukum\n"
        "  yang dimenangkan\n"
        "  target 2024: 100\n"
        "B-22 Opini\n"
        "  target 2024: WTP\n"
    )


def test_long_json_stays_exact_across_chunks() -> None:
    data = {"values": [Decimal("1.10")] * 10_000, "last": Decimal("-0.50")}
    parsed = json.loads(json_text(data), parse_float=Decimal)
    assert parsed["values"] == [Decimal("1.10")] * 10_000
    assert parsed["last"] == Decimal("-0.50")
