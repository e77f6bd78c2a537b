"""One meaning for a missing ``polaritas`` (issue 12, item 8): a single target is naik, a
range is scored within the range (as stabil), in every command; views and sheets mark it
``(assumed)``, JSON adds ``polaritas_tertulis``, and writing the tree back never writes a
polaritas the file left out."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from conftest import CASES, run

from pohon_cli.diff import diff
from pohon_cli.load import load_path, load_text
from pohon_cli.model import Indicator, Tree
from pohon_cli.yaml_writer import to_yaml

ASSUMED = CASES / "polaritas" / "assumed.yaml"


def _tree(path: Path) -> Tree:
    loaded = load_path(path)
    assert loaded.tree is not None, loaded.problems
    return loaded.tree


def _indicator(**values: object) -> Indicator:
    return Indicator.model_validate({"kode": "I", "uraian": "Indikator", **values})


def test_one_place_says_what_a_missing_polaritas_means() -> None:
    range_ = (Decimal(5), Decimal(6))
    none = _indicator(target={2024: range_, 2025: Decimal(3)})
    assert not none.polarity_written and none.polarity is None
    assert none.polarity_for(Decimal(3)) == "naik"
    assert none.polarity_for(range_) == "stabil"
    assert none.polarity_for(None) == "naik"
    assert none.overall_polarity == "naik"  # a single target among them: naik
    assert _indicator(target={2024: range_}).overall_polarity == "stabil"
    written = _indicator(polaritas="naik", target={2024: range_})
    assert written.polarity_written and written.polarity_for(range_) == "naik"
    assert written.overall_polarity == "naik"


def test_report_scores_a_range_without_polaritas_within_the_range() -> None:
    rows = {
        r["kode"]: r for r in json.loads(run("report", ASSUMED, "-f", "json").stdout)["indikator"]
    }
    # 6.6 above [5, 6]: as stabil, (2 - 6.6 / 6) x 100 = 90, not naik's 110
    assert rows["RANGE"]["capaian"] == 90.0
    assert (rows["RANGE"]["polaritas"], rows["RANGE"]["polaritas_tertulis"]) == ("stabil", False)
    assert (rows["SINGLE"]["polaritas"], rows["SINGLE"]["polaritas_tertulis"]) == ("naik", False)
    assert (rows["WRITTEN"]["polaritas"], rows["WRITTEN"]["polaritas_tertulis"]) == ("turun", True)
    assert rows["MIXED"]["polaritas"] == "stabil"  # the 2024 target is a range
    table = list(csv.DictReader(run("report", ASSUMED, "-f", "csv").stdout.splitlines()))
    shown = {r["kode"]: r["polaritas"] for r in table}
    assert shown == {
        "SINGLE": "naik (assumed)",
        "RANGE": "stabil (assumed)",
        "WRITTEN": "turun",
        "MIXED": "stabil (assumed)",
    }


def test_indicators_mark_an_assumed_polaritas() -> None:
    text = run("indicators", ASSUMED, "-f", "csv").stdout
    shown = {r["kode"]: r["polaritas"] for r in csv.DictReader(text.splitlines())}
    assert shown == {
        "SINGLE": "naik (assumed)",
        "RANGE": "stabil (assumed)",
        "WRITTEN": "turun",
        "MIXED": "naik (assumed)",
    }
    rows = {r["kode"]: r for r in json.loads(run("indicators", ASSUMED, "-f", "json").stdout)}
    assert [(r["polaritas"], r["polaritas_tertulis"]) for r in rows.values()] == [
        ("naik", False),
        ("stabil", False),
        ("turun", True),
        ("naik", False),
    ]
    assert rows["RANGE"]["capaian"] == {"2024": 90.0}
    assert "polaritas: stabil (assumed)" in run("indicators", ASSUMED).stdout


def test_show_marks_an_assumed_polaritas() -> None:
    text = run("show", ASSUMED).stdout
    assert "target 2024: [5, 6] persen, stabil (assumed); realisasi 6.6;" in text
    assert "target 2024: 5 persen, turun; realisasi 4.5" in text
    assert "target 2024: 72 indeks; realisasi 73.44" in text  # naik is never printed
    data = json.loads(run("show", ASSUMED, "-f", "json").stdout)
    found = {i["kode"]: i for i in data["pohon"][0]["indikator"]}
    assert (found["RANGE"]["polaritas"], found["RANGE"]["polaritas_tertulis"]) == ("stabil", False)
    assert found["RANGE"]["capaian"] == {"2024": 90.0}
    assert found["WRITTEN"]["polaritas_tertulis"] is True


def test_export_marks_an_assumed_polaritas(tmp_path: Path) -> None:
    run("export", ASSUMED, "-f", "csv", "-o", tmp_path / "out")

    def column(name: str) -> dict[str, str]:
        with (tmp_path / "out" / name).open(encoding="utf-8") as sheet:
            lines = [line for line in sheet if line.count(",") > 3]
        rows = csv.reader(lines)
        head = next(rows)
        kode = "kode_indikator" if "kode_indikator" in head else "kode"
        return {r[head.index(kode)]: r[head.index("polaritas")] for r in rows}

    assert column("cascading.csv")["RANGE"] == "stabil (assumed)"
    assert column("manual_ik.csv") == {
        "SINGLE": "naik (assumed)",
        "RANGE": "stabil (assumed)",
        "WRITTEN": "turun",
        "MIXED": "naik (assumed)",
    }
    assert column("capaian_2024.csv")["MIXED"] == "stabil (assumed)"


def test_render_marks_an_assumed_polaritas() -> None:
    dot = run("render", "-f", "dot", ASSUMED, "-o", "-", "--lang", "id").stdout
    assert "polaritas stabil (diasumsikan)" in dot
    assert "polaritas turun<" in dot or "polaritas turun</" in dot
    assert "polaritas naik" not in dot
    dot = run("render", "-f", "dot", ASSUMED, "-o", "-", "--lang", "en").stdout
    assert "polarity stabil (assumed)" in dot and "polarity turun<" in dot
    assert "polarity naik" not in dot


def test_writing_the_tree_back_keeps_a_polaritas_unwritten() -> None:
    text = to_yaml(_tree(ASSUMED))
    assert text.count("polaritas:") == 1 and "polaritas: turun" in text
    again = load_text(text, "again.yaml")
    assert again.tree is not None and again.tree == _tree(ASSUMED)


def test_diff_compares_polaritas_by_meaning(write: Callable[[str, str], Path]) -> None:
    base = ASSUMED.read_text(encoding="utf-8")
    old = _tree(write(base, "old.yaml"))
    same_meaning = base.replace(
        "        target: {2024: 72}\n", "        polaritas: naik\n        target: {2024: 72}\n"
    )
    assert diff(old, _tree(write(same_meaning, "same.yaml"))) == []
    other = base.replace(
        "        target: {2024: [5, 6]}\n",
        "        polaritas: naik\n        target: {2024: [5, 6]}\n",
    )
    changes = diff(old, _tree(write(other, "other.yaml")))
    assert [(c.kind, c.kode, c.old, c.new) for c in changes] == [
        ("polaritas", "RANGE", "stabil (assumed)", "naik")
    ]


def test_the_seed_writes_every_polaritas() -> None:
    """The seed's outputs keep their meaning: no indicator there relies on the default."""
    tree = _tree(Path(__file__).resolve().parent.parent / "data" / "pohon_kinerja.yaml")
    assert all(i.polarity_written for _, i in tree.indicators())
