"""The keys that link files (induk.berkas, mendukung, kolaborasi, pembagian): every bad
shape is a loader error at its place, worded like every other key's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CASES, run

KAUR = CASES / "cascade" / "kabupaten" / "kaur.yaml"
PROV = CASES / "cascade" / "provinsi" / "bengkulu.yaml"


@pytest.mark.parametrize(
    ("source", "old", "new", "expected"),
    [
        (
            KAUR,
            "berkas: ../provinsi/bengkulu.yaml",
            "berkas: [a.yaml]",
            "6:11: error [PK012] `berkas` must be text, not a list",
        ),
        (
            KAUR,
            "mendukung: [SS-1]",
            "mendukung: {SS-1: x}",
            "16:16: error [PK012] `mendukung` must be a list, not a mapping",
        ),
        (
            KAUR,
            "mendukung: IKU-1",
            "mendukung: [IKU-1]",
            "21:20: error [PK012] `mendukung` must be text, not a list",
        ),
        (
            KAUR,
            "        kode: DK-1\n",
            "",
            "29:9: error [PK011] this `kolaborasi` item has no `kode` (add `kode: ...`)",
        ),
        (
            KAUR,
            "peran: Menyediakan",
            "peranan: Menyediakan",
            "31:9: error [PK010] unknown key `peranan` in this `kolaborasi` item "
            "(did you mean `peran`?)",
        ),
        (
            KAUR,
            "      - berkas: ../dinas/kominfo.yaml\n        kode: DK-1\n"
            "        peran: Menyediakan data kependudukan\n",
            "      - ../dinas/kominfo.yaml\n",
            "29:9: error [PK012] item 1 of `kolaborasi` must be a mapping (key: value lines), "
            "not the text `../dinas/kominfo.yaml`",
        ),
        (
            PROV,
            "pembagian: jumlah",
            "pembagian: bagi",
            "33:24: error [PK012] `pembagian` must be jumlah or rata_rata, not the text `bagi`",
        ),
    ],
    ids=[
        "berkas",
        "node-mendukung",
        "indicator-mendukung",
        "kolaborasi-kode",
        "kolaborasi-key",
        "kolaborasi-item",
        "pembagian",
    ],
)
def test_a_bad_shape_is_an_error_at_its_place(
    write: Callable[[str, str], Path], source: Path, old: str, new: str, expected: str
) -> None:
    text = source.read_text(encoding="utf-8")
    assert old in text
    path = write(text.replace(old, new, 1), "salah.yaml")
    out = run("validate", path, expect=1).stdout
    assert f"{path}:{expected}" in out, out


def test_the_keys_are_optional_and_change_nothing_alone(write: Callable[[str, str], Path]) -> None:
    """A file with links whose other files are not there loads; only PK124 speaks."""
    text = KAUR.read_text(encoding="utf-8")
    out = run("validate", write(text, "kaur.yaml"), expect=1).stdout
    assert {line.split("[")[1][:5] for line in out.splitlines() if "[" in line} == {"PK124"}


def test_diff_reports_a_change_of_the_links(tmp_path: Path) -> None:
    text = KAUR.read_text(encoding="utf-8")
    new = tmp_path / "kaur.yaml"
    new.write_text(
        text.replace("mendukung: [SS-2]", "mendukung: [SS-1, SS-2]")
        .replace("peran: Menyediakan", "peran: Memutakhirkan")
        .replace("berkas: ../provinsi/bengkulu.yaml", "berkas: ../provinsi/lain.yaml"),
        encoding="utf-8",
    )
    out = run("diff", KAUR, new).stdout
    assert "induk.berkas: ../provinsi/bengkulu.yaml → ../provinsi/lain.yaml" in out
    assert "mendukung: SS-2 → SS-1, SS-2" in out
    assert (
        "kolaborasi: {berkas: ../dinas/kominfo.yaml, kode: DK-1, peran: Menyediakan data "
        "kependudukan} → {berkas: ../dinas/kominfo.yaml, kode: DK-1, peran: Memutakhirkan "
        "data kependudukan}" in out
    )
