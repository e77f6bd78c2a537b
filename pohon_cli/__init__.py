"""pohon: keep a pohon kinerja (SAKIP performance tree) as YAML, and check, print, diff, draw it."""

__version__ = "0.1.0"
