"""Where each node of a computational graph goes (no Qt): columns from the inputs to the
output, rows so that a chain of operations stays on one line, as in the book's figures."""

from __future__ import annotations

from engine.compgraph import Graph

__all__ = ["graph_layout"]


def graph_layout(graph: Graph) -> dict[int, tuple[float, float]]:
    """Node index → (column, row) in grid units.

    An operation's column is one more than its latest operation input (1 if it has
    only leaves); a leaf sits one column left of its first consumer. Leaves get rows in
    the order a walk from the output meets them; an operation takes the mean row of its
    operation inputs (so chains stay straight), else of its leaves; a leaf joining a chain
    sits one row below it (above it if it is the first operand).
    """
    nodes = graph.nodes
    col: dict[int, float] = {}
    for node in nodes:
        if not node.is_leaf:
            col[node.index] = max(
                [col[i] + 1 for i in node.inputs if not nodes[i].is_leaf] or [1.0]
            )
    for node in nodes:
        if node.is_leaf:
            users = [col[n.index] for n in nodes if not n.is_leaf and node.index in n.inputs]
            col[node.index] = (min(users) if users else 1.0) - 1
    row: dict[int, float] = {}
    next_row = [0.0]

    def place(index: int) -> float:
        if index in row:
            return row[index]
        node = nodes[index]
        if node.is_leaf:
            row[index] = next_row[0]
            next_row[0] += 1
            return row[index]
        rows = [place(i) for i in node.inputs]
        ops = [r for r, i in zip(rows, node.inputs, strict=True) if not nodes[i].is_leaf]
        chosen = ops or rows
        row[index] = sum(chosen) / len(chosen)
        return row[index]

    if graph.output is not None:
        place(graph.output)
    for node in nodes:  # anything not reached from the output
        place(node.index)
    # a leaf feeding an operation that continues a chain (the tax of the shopping graphs,
    # the +1 of the sigmoid, B of Affine) sits just below (or above, first slot) the chain
    for node in nodes:
        if node.is_leaf:
            continue
        chain = [row[i] for i in node.inputs if not nodes[i].is_leaf]
        if not chain:
            continue
        for slot, i in enumerate(node.inputs):
            leaf = nodes[i]
            users = [n for n in nodes if not n.is_leaf and i in n.inputs]
            if leaf.is_leaf and users and users[0].index == node.index:
                row[i] = (min(chain) - 1) if slot == 0 else (max(chain) + 1)
    top = min(row.values(), default=0.0)
    return {i: (col[i], row[i] - top) for i in range(len(nodes))}
