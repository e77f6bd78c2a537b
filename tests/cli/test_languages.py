"""Each command in each language: the language chosen as the docs say, every text it says
found in that language's catalogue, and no English left in what Indonesian output says."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CASES, DATA, ROOT, run

from pohon_cli import i18n
from pohon_cli.rules import RULES

CORPUS = ROOT / "tests" / "corpus"
SECOND = ROOT / "data" / "pohon_kinerja_2025.yaml"
QUARTERS = CASES / "report" / "target_triwulan.yaml"
REALISASI = CASES / "report" / "pohon_realisasi.yaml"
WORKSPACE = CASES / "workspace"
COMMANDS = (
    "validate", "rules", "show", "indicators", "iku", "units", "stats", "diff", "render",
    "report", "export", "import", "schema",
)  # fmt: skip


def _broken(folder: Path) -> Path:
    """A file with a problem of nearly every kind the loader and the rules report."""
    path = folder / "rusak.yaml"
    path.write_text(
        DATA.read_text(encoding="utf-8")
        .replace("satuan: persen", "satuan: persen\n        bogus: 1", 1)
        .replace("jenjang: misi", "jenjang: misii", 1),
        encoding="utf-8",
    )
    return path


def _invocations(folder: Path) -> Iterator[tuple[list[str | Path], int | None]]:
    """Every command on the seed, a broken file, a diff and a report with quarters, in
    each format; an exit code of None is not checked (the point is what is said)."""
    broken = _broken(folder)
    for command in (None, *COMMANDS):
        yield ([command, "--help"] if command else ["--help"]), 0
    yield ["validate", DATA], 0
    yield ["validate", broken], 1
    for fmt in ("json", "github", "sarif", "junit"):
        yield ["validate", broken, "--format", fmt], 1
    yield ["validate", WORKSPACE], None
    for case in sorted((CASES / "rules").glob("*.yaml")):
        yield ["validate", case, "--format", "sarif"], None
    for case in sorted(CORPUS.rglob("*.yaml"))[:60]:
        yield ["validate", case], None
    yield ["rules"], 0
    for rule in RULES:
        yield ["rules", rule], 0
    for fmt in ("text", "json"):
        yield ["show", DATA, "--format", fmt], 0
    yield ["show", DATA, "--unit", "SUBBAG-PP"], None
    yield ["show", WORKSPACE], None
    yield ["show", broken], 1
    yield ["indicators", DATA, "--detail"], 0
    yield ["iku", REALISASI], 0
    yield ["units", DATA], 0
    yield ["units", WORKSPACE], None
    yield ["stats", DATA], 0
    yield ["diff", DATA, SECOND], None
    yield ["diff", DATA, SECOND, "--format", "markdown"], None
    yield ["render", DATA, "--format", "dot", "-o", "-"], 0
    yield ["render", DATA, "--format", "dot", "--units", "-o", "-"], None
    yield ["render", DATA, "--format", "html", "-o", folder / "pohon.html"], 0
    yield ["render", WORKSPACE, "--format", "dot", "-o", "-"], None
    for tree in (REALISASI, QUARTERS):
        yield ["report", tree], None
        yield ["report", tree, "--format", "markdown"], None
    yield ["report", CASES / "workspace_report"], None
    yield ["export", REALISASI, "--format", "csv", "-o", folder / "csv"], None
    yield ["import", CASES / "import" / "iku_koma.csv", "-o", folder / "iku.yaml"], None
    yield ["schema"], 0
    # usage errors: click's words
    yield ["validate", "--bogus", DATA], 2
    yield ["validate"], 2
    yield ["show", DATA, "--depth", "x"], 2
    yield ["stats", DATA, SECOND], 2
    yield ["show", DATA, "--misi", "M9"], 2
    yield [], 2


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_text_said_is_in_the_catalogue(
    language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every command says only texts its language's catalogue holds: 100% of them."""
    # English too is read from its catalogue (pohon itself skips it: it is the code's text)
    monkeypatch.setattr(i18n, "checking", True)
    monkeypatch.setattr(i18n, "_loaded", {})
    i18n.missing.clear()
    said = 0
    for args, code in _invocations(tmp_path):
        result = run(*args, "--lang", language, expect=code) if code is not None else None
        if result is None:
            from typer.testing import CliRunner

            from pohon_cli.cli import app

            CliRunner().invoke(app, [str(a) for a in (*args, "--lang", language)])
        said += 1
    left = sorted(message for lang, message in i18n.missing if lang == language)
    assert not left, f"{language}: {len(left)} texts said without a translation:\n" + "\n".join(
        map(repr, left)
    )
    assert said > 100


# English words that are never Indonesian and never data of the seed: one in what the
# Indonesian output says is a text that does not go through the catalogue.
_ENGLISH = re.compile(
    r"\b(the|is|are|was|not|of|with|for|has|have|this|that|should|must|which|from|than|"
    r"where|each|every|only|nodes?|indicators?|missing|unknown|expected|found|see|use|"
    r"write|none|no such|years?|line|column|file)\b",
    re.IGNORECASE,
)


