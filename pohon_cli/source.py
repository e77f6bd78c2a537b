"""Where every value of a loaded file stands, so that every message can point at it.

The loader builds plain dicts and lists that also remember the line and column of each
key and value. Nothing here reads files or knows the format.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# (line, column) of a key and of its value, 1-based.
Pos = tuple[int, int]


BITS = 24
_BITS = BITS
_MASK = (1 << _BITS) - 1


def pack(pos: Pos) -> int:
    """A position as one int: millions of them cost far less than tuples."""
    return (pos[0] << _BITS) | pos[1]


def unpack(packed: int) -> Pos:
    return packed >> _BITS, packed & _MASK


class YMap(dict[str, Any]):
    """A YAML mapping that remembers where it starts and where each key and value stands.

    The places are packed ints in one array, two per key in the order of the keys (the
    key's, then its value's): no Python object per place."""

    __slots__ = ("_at", "_index", "place")

    def __init__(self, place: int) -> None:
        """``place``: where it starts, packed (``pack``)."""
        super().__init__()
        self.place = place
        self._at = array("Q")
        # key -> its number in order, made when first asked of a large mapping
        self._index: dict[str, int] | None = None

    @property
    def pos(self) -> Pos:
        return unpack(self.place)

    def put(self, key: str, key_pos: int, value: Any, value_pos: int) -> None:
        """A key not yet in the mapping, with its value and their packed places."""
        self[key] = value
        self._at.append(key_pos)
        self._at.append(value_pos)

    def drop(self, key: str) -> None:
        """Remove a key with its value and places."""
        i = self._number(key)
        del self[key]
        del self._at[2 * i : 2 * i + 2]
        self._index = None

    def _number(self, key: str) -> int:
        if len(self) <= _SCAN:
            for i, name in enumerate(self):
                if name == key:
                    return i
            raise KeyError(key)
        index = self._index
        if index is None or len(index) != len(self):
            index = self._index = {name: i for i, name in enumerate(self)}
        return index[key]

    def packed_key_pos(self, key: str) -> int:
        return self._at[2 * self._number(key)]

    def packed_value_pos(self, key: str) -> int:
        return self._at[2 * self._number(key) + 1]

    def key_pos(self, key: str) -> Pos:
        return unpack(self.packed_key_pos(key))

    def value_pos(self, key: str) -> Pos:
        return unpack(self.packed_value_pos(key))


# A mapping this small is searched for a key's number rather than indexed.
_SCAN = 16


class YList(list[Any]):
    """A YAML sequence that remembers where it starts and where each item stands (packed
    ints in an array, one per item)."""

    __slots__ = ("at", "place")

    def __init__(self, place: int) -> None:
        """``place``: where it starts, packed (``pack``)."""
        super().__init__()
        self.place = place
        self.at = array("Q")

    @property
    def pos(self) -> Pos:
        return unpack(self.place)

    def put(self, value: Any, value_pos: int) -> None:
        self.append(value)
        self.at.append(value_pos)

    def item_pos(self, index: int) -> Pos:
        return unpack(self.at[index])


def locate(root: Any, path: Sequence[str | int], *, key: bool = False) -> Pos:
    """The position of the value at ``path`` under ``root``, or of the deepest part that exists.

    With ``key=True`` the position of the last key rather than of its value (for unknown keys).
    Year keys may be given as ints: they are matched against the text written in the file.
    """
    here: Any = root
    pos: Pos = getattr(root, "pos", (1, 1))
    last = len(path) - 1
    for i, step in enumerate(path):
        if isinstance(here, YMap):
            name = _find_key(here, step)
            if name is None:
                return pos
            pos = here.key_pos(name) if key and i == last else here.value_pos(name)
            here = here[name]
        elif isinstance(here, YList) and isinstance(step, int) and 0 <= step < len(here):
            pos = here.item_pos(step)
            here = here[step]
        else:
            return pos
    return pos


def _find_key(mapping: YMap, step: str | int) -> str | None:
    text = str(step)
    if text in mapping:
        return text
    if isinstance(step, int):
        # a year written as 02024 or "2024": match on the number it means
        for name in mapping:
            if name.isdigit() and int(name) == step:
                return name
    return None


@dataclass(frozen=True, slots=True)
class Source:
    """One loaded file: its path, its text, and where everything in it stands."""

    path: str
    text: str
    document: YMap
    # node and indicator kode -> the mapping that defines it (they share one namespace)
    items: dict[str, YMap]

    def at(self, kode: str, *path: str | int, key: bool = False) -> Pos:
        """Position of a field of the node or indicator ``kode`` (its start when path is empty)."""
        item = self.items.get(kode)
        if item is None:
            return self.document.pos
        return locate(item, path, key=key) if path else item.pos

    def top(self, *path: str | int, key: bool = False) -> Pos:
        """Position of a top-level field, e.g. ``top("misi", 2, "kode")``."""
        return locate(self.document, path, key=key)
