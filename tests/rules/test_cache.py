"""The cache of ``pohon validate`` (rules/cache.py): a second run gives the same bytes
from what the first kept; a changed file, other settings or another pohon are never
answered from it; a damaged or unwritable cache is only ever a miss."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import CASES, DATA, run

from pohon_cli.rules.cache import FOLDER, Cache

WORKSPACE = CASES / "workspace"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    shutil.copytree(WORKSPACE, tmp_path / "ws")
    return tmp_path / "ws"


def _validate(*args: str | Path, cache: Path, expect: int = 0) -> str:
    return run("validate", *args, expect=expect, env={"POHON_CACHE_DIR": str(cache)}).stdout


def _codes(out: str) -> list[tuple[str, str]]:
    return [(Path(p["file"]).name, p["code"]) for p in json.loads(out)]


def _kept(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "1").rglob("*") if p.is_file())


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_a_second_run_gives_the_same_bytes_from_the_cache(
    ws: Path, tmp_path: Path, fmt: str
) -> None:
    cache = tmp_path / "cache"
    first = _validate(ws, "--format", fmt, cache=cache)
    kept = _kept(cache)
    assert len(kept) == 7  # one entry per file of the workspace
    stamps = {p: p.stat().st_mtime_ns for p in kept}
    second = _validate(ws, "--format", fmt, cache=cache)
    assert second == first
    assert _kept(cache) == kept  # nothing checked again, nothing written again
    assert all(p.stat().st_mtime_ns >= stamps[p] for p in kept)
    assert "PK125" in first and "PK127" in first  # the cross-file problems are there


def test_a_changed_file_is_checked_again_and_the_others_are_not(ws: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _validate(ws, "--format", "json", cache=cache)
    before = set(_kept(cache))
    palembang = ws / "kabupaten" / "kpu_kota_palembang.yaml"
    text = palembang.read_text(encoding="utf-8")
    assert "penyuluhan" in text
    palembang.write_text(text.replace("penyuluhan", "sosialisasi"), encoding="utf-8")
    second = _validate(ws, "--format", "json", cache=cache)
    assert len(set(_kept(cache)) - before) == 1  # only the changed file is checked again
    drift = ("kpu_kota_palembang.yaml", "PK125")
    assert drift in _codes(first)
    assert drift not in _codes(second)
    assert second == _validate(ws, "--format", "json", "--no-cache", cache=cache)


def test_other_settings_are_never_answered_from_the_cache(ws: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    everything = _validate(ws, cache=cache)
    only = _validate(ws, "--select", "PK125", cache=cache)
    assert "PK126" in everything and "PK126" not in only
    assert only == _validate(ws, "--select", "PK125", "--no-cache", cache=cache)


def test_no_cache_neither_reads_nor_writes(ws: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _validate(ws, "--no-cache", cache=cache)
    assert not cache.exists()


def test_the_cache_folder_tells_git_and_backups_to_leave_it(ws: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _validate(ws, cache=cache)
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (
        (cache / "CACHEDIR.TAG")
        .read_text(encoding="utf-8")
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )


def test_by_default_the_cache_is_in_the_folder_pohon_runs_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("POHON_CACHE_DIR")
    shutil.copy(DATA, tmp_path / "pohon.yaml")
    run("validate", "pohon.yaml")
    assert (tmp_path / FOLDER / "CACHEDIR.TAG").is_file()
    assert ".pohon_cache/" in (Path(__file__).parents[2] / ".gitignore").read_text()


def test_a_damaged_entry_is_a_miss(ws: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _validate(ws, "--format", "json", cache=cache)
    for i, entry in enumerate(_kept(cache)):
        entry.write_text(["{", "[]", '{"facts": 1}', "null", "\x00"][i % 5], encoding="utf-8")
    assert _validate(ws, "--format", "json", cache=cache) == first
    assert _validate(ws, "--format", "json", cache=cache) == first  # rewritten whole


def test_a_cache_path_that_is_a_file_is_no_error(ws: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.write_text("not a folder", encoding="utf-8")
    assert _validate(ws, cache=cache) == _validate(ws, "--no-cache", cache=cache)
    assert cache.read_text(encoding="utf-8") == "not a folder"


def test_entries_no_run_has_used_for_a_month_are_removed(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    cache.put("aa" + "0" * 62, {"old": True})
    cache.put("bb" + "0" * 62, {"new": True})
    old = tmp_path / "cache" / "1" / "aa" / ("aa" + "0" * 62)
    month = time.time() - 31 * 24 * 3600
    os.utime(old, (month, month))
    cache.prune()
    assert not old.exists()
    assert cache.get("bb" + "0" * 62) == {"new": True}


def test_a_file_linked_but_not_given_is_kept_for_its_facts(ws: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    alone = ws / "kabupaten" / "kpu_kota_palembang.yaml"
    first = _validate(alone, cache=cache)
    assert "PK125" in first  # checked against its parent, read through its link
    assert len(_kept(cache)) == 2  # the file's entry and its parent's facts
    assert _validate(alone, cache=cache) == first
