"""Several accountable units, `penanggung_jawab: [LEAD, OTHER]`: refused when badly written
(each problem at its place), and read by every command: listed under each unit, lead
first, partners marked, and the office's totals counting each indicator once."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import yaml
from conftest import CASES, run

from pohon_cli.filters import Filter, select
from pohon_cli.load import load_path
from pohon_cli.model import Tree

SEVERAL = CASES / "units" / "several.yaml"
BAD = CASES / "units" / "bad.yaml"


def tree() -> Tree:
    loaded = load_path(SEVERAL)
    assert loaded.tree is not None and loaded.problems == [], loaded.problems
    return loaded.tree


def test_one_kode_is_a_list_of_one_and_the_first_kode_leads() -> None:
    t = tree()
    assert t.nodes["S1"].owners == ("BIRO", "DINAS") and t.nodes["S1"].owner == "BIRO"
    assert t.nodes["K1"].owners == ("HUKUM",) and t.nodes["P1"].owners == ()
    i_p1 = t.nodes["P1"].indicators[0]
    assert t.owners_of(i_p1) == ("HUKUM", "BIRO") and t.owner_of(i_p1) == "HUKUM"
    i_s1 = t.nodes["S1"].indicators[0]
    assert t.owners_of(i_s1) == ("BIRO", "DINAS")  # the node's, lead first


def test_each_bad_list_is_reported_at_its_place() -> None:
    expected = BAD.read_text(encoding="utf-8").splitlines()[1].removeprefix("# expect: ")
    loaded = load_path(BAD)
    found = " ".join(f"{p.code}@{p.line}:{p.column}" for p in loaded.problems)
    assert found == expected
    messages = [p.message for p in loaded.problems]
    assert messages == [
        "`penanggung_jawab`: the list names no unit: write a unit kode, or leave "
        "`penanggung_jawab` out",
        "`HUKUN` is not a unit kerja of this file",
        "`penanggung_jawab`: the unit `HUKUM` is named twice: name each unit once, the lead first",
        "`penanggung_jawab`: write a unit kode, or a list of unit kodes with the lead first "
        "([LEAD, OTHER]), not a mapping",
        "item 2 of `penanggung_jawab` must be text, not a mapping",
        "`BIRU` is not a unit kerja of this file",
    ]
    assert loaded.problems[1].hint == "did you mean `HUKUM`?"
    out = run("validate", BAD, expect=1).stdout
    assert f"{BAD}:23:34: error [PK021] `HUKUN`" in out
    assert "Traceback" not in out


def test_the_schema_accepts_a_kode_or_a_list_and_refuses_an_empty_one() -> None:
    from test_schema import SCHEMA, as_json

    document = as_json(yaml.safe_load(SEVERAL.read_text(encoding="utf-8")))
    assert list(SCHEMA.iter_errors(document)) == []
    for wrong in ("[]", "[BIRO, BIRO]", "{kode: BIRO}"):
        text = SEVERAL.read_text(encoding="utf-8")
        text = text.replace("penanggung_jawab: [BIRO, DINAS]", f"penanggung_jawab: {wrong}")
        assert list(SCHEMA.iter_errors(as_json(yaml.safe_load(text)))), wrong


def test_unit_filter_selects_a_node_for_any_of_its_units() -> None:
    t = tree()
    assert select(t, Filter(unit="DINAS")).matched == {"S1", "P1"}  # partner of S1; I-P2
    assert select(t, Filter(unit="BIRO")).matched == {"S1", "P1"}  # lead of S1; I-P1
    assert select(t, Filter(unit="HUKUM")).matched == {"P1", "K1"}
    p1 = t.nodes["P1"]
    assert [i.code for i in select(t, Filter(unit="BIRO")).indicators(t, p1)] == ["I-P1"]


def test_show_names_every_unit_and_json_keeps_the_lead_as_text() -> None:
    text = run("show", SEVERAL).stdout
    assert "S1 [sasaran] Meningkatnya kepastian hukum (BIRO + DINAS)" in text
    assert "I-P1 Persentase peraturan yang diharmonisasi (HUKUM + BIRO)" in text
    s1 = json.loads(run("show", SEVERAL, "-f", "json").stdout)["pohon"][0]
    assert (s1["penanggung_jawab"], s1["penanggung_jawab_lain"]) == ("BIRO", ["DINAS"])
    assert (
        s1["indikator"][0]["penanggung_jawab"],
        s1["indikator"][0]["penanggung_jawab_lain"],
    ) == (
        "BIRO",
        ["DINAS"],
    )
    k1 = s1["anak"][0]["anak"][0]
    assert (k1["penanggung_jawab"], k1["penanggung_jawab_lain"]) == ("HUKUM", [])
    rows = json.loads(run("indicators", SEVERAL, "-f", "json").stdout)
    assert [(r["kode"], r["penanggung_jawab"], r["penanggung_jawab_lain"]) for r in rows] == [
        ("I-S1", "BIRO", ["DINAS"]),
        ("I-P1", "HUKUM", ["BIRO"]),
        ("I-P2", "DINAS", []),
        ("I-K1", "HUKUM", []),
    ]


def test_units_lists_a_shared_node_under_each_unit_marked() -> None:
    text = run("units", SEVERAL).stdout
    assert "S1 [sasaran] Meningkatnya kepastian hukum (lead, with DINAS)" in text
    assert "S1 [sasaran] Meningkatnya kepastian hukum (partner of BIRO)" in text
    accounts = json.loads(run("units", SEVERAL, "-f", "json").stdout)["unit_kerja"]
    by_unit = {a["kode"]: a for a in accounts}
    assert {k: (a["jumlah_simpul"], a["jumlah_indikator"]) for k, a in by_unit.items()} == {
        "BIRO": (1, 2),
        "HUKUM": (1, 2),
        "DINAS": (1, 2),
    }
    dinas = {n["kode"]: n for n in by_unit["DINAS"]["simpul"]}
    assert dinas["S1"]["penanggung_jawab"] == "BIRO"
    assert dinas["S1"]["penanggung_jawab_lain"] == ["DINAS"]
    assert dinas["S1"]["indikator"] == ["I-S1"] and dinas["P1"]["indikator"] == ["I-P2"]
    stats = json.loads(run("stats", SEVERAL, "-f", "json").stdout)
    assert [(u["kode"], u["nodes"], u["indicators"]) for u in stats["units"]] == [
        ("BIRO", 1, 2),
        ("HUKUM", 1, 2),
        ("DINAS", 1, 2),
    ]
    assert (stats["nodes_without_unit"], stats["indicators_without_unit"]) == (1, 0)


def test_report_averages_under_each_unit_and_counts_once_for_the_office() -> None:
    report = json.loads(run("report", SEVERAL, "-f", "json").stdout)
    units = {s["kode"]: s for s in report["ringkasan"]["unit"]}
    # BIRO: I-S1 (lead, 102.86) and I-P1 (partner, 90.00)
    assert (units["BIRO"]["dinilai"], units["BIRO"]["rata_rata"]) == (2, 96.43)
    assert {k: s["sebagai_mitra"] for k, s in units.items()} == {
        "BIRO": 1,
        "HUKUM": 0,
        "DINAS": 1,
    }
    overall = report["ringkasan"]["keseluruhan"]
    assert overall["dinilai"] == 4 == len(report["indikator"])
    assert report["indikator"][1]["penanggung_jawab_lain"] == ["BIRO"]
    text = run("report", SEVERAL, "-f", "markdown").stdout
    assert "| rata-rata | predikat | sebagai mitra |\n" in text
    assert "| DINAS | Dinas Mitra | 2 | 0 | 0 | 101.43 | Sangat Baik | 1 |" in text
    rows = list(csv.DictReader(run("report", SEVERAL, "-f", "csv").stdout.splitlines()))
    assert [r["penanggung_jawab"] for r in rows] == ["BIRO, DINAS", "HUKUM, BIRO", "DINAS", "HUKUM"]


def test_export_writes_the_units_lead_first_in_one_cell(tmp_path: Path) -> None:
    run("export", SEVERAL, "-o", f"{tmp_path}/")

    def sheet(name: str) -> list[dict[str, str]]:
        with (tmp_path / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    cascading = sheet("cascading")
    assert cascading[0]["penanggung_jawab"] == "BIRO, DINAS"
    assert cascading[1]["penanggung_jawab"] == ""
    assert cascading[1]["penanggung_jawab_indikator"] == "HUKUM, BIRO"
    manual = {r["kode"]: r for r in sheet("manual_ik")}
    assert manual["I-P1"]["unit_kerja"] == "Bagian Hukum, Kepala Biro"
    duties = [(r["unit"], r["jenis"], r["kode"]) for r in sheet("akuntabilitas")]
    assert ("BIRO", "simpul", "S1") in duties and ("DINAS", "simpul (mitra)", "S1") in duties
    assert ("BIRO", "indikator (mitra)", "I-P1") in duties
    assert ("HUKUM", "indikator", "I-P1") in duties
    achieved = {r["kode"]: r for r in sheet("capaian_2024")}
    assert achieved["I-S1"]["penanggung_jawab"] == "BIRO, DINAS"


def test_render_labels_name_the_lead_and_its_partners() -> None:
    dot = run("render", SEVERAL, "-f", "dot", "-o", "-").stdout
    owners = re.findall(r"<I>([^<]*)</I>", dot)
    assert "Kepala Biro (+ Dinas Mitra)" in owners  # S1
    assert "Bagian Hukum (+ Kepala Biro)" in owners  # I-P1, not the node's
    chart = run("render", SEVERAL, "--units", "-f", "dot", "-o", "-", "--lang", "id").stdout
    # DINAS answers for S1 as a partner and for I-P2 as the lead
    assert chart.count("penanggung jawab: 1 simpul, 2 indikator") == 3
    chart = run("render", SEVERAL, "--units", "-f", "dot", "-o", "-", "--lang", "en").stdout
    assert chart.count("responsible for: 1 node, 2 indicators") == 3


def test_split_unit_draws_a_shared_node_on_each_units_page(tmp_path: Path) -> None:
    run("render", SEVERAL, "--split", "unit", "-f", "dot", "-o", f"{tmp_path}/")
    for unit in ("BIRO", "DINAS"):
        page = (tmp_path / f"{unit}.dot").read_text(encoding="utf-8")
        assert "<B>S1</B>" in page and "<B>I-S1</B>" in page, unit
    assert "<B>I-P2</B>" in (tmp_path / "DINAS.dot").read_text(encoding="utf-8")
    assert "<B>I-P2</B>" not in (tmp_path / "BIRO.dot").read_text(encoding="utf-8")
