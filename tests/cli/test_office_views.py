"""Seeing the cascade (issue 13, item 3): ``pohon show DIR``, ``pohon units DIR`` and
``pohon render DIR`` on the fixture workspace (tests/cases/workspace/) and on a generated
one, through the real CLI and the real ``dot``."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES, ROOT, run
from generate_workspace import generate_workspace

from pohon_cli.load import load_path

WORKSPACE = CASES / "workspace"
WIDE = {"COLUMNS": "200", "NO_COLOR": "1", "FORCE_COLOR": "", "TERM": "xterm"}
NATIONAL = "nasional/kpu_ri.yaml"
PROVINCES = {
    "provinsi/kpu_bengkulu.yaml": [
        "kabupaten/kpu_bengkulu_tengah.yaml",
        "kabupaten/kpu_kota_bengkulu.yaml",
    ],
    "provinsi/kpu_sumsel.yaml": [
        "kabupaten/kpu_kota_palembang.yaml",
        "kabupaten/kpu_ogan_ilir.yaml",
    ],
}


def pohon(*args: str | Path, expect: int = 0) -> str:
    return run(*args, expect=expect, env=WIDE).stdout


def _walk(offices: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for office in offices:
        yield office
        yield from _walk(office["anak"])


def _relative(path: str, folder: Path = WORKSPACE) -> str:
    return Path(path).relative_to(folder).as_posix()


def _validate_counts(*args: str | Path, expect: int = 0) -> dict[str, tuple[int, int]]:
    """Errors and warnings per file, as ``pohon validate ARGS`` reports them."""
    problems = json.loads(run("validate", "-f", "json", *args, expect=expect).stdout)
    found: dict[str, Counter[str]] = {}
    for problem in problems:
        found.setdefault(problem["file"], Counter())[problem["severity"]] += 1
    return {file: (c["error"], c["warning"]) for file, c in found.items()}


# -- show DIR ---------------------------------------------------------------------------------


def test_show_dir_json_is_the_cascade_with_counts_and_validates_problems() -> None:
    data = json.loads(pohon("show", "-f", "json", WORKSPACE))
    assert set(data) == {"kantor", "jumlah"}
    [top] = data["kantor"]
    assert _relative(top["file"]) == NATIONAL and top["induk"] is None
    assert {
        _relative(p["file"]): [_relative(d["file"]) for d in p["anak"]] for p in top["anak"]
    } == PROVINCES
    keys = {
        "file", "instansi", "induk", "diberikan", "dimuat", "jumlah_simpul", "jumlah_indikator",
        "jumlah_mendukung", "jumlah_indikator_mendukung", "jumlah_kolaborasi",
        "jumlah_kesalahan", "jumlah_peringatan", "anak",
    }  # fmt: skip
    offices = list(_walk(data["kantor"]))
    assert all(set(office) == keys for office in offices)
    for office in offices:
        for child in office["anak"]:
            assert child["induk"] == office["file"]
    by_file = {_relative(o["file"]): o for o in offices}
    ogan = by_file["kabupaten/kpu_ogan_ilir.yaml"]
    assert ogan["instansi"] == {
        "nama": "Komisi Pemilihan Umum Kabupaten Ogan Ilir",
        "singkatan": "KPU Kabupaten Ogan Ilir",
    }
    assert (ogan["jumlah_simpul"], ogan["jumlah_indikator"]) == (3, 3)
    assert (ogan["jumlah_mendukung"], ogan["jumlah_indikator_mendukung"]) == (3, 3)
    assert ogan["jumlah_kolaborasi"] == 1
    assert (by_file[NATIONAL]["jumlah_mendukung"], by_file[NATIONAL]["jumlah_kolaborasi"]) == (0, 0)
    assert by_file["provinsi/kpu_bengkulu.yaml"]["jumlah_indikator_mendukung"] == 4
    # the problems are validate's, file by file (the planted cross-file ones included)
    expected = _validate_counts(WORKSPACE)
    for office in offices:
        said = (office["jumlah_kesalahan"], office["jumlah_peringatan"])
        assert said == expected.get(office["file"], (0, 0)), office["file"]
    for file, tree in ((o["file"], load_path(o["file"]).tree) for o in offices):
        assert tree is not None
        assert by_file[_relative(file)]["jumlah_simpul"] == len(tree.nodes)
    totals = data["jumlah"]
    assert totals == {
        "kantor": 7,
        "kantor_tidak_diberikan": 0,
        "simpul": sum(o["jumlah_simpul"] for o in offices),
        "indikator": sum(o["jumlah_indikator"] for o in offices),
        "kesalahan": sum(e for e, _w in expected.values()),
        "peringatan": sum(w for _e, w in expected.values()),
    }


def test_show_dir_text_hangs_each_office_under_its_parent() -> None:
    text = pohon("show", WORKSPACE)
    lines = text.splitlines()
    assert lines[0] == f"offices under {WORKSPACE}/"
    national = next(i for i, line in enumerate(lines) if "nasional/kpu_ri.yaml" in line)
    assert lines[national].startswith("Komisi Pemilihan Umum (KPU RI)  nasional/kpu_ri.yaml · ")
    assert "6 nodes, 7 indicators, 0 mendukung, 0 carried, 0 kolaborasi" in lines[national]
    ogan = next(line for line in lines if "kpu_ogan_ilir.yaml" in line)
    # a district two levels down, the last of the last province
    assert ogan.startswith("    `-- Komisi Pemilihan Umum Kabupaten Ogan Ilir (KPU Kabupaten Ogan")
    assert "3 nodes, 3 indicators, 3 mendukung, 3 carried, 1 kolaborasi · 1 warning" in ogan
    assert "provinsi/kpu_bengkulu.yaml · 6 nodes, 7 indicators" in text
    expected = _validate_counts(WORKSPACE)
    warnings = sum(w for _e, w in expected.values())
    assert lines[-1] == (
        f"7 offices: 33 nodes, 36 indicators; {warnings} problems (0 errors, {warnings} warnings)"
    )


def test_show_dir_reads_at_80_columns() -> None:
    text = run("show", WORKSPACE, env={**WIDE, "COLUMNS": "80"}).stdout
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "kabupaten/kpu_kota_palembang.yaml" in text


def test_show_of_several_files_shows_a_parent_not_given() -> None:
    files = [
        WORKSPACE / "kabupaten/kpu_ogan_ilir.yaml",
        WORKSPACE / "kabupaten/kpu_kota_palembang.yaml",
    ]
    data = json.loads(pohon("show", "-f", "json", *files))
    [top] = data["kantor"]
    assert top["file"].endswith("provinsi/kpu_sumsel.yaml")
    assert (top["diberikan"], top["jumlah_kesalahan"], top["jumlah_peringatan"]) == (
        False,
        None,
        None,
    )
    assert [Path(o["file"]).name for o in top["anak"]] == [
        "kpu_ogan_ilir.yaml",
        "kpu_kota_palembang.yaml",
    ]
    assert all(o["diberikan"] for o in top["anak"])
    assert data["jumlah"]["kantor_tidak_diberikan"] == 1
    text = pohon("show", *files)
    said = "6 nodes, 7 indicators, 3 mendukung, 4 carried, 0 kolaborasi · not given: not checked"
    assert f"provinsi/kpu_sumsel.yaml · {said}" in text
    assert text.splitlines()[-1].startswith("3 offices (1 not given): ")


def test_show_dir_lists_a_file_that_does_not_load(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    shutil.copytree(WORKSPACE, folder)
    broken = folder / "kabupaten" / "rusak.yaml"
    broken.write_text("versi: 1\ninstansi: [tidak\n", encoding="utf-8")
    data = json.loads(pohon("show", "-f", "json", folder))
    offices = {_relative(o["file"], folder): o for o in _walk(data["kantor"])}
    shown = offices["kabupaten/rusak.yaml"]
    assert shown["dimuat"] is False and shown["instansi"] is None and shown["jumlah_simpul"] is None
    errors = _validate_counts(broken, expect=1)[str(broken)][0]
    assert errors >= 1 and shown["jumlah_kesalahan"] == errors
    assert len(offices) == 8 and any(o is shown for o in data["kantor"])  # no induk known
    text = pohon("show", folder)
    assert f"kabupaten/rusak.yaml · did not load · {errors} error" in text


def test_one_file_keeps_its_one_file_view() -> None:
    file = WORKSPACE / NATIONAL
    data = json.loads(pohon("show", "-f", "json", file))
    assert "pohon" in data and "kantor" not in data
    assert "unit_kerja" in json.loads(pohon("units", "-f", "json", file))


@pytest.mark.parametrize(
    ("command", "option"),
    [
        ("show", ["--misi", "M1"]),
        ("show", ["--detail"]),
        ("units", ["--unit", "KETUA"]),
        ("render", ["--split", "misi", "-o", "out"]),
        ("render", ["--units", "-o", "out.svg"]),
    ],
)
def test_options_of_one_tree_are_refused_for_a_directory(command: str, option: list[str]) -> None:
    said = run(command, WORKSPACE, *option, expect=2).stderr
    assert f"within one file's tree: `pohon {command}` of a directory" in said
    assert option[0] in said


def test_a_directory_without_pohon_files_is_a_usage_error(tmp_path: Path) -> None:
    said = run("show", tmp_path, expect=2).stderr
    assert "no *.yaml or *.yml files found" in said


@pytest.mark.parametrize("command", ["show", "units", "render"])
def test_a_missing_file_among_several_stops_as_validate_does(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "tidak_ada.yaml"
    out = ["-o", str(tmp_path / "peta.svg")] if command == "render" else []
    said = run(command, WORKSPACE / NATIONAL, missing, *out, expect=2).stderr
    assert said == run("validate", WORKSPACE / NATIONAL, missing, expect=2).stderr
    assert "no such file" in said and not (tmp_path / "peta.svg").exists()


# -- units DIR --------------------------------------------------------------------------------


def test_units_dir_condenses_units_file_per_office() -> None:
    data = json.loads(pohon("units", "-f", "json", WORKSPACE))
    offices = list(_walk(data["kantor"]))
    assert len(offices) == 7 and set(data["jumlah"]) == {
        "kantor", "kantor_tidak_diberikan", "simpul", "indikator",
    }  # fmt: skip
    keys = {
        "file", "instansi", "induk", "diberikan", "dimuat", "jumlah_simpul", "jumlah_indikator",
        "unit_kerja", "tanpa_unit", "anak",
    }  # fmt: skip
    assert all(set(office) == keys for office in offices)
    assert all(set(o["tanpa_unit"]) == {"jumlah_simpul", "jumlah_indikator"} for o in offices)
    for office in offices:
        alone = json.loads(pohon("units", "-f", "json", office["file"]))
        expected = [
            {k: u[k] for k in ("kode", "nama", "atasan", "jumlah_simpul", "jumlah_indikator")}
            for u in alone["unit_kerja"]
        ]
        assert office["unit_kerja"] == expected, office["file"]
    text = pohon("units", WORKSPACE)
    lines = text.splitlines()
    bengkulu = lines.index(next(line for line in lines if "kpu_bengkulu.yaml" in line))
    assert lines[bengkulu + 1] == (
        "|   |-- KETUA [unit] Ketua dan Anggota KPU Provinsi Bengkulu (2 nodes, 3 indicators)"
    )
    assert (
        "|       `-- KETUA [unit] Ketua dan Anggota KPU Kota Bengkulu (0 nodes, 0 indicators)"
        in text
    )
    assert text.splitlines()[-1] == "7 offices: 33 nodes, 36 indicators"


# -- render DIR -------------------------------------------------------------------------------


Link = tuple[str, str, str, str]
_FILE_IN_LABEL = r'POINT-SIZE="9">([^<·]+?)(?: · tidak diberikan)?</FONT>'


def _map(source: str) -> tuple[dict[str, str], dict[str, tuple[str, str]], list[str]]:
    """The office map's DOT read back: cluster -> office file, node id -> (file, kode),
    and the edge lines."""
    clusters: dict[str, str] = {}
    nodes: dict[str, tuple[str, str]] = {}
    edges: list[str] = []
    cluster = file = ""
    for line in source.splitlines():
        if found := re.match(r"\s*subgraph (cluster_o\d+) \{", line):
            cluster = found.group(1)
        elif cluster not in clusters and (found := re.search(_FILE_IN_LABEL, line)):
            file = clusters[cluster] = found.group(1)
        if found := re.match(r"\s*(o\d+n\d+) \[label=<.*?<B>([^<]+)</B>", line):
            nodes[found.group(1)] = (file, found.group(2))
        if " -> " in line:
            edges.append(line.strip())
    return clusters, nodes, edges


def _links(folder: Path) -> tuple[set[Link], set[Link]]:
    """Every mendukung and kolaborasi link written in the files: (file, kode, file, kode)."""
    supports: set[Link] = set()
    partners: set[Link] = set()
    for path in sorted(folder.rglob("*.yaml")):
        tree = load_path(path).tree
        assert tree is not None
        here = _relative(str(path), folder)
        induk = tree.header.parent_organisation
        for node in tree.nodes.values():
            for kode in node.supports:
                assert induk is not None and induk.file is not None
                parent = (path.parent / induk.file).resolve().relative_to(folder.resolve())
                supports.add((here, node.code, parent.as_posix(), kode))
            for partner in node.partners:
                other = (path.parent / partner.file).resolve().relative_to(folder.resolve())
                partners.add((here, node.code, other.as_posix(), partner.code))
    return supports, partners


def _drawn(edges: list[str], nodes: dict[str, tuple[str, str]], dashed: bool) -> set[Link]:
    found: set[Link] = set()
    for edge in edges:
        head = re.match(r"(o\d+n\d+) -> (o\d+n\d+)", edge)
        if head is None or "style=invis" in edge or "arrowhead=none" in edge:
            continue
        if ("style=dashed" in edge) == dashed:
            (one, kode), (other, theirs) = nodes[head.group(1)], nodes[head.group(2)]
            found.add((one, kode, other, theirs))
    return found


def test_office_map_has_every_office_and_every_link() -> None:
    source = pohon("render", WORKSPACE, "-f", "dot", "-o", "-")
    clusters, nodes, edges = _map(source)
    written = sorted(_relative(str(p)) for p in WORKSPACE.rglob("*.yaml"))
    assert sorted(clusters.values()) == written
    supports, partners = _links(WORKSPACE)
    assert len(supports) == 18 and len(partners) == 3
    assert _drawn(edges, nodes, dashed=False) == supports
    assert _drawn(edges, nodes, dashed=True) == partners
    # a peran labels its edge, clipped to two short lines
    assert (
        '<FONT POINT-SIZE="8">Mencocokkan data pemilih di<BR/>kelurahan perbatasan kedua' in source
    )


def test_office_map_escapes_what_the_files_say(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    shutil.copytree(WORKSPACE, folder)
    district = folder / "kabupaten" / "kpu_kota_bengkulu.yaml"
    text = district.read_text(encoding="utf-8")
    said = "Mencocokkan data pemilih di kelurahan perbatasan kedua wilayah"
    text = text.replace(said, "'<b>Cocokkan</b> & \"data\" \\N ]'")
    text = text.replace("nama: Komisi Pemilihan Umum Kota Bengkulu", "nama: KPU <Kota> & Bengkulu")
    district.write_text(text, encoding="utf-8")
    source = pohon("render", folder, "-f", "dot", "-o", "-")
    assert "&lt;b&gt;Cocokkan&lt;/b&gt; &amp; &quot;data&quot;" in source
    assert "\\\\N &#93;" in source
    assert "KPU &lt;Kota&gt; &amp; Bengkulu" in source
    target = tmp_path / "peta.svg"
    run("render", folder, "-o", target)
    assert "&lt;b&gt;Cocokkan&lt;/b&gt;" in target.read_text(encoding="utf-8")


def test_office_map_png_is_drawn_by_dot(tmp_path: Path) -> None:
    target = tmp_path / "peta.png"
    run("render", WORKSPACE, "-o", target)
    assert target.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


# -- a generated workspace ---------------------------------------------------------------------


def test_generated_workspace_of_50_offices_is_clean_and_drawn(tmp_path: Path) -> None:
    folder = tmp_path / "kpu"
    files = generate_workspace(folder, provinces=7, districts=42, nodes_per_office=8)
    assert len(files) == 50
    assert json.loads(run("validate", "-f", "json", folder).stdout) == []
    data = json.loads(pohon("show", "-f", "json", folder))
    [top] = data["kantor"]
    assert len(top["anak"]) == 7 and all(len(p["anak"]) == 6 for p in top["anak"])
    assert data["jumlah"]["kantor"] == 50 and data["jumlah"]["peringatan"] == 0
    source = pohon("render", folder, "-f", "dot", "-o", "-")
    clusters, nodes, edges = _map(source)
    assert len(clusters) == 50
    supports, partners = _links(folder)
    assert _drawn(edges, nodes, dashed=False) == supports
    assert _drawn(edges, nodes, dashed=True) == partners and len(partners) == 14
    done = subprocess.run(
        ["dot", "-Tsvg"], input=source.encode(), capture_output=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.count(b'class="cluster"') == 50


def test_the_office_map_in_the_docs_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/peta_instansi.svg is drawn from docs/peta_instansi.dot; run `make docs` when
    this fails (the DOT source is compared: SVG bytes differ between Graphviz versions).
    The docs' pictures are in Indonesian (``--lang id``), as planners read them."""
    monkeypatch.chdir(ROOT)
    committed = (ROOT / "docs" / "peta_instansi.dot").read_text(encoding="utf-8")
    drawn = pohon("render", "tests/cases/workspace", "-f", "dot", "-o", "-", "--lang", "id")
    assert committed == drawn
    english = pohon("render", "tests/cases/workspace", "-f", "dot", "-o", "-", "--lang", "en")
    assert "OFFICE CASCADING MAP" in english and ">7 offices<" in english
    assert "6 nodes, 7 indicators" in english and "simpul" not in english
    assert (ROOT / "docs" / "peta_instansi.svg").read_text(encoding="utf-8").count(
        'class="cluster"'
    ) == 7


