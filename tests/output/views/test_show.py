"""``pohon show``: the printed tree of the seed and of a small fixture, references,
every filter, JSON, wrapping that keeps the guides whole, and bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES, DATA, run

SMALL = CASES / "show" / "small.yaml"
GOLDEN = CASES / "show" / "seed_misi_M1.txt"
# plain text at a known width, whatever the environment running the tests
PLAIN = {"COLUMNS": "80", "NO_COLOR": "", "FORCE_COLOR": "", "TERM": "xterm"}


def show(*args: str | Path, expect: int = 0, width: int = 80, **env: str) -> str:
    return run("show", *args, expect=expect, env={**PLAIN, "COLUMNS": str(width), **env}).stdout


def test_small_tree_reads_like_a_poster() -> None:
    assert show(SMALL) == (
        "[visi] Visi kantor contoh\n"
        "|-- M1 [misi] Misi satu\n"
        "|   `-- T1 [tujuan] Meningkatnya satu (A)\n"
        "|       |-- * I-T1 Indeks satu\n"
        "|       |     target 2024: 1.20 indeks; realisasi 1.32; capaian 110.0%\n"
        "|       |-- S1 [sasaran] Meningkatnya dua (B)\n"
        "|       |   |-- * I-S1 Jumlah sengketa\n"
        "|       |   |     target 2024: 7 jumlah, turun; realisasi 6.5; capaian 107.1%\n"
        "|       |   `-- K1 [kegiatan] Kegiatan satu (B)\n"
        "|       |       `-- * I-K1 Opini BPK\n"
        "|       |             target 2024: WTP (opini); realisasi WTP\n"
        "|       `-- S2 [sasaran] Meningkatnya tiga (C)\n"
        "|           |-- * I-S2 Persentase stabil (B)\n"
        "|           |     target 2024: [80, 90] persen, stabil; realisasi 95; capaian\n"
        "|           |     94.4%\n"
        "|           |-- K1 [kegiatan] Kegiatan satu (B) ^ see above, under S1\n"
        "|           `-- K2 [kegiatan] Kegiatan dua\n"
        "|               `-- * I-K2 Persentase dua\n"
        "|                     no target for 2024\n"
        "|-- M2 [misi] Misi dua\n"
        "|   `-- T1 [tujuan] Meningkatnya satu (A) ^ see above, under M1\n"
        "|-- M3 [misi] Misi tiga\n"
        "|   `-- no node serves this misi\n"
        "`-- T2 [tujuan] Tujuan tanpa misi\n"
    )


def test_seed_poster_of_misi_1_matches_the_reviewed_golden_file() -> None:
    expected = GOLDEN.read_text(encoding="utf-8")
    assert show(DATA, "--misi", "M1", width=100) == expected, (
        "regenerate after reviewing the change: COLUMNS=100 pohon show "
        "data/pohon_kinerja.yaml --misi M1 > tests/cases/show/seed_misi_M1.txt"
    )


def test_seed_poster_of_misi_1_is_the_poster() -> None:
    text = show(DATA, "--misi", "M1", width=100)
    # only the path through S-AMAN: the other sasaran that use P-PEMILU serve other misi
    assert _kodes(text) == ["T3", "SS-PARTISIPASI", "S-AMAN", "P-PEMILU", "K-TEKNIS", "K-BANKUM"]
    assert "see above" not in text


def _kodes(text: str) -> list[str]:
    """The kode of every node line, in order (indicator lines start with `* `)."""
    found = []
    for line in text.splitlines():
        match = re.match(r"^[|` -]*-- ([^ *]\S*) \[(?!misi)", line)
        if match:
            found.append(match.group(1))
    return found


def test_every_seed_node_is_shown_in_full_exactly_once() -> None:
    text = show(DATA, width=300)
    full = [line for line in text.splitlines() if "] " in line and "see above" not in line]
    kodes = _kodes("\n".join(full))
    assert sorted(kodes) == sorted(_seed_kodes())
    references = [line for line in text.splitlines() if "see above" in line]
    # P-PEMILU under the four other sasaran; T3 under M2 and M5, T2 under M3, T1 under M5
    assert sum("P-PEMILU" in line for line in references) == 4
    assert len(references) == 8


def _seed_kodes() -> list[str]:
    data = json.loads(show(DATA, "--format", "json"))
    return [node["kode"] for node in _nodes(data["pohon"]) if "kode" in node]


def _nodes(branches: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for branch in branches:
        yield branch
        yield from _nodes(branch.get("anak", []))


def _json(*args: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(show(SMALL, "--format", "json", *args))
    return data


def _shown(*args: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """Full nodes, context nodes, references and indicators in a JSON view of SMALL."""
    data = _json(*args)
    nodes = list(_nodes(data["pohon"]))
    full = [n["kode"] for n in nodes if "kode" in n and not n["konteks"]]
    context = [n["kode"] for n in nodes if "kode" in n and n["konteks"]]
    references = [n["rujuk"] for n in nodes if "rujuk" in n]
    indicators = [i["kode"] for n in nodes for i in n.get("indikator", [])]
    return full, context, references, indicators


@pytest.mark.parametrize(
    ("args", "full", "context", "references", "indicators"),
    [
        (
            [],
            ["T1", "S1", "K1", "S2", "K2", "T2"],
            [],
            ["K1"],
            ["I-T1", "I-S1", "I-K1", "I-S2", "I-K2"],
        ),
        (["--misi", "M1"], ["T1", "S1", "K1"], [], [], ["I-T1", "I-S1", "I-K1"]),
        # K1 serves M2 through S2: shown there in full, since S1 is not on this poster
        (["--misi", "M2"], ["T1", "S2", "K1", "K2"], [], [], ["I-T1", "I-S2", "I-K1", "I-K2"]),
        # B answers for S1, K1 and for the indicator I-S2 of C's sasaran S2
        (["--unit", "B"], ["S1", "K1", "S2"], ["T1"], ["K1"], ["I-S1", "I-K1", "I-S2"]),
        (["--unit", "C"], ["S2"], ["T1"], [], []),
        # the subtree alone: K1 is first met here, so it is shown in full
        (["--root", "S2"], ["S2", "K1", "K2"], [], [], ["I-S2", "I-K1", "I-K2"]),
        (["--depth", "2"], ["T1", "S1", "S2", "T2"], [], [], ["I-T1", "I-S1", "I-S2"]),
        (["--root", "T1", "--depth", "1"], ["T1"], [], [], ["I-T1"]),
        (["--level", "kegiatan"], ["K1", "K2"], ["T1", "S1", "S2"], ["K1"], ["I-K1", "I-K2"]),
        (["--level", "sasaran", "--misi", "M2"], ["S2"], ["T1"], [], ["I-S2"]),
        (["--unit", "B", "--level", "kegiatan"], ["K1"], ["T1", "S1"], [], ["I-K1"]),
        (["--no-indicators"], ["T1", "S1", "K1", "S2", "K2", "T2"], [], ["K1"], []),
    ],
)
def test_filters_select_exactly(
    args: list[str],
    full: list[str],
    context: list[str],
    references: list[str],
    indicators: list[str],
) -> None:
    assert _shown(*args) == (full, context, references, indicators)


def test_filters_select_the_same_in_text() -> None:
    text = show(SMALL, "--unit", "B")
    assert _kodes(text) == ["T1", "S1", "K1", "S2", "K1"]
    assert "I-T1" not in text and "I-K2" not in text and "M2" not in text


def test_misi_nobody_serves() -> None:
    assert show(SMALL, "--misi", "M3") == (
        "[visi] Visi kantor contoh\n`-- M3 [misi] Misi tiga\n    `-- no node serves this misi\n"
    )


def test_nothing_selected() -> None:
    text = show(SMALL, "--unit", "A", "--level", "kegiatan")
    assert text == "[visi] Visi kantor contoh\n`-- nothing matches these filters\n"


def test_year_chooses_the_targets_shown() -> None:
    text = show(SMALL, "--year", "2023", "--root", "T1", "--depth", "2")
    assert "target 2023: 1.10 indeks\n" in text
    assert "no target for 2023" in text  # I-S1 has only 2024
    assert "realisasi" not in text


def test_root_starts_at_the_node() -> None:
    assert show(SMALL, "--root", "K1") == (
        "K1 [kegiatan] Kegiatan satu (B)\n"
        "`-- * I-K1 Opini BPK\n"
        "      target 2024: WTP (opini); realisasi WTP\n"
    )


def test_json_resolves_references_and_keeps_numbers_exact() -> None:
    text = show(SMALL, "--format", "json")
    assert '"2023": 1.10' in text
    data = json.loads(text, parse_float=Decimal)
    t1 = data["pohon"][0]
    assert (t1["kode"], t1["misi"], t1["penanggung_jawab"]) == ("T1", ["M1", "M2"], "A")
    s1, s2 = t1["anak"]
    assert s2["anak"][0] == {"rujuk": "K1"}
    assert s1["anak"][0]["misi"] == ["M1", "M2"]  # K1 inherits both parents' misi
    indicator = t1["indikator"][0]
    assert indicator["target"] == {"2023": Decimal("1.10"), "2024": Decimal("1.20")}
    assert indicator["capaian"] == {"2024": Decimal("110.0")}
    i_s2 = s2["indikator"][0]
    assert i_s2["target"] == {"2024": [80, 90]} and i_s2["penanggung_jawab"] == "B"
    assert s1["anak"][0]["indikator"][0]["capaian"] == {}  # WTP against WTP: no number
    assert data["filter"] == dict.fromkeys(("misi", "unit", "root", "depth", "level"))
    assert [m["kode"] for m in _json("--misi", "M2")["misi"]] == ["M2"]


def test_piped_output_has_no_escape_codes() -> None:
    for args in ([], ["--misi", "M1"], ["--format", "json"]):
        text = show(DATA, *args)
        assert "\x1b" not in text
        assert not set("├└│─") & set(text)


def test_terminal_gets_colour_and_boxes_and_no_color_keeps_only_boxes() -> None:
    coloured = show(SMALL, FORCE_COLOR="1")
    assert "\x1b[" in coloured and "├── " in coloured
    plain = show(SMALL, FORCE_COLOR="1", NO_COLOR="1")
    assert "\x1b" not in plain and "├── " in plain and "│ " in plain
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


_ENTRY = re.compile(r"((?:\|   |    )*)(\|-- |`-- )")
_MORE = re.compile(r"((?:\|   |    )*)(\| |  )(?=\S)")


def _check_guides(text: str, width: int) -> None:
    """Every line fits; every entry hangs from the guides of its parent; every wrapped
    line continues the guides of its entry."""
    unders = [""]  # the guides under the latest entry of each depth
    for line in text.splitlines()[1:]:
        assert len(line) <= width, line
        entry = _ENTRY.match(line)
        if entry:
            lead, connector = entry.groups()
            depth = len(lead) // 4 + 1
            assert lead == unders[depth - 1], line
            del unders[depth:]
            unders.append(lead + ("|   " if connector == "|-- " else "    "))
            continue
        more = _MORE.match(line)
        assert more is not None and more.group(1) == unders[-1], line


@pytest.mark.parametrize("width", [60, 80, 100, 200])
def test_wrapping_keeps_the_guides_whole(width: int) -> None:
    _check_guides(show(DATA, width=width), width)
    _check_guides(show(DATA, "--unit", "SUBBAG-RENDATIN", width=width), width)


def test_wrapping_loses_no_word() -> None:
    narrow, wide = show(DATA, width=60), show(DATA, width=1000)

    def words(text: str) -> list[str]:
        return [w for w in text.split() if not re.fullmatch(r"[|`*-]+", w)]

    assert words(narrow) == words(wide)


def test_unknown_filter_values_are_usage_errors() -> None:
    result = run("show", SMALL, "--misi", "m1", expect=2)
    assert "no misi `m1` in this file; did you mean `M1`?" in result.stderr
    assert "did you mean `K1`" in run("show", SMALL, "--root", "K-1", expect=2).stderr
    assert "--depth must be 1 or more" in run("show", SMALL, "--depth", "0", expect=2).stderr
    # nothing close: what the file has, so that the user need not open it
    result = run("show", DATA, "--misi", "M7", expect=2)
    assert "no misi `M7` in this file; the misi are M1, M2, M3, M4, M5, M6\n" in result.stderr
    result = run("show", SMALL, "--year", "2031", expect=2)
    assert "no target or realisasi for 2031 in this file; its years: 2023, 2024" in result.stderr
    assert "unknown format `yaml`" in run("show", SMALL, "-f", "yaml", expect=2).stderr


def test_broken_file_is_reported_as_validate_reports_it(
    write: Callable[[str], Path],
) -> None:
    path = write(SMALL.read_text(encoding="utf-8").replace("uraian: Kegiatan dua", "uraian: [x"))
    result = run("show", path, expect=1)
    assert result.stdout == ""
    assert re.search(rf"{re.escape(str(path))}:\d+:\d+: error \[PK001\]", result.stderr)
    assert result.stderr == run("validate", path, expect=1).stdout


def test_reference_to_nothing_is_a_data_problem(write: Callable[[str], Path]) -> None:
    path = write(SMALL.read_text(encoding="utf-8").replace("rujuk: K1", "rujuk: K9"))
    assert "[PK021]" in run("show", path, expect=1).stderr


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    assert "no such file" in run("show", tmp_path / "nope.yaml", expect=2).stderr


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated tree of a few thousand nodes (the benchmark's generator)."""
    from generate import generate

    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text("".join(generate(2000)), encoding="utf-8")
    return path


def test_a_generated_tree_keeps_its_guides(generated: Path) -> None:
    text = show(generated, width=70)
    _check_guides(text, 70)
    assert text.count("see above") > 0


def test_a_reader_that_stops_early_ends_the_command_quietly(generated: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "pohon_cli", "show", str(generated)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **PLAIN},
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # like `| head -1`
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert first.startswith(b"[visi] ")
    assert stderr == b""


def test_a_filter_that_matches_nothing_says_so_on_stderr() -> None:
    empty = run("show", DATA, "--unit", "SUBBAG-KUL", "--depth", "2")
    assert empty.stderr == "pohon: no node matches the filters\n"
    assert empty.stdout.startswith("[visi]")
    shown = run("show", DATA, "--misi", "M6", "--format", "json")  # M6: served by no node
    assert json.loads(shown.stdout)["pohon"] == [] and "no node matches" in shown.stderr
    assert run("show", DATA, "--misi", "M1").stderr == ""
