"""A mutation fuzzer: random edits of real pohon files, and every command run on each.

Every mutant must get an answer: exit 0, 1 or 2 (1 whenever the loader finds an error,
as ``pohon validate`` would), a message when the exit is not 0, no exception, no
traceback, within a time bound. ``make fuzz`` runs it for ``FUZZ_SECONDS`` (default 300)
and saves each mutant that fails under ``tests/corpus/fuzz/``, where
``tests/load/test_corpus.py`` replays it on every run: a crash found once stays fixed.

    python tests/support/fuzz.py [--seconds 300] [--seed N]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from pohon_cli.cli import app
from pohon_cli.load import load_path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
FOUND = CORPUS / "fuzz"
SEED = ROOT / "data" / "pohon_kinerja.yaml"
# Seconds one command may take on a mutant of a small file before it counts as a hang.
LIMIT = 20.0


def bases() -> dict[str, Path]:
    """The files mutants start from, by name: the real seed and small valid fixtures."""
    found = {SEED.stem: SEED}
    found.update((p.stem, p) for p in sorted((CORPUS / "seeds").glob("*.yaml")))
    return found


# -- mutations: bytes -> bytes ---------------------------------------------------------------

Mutation = Callable[[bytes, random.Random], bytes]

SNIPPETS = {
    "tab": [b"\t", b"\t\t", b" \t"],
    "quote": [b"'", b'"', b"''", b'\\"', b"`"],
    "colon": [b": ", b":", b" : ", b"::", b": :"],
    "anchor": [b"&a ", b"*a", b"*a ", b"&a &b ", b"*nothing", b"&x [*x] "],
    "unicode": [
        "é".encode(),
        "\u2028".encode(),
        "\u2029".encode(),
        "\x85".encode(),
        "\u202e".encode(),
        "\ufeff".encode(),
        "😀".encode(),
        "\u0301".encode(),
        "𝕏".encode(),
        "\uffff".encode(),
        "\ufffe".encode(),
        "\u00a0".encode(),
        "\u3000".encode(),
        b"\xed\xa0\x80",  # an encoded surrogate: not UTF-8
        b"\xc3",  # half a character
        b"\xff\xfe",
    ],
    "control": [b"\x00", b"\x01", b"\x08", b"\x0b", b"\x0c", b"\x1b", b"\x7f", b"\r", b"\r\n"],
    "flow": [b"[", b"]", b"{", b"}", b",", b"[]", b"{}", b"? ", b"- ", b"|", b">-", b"#"],
}
JUNK_LINES = [
    b"---",
    b"...",
    b"%YAML 1.1",
    b"%TAG ! tag:example.com,2000:",
    b"!!python/object/apply:os.system ['echo pwned']",
    b"x: !!python/name:os.system",
    b"<<: {kode: X}",
    b"<<: *a",
    b"? [a, b]",
    b": c",
    b"- ",
    b"-",
    b"anak:",
    b"anak: []",
    b"- rujuk: P-PEMILU",
    b"- rujuk: T3",
    b"- {rujuk: S-AMAN}",
    b"indikator: [{kode: X1, uraian: x, target: {2024: [90, 80]}}]",
    b"target: {2024: 1.10, '2025': no, 2026: 2024-01-01, 2027: 1e3}",
    b"jenjang: [tujuan, tujuan]",
    b"a: &a [*a]",
    b"x: " + b"[" * 200,
    b"x: " + b"a" * 5000,
    b"pohon: ~",
]
SCALARS = [
    b"no",
    b"on",
    b"~",
    b"",
    b"null",
    b"1.10",
    b"010",
    b"1e3",
    b"2024-01-01",
    b"-1",
    b"99999999999999999999999999999999",
    b"0.000000000000000000001",
    b"[]",
    b"{}",
    b"[1, 2, 3]",
    b"[90, 80]",
    b"true",
    b'"x"',
    b"'",
    b"|",
    b"*a",
    b"&a",
    b"!foo x",
]
KODE = re.compile(rb"\b[A-Z][A-Z0-9]*(?:[-.][A-Z0-9]+)+\b|\bM[0-9]\b")
KEY_VALUE = re.compile(rb"^(\s*(?:- )?[A-Za-z_]+:) (.+)$")


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _pick_line(lines: list[bytes], rng: random.Random) -> int:
    return rng.randrange(len(lines))


def delete_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    del lines[_pick_line(lines, rng)]
    return b"\n".join(lines)


def duplicate_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = _pick_line(lines, rng)
    lines.insert(i, lines[i])
    return b"\n".join(lines)


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i, j = _pick_line(lines, rng), _pick_line(lines, rng)
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def move_block(data: bytes, rng: random.Random) -> bytes:
    """Copy a few lines elsewhere: duplicate kodes, nodes under the wrong parent."""
    lines = _lines(data)
    i = _pick_line(lines, rng)
    block = lines[i : i + rng.randint(1, 12)]
    at = _pick_line(lines, rng)
    return b"\n".join(lines[:at] + block + lines[at:])


def reindent(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = _pick_line(lines, rng)
    shift = rng.choice([-4, -2, -1, 1, 2, 4])
    lines[i] = b" " * shift + lines[i] if shift > 0 else lines[i][-shift:]
    return b"\n".join(lines)


def _insert(data: bytes, rng: random.Random, snippet: bytes) -> bytes:
    at = rng.randint(0, len(data))
    return data[:at] + snippet + data[at:]


def _inserting(kind: str) -> Mutation:
    def insert(data: bytes, rng: random.Random) -> bytes:
        return _insert(data, rng, rng.choice(SNIPPETS[kind]))

    insert.__name__ = f"insert_{kind}"
    return insert


def junk_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = _pick_line(lines, rng)
    indent = lines[i][: len(lines[i]) - len(lines[i].lstrip(b" "))]
    lines.insert(i, indent + rng.choice(JUNK_LINES))
    return b"\n".join(lines)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randint(0, len(data))]


def flip_byte(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    at = rng.randrange(len(data))
    return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]


def _values(data: bytes) -> tuple[list[bytes], list[int]]:
    lines = _lines(data)
    return lines, [i for i, line in enumerate(lines) if KEY_VALUE.match(line)]


def replace_scalar(data: bytes, rng: random.Random) -> bytes:
    """A value replaced by a YAML surprise, a list, a mapping, or a nested block."""
    lines, spots = _values(data)
    if not spots:
        return data
    i = rng.choice(spots)
    match = KEY_VALUE.match(lines[i])
    assert match is not None
    key, value = match.groups()
    indent = b" " * (len(key) - len(key.lstrip()) + 2)
    choice = rng.randrange(5)
    if choice == 0:
        lines[i] = key + b" " + rng.choice(SCALARS)
    elif choice == 1:
        lines[i] = key + b" [" + value + b", " + value + b"]"
    elif choice == 2:
        lines[i] = key + b" {a: " + value + b"}"
    elif choice == 3:
        lines[i] = key + b"\n" + indent + b"- " + value
    else:
        lines[i] = key + b"\n" + indent + b"kode: " + value
    return b"\n".join(lines)


def swap_kode(data: bytes, rng: random.Random) -> bytes:
    """One kode written where another was: duplicates, dangling and cyclic references."""
    found = list(KODE.finditer(data))
    if len(found) < 2:
        return data
    target, source = rng.choice(found), rng.choice(found)
    return data[: target.start()] + source.group() + data[target.end() :]


MUTATIONS: dict[str, Mutation] = {
    "delete_line": delete_line,
    "duplicate_line": duplicate_line,
    "swap_lines": swap_lines,
    "move_block": move_block,
    "reindent": reindent,
    "junk_line": junk_line,
    "truncate": truncate,
    "flip_byte": flip_byte,
    "replace_scalar": replace_scalar,
    "swap_kode": swap_kode,
    **{f"insert_{kind}": _inserting(kind) for kind in SNIPPETS},
}


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """One to three random edits; the names of the edits made."""
    names = [rng.choice(list(MUTATIONS)) for _ in range(rng.choice((1, 1, 2, 3)))]
    for name in names:
        data = MUTATIONS[name](data, rng)
    return data, names


# -- running every command on a file ---------------------------------------------------------

# The output formats of each command that reads a pohon file. A command the app has that
# is missing here fails test_fuzz's coverage test, so none is left out by mistake.
FORMATS: dict[str, tuple[str, ...]] = {
    "validate": ("text", "json"),
    "show": ("text", "json"),
    "indicators": ("text", "csv", "markdown", "json"),
    "iku": ("text",),
    "stats": ("text", "markdown", "json"),
    "units": ("text", "json"),
    "diff": ("text", "markdown", "json"),
    "render": ("dot",),
    "report": ("text", "markdown", "json", "csv"),
    "export": ("markdown",),
}
# Commands that read no pohon file (import reads a spreadsheet: test_import mutates those).
NO_FILE = frozenset({"schema", "rules", "import"})
# Commands that may exit 1 on a valid file: rules found problems; nothing to draw.
MAY_FIND = frozenset({"validate", "render"})
# Filters some commands take (--misi, --root, ...); a value not in the file is exit 2.
FILTERS = ("--misi", "--unit", "--root", "--level", "--depth")
UNFILTERED = frozenset({"validate", "export"})


def calls(
    command: str,
    path: str,
    base: str,
    data: bytes,
    rng: random.Random,
    *,
    every: bool = False,
    filtered: bool = True,
) -> list[list[str]]:
    """The argument lists to run ``command`` with on ``path``: one output format at random
    (each of them when ``every``), now and then a filter naming something in the file;
    diff both ways against ``base``."""
    formats = FORMATS[command] if every else (rng.choice(FORMATS[command]),)
    extra: list[str] = []
    if filtered and command not in UNFILTERED and rng.random() < 0.3:
        option = rng.choice(FILTERS)
        words = [m.group().decode() for m in KODE.finditer(data)] or ["X"]
        value = str(rng.randint(1, 3)) if option == "--depth" else rng.choice(words)
        if option == "--level":
            value = rng.choice(["tujuan", "sasaran", "kegiatan", "program"])
        extra = [option, value]
    runs: list[list[str]] = []
    for fmt in formats:
        options = ["--format", fmt, *extra]
        if command == "diff":
            runs += [["diff", base, path, *options], ["diff", path, base, "--format", fmt]]
        elif command == "render":
            runs.append(["render", path, "-o", "-", *options])
        else:
            runs.append([command, path, *options])
    return runs


def registered() -> list[str]:
    """The names of the commands the app has now."""
    names = []
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        names.append(name.replace("_", "-"))
    return names


@dataclass(frozen=True, slots=True)
class Failure:
    """A command that did not answer properly: what ran, what went wrong, its output."""

    argv: tuple[str, ...]
    why: str
    output: str

    def __str__(self) -> str:
        return f"pohon {' '.join(self.argv)}: {self.why}\n{self.output[-3000:]}"


class _Hang(BaseException):
    """Raised by the alarm when a command runs past the limit."""


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@cache
def _command() -> Any:
    """The click command behind the app, built once: building it costs more than most runs."""
    return typer.main.get_command(app)


def invoke(argv: list[str]) -> tuple[int, str, BaseException | None]:
    """Run ``pohon ARGV`` in-process: its exit code, stdout and stderr, and any exception."""
    code: int = 0
    error: BaseException | None = None
    with CliRunner().isolation() as streams:
        try:
            _command().main(args=argv, prog_name="pohon")
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
        except Exception as raised:
            error, code = raised, 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        output = streams[0].getvalue() + streams[1].getvalue()
    return code, output.decode("utf-8", "replace"), error


def run(argv: list[str], expect: frozenset[int], limit: float = LIMIT) -> Failure | None:
    """Run ``pohon ARGV``; a Failure unless it answers with a code in ``expect``."""
    started = time.monotonic()
    try:
        with _deadline(limit):
            code, output, error = invoke(argv)
    except _Hang:
        return Failure(tuple(argv), f"no answer within {limit:g} s", "")
    elapsed = time.monotonic() - started
    if error is not None:
        trace = "".join(traceback.format_exception(error))
        return Failure(tuple(argv), f"raised {type(error).__name__}: {error}", trace)
    if "Traceback (most recent call last)" in output:
        return Failure(tuple(argv), "printed a traceback", output)
    if code not in expect:
        wanted = " or ".join(map(str, sorted(expect)))
        return Failure(tuple(argv), f"exit {code}, expected {wanted}", output)
    if code != 0 and not output.strip():
        return Failure(tuple(argv), f"exit {code} without a message", output)
    if elapsed > limit:
        return Failure(tuple(argv), f"took {elapsed:.1f} s", output)
    return None


def expected(command: str, ok: bool) -> frozenset[int]:
    """The exit codes a command may give on a readable file the loader finds ``ok`` or not."""
    if not ok:
        return frozenset({1})
    return frozenset({0, 1}) if command in MAY_FIND else frozenset({0})


def check(
    path: Path, base: Path, rng: random.Random | None = None, *, every: bool = False
) -> list[Failure]:
    """Run every command the app has on ``path`` (diff against ``base``, both ways), in one
    output format at random or, with ``every``, in each."""
    rng = rng or random.Random(0)
    try:
        ok = load_path(path).ok
    except Exception as error:  # the loader itself must never raise on a readable file
        return [
            Failure(("load", str(path)), f"the loader raised {error!r}", traceback.format_exc())
        ]
    ok = ok and load_path(base).ok
    failures = []
    data = path.read_bytes()
    for command in registered():
        if command not in FORMATS:
            continue
        for argv in calls(command, str(path), str(base), data, rng, every=every):
            allowed = expected(command, ok)
            if any(option in argv for option in FILTERS):
                allowed |= {2}  # the kode filtered on may be gone from a mutant
            failure = run(argv, allowed)
            if failure is not None:
                failures.append(failure)
    return failures


def save(data: bytes, base: str, folder: Path = FOUND) -> Path:
    """Keep a failing mutant as a regression file: tests/corpus/fuzz/<base>--<hash>.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{base}--{hashlib.sha256(data).hexdigest()[:12]}.yaml"
    path.write_bytes(data)
    return path


