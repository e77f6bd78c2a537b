"""The committed JSON Schema is the one the models make, and it accepts the seed tree."""

from __future__ import annotations

import json

from conftest import ROOT, run

from pohon_cli.schema import schema_text


def test_committed_schema_matches_the_models() -> None:
    committed = (ROOT / "schemas" / "pohon_kinerja.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run `pohon schema > schemas/pohon_kinerja.schema.json`"


def test_schema_command_prints_it() -> None:
    printed = json.loads(run("schema").stdout)
    assert printed["$defs"]["Indicator"]["properties"]["polaritas"]["enum"] == [
        "naik",
        "turun",
        "stabil",
    ]
    assert "pohon" in printed["required"]


def test_data_file_points_editors_at_the_schema() -> None:
    first = (ROOT / "data" / "pohon_kinerja.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/pohon_kinerja.schema.json"
