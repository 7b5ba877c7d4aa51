"""What a Python file imports, read from its syntax tree (nothing is imported)."""

from __future__ import annotations

import ast
from pathlib import Path


def imported_modules(file: Path) -> list[tuple[int, str]]:
    """``(line, module)`` for every ``import m`` and ``from m import …`` in ``file``."""
    found = []
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.lineno, node.module))
    return found
