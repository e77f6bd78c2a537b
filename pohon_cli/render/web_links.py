"""The offices of a folder on one web page (``render DIR --format html``): which office
of the page each link between their files names, so that a click on ``mendukung`` or
``kolaborasi`` leads to the other office's node."""

from __future__ import annotations

from collections.abc import Sequence

from pohon_cli.load.workspace import Workspace


def links(workspace: Workspace, given: Sequence[str]) -> list[dict[str, int]]:
    """For each file ``given`` (as given, in the page's order): every path its links
    write (``induk.berkas``, each ``kolaborasi`` berkas) that names an office of the page,
    and that office's index on the page."""
    offices = [o for o in workspace.offices.values() if o.given]
    index = {office.key: i for i, office in enumerate(offices)}
    found: list[dict[str, int]] = []
    for path in given:
        office = next(o for o in offices if o.path == path)
        tree = office.tree
        written: list[str] = []
        if tree is not None:
            parent = tree.header.parent_organisation
            if parent is not None and parent.file is not None:
                written.append(parent.file)
            written += [c.file for node in tree.nodes.values() for c in node.partners]
        named: dict[str, int] = {}
        for text in written:
            other = workspace.find(office, text)
            if other is not None and other.key in index:
                named[text] = index[other.key]
        found.append(named)
    return found
