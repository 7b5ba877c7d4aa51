"""Regenerate the README's screenshots with every tab *doing* something.

    python tools/screenshots.py             # docs/screenshots/*.png and docs/screenshots/ja/*.png
    python tools/screenshots.py --training  # only the Training tab's two

Each tab is put in a state a learner reaches in a minute — XOR on the Gates tab with its
two-layer solution, the book's §3.4.3 network, the ch. 6 optimizer race, spirals learned
with Adam, the im2col explorer and SimpleConvNet after 3 epochs — by the tabs' own controls
and runs (workers included), then the window is grabbed at 1280×800. Runs offscreen with
throw-away settings.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp()
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton  # noqa: E402


def spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_idle(tab, limit_s: float = 60) -> None:
    deadline = time.monotonic() + limit_s
    while any(c.is_active() for c in tab._controllers) and time.monotonic() < deadline:
        spin(50)
    spin(300)


def click(tab, *texts: str) -> None:
    for button in tab.findChildren(QPushButton):
        if button.text().replace("&", "") in texts:
            button.click()
            return
    raise LookupError(texts)


def shoot(window, lang: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    window.set_language(lang)
    spin(300)

    window.show_tab("gates")
    combo = window.findChild(QComboBox, "gatePresetCombo")
    index = combo.findData("xor") if combo.findData("xor") >= 0 else combo.findText("XOR")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    spin(300)
    window.grab().save(str(out / "gates.png"))

    network = window.show_tab("network")
    from engine.weights import book_network

    network.show_network(book_network(), "book §3.4.3")
    spin(300)
    window.grab().save(str(out / "network.png"))

    descent = window.show_tab("descent")
    click(descent, "Ch. 6 race", "6 章の競走")
    descent.model.set("speed", 0)  # as fast as possible
    descent.run()
    wait_idle(descent)
    window.grab().save(str(out / "descent.png"))

    shoot_training(window, out)

    cnn = window.show_tab("cnn")
    cnn.pages.setCurrentIndex(0)
    cnn.explorer.select_output(0, 0, 1, 2)
    spin(300)
    window.grab().save(str(out / "cnn.png"))
    cnn.pages.setCurrentIndex(2)
    cnn.set_state({**cnn.state(), "tr_epochs": 3, "tr_image": 3})
    cnn.train_page.run_button.click()
    wait_idle(cnn, 240)
    window.grab().save(str(out / "cnn_training.png"))
    shoot_backprop(window, out)
    for key in ("gates", "network", "descent", "training", "cnn"):
        window.tab(key).shutdown()


def shoot_training(window, out: Path) -> None:
    """Spirals learned with Adam by a net with Batch Normalization after both hidden
    layers, its live layer histograms below the plots (ch. 6 in the Training tab)."""
    training = window.show_tab("training")
    training.set_state(
        {
            "dataset": "spirals",
            "hidden": [30, 30],
            "optimizer": "Adam",
            "lr": 0.01,
            "length": 3000,
            "unit": "iterations",
            "batchnorm_layers": [1, 2],
            "layer_histograms": True,
        }
    )
    training.ui.run_button.click()
    wait_idle(training, 120)
    window.grab().save(str(out / "training.png"))


def shoot_backprop(window, out: Path) -> None:
    """Apples and oranges (Fig. 5-17) half-way back: 715 computed, the derivatives
    arriving node by node."""
    backprop = window.show_tab("backprop")
    backprop.model.set("preset", "apples_oranges")
    backprop.model.reset_steps()
    for _ in range(4):
        backprop.step_forward_button.click()
    for _ in range(3):
        backprop.step_backward_button.click()
    spin(300)
    window.grab().save(str(out / "backprop.png"))


def main() -> int:
    from gui.app import SCREENSHOT_SIZE, configure_application
    from gui.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    configure_application(app)
    window = MainWindow()
    window.project.confirm_unsaved = False
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    spin(300)
    for lang, folder in (
        ("en", ROOT / "docs" / "screenshots"),
        ("ja", ROOT / "docs" / "screenshots" / "ja"),
    ):
        if (
            "--training" in sys.argv
        ):  # only the Training tab's (python tools/screenshots.py --training)
            window.set_language(lang)
            spin(300)
            shoot_training(window, folder)
            window.tab("training").shutdown()
        else:
            shoot(window, lang, folder)
    window.close()
    print("docs/screenshots regenerated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
