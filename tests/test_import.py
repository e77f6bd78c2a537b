"""``pohon import``: pohon's own export comes back as the same tree (CSV and workbook),
an edited cell as exactly that change; the tables offices have (merged cells and header
rows, decimal commas, .ods) are recognised by their headers; hostile workbooks get a
clear message at their cell."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CASES, DATA, run
from openpyxl import Workbook, load_workbook

from pohon_cli.diff import diff
from pohon_cli.load import load_path
from pohon_cli.model import Tree

TABLES = CASES / "import"
FIXTURES = [
    DATA,
    DATA.parent / "pohon_kinerja_2025.yaml",
    *sorted((CASES / "offices").glob("*.yaml")),
    *sorted((CASES / "report").glob("*.yaml")),
    CASES / "budget" / "anggaran.yaml",
    CASES / "carried" / "dinas_kominfo.yaml",
    CASES / "polaritas" / "assumed.yaml",
    CASES / "pd" / "renstra_dinas.yaml",
    CASES / "diff" / "base.yaml",
]


def tree(path: Path) -> Tree:
    loaded = load_path(path)
    assert loaded.tree is not None, loaded.problems
    return loaded.tree


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("source", FIXTURES, ids=lambda p: p.stem)
def test_round_trip_gives_the_same_tree(source: Path, kind: str, tmp_path: Path) -> None:
    out = f"{tmp_path / 'sheets'}/" if kind == "csv" else str(tmp_path / "book.xlsx")
    run("export", source, "-o", out)
    back = tmp_path / "back.yaml"
    _import(out, back)
    assert diff(tree(source), tree(back)) == []
    # diff compares numbers; the digits too come back (1.10 is not 1.1), from a workbook
    # through the Berkas sheet's `angka`
    assert digits(tree(back)) == digits(tree(source))


def digits(t: Tree) -> dict[str, str]:
    """Every number of the nodes and indicators, as its written text, by place."""
    found: dict[str, str] = {}

    def walk(where: str, value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(f"{where}.{key}", item)
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                walk(f"{where}.{i}", item)
        elif isinstance(value, Decimal):
            found[where] = str(value)

    for node in t.nodes.values():
        walk(f"{node.code}.anggaran", node.budget)
        walk(f"{node.code}.realisasi_anggaran", node.spent)
        for ind in node.indicators:
            walk(f"{ind.code}.target", ind.written_targets)
            walk(f"{ind.code}.baseline", ind.baseline)
            walk(f"{ind.code}.realisasi", ind.realisations)
            walk(f"{ind.code}.anggaran", ind.budget)
            walk(f"{ind.code}.realisasi_anggaran", ind.spent)
    return found


def test_a_workbook_gives_back_the_digits_a_float_loses(tmp_path: Path) -> None:
    source = tmp_path / "digits.yaml"
    source.write_text(
        "versi: 1\ninstansi: {nama: Dinas Contoh}\ntahun: 2025\n"
        "periode: {awal: 2025, akhir: 2026}\n"
        "pohon:\n  - kode: S1\n    jenjang: sasaran\n    uraian: Meningkatnya layanan\n"
        "    anggaran: {2025: 1000000.50}\n"
        "    indikator:\n      - kode: I1\n        uraian: Indeks layanan\n"
        "        satuan: indeks\n        baseline: 3.10\n"
        "        target: {2025: 3.20, 2026: [3.50, 4.00]}\n",
        encoding="utf-8",
    )
    book = tmp_path / "book.xlsx"
    run("export", source, "-o", book)
    run("import", book, "-o", tmp_path / "back.yaml", expect=0)
    written = (tmp_path / "back.yaml").read_text(encoding="utf-8")
    for text in ("3.10", "3.20", "[3.50, 4.00]", "1000000.50"):
        assert text in written
    # an edited cell is the edit: the recorded digits are for the number exported
    workbook = load_workbook(book)
    sheet = workbook["Cascading"]
    headers = [c.value for c in sheet[4]]
    row = next(r for r in sheet.iter_rows(min_row=5) if r[6].value == "I1")
    row[headers.index("Target 2025")].value = 3.3
    workbook.save(book)
    run("import", book, "-o", tmp_path / "edited.yaml", expect=0)
    edited = (tmp_path / "edited.yaml").read_text(encoding="utf-8")
    assert "2025: 3.3\n" in edited and "3.20" not in edited


EVERY_CASE = sorted(CASES.rglob("*.yaml"))


@pytest.mark.parametrize("source", EVERY_CASE, ids=lambda p: str(p.relative_to(CASES)))
def test_every_fixture_comes_back_from_its_csv(source: Path, tmp_path: Path) -> None:
    """The CSV folder of every fixture the loader reads, in process (no validation): the
    same tree."""
    from pohon_cli import importer
    from pohon_cli.export import sheets
    from pohon_cli.importer.record import record
    from pohon_cli.load import load_text
    from pohon_cli.output.sheets.csv_folder import csv_files
    from pohon_cli.yaml_writer import dump

    before = load_path(source).tree
    if before is None:
        pytest.skip("the loader refuses it, so export does too")
    folder = tmp_path / "sheets"
    folder.mkdir()
    for name, text in csv_files([*sheets(before), record(before)]).items():
        (folder / name).write_text(text, encoding="utf-8")
    done = importer.convert(importer.read(str(folder)), {}, "x")
    assert [n for n in done.notes if n.severity == "error"] == []
    after = load_text(dump(done.document), "back.yaml").tree
    assert after is not None
    assert diff(before, after) == []


def _import(source: str, out: Path) -> int:
    """Import whatever problems the tree had before: the exit code says whether any."""
    for expect in (0, 1):
        try:
            run("import", source, "-o", out, "--force", expect=expect)
            return expect
        except AssertionError:
            continue
    raise AssertionError(f"import {source} failed")


def test_an_edited_cell_is_exactly_that_change(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    run("export", DATA, "-o", book)
    workbook = load_workbook(book)
    sheet = workbook["Cascading"]
    headers = [c.value for c in sheet[4]]
    row = next(r for r in sheet.iter_rows(min_row=5) if r[6].value == "IKU-AMAN")
    row[headers.index("Target 2024")].value = 95
    workbook.save(book)
    run("import", book, "-o", tmp_path / "back.yaml", expect=0)
    changes = diff(tree(DATA), tree(tmp_path / "back.yaml"))
    assert [(c.kode, c.field, c.old, c.new) for c in changes] == [
        ("IKU-AMAN", "target", Decimal("100"), Decimal("95"))
    ]


def test_an_export_without_berkas_still_reads(tmp_path: Path) -> None:
    """An export made before the Berkas sheet: the tree, with a header made up and said so."""
    folder = tmp_path / "old"
    run("export", CASES / "budget" / "anggaran.yaml", "-o", f"{folder}/")
    (folder / "berkas.csv").unlink()
    out = tmp_path / "back.yaml"
    result = run("import", folder, "-o", out, "--instansi", "Dinas Lama")
    assert "cascading.csv: warning: no Berkas sheet" in result.stderr
    got, before = tree(out), tree(CASES / "budget" / "anggaran.yaml")
    assert list(got.nodes) == list(before.nodes)
    assert got.header.institution.name == "Dinas Lama"
    assert [i.code for _, i in got.indicators()] == [i.code for _, i in before.indicators()]


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    out = tmp_path / "pohon.yaml"
    out.write_text("keep\n", encoding="utf-8")
    result = run("import", TABLES / "iku_koma.csv", "-o", out, expect=2)
    assert "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep\n"
    run("import", TABLES / "iku_koma.csv", "-o", out, "--force")
    assert tree(out).nodes


def test_merged_cells_and_header_rows(tmp_path: Path) -> None:
    out = tmp_path / "renstra.yaml"
    result = run("import", TABLES / "renstra_merged.xlsx", "-o", out)
    got = tree(out)
    assert list(got.nodes) == ["T1", "T1.S1", "T1.S1.P1", "T1.S1.P1.K1"]
    assert got.parents["T1.S1.P1.K1"] == ("T1.S1.P1",)
    rambu = got.indicator("T1.S1.P1.K1.I1")
    assert rambu.targets == {2025: Decimal("1500"), 2026: Decimal("1750")}
    assert "Renstra!I9: warning: `1.500` read as 1500" in result.stderr
    assert got.indicator("T1.S1.I1").baseline == Decimal("2.5")
    assert got.nodes["T1.S1.P1"].budget == {2025: Decimal("1500000000")}
    assert [i.code for i in got.nodes["T1.S1.P1.K1"].indicators] == [
        "T1.S1.P1.K1.I1",
        "T1.S1.P1.K1.I2",
    ]
    assert got.nodes["T1"].owners == ("Sekretariat",)


def test_csv_with_decimal_commas(tmp_path: Path) -> None:
    out = tmp_path / "iku.yaml"
    result = run("import", TABLES / "iku_koma.csv", "-o", out)
    got = tree(out)
    assert got.indicator("S1.I1").targets == {2025: Decimal("96.5"), 2026: Decimal("97.75")}
    assert got.indicator("S1.I1").baseline == Decimal("95.25")
    assert got.indicator("S1.I2").targets[2026] == Decimal("1550.5")
    assert got.indicator("S1.I2").baseline == Decimal("1500")
    assert "iku_koma.csv!D5: warning: `1.500` read as 1500" in result.stderr
    assert "90.0" in out.read_text(encoding="utf-8")  # the digits as written


def test_an_indicator_column_per_level(tmp_path: Path) -> None:
    """`Indikator Tujuan` beside `Indikator Sasaran`: each indicator on its own level's
    node, never the tujuan's on the sasaran; the row's satuan and targets go with the
    deepest level's, and the tujuan's, read by its wording alone, is said so."""
    out = tmp_path / "wide.yaml"
    result = run("import", TABLES / "tujuan_sasaran_wide.csv", "-o", out, expect=0)
    got = tree(out)
    tujuan = got.nodes["T1"]
    assert [i.description for i in tujuan.indicators] == ["Indeks kepuasan masyarakat"]
    assert tujuan.indicators[0].targets == {}
    first, second = (got.nodes[k] for k in ("T1.S1", "T1.S2"))
    assert [i.description for i in first.indicators] == ["Persentase penurunan angka kecelakaan"]
    assert first.indicators[0].targets == {2025: Decimal("12"), 2026: Decimal("14.5")}
    assert second.indicators[0].baseline == Decimal("1200")
    assert "tujuan_sasaran_wide.csv!B1: warning: the tujuan's indicators are read by" in (
        result.stderr
    )
    assert "(from tujuan_sasaran_wide.csv!B2)" in result.stderr  # T1.I1's cell


def test_an_iku_table_with_one_target_column_and_its_manual(tmp_path: Path) -> None:
    """e-SAKIP's IKU table: one *Target* column with no year (the year of --tahun, never
    a guess without it) and the manual's *Formulasi*."""
    out = tmp_path / "iku.yaml"
    run("import", TABLES / "iku_esakip.csv", "-o", out, "--tahun", "2026")
    got = tree(out)
    first = got.indicator("S1.I1")
    assert first.targets == {2026: Decimal("82.5")}
    assert first.formula == "Survei IKM"
    assert got.indicator("S2.I1").targets == {2026: Decimal("75")}
    unsure = run("import", TABLES / "iku_esakip.csv", "-o", tmp_path / "no_year.yaml")
    assert "iku_esakip.csv!F1: warning: a Target column with no year" in unsure.stderr
    assert "--map 'Target=target_YEAR'" in unsure.stderr
    assert tree(tmp_path / "no_year.yaml").indicator("S1.I1").targets == {}


