"""The documentation: the README stays a front door, the rules page follows the registry,
and no relative link in the README or under docs/ leads nowhere.

`mkdocs build --strict` (in `make test`) checks the links between pages of the site; the
README is not part of the site, so its links are checked here, with docs/'s for good
measure.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT

from pohon_cli.rules import LOADER_CHECKS, RULES

DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def _rules_page() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rules_page", DOCS / "rules_page.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_rules_page_is_what_the_registry_writes() -> None:
    committed = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert _rules_page().page(committed) == committed, "docs/rules.md is stale: run `make docs`"


def test_the_rules_page_has_a_section_for_every_rule() -> None:
    page = (DOCS / "rules.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"\n### {rule.code} `{rule.name}`\n" in page, rule.code


def test_the_rules_page_lists_every_loader_check() -> None:
    page = (DOCS / "rules.md").read_text(encoding="utf-8")
    for code in LOADER_CHECKS:
        assert f"\n| {code} | " in page, code


def test_the_readme_is_a_front_door() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    top = "\n".join(readme.splitlines()[:8])
    assert "make demo" in top and "make test" in top


def _slug(heading: str) -> str:
    """A heading's anchor, as Python-Markdown's toc (MkDocs) and GitHub make it."""
    text = re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", heading).replace("`", "")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def _anchors(page: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    return {_slug(m.group(1)) for m in re.finditer(r"^#{1,6} (.+)$", text, re.M)}


def _links(page: Path) -> list[str]:
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    return re.findall(r"\]\(([^)\s]+)\)", text)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_leads_somewhere(page: Path) -> None:
    for link in _links(page):
        if re.match(r"[a-z]+:", link):
            continue
        path, _, anchor = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        assert target.exists(), f"{page.name}: {link} leads nowhere"
        if anchor and target.suffix == ".md":
            assert anchor in _anchors(target), f"{page.name}: {link}: no such heading"
