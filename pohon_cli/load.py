"""Read a pohon file: bytes -> text -> YAML events -> positioned values -> models -> Tree.

The only module that touches YAML. It reads the event stream of libyaml's safe parser and
builds plain values itself, so that it can keep every position, refuse tags, merge keys
and duplicate keys, bound what aliases expand to, and resolve scalars by pohon's strict
rules (no YAML 1.1 surprises: ``no`` stays text, ``1.10`` keeps its digits).
Every problem becomes a ``Problem`` at a line and column; nothing here raises on bad data.
"""

from __future__ import annotations

import gc
import os
import re
import stat
import time
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from pohon_cli.model import (
    DEFAULT_LEVELS,
    Header,
    Indicator,
    Institution,
    Mission,
    Node,
    NodeDocument,
    ParentOrganisation,
    Period,
    Reference,
    Tree,
    Unit,
    number_text,
)
from pohon_cli.problem import (
    CYCLE,
    DUPLICATE_KEY,
    DUPLICATE_KODE,
    ENCODING,
    LEVEL_ORDER,
    MISSING_KEY,
    TOO_LARGE,
    UNKNOWN_KEY,
    UNKNOWN_LEVEL,
    UNKNOWN_REFERENCE,
    UNSUPPORTED_YAML,
    WRONG_VALUE,
    YAML_SYNTAX,
    InputError,
    Problem,
)
from pohon_cli.source import Pos, Source, YList, YMap, locate, pack
from pohon_cli.suggest import did_you_mean

# Bounds that keep any input within seconds and well under 2 GB of memory.
MAX_BYTES = 128 * 1024 * 1024
MAX_VALUES = 6_000_000
# Lists and mappings cost twice what a scalar does: 6,000,000 empty `{}` would take 2 GB.
# A realistic tree of 100,000 nodes holds 610,000 of them.
MAX_CONTAINERS = 1_500_000
MAX_TREE_DEPTH = 64
# About where libyaml stops reading nested lists and mappings (it counts flow and block
# nesting apart); only the message names it.
YAML_MAX_DEPTH = 1000
# How long a named pipe may stay without a writer (steps of 50 ms) before it is refused.
PIPE_WAIT_STEPS = 10
# Aliases may expand to this many values beyond the number written in the file.
ALIAS_ALLOWANCE = 10_000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_NUMBER_START = frozenset("-0123456789")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
# Characters YAML does not allow in a stream (tab and line breaks are fine).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Line breaks to YAML that editors do not show (pasted from word processors and PDFs): YAML
# would fold them into a space or split the line where the planner sees none, so refused.
_HIDDEN_BREAKS = re.compile("[\x85\u2028\u2029]")
_BREAK_NAMES = {"\x85": "next-line", "\u2028": "line-separator", "\u2029": "paragraph-separator"}
# A line break to libyaml but not to git or GitHub, which count lines by "\n".
_ODD_BREAKS = re.compile("\r(?!\n)")
# What an escape in double quotes ("\\e", "\\x07", a lone "\\r") must not bring into a text:
# it would reach the terminal, where it can clear the screen or rewrite the lines above.
_ESCAPED_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]|\r(?!\n)"
)
_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


