"""Problems as SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, ...).

One run; ``tool.driver.rules`` lists every lint rule and loader check, each with its
documentation; each result points at a region. Columns count characters
(``columnKind: unicodeCodePoints``), as every pohon position does.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from pohon_cli import __version__
from pohon_cli.i18n import _, tr
from pohon_cli.output import json_writer
from pohon_cli.output.terminal import Screen
from pohon_cli.rules import LOADER_CHECK_HELP, LOADER_CHECKS, RULES
from pohon_cli.rules.lint import CheckedFile

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rules() -> list[dict[str, Any]]:
    described: list[dict[str, Any]] = []
    for code, summary in LOADER_CHECKS.items():
        full = tr(LOADER_CHECK_HELP[code])
        markdown = _(
            "{help}\n\nA loader check: always an error, never ignored or silenced.", help=full
        )
        described.append(
            {
                "id": code,
                "shortDescription": {"text": tr(summary)},
                "fullDescription": {"text": full},
                "help": {"text": full, "markdown": markdown},
                "defaultConfiguration": {"level": "error"},
            }
        )
    for rule in RULES.values():
        rationale = rule.explained()
        markdown = _(
            "{rationale}\n\nBad:\n\n```yaml\n{bad}```\n\nGood:\n\n```yaml\n{good}```",
            rationale=rationale,
            bad=rule.example("bad"),
            good=rule.example("good"),
        )
        described.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": tr(rule.summary)},
                "fullDescription": {"text": rationale},
                "help": {"text": rationale, "markdown": markdown},
                "defaultConfiguration": {"level": _LEVEL[rule.severity]},
            }
        )
    return described


def uri(path: str) -> str:
    """A file path as a SARIF artifact URI: relative paths stay relative, every character
    but letters, digits and ``/-._~`` percent-encoded (``a b.yaml`` is ``a%20b.yaml``); a
    name that is not UTF-8 keeps its bytes (``%FF``)."""
    p = Path(path)
    if p.is_absolute():
        return "file://" + quote(p.as_posix(), errors="surrogateescape")
    return quote(p.as_posix(), errors="surrogateescape")


def write(reports: Sequence[CheckedFile], out: TextIO, screen: Screen | None = None) -> None:
    rules = _rules()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for report in reports:
        for p in report.problems:
            region: dict[str, int] = {"startLine": p.line, "startColumn": p.column}
            if p.end_line is not None and p.end_column is not None:
                region |= {"endLine": p.end_line, "endColumn": p.end_column}
            result: dict[str, Any] = {
                "ruleId": p.code,
                "level": _LEVEL[p.severity],
                "message": {"text": p.message + (f" ({p.hint})" if p.hint else "")},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri(p.file)},
                            "region": region,
                        }
                    }
                ],
            }
            if p.code in index:
                result["ruleIndex"] = index[p.code]
            results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pohon",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    json_writer.write(log, out, ensure_ascii=False)
    out.write("\n")
