"""The JSON Schema of the format, made from the models so that the two cannot drift."""

from __future__ import annotations

import json
from typing import Any

from pohon_cli.model import Document

SCHEMA_ID = "https://pohon.invalid/schemas/pohon_kinerja.schema.json"


def schema() -> dict[str, Any]:
    body = Document.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Pohon kinerja (SAKIP performance tree), format versi 1",
        "description": "Pohon kinerja instansi pemerintah / the performance tree of a "
        "government office, as read by pohon.",
        **{k: v for k, v in body.items() if k not in ("title", "description")},
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
