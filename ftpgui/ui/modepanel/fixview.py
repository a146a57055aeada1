"""The diagnosis' *How to fix* section: for each cause, what to change and where, each setting in a box of
its own with a *Copy* button (the text from ``ftpgui.fixes``: config text as it is, sentences translated).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ftpgui.fixes import Fix

translate = QCoreApplication.translate


class FixView(QScrollArea):
    """How to fix: a heading, each fix's summary, and its steps with their settings and *Copy* buttons."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMaximumHeight(260)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop of its own: its boxes and buttons have them
        self.fixes: List[Fix] = []
        self.copy_buttons: List[QPushButton] = []
        self.boxes: List[QPlainTextEdit] = []
        self.heading = QLabel()
        self._body = QWidget()
        self._layout = QVBoxLayout(self._body)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setWidget(self._body)
        self.setVisible(False)

    def set_fixes(self, fixes: List[Fix]) -> None:
        """Show ``fixes`` (hidden when there is nothing to fix)."""
        self.fixes = list(fixes)
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget()
            if widget is not None and widget is not self.heading:
                widget.deleteLater()
        self.copy_buttons, self.boxes = [], []
        self.heading.setText(translate("ModePanel", "How to fix"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self._layout.addWidget(self.heading)
        for fix in self.fixes:
            self._layout.addWidget(_words(fix.summary))
            for snippet in fix.snippets:
                self._layout.addWidget(_words(snippet.label))
                if snippet.text:
                    self._layout.addWidget(self._setting(snippet.text))
        self._layout.addStretch(1)
        self.setVisible(bool(self.fixes))

    def _setting(self, text: str) -> QWidget:
        """The setting, selectable, in a fixed-width font, and a button that copies it."""
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(12, 0, 0, 0)
        box = QPlainTextEdit(text)
        box.setReadOnly(True)
        box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        # one line of a command, scrolled sideways in a narrow dock: its height keeps room for the scroll bar
        # (without it the bar covered the lower half of the text, and a vertical one appeared - found by QA)
        box.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lines = text.count("\n") + 1
        bar = box.horizontalScrollBar().sizeHint().height()
        box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14 + bar)
        copy = QPushButton(translate("ModePanel", "Copy"))
        copy.setAccessibleName(translate("ModePanel", "Copy this setting"))
        copy.setToolTip(translate("ModePanel", "Copy this setting to the clipboard"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(text))
        layout.addWidget(box, 1)
        layout.addWidget(copy, 0, Qt.AlignmentFlag.AlignTop)
        self.boxes.append(box)
        self.copy_buttons.append(copy)
        return row


def _words(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # addresses from the diagnosis inside: never rich text
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
