"""``pohon render``'s pages as files: where each page goes (named after its kode, never
onto the input file), and writing them all or none, so a failure leaves no new file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from pohon_cli.i18n import _
from pohon_cli.output.files import refuse_input, safe_name, write_all_atomic
from pohon_cli.problem import InputError

if TYPE_CHECKING:
    from pohon_cli.render import Page

# -o's name for stdout
STDOUT = "-"


def page_targets(output: str, pages: Sequence[Page], fmt: str, source: Path) -> list[Path | None]:
    """Where each page goes (None: stdout); never onto the input file."""
    if output == STDOUT:
        return [None]
    if len(pages) == 1 and pages[0].key is None:
        if Path(output).is_dir():
            raise InputError(
                _(
                    "{path}: is a folder; name the file to write, or use --split misi",
                    path=output,
                )
            )
        targets = [Path(output)]
    else:
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise InputError(
                _(
                    "{path}: exists and is not a folder (--split writes one file per page)",
                    path=output,
                )
            )
        names: set[str] = set()
        targets = []
        for page in pages:
            stem = safe_name(page.key or "pohon")
            name, n = stem, 1
            while name.casefold() in names:  # two kodes that make the same file name
                n += 1
                name = f"{stem}-{n}"
            names.add(name.casefold())
            targets.append(folder / f"{name}.{fmt}")
    for target in targets:
        refuse_input(target, source)
    return list(targets)


def write_pages(
    targets: Sequence[Path | None], drawn: Sequence[bytes], stdout: BinaryIO
) -> list[Path]:
    """Every page drawn before the first is written, and written all or none; the files
    written, in order (none when the one page went to ``stdout``)."""
    if list(targets) == [None]:
        stdout.write(drawn[0])
        stdout.flush()
        return []
    files = [(t, data) for t, data in zip(targets, drawn, strict=True) if t is not None]
    for target, __ in files:
        above = next((p for p in target.parents if p.exists()), None)
        if above is not None and not above.is_dir():
            raise InputError(
                _(
                    "{path}: cannot write: {above} is a file, not a folder",
                    path=target,
                    above=above,
                )
            )
    try:
        for target, __ in files:
            target.parent.mkdir(parents=True, exist_ok=True)
        write_all_atomic(files)
    except OSError as error:
        where = error.filename or files[0][0]
        reason = error.strerror or error
        raise InputError(_("{path}: cannot write: {reason}", path=where, reason=reason)) from None
    return [target for target, __ in files]