@dataclass(frozen=True, slots=True)
class Loaded:
    """A file as loaded: the tree when it could be built, and every problem found."""

    path: str
    tree: Tree | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.tree is not None and not any(p.severity == "error" for p in self.problems)


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes, or InputError (exit 2) when it cannot be read at all.

    Never more than MAX_BYTES, whatever the file is: a device that never ends
    (``/dev/zero``) is refused once it passes the limit, and a named pipe nobody writes to
    is refused at once rather than waited on for ever (``<(command)`` still reads)."""
    p = Path(path)
    too_big = InputError(
        f"{path}: the file is larger than {MAX_BYTES // (1024 * 1024)} MB; pohon reads files "
        "up to that size (split the tree into several files)"
    )
    try:
        info = p.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path}: is a directory, not a file")
        if info.st_size > MAX_BYTES:
            raise InputError(
                f"{path}: the file is {info.st_size // (1024 * 1024)} MB; pohon reads files up "
                f"to {MAX_BYTES // (1024 * 1024)} MB (split the tree into several files)"
            )
        if stat.S_ISFIFO(info.st_mode):
            data = _read_pipe(p)
        else:
            with open(p, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        if str(path) == "-":
            raise InputError(
                "-: pohon reads a file, not standard input; name the file "
                "(or /dev/stdin to read what is piped in)"
            ) from None
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise too_big
    return data


def _read_pipe(path: Path) -> bytes:
    """A named pipe: read when something writes to it; refused when nothing does."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb", buffering=0) as handle:
        first: bytes | None = b""
        # a writer already waiting to open the pipe is let in by this open: give it a moment
        for _ in range(PIPE_WAIT_STEPS):
            try:
                first = handle.read(65536)
            except BlockingIOError:  # a writer is there, not yet written: wait for it
                first = None
            if first != b"":
                break
            time.sleep(0.05)
        if first == b"":
            raise InputError(
                f"{path}: a named pipe that nothing writes to; "
                "start the program that writes to it first, or name a file"
            )
        os.set_blocking(fd, True)
        chunks = [first or b""]
        size = len(chunks[0])
        while size <= MAX_BYTES:
            chunk = handle.read(min(1 << 20, MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)


def load_path(path: str | Path) -> Loaded:
    """Load one file; InputError when it cannot be read (missing, a directory, no permission)."""
    return load_bytes(read_bytes(path), str(path))


def load_bytes(data: bytes, name: str) -> Loaded:
    text, problem = decode(data, name)
    if problem is not None:
        return Loaded(name, None, [problem])
    return load_text(text, name)


def decode(data: bytes, name: str) -> tuple[str, Problem | None]:
    """UTF-8 text, with a UTF-8 BOM dropped; any other encoding is refused at its place."""
    for bom, encoding in _BOMS.items():
        if data.startswith(bom):
            return "", _problem(
                name,
                (1, 1),
                ENCODING,
                f"the file is encoded as {encoding}; pohon reads UTF-8 only",
                "save the file as UTF-8 (in most editors: Save with Encoding > UTF-8)",
            )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        byte = data[error.start : error.start + 1].hex()
        return "", _problem(
            name,
            (line, column),
            ENCODING,
            f"the file is not valid UTF-8 (byte 0x{byte} here)",
            "save the file as UTF-8; it may have been written as Latin-1 or Windows-1252",
        )


def load_text(text: str, name: str) -> Loaded:
    bad = _FORBIDDEN.search(text) or _HIDDEN_BREAKS.search(text)
    if bad is not None:
        start = text.rfind("\n", 0, bad.start()) + 1
        line = text.count("\n", 0, bad.start()) + 1
        char = f"U+{ord(bad.group()):04X}"
        hidden = _BREAK_NAMES.get(bad.group())
        message = (
            f"the control character {char} is not allowed in a YAML file"
            if hidden is None
            else f"the {hidden} character {char} is a line break to YAML but not to editors"
        )
        return Loaded(
            name,
            None,
            [
                _problem(
                    name,
                    (line, bad.start() - start + 1),
                    ENCODING,
                    message,
                    "delete it; it is invisible in most editors",
                )
            ],
        )
    with _gc_paused():
        document, problems = _parse(text, name)
        if any(p.code in (YAML_SYNTAX, TOO_LARGE) for p in problems) or (
            problems and document is None
        ):
            return Loaded(name, None, problems)
        if not isinstance(document, YMap):
            where = getattr(document, "pos", (1, 1))
            return Loaded(
                name,
                None,
                [
                    _problem(
                        name,
                        where,
                        WRONG_VALUE,
                        "the file must be a mapping with versi, instansi, tahun, visi, misi "
                        "and pohon at the top" + (", but it is empty" if document is None else ""),
                        "see the format in the README",
                    )
                ],
            )
        loaded = _Builder(name, text, document).build()
        if not problems:
            return loaded
        # duplicate keys, tags and merge keys were dropped: report them, build no tree
        return Loaded(name, None, sorted(problems + loaded.problems))


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Building millions of small objects triggers the cyclic GC over and over: pause it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _problem(name: str, pos: Pos, code: str, message: str, hint: str | None = None) -> Problem:
    return Problem(name, pos[0], pos[1], code, "error", message, hint)


# -- YAML events -> positioned values ------------------------------------------------------

_BAD_KEY = object()


class _MergeKey(str):
    """A plain ``<<``: a merge key where a key is expected, the text "<<" elsewhere."""

    __slots__ = ()


_MERGE = _MergeKey("<<")


def _parse(text: str, name: str) -> tuple[Any, list[Problem]]:
    """Build YMap/YList/str/Decimal/None from the event stream, with every position kept."""
    problems: list[Problem] = []
    loader = _Loader(text)
    budget = min(len(text) + ALIAS_ALLOWANCE, MAX_VALUES)
    count = 0
    containers = 0
    anchors: dict[str, tuple[Any, int]] = {}
    # open containers, each with: its anchor, the value count when it opened,
    # and for mappings the pending key and the key's position
    stack: list[Any] = []
    frames: list[tuple[str | None, int]] = []
    keys: list[Any] = []
    key_pos: list[Pos] = []
    root: Any = None
    documents = 0
    key_texts: dict[str, str] = {}
    scalar_event = yaml.ScalarEvent
    mapping_start = yaml.MappingStartEvent
    sequence_start = yaml.SequenceStartEvent
    collection_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    alias_event = yaml.AliasEvent
    where = _Lines(text) if _ODD_BREAKS.search(text) else None
    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            cls = event.__class__
            mark = event.start_mark
            pos = (mark.line + 1, mark.column + 1) if where is None else where.at(mark.index)
            if cls is scalar_event:
                count += 1
                if count > MAX_VALUES:
                    problems.append(_too_many(name, pos))
                    break
                if event.tag is not None:
                    problems.append(_tag_problem(name, pos, event.tag))
                if event.style:  # quoted or block: always text
                    value: Any = event.value
                    if event.style == '"' and _ESCAPED_CONTROL.search(value):
                        problems.append(_escaped_control(name, pos, value))
                        # no tree is built; the other messages must not carry it either
                        value = _ESCAPED_CONTROL.sub("\ufffd", value)
                else:
                    raw = event.value
                    if raw in _NULLS:
                        value = None
                    elif raw[0] in _NUMBER_START and _NUMBER.fullmatch(raw):
                        value = Decimal(raw)
                    elif raw == "<<":
                        value = _MERGE  # only a plain << merges; a quoted "<<" is text
                    else:
                        value = raw
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
            elif cls is mapping_start or cls is sequence_start:
                count += 1
                containers += 1
                if count > MAX_VALUES or containers > MAX_CONTAINERS:
                    problems.append(_too_many(name, pos, containers > MAX_CONTAINERS))
                    break
                if event.tag is not None:
                    problems.append(_tag_problem(name, pos, event.tag))
                stack.append(YMap(pos) if cls is mapping_start else YList(pos))
                frames.append((event.anchor, count))
                keys.append(None)
                key_pos.append(pos)
                continue
            elif cls in collection_end:
                value = stack.pop()
                anchor, opened = frames.pop()
                keys.pop()
                key_pos.pop()
                pos = value.pos
                if anchor is not None:
                    anchors[anchor] = (value, count - opened + 1)
            elif cls is alias_event:
                found = anchors.get(event.anchor)
                if found is None:
                    problems.append(
                        _problem(
                            name,
                            pos,
                            YAML_SYNTAX,
                            f"the alias *{event.anchor} names no anchor defined before it",
                            f"define &{event.anchor} first, or write the value out",
                        )
                    )
                    break
                value, size = found
                count += size
                if count > budget:
                    problems.append(
                        _problem(
                            name,
                            pos,
                            TOO_LARGE,
                            f"aliases expand to more than {budget:,} values "
                            f"(an 'alias bomb'); pohon stops here",
                            "write the values out instead of nesting aliases",
                        )
                    )
                    break
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.append(
                        _problem(
                            name,
                            pos,
                            UNSUPPORTED_YAML,
                            "a second YAML document starts here; a pohon file holds one tree",
                            "remove the `---` line and what follows, or move it to its own file",
                        )
                    )
                    break
                continue
            else:
                continue
            # attach the finished value to its container
            if not stack:
                root = value
                continue
            parent = stack[-1]
            if parent.__class__ is YList:
                parent.put(value, pack(pos))
                continue
            key = keys[-1]
            if key is None:
                if value.__class__ is str and value not in parent.at:
                    key = value  # the common case, without a call
                else:
                    key = _key(value, pos, parent, name, problems)
                # one string object per distinct key, not one per occurrence
                keys[-1] = key_texts.setdefault(key, key) if key is not _BAD_KEY else key
                key_pos[-1] = pos
            else:
                if key is not _BAD_KEY:
                    parent.put(key, pack(key_pos[-1]), value, pack(pos))
                keys[-1] = None
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_problem(name, error, text))
    except yaml.YAMLError as error:
        problems.append(
            _problem(name, (1, 1), YAML_SYNTAX, f"the file cannot be read as YAML: {error}")
        )
    finally:
        loader.dispose()
    return root, problems