def test_a_loop_of_induk_is_cut_where_it_closes(tmp_path: Path) -> None:
    for name, parent in (("a", "b"), ("b", "a")):
        (tmp_path / f"{name}.yaml").write_text(
            f"versi: 1\ninstansi:\n  nama: Kantor {name.upper()}\n"
            f"induk:\n  nama: Kantor {parent.upper()}\n  berkas: {parent}.yaml\n"
            "tahun: 2026\npohon:\n  - kode: T1\n    jenjang: tujuan\n"
            "    uraian: Meningkatnya layanan\n",
            encoding="utf-8",
        )
    data = json.loads(pohon("show", "-f", "json", tmp_path))
    [top] = data["kantor"]
    assert Path(top["file"]).name == "a.yaml" and top["induk"] is None
    assert [Path(o["file"]).name for o in top["anak"]] == ["b.yaml"]
    units = pohon("units", tmp_path)
    assert "Kantor A  a.yaml · 1 node, 0 indicators" in units
    assert "`-- no unit kerja (1 node, 0 indicators)" in units


def test_units_dir_lists_a_file_that_does_not_load(tmp_path: Path) -> None:
    (tmp_path / "rusak.yaml").write_text("versi: [\n", encoding="utf-8")
    shutil.copy(WORKSPACE / NATIONAL, tmp_path / "kpu_ri.yaml")
    text = pohon("units", tmp_path)
    assert "rusak.yaml · did not load" in text
    data = json.loads(pohon("units", "-f", "json", tmp_path))
    broken = next(o for o in data["kantor"] if o["file"].endswith("rusak.yaml"))
    assert (broken["dimuat"], broken["unit_kerja"], broken["tanpa_unit"]) == (False, [], None)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("penanggung_jawab: SUBBAG-TEKNIS", "penanggung_jawab: SUBBAG-TIDAK-ADA"),
        ("jenjang: sasaran\n", "jenjang: sasaran_tidak_ada\n"),
    ],
    ids=["unknown unit", "unknown level"],
)
def test_a_file_that_reads_but_has_errors_is_listed_not_drawn(
    tmp_path: Path, old: str, new: str
) -> None:
    """A file whose tree reads but has errors (an undeclared unit, an unknown level) is
    not shown, as `show FILE` would not show it: listed with its errors in every view,
    never a traceback (found by fuzzing a workspace)."""
    folder = tmp_path / "ws"
    shutil.copytree(WORKSPACE, folder)
    file = folder / "kabupaten" / "kpu_bengkulu_tengah.yaml"
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")
    for command in ("show", "units"):
        assert "kpu_bengkulu_tengah.yaml · did not load" in pohon(command, folder)
    pohon("render", folder, "-o", tmp_path / "map.dot")
    dot = (tmp_path / "map.dot").read_text(encoding="utf-8")
    # its box says only its file: no node of its tree is drawn
    box = next(b for b in dot.split("subgraph cluster_")[1:] if "kpu_bengkulu_tengah" in b)
    assert "[label=<<TABLE" not in box.split("\n\t}")[0]