@dataclass(frozen=True, slots=True)
class Mutant:
    """One mutant checked: the file it was made from, its bytes, the edits, the outcome."""

    base: str
    data: bytes
    edits: tuple[str, ...]
    valid: bool
    failures: tuple[Failure, ...]

    @property
    def name(self) -> str:
        return f"{self.base}--{hashlib.sha256(self.data).hexdigest()[:12]}"


def campaign(count: int | None, seconds: float | None, seed: int) -> Iterator[Mutant]:
    """Mutate and check until ``count`` mutants are done or ``seconds`` have passed."""
    rng = random.Random(seed)
    sources = {name: path.read_bytes() for name, path in bases().items()}
    paths = bases()
    names = sorted(sources)
    end = None if seconds is None else time.monotonic() + seconds
    done = 0
    with tempfile.TemporaryDirectory(prefix="pohon-fuzz-") as folder:
        target = Path(folder) / "mutant.yaml"
        while (count is None or done < count) and (end is None or time.monotonic() < end):
            # the seed is the richest file; the small ones are quick
            name = SEED.stem if rng.random() < 0.3 else rng.choice(names)
            data, edits = mutate(sources[name], rng)
            target.write_bytes(data)
            failures = check(target, paths[name], rng)
            done += 1
            valid = load_path(target).ok
            yield Mutant(name, data, tuple(edits), valid, tuple(failures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    print(f"fuzzing for {args.seconds:g} s with --seed {args.seed}", file=sys.stderr)
    tried = valid = found = 0
    for mutant in campaign(None, args.seconds, args.seed):
        tried += 1
        valid += mutant.valid
        if not mutant.failures:
            continue
        found += 1
        saved = save(mutant.data, mutant.base)
        print(f"\n== {saved} ({', '.join(mutant.edits)})", file=sys.stderr)
        for failure in mutant.failures:
            print(str(failure), file=sys.stderr)
    print(
        f"{tried} mutants ({valid} still valid), {found} failing, saved under {FOUND}",
        file=sys.stderr,
    )
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
