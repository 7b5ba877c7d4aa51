"""Zerokara Lab's desktop front end (PySide6 + pyqtgraph) over the pure-NumPy ``engine``."""
