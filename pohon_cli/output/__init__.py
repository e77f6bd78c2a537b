"""Turning results into text for people and machines; the only place (with cli) that
writes them. Every format is a writer of one shape, ``write(result, out, screen)``
(``writer.py``), registered by name in its view's ``FORMATS``; ``terminal.py`` alone
decides colour, width and plain text. ``problems/`` (validate), ``views/`` (show,
indicators, units, stats, rules), ``sheets/`` (export), ``diff.py``, ``report.py``,
``pages.py`` (render's files); ``tables.py`` and ``files.py`` serve them all."""
