"""Reading one side of a diff: a file, or ``REV:PATH`` (a file as it was at a git revision).

The edge where pohon runs git: always as a subprocess with an argument list, never
through a shell, and with ``--end-of-options`` so that a revision cannot pass for an
option. Every failure is an InputError (exit 2) that says what to fix.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pohon_cli.i18n import _
from pohon_cli.load.read import MAX_BYTES, read_bytes
from pohon_cli.problem import InputError
from pohon_cli.suggest import did_you_mean

# Local git answers in milliseconds; a hung git (a lock, a network filesystem) must not
# hang pohon.
GIT_TIMEOUT = 60.0
_DOTS = frozenset((".", ".."))


@dataclass(frozen=True, slots=True)
class Revision:
    """``REV:PATH``: ``rev`` is empty for the index (``:PATH``), as in ``git show``."""

    rev: str
    path: str

    def __str__(self) -> str:
        return f"{self.rev}:{self.path}"


def parse(spec: str, cwd: Path | None = None) -> Path | Revision:
    """A file path (relative to ``cwd``), or a revision and a path.

    An existing file is always a path (a file may have a colon in its name); otherwise
    text with a colon is ``REV:PATH``, except a Windows drive letter (``C:\\...``).
    """
    path = Path(spec)
    if cwd is not None and not path.is_absolute():
        path = cwd / path
    if ":" not in spec or path.is_file():
        return path
    rev, _colon, inside = spec.partition(":")
    if len(rev) == 1 and rev.isalpha() and inside[:1] in ("\\", "/"):
        return path
    if not inside:
        raise InputError(
            _("`{spec}`: name the file after the colon, e.g. {rev}:pohon.yaml", spec=spec, rev=rev)
        )
    if rev.startswith("-"):
        raise InputError(_("`{spec}`: a revision cannot start with `-`", spec=spec))
    if rev and inside.startswith("/"):
        raise InputError(
            _(
                "`{spec}`: the path after the colon is from the top of the repository "
                "(e.g. {rev}:data/pohon.yaml), not an absolute path",
                spec=spec,
                rev=rev,
            )
        )
    if not inside.startswith(("./", "../")) and _DOTS.intersection(inside.split("/")):
        # git reads `data/../x` literally and finds nothing: mean what is written
        inside = posixpath.normpath(inside)
        if inside == ".." or inside.startswith("../"):
            raise InputError(_("`{spec}`: the path leads outside the repository", spec=spec))
    return Revision(rev, inside)


def read(spec: str, cwd: Path | None = None) -> bytes:
    """The bytes of a file, or of ``REV:PATH`` as git has them (git runs in ``cwd``)."""
    where = parse(spec, cwd)
    if isinstance(where, Path):
        return read_bytes(where)
    return show(where, cwd)


def kind(where: Revision, cwd: Path | None = None) -> str:
    """What ``REV:PATH`` is in git (``blob`` a file, ``tree`` a folder), after checks that
    turn git's failures into clear messages."""
    inside = _git(["rev-parse", "--git-dir"], cwd)
    if inside.returncode != 0:
        said = inside.stderr.decode(errors="replace").strip().splitlines()
        if said and "not a git repository" not in said[0]:
            raise InputError(
                _(
                    "{where}: git cannot read this repository: {said}",
                    where=where,
                    said=said[0],
                )
            )
        raise InputError(
            _(
                "{where}: not inside a git repository (REV:PATH reads a file from git)",
                where=where,
            )
        )
    if where.rev:
        tree = f"{where.rev}^{{tree}}"
        found = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", tree], cwd)
        if found.returncode != 0:
            hint = did_you_mean(where.rev, _refs(cwd))
            raise InputError(
                _(
                    "{where}: `{rev}` is not a revision of this repository; {hint}",
                    where=where,
                    rev=where.rev,
                    hint=hint,
                )
                if hint
                else _(
                    "{where}: `{rev}` is not a revision of this repository "
                    "(a tag, a branch or a commit)",
                    where=where,
                    rev=where.rev,
                )
            )
    typed = _git(["cat-file", "-t", "--end-of-options", str(where)], cwd)
    what = typed.stdout.decode(errors="replace").strip()
    if typed.returncode != 0:
        if b"outside repository" in typed.stderr:
            raise InputError(
                _(
                    "{where}: `{path}` leads outside the repository",
                    where=where,
                    path=where.path,
                )
            )
        if where.rev:
            raise InputError(
                _(
                    "{where}: no file `{path}` at `{rev}` "
                    "(the path is from the top of the repository, or starts with ./)",
                    where=where,
                    path=where.path,
                    rev=where.rev,
                )
            )
        raise InputError(
            _(
                "{where}: no file `{path}` at the index "
                "(the path is from the top of the repository, or starts with ./)",
                where=where,
                path=where.path,
            )
        )
    return what


