"""The problems of the rules in Indonesian (``--lang id``): whole sentences, the kodes,
numbers and format keys as written; the English of the same problems is pinned by the
rules' own tests."""

from __future__ import annotations

from conftest import CASES, run

RULES = CASES / "rules"


def _problems(name: str, code: str, *args: str, expect: int = 0) -> list[str]:
    out = run("validate", RULES / name, "--lang", "id", *args, expect=expect).stdout
    return [line.split(f"[{code}] ", 1)[1] for line in out.splitlines() if f"[{code}]" in line]


def test_indicators_and_targets() -> None:
    assert _problems("PK103-fail.yaml", "PK103") == [
        "indikator `T1.1` tidak memiliki target untuk 2024, tahun berkas ini "
        "(tambahkan `target: {2024: ...}`)",
        "indikator `T1.2` tidak memiliki target (tambahkan `target: {2024: ...}`)",
    ]
    assert _problems("PK101-fail.yaml", "PK101")[0].startswith(
        "tujuan `T1` tidak memiliki indikator"
    )


def test_name_and_satuan() -> None:
    assert _problems("PK107-fail.yaml", "PK107")[1] == (
        '`T1.2` bernama "Jumlah guru bersertifikat", yang mengukur jumlah, bukan persentase, '
        "tetapi satuannya `persen` (sesuaikan satuan dengan yang diukur menurut namanya, atau "
        "ganti nama indikatornya)"
    )


def test_a_hasil_worded_as_an_activity() -> None:
    assert _problems("PK114-hasil.yaml", "PK114")[0].startswith(
        'hasil kegiatan `2.15.02.2.01` ditulis sebagai aktivitas ("Penyusunan ..."), bukan '
        "sebagai hasil yang hendak diwujudkannya (nyatakan kondisi yang dicapai, misalnya "
        "Meningkatnya ..."
    )


def test_budgets_and_units() -> None:
    assert (
        "simpul `P1` mencatat realisasi anggaran 5 pada 2027, tetapi tidak memiliki `anggaran` "
        "untuk 2027: serapan tidak dapat diukur (tulis pagunya: `anggaran: {2027: ...}`)"
    ) in _problems("PK121-fail.yaml", "PK121")
    assert _problems("PK110-fail.yaml", "PK110") == [
        "unit kerja `UMUM` (Subbagian Umum) tidak menjadi penanggung jawab simpul atau "
        "indikator mana pun, begitu pula unit kerja di bawahnya (jadikan unit kerja ini "
        "penanggung_jawab pekerjaannya, atau hapus dari unit_kerja)"
    ]


def test_a_word_that_names_no_rule() -> None:
    err = run("rules", "nope", "--lang", "id", expect=2).stderr
    assert "`nope` bukan aturan; `pohon rules` mendaftar semua aturan" in err
    err = run(
        "validate", RULES / "PK101-pass.yaml", "--ignore", "PK001", "--lang", "id", expect=2
    ).stderr
    assert "`PK001` adalah pemeriksaan pembacaan berkas, bukan aturan" in err
