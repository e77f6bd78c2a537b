"""A golden run: every command, in every format, on the seed, the 2025 file and every
fixture, written to one folder so that a change meant to keep behaviour can be checked
byte for byte (``python tests/support/golden.py OUT`` before and after, then ``diff -r``).

Each output is ``<name>.out`` (stdout, stderr and the exit code); files a command writes
(sheets, posters) go beside it. Not a test module: a tool for reorganisations.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POHON = [sys.executable, "-m", "pohon_cli"]

TREES = [
    "data/pohon_kinerja.yaml",
    "data/pohon_kinerja_2025.yaml",
    "tests/cases/diff/base.yaml",
    "tests/cases/offices/dinas_pendidikan.yaml",
    "tests/cases/offices/kecamatan.yaml",
    "tests/cases/offices/syariat_aceh.yaml",
    "tests/cases/offices/renstra_dinas.yaml",
    "tests/cases/offices/kecamatan_renstra.yaml",
    "tests/cases/offices/biro_cascading.yaml",
    "tests/cases/offices/rpjmd_provinsi.yaml",
    "tests/cases/offices/dishub_situbondo_hasil.yaml",
    "tests/cases/render/injection.yaml",
    "tests/cases/report/pohon_realisasi.yaml",
    "tests/cases/show/small.yaml",
]
SEED = "data/pohon_kinerja.yaml"
NEXT = "data/pohon_kinerja_2025.yaml"
SPLIT = ["-o", "{out}/", "--split"]


def _broken() -> list[str]:
    found = [*(ROOT / "tests/cases/rules").glob("*.yaml"), *(ROOT / "tests/corpus").rglob("*")]
    return sorted(str(p.relative_to(ROOT)) for p in found if p.is_file())


def runs() -> Iterator[tuple[str, list[str]]]:
    """(name, arguments) of every run; ``{out}`` in an argument is the run's own folder."""
    for fmt in ("text", "json", "github", "sarif", "junit"):
        yield f"validate-all-{fmt}", ["validate", "-f", fmt, *TREES, *_broken()]
        for path in [*TREES, *_broken()]:
            yield f"validate-{fmt}-{path}", ["validate", "-f", fmt, path]
    yield "rules", ["rules"]
    for code in range(101, 121):
        yield f"rules-PK{code}", ["rules", f"PK{code}"]
    yield "schema", ["schema"]
    for path in TREES:
        for fmt in ("text", "json"):
            yield f"show-{fmt}-{path}", ["show", "-f", fmt, path]
            yield f"units-{fmt}-{path}", ["units", "-f", fmt, path]
        for fmt in ("text", "csv", "markdown", "json"):
            yield f"indicators-{fmt}-{path}", ["indicators", "-f", fmt, path]
        for fmt in ("text", "markdown", "json"):
            yield f"stats-{fmt}-{path}", ["stats", "-f", fmt, path]
        for fmt in ("text", "markdown", "json", "csv"):
            yield f"report-{fmt}-{path}", ["report", "-f", fmt, path]
        yield f"export-md-{path}", ["export", "-f", "markdown", path, "-o", "-"]
        yield f"export-csv-{path}", ["export", "-f", "csv", path, "-o", "{out}/"]
        yield f"render-dot-{path}", ["render", "-f", "dot", path, "-o", "-"]
        yield f"render-split-{path}", ["render", "-f", "dot", path, *SPLIT, "misi"]
    filters = [
        ["--misi", "M1"],
        ["--misi", "M2"],
        ["--unit", "SUBBAG-RENDATIN"],
        ["--unit", "SUBBAG-TEKNIS"],
        ["--root", "S1"],
        ["--depth", "2"],
        ["--level", "program"],
        ["--unit", "NOPE"],
    ]
    for extra in filters:
        tag = "".join(extra)
        yield f"show-{tag}", ["show", SEED, *extra]
        yield f"show-json-{tag}", ["show", "-f", "json", SEED, *extra]
        yield f"indicators-{tag}", ["indicators", "-f", "json", SEED, *extra]
        yield f"stats-{tag}", ["stats", "-f", "json", SEED, *extra]
        yield f"report-{tag}", ["report", "-f", "json", SEED, *extra]
        yield f"render-{tag}", ["render", "-f", "dot", SEED, "-o", "-", *extra]
        if extra[0] != "--depth" and extra[0] != "--level":
            yield f"diff-{tag}", ["diff", "-f", "json", SEED, NEXT, *extra]
    yield "render-units", ["render", "-f", "dot", SEED, "--units", "-o", "-"]
    yield "render-split-unit", ["render", "-f", "dot", SEED, *SPLIT, "unit"]
    for fmt in ("text", "markdown", "json"):
        yield f"diff-{fmt}", ["diff", "-f", fmt, SEED, NEXT]
        yield f"diff-order-{fmt}", ["diff", "--order", "-f", fmt, SEED, TREES[2]]
    yield "export-xlsx", ["export", SEED, "-o", "{out}/pohon.xlsx"]
    usage = (["show"], ["validate", "nope.yaml"], ["show", SEED, "-f", "yaml"], ["render", SEED])
    for bad in usage:
        yield "usage-" + "-".join(bad).replace("/", "_"), bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to write (created)")
    out: Path = parser.parse_args().out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda run: _run(out, env, *run), runs()))


def _run(out: Path, env: dict[str, str], name: str, args: list[str]) -> None:
    safe = name.replace("/", "_")
    here = out / (safe + ".files")
    here.mkdir(exist_ok=True)
    argv = [a.replace("{out}", str(here)) for a in args]
    done = subprocess.run([*POHON, *argv], cwd=ROOT, env=env, capture_output=True, check=False)
    text = b"".join(
        [done.stdout, b"\n--- stderr\n", done.stderr, f"\n--- exit {done.returncode}\n".encode()]
    )
    (out / (safe + ".out")).write_bytes(text.replace(str(here).encode(), b"{out}"))
    for book in here.glob("*.xlsx"):
        _unpack(book)
    if not any(here.iterdir()):
        here.rmdir()


def _unpack(book: Path) -> None:
    """A workbook's parts as files, less the creation time that changes every run."""
    with zipfile.ZipFile(book) as archive:
        for member in archive.namelist():
            if member != "docProps/core.xml":
                target = book.with_suffix(".parts") / member
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(member))
    book.unlink()


if __name__ == "__main__":
    main()