def show(where: Revision, cwd: Path | None = None) -> bytes:
    """``git show REV:PATH``, after checks that turn git's failures into clear messages."""
    what = kind(where, cwd)
    if what == "tree":
        raise InputError(
            _(
                "{where}: `{path}` is a folder at that revision, not a file",
                where=where,
                path=where.path,
            )
        )
    if what != "blob":
        raise InputError(
            _(
                "{where}: `{path}` is a {kind} at that revision, not a file",
                where=where,
                path=where.path,
                kind=what,
            )
        )
    size = _git(["cat-file", "-s", "--end-of-options", str(where)], cwd)
    if size.returncode == 0 and int(size.stdout.strip() or 0) > MAX_BYTES:
        raise InputError(
            _(
                "{where}: the file is larger than {size} MB; pohon reads files up to that size",
                where=where,
                size=MAX_BYTES // (1024 * 1024),
            )
        )
    shown = _git(["show", "--no-textconv", "--end-of-options", str(where)], cwd)
    if shown.returncode != 0:
        message = shown.stderr.decode(errors="replace").strip().splitlines()
        raise InputError(
            _("{where}: git show failed: {said}", where=where, said=message[-1])
            if message
            else _("{where}: git show failed: no message", where=where)
        )
    return shown.stdout


def files_in(where: Revision, cwd: Path | None = None) -> list[str]:
    """The *.yaml / *.yml files under the folder ``REV:PATH``, as paths relative to it
    (none under a folder whose name starts with a dot), as ``validate`` finds them on disk."""
    if not where.rev:
        raise InputError(
            _(
                "{where}: a folder is read at a revision (e.g. HEAD:{path}); "
                "the index holds files, not folders",
                where=where,
                path=where.path,
            )
        )
    what = kind(where, cwd)
    if what != "tree":
        raise InputError(
            _(
                "{where}: `{path}` is a {kind} at that revision, not a folder",
                where=where,
                path=where.path,
                kind=what,
            )
        )
    listed = _git(["ls-tree", "-r", "-z", "--name-only", "--end-of-options", str(where)], cwd)
    if listed.returncode != 0:
        message = listed.stderr.decode(errors="replace").strip().splitlines()
        raise InputError(
            _(
                "{where}: git ls-tree failed: {said}",
                where=where,
                said=message[-1] if message else "?",
            )
        )
    names = listed.stdout.decode(errors="surrogateescape").split("\0")
    return sorted(
        name
        for name in names
        if name.endswith((".yaml", ".yml"))
        and not any(part.startswith(".") for part in name.split("/"))
    )


def _refs(cwd: Path | None) -> list[str]:
    listed = _git(["for-each-ref", "--format=%(refname:short)"], cwd)
    if listed.returncode != 0:
        return []
    return listed.stdout.decode(errors="replace").split()


def _git(args: list[str], cwd: Path | None) -> subprocess.CompletedProcess[bytes]:
    # No pager, no prompt for credentials, no translated messages.
    env = {**os.environ, "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise InputError(
            _("REV:PATH needs git, and git is not installed (or not on PATH)")
        ) from None
    except subprocess.TimeoutExpired:
        raise InputError(
            _("git did not answer within {seconds} seconds", seconds=format(GIT_TIMEOUT, ".0f"))
        ) from None
    except OSError as error:
        raise InputError(_("cannot run git: {reason}", reason=error.strerror or error)) from None
