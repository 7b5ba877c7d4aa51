"""Message formatting and the one error colour, with no Qt (models use them too).

``tr_fmt(text, *args)`` fills ``%1``, ``%2`` … of an (already translated) message in one
pass, so an argument that itself contains ``%2`` (a file name can) is never touched again,
unlike chained ``.replace("%1", a).replace("%2", b)``. Use it for every message in gui/::

    tr_fmt(self.tr("Could not open %1: %2"), path.name, reason)
"""

from __future__ import annotations

import re

__all__ = ["tr_fmt", "ERROR_COLOR", "error_style"]

#: The colour of every refusal and error text in the app (borders, labels, table cells).
ERROR_COLOR = "#c62828"

_PLACEHOLDER = re.compile(r"%(\d{1,2})")


def tr_fmt(text: str, *args: object) -> str:
    """``text`` with ``%1`` … ``%n`` replaced by ``str(args[0])`` … in a single pass.

    Placeholders without an argument (``%7`` with two arguments) and a literal ``%`` stay
    as they are.
    """

    def fill(match: re.Match[str]) -> str:
        n = int(match.group(1))
        return str(args[n - 1]) if 1 <= n <= len(args) else match.group(0)

    return _PLACEHOLDER.sub(fill, text)


def error_style(widget_class: str = "QLineEdit") -> str:
    """The style sheet that marks a widget of ``widget_class`` as holding a refused edit."""
    return f"{widget_class} {{ border: 1px solid {ERROR_COLOR}; }}"