def _english_in(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        # what comes from the user's file is quoted in backticks or quotes: not ours
        ours = re.sub(r"`[^`]*`|'[^']*'|\"[^\"]*\"|“[^”]*”|\S+\.(ya?ml|csv|html|toml)\S*", "", line)
        # the commands' names in the help's list
        ours = re.sub(r"^│ (" + "|".join(COMMANDS) + r")\b", "", ours)
        ours = re.sub(r"\[(PK\d+)\]|\b(error|warning|info)\b|https?://\S+", "", ours)
        # rule names (persen-out-of-range) are identifiers, the same in both languages
        ours = re.sub(r"\b[a-z]+(-[a-z]+)+\b", "", ours)
        if _ENGLISH.search(ours):
            lines.append(line)
    return lines


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "BROKEN"],
        ["validate", "--help"],
        ["--help"],
        ["rules"],
        ["rules", "PK115"],
        ["show", str(DATA)],
        ["units", str(DATA)],
        ["stats", str(DATA)],
        ["report", str(QUARTERS)],
        ["diff", str(DATA), str(SECOND)],
        ["validate", "--bogus", str(DATA)],
    ],
    ids=lambda args: " ".join(Path(a).name for a in args),
)
def test_indonesian_output_has_no_english_left(args: list[str], tmp_path: Path) -> None:
    """What pohon itself says in Indonesian holds no English sentence."""
    args = [str(_broken(tmp_path)) if a == "BROKEN" else a for a in args]
    from typer.testing import CliRunner

    from pohon_cli.cli import app

    result = CliRunner().invoke(app, [*args, "--lang", "id"], env={"COLUMNS": "200"})
    left = _english_in(result.stdout + (result.stderr if result.stderr_bytes else ""))
    assert not left, "English in the Indonesian output:\n" + "\n".join(left[:40])


def _pohon(
    *args: str, env: dict[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "POHON_"))}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "pohon_cli", *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=cwd or ROOT,
        check=False,
    )


def test_the_language_is_chosen_in_the_documented_order(tmp_path: Path) -> None:
    """--lang, then POHON_LANG, then bahasa in pohon.toml, then the locale, else English."""
    broken = _broken(tmp_path)
    english = _pohon("validate", str(broken), env={"LANG": "C.UTF-8"})
    by_locale = _pohon("validate", str(broken), env={"LANG": "id_ID.UTF-8"})
    assert english.returncode == by_locale.returncode == 1
    assert english.stdout != by_locale.stdout
    assert "Indonesian" not in by_locale.stdout
    by_all = _pohon("validate", str(broken), env={"LANG": "en_US.UTF-8", "LC_ALL": "id_ID"})
    assert by_all.stdout == by_locale.stdout
    (tmp_path / "pohon.toml").write_text('bahasa = "id"\n', encoding="utf-8")
    by_config = _pohon("validate", str(broken), env={"LANG": "C.UTF-8"}, cwd=tmp_path)
    assert by_config.stdout.replace(str(broken), "X") == by_locale.stdout.replace(str(broken), "X")
    overridden = _pohon("validate", str(broken), "--lang", "en", env={"LANG": "id_ID.UTF-8"})
    assert overridden.stdout == english.stdout
    told = _pohon("validate", str(broken), env={"LANG": "C.UTF-8", "POHON_LANG": "id"})
    assert told.stdout == by_locale.stdout
    config_loses = _pohon(
        "validate", str(broken), env={"POHON_LANG": "en", "LANG": "id_ID"}, cwd=tmp_path
    )
    assert config_loses.stdout.replace(str(broken), "X") == english.stdout.replace(str(broken), "X")


@pytest.mark.parametrize(
    ("env", "toml", "said"),
    [
        ({"POHON_LANG": "fr"}, None, "POHON_LANG"),
        ({}, 'ignore = []\nbahasa = "jawa"\n', "pohon.toml:2"),
    ],
)
def test_a_language_pohon_does_not_speak_is_a_usage_error(
    env: dict[str, str], toml: str | None, said: str, tmp_path: Path
) -> None:
    if toml is not None:
        (tmp_path / "pohon.toml").write_text(toml, encoding="utf-8")
    done = _pohon("validate", str(DATA), env=env, cwd=tmp_path)
    assert done.returncode == 2
    assert said in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    bad_flag = _pohon("show", str(DATA), "--lang", "xx", env={})
    assert bad_flag.returncode == 2 and "--lang" in bad_flag.stderr


def test_the_machine_contracts_do_not_change_with_the_language(tmp_path: Path) -> None:
    """JSON keys, codes, severities and exit codes are the same in both languages; only the
    messages differ."""
    import json

    broken = _broken(tmp_path)
    said = {
        lang: run("validate", broken, "--format", "json", "--lang", lang, expect=1).stdout
        for lang in i18n.LANGUAGES
    }
    english, indonesian = (json.loads(said[lang]) for lang in ("en", "id"))

    def shape(value: object) -> object:
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items() if k not in ("message", "hint")}
        if isinstance(value, list):
            return [shape(v) for v in value]
        return value

    assert shape(english) == shape(indonesian)
    assert said["en"] != said["id"]


def test_bahasa_in_pyproject_and_the_nearest_configuration_wins(tmp_path: Path) -> None:
    """``[tool.pohon] bahasa`` in pyproject.toml counts; a nearer configuration that says no
    language stops the search, as it does for every other setting."""
    broken = _broken(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.pohon]\nbahasa = "id"\n', encoding="utf-8"
    )
    inner = tmp_path / "kantor"
    inner.mkdir()
    said = _pohon("validate", str(broken), env={"LANG": "C.UTF-8"}, cwd=inner)
    english = _pohon("validate", str(broken), env={"LANG": "C.UTF-8"}, cwd=ROOT)
    assert said.returncode == english.returncode == 1
    assert said.stdout != english.stdout  # Indonesian, from the pyproject above
    (inner / "pohon.toml").write_text('ignore = ["PK110"]\n', encoding="utf-8")
    nearer = _pohon("validate", str(broken), env={"LANG": "C.UTF-8"}, cwd=inner)
    assert nearer.stdout == english.stdout
