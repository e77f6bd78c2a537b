"""What ``pohon validate`` learnt of a file, kept for the next run: its problems and its
facts for the cross-file rules, keyed by the file's content.

A run over a workspace of 553 offices where one file changed checks that file again and
reads the others' results here. The key is a hash of the file's bytes, the name it was
given by, the settings it was checked under and pohon itself (its version and the size
and time of each of its modules, so that a changed pohon never reads an older pohon's
results). Entries are JSON, never pickle: a folder in a repository is not trusted with
code. The cache is only ever a shortcut: a folder that cannot be read or written, or an
entry that does not decode, is a miss, never an error, and never changes a result.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pohon_cli
from pohon_cli.i18n import language
from pohon_cli.load.facts import Facts, Partner
from pohon_cli.problem import Problem

FOLDER = ".pohon_cache"
ENV = "POHON_CACHE_DIR"
# entries not used for this long are removed when a run writes new ones
KEEP_SECONDS = 30 * 24 * 3600
_FORMAT = "1"


def folder_for(env: dict[str, str] | os._Environ[str] = os.environ) -> Path:
    """Where the cache is: ``$POHON_CACHE_DIR``, else ``.pohon_cache`` in the folder
    pohon runs in (as ``.mypy_cache`` and ``.ruff_cache``)."""
    return Path(env.get(ENV) or FOLDER)


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """pohon itself: its version and every module's size and modification time."""
    digest = hashlib.sha256(f"{_FORMAT}:{pohon_cli.__version__}".encode())
    package = Path(pohon_cli.__file__).parent
    # the code, and the catalogues its messages are said from
    for module in sorted([*package.rglob("*.py"), *package.rglob("*.mo")]):
        stat = module.stat()
        name = module.relative_to(package).as_posix()
        digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class Cache:
    """Entries under ``folder``: one JSON file per key, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.wrote = False

    def key(self, path: str, data: bytes, settings: str | None) -> str:
        """The key of ``path`` holding ``data``, checked under ``settings`` (a canonical
        text of them), or its facts alone when ``settings`` is None, in the language
        spoken now."""
        digest = hashlib.sha256(fingerprint().encode())
        # problems are kept as said: in the language of the run that found them
        for part in (path, settings or "facts", language()):
            # a file name may hold bytes that are not UTF-8 (surrogate escapes)
            written = part.encode("utf-8", "surrogateescape")
            digest.update(len(written).to_bytes(8, "big") + written)
        digest.update(data)
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / _FORMAT / key[:2] / key

    def get(self, key: str) -> Any:
        """The entry's JSON value, or None on a miss."""
        file = self._file(key)
        try:
            with open(file, "rb") as stream:
                value = json.loads(stream.read())
            os.utime(file)  # used: kept by the pruning
        except (OSError, ValueError):
            return None
        return value

    def put(self, key: str, value: Any) -> None:
        file = self._file(key)
        try:
            if not self.folder.is_dir():
                _create(self.folder)
            file.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=file.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                # ASCII: the surrogate escapes of a file name survive as JSON escapes
                json.dump(value, stream, separators=(",", ":"))
            os.replace(temp, file)
            self.wrote = True
        except OSError:
            return

    def prune(self, now: float | None = None) -> None:
        """Remove the entries no run has used for ``KEEP_SECONDS``."""
        limit = (now or time.time()) - KEEP_SECONDS
        try:
            for entry in (self.folder / _FORMAT).glob("*/*"):
                if entry.stat().st_mtime < limit:
                    entry.unlink()
        except OSError:
            return


def _create(folder: Path) -> None:
    """The folder, telling git and backup tools that it holds nothing to keep."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("# made by pohon: nothing here is to be kept\n*\n")
    (folder / "CACHEDIR.TAG").write_text(
        "Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This folder is pohon's cache (https://bford.info/cachedir/)\n"
    )


# -- JSON of what is kept ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """What is kept of a file: its facts, and for a file that was checked (not only
    linked) the name its problems use, the problems, whether it writes links and
    whether it loaded."""

    facts: Facts | None
    path: str = ""
    problems: tuple[Problem, ...] = ()
    links: bool = False
    loaded: bool = True


def entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "path": entry.path,
        "problems": problems_json(entry.problems),
        "links": entry.links,
        "loaded": entry.loaded,
        "facts": None if entry.facts is None else facts_json(entry.facts),
    }


def entry_from(value: Any) -> Entry | None:
    """The entry a JSON value holds; None when it is not one (written by another pohon,
    or damaged): a miss, and the file is checked again."""
    if value is None:
        return None
    try:
        return Entry(
            None if value["facts"] is None else facts_from(value["facts"]),
            value["path"],
            problems_from(value["problems"]),
            value["links"],
            value["loaded"],
        )
    except (TypeError, KeyError, ValueError, IndexError, ArithmeticError):
        return None


def problems_json(problems: tuple[Problem, ...]) -> list[list[Any]]:
    return [
        [
            p.file,
            p.line,
            p.column,
            p.code,
            p.severity,
            p.message,
            p.hint,
            p.end_line,
            p.end_column,
        ]
        for p in problems
    ]


def problems_from(value: list[list[Any]]) -> tuple[Problem, ...]:
    return tuple(Problem(*item) for item in value)


def facts_json(facts: Facts) -> list[Any]:
    return [
        facts.path,
        facts.names,
        facts.parent_file,
        facts.parent_at,
        facts.comments,
        facts.codes,
        facts.node_count,
        facts.at,
        facts.text_at,
        facts.texts,
        facts.levels,
        facts.owners,
        facts.polarities,
        facts.targets,
        [[i, links] for i, links in facts.supports.items()],
        [
            [i, [[p.file, p.code, p.at, p.file_at, p.code_at] for p in items]]
            for i, items in facts.partners.items()
        ],
        [[i, code, at] for i, (code, at) in facts.carries.items()],
        [[i, split] for i, split in facts.splits.items()],
    ]


def facts_from(value: list[Any]) -> Facts:
    (
        path,
        names,
        parent_file,
        parent_at,
        comments,
        codes,
        node_count,
        at,
        text_at,
        texts,
        levels,
        owners,
        polarities,
        targets,
        supports,
        partners,
        carries,
        splits,
    ) = value
    return Facts(
        path=path,
        names=tuple(names),
        parent_file=parent_file,
        parent_at=parent_at,
        comments=bool(comments),
        codes=tuple(codes),
        node_count=node_count,
        at=at,
        text_at=text_at,
        texts=texts,
        levels=tuple(levels),
        owners=owners,
        polarities=polarities,
        targets=targets,
        supports={i: tuple((code, place) for code, place in links) for i, links in supports},
        partners={i: tuple(Partner(*p) for p in items) for i, items in partners},
        carries={i: (code, place) for i, code, place in carries},
        splits=dict(splits),
    )
