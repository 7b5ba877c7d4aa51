"""Zerokara Lab's desktop front end (PySide6 + pyqtgraph) over the pure-NumPy ``engine``."""

__version__ = "0.1.0"