def _escaped_control(name: str, pos: Pos, value: str) -> Problem:
    bad = _ESCAPED_CONTROL.search(value)
    char = f"U+{ord(bad.group()):04X}" if bad else "?"
    return _problem(
        name,
        pos,
        ENCODING,
        f"the text holds the control character {char}, written as an escape; a text may "
        "hold tabs and line breaks, no other control characters",
        "remove the escape (\\e, \\a, \\x.., \\u...., a \\r without \\n)",
    )


def _too_many(name: str, pos: Pos, containers: bool = False) -> Problem:
    what = f"{MAX_CONTAINERS:,} lists and mappings" if containers else f"{MAX_VALUES:,} values"
    return _problem(
        name,
        pos,
        TOO_LARGE,
        f"the file holds more than {what}; pohon stops here to stay within memory",
        "a tree of 100,000 nodes fits: split a larger one into several files",
    )


def _key(value: Any, pos: Pos, mapping: YMap, name: str, problems: list[Problem]) -> Any:
    """Check a mapping key: text, not a merge key, not a duplicate."""
    if isinstance(value, YMap | YList):
        problems.append(
            _problem(name, pos, WRONG_VALUE, "a key must be a word, not a list or a mapping")
        )
        return _BAD_KEY
    text = "null" if value is None else str(value)
    if value.__class__ is _MergeKey:
        problems.append(
            _problem(
                name,
                pos,
                UNSUPPORTED_YAML,
                "merge keys (<<) are not supported: they hide where a value comes from",
                "write the keys out in full",
            )
        )
        return _BAD_KEY
    if text in mapping.at:
        first = mapping.key_pos(text)[0]
        problems.append(
            _problem(
                name,
                pos,
                DUPLICATE_KEY,
                f"duplicate key `{text}`: it is already set on line {first}, "
                "and one of the two values would be lost",
                "keep one of them",
            )
        )
        return _BAD_KEY
    return text