def test_ods(tmp_path: Path) -> None:
    out = tmp_path / "cascading.yaml"
    run("import", TABLES / "cascading.ods", "-o", out, "--instansi", "Kecamatan Contoh")
    got = tree(out)
    assert got.header.institution.name == "Kecamatan Contoh"
    assert got.nodes["S1.P1.SK1"].level == "sub_kegiatan"
    assert got.indicator("S1.I1").targets[2025] == Decimal("80.5")


def test_map_places_a_column_and_unknown_ones_are_listed(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text(
        "Sasaran,Uraian IKU,Target 2025,Keterangan\nNaiknya mutu,Angka mutu,80,catatan\n",
        encoding="utf-8",
    )
    out = tmp_path / "t.yaml"
    result = run("import", table, "-o", out, "--map", "Uraian IKU=indikator")
    assert "t.csv!D1: warning: column `Keterangan` is not placed" in result.stderr
    assert tree(out).indicator("S1.I1").description == "Angka mutu"
    bad = run("import", table, "-o", out, "--force", "--map", "Uraian IKU", expect=2)
    assert "--map Uraian IKU" in bad.stderr


def test_derived_kodes_never_collide(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text(
        "Program,Kode Program,Indikator\nSatu,P2,A\nDua,,B\nTiga,,C\n", encoding="utf-8"
    )
    out = tmp_path / "t.yaml"
    run(
        "import",
        table,
        "-o",
        out,
    )
    assert list(tree(out).nodes) == ["P2", "P1", "P2-2"]
    levels = tmp_path / "levels.csv"
    levels.write_text(
        "Kode Program,Program,Kode Kegiatan,Kegiatan,Indikator\n"
        "2.15.02,Program Lalu Lintas,2.15.02.2.01,Penyediaan Rambu,Jumlah rambu\n"
        ",,,Penyediaan Marka,Panjang marka\n",
        encoding="utf-8",
    )
    run("import", levels, "-o", tmp_path / "levels.yaml")
    assert list(tree(tmp_path / "levels.yaml").nodes) == ["2.15.02", "2.15.02.2.01", "2.15.02.K1"]


def test_formula_injection_stays_text_and_unsaved_formulas_are_refused(tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Sasaran", "Indikator", "Target 2025"])
    ws.append(['=HYPERLINK("http://x.example","klik")', "Angka a\x7fb", 80])
    ws.cell(2, 1).data_type = "s"
    ws.append([None, "Angka lain", "=SUM(C2:C2)"])
    path = tmp_path / "hostile.xlsx"
    book.save(path)
    out = tmp_path / "hostile.yaml"
    result = run("import", path, "-o", out, expect=1)
    got = tree(out)
    assert got.nodes["S1"].description == '=HYPERLINK("http://x.example","klik")'
    assert "Sheet!C3: error: a formula saved without its value" in result.stderr
    assert "Sheet!B2: warning: control character U+007F removed" in result.stderr
    assert got.indicator("S1.I1").description == "Angka ab"
    assert got.indicator("S1.I2").targets == {}


def test_too_many_rows_is_a_clear_message(tmp_path: Path) -> None:
    table = tmp_path / "big.csv"
    table.write_text("Sasaran,Indikator\n" + "S,I\n" * 100_000, encoding="utf-8")
    result = run("import", table, "-o", tmp_path / "big.yaml", expect=2)
    assert "import reads at most 50,000 rows a sheet" in result.stderr
    assert not (tmp_path / "big.yaml").exists()


def test_a_5_mb_workbook(tmp_path: Path) -> None:
    book = Workbook(write_only=True)
    plan = book.create_sheet("Renstra")
    plan.append(["Sasaran", "Indikator", "Target 2025"])
    plan.append(["Naiknya mutu", "Angka mutu", 80])
    bulk = book.create_sheet("Lampiran")
    for _ in range(15_000):
        bulk.append([os.urandom(96).hex() for _ in range(3)])
    path = tmp_path / "big.xlsx"
    book.save(path)
    assert path.stat().st_size > 5_000_000
    out = tmp_path / "big.yaml"
    run("import", path, "-o", out)
    assert tree(out).indicator("S1.I1").targets == {2025: Decimal("80")}


@pytest.mark.parametrize("name", ["iku_koma.csv", "renstra_merged.xlsx", "cascading.ods"])
def test_mutated_tables_always_get_an_answer(name: str, tmp_path: Path) -> None:
    """Bytes flipped, cut or doubled: an answer (0, 1 or 2), never a traceback."""
    import random

    from typer.testing import CliRunner

    from pohon_cli.cli import app

    data = (TABLES / name).read_bytes()
    rng = random.Random(18)
    for n in range(40):
        mutant = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(mutant))
            mutant[at] = rng.randrange(256)
        if n % 3 == 1:
            mutant = mutant[: rng.randrange(len(mutant))]
        elif n % 3 == 2:
            mutant += mutant[rng.randrange(len(mutant)) :]
        path = tmp_path / f"{n}{Path(name).suffix}"
        path.write_bytes(bytes(mutant))
        out = tmp_path / f"{n}.yaml"
        result = CliRunner().invoke(app, ["import", str(path), "-o", str(out)])
        assert isinstance(result.exception, SystemExit | None), result.exception
        assert result.exit_code in (0, 1, 2), (n, result.output)


def test_unreadable_input_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    result = run("import", bad, "-o", tmp_path / "x.yaml", expect=2)
    assert "cannot read the workbook" in result.stderr
    text = tmp_path / "t.txt"
    text.write_text("x", encoding="utf-8")
    assert "import reads" in run("import", text, "-o", tmp_path / "x.yaml", expect=2).stderr


def test_problems_name_the_yaml_line_and_the_cell(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text(
        "Sasaran,Indikator,Satuan\nPelaksanaan rapat,Jumlah rapat,\n", encoding="utf-8"
    )
    result = run(
        "import",
        table,
        "-o",
        tmp_path / "t.yaml",
    )
    assert "(from t.csv!" in result.stderr


def test_notes_at_their_cells_follow_the_language(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("Sasaran,Indikator,Target 2025,Keterangan\nMutu,Angka mutu,80,x\n")
    out = tmp_path / "t.yaml"
    said = run("import", table, "-o", out, "--lang", "id").stderr
    # the place and the severity word are the same in both languages; the words are not
    assert "t.csv!D1: warning: kolom `Keterangan` tidak dikenali" in said
    assert "is not placed" not in said
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    refused = run("import", bad, "-o", tmp_path / "x.yaml", "--lang", "id", expect=2).stderr
    assert "buku kerja tidak dapat dibaca" in refused


def test_a_polaritas_assumed_in_indonesian_reads_back_as_not_written(tmp_path: Path) -> None:
    source = CASES / "polaritas" / "assumed.yaml"
    sheets = tmp_path / "sheets"
    run("export", source, "-o", f"{sheets}/")
    cascading = sheets / "cascading.csv"
    written = cascading.read_text(encoding="utf-8")
    assert "(assumed)" in written
    cascading.write_text(written.replace("(assumed)", "(diasumsikan)"), encoding="utf-8")
    back = tmp_path / "back.yaml"
    _import(f"{sheets}/", back)
    assert diff(tree(source), tree(back)) == []
