"""The Network canvas's edges: the cheap bounding rectangle holds the whole stroke."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QPen

from gui.tabs.network_items import EdgeItem


@pytest.mark.parametrize("width", [0.8, 3.0, 6.0, 8.3, 20.0])
def test_the_bounding_rect_contains_the_stroked_shape(qapp, width):
    for degrees in range(0, 360, 5):
        a = math.radians(degrees)
        edge = EdgeItem(
            "W", 0, (0, 0), QPointF(10, 20), QPointF(10 + 90 * math.cos(a), 20 + 90 * math.sin(a))
        )
        edge.setPen(QPen(edge.pen().color(), width))
        shape = edge.shape().boundingRect()
        bound = edge.boundingRect()
        assert bound.contains(shape), (degrees, width)
        # and not much larger: at most the stroke's width on each side
        assert bound.width() <= shape.width() + 2 * max(7.0, width + 2)
