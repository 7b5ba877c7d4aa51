"""Settings of the Network tab's image pages (book §3.6), declared once (no Qt).

The accuracy page's batch size (§3.6.3) is an :class:`IntSetting` like every other
setting of the app; :class:`ImagePagesModel` holds it until the Network tab has a model
of its own on the tab pattern, whose ``SETTINGS`` can then take this declaration as is.
"""

from __future__ import annotations

from gui.models.base import TabModel
from gui.models.settings import QT_TRANSLATE_NOOP, IntSetting

__all__ = ["ImagePagesModel", "ACCURACY_BATCH"]

#: §3.6.3's ``batch_size``: images per call of ``predict`` when measuring accuracy.
ACCURACY_BATCH = IntSetting(
    key="accuracy_batch",
    default=100,
    minimum=1,
    maximum=10000,
    step=10,
    label=QT_TRANSLATE_NOOP("AccuracyPanel", "Batch size"),
    help=QT_TRANSLATE_NOOP(
        "AccuracyPanel",
        "Images per call of predict (§3.6.3); the accuracy does not depend on it.",
    ),
    context="AccuracyPanel",
    object_name="accuracyBatchField",
)


class ImagePagesModel(TabModel):
    """The image pages' settings (the accuracy batch size)."""

    key = "network"
    SETTINGS = (ACCURACY_BATCH,)
