"""An indicator carried down in every command: listed under both nodes and marked,
scored and counted once, one row in the sheets, a change of the node in a diff."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from conftest import CASES, run

KOMINFO = CASES / "carried" / "dinas_kominfo.yaml"
PLAIN = {"COLUMNS": "200", "NO_COLOR": "1", "FORCE_COLOR": "", "TERM": "xterm"}


def _nodes(branches: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for branch in branches:
        if "kode" in branch:
            found[branch["kode"]] = branch
            found.update(_nodes(branch["anak"]))
    return found


def _sheet(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


def test_show_lists_a_carried_indicator_under_both_nodes_marked_below() -> None:
    out = run("show", KOMINFO, env=PLAIN).stdout
    assert "* IKK1 Persentase perangkat daerah yang menyerahkan data sektoral\n" in out
    assert (
        "* IKK1 Persentase perangkat daerah yang menyerahkan data sektoral "
        "^ carried from K1\n" in out
    )
    assert "* IKP1 Indeks keterbukaan informasi publik ^ carried from P1\n" in out


def test_show_json_marks_the_carried_copy_with_dibawa_dari() -> None:
    shown = _nodes(json.loads(run("show", "-f", "json", KOMINFO).stdout)["pohon"])
    own = shown["K1"]["indikator"][0]
    carried = shown["SK1"]["indikator"][0]
    assert own["kode"] == carried["kode"] == "IKK1"
    assert "dibawa_dari" not in own
    assert carried["dibawa_dari"] == "K1"
    # the same indicator: only the unit answering where it is listed differs
    assert {k: v for k, v in carried.items() if k not in ("dibawa_dari", "penanggung_jawab")} == {
        k: v for k, v in own.items() if k != "penanggung_jawab"
    }
    assert (own["penanggung_jawab"], carried["penanggung_jawab"]) == ("BID-APT", "SEK-DATA")
    assert [i["kode"] for i in shown["SK1"]["indikator"]] == ["IKK1", "IKS1"]


def test_indicators_lists_both_rows_and_names_where_it_is_carried_from() -> None:
    rows = json.loads(run("indicators", "-f", "json", KOMINFO).stdout)
    listed = [(r["kode"], r["simpul"], r.get("dibawa_dari")) for r in rows]
    assert listed == [
        ("IKP1", "P1", None),
        ("IKK1", "K1", None),
        ("IKK1", "SK1", "K1"),
        ("IKS1", "SK1", None),
        ("IKP1", "SK2", "P1"),
        ("IKK2", "K2", None),
    ]
    table = list(csv.reader(run("indicators", "-f", "csv", KOMINFO).stdout.splitlines()))
    assert table[0][-1] == "dibawa_dari"
    assert [r[-1] for r in table[1:]] == ["", "", "K1", "", "P1", ""]


def test_indicators_of_a_file_carrying_nothing_has_no_new_column() -> None:
    header = run("indicators", "-f", "csv", CASES / "show" / "small.yaml").stdout.splitlines()[0]
    assert not header.endswith("dibawa_dari")


def test_render_marks_the_row_in_the_lower_box() -> None:
    dot = run("render", "-f", "dot", KOMINFO, "-o", "-").stdout
    boxes = [line for line in dot.splitlines() if "<B>SK1</B>" in line]
    assert len(boxes) == 1
    assert '<B>IKK1</B><FONT POINT-SIZE="8"> · carried from K1</FONT>' in boxes[0]
    (upper,) = [line for line in dot.splitlines() if "<B>K1</B>" in line]
    assert "<B>IKK1</B>" in upper and "carried from" not in upper


def test_report_scores_a_carried_indicator_once_where_it_is_written() -> None:
    report = json.loads(run("report", "-f", "json", KOMINFO).stdout)
    rows = [(r["kode"], r["simpul"]) for r in report["indikator"]]
    assert rows == [("IKP1", "P1"), ("IKK1", "K1"), ("IKS1", "SK1"), ("IKK2", "K2")]
    # without the node it is written on, it is scored under the node carrying it
    below = json.loads(run("report", "-f", "json", KOMINFO, "--root", "K1").stdout)
    scored = [(r["kode"], r["simpul"], r["penanggung_jawab"]) for r in below["indikator"]]
    assert scored == [
        ("IKK1", "K1", "BID-APT"),
        ("IKS1", "SK1", "SEK-DATA"),
        ("IKP1", "SK2", "SEK-LAY"),
    ]


def test_stats_counts_a_carried_indicator_once() -> None:
    stats = json.loads(run("stats", "-f", "json", KOMINFO).stdout)
    assert (stats["nodes"], stats["indicators"]) == (5, 4)
    # SK2 carries its only indicator: it is not a node without indicators
    assert all(level["without_indicators"] == 0 for level in stats["levels"])


def test_units_lists_it_under_the_unit_of_the_carrying_node() -> None:
    out = run("units", KOMINFO, "--unit", "SEK-LAY", env=PLAIN).stdout
    assert "IKP1 Indeks keterbukaan informasi publik ^ carried from P1" in out
    accounts = json.loads(run("units", "-f", "json", KOMINFO).stdout)["unit_kerja"]
    by_unit = {a["kode"]: a for a in accounts}
    assert by_unit["SEK-LAY"]["simpul"][0]["indikator"] == ["IKP1"]
    assert by_unit["SEK-DATA"]["jumlah_indikator"] == 2


def test_export_writes_each_indicator_once_and_names_the_nodes_carrying_it(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "sheets"
    run("export", "-f", "csv", KOMINFO, "-o", folder)
    cascading = _sheet(folder / "cascading.csv")
    pairs = [(r["kode"], r["kode_indikator"], r["dibawa_ke"]) for r in cascading]
    assert pairs == [
        ("P1", "IKP1", "SK2"),
        ("K1", "IKK1", "SK1"),
        ("SK1", "IKS1", ""),
        ("SK2", "", ""),
        ("K2", "IKK2", ""),
    ]
    manual = _sheet(folder / "manual_ik.csv")
    assert [(r["kode"], r["dibawa_ke"]) for r in manual] == [
        ("IKP1", "SK2"),
        ("IKK1", "SK1"),
        ("IKS1", ""),
        ("IKK2", ""),
    ]


def test_a_carried_indicator_added_or_removed_is_a_change_of_the_node(tmp_path: Path) -> None:
    text = KOMINFO.read_text(encoding="utf-8")
    changed = tmp_path / "baru.yaml"
    changed.write_text(
        text.replace("              - rujuk: IKK1\n", "").replace(
            "              - rujuk: IKP1\n",
            "              - rujuk: IKP1\n              - rujuk: IKK1\n",
        ),
        encoding="utf-8",
    )
    changes = json.loads(run("diff", "-f", "json", KOMINFO, changed).stdout)
    assert [(c["kind"], c["kode"], c["field"], c["old"], c["new"]) for c in changes] == [
        ("changed", "SK1", "indikator", ["rujuk: IKK1"], []),
        ("changed", "SK2", "indikator", ["rujuk: IKP1"], ["rujuk: IKP1", "rujuk: IKK1"]),
    ]
    out = run("diff", KOMINFO, changed, env=PLAIN).stdout
    assert "SK1  indikator: rujuk: IKK1 → " in out


def test_export_akuntabilitas_lists_it_under_the_unit_of_the_carrying_node(
    tmp_path: Path,
) -> None:
    # the Cascading Akuntabilitas page: the unit of the sub kegiatan answers for the IKU
    # carried into it, as `units` says; a unit answering twice for one is listed once
    folder = tmp_path / "sheets"
    run("export", "-f", "csv", KOMINFO, "-o", folder)
    rows = _sheet(folder / "akuntabilitas.csv")
    indicators = [(r["unit"], r["kode"]) for r in rows if r["jenis"] == "indikator"]
    assert ("SEK-LAY", "IKP1") in indicators  # carried from P1 into SK2
    assert ("SEK-DATA", "IKK1") in indicators  # carried from K1 into SK1
    assert ("KADIS", "IKP1") in indicators  # and still under the unit where it is written
    assert len(indicators) == len(set(indicators))
