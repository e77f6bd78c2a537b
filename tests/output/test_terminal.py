"""The tree printer: wrapping that fits the width, guides that stay whole, and the rules
for colour and box-drawing."""

from __future__ import annotations

import io

import pytest

from pohon_cli.output.terminal import (
    MIN_TEXT_WIDTH,
    Item,
    Printer,
    Screen,
    cells,
    detect,
    flat,
    wrap,
)


def _lines(parts: list[tuple[str, str]], width: int, first: int | None = None) -> list[str]:
    return ["".join(text for text, _ in line) for line in wrap(parts, width, first)]


def test_wrap_fits_words_to_the_width() -> None:
    text = "Persentase Sengketa Hukum yang dimenangkan KPU Kabupaten Bengkulu Tengah"
    lines = _lines([(text, "")], 20)
    assert lines == [
        "Persentase Sengketa",
        "Hukum yang",
        "dimenangkan KPU",
        "Kabupaten Bengkulu",
        "Tengah",
    ]
    assert " ".join(lines) == text


def test_wrap_first_line_may_be_narrower() -> None:
    assert _lines([("aaa bbb ccc ddd", "")], 7, first=3) == ["aaa", "bbb ccc", "ddd"]


def test_wrap_keeps_styles_across_breaks() -> None:
    parts = [("K-TEKNIS", "kode"), (" ", ""), ("[kegiatan]", "level4"), (" Pelaksanaan Teknis", "")]
    lines = wrap(parts, 20)
    assert lines == [
        [("K-TEKNIS", "kode"), (" ", ""), ("[kegiatan]", "level4")],
        [("Pelaksanaan Teknis", "")],
    ]


def test_a_word_longer_than_the_line_is_cut_after_a_hyphen_when_it_can() -> None:
    assert _lines([("IK-SENGKETA-DIMENANGKAN-PROV", "")], 20) == [
        "IK-SENGKETA-",
        "DIMENANGKAN-PROV",
    ]
    assert _lines([("x" * 25, "")], 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_wide_characters_count_two_columns() -> None:
    text = "目标 目标 目标"
    assert cells(text) == 14
    lines = _lines([(text, "")], 10)
    assert lines == ["目标 目标", "目标"]
    assert all(cells(line) <= 10 for line in lines)


def test_flat_makes_one_line_of_a_literal_block() -> None:
    assert flat("satu\n  dua\tTiga") == "satu dua Tiga"
    assert flat("tetap  sama") == "tetap  sama"


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("tty", "env", "colour", "boxes"),
    [
        (False, {}, False, False),  # piped: plain text
        (True, {}, True, True),  # a terminal
        (True, {"NO_COLOR": "1"}, False, True),  # NO_COLOR keeps the guides
        (True, {"NO_COLOR": ""}, True, True),  # an empty NO_COLOR is not set
        (True, {"TERM": "dumb"}, False, True),
        (False, {"FORCE_COLOR": "1"}, True, True),
        (False, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, True),
    ],
)
def test_detect(tty: bool, env: dict[str, str], colour: bool, boxes: bool) -> None:
    screen = detect(_Stream(tty), {"COLUMNS": "100", **env})
    assert (screen.colour, screen.boxes, screen.width) == (colour, boxes, 100)


def test_detect_width() -> None:
    assert detect(_Stream(False), {}).width == 80
    assert detect(_Stream(False), {"COLUMNS": "5"}).width == MIN_TEXT_WIDTH
    assert detect(_Stream(False), {"COLUMNS": "wide"}).width == 80


def _print(items: list[Item], screen: Screen) -> str:
    out = io.StringIO()
    Printer(out, screen).tree(items)
    return out.getvalue()


def _sample() -> list[Item]:
    leaf = Item([("B", "kode"), (" satu dua tiga empat lima enam tujuh", "")])
    return [
        Item(
            [("A", "kode"), (" akar dengan uraian yang cukup panjang", "")],
            more=[[("catatan di bawahnya", "figures")]],
            children=[leaf, Item([("C", "kode"), (" terakhir", "")], children=[leaf])],
        )
    ]


def test_printer_guides_plain() -> None:
    assert _print(_sample(), Screen(width=30)) == (
        "A akar dengan uraian yang\n"
        "| cukup panjang\n"
        "| catatan di bawahnya\n"
        "|-- B satu dua tiga empat lima\n"
        "|     enam tujuh\n"
        "`-- C terakhir\n"
        "    `-- B satu dua tiga empat\n"
        "          lima enam tujuh\n"
    )


def test_printer_on_a_terminal_uses_boxes_and_colour() -> None:
    text = _print(_sample(), Screen(width=30, colour=True, boxes=True))
    assert "├── " in text and "└── " in text and "│ " in text
    assert "\x1b[1mA\x1b[0m" in text  # the kode in bold
    assert "\x1b[2m│ \x1b[0m" in text  # guides dim
    plain = _print(_sample(), Screen(width=30, colour=False, boxes=True))
    assert "\x1b" not in plain and "├── " in plain


def test_a_very_deep_item_still_gets_room() -> None:
    item = Item([("deep", "kode"), (" " + "kata " * 10, "")])
    for _ in range(20):
        item = Item([("n", "kode")], children=[item])
    lines = _print([item], Screen(width=40)).splitlines()
    deepest = [line for line in lines if "deep" in line or "kata" in line]
    assert all(len(line.lstrip("|` -")) <= MIN_TEXT_WIDTH for line in deepest)
