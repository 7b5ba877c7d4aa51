"""Test-wide set-up: Qt runs offscreen unless a pass asks for a real platform (xcb)."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# one BLAS thread, as the app runs (gui/app.py): on a busy 2-core machine OpenBLAS's
# spinning threads made a 784-100×6-10 iteration ~40× slower
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
