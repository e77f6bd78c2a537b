"""The committed JSON Schema is the one the models make, and it accepts the seed tree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CASES, DATA, ROOT, run
from jsonschema import Draft202012Validator

from pohon_cli.schema import schema_text


def test_committed_schema_matches_the_models() -> None:
    committed = (ROOT / "schemas" / "pohon_kinerja.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run `pohon schema > schemas/pohon_kinerja.schema.json`"


def test_schema_command_prints_it() -> None:
    printed = json.loads(run("schema").stdout)
    # no default: a polaritas not written means naik for one value, stabil for a range
    polaritas = printed["$defs"]["Indicator"]["properties"]["polaritas"]
    assert polaritas["anyOf"][0]["enum"] == ["naik", "turun", "stabil"]
    assert polaritas["default"] is None
    assert "pohon" in printed["required"]


def test_data_file_points_editors_at_the_schema() -> None:
    first = (ROOT / "data" / "pohon_kinerja.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/pohon_kinerja.schema.json"


SCHEMA = Draft202012Validator(
    json.loads((ROOT / "schemas" / "pohon_kinerja.schema.json").read_text(encoding="utf-8"))
)
VALID_TREES = [
    DATA,
    ROOT / "data" / "pohon_kinerja_2025.yaml",
    CASES / "report" / "pohon_realisasi.yaml",
    CASES / "report" / "target_triwulan.yaml",
    *sorted((CASES / "offices").glob("*.yaml")),
    CASES / "carried" / "dinas_kominfo.yaml",
    CASES / "units" / "several.yaml",  # penanggung_jawab as a kode and as a list
    *sorted((CASES / "cascade").glob("*/*.yaml")),  # links between files
]


def as_json(value: Any) -> Any:
    """A YAML document as an editor's schema checker sees it: mapping keys as text."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


@pytest.mark.parametrize("path", VALID_TREES, ids=lambda p: p.stem)
def test_the_schema_accepts_every_tree_pohon_accepts(path: Path) -> None:
    """What the editor checks is what pohon checks: a valid tree has no squiggles."""
    run("validate", path)  # exit 0
    document = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert [e.message for e in SCHEMA.iter_errors(document)] == []


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (("    uraian:", "    urian:"), "urian"),  # a misspelt key
        (("satuan: persen", "satuan: [persen]"), "satuan"),  # a list for a text
        (("polaritas: turun", "polaritas: kebawah"), "polaritas"),  # not one of three
        # several units: a list, never empty, each unit once, each a kode
        (("penanggung_jawab: KETUA", "penanggung_jawab: []"), "penanggung_jawab"),
        (("penanggung_jawab: KETUA", "penanggung_jawab: [KETUA, KETUA]"), "penanggung_jawab"),
        (("penanggung_jawab: KETUA", "penanggung_jawab: {kode: KETUA}"), "penanggung_jawab"),
        (("penanggung_jawab: KETUA", "penanggung_jawab: [KETUA, [A]]"), "penanggung_jawab"),
    ],
)
def test_the_schema_refuses_what_the_loader_refuses(change: tuple[str, str], key: str) -> None:
    text = (CASES / "report" / "pohon_realisasi.yaml").read_text(encoding="utf-8")
    assert change[0] in text
    document = as_json(yaml.safe_load(text.replace(change[0], change[1], 1)))
    errors = list(SCHEMA.iter_errors(document))
    assert errors and any(key in e.message or key in e.path for e in errors), errors


KOMINFO = CASES / "carried" / "dinas_kominfo.yaml"


@pytest.mark.parametrize(
    "change",
    [
        # a carried indicator with a key of its own
        ("- rujuk: IKK1\n", "- rujuk: IKK1\n                satuan: persen\n"),
        ("- rujuk: IKK1\n", "- rujuk: [IKK1]\n"),  # a list for a kode
        ("- rujuk: IKK1\n", "- rujuk:\n"),  # no kode
    ],
    ids=["other-key", "a-list", "empty"],
)
def test_the_schema_refuses_a_carried_indicator_the_loader_refuses(
    change: tuple[str, str], tmp_path: Path
) -> None:
    text = KOMINFO.read_text(encoding="utf-8")
    assert change[0] in text
    changed = text.replace(change[0], change[1], 1)
    path = tmp_path / "salah.yaml"
    path.write_text(changed, encoding="utf-8")
    run("validate", path, expect=1)
    assert list(SCHEMA.iter_errors(as_json(yaml.safe_load(changed))))


@pytest.mark.parametrize(
    ("quarters", "valid"),
    [
        ("{tw1: 25, tw2: 50, tw3: 75, tw4: 100}", True),
        ("{tw1: 25, tw2: 50, tw3: 75, tw5: 100}", False),  # not a quarter
        ("{TW1: 25, tw2: 50, tw3: 75, tw4: 100}", False),  # in capitals
        ("{tw1: [1, 2], tw2: 50, tw3: 75, tw4: 100}", False),  # a list for a quarter
        ("{tw1: banyak, tw2: 50, tw3: 75, tw4: 100}", False),  # a text for a quarter
        ("{}", False),  # no quarter written
    ],
)
def test_schema_and_pohon_agree_on_the_quarters_of_a_target(
    write: Any, quarters: str, valid: bool
) -> None:
    text = (CASES / "report" / "target_triwulan.yaml").read_text(encoding="utf-8")
    old = "2026: {tw1: 25, tw2: 50, tw3: 75, tw4: 100}"
    assert old in text
    path = write(text.replace(old, f"2026: {quarters}", 1), "q.yaml")
    run("validate", path, expect=0 if valid else 1)
    document = as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert (list(SCHEMA.iter_errors(document)) == []) is valid


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        ("provinsi/bengkulu.yaml", "pembagian: jumlah", "pembagian: bagi"),
        ("kabupaten/kaur.yaml", "mendukung: [SS-1]", "mendukung: {SS-1: x}"),
        ("kabupaten/kaur.yaml", "mendukung: IKU-1", "mendukung: [IKU-1]"),
        ("kabupaten/kaur.yaml", "        kode: DK-1\n", ""),
        ("kabupaten/kaur.yaml", "peran: Menyediakan", "peranan: Menyediakan"),
        ("kabupaten/kaur.yaml", "berkas: ../provinsi/bengkulu.yaml", "berkas: [a.yaml]"),
    ],
)
def test_schema_and_pohon_agree_on_the_links_between_files(
    write: Any, path: str, old: str, new: str
) -> None:
    text = (CASES / "cascade" / path).read_text(encoding="utf-8")
    assert old in text
    changed = write(text.replace(old, new, 1), "salah.yaml")
    run("validate", changed, expect=1)
    assert list(SCHEMA.iter_errors(as_json(yaml.safe_load(changed.read_text(encoding="utf-8")))))
