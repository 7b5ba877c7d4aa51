"""The engine's own source, for "export as code": exported scripts run the very functions
and classes the app runs, copied out of ``engine/`` when the script is written, never
from a second copy kept in gui/ (which drifts).

``engine_code((engine.optimizers, ["Adam"]), (engine.gradient, ["numerical_gradient"]))``
is the text of those top-level definitions, verbatim, with every other top-level
definition of the same module they use (``Adam`` needs ``Optimizer``, ``EPSILON`` and
``Params``) and the module's imports they use, after ``from __future__ import
annotations``, so the text runs on its own with NumPy. A definition that needs another
engine module (``from engine… import``) is refused: the script would not be standalone.

The frozen app carries the engine's ``.py`` files for this (packaging/zerokara-lab.spec).
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterable
from types import ModuleType

__all__ = ["engine_code", "EngineSourceError"]


class EngineSourceError(RuntimeError):
    """The engine's source cannot be read or the definitions are not standalone."""


def _defined_names(node: ast.stmt) -> set[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, ast.Assign):
        return {t.id for t in node.targets if isinstance(t, ast.Name)}
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return {node.target.id}
    return set()


def _imported_names(node: ast.stmt) -> set[str]:
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return set()


def _used_names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _module_parts(module: ModuleType, names: Iterable[str]) -> tuple[list[str], list[str]]:
    """(import statements, definitions) of ``module`` that ``names`` need, in file order."""
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError) as exc:
        raise EngineSourceError(f"the source of {module.__name__} is not available") from exc
    tree = ast.parse(source)
    definitions = {}
    imports = []
    for node in tree.body:
        for name in _defined_names(node):
            definitions[name] = node
        if _imported_names(node):
            imports.append(node)
    wanted = list(names)
    missing = [n for n in wanted if n not in definitions]
    if missing:
        raise EngineSourceError(f"{module.__name__} defines no {', '.join(missing)}")
    chosen: set[int] = set()
    needed_imports: set[int] = set()
    used_all: set[str] = set()
    todo = [definitions[n] for n in wanted]
    while todo:
        node = todo.pop()
        if id(node) in chosen:
            continue
        chosen.add(id(node))
        used = _used_names(node) - _defined_names(node)
        used_all |= used
        for name in used:
            if name in definitions and id(definitions[name]) not in chosen:
                todo.append(definitions[name])
        for statement in imports:
            if _imported_names(statement) & used:
                needed_imports.add(id(statement))
    import_lines = []
    for statement in imports:
        if id(statement) not in needed_imports:
            continue
        if isinstance(statement, ast.ImportFrom) and (
            statement.module == "__future__" or (statement.module or "").startswith("engine")
        ):
            if statement.module != "__future__":
                raise EngineSourceError(
                    f"{', '.join(wanted)} of {module.__name__} need {statement.module}"
                )
            continue
        kept = [a for a in statement.names if (a.asname or a.name).split(".")[0] in used_all]
        import_lines.append(ast.unparse(type(statement)(**{**vars(statement), "names": kept})))
    lines = source.splitlines()
    bodies = []
    for node in tree.body:
        if id(node) in chosen:
            decorators = getattr(node, "decorator_list", [])
            first = min([d.lineno for d in decorators] + [node.lineno])
            bodies.append("\n".join(lines[first - 1 : node.end_lineno]))
    return import_lines, bodies


def engine_code(*parts: tuple[ModuleType, Iterable[str]]) -> str:
    """The source of the named definitions of each engine module (see the module doc)."""
    imports: list[str] = []
    bodies: list[str] = []
    for module, names in parts:
        module_imports, module_bodies = _module_parts(module, names)
        imports += [line for line in module_imports if line not in imports]
        bodies += module_bodies
    head = "\n".join(["from __future__ import annotations", "", *imports])
    origin = ", ".join(module.__name__ for module, _ in parts)
    note = f"# --- from Zerokara Lab's engine ({origin}), copied when this script was written"
    return head + "\n\n" + note + "\n\n\n" + "\n\n\n".join(bodies) + "\n"