def _tag_problem(name: str, pos: Pos, tag: str) -> Problem:
    tag = tag.replace("tag:yaml.org,2002:", "!!")
    if "python" in tag:
        message = f"the tag {tag} would run code; pohon never runs code from a file"
    else:
        message = f"tags such as {tag} are not supported"
    return _problem(
        name, pos, UNSUPPORTED_YAML, message, "remove the tag and write the plain value"
    )


def _syntax_problem(name: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    # from the index: libyaml puts the end of a file without a final newline on a line
    # past it, and counts a lone CR as a line break
    pos = (1, 1) if mark is None else _Lines(text).at(min(mark.index, len(text)))
    at = _char_at(text, pos)
    problem = (error.problem or "").strip()
    if "maximum nesting depth" in problem:
        # not a mistake in the syntax but a file too deep to read: PK005, as aliases that
        # expand too far
        return _problem(
            name,
            pos,
            TOO_LARGE,
            "lists and mappings are nested too deep here: the YAML reader stops at "
            f"about {YAML_MAX_DEPTH:,} levels",
            "flatten the structure: a pohon file needs only a few dozen levels",
        )
    context = (error.context or "").strip()
    message = f"YAML syntax: {problem}" + (f" ({context})" if context else "")
    hint = None
    if at == "\t" or "'\\t'" in problem:
        hint = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        hint = "quote a value that contains ': ', or check the indentation"
    elif "could not find expected ':'" in problem:
        hint = "a key is missing its ':' or a line is indented wrongly"
    elif "found unexpected end of stream" in problem:
        hint = "a quote or bracket is not closed"
    return _problem(name, pos, YAML_SYNTAX, message, hint)


class _Lines:
    """Positions counted as git counts them (lines end at "\\n"), from a character index:
    for syntax errors, and for the rare text with a lone CR, which libyaml counts as a line
    break."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, index: int) -> Pos:
        line = bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


def _char_at(text: str, pos: Pos) -> str:
    """The character at a 1-based (line, column), or "" past the end."""
    start = 0
    for _ in range(pos[0] - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return ""
    index = start + pos[1] - 1
    return text[index] if index < len(text) else ""


# -- values -> models -> Tree --------------------------------------------------------------

_CONTAINERS: dict[str, type[BaseModel]] = {
    "indikator": Indicator,
    "misi": Mission,
    "unit_kerja": Unit,
    "instansi": Institution,
    "induk": ParentOrganisation,
    "periode": Period,
}
_NAMES = {
    "indikator": "indicator",
    "misi": "misi",
    "unit_kerja": "unit kerja",
    "instansi": "`instansi`",
    "induk": "`induk`",
    "periode": "`periode`",
}


def _aliases(model: type[BaseModel]) -> list[str]:
    return [f.alias or n for n, f in model.model_fields.items()]


def level_name(text: str) -> str:
    """What a written level name should be: ``Sasaran Kegiatan`` → ``Sasaran_Kegiatan``,
    ``sub-kegiatan`` → ``sub_kegiatan`` ("" when nothing is left of it)."""
    return re.sub(r"^[^A-Za-z]+", "", re.sub(r"[^A-Za-z0-9_]+", "_", text.strip())).strip("_")


def _describe(value: Any) -> str:
    if isinstance(value, YMap | dict):
        return "a mapping"
    if isinstance(value, YList | list):
        return "a list"
    if value is None:
        return "an empty value"
    if isinstance(value, Decimal):
        return f"the number {number_text(value)}"
    return f"the text `{_clip(str(value))}`"


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class _Builder:
    """Validates the header and every node, then checks references between them."""

    def __init__(self, name: str, text: str, document: YMap) -> None:
        self.name = name
        self.text = text
        self.document = document
        self.problems: list[Problem] = []
        self.schema_ok = True
        # what the walk over the tree finds
        self.nodes: dict[str, Node] = {}
        self.items: dict[str, YMap] = {}
        # nodes reported invalid: their kode is still taken and their level still checked,
        # so that one mistake in a node does not hide the others (a second run per problem)
        self.broken: dict[str, YMap] = {}
        self.roots: list[str] = []
        self.children: dict[str, list[str]] = {}
        self.parents: dict[str, list[str]] = {}
        # (parent kode, referenced kode, position of the `rujuk` value)
        self.refs: list[tuple[str, str, Pos]] = []

    def error(self, pos: Pos, code: str, message: str, hint: str | None = None) -> None:
        self.problems.append(_problem(self.name, pos, code, message, hint))

    def build(self) -> Loaded:
        header = self._header()
        self._nodes()
        nodes, children, parents = self.nodes, self.children, self.parents
        levels = header.levels if header else self._levels_guess()
        indicator_node = {ind.code: node.code for node in nodes.values() for ind in node.indicators}
        self._check_edges(levels)
        self._check_references(header)
        source = Source(self.name, self.text, self.document, self.items)
        tree = None
        if header is not None and self.schema_ok:
            tree = Tree(
                header=header,
                nodes=nodes,
                roots=tuple(self.roots),
                children={k: tuple(v) for k, v in children.items()},
                parents={k: tuple(v) for k, v in parents.items()},
                indicator_node=indicator_node,
                source=source,
            )
        self.problems.sort()
        return Loaded(self.name, tree, self.problems)

    # -- pydantic errors in plain words

    def _validation(
        self, error: ValidationError, raw: Any, what: str, prefix: tuple[str | int, ...] = ()
    ) -> None:
        self.schema_ok = False
        for detail in error.errors(include_url=False):
            self._one_error(detail, raw, what, prefix)

    def _one_error(
        self, detail: Any, raw: Any, what: str, prefix: tuple[str | int, ...] = ()
    ) -> None:
        loc: tuple[str | int, ...] = prefix + tuple(detail["loc"])
        kind = detail["type"]
        # where the error sits: the kind of mapping and the key
        container_loc = loc[:-1]
        container = what
        model: type[BaseModel] = NodeDocument if what == "node" else Header
        for i, step in enumerate(loc[:-1]):
            if isinstance(step, str) and step in _CONTAINERS:
                model = _CONTAINERS[step]
                container = _NAMES[step]
                if i + 1 < len(loc) - 1 and isinstance(loc[i + 1], int):
                    container = _NAMES[step]
        key = loc[-1] if loc else ""
        label = f"`{key}`"
        if len(loc) >= 2 and loc[-2] in ("target", "realisasi") and isinstance(loc[-1], str):
            label = f"`{loc[-2]}` for {loc[-1]}"
        elif len(loc) >= 2 and isinstance(key, int):
            label = f"item {key + 1} of `{loc[-2]}`"
        value = detail.get("input")
        if kind == "missing":
            pos = locate(raw, container_loc)
            self.error(pos, MISSING_KEY, f"this {container} has no `{key}`", f"add `{key}: ...`")
            return
        if kind == "extra_forbidden":
            pos = locate(raw, loc, key=True)
            allowed = _aliases(model)
            if model is Header:
                # the tree is read apart from the header, but it is a top-level key all the same
                allowed.append("pohon")
            hint = did_you_mean(str(key), allowed) or "allowed keys: " + ", ".join(allowed)
            self.error(pos, UNKNOWN_KEY, f"unknown key `{key}` in this {container}", hint)
            return
        if loc and loc[-1] == "[key]":
            pos = locate(raw, loc[:-1], key=True)
            self.error(
                pos, WRONG_VALUE, f"`{loc[-2]}` is not a year", "a year is four digits, e.g. 2024"
            )
            return
        pos = locate(raw, loc)
        if kind == "value_error":
            reason = str(detail.get("ctx", {}).get("error", detail["msg"]))
            self.error(pos, WRONG_VALUE, f"{label}: {reason}")
        elif kind == "literal_error":
            expected = str(detail.get("ctx", {}).get("expected", ""))
            choices = re.findall(r"'([^']*)'", expected)
            suggestion = did_you_mean(str(value), choices) if isinstance(value, str) else None
            self.error(
                pos,
                WRONG_VALUE,
                f"{label} must be {expected.replace(chr(39), '')}, not {_describe(value)}",
                suggestion,
            )
        elif kind in ("string_type", "str_type"):
            self.error(pos, WRONG_VALUE, f"{label} must be text, not {_describe(value)}")
        elif kind in ("list_type", "tuple_type"):
            self.error(pos, WRONG_VALUE, f"{label} must be a list, not {_describe(value)}")
        elif kind in ("dict_type", "model_type", "model_attributes_type"):
            self.error(
                pos,
                WRONG_VALUE,
                f"{label} must be a mapping (key: value lines), not {_describe(value)}",
            )
        elif kind in ("string_pattern_mismatch", "string_too_short", "string_too_long"):
            if key == "jenjang" or (len(loc) >= 2 and loc[-2] == "jenjang"):
                written = value if isinstance(value, str) else ""
                fixed = level_name(written)
                hint = "a level name is one word of letters, digits and _"
                if fixed and fixed != written:
                    hint = f"write `{fixed}`, here and in each node's `jenjang`: {hint}"
                self.error(
                    pos, WRONG_VALUE, f"{label} is not a level name: {_describe(value)}", hint
                )
                return
            if kind == "string_too_long":
                reason = "is too long"
            else:
                reason = "cannot be empty, or start or end with a space"
            self.error(pos, WRONG_VALUE, f"{label} {reason}: {_describe(value)}")
        elif kind == "too_short" and isinstance(value, str) and not value:
            self.error(pos, WRONG_VALUE, f"{label} cannot be empty")
        elif kind in ("too_short", "too_long") and isinstance(value, str):
            ctx = detail.get("ctx", {})
            bound = (
                f"at least {ctx.get('min_length')}"
                if kind == "too_short"
                else f"at most {ctx.get('max_length')}"
            )
            self.error(pos, WRONG_VALUE, f"{label} is {len(value)} characters long; {bound}")
        elif kind in ("too_short", "too_long"):
            ctx = detail.get("ctx", {})
            bound = ctx.get("min_length" if kind == "too_short" else "max_length")
            count = ctx.get("actual_length")
            if count == 0 and bound == 1:
                reason = "cannot be an empty list"
            elif kind == "too_short":
                reason = f"needs at least {bound} items, not {count}"
            else:
                reason = f"holds {count} items; at most {bound}"
            self.error(pos, WRONG_VALUE, f"{label} {reason}")
        else:
            self.error(pos, WRONG_VALUE, f"{label}: {detail['msg']}, not {_describe(value)}")

    # -- the header

    def _header(self) -> Header | None:
        doc = self.document
        fields = {k: v for k, v in doc.items() if k != "pohon"}
        if "pohon" not in doc:
            # a misspelt `pohn:` is reported once, as an unknown key that means `pohon`
            if not any(isinstance(k, str) and did_you_mean(k, ["pohon"]) for k in doc):
                self.error(
                    doc.pos, MISSING_KEY, "the file has no `pohon` (the tree)", "add `pohon:`"
                )
            self.schema_ok = False
        try:
            return Header.model_validate(fields)
        except ValidationError as error:
            self._validation(error, doc, "top level")
            return None

    def _levels_guess(self) -> tuple[str, ...]:
        """The levels when the header did not load: as written, a name that is not a level
        name in the form its error suggests, so that nodes already written that way are
        not each told their level is unknown."""
        raw = self.document.get("jenjang")
        if isinstance(raw, YList) and all(isinstance(v, str) for v in raw):
            return tuple(level_name(v) or v for v in raw)
        return DEFAULT_LEVELS

    # -- the tree, walked without recursion

    def _nodes(self) -> None:
        nodes, items, roots = self.nodes, self.items, self.roots
        children, parents = self.children, self.parents
        if "pohon" not in self.document:
            return
        raw_tree = self.document["pohon"]
        if not isinstance(raw_tree, YList):
            pos = locate(self.document, ("pohon",))
            self.error(
                pos,
                WRONG_VALUE,
                f"`pohon` must be a list of nodes, not {_describe(raw_tree)}",
                "write the nodes under it as `- kode: ...` items; `pohon: []` for none yet",
            )
            self.schema_ok = False
            return
        # (raw node, its position, parent kode or None, depth)
        pending: list[tuple[Any, Pos, str | None, int]] = [
            (raw, raw_tree.item_pos(i), None, 1) for i, raw in reversed(list(enumerate(raw_tree)))
        ]
        while pending:
            raw, pos, parent, depth = pending.pop()
            if not isinstance(raw, YMap):
                self.error(pos, WRONG_VALUE, f"a node must be a mapping, not {_describe(raw)}")
                self.schema_ok = False
                continue
            if "rujuk" in raw and "kode" not in raw:
                if parent is None:
                    self.error(
                        pos,
                        WRONG_VALUE,
                        "a reference `rujuk:` belongs in a parent's `anak`, not here",
                    )
                    self.schema_ok = False
                else:
                    self._reference(raw, parent)
                continue
            if depth > MAX_TREE_DEPTH:
                self.error(
                    pos,
                    TOO_LARGE,
                    f"the tree is nested deeper than {MAX_TREE_DEPTH} levels",
                    "a pohon kinerja has a handful of levels: check the indentation of `anak`",
                )
                self.schema_ok = False
                continue
            node = self._node(raw)
            # the kode the children hang from; a node that is not in the tree (invalid, or a
            # second use of a kode) still has its children checked, under a name of its own
            kode: str | None = None
            if node is not None and self._register(node.code, raw, items):
                kode = node.code
                nodes[kode] = node
                if parent is None:
                    roots.append(kode)
                else:
                    children.setdefault(parent, []).append(kode)
                    parents.setdefault(kode, []).append(parent)
                for i, indicator in enumerate(node.indicators):
                    self._register(indicator.code, raw["indikator"][i], items)
            elif node is None:
                self._claim_broken(raw, items)
            if "anak" not in raw:
                continue
            kids = raw["anak"]
            if kode is None:
                kode = f"\x00{len(pending)}:{pos}"
            if not isinstance(kids, YList):
                self.error(
                    locate(raw, ("anak",)),
                    WRONG_VALUE,
                    f"`anak` must be a list of nodes, not {_describe(kids)}",
                    "write the child nodes under it as `- kode: ...` or `- rujuk: KODE` items"
                    + (", or remove `anak:`" if kids is None else ""),
                )
                self.schema_ok = False
                continue
            for i in range(len(kids) - 1, -1, -1):
                pending.append((kids[i], kids.item_pos(i), kode, depth + 1))

    def _claim_broken(self, raw: YMap, items: dict[str, YMap]) -> None:
        """The kodes of an invalid node and of its indicators, as written, so that a kode
        used twice is reported now rather than after the node is mended."""
        kode = self._raw_kode(raw)
        if kode is not None and self._register(kode, raw, items):
            self.broken[kode] = raw
        indicators = raw.get("indikator")
        if isinstance(indicators, YList):
            for item in indicators:
                written = self._raw_kode(item) if isinstance(item, YMap) else None
                if written is not None:
                    self._register(written, item, items)

    def _raw_kode(self, raw: YMap) -> str | None:
        kode = raw.get("kode")
        return str(kode) if isinstance(kode, str | Decimal) else None

    def _node(self, raw: YMap) -> Node | None:
        """Validate a node; its indicators one by one, so one bad indicator hides nothing else."""
        fields = {k: v for k, v in raw.items() if k != "anak"}
        raw_indicators = raw.get("indikator")
        if isinstance(raw_indicators, YList):
            valid: list[Indicator] = []
            for i, item in enumerate(raw_indicators):
                try:
                    valid.append(Indicator.model_validate(item))
                except ValidationError as error:
                    self._validation(error, raw, "node", prefix=("indikator", i))
            fields["indikator"] = valid
        try:
            return Node.model_validate(fields)
        except ValidationError as error:
            self._validation(error, raw, "node")
            return None

    def _reference(self, raw: YMap, parent: str) -> None:
        children, refs = self.children, self.refs
        try:
            ref = Reference.model_validate(raw)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                if detail["type"] == "extra_forbidden":
                    key = detail["loc"][-1]
                    self.error(
                        locate(raw, (key,), key=True),
                        UNKNOWN_KEY,
                        f"a reference takes only `rujuk`, not `{key}`",
                        "change the node where it is defined, or define a new node with `kode`",
                    )
                    self.schema_ok = False
                else:
                    self._one_error(detail, raw, "reference")
                    self.schema_ok = False
            return
        siblings = children.setdefault(parent, [])
        if ref.ref in siblings:
            self.error(
                locate(raw, ("rujuk",)),
                DUPLICATE_KODE,
                f"`{ref.ref}` is listed twice under `{parent}`",
                "remove one of the two",
            )
            return
        siblings.append(ref.ref)
        refs.append((parent, ref.ref, locate(raw, ("rujuk",))))

    def _register(self, kode: str, raw: YMap, items: dict[str, YMap]) -> bool:
        """Claim a kode in the one namespace of nodes and indicators; report a second use."""
        first = items.get(kode)
        if first is not None:
            self.error(
                locate(raw, ("kode",)),
                DUPLICATE_KODE,
                f"the kode `{kode}` is used twice: first on line {first.pos[0]}",
                "every node and indicator needs its own kode",
            )
            return False
        items[kode] = raw
        return True

    # -- references between parts

    def _check_edges(self, levels: tuple[str, ...]) -> None:
        nodes, items, children, parents, refs = (
            self.nodes,
            self.items,
            self.children,
            self.parents,
            self.refs,
        )
        rank: dict[str, int] = {}
        for i, name in enumerate(levels):
            rank.setdefault(name, i)  # a name written twice (reported) keeps its first place
        written = [(node.level, items[node.code]) for node in nodes.values()]
        written += [
            (raw["jenjang"], raw)
            for raw in self.broken.values()
            if isinstance(raw.get("jenjang"), str)
        ]
        for level, raw in written:
            if not rank:  # `jenjang: []`, reported: no level to check against
                break
            if level not in rank:
                self.error(
                    locate(raw, ("jenjang",)),
                    UNKNOWN_LEVEL,
                    f"`{level}` is not one of the levels in `jenjang`",
                    did_you_mean(level, levels) or "levels: " + ", ".join(levels),
                )
        for parent, ref, pos in refs:
            if ref not in nodes:
                if ref in self.broken:
                    pass  # the node itself is reported: nothing more to say of the reference
                elif ref not in items:
                    self.error(
                        pos,
                        UNKNOWN_REFERENCE,
                        f"`rujuk: {ref}` names no node in this file",
                        did_you_mean(ref, nodes),
                    )
                else:
                    self.error(
                        pos, UNKNOWN_REFERENCE, f"`rujuk: {ref}` names an indicator, not a node"
                    )
                children[parent].remove(ref)
                continue
            parents.setdefault(ref, []).append(parent)
        # a child must sit below its parent; a reference must not close a cycle
        for parent_kode, kids in children.items():
            above = nodes.get(parent_kode)
            if above is None or above.level not in rank:
                continue
            for kid_kode in kids:
                kid = nodes.get(kid_kode)
                if kid is None or kid.level not in rank:
                    continue
                if rank[kid.level] <= rank[above.level]:
                    pos = next(
                        (p for par, r, p in refs if par == parent_kode and r == kid_kode),
                        locate(items[kid_kode], ("jenjang",)),
                    )
                    self.error(
                        pos,
                        LEVEL_ORDER,
                        f"a `{kid.level}` cannot sit under a `{above.level}` "
                        f"(`{kid_kode}` under `{parent_kode}`)",
                        "a child's jenjang must come after its parent's in `jenjang`: "
                        + " > ".join(levels),
                    )
        self._break_cycles()

    def _break_cycles(self) -> None:
        """Drop and report each reference that leads back to an ancestor, so walks end."""
        roots, children, parents, refs = self.roots, self.children, self.parents, self.refs
        ref_pos = {(p, r): pos for p, r, pos in refs}
        state: dict[str, int] = {}  # 1: on the current path, 2: done
        starts = list(roots) + [k for k in children if k not in parents]
        for start in starts:
            if start in state:
                continue
            state[start] = 1
            stack: list[tuple[str, Iterator[str]]] = [(start, iter(list(children.get(start, ()))))]
            while stack:
                kode, it = stack[-1]
                kid = next(it, None)
                if kid is None:
                    state[kode] = 2
                    stack.pop()
                    continue
                seen = state.get(kid)
                if seen == 1:
                    pos = ref_pos.get((kode, kid), (1, 1))
                    self.error(
                        pos,
                        CYCLE,
                        f"`rujuk: {kid}` under `{kode}` makes a cycle: `{kid}` is above it",
                        "a node cannot be its own ancestor; remove this reference",
                    )
                    children[kode].remove(kid)
                    if kode in parents.get(kid, ()):
                        parents[kid].remove(kode)
                elif seen is None:
                    state[kid] = 1
                    stack.append((kid, iter(list(children.get(kid, ())))))

    def _check_references(self, header: Header | None) -> None:
        nodes, items = self.nodes, self.items
        doc = self.document
        missions, units = self._codes(header)
        for node in nodes.values():
            raw = items[node.code]
            if node.owner is not None and node.owner not in units:
                self._unknown(locate(raw, ("penanggung_jawab",)), "unit kerja", node.owner, units)
            for i, misi in enumerate(node.missions):
                if misi not in missions:
                    self._unknown(locate(raw, ("misi", i)), "misi", misi, missions)
            for ind in node.indicators:
                if ind.owner is not None and ind.owner not in units:
                    pos = locate(items.get(ind.code, raw), ("penanggung_jawab",))
                    self._unknown(pos, "unit kerja", ind.owner, units)
        if header is None:
            return
        self._unique(header.missions, "misi", "misi")
        self._unique(header.units, "unit_kerja", "unit kerja")
        by_code = {u.code: u for u in header.units}
        for i, unit in enumerate(header.units):
            if unit.parent is not None and unit.parent not in by_code:
                pos = locate(doc, ("unit_kerja", i, "atasan"))
                self._unknown(pos, "unit kerja", unit.parent, units)
        # a chain of atasan must end
        for i, unit in enumerate(header.units):
            seen = {unit.code}
            above = unit.parent
            while above is not None and above in by_code:
                if above == unit.code:
                    self.error(
                        locate(doc, ("unit_kerja", i, "atasan")),
                        CYCLE,
                        f"the atasan of `{unit.code}` lead back to `{unit.code}`",
                        "the chain of atasan must end at a unit without one",
                    )
                    break
                if above in seen:
                    break
                seen.add(above)
                above = by_code[above].parent

    def _codes(self, header: Header | None) -> tuple[set[str], set[str]]:
        if header is not None:
            return {m.code for m in header.missions}, {u.code for u in header.units}
        missions: set[str] = set()
        units: set[str] = set()
        for key, bucket in (("misi", missions), ("unit_kerja", units)):
            raw = self.document.get(key)
            if isinstance(raw, YList):
                for item in raw:
                    if isinstance(item, YMap) and isinstance(item.get("kode"), str | Decimal):
                        bucket.add(str(item["kode"]))
        return missions, units

    def _unique(self, entries: Sequence[Mission | Unit], key: str, what: str) -> None:
        first: dict[str, int] = {}
        for i, entry in enumerate(entries):
            if entry.code in first:
                line = locate(self.document, (key, first[entry.code], "kode"))[0]
                self.error(
                    locate(self.document, (key, i, "kode")),
                    DUPLICATE_KODE,
                    f"the {what} kode `{entry.code}` is used twice: first on line {line}",
                )
            else:
                first[entry.code] = i

    def _unknown(self, pos: Pos, what: str, kode: str, known: set[str]) -> None:
        hint = did_you_mean(kode, known)
        if hint is None and known and len(known) <= 12:
            hint = "use one of " + ", ".join(f"`{k}`" for k in sorted(known))
        elif hint is None:
            hint = f"declare it under `{'misi' if what == 'misi' else 'unit_kerja'}`"
        self.error(pos, UNKNOWN_REFERENCE, f"`{kode}` is not a {what} of this file", hint)
