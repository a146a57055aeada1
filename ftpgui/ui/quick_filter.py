"""The strip under each file list: the quick filter box for the folder in view, and what the filters hide.

Typing keeps the names that contain the text (any case; with ``*`` or ``?`` a glob on the whole name); Esc
clears the box (a second Esc goes back to the list). Whenever the filters or the box hide entries of the
folder, the strip says how many: nothing is ever hidden without a word.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QToolButton, QWidget

QUICK_DELAY_MS = 150  # typing settles before a huge folder is filtered again


class FilterBar(QWidget):
    """``changed(text)`` a moment after the person stops typing; ``show_counts`` says what is hidden."""

    changed = Signal(str)
    filtersWanted = Signal()  # the "Filters…" button: open the filters dialog

    def __init__(self, list_view: QWidget, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.list_view = list_view
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.edit.setPlaceholderText(self.tr("Quick filter (Ctrl+F)"))
        self.edit.setAccessibleName(self.tr("Quick filter"))
        self.edit.setToolTip(
            self.tr("Show only the names that contain this text; * and ? match like in file patterns. Esc clears it.")
        )
        self.edit.installEventFilter(self)
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("M") * 8)
        self.notice = QLabel(self)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setObjectName("filterNotice")
        self.notice.setWordWrap(True)  # two short lines in a narrow pane rather than a wider pane
        self.notice.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.notice.hide()
        self.filters_button = QToolButton(self)
        self.filters_button.setText(self.tr("Filters…"))
        self.filters_button.setToolTip(self.tr("Define filters and switch them on"))
        self.filters_button.clicked.connect(self.filtersWanted)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.notice, 1)
        layout.addWidget(self.filters_button)
        self._timer = QTimer(self, singleShot=True, interval=QUICK_DELAY_MS)
        self._timer.timeout.connect(lambda: self.changed.emit(self.edit.text()))
        self.edit.textChanged.connect(lambda _t: self._timer.start())

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        """Filter by ``text`` at once (tests, and Esc)."""
        self.edit.setText(text)
        self._timer.stop()
        self.changed.emit(text)

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Escape:
                if self.edit.text():
                    self.set_text("")
                else:
                    self.list_view.setFocus()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._timer.stop()
                self.changed.emit(self.edit.text())
                self.list_view.setFocus()  # on to the names kept
                return True
        return super().eventFilter(obj, event)

    def show_counts(self, by_rules: int, by_quick: int, names: str = "") -> None:
        """Say how many entries of the folder are hidden, and by what (``names``: the filters on)."""
        parts = []
        if by_rules:
            parts.append(self.tr("{n} hidden by filters").format(n=by_rules))
        if by_quick:
            parts.append(self.tr("{n} hidden by the quick filter").format(n=by_quick))
        self.notice.setText(self.tr(", ").join(parts))
        self.notice.setToolTip(self.tr("Filters on: {names}").format(names=names) if names else "")
        self.notice.setVisible(bool(parts))
        font = self.filters_button.font()
        font.setBold(bool(names))  # the button says filters are on, even when they hide nothing here
        self.filters_button.setFont(font)
