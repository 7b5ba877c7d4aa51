"""Why a typed function of x and y is refused: ``engine.surfaces.ExpressionError`` turned
into a ``SettingError`` whose reason (with the column and the offending name) the GUI
translates like every other refusal. Qt-free.
"""

from __future__ import annotations

from engine.surfaces import ExpressionError, parse_expression
from gui.models.settings import QT_TRANSLATE_NOOP, SettingError

__all__ = ["check_expression", "EXPRESSION_REASONS"]

#: Why a typed expression is refused, by ``ExpressionError.reason`` (%1: the column, %2:
#: the offending name or operator); translated in context "Settings" like every reason.
EXPRESSION_REASONS = {
    "empty": QT_TRANSLATE_NOOP("Settings", "Type a function of x and y, for example x**2 + y**2."),
    "too_long": QT_TRANSLATE_NOOP(
        "Settings", "The expression is too long (at most %2 characters)."
    ),
    "syntax": QT_TRANSLATE_NOOP(
        "Settings", "Syntax error at column %1: check the brackets and operators."
    ),
    "name": QT_TRANSLATE_NOOP(
        "Settings", "Unknown name “%2” at column %1: use x, y (or x0, x1), pi and e."
    ),
    "call": QT_TRANSLATE_NOOP(
        "Settings",
        "“%2” at column %1 is not an allowed function: use sin, cos, tan, exp, log, "
        "sqrt, abs or tanh.",
    ),
    "not_value": QT_TRANSLATE_NOOP(
        "Settings", "“%2” at column %1 is a function: write it with brackets, e.g. %2(x)."
    ),
    "arguments": QT_TRANSLATE_NOOP("Settings", "%2() at column %1 takes exactly one argument."),
    "attribute": QT_TRANSLATE_NOOP(
        "Settings", "Attribute access (“.%2”) at column %1 is not allowed."
    ),
    "operator": QT_TRANSLATE_NOOP(
        "Settings",
        "The operator “%2” at column %1 is not allowed: use + - * / and ** for powers.",
    ),
    "constant": QT_TRANSLATE_NOOP("Settings", "Only numbers can be constants (column %1)."),
    "construct": QT_TRANSLATE_NOOP("Settings", "“%2” at column %1 is not allowed in a formula."),
    "too_deep": QT_TRANSLATE_NOOP("Settings", "The expression is nested too deeply (column %1)."),
    "overflow": QT_TRANSLATE_NOOP(
        "Settings", "A constant part at column %1 is too large for float64."
    ),
    "undefined": QT_TRANSLATE_NOOP(
        "Settings",
        "A constant part at column %1 is undefined (e.g. the log of a negative number).",
    ),
}
_OTHER_EXPRESSION = QT_TRANSLATE_NOOP("Settings", "This expression cannot be used (column %1).")


def check_expression(text: str) -> None:
    """Refuse what ``parse_expression`` refuses, with a reason the GUI translates."""
    try:
        parse_expression(text)
    except ExpressionError as exc:
        reason = EXPRESSION_REASONS.get(exc.reason, _OTHER_EXPRESSION)
        raise SettingError(None, reason, exc.column, exc.detail) from None
