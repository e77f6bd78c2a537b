"""The loader speaks Indonesian: `pohon validate --lang id` says each loader problem and
its hint in Indonesian, at the same place and with the same code as in English."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CASES, ROOT, run

from pohon_cli.i18n import speaking
from pohon_cli.load import load_text, yaml_words
from pohon_cli.suggest import did_you_mean

CORPUS = ROOT / "tests" / "corpus"


@pytest.mark.parametrize(
    ("name", "english", "indonesian"),
    [
        (
            "syntax_no_space_after_colon.yaml",
            "no space after the colon in `satuan:persen`",
            "tidak ada spasi setelah titik dua dalam `satuan:persen`",
        ),
        (
            "syntax_quote_never_closed.yaml",
            "opened here is never closed",
            "yang dibuka di sini tidak pernah ditutup",
        ),
        ("syntax_tab_after_spaces.yaml", "a tab in the indentation", "ada tab dalam indentasi"),
        (
            "key_duplicate.yaml",
            "duplicate key `uraian`: it is already set on line 12",
            "kunci `uraian` ganda: kunci ini sudah ditulis di baris 12",
        ),
        ("bom_utf8.yaml", "unknown key `uraiann` in this node", "kunci `uraiann` tidak dikenal"),
        ("bom_utf8.yaml", "did you mean `uraian`?", "mungkin maksudnya `uraian`?"),
        ("invalid_utf8.yaml", "is not valid UTF-8", "bukan UTF-8 yang sah"),
        ("anak_null.yaml", "`anak` must be a list of nodes", "`anak` harus berupa daftar simpul"),
        (
            "references.yaml",
            "`rujuk: S9` names no node in this file",
            "`rujuk: S9` tidak merujuk simpul mana pun di berkas ini",
        ),
        ("references.yaml", "makes a cycle", "membentuk siklus"),
        ("wrong_kinds.yaml", "`kode` must be text, not a mapping", "`kode` harus berupa teks"),
        ("quarters_wrong.yaml", "are not quarters", "bukan triwulan"),
        ("years_not_years.yaml", "`24` is not a year", "`24` bukan tahun"),
        ("tag_python.yaml", "would run code", "akan menjalankan kode"),
        ("multiple_documents.yaml", "a second YAML document", "dokumen YAML kedua"),
    ],
)
def test_corpus_problems_are_said_in_indonesian(name: str, english: str, indonesian: str) -> None:
    path = CORPUS / name
    said_id = run("validate", "--lang", "id", "--no-cache", path, expect=1).stdout
    said_en = run("validate", "--lang", "en", "--no-cache", path, expect=1).stdout
    assert indonesian in said_id and english not in said_id
    assert english in said_en
    # the contract stays: the place, the severity word and the code
    where = [line.split(" [")[0] for line in said_en.splitlines() if " [PK" in line]
    assert where == [line.split(" [")[0] for line in said_id.splitlines() if " [PK" in line]


def test_a_case_with_unknown_unit_is_said_in_indonesian() -> None:
    said = run("validate", "--lang", "id", "--no-cache", CASES / "units" / "bad.yaml", expect=1)
    assert "`HUKUN` bukan unit kerja berkas ini (mungkin maksudnya `HUKUM`?)" in said.stdout
    assert "daftar ini tidak menyebut unit kerja" in said.stdout


def test_libyaml_words_are_said_again_in_indonesian(tmp_path: Path) -> None:
    """A syntax error pohon does not recognise keeps libyaml's words, said in Indonesian."""
    path = tmp_path / "at.yaml"
    path.write_text("versi: 1\ninstansi: @x\n", encoding="utf-8")
    said = run("validate", "--lang", "id", "--no-cache", path, expect=1).stdout
    assert (
        "error [PK001] sintaks YAML: ditemukan karakter yang tidak dapat mengawali unsur YAML "
        "apa pun (saat mencari unsur YAML berikutnya)"
    ) in said
    english = run("validate", "--no-cache", path, expect=1).stdout
    assert (
        "YAML syntax: found character that cannot start any token "
        "(while scanning for the next token)"
    ) in english


def test_pyyaml_forms_are_matched_whole() -> None:
    with speaking("id"):
        assert yaml_words.problem("mapping values are not allowed here") == (
            "nilai pemetaan (`kunci: nilai`) tidak diizinkan di sini"
        )
        assert yaml_words.problem("could not find expected ':'") == (
            "tanda `:` yang diharapkan tidak ditemukan"
        )
        assert yaml_words.problem("found character '\\t' that cannot start any token") == (
            "ditemukan karakter '\\t' yang tidak dapat mengawali unsur YAML apa pun"
        )
        assert yaml_words.problem("something libyaml never said") == (
            "something libyaml never said"
        )
    assert yaml_words.problem("mapping values are not allowed here") == (
        "mapping values are not allowed here"
    )


def test_the_file_that_is_no_mapping_and_did_you_mean() -> None:
    with speaking("id"):
        loaded = load_text("- a\n", "x.yaml")
        assert loaded.problems[0].message.startswith("berkas harus berupa pemetaan")
        assert did_you_mean("anka", ["anak", "kode"]) == "mungkin maksudnya `anak`?"


def test_filters_say_what_is_missing_in_indonesian() -> None:
    said = run(
        "show", "--lang", "id", ROOT / "data" / "pohon_kinerja.yaml", "--unit", "XYZ", expect=2
    )
    assert "tidak ada unit kerja `XYZ` di berkas ini" in said.stderr + said.stdout
