"""``pohon stats``: short counts of the seed in text, Markdown and JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import CASES, DATA, run

SMALL = CASES / "show" / "small.yaml"
PLAIN = {"COLUMNS": "80", "NO_COLOR": "", "FORCE_COLOR": "", "TERM": "xterm"}


def stats(*args: str | Path, expect: int = 0) -> str:
    return run("stats", *args, expect=expect, env=PLAIN).stdout


def test_small_stats_text() -> None:
    assert stats(SMALL) == (
        f"{SMALL}: KC, 2024\n"
        "6 nodes, 5 indicators, 3 unit kerja, 3 misi\n"
        "indicators per node: 0 on 1 node, 1 on 5 nodes\n"
        "shared by several parents: K1 (2 parents)\n"
        "misi served: 2 of 3 (none serves M3)\n"
        "without a unit: 2 nodes, 1 indicator\n"
        "2024: 4 of 5 indicators with a target, 4 with a realisasi\n"
        "\n"
        "per level\n"
        "jenjang            nodes  indicators  nodes without indicators\n"
        "-----------------  -----  ----------  ------------------------\n"
        "tujuan                 2           1                         1\n"
        "sasaran_strategis      0           0                         0\n"
        "sasaran                2           2                         0\n"
        "program                0           0                         0\n"
        "kegiatan               2           2                         0\n"
        "\n"
        "per unit kerja\n"
        "unit kerja  nodes  indicators\n"
        "----------  -----  ----------\n"
        "A               1           1\n"
        "B               2           3\n"
        "C               1           0\n"
        "\n"
        "per misi\n"
        "misi  nodes  indicators\n"
        "----  -----  ----------\n"
        "M1        3           3\n"
        "M2        4           4\n"
        "M3        0           0\n"
    )


def test_seed_headline() -> None:
    lines = stats(DATA).splitlines()
    assert lines[1] == "24 nodes, 45 indicators, 7 unit kerja, 6 misi"
    assert "shared by several parents: P-PEMILU (5 parents)" in lines
    assert "misi served: 5 of 6 (none serves M6)" in lines
    for fmt in ("text", "markdown", "json"):
        assert "\x1b" not in stats(DATA, "--format", fmt)


def test_filters_count_what_they_select() -> None:
    assert stats(DATA, "--misi", "M1").splitlines()[1].startswith("6 nodes, 12 indicators")
    assert (
        stats(DATA, "--unit", "SUBBAG-RENDATIN").splitlines()[1].startswith("2 nodes, 8 indicators")
    )


def test_markdown_for_a_pull_request() -> None:
    text = stats(DATA, "--format", "markdown")
    assert text.startswith(f"### {DATA}: KPU Kabupaten Bengkulu Tengah, 2024\n\n")
    assert "- 24 nodes, 45 indicators, 7 unit kerja, 6 misi\n" in text
    assert "| kegiatan | 7 | 28 | 0 |" in text
    assert "| M6 | 0 | 0 |" in text


def test_json() -> None:
    data: dict[str, Any] = json.loads(stats(SMALL, "--format", "json", "--year", "2023"))
    assert (data["nodes"], data["indicators"], data["year"]) == (6, 5, 2023)
    assert data["shared"] == [{"kode": "K1", "parents": 2}]
    assert data["indicators_per_node"] == [
        {"indicators": 0, "nodes": 1},
        {"indicators": 1, "nodes": 5},
    ]
    assert data["units"][1] == {"kode": "B", "nodes": 2, "indicators": 3}
    assert (data["without_target"], data["with_realisasi"]) == (4, 0)


def test_bad_input(tmp_path: Path) -> None:
    assert "unknown format `csv`" in run("stats", DATA, "-f", "csv", expect=2).stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("versi: 1\n", encoding="utf-8")
    assert "error [PK011]" in run("stats", broken, expect=1).stderr
