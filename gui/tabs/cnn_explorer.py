"""The im2col explorer of the CNN tab (book §7.4.3): the padded input, its im2col matrix,
the filter matrix and the output side by side; click an output cell to light up its
receptive field, its im2col row, the filter column and their dot product; click an input
cell to see its copies in the im2col matrix, which col2im adds back in the backward pass."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from engine.conv_lab import Exploration
from gui.tabs.cnn_views import MatrixView

__all__ = ["Im2colExplorer", "arg"]


def arg(text: str, *values: object) -> str:
    """Qt-style placeholders: ``%1``, ``%2`` … replaced by ``values`` (highest first)."""
    for k in range(len(values), 0, -1):
        text = text.replace(f"%{k}", str(values[k - 1]))
    return text


class Im2colExplorer(QWidget):
    """Shows an :class:`engine.conv_lab.Exploration`; objectName ``im2colView``.

    ``select_output(n, f, i, j)`` and ``select_input(n, c, y, x)`` (padded coordinates)
    are what a click does; ``selected_output`` / ``selected_input`` hold the selection.
    """

    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("im2colView")
        self.exploration: Exploration | None = None
        self.selected_output: tuple[int, int, int, int] | None = None
        self.selected_input: tuple[int, int, int, int] | None = None
        self.input_view = MatrixView(self)
        self.input_view.setObjectName("im2colInput")
        self.col_view = MatrixView(self, max_cell=22)
        self.col_view.setObjectName("im2colMatrix")
        self.filter_view = MatrixView(self)
        self.filter_view.setObjectName("im2colFilters")
        self.output_view = MatrixView(self)
        self.output_view.setObjectName("im2colOutput")
        self.coverage_view = MatrixView(self, max_cell=22)
        self.coverage_view.setObjectName("im2colCoverage")
        self.titles = [QLabel(self) for _ in range(5)]
        self.formula = QLabel(self)
        self.formula.setObjectName("im2colFormula")
        self.formula.setTextFormat(Qt.TextFormat.RichText)
        self.detail = QLabel(self)
        self.detail.setObjectName("im2colDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.col2im_note = QLabel(self)
        self.col2im_note.setWordWrap(True)
        grid = QGridLayout()
        views = (self.input_view, self.col_view, self.filter_view, self.output_view)
        for k, view in enumerate(views):
            grid.addWidget(self.titles[k], 0, k)
            grid.addWidget(view, 1, k)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 4)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(3, 2)
        grid.setRowStretch(1, 1)
        bottom = QGridLayout()
        bottom.addWidget(self.titles[4], 0, 0)
        bottom.addWidget(self.coverage_view, 1, 0)
        bottom.addWidget(self.col2im_note, 1, 1)
        bottom.setColumnStretch(0, 1)
        bottom.setColumnStretch(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.formula)
        layout.addLayout(grid, 3)
        layout.addWidget(self.detail)
        layout.addLayout(bottom, 1)
        self.input_view.cell_clicked.connect(self._on_input_clicked)
        self.output_view.cell_clicked.connect(self._on_output_clicked)
        self.col_view.cell_clicked.connect(self._on_col_clicked)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        texts = (
            self.tr("Input (padded)"),
            self.tr("im2col matrix: one row per output cell"),
            self.tr("Filters as columns"),
            self.tr("Output"),
            self.tr("col2im: patches covering each input cell"),
        )
        for label, text in zip(self.titles, texts, strict=True):
            label.setText(f"<b>{text}</b>")
        self.col2im_note.setText(
            self.tr(
                "In the backward pass col2im puts every row of the im2col matrix back where "
                "it came from and adds up the copies: a cell covered by k patches receives k "
                "values. So col2im(im2col(x)) is x times these counts, not x — col2im is the "
                "transpose of im2col, not its inverse. With the stride equal to the filter "
                "and no padding every count is 1."
            )
        )
        self._update_texts()

    # -- content -------------------------------------------------------------------------
    def set_exploration(self, e: Exploration) -> None:
        self.exploration = e
        n, c, hp, wp = e.padded.shape
        _, _, h, w = e.x.shape
        fn, _, fh, fw = e.weights.shape
        pad = e.pad
        mask = np.zeros((hp, wp), bool)
        mask[:pad, :] = mask[hp - pad :, :] = True
        mask[:, :pad] = mask[:, wp - pad :] = True
        self.input_view.set_matrix(
            e.padded.reshape(n * c * hp, wp), np.tile(mask, (n * c, 1)), row_block=hp
        )
        self.col_view.set_matrix(e.col, row_block=e.out_h * e.out_w, col_block=fh * fw)
        self.filter_view.set_matrix(e.filter_matrix, row_block=fh * fw)
        self.output_view.set_matrix(e.out.reshape(n * fn * e.out_h, e.out_w), row_block=e.out_h)
        self.coverage_view.set_matrix(e.coverage())
        self.selected_output = None
        self.selected_input = None
        self.select_output(0, 0, 0, 0)

    def select_output(self, n: int, f: int, i: int, j: int) -> None:
        """Light up output cell (n, f, i, j): receptive field, im2col row, filter column."""
        e = self.exploration
        if e is None:
            return
        _, c, hp, _ = e.padded.shape
        fn = e.weights.shape[0]
        self.selected_output = (n, f, i, j)
        self.selected_input = None
        field = [((n * c + ch) * hp + y, x) for ch, y, x in e.receptive_field(n, i, j)]
        row = e.row_of(n, i, j)
        k = e.col.shape[1]
        self.input_view.set_marks({"field": field})
        self.col_view.set_marks({"field": [(row, q) for q in range(k)]})
        self.filter_view.set_marks({"filter": [(q, f) for q in range(k)]})
        self.output_view.set_marks({"selected": [((n * fn + f) * e.out_h + i, j)]})
        self._update_texts()
        self.selection_changed.emit()

    def select_input(self, n: int, ch: int, y: int, x: int) -> None:
        """Light up padded input cell (n, ch, y, x) and all its copies in the im2col matrix."""
        e = self.exploration
        if e is None:
            return
        _, c, hp, _ = e.padded.shape
        self.selected_input = (n, ch, y, x)
        self.selected_output = None
        self.input_view.set_marks({"selected": [((n * c + ch) * hp + y, x)]})
        self.col_view.set_marks({"copies": e.copies_of(n, ch, y, x)})
        self.filter_view.set_marks({})
        self.output_view.set_marks({})
        _, _, h, w = e.x.shape
        yy, xx = y - e.pad, x - e.pad
        self.coverage_view.set_marks(
            {"selected": [(yy, xx)]} if 0 <= yy < h and 0 <= xx < w else {}
        )
        self._update_texts()
        self.selection_changed.emit()

    def _on_output_clicked(self, row: int, col: int) -> None:
        e = self.exploration
        if e is None:
            return
        fn = e.weights.shape[0]
        n, rest = divmod(row, fn * e.out_h)
        f, i = divmod(rest, e.out_h)
        self.select_output(n, f, i, col)

    def _on_input_clicked(self, row: int, col: int) -> None:
        e = self.exploration
        if e is None:
            return
        _, c, hp, _ = e.padded.shape
        n, rest = divmod(row, c * hp)
        ch, y = divmod(rest, hp)
        self.select_input(n, ch, y, col)

    def _on_col_clicked(self, row: int, col: int) -> None:
        e = self.exploration
        if e is None:
            return
        n, i, j = e.cell_of_row(row)
        f = self.selected_output[1] if self.selected_output else 0
        self.select_output(n, f, i, j)

    # -- texts ---------------------------------------------------------------------------
    def formula_text(self) -> str:
        e = self.exploration
        if e is None:
            return ""
        _, _, h, w = e.x.shape
        _, _, fh, fw = e.weights.shape
        s, p = e.stride, e.pad
        parts = []
        for name, size, f, out in (("OH", h, fh, e.out_h), ("OW", w, fw, e.out_w)):
            exact = (size + 2 * p - f) % s == 0
            text = f"{name} = ({size} + 2·{p} − {f}) / {s} + 1 = {out}"
            if not exact:
                text += " " + self.tr("(rounded down)")
            parts.append(text)
        n, c = e.x.shape[:2]
        fn = e.weights.shape[0]
        shapes = arg(
            self.tr("input %1 → im2col %2 × filters %3 → output %4"),
            f"({n}, {c}, {h}, {w})",
            f"({e.col.shape[0]}, {e.col.shape[1]})",
            f"({e.filter_matrix.shape[0]}, {fn})",
            f"({n}, {fn}, {e.out_h}, {e.out_w})",
        )
        return "<b>" + "&nbsp;&nbsp;&nbsp;".join(parts) + "</b>&nbsp;&nbsp;&nbsp;" + shapes

    def detail_text(self) -> str:
        e = self.exploration
        if e is None:
            return ""
        if self.selected_output is not None:
            n, f, i, j = self.selected_output
            terms = e.dot_terms(n, f, i, j)
            shown = " + ".join(f"{_num(a)}·{_num(w)}" for a, w in terms[:27])
            if len(terms) > 27:
                shown += " + …"
            value = float(e.out[n, f, i, j])
            return arg(
                self.tr(
                    "Output (%1) = row %2 of im2col · column %3 of the filters + bias "
                    "= %4 + %5 = %6"
                ),
                f"n={n}, f={f}, i={i}, j={j}",
                e.row_of(n, i, j),
                f,
                shown,
                _num(float(e.bias[f])),
                _num(value),
            )
        if self.selected_input is not None:
            n, ch, y, x = self.selected_input
            copies = len(e.copies_of(n, ch, y, x))
            inside = (
                e.pad <= y < e.padded.shape[2] - e.pad and e.pad <= x < e.padded.shape[3] - e.pad
            )
            if not inside:
                return arg(
                    self.tr(
                        "Padding cell: %1 copies in the im2col matrix; col2im drops "
                        "their gradients."
                    ),
                    copies,
                )
            return arg(
                self.tr(
                    "Input cell (%1) appears %2 times in the im2col matrix; in the backward pass "
                    "col2im adds those %2 gradients back into it."
                ),
                f"n={n}, c={ch}, y={y - e.pad}, x={x - e.pad}",
                copies,
            )
        return ""

    def _update_texts(self) -> None:
        self.formula.setText(self.formula_text())
        self.detail.setText(self.detail_text())


def _num(v: float) -> str:
    text = str(int(v)) if v == int(v) else f"{v:g}"
    return f"({text.replace('-', '−')})" if v < 0 else text
