"""The top of the file compared: its own fields (one table says how each is read and where
it is reported), the parent organisation's misi, the misi and the unit kerja by kode."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from pohon_cli.diff.change import Change, Item, Kind, Shown, same, shown
from pohon_cli.diff.comparison import Comparison, yaml_keys
from pohon_cli.model import Header, Mission, Tree, Unit

Reader = Callable[[Header], Shown]


def _period(header: Header) -> str | None:
    period = header.period
    return None if period is None else f"{period.start}-{period.end}"


def _of_parent(attr: str) -> Reader:
    """A field of the parent organisation (``induk``), None when the file has none."""

    def read(header: Header) -> Shown:
        parent = header.parent_organisation
        return None if parent is None else getattr(parent, attr)

    return read


# The file's own fields, by dotted YAML key, in the order reports list their changes, each
# with how to read it. None marks a list compared entry by entry (see compare_header);
# it is here for the place of its changes. A field of the format missing from this table
# is still compared, whole and after these (see _UNLISTED).
FIELDS: tuple[tuple[str, Reader | None], ...] = (
    ("versi", lambda h: h.version),
    ("tahun", lambda h: h.year),
    ("periode", _period),
    ("instansi.nama", lambda h: h.institution.name),
    ("instansi.singkatan", lambda h: h.institution.short_name),
    ("visi", lambda h: h.vision),
    ("induk.nama", _of_parent("name")),
    ("induk.singkatan", _of_parent("short_name")),
    ("induk.visi", _of_parent("vision")),
    ("induk.berkas", _of_parent("file")),
    ("induk.misi", None),
    ("jenjang", lambda h: h.levels),
    ("misi", None),
    ("unit_kerja", None),
)
FIELD_RANK = {key: i for i, (key, _) in enumerate(FIELDS)}
_LISTED = frozenset(key.split(".")[0] for key, _ in FIELDS)
# YAML key -> attribute of the header's fields the table does not name (e.g. skala).
_UNLISTED = tuple((k, attr) for k, attr in yaml_keys(Header).items() if k not in _LISTED)


def compare_header(comparison: Comparison) -> None:
    """Every change at the top of the file (their order is compared in ``order``)."""
    old, new = comparison.old.header, comparison.new.header
    for key, read in FIELDS:
        if read is not None:
            _field(comparison, key, read(old), read(new))
    for key, attr in _UNLISTED:
        _field(comparison, key, shown(getattr(old, attr)), shown(getattr(new, attr)))
    before = {m.code: m.description for m in parent_missions(old)}
    after = {m.code: m.description for m in parent_missions(new)}
    for kode in {**before, **after}:
        a, b = before.get(kode), after.get(kode)
        if a != b:
            at: tuple[str, ...] = ("induk", "misi", kode, "uraian")
            file_change(
                comparison, "changed", "file", kode, field="induk.misi", old=a, new=b, at=at
            )
    _entries(
        comparison,
        "misi",
        {m.code: m.description for m in old.missions},
        {m.code: m.description for m in new.missions},
    )
    _units(comparison, {u.code: u for u in old.units}, {u.code: u for u in new.units})


def _field(comparison: Comparison, key: str, old: Shown, new: Shown) -> None:
    if not same(old, new):
        file_change(
            comparison, "changed", "file", None, field=key, old=old, new=new, at=key.split(".")
        )


def _units(comparison: Comparison, before: Mapping[str, Unit], after: Mapping[str, Unit]) -> None:
    """Unit kerja by kode: added, removed, renamed, under another atasan, other tugas."""
    _entries(
        comparison,
        "unit",
        {k: u.name for k, u in before.items()},
        {k: u.name for k, u in after.items()},
    )
    for kode, unit in after.items():
        was = before.get(kode)
        if was is None:
            continue
        if was.parent != unit.parent:
            at = ("unit_kerja", kode, "atasan")
            a, b = _tuple(was.parent), _tuple(unit.parent)
            file_change(comparison, "moved", "unit", kode, field="atasan", old=a, new=b, at=at)
        if sorted(was.duties) != sorted(unit.duties):
            at = ("unit_kerja", kode, "tugas")
            a, b = was.duties, unit.duties
            file_change(comparison, "changed", "unit", kode, field="tugas", old=a, new=b, at=at)


def _entries(
    comparison: Comparison, item: Item, before: Mapping[str, str], after: Mapping[str, str]
) -> None:
    """Misi or unit kerja by kode: added, removed, renamed (``uraian`` or ``nama``)."""
    key, text = ("misi", "uraian") if item == "misi" else ("unit_kerja", "nama")
    for kode, now in after.items():
        if kode not in before:
            file_change(comparison, "added", item, kode, new=now, at=(key, kode))
        elif before[kode] != now:
            at = (key, kode, text)
            file_change(
                comparison, "renamed", item, kode, field=text, old=before[kode], new=now, at=at
            )
    for kode, was in before.items():
        if kode not in after:
            file_change(comparison, "removed", item, kode, old=was, at=(key, kode))


def file_change(
    comparison: Comparison,
    kind: Kind,
    item: Item,
    kode: str | None,
    *,
    field: str | None = None,
    old: Shown = None,
    new: Shown = None,
    at: Sequence[str],
) -> None:
    """A change at the top of the file; ``at`` is its YAML path, where a kode after
    ``misi`` or ``unit_kerja`` stands for the index of its entry."""
    comparison.changes.append(
        Change(
            kind,
            item,
            kode,
            field,
            old,
            new,
            old_line=None if old is None else _line(comparison.old, at),
            new_line=None if new is None else _line(comparison.new, at),
        )
    )


def _line(tree: Tree, at: Sequence[str]) -> int | None:
    """The line of a YAML path at the top of the file; None without such an entry."""
    if tree.source is None:
        return None
    steps: list[str | int] = []
    entries: Sequence[Mission | Unit] | None = None
    for step in at:
        if entries is not None:
            index = next((i for i, e in enumerate(entries) if e.code == step), None)
            if index is None:
                return None
            steps.append(index)
            entries = None
            continue
        steps.append(step)
        if step == "misi":
            entries = parent_missions(tree.header) if at[0] == "induk" else tree.header.missions
        elif step == "unit_kerja":
            entries = tree.header.units
    return tree.source.top(*steps)[0]


def parent_missions(header: Header) -> tuple[Mission, ...]:
    """The misi of the parent organisation (``induk.misi``), none when it has none."""
    return header.parent_organisation.missions if header.parent_organisation else ()


def _tuple(kode: str | None) -> tuple[str, ...]:
    return () if kode is None else (kode,)
