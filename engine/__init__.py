"""Zerokara Lab's engine: the mathematics of 「ゼロから作るDeep Learning」 in pure NumPy.

Nothing in this package imports Qt, pyqtgraph or the ``gui`` package; every long
computation is a generator that yields plain records, so it can be tested alone and
driven by any thread.
"""

__all__ = [
    "functions",
    "gradient",
    "optimizers",
    "network",
    "layers",
]
